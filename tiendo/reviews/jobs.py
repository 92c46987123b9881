"""The review rounds' background jobs: the PDF brief (a few pages and an annex of every project) and the Excel list."""

import io

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tiendo.core.templatetags.tiendo import number
from tiendo.jobs.queue import JobRefused, job_kind

from . import brief, exports
from .models import ReviewRound

BRIEF_MADE = gettext_noop("%(pages)s pages; %(projects)s projects in the annex.")


@job_kind("reviews.brief", _("Review brief (PDF)"))
def run_brief(job, report) -> None:
    """The steps the page shows: reading, summary, annex rows n/N, laying out, writing (tiendo.reviews.brief)."""
    review = ReviewRound.objects.get(pk=job.params["round"])
    language = job.params.get("language", "vi")
    draft = bool(job.params.get("draft"))

    def progress(percent: int, message: str | None = None, **args) -> None:
        """The counts as the reader writes numbers (2.910 in Vietnamese, 2,910 in English): the page shows them."""
        report(percent, message, **{name: number(value) for name, value in args.items()})

    with translation.override(language):
        try:
            made = brief.make_brief(review, language, draft=draft, progress=progress)
        except brief.BriefUnavailable as error:
            raise JobRefused(str(error)) from None
        report.save_file(exports.brief_name(review, language, draft=draft), made.pdf)
        report.set_result({"pages": made.pages, "projects": made.projects, "draft": draft, "language": language})
        progress(100, BRIEF_MADE, pages=made.pages, projects=made.projects)


@job_kind("reviews.workbook", _("Review list (Excel)"))
def run_workbook(job, report) -> None:
    review = ReviewRound.objects.get(pk=job.params["round"])
    target = io.BytesIO()
    count = exports.write_workbook(review, target)
    report.save_file(exports.workbook_name(review), target.getvalue())
    report.set_result({"projects": count})


SCANNING = gettext_noop("%(count)s projects evaluated.")


@job_kind("reviews.scan", _("Scan of every running project"))
def run_scan(job, report) -> None:
    """The nightly scan, started from a page or with `tiendo scan --background` (one transaction, as in the command)."""
    from datetime import date

    from tiendo.projects.models import Project

    from .scan import RUNNING, scan

    total = Project.objects.alive().filter(status__in=RUNNING).count() or 1
    as_of = date.fromisoformat(job.params["as_of"]) if job.params.get("as_of") else None
    run = scan(
        as_of,
        actor=job.started_by,
        progress=lambda count: report(min(99, 100 * count // total), SCANNING, count=count),
        changed=bool(job.params.get("changed")),
    )
    report(100, SCANNING, count=run.projects)
    report.set_result(
        {"run": run.pk, "as_of": run.as_of.isoformat(), "projects": run.projects, "findings": run.findings}
    )
