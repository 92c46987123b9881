"""The escalation ladder, run each night with the task reminders (`tiendo remind`) and by `tiendo petitions
remind`: before the answer deadline the officer in charge is reminded, on it the head of the responsible agency is
told, and past it by TIENDO_PETITIONS_ESCALATE_AFTER working days the petition becomes a task on the leaders'
agenda (a task of the year's directive "Xử lý kiến nghị quá hạn của doanh nghiệp năm …", through the directives'
services, so the task board, its reminders and the traffic lights count it).

Which step a petition is on is tiendo.domain.petitions.deadlines.step_on's, on one calendar for the run. Each step
is taken once per deadline: a `Reminder` row (petition, step, deadline) is written with it, so a second run on the
same day, or the next day on the same step, adds nothing; a moved deadline (a pause, a reopening) starts again.
Only users who may see the petition (the access layer) are notified."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tiendo.accounts.models import User
from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version
from tiendo.core import access
from tiendo.core.commands import default_actor
from tiendo.directives import services as directive_services
from tiendo.directives.models import Directive, Notification, Task
from tiendo.domain.petitions import deadlines as rules
from tiendo.domain.petitions.states import ANSWERED, CLOCK_PAUSED, FINISHED
from tiendo.domain.petitions.states import State as StateRule
from tiendo.domain.workdays import WorkCalendar, add_working_days
from tiendo.reviews.services import issuer_name
from tiendo.workdays.calendar import work_calendar

from .deadlines import deadline_rules
from .links import petition_path
from .models import Petition, Reminder

TASK_TITLE_LENGTH = Task._meta.get_field("title").max_length
Step = rules.Step


def task_days() -> int:
    """Working days the responsible agency gets to clear an escalated petition."""
    return int(getattr(settings, "TIENDO_PETITIONS_ESCALATION_TASK_DAYS", 5))


def directive_title(year: int) -> str:
    return f"Xử lý kiến nghị quá hạn của doanh nghiệp năm {year}"


@dataclass
class Action:
    """One step taken for one petition."""

    number: str
    step: str
    due_on: date
    notified: int = 0
    task: int | None = None
    note: str = ""

    def as_dict(self) -> dict:
        return {
            "petition": self.number,
            "step": self.step,
            "due_on": self.due_on,
            "notified": self.notified,
            "task": self.task,
            "note": self.note,
        }


@dataclass
class Run:
    day: date
    actions: list[Action] = field(default_factory=list)
    completed: list[int] = field(default_factory=list)  # tasks closed because their petition was answered

    def as_dict(self) -> dict:
        return {
            "day": self.day,
            "actions": [action.as_dict() for action in self.actions],
            "completed_tasks": self.completed,
        }

    def text(self) -> str:
        lines = [f"Kiến nghị: nhắc việc và chuyển lãnh đạo ngày {self.day:%d/%m/%Y}"]
        words = {
            Step.REMIND_OFFICER: "nhắc cán bộ",
            Step.NOTIFY_HEAD: "báo thủ trưởng cơ quan",
            Step.ESCALATE: "đưa vào chương trình của lãnh đạo",
        }
        for action in self.actions:
            line = f"{action.number:<14} hạn {action.due_on:%d/%m/%Y}  {words[Step(action.step)]}"
            line += f"  thông báo: {action.notified}"
            if action.task:
                line += f"  nhiệm vụ #{action.task}"
            if action.note:
                line += f"  ({action.note})"
            lines.append(line)
        if not self.actions:
            lines.append("Không có kiến nghị nào cần nhắc hoặc chuyển lãnh đạo.")
        if self.completed:
            lines.append(
                "Nhiệm vụ hoàn thành do kiến nghị đã được trả lời: " + ", ".join(f"#{n}" for n in self.completed)
            )
        return "\n".join(lines)


# Who hears of it -----------------------------------------------------------------------------------------------


def _may_see(users, petition: Petition) -> list:
    return [user for user in users if access.visible(user, Petition).filter(pk=petition.pk).exists()]


def agency_officers(agency_id: int | None):
    if agency_id is None:
        return access.users_with("manage_petitions").order_by("username")
    return access.users_with("works_for_agency").filter(agency_id=agency_id).order_by("username")


def officers_of(petition: Petition) -> list:
    """The officer in charge, else the responsible agency's officers (the desk's while it has none)."""
    if petition.officer_id and petition.officer.is_active:
        return _may_see([petition.officer], petition)
    return _may_see(agency_officers(petition.agency_id), petition)


def heads_of(petition: Petition) -> list:
    """The head of the responsible agency (users marked `is_agency_head`), else its officers."""
    if petition.agency_id is not None:
        heads = User.objects.filter(is_active=True, is_agency_head=True, agency_id=petition.agency_id)
        found = _may_see(heads.order_by("username"), petition)
        if found:
            return found
    return _may_see(agency_officers(petition.agency_id), petition)


def _notify(users, petition: Petition, kind: str, message: str, day: date) -> int:
    rows = [
        Notification(user=user, task=None, kind=kind, day=day, message=message[:500], link=petition_path(petition))
        for user in users
    ]
    return len(Notification.objects.bulk_create(rows))


def _label(petition: Petition) -> str:
    return f"{petition.number} {petition.title}"


# The leaders' task ---------------------------------------------------------------------------------------------


def year_directive(year: int, actor, day: date) -> Directive:
    """The leaders' directive the year's escalated petitions hang from, made with the first of them."""
    return directive_services.directive_by_title(
        kind=Directive.Kind.DIRECTIVE,
        title=directive_title(year),
        issued_on=day,
        issuer=issuer_name(),
        source=f"Kiến nghị của doanh nghiệp quá hạn trả lời năm {year}",
        text=(
            "Các kiến nghị của doanh nghiệp quá hạn trả lời theo quy định được đưa vào chương trình công tác của "
            f"lãnh đạo để chỉ đạo cơ quan chủ trì xử lý dứt điểm (năm {year})."
        ),
        actor=actor,
        reason=_("Overdue petitions of enterprises"),
    )


def task_title(petition: Petition) -> str:
    who = petition.enterprise.name if petition.enterprise_id else petition.petitioner_name
    title = f"Xử lý kiến nghị quá hạn của doanh nghiệp {who}: {petition.number} {petition.title}"
    return title[:TASK_TITLE_LENGTH]


def escalate(petition: Petition, *, actor, day: date, calendar: WorkCalendar) -> Task:
    """The petition as a task of its responsible agency on the leaders' agenda; the petition records it."""
    as_leader = not access.can(actor, "manage_tasks") and access.can(actor, "decide_reviews")
    task = Task(
        directive=year_directive(day.year, actor, day),
        assigned_on=day,
        title=task_title(petition),
        lead_agency=petition.agency,
        assignee_text=petition.agency.name,
        deadline=add_working_days(calendar, day, task_days()),
        expected_result_kind=Task.ResultKind.REPORT,
        expected_result="Trả lời kiến nghị của doanh nghiệp",
        project=petition.projects.order_by("pk").first(),
        source_sentence=petition.text[:2000],
    )
    task = directive_services.save_task(
        task,
        actor=actor,
        reason=_("Overdue petition %(number)s") % {"number": petition.number},
        decided_by_leader=as_leader,
    )
    claim_version(petition, None)
    current = Petition.objects.select_for_update().get(pk=petition.pk)
    current.escalation_task = task
    acted_by(current, actor, _("Put on the leaders' agenda as task #%(task)d") % {"task": task.pk}).save()
    return task


