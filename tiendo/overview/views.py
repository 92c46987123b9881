from datetime import timedelta

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tiendo.agencies.models import AdminUnit, Agency, Reorganisation
from tiendo.core import access as core_access
from tiendo.projects.access import projects_for_user


@require_GET
def home(request):
    """The overview: today's organisation, the user's own place in it, and the latest reorganisations."""
    today = timezone.localdate()
    agencies_today = Agency.objects.valid_on(today)
    by_kind = dict(agencies_today.values_list("kind").annotate(n=Count("pk")).order_by())
    units_today = AdminUnit.objects.valid_on(today)
    kinds = [(label, by_kind.get(value, 0)) for value, label in Agency.Kind.choices if by_kind.get(value)]
    context = {
        "today": today,
        "agency_count": sum(by_kind.values()),
        "kinds": kinds,
        "commune_count": units_today.filter(level=AdminUnit.Level.COMMUNE).count(),
        "ended_count": Agency.objects.filter(valid_to__lt=today).count(),
        "reorganisations": Reorganisation.objects.select_related("target_agency", "target_unit")[:8],
        "can_list_enterprises": core_access.can(request.user, "list_enterprises"),
    }
    context |= _project_figures(request.user, today)
    if core_access.can(request.user, "read_directives"):
        context |= _task_figures(request.user, today)
    if context["can_list_enterprises"]:
        from tiendo.enterprises.models import Enterprise

        enterprises = core_access.visible(request.user, Enterprise).alive()
        context["enterprise_count"] = enterprises.count()
        context["foreign_count"] = enterprises.exclude(country="VN").count()
    return render(request, "overview/home.html", context)


def _project_figures(user, today) -> dict[str, int]:
    """The overview's project counts; the province-wide ones are shared by all who see everything, for a minute."""
    key = f"tiendo:home-projects:{today.isoformat()}" if core_access.can(user, "see_everything") else None
    if key and (cached := cache.get(key)) is not None:
        return cached
    projects = projects_for_user(user)
    figures = {
        "project_count": projects.count(),
        "implementing_count": projects.filter(status="implementing").count(),
        "overdue_count": projects.with_overdue_milestone(today).count(),
    }
    if key:
        cache.set(key, figures, 60)
    return figures


def _task_figures(user, today) -> dict:
    """Open, overdue and due-soon tasks the user can see, with the same rules as the board."""
    from django.conf import settings
    from django.db.models import Q

    from tiendo.directives.access import tasks_for_user

    days = getattr(settings, "TIENDO_DUE_SOON_DAYS", 7)
    window = today + timedelta(days=days)
    open_tasks = Q(completed_on__isnull=True)
    dated = open_tasks & Q(standing=False, deadline__isnull=False)
    return {"due_soon_days": days} | tasks_for_user(user).aggregate(
        open_task_count=Count("pk", filter=open_tasks),
        overdue_task_count=Count("pk", filter=dated & Q(deadline__lt=today)),
        due_soon_task_count=Count("pk", filter=dated & Q(deadline__gte=today, deadline__lte=window)),
    )


@login_not_required
@require_GET
def healthz(request):
    """For the load balancer: answers without a session, checks that the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
