"""Two versions compared line by line (tiendo.domain.plan_checks.compare), with the sums per source and owner."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tiendo.domain import plan_checks

from ..models import PlanItem, PlanLine, PlanVersion, Source, SourceBudget


@dataclass
class CompareRow:
    item_id: int | None
    project: str
    name: str
    agency: str
    source: str
    before: int
    after: int
    kind: str  # increase, cut, new, removed, unchanged (plan_checks.ChangeKind)

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass
class Comparison:
    rows: list[CompareRow]
    by_source: list[dict] = field(default_factory=list)
    by_agency: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    # source code -> the approved version's unallocated capital this version's budget released to its run
    reserve_released: dict[str, int] = field(default_factory=dict)

    @property
    def released_total(self) -> int:
        return sum(self.reserve_released.values())


def _summary(rows: list[CompareRow], key) -> list[dict]:
    """Per source or owner: before, after, and the increases and cuts apart (a net change hides both)."""
    groups: dict[str, dict] = {}
    for row in rows:
        name = key(row)
        group = groups.setdefault(name, {"name": name, "before": 0, "after": 0, "increase": 0, "cut": 0})
        group["before"] += row.before
        group["after"] += row.after
        if row.delta > 0:
            group["increase"] += row.delta
        else:
            group["cut"] -= row.delta
    for group in groups.values():
        group["delta"] = group["after"] - group["before"]
    return sorted(groups.values(), key=lambda g: (-max(g["after"], g["before"]), g["name"]))


def comparison(version: PlanVersion, against: PlanVersion) -> Comparison:
    """Line by line, `against` (the approved version) to `version` (tiendo.domain.plan_checks.compare)."""
    sources = dict(Source.objects.values_list("pk", "code"))
    projects: dict[str, tuple[str, str]] = {}
    item_ids: dict[str, int] = {}
    for version_id, item_id, code, name, agency, short in PlanItem.objects.filter(
        version__in=[version.pk, against.pk]
    ).values_list(
        "version_id", "pk", "project__code", "project__name", "project__agency__name", "project__agency__short_name"
    ):
        projects[code] = (name, short or agency or "")
        if version_id == version.pk:
            item_ids[code] = item_id
    old, new = [], []
    for version_id, code, source_id, amount in PlanLine.objects.filter(
        version__in=[version.pk, against.pk]
    ).values_list("version_id", "item__project__code", "source_id", "amount"):
        (new if version_id == version.pk else old).append(plan_checks.Line(code, sources[source_id], amount))
    result = plan_checks.compare(old, new)
    rows = [
        CompareRow(
            item_ids.get(line.project),
            line.project,
            projects[line.project][0],
            projects[line.project][1],
            line.source,
            line.old,
            line.new,
            line.kind.value,
        )
        for line in result.lines
    ]
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.kind] += 1
    totals = {
        "before": result.old_total,
        "after": result.new_total,
        "delta": result.delta,
        "increase": sum(r.delta for r in rows if r.delta > 0),
        "cut": -sum(r.delta for r in rows if r.delta < 0),
    }
    return Comparison(
        rows=rows,
        by_source=_summary(rows, lambda r: r.source),
        by_agency=_summary(rows, lambda r: r.agency or "—"),
        counts=dict(counts),
        totals=totals,
        reserve_released=released_reserve(version, against),
    )


def released_reserve(version: PlanVersion, against: PlanVersion) -> dict[str, int]:
    """What `version`'s budget released of its base's reserve, per source (only against that base: the release
    is measured from it)."""
    if version.based_on_id != against.pk:
        return {}
    rows = SourceBudget.objects.filter(version=version, reserve_released__gt=0).order_by(
        "source__order", "source__code"
    )
    return dict(rows.values_list("source__code", "reserve_released"))
