"""The one way projects change, shared by the pages, the import, the API and the commands."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version

from .models import Document, Milestone, ProgressReport, Project, ScheduleAdjustment


@transaction.atomic
def save_project(project: Project, *, actor, reason: str = "", expected_version: int | None = None) -> Project:
    """`expected_version`: the version the editor read; a stale one raises StaleVersion and changes nothing."""
    claim_version(project, expected_version)
    acted_by(project, actor, reason).save()
    return project


@transaction.atomic
def save_milestone(milestone: Milestone, *, actor, reason: str = "", expected_version: int | None = None) -> Milestone:
    claim_version(milestone, expected_version)
    if milestone.current_due is None:
        milestone.current_due = milestone.first_due
    acted_by(milestone, actor, reason).save()
    return milestone


@transaction.atomic
def adjust_schedule(
    milestone: Milestone, *, actor, document_number: str, decided_on: date, new_due: date, reason: str
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
    acted_by(adjustment, actor).save()
    claim_version(milestone, None)
    milestone.current_due = new_due
    acted_by(milestone, actor, document_number.strip()).save()
    return adjustment


@transaction.atomic
def record_progress(project: Project, report: ProgressReport, *, actor) -> ProgressReport:
    """A progress report, kept as submitted (a correction is a new report)."""
    report.project = project
    report.submitted_by = actor
    report.submitted_at = timezone.now()
    report.full_clean()
    report.save()  # no history of its own: a report is kept as submitted
    return report


@transaction.atomic
def delete_project(project: Project, *, actor, reason: str = "") -> None:
    """Hide the project; an administrator can restore it, and its history keeps both steps."""
    project.soft_delete(actor, reason)


@transaction.atomic
def restore_project(project: Project, *, actor, reason: str = "") -> None:
    project.restore(actor, reason)


@transaction.atomic
def attach_document(project: Project, document: Document, *, actor) -> Document:
    """A paper of the project (a decision, minutes, a photo of the site); its history row names the uploader."""
    document.project = project
    document.uploaded_by = actor
    acted_by(document, actor).save()
    return document
