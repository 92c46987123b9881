"""The HiGHS model of one allocation: projects grouped into units, the columns, rows and bounds, built from numpy
arrays and passed to a fresh HiGHS instance (`build_model`). Solving it is `solving`'s work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt
from highspy import HighsVarType
from highspy._core import _Highs  # the core class: `highspy.Highs` prints a banner on standard output

from tiendo.domain.allocation.eligibility import _UNLIMITED, Violation, _law_text, priority_law, violations_of
from tiendo.domain.allocation.inputs import Plan, Project, Source, _checked_masks
from tiendo.domain.allocation.tiers import PRIORITY, PlanKind, PriorityLaw, Tier
from tiendo.domain.schedule_rules import ALLOCATION_YEARS, Law

_NOISE: Final = 1e-6  # in the model's unit (`model_unit`): below this, an amount is the solver's float noise
_INFINITY: Final = 1e30  # HiGHS reads anything from 1e20 as infinite
_MIP_FEASIBILITY: Final = 1e-9  # well under the slack of the rows that keep a level's total (see build_model)

_GROUP, _FLOOR, _NEW = 0, 1, 2  # kinds of unit


@dataclass(eq=False)
class AllocationModel:
    """The HiGHS model of one allocation and what is needed to solve it in stages and read its solution back."""

    highs: _Highs
    law: PriorityLaw
    text: Law
    plan: Plan
    sources: tuple[Source, ...]
    projects: tuple[Project, ...]
    violations: dict[int, tuple[Violation, ...]]  # by project index
    rank: list[int]  # priority rank of each project
    mask: list[int]  # each project's eligible sources, as bits of source indices
    unit_of: list[int]  # unit index of each project, -1 if none (violation, no need, no source with capital)
    unit_kind: list[int]
    unit_rank: list[int]
    unit_need: list[int]  # đồng
    unit_floor: list[int]  # đồng (floored units)
    unit_mask: list[int]  # eligible sources with capital, as bits of source indices
    unit_members: list[list[int]]
    col_unit: npt.NDArray[np.int64]  # for each x column: its unit
    col_source: npt.NDArray[np.int64]  # and its source
    levels: list[npt.NDArray[np.int64]]  # the units of each level present, first level first
    fairness: list[tuple[int, int]]  # (level position, m column) of each fairness objective
    integrality: npt.NDArray[np.uint8]
    lower: npt.NDArray[np.float64]  # column lower bounds (a floored ratio's floor/need)
    num_cols: int
    num_rows: int
    upper: npt.NDArray[np.float64]
    kinds: npt.NDArray[np.int64]  # unit_kind as an array
    need: npt.NDArray[np.float64]  # unit_need in the model's units
    time_limit: float
    unit: float  # đồng per unit of the model's amounts
    solved: bool = False
    proven: bool = True  # False: a MIP stage stopped at the time limit, or a later stage failed (see stages)
    solution: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))  # of the last stage solved
    stages: list[str] = field(default_factory=list)  # what each HiGHS run did, for the benchmark and the curious
    solver_seconds: float = 0.0  # time inside Highs.run()
    # the last stage (`_keep_previous`): the x columns of each unit and source some of its projects had in the
    # approved version, and that amount in the model's units; empty when no project gives `previous`
    previous_cols: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    previous_amount: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))

    @property
    def num_x(self) -> int:
        return len(self.col_unit)

    @property
    def num_objectives(self) -> int:
        return len(self.levels) + len(self.fairness)


def build_model(
    plan: Plan, sources: Sequence[Source], projects: Sequence[Project], time_limit: float = 60.0
) -> AllocationModel:
    """The allocation's columns and rows, passed to a fresh HiGHS instance; `solve_model` sets the objectives."""
    sources, projects = tuple(sources), tuple(projects)
    project_mask = _checked_masks(plan, sources, projects)
    law = priority_law(plan)
    table = PRIORITY[law]
    with_capital = sum(1 << i for i, source in enumerate(sources) if source.available > 0)

    violations: dict[int, tuple[Violation, ...]] = {}
    rank = [table[project.tier] for project in projects]
    unit_of = [-1] * len(projects)
    unit_kind: list[int] = []
    unit_rank: list[int] = []
    unit_need: list[int] = []
    unit_floor: list[int] = []
    unit_mask: list[int] = []
    unit_members: list[list[int]] = []
    groups: dict[int, int] = {}  # rank and sources, as one number -> the unit of the projects without a floor
    shift = len(sources)
    # `violations_of`'s common case, asked here without a call: fundable (PI-04), and within the allocation
    # period (PI-06): first year + extension after the judged year less the group's limit
    annual, judged, new = plan.kind is PlanKind.ANNUAL, plan.judged_year, Tier.NEW
    after = {group: judged - years for group, years in ALLOCATION_YEARS.items()}
    for group in _UNLIMITED:
        after[group] = -(1 << 62)
    for p, project in enumerate(projects):
        tier, first = project.tier, project.first_allocation_year
        if not (
            (project.has_investment_decision or (not annual and tier is not new))
            and (project.in_medium_term_plan or not annual)
            and (
                first is None
                or project.handed_over_year is not None
                or first + project.allocation_extension_years > after[project.group]
            )
        ):
            found = violations_of(project, plan, law)
            if found:
                violations[p] = found
                continue
        mask = project_mask[p] & with_capital
        wanted = project.need
        if wanted == 0 or mask == 0:
            continue
        if tier is new:
            kind = _NEW
        elif project.floor > 0:
            kind = _FLOOR
        else:
            key = rank[p] << shift | mask
            u = groups.get(key, -1)
            if u >= 0:
                unit_of[p] = u
                unit_need[u] += wanted
                unit_members[u].append(p)
                continue
            groups[key] = len(unit_kind)
            kind = _GROUP
        unit_of[p] = len(unit_kind)
        unit_kind.append(kind)
        unit_rank.append(rank[p])
        unit_need.append(wanted)
        unit_floor.append(project.floor if kind == _FLOOR else 0)
        unit_mask.append(mask)
        unit_members.append([p])

    num_sources, num_units = len(sources), len(unit_kind)
    kinds = np.array(unit_kind, dtype=np.int64)
    ranks = np.array(unit_rank, dtype=np.int64)
    unit = model_unit(unit_need, [source.available for source in sources])
    need = np.array(unit_need, dtype=np.float64) / unit
    masks = np.array(unit_mask, dtype=np.int64)
    available = np.array([source.available for source in sources], dtype=np.float64) / unit

    # x columns: one per (unit, eligible source with capital), units in order, sources ascending
    bits = (masks[:, None] >> np.arange(num_sources, dtype=np.int64)[None, :]) & 1
    col_unit, col_source = (axis.astype(np.int64) for axis in np.nonzero(bits))
    num_x = len(col_unit)

    # fairness: per level with two or more units that share (floor-free groups, floored projects), the minimum
    # ratio over all of them; if the level has floored projects and two floor-free groups, then the minimum over
    # the floor-free groups alone (a floored project that cannot reach its floor holds the first minimum at 0)
    levels = [np.nonzero(ranks == level)[0].astype(np.int64) for level in sorted(set(unit_rank))]
    fair_members: list[npt.NDArray[np.int64]] = []
    fair_level: list[int] = []
    for position, in_level in enumerate(levels):
        sharing = in_level[kinds[in_level] != _NEW]
        if len(sharing) >= 2:
            fair_members.append(sharing)
            fair_level.append(position)
            free = sharing[kinds[sharing] == _GROUP]
            if 2 <= len(free) < len(sharing):
                fair_members.append(free)
                fair_level.append(position)
    num_fair = len(fair_members)
    num_cols = num_x + num_units + num_fair
    fair_count = sum(len(members) for members in fair_members)
    num_rows = num_sources + num_units + fair_count

    # the matrix as (row, column, value) triples, sorted into columns
    rho = num_x + np.arange(num_units, dtype=np.int64)
    fair_unit = np.concatenate(fair_members) if fair_members else np.zeros(0, dtype=np.int64)
    fair_of = np.repeat(np.arange(num_fair, dtype=np.int64), [len(members) for members in fair_members])
    fair_rows = num_sources + num_units + np.arange(fair_count, dtype=np.int64)
    x_cols = np.arange(num_x, dtype=np.int64)
    rows = np.concatenate([col_source, num_sources + col_unit, num_sources + rho - num_x, fair_rows, fair_rows])
    cols = np.concatenate([x_cols, x_cols, rho, num_x + fair_unit, num_x + num_units + fair_of])
    values = np.concatenate([np.ones(2 * num_x), -need, -np.ones(fair_count), np.ones(fair_count)])
    order = np.lexsort((rows, cols))
    rows, cols, values = rows[order], cols[order], values[order]
    starts = np.searchsorted(cols, np.arange(num_cols + 1, dtype=np.int64))

    lower = np.zeros(num_cols)
    upper = np.concatenate([np.minimum(need[col_unit], available[col_source]), np.ones(num_units + num_fair)])
    integrality = np.zeros(num_cols, dtype=np.uint8)
    floors = np.nonzero(kinds == _FLOOR)[0]
    lower[num_x + floors] = np.array(unit_floor, dtype=np.float64)[floors] / unit / need[floors]
    integrality[num_x + floors] = int(HighsVarType.kSemiContinuous)
    # a floor above all its sources hold can only be nothing: fixed at 0 here, since HiGHS's presolve, given a
    # semi-continuous ratio whose lower bound is out of reach, has called 0 optimal for a whole level's MIP
    # (whole đồng, so a floor exactly what its sources hold stays open)
    held = [sum(source.available for s, source in enumerate(sources) if unit_mask[u] >> s & 1) for u in floors.tolist()]
    out_of_reach = floors[np.array([unit_floor[u] > h for u, h in zip(floors.tolist(), held, strict=True)], dtype=bool)]
    lower[num_x + out_of_reach] = upper[num_x + out_of_reach] = 0.0
    integrality[num_x + out_of_reach] = int(HighsVarType.kContinuous)
    integrality[num_x + np.nonzero(kinds == _NEW)[0]] = int(HighsVarType.kInteger)
    row_lower = np.concatenate([np.full(num_sources, -_INFINITY), np.zeros(num_units), np.full(fair_count, -_INFINITY)])
    row_upper = np.concatenate([available, np.zeros(num_units + fair_count)])

    previous_cols, previous_amount = _previous_columns(projects, sources, unit_of, unit_mask, col_unit, col_source)

    highs = _Highs()
    for option, value in (
        ("output_flag", False),
        ("blend_multi_objectives", False),
        ("mip_rel_gap", 0.0),  # an unproven optimum could let a lower level take what a higher one could use
        ("mip_abs_gap", 1e-7),
        # the rows that keep a level's total leave it 10⁻⁹ of the total and 2·_NOISE; at HiGHS's default 10⁻⁶ the
        # MIP's domain propagation reads such a row as out of reach, prunes the root and calls its incumbent (the
        # feasibility heuristic's, or the start) optimal with gap 0: well under the slack, the optimum is searched
        ("mip_feasibility_tolerance", _MIP_FEASIBILITY),
        ("random_seed", 0),
    ):
        highs.setOptionValue(option, value)
    highs.passModel(
        num_cols,
        num_rows,
        len(values),
        1,  # column-wise
        1,  # minimize: each objective carries its own sense in its weight
        0.0,
        np.zeros(num_cols),
        lower,
        upper,
        row_lower,
        row_upper,
        starts.astype(np.int32),
        rows.astype(np.int32),
        values,
        integrality.astype(np.int32),
    )
    return AllocationModel(
        highs=highs,
        law=law,
        text=_law_text(plan, law),
        plan=plan,
        sources=sources,
        projects=projects,
        violations=violations,
        rank=rank,
        mask=project_mask,
        unit_of=unit_of,
        unit_kind=unit_kind,
        unit_rank=unit_rank,
        unit_need=unit_need,
        unit_floor=unit_floor,
        unit_mask=unit_mask,
        unit_members=unit_members,
        col_unit=col_unit,
        col_source=col_source,
        levels=levels,
        fairness=[(level, num_x + num_units + f) for f, level in enumerate(fair_level)],
        integrality=integrality,
        lower=lower,
        upper=upper,
        kinds=kinds,
        need=need,
        time_limit=time_limit,
        unit=unit,
        num_cols=num_cols,
        num_rows=num_rows,
        previous_cols=previous_cols,
        previous_amount=previous_amount / unit,
    )


