"""Every rule a draft public-investment plan version breaks, and who may decide an adjustment.

A plan version (annual or medium-term, original or adjustment) arrives as frozen dataclasses: the plan
(`PlanFacts`), its capital sources (`SourceFacts`), the projects it funds (`ProjectPlanFacts`) and its lines
(`Line`: project, source, amount in đồng); an adjustment also brings the lines of the approved version it changes.
`check_plan` returns every breach, most severe first, each with its rule id from ../shared/LEGAL_RULES.md
(section 4), the citation of the law version in force, the project and/or source, the amount by which it breaks
and one Vietnamese sentence with the money written out.

Law versions: the Law on Public Investment 39/2019 until 31/12/2024, 58/2024 from 01/01/2025, amended by Law
90/2025 from 01/07/2025 (whose text tiendo has not read: its citations ask to verify). A check cites the version in
force on the day the plan version is decided, or on 1 January of its first year while that day is unknown.
Articles of the 2019 law that LEGAL_RULES.md does not give are cited by subject and flagged to verify, rather
than numbered from memory.

The checks:
- OVER_NEED, OVER_SOURCE: a project above its need, a source above what it has (Art. 61(5), Art. 51(2)).
- PI-03: an annual amount above the medium-term plan's remainder, per project and per source (Art. 51(7));
  only a warning in the first year of the medium-term period, which the law exempts.
- PI-04: capital to a project that may not be funded (Art. 55-56).
- PI-06: capital past the group's allocation period (Art. 57), naming who may extend.
- PI-07: projects carried into the next medium-term period above 20% of the period's capital (Art. 93(2)-(3)).
- PI-09: an adjustment recorded as decided by a body that may not decide it (Art. 71); `required_authority`
  tells the UI who must decide and why.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Final, TypeAlias, TypeVar

from tiendo.domain.allocation import Tier  # one vocabulary of the order of priority for both engines
from tiendo.domain.money import format_number, format_vnd
from tiendo.domain.projects import ProjectGroup
from tiendo.domain.schedule_rules import (
    PUBLIC_2019,
    PUBLIC_2024,
    PUBLIC_2024_AMENDED,
    Cite,
    Confidence,
    Law,
    Text,
    cite,
)

__all__ = [
    "ALLOCATION_YEARS",
    "PLAN_RULES",
    "TRANSITIONAL_CAP",
    "TRANSITIONAL_MAX",
    "AdjustmentCase",
    "Authority",
    "Breach",
    "BreachSeverity",
    "BreachSummary",
    "BudgetLevel",
    "Change",
    "ChangeKind",
    "Comparison",
    "DecidingBody",
    "DraftPlan",
    "GovernmentLevel",
    "Line",
    "LineChange",
    "PlanFacts",
    "PlanKind",
    "PlanRule",
    "ProjectPlanFacts",
    "Requirement",
    "SourceFacts",
    "SourceKind",
    "Tier",
    "check_plan",
    "compare",
    "law_in_force",
    "medium_term_period",
    "public_citation",
    "required_authority",
    "sort_breaches",
    "summarise",
]


# ---------------------------------------------------------------------------------------------------------------
# Vocabularies


class PlanKind(StrEnum):
    ANNUAL = "annual"  # kế hoạch đầu tư công hằng năm
    MEDIUM_TERM = "medium_term"  # kế hoạch đầu tư công trung hạn (5 năm)


class GovernmentLevel(StrEnum):
    """The level whose plan it is: its People's Council decides it, its People's Committee carries it out."""

    PROVINCE = "province"
    COMMUNE = "commune"


class DecidingBody(StrEnum):
    """Who decided a plan version, as recorded on it."""

    PROVINCIAL_COUNCIL = "provincial_council"  # HĐND tỉnh
    PROVINCIAL_COMMITTEE = "provincial_committee"  # UBND tỉnh
    PROVINCIAL_CHAIRMAN = "provincial_chairman"  # Chủ tịch UBND tỉnh
    COMMUNE_COUNCIL = "commune_council"  # HĐND xã
    COMMUNE_COMMITTEE = "commune_committee"  # UBND xã
    PRIME_MINISTER = "prime_minister"  # central-budget capital of the province's medium-term plan (Art. 71(3))
    NONE = "none"  # not decided yet

    @property
    def label(self) -> Text:
        return BODY_LABELS[self]

    @property
    def rank(self) -> int:
        """How high the body stands when several must decide: the highest is the one the UI names."""
        return _BODY_RANK[self]


BODY_LABELS: Final = {
    DecidingBody.PROVINCIAL_COUNCIL: Text("Hội đồng nhân dân tỉnh", "Provincial People's Council", "省人民议会"),
    DecidingBody.PROVINCIAL_COMMITTEE: Text("Ủy ban nhân dân tỉnh", "Provincial People's Committee", "省人民委员会"),
    DecidingBody.PROVINCIAL_CHAIRMAN: Text(
        "Chủ tịch Ủy ban nhân dân tỉnh", "Chairman of the Provincial People's Committee", "省人民委员会主席"
    ),
    DecidingBody.COMMUNE_COUNCIL: Text("Hội đồng nhân dân xã", "Commune People's Council", "乡人民议会"),
    DecidingBody.COMMUNE_COMMITTEE: Text("Ủy ban nhân dân xã", "Commune People's Committee", "乡人民委员会"),
    DecidingBody.PRIME_MINISTER: Text("Thủ tướng Chính phủ", "Prime Minister", "政府总理"),
    DecidingBody.NONE: Text("chưa có cấp quyết định", "not decided yet", "尚未决定"),
}
_BODY_RANK: Final = {
    DecidingBody.NONE: 0,
    DecidingBody.PROVINCIAL_CHAIRMAN: 1,
    DecidingBody.COMMUNE_COMMITTEE: 1,
    DecidingBody.PROVINCIAL_COMMITTEE: 1,
    DecidingBody.COMMUNE_COUNCIL: 2,
    DecidingBody.PROVINCIAL_COUNCIL: 2,
    DecidingBody.PRIME_MINISTER: 3,
}
_COUNCIL: Final = {
    GovernmentLevel.PROVINCE: DecidingBody.PROVINCIAL_COUNCIL,
    GovernmentLevel.COMMUNE: DecidingBody.COMMUNE_COUNCIL,
}
_COMMITTEE: Final = {
    GovernmentLevel.PROVINCE: DecidingBody.PROVINCIAL_COMMITTEE,
    GovernmentLevel.COMMUNE: DecidingBody.COMMUNE_COMMITTEE,
}


class BudgetLevel(StrEnum):
    CENTRAL = "central"  # ngân sách trung ương (bổ sung có mục tiêu cho địa phương)
    LOCAL = "local"  # ngân sách địa phương
    FOREIGN = "foreign"  # vốn nước ngoài (ODA, vay ưu đãi)

    @property
    def label(self) -> Text:
        return BUDGET_LABELS[self]


BUDGET_LABELS: Final = {
    BudgetLevel.CENTRAL: Text("vốn ngân sách trung ương", "central budget", "中央预算资金"),
    BudgetLevel.LOCAL: Text("vốn ngân sách địa phương", "local budget", "地方预算资金"),
    BudgetLevel.FOREIGN: Text("vốn nước ngoài (ODA, vay ưu đãi)", "foreign capital (ODA, concessional loans)", "外资"),
}


class SourceKind(StrEnum):
    GENERAL = "general"  # vốn cân đối ngân sách (theo tiêu chí, định mức)
    LAND_USE = "land_use"  # thu tiền sử dụng đất
    LOTTERY = "lottery"  # xổ số kiến thiết
    BORROWING = "borrowing"  # bội chi, vay của ngân sách địa phương
    TARGETED = "targeted"  # bổ sung có mục tiêu từ ngân sách cấp trên
    NATIONAL_PROGRAMME = "national_programme"  # chương trình mục tiêu quốc gia
    ODA = "oda"
    LEGAL_REVENUE = "legal_revenue"  # nguồn thu hợp pháp của cơ quan, đơn vị dành để đầu tư
    OTHER = "other"


class BreachSeverity(StrEnum):
    ERROR = "error"  # the version may not be approved as it is
    WARNING = "warning"  # allowed only with a further decision, or to review
    INFO = "info"  # what the approver needs to know (who must decide)

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @property
    def label(self) -> Text:
        return SEVERITY_LABELS[self]


_SEVERITY_RANK: Final = {severity: rank for rank, severity in enumerate(BreachSeverity)}
SEVERITY_LABELS: Final = {
    BreachSeverity.ERROR: Text("lỗi", "error", "错误"),
    BreachSeverity.WARNING: Text("cảnh báo", "warning", "警告"),
    BreachSeverity.INFO: Text("lưu ý", "note", "提示"),
}


class ChangeKind(StrEnum):
    INCREASE = "increase"
    CUT = "cut"
    NEW = "new"
    REMOVED = "removed"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> Text:
        return CHANGE_LABELS[self]


CHANGE_LABELS: Final = {
    ChangeKind.INCREASE: Text("tăng", "increase", "增加"),
    ChangeKind.CUT: Text("giảm", "cut", "削减"),
    ChangeKind.NEW: Text("bổ sung mới", "new", "新增"),
    ChangeKind.REMOVED: Text("đưa ra khỏi kế hoạch", "removed", "移除"),
    ChangeKind.UNCHANGED: Text("không đổi", "unchanged", "不变"),
}


class AdjustmentCase(StrEnum):
    """What an adjustment changes, from the widest (Art. 71(7)) to the narrowest (Art. 71(8)(b))."""

    TOTAL_CHANGED = "total_changed"  # a source's total (so the plan's) changes
    BETWEEN_UNITS = "between_units"  # capital moves between owner units within the totals
    WITHIN_UNIT = "within_unit"  # capital moves only between projects of one owner unit


# Art. 57(2) (2019: Art. 52(2)): years of capital for implementation, by group; national projects: per NA resolution.
ALLOCATION_YEARS: Final = {ProjectGroup.A: 6, ProjectGroup.B: 4, ProjectGroup.C: 3}
_LARGE_GROUP_A: Final = (10_000 * 10**9, 30_000 * 10**9)  # Art. 57(3)(b)-(c): may extend by 2 years, not 1
# Tiers whose capital is not capital for implementing a project (preparation, debts, support): Art. 57(1) leaves
# preparation out of the period, a handed-over project has ended it, and the others are not projects.
_NO_PERIOD_TIERS: Final = frozenset(
    {
        Tier.ADVANCE_REPAYMENT,
        Tier.COMPLETED_UNFUNDED,
        Tier.PREPARATION,
        Tier.DEBT_BEFORE_2015,
        Tier.OTHER_SUPPORT,
        Tier.POLICY_BANK,
    }
)
# Art. 93(2)(a): 20% of the period's capital per budget, up to 50% with approval (Art. 93(3)).
TRANSITIONAL_CAP: Final = Fraction(20, 100)
TRANSITIONAL_MAX: Final = Fraction(50, 100)
_NOT_TRANSITIONAL_TIERS: Final = frozenset({Tier.NATIONAL_PROGRAMME, Tier.ODA})
_NOT_TRANSITIONAL_SOURCES: Final = frozenset({SourceKind.NATIONAL_PROGRAMME, SourceKind.ODA, SourceKind.LEGAL_REVENUE})
# Medium-term periods run 2021-2025, 2026-2030...: Art. 49(1)(a), aligned with the five-year plans.
PERIOD_ORIGIN: Final = 2021
PERIOD_YEARS: Final = 5


# ---------------------------------------------------------------------------------------------------------------
# A plan version's facts


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


# ---------------------------------------------------------------------------------------------------------------
# Rules and citations


def law_in_force(day: date) -> Law:
    """The Law on Public Investment in force on `day`: 39/2019, 58/2024, or 58/2024 as amended by 90/2025."""
    if day < PUBLIC_2024.start:
        return PUBLIC_2019
    if PUBLIC_2024.end is not None and day <= PUBLIC_2024.end:
        return PUBLIC_2024
    return PUBLIC_2024_AMENDED


def public_citation(rule: str, day: date, article_2019: str, confidence_2019: Confidence, article_2024: str) -> Cite:
    """The article of the law version in force on `day` (2024 articles were read: LEGAL_RULES [V])."""
    law = law_in_force(day)
    if law is PUBLIC_2019:
        return cite(rule, law, article_2019, confidence_2019)
    return cite(rule, law, article_2024, Confidence.VERIFIED)


@dataclass(frozen=True, slots=True)
class PlanRule:
    """One check: its LEGAL_RULES id, titles, and the article of each law version."""

    key: str
    rule: str
    title: Text
    article_2019: str
    confidence_2019: Confidence
    article_2024: str

    def cite_on(self, day: date, article_2024: str | None = None, article_2019: str | None = None) -> Cite:
        return public_citation(
            self.rule,
            day,
            article_2019 or self.article_2019,
            self.confidence_2019,
            article_2024 or self.article_2024,
        )


S, U = Confidence.SECONDARY, Confidence.UNCERTAIN
PLAN_RULES: Final = {
    rule.key: rule
    for rule in (
        PlanRule(
            "OVER_NEED",
            "OVER_NEED",
            Text("Vượt nhu cầu vốn của dự án", "Above the project's capital need", "超过项目资金需求"),
            "quy định về mức vốn bố trí không vượt tổng mức vốn của dự án",
            U,
            "Điều 61 khoản 5",
        ),
        PlanRule(
            "OVER_SOURCE",
            "OVER_SOURCE",
            Text("Vượt khả năng cân đối của nguồn vốn", "Above what the source has available", "超过资金来源可用额度"),
            "quy định về phù hợp khả năng cân đối nguồn vốn",
            U,
            "Điều 51 khoản 2, Điều 61 khoản 2",
        ),
        PlanRule(
            "PI-03-project",
            "PI-03",
            Text(
                "Vượt số vốn kế hoạch trung hạn còn lại của dự án",
                "Above the project's medium-term remainder",
                "超过项目中期计划剩余额度",
            ),
            "quy định kế hoạch hằng năm phù hợp kế hoạch trung hạn",
            U,
            "Điều 51 khoản 7",
        ),
        PlanRule(
            "PI-03-source",
            "PI-03",
            Text(
                "Vượt số vốn kế hoạch trung hạn còn lại của nguồn vốn",
                "Above the source's medium-term remainder",
                "超过资金来源中期计划剩余额度",
            ),
            "quy định kế hoạch hằng năm phù hợp kế hoạch trung hạn",
            U,
            "Điều 51 khoản 7",
        ),
        PlanRule(
            "PI-04-decision",
            "PI-04",
            Text(
                "Bố trí vốn cho dự án chưa có quyết định đầu tư",
                "Capital for a project without an investment decision",
                "为尚无投资决定的项目安排资金",
            ),
            "quy định về điều kiện bố trí vốn kế hoạch hằng năm",
            U,
            "Điều 56 khoản 2",
        ),
        PlanRule(
            "PI-04-medium-term",
            "PI-04",
            Text(
                "Bố trí vốn cho dự án không có trong kế hoạch trung hạn",
                "Capital for a project not in the medium-term plan",
                "为未列入中期计划的项目安排资金",
            ),
            "quy định về điều kiện bố trí vốn kế hoạch hằng năm",
            U,
            "Điều 56 khoản 1",
        ),
        PlanRule(
            "PI-04-policy",
            "PI-04",
            Text(
                "Dự án khởi công mới chưa có quyết định chủ trương đầu tư",
                "New project without an investment-policy decision",
                "新开工项目尚无投资主张决定",
            ),
            "quy định về điều kiện đưa dự án vào kế hoạch trung hạn",
            U,
            "Điều 55 khoản 2",
        ),
        PlanRule(
            "PI-06",
            "PI-06",
            Text(
                "Quá thời gian bố trí vốn thực hiện dự án", "Capital-allocation period exceeded", "超过项目资金安排期限"
            ),
            "Điều 52 khoản 2",
            S,
            "Điều 57",
        ),
        PlanRule(
            "PI-07",
            "PI-07",
            Text(
                "Dự án chuyển tiếp sang giai đoạn sau vượt 20% vốn trung hạn",
                "Projects carried into the next period above 20% of the period's capital",
                "结转至下一阶段的项目超过中期资金的20%",
            ),
            "quy định về dự án thực hiện qua hai kỳ kế hoạch trung hạn",
            U,
            "Điều 93 khoản 2, khoản 3",
        ),
        PlanRule(
            "PI-09",
            "PI-09",
            Text("Thẩm quyền điều chỉnh kế hoạch", "Authority to adjust the plan", "计划调整权限"),
            "Điều 67",
            U,
            "Điều 71",
        ),
    )
}


# ---------------------------------------------------------------------------------------------------------------
# Breaches

FactValue: TypeAlias = date | int | str | bool | None


@dataclass(frozen=True, slots=True)
class Breach:
    """One rule a plan version breaks, with the amount by which it breaks it (đồng; 0 when not a sum)."""

    rule: str  # the id in LEGAL_RULES.md (PI-04), or OVER_NEED / OVER_SOURCE
    key: str  # the entry of PLAN_RULES (PI-04-decision...)
    severity: BreachSeverity
    citation: str
    verify: bool  # the 2019 article is uncertain, or the governing text (Law 90/2025) is unread
    explanation: str  # Vietnamese, with the money written out
    project: str | None = None
    source: str | None = None
    amount: int = 0
    facts: Mapping[str, FactValue] = field(default_factory=dict)

    @property
    def title(self) -> Text:
        return PLAN_RULES[self.key].title

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "key": self.key,
            "severity": self.severity.value,
            "project": self.project,
            "source": self.source,
            "amount": self.amount,
            "citation": self.citation,
            "verify": self.verify,
            "explanation": self.explanation,
            "title": {"vi": self.title.vi, "en": self.title.en, "zh": self.title.zh},
            "facts": {
                name: value.isoformat() if isinstance(value, date) else value for name, value in self.facts.items()
            },
        }


def _breach(
    key: str,
    severity: BreachSeverity,
    day: date,
    explanation: str,
    *,
    project: str | None = None,
    source: str | None = None,
    amount: int = 0,
    facts: Mapping[str, FactValue] | None = None,
    article_2024: str | None = None,
    article_2019: str | None = None,
    verify: bool = False,
    citation: str | None = None,
) -> Breach:
    """A breach citing the rule's article in force on `day` (or a citation already made, with its `verify`)."""
    rule = PLAN_RULES[key]
    c = rule.cite_on(day, article_2024, article_2019)
    return Breach(
        rule=c.rule,
        key=key,
        severity=severity,
        citation=c.citation if citation is None else citation,
        verify=verify if citation is not None else c.verify or verify,
        explanation=explanation,
        project=project,
        source=source,
        amount=amount,
        facts=dict(facts or {}),
    )


