"""Gaps worth a task for the responsible department, detected from the figures alone (no clock, no database).

- `Shortfall`: a published quarter grew less than the scenario planned, by more than `threshold_points` percentage
  points — for GRDP as a whole (component None) and for each component (its own growth against its planned growth).
- `RequiredTooHigh`: the growth the remaining quarters need to meet the annual target is above the highest quarterly
  GRDP growth the scenario plans for any quarter.
- `IndicatorBehind`: another indicator is at risk or off track against its target (`status.indicator_status`).
Each record carries the figures its task text (`summary.task_text`) prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from tiendo.domain.growth.scenario import ScenarioResult
from tiendo.domain.growth.status import IndicatorTarget, Reading, Status, indicator_status

__all__ = ["Alert", "IndicatorBehind", "RequiredTooHigh", "Shortfall", "grdp_alerts", "indicator_alert"]


@dataclass(frozen=True)
class Shortfall:
    year: int
    quarter: int
    component: str | None  # None: GRDP as a whole
    actual: float  # growth, fraction
    planned: float
    gap_points: float  # (actual − planned) × 100, negative
    # what the shortfall took off the quarter's GRDP growth, points: 100·b·(actual − planned)/Σb (= gap_points for GRDP)
    effect_points: float

    @property
    def key(self) -> str:
        """Names the alert across runs, so that a stored alert is not raised twice: "shortfall:2026:Q2:services"."""
        return f"shortfall:{self.year}:Q{self.quarter}:{self.component or 'grdp'}"


@dataclass(frozen=True)
class RequiredTooHigh:
    year: int
    target_growth: float
    required: float  # the growth every remaining quarter needs
    highest_planned: float  # the highest quarterly growth the scenario plans
    remaining: tuple[int, ...]  # the quarters left, e.g. (3, 4)
    ytd_growth: float | None  # the year so far (None before the first quarter is published)
    annual_estimate: float | None  # the year with the scenario for the quarters left

    @property
    def excess_points(self) -> float:
        return (self.required - self.highest_planned) * 100

    @property
    def key(self) -> str:
        """ "required:2026:Q3-Q4": one alert per year and set of remaining quarters."""
        return f"required:{self.year}:Q{self.remaining[0]}-Q{self.remaining[-1]}"


@dataclass(frozen=True)
class IndicatorBehind:
    indicator: str  # its name as the report prints it
    status: Status  # AT_RISK or OFF_TRACK
    value: float  # the latest value
    expected: float  # what it should show after `months` months
    months: int
    target: IndicatorTarget
    unit: str = ""  # "%", "tỷ đồng", …; "%" means the values are fractions (0.13 = 13 %)

    @property
    def key(self) -> str:
        """ "indicator:Thu ngân sách:6": one alert per indicator and reading period."""
        return f"indicator:{self.indicator}:{self.months}"


Alert: TypeAlias = Shortfall | RequiredTooHigh | IndicatorBehind


def grdp_alerts(result: ScenarioResult, *, threshold_points: float = 0.5) -> list[Shortfall | RequiredTooHigh]:
    """The GRDP scenario's alerts, quarter by quarter (GRDP first, then its components), then the required growth."""
    if result.planned is None:
        return []
    alerts: list[Shortfall | RequiredTooHigh] = []
    for actual, planned in zip(result.quarters[: result.elapsed_quarters], result.planned, strict=False):
        assert actual.growth is not None and planned.growth is not None
        assert actual.component_growth is not None and planned.component_growth is not None
        assert actual.contributions is not None and planned.contributions is not None
        gap = (actual.growth - planned.growth) * 100
        if gap < -threshold_points:
            alerts.append(Shortfall(result.year, actual.quarter, None, actual.growth, planned.growth, gap, gap))
        for c in result.components:
            own, plan = actual.component_growth[c], planned.component_growth[c]
            gap = (own - plan) * 100
            if gap < -threshold_points:
                effect = actual.contributions[c] - planned.contributions[c]
                alerts.append(Shortfall(result.year, actual.quarter, c, own, plan, gap, effect))
    highest = result.highest_planned_growth
    required = result.required_growth_remaining
    if highest is not None and required is not None and required > highest:
        alerts.append(
            RequiredTooHigh(
                result.year,
                result.target_growth,
                required,
                highest,
                result.remaining,
                result.ytd_growth,
                result.annual_estimate,
            )
        )
    return alerts


def indicator_alert(
    indicator: str, target: IndicatorTarget, reading: Reading | None, *, unit: str = "", tolerance: float = 0.05
) -> IndicatorBehind | None:
    """An alert when the indicator is at risk or off track (no reading: no alert; its status says NO_DATA)."""
    status = indicator_status(target, reading, tolerance=tolerance)
    if reading is None or status not in (Status.AT_RISK, Status.OFF_TRACK):
        return None
    return IndicatorBehind(
        indicator, status, reading.value, target.expected(reading.months), reading.months, target, unit
    )
