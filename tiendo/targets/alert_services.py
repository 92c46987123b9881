"""The writes that follow an alert: a specialist or leader sends it as a task (created through the directives'
services under the year's scenario-tracking directive, in the same transaction as the alert's change) or dismisses
it with a reason; the agency answering for each GRDP component; the projects an indicator depends on.

Each is one transaction with a keyword-only `actor`, history kept, stale edits refused (tiendo.audit.versions)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version
from tiendo.core import access
from tiendo.directives import services as directive_services
from tiendo.directives.models import Directive, Task
from tiendo.domain import growth_alerts as rules
from tiendo.domain.text import clean
from tiendo.projects.models import Project
from tiendo.reviews.services import issuer_name

from . import services
from .models import Alert, ComponentAgency, IndicatorProject

TASK_TITLE_LENGTH = Task._meta.get_field("title").max_length


def directive_title(year: int) -> str:
    return f"Theo dõi kịch bản tăng trưởng năm {year}"


def year_directive(year: int, actor) -> Directive:
    """The directive the year's alert tasks hang from: one plan-kind record per year, made with the first task
    (as a review's conclusion notice is made with its first decision), naming the scenario's document."""
    scenario = services.adopted_scenario(year)
    source = scenario.document if scenario is not None and scenario.document else f"Kịch bản tăng trưởng năm {year}"
    return directive_services.directive_by_title(
        kind=Directive.Kind.PLAN,
        title=directive_title(year),
        issued_on=timezone.localdate(),
        issuer=issuer_name(),
        source=source,
        text=(
            f"Các nhiệm vụ đề nghị từ cảnh báo khi số liệu công bố thấp hơn kịch bản tăng trưởng năm {year} "
            "hoặc chỉ tiêu chậm tiến độ."
        ),
        actor=actor,
        reason=_("Follow-up of the growth scenario"),
    )


def _proposed(alert: Alert) -> Alert:
    """The alert locked, refused unless it is still proposed."""
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.state != Alert.State.PROPOSED:
        raise ValidationError(
            _("This alert is already %(state)s: it can no longer be sent or dismissed.")
            % {"state": alert.get_state_display().lower()}
        )
    return alert


@transaction.atomic
def send_alert(alert: Alert, *, actor, text: str, deadline: date, agency, expected_version: int | None = None) -> Task:
    """The alert becomes a task of `agency` with the edited text and deadline: on the task board with its
    reminders, the agency's officers notified. The alert records the task."""
    if not access.can(actor, "send_target_alerts") or not access.visible(actor, Alert).filter(pk=alert.pk).exists():
        raise PermissionDenied
    claim_version(alert, expected_version)
    current = _proposed(alert)
    text = clean(text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the task's text.")})
    if agency is None:
        raise ValidationError({"agency": _("Choose the lead agency.")})
    if deadline is None or deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline cannot be in the past.")})
    title = rules.with_deadline(text, deadline)
    if len(title) > TASK_TITLE_LENGTH:
        raise ValidationError(
            {"text": _("The task's text is too long (at most %(n)d characters).") % {"n": TASK_TITLE_LENGTH - 25}}
        )
    task = Task(
        directive=year_directive(current.year, actor),
        assigned_on=timezone.localdate(),
        title=title,
        lead_agency=agency,
        assignee_text=agency.name,
        deadline=deadline,
        expected_result_kind=Task.ResultKind.REPORT,
        expected_result="Báo cáo nguyên nhân và giải pháp",
        source_sentence=current.text,
    )
    # a leader sends in the leaders' own right (as a review's follow-up); a specialist as the one who manages tasks
    as_leader = not access.can(actor, "manage_tasks") and access.can(actor, "decide_reviews")
    task = directive_services.save_task(
        task, actor=actor, reason=_("Target alert #%(n)d") % {"n": current.pk}, decided_by_leader=as_leader
    )
    current.state = Alert.State.SENT
    current.task = task
    current.agency = agency
    current.text = text
    current.decided_by, current.decided_at = actor, timezone.now()
    acted_by(current, actor, _("Sent as a task")).save()
    return task


@transaction.atomic
def dismiss_alert(alert: Alert, *, actor, reason: str, expected_version: int | None = None) -> Alert:
    """The alert set aside, saying why (a revision expected, the shortfall already handled…)."""
    if not access.can(actor, "send_target_alerts") or not access.visible(actor, Alert).filter(pk=alert.pk).exists():
        raise PermissionDenied
    reason = clean(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the alert is dismissed.")})
    claim_version(alert, expected_version)
    current = _proposed(alert)
    current.state = Alert.State.DISMISSED
    current.reason = reason
    current.decided_by, current.decided_at = actor, timezone.now()
    acted_by(current, actor, reason).save()
    return current


@transaction.atomic
def save_component_agency(component: str, agency, *, actor, expected_version: int | None = None) -> ComponentAgency:
    """Who answers for a GRDP component; its future shortfalls are proposed to that agency."""
    if not access.can(actor, "manage_targets"):
        raise PermissionDenied
    row = ComponentAgency.objects.filter(component=component).first() or ComponentAgency(component=component)
    claim_version(row, expected_version)
    row.agency = agency
    row.full_clean()
    acted_by(row, actor).save()
    return row


@transaction.atomic
def link_project(indicator, project, year: int, *, actor, note: str = "") -> IndicatorProject:
    """A project the indicator depends on in a year (shown beside it with its behind-schedule findings)."""
    if not access.can(actor, "manage_targets") or not access.can_change(actor, IndicatorProject(indicator=indicator)):
        raise PermissionDenied
    if not access.visible(actor, Project).filter(pk=project.pk).exists():
        raise PermissionDenied
    if IndicatorProject.objects.filter(indicator=indicator, project=project, year=year).exists():
        raise ValidationError(_("This project is already linked to the indicator for that year."))
    link = IndicatorProject(indicator=indicator, project=project, year=year, note=clean(note or "").strip())
    link.full_clean()
    acted_by(link, actor).save()
    return link


@transaction.atomic
def unlink_project(link: IndicatorProject, *, actor, reason: str = "") -> None:
    if not access.can(actor, "manage_targets"):
        raise PermissionDenied
    acted_by(link, actor, reason or None).delete()
