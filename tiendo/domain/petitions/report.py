"""The petitions' figures for a period: the per-agency table (received, answered on time or late, open past the
deadline, average working days to answer, satisfaction) and the six-monthly report in Decree 20's shape (counts by
channel, kind, topic, agency and result). Pure: the caller gives one `Facts` per petition and the work calendar.

Semantics, the same on the pages, in the workbooks and on the command line:

- a petition is *received* in the period when its day of receipt falls in it;
- it is *answered* in the period when its answer's day falls in it; *on time* when that day is on or before the
  deadline in force when it was answered (the clock moved by the pauses), *late* otherwise;
- it is *open and overdue* when, at the end of the period (or today, if the period has not ended), it was received,
  not answered, not finished otherwise (not accepted, merged, withdrawn) and its deadline had passed;
- the working days to answer count from the day of receipt to the answer's day on the work calendar;
- satisfaction counts the ratings given to the answers of the period."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tiendo.domain.workdays import WorkCalendar, working_days_between

from .states import Kind, State

# finished without an answer: they are neither answered nor open
CLOSED_UNANSWERED = frozenset({State.REJECTED.value, State.MERGED.value, State.WITHDRAWN.value})


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError("the period starts after it ends")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def judged_on(self, today: date) -> date:
        """A period not yet over is judged on what is known today."""
        return min(self.end, today)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """Decree 20's reporting periods: 1/1–30/6 and 1/7–31/12."""
        if half not in (1, 2):
            raise ValueError("half must be 1 or 2")
        return cls(date(year, 1, 1), date(year, 6, 30)) if half == 1 else cls(date(year, 7, 1), date(year, 12, 31))


@dataclass(frozen=True, slots=True)
class Facts:
    """What the reports read of one petition."""

    agency: Hashable  # the responsible agency (None: not yet routed)
    received_on: date
    state: str
    kind: str = ""
    topic: str = ""
    channel: str = ""
    due_on: date | None = None
    answered_on: date | None = None
    rating: str = ""
    rated_on: date | None = None

    def answered_by(self, day: date) -> bool:
        return self.answered_on is not None and self.answered_on <= day

    def on_time(self) -> bool:
        return self.answered_on is not None and (self.due_on is None or self.answered_on <= self.due_on)

    def open_on(self, day: date) -> bool:
        return self.received_on <= day and not self.answered_by(day) and self.state not in CLOSED_UNANSWERED

    def overdue_on(self, day: date) -> bool:
        return self.open_on(day) and self.due_on is not None and self.due_on < day


@dataclass
class AgencyRow:
    agency: Hashable
    received: int = 0
    answered: int = 0
    on_time: int = 0
    late: int = 0
    open_overdue: int = 0
    working_days: int = 0  # the sum, for the average
    rated: int = 0
    satisfied: int = 0

    @property
    def average_days(self) -> Decimal | None:
        """Average working days to answer, to one decimal (none without an answer)."""
        if not self.answered:
            return None
        return (Decimal(self.working_days) / self.answered).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def on_time_share(self) -> Decimal | None:
        return _share(self.on_time, self.answered)

    @property
    def satisfaction(self) -> Decimal | None:
        return _share(self.satisfied, self.rated)

    def add(self, other: AgencyRow) -> None:
        for name in ("received", "answered", "on_time", "late", "open_overdue", "working_days", "rated", "satisfied"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _share(part: int, whole: int) -> Decimal | None:
    """A percentage to one decimal, none of nothing."""
    if not whole:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class AgencyTable:
    period: Period
    day: date  # the day open petitions are judged on
    rows: list[AgencyRow]
    total: AgencyRow


def agency_table(
    facts: Iterable[Facts],
    period: Period,
    today: date,
    calendar: WorkCalendar,
    sort_key: Callable[[AgencyRow], Any] | None = None,
) -> AgencyTable:
    """A row per responsible agency with anything in the period, sorted by `sort_key` (default: most open past the
    deadline, then most late), and the totals."""
    day = period.judged_on(today)
    rows: dict[Hashable, AgencyRow] = {}
    for fact in facts:
        row = AgencyRow(fact.agency)
        if fact.received_on in period:
            row.received = 1
        if fact.answered_on is not None and fact.answered_on in period:
            row.answered = 1
            row.on_time, row.late = (1, 0) if fact.on_time() else (0, 1)
            row.working_days = working_days_between(calendar, fact.received_on, fact.answered_on)
            if fact.rating:
                row.rated = 1
                row.satisfied = int(fact.rating == "satisfied")
        if fact.overdue_on(day):
            row.open_overdue = 1
        if row.received or row.answered or row.open_overdue:
            rows.setdefault(fact.agency, AgencyRow(fact.agency)).add(row)
    ordered = sorted(rows.values(), key=sort_key or (lambda r: (-r.open_overdue, -r.late, -r.received)))
    total = AgencyRow(None)
    for row in ordered:
        total.add(row)
    return AgencyTable(period, day, ordered, total)


# The six-monthly report ---------------------------------------------------------------------------------------

RESULTS = ("answered_on_time", "answered_late", "open_in_time", "open_overdue", "not_accepted", "merged", "withdrawn")


@dataclass
class HalfYearReport:
    """Counts of the petitions received in the period, by channel, kind, topic and agency, and by result as at the
    end of the period (or today): answered on time or late, still open (within or past the deadline), not
    accepted, merged into another, withdrawn; also how many were forwarded (outside the receiver's competence) and
    how many were still open from before the period."""

    period: Period
    day: date
    received: int = 0
    carried_over: int = 0
    forwarded: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    by_topic: dict[str, int] = field(default_factory=dict)
    by_agency: dict[Hashable, dict[str, int]] = field(default_factory=dict)
    results: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RESULTS, 0))


def result_of(fact: Facts, day: date) -> str:
    """Where a petition stood at the end of `day`, one of RESULTS."""
    if fact.answered_by(day):
        return "answered_on_time" if fact.on_time() else "answered_late"
    if fact.state == State.REJECTED.value:
        return "not_accepted"
    if fact.state == State.MERGED.value:
        return "merged"
    if fact.state == State.WITHDRAWN.value:
        return "withdrawn"
    return "open_overdue" if fact.overdue_on(day) else "open_in_time"


def half_year_report(facts: Iterable[Facts], period: Period, today: date) -> HalfYearReport:
    day = period.judged_on(today)
    report = HalfYearReport(period, day)
    for fact in facts:
        if fact.received_on < period.start and fact.open_on(period.start - _ONE_DAY):
            report.carried_over += 1
        if fact.received_on not in period:
            continue
        report.received += 1
        if fact.kind == Kind.OUTSIDE_COMPETENCE.value:
            report.forwarded += 1
        _bump(report.by_channel, fact.channel)
        _bump(report.by_kind, fact.kind)
        _bump(report.by_topic, fact.topic)
        result = result_of(fact, day)
        report.results[result] += 1
        agency = report.by_agency.setdefault(fact.agency, {"received": 0, **dict.fromkeys(RESULTS, 0)})
        agency["received"] += 1
        agency[result] += 1
    return report


def _bump(counts: dict[str, int], key: str) -> None:
    counts[key] = counts.get(key, 0) + 1


_ONE_DAY = timedelta(days=1)
