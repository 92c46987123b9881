"""The year's public-investment dashboard: plan size and disbursement by source, owner agency and place, and the
medium-term plan's progress, aggregated in SQL.

A province has ~1,500 public projects with ~18,000 monthly disbursement rows a year; every figure here is one
grouped query over the year's plan lines or disbursement rows (indexes (version, source) and (plan, month)), so
a page costs a dozen queries whatever the size, and names are fetched only for the groups shown.

Places: projects point to the communes of today (since 01/07/2025, when districts were abolished). For a year
before that, the dashboard can group by the district of the time, which each commune records as `formed_from`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from tiendo.agencies.models import AdminUnit, Agency

from .disbursement import Curve, Scope, plan_curve, share
from .models import Disbursement, Plan, PlanLine, PlanVersion, Source

TWO_TIER = date(2025, 7, 1)  # communes replace districts (NQ 1669/NQ-UBTVQH15 and the 2025 reorganisation)


@dataclass
class Row:
    key: int | None
    label: str
    planned: int = 0
    disbursed: int = 0
    href: str = ""

    @property
    def rate(self) -> Decimal | None:
        return share(self.disbursed, self.planned)


@dataclass
class Table:
    rows: list[Row]

    @property
    def planned(self) -> int:
        return sum(r.planned for r in self.rows)

    @property
    def disbursed(self) -> int:
        return sum(r.disbursed for r in self.rows)

    @property
    def rate(self) -> Decimal | None:
        return share(self.disbursed, self.planned)


@dataclass
class Year:
    plan: Plan
    allocated: int  # its version in force
    disbursed: int

    @property
    def rate(self) -> Decimal | None:
        return share(self.disbursed, self.allocated)


@dataclass
class MediumTerm:
    plan: Plan
    total: int  # the medium-term plan in force
    years: list[Year] = field(default_factory=list)

    @property
    def allocated(self) -> int:
        return sum(y.allocated for y in self.years)

    @property
    def disbursed(self) -> int:
        return sum(y.disbursed for y in self.years)

    @property
    def rate(self) -> Decimal | None:
        return share(self.allocated, self.total)

    @property
    def remaining(self) -> int:
        return max(self.total - self.allocated, 0)


@dataclass
class Dashboard:
    year: int
    plan: Plan | None
    version: PlanVersion | None
    as_of: date
    area: str  # "commune" or "district"
    curve: Curve | None = None
    by_source: Table | None = None
    by_agency: Table | None = None
    by_area: Table | None = None
    medium_term: MediumTerm | None = None
    years: list[int] = field(default_factory=list)


def _grouped(queryset, key: str) -> dict[int | None, int]:
    return dict(queryset.order_by().values(key).annotate(total=Sum("amount")).values_list(key, "total"))


def _table(planned: dict, disbursed: dict, labels: dict, missing_label: str) -> Table:
    keys = set(planned) | set(disbursed)
    rows = [
        Row(
            key,
            labels.get(key, missing_label) if key is not None else missing_label,
            planned.get(key, 0),
            disbursed.get(key, 0),
        )
        for key in keys
    ]
    rows.sort(key=lambda r: (-r.planned, -r.disbursed, r.label))
    return Table(rows)


def _cube(queryset, project: str) -> dict[tuple, int]:
    """Amounts by (source, project owner, commune) in one grouped query."""
    columns = ("source_id", f"{project}agency_id", f"{project}commune_id")
    rows = queryset.order_by().values(*columns).annotate(total=Sum("amount")).values_list(*columns, "total")
    return {(source, agency, commune): total for source, agency, commune, total in rows}


def default_area(year: int) -> str:
    """Districts for a year that ended before communes replaced them; communes from 2025 on."""
    return "district" if date(year, 12, 31) < TWO_TIER else "commune"


def _districts_of(commune_ids) -> dict[int, int]:
    """commune of today -> the district (or town) it was formed from; the first one if several."""
    through = AdminUnit.formed_from.through
    found: dict[int, int] = {}
    for commune, old in (
        through.objects.filter(from_adminunit_id__in=list(commune_ids))
        .order_by("from_adminunit_id", "to_adminunit_id")
        .values_list("from_adminunit_id", "to_adminunit_id")
    ):
        found.setdefault(commune, old)
    return found


def _regroup(values: dict[int | None, int], mapping: dict[int, int]) -> dict[int | None, int]:
    out: dict[int | None, int] = defaultdict(int)
    for key, amount in values.items():
        out[mapping.get(key, key) if key is not None else None] += amount
    return dict(out)


def annual_plan(year: int) -> Plan | None:
    return Plan.objects.filter(kind=Plan.Kind.ANNUAL, first_year=year).first()


def plan_years() -> list[int]:
    return list(Plan.objects.filter(kind=Plan.Kind.ANNUAL).order_by("-first_year").values_list("first_year", flat=True))


def dashboard(scope: Scope, year: int, as_of: date, *, area: str = "") -> Dashboard:
    """Every figure of one year's dashboard for the projects in scope, disbursement counted up to `as_of`."""
    plan = annual_plan(year)
    version = plan.current_version() if plan else None
    board = Dashboard(year, plan, version, as_of, area or default_area(year), years=plan_years())
    if plan is None:
        return board
    until = as_of.replace(day=1)
    # one grouped query each for the capital and the disbursement, by source × owner × place; folded here
    planned_cube = _cube(scope.lines(version), "item__project__")
    paid_cube = _cube(scope.disbursements(plan).filter(month__lte=until), "project__")

    def fold(cube, axis: int) -> dict[int | None, int]:
        out: dict[int | None, int] = defaultdict(int)
        for key, amount in cube.items():
            out[key[axis]] += amount
        return dict(out)

    sources = {source.pk: source.display_name for source in Source.objects.only("pk", "name", "name_en", "name_zh")}
    board.by_source = _table(fold(planned_cube, 0), fold(paid_cube, 0), sources, "—")

    planned, disbursed = fold(planned_cube, 1), fold(paid_cube, 1)
    agency_ids = [k for k in set(planned) | set(disbursed) if k is not None]
    agencies = {
        a.pk: a.display_name for a in Agency.objects.filter(pk__in=agency_ids).only("pk", "name", "name_en", "name_zh")
    }
    board.by_agency = _table(planned, disbursed, agencies, "—")

    planned, disbursed = fold(planned_cube, 2), fold(paid_cube, 2)
    if board.area == "district":
        mapping = _districts_of(k for k in set(planned) | set(disbursed) if k is not None)
        planned, disbursed = _regroup(planned, mapping), _regroup(disbursed, mapping)
    unit_ids = [k for k in set(planned) | set(disbursed) if k is not None]
    units = {
        u.pk: f"{u.unit_type} {u.name}"
        for u in AdminUnit.objects.filter(pk__in=unit_ids).only("pk", "unit_type", "name")
    }
    board.by_area = _table(planned, disbursed, units, "—")

    board.curve = plan_curve(plan, scope, as_of, version=version)
    board.medium_term = medium_term_progress(plan.medium_term, scope, as_of) if plan.medium_term_id else None
    return board


