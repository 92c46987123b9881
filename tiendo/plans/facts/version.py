"""A plan version read from the database as plain values, in a handful of queries whatever its size.

Fetch first, then compute (Saleor's checkout/fetch.py): the allocation and the checks both start from these facts,
one query per table, values only, no model instances.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Sum
from django.utils import timezone

from tiendo.domain.projects import ProjectGroup

from ..models import Plan, PlanLine, PlanVersion, Source


@dataclass
class VersionFacts:
    version: PlanVersion
    sources: dict[int, str]  # source pk -> code (every source of the tree)
    budgets: dict[int, int]  # source pk -> capital available
    items: list[dict]  # one dict per item: its own columns, the project's and its funding facts
    lines: list[tuple[int, int, int, bool]]  # (item pk, source pk, amount, manual)
    in_medium_term: set[int] | None  # project pks of the medium-term plan in force (annual plans); None: unknown

    @property
    def codes(self) -> dict[str, int]:
        return {code: pk for pk, code in self.sources.items()}


ITEM_COLUMNS = (
    "pk",
    "project_id",
    "tier",
    "need",
    "floor",
    "eligible_sources",
    "capital_before",
    "transitional_into_next",
    "note",
    "project__code",
    "project__name",
    "project__group",
    "project__agency_id",
    "project__commune_id",
    "project__total_investment",
    "project__policy_decision_number",
    "project__funding__investment_decision_number",
    "project__funding__investment_decision_date",
    "project__funding__first_allocation_year",
    "project__funding__handed_over_year",
    "project__funding__allocation_extension_years",
    "project__funding__finish_year",
)


def medium_term_projects(plan: Plan) -> set[int] | None:
    """The projects of the medium-term plan in force over an annual plan (PI-04); None when none is linked."""
    if plan.kind != Plan.Kind.ANNUAL or plan.medium_term_id is None:
        return None
    current = plan.medium_term.current_version()
    if current is None:
        return None
    return set(current.items.values_list("project_id", flat=True))


def load(version: PlanVersion) -> VersionFacts:
    """The version in five queries whatever its size."""
    return VersionFacts(
        version=version,
        sources=dict(Source.objects.values_list("pk", "code")),
        budgets=dict(version.budgets.values_list("source_id", "available")),
        items=list(version.items.order_by("project__code").values(*ITEM_COLUMNS)),
        lines=list(version.lines.values_list("item_id", "source_id", "amount", "manual")),
        in_medium_term=medium_term_projects(version.plan),
    )


def has_decision(row: dict) -> bool:
    return bool(
        row["project__funding__investment_decision_number"] and row["project__funding__investment_decision_date"]
    )


def law_day(version: PlanVersion) -> date | None:
    """The day whose law governs the version: its decision, or today for a draft (it will be decided under the law
    in force now); None for an approved version whose decision date was not recorded."""
    if version.decision_date is not None:
        return version.decision_date
    return timezone.localdate() if version.state == PlanVersion.State.DRAFT else None


def project_group(row: dict) -> ProjectGroup | None:
    try:
        return ProjectGroup(row["project__group"])
    except ValueError:
        return None


def medium_term_remainders(plan: Plan) -> tuple[dict[int, int], dict[int, int]] | None:
    """An annual plan: what its medium-term plan in force still leaves per project and per source, after the other
    annual plans of the period in force (PI-03); None without a medium-term plan in force."""
    if plan.kind != Plan.Kind.ANNUAL or plan.medium_term_id is None:
        return None
    medium = plan.medium_term.current_version()
    if medium is None:
        return None
    others = [
        v.pk
        for v in (
            PlanVersion.objects.filter(plan__medium_term_id=plan.medium_term_id, state=PlanVersion.State.APPROVED)
            .exclude(plan=plan)
            .only("pk")
        )
    ]
    by_project: dict[int, int] = defaultdict(int)
    by_source: dict[int, int] = defaultdict(int)
    rows = (
        PlanLine.objects.filter(version__in=[medium.pk, *others])
        .order_by()
        .values_list("version_id", "item__project_id", "source_id")
        .annotate(total=Sum("amount"))
    )
    for version_id, project_id, source_id, total in rows:
        sign = 1 if version_id == medium.pk else -1
        by_project[project_id] += sign * total
        by_source[source_id] += sign * total
    return dict(by_project), dict(by_source)
