"""Server-drawn SVG charts of disbursement (no JavaScript library, nothing from a CDN): coordinates here, shapes in
the templates. Colours are SVG presentation attributes, which the strict Content-Security-Policy allows.

The S-curve puts the cumulative share of the plan's capital disbursed at the end of each month against the
province's target path, with the legal deadlines as vertical lines (Law 58/2024 Art. 72: 31/01 of the next year;
31/12 of the next year for capital added after 30/09 or extended).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from tiendo.domain import chart_labels

# series colours: navy, gold, green, red, teal, purple, brown, grey (readable when printed in grey too)
PALETTE = ("#143f78", "#e0a800", "#1b7f3b", "#b3261e", "#0f7c8c", "#6a3d9a", "#8c564b", "#5f6b7a")
TARGET_COLOUR = "#5f6b7a"
GOOD, BELOW, BEHIND = "#1b7f3b", "#e0a800", "#b3261e"  # on or above the target path, below it, far below it
DEADLINE_COLOUR = "#c8102e"
LATE_DEADLINE_COLOUR = "#b26a00"
AXIS_FONT_SIZE = 11  # svg.chart .axis in tiendo.css


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


@dataclass
class Line:
    label: str
    colour: str
    points: str  # "x,y x,y ..." for a <polyline>
    dashed: bool = False
    last: tuple[float, float] | None = None  # where the end label goes
    last_text: str = ""


@dataclass
class Marker:
    x: float
    label: str
    colour: str
    text_x: float = 0.0
    text_y: float = 0.0
    anchor: str = "start"  # the SVG text-anchor of the label
    text: str = ""  # the label as drawn on the chart; empty when the chart has no room left for it


@dataclass
class SCurve:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int  # y of the x axis
    lines: list[Line] = field(default_factory=list)
    grid: list[tuple[float, int]] = field(default_factory=list)  # (y, percent)
    ticks: list[tuple[float, str]] = field(default_factory=list)  # (x, month label)
    years: list[tuple[float, int]] = field(default_factory=list)
    deadlines: list[Marker] = field(default_factory=list)
    today: Marker | None = None


def s_curve(
    start: date,
    end: date,
    series: Sequence[tuple[str, Sequence[tuple[date, Decimal | float]]]],
    *,
    target: Sequence[tuple[date, Decimal | float]] = (),
    target_label: str = "",
    deadlines: Sequence[tuple[date, str]] = (),
    today: date | None = None,
    width: int = 860,
    height: int = 300,
) -> SCurve:
    """Lines of (day, percent) points between start and end, on a 0-100 % scale (higher if a series goes above).

    `series` are (label, points); the first is drawn strongest. Points are cumulative percentages at a day (the
    end of a month); every line starts from 0 % on `start`."""
    left, right, top, bottom_margin = 44, 64, 14, 40
    bottom = height - bottom_margin
    span = max((end - start).days, 1)
    series = [(label, [(day, float(p)) for day, p in points]) for label, points in series]
    target = [(day, float(p)) for day, p in target]
    highest = max([100.0, *(p for _, points in series for _, p in points), *(p for _, p in target)])
    ceiling = 100 if highest <= 100 else int(-(-highest // 20) * 20)

    def x(day: date) -> float:
        return round(left + (width - left - right) * (day - start).days / span, 1)

    def y(percent: float) -> float:
        return round(bottom - (bottom - top) * max(percent, 0) / ceiling, 1)

    chart = SCurve(width, height, left, right, top, bottom)
    step = 20 if ceiling <= 120 else 50
    chart.grid = [(y(p), p) for p in range(0, ceiling + 1, step)]
    month = start.replace(day=1)
    while month <= end:
        middle = month + timedelta(days=14)
        if middle <= end:
            chart.ticks.append((x(middle), f"{month.month:02d}"))
        if month.month == 1:
            chart.years.append((x(month), month.year))
        month = (month_end(month) + timedelta(days=1)).replace(day=1)
    for index, (label, points) in enumerate(series):
        line = _line(label, PALETTE[index % len(PALETTE)], start, points, x, y)
        if index:  # only the first (the whole) is labelled at its end: several labels would overlap
            line.last = None
        chart.lines.append(line)
    if target:
        chart.lines.insert(0, _line(target_label, TARGET_COLOUR, start, target, x, y, dashed=True))
    markers = [
        Marker(x(day), label, DEADLINE_COLOUR if day.month == 1 else LATE_DEADLINE_COLOUR)
        for day, label in deadlines
        if start <= day <= end
    ]
    if today is not None and start <= today <= end:
        chart.today = Marker(x(today), today.strftime("%d/%m/%Y"), "#1c2733")
    ends = [_end_label_box(line) for line in chart.lines if line.last and not line.dashed]
    _place_marker_labels([*markers, *([chart.today] if chart.today else [])], left, width - right, top, bottom, ends)
    chart.deadlines = markers
    return chart


def _end_label_box(line: Line) -> chart_labels.Box:
    """Where the template writes a line's last value (bold: a tenth wider), which the markers' labels avoid."""
    assert line.last is not None
    x, y = line.last
    width = chart_labels.text_width(line.last_text, AXIS_FONT_SIZE) * 1.1
    return chart_labels.Box(x - 4, y - 4, x + 6 + width, y + 4 + AXIS_FONT_SIZE * 0.3)


def _place_marker_labels(markers: list[Marker], left: float, right: float, top: float, bottom: float, occupied) -> None:
    """Set each marker's text position so that no two labels overlap (the as-of day and a deadline used to)."""
    placed = chart_labels.place_labels(
        [chart_labels.Label(marker.x, marker.label) for marker in markers],
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        font_size=AXIS_FONT_SIZE,
        occupied=occupied,
    )
    for spot in placed:
        marker = markers[spot.index]
        marker.text_x, marker.text_y, marker.anchor, marker.text = (
            round(spot.x, 1),
            spot.baseline,
            spot.anchor,
            spot.text,
        )


