"""Solving the model: the lexicographic stages (level totals, then each short level's minimum ratio, then the
approved lines kept), each a HiGHS run, LP where it can be and MIP where a new project or a floor requires.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import Final

import numpy as np
import numpy.typing as npt
from highspy import HighsLinearObjective, HighsModelStatus, HighsSolution

from tiendo.domain.allocation.inputs import AllocationError
from tiendo.domain.allocation.model import _FLOOR, _INFINITY, _NEW, _NOISE, AllocationModel
from tiendo.domain.allocation.rounding import _round

_RATIO_NOISE: Final = 1e-7  # a ratio this close to 0 or 1 is taken as on it
_RELATIVE_SLACK: Final = 1e-9
_LAST_LEVEL_GAP: Final = 1e-4  # nothing is below the last level: a proven 0.01% suffices (see solve_model)


def solve_model(model: AllocationModel) -> None:
    """Maximize each level's total, first level first, then each short level's minimum ratio (HiGHS, in stages).

    1. The level totals with the integrality relaxed: an LP, HiGHS's lexicographic multi-objective, fast.
    2. If that LP gives a new project part of its need, or a floored one less than its floor, the totals of the
       levels above the first such level are already the true optimum (keeping them and giving the levels below
       nothing respects the integrality), so they become rows and each level from there down is solved as a MIP
       in turn, its optimum a row for the next. The MIP gap is 0, except for the last level with projects: nothing
       below it could take what it leaves, so 0.01% is proven and `_round` adds any new project that still fits.
    3. Every level total kept as a row, the minimum ratio of each level left short, level after level: an LP,
       with the new projects funded and the floored projects of the other levels as stages 1-2 left them. If a
       short level has floored projects, they may still go from nothing to their floor or back (that is what
       sharing the level means for them): then one MIP of the minimum ratios weighted 1, 1/2, 1/4... by level,
       rather than a MIP per level.
    A MIP stopped by the time limit keeps its best solution, a later stage the floats make infeasible keeps the
    previous stage's solution (`_round` then restores the order exactly); `model.proven` says so.
    """
    if model.num_cols:
        try:
            _solve_in_stages(model)
        except _StageFailed:
            pass
    model.solved = True


def _solve_in_stages(model: AllocationModel) -> None:
    highs = model.highs
    all_cols = np.arange(model.num_cols, dtype=np.int32)
    continuous = np.zeros(model.num_cols, dtype=np.uint8)
    discrete = bool(model.integrality.any())
    if discrete:  # a relaxed semi-continuous ratio may be anywhere in [0, 1]
        highs.changeColsIntegrality(model.num_cols, all_cols, continuous)
        highs.changeColsBounds(model.num_cols, all_cols, np.zeros(model.num_cols), model.upper)
    _run(model, [_level_objective(model, level) for level in model.levels], "level totals (LP)")
    rho = _ratios(model)
    first_broken = _first_broken_level(model, rho) if discrete else None
    if first_broken is None:
        _keep_totals(model, rho, range(len(model.levels)))
    else:
        _keep_totals(model, rho, range(first_broken))
        highs.changeColsIntegrality(model.num_cols, all_cols, model.integrality)
        highs.changeColsBounds(model.num_cols, all_cols, model.lower, model.upper)
        last = len(model.levels) - 1
        for position in range(first_broken, last + 1):
            highs.setOptionValue("mip_rel_gap", _LAST_LEVEL_GAP if position == last else 0.0)
            below = np.concatenate(model.levels[position:])
            start = model.solution.copy()  # feasible: the levels from here down given nothing
            start[: model.num_x][np.isin(model.col_unit, below)] = 0.0
            start[model.num_x + below] = 0.0
            start[model.num_x + len(model.unit_kind) :] = 0.0
            _run(model, [_level_objective(model, model.levels[position])], f"level {position + 1} total (MIP)", start)
            rho = _ratios(model)
            _keep_totals(model, rho, [position])
    short = [position for position, level in enumerate(model.levels) if _is_short(rho[level])]
    fair = [column for position, column in model.fairness if position in short]
    if fair:
        mip = False
        if discrete:
            lower, upper = model.lower.copy(), model.upper.copy()
            integrality = np.zeros(model.num_cols, dtype=np.uint8)
            ratio_cols = model.num_x + np.arange(len(model.unit_kind))
            new, floored = model.kinds == _NEW, model.kinds == _FLOOR
            in_short = np.zeros(len(model.unit_kind), dtype=bool)
            for position in short:
                in_short[model.levels[position]] = True
            open_floor = floored & in_short
            off = _off(model, rho) & ~open_floor
            upper[ratio_cols[off]] = 0.0
            lower[ratio_cols[off]] = 0.0
            lower[ratio_cols[new & ~off]] = 1.0
            integrality[ratio_cols[open_floor]] = model.integrality[ratio_cols[open_floor]]
            mip = bool(open_floor.any())
            if mip:
                highs.setOptionValue("mip_rel_gap", 0.0)
            highs.changeColsIntegrality(model.num_cols, all_cols, integrality)
            highs.changeColsBounds(model.num_cols, all_cols, lower, upper)
        objectives = [_ratio_objective(model, column) for column in fair]
        if mip:
            for position, objective in enumerate(objectives):
                objective.weight = -(0.5**position)
            start = model.solution.copy()
            start[model.num_x + len(model.unit_kind) :] = 0.0
            _run(model, objectives, "minimum ratios, weighted (MIP)", start, blend=True)
        else:
            _run(model, objectives, "minimum ratios (LP)")
    _keep_previous(model)


def _keep_previous(model: AllocationModel) -> None:
    """The last stage, only if some project gives `previous`: among the solutions with the level totals and the
    minimum ratios found, the one that keeps most of the approved lines, Σ k[u,s] with k[u,s] ≤ x[u,s] and
    k[u,s] ≤ what the unit's projects had of s. Every unit's ratio is fixed where the stages left it, so no level
    total, minimum ratio, new project or floor can change (not even by the tolerances the level rows allow): only
    which sources fund each unit. An LP the current solution satisfies; if it fails, that solution stands."""
    cols = model.previous_cols
    if not len(cols):
        return
    highs, num_x, num_cols = model.highs, model.num_x, model.num_cols
    num_units, num_keep = len(model.unit_kind), len(cols)
    lower, upper = model.lower.copy(), model.upper.copy()
    ratio_cols = num_x + np.arange(num_units)
    lower[ratio_cols] = upper[ratio_cols] = np.clip(_ratios(model), 0.0, 1.0)  # every unit keeps its total
    all_cols = np.arange(num_cols, dtype=np.int32)
    highs.changeColsIntegrality(num_cols, all_cols, np.zeros(num_cols, dtype=np.uint8))
    highs.changeColsBounds(num_cols, all_cols, lower, upper)
    keep = num_cols + np.arange(num_keep, dtype=np.int32)
    highs.addCols(
        num_keep,
        np.zeros(num_keep),
        np.zeros(num_keep),
        np.minimum(model.previous_amount, model.upper[cols]),
        0,
        np.zeros(num_keep, dtype=np.int32),
        np.zeros(0, dtype=np.int32),
        np.zeros(0),
    )
    indices = np.empty(2 * num_keep, dtype=np.int32)
    indices[0::2], indices[1::2] = keep, cols
    values = np.tile(np.array([1.0, -1.0]), num_keep)
    highs.addRows(
        num_keep,
        np.full(num_keep, -_INFINITY),
        np.zeros(num_keep),
        len(indices),
        (2 * np.arange(num_keep)).astype(np.int32),
        indices,
        values,
    )
    coefficients = np.zeros(num_cols + num_keep)
    coefficients[num_cols:] = 1.0
    objective = HighsLinearObjective()
    objective.weight = -1.0  # maximize
    objective.offset = 0.0
    objective.coefficients = coefficients.tolist()
    objective.abs_tolerance = 1.0
    objective.rel_tolerance = _RELATIVE_SLACK
    proven, before = model.proven, model.solution
    totals = _rounded_level_totals(model)
    try:
        _run(model, [objective], "previous lines kept (LP)")
    except _StageFailed:
        model.proven = proven  # the stages before proved what the law asks; this one only spares changes
        return
    # the solver's floats (10⁻⁹ of a large source) may move a đồng that `_round` cannot bring back to a higher
    # level: then the order of priority wins and the lines are left as stage 3 split them
    if _rounded_level_totals(model) < totals:
        model.solution = before
        model.stages[-1] += ": a level would lose a đồng in rounding, the previous solution is kept"


def _rounded_level_totals(model: AllocationModel) -> list[int]:
    """Each level's whole-đồng total as `_round` makes it from the current solution, first level first."""
    amounts, _ = _round(model)
    by_rank: dict[int, int] = {}
    for rank, amount in zip(model.unit_rank, amounts, strict=True):
        by_rank[rank] = by_rank.get(rank, 0) + sum(amount.values())
    return [by_rank[rank] for rank in sorted(by_rank)]


