"""Who sees and changes directives, tasks, their updates and extension requests, and notifications, registered
in the access layer; the helpers below are thin wrappers over it."""

from django.db.models import Exists, OuterRef, Q

from tiendo.core import access
from tiendo.domain import access as role_table

from .models import Directive, ExtensionRequest, Notification, ProgressUpdate, Task


def _agency_tasks(tasks, agency_ids):
    """Tasks an agency leads or cooperates on: the keys of both in one UNION, each read by its own index (an OR of
    the two made PostgreSQL read every task of a nation)."""
    leading = Task.objects.filter(lead_agency_id__in=agency_ids).order_by().values("pk")
    through = Task.cooperating_agencies.through
    cooperating = through.objects.filter(agency_id__in=agency_ids).order_by().values("task_id")
    return tasks.filter(pk__in=leading.union(cooperating))


def _tasks(actor):
    return access.scoped(Task.objects.alive(), actor, role_table.task_scope, agency_filter=_agency_tasks)


def _directives(actor):
    def of_agency(directives, agency_ids):
        return directives.filter(pk__in=_tasks(actor).values("directive_id"))

    return access.scoped(Directive.objects.alive(), actor, role_table.task_scope, agency_filter=of_agency)


def _of_tasks(model):
    return lambda actor, user: model.objects.filter(task__in=_tasks(actor).values("pk"))


def register() -> None:
    access.register(
        Directive,
        visible=lambda actor, user: _directives(actor),
        can_change=lambda actor, d: role_table.can_manage_tasks(actor),
    )
    access.register(
        Task, visible=lambda actor, user: _tasks(actor), can_change=lambda actor, t: role_table.can_manage_tasks(actor)
    )
    access.register(ProgressUpdate, visible=_of_tasks(ProgressUpdate))
    access.register(
        ExtensionRequest,
        visible=_of_tasks(ExtensionRequest),
        can_change=lambda actor, request: role_table.can_decide_extension(actor),
    )
    # one's own notifications, and nobody else's. EXISTS per notification (a user has few) rather than IN: under
    # the OR, PostgreSQL hashed every visible task for each page's bell (0.25 s at 60,000 tasks)
    access.register(
        Notification,
        visible=lambda actor, user: (
            # EXISTS per notification of the user, not the set of every task the actor sees (the bell is on every page)
            Notification.objects.filter(user=user).filter(
                Q(task__isnull=True) | Q(Exists(_tasks(actor).filter(pk=OuterRef("task_id"))))
            )
            if role_table.signed_in(actor)
            else Notification.objects.none()
        ),
        can_change=lambda actor, notification: role_table.signed_in(actor),
    )
    # progress and extension requests come from the lead agency's officers (or a specialist on their behalf)
    access.register_check(
        "report_on_task", lambda actor, task: role_table.can_report_on_task(actor, task.lead_agency_id)
    )
    access.register_check("see_task", _sees_task)


def _sees_task(actor, task) -> bool:
    """Whether a notification about this task may reach this actor (the same rule as the task's scope)."""
    kind = role_table.task_scope(actor)
    if kind == role_table.Scope.ALL:
        return True
    if kind != role_table.Scope.AGENCY:
        return False
    if task.lead_agency_id in actor.agency_ids:
        return True
    return task.cooperating_agencies.filter(pk__in=actor.agency_ids).exists()


def directives_for_user(user):
    return access.visible(user, Directive)


def tasks_for_user(user):
    return access.visible(user, Task)


def get_directive_for_user(user, pk) -> Directive:
    return access.get_or_404(user, Directive, pk=pk)


def get_task_for_user(user, pk) -> Task:
    """A task the user may see; the same 404 whether it does not exist or belongs to another agency."""
    return access.get_or_404(
        user, Task, queryset=Task.objects.select_related("directive", "lead_agency", "project"), pk=pk
    )
