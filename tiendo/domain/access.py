"""Who may see and change what: one table of rules that the views, the API and the commands all ask."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    LEADER = "leader"
    SPECIALIST = "specialist"
    OFFICER = "officer"
    INVESTOR = "investor"
    ADMIN = "admin"


READ_ALL = frozenset({Role.LEADER, Role.SPECIALIST, Role.ADMIN})
EDIT_ALL = frozenset({Role.SPECIALIST, Role.ADMIN})


@dataclass(frozen=True)
class Actor:
    role: Role
    # the officer's agency and every agency merged into it: their past work is the agency's work
    agency_ids: frozenset[int] = field(default_factory=frozenset)
    enterprise_id: int | None = None


def can_read_agency_records(actor: Actor, agency_id: int) -> bool:
    """Staff lists, contacts and history of an agency: its own officers and the province's staff."""
    return actor.role in READ_ALL or (actor.role == Role.OFFICER and agency_id in actor.agency_ids)


def can_edit_agency_profile(actor: Actor, agency_id: int) -> bool:
    return actor.role in EDIT_ALL or (actor.role == Role.OFFICER and agency_id in actor.agency_ids)


def can_reorganise(actor: Actor) -> bool:
    """Merging agencies moves every open record: only an administrator does it."""
    return actor.role == Role.ADMIN


def can_list_enterprises(actor: Actor) -> bool:
    return actor.role in READ_ALL


def can_read_enterprise(actor: Actor, enterprise_id: int) -> bool:
    return actor.role in READ_ALL or (actor.role == Role.INVESTOR and actor.enterprise_id == enterprise_id)


def can_edit_enterprise(actor: Actor, enterprise_id: int) -> bool:
    return actor.role in EDIT_ALL or (actor.role == Role.INVESTOR and actor.enterprise_id == enterprise_id)


def can_delete_enterprise(actor: Actor) -> bool:
    return actor.role in EDIT_ALL


def can_manage_tasks(actor: Actor) -> bool:
    """Record directives, assign and edit tasks, turn a meeting text into tasks: the department's specialists."""
    return actor.role in EDIT_ALL


def can_report_on_task(actor: Actor, lead_agency_id: int) -> bool:
    """Progress and extension requests come from the lead agency's officers (or a specialist on their behalf)."""
    return actor.role in EDIT_ALL or (actor.role == Role.OFFICER and lead_agency_id in actor.agency_ids)


def can_decide_extension(actor: Actor) -> bool:
    """A new deadline is granted or refused by a specialist or a leader, never by the agency that asks."""
    return actor.role in {Role.LEADER, Role.SPECIALIST, Role.ADMIN}


def can_decide_review(actor: Actor) -> bool:
    """The handling of a project behind schedule is the leaders' call; specialists prepare it, never decide it."""
    return actor.role in {Role.LEADER, Role.ADMIN}


def can_read_plans(actor: Actor) -> bool:
    """Plans and disbursement: the province's staff see all; an officer sees the lines of its agency's projects."""
    return actor.role in READ_ALL or actor.role == Role.OFFICER


def can_read_plan_line(actor: Actor, owner_agency_id: int | None) -> bool:
    return actor.role in READ_ALL or (
        actor.role == Role.OFFICER and owner_agency_id is not None and owner_agency_id in actor.agency_ids
    )


def can_manage_plans(actor: Actor) -> bool:
    """Drafts, allocations, edits, imports of disbursement and recording the deciding resolution: specialists."""
    return actor.role in EDIT_ALL
