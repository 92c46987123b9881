"""Working days with Vietnam's real holidays (the `holidays` library) and declared days: properties over random
calendars of 2023–2027, and deadlines around Tết 2024, 2025 and 2026 counted by hand.

What the library gives (holidays 0.109, checked when these tests were written):
- 2024: Tết Thu 08/02 – Wed 14/02 (29 Tết to the fifth day; 10–11/02 are the weekend); Mon 29/04 is a day off
  swapped with the make-up Saturday 04/05, which the library does NOT list as a working day (declared data does);
- 2025: Tết Mon 27/01 – Sat 01/02 (25–26/01 and 02/02 are the weekend): work resumes Mon 03/02;
- 2026: Tết Mon 16/02 – Fri 20/02; Hùng Kings' day Sun 26/04 observed Mon 27/04; 30/04 and 01/05 (Thu, Fri);
  Mon 31/08 a day off swapped with Sat 22/08.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiendo.domain.workdays import (
    Pause,
    WorkCalendar,
    add_working_days,
    due_with_pauses,
    statutory_days_off,
    working_days_between,
)

YEARS = range(2023, 2028)
REAL = WorkCalendar.for_years(YEARS)

days = st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 6, 30))


@st.composite
def calendars(draw):
    """The real statutory days plus a few declared days off and make-up working days (weekends)."""
    off = draw(st.frozensets(days, max_size=12))
    weekends = draw(st.frozensets(days.filter(lambda d: d.weekday() >= 5), max_size=6))
    return WorkCalendar.for_years(YEARS, declared_off=off, declared_working=weekends)


def test_the_library_gives_the_tet_days_these_tests_rely_on():
    statutory = statutory_days_off(YEARS)
    tet_2024 = {date(2024, 2, d) for d in range(8, 15)}
    tet_2025 = {date(2025, 1, 27), date(2025, 1, 28), date(2025, 1, 29), date(2025, 1, 30), date(2025, 1, 31)}
    tet_2026 = {date(2026, 2, d) for d in range(16, 21)}
    assert tet_2024 | tet_2025 | tet_2026 <= set(statutory)
    assert date(2024, 4, 29) in statutory and date(2024, 5, 4) not in statutory
    assert date(2026, 4, 27) in statutory and date(2026, 8, 31) in statutory


# ---- properties ----


@given(calendars(), days, st.integers(min_value=0, max_value=40))
@settings(max_examples=150, deadline=None)
def test_a_deadline_never_falls_on_a_day_off(calendar, start, n):
    due = add_working_days(calendar, start, n)
    assert calendar.is_working_day(due)
    assert due >= start


@given(calendars(), days, st.integers(min_value=1, max_value=40))
@settings(max_examples=150, deadline=None)
def test_adding_and_counting_agree(calendar, start, n):
    """The n-th working day after start is n working days after it, and the day before it only n - 1."""
    due = add_working_days(calendar, start, n)
    assert working_days_between(calendar, start, due) == n
    assert working_days_between(calendar, start, due - timedelta(days=1)) == n - 1
    assert add_working_days(calendar, start, n + 1) > due


@given(calendars(), days, days)
@settings(max_examples=100, deadline=None)
def test_counting_is_additive_and_never_negative(calendar, a, b):
    start, end = min(a, b), max(a, b)
    middle = start + (end - start) // 2
    assert working_days_between(calendar, end, start) == 0
    assert working_days_between(calendar, start, end) == working_days_between(
        calendar, start, middle
    ) + working_days_between(calendar, middle, end)


@given(
    calendars(),
    days,
    st.integers(min_value=1, max_value=30),
    st.integers(min_value=0, max_value=20),
    st.integers(min_value=0, max_value=30),
)
@settings(max_examples=150, deadline=None)
def test_pausing_and_resuming_adds_exactly_the_paused_working_days(calendar, received, n, offset, length):
    start = received + timedelta(days=offset)
    end = start + timedelta(days=length)
    paused = working_days_between(calendar, start, end)
    plain = due_with_pauses(calendar, received, n)
    moved = due_with_pauses(calendar, received, n, [Pause(start, end)])
    assert calendar.is_working_day(moved)
    assert working_days_between(calendar, plain, moved) == paused
    assert working_days_between(calendar, received, moved) == n + paused


@given(calendars(), days, st.integers(min_value=1, max_value=20), st.integers(min_value=0, max_value=15))
@settings(max_examples=80, deadline=None)
def test_an_open_pause_counts_up_to_today(calendar, received, n, waited):
    today = received + timedelta(days=waited)
    open_pause = due_with_pauses(calendar, received, n, [Pause(received)], today=today)
    closed = due_with_pauses(calendar, received, n, [Pause(received, today)])
    assert open_pause == closed


def test_pauses_that_make_no_sense_are_refused():
    with pytest.raises(ValueError):
        due_with_pauses(REAL, date(2026, 3, 2), 5, [Pause(date(2026, 3, 5), date(2026, 3, 4))])
    with pytest.raises(ValueError):
        due_with_pauses(REAL, date(2026, 3, 2), 5, [Pause(date(2026, 3, 5))])
    with pytest.raises(ValueError):
        add_working_days(REAL, date(2026, 3, 2), -1)


# ---- real years, counted by hand ----


@pytest.mark.parametrize(
    ("received", "n", "due"),
    [
        # Wed 07/02/2024: Tết from Thu 08 to Wed 14; Thu 15 is day 1, Fri 16 day 2, Mon 19–Wed 21 days 3–5.
        (date(2024, 2, 7), 5, date(2024, 2, 21)),
        # ... and days 6–10: Thu 22, Fri 23, Mon 26, Tue 27, Wed 28.
        (date(2024, 2, 7), 10, date(2024, 2, 28)),
        # Fri 02/02/2024: Mon 05, Tue 06, Wed 07 are days 1–3; Tết; Thu 15 day 4, Fri 16 day 5.
        (date(2024, 2, 2), 5, date(2024, 2, 16)),
        # Fri 24/01/2025: off from Sat 25/01 to Sun 02/02; Mon 03 to Fri 07/02 are days 1–5.
        (date(2025, 1, 24), 5, date(2025, 2, 7)),
        # ... days 6–10: Mon 10 to Fri 14/02.
        (date(2025, 1, 24), 10, date(2025, 2, 14)),
        # Received on a Tết day (Wed 29/01/2025, the first day of the year): counted from it, day 1 is Mon 03/02.
        (date(2025, 1, 29), 1, date(2025, 2, 3)),
        # Fri 13/02/2026: Tết Mon 16 – Fri 20; Mon 23 to Fri 27/02 are days 1–5.
        (date(2026, 2, 13), 5, date(2026, 2, 27)),
        # Thu 12/02/2026: Fri 13 is day 1; then Mon 23 – Thu 26/02 days 2–5.
        (date(2026, 2, 12), 5, date(2026, 2, 26)),
        # Fri 24/04/2026: Mon 27 off (Hùng Kings' observed), Tue 28 day 1, Wed 29 day 2, Thu 30/04 and Fri 01/05 off,
        # Mon 04, Tue 05, Wed 06/05 days 3–5.
        (date(2026, 4, 24), 5, date(2026, 5, 6)),
        # New Year 2025 (Wed 01/01): received Tue 31/12/2024, day 1 is Thu 02/01.
        (date(2024, 12, 31), 1, date(2025, 1, 2)),
        # 0 days on a day off: the next working day (Sat 10/02/2024 → Thu 15/02).
        (date(2024, 2, 10), 0, date(2024, 2, 15)),
    ],
)
def test_deadlines_around_the_real_holidays(received, n, due):
    assert add_working_days(REAL, received, n) == due
    assert REAL.is_working_day(due)


def test_a_declared_make_up_saturday_is_a_working_day():
    """2024: Mon 29/04 off in exchange for Sat 04/05. From Fri 26/04, 3 working days: 29/04, 30/04 and 01/05 off,
    Thu 02/05 day 1, Fri 03/05 day 2, Sat 04/05 day 3 — only when the Saturday is declared; otherwise Mon 06/05."""
    declared = WorkCalendar.for_years(YEARS, declared_working=[date(2024, 5, 4)])
    assert add_working_days(declared, date(2024, 4, 26), 3) == date(2024, 5, 4)
    assert add_working_days(REAL, date(2024, 4, 26), 3) == date(2024, 5, 6)
    # 2026: Mon 31/08 off in exchange for Sat 22/08: from Fri 21/08 the first working day is that Saturday.
    swapped = WorkCalendar.for_years(YEARS, declared_working=[date(2026, 8, 22)])
    assert add_working_days(swapped, date(2026, 8, 21), 1) == date(2026, 8, 22)
    assert add_working_days(REAL, date(2026, 8, 21), 1) == date(2026, 8, 24)


def test_a_declared_day_off_is_skipped_and_a_declared_working_day_wins_over_it():
    """A Friday declared off (a bridge day): Thu 08/10/2026 + 1 working day is Mon 12/10 instead of Fri 09/10."""
    friday = date(2026, 10, 9)
    bridged = WorkCalendar.for_years(YEARS, declared_off=[friday])
    assert add_working_days(bridged, date(2026, 10, 8), 1) == date(2026, 10, 12)
    both = WorkCalendar.for_years(YEARS, declared_off=[friday], declared_working=[friday])
    assert both.is_working_day(friday)


def test_a_pause_over_tet_adds_only_the_working_days_it_lasted():
    """Received Mon 02/02/2026 with 10 working days: due Mon 23/02 (Tue 03 – Fri 13 are days 1–9, Tết, Mon 23 day
    10). Paused from Tue 10/02 to Tue 24/02: working days in (10/02, 24/02] are 11, 12, 13, 23, 24 = 5, so the
    deadline moves 5 working days: Tue 24, Wed 25, Thu 26, Fri 27, Mon 02/03."""
    received = date(2026, 2, 2)
    assert due_with_pauses(REAL, received, 10) == date(2026, 2, 23)
    pause = Pause(date(2026, 2, 10), date(2026, 2, 24))
    assert working_days_between(REAL, pause.start, pause.end) == 5
    assert due_with_pauses(REAL, received, 10, [pause]) == date(2026, 3, 2)
