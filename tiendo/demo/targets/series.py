"""The arithmetic that turns the published totals into a consistent quarterly story: each quarter's growth by
component, and GRDP at comparable prices by quarter and component for every year, such that the published
cumulative figures (quarter, 6 and 9 months, year) come out of the quarters exactly as the scenario arithmetic
computes them (`Σ b·(1+g) / Σ b − 1`), to the 0.01 point the releases print.

Levels are anchored on 2024 (Hải Dương's, and the merged city's, which adds the old Hải Phòng): Hải Dương's
earlier years are divided back from it, Hải Phòng's later years multiplied forward. A component's growth in a
quarter is the year's component pattern shifted by one amount for all components, the amount that makes the
quarter's total the published one. Growth is rounded to 0.01 % (4 decimals of a fraction), levels to 0.001 bn."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal

COMPONENTS = ("agriculture", "industry_construction", "services", "product_taxes")
QUARTERS = (1, 2, 3, 4)

Levels = dict[str, list[Decimal]]  # component → Q1..Q4, billion đồng at comparable prices
Growth = dict[str, list[Decimal]]  # component → Q1..Q4, fraction
Pattern = Mapping[str, tuple[float, float, float, float]]  # component → Q1..Q4, fraction (before the shift)

GROWTH_STEP = Decimal("0.0001")
LEVEL_STEP = Decimal("0.001")


def growth(value: float) -> Decimal:
    return Decimal(str(value)).quantize(GROWTH_STEP, rounding=ROUND_HALF_EVEN)


def level(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(LEVEL_STEP, rounding=ROUND_HALF_EVEN)


def quarter_total(levels: Levels, quarter: int) -> float:
    return float(sum(levels[c][quarter - 1] for c in COMPONENTS))


def cumulative(base: Levels, rates: Growth, quarters: int) -> float:
    """The growth of the year's first `quarters` quarters: Σ b·(1+g) / Σ b − 1 (the contract's ytd_growth)."""
    before = sum(float(base[c][q]) for c in COMPONENTS for q in range(quarters))
    after = sum(float(base[c][q]) * (1 + float(rates[c][q])) for c in COMPONENTS for q in range(quarters))
    return after / before - 1


def split(shares: Mapping[str, float], seasons: Mapping[str, tuple[float, ...]], total: float) -> Levels:
    """A year's levels from its total, each component's share of it and the component's seasonal shares."""
    return {c: [level(total * shares[c] * s) for s in seasons[c]] for c in COMPONENTS}


def add(first: Levels, second: Levels) -> Levels:
    return {c: [a + b for a, b in zip(first[c], second[c], strict=True)] for c in COMPONENTS}


def totals(
    levels: Levels,
    quarters: Mapping[int, float],
    cumulatives: Mapping[int, float],
    *,
    known_base: bool,
    count: int = 4,
) -> list[float]:
    """Each quarter's total growth: published for the quarter, else the one that makes a published cumulative
    figure (months 3q, or the year when it is the only quarter missing). `levels` is the previous year's
    (`known_base`) or this year's (Hải Dương's years, divided back from 2024)."""
    found: dict[int, float] = dict(quarters)
    for q in QUARTERS[:count]:
        if q in found:
            continue
        missing = [k for k in QUARTERS if k not in found]
        if 3 * q in cumulatives and all(k in found for k in range(1, q)):
            span, rate = list(range(1, q + 1)), cumulatives[3 * q]
        elif 12 in cumulatives and missing == [q]:
            span, rate = list(QUARTERS), cumulatives[12]
        else:
            raise ValueError(f"quý {q}: không có số quý, số lũy kế {3 * q} tháng hay số cả năm")
        others = [k for k in span if k != q]
        if known_base:  # Σ b·(1+G) = (1+C)·Σ b
            whole = (1 + rate) * sum(quarter_total(levels, k) for k in span)
            done = sum(quarter_total(levels, k) * (1 + found[k]) for k in others)
            found[q] = (whole - done) / quarter_total(levels, q) - 1
        else:  # Σ l = (1+C)·Σ l/(1+G)
            whole = sum(quarter_total(levels, k) for k in span) / (1 + rate)
            done = sum(quarter_total(levels, k) / (1 + found[k]) for k in others)
            found[q] = quarter_total(levels, q) / (whole - done) - 1
    return [found[q] for q in QUARTERS[:count]]


def forward(base: Levels, pattern: Pattern, quarter_growth: list[float]) -> Growth:
    """Component growth over `base`: the pattern shifted, quarter by quarter, to the quarter's total."""
    rates: Growth = {c: [] for c in COMPONENTS}
    for q, total in enumerate(quarter_growth, start=1):
        for c, rate in forward_quarter(base, pattern, q, total).items():
            rates[c].append(rate)
    return rates


def forward_quarter(base: Levels, pattern: Pattern, quarter: int, total: float) -> dict[str, Decimal]:
    weight = quarter_total(base, quarter)
    mean = sum(float(base[c][quarter - 1]) * pattern[c][quarter - 1] for c in COMPONENTS) / weight
    return {c: growth(pattern[c][quarter - 1] + total - mean) for c in COMPONENTS}


def backward(current: Levels, pattern: Pattern, quarter_growth: list[float]) -> Growth:
    """Component growth that divides `current` back to a previous year whose quarters grew by `totals`."""
    rates: Growth = {c: [] for c in COMPONENTS}
    for q in QUARTERS:
        values = {c: float(current[c][q - 1]) for c in COMPONENTS}

        def total(shift: float, values=values, q=q) -> float:
            before = sum(v / (1 + pattern[c][q - 1] + shift) for c, v in values.items())
            return sum(values.values()) / before - 1

        low, high = -0.5, 0.5
        for _ in range(80):  # bisection: the total grows with the shift
            middle = (low + high) / 2
            low, high = (middle, high) if total(middle) < quarter_growth[q - 1] else (low, middle)
        for c in COMPONENTS:
            rates[c].append(growth(pattern[c][q - 1] + (low + high) / 2))
    return rates


def grown(base: Levels, rates: Growth) -> Levels:
    """This year's levels of the quarters `rates` has (a year in progress has fewer than four)."""
    return {c: [level(b * (1 + g)) for b, g in zip(base[c], rates[c], strict=False)] for c in COMPONENTS}


def shrunk(current: Levels, rates: Growth) -> Levels:
    return {c: [level(v / (1 + g)) for v, g in zip(current[c], rates[c], strict=True)] for c in COMPONENTS}


def plan(base: Levels, pattern: Pattern, target: float, fixed: Growth | None = None) -> Growth:
    """A scenario's planned growth: the pattern (component × quarter) shifted by one amount in the quarters not
    `fixed` (those keep their growth: quarters already published when a revision is made), so that the year meets
    `target` exactly before rounding."""
    fixed = fixed or {c: [] for c in COMPONENTS}
    known = len(fixed[COMPONENTS[0]])
    whole = sum(float(base[c][q]) for c in COMPONENTS for q in range(4))
    done = sum(float(base[c][q]) * (1 + float(fixed[c][q])) for c in COMPONENTS for q in range(known))
    rest = [(c, q) for c in COMPONENTS for q in range(known, 4)]
    rest_base = sum(float(base[c][q]) for c, q in rest)
    planned = sum(float(base[c][q]) * (1 + pattern[c][q]) for c, q in rest)
    shift = ((1 + target) * whole - done - planned) / rest_base
    return {c: [fixed[c][q] if q < known else growth(pattern[c][q] + shift) for q in range(4)] for c in COMPONENTS}
