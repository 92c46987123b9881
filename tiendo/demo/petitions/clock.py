"""The demo's clock: each petition's moves are written through the services as they happened, so the day the
services read (`timezone.now()`: the history rows, the StateChange times, the day a pause starts) is the day of
the move, not the day the demo runs. Only the demo turns it; it puts it back however the block ends."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from tiendo.demo.projects.vocabulary import VN_TZ


class DemoClock:
    """Each call of `at(day)` gives a moment a few minutes after the previous one on that day (09:00 first), so
    two moves of one day keep their order."""

    def __init__(self) -> None:
        self.minutes: dict[date, int] = {}

    def moment(self, day: date) -> datetime:
        minute = self.minutes.get(day, 0)
        self.minutes[day] = minute + 1
        return datetime.combine(day, time(8), tzinfo=VN_TZ) + timedelta(minutes=minute % 540)

    @contextmanager
    def at(self, day: date) -> Iterator[None]:
        moment = self.moment(day)
        real = timezone.now
        timezone.now = lambda: moment  # type: ignore[assignment]
        try:
            yield
        finally:
            timezone.now = real  # type: ignore[assignment]
