"""Public-investment capital shared among projects by the law's order of priority (docs/allocation.md).

The meaning (docs/contracts/plan-allocate.md; docs/legal/public-investment.md PI-04, PI-05, PI-06):
- A project that may not be funded (PI-04 eligibility, PI-06 allocation period) gets nothing and a violation.
- Priority levels follow Art. 54(4) of the Law on Public Investment 58/2024, or Art. 51 of Law 39/2019 for plans
  decided before 01/01/2025 (`PRIORITY`). A project of a higher level gets its whole need, from the sources it may
  use, before any project of a lower level gets anything it could have used.
- Within a level a shortage is shared in proportion to need: projects of one level that may use the same sources
  get the same ratio allocated/need; between different sets of sources the smallest ratio is made as large as
  the level totals allow (max-min), after every level's total.
- A `new` project gets its whole need or nothing (Art. 54(5)). A project with a `floor` gets nothing or at least
  its floor; it is its own fairness group.
- No source is over-spent, no project gets more than its need; amounts are whole đồng.

How (a real optimisation, HiGHS through highspy, built from numpy arrays):
- Projects of one level with the same eligible sources and no floor are one *unit* (their ratio is shared, so
  the model carries their sum); each floored project and each new project is a unit of its own.
- Columns: x[u,s] ≥ 0 for each unit and eligible source (in a power of ten of đồng near the median amount),
  ρ[u] the unit's ratio (continuous in [0, 1]; semi-continuous {0} ∪ [floor/need, 1] for a floor; binary for a
  new project), m[f] the minimum ratio of each fairness objective. Rows: Σ_u x[u,s] ≤ available_s per source;
  Σ_s x[u,s] − need_u·ρ[u] = 0 per unit; m[f] − ρ[u] ≤ 0 per member of a fairness objective.
- Lexicographic objectives, HiGHS's native multi-objective, in stages (`solve_model`): maximize the total of
  level 1, then level 2, …, as an LP (a MIP only from the first level where a new project or a floor makes the
  LP's answer impossible), then the minimum ratio of each level left short; last, only if some project gives
  `previous` (its lines in the approved version), the most of those lines kept: Σ k[u,s], k[u,s] ≤ x[u,s] and
  ≤ what the unit had of s, every unit's ratio fixed as the stages left it (`_keep_previous`).
- The solver is trusted to a millionth of the model's unit; `_round` makes the amounts whole đồng and the order
  exact (what a higher level misses comes back from lower ones), a unit's total is shared among its projects by
  need with the largest remainders, and each project's amount is taken from the unit's sources in turn.

The package, in the order the work is done: `tiers` (the vocabulary and the law's tables), `inputs` (the plan,
sources and projects, and their checks), `eligibility` (which law applies, who may be funded at all), `model` (the
HiGHS model), `solving` (its lexicographic stages), `rounding` (whole đồng), `explaining` (the Vietnamese
reasons), `records` (what is given back) and `allocating` (the whole: `allocate`). Everything public is
importable from `tiendo.domain.allocation`.
"""

from __future__ import annotations

from tiendo.domain.allocation.allocating import allocate, read_result
from tiendo.domain.allocation.eligibility import Violation, priority_law, tier_citation, violations_of
from tiendo.domain.allocation.explaining import _vnd as _vnd
from tiendo.domain.allocation.inputs import (
    AllocationError,
    InvalidAllocationInput,
    Plan,
    Project,
    Source,
    check_input,
)
from tiendo.domain.allocation.inputs import _new_project as _new_project
from tiendo.domain.allocation.model import AllocationModel, build_model, model_unit
from tiendo.domain.allocation.records import Allocation, AllocationResult, LevelSummary, ProjectResult, Reason
from tiendo.domain.allocation.solving import solve_model
from tiendo.domain.allocation.tiers import (
    NAMED_2019,
    POINTS_2024,
    PRIORITY,
    PRIORITY_2019,
    PRIORITY_2024,
    TIER_LABELS,
    PlanKind,
    PriorityLaw,
    Tier,
)
from tiendo.domain.projects import ProjectGroup as ProjectGroup  # as the single module offered it (plans app)

__all__ = [
    "NAMED_2019",
    "POINTS_2024",
    "PRIORITY",
    "PRIORITY_2019",
    "PRIORITY_2024",
    "TIER_LABELS",
    "Allocation",
    "AllocationError",
    "AllocationModel",
    "AllocationResult",
    "InvalidAllocationInput",
    "LevelSummary",
    "Plan",
    "PlanKind",
    "PriorityLaw",
    "Project",
    "ProjectResult",
    "Reason",
    "Source",
    "Tier",
    "Violation",
    "allocate",
    "build_model",
    "check_input",
    "model_unit",
    "priority_law",
    "read_result",
    "solve_model",
    "tier_citation",
    "violations_of",
]