def sort_breaches(breaches: Iterable[Breach]) -> list[Breach]:
    """Errors first, then warnings, then notes; within one severity by project (plan-wide first), rule, source."""
    return sorted(breaches, key=lambda b: (b.severity.rank, b.project or "", b.rule, b.key, b.source or ""))


@dataclass(frozen=True, slots=True)
class BreachSummary:
    total: int
    by_severity: Mapping[BreachSeverity, int]
    by_rule: Mapping[str, int]

    @property
    def errors(self) -> int:
        return self.by_severity.get(BreachSeverity.ERROR, 0)

    @property
    def warnings(self) -> int:
        return self.by_severity.get(BreachSeverity.WARNING, 0)

    @property
    def blocking(self) -> bool:
        """The version may not be approved as it is."""
        return self.errors > 0


def summarise(breaches: Iterable[Breach]) -> BreachSummary:
    """Counts by severity (every severity present, 0 included) and by rule id."""
    by_severity = dict.fromkeys(BreachSeverity, 0)
    by_rule: dict[str, int] = {}
    total = 0
    for b in breaches:
        total += 1
        by_severity[b.severity] += 1
        by_rule[b.rule] = by_rule.get(b.rule, 0) + 1
    return BreachSummary(total, by_severity, dict(sorted(by_rule.items())))


