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


# Art. 41(4) of the Law on Investment 2020 (Law 61/2020/QH14, in force 01/01/2021): a project with an investment
# policy approval may not push its schedule more than 24 months past the first approval, except for the reasons of
# Art. 41(4)(a)-(e), whose months do not count. Projects with only a registration certificate (INV-03) and public
# investment projects (their policy decision is under the Law on Public Investment) have no such cap.
CAP_MONTHS = 24
LAW_2020_IN_FORCE = date(2021, 1, 1)
CAP_EXCEPTION_REASONS = frozenset(
    {
        ExtensionReason.FORCE_MAJEURE,
        ExtensionReason.STATE_LAND_DELAY,
        ExtensionReason.STATE_REQUEST,
        ExtensionReason.PLANNING_CHANGE,
        ExtensionReason.OBJECTIVE_CHANGE,
        ExtensionReason.CAPITAL_INCREASE,
    }
)


@dataclass(frozen=True)
class ExtensionCap:
    """Where an extension leaves the schedule against the 24-month cap."""

    total_months: int  # past the first due date, this extension included
    counted_months: int  # of those, the months the cap counts (not those granted for an exception)
    refused: bool  # the law does not allow it: no exception, counted months over the cap, the 2020 law applies
    exception: bool  # this extension's reason is one of Art. 41(4)'s exceptions
    before_2021: bool  # approved before the 2020 law: Decree 31/2021 Art. 117 decides, the cap is not checked


def extension_cap(
    *,
    kind: str,
    policy_approval: date | None,
    first_due: date | None,
    old_due: date,
    new_due: date,
    decided_on: date,
    reason: str,
    earlier_exempt_months: int = 0,
) -> ExtensionCap | None:
    """None when the cap does not apply or the schedule stays within 24 months of the first due date.

    `earlier_exempt_months`: the months of the milestone's earlier extensions granted for an exception."""
    if kind == ProjectKind.PUBLIC or policy_approval is None or first_due is None:
        return None
    total = months_added(first_due, new_due)
    if total <= CAP_MONTHS:
        return None
    exception = reason in CAP_EXCEPTION_REASONS
    counted = max(months_added(first_due, old_due) - earlier_exempt_months, 0)
    if not exception:
        counted += months_added(old_due, new_due)
    before_2021 = policy_approval < LAW_2020_IN_FORCE
    refused = not exception and not before_2021 and decided_on >= LAW_2020_IN_FORCE and counted > CAP_MONTHS
    return ExtensionCap(total, counted, refused, exception, before_2021)
