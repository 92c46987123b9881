"""The records pages: upload a statistics release, see what it would record and revise, confirm; or enter a
quarter's GRDP growth or one indicator value by hand. Officers record their agency's indicators; GRDP figures are
for those who manage targets (tiendo.core.access decides both)."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tiendo.core import access
from tiendo.jobs.models import Job
from tiendo.jobs.views import get_job_for_user

from . import hand_entry
from .forms_records import QuarterForm, UploadForm, ValueForm, reportable_indicators
from .jobs_records import KIND, confirm_checked_import, queue_release_import
from .models import Component, Publication
from .release_sheets import GROWTH_SHEET, GUIDE_SHEET, RELEASE_SHEET, VALUES_SHEET, blank_template


def _require_recorder(user) -> None:
    access.require(user, "read_targets")


@require_http_methods(["GET", "POST"])
def records(request):
    """The upload (always checked first), the hand-entry forms, and the latest publications recorded."""
    _require_recorder(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = queue_release_import(form.cleaned_data["file"], actor=request.user, dry_run=True)
        return _after(job)
    publications = access.visible(request.user, Publication).select_related("recorded_by")[:20]
    jobs = Job.objects.filter(kind=KIND, started_by=request.user).order_by("-pk")[:10]
    context = {
        "form": form,
        "publications": publications,
        "jobs": jobs,
        "sheets": (RELEASE_SHEET, GROWTH_SHEET, VALUES_SHEET),
        "guide_sheet": GUIDE_SHEET,
        "may_record_grdp": access.can(request.user, "manage_targets"),
        "may_record_values": reportable_indicators(request.user).exists(),
    }
    return render(request, "targets/records_import.html", context)


def _after(job: Job):
    if not job.finished:
        return redirect("jobs:detail", pk=job.pk)
    return redirect("targets:records_preview", job_id=job.pk)


def _labelled(result: dict) -> dict:
    labels = dict(Component.choices)
    if publication := result.get("publication"):
        publication["published_on_text"] = "/".join(reversed(publication["published_on"].split("-")))
    for row in result.get("growth", []):
        row["component_label"] = labels.get(row["component"], row["component"])
    for row in result.get("growth", []) + result.get("values", []):
        if replaced := row.get("replaces"):
            replaced["day"] = "/".join(reversed(replaced["publication"]["published_on"].split("-")))
    return result


@require_http_methods(["GET", "POST"])
def records_preview(request, job_id):
    """A checked file: what it would record and which figures it would revise, and the button that records it; or
    the recorded release; or why the file was refused."""
    _require_recorder(request.user)
    job = get_job_for_user(request.user, job_id)
    if job.kind != KIND:
        raise Http404
    if not job.finished:
        return redirect("jobs:detail", pk=job.pk)
    result = _labelled(dict(job.result or {}))
    confirmable = job.status == Job.Status.DONE and result.get("dry_run") and not result.get("refused")
    if request.method == "POST":
        if not confirmable:
            raise PermissionDenied
        recorded = confirm_checked_import(job, actor=request.user)
        return _after(recorded)
    context = {
        "job": job,
        "result": result,
        "confirmable": confirmable and not job.params.get("confirmed"),
        "confirmed": job.params.get("confirmed"),
        "file_rejected": result.get("file_rejected") or (job.message_text if job.status == Job.Status.FAILED else ""),
    }
    return render(request, "targets/records_preview.html", context)


@require_GET
def records_template(request):
    _require_recorder(request.user)
    target = io.BytesIO()
    blank_template(target)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename="mau-so-lieu-thong-ke.xlsx")


def _hand_entry(request, form, record, template: str):
    if request.method == "POST" and form.is_valid():
        try:
            publication = record(form)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Recorded: %(source)s.") % {"source": publication})
            return redirect("targets:records")
    return render(request, template, {"form": form})


@require_http_methods(["GET", "POST"])
def records_quarter(request):
    """A quarter's growth of the four components, by hand: those who manage targets."""
    access.require(request.user, "manage_targets")
    form = QuarterForm(request.POST or None)

    def record(form):
        data = form.cleaned_data
        return hand_entry.record_quarter(
            form.publication(), data["year"], data["quarter"], form.growth(), actor=request.user, levels=form.levels()
        )

    return _hand_entry(request, form, record, "targets/records_quarter.html")


@require_http_methods(["GET", "POST"])
def records_value(request):
    """One indicator value, by hand: the officers of the agency that answers for it, and those who manage."""
    _require_recorder(request.user)
    if not reportable_indicators(request.user).exists():
        raise PermissionDenied
    form = ValueForm(request.POST or None, user=request.user)

    def record(form):
        data = form.cleaned_data
        return hand_entry.record_value(
            form.publication(),
            data["indicator"],
            data["year"],
            data["months"],
            data["value"],
            actor=request.user,
            note=data["note"].strip(),
        )

    return _hand_entry(request, form, record, "targets/records_value.html")