# ---------------------------------------------------------------------------------------------------------------
# Comparing two versions


@dataclass(frozen=True, slots=True)
class Change:
    """One total before and after: of a project, a source, an owner unit, or a unit's share of a source."""

    key: str
    old: int
    new: int

    @property
    def delta(self) -> int:
        return self.new - self.old

    @property
    def kind(self) -> ChangeKind:
        return _kind(self.old, self.new)


@dataclass(frozen=True, slots=True)
class LineChange:
    project: str
    source: str
    old: int
    new: int

    @property
    def delta(self) -> int:
        return self.new - self.old

    @property
    def kind(self) -> ChangeKind:
        return _kind(self.old, self.new)


def _kind(old: int, new: int) -> ChangeKind:
    if old == new:
        return ChangeKind.UNCHANGED
    if old == 0:
        return ChangeKind.NEW
    if new == 0:
        return ChangeKind.REMOVED
    return ChangeKind.INCREASE if new > old else ChangeKind.CUT


@dataclass(frozen=True, slots=True)
class Comparison:
    """An adjustment line by line, and its totals per project, source, owner unit and unit-and-source."""

    lines: tuple[LineChange, ...]
    projects: tuple[Change, ...]
    sources: tuple[Change, ...]
    units: tuple[Change, ...]  # empty when no owner units were given
    unit_sources: tuple[tuple[str, Change], ...]  # (unit, change of one source's total within it)
    old_total: int
    new_total: int

    @property
    def delta(self) -> int:
        return self.new_total - self.old_total

    @property
    def changed(self) -> tuple[LineChange, ...]:
        return tuple(line for line in self.lines if line.kind is not ChangeKind.UNCHANGED)


