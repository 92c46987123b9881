"""The life of a petition: its states, the moves allowed between them, and which states run the clock.

received → classified → assigned → in progress → (waiting for the enterprise | for another agency) → answered →
published → rated → closed; side exits rejected (not accepted, or a complaint redirected to its own procedure),
merged (into a group that gets one answer), withdrawn; a rated or closed petition may be reopened once by its
petitioner, which sends it back to the agency."""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class State(StrEnum):
    RECEIVED = "received"
    CLASSIFIED = "classified"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    WAITING_ENTERPRISE = "waiting_enterprise"
    WAITING_AGENCY = "waiting_agency"
    ANSWERED = "answered"
    PUBLISHED = "published"
    RATED = "rated"
    CLOSED = "closed"
    REJECTED = "rejected"
    MERGED = "merged"
    WITHDRAWN = "withdrawn"


class Kind(StrEnum):
    """Decree 20's four kinds (Art. 9 as amended): not accepted; a difficulty caused by an agency's or official's
    delay, nuisance or wrong implementation; within the receiving agency's competence; outside it (forwarded)."""

    NOT_ACCEPTED = "not_accepted"
    OFFICIAL_CONDUCT = "official_conduct"
    WITHIN_COMPETENCE = "within_competence"
    OUTSIDE_COMPETENCE = "outside_competence"


class Topic(StrEnum):
    LAND = "land"
    SITE_CLEARANCE = "site_clearance"
    TAX = "tax"
    CONSTRUCTION_PERMIT = "construction_permit"
    INVESTMENT_PROCEDURE = "investment_procedure"
    POWER_WATER = "power_water"
    LABOUR = "labour"
    ENVIRONMENT = "environment"
    CUSTOMS = "customs"
    CREDIT = "credit"
    INFRASTRUCTURE = "infrastructure"
    INVESTMENT_ENQUIRY = "investment_enquiry"
    OTHER = "other"


class Channel(StrEnum):
    INVESTOR_PORTAL = "investor_portal"
    LETTER = "letter"
    HOTLINE = "hotline"
    NATIONAL_SYSTEM = "national_system"
    CONFERENCE = "conference"
    EMAIL = "email"
    PUBLIC_PORTAL = "public_portal"


# states where the answer clock runs (the agency owes the next step)
CLOCK_RUNS: Final = frozenset(
    {State.RECEIVED, State.CLASSIFIED, State.ASSIGNED, State.IN_PROGRESS, State.WAITING_AGENCY}
)
# the clock stands still while the enterprise owes additional information
CLOCK_PAUSED: Final = frozenset({State.WAITING_ENTERPRISE})
# an answer exists
ANSWERED: Final = frozenset({State.ANSWERED, State.PUBLISHED, State.RATED, State.CLOSED})
# nothing more is owed
FINISHED: Final = frozenset({State.CLOSED, State.REJECTED, State.MERGED, State.WITHDRAWN})
OPEN: Final = frozenset(State) - ANSWERED - FINISHED

_WITHDRAWABLE = frozenset(
    {
        State.RECEIVED,
        State.CLASSIFIED,
        State.ASSIGNED,
        State.IN_PROGRESS,
        State.WAITING_ENTERPRISE,
        State.WAITING_AGENCY,
    }
)

MOVES: Final[dict[State, frozenset[State]]] = {
    State.RECEIVED: frozenset({State.CLASSIFIED, State.REJECTED, State.MERGED, State.WITHDRAWN}),
    State.CLASSIFIED: frozenset({State.ASSIGNED, State.REJECTED, State.MERGED, State.WITHDRAWN}),
    State.ASSIGNED: frozenset(
        {State.ASSIGNED, State.IN_PROGRESS, State.MERGED, State.WITHDRAWN, State.ANSWERED, State.CLASSIFIED}
    ),
    State.IN_PROGRESS: frozenset(
        {State.WAITING_ENTERPRISE, State.WAITING_AGENCY, State.ANSWERED, State.ASSIGNED, State.MERGED, State.WITHDRAWN}
    ),
    State.WAITING_ENTERPRISE: frozenset({State.IN_PROGRESS, State.WITHDRAWN, State.ANSWERED}),
    State.WAITING_AGENCY: frozenset({State.IN_PROGRESS, State.WITHDRAWN, State.ANSWERED}),
    State.ANSWERED: frozenset({State.PUBLISHED, State.RATED, State.CLOSED, State.IN_PROGRESS}),
    State.PUBLISHED: frozenset({State.RATED, State.CLOSED}),
    State.RATED: frozenset({State.CLOSED, State.IN_PROGRESS}),
    State.CLOSED: frozenset({State.IN_PROGRESS}),
    State.REJECTED: frozenset({State.CLASSIFIED}),
    State.MERGED: frozenset(),
    State.WITHDRAWN: frozenset(),
}

# how many times the petitioner may reopen an answered petition (issue 16: once)
REOPEN_LIMIT: Final = 1


def can_move(current: State, target: State) -> bool:
    return target in MOVES[current]


def is_reopening(current: State, target: State) -> bool:
    """An answered, rated or closed petition sent back to the agency."""
    return current in ANSWERED and target == State.IN_PROGRESS


def withdrawable(state: State) -> bool:
    return state in _WITHDRAWABLE


# words that make a text a complaint or a denunciation (Law on Complaints 2011, Law on Denunciations 2018), which
# Decree 20 leaves to their own procedure
COMPLAINT_WORDS: Final = ("khieu nai", "to cao", "khiếu nại", "tố cáo")
