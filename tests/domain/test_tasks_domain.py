from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiendo.domain.tasks import (
    Light,
    Summary,
    TaskFacts,
    TaskStatus,
    due_soon,
    light,
    overdue_days,
    status_on,
    summarise,
)

DEADLINE = date(2024, 6, 30)


@pytest.mark.parametrize(
    ("facts", "day", "expected"),
    [
        # open, before / on / after the deadline: the deadline day itself is still within it
        (TaskFacts(DEADLINE), date(2024, 6, 29), TaskStatus.IN_PROGRESS),
        (TaskFacts(DEADLINE), date(2024, 6, 30), TaskStatus.IN_PROGRESS),
        (TaskFacts(DEADLINE), date(2024, 7, 1), TaskStatus.OVERDUE),
        # done on the deadline day is on time; the day after is late
        (TaskFacts(DEADLINE, completed_on=date(2024, 6, 30)), date(2024, 8, 1), TaskStatus.DONE_ON_TIME),
        (TaskFacts(DEADLINE, completed_on=date(2024, 7, 1)), date(2024, 8, 1), TaskStatus.DONE_LATE),
        # judged on a day before the work was finished, it was not finished yet
        (TaskFacts(DEADLINE, completed_on=date(2024, 7, 10)), date(2024, 7, 5), TaskStatus.OVERDUE),
        (TaskFacts(DEADLINE, completed_on=date(2024, 6, 20)), date(2024, 6, 19), TaskStatus.IN_PROGRESS),
        # no deadline: never overdue
        (TaskFacts(None), date(2030, 1, 1), TaskStatus.IN_PROGRESS),
        (TaskFacts(None, completed_on=date(2024, 1, 1)), date(2030, 1, 1), TaskStatus.DONE_ON_TIME),
        # standing tasks
        (TaskFacts(None, standing=True), date(2030, 1, 1), TaskStatus.STANDING),
        (TaskFacts(None, standing=True, completed_on=date(2025, 1, 1)), date(2030, 1, 1), TaskStatus.DONE_ON_TIME),
    ],
)
def test_status_on_every_boundary(facts, day, expected):
    assert status_on(facts, day) == expected


def test_reports_can_judge_against_the_original_deadline():
    extended = TaskFacts(date(2024, 9, 30), completed_on=date(2024, 8, 15), original_deadline=DEADLINE)
    assert status_on(extended, date(2024, 12, 31)) == TaskStatus.DONE_ON_TIME
    assert status_on(extended, date(2024, 12, 31), original=True) == TaskStatus.DONE_LATE
    open_extended = TaskFacts(date(2024, 9, 30), original_deadline=DEADLINE)
    assert status_on(open_extended, date(2024, 7, 15)) == TaskStatus.IN_PROGRESS
    assert status_on(open_extended, date(2024, 7, 15), original=True) == TaskStatus.OVERDUE


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (DEADLINE - timedelta(days=8), False),
        (DEADLINE - timedelta(days=7), True),
        (DEADLINE, True),
        (DEADLINE + timedelta(days=1), False),  # overdue, not due soon
    ],
)
def test_due_soon_window_is_inclusive(day, expected):
    assert due_soon(TaskFacts(DEADLINE), day) is expected


def test_due_soon_window_is_configurable_and_ignores_done_and_dateless_tasks():
    assert due_soon(TaskFacts(DEADLINE), DEADLINE - timedelta(days=10), within=10)
    assert not due_soon(TaskFacts(DEADLINE), DEADLINE - timedelta(days=10), within=9)
    assert not due_soon(TaskFacts(DEADLINE, completed_on=date(2024, 6, 1)), date(2024, 6, 28))
    assert not due_soon(TaskFacts(None), date(2024, 6, 28))
    assert not due_soon(TaskFacts(None, standing=True), date(2024, 6, 28))


def test_overdue_days():
    assert overdue_days(TaskFacts(DEADLINE), DEADLINE) == 0
    assert overdue_days(TaskFacts(DEADLINE), date(2024, 7, 3)) == 3
    assert overdue_days(TaskFacts(DEADLINE, completed_on=date(2024, 7, 2)), date(2024, 7, 3)) == 0


def test_summarise_counts_each_group():
    day = date(2024, 7, 15)
    rows = [
        ("A", TaskFacts(DEADLINE, completed_on=date(2024, 6, 1))),
        ("A", TaskFacts(DEADLINE, completed_on=date(2024, 7, 2))),
        ("A", TaskFacts(DEADLINE)),
        ("A", TaskFacts(date(2024, 8, 1))),
        ("B", TaskFacts(None, standing=True)),
    ]
    table = summarise(rows, day)
    a = table["A"]
    assert (a.total, a.done_on_time, a.done_late, a.in_progress, a.overdue, a.standing) == (4, 1, 1, 1, 1, 0)
    assert a.done == 2
    assert a.overdue_share == 0.25
    assert table["B"].standing == 1 and table["B"].overdue_share == 0.0
    total = Summary()
    for row in table.values():
        total.merge(row)
    assert total.total == 5


def test_light_by_share_of_overdue():
    assert light(Summary()) == Light.GREEN
    assert light(Summary(total=10, in_progress=10)) == Light.GREEN
    assert light(Summary(total=10, in_progress=9, overdue=1)) == Light.YELLOW
    assert light(Summary(total=10, in_progress=8, overdue=2)) == Light.RED
    assert light(Summary(total=10, in_progress=8, overdue=2), red_from=0.5) == Light.YELLOW


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))


@given(days, st.one_of(st.none(), days), st.booleans(), days)
def test_status_is_total_and_consistent(deadline, completed_on, standing, day):
    facts = TaskFacts(deadline, completed_on=completed_on, standing=standing)
    status = status_on(facts, day)
    finished = completed_on is not None and completed_on <= day
    assert (status in {TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE}) == finished
    if status == TaskStatus.OVERDUE:
        assert day > deadline and not standing
    if status == TaskStatus.DONE_LATE:
        assert completed_on is not None and completed_on > deadline
    # once finished, the status no longer changes with the day it is judged on
    if finished:
        assert status_on(facts, day + timedelta(days=400)) == status
