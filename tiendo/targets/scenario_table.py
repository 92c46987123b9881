"""The scenario page's figures: one version of the year's GRDP scenario against the figures in force, computed by
tiendo.domain.growth (the arithmetic `tiendo targets scenario` runs on the same input, `selectors.scenario_payload`)
and arranged as the table, the path chart, the export and the summary show them.

Rows are the GRDP total, the four components and, where the scenario has them, the level-1 sectors under a
component; columns the four quarters and the year. Sector figures come from the same `compute`, run on the scenario
with each detailed component split into its sectors (their contributions add up to the component's).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from tiendo.core import access
from tiendo.domain import growth

from .models import Component, EconomicSector, GrowthFigure, Publication, Scenario
from .selectors import scenario_payload

QUARTERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class Provenance:
    """Where an actual comes from, and what it replaced when a later release changed it."""

    number: str
    published_on: date
    issuer: str
    official: bool
    replaced_growth: float | None = None
    replaced_number: str = ""
    replaced_on: date | None = None

    @property
    def revised(self) -> bool:
        return self.replaced_growth is not None


@dataclass
class Cell:
    """One quarter (or the year) of one row: growth rates are fractions, gap and contribution percentage points.
    The contribution is the published quarter's, else the scenario's (`planned_contribution` says which)."""

    planned: float | None = None
    actual: float | None = None
    contribution: float | None = None
    planned_contribution: bool = False
    provenance: Provenance | None = None
    note: int = 0  # the footnote naming the provenance's publication (1, 2…)

    @property
    def gap_points(self) -> float | None:
        if self.planned is None or self.actual is None:
            return None
        return (self.actual - self.planned) * 100


@dataclass
class Row:
    key: str
    label: str
    level: int  # 0 the GRDP total, 1 a component, 2 a sector under it
    base: list[float]  # Q1..Q4 and the year, billion đồng at comparable prices
    cells: list[Cell]  # Q1..Q4 and the year


@dataclass
class Table:
    scenario: Scenario
    result: growth.ScenarioResult
    payload: dict
    rows: list[Row] = field(default_factory=list)
    sources: list[Provenance] = field(default_factory=list)  # the publications behind the actuals, footnotes 1, 2…

    @property
    def revised(self) -> bool:
        return any(c.provenance and c.provenance.revised for row in self.rows for c in row.cells)

    @property
    def elapsed(self) -> int:
        return self.result.elapsed_quarters

    @property
    def ytd_gap_points(self) -> float | None:
        """The year so far against what the scenario planned for the same quarters."""
        r = self.result
        if r.ytd_growth is None or r.planned_ytd_growth is None:
            return None
        return (r.ytd_growth - r.planned_ytd_growth) * 100

    @property
    def status(self) -> growth.Status:
        return growth.grdp_status(self.result)

    @property
    def months(self) -> int:
        return self.elapsed * 3


def visible_figures(user):
    return access.visible(user, GrowthFigure)


def _provenance(figure: GrowthFigure) -> Provenance:
    publication = figure.publication
    replaced = figure.replaces
    if replaced is not None and replaced.growth == figure.growth:
        replaced = None  # confirmed (say, official after preliminary), not revised: the footnote names the release
    return Provenance(
        number=publication.number,
        published_on=publication.published_on,
        issuer=publication.issuer,
        official=publication.status == Publication.Status.OFFICIAL,
        replaced_growth=None if replaced is None else float(replaced.growth),
        replaced_number="" if replaced is None else replaced.publication.number,
        replaced_on=None if replaced is None else replaced.publication.published_on,
    )


def _in_force(queryset, year: int):
    return queryset.filter(year=year, replaced_by__isnull=True).select_related(
        "publication", "replaces__publication", "sector"
    )


def build(scenario: Scenario, user) -> Table:
    """The table of one version against the figures in force that `user` may see."""
    rows = list(_in_force(visible_figures(user), scenario.year))  # one read serves the payload and the table
    components = {(f.component, f.quarter): f for f in rows if f.sector_id is None}
    payload = scenario_payload(scenario, components)
    result = growth.compute(growth.scenario_from_json(payload))
    table = Table(scenario, result, payload)
    elapsed = result.elapsed_quarters
    figures = {(f.component, f.sector_id, f.quarter): f for f in rows}
    table.rows.append(_total_row(result))
    sectors = _sector_rows(scenario, payload, figures, elapsed)
    for component in Component:
        table.rows.append(_component_row(component, result, payload, figures))
        table.rows.extend(sectors.get(component.value, []))
    _number_sources(table)
    return table


def _number_sources(table: Table) -> None:
    """Number the publications behind the actuals in order of appearance (a footnote each, not a column)."""
    seen: dict[tuple, int] = {}
    for row in table.rows:
        for cell in row.cells:
            p = cell.provenance
            if p is None:
                continue
            key = (p.number, p.published_on, p.issuer, p.official)
            if key not in seen:
                seen[key] = len(seen) + 1
                table.sources.append(Provenance(p.number, p.published_on, p.issuer, p.official))
            cell.note = seen[key]


def _year_growth(bases: list[float], growths: list[float | None]) -> float | None:
    """A row's growth over the four quarters: Σ b·g / Σ b (None unless every quarter has a growth)."""
    if any(g is None for g in growths) or not math.fsum(bases):
        return None
    return math.fsum(b * g for b, g in zip(bases, growths, strict=True) if g is not None) / math.fsum(bases)


