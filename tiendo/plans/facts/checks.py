"""A version as the plan checks read it (tiendo.domain.plan_checks): the rules it breaks and who must decide the
adjustment (PI-09), ready for the page, the command and the approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone, translation

from tiendo.agencies.models import Agency
from tiendo.domain import plan_checks
from tiendo.domain.messages import Message
from tiendo.domain.projects import ProjectGroup
from tiendo.domain.schedule_rules import Text

from ..bodies import in_words_of_day
from ..models import Plan, PlanVersion, Source
from .version import (
    ITEM_COLUMNS,
    VersionFacts,
    has_decision,
    law_day,
    load,
    medium_term_remainders,
    project_group,
)


@dataclass
class Breach:
    """One rule a version breaks, ready for the page, the command and the approval."""

    rule: str
    severity: str  # error, warning, info
    message: str
    citation: str = ""
    project: str = ""
    item_id: int | None = None
    source: str = ""
    amount: int = 0
    verify: bool = False
    title: Text | None = None
    text: Message | None = None  # the message, to read in the page's language

    def reasoning(self, language: str) -> str:
        return self.text.render(language) if self.text is not None else self.message

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "project": self.project or None,
            "source": self.source or None,
            "amount": self.amount,
            "citation": self.citation,
            "verify": self.verify,
            "explanation": self.message,
        }


BODY_OF = {
    PlanVersion.Body.PROVINCIAL_COUNCIL: plan_checks.DecidingBody.PROVINCIAL_COUNCIL,
    PlanVersion.Body.PROVINCIAL_COMMITTEE: plan_checks.DecidingBody.PROVINCIAL_COMMITTEE,
    PlanVersion.Body.COMMITTEE_CHAIRMAN: plan_checks.DecidingBody.PROVINCIAL_CHAIRMAN,
    PlanVersion.Body.COMMUNE_COUNCIL: plan_checks.DecidingBody.COMMUNE_COUNCIL,
    PlanVersion.Body.COMMUNE_COMMITTEE: plan_checks.DecidingBody.COMMUNE_COMMITTEE,
    PlanVersion.Body.PRIME_MINISTER: plan_checks.DecidingBody.PRIME_MINISTER,
}
BODY_FROM = {body: choice for choice, body in BODY_OF.items()}


def _budget_level(source: Source) -> plan_checks.BudgetLevel:
    if source.foreign:
        return plan_checks.BudgetLevel.FOREIGN
    if source.level == Source.Level.CENTRAL:
        return plan_checks.BudgetLevel.CENTRAL
    return plan_checks.BudgetLevel.LOCAL


def draft_plan(version: PlanVersion, facts: VersionFacts | None = None) -> plan_checks.DraftPlan:
    """The version as tiendo.domain.plan_checks reads it; an adjustment brings the lines of its base version."""
    facts = facts or load(version)
    plan = version.plan
    base_lines = list(version.based_on.lines.values_list("item__project_id", "source_id", "amount")) if (
        version.based_on_id
    ) else None  # fmt: skip
    rows = {row["project_id"]: row for row in facts.items}
    missing = {project_id for project_id, _s, _a in base_lines or ()} - rows.keys()
    if missing:  # a project of the base version that this one dropped: its facts from the base version
        for row in version.based_on.items.filter(project_id__in=missing).values(*ITEM_COLUMNS):
            rows[row["project_id"]] = row
    agencies = dict(Agency.objects.filter(pk__in={r["project__agency_id"] for r in rows.values()}).values_list(
        "pk", "code"))  # fmt: skip
    used = set(facts.budgets) | {s for _i, s, _a, _m in facts.lines} | {s for _p, s, _a in base_lines or ()}
    remainders = medium_term_remainders(plan)
    projects = []
    for row in rows.values():
        group = project_group(row)
        projects.append(
            plan_checks.ProjectPlanFacts(
                code=row["project__code"],
                owner_unit=agencies.get(row["project__agency_id"], "—"),
                group=group or ProjectGroup.C,
                tier=plan_checks.Tier(row["tier"]),
                need=row["need"],
                has_investment_decision=has_decision(row),
                has_policy_decision=True if row["project__policy_decision_number"] else None,
                in_medium_term_plan=True if facts.in_medium_term is None else row["project_id"] in facts.in_medium_term,
                medium_term_remainder=remainders[0].get(row["project_id"], 0) if remainders else None,
                first_allocation_year=row["project__funding__first_allocation_year"] if group else None,
                handed_over_year=row["project__funding__handed_over_year"],
                allocation_extension_years=row["project__funding__allocation_extension_years"] or 0,
                transitional_into_next_period=row["transitional_into_next"],
                total_investment=row["project__total_investment"] or None,
            )
        )
    sources = [
        plan_checks.SourceFacts(
            code=source.code,
            available=facts.budgets.get(source.pk, 0),
            level=_budget_level(source),
            kind=plan_checks.SourceKind.ODA if source.foreign else plan_checks.SourceKind.GENERAL,
            name=source.name,
            medium_term_remainder=remainders[1].get(source.pk, 0) if remainders else None,
        )
        for source in Source.objects.filter(pk__in=used)
    ]
    item_project = {row["pk"]: row["project__code"] for row in facts.items}
    code_of = {row["project_id"]: row["project__code"] for row in rows.values()}
    lines = [
        plan_checks.Line(item_project[item_id], facts.sources[source_id], amount)
        for item_id, source_id, amount, _manual in facts.lines
    ]
    approved = (
        [plan_checks.Line(code_of[p], facts.sources[s], a) for p, s, a in base_lines]
        if base_lines is not None
        else None
    )
    info = plan_checks.PlanFacts(
        kind=plan_checks.PlanKind(plan.kind),
        first_year=plan.first_year,
        last_year=plan.last_year if plan.kind == Plan.Kind.MEDIUM_TERM else None,
        decided_on=law_day(version),
        deciding_body=BODY_OF.get(version.decision_body, plan_checks.DecidingBody.NONE),
        period_first_year=plan.medium_term.first_year if plan.medium_term_id else None,
    )
    return plan_checks.DraftPlan(plan=info, sources=sources, projects=projects, lines=lines, approved_lines=approved)


def breaches(version: PlanVersion) -> list[Breach]:
    """Every rule the version breaks, errors first (tiendo.domain.plan_checks.check_plan)."""
    return checks(version)[0]


def _breaches(draft: plan_checks.DraftPlan, facts: VersionFacts) -> list[Breach]:
    item_of = {row["project__code"]: row["pk"] for row in facts.items}
    return [
        Breach(
            rule=b.rule,
            severity=b.severity.value,
            message=b.explanation,
            citation=b.citation,
            project=b.project or "",
            item_id=item_of.get(b.project or ""),
            source=b.source or "",
            amount=b.amount,
            verify=b.verify,
            title=b.title,
            text=b.message,
        )
        for b in plan_checks.check_plan(draft)
        if not (b.rule == "PI-09" and b.severity is plan_checks.Severity.INFO)  # said by `decider`
    ]


@dataclass
class Decider:
    """Who must decide this adjustment (PI-09): the body, why, and the article."""

    body: str  # a PlanVersion.Body value (the approval form pre-selects it), "" when none is needed
    label: str
    message: str
    citation: str = ""
    text: Message | None = None  # the message, to read in the page's language

    def reasoning(self, language: str) -> str:
        return self.text.render(language) if self.text is not None else self.message


def decider(version: PlanVersion) -> Decider | None:
    return checks(version)[1]


def _decider(draft: plan_checks.DraftPlan, day: date) -> Decider | None:
    if draft.approved_lines is None:
        return None
    authority = plan_checks.required_authority(draft)
    body = authority.body
    if body is None:
        return None
    language = translation.get_language() or "vi"
    citation = "; ".join(dict.fromkeys(r.citation for r in authority.requirements))
    label = in_words_of_day(body.label.get(language), day)
    return Decider(BODY_FROM.get(body, ""), label, authority.reason, citation, authority.message)


def checks(version: PlanVersion) -> tuple[list[Breach], Decider | None]:
    """The breaches and who must decide, from one reading of the version."""
    facts = load(version)
    draft = draft_plan(version, facts)
    return _breaches(draft, facts), _decider(draft, version.decision_date or timezone.localdate())
