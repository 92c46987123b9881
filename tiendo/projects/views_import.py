"""Import and export pages: upload a workbook, watch it being checked and written, download the registry.

A large workbook takes longer than a request should, so the upload saves an ImportJob and works on it in a
background thread; the status page polls a partial with htmx. The thread's progress during the write lives in
memory (the write is one transaction, so a progress row in the database would stay invisible until the end).
"""

import io
import logging
import tempfile
import threading

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import close_old_connections, connection, transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from tiendo.core import access as core_access

from .access import projects_for_user
from .forms import ProjectFilterForm
from .models import ImportJob
from .workbook import (
    EXTENSIONS,
    GUIDE_SHEET,
    MILESTONES,
    PROJECTS,
    REPORTS,
    FileRejected,
    blank_template,
    export_csv,
    export_workbook,
    import_workbook,
)

logger = logging.getLogger(__name__)

# job id -> (rows processed, total): what the running thread has done, readable by the status page at once
_live: dict[int, tuple[int, int]] = {}


def _require_importer(user) -> None:
    core_access.require(user, "import_projects")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Workbook (.xlsx, .xls, .ods or .csv)"))
    partial = forms.BooleanField(label=_("Write the valid rows and return the rejected ones"), required=False)
    dry_run = forms.BooleanField(label=_("Check only, write nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Only .xlsx, .xls, .ods and .csv files can be imported."))
        return upload


@require_http_methods(["GET", "POST"])
def import_upload(request):
    _require_importer(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            uploaded_by=request.user,
            file=upload,
            original_name=upload.name[:255],
            partial=form.cleaned_data["partial"],
            dry_run=form.cleaned_data["dry_run"],
        )
        start_import(job)
        return redirect("projects:import_status", pk=job.pk)
    jobs = ImportJob.objects.filter(uploaded_by=request.user)[:10]
    context = {"form": form, "jobs": jobs, "sheets": [PROJECTS, MILESTONES, REPORTS], "guide_sheet": GUIDE_SHEET}
    return render(request, "projects/import_upload.html", context)


def start_import(job: ImportJob) -> None:
    """Run the job in a daemon thread (settings.TIENDO_IMPORT_IN_THREAD = False runs it now, for tests)."""
    if getattr(settings, "TIENDO_IMPORT_IN_THREAD", True):
        transaction.on_commit(lambda: threading.Thread(target=_thread_main, args=(job.pk,), daemon=True).start())
    else:
        run_import_job(job.pk)


def _thread_main(job_id: int) -> None:
    close_old_connections()
    try:
        run_import_job(job_id)
    finally:
        connection.close()  # a thread's connection is never reused: close it or it leaks


def run_import_job(job_id: int) -> None:
    """Check and write one uploaded workbook, recording progress and the outcome on its ImportJob."""
    job = ImportJob.objects.select_related("uploaded_by").get(pk=job_id)
    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.RUNNING)
    last_saved = [0]

    def progress(done: int, total: int) -> None:
        _live[job_id] = (done, total)
        # Outside the write transaction the row is visible to other servers too; inside it, only memory is.
        if not connection.in_atomic_block and (done - last_saved[0] >= max(total // 50, 1) or done == total):
            last_saved[0] = done
            ImportJob.objects.filter(pk=job_id).update(processed_rows=done, total_rows=total)

    try:
        with job.file.open("rb") as handle:
            result = import_workbook(
                handle,
                job.original_name,
                job.uploaded_by,
                partial=job.partial,
                dry_run=job.dry_run,
                progress=progress,
            )
    except FileRejected as error:
        _finish(
            job,
            ImportJob.Status.REJECTED,
            {
                "refused": True,
                "error_count": 1,
                "errors": [{"sheet": "", "row": 0, "column": "", "header": "", "message": error.message}],
            },
        )
        return
    except Exception:
        logger.exception("Import job %s failed", job_id)
        _finish(job, ImportJob.Status.FAILED, {"refused": True, "error_count": 0, "errors": []})
        return
    if result.rejected_workbook:
        job.rejected_file.save(f"loi-{job.pk}.xlsx", ContentFile(result.rejected_workbook), save=False)
    status = ImportJob.Status.REJECTED if result.refused else ImportJob.Status.DONE
    _finish(job, status, result.as_dict(error_limit=1000))


def _finish(job: ImportJob, status: str, result: dict) -> None:
    done, total = _live.pop(job.pk, (job.total_rows, job.total_rows))
    job.status = status
    job.result = result
    job.total_rows = total
    job.processed_rows = total
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "total_rows", "processed_rows", "finished_at", "rejected_file"])


def _job_for_user(user, pk: int) -> ImportJob:
    _require_importer(user)
    return core_access.get_or_404(user, ImportJob, pk=pk)


@require_GET
def import_status(request, pk):
    job = _job_for_user(request.user, pk)
    if job.pk in _live and job.status not in (ImportJob.Status.DONE, ImportJob.Status.REJECTED):
        job.processed_rows, job.total_rows = _live[job.pk]
    finished = job.status in (ImportJob.Status.DONE, ImportJob.Status.REJECTED, ImportJob.Status.FAILED)
    context = {"job": job, "finished": finished, "result": job.result or {}}
    template = "projects/import_status.html#status" if request.htmx else "projects/import_status.html"
    return render(request, template, context)


@require_GET
def import_rejected(request, pk):
    job = _job_for_user(request.user, pk)
    if not job.rejected_file:
        raise Http404
    return FileResponse(
        job.rejected_file.open("rb"), as_attachment=True, filename=f"{job.original_name.rsplit('.', 1)[0]}-loi.xlsx"
    )


@require_GET
def import_template(request):
    _require_importer(request.user)
    target = tempfile.TemporaryFile()
    blank_template(target)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename="mau-nhap-du-an.xlsx")


@require_GET
def export_download(request):
    """The registry as the user sees it, with the list's filters: the workbook, or ?format=csv for the projects."""
    projects = ProjectFilterForm(request.GET, user=request.user).apply(projects_for_user(request.user))
    stamp = timezone.localdate().strftime("%Y%m%d")
    if request.GET.get("format") == "csv":
        target = tempfile.TemporaryFile(mode="w+b")
        text = io.TextIOWrapper(target, encoding="utf-8", newline="", write_through=True)
        export_csv(projects, text)
        text.flush()
        text.detach()
        target.seek(0)
        return FileResponse(target, as_attachment=True, filename=f"du-an-{stamp}.csv", content_type="text/csv")
    target = tempfile.TemporaryFile()
    export_workbook(projects, target)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=f"du-an-{stamp}.xlsx")
