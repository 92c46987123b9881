from datetime import timedelta

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tiendo.agencies.models import AdminUnit, Agency, Reorganisation
from tiendo.core import access as core_access
from tiendo.core import fragments
from tiendo.domain.access import enterprise_scope, project_scope, task_scope
from tiendo.portal import pages_home as portal_home
from tiendo.projects.access import projects_for_user
from tiendo.reviews.scan_state import scan_notice

from .investor import investor_home


@login_not_required
@require_GET
def home(request):
    """A visitor who has not signed in gets the public portal's home (in Vietnamese: the site's root is its
    Vietnamese address). A signed-in user gets the overview: today's organisation, the user's own place in it,
    and the latest reorganisations; for an investor, what its projects owe and what is late (overview.investor).

    Each block is cached for everyone who sees the same records (tiendo.core.fragments): the organisation for
    all, the projects, tasks and enterprises per access scope; a change to their data makes a new key."""
    if not request.user.is_authenticated:
        return portal_home.home_in_vietnamese(request)
    today = timezone.localdate()
    user = request.user
    context = {"today": today, "can_list_enterprises": core_access.can(user, "list_enterprises")}
    if core_access.can(user, "is_investor"):
        # an investor's home is about its own projects, not the province's agencies and reorganisations
        context |= {"investor": True} | investor_home(user, today)
    else:
        context |= fragments.cached("organisation", ["home", today], lambda: _organisation(today))
    context |= fragments.cached(
        "projects", ["home", fragments.scope_key(user, project_scope), today], lambda: _project_figures(user, today)
    )
    if core_access.can(user, "read_directives"):
        context |= fragments.cached(
            "tasks", ["home", fragments.scope_key(user, task_scope), today], lambda: _task_figures(user, today)
        )
    if context["can_list_enterprises"]:
        context |= fragments.cached(
            "enterprises", ["home", fragments.scope_key(user, enterprise_scope)], lambda: _enterprise_figures(user)
        )
    if core_access.can(user, "view_reviews"):
        context["scan_notice"] = scan_notice(user, request.get_full_path())
    return render(request, "overview/home.html", context)


def _organisation(today) -> dict:
    """Agencies in force by kind, communes, ended agencies and the latest reorganisations: the same for all."""
    by_kind = dict(Agency.objects.valid_on(today).values_list("kind").annotate(n=Count("pk")).order_by())
    return {
        "agency_count": sum(by_kind.values()),
        "kinds": [(label, by_kind.get(value, 0)) for value, label in Agency.Kind.choices if by_kind.get(value)],
        "commune_count": AdminUnit.objects.valid_on(today).filter(level=AdminUnit.Level.COMMUNE).count(),
        "ended_count": Agency.objects.filter(valid_to__lt=today).count(),
        "reorganisations": list(Reorganisation.objects.select_related("target_agency", "target_unit")[:8]),
    }


def _project_figures(user, today) -> dict[str, int]:
    projects = projects_for_user(user)
    return {
        "project_count": projects.count(),
        # the set the scan evaluates and the review brief counts, under the same words ("running projects")
        "running_count": projects.running().count(),
        "overdue_count": projects.with_overdue_milestone(today).count(),
    }


def _enterprise_figures(user) -> dict[str, int]:
    from tiendo.enterprises.models import Enterprise

    enterprises = core_access.visible(user, Enterprise).alive()
    return {"enterprise_count": enterprises.count(), "foreign_count": enterprises.exclude(country="VN").count()}


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
