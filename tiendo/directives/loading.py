"""The directives services' bulk variants: directives and tasks loaded as they were given, what happened to the
tasks since (progress, extensions, their requests and decisions), the open tasks of an ended agency handed over,
and notifications (the demo; a migration from another system).

A user changes a task one at a time through `services`; a load writes tens of thousands (60,000 tasks for the
national demo, each changed several times), where even bulk_create's and bulk_update's per-object work costs
several times the database's own, so rows and their history rows go in through `audit.bulk_records` (COPY on
PostgreSQL; changes as one UPDATE a task, sent together). Each function is one transaction. What a load writes was
entered, reported and decided by many people, so most history rows name a different person per record: the
functions say where each author comes from (a field of the record, or given with it as data) and set the
attribution themselves. The handover, one act by one person, takes the keyword-only `actor`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from django.db import transaction

from tiendo.accounts.models import User
from tiendo.audit.bulk_records import add_history, add_records, update_records
from tiendo.audit.models import acted_by
from tiendo.core.bulk import insert_rows
from tiendo.domain.text import search_key

from .models import Directive, ExtensionRequest, Notification, ProgressUpdate, Task

BATCH = 5000
UPDATE_BATCH = 5000  # changes sent together, one UPDATE each


class Decision(NamedTuple):
    """How an extension request was decided: the new state, by whom (a user's key), when, with what note."""

    state: str
    by: int
    at: datetime
    note: str


class _Authors:
    """Stand-ins carrying a user's key, enough for a history row's author (no query per record)."""

    def __init__(self) -> None:
        self.users: dict[int, User] = {}

    def __call__(self, pk: int | None) -> User | None:
        if pk is None:
            return None
        if pk not in self.users:
            self.users[pk] = User(pk=pk)
        return self.users[pk]


@transaction.atomic
def add_directives(directives: list[Directive]) -> list[Directive]:
    """New directives (their text tidied by the caller), each with its "created" history row naming the
    directive's own `created_by` (a per-record author). Search keys are computed as `Directive.save` does."""
    author = _Authors()
    for directive in directives:
        directive.search_key = search_key(f"{directive.number} {directive.title} {directive.issuer}")[:900]
        acted_by(directive, author(directive.created_by_id), None)
    return add_records(Directive, directives, batch=BATCH)


@transaction.atomic
def add_tasks(tasks: list[tuple[Task, str, Sequence[int]]]) -> list[Task]:
    """New tasks of saved directives: each is (the task, why it was given, the keys of its cooperating agencies).
    Each "created" history row names the task's own `created_by` (a per-record author) with the reason; search
    keys are computed as `Task.save` does. Returns the tasks with their keys."""
    author = _Authors()
    for task, reason, _cooperating in tasks:
        task.search_key = search_key(f"{task.title} {task.assignee_text} {task.expected_result}")[:1500]
        acted_by(task, author(task.created_by_id), reason)
    created = add_records(Task, [task for task, _reason, _cooperating in tasks], batch=BATCH)
    through = Task.cooperating_agencies.through._meta
    insert_rows(
        through.db_table,
        [through.get_field("task").column, through.get_field("agency").column],
        [(task.pk, int(agency)) for task, _reason, cooperating in tasks for agency in cooperating],
        batch=BATCH,
    )
    return created


@transaction.atomic
def update_tasks(changes: list[tuple[Task, int, str]], fields: list[str]) -> int:
    """Tasks changed as it happened: each change is (the task carrying its new values, the key of the user who
    made the change, why); only `fields` are written, each task gets a history row naming its change's author (a
    per-record author, given as data) with the reason. Returns how many were written."""
    author = _Authors()
    tasks = []
    for task, by, reason in changes:
        acted_by(task, author(by), reason)
        tasks.append(task)
    update_records(Task, tasks, fields, batch=UPDATE_BATCH)
    add_history(Task, tasks, history_type="~", batch=BATCH)
    return len(tasks)


@transaction.atomic
def add_progress_updates(updates: list[ProgressUpdate]) -> list[ProgressUpdate]:
    """Progress updates of saved tasks, each with its "created" history row naming the update's own `author` (a
    per-record author)."""
    author = _Authors()
    for update in updates:
        acted_by(update, author(update.author_id), None)
    return add_records(ProgressUpdate, updates, batch=BATCH)


@transaction.atomic
def add_extension_requests(requests: list[tuple[ExtensionRequest, datetime, Decision | None]]) -> int:
    """Extension requests of saved tasks as they were made and decided: each is (the pending request, when it was
    made, its decision or None while pending). Each request gets its "created" history row naming its own
    `requested_by`, then its request time (stamped on creation otherwise); a decided one gets a second history
    row naming the decision's author (a per-record author, given as data) with the note as reason. Returns how
    many requests were written."""
    author = _Authors()
    for request, _asked, _decision in requests:
        acted_by(request, author(request.requested_by_id), None)
    add_records(ExtensionRequest, [request for request, _asked, _decision in requests], batch=BATCH)
    decided = []
    for request, asked, decision in requests:
        request.requested_at = asked
        if decision is not None:
            request.state = decision.state
            request.decided_by_id = decision.by
            request.decided_at = decision.at
            request.decision_note = decision.note
            acted_by(request, author(decision.by), decision.note)
            decided.append(request)
    update_records(ExtensionRequest, [request for request, _asked, _decision in requests], ["requested_at"])
    update_records(ExtensionRequest, decided, ["state", "decided_by", "decided_at", "decision_note"])
    add_history(ExtensionRequest, decided, history_type="~", batch=BATCH)
    return len(requests)


@transaction.atomic
def hand_over(moves: list[tuple[Task, int, str]], *, actor) -> int:
    """Tasks handed to another lead agency: each move is (the task as read, the receiving agency's key, why). Only
    the lead agency column is written, so the row version stays as it was (`agencies.reorganisation`'s merges
    move it; a load keeps the rows the demo always wrote); each task gets a history row by `actor` with the
    reason. Returns how many moved."""
    tasks = []
    for task, agency_id, reason in moves:
        task._change_reason = reason
        task.lead_agency_id = agency_id
        tasks.append(task)
    update_records(Task, tasks, ["lead_agency"], batch=UPDATE_BATCH)
    add_history(Task, tasks, history_type="~", actor=actor, batch=BATCH)
    return len(tasks)


@transaction.atomic
def add_notifications(notifications: list[Notification]) -> list[Notification]:
    """Notifications (they keep no history); one a user already has (same task, kind and day) is skipped."""
    return Notification.objects.bulk_create(notifications, batch_size=BATCH, ignore_conflicts=True)
