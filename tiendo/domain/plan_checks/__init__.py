"""Every rule a draft public-investment plan version breaks, and who may decide an adjustment.

A plan version (annual or medium-term, original or adjustment) arrives as frozen dataclasses: the plan
(`PlanFacts`), its capital sources (`SourceFacts`), the projects it funds (`ProjectPlanFacts`) and its lines
(`Line`: project, source, amount in đồng); an adjustment also brings the lines of the approved version it changes.
`check_plan` returns every breach, most severe first, each with its rule id from docs/legal/public-investment.md,
the citation of the law version in force, the project and/or source, the amount by which it breaks and one
Vietnamese sentence with the money written out.

Law versions: the Law on Public Investment 39/2019 until 31/12/2024, 58/2024 from 01/01/2025, amended by Law
90/2025 from 01/07/2025 (whose text tiendo has not read: its citations ask to verify). A check cites the version in
force on the day the plan version is decided, or on 1 January of its first year while that day is unknown.

The package, bottom to top: `vocabulary`, `facts` (a plan version, `DraftIndex`), `citations` (the law in force,
`PLAN_RULES`), `breaches` (`Breach`, sorting, counts), `comparison` (two versions line by line), `authority` (PI-09),
`periods` (PI-06, PI-07) and `checks` (`check_plan`, with OVER_NEED, OVER_SOURCE, PI-03, PI-04). Everything public is
importable from here.

The checks:
- OVER_NEED, OVER_SOURCE: a project above its need, a source above what it has (Art. 61(5), Art. 51(2)).
- PI-03: an annual amount above the medium-term plan's remainder, per project and per source (Art. 51(7));
  only a warning in the first year of the medium-term period, which the law exempts.
- PI-04: capital to a project that may not be funded (Art. 55-56).
- PI-06: capital past the group's allocation period (Art. 57), naming who may extend.
- PI-07: projects carried into the next medium-term period above 20% of the period's capital (Art. 93(2)-(3)).
- PI-09: an adjustment recorded as decided by a body that may not decide it (Art. 71); `required_authority`
  tells the UI who must decide and why.

A breach's severity is the domain's one vocabulary (`tiendo.domain.severity.Severity`, its scale error, warning,
info).
"""

from tiendo.domain.allocation import Tier
from tiendo.domain.plan_checks.authority import Authority, Requirement, authority_breaches, required_authority
from tiendo.domain.plan_checks.breaches import Breach, BreachSummary, make_breach, sort_breaches, summarise
from tiendo.domain.plan_checks.checks import check_plan
from tiendo.domain.plan_checks.citations import PLAN_RULES, PlanRule, law_in_force, public_citation
from tiendo.domain.plan_checks.comparison import Change, Comparison, LineChange, compare
from tiendo.domain.plan_checks.facts import (
    PERIOD_ORIGIN,
    PERIOD_YEARS,
    DraftIndex,
    DraftPlan,
    Line,
    PlanFacts,
    ProjectPlanFacts,
    SourceFacts,
    medium_term_period,
)
from tiendo.domain.plan_checks.periods import TRANSITIONAL_CAP, TRANSITIONAL_MAX
from tiendo.domain.plan_checks.vocabulary import (
    BODY_LABELS,
    BUDGET_LABELS,
    CHANGE_LABELS,
    AdjustmentCase,
    BudgetLevel,
    ChangeKind,
    DecidingBody,
    GovernmentLevel,
    PlanKind,
    SourceKind,
)
from tiendo.domain.schedule_rules import ALLOCATION_YEARS, FactValue
from tiendo.domain.severity import SEVERITY_LABELS, Severity

__all__ = [
    "ALLOCATION_YEARS",
    "BODY_LABELS",
    "BUDGET_LABELS",
    "CHANGE_LABELS",
    "PERIOD_ORIGIN",
    "PERIOD_YEARS",
    "PLAN_RULES",
    "SEVERITY_LABELS",
    "TRANSITIONAL_CAP",
    "TRANSITIONAL_MAX",
    "AdjustmentCase",
    "Authority",
    "Breach",
    "BreachSummary",
    "BudgetLevel",
    "Change",
    "ChangeKind",
    "Comparison",
    "DecidingBody",
    "DraftIndex",
    "DraftPlan",
    "FactValue",
    "GovernmentLevel",
    "Line",
    "LineChange",
    "PlanFacts",
    "PlanKind",
    "PlanRule",
    "ProjectPlanFacts",
    "Requirement",
    "Severity",
    "SourceFacts",
    "SourceKind",
    "Tier",
    "authority_breaches",
    "check_plan",
    "compare",
    "law_in_force",
    "make_breach",
    "medium_term_period",
    "public_citation",
    "required_authority",
    "sort_breaches",
    "summarise",
]
