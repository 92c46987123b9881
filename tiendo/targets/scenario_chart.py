"""The path to the year's GRDP target as a server-drawn SVG (no JavaScript library): cumulative growth after one, two,
three and four quarters, published against the scenario, the target line, and from the last published quarter the
path the scenario gives and the one the target requires. Coordinates here, shapes in the template.

The chart is drawn narrow (a phone's width) with large type, so that its labels stay readable at 390 px; a wide
screen shows it beside nothing but its legend and its table of values (the text alternative).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tiendo.domain import chart_labels

from .scenario_table import Path

WIDTH, HEIGHT = 420, 280
LEFT, RIGHT, TOP, BOTTOM = 62, 78, 18, 40
FONT = 15.0
ACTUAL, SCENARIO, TARGET, REQUIRED, ESTIMATE = "#143f78", "#5f6b7a", "#b3261e", "#b26a00", "#0f7c8c"


@dataclass
class Series:
    key: str
    label: str
    colour: str
    points: list[tuple[float, float]]
    values: list[float | None]  # percent, Q1..Q4 (None: no point)
    dashed: str = ""  # an SVG stroke-dasharray
    width: float = 2.5
    dots: bool = False

    @property
    def polyline(self) -> str:
        return " ".join(f"{x},{y}" for x, y in self.points)


@dataclass
class EndLabel:
    x: float
    y: float
    text: str
    colour: str


@dataclass
class PathChart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    grid: list[tuple[float, str]] = field(default_factory=list)  # (y, "12%")
    ticks: list[tuple[float, str]] = field(default_factory=list)  # (x, period)
    series: list[Series] = field(default_factory=list)
    target_y: float = 0.0
    labels: list[EndLabel] = field(default_factory=list)
    zero_y: float | None = None


def percent_text(value: float, places: int = 1, mark: str = ",") -> str:
    """12.5 → "12,5%" (Vietnamese) or "12.5%" (`mark` "." for English and Chinese readers)."""
    return f"{value:.{places}f}".replace(".", mark).replace("-", "−") + "%"


def _step(span: float) -> float:
    """A round grid step giving at most six lines over `span` percentage points."""
    for step in (0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if span / step <= 6:
            return step
    return 10 ** math.ceil(math.log10(span))


def path_chart(path: Path, *, periods: list[str], labels: dict[str, str], mark: str = ",") -> PathChart:
    """The chart of one year's path. `periods` names the four cumulative periods (quarter I, 6 months…), `labels`
    the lines (actual, scenario, estimate, required, target); `mark` is the reader's decimal mark."""
    lines = {
        "scenario": path.scenario,
        "actual": path.actual,
        "estimate": path.estimate,
        "required": path.required,
    }
    values = [v * 100 for line in lines.values() for v in line if v is not None] + [path.target * 100]
    low, high = min(values), max(values)
    step = _step(max(high - low, 1.0) * 1.25)
    # the scale hugs the figures (a growth path is read against the target, not against zero), with room around
    low, high = math.floor((low - step * 0.3) / step) * step, math.ceil((high + step * 0.3) / step) * step
    chart = PathChart()

    def x(k: int) -> float:
        return round(LEFT + 24 + (chart.right - LEFT - 48) * (k - 1) / 3, 1)

    def y(value: float) -> float:
        return round(chart.bottom - (chart.bottom - TOP) * (value - low) / (high - low), 1)

    count = round((high - low) / step)
    places = 0 if step == int(step) else 1
    chart.grid = [(y(low + i * step), percent_text(low + i * step, places, mark)) for i in range(count + 1)]
    chart.ticks = [(x(k), periods[k - 1]) for k in (1, 2, 3, 4)]
    chart.target_y = y(path.target * 100)
    chart.zero_y = y(0.0) if low < 0 < high else None
    styles = {
        "scenario": (SCENARIO, "6 4", 2.0, False),
        "estimate": (ESTIMATE, "2 4", 2.5, False),
        "required": (REQUIRED, "7 4", 2.5, False),
        "actual": (ACTUAL, "", 3.0, True),
    }
    for key, line in lines.items():
        points = [(x(k), y(v * 100)) for k, v in zip((1, 2, 3, 4), line, strict=True) if v is not None]
        if len(points) < 1 or (key in ("estimate", "required") and len(points) < 2):
            continue
        colour, dashed, width, dots = styles[key]
        percents = [None if v is None else v * 100 for v in line]
        chart.series.append(Series(key, labels[key], colour, points, percents, dashed, width, dots))
    chart.labels = _end_labels(chart, path, mark)
    return chart


def _end_labels(chart: PathChart, path: Path, mark: str) -> list[EndLabel]:
    """The values at the year's end, right of the last quarter and stacked so that no two overlap (the required path
    ends on the target, which is labelled once), and the last published quarter's value above its point."""
    ends: list[tuple[float, str, str]] = []
    placed: list[EndLabel] = []
    for series in chart.series:
        last = max(i for i, v in enumerate(series.values) if v is not None)
        value = series.values[last]
        assert value is not None
        x, y = series.points[-1]
        if last < 3:  # the published line stops before the year's end: its last value beside its point, on the
            # side away from the scenario's (the lines leaving the point go towards the scenario's side)
            width = chart_labels.text_width(percent_text(value, 2, mark), FONT)
            planned = path.scenario[last]
            below = planned is not None and planned * 100 >= value
            baseline = y + FONT + 8 if below else y - 10
            placed.append(
                EndLabel(round(x - width / 2, 1), round(baseline, 1), percent_text(value, 2, mark), series.colour)
            )
        elif series.key != "required":
            ends.append((y, percent_text(value, 2, mark), series.colour))
    ends.append((chart.target_y, percent_text(path.target * 100, 2, mark), TARGET))
    pitch = FONT * 1.15
    left = chart.right + 4
    previous = -math.inf
    for y, text, colour in sorted(ends):
        baseline = max(y + FONT * 0.35, previous + pitch)
        previous = baseline
        placed.append(EndLabel(left, round(baseline, 1), text, colour))
    return placed
