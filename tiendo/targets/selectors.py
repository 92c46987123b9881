"""What the pages, the API, the commands and the alerts read: the figures in force and the scenario as the pure
arithmetic takes it (the JSON of docs/contracts/growth-scenario.md, so the page and `tiendo targets scenario`
compute the same thing)."""

from collections import defaultdict

from .models import Component, GrowthFigure, Scenario


def figures_in_force(year: int, queryset=None) -> dict[tuple[str, int], GrowthFigure]:
    """{(component, quarter): figure} for the components (not sectors) of a year: the figures no later one
    replaced. `queryset` is the caller's visible figures (the access layer's)."""
    rows = (queryset if queryset is not None else GrowthFigure.objects.all()).filter(
        year=year, sector__isnull=True, replaced_by__isnull=True
    )
    return {(f.component, f.quarter): f for f in rows.select_related("publication")}


def published_quarters(figures: dict[tuple[str, int], GrowthFigure]) -> int:
    """How many quarters count as published: from Q1, those with a figure for every component (a quarter with
    one component missing, and any after it, is not yet published)."""
    count = 0
    for quarter in (1, 2, 3, 4):
        if all((component, quarter) in figures for component in Component.values):
            count = quarter
        else:
            break
    return count


def scenario_payload(scenario: Scenario, figures: dict[tuple[str, int], GrowthFigure]) -> dict:
    """The contract's input for a scenario and the figures in force: base and planned growth from the scenario's
    component cells, actual growth of the published quarters."""
    base: dict[str, list[float]] = defaultdict(lambda: [0.0] * 4)
    planned: dict[str, list[float]] = defaultdict(lambda: [0.0] * 4)
    for cell in scenario.cells.filter(sector__isnull=True):
        base[cell.component][cell.quarter - 1] = float(cell.base)
        planned[cell.component][cell.quarter - 1] = float(cell.growth)
    elapsed = published_quarters(figures)
    return {
        "year": scenario.year,
        "target_growth": float(scenario.target_growth),
        "base": {c: base[c] for c in Component.values},
        "actual_growth": {c: [float(figures[(c, q)].growth) for q in range(1, elapsed + 1)] for c in Component.values},
        "scenario": {c: planned[c] for c in Component.values},
    }
