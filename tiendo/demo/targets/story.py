"""The demo's GRDP story assembled from the data (no Django): levels at comparable prices for every year, each
quarter's growth by component as in force and as first estimated, what each release gives, and the scenario
versions' cells. Hải Dương's years are its own; from 2025 the figures are the merged city's, so the 2025 base is
Hải Dương's 2024 plus old Hải Phòng's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from . import series
from .figures import (
    HD_2024,
    HD_SEASONS,
    HD_SHARES,
    OLD_HP_2024,
    OLD_HP_SEASONS,
    OLD_HP_SHARES,
    RELEASES,
    SCENARIOS,
    YEARS,
    Release,
    ScenarioSpec,
)
from .series import COMPONENTS, Growth, Levels

FIRST_MERGED_YEAR = 2025


@dataclass(frozen=True)
class Figure:
    year: int
    quarter: int
    component: str
    growth: Decimal
    level: Decimal


@dataclass(frozen=True)
class Story:
    levels: dict[int, Levels]  # the year's own levels (Hải Dương to 2024, the merged city from 2025)
    merged_2024: Levels  # the 2025 base: Hải Dương's 2024 + old Hải Phòng's
    old_hai_phong_2024: Levels
    rates: dict[int, Growth]  # in force
    first: dict[tuple[int, int], dict[str, Decimal]]  # (year, quarter) → first estimate by component

    def base(self, year: int) -> Levels:
        """The previous year's levels the year's growth is over."""
        return self.merged_2024 if year == FIRST_MERGED_YEAR else self.levels[year - 1]

    def figures(self, release: Release) -> list[Figure]:
        """The figures a release gives: each quarter's by component, first estimate or in force."""
        rows = []
        for year, quarter in release.quarters:
            rates = (
                self.first[(year, quarter)]
                if (year, quarter) in release.first
                else {c: self.rates[year][c][quarter - 1] for c in COMPONENTS}
            )
            base = self.base(year)
            for c in COMPONENTS:
                level = series.level(base[c][quarter - 1] * (1 + rates[c]))
                rows.append(Figure(year, quarter, c, rates[c], level))
        return rows

    def cumulative(self, release: Release, year: int, months: int) -> Decimal:
        """The growth of the year's first months as the release states it, in percent (2 decimals): the
        published figure where the data has one, else the arithmetic of the quarters it stands on."""
        spec = _year(year)
        quarters = months // 3
        if any((year, q) in release.first for q in range(1, quarters + 1)):
            return _percent(spec.first_estimates[quarters].value)
        if months in spec.cumulative:
            return _percent(spec.cumulative[months].value)
        if months == 3 and 1 in spec.quarters:
            return _percent(spec.quarters[1].value)
        return _percent(series.cumulative(self.base(year), self.rates[year], quarters))

    def known(self, year: int, day: date) -> Growth:
        """The quarters of a year published by `day`, each as it stood that day (a revision made later is not
        yet known): what a scenario revised that day keeps."""
        known: Growth = {c: [] for c in COMPONENTS}
        for quarter in series.QUARTERS:
            releases = [r for r in RELEASES if (year, quarter) in r.quarters and r.published_on <= day]
            if not releases:
                break
            latest = max(releases, key=lambda r: (r.published_on, r.status == "official"))
            for figure in self.figures(latest):
                if figure.quarter == quarter:
                    known[figure.component].append(figure.growth)
        return known

    def scenario(self, spec: ScenarioSpec) -> Growth:
        """A version's planned growth: a revision keeps the quarters published on its day."""
        fixed = self.known(spec.year, spec.adopted_on) if spec.revises else None
        return series.plan(self.base(spec.year), spec.pattern, spec.target, fixed)


def _year(year: int):
    return next(spec for spec in YEARS if spec.year == year)


def _percent(fraction: float) -> Decimal:
    return (Decimal(str(fraction)) * 100).quantize(Decimal("0.01"))


@cache
def story() -> Story:
    hd_2024 = series.split(HD_SHARES, HD_SEASONS, HD_2024)
    old_hp = series.split(OLD_HP_SHARES, OLD_HP_SEASONS, OLD_HP_2024)
    levels: dict[int, Levels] = {2024: hd_2024}
    rates: dict[int, Growth] = {}
    for spec in sorted((s for s in YEARS if s.year < FIRST_MERGED_YEAR), key=lambda s: -s.year):
        quarters = {q: p.value for q, p in spec.quarters.items()}
        cumulative = {m: p.value for m, p in spec.cumulative.items()}
        totals = series.totals(levels[spec.year], quarters, cumulative, known_base=False)
        rates[spec.year] = series.backward(levels[spec.year], spec.pattern, totals)
        levels[spec.year - 1] = series.shrunk(levels[spec.year], rates[spec.year])
    merged = series.add(hd_2024, old_hp)
    base = merged
    for spec in sorted((s for s in YEARS if s.year >= FIRST_MERGED_YEAR), key=lambda s: s.year):
        quarters = {q: p.value for q, p in spec.quarters.items()}
        cumulative = {m: p.value for m, p in spec.cumulative.items()}
        count = max([*quarters, *(m // 3 for m in cumulative)])
        totals = series.totals(base, quarters, cumulative, known_base=True, count=count)
        rates[spec.year] = series.forward(base, spec.pattern, totals)
        levels[spec.year] = series.grown(base, rates[spec.year])
        base = levels[spec.year]
    first: dict[tuple[int, int], dict[str, Decimal]] = {}
    for spec in YEARS:
        year_base = merged if spec.year == FIRST_MERGED_YEAR else levels[spec.year - 1]
        for quarter, estimate in spec.first_estimates.items():
            earlier = series.cumulative(year_base, rates[spec.year], quarter - 1) if quarter > 1 else 0.0
            before = sum(series.quarter_total(year_base, k) for k in range(1, quarter))
            whole = (1 + estimate.value) * (before + series.quarter_total(year_base, quarter))
            total = (whole - (1 + earlier) * before) / series.quarter_total(year_base, quarter) - 1
            tilted = {c: tuple(g + spec.first_tilt.get(c, 0.0) for g in spec.pattern[c]) for c in spec.pattern}
            first[(spec.year, quarter)] = series.forward_quarter(year_base, tilted, quarter, total)
    return Story(levels, merged, old_hp, rates, first)


def scenario_cells(spec: ScenarioSpec) -> list[tuple[str, int, Decimal, Decimal]]:
    """(component, quarter, base, planned growth) of a version, 4 × 4."""
    plot = story()
    planned = plot.scenario(spec)
    base = plot.base(spec.year)
    return [(c, q, base[c][q - 1], planned[c][q - 1]) for c in COMPONENTS for q in series.QUARTERS]


def scenario_specs() -> list[ScenarioSpec]:
    return list(SCENARIOS)
