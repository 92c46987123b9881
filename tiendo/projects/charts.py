"""Server-drawn SVG charts (no JavaScript library, nothing from a CDN): coordinates here, shapes in templates."""

from dataclasses import dataclass, field
from datetime import date

from tiendo.domain.projects import is_late

WIDTH, LEFT, RIGHT, ROW, TOP = 860, 190, 20, 34, 28


@dataclass
class TimelineRow:
    label: str
    y: int
    first_x: float | None
    current_x: float | None
    done_x: float | None
    late: bool
    extended: bool
    title: str


@dataclass
class Timeline:
    width: int
    height: int
    left: int
    today_x: float
    years: list[tuple[float, int]] = field(default_factory=list)
    rows: list[TimelineRow] = field(default_factory=list)


def _scale(start: date, end: date):
    span = max((end - start).days, 1)

    def x(day: date | None) -> float | None:
        return None if day is None else round(LEFT + (WIDTH - LEFT - RIGHT) * (day - start).days / span, 1)

    return x


def timeline(milestones, today: date) -> Timeline | None:
    """Registered (first) against current due dates and done dates, one row a milestone, with today's line."""
    days = [d for m in milestones for d in (m.first_due, m.current_due, m.done) if d] + [today]
    if len(days) < 2:
        return None
    start = date(min(days).year, 1, 1)
    end = date(max(days).year + 1, 1, 1)
    x = _scale(start, end)
    chart = Timeline(WIDTH, TOP + ROW * len(milestones) + 10, LEFT, x(today))
    chart.years = [(x(date(year, 1, 1)), year) for year in range(start.year, end.year)]
    for index, m in enumerate(milestones):
        late = is_late(m.facts, today)
        chart.rows.append(
            TimelineRow(
                label=m.get_kind_display(),
                y=TOP + ROW * index + ROW // 2,
                first_x=x(m.first_due),
                current_x=x(m.current_due),
                done_x=x(m.done),
                late=late,
                extended=bool(m.first_due and m.current_due and m.current_due > m.first_due),
                title=" · ".join(
                    filter(
                        None,
                        [
                            m.first_due and m.first_due.strftime("%d/%m/%Y"),
                            m.current_due and m.current_due != m.first_due and m.current_due.strftime("%d/%m/%Y"),
                            m.done and "✓ " + m.done.strftime("%d/%m/%Y"),
                        ],
                    )
                ),
            )
        )
    return chart


@dataclass
class Series:
    width: int
    height: int
    progress_points: str
    disbursed_points: str
    labels: list[tuple[float, str]]
    grid: list[tuple[float, int]]


def progress_series(reports, total_investment: int) -> Series | None:
    """Physical progress and the share of capital disbursed, period by period, on one 0–100 % scale."""
    if len(reports) < 2:
        return None
    width, height, left, bottom, top = 860, 220, 40, 30, 10
    step = (width - left - 30) / (len(reports) - 1)

    def y(percent) -> float:
        return round(top + (height - top - bottom) * (1 - float(percent) / 100), 1)

    progress, disbursed, labels = [], [], []
    every = max(1, len(reports) // 8)
    for index, report in enumerate(reports):
        px = round(left + step * index, 1)
        progress.append(f"{px},{y(report.physical_progress)}")
        if total_investment:
            disbursed.append(f"{px},{y(min(100, 100 * report.disbursed_to_date / total_investment))}")
        if index % every == 0 or index == len(reports) - 1:
            labels.append((px, report.period_end.strftime("%m/%Y")))
    return Series(
        width, height, " ".join(progress), " ".join(disbursed), labels, [(y(p), p) for p in (0, 25, 50, 75, 100)]
    )
