"""Public-investment capital shared among projects by the law's order of priority (docs/allocation.md).

The meaning (../shared/contracts/plan-allocate.md, LEGAL_RULES.md PI-04, PI-05, PI-06):
- A project that may not be funded (PI-04 eligibility, PI-06 allocation period) gets nothing and a violation.
- Priority levels follow Art. 54(4) of the Law on Public Investment 58/2024, or Art. 51 of Law 39/2019 for plans
  decided before 01/01/2025 (`PRIORITY`). A project of a higher level gets its whole need, from the sources it may
  use, before any project of a lower level gets anything it could have used.
- Within a level a shortage is shared in proportion to need: projects of one level that may use the same sources
  get the same ratio allocated/need; between different sets of sources the smallest ratio is made as large as
  the level totals allow (max-min), after every level's total.
- A `new` project gets its whole need or nothing (Art. 54(5)). A project with a `floor` gets nothing or at least
  its floor; it is its own fairness group.
- No source is over-spent, no project gets more than its need; amounts are whole đồng.

How (a real optimisation, HiGHS through highspy, built from numpy arrays):
- Projects of one level with the same eligible sources and no floor are one *unit* (their ratio is shared, so
  the model carries their sum); each floored project and each new project is a unit of its own.
- Columns: x[u,s] ≥ 0 for each unit and eligible source (in a power of ten of đồng near the median amount),
  ρ[u] the unit's ratio (continuous in [0, 1]; semi-continuous {0} ∪ [floor/need, 1] for a floor; binary for a
  new project), m[f] the minimum ratio of each fairness objective. Rows: Σ_u x[u,s] ≤ available_s per source;
  Σ_s x[u,s] − need_u·ρ[u] = 0 per unit; m[f] − ρ[u] ≤ 0 per member of a fairness objective.
- Lexicographic objectives, HiGHS's native multi-objective, in stages (`solve_model`): maximize the total of
  level 1, then level 2, …, as an LP (a MIP only from the first level where a new project or a floor makes the
  LP's answer impossible), then the minimum ratio of each level left short; last, only if some project gives
  `previous` (its lines in the approved version), the most of those lines kept: Σ k[u,s], k[u,s] ≤ x[u,s] and
  ≤ what the unit had of s, every unit's ratio fixed as the stages left it (`_keep_previous`).
- The solver is trusted to a millionth of the model's unit; `_round` makes the amounts whole đồng and the order
  exact (what a higher level misses comes back from lower ones), a unit's total is shared among its projects by
  need with the largest remainders, and each project's amount is taken from the unit's sources in turn.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt
from highspy import HighsLinearObjective, HighsModelStatus, HighsSolution, HighsVarType
from highspy._core import _Highs  # the core class: `highspy.Highs` prints a banner on standard output

from tiendo.domain.money import TRIEU as _TRIEU
from tiendo.domain.money import TY as _TY
from tiendo.domain.projects import ProjectGroup
from tiendo.domain.schedule_rules import ALLOCATION_YEARS, PUBLIC_2019, PUBLIC_2024, PUBLIC_2024_AMENDED, Law

__all__ = [
    "POINTS_2024",
    "PRIORITY",
    "PRIORITY_2019",
    "PRIORITY_2024",
    "TIER_LABELS",
    "Allocation",
    "AllocationError",
    "AllocationModel",
    "AllocationResult",
    "InvalidAllocationInput",
    "LevelSummary",
    "Plan",
    "PlanKind",
    "PriorityLaw",
    "Project",
    "ProjectResult",
    "Reason",
    "Source",
    "Tier",
    "Violation",
    "allocate",
    "build_model",
    "check_input",
    "priority_law",
    "read_result",
    "solve_model",
    "tier_citation",
    "violations_of",
]

_CRUMB: Final = 0.25  # đồng: a solver's amount this close below a whole đồng is that đồng (float noise)
_NOISE: Final = 1e-6  # in the model's unit (`model_unit`): below this, an amount is the solver's float noise


# ---------------------------------------------------------------------------------------------------------------
# Vocabularies and the law's tables


class PlanKind(StrEnum):
    ANNUAL = "annual"  # kế hoạch đầu tư công hằng năm
    MEDIUM_TERM = "medium_term"  # kế hoạch đầu tư công trung hạn (5 năm)


class Tier(StrEnum):
    """What the capital is for, in the order of Law 58/2024 Art. 54(4) (2025 text), first to last."""

    SPECIAL_OR_EMERGENCY = "special_or_emergency"  # (a)
    NATIONAL_PROGRAMME = "national_programme"  # (b)
    ADVANCE_REPAYMENT = "advance_repayment"  # (c)
    COMPLETED_UNFUNDED = "completed_unfunded"  # (d)
    ODA = "oda"  # (đ)
    PPP_STATE = "ppp_state"  # (e)
    TRANSITIONAL_FINISHING = "transitional_finishing"  # (g)
    TRANSITIONAL_ON_SCHEDULE = "transitional_on_schedule"  # (h)
    PREPARATION = "preparation"  # (i)
    DEBT_BEFORE_2015 = "debt_before_2015"  # (k)
    OTHER_SUPPORT = "other_support"  # (l)
    POLICY_BANK = "policy_bank"  # (m)
    NEW = "new"  # (n)


class PriorityLaw(StrEnum):
    """Which text orders the tiers: the plan's decision date picks it (`priority_law`)."""

    LAW_2019 = "39/2019/QH14"
    LAW_2024 = "58/2024/QH15"


