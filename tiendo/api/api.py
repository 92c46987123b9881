"""The JSON API (OpenAPI at /api/docs): the same gatekeepers and services as the pages."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from tiendo.agencies.access import get_agency_for_user
from tiendo.agencies.models import Agency
from tiendo.audit.versions import StaleVersion
from tiendo.core import access as core_access
from tiendo.core.api_input import MAX_QUERY, Code, Column, Day, Integer, Pagination, SafeParser, Text, install, through
from tiendo.enterprises.access import enterprises_for_user, get_enterprise_for_user
from tiendo.enterprises.forms import EnterpriseForm, InvestorContactForm
from tiendo.enterprises.models import Enterprise
from tiendo.enterprises.services import save_enterprise
from tiendo.projects.access import get_project_for_user, projects_for_user

api = NinjaAPI(
    title="tiendo API",
    version="1",
    auth=django_auth,
    urls_namespace="api",
    docs_decorator=login_required,
    parser=SafeParser(),
)
install(api)


class AgencyOut(Schema):
    code: str
    name: str
    name_en: str
    name_zh: str
    short_name: str
    kind: str
    parent_code: str | None
    successor_code: str | None
    valid_from: date | None
    valid_to: date | None

    resolve_parent_code = through("parent", "code")
    resolve_successor_code = through("successor", "code")


class ContactsOut(Schema):
    head: str
    address: str
    phone: str
    email: str


class AgencyDetailOut(AgencyOut):
    contacts: ContactsOut | None = None


class StaffOut(Schema):
    username: str
    full_name: str
    position: str
    role: str
    email: str
    phone: str


class EnterpriseOut(Schema):
    id: int
    version: int
    name: str
    name_en: str
    tax_code: str
    country: str
    address: str
    representative: str
    phone: str
    email: str


class EnterpriseIn(Schema):
    name: Column(Enterprise, "name") | None = None
    name_en: Column(Enterprise, "name_en") | None = None
    tax_code: Column(Enterprise, "tax_code") | None = None
    country: Column(Enterprise, "country") | None = None
    address: Column(Enterprise, "address") | None = None
    representative: Column(Enterprise, "representative") | None = None
    phone: Column(Enterprise, "phone") | None = None
    email: Column(Enterprise, "email") | None = None
    version: (
        Integer(
            ge=1,
            le=2_147_483_647,
            description="the version the change was read at; a stale one answers 409 and changes nothing",
        )
        | None
    ) = None


class AgencyFilters(Schema):
    q: Text(MAX_QUERY) = ""
    kind: Text(40) = ""
    on: Day | None = None


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class ConflictOut(Schema):
    detail: str = Field(description="who changed what since the version sent")
    version: int = Field(description="the record's version now: re-read, re-apply, and send it")


def conflict(stale: StaleVersion):
    return Status(409, {"detail": stale.messages[0], "version": stale.current})


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": "Không có quyền truy cập."}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.get("/agencies", response=list[AgencyOut], tags=["agencies"])
@paginate(Pagination)
def list_agencies(request, filters: Query[AgencyFilters]):
    """Agencies in force on a date (today by default): the directory is open to every signed-in user."""
    agencies = core_access.visible(request.user, Agency).select_related("parent", "successor").search(filters.q)
    if filters.kind:
        agencies = agencies.filter(kind=filters.kind)
    return agencies.valid_on(filters.on or timezone.localdate()).order_by("code")


@api.get("/agencies/{code}", response=AgencyDetailOut, tags=["agencies"])
def get_agency(request, code: Code):
    """Contacts only for the agency's own officers and the province's staff."""
    agency = core_access.get_or_404(
        request.user, Agency, queryset=Agency.objects.select_related("parent", "successor"), code=code
    )
    agency.contacts = agency if core_access.can(request.user, "read_agency_records", agency) else None
    return agency


@api.get("/agencies/{code}/staff", response=list[StaffOut], tags=["agencies"])
def agency_staff(request, code: Code):
    agency = get_agency_for_user(request.user, code)
    return agency.staff.filter(is_active=True).order_by("username")


@api.get("/enterprises", response=list[EnterpriseOut], tags=["enterprises"])
@paginate(Pagination)
def list_enterprises(request, q: Text(MAX_QUERY) = ""):
    enterprises = enterprises_for_user(request.user)
    enterprises = enterprises.search(q)
    return enterprises.order_by("name")


@api.get("/enterprises/{int:pk}", response=EnterpriseOut, tags=["enterprises"])
def get_enterprise(request, pk: int):
    return get_enterprise_for_user(request.user, pk)


@api.patch(
    "/enterprises/{int:pk}", response={200: EnterpriseOut, 400: ErrorOut, 409: ConflictOut}, tags=["enterprises"]
)
def update_enterprise(request, pk: int, payload: EnterpriseIn):
    """Send the `version` read with the enterprise: if someone changed it since, nothing changes and the answer is
    409 with who changed what."""
    enterprise = get_enterprise_for_user(request.user, pk, edit=True)
    form_class = EnterpriseForm if core_access.can(request.user, "manage_enterprises") else InvestorContactForm
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    unknown = set(changes) - set(form_class.Meta.fields)
    if unknown:
        raise PermissionDenied
    data = {name: getattr(enterprise, name) for name in form_class.Meta.fields} | changes | {"version": version}
    form = form_class(data, instance=enterprise)
    if not form.is_valid():
        return Status(400, {"detail": "Dữ liệu không hợp lệ.", "errors": {k: list(v) for k, v in form.errors.items()}})
    try:
        return Status(
            200, save_enterprise(form.save(commit=False), actor=request.user, expected_version=form.expected_version)
        )
    except StaleVersion as stale:
        return conflict(stale)


class MilestoneOut(Schema):
    kind: str
    first_due: date | None
    current_due: date | None
    done: date | None


class ProjectOut(Schema):
    code: str
    version: int
    name: str
    name_en: str
    kind: str
    status: str
    group: str
    sector: str | None
    commune: str | None
    zone: str | None
    investor_tax_code: str | None
    investor: str | None
    agency: str | None
    total_investment: int
    certificate_number: str
    certificate_date: date | None
    policy_decision_number: str
    policy_decision_date: date | None

    resolve_sector = through("sector", "code")
    resolve_commune = through("commune", "code")
    resolve_zone = through("zone", "code")
    resolve_investor_tax_code = through("investor", "tax_code")
    resolve_investor = through("investor", "name")
    resolve_agency = through("agency", "code")


class ProgressOut(Schema):
    period_end: date
    physical_progress: float
    disbursed_to_date: int
    jobs: int | None
    revenue: int | None
    taxes_paid: int | None
    problems: str


class ProjectDetailOut(ProjectOut):
    milestones: list[MilestoneOut]
    latest_progress: ProgressOut | None = None


class ProjectFilters(Schema):
    q: Text(MAX_QUERY) = ""
    kind: Text(40) = ""
    status: Text(40) = ""
    sector: Code = ""
    commune: Code = ""
    zone: Code = ""
    agency: Code = ""
    investor: Text(14, description="tax code") = ""
    sort: Text(40) = "code"


@api.get("/projects", response=list[ProjectOut], tags=["projects"])
@paginate(Pagination)
def list_projects(request, filters: Query[ProjectFilters]):
    """The registry as the user may see it, with the list page's filters (codes instead of ids)."""
    from tiendo.projects.forms import SORTS

    projects = projects_for_user(request.user).select_related("sector", "commune", "zone", "investor", "agency")
    if filters.q:
        projects = projects.search(filters.q)
    for field in ("kind", "status"):
        if value := getattr(filters, field):
            projects = projects.filter(**{field: value})
    for field in ("sector", "commune", "zone", "agency"):
        if value := getattr(filters, field):
            projects = projects.filter(**{f"{field}__code": value})
    if filters.investor:
        projects = projects.filter(investor__tax_code=filters.investor)
    return projects.order_by(*SORTS.get(filters.sort, SORTS["code"]))


@api.get("/projects/{code}", response=ProjectDetailOut, tags=["projects"])
def get_project(request, code: Code):
    project = get_project_for_user(request.user, code)
    project.latest_progress = project.progress_reports.order_by("-period_end", "-pk").first()
    return project


api.add_router("/", "tiendo.directives.api.router")
api.add_router("/", "tiendo.targets.api.router")
api.add_router("/", "tiendo.petitions.api.router")
api.add_router("/", "tiendo.petitions.open311.router")
