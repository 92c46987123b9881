"""Until when a project's findings stay what they are today, read off the rules themselves (`quiet_until`).

The nightly scan re-evaluates only the projects that changed and those whose findings may differ on the new day
(tiendo.reviews.scan, `--changed`). Which day that is follows from the rules: every rule compares the evaluation
day with the project's dates (a due date, a deadline, 12 months after a hand-over, a law's start), counts days from
it, or reads its year. Rather than a second, hand-written list of thresholds per rule that could drift from the
rules, the rules are run once with a watched evaluation day (`Watched`, a `date`): each comparison notes the first
later day on which its answer could flip, each count of days carries on as a watched number (`WatchedInt`,
`WatchedDelta`), and anything else read from the day (formatting it, its day of the month, a count that ends up in
a finding) answers "tomorrow". The earliest of these notes is the day the evaluation may change; a project with a
finding is due again the next day (its days behind move), a quiet one on the day a deadline passes.

Only later days are predicted (the scan moves forward); `add_months` of a watched day keeps watching it with a
margin of a week (a month's end may move the result a few days faster than the day itself).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from tiendo.domain.schedule_rules.facts import ProjectFacts
from tiendo.domain.schedule_rules.findings import evaluate

NEVER = date.max
_DAYS = timedelta.days
_ordinal = date.toordinal
MONTH_SLACK = 7  # days add_months(day + t, n) may run ahead of add_months(day, n) + t (measured: 4)


class Watch:
    """The evaluation day and the earliest later day on which something read from it may change."""

    __slots__ = ("as_of", "until")

    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        self.until = NEVER

    def within(self, days: int) -> None:
        """Something may change `days` days after the evaluation day (at least the next day)."""
        day = self.as_of + timedelta(days=max(1, days))
        if day < self.until:
            self.until = day

    def tomorrow(self) -> None:
        self.within(1)


def _crossing(watch: Watch, value: int, other: int, slope: int, slack: int) -> None:
    """`value` moves by `slope` a day (give or take `slack` days): note when it may reach or pass `other`."""
    gap = other - value
    if gap == 0:
        watch.tomorrow()
    elif (gap > 0) == (slope > 0):  # moving towards it
        watch.within(abs(gap) // abs(slope) - slack)


def _plain_day(day: date) -> date:
    return date.fromordinal(date.toordinal(day))


class Watched(date):
    """A day that is the evaluation day plus a fixed shift (give or take `slack` days); see the module."""

    __slots__ = ("watch", "slack")
    watch: Watch
    slack: int

    def __new__(cls, day: date, watch: Watch, slack: int = 0) -> Watched:
        made = date.__new__(cls, day.year, day.month, day.day)
        made.watch, made.slack = watch, slack
        return made

    def _compare(self, other: object) -> bool:
        if type(other) is date:  # the common case, inlined: the nightly scan's full runs do this a million times
            gap = _ordinal(other) - _ordinal(self)
            if gap >= 0:
                self.watch.within(gap - self.slack if gap else 1)
            return True
        if not isinstance(other, date):
            return False
        if isinstance(other, Watched):
            if self.slack or other.slack:
                self.watch.tomorrow()
            return True
        _crossing(self.watch, date.toordinal(self), date.toordinal(other), 1, self.slack)
        return True

    def __lt__(self, other: object) -> bool:
        return date.__lt__(self, other) if self._compare(other) else NotImplemented  # type: ignore[operator]

    def __le__(self, other: object) -> bool:
        return date.__le__(self, other) if self._compare(other) else NotImplemented  # type: ignore[operator]

    def __gt__(self, other: object) -> bool:
        return date.__gt__(self, other) if self._compare(other) else NotImplemented  # type: ignore[operator]

    def __ge__(self, other: object) -> bool:
        return date.__ge__(self, other) if self._compare(other) else NotImplemented  # type: ignore[operator]

    def __eq__(self, other: object) -> bool:
        return date.__eq__(self, other) if self._compare(other) else NotImplemented

    def __ne__(self, other: object) -> bool:
        return date.__ne__(self, other) if self._compare(other) else NotImplemented

    def __hash__(self) -> int:
        self.watch.tomorrow()
        return date.__hash__(self)

    def _shifted(self, days: int) -> Watched:
        return Watched(_plain_day(self) + timedelta(days=days), self.watch, self.slack)

    def __add__(self, other: object) -> Any:
        if isinstance(other, timedelta) and not isinstance(other, WatchedDelta) and not other.seconds:
            return self._shifted(other.days)
        self.watch.tomorrow()
        return _plain_day(self) + other  # type: ignore[operator]

    __radd__ = __add__

    def __sub__(self, other: object) -> Any:
        if isinstance(other, Watched):
            if self.slack or other.slack:
                self.watch.tomorrow()
            return _plain_day(self) - _plain_day(other)
        if isinstance(other, date):
            days = date.toordinal(self) - date.toordinal(other)
            return WatchedDelta(days, self.watch, 1, self.slack)
        if isinstance(other, timedelta) and not isinstance(other, WatchedDelta) and not other.seconds:
            return self._shifted(-other.days)
        self.watch.tomorrow()
        return _plain_day(self) - other  # type: ignore[operator]

    def __rsub__(self, other: object) -> Any:
        if isinstance(other, date) and not isinstance(other, Watched):
            return WatchedDelta(date.toordinal(other) - date.toordinal(self), self.watch, -1, self.slack)
        return NotImplemented

    @property
    def year(self) -> int:
        value = _plain_day(self)
        self.watch.within((date(value.year + 1, 1, 1) - value).days - self.slack)
        return value.year

    @property
    def month(self) -> int:
        value = _plain_day(self)
        following = date(value.year + 1, 1, 1) if value.month == 12 else date(value.year, value.month + 1, 1)
        self.watch.within((following - value).days - self.slack)
        return value.month

    @property
    def day(self) -> int:
        self.watch.tomorrow()
        return _plain_day(self).day

    def add_months(self, months: int, plain: Any) -> Watched:
        """add_months of this day (`plain`: add_months itself, on the plain day), watched with a margin."""
        return Watched(plain(_plain_day(self), months), self.watch, self.slack + MONTH_SLACK)

    def plain(self) -> date:
        """The day, unwatched, after noting that it is read as a whole."""
        self.watch.tomorrow()
        return _plain_day(self)


def _read_whole(name: str) -> Callable[..., Any]:
    method = getattr(date, name)

    def read(self: Any, *args: Any, **kwargs: Any) -> Any:
        self.watch.tomorrow()
        return method(_plain_day(self), *args, **kwargs)

    read.__name__ = name
    return read


for _name in (
    "__str__",
    "__repr__",
    "__format__",
    "__reduce__",
    "__reduce_ex__",
    "ctime",
    "isocalendar",
    "isoformat",
    "isoweekday",
    "replace",
    "strftime",
    "timetuple",
    "toordinal",
    "weekday",
):
    setattr(Watched, _name, _read_whole(_name))


class WatchedDelta(timedelta):
    """A whole number of days that moves by `slope` (1 or -1) a day with the evaluation day."""

    __slots__ = ("watch", "slope", "slack")
    watch: Watch
    slope: int
    slack: int

    def __new__(cls, days: int, watch: Watch, slope: int, slack: int = 0) -> WatchedDelta:
        made = timedelta.__new__(cls, days=days)
        made.watch, made.slope, made.slack = watch, slope, slack
        return made

    @property
    def days(self) -> int:
        return WatchedInt(_DAYS.__get__(self), self.watch, self.slope, self.slack)

    def _compare(self, other: object) -> bool:
        if not isinstance(other, timedelta):
            return False
        if isinstance(other, WatchedDelta) or other.seconds or other.microseconds:
            self.watch.tomorrow()
            return True
        _crossing(self.watch, _DAYS.__get__(self), other.days, self.slope, self.slack)
        return True

    def __lt__(self, other: object) -> bool:
        return timedelta.__lt__(self, other) if self._compare(other) else NotImplemented  # type: ignore[operator]

    def __le__(self, other: object) -> bool:
        return timedelta.__le__(self, other) if self._compare(other) else NotImplemented  # type: ignore[operator]

    def __gt__(self, other: object) -> bool:
        return timedelta.__gt__(self, other) if self._compare(other) else NotImplemented  # type: ignore[operator]

    def __ge__(self, other: object) -> bool:
        return timedelta.__ge__(self, other) if self._compare(other) else NotImplemented  # type: ignore[operator]

    def __eq__(self, other: object) -> bool:
        return timedelta.__eq__(self, other) if self._compare(other) else NotImplemented

    def __ne__(self, other: object) -> bool:
        return timedelta.__ne__(self, other) if self._compare(other) else NotImplemented

    def __bool__(self) -> bool:
        return bool(self.days)

    def __hash__(self) -> int:
        self.watch.tomorrow()
        return timedelta.__hash__(self)


def _delta_whole(name: str) -> Callable[..., Any]:
    method = getattr(timedelta, name)

    def read(self: Any, *args: Any, **kwargs: Any) -> Any:
        self.watch.tomorrow()
        return method(timedelta(days=_DAYS.__get__(self)), *args, **kwargs)

    read.__name__ = name
    return read


for _name in (
    "__str__",
    "__repr__",
    "__format__",
    "__reduce__",
    "__reduce_ex__",
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__neg__",
    "__pos__",
    "__abs__",
    "__mul__",
    "__rmul__",
    "__floordiv__",
    "__truediv__",
    "__mod__",
    "__divmod__",
    "total_seconds",
):
    setattr(WatchedDelta, _name, _delta_whole(_name))


class WatchedInt(int):
    """A count of days that moves by `slope` (1 or -1) a day with the evaluation day (give or take `slack`)."""

    watch: Watch
    slope: int
    slack: int

    def __new__(cls, value: int, watch: Watch, slope: int, slack: int = 0) -> WatchedInt:
        made = int.__new__(cls, value)
        made.watch, made.slope, made.slack = watch, slope, slack
        return made

    def _value(self) -> int:
        return int.__int__(self)

    def _compare(self, other: object) -> bool:
        if isinstance(other, WatchedInt):
            if other.slope != self.slope or self.slack or other.slack:
                self.watch.tomorrow()
            return True
        if isinstance(other, int):
            _crossing(self.watch, self._value(), int(other), self.slope, self.slack)
            return True
        if isinstance(other, float):
            self.watch.tomorrow()
            return True
        return False

    def __lt__(self, other: object) -> bool:
        return int.__lt__(self, other) if self._compare(other) else NotImplemented  # type: ignore[operator]

    def __le__(self, other: object) -> bool:
        return int.__le__(self, other) if self._compare(other) else NotImplemented  # type: ignore[operator]

    def __gt__(self, other: object) -> bool:
        return int.__gt__(self, other) if self._compare(other) else NotImplemented  # type: ignore[operator]

    def __ge__(self, other: object) -> bool:
        return int.__ge__(self, other) if self._compare(other) else NotImplemented  # type: ignore[operator]

    def __eq__(self, other: object) -> bool:
        return int.__eq__(self, other) if self._compare(other) else NotImplemented

    def __ne__(self, other: object) -> bool:
        return int.__ne__(self, other) if self._compare(other) else NotImplemented

    def __bool__(self) -> bool:
        _crossing(self.watch, self._value(), 0, self.slope, self.slack)
        return self._value() != 0

    def _moved(self, value: int, slope: int) -> Any:
        return WatchedInt(value, self.watch, slope, self.slack)

    def __add__(self, other: object) -> Any:
        if type(other) is int:
            return self._moved(self._value() + other, self.slope)
        self.watch.tomorrow()
        return self._value() + other  # type: ignore[operator]

    __radd__ = __add__

    def __sub__(self, other: object) -> Any:
        if type(other) is int:
            return self._moved(self._value() - other, self.slope)
        self.watch.tomorrow()
        return self._value() - other  # type: ignore[operator]

    def __rsub__(self, other: object) -> Any:
        if type(other) is int:
            return self._moved(other - self._value(), -self.slope)
        self.watch.tomorrow()
        return other - self._value()  # type: ignore[operator]

    def __neg__(self) -> Any:
        return self._moved(-self._value(), -self.slope)

    def __pos__(self) -> Any:
        return self


def _int_whole(name: str) -> Callable[..., Any]:
    method = getattr(int, name)

    def read(self: Any, *args: Any, **kwargs: Any) -> Any:
        self.watch.tomorrow()
        return method(int.__int__(self), *args, **kwargs)

    read.__name__ = name
    return read


for _name in (
    "__str__",
    "__repr__",
    "__format__",
    "__hash__",
    "__index__",
    "__int__",
    "__float__",
    "__reduce__",
    "__reduce_ex__",
    "__getnewargs__",
    "__mul__",
    "__rmul__",
    "__floordiv__",
    "__rfloordiv__",
    "__truediv__",
    "__rtruediv__",
    "__mod__",
    "__rmod__",
    "__divmod__",
    "__rdivmod__",
    "__pow__",
    "__rpow__",
    "__abs__",
    "__and__",
    "__rand__",
    "__or__",
    "__ror__",
    "__xor__",
    "__rxor__",
    "__lshift__",
    "__rlshift__",
    "__rshift__",
    "__rrshift__",
    "__invert__",
    "__round__",
    "__trunc__",
    "__floor__",
    "__ceil__",
    "bit_length",
    "bit_count",
    "to_bytes",
    "conjugate",
    "as_integer_ratio",
):
    setattr(WatchedInt, _name, _int_whole(_name))
for _name in ("numerator", "real"):
    setattr(WatchedInt, _name, property(_int_whole("__int__")))


def quiet_until(project: ProjectFacts, as_of: date) -> date:
    """The first day after `as_of` on which `project`'s findings may differ from those of `as_of` (NEVER: no rule
    reads the day in a way that can change); a project with findings is due again the next day."""
    watch = Watch(as_of)
    if evaluate(project, Watched(as_of, watch)):
        return as_of + timedelta(days=1)
    return watch.until
