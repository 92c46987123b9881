"""PI-09: who may decide an adjustment of a plan, from what it changes (docs/legal/public-investment.md PI-09).

Art. 71 of the Law on Public Investment 2024 (2019: Art. 67) as a table: the budget, what the adjustment changes,
the plan's kind and the law in force give the body that must decide; `authority_breaches` reports an adjustment
recorded as decided by another body, or names who must decide one not decided yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from tiendo.domain.messages import Message, Money
from tiendo.domain.plan_checks.breaches import Breach, make_breach
from tiendo.domain.plan_checks.citations import PLAN_RULES, law_in_force
from tiendo.domain.plan_checks.comparison import Change, Comparison, compare
from tiendo.domain.plan_checks.facts import DraftIndex, DraftPlan, PlanFacts, SourceFacts
from tiendo.domain.plan_checks.messages import msg, semicolons
from tiendo.domain.plan_checks.vocabulary import AdjustmentCase, BudgetLevel, DecidingBody, GovernmentLevel, PlanKind
from tiendo.domain.schedule_rules import (
    PUBLIC_2019,
    FactValue,
)
from tiendo.domain.severity import Severity

_COUNCIL: Final = {
    GovernmentLevel.PROVINCE: DecidingBody.PROVINCIAL_COUNCIL,
    GovernmentLevel.COMMUNE: DecidingBody.COMMUNE_COUNCIL,
}
_COMMITTEE: Final = {
    GovernmentLevel.PROVINCE: DecidingBody.PROVINCIAL_COMMITTEE,
    GovernmentLevel.COMMUNE: DecidingBody.COMMUNE_COMMITTEE,
}


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
    message: Message | None = None  # the reason, to render in any language


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
    def message(self) -> Message | None:
        """The reason as a message (None when nothing changes)."""
        parts = [r.message for r in self.requirements if r.message is not None]
        return semicolons(parts) if parts else None

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
    ctx = DraftIndex.of(draft)
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
    comparison: Comparison, codes: set[str], ctx: DraftIndex, budget: BudgetLevel
) -> tuple[AdjustmentCase, tuple[str, ...], int, Message] | None:
    """What the adjustment does to one budget's sources: (case, sources, capital concerned, message), or None."""
    label = budget.label
    totals = [c for c in comparison.sources if c.key in codes and c.delta]
    if totals:
        shown = tuple(msg("pc.auth.change", key=c.key, old=Money(c.old), new=Money(c.new)) for c in totals)
        what = msg("pc.auth.totals", budget=label, shown=shown)
        return AdjustmentCase.TOTAL_CHANGED, _keys(totals), sum(abs(c.delta) for c in totals), what
    moves = [(unit, c) for unit, c in comparison.unit_sources if c.key in codes and c.delta]
    if moves:
        units = ", ".join(sorted({unit for unit, _ in moves}))
        amount = sum(c.delta for _, c in moves if c.delta > 0)
        what = msg("pc.auth.between_units", amount=Money(amount), budget=label, units=units)
        return AdjustmentCase.BETWEEN_UNITS, _keys([c for _, c in moves]), amount, what
    lines = [line for line in comparison.lines if line.source in codes and line.delta]
    if lines:
        units = ", ".join(sorted({ctx.projects[line.project].owner_unit for line in lines}))
        amount = sum(line.delta for line in lines if line.delta > 0)
        what = msg("pc.auth.within_unit", amount=Money(amount), budget=label, units=units)
        return AdjustmentCase.WITHIN_UNIT, tuple(sorted({line.source for line in lines})), amount, what
    return None


def _keys(changes: Iterable[Change]) -> tuple[str, ...]:
    return tuple(sorted({c.key for c in changes}))


def _requirement(
    plan: PlanFacts, budget: BudgetLevel, case: AdjustmentCase, sources: tuple[str, ...], amount: int, what: Message
) -> Requirement:
    """Art. 71 (2019: Art. 67) as a table: (budget, case, plan kind, law) -> who decides, its article, how sure."""
    day = plan.law_day
    law_2019 = law_in_force(day) is PUBLIC_2019
    council, committee = _COUNCIL[plan.level], _COMMITTEE[plan.level]
    report = msg("pc.auth.report", council=council.label)
    medium = plan.kind is PlanKind.MEDIUM_TERM
    body, article, verify = council, "Điều 71 khoản 7", law_2019
    how: Message | None = None
    if case is AdjustmentCase.TOTAL_CHANGED:
        how = msg("pc.auth.how.total")
        if budget is BudgetLevel.CENTRAL:
            how = msg("pc.auth.how.central_total")
            verify = True
    elif budget is BudgetLevel.CENTRAL and medium:
        body, article, verify = DecidingBody.PRIME_MINISTER, "Điều 71 khoản 3 điểm b", True
        how = msg("pc.auth.how.central_medium")
    elif budget is BudgetLevel.CENTRAL:
        body, article = committee, "Điều 71 khoản 6 điểm a"
        how = msg("pc.auth.how.central_annual", report=report)
    elif case is AdjustmentCase.WITHIN_UNIT:
        body, article = committee, "Điều 71 khoản 8 điểm b"
        how = msg("pc.auth.how.within_unit", council=council.label)
    elif medium and not law_2019:
        body, article, how = committee, "Điều 71 khoản 8 điểm a", report
    else:
        article = "Điều 71 khoản 7 điểm c"
        if medium:
            how = msg("pc.auth.how.medium_2019")
    may_decide = frozenset({body} if body in (council, DecidingBody.PRIME_MINISTER) else {body, council})
    c = PLAN_RULES["PI-09"].cite_on(day, article)
    return Requirement(
        case=case,
        budget=budget,
        body=body,
        may_decide=may_decide,
        sources=sources,
        amount=amount,
        reason=msg("pc.auth.reason", what=what, body=body.label, how=how).vi,
        citation=c.citation,
        verify=c.verify or verify,
        message=msg("pc.auth.reason", what=what, body=body.label, how=how),
    )


def authority_breaches(draft: DraftPlan) -> list[Breach]:
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
            make_breach(
                "PI-09",
                Severity.INFO,
                plan.law_day,
                msg("pc.auth.info", reason=authority.message),
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
        make_breach(
            "PI-09",
            Severity.ERROR,
            plan.law_day,
            msg("pc.auth.wrong", recorded=recorded.label, reason=r.message),
            source=r.sources[0] if len(r.sources) == 1 else None,
            amount=r.amount,
            facts={**facts, "case": r.case.value, "budget": r.budget.value, "required_body": r.body.value},
            verify=r.verify,
            citation=r.citation,
        )
        for r in wrong
    ]
