"""Every rule a draft plan version breaks (`check_plan`): the checks of need, sources, the medium-term plan and
eligibility here, the allocation period and carried projects in `periods`, the authority to adjust in `authority`.

- OVER_NEED, OVER_SOURCE: a project above its need, a source above what it has (Art. 61(5), Art. 51(2)).
- PI-03: an annual amount above the medium-term plan's remainder, per project and per source (Art. 51(7));
  only a warning in the first year of the medium-term period, which the law exempts.
- PI-04: capital to a project that may not be funded (Art. 55-56).
The rule ids are those of docs/legal/public-investment.md.
"""

from __future__ import annotations

from tiendo.domain.allocation import Tier  # one vocabulary of the order of priority for both engines
from tiendo.domain.messages import Message, Money
from tiendo.domain.plan_checks.authority import authority_breaches
from tiendo.domain.plan_checks.breaches import Breach, make_breach, sort_breaches
from tiendo.domain.plan_checks.facts import DraftIndex, DraftPlan, PlanFacts
from tiendo.domain.plan_checks.messages import msg, plan_name
from tiendo.domain.plan_checks.periods import allocation_period, transitional
from tiendo.domain.plan_checks.vocabulary import PlanKind
from tiendo.domain.severity import Severity


def check_plan(draft: DraftPlan) -> list[Breach]:
    """Every rule the draft version breaks, errors first then by project (empty when it is in order)."""
    ctx = DraftIndex.of(draft)
    breaches: list[Breach] = []
    breaches += _over_need(draft, ctx)
    breaches += _over_source(draft, ctx)
    breaches += _medium_term_fit(draft, ctx)
    breaches += _eligibility(draft, ctx)
    breaches += allocation_period(draft, ctx)
    breaches += transitional(draft, ctx)
    breaches += authority_breaches(draft)
    return sort_breaches(breaches)


def _over_need(draft: DraftPlan, ctx: DraftIndex) -> list[Breach]:
    """Art. 61(5): no project gets more than its approved capital; here, more than its remaining need."""
    found = []
    for code, total in ctx.by_project.items():
        need = ctx.projects[code].need
        if total > need:
            found.append(
                make_breach(
                    "OVER_NEED",
                    Severity.ERROR,
                    draft.plan.law_day,
                    msg(
                        "pc.over_need",
                        plan=plan_name(draft.plan),
                        code=code,
                        total=Money(total),
                        need=Money(need),
                        excess=Money(total - need),
                    ),
                    project=code,
                    amount=total - need,
                    facts={"allocated": total, "need": need},
                )
            )
    return found


def _over_source(draft: DraftPlan, ctx: DraftIndex) -> list[Breach]:
    """Art. 51(2), 61(2): a plan fits what each source can give."""
    found = []
    for code, total in ctx.by_source.items():
        source = ctx.sources[code]
        if total > source.available:
            found.append(
                make_breach(
                    "OVER_SOURCE",
                    Severity.ERROR,
                    draft.plan.law_day,
                    msg(
                        "pc.over_source",
                        source=source.shown,
                        total=Money(total),
                        available=Money(source.available),
                        excess=Money(total - source.available),
                    ),
                    source=code,
                    amount=total - source.available,
                    facts={"allocated": total, "available": source.available},
                )
            )
    return found


def _first_year_note(plan: PlanFacts) -> tuple[bool, Message | None]:
    first, last = plan.period
    if plan.first_year != first:
        return False, None
    return True, msg("pc.first_year", first=first, last=last)


def _medium_term_fit(draft: DraftPlan, ctx: DraftIndex) -> list[Breach]:
    """Art. 51(7): an annual plan fits the approved medium-term plan, except in the period's first year."""
    plan = draft.plan
    if plan.kind is not PlanKind.ANNUAL:
        return []
    first_year, note = _first_year_note(plan)
    severity = Severity.WARNING if first_year else Severity.ERROR
    found = []
    for code, total in ctx.by_project.items():
        remainder = ctx.projects[code].medium_term_remainder
        if remainder is not None and total > remainder:
            found.append(
                make_breach(
                    "PI-03-project",
                    severity,
                    plan.law_day,
                    msg(
                        "pc.project_over_medium_term",
                        plan=plan_name(plan),
                        code=code,
                        total=Money(total),
                        remainder=Money(remainder),
                        excess=Money(total - remainder),
                        note=note,
                    ),
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
                make_breach(
                    "PI-03-source",
                    severity,
                    plan.law_day,
                    msg(
                        "pc.source_over_medium_term",
                        source=source.shown,
                        plan=plan_name(plan, inside=True),
                        total=Money(total),
                        remainder=Money(remainder),
                        excess=Money(total - remainder),
                        note=note,
                    ),
                    source=code,
                    amount=total - remainder,
                    facts={"allocated": total, "medium_term_remainder": remainder, "first_year": first_year},
                )
            )
    return found


def _eligibility(draft: DraftPlan, ctx: DraftIndex) -> list[Breach]:
    """Art. 56 (annual): in the medium-term plan and decided; Art. 55 (medium-term): a new project has a policy."""
    plan = draft.plan
    found = []
    for code, total in ctx.by_project.items():
        p = ctx.projects[code]
        if total == 0 or p.tier is Tier.SPECIAL_OR_EMERGENCY:
            continue
        given = msg("pc.given", plan=plan_name(plan), total=Money(total), code=code)
        if plan.kind is PlanKind.ANNUAL:
            if not p.has_investment_decision:
                what = msg("pc.no_estimate" if p.tier is Tier.PREPARATION else "pc.no_decision")
                found.append(
                    make_breach(
                        "PI-04-decision",
                        Severity.ERROR,
                        plan.law_day,
                        msg("pc.not_eligible_annual", given=given, what=what),
                        project=code,
                        amount=total,
                        facts={"allocated": total},
                        article_2024="Điều 56 khoản 3" if p.tier is Tier.PREPARATION else None,
                    )
                )
            if not p.in_medium_term_plan:
                first_year, note = _first_year_note(plan)
                found.append(
                    make_breach(
                        "PI-04-medium-term",
                        Severity.WARNING if first_year else Severity.ERROR,
                        plan.law_day,
                        msg("pc.not_in_medium_term", given=given, note=note),
                        project=code,
                        amount=total,
                        facts={"allocated": total, "first_year": first_year},
                    )
                )
        elif p.tier is Tier.NEW and not p.policy_decided:
            found.append(
                make_breach(
                    "PI-04-policy",
                    Severity.ERROR,
                    plan.law_day,
                    msg("pc.no_policy", given=given),
                    project=code,
                    amount=total,
                    facts={"allocated": total},
                )
            )
    return found
