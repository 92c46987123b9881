"""What the plan pages show beside the pure modules' answers: totals per source, an item's lines, the history."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Sum

from ..models import PlanItem, PlanLine, PlanVersion, Source, SourceBudget


def totals_by_source(version_ids: list[int]):
    return (
        PlanLine.objects.filter(version__in=version_ids)
        .order_by()
        .values_list("version_id", "source_id")
        .annotate(total=Sum("amount"))
        .values_list("version_id", "source_id", "total")
    )


def attach_lines(items: list[PlanItem], sources: list[Source]) -> None:
    """Each item of a page gets its lines (in the order of `sources`), its total, shortfall, and whether any line
    was set by hand (one query)."""
    order = {s.pk: (i, s) for i, s in enumerate(sources)}
    by_item: dict[int, list[PlanLine]] = defaultdict(list)
    for line in PlanLine.objects.filter(item__in=[i.pk for i in items]).only(
        "item_id", "source_id", "amount", "manual"
    ):
        by_item[line.item_id].append(line)
    missing = {line.source_id for lines in by_item.values() for line in lines} - order.keys()
    known = order | {s.pk: (len(order) + i, s) for i, s in enumerate(Source.objects.filter(pk__in=missing))}
    for item in items:
        lines = sorted(by_item.get(item.pk, []), key=lambda line: known[line.source_id][0])
        for line in lines:
            line.source = known[line.source_id][1]
        item.lines_shown = lines
        item.allocated = sum(line.amount for line in lines)
        item.shortfall = max(item.need - item.allocated, 0)
        item.pinned = any(line.manual for line in lines)


@dataclass
class ChangeGroup:
    when: object
    who: str
    reason: str
    what: str
    count: int


def changes(version: PlanVersion, limit: int = 30) -> list[ChangeGroup]:
    """The changes to the version's lines, capital available and projects, one row per save or run."""
    groups: list[ChangeGroup] = []
    for model, what in ((PlanLine, "lines"), (SourceBudget, "budgets"), (PlanItem, "items")):
        rows = (
            model.history.filter(version_id=version.pk)
            .order_by()
            .values("history_date", "history_user__username", "history_change_reason", "history_type")
            .annotate(n=Count("history_id"))
            .order_by("-history_date")[:limit]
        )
        for row in rows:
            groups.append(
                ChangeGroup(
                    when=row["history_date"],
                    who=row["history_user__username"] or "—",
                    reason=row["history_change_reason"] or "",
                    what=f"{what}{row['history_type']}",
                    count=row["n"],
                )
            )
    groups.sort(key=lambda g: g.when, reverse=True)
    return groups[:limit]


def line_history(item: PlanItem, limit: int = 50) -> list:
    """The history rows of a project's lines in a version, newest first, each with its source's code."""
    codes = dict(Source.objects.values_list("pk", "code"))
    rows = list(
        PlanLine.history.filter(item_id=item.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    for row in rows:
        row.source_code = codes.get(row.source_id, "")
    return rows