def compare(
    approved_lines: Iterable[Line], draft_lines: Iterable[Line], units: Mapping[str, str] | None = None
) -> Comparison:
    """Old, new, delta and kind per project and source, with totals; `units` maps project -> owner unit.

    A line missing from one version counts as 0 there; several lines of one project and source add up.
    """
    old = _by_pair(approved_lines)
    new = _by_pair(draft_lines)
    pairs = sorted(old.keys() | new.keys())
    lines = tuple(LineChange(p, s, old.get((p, s), 0), new.get((p, s), 0)) for p, s in pairs)
    projects = _totals(lines, lambda line: line.project)
    sources = _totals(lines, lambda line: line.source)
    unit_changes: tuple[Change, ...] = ()
    unit_sources: tuple[tuple[str, Change], ...] = ()
    if units is not None:
        missing = sorted({line.project for line in lines} - units.keys())
        if missing:
            raise ValueError(f"Không biết đơn vị chủ đầu tư của dự án {', '.join(missing)}")
        unit_changes = _totals(lines, lambda line: units[line.project])
        old_pairs: dict[tuple[str, str], int] = defaultdict(int)
        new_pairs: dict[tuple[str, str], int] = defaultdict(int)
        for line in lines:
            old_pairs[(units[line.project], line.source)] += line.old
            new_pairs[(units[line.project], line.source)] += line.new
        unit_sources = tuple((u, Change(s, old_pairs[(u, s)], new_pairs[(u, s)])) for u, s in sorted(old_pairs))
    return Comparison(
        lines=lines,
        projects=projects,
        sources=sources,
        units=unit_changes,
        unit_sources=unit_sources,
        old_total=sum(old.values()),
        new_total=sum(new.values()),
    )


def _by_pair(lines: Iterable[Line]) -> dict[tuple[str, str], int]:
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for line in lines:
        totals[(line.project, line.source)] += line.amount
    return dict(totals)


def _totals(lines: Iterable[LineChange], key: Callable[[LineChange], str]) -> tuple[Change, ...]:
    old: dict[str, int] = defaultdict(int)
    new: dict[str, int] = defaultdict(int)
    for line in lines:
        k = key(line)
        old[k] += line.old
        new[k] += line.new
    return tuple(Change(k, old[k], new[k]) for k in sorted(old))


# ---------------------------------------------------------------------------------------------------------------
# Who may decide an adjustment (PI-09)


@dataclass(frozen=True, slots=True)
class Requirement:
    """One part of an adjustment and the body that must decide it."""

    case: AdjustmentCase
    budget: BudgetLevel  # CENTRAL for central-budget and foreign capital of a province's plan, else LOCAL
    body: DecidingBody
    may_decide: frozenset[DecidingBody]
    sources: tuple[str, ...]
    amount: int  # capital concerned: the change of the totals, or the capital moved
    reason: str  # Vietnamese
    citation: str
    verify: bool