def _line(label, colour, start, points, x, y, *, dashed: bool = False) -> Line:
    coordinates = [(x(start), y(0))] + [(x(day), y(percent)) for day, percent in points]
    text = " ".join(f"{a},{b}" for a, b in coordinates)
    last = coordinates[-1] if points else None
    last_text = f"{points[-1][1]:.1f}%".replace(".", ",") if points else ""
    return Line(label, colour, text, dashed, last, last_text)


@dataclass
class Bar:
    label: str
    y: float
    planned_width: float
    done_width: float
    rate: Decimal | None
    planned: int
    done: int
    href: str = ""
    rate_x: float = 0.0
    colour: str = PALETTE[0]


@dataclass
class Bars:
    width: int
    height: int
    left: int
    bars: list[Bar] = field(default_factory=list)
    bar_height: int = 14


def bars(
    rows: Sequence[tuple[str, int, int, str]],
    *,
    target: Decimal | None = None,
    behind: Decimal = Decimal(20),
    width: int = 860,
    left: int = 330,
    row: int = 26,
) -> Bars | None:
    """Horizontal bars: the capital planned (light) and the part disbursed (dark), on one scale, with the rate.

    rows: (label, planned, disbursed, link). With the target path's value on the day: green on or above it, gold
    below it, red `behind` points or more below it (the slow list's threshold)."""
    if not rows:
        return None
    largest = max(max(planned, done) for _, planned, done, _ in rows) or 1
    usable = width - left - 70
    chart = Bars(width, row * len(rows) + 6, left)
    for index, (label, planned, done, href) in enumerate(rows):
        planned_width = round(usable * planned / largest, 1)
        done_width = round(usable * done / largest, 1)
        rate = (Decimal(done) * 100 / Decimal(planned)).quantize(Decimal("0.1")) if planned else None
        if rate is None or target is None:
            colour = PALETTE[0]
        elif rate >= target:
            colour = GOOD
        elif rate > target - behind:
            colour = BELOW
        else:
            colour = BEHIND
        chart.bars.append(
            Bar(
                label=label if len(label) <= 44 else label[:43] + "…",
                y=index * row + 4,
                planned_width=planned_width,
                done_width=done_width,
                rate=rate,
                planned=planned,
                done=done,
                href=href,
                rate_x=round(left + max(planned_width, done_width) + 6, 1),
                colour=colour,
            )
        )
    return chart
