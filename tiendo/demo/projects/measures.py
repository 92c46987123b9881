"""Dates, money and the legal groupings the generator measures projects by: months and quarters, the project
group by total investment and sector band, the deposit of a land-using project, whole đồng."""

from __future__ import annotations

import random
from calendar import monthrange
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from tiendo.domain.projects import ProjectGroup

from .vocabulary import TRIEU, TY


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, _last_day(year, month + 1).day))


def month_end(day: date) -> date:
    return _last_day(day.year, day.month)


@cache
def _last_day(year: int, month: int) -> date:
    """The last day of a month (asked a few million times by the national demo, for a few hundred months)."""
    return date(year, month, monthrange(year, month)[1])


def quarter_index(day: date) -> int:
    return day.year * 4 + (day.month - 1) // 3


@cache
def quarter_end(index: int) -> date:
    year, quarter = divmod(index, 4)
    return _last_day(year, quarter * 3 + 3)


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def project_group(total: int, band: int, decided: date, zone_infrastructure: bool = False) -> str:
    """Group of a public project by total investment: Law 58/2024 from 01/01/2025, else Law 39/2019 (PI-01/02)."""
    billions = total / TY
    if decided >= date(2025, 1, 1):
        national, a_from, b_from = 30_000, (4_600, 3_000, 2_000, 1_600), (240, 160, 120, 90)
    else:
        national, a_from, b_from = 10_000, (2_300, 1_500, 1_000, 700), (120, 80, 60, 45)
    if billions >= national:
        return ProjectGroup.NATIONAL.value
    if zone_infrastructure or billions >= a_from[band - 1]:
        return ProjectGroup.A.value
    return ProjectGroup.B.value if billions >= b_from[band - 1] else ProjectGroup.C.value


def deposit_for(total: int) -> int:
    """Ký quỹ on progressive bands: 3% up to 300 bn, 2% to 1,000 bn, 1% above (INV-07); rounded to a million."""
    amount = min(total, 300 * TY) * 3 // 100
    amount += max(0, min(total, 1_000 * TY) - 300 * TY) * 2 // 100
    amount += max(0, total - 1_000 * TY) // 100
    return amount // TRIEU * TRIEU


def _vnd(amount: float) -> int:
    return int(amount) // TRIEU * TRIEU


PERCENT = [Decimal(f"{i / 100:.2f}") for i in range(10_001)]


def _coordinate(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")
