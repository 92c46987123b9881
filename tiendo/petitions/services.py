"""Every write to a petition: one transaction, keyword-only `actor`, the move checked against the state table
(tiendo.domain.petitions.states), a `StateChange` with who and why, the kept history, stale edits refused.

Who may do what is the access layer's: receiving (`receive_petitions`; an investor's enquiry from the public
portal, `send_enquiry`, anyone), the desk's moves (`manage_petitions`: classify, route, merge, reject, redirect),
the responsible agency's (`handle_petition`: work, ask, answer) and the petitioner's (`act_as_petitioner`: reply,
rate, reopen once, withdraw)."""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version
from tiendo.core import access
from tiendo.domain import access as role_table
from tiendo.domain.petitions import states as rules
from tiendo.domain.petitions.redaction import redact
from tiendo.domain.text import clean

from . import deadlines, routing
from .models import Attachment, Channel, Kind, Pause, Petition, Rating, State, StateChange, Topic

# called with the petition after a move commits (notifications, the portal's cache…): apps.ready fills it
AFTER_MOVE: list = []


def _text(value: str | None) -> str:
    return clean(value or "").strip()


def _today(at: date | None) -> date:
    return at or timezone.localdate()


def next_number(year: int) -> str:
    prefix = settings.TIENDO_PETITIONS_NUMBER_PREFIX
    start = f"{prefix}-{year}-"
    last = Petition.objects.filter(number__startswith=start).aggregate(last=Max("number"))["last"] or f"{start}0000"
    return f"{start}{int(last.rsplit('-', 1)[1]) + 1:04d}"


def _move(petition: Petition, target: str, *, actor, reason: str = "", day: date | None = None) -> Petition:
    """Record a move (checked), recompute the deadline, save with history."""
    current = rules.State(petition.state)
    wanted = rules.State(target)
    if not rules.can_move(current, wanted):
        raise ValidationError(
            _("A petition that is “%(state)s” cannot become “%(target)s”.")
            % {"state": State(current).label, "target": State(wanted).label}
        )
    day = _today(day)
    petition.state = wanted.value
    StateChange.objects.create(
        petition=petition,
        from_state=current.value,
        to_state=wanted.value,
        day=day,
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        reason=reason,
    )
    refresh_due(petition, today=day)
    acted_by(petition, actor, reason or State(wanted).label).save()
    for hook in AFTER_MOVE:
        transaction.on_commit(lambda hook=hook, pk=petition.pk: hook(pk))
    return petition


def refresh_due(petition: Petition, *, today: date | None = None) -> None:
    """The answer deadline in force (in memory; the caller saves): none once answered or finished."""
    if rules.State(petition.state) in rules.ANSWERED | rules.FINISHED:
        return
    petition.due_on = deadlines.answer_due(petition, today=today)


def _locked(petition: Petition, expected_version: int | None) -> Petition:
    claim_version(petition, expected_version)
    return Petition.objects.select_for_update().get(pk=petition.pk)


_RECORD_CHECKS = {"handle_petition", "act_as_petitioner"}


