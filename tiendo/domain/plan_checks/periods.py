"""PI-06 and PI-07: capital past a project's allocation period, and projects carried into the next period.

See docs/legal/public-investment.md: the allocation period of Art. 57 (2019: Art. 52(2)), naming who may extend it,
and the 20% (at most 50%) of a medium-term period's capital that projects carried into the next one may take
(Art. 93(2)-(3)).
"""

from __future__ import annotations

import math
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from typing import Final

from tiendo.domain.allocation import Tier  # one vocabulary of the order of priority for both engines
from tiendo.domain.languages import Text
from tiendo.domain.messages import Money, Number
from tiendo.domain.plan_checks.breaches import Breach, make_breach
from tiendo.domain.plan_checks.citations import law_in_force
from tiendo.domain.plan_checks.facts import DraftIndex, DraftPlan
from tiendo.domain.plan_checks.messages import CARRIED_APPROVER, joined, msg, plan_name
from tiendo.domain.plan_checks.vocabulary import BudgetLevel, PlanKind, SourceKind
from tiendo.domain.projects import ProjectGroup
from tiendo.domain.schedule_rules import (
    ALLOCATION_YEARS,
    LARGE_GROUP_A,
    PUBLIC_2019,
)
from tiendo.domain.severity import Severity

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


def allocation_period(draft: DraftPlan, ctx: DraftIndex) -> list[Breach]:
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
        uncertain = None if certain else msg("pc.period.uncertain", year=year, last=last_allowed)
        article: str | None
        most = 1
        total_investment = p.total_investment
        if p.group is ProjectGroup.A and total_investment is not None:
            if LARGE_GROUP_A[0] <= total_investment < LARGE_GROUP_A[1]:
                most = 2
        left = max(0, most - granted)
        who = []
        if law_2019:
            if local or not central:
                who.append(msg("pc.period.council_2019"))
            if central:
                who.append(msg("pc.period.prime_minister_2019"))
            rest = msg("pc.period.law_2019", who=joined(who, "pc.semicolon"))
            article = None
        elif over <= left:
            if local or not central:
                who.append(msg("pc.period.chairman"))
            if central:
                who.append(msg("pc.period.policy_level"))
            rest = msg("pc.period.extendable", most=most, left=left, who=joined(who, "pc.or"))
            article = "Điều 57 khoản 3"
        else:
            if local or not central:
                who.append(msg("pc.period.council_review"))
            if central:
                who.append(msg("pc.period.ministry_review"))
            rest = msg("pc.period.exhausted", most=most, who=joined(who, "pc.semicolon"))
            article = "Điều 57 khoản 3 điểm d"
        found.append(
            make_breach(
                "PI-06",
                Severity.ERROR if certain else Severity.WARNING,
                day,
                msg(
                    "pc.period",
                    plan=plan_name(plan),
                    total=Money(total),
                    code=code,
                    group=p.group.value,
                    first=first,
                    limit=limit,
                    extended=msg("pc.period.extended", years=granted) if granted else None,
                    last=last_allowed,
                    uncertain=uncertain,
                    rest=rest,
                ),
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


def transitional(draft: DraftPlan, ctx: DraftIndex) -> list[Breach]:
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
                make_breach(
                    "PI-07",
                    Severity.WARNING,
                    day,
                    msg("pc.carried.no_total", code=code),
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
        who = CARRIED_APPROVER["central" if level is BudgetLevel.CENTRAL else "local"]
        approver = who.vi
        label = level.label
        if total <= most:
            excess = math.ceil(total - cap)
            rest = msg("pc.carried.allowed", excess=Money(excess), approver=who)
            severity = Severity.WARNING
        else:
            excess = math.ceil(total - most)
            rest = msg("pc.carried.refused", most=Money(math.floor(most)), excess=Money(excess), approver=who)
            severity = Severity.ERROR
        text = msg(
            "pc.carried",
            budget=Text(label.vi.capitalize(), label.en[:1].upper() + label.en[1:], label.zh),
            count=len(projects[level]),
            codes=tuple(projects[level]),
            total=Money(round(total)),
            share=msg("pc.carried.percent", value=Number(_share(total / base))) if base else "—",
            first=plan.first_year,
            last=plan.end_year,
            base=Money(base),
            cap=Money(math.floor(cap)),
            rest=rest,
        )
        found.append(
            make_breach(
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


def _share(share: Fraction) -> Decimal:
    return Decimal(share.numerator * 100) / Decimal(share.denominator)