def _total_row(result: growth.ScenarioResult) -> Row:
    cells = []
    for index, quarter in enumerate(result.quarters):
        planned = result.planned[index].growth if result.planned else None
        actual = quarter.growth if quarter.source is growth.Source.ACTUAL else None
        used = quarter.growth
        cells.append(
            Cell(
                planned=planned,
                actual=actual,
                contribution=None if used is None else used * 100,
                planned_contribution=quarter.source is growth.Source.SCENARIO,
            )
        )
    estimate = result.annual_estimate
    cells.append(
        Cell(
            planned=result.planned_annual,
            actual=estimate,
            contribution=None if estimate is None else estimate * 100,
            planned_contribution=result.elapsed_quarters < 4,
        )
    )
    bases = [q.base for q in result.quarters]
    return Row("total", "GRDP", 0, [*bases, math.fsum(bases)], cells)


def _component_row(component: Component, result: growth.ScenarioResult, payload: dict, figures: dict) -> Row:
    c = component.value
    bases = list(payload["base"][c])
    cells, used = [], []
    for index, quarter in enumerate(result.quarters):
        planned = result.planned[index].component_growth[c] if result.planned else None
        own = quarter.component_growth[c] if quarter.component_growth is not None else None
        used.append(own)
        figure = figures.get((c, None, index + 1)) if quarter.source is growth.Source.ACTUAL else None
        cells.append(
            Cell(
                planned=planned,
                actual=own if quarter.source is growth.Source.ACTUAL else None,
                contribution=quarter.contributions[c] if quarter.contributions is not None else None,
                planned_contribution=quarter.source is growth.Source.SCENARIO,
                provenance=_provenance(figure) if figure else None,
            )
        )
    planned_year = _year_growth(bases, [q.component_growth[c] for q in result.planned]) if result.planned else None
    cells.append(
        Cell(
            planned=planned_year,
            actual=_year_growth(bases, used),
            contribution=result.contributions[c] if result.contributions is not None else None,
            planned_contribution=result.elapsed_quarters < 4,
        )
    )
    return Row(c, str(component.label), 1, [*bases, math.fsum(bases)], cells)


def _sector_rows(scenario: Scenario, payload: dict, figures: dict, elapsed: int) -> dict[str, list[Row]]:
    """The level-1 sectors of the components the scenario details, under their component. Their contributions come
    from `compute` on the scenario with those components split into sectors: the published quarters' when every
    sector of the component has its figures, else the scenario's for the unpublished quarters only."""
    cells = list(scenario.cells.filter(sector__isnull=False).select_related("sector"))
    if not cells:
        return {}
    sectors: dict[str, list[EconomicSector]] = {}
    rows_base: dict[int, list[float]] = {}
    rows_growth: dict[int, list[float]] = {}
    for cell in cells:
        if cell.sector not in sectors.setdefault(cell.component, []):
            sectors[cell.component].append(cell.sector)
        rows_base.setdefault(cell.sector_id, [0.0] * 4)[cell.quarter - 1] = float(cell.base)
        rows_growth.setdefault(cell.sector_id, [0.0] * 4)[cell.quarter - 1] = float(cell.growth)
    for members in sectors.values():
        members.sort(key=lambda s: (s.position, s.code))

    def key(component: str, sector: EconomicSector | None = None) -> str:
        return f"{component}/{sector.code}" if sector else component

    base, planned, actual = {}, {}, {}
    complete = True
    for c in Component.values:
        if c in sectors:
            for s in sectors[c]:
                base[key(c, s)] = rows_base[s.pk]
                planned[key(c, s)] = rows_growth[s.pk]
                found = [figures.get((c, s.pk, q)) for q in range(1, elapsed + 1)]
                complete = complete and all(found)
                actual[key(c, s)] = [float(f.growth) for f in found if f]
        else:
            base[c] = payload["base"][c]
            planned[c] = payload["scenario"][c]
            actual[c] = payload["actual_growth"][c]
    split = {"year": scenario.year, "target_growth": payload["target_growth"], "base": base, "scenario": planned}
    split["actual_growth"] = actual if complete else {}
    result = growth.compute(growth.scenario_from_json(split))
    out: dict[str, list[Row]] = {}
    for c, members in sectors.items():
        for s in members:
            k = key(c, s)
            row_cells, used = [], []
            for index, quarter in enumerate(result.quarters):
                published = index < elapsed
                figure = figures.get((c, s.pk, index + 1)) if published else None
                shown = quarter.source is growth.Source.ACTUAL or not published
                contribution = quarter.contributions[k] if quarter.contributions is not None and shown else None
                used.append(quarter.component_growth[k] if quarter.component_growth is not None else None)
                row_cells.append(
                    Cell(
                        planned=planned[k][index],
                        actual=float(figure.growth) if figure else None,
                        contribution=contribution,
                        planned_contribution=quarter.source is growth.Source.SCENARIO,
                        provenance=_provenance(figure) if figure else None,
                    )
                )
            year_contribution = result.contributions[k] if result.contributions is not None and complete else None
            row_cells.append(
                Cell(
                    planned=_year_growth(base[k], list(planned[k])),
                    actual=_year_growth(base[k], used) if complete else None,
                    contribution=year_contribution,
                    planned_contribution=elapsed < 4,
                )
            )
            out.setdefault(c, []).append(Row(k, s.name, 2, [*base[k], math.fsum(base[k])], row_cells))
    return out


