"""Where an indicator stands against its target: met, on track, at risk, off track, or no data.

GRDP growth (`grdp_status`, from a `ScenarioResult`):
- all four quarters published: MET when the year's growth reaches the target (gap_points ≥ 0), else OFF_TRACK;
- no quarter published and no scenario: NO_DATA;
- otherwise the worse of two judgements, each ON_TRACK / AT_RISK / OFF_TRACK:
  1. the estimate: with a scenario, gap_points (annual_estimate − target, points); without one, the pace so far
     against the pace needed, (ytd_growth − required_growth_remaining) × 100. ≥ 0 → ON_TRACK; above
     −`margin_points` → AT_RISK; else OFF_TRACK.
  2. the reach: required_growth_remaining against the ceiling — the highest quarterly growth the scenario plans
     (without a scenario, the highest published quarter). Up to the ceiling → ON_TRACK; up to the ceiling +
     `reach_points`/100 → AT_RISK (the remaining quarters must beat every quarter ever planned); beyond → OFF_TRACK.
  With a scenario an estimate at or above the target implies a required growth within the ceiling (the required
  rate is at most the base-weighted mean of the remaining quarters' planned growth), so the two never disagree on
  ON_TRACK; the reach only makes a small shortfall serious when few quarters are left to recover it.

Any other indicator (`indicator_status`, from an `IndicatorTarget` and the latest `Reading`):
- the bar is the target's low end when higher is better, its high end (or its only value) when lower is better;
- an indicator that accumulates over the year (revenue, exports, investment) is compared with the share of the bar
  the months covered stand for: months/12, or the seasonal weights of those months over the year's weights; a rate
  or a level (growth, a ratio, CPI) is compared with the bar itself;
- no reading → NO_DATA; a reading covering the whole year (12 months) → MET or OFF_TRACK; otherwise at or past the
  bar → ON_TRACK, short of it by at most `tolerance` × |bar| → AT_RISK, else OFF_TRACK.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from tiendo.domain.growth.scenario import ScenarioResult

__all__ = [
    "Direction",
    "IndicatorTarget",
    "Reading",
    "Status",
    "grdp_ceiling",
    "grdp_status",
    "indicator_status",
]

MONTHS: Final = 12
# Float noise allowed when a figure is compared with its target (1e-9 percentage points).
_EPSILON: Final = 1e-9


class Status(StrEnum):
    MET = "met"  # đạt
    ON_TRACK = "on_track"  # đúng tiến độ
    AT_RISK = "at_risk"  # có nguy cơ không đạt
    OFF_TRACK = "off_track"  # không đạt / chậm tiến độ
    NO_DATA = "no_data"  # chưa có số liệu

    @property
    def label(self) -> str:
        """The Vietnamese name a report prints."""
        return _LABELS[self]


_LABELS: Final = {
    Status.MET: "đạt mục tiêu",
    Status.ON_TRACK: "đúng tiến độ",
    Status.AT_RISK: "có nguy cơ không đạt",
    Status.OFF_TRACK: "không đạt tiến độ",
    Status.NO_DATA: "chưa có số liệu",
}
_SEVERITY: Final = {Status.ON_TRACK: 0, Status.AT_RISK: 1, Status.OFF_TRACK: 2}


def _judge(points: float, margin_points: float) -> Status:
    """ON_TRACK from 0 points up, AT_RISK down to −margin (excluded), OFF_TRACK below."""
    if points >= -_EPSILON:
        return Status.ON_TRACK
    return Status.AT_RISK if points > -margin_points else Status.OFF_TRACK


def grdp_ceiling(result: ScenarioResult) -> float | None:
    """The highest quarterly growth the year can point to: the scenario's highest quarter, else the highest
    published quarter; None with neither."""
    if result.highest_planned_growth is not None:
        return result.highest_planned_growth
    published = [q.growth for q in result.quarters[: result.elapsed_quarters] if q.growth is not None]
    return max(published) if published else None


def grdp_status(result: ScenarioResult, *, margin_points: float = 0.5, reach_points: float = 2.0) -> Status:
    """The GRDP growth target's status (the module's rule); margins in percentage points."""
    if result.elapsed_quarters == 4:
        assert result.gap_points is not None
        return Status.MET if result.gap_points >= -_EPSILON else Status.OFF_TRACK
    ceiling = grdp_ceiling(result)
    required = result.required_growth_remaining
    if ceiling is None or required is None:
        return Status.NO_DATA
    if result.gap_points is not None:
        estimate = _judge(result.gap_points, margin_points)
    else:
        assert result.ytd_growth is not None  # no scenario, so some quarter is published
        estimate = _judge((result.ytd_growth - required) * 100, margin_points)
    reach = _judge((ceiling - required) * 100, reach_points)
    return max(estimate, reach, key=_SEVERITY.__getitem__)


class Direction(StrEnum):
    HIGHER = "higher"  # higher is better: revenue, exports, growth
    LOWER = "lower"  # lower is better: poverty rate, CPI, unemployment


@dataclass(frozen=True)
class IndicatorTarget:
    """A year's target: one value (`low`) or a range `low`–`high` (e.g. 0.13–0.135). `cumulative` for indicators
    that add up over the year; `seasonal` gives 12 monthly weights of the year's total (else months count alike)."""

    low: float
    high: float | None = None
    direction: Direction = Direction.HIGHER
    cumulative: bool = False
    seasonal: tuple[float, ...] | None = None

    def __post_init__(self) -> None:
        if not math.isfinite(self.low) or (self.high is not None and not self.low <= self.high < math.inf):
            raise ValueError(f"target range {self.low}–{self.high} is not finite and ordered")
        if self.seasonal is not None and (
            len(self.seasonal) != MONTHS or min(self.seasonal) < 0 or not math.fsum(self.seasonal) > 0
        ):
            raise ValueError("seasonal weights are 12 non-negative numbers, not all 0")

    @property
    def bar(self) -> float:
        """The value that meets the target for the whole year."""
        if self.direction is Direction.LOWER and self.high is not None:
            return self.high
        return self.low

    def share(self, months: int) -> float:
        """The part of the year's target due after `months` months (1 for an indicator that does not accumulate)."""
        if not 1 <= months <= MONTHS:
            raise ValueError(f"months covered must be 1–12, got {months}")
        if not self.cumulative:
            return 1.0
        if self.seasonal is None:
            return months / MONTHS
        return math.fsum(self.seasonal[:months]) / math.fsum(self.seasonal)

    def expected(self, months: int) -> float:
        """What the indicator should show after `months` months."""
        return self.bar * self.share(months)


@dataclass(frozen=True)
class Reading:
    """The latest value of an indicator and the months of the year it covers (3 for a quarter, 6 for six months;
    for an accumulating indicator the value is the total since January)."""

    value: float
    months: int


def indicator_status(target: IndicatorTarget, reading: Reading | None, *, tolerance: float = 0.05) -> Status:
    """An indicator's status against its target (the module's rule); `tolerance` is a fraction of the bar."""
    if reading is None:
        return Status.NO_DATA
    expected = target.expected(reading.months)
    ahead = reading.value - expected if target.direction is Direction.HIGHER else expected - reading.value
    scale = abs(expected) or 1.0
    if reading.months == MONTHS:
        return Status.MET if ahead >= -_EPSILON * scale else Status.OFF_TRACK
    if ahead >= -_EPSILON * scale:
        return Status.ON_TRACK
    return Status.AT_RISK if ahead >= -tolerance * abs(expected) else Status.OFF_TRACK
