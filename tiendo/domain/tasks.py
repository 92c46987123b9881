"""Task status as government task reports count it (QĐ 42/2014/QĐ-TTg; docs/legal/documents-and-tasks.md TASK-01).

A status is never typed by hand: it follows from the deadline, the completion date and the day the report is
made for. The same facts give the same status on a page, in the summary table, in reminders and in the API, so
every count in tiendo comes through `status_on`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

__all__ = [
    "DUE_SOON_DAYS",
    "Light",
    "Summary",
    "TaskFacts",
    "TaskStatus",
    "due_soon",
    "light",
    "overdue_days",
    "status_on",
    "summarise",
]

DUE_SOON_DAYS = 7

K = TypeVar("K", bound=Hashable)


class TaskStatus(StrEnum):
    DONE_ON_TIME = "done_on_time"  # hoàn thành đúng hạn (HT_DUNG_HAN)
    DONE_LATE = "done_late"  # hoàn thành quá hạn (HT_QUA_HAN)
    IN_PROGRESS = "in_progress"  # đang thực hiện, trong hạn (DANG_TH_TRONG_HAN)
    OVERDUE = "overdue"  # chưa hoàn thành, quá hạn (DANG_TH_QUA_HAN)
    STANDING = "standing"  # nhiệm vụ thường xuyên (KHONG_THOI_HAN)


DONE = frozenset({TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE})


@dataclass(frozen=True)
class TaskFacts:
    """What a status depends on. `deadline` is today's deadline (after approved extensions); reports that judge
    against the deadline first given use `original_deadline` instead."""

    deadline: date | None = None
    completed_on: date | None = None
    standing: bool = False
    original_deadline: date | None = None

    def due(self, *, original: bool = False) -> date | None:
        if original and self.original_deadline is not None:
            return self.original_deadline
        return self.deadline


def status_on(facts: TaskFacts, day: date, *, original: bool = False) -> TaskStatus:
    """The status as it stood at the end of `day`: work finished after that day was not yet finished then.

    The deadline day itself is still within the deadline; a task with no deadline can never be overdue; a
    standing task stays standing until it is closed, and closing it is never late.
    """
    due = facts.due(original=original)
    if facts.completed_on is not None and facts.completed_on <= day:
        if facts.standing or due is None or facts.completed_on <= due:
            return TaskStatus.DONE_ON_TIME
        return TaskStatus.DONE_LATE
    if facts.standing:
        return TaskStatus.STANDING
    if due is not None and day > due:
        return TaskStatus.OVERDUE
    return TaskStatus.IN_PROGRESS


def due_soon(facts: TaskFacts, day: date, within: int = DUE_SOON_DAYS) -> bool:
    """Open, with a deadline from `day` to `day + within` days inclusive: the reminder's "sắp đến hạn"."""
    if status_on(facts, day) != TaskStatus.IN_PROGRESS or facts.deadline is None:
        return False
    return 0 <= (facts.deadline - day).days <= within


def overdue_days(facts: TaskFacts, day: date) -> int:
    """Days past the deadline for an open task (0 when it is not overdue)."""
    if status_on(facts, day) != TaskStatus.OVERDUE or facts.deadline is None:
        return 0
    return (day - facts.deadline).days


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


@dataclass
class Summary:
    """One row of the standard per-agency table."""

    total: int = 0
    done_on_time: int = 0
    done_late: int = 0
    in_progress: int = 0
    overdue: int = 0
    standing: int = 0

    def add(self, status: TaskStatus) -> None:
        self.total += 1
        setattr(self, status.value, getattr(self, status.value) + 1)

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def overdue_share(self) -> float:
        """Overdue tasks among those that can be overdue (standing tasks cannot)."""
        judged = self.total - self.standing
        return self.overdue / judged if judged else 0.0

    def merge(self, other: Summary) -> None:
        for name in ("total", "done_on_time", "done_late", "in_progress", "overdue", "standing"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def summarise(rows: Iterable[tuple[K, TaskFacts]], day: date, *, original: bool = False) -> dict[K, Summary]:
    """Count each group's tasks by their status at the end of `day`."""
    table: dict[K, Summary] = {}
    for key, facts in rows:
        table.setdefault(key, Summary()).add(status_on(facts, day, original=original))
    return table


def light(summary: Summary, yellow_from: float = 0.0, red_from: float = 0.2) -> Light:
    """Green with no overdue task (share <= yellow_from), red from `red_from` of tasks overdue, yellow between."""
    share = summary.overdue_share
    if share >= red_from and summary.overdue:
        return Light.RED
    if share > yellow_from:
        return Light.YELLOW
    return Light.GREEN
