"""Disbursement of a year's public-investment capital: its deadline, the monthly S-curve against the province's
target path, the projects that disburse too slowly, and the capital they could release to projects on pace.

Deadlines follow the Law on Public Investment (PI-11, PI-12, PI-13 in docs/legal/public-investment.md): 31 January
of the next year; 31 December of the next year for capital the competent authority added after 30 September of the
plan year; an extension never beyond 31 December of the next year. The law version is the one in force on the
plan's decision day (1 January of the plan year while it is unknown), as in `plan_checks`.

The target path is the province's own, configurable, not law. "Slow", "stalled" and "at risk" follow
`Thresholds`, also the province's choice. Transfer candidates (điều chuyển vốn) are plain data: the capital
released per source and the receivers with their tier, need and eligible sources, which the app hands to the
allocation module so that the transfer proposal follows the same order of priority as the plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Final

from tiendo.domain.money import TRIEU, format_number, format_vnd
from tiendo.domain.plan_checks import Tier, law_in_force, public_citation  # Tier: re-exported for transfers
from tiendo.domain.schedule_rules import PUBLIC_2019, Confidence, Text

__all__ = [
    "DEFAULT_TARGET_PATH",
    "Deadline",
    "DeadlineReason",
    "Donor",
    "MonthPoint",
    "Pace",
    "PaceResult",
    "Projection",
    "ProjectDisbursement",
    "Receiver",
    "SourceAllocation",
    "TargetPoint",
    "Thresholds",
    "Tier",
    "TransferCandidates",
    "TransferProject",
    "TransferRules",
    "classify",
    "cumulative_series",
    "deadline",
    "medium_term_deadline",
    "target_percent",
    "transfer_candidates",
]


def _d(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# ---------------------------------------------------------------------------------------------------------------
# Deadlines (PI-11, PI-12, PI-13)


class DeadlineReason(StrEnum):
    NORMAL = "normal"  # 31/01 of the next year
    ADDED_AFTER_SEPTEMBER = "added_after_september"  # 31/12 of the next year
    EXTENDED = "extended"  # an extension granted, at most 31/12 of the next year
    MEDIUM_TERM = "medium_term"  # the tail of a medium-term plan


@dataclass(frozen=True, slots=True)
class Deadline:
    """The last day capital may be disbursed, why, and under which article."""

    day: date
    reason: DeadlineReason
    rule: str  # PI-11, PI-12 or PI-13
    citation: str
    verify: bool
    explanation: str  # Vietnamese
    error: str | None = None  # an extension asked beyond what the law allows (PI-12), in Vietnamese


def deadline(
    plan_year: int,
    capital_added_on: date | None = None,
    extended_until: date | None = None,
    decided_on: date | None = None,
) -> Deadline:
    """Law on Public Investment 2024 Art. 72 (2019: Art. 68): when a year's capital stops being disbursable.

    `capital_added_on`: the day the competent authority added this capital (after 30/09 of the plan year: until
    31/12 of the next year). `extended_until`: an extension granted (capped at 31/12 of the next year; asking more
    is an `error`). `decided_on` picks the law version (None: 1 January of the plan year).
    """
    day_of_law = decided_on or date(plan_year, 1, 1)
    law_2019 = law_in_force(day_of_law) is PUBLIC_2019
    normal, latest = date(plan_year + 1, 1, 31), date(plan_year + 1, 12, 31)
    september = date(plan_year, 9, 30)
    if capital_added_on is not None and capital_added_on > september:
        day, reason = latest, DeadlineReason.ADDED_AFTER_SEPTEMBER
        text = (
            f"Vốn bổ sung ngày {_d(capital_added_on)}, sau ngày {_d(september)}, được thực hiện và giải ngân đến hết "
            f"ngày {_d(latest)}."
        )
    else:
        day, reason = normal, DeadlineReason.NORMAL
        text = f"Vốn kế hoạch năm {plan_year} được thực hiện và giải ngân đến hết ngày {_d(normal)}."
    error = None
    if extended_until is not None:
        if extended_until > latest:
            error = (
                f"Không được kéo dài thời gian thực hiện và giải ngân vốn kế hoạch năm {plan_year} đến ngày "
                f"{_d(extended_until)}: thời hạn kéo dài tối đa là hết ngày {_d(latest)}."
            )
        granted = min(extended_until, latest)
        if granted > day:
            who = (
                "Hội đồng nhân dân cùng cấp (vốn ngân sách địa phương) hoặc Thủ tướng Chính phủ (vốn ngân sách trung "
                "ương)"
                if law_2019
                else "Chủ tịch Ủy ban nhân dân cùng cấp (vốn ngân sách địa phương) hoặc Thủ tướng Chính phủ (vốn "
                "ngân sách trung ương)"
            )
            day, reason = granted, DeadlineReason.EXTENDED
            text = (
                f"Vốn kế hoạch năm {plan_year} được kéo dài thời gian thực hiện và giải ngân đến hết ngày "
                f"{_d(granted)} (thẩm quyền: {who}; không quá ngày {_d(latest)})."
            )
    if reason is DeadlineReason.EXTENDED or error is not None:
        c = public_citation("PI-12", day_of_law, "Điều 68", Confidence.UNCERTAIN, "Điều 72 khoản 2")
    else:
        c = public_citation("PI-11", day_of_law, "Điều 68", Confidence.UNCERTAIN, "Điều 72 khoản 1")
    return Deadline(day, reason, c.rule, c.citation, c.verify, text, error)


def medium_term_deadline(first_year: int, last_year: int, decided_on: date | None = None) -> Deadline:
    """PI-13: a medium-term plan's capital is disbursable until 31/01 of the next period's first year.

    Law 39/2019 Art. 68(1) says so [S]; under Law 58/2024 it is the last annual plan's deadline (Art. 72(1)), to
    verify.
    """
    day_of_law = decided_on or date(first_year, 1, 1)
    c = public_citation("PI-13", day_of_law, "Điều 68 khoản 1", Confidence.SECONDARY, "Điều 72 khoản 1")
    day = date(last_year + 1, 1, 31)
    text = f"Vốn kế hoạch đầu tư công trung hạn {first_year}–{last_year} được giải ngân đến hết ngày {_d(day)}."
    verify = c.verify or law_in_force(day_of_law) is not PUBLIC_2019
    return Deadline(day, DeadlineReason.MEDIUM_TERM, c.rule, c.citation, verify, text)


# ---------------------------------------------------------------------------------------------------------------
# The monthly S-curve


@dataclass(frozen=True, slots=True)
class MonthPoint:
    month: date  # the month's first day
    amount: int  # disbursed in the month, đồng
    cumulative: int  # disbursed from the start of the plan year to the month's end
    percent: Decimal  # cumulative share of the allocated capital, 2 decimals (0 when nothing is allocated)


def _percent(part: int | Fraction, whole: int) -> Decimal:
    """part / whole in percent, 2 decimals, half up; 0 for nothing allocated."""
    if whole <= 0:
        return Decimal(0)
    share = Fraction(part) * 100 / whole
    return (Decimal(share.numerator) / Decimal(share.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_of(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def cumulative_series(
    monthly: Mapping[date, int] | Iterable[tuple[date, int]],
    allocated: int,
    plan_year: int,
    through: date | None = None,
) -> list[MonthPoint]:
    """Month by month from January of the plan year: amount, cumulative amount and % of allocated.

    Months are given by their first day, from January of the plan year to December of the next year (the latest
    disbursement deadline); a month missing counts as nothing disbursed. The series runs to the last month given,
    or to `through`'s month if that is later. A negative amount (capital recovered) is allowed.
    """
    items = monthly.items() if isinstance(monthly, Mapping) else monthly
    first, last = date(plan_year, 1, 1), date(plan_year + 1, 12, 1)
    amounts: dict[int, int] = {}
    for month, amount in items:
        if month.day != 1:
            raise ValueError(f"Tháng phải ghi bằng ngày đầu tháng, không phải {_d(month)}")
        if not first <= month <= last:
            raise ValueError(f"Tháng {month.month:02d}/{month.year} nằm ngoài thời gian giải ngân vốn năm {plan_year}")
        if not isinstance(amount, int):
            raise TypeError(f"Số tiền giải ngân phải là số nguyên đồng, không phải {amount!r}")
        amounts[_month_index(month)] = amounts.get(_month_index(month), 0) + amount
    end = max(amounts, default=None)
    if through is not None:
        end = max(end or 0, min(_month_index(through), _month_index(last)))
    if end is None:
        return []
    points: list[MonthPoint] = []
    cumulative = 0
    for index in range(_month_index(first), end + 1):
        amount = amounts.get(index, 0)
        cumulative += amount
        points.append(MonthPoint(_month_of(index), amount, cumulative, _percent(cumulative, allocated)))
    return points


# ---------------------------------------------------------------------------------------------------------------
# The province's target path


@dataclass(frozen=True, slots=True)
class TargetPoint:
    """Cumulative % of the year's capital the province wants disbursed by the end of a day."""

    month: int
    day: int
    percent: Decimal
    next_year: bool = False  # a day of the year after the plan year (31/01)

    def on(self, plan_year: int) -> date:
        return date(plan_year + 1 if self.next_year else plan_year, self.month, self.day)