@dataclass(frozen=True, slots=True)
class Authority:
    """Who must decide an adjustment, and why; empty when nothing changes (or for an original version)."""

    requirements: tuple[Requirement, ...]

    @property
    def body(self) -> DecidingBody | None:
        """The body the UI names: the highest of those that must decide."""
        if not self.requirements:
            return None
        return max((r.body for r in self.requirements), key=lambda b: b.rank)

    @property
    def reason(self) -> str:
        return "; ".join(r.reason for r in self.requirements)

    @property
    def verify(self) -> bool:
        return any(r.verify for r in self.requirements)

    def allows(self, body: DecidingBody) -> bool:
        return all(body in r.may_decide for r in self.requirements)


def required_authority(draft: DraftPlan) -> Authority:
    """Who may decide this adjustment: Art. 71 (2019: Art. 67), from what it changes against the approved version.

    Local budget: a source's total changes -> the People's Council of the level (Art. 71(7), grounds a-c); capital
    moves between owner units within the totals -> the People's Committee for a medium-term plan (Art. 71(8)(a),
    reporting to the Council), the Council for an annual one (Art. 71(7)(c)); only between projects inside one unit
    -> the People's Committee (Art. 71(8)(b)). Central budget in a province's plan: an annual move within the totals
    -> the provincial People's Committee (Art. 71(6)(a)); a medium-term move -> the Prime Minister (Art. 71(3)(b)).
    Under the 2019 law every local move between units went to the Council; the rest of Art. 67 is to verify.
    """
    if draft.approved_lines is None:
        return Authority(())
    plan = draft.plan
    ctx = _Index.of(draft)
    comparison = compare(draft.approved_lines, draft.lines, {code: p.owner_unit for code, p in ctx.projects.items()})
    requirements: list[Requirement] = []
    for budget in (BudgetLevel.LOCAL, BudgetLevel.CENTRAL):
        codes = {code for code, s in ctx.sources.items() if _authority_budget(plan, s) is budget}
        change = _widest_change(comparison, codes, ctx, budget)
        if change is not None:
            requirements.append(_requirement(plan, budget, *change))
    return Authority(tuple(requirements))


def _authority_budget(plan: PlanFacts, source: SourceFacts) -> BudgetLevel:
    """Capital the centre assigns (central budget, foreign capital) follows Art. 71(3), (6) in a province's plan."""
    if plan.level is GovernmentLevel.PROVINCE and source.level is not BudgetLevel.LOCAL:
        return BudgetLevel.CENTRAL
    return BudgetLevel.LOCAL


def _widest_change(
    comparison: Comparison, codes: set[str], ctx: _Index, budget: BudgetLevel
) -> tuple[AdjustmentCase, tuple[str, ...], int, str] | None:
    """What the adjustment does to one budget's sources: (case, sources, capital concerned, Vietnamese), or None."""
    label = budget.label.vi
    totals = [c for c in comparison.sources if c.key in codes and c.delta]
    if totals:
        shown = ", ".join(f"{c.key} {format_vnd(c.old)} → {format_vnd(c.new)}" for c in totals)
        what = f"tổng {label} thay đổi ({shown})"
        return AdjustmentCase.TOTAL_CHANGED, _keys(totals), sum(abs(c.delta) for c in totals), what
    moves = [(unit, c) for unit, c in comparison.unit_sources if c.key in codes and c.delta]
    if moves:
        units = ", ".join(sorted({unit for unit, _ in moves}))
        amount = sum(c.delta for _, c in moves if c.delta > 0)
        what = f"điều chuyển {format_vnd(amount)} {label} giữa các cơ quan, đơn vị ({units}) trong tổng mức vốn"
        return AdjustmentCase.BETWEEN_UNITS, _keys([c for _, c in moves]), amount, what
    lines = [line for line in comparison.lines if line.source in codes and line.delta]
    if lines:
        units = ", ".join(sorted({ctx.projects[line.project].owner_unit for line in lines}))
        amount = sum(line.delta for line in lines if line.delta > 0)
        what = (
            f"chỉ điều chuyển {format_vnd(amount)} {label} giữa các dự án trong nội bộ đơn vị {units}, không thay đổi "
            f"tổng mức vốn của đơn vị"
        )
        return AdjustmentCase.WITHIN_UNIT, tuple(sorted({line.source for line in lines})), amount, what
    return None


def _keys(changes: Iterable[Change]) -> tuple[str, ...]:
    return tuple(sorted({c.key for c in changes}))


def _requirement(
    plan: PlanFacts, budget: BudgetLevel, case: AdjustmentCase, sources: tuple[str, ...], amount: int, what: str
) -> Requirement:
    """Art. 71 (2019: Art. 67) as a table: (budget, case, plan kind, law) -> who decides, its article, how sure."""
    day = plan.law_day
    law_2019 = law_in_force(day) is PUBLIC_2019
    council, committee = _COUNCIL[plan.level], _COMMITTEE[plan.level]
    report = f", báo cáo {council.label.vi} tại kỳ họp gần nhất"
    medium = plan.kind is PlanKind.MEDIUM_TERM
    body, article, verify, how = council, "Điều 71 khoản 7", law_2019, ""
    if case is AdjustmentCase.TOTAL_CHANGED:
        how = (
            " khi mục tiêu phát triển kinh tế - xã hội thay đổi, thu ngân sách hoặc khả năng huy động vốn biến động, "
            "hoặc nhu cầu, khả năng thực hiện vốn của các cơ quan, đơn vị thay đổi"
        )
        if budget is BudgetLevel.CENTRAL:
            how = " phân bổ theo mức vốn cấp trên giao điều chỉnh"
            verify = True
    elif budget is BudgetLevel.CENTRAL and medium:
        body, article, verify = DecidingBody.PRIME_MINISTER, "Điều 71 khoản 3 điểm b", True
        how = " (kế hoạch trung hạn vốn ngân sách trung ương)"
    elif budget is BudgetLevel.CENTRAL:
        body, article = committee, "Điều 71 khoản 6 điểm a"
        how = " (vốn ngân sách trung ương bổ sung có mục tiêu, trong tổng mức vốn trung hạn đã giao)" + report
    elif case is AdjustmentCase.WITHIN_UNIT:
        body, article = committee, "Điều 71 khoản 8 điểm b"
        how = f" trong tổng mức vốn {council.label.vi} đã quyết định"
    elif medium and not law_2019:
        body, article, how = committee, "Điều 71 khoản 8 điểm a", report
    else:
        article = "Điều 71 khoản 7 điểm c"
        if medium:
            how = " (Luật Đầu tư công 2019 chưa giao Ủy ban nhân dân điều chỉnh kế hoạch trung hạn giữa các đơn vị)"
    may_decide = frozenset({body} if body in (council, DecidingBody.PRIME_MINISTER) else {body, council})
    c = PLAN_RULES["PI-09"].cite_on(day, article)
    return Requirement(
        case=case,
        budget=budget,
        body=body,
        may_decide=may_decide,
        sources=sources,
        amount=amount,
        reason=f"{what}, do {body.label.vi} quyết định{how}",
        citation=c.citation,
        verify=c.verify or verify,
    )


