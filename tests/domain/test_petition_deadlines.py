"""The escalation ladder of a petition's deadline (tiendo.domain.petitions.deadlines.step_on) on real calendars:
remind the officer `remind_before` working days ahead, the head of the agency from the deadline, the leaders
`escalate_after` working days past it; Tết days do not count as lateness."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiendo.domain.petitions.deadlines import (
    DeadlineRules,
    Step,
    answer_due,
    answered_on_time,
    forward_due,
    publish_due,
    step_on,
    working_days_late,
    working_days_left,
)
from tiendo.domain.workdays import WorkCalendar

REAL = WorkCalendar.for_years(range(2023, 2028))
RULES = DeadlineRules(forward_days=5, answer_days=10, publish_days=5, remind_before=2, escalate_after=5)
ORDER = [Step.NONE, Step.REMIND_OFFICER, Step.NOTIFY_HEAD, Step.ESCALATE]


@pytest.mark.parametrize(
    ("today", "step"),
    [
        # due Fri 27/02/2026 (no holiday that week)
        (date(2026, 2, 23), Step.NONE),  # 4 working days left: 24, 25, 26, 27
        (date(2026, 2, 24), Step.NONE),  # 3 left
        (date(2026, 2, 25), Step.REMIND_OFFICER),  # 2 left: 26, 27
        (date(2026, 2, 26), Step.REMIND_OFFICER),
        (date(2026, 2, 27), Step.NOTIFY_HEAD),  # the deadline itself
        (date(2026, 3, 2), Step.NOTIFY_HEAD),  # 1 working day late
        (date(2026, 3, 5), Step.NOTIFY_HEAD),  # 4 late: 2, 3, 4, 5
        (date(2026, 3, 6), Step.ESCALATE),  # 5 late
        (date(2026, 3, 7), Step.ESCALATE),  # a Saturday: still 5
    ],
)
def test_the_ladder_steps(today, step):
    assert step_on(REAL, date(2026, 2, 27), today, RULES) == step


@pytest.mark.parametrize(
    ("due", "today", "step"),
    [
        # due Fri 13/02/2026, Tết Mon 16 – Fri 20: no working day passed, still the head's step, not the leaders'
        (date(2026, 2, 13), date(2026, 2, 20), Step.NOTIFY_HEAD),
        (date(2026, 2, 13), date(2026, 2, 26), Step.NOTIFY_HEAD),  # 4 late: 23, 24, 25, 26
        (date(2026, 2, 13), date(2026, 2, 27), Step.ESCALATE),  # 5 late
        # due Mon 23/02/2026: on Thu 12/02 two working days are left (13, 23) → remind; on Wed 11/02 three → none
        (date(2026, 2, 23), date(2026, 2, 12), Step.REMIND_OFFICER),
        (date(2026, 2, 23), date(2026, 2, 11), Step.NONE),
    ],
)
def test_the_ladder_around_tet(due, today, step):
    assert step_on(REAL, due, today, RULES) == step


def test_escalating_at_once_still_waits_one_working_day_past_the_deadline():
    rules = DeadlineRules(remind_before=0, escalate_after=0)
    due = date(2026, 3, 6)
    assert step_on(REAL, due, due, rules) == Step.NOTIFY_HEAD
    assert step_on(REAL, due, date(2026, 3, 9), rules) == Step.ESCALATE
    assert step_on(REAL, due, date(2026, 3, 5), rules) == Step.NONE


@given(
    st.dates(min_value=date(2023, 2, 1), max_value=date(2027, 6, 1)),
    st.integers(min_value=0, max_value=5),
    st.integers(min_value=0, max_value=8),
)
@settings(max_examples=80, deadline=None)
def test_the_ladder_never_steps_back_as_days_pass(due, remind, escalate):
    rules = DeadlineRules(remind_before=remind, escalate_after=escalate)
    steps = [step_on(REAL, due, due + timedelta(days=d), rules) for d in range(-30, 40)]
    ranks = [ORDER.index(s) for s in steps]
    assert ranks == sorted(ranks)
    assert steps[-1] == Step.ESCALATE


def test_the_durations_of_the_rules():
    received = date(2026, 2, 12)  # Thu
    assert forward_due(REAL, received, RULES) == date(2026, 2, 26)  # Fri 13, Tết, Mon 23 – Thu 26
    assert answer_due(REAL, received, RULES) == date(2026, 3, 5)  # … Fri 27, Mon 02 – Thu 05/03
    assert publish_due(REAL, date(2026, 4, 24), RULES) == date(2026, 5, 6)  # over 27/04, 30/04 and 01/05
    assert working_days_late(REAL, date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert working_days_left(REAL, date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert answered_on_time(date(2026, 3, 5), date(2026, 3, 5))
    assert not answered_on_time(date(2026, 3, 5), date(2026, 3, 6))


@pytest.mark.parametrize("field", ["forward_days", "answer_days", "publish_days"])
def test_a_duration_below_one_day_is_refused(field):
    with pytest.raises(ValueError):
        DeadlineRules(**{field: 0})
    with pytest.raises(ValueError):
        DeadlineRules(remind_before=-1)
