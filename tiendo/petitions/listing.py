"""What the command line and the API share: the list's filters and a petition's shape (`--json` and the API answer
the same record the same way), and reading an agency, an enterprise or a project from a code the user typed,
through the access layer."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.core import access
from tiendo.domain.petitions.states import OPEN
from tiendo.enterprises.models import Enterprise
from tiendo.projects.models import Project

from .models import Petition, State, Topic


def petitions_for(user):
    return access.visible(user, Petition).select_related("enterprise", "agency", "officer")


def filtered(
    petitions,
    *,
    state: str = "",
    agency: Agency | None = None,
    topic: str = "",
    overdue: bool = False,
    year: int | None = None,
    q: str = "",
    today: date | None = None,
):
    """The list's filters; an unknown state or topic is refused in Vietnamese."""
    if state and state not in State.values:
        raise ValidationError(f"Trạng thái không hợp lệ: '{state}' (dùng: {', '.join(State.values)}).")
    if topic and topic not in Topic.values:
        raise ValidationError(f"Lĩnh vực không hợp lệ: '{topic}' (dùng: {', '.join(Topic.values)}).")
    if state:
        petitions = petitions.filter(state=state)
    if agency is not None:
        petitions = petitions.filter(agency=agency)
    if topic:
        petitions = petitions.filter(topic=topic)
    if overdue:
        today = today or timezone.localdate()
        petitions = petitions.filter(state__in=[s.value for s in OPEN], due_on__lt=today)
    if year:
        petitions = petitions.filter(received_on__year=year)
    if q:
        petitions = petitions.search(q)
    return petitions.order_by("-received_on", "-pk")


def agency_from(user, code: str) -> Agency:
    """An agency by its code (or id) among those the user may see."""
    agencies = access.visible(user, Agency)
    found = agencies.filter(code=code).first()
    if found is None and code.isdigit():
        found = agencies.filter(pk=int(code)).first()
    if found is None:
        raise ValidationError(f"Không có cơ quan mã '{code}'.")
    return found


def enterprise_from(user, key: str) -> Enterprise:
    """An enterprise by its tax code (or id) among those the user may see."""
    enterprises = access.visible(user, Enterprise)
    found = enterprises.filter(tax_code=key).first()
    if found is None and key.isdigit():
        found = enterprises.filter(pk=int(key)).first()
    if found is None:
        raise ValidationError(f"Không có doanh nghiệp mã số thuế '{key}' (hoặc không có quyền).")
    return found


def projects_from(user, codes) -> list[Project]:
    projects = []
    for code in codes:
        found = access.visible(user, Project).filter(code=code).first()
        if found is None:
            raise ValidationError(f"Không có dự án mã '{code}' (hoặc không có quyền).")
        projects.append(found)
    return projects


def petition_data(petition: Petition, *, detail: bool = False) -> dict[str, Any]:
    """A petition as the list and the detail give it (the detail adds the text, the answer and the timeline)."""
    data: dict[str, Any] = {
        "id": petition.pk,
        "number": petition.number,
        "version": petition.version,
        "title": petition.title,
        "state": petition.state,
        "state_label": str(State(petition.state).label),
        "kind": petition.kind or None,
        "topic": petition.topic,
        "channel": petition.channel,
        "channel_reference": petition.channel_reference,
        "received_on": petition.received_on,
        "due_on": petition.due_on,
        "enterprise": petition.enterprise.tax_code if petition.enterprise_id else None,
        "enterprise_name": petition.enterprise.name if petition.enterprise_id else None,
        "petitioner_name": petition.petitioner_name,
        "agency": petition.agency.code if petition.agency_id else None,
        "agency_name": petition.agency.name if petition.agency_id else None,
        "officer": petition.officer.username if petition.officer_id else None,
        "answered_on": petition.answered_on,
        "published_on": petition.published_on,
        "rating": petition.rating or None,
    }
    if detail:
        data |= {
            "text": petition.text,
            "projects": sorted(p.code for p in petition.projects.all()),
            "concerned_agencies": sorted(a.code for a in petition.concerned_agencies.all()),
            "is_complaint": petition.is_complaint,
            "redirect_note": petition.redirect_note,
            "answer": petition.answer,
            "legal_basis": petition.legal_basis,
            "answer_document": petition.answer_document,
            "published_text": petition.published_text,
            "rating_reason": petition.rating_reason,
            "closed_on": petition.closed_on,
            "changes": [
                {
                    "day": change.day,
                    "from_state": change.from_state or None,
                    "to_state": change.to_state,
                    "actor": change.actor.username if change.actor_id else None,
                    "reason": change.reason,
                }
                for change in petition.changes.select_related("actor")
            ],
        }
    return data


def petition_or_404(user, key):
    """A petition by its number (KN-2026-0001) or its id, among those the user sees; Http404 otherwise."""
    lookup = {"number": key} if not str(key).isdigit() else {"pk": int(key)}
    return access.get_or_404(user, Petition, **lookup)
