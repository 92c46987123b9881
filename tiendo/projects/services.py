"""The one way projects change, shared by the pages, the import, the API and the commands."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version
from tiendo.domain.projects import CAP_EXCEPTION_REASONS, CAP_MONTHS, extension_cap, months_added

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
    """Extend a milestone: keep the old due date in the adjustment, move the current one. Beyond the 24-month cap
    of Art. 41(4) of the Law on Investment it is refused where the law refuses it, else recorded with a warning
    (`adjustment.cap_warning`, "" when none) that the pages and the command show."""
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    old_due = milestone.current_due or milestone.first_due
    if old_due is None:
        raise ValidationError(_("This milestone has no due date to adjust."))
    if new_due <= old_due:
        raise ValidationError(
            _("The new due date must be after the current one (%(day)s).") % {"day": old_due.strftime("%d/%m/%Y")}
        )
    warning = _cap_warning(milestone, old_due=old_due, new_due=new_due, decided_on=decided_on, reason=reason)
    adjustment = ScheduleAdjustment(
        milestone=milestone,
        document_number=document_number.strip(),
        decided_on=decided_on,
        old_due=old_due,
        new_due=new_due,
        reason=reason,
    )
    acted_by(adjustment, actor, warning).save()  # the warning stays in the adjustment's history
    adjustment.cap_warning = warning
    claim_version(milestone, None)
    milestone.current_due = new_due
    acted_by(milestone, actor, document_number.strip()).save()
    return adjustment


def _cap_warning(milestone: Milestone, *, old_due: date, new_due: date, decided_on: date, reason: str) -> str:
    project = milestone.project
    earlier = [(a.old_due, a.new_due) for a in milestone.adjustments.all() if a.reason in CAP_EXCEPTION_REASONS]
    cap = extension_cap(
        kind=project.kind,
        policy_approval=project.policy_decision_date,
        first_due=milestone.first_due,
        old_due=old_due,
        new_due=new_due,
        decided_on=decided_on,
        reason=reason,
        earlier_exempt_months=sum(months_added(old, new) for old, new in earlier),
    )
    if cap is None:
        return ""
    values = {"months": cap.total_months, "first": milestone.first_due.strftime("%d/%m/%Y"), "cap": CAP_MONTHS}
    if cap.refused:
        raise ValidationError(
            _(
                "This extension would push the schedule %(months)s months past the first due date (%(first)s). "
                "Art. 41(4) of the Law on Investment 2020 allows at most %(cap)s months unless the extension is for "
                "one of its exceptions (force majeure, land handed over late by the State, the State's request, a "
                "change of planning or objectives, a capital increase): choose the reason the decision gives."
            )
            % values
        )
    if cap.before_2021:
        return (
            _(
                "The schedule is pushed %(months)s months past the first due date (%(first)s), beyond the "
                "%(cap)s months of Art. 41(4) of the Law on Investment 2020; the project was approved before "
                "01/01/2021: check the limit of Decree 31/2021 Art. 117."
            )
            % values
        )
    return (
        _(
            "The schedule is pushed %(months)s months past the first due date (%(first)s), beyond the %(cap)s "
            "months of Art. 41(4) of the Law on Investment 2020: allowed only because of the exception given as the "
            "reason; check that the decision cites it."
        )
        % values
    )


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