def medium_term_progress(medium: Plan, scope: Scope, as_of: date) -> MediumTerm | None:
    """The medium-term plan in force against what its annual plans (in force) gave and disbursed so far."""
    version = medium.current_version()
    if version is None:
        return None
    total = scope.lines(version).aggregate(total=Sum("amount"))["total"] or 0
    progress = MediumTerm(medium, total)
    annual = list(
        Plan.objects.filter(
            kind=Plan.Kind.ANNUAL, first_year__gte=medium.first_year, last_year__lte=medium.last_year
        ).order_by("first_year")
    )
    in_force = {
        v.plan_id: v
        for v in PlanVersion.objects.filter(plan__in=annual, state=PlanVersion.State.APPROVED).order_by("number")
    }
    allocated = _grouped(
        scope.restrict(PlanLine.objects.filter(version__in=list(in_force.values())), "item__project__"), "version_id"
    )
    disbursed = _grouped(
        scope.restrict(Disbursement.objects.filter(plan__in=annual, month__lte=as_of.replace(day=1)), "project__"),
        "plan_id",
    )
    for plan in annual:
        current = in_force.get(plan.pk)
        progress.years.append(Year(plan, allocated.get(current.pk, 0) if current else 0, disbursed.get(plan.pk, 0)))
    return progress
