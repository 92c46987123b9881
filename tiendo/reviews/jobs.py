"""The review rounds' background jobs: the PDF brief (500+ pages for a province) and the Excel list."""

import io

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tiendo.jobs.queue import JobRefused, job_kind

from . import exports
from .models import ReviewRound

RENDERING = gettext_noop("Laying out the pages (WeasyPrint).")


@job_kind("reviews.brief", _("Review brief (PDF)"))
def run_brief(job, report) -> None:
    review = ReviewRound.objects.get(pk=job.params["round"])
    language = job.params.get("language", "vi")
    report(5, RENDERING)
    with translation.override(language):
        try:
            pdf = exports.render_brief(review, language)
        except exports.BriefUnavailable as error:
            raise JobRefused(str(error)) from None
    report.save_file(exports.brief_name(review, language), pdf)


@job_kind("reviews.workbook", _("Review list (Excel)"))
def run_workbook(job, report) -> None:
    review = ReviewRound.objects.get(pk=job.params["round"])
    target = io.BytesIO()
    count = exports.write_workbook(review, target)
    report.save_file(exports.workbook_name(review), target.getvalue())
    report.set_result({"projects": count})
