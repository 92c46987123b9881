"""Petitions in the JSON API: the list (the command line's filters) and one petition, through the access layer;
the desk's and the agency's moves (create, classify, assign, answer, close) through the same services as the pages
and `tiendo petitions`. The shapes are `tiendo petitions list/show --json`'s (tiendo.petitions.listing).

Writes take a JSON body, a signed-in session and its CSRF token (the API's convention); a refusal is 403 (no
right), 400 with the Vietnamese sentence (bad input or a move the state table forbids), 409 (a stale version)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from tiendo.audit.versions import StaleVersion
from tiendo.core.api_input import MAX_QUERY, Column, Day, Integer, Limit, Offset, Text

from . import listing, services
from .models import Channel, Kind, Petition, State, Topic

router = Router(tags=["petitions"])

NOT_FOUND = "Không tìm thấy kiến nghị (hoặc không có quyền)."
VERSION = Integer(ge=1, le=2_147_483_647, description="the version read; a stale one answers 409, nothing changes")


class ChangeOut(Schema):
    day: date
    from_state: str | None
    to_state: str
    actor: str | None
    reason: str


class PetitionOut(Schema):
    id: int
    number: str = Field(examples=["KN-2026-0042"])
    version: int
    title: str
    state: str = Field(description=", ".join(State.values))
    state_label: str
    kind: str | None = Field(description=", ".join(Kind.values))
    topic: str = Field(description=", ".join(Topic.values))
    channel: str
    channel_reference: str
    received_on: date
    due_on: date | None = Field(description="the answer deadline in force (working days, pauses added)")
    enterprise: str | None = Field(description="tax code")
    enterprise_name: str | None
    petitioner_name: str
    agency: str | None = Field(description="the responsible agency's code")
    agency_name: str | None
    officer: str | None
    answered_on: date | None
    published_on: date | None
    rating: str | None


class PetitionDetailOut(PetitionOut):
    text: str
    projects: list[str]
    concerned_agencies: list[str]
    is_complaint: bool
    redirect_note: str
    answer: str
    legal_basis: str
    answer_document: str
    published_text: str
    rating_reason: str
    closed_on: date | None
    changes: list[ChangeOut]


class InvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class ConflictOut(Schema):
    detail: str
    version: int


class PetitionFilters(Schema):
    state: Text(20, description=", ".join(State.values)) = ""
    agency: Text(40, description="the responsible agency's code") = ""
    topic: Text(24, description=", ".join(Topic.values)) = ""
    overdue: bool = Field(False, description="only open petitions past their deadline")
    year: Integer(ge=2000, le=2100, description="received in this year") | None = None
    q: Text(MAX_QUERY) = ""
    limit: Limit = 100
    offset: Offset = 0


class PetitionIn(Schema):
    title: Column(Petition, "title", min_length=1, examples=["Chậm cấp giấy phép xây dựng nhà xưởng"])
    text: Text(min_length=1, examples=["Hồ sơ nộp từ tháng 12/2025 nhưng chưa được giải quyết."])
    channel: Text(20, description=", ".join(Channel.values), examples=["letter"]) = Channel.LETTER.value
    channel_reference: Column(Petition, "channel_reference", examples=["Công văn 15/2026/CV-ABC"]) = ""
    received_on: Day | None = Field(None, description="yyyy-mm-dd or dd/mm/yyyy; today by default")
    enterprise: Text(14, description="tax code", examples=["0800123456"]) = ""
    petitioner_name: Column(Petition, "petitioner_name") = ""
    petitioner_contact: Column(Petition, "petitioner_contact") = ""
    topic: Text(24, description=", ".join(Topic.values), examples=["construction_permit"]) = Topic.OTHER.value
    projects: list[Text(40)] = Field([], max_length=50, description="project codes")


class ClassifyIn(Schema):
    kind: Text(20, description=", ".join(Kind.values), examples=["within_competence"])
    topic: Text(24, description="default: the petition's topic") = ""
    agency: Text(40, description="the responsible agency's code", examples=["SXD"]) = ""
    is_complaint: bool = False
    redirect_note: Text(examples=["Đề nghị gửi đơn khiếu nại tới Thanh tra tỉnh."]) = ""
    reason: Text() = ""
    version: VERSION | None = None


class AssignIn(Schema):
    agency: Text(40, description="default: the agency classified") = ""
    officer: Text(150, description="the officer's user name") = ""
    reason: Text() = ""
    version: VERSION | None = None


class AnswerIn(Schema):
    text: Text(min_length=1, examples=["Sở Xây dựng đã cấp giấy phép ngày 24/02/2026."])
    legal_basis: Text(min_length=1, examples=["Luật Xây dựng 2014, Điều 102"])
    document: Column(Petition, "answer_document", examples=["Công văn 321/SXD-QLXD"]) = ""
    publish_consent: bool | None = None
    version: VERSION | None = None


class CloseIn(Schema):
    reason: Text() = ""
    version: VERSION | None = None


def _petition(user, pk: int) -> Petition:
    try:
        return listing.petition_or_404(user, pk)
    except Http404:
        raise HttpError(404, NOT_FOUND) from None


def _refused(error: ValidationError):
    errors = getattr(error, "message_dict", None) or {}
    return Status(400, {"detail": " ".join(error.messages), "errors": {k: list(v) for k, v in errors.items()}})


def _run(move):
    """A move in Vietnamese, its refusals as the API answers them."""
    with translation.override("vi"):
        try:
            return move()
        except PermissionDenied:
            raise HttpError(403, "Không có quyền thực hiện thao tác này với kiến nghị.") from None
        except StaleVersion as stale:
            return Status(409, {"detail": stale.messages[0], "version": stale.current})
        except ValidationError as error:
            return _refused(error)


def _out(user, petition, status: int = 200):
    return Status(status, listing.petition_data(petition, detail=True))


WRITE = {200: PetitionDetailOut, 400: InvalidOut, 409: ConflictOut}


class PetitionPage(Schema):
    items: list[PetitionOut]
    count: int


@router.get("/petitions", response={200: PetitionPage, 400: InvalidOut})
def list_petitions(request, filters: Query[PetitionFilters]):
    """The petitions the user sees (an officer: its agency's, as responsible or concerned; an investor: its
    enterprise's), newest first. An unknown state, topic or agency is answered 400."""
    with translation.override("vi"):
        try:
            agency = listing.agency_from(request.user, filters.agency) if filters.agency else None
            petitions = listing.filtered(
                listing.petitions_for(request.user), state=filters.state, agency=agency, topic=filters.topic,
                overdue=filters.overdue, year=filters.year, q=filters.q,
            )  # fmt: skip
        except ValidationError as error:
            return Status(400, {"detail": " ".join(error.messages)})
        items = [listing.petition_data(p) for p in petitions[filters.offset : filters.offset + filters.limit]]
        return Status(200, {"items": items, "count": petitions.count()})


@router.get("/petitions/{int:pk}", response=PetitionDetailOut)
def get_petition(request, pk: int):
    """A petition with its text, answer and timeline."""
    return listing.petition_data(_petition(request.user, pk), detail=True)


@router.post("/petitions", response={201: PetitionDetailOut, 400: InvalidOut, 409: ConflictOut})
def create_petition(request, payload: PetitionIn):
    """Record a petition (staff and officers: a letter, a call, the national system's; an investor: its own)."""
    user = request.user

    def move():
        data = payload.dict()
        if data["channel"] not in Channel.values:
            raise ValidationError({"channel": [f"Kênh không hợp lệ (dùng: {', '.join(Channel.values)})."]})
        if data["topic"] not in Topic.values:
            raise ValidationError({"topic": [f"Lĩnh vực không hợp lệ (dùng: {', '.join(Topic.values)})."]})
        enterprise = listing.enterprise_from(user, data["enterprise"]) if data["enterprise"] else None
        petition = Petition(
            title=data["title"], text=data["text"], channel=data["channel"],
            channel_reference=data["channel_reference"], received_on=data["received_on"], enterprise=enterprise,
            petitioner_name=data["petitioner_name"], petitioner_contact=data["petitioner_contact"],
            topic=data["topic"],
        )  # fmt: skip
        projects = listing.projects_from(user, data["projects"])
        return _out(user, services.receive(petition, actor=user, projects=projects), 201)

    return _run(move)


@router.post("/petitions/{int:pk}/classify", response=WRITE)
def classify_petition(request, pk: int, payload: ClassifyIn):
    """The desk (a specialist) classifies into Decree 20's four kinds and names the responsible agency; a
    complaint or a petition not accepted is closed with `redirect_note`."""
    user = request.user
    petition = _petition(user, pk)

    def move():
        if payload.kind not in Kind.values:
            raise ValidationError({"kind": [f"Loại không hợp lệ (dùng: {', '.join(Kind.values)})."]})
        if payload.topic and payload.topic not in Topic.values:
            raise ValidationError({"topic": [f"Lĩnh vực không hợp lệ (dùng: {', '.join(Topic.values)})."]})
        agency = listing.agency_from(user, payload.agency) if payload.agency else None
        moved = services.classify(
            petition, actor=user, kind=payload.kind, topic=payload.topic or petition.topic, agency=agency,
            is_complaint=payload.is_complaint, redirect_note=payload.redirect_note, reason=payload.reason,
            expected_version=payload.version,
        )  # fmt: skip
        return _out(user, moved)

    return _run(move)


@router.post("/petitions/{int:pk}/assign", response=WRITE)
def assign_petition(request, pk: int, payload: AssignIn):
    """Route to the agency (confirmed or changed) and, optionally, one of its officers."""
    from django.contrib.auth import get_user_model

    user = request.user
    petition = _petition(user, pk)

    def move():
        agency = listing.agency_from(user, payload.agency) if payload.agency else None
        officer = None
        if payload.officer:
            officer = get_user_model().objects.filter(username=payload.officer, is_active=True).first()
            if officer is None:
                raise ValidationError({"officer": [f"Không có người dùng đang hoạt động tên '{payload.officer}'."]})
        moved = services.assign(
            petition, actor=user, agency=agency, officer=officer, reason=payload.reason,
            expected_version=payload.version,
        )  # fmt: skip
        return _out(user, moved)

    return _run(move)


@router.post("/petitions/{int:pk}/answer", response=WRITE)
def answer_petition(request, pk: int, payload: AnswerIn):
    """The responsible agency's answer with its legal basis; every petition merged into this one gets it."""
    user = request.user
    petition = _petition(user, pk)

    def move():
        moved = services.answer(
            petition, actor=user, text=payload.text, legal_basis=payload.legal_basis, document=payload.document,
            publish_consent=payload.publish_consent, expected_version=payload.version,
        )  # fmt: skip
        return _out(user, moved)

    return _run(move)


@router.post("/petitions/{int:pk}/close", response=WRITE)
def close_petition(request, pk: int, payload: CloseIn):
    """Close an answered petition (the desk)."""
    user = request.user
    petition = _petition(user, pk)
    return _run(
        lambda: _out(
            user, services.close(petition, actor=user, reason=payload.reason, expected_version=payload.version)
        )
    )
