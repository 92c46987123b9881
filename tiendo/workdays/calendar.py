"""The working-day calendar as the records make it: statutory holidays plus the declared days. One query."""

from collections.abc import Iterable
from datetime import date

from tiendo.domain.workdays import WorkCalendar

from .models import DeclaredDay


def work_calendar(years: Iterable[int]) -> WorkCalendar:
    """The calendar of `years` (and the next one, so a deadline late in December can run into January)."""
    years = sorted(set(years))
    if not years:
        raise ValueError("no year")
    span = list(range(years[0], years[-1] + 2))
    off: list[date] = []
    working: list[date] = []
    rows = DeclaredDay.objects.filter(day__year__gte=span[0], day__year__lte=span[-1]).values_list("day", "kind")
    for day, kind in rows:
        (off if kind == DeclaredDay.Kind.DAY_OFF else working).append(day)
    return WorkCalendar.for_years(span, declared_off=off, declared_working=working)


def calendar_from(start: date, end: date | None = None) -> WorkCalendar:
    """The calendar covering `start` to `end` (or one year past `start`)."""
    last = end or date(start.year + 1, 12, 31)
    return work_calendar(range(start.year, max(start.year, last.year) + 1))
