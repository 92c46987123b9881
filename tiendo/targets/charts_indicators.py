"""A small server-drawn SVG of an indicator's value against its target over the years (no JavaScript, nothing from
a CDN): coordinates here, shapes in targets/indicators_chart_svg.html.

Each year is a slot: a bar for the latest value in force (pale when it covers part of the year or is the scenario's
estimate), the target a gold line across the slot, a range a gold band between its ends."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from .indicator_record import YearPoint

VALUE_COLOUR, PARTIAL_COLOUR, TARGET_COLOUR = "#143f78", "#9db4d6", "#e0a800"


@dataclass
class Slot:
    year: int
    x: float  # the slot's centre
    bar_x: float
    bar_y: float
    bar_height: float
    bar_width: float
    partial: bool
    label: str  # the value written above its bar, "" without a value
    label_y: float
    target_y: float | None
    band_y: float | None  # the top of a range's band
    band_height: float

    @property
    def wide_x(self) -> float:
        """Where the target's line and band start: a little wider than the bar."""
        return round(self.bar_x - 8, 1)

    @property
    def wide_width(self) -> float:
        return round(self.bar_width + 16, 1)

    @property
    def wide_x2(self) -> float:
        return round(self.bar_x + self.bar_width + 8, 1)


@dataclass
class YearChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    slots: list[Slot] = field(default_factory=list)
    grid: list[tuple[float, str]] = field(default_factory=list)
    zero_y: float = 0.0

    @property
    def has_values(self) -> bool:
        return any(slot.label for slot in self.slots) or any(slot.target_y is not None for slot in self.slots)


def _nice_step(span: float) -> float:
    """A round step (1, 2 or 5 × 10^n) giving about four grid lines over `span`."""
    raw = span / 4
    power = 10 ** math.floor(math.log10(raw))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= raw)


def year_chart(points: Sequence[YearPoint], shown, *, width: int = 720, height: int = 230) -> YearChart:
    """`shown(value)` writes a value as the page does ("13,5")."""
    left, right, top, bottom = 56, 12, 22, height - 28
    chart = YearChart(width, height, left, right, top, bottom)
    numbers = [n for p in points for n in (p.low, p.high, p.value) if n is not None]
    if not points or not numbers:
        return chart
    low, high = min(0.0, *numbers), max(0.0, *numbers)
    if high == low:
        high = low + 1
    step = _nice_step(high - low)
    low, high = math.floor(low / step) * step, math.ceil(high * 1.1 / step) * step

    def y(value: float) -> float:
        return round(bottom - (value - low) / (high - low) * (bottom - top), 1)

    tick = low
    while tick <= high + step / 2:
        chart.grid.append((y(tick), shown(round(tick, 6))))
        tick += step
    chart.zero_y = y(0.0)
    slot_width = (width - left - right) / len(points)
    bar_width = min(36.0, slot_width * 0.5)
    for index, point in enumerate(points):
        centre = round(left + slot_width * (index + 0.5), 1)
        slot = Slot(
            point.year, centre, round(centre - bar_width / 2, 1), chart.zero_y, 0.0, round(bar_width, 1),
            partial=point.estimated or 0 < point.months < 12, label="", label_y=chart.zero_y - 4,
            target_y=None if point.low is None else y(point.low), band_y=None, band_height=0.0,
        )  # fmt: skip
        if point.value is not None:
            top_y, base_y = sorted((y(point.value), chart.zero_y))
            slot.bar_y, slot.bar_height = top_y, round(max(base_y - top_y, 1.0), 1)
            slot.label, slot.label_y = shown(point.value), round(top_y - 4, 1)
        if point.low is not None and point.high is not None and point.high != point.low:
            slot.band_y = y(point.high)
            slot.band_height = round(y(point.low) - slot.band_y, 1)
        chart.slots.append(slot)
    return chart
