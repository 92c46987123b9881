"""A plan version read from the database into the pure modules' facts, and their answers back into rows.

Fetch first, then compute (Saleor's checkout/fetch.py): a version of 1,500 projects is read in a handful of
queries (one per table, values only, no model instances), handed to `tiendo.domain.allocation` and
`tiendo.domain.plan_checks`, and their answers are mapped back to items and sources by primary key.

One module per thing the facts feed: version (the reading both start from), allocation (the solver's problem and
its answer), checks (the rules a version breaks, who decides), comparison (two versions line by line), pages
(totals, an item's lines, the history). The names below are the ones the rest of tiendo uses.
"""

from .allocation import (
    Outcome,
    Problem,
    Reserve,
    allocation_problem,
    follow_previous,
    previous_lines,
    read_allocation,
    reserves,
)
from .checks import BODY_FROM, BODY_OF, Breach, Decider, breaches, checks, decider, draft_plan
from .comparison import CompareRow, Comparison, comparison
from .pages import ChangeGroup, attach_lines, changes, line_history, totals_by_source
from .version import (
    ITEM_COLUMNS,
    VersionFacts,
    has_decision,
    law_day,
    load,
    medium_term_projects,
    medium_term_remainders,
    project_group,
)

__all__ = [
    "BODY_FROM",
    "BODY_OF",
    "ITEM_COLUMNS",
    "Breach",
    "ChangeGroup",
    "CompareRow",
    "Comparison",
    "Decider",
    "Outcome",
    "Problem",
    "Reserve",
    "VersionFacts",
    "allocation_problem",
    "attach_lines",
    "breaches",
    "changes",
    "checks",
    "comparison",
    "decider",
    "draft_plan",
    "follow_previous",
    "has_decision",
    "law_day",
    "line_history",
    "load",
    "medium_term_projects",
    "medium_term_remainders",
    "previous_lines",
    "project_group",
    "read_allocation",
    "reserves",
    "totals_by_source",
]
