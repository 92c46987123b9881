"""quiet_until: the day a project's findings may change, read off the rules with a watched evaluation day.

The nightly `tiendo scan --changed` skips a quiet project until that day: if it were late, the scan would miss a
finding. So the property tested is that no finding appears before it, on projects in any state.
"""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.domain.test_schedule_rules import any_projects, milestone, on_time_projects, private, public
from tiendo.domain.schedule_rules import add_months, evaluate
from tiendo.domain.schedule_rules.horizon import NEVER, Watch, Watched, WatchedInt, quiet_until

AS_OF = date(2024, 3, 1)


def test_a_quiet_project_is_due_the_day_after_its_open_milestone():
    project = private(milestones=(milestone(first=date(2024, 3, 20)),))
    assert evaluate(project, AS_OF) == []
    until = quiet_until(project, AS_OF)
    assert AS_OF < until <= date(2024, 3, 21)
    assert evaluate(project, date(2024, 3, 21))  # LATE from the day after the due date


def test_a_project_with_findings_is_due_the_next_day():
    project = private(milestones=(milestone(first=date(2023, 3, 15)),))
    assert evaluate(project, AS_OF)
    assert quiet_until(project, AS_OF) == AS_OF + timedelta(days=1)


def test_a_project_nothing_can_happen_to_is_never_due():
    done = milestone(first=date(2022, 3, 15), done=date(2022, 3, 1))
    project = public(milestones=(done,), policy_approval_date=None)
    assert quiet_until(project, AS_OF) in (NEVER, date(2025, 1, 1))  # at most: the year is read


def test_comparisons_note_when_they_may_flip():
    watch = Watch(AS_OF)
    day = Watched(AS_OF, watch)
    assert day < date(2024, 3, 11) and watch.until == date(2024, 3, 11)
    assert date(2024, 3, 5) > day and watch.until == date(2024, 3, 5)  # reflected: the watched side answers
    assert day > date(2020, 1, 1) and watch.until == date(2024, 3, 5)  # already past: never flips again
    assert day.year == 2024 and watch.until == date(2024, 3, 5)
    assert day.month == 3 and watch.until == date(2024, 3, 5)  # April: later than the 5th
    days = (day - date(2024, 2, 20)).days - 2
    assert isinstance(days, WatchedInt) and days == 8 and watch.until == date(2024, 3, 2)  # == flips tomorrow


def test_a_count_of_days_going_down_and_add_months_with_its_margin():
    watch = Watch(AS_OF)
    day = Watched(AS_OF, watch)
    left = (date(2024, 4, 30) - day).days
    assert left > 30 and watch.until == date(2024, 3, 31)
    assert add_months(day, -12) < date(2023, 3, 20) and watch.until == date(2024, 3, 13)  # 19 days, less 7
    assert f"{day:%d/%m/%Y}" == "01/03/2024" and watch.until == date(2024, 3, 2)  # written out: tomorrow


def test_hashing_or_formatting_the_day_makes_it_due_tomorrow():
    watch = Watch(AS_OF)
    assert {Watched(AS_OF, watch): 1}[AS_OF] == 1 and watch.until == date(2024, 3, 2)


def _stays_quiet(project, as_of, days=400):
    until = quiet_until(project, as_of)
    today = evaluate(project, as_of)
    last = min(until, as_of + timedelta(days=days))
    day = as_of
    while day < last:
        assert evaluate(project, day) == today, (day, until)
        day += timedelta(days=1)
    return until


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(on_time_projects())
def test_an_on_time_project_stays_without_findings_until_its_day(case):
    as_of, project = case
    _stays_quiet(project, as_of)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_projects(), st.integers(min_value=0, max_value=900))
def test_any_project_keeps_its_findings_until_its_day(case, later):
    as_of, project = case
    _stays_quiet(project, as_of + timedelta(days=later), days=200)


def test_reports_and_deadlines_of_a_real_calendar_stay_quiet_until_the_next_deadline():
    project = private(reporting_since=date(2023, 1, 1), reports=())
    as_of = date(2023, 3, 1)
    until = _stays_quiet(project, as_of)
    assert until <= date(2023, 5, 1)  # the first quarter's report falls due in April
    assert evaluate(replace(project), until + timedelta(days=31))
