"""A petition's deadline as the records make it: the settings' durations, the calendar with its declared days,
the pauses while the enterprise owed information."""

from datetime import date

from django.conf import settings
from django.utils import timezone

from tiendo.domain.petitions import deadlines as rules
from tiendo.domain.petitions import states
from tiendo.domain.workdays import Pause as PauseRule
from tiendo.domain.workdays import WorkCalendar
from tiendo.workdays.calendar import calendar_from


def deadline_rules() -> rules.DeadlineRules:
    return rules.DeadlineRules(
        forward_days=settings.TIENDO_PETITIONS_FORWARD_DAYS,
        answer_days=settings.TIENDO_PETITIONS_ANSWER_DAYS,
        publish_days=settings.TIENDO_PETITIONS_PUBLISH_DAYS,
        remind_before=settings.TIENDO_PETITIONS_REMIND_BEFORE,
        escalate_after=settings.TIENDO_PETITIONS_ESCALATE_AFTER,
    )


def clock_start(petition) -> date:
    """The day the answer clock started: receipt, or the last reopening (a reopened petition gets a new period)."""
    if petition.pk is None:
        return petition.received_on
    reopened = [
        c.day
        for c in petition.changes.all()
        if states.is_reopening(states.State(c.from_state or "received"), states.State(c.to_state))
    ]
    return max(reopened) if reopened else petition.received_on


def answer_due(petition, *, today: date | None = None, calendar: WorkCalendar | None = None) -> date:
    """The answer deadline in force: `answer_days` working days after the clock started, plus the working days
    paused since then."""
    today = today or timezone.localdate()
    start = clock_start(petition)
    calendar = calendar or calendar_from(start, max(today, start))
    stored = petition.pauses.all() if petition.pk is not None else []
    pauses = [PauseRule(p.started_on, p.ended_on) for p in stored if p.started_on >= start]
    return rules.answer_due(calendar, start, deadline_rules(), pauses, today)


def forward_due(petition, *, calendar: WorkCalendar | None = None) -> date:
    calendar = calendar or calendar_from(petition.received_on)
    return rules.forward_due(calendar, petition.received_on, deadline_rules())