def complete_task(petition: Petition, *, actor=None) -> Task | None:
    """The leaders' task closed once its petition is answered (or nothing more is owed): the task board counts it
    done on the day of the answer. Reported by whoever answered when they may report on the task, else by
    `actor`."""
    task = petition.escalation_task
    if task is None or task.completed_on is not None or task.deleted_at is not None:
        return None
    state = StateRule(petition.state)
    if state not in ANSWERED | FINISHED:
        return None
    # the answer's move (a published or rated petition was answered before), else the move that ended it
    ended = StateRule.ANSWERED if state in ANSWERED else state
    change = petition.changes.filter(to_state=ended.value).order_by("-at", "-pk").first()
    reporter = change.actor if change is not None and change.actor is not None else None
    if reporter is None or not access.can(reporter, "report_on_task", task):
        reporter = actor
    if reporter is None:
        return None
    day = min(change.day if change is not None else timezone.localdate(), timezone.localdate())
    day = max(day, task.assigned_on or day)
    if state in ANSWERED:
        text = _("Petition %(number)s answered on %(day)s (%(document)s).") % {
            "number": petition.number,
            "day": f"{petition.answered_on or day:%d/%m/%Y}",
            "document": petition.answer_document or "—",
        }
    else:
        text = _("Petition %(number)s: %(state)s, nothing more is owed.") % {
            "number": petition.number,
            "state": petition.get_state_display(),
        }
    directive_services.record_progress(task, actor=reporter, text=text, percent=100, reported_on=day, completed=True)
    return task


def after_move(pk: int) -> None:
    """AFTER_MOVE hook: an answered petition closes its leaders' task at once (the nightly run catches up)."""
    petition = Petition.objects.filter(pk=pk, escalation_task__isnull=False).select_related("escalation_task").first()
    if petition is None or petition.escalation_task.completed_on is not None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        try:
            complete_task(petition, actor=None)
        except (PermissionDenied, ValidationError):
            return  # the nightly run reports it with its own actor


# The run -------------------------------------------------------------------------------------------------------


def system_actor():
    """Who the nightly run acts as: TIENDO_PETITIONS_ESCALATION_ACTOR, else the commands' default actor, else
    the first active user who manages tasks."""
    name = getattr(settings, "TIENDO_PETITIONS_ESCALATION_ACTOR", "")
    if name:
        return User.objects.filter(username=name, is_active=True).first()
    try:
        return default_actor()
    except CommandError:
        return access.users_with("manage_tasks").order_by("username").first()


def _calendar(petitions: list[Petition], day: date) -> WorkCalendar:
    years = {day.year} | {p.due_on.year for p in petitions if p.due_on}
    return work_calendar(range(min(years), max(years) + 1))


