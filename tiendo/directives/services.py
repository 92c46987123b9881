"""The one way directives and tasks change, shared by the pages, the API and the commands.

Every change goes through here so that it lands in the history with its author and reason, and so that the
people concerned get an in-app notification.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version
from tiendo.core import access as core_access

from .models import Directive, ExtensionRequest, Notification, ProgressUpdate, Task


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def notify(users: Iterable, kind: str, task: Task | None, message: str, day: date | None = None) -> int:
    """Add one in-app notification per user; a second identical one on the same day is ignored."""
    day = day or timezone.localdate()
    # a notification names its task: it reaches only those who may open that task
    users = [user for user in users if task is None or core_access.can(user, "see_task", task)]
    rows = [Notification(user=user, task=task, kind=kind, day=day, message=message[:500]) for user in users]
    return len(Notification.objects.bulk_create(rows, ignore_conflicts=True))


def mark_read(notifications, *, actor) -> int:
    """Mark the actor's unread notifications among `notifications` (a queryset) as read; returns how many."""
    unread = notifications.filter(user=actor, read_at__isnull=True)
    return unread.update(read_at=timezone.now())


def agency_staff(agency_ids: Iterable[int]):
    return core_access.users_with("works_for_agency").filter(agency_id__in=list(agency_ids))


@transaction.atomic
def save_directive(directive: Directive, *, actor, reason: str = "", expected_version: int | None = None) -> Directive:
    if not core_access.can(actor, "manage_tasks"):
        raise PermissionDenied
    claim_version(directive, expected_version)
    if directive.pk is None:
        directive.created_by = actor
    directive.full_clean()
    acted_by(directive, actor, reason).save()
    return directive


def directive_by_title(*, kind: str, title: str, issued_on: date, issuer: str, source: str, text: str, actor, reason):
    """The live directive of this kind and title, or a new one made now (with the first task that hangs from it):
    the yearly directives that follow-up work is filed under (targets' alerts, overdue petitions). Call inside the
    caller's transaction."""
    found = Directive.objects.alive().filter(kind=kind, title=title).order_by("pk").first()
    if found is not None:
        return found
    directive = Directive(
        kind=kind, issued_on=issued_on, issuer=issuer, title=title, source=source[:500], text=text, created_by=actor
    )
    directive.full_clean()
    acted_by(directive, actor, reason).save()
    return directive


@transaction.atomic
def save_task(
    task: Task,
    *,
    actor,
    cooperating=None,
    reason: str = "",
    decided_by_leader: bool = False,
    expected_version: int | None = None,
) -> Task:
    """Create or edit a task (specialists). A new task tells the lead agency's officers about it.

    `decided_by_leader`: a leader assigns follow-up work in a decision (reviews), the caller having checked that
    the leader may decide; otherwise only those who manage tasks may save one."""
    allowed = core_access.can(actor, "decide_reviews") if decided_by_leader else core_access.can(actor, "manage_tasks")
    if not allowed:
        raise PermissionDenied
    claim_version(task, expected_version)
    created = task.pk is None
    if created:
        task.created_by = actor
    task.full_clean(exclude=["search_key"])
    acted_by(task, actor, reason).save()
    if cooperating is not None:
        task.cooperating_agencies.set(cooperating)
    if created:
        deadline = _("by %(day)s") % {"day": _day(task.deadline)} if task.deadline else ""
        notify(
            agency_staff([task.lead_agency_id]),
            Notification.Kind.ASSIGNED,
            task,
            f"{_('New task')}: {task.title} {deadline}".strip(),
        )
    return task


@transaction.atomic
def accept_extracted_tasks(directive: Directive, accepted: Iterable[dict], *, actor) -> list[Task]:
    """The tasks a specialist accepted from a meeting text, all or none: one task per lead agency of each.

    `directive`: an existing one, or a new (unsaved) one made from the same page, saved here first. `accepted`: the
    reviewed proposals (title, assignee_text, lead_agencies, cooperating_text, deadline, deadline_text, standing,
    sentence), as the review page's forms clean them."""
    if directive.pk is None:
        directive = save_directive(directive, actor=actor)
    tasks = []
    for data in accepted:
        for agency in data["lead_agencies"]:
            task = Task(
                directive=directive,
                title=data["title"],
                assignee_text=data["assignee_text"],
                lead_agency=agency,
                cooperating_text=data["cooperating_text"],
                deadline=None if data["standing"] else data["deadline"],
                deadline_text=data["deadline_text"],
                standing=data["standing"],
                source_sentence=data["sentence"],
            )
            tasks.append(save_task(task, actor=actor, reason=_("Accepted from the text of the directive")))
    return tasks