def _require(actor, capability: str, petition: Petition | None = None) -> None:
    """PermissionDenied unless the actor sees the petition and has the capability (a check about the record for
    the agency's and the petitioner's moves, a capability of the role for the desk's)."""
    if petition is not None and not access.visible(actor, Petition).filter(pk=petition.pk).exists():
        raise PermissionDenied
    allowed = access.can(actor, capability, petition) if capability in _RECORD_CHECKS else access.can(actor, capability)
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def receive(
    petition: Petition,
    *,
    actor,
    projects: Iterable = (),
    concerned: Iterable = (),
    files: Iterable[tuple[str, object]] = (),
    at: date | None = None,
) -> Petition:
    """A new petition from any channel: numbered, its deadline counted from receipt. An investor submits only for
    its own enterprise (through its account); staff record letters, calls, the national system's, a
    conference's."""
    _require(actor, "receive_petitions")
    if access.scope(actor, role_table.petition_scope) == role_table.Scope.ENTERPRISE:
        # an investor submits for its own enterprise only (asked of the access layer, not the role)
        petition.enterprise_id = access.actor_of(actor).enterprise_id
        petition.channel = petition.channel or "investor_portal"
    petition.title = _text(petition.title)
    petition.text = _text(petition.text)
    if not petition.title:
        raise ValidationError({"title": _("Write a short title.")})
    if not petition.text:
        raise ValidationError({"text": _("Write what the difficulty or proposal is.")})
    if petition.enterprise_id is None and not _text(petition.petitioner_name):
        raise ValidationError({"petitioner_name": _("Choose the enterprise or write the petitioner's name.")})
    petition.received_on = petition.received_on or _today(at)
    if petition.received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The day of receipt cannot be in the future.")})
    projects = list(projects)
    visible_projects = access.visible(actor, petition._meta.get_field("projects").related_model)
    if projects and visible_projects.filter(pk__in=[p.pk for p in projects]).count() != len(
        set(p.pk for p in projects)
    ):
        raise PermissionDenied
    petition.number = next_number(petition.received_on.year)
    petition.state = State.RECEIVED
    petition.created_by = actor if getattr(actor, "pk", None) else None
    petition.due_on = deadlines.answer_due(petition, today=petition.received_on)
    concerned = list(concerned)
    routing.fill_suggestion(petition, projects=projects, concerned=concerned)  # PET-10: the specialist confirms
    petition.full_clean(exclude=["projects", "concerned_agencies"])
    acted_by(petition, actor, _("Received")).save()
    petition.projects.set(projects)
    petition.concerned_agencies.set(concerned)
    for title, upload in files:
        Attachment.objects.create(
            petition=petition, title=_text(title) or getattr(upload, "name", ""), file=upload, uploaded_by=actor
        )
    StateChange.objects.create(
        petition=petition,
        to_state=State.RECEIVED,
        day=petition.received_on,
        at=timezone.now(),
        actor=petition.created_by,
        reason=State.RECEIVED.label,
    )
    for hook in AFTER_MOVE:
        transaction.on_commit(lambda hook=hook, pk=petition.pk: hook(pk))
    return petition


@transaction.atomic
def receive_from_public(petition: Petition, *, agency, at: date | None = None) -> Petition:
    """An investor's enquiry sent from the public portal (the visitor has no account): numbered, its deadline
    counted from receipt, and routed at once to `agency` — the one the published opportunity names to answer
    enquiries — so it lands in that agency's queue without waiting for the desk. The timeline says it came from
    the portal. The texts the timeline keeps are written in Vietnamese, whatever language the visitor reads."""
    if not access.can(AnonymousUser(), "send_enquiry"):
        raise PermissionDenied
    with translation.override(settings.LANGUAGE_CODE):
        if agency is None:
            raise ValidationError({"agency": _("Choose the responsible agency.")})
        petition.channel, petition.topic = Channel.PUBLIC_PORTAL, Topic.INVESTMENT_ENQUIRY
        petition.enterprise = None
        petition.title, petition.text = _text(petition.title), _text(petition.text)
        petition.petitioner_name = _text(petition.petitioner_name)
        petition.petitioner_contact = _text(petition.petitioner_contact)
        if not (petition.title and petition.text and petition.petitioner_name and petition.petitioner_contact):
            raise ValidationError(_("An enquiry needs a title, a message, the enquirer's name and a contact."))
        petition.received_on = _today(at)
        petition.number = next_number(petition.received_on.year)
        petition.state = State.RECEIVED
        petition.kind = Kind.WITHIN_COMPETENCE
        petition.agency = petition.suggested_agency = agency
        petition.due_on = deadlines.answer_due(petition, today=petition.received_on)
        petition.full_clean(exclude=["projects", "concerned_agencies"])
        received = _("Received from the public portal")
        acted_by(petition, None, received).save()
        StateChange.objects.create(
            petition=petition, to_state=State.RECEIVED, day=petition.received_on, at=timezone.now(), reason=received
        )
        day = petition.received_on
        _move(petition, State.CLASSIFIED, actor=None, reason=_("An investment enquiry from the public portal"), day=day)
        routed = _("Routed to %(agency)s, which answers enquiries about this opportunity") % {"agency": agency.name}
        return _move(petition, State.ASSIGNED, actor=None, reason=routed, day=day)