def _run(
    model: AllocationModel,
    objectives: Sequence[HighsLinearObjective],
    stage: str,
    start: npt.NDArray[np.float64] | None = None,
    blend: bool = False,
) -> None:
    """One HiGHS run of these objectives, lexicographic (or `blend`ed by their weights), from a MIP start."""
    highs = model.highs
    highs.setOptionValue("blend_multi_objectives", blend)
    if start is not None:
        solution = HighsSolution()
        solution.col_value = start
        highs.setSolution(solution)
    highs.clearLinearObjectives()
    for position, objective in enumerate(objectives):
        objective.priority = len(objectives) - position  # HiGHS solves the highest priority first
        highs.addLinearObjective(objective)
    highs.setOptionValue("time_limit", max(model.time_limit - model.solver_seconds, 1.0))
    started = time.perf_counter()
    highs.run()
    status = highs.getModelStatus()
    if status == HighsModelStatus.kInfeasible and not len(model.solution):
        # nothing allocated is always feasible: HiGHS's presolve misread the numbers (seen on 4,000,000,106 đồng
        # of a source, not on 4,000,000,100); solve the same model once more without it
        highs.setOptionValue("presolve", "off")
        highs.run()
        highs.setOptionValue("presolve", "choose")
        status = highs.getModelStatus()
    model.solver_seconds += time.perf_counter() - started
    model.stages.append(stage)
    if status == HighsModelStatus.kTimeLimit and highs.getInfo().primal_solution_status == 2:  # feasible
        model.proven = False
    elif status != HighsModelStatus.kOptimal:
        problem = f"Bộ giải HiGHS không tìm được phương án ({stage}): {highs.modelStatusToString(status)}."
        if not len(model.solution):
            raise AllocationError(problem)
        # a later stage the floats made infeasible (its rows are as tight as a đồng allows): the previous
        # stage's solution stands, `_round` makes it whole and keeps the order
        model.proven = False
        model.stages[-1] += ": " + highs.modelStatusToString(status) + ", the previous solution is kept"
        raise _StageFailed(problem)
    model.solution = np.asarray(highs.getSolution().col_value, dtype=np.float64)


