"""The quarterly GRDP scenario arithmetic of docs/contracts/growth-scenario.md, exactly as the contract states it
(growth over the same period of the previous year at comparable prices: docs/legal/targets.md TGT-04).

Let b[c][q] be the previous year's GRDP of component c in quarter q, g[c][q] the growth used for the quarter (the
published one if the quarter is published, else the scenario's), B the year's base, E the published quarters and R
the others. A quarter's GRDP is Y[q] = Σc b[c][q]·(1 + g[c][q]); its growth Y[q]/Σc b[c][q] − 1; a component's
contribution 100·b[c][q]·g[c][q]/Σc' b[c'][q] percentage points (they add up to the growth × 100). The year so far
grows Σ_E Y / Σ_E b − 1; the growth x needed in every remaining quarter solves Σ_E Y + (1 + x)·Σ_R b = (1 + t)·B;
the annual estimate is Σq Y[q]/B − 1 with the scenario for the remaining quarters.

Growth rates are fractions (0.08 = 8 %); contributions and gaps are percentage points. Sums use `math.fsum` and
growth rates are computed as Σ b·g / Σ b (the same number as Y/Σb − 1, without the cancellation), so the identities
above hold to ~1e-15.

A quarter whose base is 0 for every component is refused (`InvalidScenario`): its growth has no meaning, and every
denominator of the contract is a sum of such quarter bases, so with the refusal none is ever 0. In particular the
base of the remaining quarters is never 0 while a quarter remains, and `required_growth_remaining` is null exactly
when all four quarters are published. A single component's base may be 0 (it then weighs nothing).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

__all__ = [
    "COMPONENTS",
    "MAX_BASE",
    "MAX_GROWTH",
    "QUARTERS",
    "InvalidScenario",
    "QuarterResult",
    "ScenarioInput",
    "ScenarioResult",
    "Source",
    "compute",
]

# The Government's split of GRDP for provincial scenarios (Resolution 25/NQ-CP, 01/NQ-CP): agriculture, forestry
# and fisheries; industry and construction; services; product taxes less subsidies. Any names consistent across the
# fields of an input are accepted; these are the ones tiendo stores.
COMPONENTS: Final = ("agriculture", "industry_construction", "services", "product_taxes")
QUARTERS: Final = 4
# Bounds that keep every sum finite (a province's quarter is ~10^4–10^5 billion đồng; 10^12 is far beyond the world).
MAX_BASE: Final = 1e12
MAX_GROWTH: Final = 1e3


class InvalidScenario(ValueError):
    """The input does not say what the contract asks; the message is one Vietnamese sentence naming the field."""


class Source(StrEnum):
    ACTUAL = "actual"  # the quarter is published (actual_growth)
    SCENARIO = "scenario"  # the quarter's planned growth
    NONE = "none"  # neither: no growth for the quarter


Row = tuple[float, ...]


@dataclass(frozen=True)
class ScenarioInput:
    """The contract's input. `base` and `scenario` rows have 4 quarters, `actual_growth` rows 0–4 (the same count for
    every component); the three name the same components. Checked on construction (`InvalidScenario`)."""

    year: int
    target_growth: float
    base: Mapping[str, Row]
    actual_growth: Mapping[str, Row]
    scenario: Mapping[str, Row] | None = None

    def __post_init__(self) -> None:
        _check(self)

    @property
    def components(self) -> tuple[str, ...]:
        return tuple(self.base)

    @property
    def elapsed(self) -> int:
        """How many quarters are published."""
        return max((len(row) for row in self.actual_growth.values()), default=0)


@dataclass(frozen=True)
class QuarterResult:
    """One quarter: its growth (fraction) and each component's contribution (percentage points) and own growth;
    all three None when the quarter has no source."""

    quarter: int
    source: Source
    base: float  # Σc b[c][q], billion đồng
    growth: float | None
    contributions: Mapping[str, float] | None
    component_growth: Mapping[str, float] | None

    @property
    def grdp(self) -> float | None:
        """Y[q], billion đồng at comparable prices."""
        return None if self.growth is None else self.base * (1 + self.growth)


@dataclass(frozen=True)
class ScenarioResult:
    """The contract's output (`scenario_json.result_to_json` writes it), and what the summary and the alerts need
    besides: the target, the year-to-date contributions and component growth, and the scenario's own quarters."""

    year: int
    target_growth: float
    components: tuple[str, ...]
    elapsed_quarters: int
    quarters: tuple[QuarterResult, ...]
    ytd_growth: float | None
    required_growth_remaining: float | None
    annual_estimate: float | None
    gap_points: float | None
    contributions: Mapping[str, float] | None
    # not in the contract's output:
    ytd_contributions: Mapping[str, float] | None  # over the published quarters, percentage points
    ytd_component_growth: Mapping[str, float] | None  # each component's growth over the published quarters
    planned: tuple[QuarterResult, ...] | None  # every quarter with the scenario's growth, when there is one
    planned_annual: float | None  # the scenario's own annual growth
    planned_ytd_growth: float | None  # what the scenario planned for the published quarters
    planned_ytd_component_growth: Mapping[str, float] | None

    @property
    def highest_planned_growth(self) -> float | None:
        """The highest quarterly GRDP growth the scenario plans (over the four quarters)."""
        return None if self.planned is None else max(_value(q.growth) for q in self.planned)

    @property
    def remaining(self) -> tuple[int, ...]:
        return tuple(range(self.elapsed_quarters + 1, QUARTERS + 1))