T = Tier
POINTS_2024: Final = dict(zip(Tier, ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n"), strict=True))
PRIORITY_2024: Final = {tier: rank for rank, tier in enumerate(Tier)}
# Law 39/2019 Art. 51 (LEGAL_RULES PI-05, legacy order) names: completed but not fully funded, ODA counterpart
# capital, the State's share in PPP, transitional projects on schedule, projects finishing in the period, and new
# projects only after the basic-construction debts. It does not name emergency and special projects, national
# programmes and important projects: tiendo puts them first, as one level. Nor advance repayments, preparation,
# other support and policy-bank entrustment: tiendo puts them together, as one level, before the debts.
PRIORITY_2019: Final = {
    T.SPECIAL_OR_EMERGENCY: 0,  # not named in 2019
    T.NATIONAL_PROGRAMME: 0,  # not named in 2019
    T.COMPLETED_UNFUNDED: 1,
    T.ODA: 2,
    T.PPP_STATE: 3,
    T.TRANSITIONAL_ON_SCHEDULE: 4,
    T.TRANSITIONAL_FINISHING: 5,
    T.ADVANCE_REPAYMENT: 6,  # not named in 2019
    T.PREPARATION: 6,  # not named in 2019
    T.OTHER_SUPPORT: 6,  # not named in 2019
    T.POLICY_BANK: 6,  # not named in 2019
    T.DEBT_BEFORE_2015: 7,
    T.NEW: 8,
}
NAMED_2019: Final = frozenset(
    {
        T.COMPLETED_UNFUNDED,
        T.ODA,
        T.PPP_STATE,
        T.TRANSITIONAL_ON_SCHEDULE,
        T.TRANSITIONAL_FINISHING,
        T.DEBT_BEFORE_2015,
        T.NEW,
    }
)
PRIORITY: Final = {PriorityLaw.LAW_2019: PRIORITY_2019, PriorityLaw.LAW_2024: PRIORITY_2024}

TIER_LABELS: Final = {
    T.SPECIAL_OR_EMERGENCY: "Dự án đầu tư công đặc biệt, khẩn cấp",
    T.NATIONAL_PROGRAMME: "Chương trình mục tiêu quốc gia, dự án quan trọng quốc gia",
    T.ADVANCE_REPAYMENT: "Hoàn trả vốn ứng trước",
    T.COMPLETED_UNFUNDED: "Dự án đã hoàn thành, bàn giao đưa vào sử dụng nhưng chưa bố trí đủ vốn",
    T.ODA: "Chương trình, dự án ODA và vốn vay ưu đãi nước ngoài, kể cả vốn đối ứng",
    T.PPP_STATE: "Vốn nhà nước tham gia dự án PPP, chi trả hợp đồng BT",
    T.TRANSITIONAL_FINISHING: "Dự án chuyển tiếp hoàn thành trong kỳ kế hoạch",
    T.TRANSITIONAL_ON_SCHEDULE: "Dự án chuyển tiếp thực hiện theo tiến độ được phê duyệt",
    T.PREPARATION: "Nhiệm vụ quy hoạch, chuẩn bị đầu tư",
    T.DEBT_BEFORE_2015: "Nợ đọng xây dựng cơ bản phát sinh trước ngày 01/01/2015",
    T.OTHER_SUPPORT: "Cấp bù lãi suất, phí quản lý, vốn điều lệ, hỗ trợ khác theo quyết định của Chính phủ, Thủ tướng",
    T.POLICY_BANK: "Vốn ngân sách địa phương ủy thác qua Ngân hàng Chính sách xã hội",
    T.NEW: "Dự án khởi công mới",
}

_UNLIMITED: Final = frozenset({ProjectGroup.NATIONAL})  # the National Assembly sets their period (Art. 57)


# ---------------------------------------------------------------------------------------------------------------
# Input


class InvalidAllocationInput(ValueError):
    """The input contradicts itself; the message is the Vietnamese line users read, naming project and field."""


class AllocationError(RuntimeError):
    """The solver did not finish (time limit, numerical failure): no allocation is given rather than a wrong one."""


@dataclass(frozen=True, slots=True)
class Plan:
    """An annual plan (`year`) or a medium-term plan (`period`, e.g. (2021, 2025)); `decided_on` if known."""

    kind: PlanKind
    year: int | None = None
    period: tuple[int, int] | None = None
    decided_on: date | None = None

    @property
    def judged_year(self) -> int:
        """The year the allocation period (PI-06) is judged at: the plan's year, or the period's first year.

        A medium-term plan gives no year per project: a project still within its allocation period in the first
        year may receive capital for the years left (Law 58/2024 Art. 57), so only one already past it then is
        refused (`plan_checks` warns of one that passes it later in the period)."""
        if self.kind is PlanKind.ANNUAL:
            assert self.year is not None
            return self.year
        assert self.period is not None
        return self.period[0]

    def describe(self) -> str:
        if self.kind is PlanKind.ANNUAL:
            return f"Kế hoạch đầu tư công năm {self.year}"
        assert self.period is not None
        return f"Kế hoạch đầu tư công trung hạn {self.period[0]}-{self.period[1]}"


@dataclass(frozen=True, slots=True)
class Source:
    code: str
    name: str
    available: int  # đồng


@dataclass(frozen=True, slots=True)
class Project:
    code: str
    group: ProjectGroup
    tier: Tier
    need: int  # đồng: the most this plan may give
    eligible_sources: tuple[str, ...]
    floor: int = 0  # đồng already committed: kept if any capital is given
    has_investment_decision: bool = True
    in_medium_term_plan: bool = True
    first_allocation_year: int | None = None
    handed_over_year: int | None = None
    allocation_extension_years: int = 0
    # source code -> đồng the approved version gave (lines to change as little as the law allows; docs/allocation.md)
    previous: Mapping[str, int] = field(default_factory=lambda: _NO_PREVIOUS, hash=False)


_NO_PREVIOUS: Final[Mapping[str, int]] = MappingProxyType({})  # shared by every project without previous lines
_FIELDS: Final = tuple(Project.__dict__[f.name].__set__ for f in fields(Project))  # its slots, in field order


def _new_project(
    code: str,
    group: ProjectGroup,
    tier: Tier,
    need: int,
    eligible_sources: tuple[str, ...],
    floor: int,
    has_investment_decision: bool,
    in_medium_term_plan: bool,
    first_allocation_year: int | None,
    handed_over_year: int | None,
    allocation_extension_years: int,
    previous: Mapping[str, int] = _NO_PREVIOUS,
) -> Project:
    """`Project(...)` with every field given, its slots set directly: the frozen dataclass's `__init__` sets each
    through `object.__setattr__`, twice as slow (reading 10,000 projects). There is no `__post_init__` to run."""
    project: Project = object.__new__(Project)
    code_, group_, tier_, need_, eligible_, floor_, decision_, in_plan_, first_, handed_, extension_, *rest = _FIELDS
    (previous_,) = rest
    code_(project, code)
    group_(project, group)
    tier_(project, tier)
    need_(project, need)
    eligible_(project, eligible_sources)
    floor_(project, floor)
    decision_(project, has_investment_decision)
    in_plan_(project, in_medium_term_plan)
    first_(project, first_allocation_year)
    handed_(project, handed_over_year)
    extension_(project, allocation_extension_years)
    previous_(project, previous)
    return project


def check_input(plan: Plan, sources: Sequence[Source], projects: Sequence[Project]) -> None:
    """Refuse what the engine cannot judge: duplicate codes, unknown sources, negative amounts, floor above need."""
    _checked_masks(plan, sources, projects)


def _checked_masks(plan: Plan, sources: Sequence[Source], projects: Sequence[Project]) -> list[int]:
    """`check_input`, and each project's eligible sources as bits of source indices (each set of sources is
    checked once, however many projects name it)."""
    if plan.kind is PlanKind.ANNUAL and plan.year is None:
        raise InvalidAllocationInput("Kế hoạch hằng năm phải có 'year' (năm kế hoạch).")
    if plan.kind is PlanKind.MEDIUM_TERM and plan.period is None:
        raise InvalidAllocationInput("Kế hoạch trung hạn phải có 'period' (ví dụ '2021-2025').")
    if plan.period is not None and plan.period[0] > plan.period[1]:
        raise InvalidAllocationInput(f"'period' của kế hoạch không hợp lệ: {plan.period[0]}-{plan.period[1]}.")
    codes: set[str] = set()
    for source in sources:
        if source.code in codes:
            raise InvalidAllocationInput(f"Mã nguồn vốn '{source.code}' xuất hiện nhiều lần trong 'sources'.")
        codes.add(source.code)
        if source.available < 0:
            raise InvalidAllocationInput(
                f"Nguồn vốn {source.code}: 'available' phải là số nguyên không âm, giá trị {source.available}."
            )
    index = {source.code: i for i, source in enumerate(sources)}
    known: dict[tuple[str, ...], int] = {}  # a set of sources -> its bits, -1 if wrong
    masks: list[int] = []
    seen: set[str] = set()
    for project in projects:
        eligible = project.eligible_sources
        if type(eligible) is not tuple:
            eligible = tuple(eligible)
        mask = known.get(eligible)
        if mask is None:
            mask = known[eligible] = _mask_of(eligible, index)
        code, need, floor = project.code, project.need, project.floor
        if mask < 0 or code in seen or need < 0 or not 0 <= floor <= need or project.allocation_extension_years < 0:
            _refuse(project, codes, seen)
        if project.previous:
            _check_previous(project, index)
        seen.add(code)
        masks.append(mask)
    return masks


def _check_previous(project: Project, index: Mapping[str, int]) -> None:
    """A project's `previous`: amounts ≥ 0 of sources in `sources` (not necessarily eligible now: a line on a
    source the project may no longer use is simply not kept)."""
    for source_code, amount in project.previous.items():
        if source_code not in index:
            raise InvalidAllocationInput(
                f"Dự án {project.code}: 'previous' có nguồn '{source_code}' không có trong 'sources'."
            )
        if type(amount) is not int or amount < 0:
            raise InvalidAllocationInput(
                f"Dự án {project.code}: 'previous' của nguồn '{source_code}' phải là số nguyên không âm, "
                f"giá trị {amount!r}."
            )


def _mask_of(eligible: tuple[str, ...], index: Mapping[str, int]) -> int:
    """The sources as bits of their indices; -1 if none, one unknown or one named twice."""
    if not eligible or len(set(eligible)) != len(eligible) or any(code not in index for code in eligible):
        return -1
    mask = 0
    for code in eligible:
        mask |= 1 << index[code]
    return mask


def _refuse(project: Project, codes: set[str], seen: set[str]) -> None:
    """The message for the first thing wrong with a project `check_input` found wrong."""
    code = project.code
    if code in seen:
        raise InvalidAllocationInput(f"Mã dự án '{code}' xuất hiện nhiều lần trong 'projects'.")
    for name in ("need", "floor", "allocation_extension_years"):
        value = getattr(project, name)
        if value < 0:
            raise InvalidAllocationInput(f"Dự án {code}: '{name}' phải là số nguyên không âm, giá trị {value}.")
    if project.floor > project.need:
        raise InvalidAllocationInput(f"Dự án {code}: 'floor' ({project.floor}) lớn hơn 'need' ({project.need}).")
    if not project.eligible_sources:
        raise InvalidAllocationInput(f"Dự án {code}: 'eligible_sources' phải có ít nhất một nguồn vốn.")
    for source_code in project.eligible_sources:
        if source_code not in codes:
            raise InvalidAllocationInput(
                f"Dự án {code}: 'eligible_sources' có nguồn '{source_code}' không có trong 'sources'."
            )
    raise InvalidAllocationInput(f"Dự án {code}: 'eligible_sources' có nguồn vốn lặp lại.")


# ---------------------------------------------------------------------------------------------------------------
# Which law, and who may be funded at all


def priority_law(plan: Plan) -> PriorityLaw:
    """The 2024 law for plans decided from 01/01/2025 (Law 58/2024 Art. 54(4)); before, Law 39/2019 Art. 51.

    Without a decision date: an annual plan from 2025 on, a medium-term plan from the 2026-2030 period on.
    """
    if plan.decided_on is not None:
        return PriorityLaw.LAW_2024 if plan.decided_on >= PUBLIC_2024.start else PriorityLaw.LAW_2019
    if plan.kind is PlanKind.ANNUAL:
        assert plan.year is not None
        return PriorityLaw.LAW_2024 if plan.year >= 2025 else PriorityLaw.LAW_2019
    assert plan.period is not None
    return PriorityLaw.LAW_2024 if plan.period[0] >= 2026 else PriorityLaw.LAW_2019


def _law_text(plan: Plan, law: PriorityLaw) -> Law:
    if law is PriorityLaw.LAW_2019:
        return PUBLIC_2019
    amended = (
        plan.decided_on >= PUBLIC_2024_AMENDED.start
        if plan.decided_on is not None
        else (plan.year or 0) >= 2026 or (plan.period is not None and plan.period[0] >= 2026)
    )
    return PUBLIC_2024_AMENDED if amended else PUBLIC_2024


def _law_name(law: Law) -> str:
    """ "Luật Đầu tư công 58/2024/QH15", with the amending law when it applies (no brackets: citations go in them)."""
    name = f"Luật Đầu tư công {law.number}"
    return name + " được sửa đổi bởi Luật 90/2025/QH15" if law is PUBLIC_2024_AMENDED else name


def tier_citation(tier: Tier, law: PriorityLaw, text: Law) -> str:
    """The clause that places the tier, e.g. "điểm g khoản 4 Điều 54 Luật Đầu tư công 58/2024/QH15"."""
    if law is PriorityLaw.LAW_2024:
        return f"điểm {POINTS_2024[tier]} khoản 4 Điều 54 {_law_name(text)}"
    levels = sorted(set(PRIORITY_2019.values()))
    place = f"mức {levels.index(PRIORITY_2019[tier]) + 1}/{len(levels)}"
    if tier in NAMED_2019:
        return f"{place} theo Điều 51 {_law_name(text)}"
    return f"{place}: Điều 51 {_law_name(text)} không nêu, tiendo xếp như docs/allocation.md ghi"


@dataclass(frozen=True, slots=True)
class Violation:
    project: str
    rule: str  # PI-04 or PI-06 (LEGAL_RULES.md)
    citation: str
    explanation: str
    verify: bool = False  # the article is from a secondary source: check it before relying on it


def violations_of(project: Project, plan: Plan, law: PriorityLaw | None = None) -> tuple[Violation, ...]:
    """Why the project may not receive capital in this plan: PI-04 (Art. 55-56) and PI-06 (Art. 57)."""
    annual = plan.kind is PlanKind.ANNUAL
    first = project.first_allocation_year
    if (
        (project.has_investment_decision or (not annual and project.tier is not Tier.NEW))
        and (project.in_medium_term_plan or not annual)
        and (
            first is None
            or project.handed_over_year is not None
            or project.group in _UNLIMITED
            or plan.judged_year < first + ALLOCATION_YEARS[project.group] + project.allocation_extension_years
        )
    ):
        return ()  # the common case, decided without writing anything
    law = law or priority_law(plan)
    text = _law_text(plan, law)
    found: list[Violation] = []
    old = law is PriorityLaw.LAW_2019
    if annual:
        citation = f"{_law_name(text)}, điều kiện bố trí vốn kế hoạch hằng năm" if old else f"Điều 56 {_law_name(text)}"
        # Art. 56: preparation tasks need an approved cost estimate instead of an investment decision
        if not project.has_investment_decision and project.tier is not Tier.PREPARATION:
            found.append(
                Violation(
                    project.code,
                    "PI-04",
                    citation,
                    f"Chưa có quyết định đầu tư: không đủ điều kiện bố trí vốn kế hoạch hằng năm ({citation}).",
                    verify=old,
                )
            )
        # Art. 56 exempts emergency projects and non-refundable ODA; the `oda` tier also holds loans and counterpart
        # capital, so only special and emergency projects are exempt here
        if not project.in_medium_term_plan and project.tier is not Tier.SPECIAL_OR_EMERGENCY:
            found.append(
                Violation(
                    project.code,
                    "PI-04",
                    citation,
                    "Không có trong kế hoạch đầu tư công trung hạn: không đủ điều kiện bố trí vốn kế hoạch hằng năm "
                    f"({citation}).",
                    verify=old,
                )
            )
    elif project.tier is Tier.NEW and not project.has_investment_decision:
        citation = (
            f"{_law_name(text)}, điều kiện bố trí vốn kế hoạch trung hạn" if old else f"Điều 55 {_law_name(text)}"
        )
        found.append(
            Violation(
                project.code,
                "PI-04",
                citation,
                f"Dự án khởi công mới chưa có quyết định đầu tư: không đủ điều kiện bố trí vốn kế hoạch trung hạn "
                f"({citation}).",
                verify=old,
            )
        )
    overrun = _allocation_overrun(project, plan, text, old)
    if overrun is not None:
        found.append(overrun)
    return tuple(found)


def _allocation_overrun(project: Project, plan: Plan, text: Law, old: bool) -> Violation | None:
    """PI-06: capital allocated longer than 6/4/3 years (group A/B/C) plus extensions, and not handed over."""
    first = project.first_allocation_year
    if first is None or project.handed_over_year is not None or project.group in _UNLIMITED:
        return None
    limit = ALLOCATION_YEARS[project.group]
    last_year = first + limit - 1 + project.allocation_extension_years
    judged = plan.judged_year
    if judged <= last_year:
        return None
    citation = f"khoản 2 Điều 52 {_law_name(text)}" if old else f"Điều 57 {_law_name(text)}"
    extended = f" (đã gia hạn {project.allocation_extension_years} năm)" if project.allocation_extension_years else ""
    if plan.kind is PlanKind.ANNUAL:
        plan_year = f"năm {judged}"
    else:
        assert plan.period is not None
        plan_year = f"ngay năm đầu kỳ kế hoạch {plan.period[0]}-{plan.period[1]} ({judged})"
    return Violation(
        project.code,
        "PI-06",
        citation,
        f"Dự án nhóm {project.group.value} bố trí vốn từ năm {first}, thời gian bố trí vốn tối đa {limit} năm"
        f"{extended}, đến hết năm {last_year}; {plan_year} đã quá thời hạn mà dự án chưa hoàn thành bàn giao: "
        f"không bố trí vốn ({citation}).",
        verify=old,
    )


# ---------------------------------------------------------------------------------------------------------------
# Output


class Reason(StrEnum):
    """Why a project got what it got."""

    FULL = "full"  # its whole need
    SHORT = "short"  # less: the sources it may use ran out (higher levels, or shared within its level)
    NEW_NOT_FUNDED = "new_not_funded"  # a new project not fundable in full, so not at all (Art. 54(5))
    BELOW_FLOOR = "below_floor"  # not even its floor could be given, so nothing
    VIOLATION = "violation"  # may not be funded (PI-04, PI-06)


_FULL = Reason.FULL  # bound once: an enum member's lookup costs, 10,000 times


# The two records there are one of per project and per amount are named tuples: as immutable as a frozen
# dataclass, and five times cheaper to build (10,000 projects: tens of milliseconds, the benchmark's margin).


_new_tuple: Final = tuple.__new__  # a named tuple built without its __new__ written in Python: twice as fast


class Allocation(NamedTuple):
    project: str
    source: str
    amount: int  # đồng, > 0


class ProjectResult(NamedTuple):
    project: str
    tier: Tier
    need: int
    allocated: int
    level: int  # 1 = first served; tiers sharing a level share a shortage
    reason: Reason
    explanation: str

    @property
    def shortfall(self) -> int:
        return self.need - self.allocated


@dataclass(frozen=True, slots=True)
class LevelSummary:
    level: int
    tiers: tuple[Tier, ...]
    need: int  # of the projects that may be funded
    allocated: int


@dataclass(frozen=True, slots=True)
class AllocationResult:
    law: PriorityLaw
    citation: str  # "khoản 4 Điều 54 Luật Đầu tư công 58/2024/QH15"
    allocations: tuple[Allocation, ...]
    projects: tuple[ProjectResult, ...]  # in input order
    violations: tuple[Violation, ...]
    unallocated: dict[str, int]  # per source, in input order
    levels: tuple[LevelSummary, ...]
    proven: bool = True  # False: the solver stopped at its time limit or a stage failed (`AllocationModel.stages`)


# ---------------------------------------------------------------------------------------------------------------
# The model

_GROUP, _FLOOR, _NEW = 0, 1, 2  # kinds of unit


@dataclass(eq=False)
class AllocationModel:
    """The HiGHS model of one allocation and what is needed to solve it in stages and read its solution back."""

    highs: _Highs
    law: PriorityLaw
    text: Law
    plan: Plan
    sources: tuple[Source, ...]
    projects: tuple[Project, ...]
    violations: dict[int, tuple[Violation, ...]]  # by project index
    rank: list[int]  # priority rank of each project
    mask: list[int]  # each project's eligible sources, as bits of source indices
    unit_of: list[int]  # unit index of each project, -1 if none (violation, no need, no source with capital)
    unit_kind: list[int]
    unit_rank: list[int]
    unit_need: list[int]  # đồng
    unit_floor: list[int]  # đồng (floored units)
    unit_mask: list[int]  # eligible sources with capital, as bits of source indices
    unit_members: list[list[int]]
    col_unit: npt.NDArray[np.int64]  # for each x column: its unit
    col_source: npt.NDArray[np.int64]  # and its source
    levels: list[npt.NDArray[np.int64]]  # the units of each level present, first level first
    fairness: list[tuple[int, int]]  # (level position, m column) of each fairness objective
    integrality: npt.NDArray[np.uint8]
    lower: npt.NDArray[np.float64]  # column lower bounds (a floored ratio's floor/need)
    num_cols: int
    num_rows: int
    upper: npt.NDArray[np.float64]
    kinds: npt.NDArray[np.int64]  # unit_kind as an array
    need: npt.NDArray[np.float64]  # unit_need in the model's units
    time_limit: float
    unit: float  # đồng per unit of the model's amounts
    solved: bool = False
    proven: bool = True  # False: a MIP stage stopped at the time limit, or a later stage failed (see stages)
    solution: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))  # of the last stage solved
    stages: list[str] = field(default_factory=list)  # what each HiGHS run did, for the benchmark and the curious
    solver_seconds: float = 0.0  # time inside Highs.run()
    # the last stage (`_keep_previous`): the x columns of each unit and source some of its projects had in the
    # approved version, and that amount in the model's units; empty when no project gives `previous`
    previous_cols: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    previous_amount: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))

    @property
    def num_x(self) -> int:
        return len(self.col_unit)

    @property
    def num_objectives(self) -> int:
        return len(self.levels) + len(self.fairness)


