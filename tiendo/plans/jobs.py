"""The plans' background jobs: the People's Council appendix as PDF (2,000+ lines: half a minute of WeasyPrint)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tiendo.jobs.queue import JobRefused, job_kind

from . import exports
from .models import PlanVersion

RENDERING = gettext_noop("Laying out the pages (WeasyPrint).")


@job_kind("plans.appendix_pdf", _("Plan appendix (PDF)"))
def run_appendix_pdf(job, report) -> None:
    version = PlanVersion.objects.get(pk=job.params["version"])
    report(5, RENDERING)
    try:
        pdf = exports.render_pdf(version)
    except exports.PdfUnavailable as error:
        raise JobRefused(str(error)) from None
    report.save_file(exports.pdf_name(version), pdf)


CHECKING = gettext_noop("Checking the rows.")


def queue_disbursement_import(plan, upload, *, actor, dry_run: bool, partial: bool):
    """The one way a Treasury import starts: keep the upload where the worker can read it and queue the import
    (checked, then written in one go); the job's parameters carry the page to come back to."""
    from django.core.files.storage import default_storage
    from django.urls import reverse
    from django.utils import timezone

    from tiendo.jobs.models import Job
    from tiendo.jobs.queue import start_job

    stored = default_storage.save(f"jobs/uploads/{timezone.localdate():%Y/%m}/{upload.name}", upload)
    params = {"plan": plan.pk, "file": stored, "name": upload.name, "dry_run": dry_run, "partial": partial}
    job = start_job("plans.disbursement_import", actor=actor, subject=upload.name[:255], params=params)
    back = f"{reverse('plans:disbursement_import', args=[plan.pk])}?job={job.pk}"
    Job.objects.filter(pk=job.pk).update(params=params | {"back": back})
    job.refresh_from_db()
    return job


@job_kind("plans.disbursement_import", _("Treasury disbursement import"))
def run_disbursement_import(job, report) -> None:
    """Check every row, then record the months (one transaction, written at the end): a crash writes nothing."""
    from django.core.files.storage import default_storage

    from . import disbursement
    from .models import Plan

    plan = Plan.objects.get(pk=job.params["plan"])
    report(10, CHECKING)
    with default_storage.open(job.params["file"], "rb") as handle:
        try:
            outcome = disbursement.import_disbursement(
                plan,
                handle,
                job.params["name"],
                actor=job.started_by,
                dry_run=job.params.get("dry_run", False),
                partial=job.params.get("partial", False),
            )
        except disbursement.FileRejected as error:
            report.set_result({"file_rejected": error.message})
            raise JobRefused(error.message) from None
    report.set_result(outcome.as_dict(error_limit=1000))
