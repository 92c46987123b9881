"""Evaluate the schedule rules on every running project of the database and keep the findings.

The rows are read lean (tiendo.reviews.facts) and the findings written in bulk (tiendo.core.bulk: COPY on
PostgreSQL), all in one transaction: a scan killed half-way writes nothing.
"""

import json
from collections.abc import Callable
from datetime import date

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiendo.core.bulk import insert_rows
from tiendo.domain import schedule_rules
from tiendo.domain.schedule_rules.horizon import NEVER, quiet_until
from tiendo.projects.models import RUNNING, Project

from . import changes
from .facts import CHUNK, build_facts, iter_facts, running_projects
from .models import Finding, QuietProject, ScanRun

__all__ = ["CHUNK", "RUNNING", "build_facts", "evaluate_project", "iter_facts", "owed_reports", "scan"]
BATCH = 5000  # findings per INSERT batch
ID_BATCH = 900  # ids per IN (...) list, under SQLite's oldest limit
FINDING_COLUMNS = (
    "run_id",
    "project_id",
    "rule",
    "severity",
    "citation",
    "days_behind",
    "proposal",
    "explanation",
    "verify",
    "facts",
    "message",
)


def finding_rows(run_id: int, pk: int, findings) -> list[tuple]:
    """The findings of one project as Finding's columns (FINDING_COLUMNS), JSON as the JSON field writes it."""
    return [
        (
            run_id,
            pk,
            f.rule,
            f.severity.value,
            f.citation[:300],
            f.days_behind,
            f.proposal.value,
            f.explanation,
            f.verify,
            json.dumps({name: v.isoformat() if isinstance(v, date) else v for name, v in f.facts.items()}),
            json.dumps(f.message.to_json() if f.message is not None else {}),
        )
        for f in findings
    ]


def scan(
    as_of: date | None = None,
    *,
    actor=None,
    progress: Callable[[int], None] | None = None,
    changed: bool = False,
) -> ScanRun:
    """Evaluate every running project as of a day; the run and its findings replace nothing, they add a dated run.

    `changed`: evaluate only the projects changed since the latest scan and those whose findings may differ on
    `as_of` (tiendo.reviews.changes); the others had no finding and still have none, so the run's findings are
    those of a full scan. Without a usable latest scan (none, other rules, a later day) the scan is full."""
    as_of = as_of or timezone.localdate()
    with transaction.atomic():  # the run too: a scan killed half-way leaves nothing behind
        base = changes.usable_base(as_of) if changed else None
        run = ScanRun.objects.create(
            as_of=as_of, started_by=actor, changed_only=base is not None, marks=changes.current_marks()
        )
        projects, skip = running_projects(), frozenset[int]()
        if base is None:
            QuietProject.objects.all().delete()
        else:
            again = sorted(changes.changed_since(base))
            for start in range(0, len(again), ID_BATCH):
                QuietProject.objects.filter(pk__in=again[start : start + ID_BATCH]).delete()
            QuietProject.objects.filter(until__lte=as_of).delete()
            # still quiet: their rows are read with their chunk's (cheaper than leaving them out in SQL, which
            # costs an anti-join per chunk) but neither built nor evaluated
            skip = frozenset(QuietProject.objects.values_list("project_id", flat=True))
        quiet: list[tuple] = []
        facts = iter_facts(projects, skip=skip) if skip else iter_facts(projects)
        count, found = store_findings(run, facts, progress, quiet)
        insert_rows(QuietProject._meta.db_table, ("project_id", "until"), quiet)
        total = count if base is None else running_projects().count()
        run.projects, run.evaluated, run.findings, run.finished_at = total, count, found, timezone.now()
        run.save(update_fields=["projects", "evaluated", "findings", "finished_at"])
    return run


def store_findings(
    run: ScanRun, facts, progress: Callable[[int], None] | None = None, quiet: list[tuple] | None = None
) -> tuple[int, int]:
    """Evaluate each (pk, facts) as of the run's day and write the findings in batches (COPY on PostgreSQL: no
    other query may run on the connection during one, so a batch is written between two reads). Given `quiet`,
    add (pk, until) for each project without findings (QuietProject's columns)."""
    evaluate, as_of, table = schedule_rules.evaluate, run.as_of, Finding._meta.db_table
    adapt_date = connection.ops.adapt_datefield_value
    count = found = 0
    batch: list[tuple] = []
    for pk, project_facts in facts:
        count += 1
        findings = evaluate(project_facts, as_of)
        if findings:
            batch.extend(finding_rows(run.pk, pk, findings))
            if len(batch) >= BATCH:
                found += insert_rows(table, FINDING_COLUMNS, batch)
                batch = []
        elif quiet is not None:
            until = quiet_until(project_facts, as_of)
            quiet.append((pk, None if until == NEVER else adapt_date(until)))
        if progress and count % 10000 == 0:
            progress(count)
    return count, found + insert_rows(table, FINDING_COLUMNS, batch)


def project_facts(project: Project):
    """The engine's facts of one project (None for a project the scan does not read), for its page."""
    return next((facts for _pk, facts in iter_facts(Project.objects.filter(pk=project.pk))), None)


_READ = object()


def evaluate_project(project: Project, as_of: date | None = None, *, facts=_READ):
    """Today's findings and ranked proposals for one project, evaluated live for its page (`facts`: already read
    by `project_facts`, so that the page reads them once)."""
    as_of = as_of or timezone.localdate()
    if facts is _READ:
        facts = project_facts(project)
    if facts is None:
        return [], []
    findings = schedule_rules.evaluate(facts, as_of)
    return findings, schedule_rules.propose(findings)


REPORT_LABELS = {
    schedule_rules.ReportKind.QUARTERLY: _("Quarterly report"),
    schedule_rules.ReportKind.ANNUAL: _("Annual report"),
    schedule_rules.ReportKind.SUPERVISION_HALF_YEAR: _("Six-month supervision report"),
    schedule_rules.ReportKind.SUPERVISION_ANNUAL: _("Annual supervision report"),
}


def owed_reports(project: Project, as_of: date | None = None, *, facts=_READ) -> list[dict]:
    """The reports the project owes and has not sent, with their deadlines, for its page (investors included)."""
    as_of = as_of or timezone.localdate()
    if facts is _READ:
        facts = project_facts(project)
    if facts is None:
        return []
    return [
        {"label": REPORT_LABELS[r.kind], "period": r.period, "deadline": r.deadline}
        for r in schedule_rules.missing_reports(facts, as_of)
    ]
