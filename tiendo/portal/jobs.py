"""The portal's background job: the open data (OC4IDS) generated and validated when a request found it stale
(tiendo.portal.oc4ids.publishing)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tiendo.jobs.queue import JobRefused, job_kind

from .oc4ids import publishing

PUBLISHED = gettext_noop("%(projects)s projects, %(errors)s validation errors.")
UNCHANGED = gettext_noop("No project changed: the latest publication stands.")
NOTHING = gettext_noop("No public-investment project is published yet.")


@job_kind(publishing.JOB_KIND, _("Open data (OC4IDS) publication"))
def run_publication(job, report) -> None:
    report(5)
    try:
        outcome = publishing.publish()
    except publishing.NothingToPublish:
        raise JobRefused(NOTHING) from None
    publication = outcome.publication
    report.set_result({"publication": publication.pk, "created": outcome.created, "errors": publication.errors})
    if outcome.created:
        report(100, PUBLISHED, projects=publication.projects, errors=publication.errors)
    else:
        report(100, UNCHANGED)