def _previous_columns(
    projects: Sequence[Project],
    sources: Sequence[Source],
    unit_of: Sequence[int],
    unit_mask: Sequence[int],
    col_unit: npt.NDArray[np.int64],
    col_source: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """The x columns whose unit's projects had some of its source in the approved version, and how much (đồng)."""
    wanted: dict[tuple[int, int], int] = {}
    if any(project.previous for project in projects):
        index = {source.code: s for s, source in enumerate(sources)}
        for p, project in enumerate(projects):
            u = unit_of[p]
            if u < 0 or not project.previous:
                continue
            for code, amount in project.previous.items():
                s = index[code]
                if amount > 0 and unit_mask[u] >> s & 1:
                    wanted[u, s] = wanted.get((u, s), 0) + amount
    if not wanted:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    column = {key: j for j, key in enumerate(zip(col_unit.tolist(), col_source.tolist(), strict=True))}
    keys = sorted(wanted)
    return (
        np.array([column[key] for key in keys], dtype=np.int64),
        np.array([wanted[key] for key in keys], dtype=np.float64),
    )


def model_unit(needs: Sequence[int], available: Sequence[int]) -> float:
    """The model's unit of money: the power of ten nearest the median amount, so the solver sees numbers near 1
    whatever the plan (a commune's millions or a ministry's thousands of tỷ); smaller if the smallest amount would
    be under 10⁻⁵ of it, where the solver's tolerances would no longer see it."""
    amounts = sorted(amount for amount in (*needs, *available) if amount > 0)
    if not amounts:
        return 1.0
    median = round(float(np.log10(amounts[len(amounts) // 2])))
    return float(10 ** max(min(median, int(np.floor(np.log10(amounts[0]))) + 5), 0))
