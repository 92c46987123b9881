"""Every write to a dialogue conference: one transaction, keyword-only `actor`, the kept history, stale edits
refused. Keeping a conference is the petition desk's (`manage_petitions`); reading it is `read_conferences`.

Its questions are petitions of the channel "conference" (received through tiendo.petitions.services.receive, so
they get a number and a deadline like any other), or petitions already received that were raised there; the
answer given on the spot is recorded on the petition but does not close it: the formal answer follows. Its
commitments are the tasks of its conclusion, a directive of kind "conclusion" made through the directives'
services, read by the directives' extraction engine and accepted through the same service as a directive's."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version
from tiendo.core import access
from tiendo.directives import extracting
from tiendo.directives import services as directive_services
from tiendo.directives.models import Directive, Task
from tiendo.domain.petitions import states as rules
from tiendo.domain.tasks import TaskFacts, TaskStatus, status_on
from tiendo.domain.text import clean

from . import services
from .models import Channel, Conference, Petition, Topic


def _text(value: str | None) -> str:
    return clean(value or "").strip()


def _require_manage(actor) -> None:
    if not access.can(actor, "manage_petitions"):
        raise PermissionDenied


def _locked(conference: Conference, expected_version: int | None) -> Conference:
    claim_version(conference, expected_version)
    return Conference.objects.select_for_update().get(pk=conference.pk)


@transaction.atomic
def save_conference(conference: Conference, *, actor, reason: str = "", expected_version: int | None = None):
    """Create or edit a conference's heading: title, day, place, chair, participants."""
    _require_manage(actor)
    claim_version(conference, expected_version)
    conference.title = _text(conference.title)
    conference.place = _text(conference.place)
    conference.chair = _text(conference.chair)
    conference.participants = (conference.participants or "").replace("\r\n", "\n").strip()
    errors = {}
    if not conference.title:
        errors["title"] = _("Write the conference's title.")
    if not conference.chair:
        errors["chair"] = _("Write who chaired the conference.")
    if conference.held_on is None:
        errors["held_on"] = _("Give the day the conference was held.")
    if errors:
        raise ValidationError(errors)
    if conference.pk is None:
        conference.created_by = actor if getattr(actor, "pk", None) else None
    conference.full_clean()
    acted_by(conference, actor, reason).save()
    return conference


@transaction.atomic
def add_question(
    conference: Conference,
    *,
    actor,
    title: str,
    text: str,
    enterprise=None,
    petitioner_name: str = "",
    topic: str = Topic.OTHER,
    spot_answer: str = "",
    projects: Iterable = (),
    concerned: Iterable = (),
) -> Petition:
    """A question raised on the day: a new petition of the channel "conference", received on the conference's
    day, with the enterprise (or the petitioner's name) and, if given, the answer given on the spot."""
    _require_manage(actor)
    if not access.visible(actor, Conference).filter(pk=conference.pk).exists():
        raise PermissionDenied
    if conference.held_on > timezone.localdate():
        raise ValidationError(_("Questions are recorded once the conference has been held."))
    if topic not in Topic.values:
        raise ValidationError({"topic": _("Choose a topic from the list.")})
    petition = Petition(
        channel=Channel.CONFERENCE,
        received_on=conference.held_on,
        enterprise=enterprise,
        petitioner_name=_text(petitioner_name) if enterprise is None else "",
        topic=topic,
        title=title,
        text=text,
        conference=conference,
        raised_on_the_day=True,
        spot_answer=_text(spot_answer),
    )
    return services.receive(petition, actor=actor, projects=projects, concerned=concerned)


@transaction.atomic
def link_question(conference: Conference, petition: Petition, *, actor, expected_version: int | None = None):
    """A petition already received (one the actor sees) becomes a question of the conference."""
    _require_manage(actor)
    if not access.visible(actor, Petition).filter(pk=petition.pk).exists():
        raise PermissionDenied
    if petition.conference_id == conference.pk:
        raise ValidationError(_("This petition is already a question of this conference."))
    if petition.conference_id is not None:
        raise ValidationError(_("This petition is already a question of another conference."))
    if petition.state == rules.State.MERGED.value:
        raise ValidationError(_("A merged petition is raised through its group's petition."))
    claim_version(petition, expected_version)
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    petition.conference = conference
    petition.raised_on_the_day = False
    acted_by(petition, actor, _("Raised at the conference: %(title)s") % {"title": conference.title}).save()
    return petition


@transaction.atomic
def record_spot_answer(petition: Petition, *, actor, answer: str, expected_version: int | None = None) -> Petition:
    """The answer the leaders gave on the spot; the petition stays open until its formal answer."""
    _require_manage(actor)
    if not access.visible(actor, Petition).filter(pk=petition.pk).exists():
        raise PermissionDenied
    if petition.conference_id is None:
        raise ValidationError(_("This petition was not raised at a conference."))
    answer = _text(answer)
    if not answer:
        raise ValidationError({"spot_answer": _("Write the answer given on the spot.")})
    claim_version(petition, expected_version)
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    petition.spot_answer = answer
    acted_by(petition, actor, _("Answer given on the spot")).save()
    return petition


