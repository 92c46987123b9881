"""S-curves: what a plan, a source or a project disbursed month by month against its capital, the province's
target path and the legal deadlines, and the projects' list with their disbursed share.

Every figure is a grouped query over the lines and the disbursement rows in a page's scope (scope.py), handed to
the pure rules of tiendo.domain.disbursement.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db.models import Max, Q, Sum

from tiendo.domain import disbursement as disbursement_rules
from tiendo.domain.text import search_key

from ..charts import month_end
from ..models import Disbursement, Plan, PlanItem, PlanVersion, Source
from .scope import Scope


def target_path(plan: Plan) -> tuple[disbursement_rules.TargetPoint, ...]:
    """The plan's own target path ([["MM-DD", percent], ...]; a day earlier than the one before it is in the next
    year, e.g. "01-31" after "12-31"), or the province's default when it has none or it cannot be read."""
    if not plan.target_path:
        return disbursement_rules.DEFAULT_TARGET_PATH
    try:
        points, previous = [], (0, 0)
        for day_text, percent in plan.target_path:
            month, day = (int(part) for part in str(day_text).split("-"))
            next_year = bool(points and (points[-1].next_year or (month, day) <= previous))
            points.append(disbursement_rules.TargetPoint(month, day, Decimal(str(percent)), next_year=next_year))
            previous = (month, day)
        path = tuple(points)
        disbursement_rules.target_percent(date(plan.first_year, 6, 30), plan.first_year, path)  # checks the order
    except (ValueError, TypeError, InvalidOperation):
        return disbursement_rules.DEFAULT_TARGET_PATH
    return path


def item_deadline(
    plan: Plan, version: PlanVersion | None, capital_added_on, extended_until
) -> disbursement_rules.Deadline:
    decided_on = version.decision_date if version is not None else None
    return disbursement_rules.deadline(plan.first_year, capital_added_on, extended_until, decided_on)


def share(part: int, whole: int) -> Decimal | None:
    """part / whole in percent with 2 decimals (half up); None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class MonthRow:
    month: date
    disbursed: int | None  # None: not reported yet
    cumulative: int | None
    percent: Decimal | None
    target: Decimal | None

    @property
    def gap(self) -> Decimal | None:
        """Percentage points above (+) or below (−) the target path at the month's end."""
        return None if self.percent is None or self.target is None else self.percent - self.target


@dataclass
class Curve:
    plan: Plan
    version: PlanVersion | None
    as_of: date
    allocated: int
    disbursed: int  # to the as-of month
    months: list[MonthRow]
    deadlines: list[disbursement_rules.Deadline]  # every deadline of the capital shown, the normal one first
    target: list[tuple[date, Decimal]]  # the target path's points
    target_now: Decimal | None
    last_report: date | None  # the last month the Treasury reported for the plan

    @property
    def rate(self) -> Decimal | None:
        return share(self.disbursed, self.allocated)

    @property
    def gap_now(self) -> Decimal | None:
        """Percentage points above (+) or below (−) the target path on the as-of day."""
        rate = self.rate
        return None if rate is None or self.target_now is None else rate - self.target_now

    @property
    def remaining(self) -> int:
        return max(self.allocated - self.disbursed, 0)

    @property
    def deadline(self) -> date:
        return max(d.day for d in self.deadlines)

    @property
    def start(self) -> date:
        return date(self.plan.first_year, 1, 1)

    @property
    def end(self) -> date:
        return max(self.deadline, month_end(self.months[-1].month) if self.months else self.deadline)

    def points(self) -> list[tuple[date, Decimal]]:
        return [(month_end(row.month), row.percent) for row in self.months if row.percent is not None]


def month_totals(rows) -> dict[date, int]:
    """{month: amount} in one grouped query (the model's default ordering would split the groups)."""
    return dict(rows.order_by().values("month").annotate(total=Sum("amount")).values_list("month", "total"))


def last_report(plan: Plan) -> date | None:
    return Disbursement.objects.filter(plan=plan).aggregate(last=Max("month"))["last"]


def _next_month(month: date) -> date:
    return (month_end(month) + timedelta(days=1)).replace(day=1)


def _special_deadlines(scope: Scope, version: PlanVersion | None, year: int):
    """(capital added on, extended until) of the items whose deadline is not the normal one."""
    return (
        scope.items(version)
        .filter(Q(capital_added_on__gt=date(year, 9, 30)) | Q(extended_until__isnull=False))
        .order_by()
    )


