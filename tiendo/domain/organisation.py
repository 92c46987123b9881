"""Who exists when: agencies, administrative units and the reorganisations that join them.

Pure rules over small facts, shared by the merge service, the demo generator and reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class AgencyKind(StrEnum):
    PARTY_COMMITTEE = "party_committee"
    PEOPLES_COUNCIL = "peoples_council"
    PEOPLES_COMMITTEE = "peoples_committee"
    DEPARTMENT = "department"
    BOARD = "board"
    COMMUNE = "commune"
    CENTRAL = "central"
    OTHER = "other"


class UnitLevel(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


def chinese_name(vietnamese: str, word: str) -> str:
    """A Vietnamese proper name in a Chinese name: "Cẩm Giàng 社人民委员会".

    The name keeps its diacritics (tone marks tell Cẩm Giang from Cẩm Giàng; there is no official Chinese form of
    most communes), and a space separates the Latin name from the Chinese words, as Chinese typesetting does.
    """
    return f"{vietnamese.strip()} {word}"


@dataclass(frozen=True)
class Validity:
    valid_from: date | None = None
    valid_to: date | None = None  # the last day it existed, inclusive

    def covers(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def overlaps(self, start: date, end: date) -> bool:
        """Whether it existed on any day of [start, end]: reports of a past period list the agencies of then."""
        return (self.valid_from is None or self.valid_from <= end) and (self.valid_to is None or start <= self.valid_to)


@dataclass(frozen=True)
class AgencyFacts:
    id: int
    code: str
    validity: Validity
    successor_id: int | None = None


@dataclass(frozen=True)
class MergeProblem:
    """Why a merge cannot happen; `code` is stable, the app turns it into a translated sentence."""

    code: str
    agency_code: str = ""


def last_day_before(day: date) -> date:
    return day - timedelta(days=1)


def merge_problems(
    sources: Iterable[AgencyFacts], target: AgencyFacts, effective: date, decision: str
) -> list[MergeProblem]:
    """Check that every source can end the day before `effective` and hand its work to a live target."""
    problems: list[MergeProblem] = []
    if not decision.strip():
        problems.append(MergeProblem("no_decision"))
    sources = list(sources)
    if not sources:
        problems.append(MergeProblem("no_sources"))
    if not target.validity.covers(effective):
        problems.append(MergeProblem("target_not_valid", target.code))
    for source in sources:
        if source.id == target.id:
            problems.append(MergeProblem("target_is_source", source.code))
            continue
        if source.successor_id is not None or source.validity.valid_to is not None:
            problems.append(MergeProblem("source_already_ended", source.code))
        elif source.validity.valid_from is not None and source.validity.valid_from >= effective:
            problems.append(MergeProblem("source_starts_after_merge", source.code))
    return problems


def successor_on(agency_id: int, day: date, facts: Mapping[int, AgencyFacts]) -> int:
    """The agency that holds `agency_id`'s work on `day`, following successors past their end dates."""
    seen: set[int] = set()
    current = facts[agency_id]
    while current.validity.valid_to is not None and current.validity.valid_to < day and current.successor_id:
        if current.id in seen:  # a cycle in bad data: stop rather than loop forever
            break
        seen.add(current.id)
        current = facts[current.successor_id]
    return current.id


def lineage(agency_id: int, facts: Mapping[int, AgencyFacts]) -> set[int]:
    """The agency and every agency merged into it, directly or through others."""
    predecessors: dict[int, list[int]] = {}
    for fact in facts.values():
        if fact.successor_id is not None:
            predecessors.setdefault(fact.successor_id, []).append(fact.id)
    found = {agency_id}
    stack = [agency_id]
    while stack:
        for pred in predecessors.get(stack.pop(), []):
            if pred not in found:
                found.add(pred)
                stack.append(pred)
    return found


@dataclass(frozen=True)
class Move:
    """One record handed to a successor by a reorganisation: which record, and what it pointed to before."""

    effective: date
    record_id: int
    previous_id: int | None


def pointers_on(current: Mapping[int, int | None], moves: Iterable[Move], day: date) -> dict[int, int | None]:
    """Where each record pointed on `day`: undo, latest first, the moves that took effect after that day."""
    pointers = dict(current)
    for move in sorted(moves, key=lambda m: m.effective, reverse=True):
        if move.effective > day and move.record_id in pointers:
            pointers[move.record_id] = move.previous_id
    return pointers
