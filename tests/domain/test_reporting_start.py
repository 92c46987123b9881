"""Reports owed from the day reporting began: the registration, within the registry from the project's first
report on, and against the reports the project has (issue 14: a project registered in 2016 whose reports are kept
from 2023 was said to owe 28 reports)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tiendo.domain.projects import ProjectKind
from tiendo.domain.schedule_rules import ProjectFacts, Report, ReportKind, evaluate, missing_reports, reporting_start
from tiendo.domain.schedule_rules.reports import REPORT_CALENDAR

AS_OF = date(2026, 12, 7)
QUARTERLY = frozenset({ReportKind.QUARTERLY})


def _quarters(first: date, last: date) -> list[tuple[str, date, date]]:
    """(period, period end, deadline) of every quarter ending from `first` to `last`."""
    return [
        period
        for year in range(first.year, last.year + 1)
        for period in REPORT_CALENDAR[ReportKind.QUARTERLY](year)
        if first <= period[1] <= last
    ]


def _facts(registered: date, reports: tuple[Report, ...]) -> ProjectFacts:
    first = min((_end(r.period) for r in reports), default=None)
    return ProjectFacts(
        code="X",
        kind=ProjectKind.PRIVATE,
        certificate_date=registered,
        milestones=(),
        extensions=(),
        reports=reports,
        report_kinds=QUARTERLY,
        reporting_since=reporting_start(registered, first),
    )


def _end(period: str) -> date:
    year, quarter = period.split("-Q")
    return next(end for name, end, _d in REPORT_CALENDAR[ReportKind.QUARTERLY](int(year)) if name == period)


def test_reporting_starts_at_the_quarter_of_the_first_report_kept_never_before_the_registration():
    assert reporting_start(date(2016, 4, 22), date(2023, 6, 30)) == date(2023, 4, 1)
    assert reporting_start(date(2024, 2, 10), date(2024, 3, 31)) == date(2024, 2, 10)
    assert reporting_start(date(2016, 4, 22), None) == date(2016, 4, 22)  # never reported: owes from registration
    assert reporting_start(None, date(2023, 6, 30)) is None


def test_an_operating_project_that_reported_every_quarter_since_its_first_report_owes_nothing():
    """HD-2016-0001: registered in 2016, 14 quarterly reports on time from 2023-Q2; it was said to owe 28."""
    reports = tuple(
        Report(ReportKind.QUARTERLY, name, deadline - timedelta(days=2))
        for name, _end, deadline in _quarters(date(2023, 6, 30), date(2026, 9, 30))
    )
    facts = _facts(date(2016, 4, 22), reports)
    assert len(reports) == 14
    assert missing_reports(facts, AS_OF) == []
    assert not [f for f in evaluate(facts, AS_OF) if f.rule in ("INV-16", "SANC-01")]


@given(
    registered=st.dates(date(2015, 1, 1), date(2026, 6, 30)),
    first=st.dates(date(2015, 1, 1), date(2026, 9, 30)),
    gaps=st.sets(st.integers(0, 60), max_size=8),
)
def test_owed_reports_are_the_quarters_since_reporting_began_less_those_submitted(registered, first, gaps):
    """Every quarter ending from reporting's start to the last one due is owed unless a report covers it; a report
    sent for a quarter clears it; nothing before the start is owed."""
    due = [q for q in _quarters(date(2015, 1, 1), AS_OF) if q[2] < AS_OF]
    kept = [q for q in due if q[1] >= first]
    sent = tuple(
        Report(ReportKind.QUARTERLY, name, deadline) for i, (name, _e, deadline) in enumerate(kept) if i not in gaps
    )
    facts = _facts(registered, sent)
    since = facts.reporting_since
    owed = missing_reports(facts, AS_OF)
    sent_periods = {r.period for r in sent}
    expected = [name for name, end, _d in due if end >= since and name not in sent_periods]
    assert [o.period for o in owed] == expected
    assert all(_end(o.period) >= registered for o in owed)
    if sent:
        assert all(_end(o.period) >= _end(min(sent_periods, key=_end)) for o in owed)
