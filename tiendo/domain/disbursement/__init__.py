"""Disbursement of a year's public-investment capital: its deadline, the monthly S-curve against the province's
target path, the projects that disburse too slowly, and the capital they could release to projects on pace.

Deadlines follow the Law on Public Investment (docs/legal/public-investment.md PI-11, PI-12, PI-13): 31 January
of the next year; 31 December of the next year for capital the competent authority added after 30 September of
the plan year; an extension never beyond 31 December of the next year. The law version is the one in force on
the plan's decision day (1 January of the plan year while it is unknown), as in `plan_checks`.

The target path is the province's own, configurable, not law. "Slow", "stalled" and "at risk" follow
`Thresholds`, also the province's choice. Transfer candidates (điều chuyển vốn) are plain data: the capital
released per source and the receivers with their tier, need and eligible sources, which the app hands to the
allocation module so that the transfer proposal follows the same order of priority as the plan.
"""

from tiendo.domain.disbursement.curve import (
    DEFAULT_TARGET_PATH,
    MonthPoint,
    TargetPoint,
    cumulative_series,
    target_percent,
)
from tiendo.domain.disbursement.deadlines import Deadline, DeadlineReason, deadline, medium_term_deadline
from tiendo.domain.disbursement.pace import Pace, PaceResult, ProjectDisbursement, Projection, Thresholds, classify
from tiendo.domain.disbursement.transfer import (
    Donor,
    Receiver,
    SourceAllocation,
    TransferCandidates,
    TransferProject,
    TransferRules,
    transfer_candidates,
)
from tiendo.domain.plan_checks import Tier  # re-exported: a transfer's receivers carry their tier

__all__ = [
    "DEFAULT_TARGET_PATH",
    "Deadline",
    "DeadlineReason",
    "Donor",
    "MonthPoint",
    "Pace",
    "PaceResult",
    "Projection",
    "ProjectDisbursement",
    "Receiver",
    "SourceAllocation",
    "TargetPoint",
    "Thresholds",
    "Tier",
    "TransferCandidates",
    "TransferProject",
    "TransferRules",
    "classify",
    "cumulative_series",
    "deadline",
    "medium_term_deadline",
    "target_percent",
    "transfer_candidates",
]