@transaction.atomic
def forget_petitioner(petition: Petition, *, actor, reason: str, names: Iterable[str] = ()) -> Petition:
    """The time the petitioner's details may be kept is over: their name and contact are erased, and e-mail
    addresses, phone numbers and `names` are masked in the text — in the petition and in every copy its kept
    history holds, or the erasure would be a pretence. The question, the answer and the timeline stay. `actor`
    None is the nightly retention run; a person needs `manage_petitions`."""
    if actor is not None:
        _require(actor, "manage_petitions", petition)
    names = [_text(n) for n in names if n]
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    petition.petitioner_name = petition.petitioner_contact = ""
    petition.text = redact(petition.text, names)
    petition.text_en, petition.text_zh = redact(petition.text_en, names), redact(petition.text_zh, names)
    for kept in Petition.history.filter(id=petition.pk):
        kept.petitioner_name = kept.petitioner_contact = ""
        kept.text = redact(kept.text, names)
        kept.text_en, kept.text_zh = redact(kept.text_en, names), redact(kept.text_zh, names)
        kept.save(update_fields=["petitioner_name", "petitioner_contact", "text", "text_en", "text_zh"])
    acted_by(petition, actor, reason).save()
    return petition


@transaction.atomic
def classify(
    petition: Petition,
    *,
    actor,
    kind: str,
    topic: str,
    agency=None,
    is_complaint: bool = False,
    redirect_note: str = "",
    reason: str = "",
    expected_version: int | None = None,
    at: date | None = None,
) -> Petition:
    """The desk classifies: a complaint or a not-accepted petition is closed here with the sentence that tells
    the petitioner where to go; the others get their responsible agency (outside the receiver's competence: it is
    forwarded, within the forwarding deadline)."""
    _require(actor, "manage_petitions", petition)
    petition = _locked(petition, expected_version)
    petition.kind, petition.topic = kind, topic
    petition.is_complaint = is_complaint
    petition.redirect_note = _text(redirect_note)
    if is_complaint or kind == Kind.NOT_ACCEPTED:
        if not petition.redirect_note:
            raise ValidationError({"redirect_note": _("Tell the petitioner why, and where to go instead.")})
        petition.full_clean(exclude=["projects", "concerned_agencies"])
        return _move(petition, State.REJECTED, actor=actor, reason=reason or petition.redirect_note, day=at)
    if agency is None:
        raise ValidationError({"agency": _("Choose the responsible agency.")})
    petition.agency = agency
    if kind == Kind.OUTSIDE_COMPETENCE:
        petition.forwarded_on = _today(at)
    petition.full_clean(exclude=["projects", "concerned_agencies"])
    return _move(petition, State.CLASSIFIED, actor=actor, reason=reason, day=at)


@transaction.atomic
def assign(
    petition: Petition,
    *,
    actor,
    agency=None,
    officer=None,
    reason: str = "",
    expected_version: int | None = None,
    at: date | None = None,
) -> Petition:
    """Route to the agency (confirmed or changed) and, optionally, to an officer of it."""
    _require(actor, "manage_petitions", petition)
    petition = _locked(petition, expected_version)
    if agency is not None:
        petition.agency = agency
    if petition.agency_id is None:
        raise ValidationError({"agency": _("Choose the responsible agency.")})
    if officer is not None and officer.agency_id is not None and officer.agency_id != petition.agency_id:
        raise ValidationError({"officer": _("The officer must work for the responsible agency.")})
    petition.officer = officer
    return _move(petition, State.ASSIGNED, actor=actor, reason=reason, day=at)


