"""Investment projects: the vocabularies and the schedule facts every part of tiendo reads the same way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class ProjectKind(StrEnum):
    PUBLIC = "public"  # đầu tư công
    PRIVATE = "private"  # doanh nghiệp trong nước
    FDI = "fdi"  # có vốn đầu tư nước ngoài


class ProjectStatus(StrEnum):
    PREPARING = "preparing"
    IMPLEMENTING = "implementing"
    OPERATING = "operating"
    COMPLETED = "completed"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"


class ProjectGroup(StrEnum):
    NATIONAL = "national"  # quan trọng quốc gia
    A = "A"
    B = "B"
    C = "C"


class MilestoneKind(StrEnum):
    """The kinds the schedule rules judge (docs/contracts/rules-check.md)."""

    CAPITAL_CONTRIBUTION = "capital_contribution"
    SITE_CLEARANCE = "site_clearance"
    LAND_HANDOVER = "land_handover"
    CONSTRUCTION_START = "construction_start"
    OPERATION = "operation"
    COMPLETION = "completion"


class ExtensionReason(StrEnum):
    FORCE_MAJEURE = "force_majeure"
    STATE_LAND_DELAY = "state_land_delay"
    STATE_REQUEST = "state_request"
    PLANNING_CHANGE = "planning_change"
    OBJECTIVE_CHANGE = "objective_change"
    CAPITAL_INCREASE = "capital_increase"
    OTHER = "other"


class DepositStatus(StrEnum):
    NOT_REQUIRED = "not_required"
    REQUIRED = "required"  # owed, not yet paid
    PAID = "paid"
    REFUNDED = "refunded"
    FORFEITED = "forfeited"


class CapitalSourceKind(StrEnum):
    CENTRAL_BUDGET = "central_budget"
    LOCAL_BUDGET = "local_budget"
    ODA = "oda"
    EQUITY = "equity"  # vốn chủ sở hữu
    LOAN = "loan"
    OTHER = "other"


@dataclass(frozen=True)
class MilestoneFacts:
    kind: MilestoneKind
    first_due: date | None
    current_due: date | None
    done: date | None = None


def days_behind(milestone: MilestoneFacts, today: date) -> int:
    """Days past the current due date: of the done date if done late, else of today; 0 when on time."""
    if milestone.current_due is None:
        return 0
    end = milestone.done or today
    return max(0, (end - milestone.current_due).days)


def is_late(milestone: MilestoneFacts, today: date) -> bool:
    """Open and past its current due date (a milestone done late is history, not a delay)."""
    return milestone.done is None and milestone.current_due is not None and today > milestone.current_due


def months_added(first_due: date | None, current_due: date | None) -> int:
    """Whole months the schedule has been extended, as decisions count them (30 days or more is a month)."""
    if first_due is None or current_due is None or current_due <= first_due:
        return 0
    months = (current_due.year - first_due.year) * 12 + current_due.month - first_due.month
    if current_due.day < first_due.day and not _is_month_end(current_due):
        months -= 1  # 31/08 -> 28/02 is six months: a due date on a month's last day counts the month
    return max(months, 0)


def _is_month_end(day: date) -> bool:
    return (day + timedelta(days=1)).month != day.month