# ---------------------------------------------------------------------------------------------------------------
# The checks


@dataclass(frozen=True, slots=True)
class _Index:
    """The draft's facts by code, and its totals, computed once."""

    sources: Mapping[str, SourceFacts]
    projects: Mapping[str, ProjectPlanFacts]
    by_project: Mapping[str, int]
    by_source: Mapping[str, int]
    by_project_source: Mapping[str, Mapping[str, int]]

    @staticmethod
    def of(draft: DraftPlan) -> _Index:
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
        return _Index(sources, projects, dict(by_project), dict(by_source), dict(by_project_source))


_Coded = TypeVar("_Coded", SourceFacts, ProjectPlanFacts)


def _unique(items: Iterable[_Coded], what: str) -> dict[str, _Coded]:
    found: dict[str, _Coded] = {}
    for item in items:
        if item.code in found:
            raise ValueError(f"Mã {what} {item.code} bị trùng")
        found[item.code] = item
    return found


def check_plan(draft: DraftPlan) -> list[Breach]:
    """Every rule the draft version breaks, errors first then by project (empty when it is in order)."""
    ctx = _Index.of(draft)
    breaches: list[Breach] = []
    breaches += _over_need(draft, ctx)
    breaches += _over_source(draft, ctx)
    breaches += _medium_term_fit(draft, ctx)
    breaches += _eligibility(draft, ctx)
    breaches += _allocation_period(draft, ctx)
    breaches += _transitional(draft, ctx)
    breaches += _authority(draft)
    return sort_breaches(breaches)


def _year_text(plan: PlanFacts) -> str:
    if plan.kind is PlanKind.ANNUAL:
        return f"Kế hoạch năm {plan.first_year}"
    return f"Kế hoạch trung hạn {plan.first_year}–{plan.end_year}"


def _over_need(draft: DraftPlan, ctx: _Index) -> list[Breach]:
    """Art. 61(5): no project gets more than its approved capital; here, more than its remaining need."""
    found = []
    for code, total in ctx.by_project.items():
        need = ctx.projects[code].need
        if total > need:
            found.append(
                _breach(
                    "OVER_NEED",
                    BreachSeverity.ERROR,
                    draft.plan.law_day,
                    f"{_year_text(draft.plan)} bố trí cho dự án {code} {format_vnd(total)}, vượt nhu cầu vốn còn lại "
                    f"({format_vnd(need)}) {format_vnd(total - need)}.",
                    project=code,
                    amount=total - need,
                    facts={"allocated": total, "need": need},
                )
            )
    return found


def _over_source(draft: DraftPlan, ctx: _Index) -> list[Breach]:
    """Art. 51(2), 61(2): a plan fits what each source can give."""
    found = []
    for code, total in ctx.by_source.items():
        source = ctx.sources[code]
        if total > source.available:
            found.append(
                _breach(
                    "OVER_SOURCE",
                    BreachSeverity.ERROR,
                    draft.plan.law_day,
                    f"Nguồn {source.shown}: tổng bố trí {format_vnd(total)}, vượt khả năng cân đối "
                    f"({format_vnd(source.available)}) {format_vnd(total - source.available)}.",
                    source=code,
                    amount=total - source.available,
                    facts={"allocated": total, "available": source.available},
                )
            )
    return found


def _first_year_note(plan: PlanFacts) -> tuple[bool, str]:
    first, last = plan.period
    if plan.first_year != first:
        return False, ""
    return True, (
        f" Năm {first} là năm đầu tiên của kỳ trung hạn {first}–{last}: kế hoạch hằng năm năm đầu chưa bắt buộc "
        f"phù hợp kế hoạch trung hạn, cần rà soát khi kế hoạch trung hạn được quyết định."
    )


def _medium_term_fit(draft: DraftPlan, ctx: _Index) -> list[Breach]:
    """Art. 51(7): an annual plan fits the approved medium-term plan, except in the period's first year."""
    plan = draft.plan
    if plan.kind is not PlanKind.ANNUAL:
        return []
    first_year, note = _first_year_note(plan)
    severity = BreachSeverity.WARNING if first_year else BreachSeverity.ERROR
    found = []
    for code, total in ctx.by_project.items():
        remainder = ctx.projects[code].medium_term_remainder
        if remainder is not None and total > remainder:
            found.append(
                _breach(
                    "PI-03-project",
                    severity,
                    plan.law_day,
                    f"{_year_text(plan)} bố trí cho dự án {code} {format_vnd(total)}, vượt số vốn kế hoạch trung hạn "
                    f"còn lại của dự án ({format_vnd(remainder)}) {format_vnd(total - remainder)}.{note}",
                    project=code,
                    amount=total - remainder,
                    facts={"allocated": total, "medium_term_remainder": remainder, "first_year": first_year},
                )
            )
    for code, total in ctx.by_source.items():
        source = ctx.sources[code]
        remainder = source.medium_term_remainder
        if remainder is not None and total > remainder:
            found.append(
                _breach(
                    "PI-03-source",
                    severity,
                    plan.law_day,
                    f"Nguồn {source.shown}: {_year_text(plan).lower()} bố trí {format_vnd(total)}, vượt số vốn kế "
                    f"hoạch trung hạn còn lại của nguồn ({format_vnd(remainder)}) {format_vnd(total - remainder)}."
                    f"{note}",
                    source=code,
                    amount=total - remainder,
                    facts={"allocated": total, "medium_term_remainder": remainder, "first_year": first_year},
                )
            )
    return found


