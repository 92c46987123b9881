"""The projects' background jobs: the workbook import (validate everything, then write in one transaction) and
the registry export."""

import logging
import tempfile

from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tiendo.jobs.queue import job_kind

from .models import ImportJob
from .workbook import FileRejected, import_workbook

logger = logging.getLogger(__name__)

STEPS = gettext_noop("%(done)s of %(total)s steps")


def queue_import(file, *, actor, name: str, partial: bool = False, dry_run: bool = False) -> ImportJob:
    """The one way a workbook import starts, from the upload page and `tiendo import --background`: the upload's
    record, then its job."""
    upload = ImportJob.objects.create(
        uploaded_by=actor, file=file, original_name=name[:255], partial=partial, dry_run=dry_run
    )
    start_import(upload)
    return upload


def start_import(upload: ImportJob) -> None:
    """Queue the import as a background job (run at once when TIENDO_JOBS_IMMEDIATE is set, as in the tests)."""
    from django.urls import reverse

    from tiendo.jobs.queue import start_job

    back = reverse("projects:import_status", args=[upload.pk])
    params = {"import_id": upload.pk, "back": back}
    job = start_job("projects.import", actor=upload.uploaded_by, subject=upload.original_name, params=params)
    ImportJob.objects.filter(pk=upload.pk).update(job=job)
    upload.job = job


def _import_failed(job) -> None:
    """The job died or failed: its import says so (and the page stops polling)."""
    ImportJob.objects.filter(Q(pk=job.params.get("import_id", 0)) | Q(job=job)).exclude(
        status__in=[ImportJob.Status.DONE, ImportJob.Status.REJECTED]
    ).update(
        status=ImportJob.Status.FAILED,
        result={"refused": True, "error_count": 0, "errors": []},
        finished_at=timezone.now(),
    )


@job_kind("projects.import", _("Project workbook import"), on_failed=_import_failed)
def run_import(job, report) -> None:
    """Check and write one uploaded workbook, recording the outcome on its ImportJob."""
    upload = ImportJob.objects.select_related("uploaded_by").get(pk=job.params["import_id"])
    ImportJob.objects.filter(pk=upload.pk).update(status=ImportJob.Status.RUNNING)
    counts = [0, 0]

    def progress(done: int, total: int) -> None:
        counts[:] = [done, total]
        report(int(100 * done / total) if total else 0, STEPS, done=done, total=total)

    try:
        with upload.file.open("rb") as handle:
            result = import_workbook(
                handle,
                upload.original_name,
                upload.uploaded_by,
                partial=upload.partial,
                dry_run=upload.dry_run,
                progress=progress,
            )
    except FileRejected as error:
        error_row = {"sheet": "", "row": 0, "column": "", "header": "", "message": error.message}
        _finish(upload, ImportJob.Status.REJECTED, {"refused": True, "error_count": 1, "errors": [error_row]}, 0)
        report.set_result({"refused": True})
        return
    if result.rejected_workbook:
        upload.rejected_file.save(f"loi-{upload.pk}.xlsx", ContentFile(result.rejected_workbook), save=False)
    status = ImportJob.Status.REJECTED if result.refused else ImportJob.Status.DONE
    summary = result.as_dict(error_limit=1000)
    _finish(upload, status, summary, counts[1])
    report.set_result({k: summary.get(k) for k in ("refused", "created", "updated", "rejected", "error_count")})


def _finish(upload: ImportJob, status: str, result: dict, total: int) -> None:
    upload.status = status
    upload.result = result
    upload.total_rows = upload.processed_rows = total
    upload.finished_at = timezone.now()
    upload.save(update_fields=["status", "result", "total_rows", "processed_rows", "finished_at", "rejected_file"])


@job_kind("projects.export", _("Project registry export"))
def run_export(job, report) -> None:
    """The registry workbook as the user sees it, with the list's filters (params: the query string)."""
    from django.http import QueryDict

    from .access import projects_for_user
    from .forms import ProjectFilterForm
    from .workbook import export_workbook

    projects = ProjectFilterForm(QueryDict(job.params.get("query", "")), user=job.started_by).apply(
        projects_for_user(job.started_by)
    )
    with tempfile.TemporaryFile() as target:
        counts = export_workbook(projects, target, progress=lambda done, total: report(int(90 * done / total)))
        target.seek(0)
        report.save_file(job.params["filename"], target.read())
    report.set_result(counts)
