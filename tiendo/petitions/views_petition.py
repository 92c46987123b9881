"""/petitions/<pk>/: a petition as the desk and the agencies see it — its timeline (who, when, why), pauses,
attachments, deadline, the suggested agency and why, likely duplicates, the answer, its publication and rating —
and every action as a form posting to its own URL, shown only to who may take it. A refused or stale save comes
back to the page with the entries kept."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from tiendo.audit.history import history_entries
from tiendo.audit.versions import StaleVersion, changes_since
from tiendo.core import access
from tiendo.directives.models import Task
from tiendo.domain.petitions import deadlines as rules
from tiendo.domain.petitions import states
from tiendo.workdays.calendar import calendar_from

from . import deadlines, services
from .duplicates import candidates_for
from .forms_actions import (
    AnswerForm,
    AskForm,
    AssignForm,
    ClassifyForm,
    MergeForm,
    NoteForm,
    PublishForm,
    ReasonForm,
    ReplyForm,
    WaitForm,
)
from .models import Attachment, Conference, Kind, Pause, Petition, State, StateChange
from .routing import reason_text
from .views_desk import deadline_text, elsewhere


def suggestion_text(petition: Petition) -> str:
    """Why the agency was suggested, in the page's language."""
    return reason_text(petition)


def duplicate_candidates(petition: Petition, user) -> list[tuple[Petition, float, list]]:
    """Likely duplicates the user may see: (petition, score, reasons)."""
    found = list(candidates_for(petition, user))
    visible = set(access.visible(user, Petition).filter(pk__in=[c[0].pk for c in found]).values_list("pk", flat=True))
    return [c for c in found if c[0].pk in visible and c[0].pk != petition.pk]


def _state(petition) -> states.State:
    return states.State(petition.state)


def _manages(user, petition) -> bool:
    return access.can(user, "manage_petitions")


def _handles(user, petition) -> bool:
    return access.can(user, "handle_petition", petition)


@dataclass(frozen=True)
class Action:
    form: type
    heading: str
    button: str
    done: str
    allowed: Callable[[object, Petition], bool]
    perform: Callable[[Petition, dict, object], object]


def _merge(petition, data, user):
    if data.get("version") is not None and data["version"] != petition.version:
        raise StaleVersion(petition, data["version"], petition.version, changes_since(petition, data["version"]))
    return services.merge(data["duplicates"], petition, actor=user, reason=data.get("reason", ""))


