"""The statistics release import as a background job, as the project workbook and the Treasury imports run: the
upload is kept where the worker reads it, checked (a dry run first, always), then recorded once confirmed."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tiendo.jobs.queue import JobRefused, job_kind

KIND = "targets.release_import"
CHECKING = gettext_noop("Checking the rows.")


def queue_release_import(upload=None, *, actor, dry_run: bool, stored: str = "", name: str = ""):
    """Keep the upload (or reuse the file a dry run kept, to record it once confirmed) and start the job; its
    parameters carry the page to come back to."""
    from django.core.files.storage import default_storage
    from django.urls import reverse
    from django.utils import timezone

    from tiendo.jobs.models import Job
    from tiendo.jobs.queue import start_job

    if upload is not None:
        name = upload.name
        stored = default_storage.save(f"jobs/uploads/{timezone.localdate():%Y/%m}/{upload.name}", upload)
    params = {"file": stored, "name": name, "dry_run": dry_run}
    job = start_job(KIND, actor=actor, subject=name[:255], params=params)
    back = reverse("targets:records_preview", args=[job.pk])
    Job.objects.filter(pk=job.pk).update(params=params | {"back": back})
    job.refresh_from_db()
    return job


def confirm_checked_import(job, *, actor):
    """Record the file a dry run checked, once: two clicks (or two tabs) on "record" start one import. The
    import's job, or the one an earlier confirmation started."""
    from django.db import transaction

    from tiendo.jobs.models import Job

    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if confirmed := locked.params.get("confirmed"):
            return Job.objects.get(pk=confirmed)
        recorded = queue_release_import(
            actor=actor, dry_run=False, stored=locked.params["file"], name=locked.params["name"]
        )
        Job.objects.filter(pk=job.pk).update(params=locked.params | {"confirmed": recorded.pk})
    return recorded


@job_kind(KIND, _("Statistics release import"))
def run_release_import(job, report) -> None:
    """Check every row; unless a dry run, record the release and its figures in one transaction."""
    from django.core.files.storage import default_storage

    from .release_import import FileRejected, import_release

    report(10, CHECKING)
    with default_storage.open(job.params["file"], "rb") as handle:
        try:
            result = import_release(
                handle, job.params["name"], actor=job.started_by, dry_run=job.params.get("dry_run", True)
            )
        except FileRejected as error:
            report.set_result({"file_rejected": error.message})
            raise JobRefused(error.message) from None
    report.set_result(result.as_dict(error_limit=1000))