# The province's configurable target, not law: the usual quarterly targets of a provincial disbursement directive.
DEFAULT_TARGET_PATH: Final = (
    TargetPoint(3, 31, Decimal(15)),
    TargetPoint(6, 30, Decimal(45)),
    TargetPoint(9, 30, Decimal(70)),
    TargetPoint(12, 31, Decimal(95)),
    TargetPoint(1, 31, Decimal(100), next_year=True),
)


def _check_path(path: Sequence[TargetPoint]) -> None:
    if not path:
        raise ValueError("Lộ trình giải ngân mục tiêu phải có ít nhất một mốc")
    previous_day, previous_percent = date(2001, 12, 31), Decimal(0)
    for point in path:
        day = point.on(2002)  # any non-leap year: only the order matters (29/02 is refused there)
        if day <= previous_day or not previous_percent <= point.percent <= 100:
            raise ValueError("Các mốc của lộ trình phải theo thứ tự ngày, tỷ lệ không giảm và không quá 100%")
        previous_day, previous_percent = day, point.percent


def _target(on: date, plan_year: int, path: Sequence[TargetPoint]) -> Fraction:
    """The target at the end of `on`, linear by day between the points, from 0% on 31/12 before the plan year."""
    previous_day, previous = date(plan_year - 1, 12, 31), Fraction(0)
    if on <= previous_day:
        return Fraction(0)
    for point in path:
        day, value = point.on(plan_year), Fraction(point.percent)
        if on <= day:
            return previous + (value - previous) * (on - previous_day).days / (day - previous_day).days
        previous_day, previous = day, value
    return previous