def _value(growth: float | None) -> float:
    assert growth is not None  # the scenario's quarters always have a growth
    return growth


def _quarter(number: int, source: Source, bases: dict[str, float], growth: dict[str, float] | None) -> QuarterResult:
    total = math.fsum(bases.values())
    if growth is None:
        return QuarterResult(number, source, total, None, None, None)
    contributions = {c: 100 * bases[c] * growth[c] / total for c in bases}
    rate = math.fsum(bases[c] * growth[c] for c in bases) / total
    return QuarterResult(number, source, total, rate, contributions, dict(growth))


def _quarters(data: ScenarioInput, planned_only: bool = False) -> tuple[QuarterResult, ...]:
    out = []
    for q in range(QUARTERS):
        bases = {c: row[q] for c, row in data.base.items()}
        if not planned_only and q < data.elapsed:
            out.append(_quarter(q + 1, Source.ACTUAL, bases, {c: data.actual_growth[c][q] for c in bases}))
        elif data.scenario is not None:
            out.append(_quarter(q + 1, Source.SCENARIO, bases, {c: data.scenario[c][q] for c in bases}))
        else:
            out.append(_quarter(q + 1, Source.NONE, bases, None))
    return tuple(out)


def _growths(quarter: QuarterResult) -> Mapping[str, float]:
    assert quarter.component_growth is not None  # only quarters with a source are summed
    return quarter.component_growth


def _over(data: ScenarioInput, quarters: Sequence[QuarterResult]) -> tuple[float, dict[str, float], dict[str, float]]:
    """Growth, contributions (points) and each component's own growth over quarters that all have a growth."""
    base = math.fsum(q.base for q in quarters)
    moved = {c: math.fsum(row[q.quarter - 1] * _growths(q)[c] for q in quarters) for c, row in data.base.items()}
    growth = math.fsum(moved.values()) / base
    contributions = {c: 100 * moved[c] / base for c in moved}
    own = {}
    for c, row in data.base.items():
        weight = math.fsum(row[q.quarter - 1] for q in quarters)
        own[c] = moved[c] / weight if weight else 0.0  # a component without base moves nothing
    return growth, contributions, own


def compute(data: ScenarioInput) -> ScenarioResult:
    """The contract's figures for one year (docs/contracts/growth-scenario.md, "Meaning")."""
    quarters = _quarters(data)
    elapsed = data.elapsed
    published, rest = quarters[:elapsed], quarters[elapsed:]
    total = math.fsum(q.base for q in quarters)
    ytd = ytd_contributions = ytd_own = None
    if published:
        ytd, ytd_contributions, ytd_own = _over(data, published)
    required = None
    if rest:
        # Σ_E Y + (1 + x)·Σ_R b = (1 + t)·B  ⇔  x = (t·B − Σ_E Σc b·g) / Σ_R b: no 1 + … − 1 to cancel
        grown = [-row[q.quarter - 1] * _growths(q)[c] for q in published for c, row in data.base.items()]
        required = math.fsum([data.target_growth * total, *grown]) / math.fsum(q.base for q in rest)
    annual = gap = contributions = None
    if all(q.growth is not None for q in quarters):
        annual, contributions, _ = _over(data, quarters)
        gap = (annual - data.target_growth) * 100
    planned = planned_annual = planned_ytd = planned_ytd_own = None
    if data.scenario is not None:
        planned = _quarters(data, planned_only=True)
        planned_annual = _over(data, planned)[0]
        if elapsed:
            planned_ytd, _, planned_ytd_own = _over(data, planned[:elapsed])
    return ScenarioResult(
        year=data.year,
        target_growth=data.target_growth,
        components=data.components,
        elapsed_quarters=elapsed,
        quarters=quarters,
        ytd_growth=ytd,
        required_growth_remaining=required,
        annual_estimate=annual,
        gap_points=gap,
        contributions=contributions,
        ytd_contributions=ytd_contributions,
        ytd_component_growth=ytd_own,
        planned=planned,
        planned_annual=planned_annual,
        planned_ytd_growth=planned_ytd,
        planned_ytd_component_growth=planned_ytd_own,
    )