@transaction.atomic
def record_progress(
    task: Task,
    *,
    actor,
    text: str,
    percent: int,
    reported_on: date | None = None,
    completed: bool = False,
    attachment=None,
) -> ProgressUpdate:
    """An agency reports on its task; reporting it done closes the task on the day reported."""
    if not core_access.can(actor, "report_on_task", task):
        raise PermissionDenied
    today = timezone.localdate()
    reported_on = reported_on or today
    if reported_on > today:
        raise ValidationError(_("The report date cannot be in the future."))
    if task.completed_on is not None:
        raise ValidationError(_("This task is already done; ask a specialist to reopen it."))
    if not 0 <= percent <= 100:
        raise ValidationError(_("Progress must be between 0 and 100%."))
    if completed:
        percent = 100
    update = ProgressUpdate(
        task=task,
        reported_on=reported_on,
        text=text.strip(),
        percent=percent,
        completed=completed,
        author=actor,
    )
    if attachment is not None:
        update.attachment = attachment
        update.attachment_name = getattr(attachment, "name", "")[:255]
    if not update.text:
        raise ValidationError(_("Describe the progress."))
    acted_by(update, actor).save()
    task = Task.objects.select_for_update().get(pk=task.pk)
    claim_version(task, None)
    task.progress = percent
    fields = ["progress"]
    if completed:
        task.completed_on = reported_on
        task.result = update.text
        fields += ["completed_on", "result"]
    acted_by(task, actor, _("Progress report of %(day)s") % {"day": _day(reported_on)}).save(update_fields=fields)
    return update


@transaction.atomic
def reopen_task(task: Task, *, actor, reason: str) -> Task:
    """A specialist finds the reported result not enough: the task is open again, its history keeps both steps."""
    if not core_access.can(actor, "manage_tasks"):
        raise PermissionDenied
    if task.completed_on is None:
        raise ValidationError(_("This task is not done."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for reopening."))
    claim_version(task, None)
    task.completed_on = None
    last = task.updates.exclude(completed=True).order_by("-reported_on", "-pk").first()
    task.progress = last.percent if last else 0
    acted_by(task, actor, reason.strip()).save(update_fields=["completed_on", "progress"])
    return task


@transaction.atomic
def request_extension(task: Task, *, actor, requested_deadline: date, reason: str) -> ExtensionRequest:
    if not core_access.can(actor, "report_on_task", task):
        raise PermissionDenied
    if task.completed_on is not None:
        raise ValidationError(_("This task is already done."))
    if task.standing:
        raise ValidationError(_("A standing task has no deadline to extend."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the extension."))
    current = task.deadline
    if current is not None and requested_deadline <= current:
        raise ValidationError(
            _("The requested deadline must be after the current one (%(day)s).") % {"day": _day(current)}
        )
    if requested_deadline < timezone.localdate():
        raise ValidationError(_("The requested deadline is already past."))
    if task.extensions.filter(state=ExtensionRequest.State.PENDING).exists():
        raise ValidationError(_("An extension request for this task is already waiting for a decision."))
    request = ExtensionRequest(
        task=task,
        old_deadline=current,
        requested_deadline=requested_deadline,
        reason=reason.strip(),
        requested_by=actor,
    )
    acted_by(request, actor).save()
    deciders = core_access.users_with("receives_extension_requests")
    notify(
        deciders,
        Notification.Kind.EXTENSION_REQUESTED,
        task,
        _("%(agency)s asks to extend “%(task)s” to %(day)s")
        % {
            "agency": task.lead_agency.short_name or task.lead_agency.name,
            "task": task.title,
            "day": _day(requested_deadline),
        },
    )
    return request


@transaction.atomic
def decide_extension(request: ExtensionRequest, *, actor, approve: bool, note: str = "") -> ExtensionRequest:
    """Approving moves the deadline; the original deadline stays on the task for reports that judge by it."""
    if not core_access.can(actor, "decide_extensions"):
        raise PermissionDenied
    request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != ExtensionRequest.State.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if not approve and not note.strip():
        raise ValidationError(_("Give the reason for refusing."))
    request.state = ExtensionRequest.State.APPROVED if approve else ExtensionRequest.State.REFUSED
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note.strip()
    acted_by(request, actor, note).save()
    task = Task.objects.select_for_update().get(pk=request.task_id)
    if approve:
        claim_version(task, None)
        task.deadline = request.requested_deadline
        reason = _("Extension approved: %(reason)s") % {"reason": request.reason}
        acted_by(task, actor, reason).save(update_fields=["deadline"])
    verdict = _("approved") if approve else _("refused")
    notify(
        [request.requested_by],
        Notification.Kind.EXTENSION_DECIDED,
        task,
        _("Extension of “%(task)s” to %(day)s: %(verdict)s")
        % {"task": task.title, "day": _day(request.requested_deadline), "verdict": verdict},
    )
    return request


@transaction.atomic
def delete_task(task: Task, *, actor, reason: str) -> None:
    if not core_access.can(actor, "manage_tasks"):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Give the reason for deleting."))
    task.soft_delete(actor, reason.strip())


@transaction.atomic
def delete_directive(directive: Directive, *, actor, reason: str) -> None:
    if not core_access.can(actor, "manage_tasks"):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Give the reason for deleting."))
    if directive.tasks.alive().exists():
        raise ValidationError(_("Delete or move this directive's tasks first."))
    directive.soft_delete(actor, reason.strip())
