"""Which projects the nightly `tiendo scan --changed` must evaluate again, and where the registry stands now.

A project is evaluated again when something the rules read about it changed since the latest scan (the scan's
`marks`), or when the day may have crossed one of its thresholds (QuietProject.until, from the rules themselves:
tiendo.domain.schedule_rules.horizon); a project with findings always is (its days behind move every day).

Changes are read from the kept history (every service and import writes it, with an increasing id even when it
dates a row in the past) and from the progress reports (never edited: a new report has a higher id). A change
committed by a transaction that was still running when the latest scan started may have a lower id than the mark:
rows dated within SLACK before that scan count as changed too.
"""

import hashlib
from datetime import timedelta
from functools import cache
from pathlib import Path

from django.db.models import Max, Q

from tiendo.domain import schedule_rules
from tiendo.projects.models import Milestone, ProgressReport, Project, ScheduleAdjustment

from .models import ScanRun

SLACK = timedelta(minutes=15)
HISTORIES = {"project": Project.history.model, "milestone": Milestone.history.model}
ADJUSTMENTS = ScheduleAdjustment.history.model


@cache
def rules_digest() -> str:
    """The rule engine's source: horizons computed by other rules are not trusted (a full scan follows)."""
    digest = hashlib.sha256()
    for path in sorted(Path(schedule_rules.__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def current_marks() -> dict:
    """The last history row of each table the rules read, the last report, and the rules' digest."""
    marks = {name: model.objects.aggregate(last=Max("history_id"))["last"] or 0 for name, model in HISTORIES.items()}
    marks["adjustment"] = ADJUSTMENTS.objects.aggregate(last=Max("history_id"))["last"] or 0
    marks["report"] = ProgressReport.objects.aggregate(last=Max("pk"))["last"] or 0
    marks["rules"] = rules_digest()
    return marks


def usable_base(as_of) -> ScanRun | None:
    """The latest scan, if a `--changed` scan as of `as_of` can start from it: it recorded its marks under the
    same rules and judged a day no later than `as_of`."""
    base = ScanRun.latest()
    if base is None or base.marks.get("rules") != rules_digest() or base.as_of > as_of:
        return None
    return base


def changed_since(base: ScanRun) -> set[int]:
    """Ids of the projects whose rows, milestones, adjustments or reports changed since `base` started."""
    marks, since = base.marks, base.started_at - SLACK
    changed: set[int] = set()
    for name, model in HISTORIES.items():
        key = "id" if name == "project" else "project_id"
        recent = Q(history_id__gt=marks[name]) | Q(history_date__gte=since)
        changed.update(model.objects.filter(recent).values_list(key, flat=True).distinct())
    recent = Q(history_id__gt=marks["adjustment"]) | Q(history_date__gte=since)
    milestones = ADJUSTMENTS.objects.filter(recent).values("milestone_id")
    changed.update(Milestone.objects.filter(pk__in=milestones).values_list("project_id", flat=True).distinct())
    # a milestone deleted since: its own history row names the project (above)
    reports = ProgressReport.objects.filter(Q(pk__gt=marks["report"]) | Q(submitted_at__gte=since))
    changed.update(reports.values_list("project_id", flat=True).distinct())
    return changed