# The path chart's figures ------------------------------------------------------------------------------------------


@dataclass
class Path:
    """Cumulative growth after 1..4 quarters (fractions; None where the line has no point)."""

    actual: list[float | None]
    scenario: list[float | None]
    estimate: list[float | None]  # the published quarters, then the scenario
    required: list[float | None]  # the published quarters, then the growth still required
    target: float


def _cumulative(payload: dict, rows: dict, quarters: int) -> float | None:
    """The growth of the first `quarters` quarters when `rows` give each component's growth of those quarters."""
    data = dict(payload, actual_growth={c: list(row[:quarters]) for c, row in rows.items()})
    return growth.compute(growth.scenario_from_json(data)).ytd_growth


def path(table: Table) -> Path:
    payload, result = table.payload, table.result
    elapsed = result.elapsed_quarters
    actual_rows, planned_rows = payload["actual_growth"], payload["scenario"]
    actual = [_cumulative(payload, actual_rows, k) if k <= elapsed else None for k in QUARTERS]
    scenario = [_cumulative(payload, planned_rows, k) for k in QUARTERS]
    estimate: list[float | None] = [None] * 4
    required: list[float | None] = [None] * 4
    if elapsed:
        estimate[elapsed - 1] = required[elapsed - 1] = actual[elapsed - 1]
    x = result.required_growth_remaining
    for k in QUARTERS:
        if k <= elapsed:
            continue
        mixed = {c: [*actual_rows[c], *planned_rows[c][elapsed:]] for c in planned_rows}
        estimate[k - 1] = _cumulative(payload, mixed, k)
        if x is not None:
            needed = {c: [*actual_rows[c], *[x] * (4 - elapsed)] for c in planned_rows}
            required[k - 1] = _cumulative(payload, needed, k)
    if not elapsed:
        estimate = [None] * 4  # the estimate is the scenario itself: one line is enough
    return Path(actual, scenario, estimate, required, result.target_growth)


# Comparing two versions --------------------------------------------------------------------------------------------


@dataclass
class Change:
    label: str
    quarter: int
    old_base: float
    new_base: float
    old_growth: float
    new_growth: float

    @property
    def growth_points(self) -> float:
        return (self.new_growth - self.old_growth) * 100


def changes(old: Scenario, new: Scenario) -> list[Change]:
    """The cells (components and sectors) whose base or planned growth differ between two versions."""

    def cells(scenario):
        return {(c.component, c.sector_id, c.quarter): c for c in scenario.cells.select_related("sector")}

    before, after = cells(old), cells(new)
    found = []
    labels = dict(Component.choices)
    for key in sorted(set(before) | set(after), key=lambda k: (Component.values.index(k[0]), k[1] or 0, k[2])):
        a, b = before.get(key), after.get(key)
        if a and b and a.base == b.base and a.growth == b.growth:
            continue
        cell = b or a
        label = cell.sector.name if cell.sector_id else str(labels[cell.component])
        found.append(
            Change(
                label,
                key[2],
                float(a.base) if a else 0.0,
                float(b.base) if b else 0.0,
                float(a.growth) if a else 0.0,
                float(b.growth) if b else 0.0,
            )
        )
    return found
