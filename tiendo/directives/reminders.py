"""The daily reminder: one digest e-mail per lead agency and in-app notifications (`tiendo remind`).

Shaped like healthchecks' sendalerts: `collect` fetches the day's tasks and sorts them with the pure rules of
tiendo.domain.tasks, `send_digest` handles one agency, and the command is a thin loop over `run`. A ReminderDigest
row with `sent_at` is what makes a second run on the same day send nothing again; a failed send leaves `sent_at`
empty so the next run retries it.

The e-mail is written in Vietnamese directly, not through gettext: it goes to agency mailboxes, which have no
language switcher, like an official letter. In-app messages go through gettext as the services' do.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tiendo.accounts.models import User
from tiendo.agencies.models import Agency
from tiendo.core import access as core_access
from tiendo.domain.tasks import due_soon, overdue_days

from .models import Notification, ReminderDigest, Task
from .services import agency_staff

logger = logging.getLogger(__name__)

SENT = "sent"
SKIPPED = "skipped"  # already sent for this day
FAILED = "failed"
NO_RECIPIENTS = "no_recipients"
DRY_RUN = "dry_run"
REMINDER_KINDS = (Notification.Kind.DUE_SOON, Notification.Kind.OVERDUE)

# the other nightly work of apps above directives (petitions' escalation ladder): apps.ready appends
# (name, callable(day) -> (data, text)); each runs after the task reminders, except in a dry run
AFTER_RUN: list = []


def due_soon_days() -> int:
    return int(settings.TIENDO_DUE_SOON_DAYS)


def task_path(pk: int) -> str:
    return reverse("directives:task", args=[pk])


def task_url(pk: int) -> str:
    """An absolute link for e-mail, which has no request to build one from."""
    return f"{settings.TIENDO_BASE_URL.rstrip('/')}{task_path(pk)}"


@dataclass
class Line:
    task: Task
    days: int  # days left for a task due soon (0 = due today), days past the deadline for an overdue one
    url: str


@dataclass
class Digest:
    """One agency's reminder for one day, and what became of it."""

    agency: Agency
    due_soon: list[Line] = field(default_factory=list)
    overdue: list[Line] = field(default_factory=list)
    officers: list[User] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    outcome: str = ""
    error: str = ""

    def as_dict(self) -> dict:
        return {
            "agency": self.agency.code,
            "name": self.agency.name,
            "due_soon": len(self.due_soon),
            "overdue": len(self.overdue),
            "recipients": self.recipients,
            "outcome": self.outcome,
            "error": self.error,
        }


@dataclass
class Run:
    day: date
    within: int
    dry_run: bool
    digests: list[Digest]
    notifications: int = 0
    extras: dict = field(default_factory=dict)  # AFTER_RUN's results by name: (data, text)

    @property
    def failed(self) -> list[Digest]:
        return [d for d in self.digests if d.outcome == FAILED]

    def as_dict(self) -> dict:
        return {
            "day": self.day,
            "due_soon_days": self.within,
            "dry_run": self.dry_run,
            "notifications": self.notifications,
            "agencies": [d.as_dict() for d in self.digests],
            **{name: data for name, (data, _text) in self.extras.items()},
        }


def collect(day: date, within: int) -> list[Digest]:
    """Open tasks due within `within` days of `day` or overdue on it, by lead agency (a merger already moved them)."""
    tasks = (
        Task.objects.alive()
        .open()
        .filter(standing=False, deadline__lte=day + timedelta(days=within))
        .select_related("lead_agency", "directive")
        .order_by("lead_agency__code", "deadline", "pk")
    )
    digests: dict[int, Digest] = {}
    for task in tasks:
        late = overdue_days(task.facts, day)
        if late:
            bucket, days = "overdue", late
        elif due_soon(task.facts, day, within):
            bucket, days = "due_soon", (task.deadline - day).days
        else:
            continue
        digest = digests.setdefault(task.lead_agency_id, Digest(task.lead_agency))
        getattr(digest, bucket).append(Line(task, days, task_url(task.pk)))
    for officer in agency_staff(digests).order_by("agency_id", "username"):
        digests[officer.agency_id].officers.append(officer)
    for digest in digests.values():
        digest.recipients = _recipients(digest)
    return sorted(digests.values(), key=lambda d: d.agency.code)


def _recipients(digest: Digest) -> list[str]:
    """The officers who have an address, then the agency's own mailbox; each address once."""
    seen: dict[str, str] = {}
    for address in [officer.email for officer in digest.officers] + [digest.agency.email]:
        address = (address or "").strip()
        if address and address.lower() not in seen:
            seen[address.lower()] = address
    return list(seen.values())


