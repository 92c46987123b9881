"""The one way projects change, shared by the pages, the import, the API and the commands."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.audit.models import acted_by as _as
from tiendo.audit.versions import claim_version

from .models import Milestone, ProgressReport, Project, ScheduleAdjustment


@transaction.atomic
def save_project(project: Project, actor, reason: str = "", *, expected_version: int | None = None) -> Project:
    """`expected_version`: the version the editor read; a stale one raises StaleVersion and changes nothing."""
    claim_version(project, expected_version)
    _as(project, actor, reason).save()
    return project


@transaction.atomic
def save_milestone(milestone: Milestone, actor, reason: str = "", *, expected_version: int | None = None) -> Milestone:
    claim_version(milestone, expected_version)
    if milestone.current_due is None:
        milestone.current_due = milestone.first_due
    _as(milestone, actor, reason).save()
    return milestone


@transaction.atomic
def adjust_schedule(
    milestone: Milestone, document_number: str, decided_on: date, new_due: date, reason: str, actor
) -> ScheduleAdjustment:
    """Extend a milestone: keep the old due date in the adjustment, move the current one."""
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    old_due = milestone.current_due or milestone.first_due
    if old_due is None:
        raise ValidationError(_("This milestone has no due date to adjust."))
    if new_due <= old_due:
        raise ValidationError(
            _("The new due date must be after the current one (%(day)s).") % {"day": old_due.strftime("%d/%m/%Y")}
        )
    adjustment = ScheduleAdjustment(
        milestone=milestone,
        document_number=document_number.strip(),
        decided_on=decided_on,
        old_due=old_due,
        new_due=new_due,
        reason=reason,
    )
    _as(adjustment, actor).save()
    claim_version(milestone, None)
    milestone.current_due = new_due
    _as(milestone, actor, document_number.strip()).save()
    return adjustment


@transaction.atomic
def record_progress(project: Project, report: ProgressReport, actor) -> ProgressReport:
    report.project = project
    report.submitted_by = actor
    report.submitted_at = timezone.now()
    report.full_clean()
    report.save()
    return report