def target_percent(on: date, plan_year: int, path: Sequence[TargetPoint] = DEFAULT_TARGET_PATH) -> Decimal:
    """The province's target cumulative % on a day (2 decimals), interpolated linearly by day between points."""
    _check_path(path)
    share = _target(on, plan_year, path)
    return (Decimal(share.numerator) / Decimal(share.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


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
    reasons: tuple[str, ...]  # Vietnamese, the most serious first
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
            reasons=("Dự án không có vốn giao trong năm.",),
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
    shown = f"{format_number(_decimal(actual), 2)}%"
    reasons: list[str] = []
    paces: list[Pace] = []
    if not done:
        zero_day = date(plan_year, *thresholds.zero_after)
        if disbursed == 0 and as_of > zero_day and start <= zero_day:
            paces.append(Pace.STALLED)
            reasons.append(f"Chưa giải ngân vốn sau ngày {_d(zero_day)}.")
        elif disbursed > 0 and project.last_disbursed_on is not None:
            idle = _month_index(as_of) - _month_index(project.last_disbursed_on) - 1
            if idle >= thresholds.stalled_months:
                last = project.last_disbursed_on
                paces.append(Pace.STALLED)
                reasons.append(
                    f"Không giải ngân trong {idle} tháng liền (lần gần nhất tháng {last.month:02d}/{last.year})."
                )
        if gap >= Fraction(thresholds.behind_points):
            paces.append(Pace.SLOW)
            reasons.append(
                f"Giải ngân {shown} vốn giao, thấp hơn mục tiêu {format_number(_decimal(target), 2)}% của tỉnh tại "
                f"ngày {_d(as_of)} {format_number(_decimal(gap), 2)} điểm phần trăm."
            )
        if undisbursable > 0:
            paces.append(Pace.AT_RISK)
            reasons.append(
                f"Theo tốc độ hiện nay đến hạn {_d(due)} chỉ giải ngân được khoảng {format_vnd(projected)} "
                f"({format_number(_percent(projected, allocated), 2)}%): {format_vnd(undisbursable)} có nguy cơ không "
                f"giải ngân hết."
            )
    pace = min(paces, key=list(Pace).index) if paces else Pace.ON_TRACK
    return PaceResult(
        code=project.code,
        pace=pace,
        reasons=tuple(reasons),
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


# ---------------------------------------------------------------------------------------------------------------
# Transfer candidates (điều chuyển vốn)


@dataclass(frozen=True, slots=True)
class SourceAllocation:
    source: str
    allocated: int
    disbursed: int | None = None  # None: the project's disbursement is shared among such sources by allocation


@dataclass(frozen=True, slots=True)
class TransferProject:
    code: str
    tier: Tier
    allocations: tuple[SourceAllocation, ...]
    pace: PaceResult  # `classify` of the same project
    remaining_need: int = 0  # how much more capital it could still use this year, beyond its allocation
    eligible_sources: tuple[str, ...] | None = None  # None: the sources it is already funded from


@dataclass(frozen=True, slots=True)
class TransferRules:
    unit: int = TRIEU  # released capital is rounded down to this unit (1 million đồng)
    donors: frozenset[Pace] = frozenset({Pace.SLOW, Pace.STALLED})

    def __post_init__(self) -> None:
        if self.unit <= 0:
            raise ValueError("Đơn vị làm tròn phải lớn hơn 0")


@dataclass(frozen=True, slots=True)
class Donor:
    project: str
    source: str
    allocated: int
    disbursed: int  # given, or the project's disbursement shared by allocation
    released: int  # <= allocated - disbursed, a multiple of the unit


@dataclass(frozen=True, slots=True)
class Receiver:
    project: str
    tier: Tier
    need: int  # what it may receive: remaining need capped by its pace capacity, rounded down to the unit
    remaining_need: int
    capacity: int  # what its pace would disburse beyond its allocation by the deadline
    eligible_sources: tuple[str, ...]  # its sources that have capital released


@dataclass(frozen=True, slots=True)
class TransferCandidates:
    released: Mapping[str, int]  # source -> capital released (only sources with some)
    donors: tuple[Donor, ...]
    receivers: tuple[Receiver, ...]

    @property
    def total_released(self) -> int:
        return sum(self.released.values())

    def allocation_request(self, plan_year: int) -> dict[str, object]:
        """The parts of the `tiendo plan allocate` input (docs/contracts/plan-allocate.md) this module knows.

        The app completes each project with its group and eligibility facts before calling the allocation module.
        """
        return {
            "plan": {"kind": "annual", "year": plan_year},
            "sources": [{"code": code, "available": amount} for code, amount in self.released.items()],
            "projects": [
                {
                    "code": r.project,
                    "tier": r.tier.value,
                    "need": r.need,
                    "floor": 0,
                    "eligible_sources": list(r.eligible_sources),
                }
                for r in self.receivers
            ],
        }


def transfer_candidates(
    projects: Sequence[TransferProject], rules: TransferRules = TransferRules()
) -> TransferCandidates:
    """The capital slow and stalled projects could release, per source, and the projects on pace that could use it.

    A donor releases what it will not disburse at its pace (allocated - projected), never touching what it has
    already disbursed, shared among its sources by what each still holds and rounded down to the unit. A receiver
    disburses at least on the target path, still needs capital, and could disburse more by the deadline at its pace.
    """
    donors: list[Donor] = []
    released: dict[str, int] = {}
    for p in projects:
        if p.pace.pace not in rules.donors:
            continue
        for source, allocated, disbursed, amount in _release(p, rules.unit):
            donors.append(Donor(p.code, source, allocated, disbursed, amount))
            if amount:
                released[source] = released.get(source, 0) + amount
    donor_codes = {d.project for d in donors}
    receivers: list[Receiver] = []
    for p in projects:
        if p.code in donor_codes or not p.pace.on_target or p.remaining_need <= 0 or p.pace.pace is Pace.NO_CAPITAL:
            continue
        capacity = max(0, p.pace.projection - p.pace.allocated)
        need = min(p.remaining_need, capacity) // rules.unit * rules.unit
        if need <= 0:
            continue
        own = p.eligible_sources if p.eligible_sources is not None else tuple(a.source for a in p.allocations)
        eligible = tuple(dict.fromkeys(s for s in own if released.get(s, 0) > 0))
        receivers.append(Receiver(p.code, p.tier, need, p.remaining_need, capacity, eligible))
    tiers = list(Tier)
    receivers.sort(key=lambda r: (tiers.index(r.tier), r.project))
    donors.sort(key=lambda d: (d.project, d.source))
    return TransferCandidates(dict(sorted(released.items())), tuple(donors), tuple(receivers))


def _release(p: TransferProject, unit: int) -> list[tuple[str, int, int, int]]:
    """(source, allocated, disbursed, released) for each source of a donor."""
    allocated_total = sum(a.allocated for a in p.allocations)
    if allocated_total != p.pace.allocated:
        raise ValueError(
            f"Dự án {p.code}: vốn giao theo nguồn ({format_vnd(allocated_total)}) khác vốn giao đã đánh giá "
            f"({format_vnd(p.pace.allocated)})"
        )
    if any(a.allocated < 0 or (a.disbursed is not None and a.disbursed < 0) for a in p.allocations):
        raise ValueError(f"Dự án {p.code}: vốn giao và giải ngân theo nguồn không được âm")
    disbursed = _share_disbursement(p)
    holding = [max(0, a.allocated - d) for a, d in zip(p.allocations, disbursed, strict=True)]
    held = sum(holding)
    releasable = min(p.pace.undisbursable, held)
    rows = []
    for a, d, h in zip(p.allocations, disbursed, holding, strict=True):
        amount = releasable * h // held // unit * unit if held else 0
        rows.append((a.source, a.allocated, d, amount))
    return rows


def _share_disbursement(p: TransferProject) -> list[int]:
    """Each source's disbursement: as given, else the rest of the project's shared by allocation (capped)."""
    known = sum(a.disbursed for a in p.allocations if a.disbursed is not None)
    unknown = [a for a in p.allocations if a.disbursed is None]
    rest = max(0, p.pace.disbursed - known)
    weight = sum(a.allocated for a in unknown)
    shares: list[int] = []
    for a in p.allocations:
        if a.disbursed is not None:
            shares.append(a.disbursed)
        else:
            shares.append(min(a.allocated, -(-rest * a.allocated // weight)) if weight else 0)
    return shares