def _eligibility(draft: DraftPlan, ctx: _Index) -> list[Breach]:
    """Art. 56 (annual): in the medium-term plan and decided; Art. 55 (medium-term): a new project has a policy."""
    plan = draft.plan
    found = []
    for code, total in ctx.by_project.items():
        p = ctx.projects[code]
        if total == 0 or p.tier is Tier.SPECIAL_OR_EMERGENCY:
            continue
        given = f"{_year_text(plan)} bố trí {format_vnd(total)} cho dự án {code}"
        if plan.kind is PlanKind.ANNUAL:
            if not p.has_investment_decision:
                what = (
                    "nhiệm vụ chuẩn bị đầu tư chưa được phê duyệt dự toán"
                    if p.tier is Tier.PREPARATION
                    else "dự án chưa có quyết định đầu tư"
                )
                found.append(
                    _breach(
                        "PI-04-decision",
                        BreachSeverity.ERROR,
                        plan.law_day,
                        f"{given}: {what}, chưa đủ điều kiện bố trí vốn kế hoạch hằng năm.",
                        project=code,
                        amount=total,
                        facts={"allocated": total},
                        article_2024="Điều 56 khoản 3" if p.tier is Tier.PREPARATION else None,
                    )
                )
            if not p.in_medium_term_plan:
                first_year, note = _first_year_note(plan)
                found.append(
                    _breach(
                        "PI-04-medium-term",
                        BreachSeverity.WARNING if first_year else BreachSeverity.ERROR,
                        plan.law_day,
                        f"{given}: dự án không có trong kế hoạch đầu tư công trung hạn (chỉ dự án khẩn cấp, dự án "
                        f"dùng vốn ODA không hoàn lại được miễn).{note}",
                        project=code,
                        amount=total,
                        facts={"allocated": total, "first_year": first_year},
                    )
                )
        elif p.tier is Tier.NEW and not p.policy_decided:
            found.append(
                _breach(
                    "PI-04-policy",
                    BreachSeverity.ERROR,
                    plan.law_day,
                    f"{given}: dự án khởi công mới chưa được cấp có thẩm quyền quyết định chủ trương đầu tư, chưa đủ "
                    f"điều kiện đưa vào kế hoạch trung hạn.",
                    project=code,
                    amount=total,
                    facts={"allocated": total},
                )
            )
    return found


def _allocation_period(draft: DraftPlan, ctx: _Index) -> list[Breach]:
    """Art. 57 (2019: Art. 52(2)): A 6, B 4, C 3 years of capital from the first year, plus extensions granted.

    A medium-term plan gives no year per line: a project already past its period in the plan's first year breaks
    the rule; one that would pass it by the last year is a warning (no breach if its capital stops in time); one
    that has not started yet is not judged.
    """
    plan = draft.plan
    day = plan.law_day
    law_2019 = law_in_force(day) is PUBLIC_2019
    found = []
    for code, total in ctx.by_project.items():
        p = ctx.projects[code]
        limit = ALLOCATION_YEARS.get(p.group)
        if total == 0 or limit is None or p.tier in _NO_PERIOD_TIERS:
            continue
        if p.handed_over_year is not None and p.handed_over_year <= plan.first_year:
            continue
        if p.first_allocation_year is None and plan.kind is PlanKind.MEDIUM_TERM:
            continue
        first = plan.first_year if p.first_allocation_year is None else p.first_allocation_year
        granted = p.allocation_extension_years
        last_allowed = first + limit - 1 + granted
        certain = plan.first_year > last_allowed
        year = plan.first_year if certain else plan.end_year
        over = year - last_allowed
        if over <= 0:
            continue
        budgets = {ctx.sources[s].level for s, amount in ctx.by_project_source[code].items() if amount}
        local = BudgetLevel.LOCAL in budgets
        central = bool(budgets - {BudgetLevel.LOCAL})
        text = (
            f"{_year_text(plan)} bố trí {format_vnd(total)} cho dự án {code} (nhóm {p.group.value}) bố trí vốn thực "
            f"hiện từ năm {first}: thời gian bố trí vốn tối đa {limit} năm"
        )
        text += f", đã gia hạn {granted} năm" if granted else ""
        text += f", đến hết năm {last_allowed}; dự án chưa hoàn thành, bàn giao đưa vào sử dụng"
        if not certain:
            text += f" (tính đến năm cuối kỳ {year}; không vi phạm nếu chỉ bố trí vốn đến hết năm {last_allowed})"
        article: str | None
        most = 1
        total_investment = p.total_investment
        if p.group is ProjectGroup.A and total_investment is not None:
            if _LARGE_GROUP_A[0] <= total_investment < _LARGE_GROUP_A[1]:
                most = 2
        left = max(0, most - granted)
        if law_2019:
            who = []
            if local or not central:
                who.append("Hội đồng nhân dân cùng cấp quyết định (vốn ngân sách địa phương)")
            if central:
                who.append("Thủ tướng Chính phủ quyết định (vốn ngân sách trung ương)")
            text += f". Theo Luật Đầu tư công 2019, mọi trường hợp kéo dài thời gian bố trí vốn do {'; '.join(who)}"
            article = None
        elif over <= left:
            who = []
            if local or not central:
                who.append("Chủ tịch Ủy ban nhân dân cùng cấp (vốn ngân sách địa phương, Điều 57 khoản 3 điểm c)")
            if central:
                who.append("cấp quyết định chủ trương đầu tư (vốn ngân sách trung ương, Điều 57 khoản 3 điểm b)")
            text += (
                f". Được gia hạn không quá {most} năm (còn {left} năm) do {' hoặc '.join(who)} quyết định; "
                f"chưa có quyết định gia hạn thì chưa được bố trí vốn"
            )
            article = "Điều 57 khoản 3"
        else:
            who = []
            if local or not central:
                who.append("Ủy ban nhân dân kiểm điểm trách nhiệm, báo cáo Hội đồng nhân dân cùng cấp quyết định")
            if central:
                who.append("cơ quan chủ quản kiểm điểm trách nhiệm, báo cáo Thủ tướng Chính phủ quyết định")
            text += (
                f". Đã dùng hết {most} năm gia hạn của Chủ tịch Ủy ban nhân dân hoặc cấp quyết định chủ trương: "
                f"{'; '.join(who)}"
            )
            article = "Điều 57 khoản 3 điểm d"
        found.append(
            _breach(
                "PI-06",
                BreachSeverity.ERROR if certain else BreachSeverity.WARNING,
                day,
                text + ".",
                project=code,
                amount=total,
                facts={
                    "group": p.group.value,
                    "first_allocation_year": first,
                    "limit_years": limit,
                    "extension_years": granted,
                    "last_allowed_year": last_allowed,
                    "years_over": over,
                    "administrative_extension_years": most,
                },
                article_2024=article,
            )
        )
    return found