class _StageFailed(Exception):
    pass


def _objective(
    model: AllocationModel, columns: npt.NDArray[np.int64], values: npt.NDArray[np.float64]
) -> HighsLinearObjective:
    # a list: highspy reads it three times faster than an array; a list of one 0.0 with the few others set,
    # rather than an array's `tolist()`, which makes a float object per column (36 objectives of 6,762 columns)
    coefficients = [0.0] * model.num_cols
    for column, value in zip(columns.tolist(), values.tolist(), strict=True):
        coefficients[column] = value
    objective = HighsLinearObjective()
    objective.weight = -1.0  # maximize
    objective.offset = 0.0
    objective.coefficients = coefficients
    # how much a later objective may take from this one's optimum: HiGHS allows min(abs, rel·|optimum|), here
    # 10⁻⁹ of it (87,000 đồng of 87,000 tỷ): none would be too tight for floats; `_round` takes it all back
    objective.abs_tolerance = 1.0
    objective.rel_tolerance = _RELATIVE_SLACK
    return objective


def _level_objective(model: AllocationModel, level: npt.NDArray[np.int64]) -> HighsLinearObjective:
    return _objective(model, model.num_x + level, model.need[level])


def _ratio_objective(model: AllocationModel, column: int) -> HighsLinearObjective:
    objective = _objective(model, np.array([column], dtype=np.int64), np.ones(1))
    objective.abs_tolerance = 1e-6  # a ratio: a millionth is plenty, tighter is noise
    objective.rel_tolerance = 1.0
    return objective


def _ratios(model: AllocationModel) -> npt.NDArray[np.float64]:
    return model.solution[model.num_x : model.num_x + len(model.unit_kind)]


def _off(model: AllocationModel, rho: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    """New projects below half their need, floored ones below half their floor: not funded (as `_round` reads)."""
    new = model.kinds == _NEW
    floor_ratio = model.lower[model.num_x : model.num_x + len(model.kinds)]
    off: npt.NDArray[np.bool_] = (new | (model.kinds == _FLOOR)) & (rho < np.where(new, 0.5, 0.5 * floor_ratio))
    return off


def _first_broken_level(model: AllocationModel, rho: npt.NDArray[np.float64]) -> int | None:
    """The first level with a new project partly funded or a floored one below its floor (beyond the noise)."""
    kinds, need = model.kinds, model.need
    amount = rho * need
    floor = model.lower[model.num_x : model.num_x + len(kinds)] * need
    broken = (amount > _NOISE) & (
        ((kinds == _NEW) & (amount < need - _NOISE)) | ((kinds == _FLOOR) & (amount < floor - _NOISE))
    )
    for position, level in enumerate(model.levels):
        if broken[level].any():
            return position
    return None


def _is_short(ratios: npt.NDArray[np.float64]) -> bool:
    """Whether a level got some capital but not all it needs: then how it is shared matters."""
    return bool((ratios < 1 - _RATIO_NOISE).any() and (ratios > _RATIO_NOISE).any())


def _keep_totals(model: AllocationModel, rho: npt.NDArray[np.float64], positions: Iterable[int]) -> None:
    """Rows: each of these levels keeps at least the total it has, its projects read as `_round` reads them
    (less the slack the solver's floats need, 10⁻⁹ of the total and twice the noise; `_round` takes it back)."""
    amount = np.where(_off(model, rho), 0.0, rho * model.need)
    for position in positions:
        level = model.levels[position]
        kept = float(amount[level].sum()) * (1 - _RELATIVE_SLACK) - 2 * _NOISE
        if kept > 0:
            columns = (model.num_x + level).astype(np.int32)
            model.highs.addRow(kept, _INFINITY, len(columns), columns, model.need[level])
