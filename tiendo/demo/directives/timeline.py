"""Writing the plans, then what happened to the tasks, in the order of the reorganisations: events applied in
rounds before each merger, the progress updates and extension requests behind them, the districts' open tasks
handed over, the demo users' notifications; all through the directives services' bulk variants
(`tiendo/directives/loading.py`), which name each record's author in its history."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from tiendo.accounts.models import User
from tiendo.agencies.models import Agency
from tiendo.directives import loading as directive_loading
from tiendo.directives.models import ExtensionRequest, Notification, ProgressUpdate, Task
from tiendo.domain.access import Role
from tiendo.domain.text import clean

from .model import DirectivePlan, TaskPlan, _day
from .vocabulary import DISTRICT_HANDOVER, EVENT_FIELDS, TWO_TIER


class Timeline:
    """Writes the plans, then what happened to the tasks, in the order of the reorganisations (see above)."""

    def __init__(self, today: date):
        self.today = today
        self.kept: list[TaskPlan] = []  # the demo province's tasks: the reorganisations move some of them
        self.counts = {"directives": 0, "tasks": 0, "progress_updates": 0, "extension_requests": 0}

    def write(self, plans: list[DirectivePlan], *, keep: bool) -> None:
        directives = [plan.directive for plan in plans]
        for directive in directives:
            directive.text = "\n".join(clean(line) for line in directive.text.split("\n"))
        directive_loading.add_directives(directives)
        tasks: list[TaskPlan] = []
        given: list[tuple[Task, str, list[int]]] = []
        for plan in plans:
            label = plan.directive.number or plan.directive.title
            for task_plan in plan.tasks:
                task_plan.task.directive_id = plan.directive.pk
                given.append((task_plan.task, f"Giao tại {label}"[:200], task_plan.coop))
                tasks.append(task_plan)
        directive_loading.add_tasks(given)
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
            by_kind: dict[str, list[tuple[Task, int, str]]] = {kind: [] for kind in EVENT_FIELDS}
            for plan in due:
                event = plan.events[plan.applied]
                plan.applied += 1
                task = plan.task
                if event.kind == "extend":
                    task.deadline = event.deadline
                    reason = f"Gia hạn được chấp thuận: {plan.extension.reason}"
                else:
                    task.progress = event.percent
                    reason = f"Báo cáo tiến độ ngày {_day(event.day)}"
                    if event.kind == "done":
                        task.completed_on = event.day
                        task.result = event.text
                by_kind[event.kind].append((task, event.by, reason))
            for kind, changes in by_kind.items():
                if changes:
                    directive_loading.update_tasks(changes, EVENT_FIELDS[kind])
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
                updates.append(update)
        directive_loading.add_progress_updates(updates)
        requests = []
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
            decision = None
            if ext.state != ExtensionRequest.State.PENDING:
                decision = directive_loading.Decision(ext.state, ext.decider, _at(ext.decided, 15), ext.note)
            # the demo's requests were made on their own days
            requests.append((request, _at(ext.asked, 9), decision))
        self.counts["progress_updates"] += len(updates)
        self.counts["extension_requests"] += directive_loading.add_extension_requests(requests)

    def hand_over_district_tasks(self, actor) -> int:
        """District committees ended on 30/06/2025 without a successor: their open tasks go to the committee of
        the project's commune, else of the district's first commune (NQ 1669/NQ-UBTVQH15)."""
        committees = dict(Agency.objects.filter(code__startswith="HP-UB-").values_list("code", "pk"))
        districts = dict(Agency.objects.filter(code__startswith="HD-UB-").values_list("pk", "code"))
        names = dict(Agency.objects.filter(pk__in=districts).values_list("pk", "name"))
        moves = []
        open_tasks = Task.objects.filter(lead_agency__in=districts, completed_on__isnull=True, deleted_at__isnull=True)
        for task in open_tasks.select_related("project__commune"):
            district = districts[task.lead_agency_id].removeprefix("HD-UB-")
            commune = task.project.commune.code if task.project and task.project.commune else f"HP-{district}-01"
            target = committees.get(commune.replace("HP-", "HP-UB-", 1))
            if target:
                reason = f"Tiếp nhận nhiệm vụ của {names[task.lead_agency_id]} theo {DISTRICT_HANDOVER}"
                moves.append((task, target, reason))
        return directive_loading.hand_over(moves, actor=actor)

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
        directive_loading.add_notifications(rows)


def _tasks_of(plans: list[TaskPlan]):
    """The written tasks of `plans`, by key range (written together, their keys follow each other)."""
    keys = [p.task.pk for p in plans]
    return Task.objects.filter(pk__range=(min(keys), max(keys))) if keys else Task.objects.none()


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))