ACTIONS: dict[str, Action] = {
    "classify": Action(
        ClassifyForm,
        gettext_lazy("Classify"),
        gettext_lazy("Classify"),
        gettext_lazy("The petition was classified."),
        lambda u, p: _manages(u, p) and states.can_move(_state(p), states.State.CLASSIFIED),
        lambda p, d, u: services.classify(
            p,
            actor=u,
            kind=d["kind"],
            topic=d["topic"],
            agency=d.get("agency"),
            is_complaint=d["is_complaint"],
            redirect_note=d["redirect_note"],
            reason=d["reason"],
            expected_version=d["version"],
        ),  # fmt: skip
    ),
    "assign": Action(
        AssignForm,
        gettext_lazy("Assign"),
        gettext_lazy("Assign"),
        gettext_lazy("The petition was assigned."),
        lambda u, p: _manages(u, p) and states.can_move(_state(p), states.State.ASSIGNED),
        lambda p, d, u: services.assign(
            p,
            actor=u,
            agency=d["agency"],
            officer=d.get("officer"),
            reason=d["reason"],
            expected_version=d["version"],
        ),  # fmt: skip
    ),
    "start": Action(
        NoteForm,
        gettext_lazy("Start the work"),
        gettext_lazy("Start"),
        gettext_lazy("The work on the petition has started."),
        lambda u, p: _handles(u, p) and p.state in (State.ASSIGNED, State.WAITING_AGENCY),
        lambda p, d, u: services.start_work(p, actor=u, reason=d["reason"], expected_version=d["version"]),
    ),
    "ask": Action(
        AskForm,
        gettext_lazy("Ask the enterprise for information"),
        gettext_lazy("Send the request"),
        gettext_lazy("The enterprise was asked; the clock stands still until it replies."),
        lambda u, p: _handles(u, p) and p.state == State.IN_PROGRESS,
        lambda p, d, u: services.ask_enterprise(p, actor=u, request=d["request"], expected_version=d["version"]),
    ),
    "reply": Action(
        ReplyForm,
        gettext_lazy("Record the enterprise's reply"),
        gettext_lazy("Record the reply"),
        gettext_lazy("The reply was recorded; the clock runs again."),
        lambda u, p: _handles(u, p) and p.state == State.WAITING_ENTERPRISE,
        lambda p, d, u: services.enterprise_replies(
            p, actor=u, reply=d["reply"], files=[(f.name, f) for f in d["files"]], expected_version=d["version"]
        ),
    ),
    "wait": Action(
        WaitForm,
        gettext_lazy("Wait for another agency"),
        gettext_lazy("Record"),
        gettext_lazy("The petition waits for the other agency's opinion."),
        lambda u, p: _handles(u, p) and p.state == State.IN_PROGRESS,
        lambda p, d, u: services.wait_for_agency(
            p, actor=u, agency=d["agency"], reason=d["reason"], expected_version=d["version"]
        ),
    ),
    "answer": Action(
        AnswerForm,
        gettext_lazy("Answer"),
        gettext_lazy("Send the answer"),
        gettext_lazy("The answer was recorded."),
        lambda u, p: _handles(u, p) and states.can_move(_state(p), states.State.ANSWERED),
        lambda p, d, u: services.answer(
            p,
            actor=u,
            text=d["text"],
            legal_basis=d["legal_basis"],
            document=d["document"],
            publish_consent=d["publish_consent"],
            expected_version=d["version"],
        ),  # fmt: skip
    ),
    "publish": Action(
        PublishForm,
        gettext_lazy("Publish the answer"),
        gettext_lazy("Publish"),
        gettext_lazy("The answer was published without personal data."),
        lambda u, p: _manages(u, p) and p.state == State.ANSWERED,
        lambda p, d, u: services.publish(
            p, actor=u, required_by_law=d["required_by_law"], expected_version=d["version"]
        ),
    ),
    "close": Action(
        NoteForm,
        gettext_lazy("Close"),
        gettext_lazy("Close the petition"),
        gettext_lazy("The petition was closed."),
        lambda u, p: _manages(u, p) and states.can_move(_state(p), states.State.CLOSED),
        lambda p, d, u: services.close(p, actor=u, reason=d["reason"], expected_version=d["version"]),
    ),
    "withdraw": Action(
        ReasonForm,
        gettext_lazy("Withdraw on the petitioner's behalf"),
        gettext_lazy("Withdraw"),
        gettext_lazy("The petition was withdrawn."),
        lambda u, p: _manages(u, p) and states.withdrawable(_state(p)),
        lambda p, d, u: services.withdraw(p, actor=u, reason=d["reason"], expected_version=d["version"]),
    ),
    "merge": Action(
        MergeForm,
        gettext_lazy("Merge duplicates"),
        gettext_lazy("Merge"),
        gettext_lazy("The duplicates were merged into this petition; they will get its answer."),
        lambda u, p: _manages(u, p) and _state(p) in states.OPEN,
        _merge,
    ),
}


def _petition(request, pk) -> Petition:
    queryset = Petition.objects.select_related(
        "enterprise", "agency", "suggested_agency", "officer", "merged_into", "answered_by", "conference"
    )
    # the layer's filter first (an officer's is distinct, which cannot be combined with select_related)
    return queryset.get(pk=access.get_or_404(request.user, Petition, pk=pk).pk)