@transaction.atomic
def start_work(
    petition: Petition, *, actor, reason: str = "", expected_version: int | None = None, at=None
) -> Petition:
    _require(actor, "handle_petition", petition)
    petition = _locked(petition, expected_version)
    return _move(petition, State.IN_PROGRESS, actor=actor, reason=reason, day=at)


@transaction.atomic
def ask_enterprise(
    petition: Petition, *, actor, request: str, expected_version: int | None = None, at=None
) -> Petition:
    """Ask the petitioner for more information: the clock stops until it replies."""
    _require(actor, "handle_petition", petition)
    request = _text(request)
    if not request:
        raise ValidationError({"request": _("Say what information is needed.")})
    petition = _locked(petition, expected_version)
    Pause.objects.create(petition=petition, started_on=_today(at), request=request)
    return _move(petition, State.WAITING_ENTERPRISE, actor=actor, reason=request, day=at)


@transaction.atomic
def enterprise_replies(
    petition: Petition,
    *,
    actor,
    reply: str,
    files: Iterable[tuple[str, object]] = (),
    expected_version: int | None = None,
    at=None,
) -> Petition:
    """The petitioner's reply (or an officer recording it): the clock runs again, the deadline moved by exactly
    the working days it stood still."""
    if not (access.can(actor, "act_as_petitioner", petition) or access.can(actor, "handle_petition", petition)):
        raise PermissionDenied
    reply = _text(reply)
    if not reply:
        raise ValidationError({"reply": _("Write the information asked for.")})
    petition = _locked(petition, expected_version)
    pause = petition.pauses.filter(ended_on__isnull=True).first()
    if pause is None or petition.state != State.WAITING_ENTERPRISE:
        raise ValidationError(_("No information is being asked of the enterprise."))
    day = _today(at)
    pause.ended_on, pause.reply = max(day, pause.started_on), reply
    acted_by(pause, actor).save()
    for title, upload in files:
        Attachment.objects.create(
            petition=petition, title=_text(title) or getattr(upload, "name", ""), file=upload, uploaded_by=actor
        )
    return _move(petition, State.IN_PROGRESS, actor=actor, reason=reply, day=at)


@transaction.atomic
def wait_for_agency(petition: Petition, *, actor, agency, reason: str, expected_version=None, at=None) -> Petition:
    """The answer needs another agency's opinion: the clock keeps running (it is the administration's delay)."""
    _require(actor, "handle_petition", petition)
    reason = _text(reason)
    if agency is None or not reason:
        raise ValidationError(_("Choose the agency asked and say what is asked of it."))
    petition = _locked(petition, expected_version)
    petition.concerned_agencies.add(agency)
    return _move(petition, State.WAITING_AGENCY, actor=actor, reason=f"{agency.name}: {reason}", day=at)


@transaction.atomic
def answer(
    petition: Petition,
    *,
    actor,
    text: str,
    legal_basis: str,
    document: str = "",
    publish_consent: bool | None = None,
    expected_version: int | None = None,
    at: date | None = None,
) -> Petition:
    """The answer with its legal basis and document; every petition merged into this one gets the same answer."""
    _require(actor, "handle_petition", petition)
    text, legal_basis = _text(text), _text(legal_basis)
    if not text:
        raise ValidationError({"text": _("Write the answer.")})
    if not legal_basis:
        raise ValidationError({"legal_basis": _("Cite the legal basis of the answer.")})
    petition = _locked(petition, expected_version)
    day = _today(at)
    for record in [petition, *petition.merged.all()]:
        record.answer, record.legal_basis, record.answer_document = text, legal_basis, _text(document)
        record.answered_on, record.answered_by = day, actor
        if publish_consent is not None and record.pk == petition.pk:
            record.publish_consent = publish_consent
        if record.pk == petition.pk:
            _move(record, State.ANSWERED, actor=actor, reason=_("Answered"), day=day)
        else:
            acted_by(record, actor, _("Answered with its group (%(number)s)") % {"number": petition.number}).save()
    return petition