# --- the checks (the JSON reader checks the types first; these hold for any caller) -------------------------------

BASE_ROW: Final = 'Trường "{field}" phải là 4 số không âm (tỷ đồng, giá so sánh).'
GROWTH_ROW: Final = 'Trường "{field}" phải là danh sách 4 tốc độ tăng, mỗi số từ −1 trở lên (0.08 là 8%).'
ACTUAL_ROW: Final = 'Trường "{field}" phải là danh sách tối đa 4 tốc độ tăng, mỗi số từ −1 trở lên (0.08 là 8%).'


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_growth(field: str, row: Row) -> None:
    for position, value in enumerate(row):
        if not _is_number(value) or value > MAX_GROWTH:
            raise InvalidScenario(f'Trường "{field}[{position}]" phải là một số hữu hạn (0.08 là 8%).')
        if value < -1:
            raise InvalidScenario(f'Trường "{field}[{position}]" là {value:g}, nhỏ hơn −1 (giảm quá 100%).')


def _check_components(name: str, rows: Mapping[str, Row], components: Sequence[str]) -> None:
    missing = [c for c in components if c not in rows]
    if missing:
        raise InvalidScenario(f'Trường "{name}" thiếu khu vực "{missing[0]}" có trong "base".')
    extra = [c for c in rows if c not in components]
    if extra:
        raise InvalidScenario(f'Trường "{name}" có khu vực "{extra[0]}" không có trong "base".')


def _check(data: ScenarioInput) -> None:
    if isinstance(data.year, bool) or not isinstance(data.year, int) or not 1900 <= data.year <= 2200:
        raise InvalidScenario('Trường "year" phải là một năm (số nguyên từ 1900 đến 2200).')
    target = data.target_growth
    if not _is_number(target) or not -1 <= target <= MAX_GROWTH:
        raise InvalidScenario('Trường "target_growth" phải là một số từ −1 trở lên (0.13 là mục tiêu tăng 13%).')
    if not data.base:
        raise InvalidScenario('Trường "base" phải có ít nhất một khu vực, mỗi khu vực 4 số không âm.')
    for c, row in data.base.items():
        if not c.strip():
            raise InvalidScenario('Trường "base" có một khu vực tên rỗng.')
        if len(row) != QUARTERS or not all(_is_number(v) and 0 <= v <= MAX_BASE for v in row):
            raise InvalidScenario(BASE_ROW.format(field=f"base.{c}"))
    for q in range(QUARTERS):
        if not any(row[q] for row in data.base.values()):
            raise InvalidScenario(
                f'Trường "base" có quý {q + 1} bằng 0 ở mọi khu vực: không tính được tốc độ tăng của quý này.'
            )
    if data.actual_growth:
        _check_components("actual_growth", data.actual_growth, data.components)
        first = data.components[0]
        for c in data.components:
            row = data.actual_growth[c]
            if len(row) > QUARTERS:
                raise InvalidScenario(f'Trường "actual_growth.{c}" có {len(row)} quý, nhiều hơn 4 quý của một năm.')
            _check_growth(f"actual_growth.{c}", row)
            if len(row) != len(data.actual_growth[first]):
                raise InvalidScenario(
                    f'Trường "actual_growth.{c}" có {len(row)} quý đã công bố, khác với '
                    f'{len(data.actual_growth[first])} quý của "actual_growth.{first}".'
                )
    if data.scenario is not None:
        _check_components("scenario", data.scenario, data.components)
        for c in data.components:
            row = data.scenario[c]
            if len(row) != QUARTERS:
                raise InvalidScenario(GROWTH_ROW.format(field=f"scenario.{c}"))
            _check_growth(f"scenario.{c}", row)
