"""An Open311 (GeoReport v2)-like public read of the petitions whose answer was published: anyone may read them,
without signing in. Only what the desk published is shown: the number, the topic, the responsible agency, the
state, the deadline, the title and the answer with personal data removed (tiendo.domain.petitions.redaction);
never the petitioner, the enterprise, the officer, the text as written or any internal reason."""

from datetime import date, datetime, time

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from tiendo.core.api_input import Text
from tiendo.domain.petitions.redaction import redact
from tiendo.domain.petitions.states import ANSWERED, FINISHED
from tiendo.domain.tabular import parse_date

from .models import Petition, State, Topic

router = Router(tags=["open311"], auth=None)

HIDDEN = (State.REJECTED, State.MERGED, State.WITHDRAWN)
CLOSED = {s.value for s in ANSWERED | FINISHED}


def published():
    """Petitions whose answer was published, not rejected, merged or withdrawn; the public's whole view."""
    return (
        Petition.objects.filter(published_on__isnull=False)
        .exclude(state__in=HIDDEN)
        .select_related("agency", "officer", "enterprise")
        .annotate(updated=Max("changes__at"))
    )


class ServiceOut(Schema):
    service_code: str = Field(examples=["land"])
    service_name: str = Field(examples=["Đất đai"])
    description: str
    metadata: bool = False
    type: str = "realtime"
    keywords: str = ""
    group: str = "petitions"


class RequestOut(Schema):
    service_request_id: str = Field(examples=["KN-2026-0042"])
    status: str = Field(description="open or closed", examples=["closed"])
    status_notes: str = Field(description="the state and, once published, the answer without personal data")
    service_name: str
    service_code: str
    description: str = Field(description="the petition's title without personal data")
    agency_responsible: str | None
    service_notice: str
    requested_datetime: datetime
    updated_datetime: datetime | None
    expected_datetime: datetime | None = Field(description="the answer deadline (working days)")
    address: str | None = None
    lat: float | None = None
    long: float | None = None
    media_url: str | None = None


class RequestFilters(Schema):
    start_date: Text(40, description="received on or after: yyyy-mm-dd (or an ISO 8601 date-time)") = ""
    end_date: Text(40, description="received on or before") = ""
    status: Text(10, description="open or closed") = ""
    service_code: Text(24, description="a topic: " + ", ".join(Topic.values)) = ""


class ErrorOut(Schema):
    """The API's refusal (`detail`), with Open311's `code` and `description` when this endpoint refuses."""

    detail: str
    code: int | None = None
    description: str | None = None


def _error(code: int, text: str):
    return Status(code, {"detail": text, "code": code, "description": text})


def _day(value: str, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]) if len(value) > 10 and value[10] == "T" else parse_date(value)
    except ValueError:
        raise HttpError(400, f"'{name}' không phải ngày hợp lệ (dùng yyyy-mm-dd).") from None


def _at(day: date | None) -> datetime | None:
    return None if day is None else timezone.make_aware(datetime.combine(day, time()))


def _notice() -> str:
    return _("Answered within %(days)s working days of receipt.") % {"days": settings.TIENDO_PETITIONS_ANSWER_DAYS}


def request_data(petition: Petition) -> dict:
    names = [
        petition.petitioner_name,
        petition.officer.full_name if petition.officer_id else "",
        petition.enterprise.representative if petition.enterprise_id else "",
    ]
    notes = str(State(petition.state).label)
    if petition.published_text:
        notes = f"{notes}. {redact(petition.published_text, names)}"
    return {
        "service_request_id": petition.number,
        "status": "closed" if petition.state in CLOSED else "open",
        "status_notes": notes,
        "service_name": str(Topic(petition.topic).label),
        "service_code": petition.topic,
        "description": redact(petition.title, names),
        "agency_responsible": petition.agency.name if petition.agency_id else None,
        "service_notice": _notice(),
        "requested_datetime": _at(petition.received_on),
        "updated_datetime": getattr(petition, "updated", None),
        "expected_datetime": _at(petition.due_on),
    }


@router.get("/open311/v2/services.json", response=list[ServiceOut])
def services(request, jurisdiction_id: Text(40, description="Open311's; one jurisdiction here") = ""):
    """The topics a petition is filed under (Open311 services)."""
    return [
        {"service_code": value, "service_name": str(label), "description": str(label)} for value, label in Topic.choices
    ]


@router.get("/open311/v2/requests.json", response={200: list[RequestOut], 400: ErrorOut})
def requests(request, filters: Query[RequestFilters]):
    """Published petitions, newest first (at most 1000), filtered by the day received, the status and the topic."""
    try:
        start, end = _day(filters.start_date, "start_date"), _day(filters.end_date, "end_date")
    except HttpError as error:
        return _error(400, str(error))
    petitions = published()
    if start:
        petitions = petitions.filter(received_on__gte=start)
    if end:
        petitions = petitions.filter(received_on__lte=end)
    if filters.status == "open":
        petitions = petitions.exclude(state__in=CLOSED)
    elif filters.status == "closed":
        petitions = petitions.filter(state__in=CLOSED)
    elif filters.status:
        return _error(400, "'status' phải là open hoặc closed.")
    if filters.service_code:
        petitions = petitions.filter(topic=filters.service_code)
    return Status(200, [request_data(p) for p in petitions.order_by("-received_on", "-pk")[:1000]])


@router.get("/open311/v2/requests/{service_request_id}.json", response={200: list[RequestOut], 404: ErrorOut})
def one_request(
    request,
    service_request_id: Text(20),
    jurisdiction_id: Text(40, description="Open311's; one jurisdiction here") = "",
):
    """One published petition by its number (a list of one, as Open311 answers)."""
    petition = published().filter(number=service_request_id).first()
    if petition is None:
        return _error(404, "Không tìm thấy kiến nghị đã công khai.")
    return Status(200, [request_data(petition)])
