"""What the plan pages and `tiendo plan` read: the rules a version breaks, a comparison, capital per source, the
list of plans with their version in force. Queries only; every change goes through services.py."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Sum

from .models import PlanLine, PlanVersion, Source


def breaches(version: PlanVersion):
    """Every rule the version breaks (tiendo.domain.plan_checks), most severe first."""
    from . import facts

    return facts.breaches(version)


def comparison(version: PlanVersion, against: PlanVersion | None = None):
    """The version line by line against the one it was based on (or `against`)."""
    from . import facts

    return facts.comparison(version, against or version.based_on)


def budget_rows(version: PlanVersion) -> list[dict]:
    """Per source of the version: capital available, allocated, unallocated (two queries)."""
    allocated = dict(
        version.lines.order_by()
        .values_list("source_id")
        .annotate(total=Sum("amount"))
        .values_list("source_id", "total")
    )
    rows = []
    seen = set()
    for budget in version.budgets.select_related("source").order_by("source__order", "source__code"):
        given = allocated.get(budget.source_id) or 0
        seen.add(budget.source_id)
        rows.append(
            {
                "source": budget.source,
                "budget": budget,
                "available": budget.available,
                "allocated": given,
                "unallocated": budget.available - given,
            }
        )
    missing = [pk for pk in allocated if pk not in seen]
    for source in Source.objects.filter(pk__in=missing):
        given = allocated[source.pk] or 0
        rows.append({"source": source, "budget": None, "available": 0, "allocated": given, "unallocated": -given})
    return rows


def totals(rows: list[dict]) -> dict:
    return {key: sum(r[key] for r in rows) for key in ("available", "allocated", "unallocated")}


def plan_overview(plans) -> list[dict]:
    """Each plan with its version in force, that version's total and its open drafts (three queries)."""
    plans = list(plans)
    versions = list(
        PlanVersion.objects.filter(plan__in=plans, state__in=[PlanVersion.State.APPROVED, PlanVersion.State.DRAFT])
        .order_by("plan_id", "-number")
        .only("pk", "plan_id", "number", "state", "title", "decision_number", "decision_date", "decision_body")
    )
    in_force: dict[int, PlanVersion] = {}
    drafts: dict[int, list[PlanVersion]] = defaultdict(list)
    for v in versions:
        if v.state == PlanVersion.State.APPROVED:
            in_force.setdefault(v.plan_id, v)
        else:
            drafts[v.plan_id].append(v)
    sums = dict(
        PlanLine.objects.filter(version__in=[v.pk for v in in_force.values()])
        .order_by()
        .values_list("version_id")
        .annotate(total=Sum("amount"))
        .values_list("version_id", "total")
    )
    return [
        {
            "plan": plan,
            "current": in_force.get(plan.pk),
            "total": sums.get(in_force[plan.pk].pk, 0) if plan.pk in in_force else None,
            "drafts": drafts.get(plan.pk, []),
        }
        for plan in plans
    ]
