"""One plan version as the checks read it: the plan, its sources, its projects, its lines (frozen dataclasses).

An adjustment also brings the lines of the approved version it changes. `DraftIndex` validates a draft and keeps
its facts by code and its totals, computed once for every check.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, TypeVar

from tiendo.domain.allocation import Tier  # one vocabulary of the order of priority for both engines
from tiendo.domain.plan_checks.vocabulary import BudgetLevel, DecidingBody, GovernmentLevel, PlanKind, SourceKind
from tiendo.domain.projects import ProjectGroup

# Medium-term periods run 2021-2025, 2026-2030...: Art. 49(1)(a), aligned with the five-year plans.
PERIOD_ORIGIN: Final = 2021
PERIOD_YEARS: Final = 5


@dataclass(frozen=True, slots=True)
class PlanFacts:
    kind: PlanKind
    first_year: int
    last_year: int | None = None  # None: first_year (an annual plan); a medium-term plan gives its last year
    decided_on: date | None = None  # None: not decided yet (the law of 1 January of first_year applies)
    deciding_body: DecidingBody = DecidingBody.NONE
    level: GovernmentLevel = GovernmentLevel.PROVINCE
    period_first_year: int | None = None  # annual: first year of its medium-term period; None: the 2021+5n cycle
    # PI-07: the medium-term capital per budget the 20% is measured against; None: this plan's own lines
    transitional_base: Mapping[BudgetLevel, int] | None = None

    def __post_init__(self) -> None:
        last = self.end_year
        if self.kind is PlanKind.ANNUAL and last != self.first_year:
            raise ValueError(f"Kế hoạch hằng năm chỉ có một năm, không phải {self.first_year}–{last}")
        if last < self.first_year:
            raise ValueError(f"Năm cuối {last} trước năm đầu {self.first_year}")

    @property
    def end_year(self) -> int:
        return self.first_year if self.last_year is None else self.last_year

    @property
    def law_day(self) -> date:
        """The day that picks the law version: the decision, else 1 January of the plan's first year."""
        return self.decided_on or date(self.first_year, 1, 1)

    @property
    def period(self) -> tuple[int, int]:
        """The medium-term period the plan belongs to (a medium-term plan: its own years)."""
        if self.kind is PlanKind.MEDIUM_TERM:
            return self.first_year, self.end_year
        if self.period_first_year is not None:
            return self.period_first_year, self.period_first_year + PERIOD_YEARS - 1
        return medium_term_period(self.first_year)


@dataclass(frozen=True, slots=True)
class SourceFacts:
    code: str
    available: int  # what the source can give this plan (khả năng cân đối), đồng
    level: BudgetLevel = BudgetLevel.LOCAL
    kind: SourceKind = SourceKind.GENERAL
    name: str = ""
    medium_term_remainder: int | None = None  # annual: what the medium-term plan still leaves of it; None: unknown

    @property
    def shown(self) -> str:
        return f"{self.code} ({self.name})" if self.name else self.code


@dataclass(frozen=True, slots=True)
class ProjectPlanFacts:
    code: str
    owner_unit: str  # code of the agency acting as project owner (đơn vị được giao kế hoạch vốn)
    group: ProjectGroup
    tier: Tier
    need: int  # the most this plan may give it (remaining need), đồng
    has_investment_decision: bool = True  # a preparation task: its cost estimate approved (Art. 56(3))
    has_policy_decision: bool | None = None  # None: not recorded, an investment decision implies one
    in_medium_term_plan: bool = True
    medium_term_remainder: int | None = None  # what the medium-term plan still leaves for it; None: unknown
    first_allocation_year: int | None = None  # first annual plan funding implementation; None: not funded yet
    handed_over_year: int | None = None  # None: not handed over
    allocation_extension_years: int = 0  # extensions of the allocation period already granted
    transitional_into_next_period: bool = False  # runs into the next medium-term period (PI-07)
    total_investment: int | None = None  # tổng mức đầu tư, đồng
    carried_amount: int | None = None  # PI-07: what it carries into the next period; None: total_investment

    @property
    def policy_decided(self) -> bool:
        return self.has_investment_decision if self.has_policy_decision is None else self.has_policy_decision


@dataclass(frozen=True, slots=True)
class Line:
    project: str
    source: str
    amount: int  # đồng

    def __post_init__(self) -> None:
        if not isinstance(self.amount, int) or self.amount < 0:
            raise ValueError(f"Số vốn không hợp lệ cho dự án {self.project}, nguồn {self.source}: {self.amount!r}")


@dataclass(frozen=True, slots=True)
class DraftPlan:
    """One plan version to check; an adjustment also carries the lines of the approved version it changes."""

    plan: PlanFacts
    sources: Sequence[SourceFacts]
    projects: Sequence[ProjectPlanFacts]
    lines: Sequence[Line]
    approved_lines: Sequence[Line] | None = None  # None: an original version, not an adjustment


def medium_term_period(year: int) -> tuple[int, int]:
    """The five-year period a year belongs to: 2024 -> (2021, 2025), 2026 -> (2026, 2030)."""
    first = PERIOD_ORIGIN + (year - PERIOD_ORIGIN) // PERIOD_YEARS * PERIOD_YEARS
    return first, first + PERIOD_YEARS - 1


@dataclass(frozen=True, slots=True)
class DraftIndex:
    """The draft's facts by code, and its totals, computed once."""

    sources: Mapping[str, SourceFacts]
    projects: Mapping[str, ProjectPlanFacts]
    by_project: Mapping[str, int]
    by_source: Mapping[str, int]
    by_project_source: Mapping[str, Mapping[str, int]]

    @staticmethod
    def of(draft: DraftPlan) -> DraftIndex:
        sources = _unique(draft.sources, "nguồn vốn")
        projects = _unique(draft.projects, "dự án")
        for lines in (draft.lines, draft.approved_lines or ()):
            for line in lines:
                if line.project not in projects:
                    raise ValueError(f"Dòng kế hoạch ghi dự án {line.project} không có trong danh sách dự án")
                if line.source not in sources:
                    raise ValueError(f"Dòng kế hoạch ghi nguồn vốn {line.source} không có trong danh sách nguồn")
        by_project: dict[str, int] = defaultdict(int)
        by_source: dict[str, int] = defaultdict(int)
        by_project_source: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for line in draft.lines:
            by_project[line.project] += line.amount
            by_source[line.source] += line.amount
            by_project_source[line.project][line.source] += line.amount
        return DraftIndex(sources, projects, dict(by_project), dict(by_source), dict(by_project_source))


_Coded = TypeVar("_Coded", SourceFacts, ProjectPlanFacts)


def _unique(items: Iterable[_Coded], what: str) -> dict[str, _Coded]:
    found: dict[str, _Coded] = {}
    for item in items:
        if item.code in found:
            raise ValueError(f"Mã {what} {item.code} bị trùng")
        found[item.code] = item
    return found


def year_text(plan: PlanFacts) -> str:
    if plan.kind is PlanKind.ANNUAL:
        return f"Kế hoạch năm {plan.first_year}"
    return f"Kế hoạch trung hạn {plan.first_year}–{plan.end_year}"
