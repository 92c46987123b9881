"""Which projects disburse too slowly, stall or are at risk of missing the deadline, by the province's
`Thresholds`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Final

from tiendo.domain.disbursement.curve import (
    DEFAULT_TARGET_PATH,
    TargetPoint,
    _check_path,
    _month_index,
    _percent,
    _target,
)
from tiendo.domain.disbursement.messages import msg
from tiendo.domain.messages import Message, Money, Number
from tiendo.domain.schedule_rules import Text

# ---------------------------------------------------------------------------------------------------------------
# Slow projects


class Pace(StrEnum):
    """A project's disbursement as of a day, the most serious first."""

    STALLED = "stalled"
    SLOW = "slow"
    AT_RISK = "at_risk"
    ON_TRACK = "on_track"
    NO_CAPITAL = "no_capital"

    @property
    def label(self) -> Text:
        return PACE_LABELS[self]


PACE_LABELS: Final = {
    Pace.STALLED: Text("đình trệ", "stalled", "停滞"),
    Pace.SLOW: Text("giải ngân chậm", "slow", "拨付缓慢"),
    Pace.AT_RISK: Text("có nguy cơ không giải ngân hết", "at risk", "有无法全部拨付的风险"),
    Pace.ON_TRACK: Text("đúng tiến độ", "on track", "进度正常"),
    Pace.NO_CAPITAL: Text("không có vốn giao", "no capital", "未分配资金"),
}


class Projection(StrEnum):
    """How a project's disbursement at the deadline is projected."""

    LINEAR = "linear"  # the average daily pace since the capital became available, kept to the deadline
    TARGET_PATH = "target_path"  # the project keeps its share of the target path (the S-curve bends upward)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The province's choices for judging a project's pace (not law)."""

    behind_points: Decimal = Decimal(20)  # at least this many percentage points below the target path: slow
    stalled_months: int = 3  # whole calendar months without any disbursement: stalled
    zero_after: tuple[int, int] = (6, 30)  # (month, day): nothing disbursed after this day: stalled
    path: tuple[TargetPoint, ...] = DEFAULT_TARGET_PATH
    projection: Projection = Projection.LINEAR

    def __post_init__(self) -> None:
        _check_path(self.path)
        if self.behind_points <= 0 or self.stalled_months <= 0:
            raise ValueError("Ngưỡng chậm (điểm %) và số tháng đình trệ phải lớn hơn 0")


@dataclass(frozen=True, slots=True)
class ProjectDisbursement:
    code: str
    allocated: int  # capital of the plan year, đồng
    disbursed: int  # cumulative to the day judged
    last_disbursed_on: date | None = None  # None: nothing disbursed yet
    deadline: date | None = None  # None: 31/01 of the next year (see `deadline`)
    available_from: date | None = None  # capital added later in the year; None: 01/01 of the plan year


@dataclass(frozen=True, slots=True)
class PaceResult:
    code: str
    pace: Pace
    reasons: tuple[str, ...]  # Vietnamese, the most serious first (the messages' Vietnamese)
    allocated: int
    disbursed: int
    percent: Decimal  # disbursed / allocated, 2 decimals
    target: Decimal  # the target path on the day judged, 2 decimals
    gap: Decimal  # target - percent, percentage points (negative: ahead)
    on_target: bool  # percent >= target (exactly)
    projected: int  # disbursement expected at the deadline, at most the allocation
    projection: int  # the same, uncapped: above the allocation when the project could absorb more
    undisbursable: int  # allocated - projected, >= 0: capital that will not be disbursed at this pace
    deadline: date
    messages: tuple[Message, ...] = ()  # the reasons, to render in any language

    def reasons_in(self, language: str) -> tuple[str, ...]:
        return tuple(m.render(language) for m in self.messages) if self.messages else self.reasons


def classify(
    project: ProjectDisbursement, plan_year: int, as_of: date, thresholds: Thresholds = Thresholds()
) -> PaceResult:
    """Judge one project's disbursement as of a day: stalled, slow, at risk or on track, with its reasons."""
    allocated, disbursed = project.allocated, project.disbursed
    if allocated < 0 or disbursed < 0:
        raise ValueError(f"Dự án {project.code}: vốn giao và giải ngân không được âm")
    due = project.deadline or date(plan_year + 1, 1, 31)
    start = project.available_from or date(plan_year, 1, 1)
    target = _target(as_of, plan_year, thresholds.path)
    if allocated == 0:
        return PaceResult(
            code=project.code,
            pace=Pace.NO_CAPITAL,
            reasons=(msg("db.pace.no_capital").vi,),
            messages=(msg("db.pace.no_capital"),),
            allocated=0,
            disbursed=disbursed,
            percent=Decimal(0),
            target=_decimal(target),
            gap=_decimal(target),
            on_target=False,
            projected=disbursed,
            projection=disbursed,
            undisbursable=0,
            deadline=due,
        )
    actual = Fraction(disbursed * 100, allocated)
    gap = target - actual
    projection = _project(disbursed, allocated, start, due, as_of, target, actual, thresholds.projection)
    projected = max(disbursed, min(allocated, projection))
    undisbursable = max(0, allocated - projected)
    done = disbursed >= allocated
    reasons: list[Message] = []
    paces: list[Pace] = []
    if not done:
        zero_day = date(plan_year, *thresholds.zero_after)
        if disbursed == 0 and as_of > zero_day and start <= zero_day:
            paces.append(Pace.STALLED)
            reasons.append(msg("db.pace.none_since", day=zero_day))
        elif disbursed > 0 and project.last_disbursed_on is not None:
            idle = _month_index(as_of) - _month_index(project.last_disbursed_on) - 1
            if idle >= thresholds.stalled_months:
                last = project.last_disbursed_on
                paces.append(Pace.STALLED)
                reasons.append(msg("db.pace.idle", months=idle, last=f"{last.month:02d}/{last.year}"))
        if gap >= Fraction(thresholds.behind_points):
            paces.append(Pace.SLOW)
            reasons.append(
                msg(
                    "db.pace.slow",
                    percent=Number(_decimal(actual)),
                    target=Number(_decimal(target)),
                    day=as_of,
                    gap=Number(_decimal(gap)),
                )
            )
        if undisbursable > 0:
            paces.append(Pace.AT_RISK)
            reasons.append(
                msg(
                    "db.pace.at_risk",
                    due=due,
                    projected=Money(projected),
                    share=Number(_percent(projected, allocated)),
                    rest=Money(undisbursable),
                )
            )
    pace = min(paces, key=list(Pace).index) if paces else Pace.ON_TRACK
    return PaceResult(
        code=project.code,
        pace=pace,
        reasons=tuple(reason.vi for reason in reasons),
        messages=tuple(reasons),
        allocated=allocated,
        disbursed=disbursed,
        percent=_decimal(actual),
        target=_decimal(target),
        gap=_decimal(gap),
        on_target=actual >= target,
        projected=projected,
        projection=max(disbursed, projection),
        undisbursable=undisbursable,
        deadline=due,
    )


def _decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _project(
    disbursed: int,
    allocated: int,
    start: date,
    due: date,
    as_of: date,
    target: Fraction,
    actual: Fraction,
    how: Projection,
) -> int:
    """Disbursement expected at the deadline, uncapped (đồng, rounded down)."""
    if as_of >= due or as_of < start:
        return disbursed
    if how is Projection.TARGET_PATH:
        if target <= 0:
            return disbursed
        return max(disbursed, int(actual / target * allocated))
    elapsed = (as_of - start).days + 1
    total = (due - start).days + 1
    return disbursed * total // elapsed