def build_model(
    plan: Plan, sources: Sequence[Source], projects: Sequence[Project], time_limit: float = 60.0
) -> AllocationModel:
    """The allocation's columns and rows, passed to a fresh HiGHS instance; `solve_model` sets the objectives."""
    sources, projects = tuple(sources), tuple(projects)
    project_mask = _checked_masks(plan, sources, projects)
    law = priority_law(plan)
    table = PRIORITY[law]
    with_capital = sum(1 << i for i, source in enumerate(sources) if source.available > 0)

    violations: dict[int, tuple[Violation, ...]] = {}
    rank = [table[project.tier] for project in projects]
    unit_of = [-1] * len(projects)
    unit_kind: list[int] = []
    unit_rank: list[int] = []
    unit_need: list[int] = []
    unit_floor: list[int] = []
    unit_mask: list[int] = []
    unit_members: list[list[int]] = []
    groups: dict[int, int] = {}  # rank and sources, as one number -> the unit of the projects without a floor
    shift = len(sources)
    # `violations_of`'s common case, asked here without a call: fundable (PI-04), and within the allocation
    # period (PI-06): first year + extension after the judged year less the group's limit
    annual, judged, new = plan.kind is PlanKind.ANNUAL, plan.judged_year, Tier.NEW
    after = {group: judged - years for group, years in ALLOCATION_YEARS.items()}
    for group in _UNLIMITED:
        after[group] = -(1 << 62)
    for p, project in enumerate(projects):
        tier, first = project.tier, project.first_allocation_year
        if not (
            (project.has_investment_decision or (not annual and tier is not new))
            and (project.in_medium_term_plan or not annual)
            and (
                first is None
                or project.handed_over_year is not None
                or first + project.allocation_extension_years > after[project.group]
            )
        ):
            found = violations_of(project, plan, law)
            if found:
                violations[p] = found
                continue
        mask = project_mask[p] & with_capital
        wanted = project.need
        if wanted == 0 or mask == 0:
            continue
        if tier is new:
            kind = _NEW
        elif project.floor > 0:
            kind = _FLOOR
        else:
            key = rank[p] << shift | mask
            u = groups.get(key, -1)
            if u >= 0:
                unit_of[p] = u
                unit_need[u] += wanted
                unit_members[u].append(p)
                continue
            groups[key] = len(unit_kind)
            kind = _GROUP
        unit_of[p] = len(unit_kind)
        unit_kind.append(kind)
        unit_rank.append(rank[p])
        unit_need.append(wanted)
        unit_floor.append(project.floor if kind == _FLOOR else 0)
        unit_mask.append(mask)
        unit_members.append([p])

    num_sources, num_units = len(sources), len(unit_kind)
    kinds = np.array(unit_kind, dtype=np.int64)
    ranks = np.array(unit_rank, dtype=np.int64)
    unit = model_unit(unit_need, [source.available for source in sources])
    need = np.array(unit_need, dtype=np.float64) / unit
    masks = np.array(unit_mask, dtype=np.int64)
    available = np.array([source.available for source in sources], dtype=np.float64) / unit

    # x columns: one per (unit, eligible source with capital), units in order, sources ascending
    bits = (masks[:, None] >> np.arange(num_sources, dtype=np.int64)[None, :]) & 1
    col_unit, col_source = (axis.astype(np.int64) for axis in np.nonzero(bits))
    num_x = len(col_unit)

    # fairness: per level with two or more units that share (floor-free groups, floored projects), the minimum
    # ratio over all of them; if the level has floored projects and two floor-free groups, then the minimum over
    # the floor-free groups alone (a floored project that cannot reach its floor holds the first minimum at 0)
    levels = [np.nonzero(ranks == level)[0].astype(np.int64) for level in sorted(set(unit_rank))]
    fair_members: list[npt.NDArray[np.int64]] = []
    fair_level: list[int] = []
    for position, in_level in enumerate(levels):
        sharing = in_level[kinds[in_level] != _NEW]
        if len(sharing) >= 2:
            fair_members.append(sharing)
            fair_level.append(position)
            free = sharing[kinds[sharing] == _GROUP]
            if 2 <= len(free) < len(sharing):
                fair_members.append(free)
                fair_level.append(position)
    num_fair = len(fair_members)
    num_cols = num_x + num_units + num_fair
    fair_count = sum(len(members) for members in fair_members)
    num_rows = num_sources + num_units + fair_count

    # the matrix as (row, column, value) triples, sorted into columns
    rho = num_x + np.arange(num_units, dtype=np.int64)
    fair_unit = np.concatenate(fair_members) if fair_members else np.zeros(0, dtype=np.int64)
    fair_of = np.repeat(np.arange(num_fair, dtype=np.int64), [len(members) for members in fair_members])
    fair_rows = num_sources + num_units + np.arange(fair_count, dtype=np.int64)
    x_cols = np.arange(num_x, dtype=np.int64)
    rows = np.concatenate([col_source, num_sources + col_unit, num_sources + rho - num_x, fair_rows, fair_rows])
    cols = np.concatenate([x_cols, x_cols, rho, num_x + fair_unit, num_x + num_units + fair_of])
    values = np.concatenate([np.ones(2 * num_x), -need, -np.ones(fair_count), np.ones(fair_count)])
    order = np.lexsort((rows, cols))
    rows, cols, values = rows[order], cols[order], values[order]
    starts = np.searchsorted(cols, np.arange(num_cols + 1, dtype=np.int64))

    lower = np.zeros(num_cols)
    upper = np.concatenate([np.minimum(need[col_unit], available[col_source]), np.ones(num_units + num_fair)])
    integrality = np.zeros(num_cols, dtype=np.uint8)
    floors = np.nonzero(kinds == _FLOOR)[0]
    lower[num_x + floors] = np.array(unit_floor, dtype=np.float64)[floors] / unit / need[floors]
    integrality[num_x + floors] = int(HighsVarType.kSemiContinuous)
    integrality[num_x + np.nonzero(kinds == _NEW)[0]] = int(HighsVarType.kInteger)
    row_lower = np.concatenate([np.full(num_sources, -_INFINITY), np.zeros(num_units), np.full(fair_count, -_INFINITY)])
    row_upper = np.concatenate([available, np.zeros(num_units + fair_count)])

    previous_cols, previous_amount = _previous_columns(projects, sources, unit_of, unit_mask, col_unit, col_source)

    highs = _Highs()
    for option, value in (
        ("output_flag", False),
        ("blend_multi_objectives", False),
        ("mip_rel_gap", 0.0),  # an unproven optimum could let a lower level take what a higher one could use
        ("mip_abs_gap", 1e-7),
        # the rows that keep a level's total leave it 10⁻⁹ of the total and 2·_NOISE; at HiGHS's default 10⁻⁶ the
        # MIP's domain propagation reads such a row as out of reach, prunes the root and calls its incumbent (the
        # feasibility heuristic's, or the start) optimal with gap 0: well under the slack, the optimum is searched
        ("mip_feasibility_tolerance", _MIP_FEASIBILITY),
        ("random_seed", 0),
    ):
        highs.setOptionValue(option, value)
    highs.passModel(
        num_cols,
        num_rows,
        len(values),
        1,  # column-wise
        1,  # minimize: each objective carries its own sense in its weight
        0.0,
        np.zeros(num_cols),
        lower,
        upper,
        row_lower,
        row_upper,
        starts.astype(np.int32),
        rows.astype(np.int32),
        values,
        integrality.astype(np.int32),
    )
    return AllocationModel(
        highs=highs,
        law=law,
        text=_law_text(plan, law),
        plan=plan,
        sources=sources,
        projects=projects,
        violations=violations,
        rank=rank,
        mask=project_mask,
        unit_of=unit_of,
        unit_kind=unit_kind,
        unit_rank=unit_rank,
        unit_need=unit_need,
        unit_floor=unit_floor,
        unit_mask=unit_mask,
        unit_members=unit_members,
        col_unit=col_unit,
        col_source=col_source,
        levels=levels,
        fairness=[(level, num_x + num_units + f) for f, level in enumerate(fair_level)],
        integrality=integrality,
        lower=lower,
        upper=upper,
        kinds=kinds,
        need=need,
        time_limit=time_limit,
        unit=unit,
        num_cols=num_cols,
        num_rows=num_rows,
        previous_cols=previous_cols,
        previous_amount=previous_amount / unit,
    )


