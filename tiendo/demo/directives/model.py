"""What the generator makes before anything is written: directive and task plans with their events and
extension, the context of the province, and the date and text helpers they share."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta

from tiendo.directives.models import Directive, ExtensionRequest, Task

from .vocabulary import MINISTRY_NAMES, MINISTRY_TARGET, REFORM


@dataclass
class Event:
    day: date
    kind: str  # "progress", "extend" (an approved extension) or "done"
    by: int  # user pk
    percent: int = 0
    text: str = ""
    deadline: date | None = None


@dataclass
class Extension:
    asked: date
    old: date
    new: date
    reason: str
    by: int
    state: str = ExtensionRequest.State.PENDING
    decided: date | None = None
    decider: int | None = None
    note: str = ""


@dataclass
class TaskPlan:
    task: Task
    agency: str  # the lead agency's code on the day given
    author: int  # the officer who reports on it (a specialist on behalf of an agency without staff)
    line: str = ""  # the sentence of the directive that gives it
    coop: list[int] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    extension: Extension | None = None
    applied: int = 0  # events already written


@dataclass
class DirectivePlan:
    directive: Directive
    tasks: list[TaskPlan]


@dataclass
class Context:
    """What the generator of one province reads from the database before writing."""

    home: bool  # the demo province: Hải Dương, then Hải Phòng from 01/07/2025
    prefix: str  # HD or P<code>
    level: str  # "tỉnh" or "thành phố" (before 07/2025 for the demo province)
    name: str  # "tỉnh Hải Dương"
    agencies: dict[str, tuple[int, str, str]]  # code -> (pk, name, short name)
    staff: dict[str, list[tuple[int, str]]]  # agency code -> [(user pk, full name)]
    places: list[tuple[str, str, float]]  # communes of today: (committee code, old district key, weight)
    projects: dict[str, list[tuple[date, int, str, str]]]  # public/private -> [(decided, pk, name, commune code)]
    creator: int
    deciders: list[int]
    demo_users: dict[str, tuple[int, str]] = field(default_factory=dict)  # username -> (pk, full name)
    admin: int = 0
    leader: str = ""  # the demo leader, a vice-chair of the People's Committee


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _month_end(day: date) -> date:
    return day.replace(day=monthrange(day.year, day.month)[1])


def _quarter(day: date) -> tuple[int, str]:
    q = (day.month - 1) // 3 + 1
    return q, ["I", "II", "III", "IV"][q - 1]


def _weekday(day: date) -> date:
    """Documents are signed on working days."""
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _ministry(key: str, day: date) -> str:
    return MINISTRY_NAMES[MINISTRY_TARGET.get(key, key) if day >= REFORM else key]
