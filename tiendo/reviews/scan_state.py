"""Whether the findings on screen can be trusted: no scan has run yet, or the registry changed after the latest
one. The project list's "behind schedule" filter, the review pages and the home page say so (and offer the scan to
those allowed to run it) instead of showing "0 projects" while projects are overdue."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from tiendo.core import access

from . import changes
from .models import ScanRun

# the marks of the registry's rows (not the rules' digest: a new release of the rules is not "the data")
DATA_MARKS = ("project", "milestone", "adjustment", "report")


@dataclass(frozen=True)
class ScanState:
    run: ScanRun | None
    stale: bool  # projects, milestones, extensions or reports changed after the latest scan started

    @property
    def needed(self) -> bool:
        return self.run is None or self.stale


def scan_state() -> ScanState:
    run = ScanRun.latest()
    if run is None:
        return ScanState(None, False)
    now = changes.current_marks()
    stale = any(now[name] > (run.marks.get(name) or 0) for name in DATA_MARKS)
    return ScanState(run, stale)


def scan_notice(user, back: str = "") -> str:
    """The note shown where findings are listed, "" when the latest scan is current."""
    state = scan_state()
    if not state.needed:
        return ""
    context = {"state": state, "can_scan": access.can(user, "scan"), "back": back}
    return render_to_string("reviews/_scan_needed.html", context)