def _transitional(draft: DraftPlan, ctx: _Index) -> list[Breach]:
    """Art. 93(2)-(3): projects carried into the next period stay within 20% of the period's capital per budget.

    Central and local budget are judged apart; national target programmes, national important projects, ODA
    projects and legal-revenue capital are left out. A project funded from both budgets counts in each in
    proportion to its lines. Between 20% and 50% the Prime Minister (central) or the People's Council (local) may
    allow it; above 50% nobody may.
    """
    plan = draft.plan
    if plan.kind is not PlanKind.MEDIUM_TERM:
        return []
    day = plan.law_day
    counted_sources = {
        code: s.level
        for code, s in ctx.sources.items()
        if s.level in (BudgetLevel.CENTRAL, BudgetLevel.LOCAL) and s.kind not in _NOT_TRANSITIONAL_SOURCES
    }
    carried: dict[BudgetLevel, Fraction] = defaultdict(Fraction)
    projects: dict[BudgetLevel, list[str]] = defaultdict(list)
    found: list[Breach] = []
    for code in sorted(ctx.projects):
        p = ctx.projects[code]
        if not p.transitional_into_next_period or p.group is ProjectGroup.NATIONAL or p.tier in _NOT_TRANSITIONAL_TIERS:
            continue
        weights = {s: a for s, a in ctx.by_project_source.get(code, {}).items() if s in counted_sources and a}
        if not weights:
            continue
        amount = p.total_investment if p.carried_amount is None else p.carried_amount
        if amount is None:
            found.append(
                _breach(
                    "PI-07",
                    BreachSeverity.WARNING,
                    day,
                    f"Dự án {code} chuyển tiếp sang giai đoạn sau nhưng chưa có tổng mức đầu tư: chưa kiểm tra được "
                    f"mức 20%.",
                    project=code,
                )
            )
            continue
        weight = sum(weights.values())
        for source, part in weights.items():
            level = counted_sources[source]
            carried[level] += Fraction(amount * part, weight)
            if code not in projects[level]:
                projects[level].append(code)
    for level in (BudgetLevel.CENTRAL, BudgetLevel.LOCAL):
        total = carried.get(level, Fraction(0))
        if not total:
            continue
        if plan.transitional_base is not None and level in plan.transitional_base:
            base = plan.transitional_base[level]
        else:
            base = sum(ctx.by_source.get(code, 0) for code, lvl in counted_sources.items() if lvl is level)
        cap, most = base * TRANSITIONAL_CAP, base * TRANSITIONAL_MAX
        if total <= cap:
            continue
        approver = "Thủ tướng Chính phủ" if level is BudgetLevel.CENTRAL else "Hội đồng nhân dân cùng cấp"
        share = _percent(total / base) if base else "—"
        text = (
            f"{level.label.vi.capitalize()}: tổng mức đầu tư của {len(projects[level])} dự án chuyển tiếp sang giai "
            f"đoạn sau ({', '.join(projects[level])}) là {format_vnd(round(total))}, bằng {share} số vốn kế hoạch "
            f"trung hạn {plan.first_year}–{plan.end_year} ({format_vnd(base)}), vượt mức 20% "
            f"({format_vnd(math.floor(cap))})"
        )
        if total <= most:
            excess = math.ceil(total - cap)
            text += f" {format_vnd(excess)}: chỉ được phê duyệt khi {approver} cho phép, tối đa 50%."
            severity = BreachSeverity.WARNING
        else:
            excess = math.ceil(total - most)
            text += (
                f", vượt cả mức tối đa 50% ({format_vnd(math.floor(most))}) {format_vnd(excess)}: không được phê "
                f"duyệt kể cả khi {approver} cho phép."
            )
            severity = BreachSeverity.ERROR
        found.append(
            _breach(
                "PI-07",
                severity,
                day,
                text,
                amount=excess,
                facts={
                    "budget": level.value,
                    "carried": round(total),
                    "base": base,
                    "share_basis_points": round(total * 10_000 / base) if base else None,
                    "approver": approver,
                },
            )
        )
    return found


def _percent(share: Fraction) -> str:
    value = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return f"{format_number(value, 2)}%"


def _authority(draft: DraftPlan) -> list[Breach]:
    """PI-09: the adjustment's recorded deciding body may decide it; if none is recorded yet, say who must."""
    authority = required_authority(draft)
    required = authority.body
    if required is None:
        return []
    plan = draft.plan
    recorded = plan.deciding_body
    amount = sum(r.amount for r in authority.requirements)
    facts: dict[str, FactValue] = {"required_body": required.value, "recorded_body": recorded.value}
    if recorded is DecidingBody.NONE:
        return [
            _breach(
                "PI-09",
                BreachSeverity.INFO,
                plan.law_day,
                f"Điều chỉnh so với phiên bản đã duyệt: {authority.reason}.",
                amount=amount,
                facts=facts,
                verify=authority.verify,
                citation="; ".join(dict.fromkeys(r.citation for r in authority.requirements)),
            )
        ]
    wrong = [r for r in authority.requirements if recorded not in r.may_decide]
    if not wrong:
        return []
    return [
        _breach(
            "PI-09",
            BreachSeverity.ERROR,
            plan.law_day,
            f"Phiên bản điều chỉnh ghi cấp quyết định là {recorded.label.vi}, không đúng thẩm quyền: {r.reason}.",
            source=r.sources[0] if len(r.sources) == 1 else None,
            amount=r.amount,
            facts={**facts, "case": r.case.value, "budget": r.budget.value, "required_body": r.body.value},
            verify=r.verify,
            citation=r.citation,
        )
        for r in wrong
    ]
