"""Which law orders the tiers, how its clauses are cited, and who may be funded at all (PI-04, PI-06).

A project refused here gets nothing and a `Violation`; the model never sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from tiendo.domain.allocation.inputs import Plan, Project
from tiendo.domain.allocation.messages import TIER_NAMES  # noqa: F401 (registers the templates the messages use)
from tiendo.domain.allocation.tiers import NAMED_2019, POINTS_2024, PRIORITY_2019, PlanKind, PriorityLaw, Tier
from tiendo.domain.messages import Message, Param
from tiendo.domain.projects import ProjectGroup
from tiendo.domain.schedule_rules import ALLOCATION_YEARS, PUBLIC_2019, PUBLIC_2024, PUBLIC_2024_AMENDED, Law

_UNLIMITED: Final = frozenset({ProjectGroup.NATIONAL})  # the National Assembly sets their period (Art. 57)


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


def tier_citation_message(tier: Tier, law: PriorityLaw, text: Law) -> Param:
    """`tier_citation` in any language: the 2024 clause is a legal reference, the 2019 level is words around one."""
    if law is PriorityLaw.LAW_2024:
        return tier_citation(tier, law, text)
    levels = sorted(set(PRIORITY_2019.values()))
    place: dict[str, Param] = {
        "place": levels.index(PRIORITY_2019[tier]) + 1,
        "count": len(levels),
        "article": f"Điều 51 {_law_name(text)}",
    }
    return Message("al.citation.2019.named" if tier in NAMED_2019 else "al.citation.2019.unnamed", place)


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
    rule: str  # PI-04 or PI-06 (docs/legal/public-investment.md)
    citation: str
    explanation: str
    verify: bool = False  # the article is from a secondary source: check it before relying on it
    message: Message | None = field(default=None, compare=False)  # the explanation in any language (its `.vi`)


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
        cited: Param = Message("al.pi04.annual_2019", {"law": _law_name(text)}) if old else citation
        # Art. 56: preparation tasks need an approved cost estimate instead of an investment decision
        if not project.has_investment_decision and project.tier is not Tier.PREPARATION:
            found.append(
                Violation(
                    project.code,
                    "PI-04",
                    citation,
                    f"Chưa có quyết định đầu tư: không đủ điều kiện bố trí vốn kế hoạch hằng năm ({citation}).",
                    verify=old,
                    message=Message("al.pi04.no_decision", {"citation": cited}),
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
                    message=Message("al.pi04.not_in_medium_term", {"citation": cited}),
                )
            )
    elif project.tier is Tier.NEW and not project.has_investment_decision:
        citation = (
            f"{_law_name(text)}, điều kiện bố trí vốn kế hoạch trung hạn" if old else f"Điều 55 {_law_name(text)}"
        )
        medium: Param = Message("al.pi04.medium_2019", {"law": _law_name(text)}) if old else citation
        found.append(
            Violation(
                project.code,
                "PI-04",
                citation,
                f"Dự án khởi công mới chưa có quyết định đầu tư: không đủ điều kiện bố trí vốn kế hoạch trung hạn "
                f"({citation}).",
                verify=old,
                message=Message("al.pi04.new_no_decision", {"citation": medium}),
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
        said_year = Message("al.pi06.year", {"year": judged})
    else:
        assert plan.period is not None
        plan_year = f"ngay năm đầu kỳ kế hoạch {plan.period[0]}-{plan.period[1]} ({judged})"
        said_year = Message("al.pi06.period", {"first": plan.period[0], "last": plan.period[1], "judged": judged})
    years = project.allocation_extension_years
    said: dict[str, Param] = {
        "group": project.group.value,
        "first": first,
        "limit": limit,
        "extended": Message("al.pi06.extended", {"years": years}) if years else None,
        "last": last_year,
        "judged": said_year,
        "citation": citation,
    }
    return Violation(
        project.code,
        "PI-06",
        citation,
        f"Dự án nhóm {project.group.value} bố trí vốn từ năm {first}, thời gian bố trí vốn tối đa {limit} năm"
        f"{extended}, đến hết năm {last_year}; {plan_year} đã quá thời hạn mà dự án chưa hoàn thành bàn giao: "
        f"không bố trí vốn ({citation}).",
        verify=old,
        message=Message("al.pi06.overrun", said),
    )
