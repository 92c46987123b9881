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