def _message(petition: Petition, step: Step, day: date, calendar: WorkCalendar) -> tuple[str, str]:
    values = {"number": petition.number, "title": petition.title, "deadline": f"{petition.due_on:%d/%m/%Y}"}
    if step == Step.REMIND_OFFICER:
        left = rules.working_days_left(calendar, day, petition.due_on)
        text = ngettext(
            "Petition due in %(days)d working day (%(deadline)s): %(number)s %(title)s",
            "Petition due in %(days)d working days (%(deadline)s): %(number)s %(title)s",
            left,
        )
        return Notification.Kind.PETITION_DUE_SOON, text % {**values, "days": left}
    if step == Step.ESCALATE:
        text = _("Overdue petition put on the leaders' agenda (deadline %(deadline)s): %(number)s %(title)s")
        return Notification.Kind.PETITION_OVERDUE, text % values
    late = rules.working_days_late(calendar, petition.due_on, day)
    if not late:
        return Notification.Kind.PETITION_DUE, _("Petition due today (%(deadline)s): %(number)s %(title)s") % values
    text = ngettext(
        "Petition overdue by %(days)d working day (deadline %(deadline)s): %(number)s %(title)s",
        "Petition overdue by %(days)d working days (deadline %(deadline)s): %(number)s %(title)s",
        late,
    )
    return Notification.Kind.PETITION_OVERDUE, text % {**values, "days": late}


def _take(petition: Petition, step: Step, day: date, calendar: WorkCalendar, actor_of_run) -> Action | None:
    """One step for one petition, in its own transaction with its Reminder row; None when already taken."""
    action = Action(petition.number, step.value, petition.due_on)
    try:
        with transaction.atomic():
            Reminder.objects.create(petition=petition, step=step.value, due_on=petition.due_on, day=day)
            kind, message = _message(petition, step, day, calendar)
            if step == Step.REMIND_OFFICER:
                action.notified = _notify(officers_of(petition), petition, kind, message, day)
            elif step == Step.NOTIFY_HEAD:
                action.notified = _notify(heads_of(petition), petition, kind, message, day)
            else:
                if petition.agency_id is None:
                    raise _NotYet("chưa có cơ quan chủ trì")
                actor = actor_of_run()
                if actor is None:
                    raise _NotYet("không có người thực hiện: đặt TIENDO_PETITIONS_ESCALATION_ACTOR")
                action.task = escalate(petition, actor=actor, day=day, calendar=calendar).pk
                action.notified = _notify(heads_of(petition), petition, kind, message, day)
    except IntegrityError:
        return None  # taken by another run meanwhile
    except _NotYet as reason:
        action.note = str(reason)  # no Reminder kept: tried again on the next run
    return action


class _NotYet(Exception):
    pass


def run(day: date | None = None, *, actor=None) -> Run:
    """Take each open petition's step of `day` (once per deadline) and close the leaders' tasks of answered ones."""
    day = day or timezone.localdate()
    result = Run(day)
    found: list = []

    def actor_of_run():
        if not found:
            found.append(actor or system_actor())
        return found[0]

    with translation.override(settings.LANGUAGE_CODE):
        petitions = list(
            Petition.objects.open()
            .filter(due_on__isnull=False, merged_into__isnull=True)
            .exclude(state__in=[state.value for state in CLOCK_PAUSED])
            .select_related("agency", "officer", "enterprise")
            .order_by("due_on", "number")
        )
        calendar = _calendar(petitions, day)
        taken = set(
            Reminder.objects.filter(petition__in=[p.pk for p in petitions]).values_list("petition_id", "step", "due_on")
        )
        ladder = deadline_rules()
        for petition in petitions:
            step = rules.step_on(calendar, petition.due_on, day, ladder)
            if step == Step.NONE or (petition.pk, step.value, petition.due_on) in taken:
                continue
            if step == Step.ESCALATE and petition.escalation_task_id and _open_task(petition):
                continue  # already on the agenda for an earlier deadline and not done yet
            action = _take(petition, step, day, calendar, actor_of_run)
            if action is not None:
                result.actions.append(action)
        for petition in _answered_with_open_task():
            reporter = actor_of_run()
            try:
                task = complete_task(petition, actor=reporter)
            except (PermissionDenied, ValidationError):
                continue
            if task is not None:
                result.completed.append(task.pk)
    return result


def _open_task(petition: Petition) -> bool:
    task = petition.escalation_task
    return task is not None and task.completed_on is None and task.deleted_at is None


def _answered_with_open_task():
    done = [state.value for state in ANSWERED | FINISHED]
    return Petition.objects.filter(
        state__in=done, escalation_task__isnull=False, escalation_task__completed_on__isnull=True
    ).select_related("escalation_task")


def nightly(day: date) -> tuple[dict, str]:
    """The reminders' AFTER_RUN hook: the ladder of `day`, as data and as lines for `tiendo remind`."""
    result = run(day)
    return result.as_dict(), result.text() if result.actions or result.completed else ""
