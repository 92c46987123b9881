"""Working days: Vietnam's public holidays and the days the Government moves each year.

A deadline "in 05 working days" skips Saturdays, Sundays and public holidays, counts a Saturday the Government
declared a make-up working day, and skips the extra days off it declared around Tết or 2/9. The statutory days
(fixed and lunar) come from the `holidays` library; the declared days are data an administrator keeps with their
deciding document (tiendo.workdays) and reach this module as two sets. Nothing here looks at the clock.

Counting convention (the one administrative deadlines use): the day of receipt is day 0; the deadline is the n-th
working day after it. A paused clock (waiting for the petitioner's additional information) adds exactly the
working days it was paused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

__all__ = [
    "Pause",
    "WorkCalendar",
    "add_working_days",
    "due_with_pauses",
    "paused_working_days",
    "statutory_days_off",
    "working_days_between",
]

# a deadline further than this many days from its start is a data error, not a calendar question
_MAX_SPAN_DAYS = 3660


@lru_cache(maxsize=64)
def _statutory(year: int) -> dict[date, str]:
    return {day: str(name) for day, name in holidays.country_holidays("VN", years=year).items()}


def statutory_days_off(years: Iterable[int]) -> dict[date, str]:
    """The public holidays of the Labour Code (Tết and Hùng Kings' day by the lunar calendar), with the day off
    given in lieu when one falls on a weekend, by English name as the library gives them."""
    found: dict[date, str] = {}
    for year in sorted(set(years)):
        found.update(_statutory(year))
    return found


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """Days off beyond weekends (`days_off`: statutory and declared) and weekend days declared working days
    (`working_days`). A declared working day wins over a day off on the same date."""

    days_off: frozenset[date] = field(default_factory=frozenset)
    working_days: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def for_years(
        cls, years: Iterable[int], *, declared_off: Iterable[date] = (), declared_working: Iterable[date] = ()
    ) -> WorkCalendar:
        """The statutory holidays of `years` plus what the Government declared."""
        off = set(statutory_days_off(years)) | set(declared_off)
        return cls(frozenset(off), frozenset(declared_working))

    def is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def next_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, else the first working day after it."""
        current = day
        while not self.is_working_day(current):
            current += timedelta(days=1)
        return current


def add_working_days(calendar: WorkCalendar, start: date, days: int) -> date:
    """The `days`-th working day after `start` (`start` itself when days is 0 and it is a working day, else the
    next one): a deadline never falls on a day off."""
    if days < 0:
        raise ValueError("days must not be negative")
    if days == 0:
        return calendar.next_working_day(start)
    current, left = start, days
    limit = start + timedelta(days=_MAX_SPAN_DAYS + days * 3)
    while left:
        current += timedelta(days=1)
        if current > limit:
            raise ValueError("no working day within ten years: the calendar is wrong")
        if calendar.is_working_day(current):
            left -= 1
    return current


def working_days_between(calendar: WorkCalendar, start: date, end: date) -> int:
    """Working days in (start, end]: 0 when end is not after start. How late a petition is, in working days."""
    if end <= start:
        return 0
    if (end - start).days > _MAX_SPAN_DAYS * 3:
        raise ValueError("span too long")
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        if calendar.is_working_day(current):
            count += 1
    return count


@dataclass(frozen=True, slots=True)
class Pause:
    """The clock stopped on `start` (waiting for the petitioner) and ran again on `end` (None: still paused)."""

    start: date
    end: date | None = None


def paused_working_days(calendar: WorkCalendar, pauses: Iterable[Pause], today: date) -> int:
    """Working days the clock stood still: (start, end] of each pause, an open pause up to `today`."""
    return sum(working_days_between(calendar, pause.start, pause.end or today) for pause in pauses)


def due_with_pauses(
    calendar: WorkCalendar, received: date, days: int, pauses: Iterable[Pause] = (), today: date | None = None
) -> date:
    """The deadline `days` working days after receipt, moved by exactly the working days the clock was paused.
    An open pause counts up to `today` (the deadline keeps moving while the petitioner has not answered)."""
    pauses = list(pauses)
    for pause in pauses:
        if pause.end is not None and pause.end < pause.start:
            raise ValueError("a pause cannot end before it starts")
    if any(pause.end is None for pause in pauses) and today is None:
        raise ValueError("an open pause needs today's date")
    stopped = paused_working_days(calendar, pauses, today or received)
    return add_working_days(calendar, received, days + stopped)