@transaction.atomic
def set_conclusion(
    conference: Conference,
    *,
    actor,
    number: str,
    issued_on: date | None,
    issuer: str,
    signer: str = "",
    text: str,
    title: str = "",
    source: str = "",
    expected_version: int | None = None,
) -> Conference:
    """The conclusion notice of the conference, kept as a directive of kind "conclusion" (made or corrected
    through the directives' services); its tasks are the conference's commitments."""
    _require_manage(actor)
    text = (text or "").replace("\r\n", "\n").strip()
    errors = {}
    if issued_on is None:
        errors["issued_on"] = _("Give the date of the conclusion.")
    elif issued_on < conference.held_on:
        errors["issued_on"] = _("The conclusion cannot be dated before the conference.")
    if not _text(issuer):
        errors["issuer"] = _("Write the issuing body.")
    if not text:
        errors["text"] = _("Paste the text of the conclusion or choose a file.")
    if errors:
        raise ValidationError(errors)
    conference = _locked(conference, expected_version)
    directive = conference.conclusion or Directive(kind=Directive.Kind.CONCLUSION)
    directive.kind = Directive.Kind.CONCLUSION
    directive.number, directive.issued_on = _text(number), issued_on
    directive.issuer, directive.signer = _text(issuer), _text(signer)
    directive.title = _text(title) or _("Conclusion of the conference: %(title)s") % {"title": conference.title}
    directive.title = directive.title[:500]
    directive.text = text
    directive.source = _text(source)[:500] or directive.source
    directive = directive_services.save_directive(directive, actor=actor, reason=_("Conclusion of a conference"))
    conference.conclusion = directive
    acted_by(conference, actor, _("Conclusion recorded")).save()
    return conference


def propose_commitments(conference: Conference):
    """The tasks the directives' engine reads in the conclusion's text (for review before acceptance)."""
    if conference.conclusion is None:
        raise ValidationError(_("Record the conclusion first."))
    return extracting.propose(conference.conclusion.text, conference.conclusion.issued_on)


@transaction.atomic
def accept_commitments(conference: Conference, accepted: Iterable[dict], *, actor) -> list[Task]:
    """Reviewed proposals become tasks of the conclusion (the same service as the directives' review page)."""
    _require_manage(actor)
    if conference.conclusion is None:
        raise ValidationError(_("Record the conclusion first."))
    return directive_services.accept_extracted_tasks(conference.conclusion, list(accepted), actor=actor)


# Reading ----------------------------------------------------------------------------------------------------------


def commitments(conference: Conference, user):
    """The conclusion's tasks the user may see."""
    if conference.conclusion_id is None:
        return Task.objects.none()
    tasks = access.visible(user, Task).filter(directive_id=conference.conclusion_id)
    return tasks.select_related("lead_agency").order_by("deadline", "pk")


def questions(conference: Conference, user):
    """The conference's questions the user may see."""
    petitions = access.visible(user, Petition).filter(conference=conference)
    return petitions.select_related("enterprise", "agency").order_by("received_on", "number")


_CLOSED_WITHOUT_ANSWER = {rules.State.REJECTED, rules.State.MERGED, rules.State.WITHDRAWN}


def question_facts(petition: Petition) -> TaskFacts:
    """A question judged like a task: done when formally answered (or closed without an answer: not accepted,
    merged, withdrawn), against the answer deadline in force."""
    done = petition.answered_on
    if done is None and rules.State(petition.state) in _CLOSED_WITHOUT_ANSWER:
        last = petition.changes.filter(to_state=petition.state).order_by("-at").first()
        done = last.day if last else petition.received_on
    return TaskFacts(deadline=petition.due_on, completed_on=done)


@dataclass
class FollowUpRow:
    kind: str  # "commitment" or "question"
    record: object
    status: TaskStatus
    deadline: date | None
    done_on: date | None


def follow_up(conference: Conference, user, day: date | None = None) -> tuple[list[FollowUpRow], dict[str, int]]:
    """Each commitment and each question with its status at the end of `day` (today), and the counts."""
    day = day or timezone.localdate()
    rows = [
        FollowUpRow("commitment", task, task.status_on(day), task.deadline, task.completed_on)
        for task in commitments(conference, user)
    ]
    for petition in questions(conference, user):
        facts = question_facts(petition)
        rows.append(FollowUpRow("question", petition, status_on(facts, day), facts.deadline, facts.completed_on))
    counts = {status.value: 0 for status in TaskStatus}
    for row in rows:
        counts[row.status.value] += 1
    return rows, counts
