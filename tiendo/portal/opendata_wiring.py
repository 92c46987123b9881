"""Where the open data hooks into the rest of tiendo: the records its package reads move the portal's edition when
they change (so the publication goes stale, tiendo.portal.oc4ids.publishing), and the nightly `tiendo remind`
regenerates it (a bulk write, such as a Treasury import, sends no signal)."""

from tiendo.agencies.models import AdminUnit, Agency
from tiendo.directives import reminders
from tiendo.plans.models import Disbursement, ProjectFunding, Source
from tiendo.projects.models import (
    CapitalSource,
    LegalDocument,
    Milestone,
    ProgressReport,
    Project,
    ScheduleAdjustment,
    Sector,
)

from .oc4ids import publishing

NIGHTLY = "opendata"


def watched():
    """tiendo.portal.wiring's WATCHERS: what the package reads (tiendo.portal.oc4ids.collect)."""
    return (
        Project, Milestone, ScheduleAdjustment, CapitalSource, LegalDocument, ProgressReport, ProjectFunding,
        Disbursement, Sector, Source, AdminUnit, Agency,
    )  # fmt: skip


def register() -> None:
    if not any(name == NIGHTLY for name, _hook in reminders.AFTER_RUN):
        reminders.AFTER_RUN.append((NIGHTLY, publishing.nightly))
