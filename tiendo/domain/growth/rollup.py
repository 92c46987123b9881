"""Level-1 sectors rolled up to the scenario's components, weighted by their base.

A component's growth is its sectors' growth weighted by the previous year's GRDP of each (Σ b·g / Σ b), so that its
contribution to GRDP growth, 100·(Σ b)·g / total, is exactly the sum of its sectors' contributions: rolling up
changes no figure of the scenario, only the level of detail. Industry and construction, for example, is
manufacturing + electricity + mining + water supply + construction (VSIC 2018 sections B–F).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

__all__ = ["SECTION_COMPONENT", "component_of_section", "roll_up", "roll_up_quarters", "roll_up_sections"]

# VSIC 2018 (Decision 27/2018/QĐ-TTg) level-1 sections to the Government's GRDP components. Product taxes less
# subsidies are not a section: they come from the statistics office as a component of their own.
SECTION_COMPONENT: Final[Mapping[str, str]] = {
    "A": "agriculture",
    **dict.fromkeys("BCDEF", "industry_construction"),
    **dict.fromkeys("GHIJKLMNOPQRSTU", "services"),
}


def component_of_section(section: str) -> str:
    """The component a VSIC level-1 section (a letter A–U) belongs to; KeyError for another letter."""
    return SECTION_COMPONENT[section.strip().upper()]


def roll_up(sectors: Iterable[tuple[float, float]]) -> tuple[float, float]:
    """One quarter's (base, growth) of a component from its sectors' (base, growth). A component whose sectors have
    no base weighs nothing in GRDP: its growth is given as 0."""
    pairs = list(sectors)
    base = math.fsum(b for b, _ in pairs)
    if base == 0:
        return 0.0, 0.0
    return base, math.fsum(b * g for b, g in pairs) / base


def roll_up_quarters(sectors: Sequence[Sequence[tuple[float, float]]]) -> tuple[tuple[float, float], ...]:
    """`roll_up` quarter by quarter: `sectors[i][q]` is sector i's (base, growth) in quarter q (all sectors give the
    same number of quarters)."""
    counts = {len(quarters) for quarters in sectors}
    if len(counts) > 1:
        raise ValueError(f"sectors give different numbers of quarters: {sorted(counts)}")
    length = counts.pop() if counts else 0
    return tuple(roll_up(quarters[q] for quarters in sectors) for q in range(length))


def roll_up_sections(
    sections: Mapping[str, Sequence[tuple[float, float]]],
) -> dict[str, tuple[tuple[float, float], ...]]:
    """Sections' quarters {"C": [(base, growth), ...], "F": [...]} grouped by component (`SECTION_COMPONENT`)."""
    grouped: dict[str, list[Sequence[tuple[float, float]]]] = {}
    for section, quarters in sections.items():
        grouped.setdefault(component_of_section(section), []).append(quarters)
    return {component: roll_up_quarters(members) for component, members in grouped.items()}
