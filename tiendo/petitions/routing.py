"""The responsible agency suggested on receipt (docs/legal/petitions.md PET-10) and the complaint check (PET-09),
from the live agencies: tiendo.domain.petitions.routing does the reading, this module feeds it the agencies in
existence on the day of receipt, the petition's projects (their agency, whether they lie in an industrial or
economic zone) and the agencies marked concerned, and stores the reason as a code with its parameters so that
`reason_text` can say it in the reader's language."""

import json
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from django.utils.translation import gettext as _

from tiendo.agencies.models import Agency
from tiendo.domain.petitions import routing as rules

from .models import Topic

# agencies that do not answer enterprises' petitions on administrative regulations
_NOT_ANSWERING = ("party_committee", "peoples_council")
# zones whose management board has the investment and construction competences (an industrial cluster has none)
_BOARD_ZONES = ("kcn", "kkt")
_MAX_REASON = 300


def agency_refs(day: date) -> list[rules.AgencyRef]:
    """The agencies existing on `day` that may answer a petition, as routing sees them (aliases and roles read
    from their names). Ordered by id, so that a tie goes to the older record."""
    agencies = Agency.objects.valid_on(day).exclude(kind__in=_NOT_ANSWERING).order_by("pk")
    return [_ref(a.pk, a.name, a.short_name) for a in agencies.only("pk", "name", "short_name")]


@lru_cache(maxsize=8192)
def _ref(pk: int, name: str, short_name: str) -> rules.AgencyRef:
    """Reading an agency's aliases and roles from its name is the costly part of a suggestion; a renamed agency
    gets a new entry (the key is the name)."""
    return rules.AgencyRef.of(pk, name, short_name)


def suggest_for(
    petition, *, projects: Iterable = (), concerned: Iterable = (), day: date | None = None
) -> rules.Suggestion | None:
    """The suggestion for a petition not saved yet (its projects and concerned agencies passed in) or saved."""
    projects = list(projects) or (list(petition.projects.all()) if petition.pk else [])
    concerned = list(concerned) or (list(petition.concerned_agencies.all()) if petition.pk else [])
    return rules.suggest(
        f"{petition.title}\n{petition.text}",
        petition.topic,
        agency_refs(day or petition.received_on),
        project_agency_ids=[p.agency_id for p in projects if p.agency_id],
        concerned_agency_ids=[a.pk for a in concerned],
        in_industrial_zone=any(p.zone_id and p.zone.kind in _BOARD_ZONES for p in projects),
    )


def encode(reason: rules.Reason) -> str:
    """The reason as stored in `Petition.suggestion_reason`: {"code": …, "name": …} in JSON, within the field."""
    params = {key: value[:200] for key, value in reason.params}
    return json.dumps({"code": reason.code, **params}, ensure_ascii=False)[:_MAX_REASON]


def fill_suggestion(petition, *, projects: Iterable = (), concerned: Iterable = ()) -> None:
    """Set `suggested_agency` and `suggestion_reason` (empty when nothing points anywhere). Does not save."""
    found = suggest_for(petition, projects=projects, concerned=concerned)
    petition.suggested_agency_id = found.agency_id if found else None
    petition.suggestion_reason = encode(found.reason) if found else ""


def decode(stored: str) -> dict[str, str] | None:
    try:
        value = json.loads(stored)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) and isinstance(value.get("code"), str) else None


def reason_text(petition) -> str:
    """Why the agency was suggested, in the active language ("" when nothing was suggested). A reason written by
    hand (not a stored code) is shown as written."""
    stored = petition.suggestion_reason or ""
    reason = decode(stored)
    if reason is None:
        return stored
    agency = petition.suggested_agency
    name = agency.display_name if agency is not None else reason.get("name", "")
    code = reason["code"]
    if code == "named":
        return _("The petition names %(agency)s.") % {"agency": name}
    if code == "project":
        return _("%(agency)s is in charge of the petition's project.") % {"agency": name}
    if code == "concerned":
        return _("%(agency)s was marked as concerned on receipt.") % {"agency": name}
    if code == "topic":
        topic = reason.get("topic", "")
        label = Topic(topic).label if topic in Topic.values else topic
        return _("The topic “%(topic)s” is in the field of %(agency)s.") % {"topic": label, "agency": name}
    if code == "keywords":
        return _("The petition mentions %(words)s, in the field of %(agency)s.") % {
            "words": reason.get("words", ""),
            "agency": name,
        }
    return _("Suggested: %(agency)s.") % {"agency": name}


def complaint_of(petition) -> rules.Complaint:
    """Whether the petition reads as a complaint or a denunciation, with the Vietnamese sentence to propose as its
    redirect note (the specialist decides; nothing is changed here)."""
    return rules.looks_like_complaint(f"{petition.title}\n{petition.text}")
