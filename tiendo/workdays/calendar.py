"""The working-day calendar as the records make it: statutory holidays plus the declared days. One query."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from tiendo.domain.workdays import WorkCalendar

from .models import DeclaredDay


def work_calendar(years: Iterable[int]) -> WorkCalendar:
    """The calendar of `years` (and the next one, so a deadline late in December can run into January)."""
    years = sorted(set(years))
    if not years:
        raise ValueError("no year")
    span = list(range(years[0], years[-1] + 2))
    held = _HELD.get()
    if held is not None and held[0] <= span[0] and span[-1] <= held[1]:
        return held[2]
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


_HELD: ContextVar[tuple[int, int, WorkCalendar] | None] = ContextVar("held_calendar", default=None)


@contextmanager
def calendar_held(years: Iterable[int]) -> Iterator[WorkCalendar]:
    """One calendar of `years` answers every `work_calendar` call inside the block whose years it covers, for a
    batch writing hundreds of deadlines (the demo) while the declared days do not change. A wider calendar gives
    the same working days within the narrower span."""
    calendar = work_calendar(years)
    span = sorted(set(years))
    token = _HELD.set((span[0], span[-1] + 1, calendar))
    try:
        yield calendar
    finally:
        _HELD.reset(token)