def plan_curve(plan: Plan, scope: Scope, as_of: date, *, version: PlanVersion | None = None) -> Curve:
    """Allocated (the version in force) against disbursed month by month, as of a day, with the target path and
    the legal deadlines of the capital in scope."""
    version = version or plan.current_version()
    allocated = scope.lines(version).aggregate(total=Sum("amount"))["total"] or 0
    monthly = month_totals(scope.disbursements(plan).filter(month__lte=as_of.replace(day=1)))
    special = set(_special_deadlines(scope, version, plan.first_year).values_list("capital_added_on", "extended_until"))
    return _curve(plan, version, as_of, allocated, monthly, special, last_report(plan))


def _curve(plan, version, as_of, allocated, monthly, special, reported) -> Curve:
    """The curve from what was fetched: capital, {month: disbursed}, the late deadlines' facts, the last report."""
    year = plan.first_year
    this_month = as_of.replace(day=1)
    shown_until = min(this_month, reported) if reported else None
    normal = item_deadline(plan, version, None, None)
    deadlines = {normal.day: normal}
    for added, extended in sorted(special, key=lambda pair: (pair[0] or date.min, pair[1] or date.min)):
        found = item_deadline(plan, version, added, extended)
        deadlines.setdefault(found.day, found)
    ordered = sorted(deadlines.values(), key=lambda d: d.day)
    points = (
        disbursement_rules.cumulative_series(
            {m: a for m, a in monthly.items() if m <= shown_until}, allocated, year, shown_until
        )
        if shown_until
        else []
    )
    path = target_path(plan)
    rows = [
        MonthRow(
            p.month,
            p.amount,
            p.cumulative,
            p.percent if allocated else None,
            _target(month_end(p.month), year, path),
        )
        for p in points
    ]
    month = _next_month(rows[-1].month) if rows else date(year, 1, 1)
    while month <= ordered[-1].day:
        rows.append(MonthRow(month, None, None, None, _target(month_end(month), year, path)))
        month = _next_month(month)
    return Curve(
        plan=plan,
        version=version,
        as_of=as_of,
        allocated=allocated,
        disbursed=sum(monthly.values()),
        months=rows,
        deadlines=ordered,
        target=[(point.on(year), point.percent) for point in path],
        target_now=_target(as_of, year, path),
        last_report=reported,
    )


def _target(day: date, year: int, path) -> Decimal:
    return disbursement_rules.target_percent(day, year, path)


def source_curves(
    plan: Plan, scope: Scope, as_of: date, version: PlanVersion | None = None
) -> list[tuple[Source, Curve]]:
    """One curve per source with capital in the version: three grouped queries for all the sources."""
    version = version or plan.current_version()
    allocated = dict(
        scope.lines(version)
        .order_by()
        .values("source_id")
        .annotate(total=Sum("amount"))
        .values_list("source_id", "total")
    )
    monthly: dict[int, dict[date, int]] = defaultdict(dict)
    rows = (
        scope.disbursements(plan)
        .filter(month__lte=as_of.replace(day=1))
        .order_by()
        .values("source_id", "month")
        .annotate(total=Sum("amount"))
        .values_list("source_id", "month", "total")
    )
    for source_id, month, total in rows:
        monthly[source_id][month] = total
    special: dict[int, set] = defaultdict(set)
    late = _special_deadlines(scope, version, plan.first_year).values_list(
        "lines__source_id", "capital_added_on", "extended_until"
    )
    for source_id, added, extended in late:
        special[source_id].add((added, extended))
    reported = last_report(plan)
    sources = Source.objects.filter(pk__in=list(allocated)).order_by("order", "code")
    return [
        (s, _curve(plan, version, as_of, allocated[s.pk], monthly.get(s.pk, {}), special.get(s.pk, set()), reported))
        for s in sources
    ]


@dataclass
class ProjectRow:
    item: PlanItem
    capital: int
    paid: int

    @property
    def project(self):
        return self.item.project

    @property
    def rate(self) -> Decimal | None:
        return share(self.paid, self.capital)


def project_rows(plan: Plan, scope: Scope, version: PlanVersion | None, as_of: date, q: str = "") -> list[ProjectRow]:
    """The projects in scope with their capital and what they disbursed, least disbursed share first (two grouped
    queries, not a subquery per project)."""
    items = scope.items(version).select_related("project", "project__agency")
    if key := search_key(q):
        items = items.filter(Q(project__search_key__contains=key) | Q(project__code__icontains=q.strip()))
    capital = dict(
        scope.lines(version).order_by().values("item_id").annotate(total=Sum("amount")).values_list("item_id", "total")
    )
    paid = dict(
        scope.disbursements(plan)
        .filter(month__lte=as_of.replace(day=1))
        .order_by()
        .values("project_id")
        .annotate(total=Sum("amount"))
        .values_list("project_id", "total")
    )
    rows = [ProjectRow(item, capital.get(item.pk, 0), paid.get(item.project_id, 0)) for item in items]
    rows.sort(key=lambda r: (r.rate if r.rate is not None else Decimal(1000), -r.capital, r.item.project.code))
    return rows
