"""A petition's deadlines in working days and the escalation ladder that follows them.

Each duration is a setting whose default is the verified legal value (docs/legal/petitions.md); the caller passes
them in as `DeadlineRules`. The answer deadline counts from receipt, moved by the working days the clock was
paused while the enterprise owed additional information (tiendo.domain.workdays)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tiendo.domain.workdays import Pause, WorkCalendar, add_working_days, due_with_pauses, working_days_between


@dataclass(frozen=True, slots=True)
class DeadlineRules:
    """Working days: to forward a petition outside the receiver's competence, to answer it, to publish an
    answer; how many before the answer deadline the officer is reminded; how many past it the leaders get it."""

    forward_days: int = 5
    answer_days: int = 10
    publish_days: int = 5
    remind_before: int = 2
    escalate_after: int = 5

    def __post_init__(self) -> None:
        for name in ("forward_days", "answer_days", "publish_days"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1 working day")
        if self.remind_before < 0 or self.escalate_after < 0:
            raise ValueError("reminder and escalation offsets must not be negative")


class Step(StrEnum):
    """Where a petition stands on the ladder on a given day."""

    NONE = "none"
    REMIND_OFFICER = "remind_officer"  # the deadline is `remind_before` working days away or less
    NOTIFY_HEAD = "notify_head"  # the deadline is today, or passed by fewer than `escalate_after` working days
    ESCALATE = "escalate"  # past the deadline by `escalate_after` working days or more: the leaders' agenda


def forward_due(calendar: WorkCalendar, received: date, rules: DeadlineRules) -> date:
    return add_working_days(calendar, received, rules.forward_days)


def answer_due(
    calendar: WorkCalendar,
    received: date,
    rules: DeadlineRules,
    pauses: Iterable[Pause] = (),
    today: date | None = None,
) -> date:
    return due_with_pauses(calendar, received, rules.answer_days, pauses, today)


def publish_due(calendar: WorkCalendar, answered: date, rules: DeadlineRules) -> date:
    return add_working_days(calendar, answered, rules.publish_days)


def working_days_late(calendar: WorkCalendar, due: date, day: date) -> int:
    """How many working days after its deadline `day` is (0 on or before the deadline)."""
    return working_days_between(calendar, due, day)


def working_days_left(calendar: WorkCalendar, today: date, due: date) -> int:
    """Working days from today up to the deadline (0 on the deadline or after it)."""
    return working_days_between(calendar, today, due)


def answered_on_time(due: date, answered: date) -> bool:
    return answered <= due


def step_on(calendar: WorkCalendar, due: date, today: date, rules: DeadlineRules) -> Step:
    """The ladder's step for an open petition due on `due`, seen on `today`."""
    if today < due:
        return Step.REMIND_OFFICER if working_days_left(calendar, today, due) <= rules.remind_before else Step.NONE
    late = working_days_late(calendar, due, today)
    if late >= rules.escalate_after and late > 0:
        return Step.ESCALATE
    return Step.NOTIFY_HEAD