def _message(line: Line, kind: str) -> str:
    values = {"days": line.days, "deadline": f"{line.task.deadline:%d/%m/%Y}", "task": line.task.title}
    if kind == Notification.Kind.OVERDUE:
        text = ngettext(
            "Overdue by %(days)d day (deadline %(deadline)s): %(task)s",
            "Overdue by %(days)d days (deadline %(deadline)s): %(task)s",
            line.days,
        )
    elif line.days == 0:
        text = _("Due today: %(task)s")
    else:
        text = ngettext(
            "Due in %(days)d day (%(deadline)s): %(task)s", "Due in %(days)d days (%(deadline)s): %(task)s", line.days
        )
    return (text % values)[:500]


def notify_officers(digests: list[Digest], day: date) -> None:
    """One in-app notification per officer and task; the (user, task, kind, day) constraint drops repeats.

    Overdue ones are created last so that the newest-first list shows them on top.
    """
    rows = [
        Notification(user=officer, task=line.task, kind=kind, day=day, message=_message(line, kind))
        for digest in digests
        for kind, lines in (
            (Notification.Kind.DUE_SOON, reversed(digest.due_soon)),
            (Notification.Kind.OVERDUE, reversed(digest.overdue)),
        )
        for line in lines
        for officer in digest.officers
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)


def notify_specialists(digests: list[Digest], day: date, within: int) -> None:
    """Specialists follow every agency: one summary a day, not one line per task.

    A summary has no task, and NULLs never collide in a unique constraint, so repeats are filtered here.
    """
    overdue = sum(len(d.overdue) for d in digests)
    soon = sum(len(d.due_soon) for d in digests)
    if not overdue and not soon:
        return
    already = Notification.objects.filter(task__isnull=True, kind__in=REMINDER_KINDS, day=day).values("user_id")
    specialists = core_access.users_with("receives_extension_requests").exclude(pk__in=already)
    message = _(
        "Reminders of %(day)s — overdue: %(overdue)d, due within %(within)d days: %(due_soon)d, agencies: %(agencies)d"
    ) % {"day": f"{day:%d/%m/%Y}", "overdue": overdue, "within": within, "due_soon": soon, "agencies": len(digests)}
    kind = Notification.Kind.OVERDUE if overdue else Notification.Kind.DUE_SOON
    Notification.objects.bulk_create(
        [Notification(user=user, task=None, kind=kind, day=day, message=message[:500]) for user in specialists],
        ignore_conflicts=True,
    )


def build_email(digest: Digest, day: date, within: int, connection=None) -> EmailMultiAlternatives:
    context = {
        "agency": digest.agency,
        "day": day,
        "within": within,
        "overdue": digest.overdue,
        "due_soon": digest.due_soon,
        "notifications_url": settings.TIENDO_BASE_URL.rstrip("/") + reverse("directives:notifications"),
    }
    subject = f"[tiendo] Nhiệm vụ sắp đến hạn và quá hạn — {digest.agency.name} — {day:%d/%m/%Y}"
    message = EmailMultiAlternatives(
        subject,
        render_to_string("directives/email/digest.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        digest.recipients,
        connection=connection,
    )
    message.attach_alternative(render_to_string("directives/email/digest.html", context), "text/html")
    return message


def send_digest(digest: Digest, day: date, within: int, connection=None, *, dry_run: bool = False) -> str:
    """Send one agency's e-mail unless it already went out today; a failure is recorded, never raised."""
    if ReminderDigest.objects.filter(agency=digest.agency, day=day, sent_at__isnull=False).exists():
        digest.outcome = SKIPPED
    elif not digest.recipients:
        digest.outcome = NO_RECIPIENTS
    elif dry_run:
        digest.outcome = DRY_RUN
    else:
        sent_at = None
        try:
            build_email(digest, day, within, connection).send()
        except Exception as error:  # one agency's bad address or a mail server hiccup must not stop the others
            logger.warning("Reminder e-mail to %s failed", digest.agency.code, exc_info=True)
            digest.outcome, digest.error = FAILED, str(error) or error.__class__.__name__
        else:
            digest.outcome, sent_at = SENT, timezone.now()
        ReminderDigest.objects.update_or_create(
            agency=digest.agency,
            day=day,
            defaults={
                "recipients": ", ".join(digest.recipients),
                "due_soon": len(digest.due_soon),
                "overdue": len(digest.overdue),
                "sent_at": sent_at,
            },
        )
    return digest.outcome


def run(day: date, *, within: int | None = None, dry_run: bool = False, connection=None) -> Run:
    """Remind every agency with tasks due soon or overdue on `day`; a dry run sends and records nothing."""
    within = due_soon_days() if within is None else within
    with translation.override(settings.LANGUAGE_CODE):
        digests = collect(day, within)
        result = Run(day, within, dry_run, digests)
        if not dry_run:
            reminders = Notification.objects.filter(day=day, kind__in=REMINDER_KINDS)
            before = reminders.count()
            notify_officers(digests, day)
            notify_specialists(digests, day, within)
            result.notifications = reminders.count() - before
        if digests and connection is None and not dry_run:
            connection = get_connection()
        for digest in digests:
            send_digest(digest, day, within, connection, dry_run=dry_run)
        if not dry_run:
            for name, hook in AFTER_RUN:
                result.extras[name] = hook(day)
    return result
