"""Import and export pages: upload a workbook, watch it being checked and written, download the registry.

A large workbook takes longer than a request should, so the upload saves an ImportJob and starts a background job
(tiendo/jobs: the worker process runs it, and a job whose worker died is given up); the status page polls a
partial with htmx until the job is done or failed.
"""

import io
import logging
import tempfile

from django import forms
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from tiendo.core import access as core_access
from tiendo.jobs.queue import refresh_job, start_job
from tiendo.jobs.views import file_or_job_page

from .access import projects_for_user
from .forms import ProjectFilterForm
from .jobs import queue_import
from .models import ImportJob
from .workbook import (
    EXTENSIONS,
    GUIDE_SHEET,
    MILESTONES,
    PROJECTS,
    REPORTS,
    blank_template,
    export_csv,
)

logger = logging.getLogger(__name__)


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
        job = queue_import(
            upload,
            actor=request.user,
            name=upload.name,
            partial=form.cleaned_data["partial"],
            dry_run=form.cleaned_data["dry_run"],
        )
        return redirect("projects:import_status", pk=job.pk)
    jobs = ImportJob.objects.filter(uploaded_by=request.user)[:10]
    context = {"form": form, "jobs": jobs, "sheets": [PROJECTS, MILESTONES, REPORTS], "guide_sheet": GUIDE_SHEET}
    return render(request, "projects/import_upload.html", context)


def _job_for_user(user, pk: int) -> ImportJob:
    _require_importer(user)
    return core_access.get_or_404(user, ImportJob, pk=pk)


@require_GET
def import_status(request, pk):
    job = _job_for_user(request.user, pk)
    background = refresh_job(job.job) if job.job else None  # gives the job up if its worker died
    if background is not None:
        job.refresh_from_db()
    finished = job.status in (ImportJob.Status.DONE, ImportJob.Status.REJECTED, ImportJob.Status.FAILED)
    percent = background.progress if background is not None else job.percent
    context = {"job": job, "finished": finished, "result": job.result or {}, "background": background,
               "percent": percent}  # fmt: skip
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
    stamp = timezone.localdate().strftime("%Y%m%d")
    if request.GET.get("format") == "csv":
        projects = ProjectFilterForm(request.GET, user=request.user).apply(projects_for_user(request.user))
        target = tempfile.TemporaryFile(mode="w+b")
        text = io.TextIOWrapper(target, encoding="utf-8", newline="", write_through=True)
        export_csv(projects, text)
        text.flush()
        text.detach()
        target.seek(0)
        return FileResponse(target, as_attachment=True, filename=f"du-an-{stamp}.csv", content_type="text/csv")
    # The workbook of a whole province takes a while (its report sheet above all): a background job.
    job = start_job(
        "projects.export",
        actor=request.user,
        subject=f"du-an-{stamp}.xlsx",
        params={"query": request.GET.urlencode(), "filename": f"du-an-{stamp}.xlsx", "back": reverse("projects:list")},
        dedupe_key=f"export:{request.GET.urlencode()}",
    )
    return file_or_job_page(job)
