"""A job's page: its progress while it runs (htmx polling that stops once it is done or failed), then its result."""

import mimetypes

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from tiendo.core import access

from . import queue
from .models import Job


def jobs_for_user(user):
    """An administrator sees every job; anyone else the jobs they started (tiendo.core.access)."""
    return access.visible(user, Job).select_related("started_by")


def get_job_for_user(user, pk) -> Job:
    """A job the user may see, brought up to date; the same 404 for someone else's job as for a missing one."""
    return queue.refresh_job(access.get_or_404(user, Job, queryset=Job.objects.select_related("started_by"), pk=pk))


def job_context(job: Job) -> dict:
    return {
        "job": job,
        "title": queue.kind_label(job.kind),
        "no_worker": job.status == Job.Status.QUEUED and not queue.workers_alive(),
    }


@require_GET
def job_list(request):
    queue.give_up_lost_jobs()
    jobs = [(job, queue.kind_label(job.kind)) for job in jobs_for_user(request.user)[:100]]
    return render(request, "jobs/job_list.html", {"jobs": jobs})


@require_GET
def job_detail(request, pk):
    job = get_job_for_user(request.user, pk)
    template = "jobs/job_detail.html#status" if request.htmx else "jobs/job_detail.html"
    return render(request, template, job_context(job))


@require_GET
def job_file(request, pk):
    job = get_job_for_user(request.user, pk)
    if job.status != Job.Status.DONE or not job.result_file:
        raise Http404
    return file_response(job)


def file_through_job(
    request, kind: str, *, subject: str, params: dict, dedupe_key: str, back: str, stream: bool, reuse_done: bool
):
    """A download a background job makes (a large PDF, a workbook): with `reuse_done`, the file an earlier job made
    of the same unchanged thing; else the job started (or the user's own still under way, same `dedupe_key`), its
    file when it ran at once, or its page, which polls. A job refused at once (run without a worker) says why on the
    page the user came from (`back`)."""
    if reuse_done and (done := queue.done_job(kind, dedupe_key)):
        return file_response(done, stream=stream)
    job = queue.start_job(
        kind, actor=request.user, subject=subject, params=params | {"back": back}, dedupe_key=dedupe_key
    )
    if job.status == Job.Status.FAILED and not job.worker:
        messages.error(request, job.message_text)
        return redirect(back)
    return file_or_job_page(job, stream=stream)


def file_or_job_page(job: Job, *, stream: bool = True):
    """A job that is already done (run at once, or started earlier) answers with its file; otherwise the job's page,
    which polls until the file is ready (or says why it failed)."""
    if job.status == Job.Status.DONE and job.result_file:
        return file_response(job, stream=stream)
    return redirect("jobs:detail", pk=job.pk)


def file_response(job: Job, *, stream: bool = True):
    if stream:
        return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=job.result_name)
    with job.result_file.open("rb") as handle:
        content = handle.read()
    response = HttpResponse(
        content, content_type=mimetypes.guess_type(job.result_name)[0] or "application/octet-stream"
    )
    response["Content-Disposition"] = content_disposition_header(True, job.result_name)
    return response
