"""The registry's rows as the rule engine's facts (tiendo.domain.schedule_rules.ProjectFacts), read lean.

A national scan reads 200,000 projects, a million milestones and two million reports: the rows come through the
database cursor as tuples (the ORM only writes the SQL), four queries per chunk of CHUNK projects, and the
reports' local submission day is computed by the database (no per-row time-zone conversion in Python).
"""

from collections.abc import Iterator, Sequence
from datetime import date
from itertools import groupby
from operator import itemgetter

from django.db import connection
from django.db.models.functions import TruncDate

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
_UNKNOWN = schedule_rules.UNKNOWN
_QUARTERLY = schedule_rules.ReportKind.QUARTERLY
_REPORT_KINDS = frozenset({_QUARTERLY})  # the registry keeps investors' quarterly reports only
_PUBLIC_LAND = schedule_rules.Land()
_PUBLIC_DEPOSIT = schedule_rules.Deposit(required=False, paid=False)
_NO_DEPOSIT = schedule_rules.Deposit()
_KINDS = {kind.value: kind for kind in ProjectKind}
_GROUPS = {group.value: group for group in ProjectGroup}
_MILESTONES = {kind.value: kind for kind in MilestoneKind}
_REASONS = {reason.value: reason for reason in ExtensionReason}
_quarters: dict[date, str] = {}
_reports: dict[tuple, object] = {}
_first = itemgetter(0)


def _quarter(day: date) -> str:
    quarter = _quarters.get(day)
    if quarter is None:
        quarter = _quarters[day] = f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return quarter


def _report(period_end: date, submitted: date | None):
    """A quarterly report, made once per (period end, day submitted) and shared: the facts are frozen."""
    if len(_reports) > 500_000:
        _reports.clear()
    made = _reports[period_end, submitted] = schedule_rules.Report(_QUARTERLY, _quarter(period_end), submitted)
    return made


def build_facts(row: Sequence, milestones: Sequence[tuple], adjustments: Sequence[tuple], reports: Sequence[tuple]):
    """One project's facts from its rows as chunk_queries reads them, each led by the project id (the project's
    own row: PROJECT_FIELDS in order): what the registry does not record stays unknown, never false."""
    _pk, code, kind_value, group, policy, certificate, handed_over, deposit_status, total = row
    kind = _KINDS[kind_value]
    facts_milestones = tuple(MilestoneFacts(_MILESTONES[m[1]], m[2], m[3], m[4]) for m in milestones)
    extensions = tuple(
        schedule_rules.Extension(decided=a[1], months=months_added(a[2], a[3]), reason=_REASONS[a[4]])
        for a in adjustments
    )
    if kind is ProjectKind.PUBLIC:
        return schedule_rules.ProjectFacts(
            code=code,
            kind=kind,
            group=_GROUPS[group] if group else _UNKNOWN,
            policy_approval_date=policy or _UNKNOWN,  # empty: not recorded, not "none"
            certificate_date=None,
            milestones=facts_milestones,
            extensions=extensions,
            land=_PUBLIC_LAND,
            deposit=_PUBLIC_DEPOSIT,
            reports=_UNKNOWN,
            report_kinds=_REPORT_KINDS,
            reporting_since=_UNKNOWN,
            total_investment=total or _UNKNOWN,
        )
    if handed_over:
        construction = next((m for m in facts_milestones if m.kind is MilestoneKind.CONSTRUCTION_START), None)
        land = schedule_rules.Land(handed_over=handed_over, in_use_since=construction.done if construction else None)
    else:
        land = schedule_rules.Land(handed_over=_UNKNOWN, in_use_since=_UNKNOWN)
    deposit = (
        schedule_rules.Deposit(
            required=deposit_status != DepositStatus.NOT_REQUIRED.value, paid=deposit_status in _PAID
        )
        if deposit_status
        else _NO_DEPOSIT
    )
    return schedule_rules.ProjectFacts(
        code=code,
        kind=kind,
        group=_GROUPS[group] if group else None,
        policy_approval_date=policy or _UNKNOWN,
        certificate_date=certificate,
        milestones=facts_milestones,
        extensions=extensions,
        land=land,
        deposit=deposit,
        reports=tuple(_reports.get((r[1], r[2])) or _report(r[1], r[2]) for r in reports),
        report_kinds=_REPORT_KINDS,
        # from the registration, and within the registry from the project's first report on (reports before it
        # were kept elsewhere: the demo's online reports start in 2023 for projects registered from 2016)
        reporting_since=schedule_rules.reporting_start(certificate, reports[0][1] if reports else None) or _UNKNOWN,
        total_investment=total or _UNKNOWN,
    )


