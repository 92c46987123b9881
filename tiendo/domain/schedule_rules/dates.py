"""Periods counted as the Civil Code 2015 counts them (Art. 147-148), and dates written as documents write them.

A period of n months from an event starts the next day and ends on the same day n months later (the month's last
day if it has none); the breach exists from the day after.
"""

from __future__ import annotations

import calendar
from datetime import date


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or that month's last day (Civil Code Art. 148): 29/02/2024 + 12 -> 28/02/2025."""
    watched = getattr(start, "add_months", None)
    if watched is not None:  # the evaluation day, watched (horizon.Watched)
        return watched(months, add_months)  # type: ignore[no-any-return]
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, start.day if start.day <= last else last)


def dmy(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def months_after(start: date, months: int, as_of: date) -> bool:
    """A period of `months` from `start` has run out by `as_of` (Civil Code Art. 147-148)."""
    return as_of > add_months(start, months)
