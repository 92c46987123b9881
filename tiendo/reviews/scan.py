"""Evaluate the schedule rules on every running project of the database and keep the findings.

The registry's rows become the engine's facts (tiendo.domain.schedule_rules.ProjectFacts) in chunks, read with
values() rather than model instances: a national scan reads 200,000 projects, a million milestones and two million
reports, and building model objects would cost more than the rules themselves.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiendo.domain import schedule_rules
from tiendo.domain.projects import (
    DepositStatus,
    ExtensionReason,
    MilestoneFacts,
    MilestoneKind,
    ProjectGroup,
    ProjectKind,
    months_added,
)
from tiendo.projects.models import RUNNING, Milestone, ProgressReport, Project, ScheduleAdjustment

from .models import Finding, ScanRun

CHUNK = 2000
PROJECT_FIELDS = (
    "pk",
    "code",
    "kind",
    "group",
    "policy_decision_date",
    "certificate_date",
    "land_handover_date",
    "deposit_status",
    "total_investment",
)
_PAID = {DepositStatus.PAID.value, DepositStatus.REFUNDED.value, DepositStatus.FORFEITED.value}


def _quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def build_facts(row: dict, milestones: list[tuple], adjustments: list[tuple], reports: list[tuple]):
    """One project's facts from its rows: what the registry does not record stays unknown, never false."""
    kind = ProjectKind(row["kind"])
    facts_milestones = tuple(
        MilestoneFacts(MilestoneKind(m_kind), first_due, current_due, done)
        for m_kind, first_due, current_due, done in milestones
    )
    extensions = tuple(
        schedule_rules.Extension(decided=decided, months=months_added(old, new), reason=ExtensionReason(reason))
        for decided, old, new, reason in adjustments
    )
    construction = next((m for m in facts_milestones if m.kind == MilestoneKind.CONSTRUCTION_START), None)
    handed_over = row["land_handover_date"]
    land = schedule_rules.Land(
        handed_over=handed_over if handed_over else schedule_rules.UNKNOWN,
        in_use_since=(construction.done if construction else None) if handed_over else schedule_rules.UNKNOWN,
    )
    deposit_status = row["deposit_status"]
    deposit = (
        schedule_rules.Deposit(
            required=deposit_status != DepositStatus.NOT_REQUIRED.value,
            paid=deposit_status in _PAID,
        )
        if deposit_status
        else schedule_rules.Deposit()
    )
    public = kind == ProjectKind.PUBLIC
    return schedule_rules.ProjectFacts(
        code=row["code"],
        kind=kind,
        group=ProjectGroup(row["group"]) if row["group"] else (schedule_rules.UNKNOWN if public else None),
        policy_approval_date=row["policy_decision_date"] or schedule_rules.UNKNOWN,  # empty: not recorded, not "none"
        certificate_date=row["certificate_date"] if not public else None,
        milestones=facts_milestones,
        extensions=extensions,
        land=land if not public else schedule_rules.Land(),
        deposit=deposit if not public else schedule_rules.Deposit(required=False, paid=False),
        reports=tuple(
            schedule_rules.Report(
                kind=schedule_rules.ReportKind.QUARTERLY, period=_quarter(period_end), submitted=submitted.date()
            )
            for period_end, submitted in reports
        )
        if not public
        else schedule_rules.UNKNOWN,
        report_kinds=frozenset(
            {schedule_rules.ReportKind.QUARTERLY}
        ),  # the registry keeps investors' quarterly reports only
        reporting_since=row["certificate_date"] if (row["certificate_date"] and not public) else schedule_rules.UNKNOWN,
        total_investment=row["total_investment"] or schedule_rules.UNKNOWN,
    )


def iter_facts(projects=None) -> Iterator[tuple[int, object]]:
    """(project pk, facts) for each running project, read in chunks of CHUNK."""
    projects = projects if projects is not None else Project.objects.alive().filter(status__in=RUNNING)
    last = 0
    while True:
        rows = list(projects.filter(pk__gt=last).order_by("pk").values(*PROJECT_FIELDS)[:CHUNK])
        if not rows:
            return
        keys = [row["pk"] for row in rows]
        last = keys[-1]
        milestones: dict[int, list[tuple]] = defaultdict(list)
        milestone_project: dict[int, int] = {}
        for pk, project_id, kind, first_due, current_due, done in Milestone.objects.filter(
            project_id__in=keys
        ).values_list("pk", "project_id", "kind", "first_due", "current_due", "done"):
            milestones[project_id].append((kind, first_due, current_due, done))
            milestone_project[pk] = project_id
        adjustments: dict[int, list[tuple]] = defaultdict(list)
        for milestone_id, decided, old, new, reason in ScheduleAdjustment.objects.filter(
            milestone_id__in=list(milestone_project)
        ).values_list("milestone_id", "decided_on", "old_due", "new_due", "reason"):
            adjustments[milestone_project[milestone_id]].append((decided, old, new, reason))
        reports: dict[int, list[tuple]] = defaultdict(list)
        for project_id, period_end, submitted in ProgressReport.objects.filter(project_id__in=keys).values_list(
            "project_id", "period_end", "submitted_at"
        ):
            reports[project_id].append((period_end, timezone.localtime(submitted)))
        for row in rows:
            pk = row["pk"]
            yield pk, build_facts(row, milestones[pk], adjustments[pk], reports[pk])


def scan(as_of: date | None = None, *, actor=None, progress: Callable[[int], None] | None = None) -> ScanRun:
    """Evaluate every running project as of a day; the run and its findings replace nothing, they add a dated run."""
    as_of = as_of or timezone.localdate()
    count = found = 0
    batch: list[Finding] = []
    with transaction.atomic():  # the run too: a scan killed half-way leaves nothing behind
        run = ScanRun.objects.create(as_of=as_of, started_by=actor)
        for pk, facts in iter_facts():
            count += 1
            for finding in schedule_rules.evaluate(facts, as_of):
                batch.append(
                    Finding(
                        run=run,
                        project_id=pk,
                        rule=finding.rule,
                        severity=finding.severity.value,
                        citation=finding.citation[:300],
                        days_behind=finding.days_behind,
                        proposal=finding.proposal.value,
                        explanation=finding.explanation,
                        verify=finding.verify,
                        facts=finding.to_json()["facts"],
                    )
                )
            if len(batch) >= 5000:
                found += len(Finding.objects.bulk_create(batch))
                batch = []
            if progress and count % 10000 == 0:
                progress(count)
        found += len(Finding.objects.bulk_create(batch))
        run.projects, run.findings, run.finished_at = count, found, timezone.now()
        run.save(update_fields=["projects", "findings", "finished_at"])
    return run


def evaluate_project(project: Project, as_of: date | None = None):
    """Today's findings and ranked proposals for one project, evaluated live for its page."""
    as_of = as_of or timezone.localdate()
    facts = next((facts for _pk, facts in iter_facts(Project.objects.filter(pk=project.pk))), None)
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


def owed_reports(project: Project, as_of: date | None = None) -> list[dict]:
    """The reports the project owes and has not sent, with their deadlines, for its page (investors included)."""
    as_of = as_of or timezone.localdate()
    facts = next((facts for _pk, facts in iter_facts(Project.objects.filter(pk=project.pk))), None)
    if facts is None:
        return []
    return [
        {"label": REPORT_LABELS[r.kind], "period": r.period, "deadline": r.deadline}
        for r in schedule_rules.missing_reports(facts, as_of)
    ]