def _sql(queryset) -> tuple[str, tuple]:
    """The ORM writes the query (quoting, the backend's date functions); the cursor reads it without models."""
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    return sql, tuple(params)


def _rows(cursor, queryset) -> list[tuple]:
    cursor.execute(*_sql(queryset))
    return cursor.fetchall()


def running_projects():
    return Project.objects.alive().filter(status__in=RUNNING)


def chunk_queries(projects, last: int = 0, span: tuple[int, int] | None = None):
    """The queries of one chunk: the projects after `last`; given the chunk's first and last id (`span`), the
    milestones, adjustments and reports of the projects in that id range (a range rather than a list of ids: the
    index answers it and the query stays short; rows of projects not in the chunk are skipped by the caller), each
    in the order the engine has always read them."""
    if span is None:
        return projects.filter(pk__gt=last).order_by("pk").values_list(*PROJECT_FIELDS)[:CHUNK]
    return (
        Milestone.objects.filter(project_id__gte=span[0], project_id__lte=span[1])
        .order_by("project_id", "first_due", "pk")
        .values_list("project_id", "kind", "first_due", "current_due", "done"),
        ScheduleAdjustment.objects.filter(milestone__project_id__gte=span[0], milestone__project_id__lte=span[1])
        .order_by("decided_on", "pk")
        .values_list("milestone__project_id", "decided_on", "old_due", "new_due", "reason"),
        ProgressReport.objects.filter(project_id__gte=span[0], project_id__lte=span[1])
        .order_by("project_id", "period_end", "pk")
        .values_list("project_id", "period_end", TruncDate("submitted_at")),
    )


def iter_facts(projects=None, skip: frozenset[int] = frozenset()) -> Iterator[tuple[int, object]]:
    """(project pk, facts) for each project of `projects` (default: every running one) but those in `skip`, read
    in chunks."""
    projects = projects if projects is not None else running_projects()
    last = 0
    with connection.cursor() as cursor:
        while True:
            rows = _rows(cursor, chunk_queries(projects, last))
            if not rows:
                return
            last = rows[-1][0]
            yield from facts_of(cursor, rows, skip)


def facts_of(cursor, rows: list[tuple], skip: frozenset[int] = frozenset()) -> Iterator[tuple[int, object]]:
    """The facts of these project rows (ordered by id), their milestones, adjustments and reports read in three
    queries."""
    milestone_query, adjustment_query, report_query = chunk_queries(None, span=(rows[0][0], rows[-1][0]))
    milestones = {pk: list(group) for pk, group in groupby(_rows(cursor, milestone_query), _first)}
    adjustments: dict[int, list[tuple]] = {}
    for adjustment in _rows(cursor, adjustment_query):
        adjustments.setdefault(adjustment[0], []).append(adjustment)
    report_rows = _rows(cursor, report_query)
    if report_rows and isinstance(report_rows[0][2], str):  # SQLite's date functions answer text
        report_rows = [(pk, end, date.fromisoformat(day)) for pk, end, day in report_rows]
    reports = {pk: list(group) for pk, group in groupby(report_rows, _first)}
    none: list[tuple] = []
    for row in rows:
        pk = row[0]
        if pk in skip:
            continue
        yield pk, build_facts(row, milestones.get(pk, none), adjustments.get(pk, none), reports.get(pk, none))
