"""The monthly S-curve of what was disbursed against the province's target path (its own, configurable: not
law)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Final

from tiendo.domain.disbursement.deadlines import _d

# ---------------------------------------------------------------------------------------------------------------
# The monthly S-curve


@dataclass(frozen=True, slots=True)
class MonthPoint:
    month: date  # the month's first day
    amount: int  # disbursed in the month, đồng
    cumulative: int  # disbursed from the start of the plan year to the month's end
    percent: Decimal  # cumulative share of the allocated capital, 2 decimals (0 when nothing is allocated)


def _percent(part: int | Fraction, whole: int) -> Decimal:
    """part / whole in percent, 2 decimals, half up; 0 for nothing allocated."""
    if whole <= 0:
        return Decimal(0)
    share = Fraction(part) * 100 / whole
    return (Decimal(share.numerator) / Decimal(share.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_of(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def cumulative_series(
    monthly: Mapping[date, int] | Iterable[tuple[date, int]],
    allocated: int,
    plan_year: int,
    through: date | None = None,
) -> list[MonthPoint]:
    """Month by month from January of the plan year: amount, cumulative amount and % of allocated.

    Months are given by their first day, from January of the plan year to December of the next year (the latest
    disbursement deadline); a month missing counts as nothing disbursed. The series runs to the last month given,
    or to `through`'s month if that is later. A negative amount (capital recovered) is allowed.
    """
    items = monthly.items() if isinstance(monthly, Mapping) else monthly
    first, last = date(plan_year, 1, 1), date(plan_year + 1, 12, 1)
    amounts: dict[int, int] = {}
    for month, amount in items:
        if month.day != 1:
            raise ValueError(f"Tháng phải ghi bằng ngày đầu tháng, không phải {_d(month)}")
        if not first <= month <= last:
            raise ValueError(f"Tháng {month.month:02d}/{month.year} nằm ngoài thời gian giải ngân vốn năm {plan_year}")
        if not isinstance(amount, int):
            raise TypeError(f"Số tiền giải ngân phải là số nguyên đồng, không phải {amount!r}")
        amounts[_month_index(month)] = amounts.get(_month_index(month), 0) + amount
    end = max(amounts, default=None)
    if through is not None:
        end = max(end or 0, min(_month_index(through), _month_index(last)))
    if end is None:
        return []
    points: list[MonthPoint] = []
    cumulative = 0
    for index in range(_month_index(first), end + 1):
        amount = amounts.get(index, 0)
        cumulative += amount
        points.append(MonthPoint(_month_of(index), amount, cumulative, _percent(cumulative, allocated)))
    return points


# ---------------------------------------------------------------------------------------------------------------
# The province's target path


@dataclass(frozen=True, slots=True)
class TargetPoint:
    """Cumulative % of the year's capital the province wants disbursed by the end of a day."""

    month: int
    day: int
    percent: Decimal
    next_year: bool = False  # a day of the year after the plan year (31/01)

    def on(self, plan_year: int) -> date:
        return date(plan_year + 1 if self.next_year else plan_year, self.month, self.day)


# The province's configurable target, not law: the usual quarterly targets of a provincial disbursement directive.
DEFAULT_TARGET_PATH: Final = (
    TargetPoint(3, 31, Decimal(15)),
    TargetPoint(6, 30, Decimal(45)),
    TargetPoint(9, 30, Decimal(70)),
    TargetPoint(12, 31, Decimal(95)),
    TargetPoint(1, 31, Decimal(100), next_year=True),
)


def _check_path(path: Sequence[TargetPoint]) -> None:
    if not path:
        raise ValueError("Lộ trình giải ngân mục tiêu phải có ít nhất một mốc")
    previous_day, previous_percent = date(2001, 12, 31), Decimal(0)
    for point in path:
        day = point.on(2002)  # any non-leap year: only the order matters (29/02 is refused there)
        if day <= previous_day or not previous_percent <= point.percent <= 100:
            raise ValueError("Các mốc của lộ trình phải theo thứ tự ngày, tỷ lệ không giảm và không quá 100%")
        previous_day, previous_percent = day, point.percent


def _target(on: date, plan_year: int, path: Sequence[TargetPoint]) -> Fraction:
    """The target at the end of `on`, linear by day between the points, from 0% on 31/12 before the plan year."""
    previous_day, previous = date(plan_year - 1, 12, 31), Fraction(0)
    if on <= previous_day:
        return Fraction(0)
    for point in path:
        day, value = point.on(plan_year), Fraction(point.percent)
        if on <= day:
            return previous + (value - previous) * (on - previous_day).days / (day - previous_day).days
        previous_day, previous = day, value
    return previous


def target_percent(on: date, plan_year: int, path: Sequence[TargetPoint] = DEFAULT_TARGET_PATH) -> Decimal:
    """The province's target cumulative % on a day (2 decimals), interpolated linearly by day between points."""
    _check_path(path)
    share = _target(on, plan_year, path)
    return (Decimal(share.numerator) / Decimal(share.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)
