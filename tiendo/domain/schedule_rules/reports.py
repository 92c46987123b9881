"""Periodic reports: their calendars, which ones a project owes, and the condition that requires the missing ones.

Shared by INV-16 (investment reports, docs/legal/investment.md), SUP-02 and SUP-03 (supervision reports,
docs/legal/supervision.md) and SANC-01 (the fine, docs/legal/sanctions.md); `missing_reports` lists what an
investor must still send, without a rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Final

from tiendo.domain.messages import Message
from tiendo.domain.schedule_rules.context import NO_HITS, Ctx, Hit, Owed, date_or_none
from tiendo.domain.schedule_rules.dates import last_day
from tiendo.domain.schedule_rules.facts import ProjectFacts
from tiendo.domain.schedule_rules.messages import REPORT, msg
from tiendo.domain.schedule_rules.vocabulary import UNKNOWN, ReportKind


# Report calendars: (period, period end, last day on time). "Before the 10th" is read as by the 9th; "by 10 July"
# as on 10 July. One line each to change if the official text reads otherwise.
def _quarterly(year: int) -> tuple[tuple[str, date, date], ...]:
    """Decree 31 Art. 102(2): before the 10th of the quarter's next month (INV-16)."""
    return tuple(
        (f"{year}-Q{q}", last_day(year, 3 * q), date(year + 1, 1, 9) if q == 4 else date(year, 3 * q + 1, 9))
        for q in (1, 2, 3, 4)
    )


def _annual(year: int) -> tuple[tuple[str, date, date], ...]:
    """Decree 31 Art. 102(2): before 31 March of the next year (INV-16)."""
    return ((str(year), date(year, 12, 31), date(year + 1, 3, 30)),)


def _supervision_half_year(year: int) -> tuple[tuple[str, date, date], ...]:
    """Decree 29 (SUP-02, and SUP-03 until verified): the 6-month report by 10 July."""
    return ((f"{year}-H1", date(year, 6, 30), date(year, 7, 10)),)


def _supervision_annual(year: int) -> tuple[tuple[str, date, date], ...]:
    """Decree 29 (SUP-02, SUP-03): the annual report by 10 February of the next year."""
    return ((str(year), date(year, 12, 31), date(year + 1, 2, 10)),)


REPORT_CALENDAR: Final[dict[ReportKind, Callable[[int], tuple[tuple[str, date, date], ...]]]] = {
    ReportKind.QUARTERLY: _quarterly,
    ReportKind.ANNUAL: _annual,
    ReportKind.SUPERVISION_HALF_YEAR: _supervision_half_year,
    ReportKind.SUPERVISION_ANNUAL: _supervision_annual,
}
REPORT_VI: Final = {
    ReportKind.QUARTERLY: "báo cáo quý",
    ReportKind.ANNUAL: "báo cáo năm",
    ReportKind.SUPERVISION_HALF_YEAR: "báo cáo giám sát 6 tháng",
    ReportKind.SUPERVISION_ANNUAL: "báo cáo giám sát năm",
}


@lru_cache(maxsize=8192)
def _periods(kind: ReportKind, year: int) -> tuple[tuple[str, date, date], ...]:
    return REPORT_CALENDAR[kind](year)


def owed_reports(ctx: Ctx, kinds: tuple[ReportKind, ...]) -> list[Owed]:
    """Reports of these kinds whose deadline has passed, for periods ending on or after `reporting_since`."""
    if ctx.owed is None:
        ctx.owed = _all_owed(ctx)
    return [item for item in ctx.owed if item.kind in kinds]


def _all_owed(ctx: Ctx) -> list[Owed]:
    """Every report owed so far that is missing or was late (the national scan runs this 200,000 times)."""
    since = ctx.p.reporting_since
    if ctx.p.reports is UNKNOWN or not isinstance(since, date) or since > ctx.as_of:
        return []
    as_of = ctx.as_of
    index = ctx.report_index()
    kinds = ctx.p.report_kinds
    owed: list[Owed] = []
    for year in range(since.year, as_of.year + 1):
        for key, end, deadline in _calendar(year, kinds):
            if end < since or deadline >= as_of:
                continue
            submitted = index.get(key)
            if submitted is UNKNOWN:
                continue
            if submitted is None or submitted > as_of:
                owed.append(Owed(key[0], key[1], deadline, None))
            elif submitted > deadline:
                owed.append(Owed(key[0], key[1], deadline, submitted))
    return owed


@lru_cache(maxsize=2048)
def _calendar(year: int, kinds: frozenset[ReportKind]) -> tuple[tuple[tuple[ReportKind, str], date, date], ...]:
    """One year's reports of these kinds: ((kind, period), period end, last day on time)."""
    return tuple(
        ((kind, period), end, deadline)
        for kind in ReportKind
        if kind in kinds
        for period, end, deadline in _periods(kind, year)
    )


def list_periods(items: Sequence[Owed]) -> Message:
    """The first three reports by name, then how many others."""
    names = tuple(msg("sr.report", kind=REPORT[item.kind], period=item.period) for item in items[:3])
    more = msg("sr.reports_more", count=len(items) - 3) if len(items) > 3 else None
    return msg("sr.reports", items=names, more=more)


def require_reports(kinds: tuple[ReportKind, ...]) -> Callable[[Ctx], Sequence[Hit]]:
    """Reports of these kinds past their deadline and never submitted: require them."""

    def condition(ctx: Ctx) -> Sequence[Hit]:
        missing = [item for item in owed_reports(ctx, kinds) if item.submitted is None]
        if not missing:
            return NO_HITS
        oldest = min(item.deadline for item in missing)
        return (
            Hit(
                msg(
                    "sr.reports.missing",
                    as_of=ctx.as_of,
                    count=len(missing),
                    periods=list_periods(missing),
                    oldest=oldest,
                ),
                {
                    "reporting_since": date_or_none(ctx.p.reporting_since),
                    "missing": len(missing),
                    "oldest_deadline": oldest,
                },
                days_behind=(ctx.as_of - oldest).days,
            ),
        )

    condition.__doc__ = f"Missing {', '.join(kinds)} reports."
    return condition


INVESTMENT_REPORTS: Final = (ReportKind.QUARTERLY, ReportKind.ANNUAL)
SUPERVISION_REPORTS: Final = (ReportKind.SUPERVISION_HALF_YEAR, ReportKind.SUPERVISION_ANNUAL)


def reporting_start(registered: date | None, first_period_end: date | None) -> date | None:
    """From when a registry judges a project's periodic reports: its registration (certificate) day, but never
    before the quarter of the first report the registry holds for it. Reports before that one were kept elsewhere
    (on paper, in the national system before the province's registry): their absence here is no evidence they
    were missed. Without a report on record the project owes from its registration; None when it has none."""
    if registered is None:
        return None
    if first_period_end is None:
        return registered
    quarter_start = date(first_period_end.year, (first_period_end.month - 1) // 3 * 3 + 1, 1)
    return max(registered, quarter_start)


@dataclass(frozen=True, slots=True)
class OwedReport:
    """A periodic report past its deadline and not submitted: what the investor must still send."""

    kind: ReportKind
    period: str
    deadline: date  # last day on time


def missing_reports(project: ProjectFacts, as_of: date) -> list[OwedReport]:
    """The reports a project owed by `as_of` and has not submitted, oldest deadline first (no proposal, no rule)."""
    owed = _all_owed(Ctx(project, as_of))
    return sorted(
        (OwedReport(item.kind, item.period, item.deadline) for item in owed if item.submitted is None),
        key=lambda report: (report.deadline, report.period),
    )