def _form(name: str, user, petition, candidates, data=None, files=None):
    action = ACTIONS[name]
    extra = {"candidates": [c[0] for c in candidates]} if name == "merge" else {}
    return action.form(data, files, user=user, petition=petition, **extra)


def deadline_facts(petition: Petition, today: date) -> dict:
    """The deadline in force and where the petition stands against it, on one calendar."""
    days = [d for d in (petition.due_on, petition.answered_on, today) if d]
    calendar = calendar_from(min(petition.received_on, *days), max(days))
    words, css = deadline_text(petition, today, calendar)
    facts = {"due": petition.due_on, "words": words, "css": css}
    if petition.kind == Kind.OUTSIDE_COMPETENCE:
        facts["forward_due"] = deadlines.forward_due(petition, calendar=calendar)
    if petition.answered_on and petition.due_on:
        try:
            late = rules.working_days_late(calendar, petition.due_on, petition.answered_on)
        except ValueError:
            late = 0
        facts["answered_late"] = late
    if petition.answered_on and petition.publish_consent and not petition.published_on:
        facts["publish_due"] = rules.publish_due(calendar, petition.answered_on, deadlines.deadline_rules())
    return facts


def _context(request, petition: Petition, failed: dict | None = None) -> dict:
    user, today = request.user, timezone.localdate()
    candidates = duplicate_candidates(petition, user) if access.can(user, "manage_petitions") else []
    forms = []
    for name, action in ACTIONS.items():
        if not action.allowed(user, petition) or (name == "merge" and not candidates):
            continue
        form = (failed or {}).get(name) or _form(name, user, petition, candidates)
        forms.append({"name": name, "action": action, "form": form, "open": name in (failed or {})})
    task = petition.escalation_task_id and access.visible(user, Task).filter(pk=petition.escalation_task_id).first()
    conference = petition.conference_id and access.visible(user, Conference).filter(pk=petition.conference_id).first()
    return {
        "petition": petition,
        "today": today,
        "changes": access.visible(user, StateChange).filter(petition=petition).select_related("actor"),
        "pauses": access.visible(user, Pause).filter(petition=petition),
        "attachments": access.visible(user, Attachment).filter(petition=petition),
        "projects": petition.projects.filter(pk__in=access.visible(user, petition.projects.model).values("pk")),
        "concerned": petition.concerned_agencies.all(),
        "merged": access.visible(user, Petition).filter(merged_into=petition),
        "deadline": deadline_facts(petition, today),
        "suggestion": suggestion_text(petition) if petition.suggested_agency_id else "",
        "candidates": candidates,
        "forms": forms,
        "task": task or None,
        "conference": conference or None,
        "entries": history_entries(petition),
    }


@require_GET
def detail(request, pk):
    petition = _petition(request, pk)
    if access.can(request.user, "is_investor"):
        return redirect(elsewhere("petitions:my_petition", petition.pk))
    return render(request, "petitions/desk_detail.html", _context(request, petition))


@require_POST
def act(request, pk, action: str):
    """One action of the page: validated, made by its service, back to the page (or the page again, with the
    entries kept and the reason, when refused)."""
    petition = _petition(request, pk)
    spec = ACTIONS[action]
    if not spec.allowed(request.user, petition):
        raise PermissionDenied
    candidates = duplicate_candidates(petition, request.user) if action == "merge" else []
    form = _form(action, request.user, petition, candidates, request.POST, request.FILES)
    if form.is_valid():
        try:
            spec.perform(petition, form.cleaned_data, request.user)
        except StaleVersion as stale:
            form.add_error(None, stale.messages[0])
            form.data = form.data.copy()
            form.data["version"] = stale.current
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    for one in errors:
                        form.add_error(field if field in form.fields else None, one.messages)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, str(spec.done))
            return redirect("petitions:detail", petition.pk)
    petition = _petition(request, pk)
    return render(request, "petitions/desk_detail.html", _context(request, petition, {action: form}), status=400)