def _previous_columns(
    projects: Sequence[Project],
    sources: Sequence[Source],
    unit_of: Sequence[int],
    unit_mask: Sequence[int],
    col_unit: npt.NDArray[np.int64],
    col_source: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """The x columns whose unit's projects had some of its source in the approved version, and how much (đồng)."""
    wanted: dict[tuple[int, int], int] = {}
    if any(project.previous for project in projects):
        index = {source.code: s for s, source in enumerate(sources)}
        for p, project in enumerate(projects):
            u = unit_of[p]
            if u < 0 or not project.previous:
                continue
            for code, amount in project.previous.items():
                s = index[code]
                if amount > 0 and unit_mask[u] >> s & 1:
                    wanted[u, s] = wanted.get((u, s), 0) + amount
    if not wanted:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    column = {key: j for j, key in enumerate(zip(col_unit.tolist(), col_source.tolist(), strict=True))}
    keys = sorted(wanted)
    return (
        np.array([column[key] for key in keys], dtype=np.int64),
        np.array([wanted[key] for key in keys], dtype=np.float64),
    )


def model_unit(needs: Sequence[int], available: Sequence[int]) -> float:
    """The model's unit of money: the power of ten nearest the median amount, so the solver sees numbers near 1
    whatever the plan (a commune's millions or a ministry's thousands of tỷ); smaller if the smallest amount would
    be under 10⁻⁵ of it, where the solver's tolerances would no longer see it."""
    amounts = sorted(amount for amount in (*needs, *available) if amount > 0)
    if not amounts:
        return 1.0
    median = round(float(np.log10(amounts[len(amounts) // 2])))
    return float(10 ** max(min(median, int(np.floor(np.log10(amounts[0]))) + 5), 0))


_INFINITY: Final = 1e30  # HiGHS reads anything from 1e20 as infinite
_RATIO_NOISE: Final = 1e-7  # a ratio this close to 0 or 1 is taken as on it
_RELATIVE_SLACK: Final = 1e-9
_MIP_FEASIBILITY: Final = 1e-9  # well under the slack of the rows that keep a level's total (see build_model)
_LAST_LEVEL_GAP: Final = 1e-4  # nothing is below the last level: a proven 0.01% suffices (see solve_model)


def solve_model(model: AllocationModel) -> None:
    """Maximize each level's total, first level first, then each short level's minimum ratio (HiGHS, in stages).

    1. The level totals with the integrality relaxed: an LP, HiGHS's lexicographic multi-objective, fast.
    2. If that LP gives a new project part of its need, or a floored one less than its floor, the totals of the
       levels above the first such level are already the true optimum (keeping them and giving the levels below
       nothing respects the integrality), so they become rows and each level from there down is solved as a MIP
       in turn, its optimum a row for the next. The MIP gap is 0, except for the last level with projects: nothing
       below it could take what it leaves, so 0.01% is proven and `_round` adds any new project that still fits.
    3. Every level total kept as a row, the minimum ratio of each level left short, level after level: an LP,
       with the new projects funded and the floored projects of the other levels as stages 1-2 left them. If a
       short level has floored projects, they may still go from nothing to their floor or back (that is what
       sharing the level means for them): then one MIP of the minimum ratios weighted 1, 1/2, 1/4... by level,
       rather than a MIP per level.
    A MIP stopped by the time limit keeps its best solution, a later stage the floats make infeasible keeps the
    previous stage's solution (`_round` then restores the order exactly); `model.proven` says so.
    """
    if model.num_cols:
        try:
            _solve_in_stages(model)
        except _StageFailed:
            pass
    model.solved = True


def _solve_in_stages(model: AllocationModel) -> None:
    highs = model.highs
    all_cols = np.arange(model.num_cols, dtype=np.int32)
    continuous = np.zeros(model.num_cols, dtype=np.uint8)
    discrete = bool(model.integrality.any())
    if discrete:  # a relaxed semi-continuous ratio may be anywhere in [0, 1]
        highs.changeColsIntegrality(model.num_cols, all_cols, continuous)
        highs.changeColsBounds(model.num_cols, all_cols, np.zeros(model.num_cols), model.upper)
    _run(model, [_level_objective(model, level) for level in model.levels], "level totals (LP)")
    rho = _ratios(model)
    first_broken = _first_broken_level(model, rho) if discrete else None
    if first_broken is None:
        _keep_totals(model, rho, range(len(model.levels)))
    else:
        _keep_totals(model, rho, range(first_broken))
        highs.changeColsIntegrality(model.num_cols, all_cols, model.integrality)
        highs.changeColsBounds(model.num_cols, all_cols, model.lower, model.upper)
        last = len(model.levels) - 1
        for position in range(first_broken, last + 1):
            highs.setOptionValue("mip_rel_gap", _LAST_LEVEL_GAP if position == last else 0.0)
            below = np.concatenate(model.levels[position:])
            start = model.solution.copy()  # feasible: the levels from here down given nothing
            start[: model.num_x][np.isin(model.col_unit, below)] = 0.0
            start[model.num_x + below] = 0.0
            start[model.num_x + len(model.unit_kind) :] = 0.0
            _run(model, [_level_objective(model, model.levels[position])], f"level {position + 1} total (MIP)", start)
            rho = _ratios(model)
            _keep_totals(model, rho, [position])
    short = [position for position, level in enumerate(model.levels) if _is_short(rho[level])]
    fair = [column for position, column in model.fairness if position in short]
    if fair:
        mip = False
        if discrete:
            lower, upper = model.lower.copy(), model.upper.copy()
            integrality = np.zeros(model.num_cols, dtype=np.uint8)
            ratio_cols = model.num_x + np.arange(len(model.unit_kind))
            new, floored = model.kinds == _NEW, model.kinds == _FLOOR
            in_short = np.zeros(len(model.unit_kind), dtype=bool)
            for position in short:
                in_short[model.levels[position]] = True
            open_floor = floored & in_short
            off = _off(model, rho) & ~open_floor
            upper[ratio_cols[off]] = 0.0
            lower[ratio_cols[off]] = 0.0
            lower[ratio_cols[new & ~off]] = 1.0
            integrality[ratio_cols[open_floor]] = model.integrality[ratio_cols[open_floor]]
            mip = bool(open_floor.any())
            if mip:
                highs.setOptionValue("mip_rel_gap", 0.0)
            highs.changeColsIntegrality(model.num_cols, all_cols, integrality)
            highs.changeColsBounds(model.num_cols, all_cols, lower, upper)
        objectives = [_ratio_objective(model, column) for column in fair]
        if mip:
            for position, objective in enumerate(objectives):
                objective.weight = -(0.5**position)
            start = model.solution.copy()
            start[model.num_x + len(model.unit_kind) :] = 0.0
            _run(model, objectives, "minimum ratios, weighted (MIP)", start, blend=True)
        else:
            _run(model, objectives, "minimum ratios (LP)")
    _keep_previous(model)


def _keep_previous(model: AllocationModel) -> None:
    """The last stage, only if some project gives `previous`: among the solutions with the level totals and the
    minimum ratios found, the one that keeps most of the approved lines, Σ k[u,s] with k[u,s] ≤ x[u,s] and
    k[u,s] ≤ what the unit's projects had of s. Every unit's ratio is fixed where the stages left it, so no level
    total, minimum ratio, new project or floor can change (not even by the tolerances the level rows allow): only
    which sources fund each unit. An LP the current solution satisfies; if it fails, that solution stands."""
    cols = model.previous_cols
    if not len(cols):
        return
    highs, num_x, num_cols = model.highs, model.num_x, model.num_cols
    num_units, num_keep = len(model.unit_kind), len(cols)
    lower, upper = model.lower.copy(), model.upper.copy()
    ratio_cols = num_x + np.arange(num_units)
    lower[ratio_cols] = upper[ratio_cols] = np.clip(_ratios(model), 0.0, 1.0)  # every unit keeps its total
    all_cols = np.arange(num_cols, dtype=np.int32)
    highs.changeColsIntegrality(num_cols, all_cols, np.zeros(num_cols, dtype=np.uint8))
    highs.changeColsBounds(num_cols, all_cols, lower, upper)
    keep = num_cols + np.arange(num_keep, dtype=np.int32)
    highs.addCols(
        num_keep,
        np.zeros(num_keep),
        np.zeros(num_keep),
        np.minimum(model.previous_amount, model.upper[cols]),
        0,
        np.zeros(num_keep, dtype=np.int32),
        np.zeros(0, dtype=np.int32),
        np.zeros(0),
    )
    indices = np.empty(2 * num_keep, dtype=np.int32)
    indices[0::2], indices[1::2] = keep, cols
    values = np.tile(np.array([1.0, -1.0]), num_keep)
    highs.addRows(
        num_keep,
        np.full(num_keep, -_INFINITY),
        np.zeros(num_keep),
        len(indices),
        (2 * np.arange(num_keep)).astype(np.int32),
        indices,
        values,
    )
    coefficients = np.zeros(num_cols + num_keep)
    coefficients[num_cols:] = 1.0
    objective = HighsLinearObjective()
    objective.weight = -1.0  # maximize
    objective.offset = 0.0
    objective.coefficients = coefficients.tolist()
    objective.abs_tolerance = 1.0
    objective.rel_tolerance = _RELATIVE_SLACK
    proven, before = model.proven, model.solution
    totals = _rounded_level_totals(model)
    try:
        _run(model, [objective], "previous lines kept (LP)")
    except _StageFailed:
        model.proven = proven  # the stages before proved what the law asks; this one only spares changes
        return
    # the solver's floats (10⁻⁹ of a large source) may move a đồng that `_round` cannot bring back to a higher
    # level: then the order of priority wins and the lines are left as stage 3 split them
    if _rounded_level_totals(model) < totals:
        model.solution = before
        model.stages[-1] += ": a level would lose a đồng in rounding, the previous solution is kept"


def _rounded_level_totals(model: AllocationModel) -> list[int]:
    """Each level's whole-đồng total as `_round` makes it from the current solution, first level first."""
    amounts, _ = _round(model)
    by_rank: dict[int, int] = {}
    for rank, amount in zip(model.unit_rank, amounts, strict=True):
        by_rank[rank] = by_rank.get(rank, 0) + sum(amount.values())
    return [by_rank[rank] for rank in sorted(by_rank)]


def _run(
    model: AllocationModel,
    objectives: Sequence[HighsLinearObjective],
    stage: str,
    start: npt.NDArray[np.float64] | None = None,
    blend: bool = False,
) -> None:
    """One HiGHS run of these objectives, lexicographic (or `blend`ed by their weights), from a MIP start."""
    highs = model.highs
    highs.setOptionValue("blend_multi_objectives", blend)
    if start is not None:
        solution = HighsSolution()
        solution.col_value = start
        highs.setSolution(solution)
    highs.clearLinearObjectives()
    for position, objective in enumerate(objectives):
        objective.priority = len(objectives) - position  # HiGHS solves the highest priority first
        highs.addLinearObjective(objective)
    highs.setOptionValue("time_limit", max(model.time_limit - model.solver_seconds, 1.0))
    started = time.perf_counter()
    highs.run()
    model.solver_seconds += time.perf_counter() - started
    model.stages.append(stage)
    status = highs.getModelStatus()
    if status == HighsModelStatus.kTimeLimit and highs.getInfo().primal_solution_status == 2:  # feasible
        model.proven = False
    elif status != HighsModelStatus.kOptimal:
        problem = f"Bộ giải HiGHS không tìm được phương án ({stage}): {highs.modelStatusToString(status)}."
        if not len(model.solution):
            raise AllocationError(problem)
        # a later stage the floats made infeasible (its rows are as tight as a đồng allows): the previous
        # stage's solution stands, `_round` makes it whole and keeps the order
        model.proven = False
        model.stages[-1] += ": " + highs.modelStatusToString(status) + ", the previous solution is kept"
        raise _StageFailed(problem)
    model.solution = np.asarray(highs.getSolution().col_value, dtype=np.float64)


class _StageFailed(Exception):
    pass


def _objective(
    model: AllocationModel, columns: npt.NDArray[np.int64], values: npt.NDArray[np.float64]
) -> HighsLinearObjective:
    coefficients = np.zeros(model.num_cols)
    coefficients[columns] = values
    objective = HighsLinearObjective()
    objective.weight = -1.0  # maximize
    objective.offset = 0.0
    objective.coefficients = coefficients.tolist()  # a list: highspy reads it three times faster than an array
    # how much a later objective may take from this one's optimum: HiGHS allows min(abs, rel·|optimum|), here
    # 10⁻⁹ of it (87,000 đồng of 87,000 tỷ): none would be too tight for floats; `_round` takes it all back
    objective.abs_tolerance = 1.0
    objective.rel_tolerance = _RELATIVE_SLACK
    return objective


def _level_objective(model: AllocationModel, level: npt.NDArray[np.int64]) -> HighsLinearObjective:
    return _objective(model, model.num_x + level, model.need[level])


def _ratio_objective(model: AllocationModel, column: int) -> HighsLinearObjective:
    objective = _objective(model, np.array([column], dtype=np.int64), np.ones(1))
    objective.abs_tolerance = 1e-6  # a ratio: a millionth is plenty, tighter is noise
    objective.rel_tolerance = 1.0
    return objective


def _ratios(model: AllocationModel) -> npt.NDArray[np.float64]:
    return model.solution[model.num_x : model.num_x + len(model.unit_kind)]


def _off(model: AllocationModel, rho: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    """New projects below half their need, floored ones below half their floor: not funded (as `_round` reads)."""
    new = model.kinds == _NEW
    floor_ratio = model.lower[model.num_x : model.num_x + len(model.kinds)]
    off: npt.NDArray[np.bool_] = (new | (model.kinds == _FLOOR)) & (rho < np.where(new, 0.5, 0.5 * floor_ratio))
    return off


def _first_broken_level(model: AllocationModel, rho: npt.NDArray[np.float64]) -> int | None:
    """The first level with a new project partly funded or a floored one below its floor (beyond the noise)."""
    kinds, need = model.kinds, model.need
    amount = rho * need
    floor = model.lower[model.num_x : model.num_x + len(kinds)] * need
    broken = (amount > _NOISE) & (
        ((kinds == _NEW) & (amount < need - _NOISE)) | ((kinds == _FLOOR) & (amount < floor - _NOISE))
    )
    for position, level in enumerate(model.levels):
        if broken[level].any():
            return position
    return None


def _is_short(ratios: npt.NDArray[np.float64]) -> bool:
    """Whether a level got some capital but not all it needs: then how it is shared matters."""
    return bool((ratios < 1 - _RATIO_NOISE).any() and (ratios > _RATIO_NOISE).any())


def _keep_totals(model: AllocationModel, rho: npt.NDArray[np.float64], positions: Iterable[int]) -> None:
    """Rows: each of these levels keeps at least the total it has, its projects read as `_round` reads them
    (less the slack the solver's floats need, 10⁻⁹ of the total and twice the noise; `_round` takes it back)."""
    amount = np.where(_off(model, rho), 0.0, rho * model.need)
    for position in positions:
        level = model.levels[position]
        kept = float(amount[level].sum()) * (1 - _RELATIVE_SLACK) - 2 * _NOISE
        if kept > 0:
            columns = (model.num_x + level).astype(np.int32)
            model.highs.addRow(kept, _INFINITY, len(columns), columns, model.need[level])


# ---------------------------------------------------------------------------------------------------------------
# From the solver's numbers to whole đồng


def _round(model: AllocationModel) -> tuple[list[dict[int, int]], list[int]]:
    """Whole đồng per unit and source, and what is left per source: never above a limit, the order kept exactly.

    The solver's numbers carry float noise of a fraction of a đồng (more on huge amounts), so:
    1. each amount is rounded down; a unit within its noise of its need aims at its need, a new project at all or
       nothing, a floored one at nothing or at least its floor;
    2. units in priority order take what they miss from what is left (first from the sources the solver gave
       them the largest fractions of), then along a chain of units that can move to another source to one with
       something left, then from units of lower levels holding a source they may use (a new project loses all or
       nothing, a floored one keeps its floor or loses all);
    3. what is still left goes to units that can take it, first level first (a new or floored project without
       capital only if its whole need, or its floor, fits).
    """
    rounding = _Rounding(model)
    rounding.aim()
    rounding.complete()
    rounding.fill()
    return rounding.amounts, rounding.leftover


class _Rounding:
    """The state of `_round`: whole đồng per unit and source, what each source has left, who holds each source."""

    def __init__(self, model: AllocationModel) -> None:
        self.model = model
        num_units = len(model.unit_kind)
        self.leftover = [source.available for source in model.sources]
        self.amounts: list[dict[int, int]] = [{} for _ in range(num_units)]
        self.holding: list[set[int]] = [set() for _ in model.sources]
        self.lowest: list[list[tuple[int, int]]] = [[] for _ in model.sources]  # heaps of (-position, unit)
        self.dead: set[int] = set()  # sources from which no chain of moves reaches a source with something left
        self.preferred: list[list[int]] = [[] for _ in range(num_units)]
        self.targets = [0] * num_units
        self.noise = 1 + 10 * _NOISE * model.unit  # đồng
        self.order = sorted(range(num_units), key=lambda u: (model.unit_rank[u], u))
        self.position = [0] * num_units
        for i, u in enumerate(self.order):
            self.position[u] = i
        if not num_units:
            self.totals: list[float] = []
            self.rho: list[float] = []
            return
        values = model.solution
        num_x = model.num_x
        x = np.maximum(values[:num_x] * model.unit, 0.0)
        whole = np.floor(x + _CRUMB)
        self.totals = np.bincount(model.col_unit, weights=x, minlength=num_units).tolist()
        self.rho = values[num_x : num_x + num_units].tolist()
        # each unit's sources, the largest fraction the solver gave first: where its missing đồng belong
        by_fraction = np.lexsort((-(x - whole), model.col_unit))
        units, sources = model.col_unit[by_fraction].tolist(), model.col_source[by_fraction].tolist()
        amounts = whole.astype(np.int64)[by_fraction].tolist()
        for u, s, amount in zip(units, sources, amounts, strict=True):
            self.preferred[u].append(s)
            if amount > 0:
                self.move(u, s, amount)

    def move(self, u: int, s: int, change: int) -> None:
        """Unit u takes `change` đồng more of source s (less if negative) from what the source has left."""
        amount = self.amounts[u].get(s, 0) + change
        self.leftover[s] -= change
        if change < 0:
            self.dead.clear()
        if amount:
            if u not in self.holding[s]:
                self.holding[s].add(u)
                heapq.heappush(self.lowest[s], (-self.position[u], u))
            self.amounts[u][s] = amount
        else:
            self.amounts[u].pop(s, None)
            self.holding[s].discard(u)

    def trim(self, u: int, target: int) -> None:
        """Give back what exceeds the target, the smallest fractions first."""
        excess = sum(self.amounts[u].values()) - target
        for s in reversed(self.preferred[u]):
            if excess <= 0:
                break
            back = min(excess, self.amounts[u].get(s, 0))
            if back:
                self.move(u, s, -back)
                excess -= back

    def take(self, u: int, missing: int, sources: Iterable[int]) -> int:
        """Take up to `missing` from what these sources have left; return what is still missing."""
        for s in sources:
            if missing <= 0:
                break
            got = min(missing, self.leftover[s])
            if got > 0:
                self.move(u, s, got)
                missing -= got
        return missing

    def release(self, q: int, s: int, wanted: int) -> None:
        """Take up to `wanted` of source s back from unit q, as its kind allows (a new project all or nothing)."""
        model = self.model
        kind, held = model.unit_kind[q], self.amounts[q].get(s, 0)
        spare = held if kind == _GROUP else sum(self.amounts[q].values()) - model.unit_floor[q]
        back = min(wanted, held)
        if kind != _NEW and back <= spare:
            self.move(q, s, -back)
            self.targets[q] -= back
        else:  # a new project, or a floored one that would fall below its floor: nothing at all
            self.targets[q] = 0
            self.trim(q, 0)

    def aim(self) -> None:
        """Step 1: each unit's target; what the floors gave above it goes back to the sources."""
        model = self.model
        for u, kind in enumerate(model.unit_kind):
            need, total, floor = model.unit_need[u], self.totals[u], model.unit_floor[u]
            if kind == _NEW:
                target = need if self.rho[u] > 0.5 else 0
            elif total >= need - self.noise - 1e-9 * need:
                target = need
            elif kind == _FLOOR and total < floor / 2:
                target = 0
            else:
                target = max(int(total + _CRUMB), floor)
            self.targets[u] = target
            self.trim(u, target)
        for s, left in enumerate(self.leftover):  # a source the noise over-spent: back from the last served
            for q in sorted(self.holding[s], key=self.position.__getitem__, reverse=True):
                if left >= 0:
                    break
                self.release(q, s, -left)
                left = self.leftover[s]

    def complete(self) -> None:
        """Step 2, in priority order: first each unit reaches its target (from what is left, through a chain of
        moves, or from lower levels); then a short unit takes back what lower levels hold of its sources (the
        order of priority, exactly), and a new or floored one without capital whatever completes it there."""
        model, ranks = self.model, self.model.unit_rank
        for u in self.order:
            if sum(self.amounts[u].values()) != self.targets[u]:  # at its target, `reach` would change nothing
                self.reach(u, self.targets[u])
        for u in self.order:
            kind, need, target = model.unit_kind[u], model.unit_need[u], self.targets[u]
            if target == need:
                continue
            if target == 0 and kind != _GROUP:
                least = need if kind == _NEW else model.unit_floor[u]
                if self.reachable(u) < least:
                    continue
                self.reach(u, least)
                if self.targets[u] and kind == _FLOOR:
                    self.reach(u, need, settle=False)
            elif any(
                self.leftover[s] > 0 or ((q := self.lowest_holder(s)) is not None and ranks[q] > ranks[u])
                for s in self.preferred[u]
            ):
                self.reach(u, need, settle=False)

    def reach(self, u: int, target: int, settle: bool = True) -> None:
        """Bring unit u up to `target`; if it cannot, a group keeps what it got, a new project or a floored one
        below its floor gets nothing. `settle=False`: any amount above what it has is welcome."""
        model, ranks = self.model, self.model.unit_rank
        have = sum(self.amounts[u].values())
        missing = self.take(u, target - have, self.preferred[u])
        while missing > 0 and self.chain(u, missing):
            missing = target - sum(self.amounts[u].values())
        for s in self.preferred[u]:
            while missing > 0 and (q := self.lowest_holder(s)) is not None and ranks[q] > ranks[u]:
                self.release(q, s, missing)
                missing = self.take(u, missing, [s])
        have = target - max(missing, 0)
        kind = model.unit_kind[u]
        if settle and missing > 0 and (kind == _NEW or (kind == _FLOOR and have < model.unit_floor[u])):
            self.targets[u] = 0
            self.trim(u, 0)
        else:
            self.targets[u] = sum(self.amounts[u].values())

    def lowest_holder(self, s: int) -> int | None:
        """The unit served last among those holding source s (its level is the lowest holding s)."""
        heap = self.lowest[s]
        while heap and heap[0][1] not in self.holding[s]:
            heapq.heappop(heap)
        return heap[0][1] if heap else None

    def reachable(self, u: int) -> int:
        """What a unit could get from what its sources have left and from lower levels."""
        ranks = self.model.unit_rank
        total, here = 0, ranks[u]
        for s in self.preferred[u]:
            total += self.leftover[s]
            lowest = self.lowest_holder(s)
            if lowest is not None and ranks[lowest] > here:
                total += sum(self.amounts[q][s] for q in self.holding[s] if ranks[q] > here)
        return total

    def chain(self, u: int, missing: int) -> bool:
        """Free đồng for u on its sources by moving other units to their other sources, ending at one with
        something left (a breadth-first search over sources); whether anything was moved."""
        model = self.model
        if not any(left > 0 for left in self.leftover) or self.dead.issuperset(self.preferred[u]):
            return False
        came: dict[int, tuple[int, int]] = {}  # source -> (the source before it on the chain, the unit moved)
        frontier = list(self.preferred[u])
        seen = set(frontier)
        while frontier:
            following = []
            for s in frontier:
                for q in self.holding[s]:
                    if q == u:
                        continue
                    for t in self.preferred[q]:
                        if t in seen or not model.unit_mask[q] >> t & 1:
                            continue
                        seen.add(t)
                        came[t] = (s, q)
                        if self.leftover[t] > 0:
                            return self.shift(u, t, came, missing)
                        following.append(t)
            frontier = following
        self.dead |= seen  # no chain from these sources reaches anything left, until something is given back
        return False

    def shift(self, u: int, end: int, came: dict[int, tuple[int, int]], missing: int) -> bool:
        steps, start = [], end
        while start in came:
            before, q = came[start]
            steps.append((q, before, start))
            start = before
        amount = min([missing, self.leftover[end]] + [self.amounts[q].get(s, 0) for q, s, _ in steps])
        if amount <= 0:
            return False
        for q, s, t in steps:  # q gives up `amount` of s and takes as much of t
            self.move(q, s, -amount)
            self.move(q, t, amount)
        self.move(u, start, amount)  # what the first move freed, on a source of u
        return True

    def fill(self) -> None:
        """Step 3: what is left, to the units that can take it, first level first."""
        model = self.model
        if not any(left > 0 for left in self.leftover):
            return
        for u in self.order:
            need, target = model.unit_need[u], self.targets[u]
            open_sources = [s for s in self.preferred[u] if self.leftover[s] > 0]
            if not open_sources or target == need:
                continue
            room = sum(self.leftover[s] for s in open_sources)
            kind = model.unit_kind[u]
            if target == 0 and kind != _GROUP:
                least = need if kind == _NEW else model.unit_floor[u]
                if room < least:
                    continue
            if kind == _NEW:
                self.take(u, need, open_sources)
            else:
                self.take(u, need - target, open_sources)
            self.targets[u] = sum(self.amounts[u].values())


def _split_by_previous(
    members: Sequence[int],
    shares: Sequence[int],
    by_source: Sequence[tuple[int, int]],
    projects: Sequence[Project],
    source_index: Mapping[str, int],
) -> list[tuple[int, list[tuple[int, int]]]]:
    """A unit's amounts per source among its projects, each project's share kept: first what each had of each
    source in the approved version (in the unit's order), then the rest from the sources in turn."""
    left = dict(by_source)
    rest = list(shares)
    splits: list[dict[int, int]] = [{} for _ in members]
    for i, p in enumerate(members):
        for code, amount in projects[p].previous.items():
            s = source_index[code]
            taken = min(rest[i], amount, left.get(s, 0))
            if taken > 0:
                splits[i][s] = splits[i].get(s, 0) + taken
                rest[i] -= taken
                left[s] -= taken
    order = [s for s, _ in by_source]
    k = 0
    for i in range(len(members)):
        while rest[i] > 0:
            while left[order[k]] == 0:
                k += 1
            s = order[k]
            taken = min(rest[i], left[s])
            splits[i][s] = splits[i].get(s, 0) + taken
            rest[i] -= taken
            left[s] -= taken
    return [(p, sorted(split.items())) for p, split in zip(members, splits, strict=True)]


def _share(total: int, needs: Sequence[int]) -> list[int]:
    """Split `total` by need, whole đồng, largest remainders first (ties: input order): each ≤ its need."""
    whole_need = sum(needs)
    if total == whole_need:  # a unit given its whole need: most of them
        return list(needs)
    shares = [total * need // whole_need for need in needs]
    extra = total - sum(shares)
    if extra:
        remainders = [total * need % whole_need for need in needs]
        for i in sorted(range(len(needs)), key=remainders.__getitem__, reverse=True)[:extra]:
            shares[i] += 1
    return shares


# ---------------------------------------------------------------------------------------------------------------
# The whole allocation


def allocate(
    plan: Plan, sources: Sequence[Source], projects: Sequence[Project], time_limit: float = 60.0
) -> AllocationResult:
    """Allocate the sources to the projects (the contract's meaning); every project explains its amount."""
    model = build_model(plan, sources, projects, time_limit)
    solve_model(model)
    return read_result(model)


def read_result(model: AllocationModel) -> AllocationResult:
    """The solved model as whole-đồng allocations with an explanation per project."""
    assert model.solved
    amounts, leftover = _round(model)
    sources, projects, law = model.sources, model.projects, model.law
    table = PRIORITY[law]
    ranks = sorted(set(table.values()))
    level_of_rank = {rank: i + 1 for i, rank in enumerate(ranks)}
    level_at = [0] * (ranks[-1] + 1)  # by rank: lists are read faster than dicts, 10,000 times
    for rank, level in level_of_rank.items():
        level_at[rank] = level
    codes = [source.code for source in sources]
    num_projects = len(projects)
    project_codes = [project.code for project in projects]
    needs = [project.need for project in projects]
    kept_lines = len(model.previous_cols) > 0
    source_index = {code: s for s, code in enumerate(codes)} if kept_lines else {}

    # each project's whole đồng per source: a unit's total shared by need, then its sources filled in turn
    got = [0] * num_projects
    pieces: list[Allocation | list[Allocation] | None] = [None] * num_projects  # a list if more than one
    used = [[0] * len(sources) for _ in ranks]  # per level and source: who took what
    level_need = [0] * len(ranks)  # of the projects that may be funded
    for u, members in enumerate(model.unit_members):
        level = level_at[model.unit_rank[u]] - 1
        level_need[level] += model.unit_need[u]
        by_source = sorted(amounts[u].items())
        if not by_source:
            continue
        level_used = used[level]
        for s, amount in by_source:
            level_used[s] += amount
        if len(by_source) == 1 and len(members) == 1:  # most units: one project, one source
            (s, amount), p = by_source[0], members[0]
            got[p] = amount
            pieces[p] = _new_tuple(Allocation, (project_codes[p], codes[s], amount))
            continue
        total = sum(amount for _, amount in by_source)
        shares = [total] if len(members) == 1 else _share(total, [needs[p] for p in members])
        if len(members) > 1 and kept_lines:
            for p, lines in _split_by_previous(members, shares, by_source, projects, source_index):
                got[p] = sum(amount for _, amount in lines)
                pieces[p] = [_new_tuple(Allocation, (project_codes[p], codes[s], amount)) for s, amount in lines]
            continue
        k, left = 0, by_source[0][1]
        for p, share in zip(members, shares, strict=True):
            got[p] = share
            split: list[Allocation] = []
            pieces[p] = split
            code = project_codes[p]
            while share > 0:
                while left == 0:
                    k += 1
                    left = by_source[k][1]
                taken = min(share, left)
                split.append(_new_tuple(Allocation, (code, codes[by_source[k][0]], taken)))
                share -= taken
                left -= taken
    allocations: list[Allocation] = []
    for piece in pieces:
        if piece is None:
            continue
        if isinstance(piece, list):
            allocations.extend(piece)
        else:
            allocations.append(piece)

    # the explanations: a project given its need is said without the explainer's questions, its amount written
    # once per tenth of a tỷ; the others ask the explainer, which writes what a level and its sources share once
    explain = _Explainer(model, amounts, leftover, used, level_of_rank)
    heads, violations, unit_of = explain.heads, model.violations, model.unit_of
    tiers = [project.tier for project in projects]
    written, half, tenth = _WRITTEN, _TY // 20, _TY // 10
    texts: list[str] = []
    for tier, need, amount in zip(tiers, needs, got, strict=True):
        if amount != need:
            texts.append("")
        elif need >= _TY:
            money = written.get((need + half) // tenth) or _vnd(need)  # `_vnd`, its call saved
            texts.append(f"{heads[tier]}{money}, bố trí đủ.")
        else:
            texts.append(f"{heads[tier]}{_vnd(need)}, bố trí đủ.")
    reasons = [_FULL] * num_projects
    for p in sorted({*violations, *(p for p, text in enumerate(texts) if not text)}):
        reasons[p], texts[p] = explain.project(p, got[p])
        if unit_of[p] < 0 and p not in violations:
            level_need[level_at[model.rank[p]] - 1] += needs[p]
    levels_of = [level_at[rank] for rank in model.rank]
    results = [
        _new_tuple(ProjectResult, row)
        for row in zip(project_codes, tiers, needs, got, levels_of, reasons, texts, strict=True)
    ]
    tiers_of: dict[int, list[Tier]] = {}
    for tier in Tier:
        tiers_of.setdefault(level_of_rank[table[tier]], []).append(tier)
    levels = tuple(
        LevelSummary(level, tuple(tiers_of[level]), level_need[level - 1], sum(used[level - 1]))
        for level in sorted(tiers_of)
    )
    article = "khoản 4 Điều 54" if law is PriorityLaw.LAW_2024 else "Điều 51"
    return AllocationResult(
        law=law,
        citation=f"{article} {_law_name(model.text)}",
        allocations=tuple(allocations),
        projects=tuple(results),
        violations=tuple(v for p in sorted(model.violations) for v in model.violations[p]),
        unallocated=dict(zip(codes, leftover, strict=True)),
        levels=levels,
        proven=model.proven,
    )


_WRITTEN: Final[dict[int, str]] = {}  # tenths of a tỷ -> as `_vnd` writes them: needs repeat, amounts cluster


def _vnd(amount: int) -> str:
    """`money.format_vnd(amount)` for an amount ≥ 0, without its general machinery (10,000 times per plan):
    tỷ or triệu to one decimal rounded half up, a zero decimal dropped, "." between thousands."""
    if amount >= _TY:
        tenths = (amount + _TY // 20) // (_TY // 10)  # rounded half up
        text = _WRITTEN.get(tenths)
        if text is None:
            if len(_WRITTEN) >= 1 << 16:
                _WRITTEN.clear()
            whole, tenth = divmod(tenths, 10)
            text = _WRITTEN[tenths] = f"{whole:,}".replace(",", ".") + (f",{tenth} tỷ đồng" if tenth else " tỷ đồng")
        return text
    if amount >= _TRIEU:
        tenths, rest = divmod(amount * 10, _TRIEU)
        unit = " triệu đồng"
    else:
        return f"{amount:,} đồng".replace(",", ".")
    if 2 * rest >= _TRIEU:
        tenths += 1
    whole, tenth = divmod(tenths, 10)
    return f"{whole:,}".replace(",", ".") + (f",{tenth}{unit}" if tenth else unit)


def _percent(part: int, whole: int) -> str:
    tenths = (part * 1000 + whole // 2) // whole
    return f"{tenths // 10},{tenths % 10}%"


class _Explainer:
    """Vietnamese explanations; what projects of one level and one set of sources share is written once."""

    def __init__(
        self,
        model: AllocationModel,
        amounts: list[dict[int, int]],
        leftover: list[int],
        used: list[list[int]],
        level_of_rank: Mapping[int, int],
    ) -> None:
        self.model = model
        self.amounts = amounts
        self.leftover = leftover
        self.used = used
        self.level_of_rank = level_of_rank
        law = _law_name(model.text)
        self.heads = {
            tier: f"{TIER_LABELS[tier]} — thứ tự ưu tiên {tier_citation(tier, model.law, model.text)}. Nhu cầu "
            for tier in Tier
        }
        self.new_rule = (
            f"khoản 5 Điều 54 {law}"
            if model.law is PriorityLaw.LAW_2024
            else f"Điều 51 {law}; tiendo áp dụng như khoản 5 Điều 54 Luật 58/2024"
        )
        self.tiers_by_level: dict[int, list[Tier]] = {}
        for tier in Tier:
            self.tiers_by_level.setdefault(level_of_rank[PRIORITY[model.law][tier]], []).append(tier)
        self.sources: dict[tuple[int, int], tuple[str, bool, str, str]] = {}
        self.same_of: dict[int, bool] = {}  # by unit: `_shares_level`
        self.shift = len(model.sources)
        self.why_of: dict[int, str] = {}  # by level, `same` and sources as one number: `_why`

    def project(self, p: int, got: int) -> tuple[Reason, str]:
        model = self.model
        project = model.projects[p]
        head = self.heads[project.tier]
        if p in model.violations:
            explained = " ".join(v.explanation for v in model.violations[p])
            explained = explained[0].lower() + explained[1:]
            return Reason.VIOLATION, f"{head}{_vnd(project.need)}, không bố trí vốn: {explained}"
        need = project.need
        if got == need:
            return Reason.FULL, f"{head}{_vnd(need)}, bố trí đủ."
        level = self.level_of_rank[model.rank[p]]
        mask = model.mask[p]
        u = model.unit_of[p]
        same = self.same_of.get(u) if u >= 0 else None  # the same for every project of a unit
        if same is None:
            same = self._shares_level(p, level, mask)
            if u >= 0:
                self.same_of[u] = same
        key = (level << 1 | same) << self.shift | mask
        why = self.why_of.get(key)
        if why is None:
            why = self.why_of[key] = self._why(level, mask, same)
        if project.tier is Tier.NEW:
            return (
                Reason.NEW_NOT_FUNDED,
                f"{head}{_vnd(need)}, không bố trí: dự án khởi công mới chỉ được bố trí khi đủ vốn hoàn thành "
                f"theo tiến độ ({self.new_rule}); {why}.",
            )
        if got == 0 and project.floor > 0:
            return (
                Reason.BELOW_FLOOR,
                f"{head}{_vnd(need)}, không bố trí: không đủ vốn để giữ mức đã cam kết "
                f"{_vnd(project.floor)} (dự án chỉ nhận vốn khi đạt mức này); {why}.",
            )
        shared = "; phần thiếu được chia theo tỷ lệ nhu cầu giữa các dự án cùng thứ tự ưu tiên" if same else ""
        done = f"bố trí {_vnd(got)} ({_percent(got, need)})" if got else "không bố trí"
        return Reason.SHORT, f"{head}{_vnd(need)}, {done}: {why}{shared}."

    def _why(self, level: int, mask: int, same: bool) -> str:
        """ "nguồn X, Y đã hết, đã bố trí cho thứ tự ưu tiên cao hơn (điểm a, d) và các dự án cùng thứ tự ưu tiên;
        nguồn Z chỉ còn 3 tỷ đồng"; `same`: other projects of the level took some of the sources."""
        empty, never, higher, left = self._sources(level, mask)
        parts = []
        if empty:
            takers = [higher] if higher else []
            if same:
                takers.append("các dự án cùng thứ tự ưu tiên")
            if takers:
                parts.append(f"nguồn {empty} đã hết, đã bố trí cho " + " và ".join(takers))
            else:
                parts.append(f"nguồn {empty} " + ("không có vốn" if never else "đã hết"))
        if left:
            parts.append(left)
        return "; ".join(parts)

    def _sources(self, level: int, mask: int) -> tuple[str, bool, str, str]:
        """What projects of a level with these sources share: the empty sources, whether none of them ever had
        anything, the higher levels that took them, and what the other sources still hold (written once)."""
        known = self.sources.get((level, mask))
        if known is not None:
            return known
        model, used = self.model, self.used
        bits = _bits(mask)
        empty = [s for s in bits if self.leftover[s] == 0]
        left = [s for s in bits if self.leftover[s] > 0]
        higher = [lvl for lvl in range(1, level) if any(used[lvl - 1][s] for s in empty)]
        known = self.sources[level, mask] = (
            ", ".join(model.sources[s].code for s in empty),
            all(model.sources[s].available == 0 for s in empty),
            f"thứ tự ưu tiên cao hơn ({self._levels(higher)})" if higher else "",
            f"nguồn {', '.join(model.sources[s].code for s in left)} chỉ còn "
            + _vnd(sum(self.leftover[s] for s in left))
            if left
            else "",
        )
        return known

    def _levels(self, levels: Iterable[int]) -> str:
        if self.model.law is PriorityLaw.LAW_2024:
            return "điểm " + ", ".join(POINTS_2024[t] for lvl in levels for t in self.tiers_by_level[lvl])
        return "mức " + ", ".join(str(lvl) for lvl in levels)

    def _shares_level(self, p: int, level: int, mask: int) -> bool:
        """Whether other projects of the same level took capital from the sources this one could use."""
        model = self.model
        u = model.unit_of[p]
        if u >= 0 and len(model.unit_members[u]) > 1:
            return True
        own, level_used = self.amounts[u] if u >= 0 else {}, self.used[level - 1]
        return any(level_used[s] > own.get(s, 0) for s in _bits(mask))


def _bits(mask: int) -> list[int]:
    out, s = [], 0
    while mask >> s:
        if mask >> s & 1:
            out.append(s)
        s += 1
    return out
