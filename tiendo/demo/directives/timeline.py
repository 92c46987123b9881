"""Writing the plans, then what happened to the tasks, in the order of the reorganisations: events applied in
rounds before each merger, the progress updates and extension requests behind them, the districts' open tasks
handed over, the demo users' notifications."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from tiendo.accounts.models import User
from tiendo.agencies.models import Agency
from tiendo.directives.models import Directive, ExtensionRequest, Notification, ProgressUpdate, Task
from tiendo.domain.access import Role
from tiendo.domain.text import clean, search_key

from .model import DirectivePlan, TaskPlan, _day
from .vocabulary import BATCH, DISTRICT_HANDOVER, EVENT_FIELDS, TWO_TIER, UPDATE_BATCH


class Timeline:
    """Writes the plans, then what happened to the tasks, in the order of the reorganisations (see above)."""

    def __init__(self, today: date):
        self.today = today
        self.kept: list[TaskPlan] = []  # the demo province's tasks: the reorganisations move some of them
        self.counts = {"directives": 0, "tasks": 0, "progress_updates": 0, "extension_requests": 0}
        self.users: dict[int, User] = {}

    def user(self, pk: int) -> User:
        """A stand-in carrying the key, enough for a history row's author."""
        if pk not in self.users:
            self.users[pk] = User(pk=pk)
        return self.users[pk]

    def write(self, plans: list[DirectivePlan], *, keep: bool) -> None:
        directives = [plan.directive for plan in plans]
        for directive in directives:
            directive.text = "\n".join(clean(line) for line in directive.text.split("\n"))
            directive.search_key = search_key(f"{directive.number} {directive.title} {directive.issuer}")[:900]
            directive._history_user = self.user(directive.created_by_id)
        bulk_create_with_history(directives, Directive, batch_size=BATCH)
        tasks: list[TaskPlan] = []
        for plan in plans:
            label = plan.directive.number or plan.directive.title
            for task_plan in plan.tasks:
                task = task_plan.task
                task.directive_id = plan.directive.pk
                task.search_key = search_key(f"{task.title} {task.assignee_text} {task.expected_result}")[:1500]
                task._history_user = self.user(task.created_by_id)
                task._change_reason = f"Giao tại {label}"[:200]
                tasks.append(task_plan)
        bulk_create_with_history([p.task for p in tasks], Task, batch_size=BATCH)
        through = Task.cooperating_agencies.through
        through.objects.bulk_create(
            [through(task_id=p.task.pk, agency_id=agency) for p in tasks for agency in p.coop], batch_size=BATCH
        )
        self.counts["directives"] += len(directives)
        self.counts["tasks"] += len(tasks)
        if keep:
            self.kept += tasks
        else:  # no reorganisation to wait for
            self.apply(tasks, None)
            self.records(tasks)

    def advance(self, day: date) -> None:
        """Apply what happened before `day` to the demo province's tasks (called before each reorganisation)."""
        self.apply(self.kept, day)

    def finish(self, actor) -> dict[str, int]:
        """After the reorganisations: hand the districts' open tasks over, apply the rest, write the records."""
        self.advance(TWO_TIER)
        self.hand_over_district_tasks(actor)
        self.apply(self.kept, None)
        self.records(self.kept)
        self.notify(self.kept)
        self.kept = []
        return self.counts

    def apply(self, plans: list[TaskPlan], until: date | None) -> None:
        """Write each task's events before `until` in rounds (one event per task a round), each with its row."""

        def waiting(plans: list[TaskPlan]) -> list[TaskPlan]:
            return [p for p in plans if p.applied < len(p.events) and (not until or p.events[p.applied].day < until)]

        due = waiting(plans)
        if not due:
            return
        leads = dict(_tasks_of(due).values_list("pk", "lead_agency_id"))
        for plan in due:  # a reorganisation may have moved it since it was written
            plan.task.lead_agency_id = leads[plan.task.pk]
        while due:
            by_kind: dict[str, list[Task]] = {kind: [] for kind in EVENT_FIELDS}
            for plan in due:
                event = plan.events[plan.applied]
                plan.applied += 1
                task = plan.task
                task._history_user = self.user(event.by)
                if event.kind == "extend":
                    task.deadline = event.deadline
                    task._change_reason = f"Gia hạn được chấp thuận: {plan.extension.reason}"
                else:
                    task.progress = event.percent
                    task._change_reason = f"Báo cáo tiến độ ngày {_day(event.day)}"
                    if event.kind == "done":
                        task.completed_on = event.day
                        task.result = event.text
                by_kind[event.kind].append(task)
            for kind, tasks in by_kind.items():
                if tasks:
                    bulk_update_with_history(tasks, Task, EVENT_FIELDS[kind], batch_size=UPDATE_BATCH)
            due = waiting(due)

    def records(self, plans: list[TaskPlan]) -> None:
        """The progress updates and extension requests behind the task rows."""
        updates = []
        for plan in plans:
            for event in plan.events:
                if event.kind == "extend":
                    continue
                update = ProgressUpdate(
                    task_id=plan.task.pk,
                    reported_on=event.day,
                    text=event.text,
                    percent=event.percent,
                    completed=event.kind == "done",
                    author_id=event.by,
                )
                update._history_user = self.user(event.by)
                updates.append(update)
        bulk_create_with_history(updates, ProgressUpdate, batch_size=BATCH)
        requests, decided = [], []
        for plan in plans:
            ext = plan.extension
            if ext is None:
                continue
            request = ExtensionRequest(
                task_id=plan.task.pk,
                old_deadline=ext.old,
                requested_deadline=ext.new,
                reason=ext.reason,
                requested_by_id=ext.by,
            )
            request._history_user = self.user(ext.by)
            requests.append((request, ext))
        bulk_create_with_history([request for request, _ext in requests], ExtensionRequest, batch_size=BATCH)
        for request, ext in requests:
            request.requested_at = _at(ext.asked, 9)
            if ext.state != ExtensionRequest.State.PENDING:
                request.state = ext.state
                request.decided_by_id = ext.decider
                request.decided_at = _at(ext.decided, 15)
                request.decision_note = ext.note
                request._history_user = self.user(ext.decider)
                request._change_reason = ext.note
                decided.append(request)
        # requested_at is stamped on creation; the demo's requests were made on their own days
        ExtensionRequest.objects.bulk_update([r for r, _e in requests], ["requested_at"], batch_size=UPDATE_BATCH)
        bulk_update_with_history(
            decided, ExtensionRequest, ["state", "decided_by", "decided_at", "decision_note"], batch_size=UPDATE_BATCH
        )
        self.counts["progress_updates"] += len(updates)
        self.counts["extension_requests"] += len(requests)

    def hand_over_district_tasks(self, actor) -> int:
        """District committees ended on 30/06/2025 without a successor: their open tasks go to the committee of
        the project's commune, else of the district's first commune (NQ 1669/NQ-UBTVQH15)."""
        committees = dict(Agency.objects.filter(code__startswith="HP-UB-").values_list("code", "pk"))
        districts = dict(Agency.objects.filter(code__startswith="HD-UB-").values_list("pk", "code"))
        names = dict(Agency.objects.filter(pk__in=districts).values_list("pk", "name"))
        moved = []
        open_tasks = Task.objects.filter(lead_agency__in=districts, completed_on__isnull=True, deleted_at__isnull=True)
        for task in open_tasks.select_related("project__commune"):
            district = districts[task.lead_agency_id].removeprefix("HD-UB-")
            commune = task.project.commune.code if task.project and task.project.commune else f"HP-{district}-01"
            target = committees.get(commune.replace("HP-", "HP-UB-", 1))
            if target:
                task._change_reason = f"Tiếp nhận nhiệm vụ của {names[task.lead_agency_id]} theo {DISTRICT_HANDOVER}"
                task.lead_agency_id = target
                moved.append(task)
        if moved:
            bulk_update_with_history(moved, Task, ["lead_agency"], batch_size=UPDATE_BATCH, default_user=actor)
        return len(moved)

    def notify(self, plans: list[TaskPlan]) -> None:
        """What the demo's users find in their notifications: new tasks, requests to decide, decisions taken."""
        kind, recent = Notification.Kind, self.today - timedelta(days=14)
        specialists = list(User.objects.filter(is_active=True, role=Role.SPECIALIST).values_list("pk", flat=True))
        leads = dict(_tasks_of(plans).values_list("pk", "lead_agency_id"))
        staff: dict[int, list[int]] = {}
        for pk, agency in User.objects.filter(is_active=True, role=Role.OFFICER).values_list("pk", "agency_id"):
            staff.setdefault(agency, []).append(pk)
        rows = []
        for plan in plans:
            task, ext = plan.task, plan.extension
            title = task.title if len(task.title) < 200 else f"{task.title[:197]}..."
            if task.assigned_on >= recent:
                message = f"Việc mới: {title}" + (f" hạn {_day(task.deadline)}" if task.deadline else "")
                rows += [
                    Notification(user_id=user, task=task, kind=kind.ASSIGNED, day=task.assigned_on, message=message)
                    for user in staff.get(leads[task.pk], [])
                ]
            if ext is not None and ext.state == ExtensionRequest.State.PENDING:
                message = f"{task.assignee_text} xin gia hạn “{title}” đến {_day(ext.new)}"[:500]
                rows += [
                    Notification(user_id=user, task=task, kind=kind.EXTENSION_REQUESTED, day=ext.asked, message=message)
                    for user in specialists
                ]
            elif ext is not None and ext.decided >= recent:
                verdict = "đồng ý" if ext.state == ExtensionRequest.State.APPROVED else "không đồng ý"
                message = f"Gia hạn “{title}” đến {_day(ext.new)}: {verdict}"
                rows.append(
                    Notification(
                        user_id=ext.by,
                        task=task,
                        kind=kind.EXTENSION_DECIDED,
                        day=ext.decided,
                        message=message,
                    )
                )
        Notification.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def _tasks_of(plans: list[TaskPlan]):
    """The written tasks of `plans`, by key range (written together, their keys follow each other)."""
    keys = [p.task.pk for p in plans]
    return Task.objects.filter(pk__range=(min(keys), max(keys))) if keys else Task.objects.none()


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))