@transaction.atomic
def publish(petition: Petition, *, actor, required_by_law: bool = False, expected_version=None, at=None) -> Petition:
    """Publish the answer without personal data, when the petitioner agreed or the law requires it."""
    _require(actor, "manage_petitions", petition)
    petition = _locked(petition, expected_version)
    if not (petition.publish_consent or required_by_law):
        raise ValidationError(_("The petitioner has not agreed to publication and no law requires it."))
    names = [petition.petitioner_name, getattr(petition.officer, "get_full_name", lambda: "")()]
    petition.published_text = redact(petition.answer, names)
    petition.published_on = _today(at)
    reason = _("Published (required by law)") if required_by_law else _("Published with the petitioner's consent")
    return _move(petition, State.PUBLISHED, actor=actor, reason=reason, day=at)


@transaction.atomic
def rate(petition: Petition, *, actor, rating: str, reason: str = "", expected_version=None, at=None) -> Petition:
    _require(actor, "act_as_petitioner", petition)
    reason = _text(reason)
    if rating not in Rating.values:
        raise ValidationError({"rating": _("Choose satisfied or not satisfied.")})
    if rating == Rating.NOT_SATISFIED and not reason:
        raise ValidationError({"reason": _("Say why the answer does not satisfy you.")})
    petition = _locked(petition, expected_version)
    petition.rating, petition.rating_reason, petition.rated_on = rating, reason, _today(at)
    return _move(petition, State.RATED, actor=actor, reason=reason or Rating(rating).label, day=at)


@transaction.atomic
def reopen(petition: Petition, *, actor, reason: str, expected_version=None, at=None) -> Petition:
    """The petitioner sends an answered petition back once; the agency gets a new answer period."""
    _require(actor, "act_as_petitioner", petition)
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the petition is reopened.")})
    petition = _locked(petition, expected_version)
    if petition.reopen_count >= rules.REOPEN_LIMIT:
        raise ValidationError(_("This petition has already been reopened once."))
    petition.reopen_count += 1
    petition.closed_on = None
    # the next answer gets its own rating; the kept history holds this one
    petition.rating, petition.rating_reason, petition.rated_on = "", "", None
    return _move(petition, State.IN_PROGRESS, actor=actor, reason=reason, day=at)


@transaction.atomic
def close(petition: Petition, *, actor, reason: str = "", expected_version=None, at=None) -> Petition:
    _require(actor, "manage_petitions", petition)
    petition = _locked(petition, expected_version)
    petition.closed_on = _today(at)
    return _move(petition, State.CLOSED, actor=actor, reason=reason, day=at)


@transaction.atomic
def withdraw(petition: Petition, *, actor, reason: str, expected_version=None, at=None) -> Petition:
    if not (access.can(actor, "act_as_petitioner", petition) or access.can(actor, "manage_petitions")):
        raise PermissionDenied
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the petition is withdrawn.")})
    petition = _locked(petition, expected_version)
    petition.pauses.filter(ended_on__isnull=True).update(ended_on=_today(at))
    return _move(petition, State.WITHDRAWN, actor=actor, reason=reason, day=at)


@transaction.atomic
def merge(petitions: Iterable[Petition], into: Petition, *, actor, reason: str = "", at=None) -> Petition:
    """Duplicates join a group led by `into`: they get its answer; their own clocks stop."""
    _require(actor, "manage_petitions", into)
    into = Petition.objects.select_for_update().get(pk=into.pk)
    if into.state in {State.MERGED, State.WITHDRAWN, State.REJECTED}:
        raise ValidationError(_("A petition cannot be merged into one that is merged, withdrawn or not accepted."))
    for petition in petitions:
        if petition.pk == into.pk:
            continue
        _require(actor, "manage_petitions", petition)
        petition = _locked(petition, None)
        petition.merged_into = into
        _move(
            petition,
            State.MERGED,
            actor=actor,
            reason=reason or _("Merged into %(number)s") % {"number": into.number},
            day=at,
        )
    return into
