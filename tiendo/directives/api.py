"""Directives and tasks in the JSON API: the board's filters, the same gatekeepers, forms and services as the pages.

The schemas here are also the `--json` shapes of `tiendo directives` and `tiendo tasks`, so a script reads the
same record from either. Write bodies may be JSON or a form (multipart, for a progress report's attachment).
"""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from tiendo.core import access as core_access
from tiendo.core.api_input import MAX_QUERY, Day, Integer, Limit, Offset, Text, read_json_body, through, validate_body
from tiendo.domain.tabular import parse_date
from tiendo.domain.tasks import due_soon, overdue_days

from . import services
from .access import directives_for_user, get_directive_for_user, get_task_for_user, tasks_for_user
from .forms import DecisionForm, ExtensionForm, ProgressForm, TaskFilterForm
from .models import STATUS_LABELS, Directive, ExtensionRequest, Task

router = Router(tags=["tasks"])

TASK_NOT_FOUND = "Không tìm thấy nhiệm vụ (hoặc không có quyền)."
REQUEST_NOT_FOUND = "Không tìm thấy đề nghị gia hạn (hoặc không có quyền)."
INVALID = "Dữ liệu không hợp lệ."


def due_soon_days() -> int:
    return getattr(settings, "TIENDO_DUE_SOON_DAYS", 7)


def _judged_on(task: Task) -> date:
    return task.__dict__.get("judged_on") or timezone.localdate()


def _status(task: Task):
    """The status of the day asked for: the board's SQL annotation, or the day set by `judge_on`."""
    day = task.__dict__.get("judged_on")
    return task.status_on(day) if day else task.status


def judge_on(task: Task, day: date | None) -> Task:
    task.judged_on = day or timezone.localdate()
    return task


# Schemas -------------------------------------------------------------------------------------------------------


class ProgressUpdateOut(Schema):
    id: int
    task_id: int
    reported_on: date
    text: str
    percent: int
    completed: bool
    attachment_name: str
    author: str
    created_at: datetime

    resolve_author = through("author", "username")


class ExtensionOut(Schema):
    id: int
    task_id: int
    old_deadline: date | None
    requested_deadline: date
    reason: str
    state: str
    requested_by: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str

    resolve_requested_by = through("requested_by", "username")
    resolve_decided_by = through("decided_by", "username")


class TaskOut(Schema):
    id: int
    version: int
    title: str
    lead_agency: str = Field(description="code")
    lead_agency_name: str
    cooperating_agencies: list[str] = Field(description="codes")
    deadline: date | None
    original_deadline: date | None = Field(description="the deadline first given; approved extensions move `deadline`")
    extended: bool
    standing: bool
    status: str = Field(description="done_on_time, done_late, in_progress, overdue or standing, on the day asked")
    status_label: str
    progress: int
    completed_on: date | None
    priority: str
    directive_id: int | None
    directive: str | None = Field(description="the directive's number, e.g. 45/TB-UBND")

    resolve_lead_agency = through("lead_agency", "code")
    resolve_lead_agency_name = through("lead_agency", "name")

    @staticmethod
    def resolve_cooperating_agencies(obj):
        return sorted(agency.code for agency in obj.cooperating_agencies.all())

    @staticmethod
    def resolve_status(obj):
        return _status(obj).value

    @staticmethod
    def resolve_status_label(obj):
        return str(STATUS_LABELS[_status(obj)])

    resolve_directive = through("directive", "number")


class TaskDetailOut(TaskOut):
    assigned_on: date
    details: str
    assignee_text: str
    responsible_person: str
    cooperating_text: str
    expected_result_kind: str
    expected_result: str
    deadline_text: str
    waits_on: str
    project: str | None = Field(description="project code")
    result: str
    due_soon: bool
    overdue_days: int
    deleted_at: datetime | None
    updates: list[ProgressUpdateOut]
    extensions: list[ExtensionOut]

    resolve_project = through("project", "code")

    @staticmethod
    def resolve_due_soon(obj):
        return due_soon(obj.facts, _judged_on(obj), due_soon_days())

    @staticmethod
    def resolve_overdue_days(obj):
        return overdue_days(obj.facts, _judged_on(obj))

    @staticmethod
    def resolve_updates(obj):
        return list(obj.updates.select_related("author"))

    @staticmethod
    def resolve_extensions(obj):
        return list(obj.extensions.select_related("requested_by", "decided_by"))


class DirectiveOut(Schema):
    id: int
    version: int
    kind: str
    number: str
    issued_on: date
    issuer: str
    signer: str
    title: str
    source: str
    task_count: int = Field(description="tasks the user may see")


class DirectiveDetailOut(DirectiveOut):
    text: str
    tasks: list[TaskOut]

    @staticmethod
    def resolve_tasks(obj):
        return obj.visible_tasks


class TaskPage(Schema):
    items: list[TaskOut]
    count: int


class DirectivePage(Schema):
    items: list[DirectiveOut]
    count: int


class ProgressResultOut(Schema):
    task: TaskOut
    update: ProgressUpdateOut


class ExtensionResultOut(Schema):
    task: TaskOut
    request: ExtensionOut


class InvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class TaskFilters(Schema):
    q: Text(MAX_QUERY) = ""
    agency: Text(40, description="lead agency code; its merged predecessors count too") = ""
    directive: Text(20, description="directive id") = ""
    status: Text(20, description="done_on_time, done_late, in_progress, overdue, standing") = ""
    due_soon: bool = False
    deadline_from: Text(20, description="dd/mm/yyyy or yyyy-mm-dd") = ""
    deadline_to: Text(20, description="dd/mm/yyyy or yyyy-mm-dd") = ""
    day: Text(20, description="judge the status on this day (today by default)") = ""
    original: bool = Field(False, description="judge by the original deadline")
    sort: Text(20, description="deadline, -deadline, -assigned, agency") = ""
    limit: Limit = 100
    offset: Offset = 0


class DirectiveFilters(Schema):
    q: Text(MAX_QUERY) = ""
    kind: Text(16) = ""
    limit: Limit = 100
    offset: Offset = 0


class ProgressIn(Schema):
    text: Text(min_length=1)
    percent: Integer(ge=0, le=100)
    reported_on: Day | None = Field(None, description="today by default; yyyy-mm-dd or dd/mm/yyyy")
    completed: bool = False


class ExtensionIn(Schema):
    requested_deadline: Day = Field(description="yyyy-mm-dd or dd/mm/yyyy")
    reason: Text(min_length=1)


class DecisionIn(Schema):
    decision: Text(10, description="approved or refused")
    note: Text(description="required when refusing") = ""


# What the API and the commands fetch ----------------------------------------------------------------------------


def task_board(user, data: dict):
    """The board's filter form and the user's tasks through it; an invalid form's tasks are not filtered."""
    form = TaskFilterForm(data, user=user, due_soon_days=due_soon_days())
    tasks = form.apply(tasks_for_user(user))
    return form, tasks.select_related("lead_agency", "directive").prefetch_related("cooperating_agencies")


def task_for_output(user, pk, day: date | None = None) -> Task:
    task = get_task_for_user(user, pk)
    return judge_on(task, day)


def directive_listing(user, q: str = "", kind: str = ""):
    """Directives the user may see, each with the number of its tasks the user may see."""
    visible = tasks_for_user(user).values("pk")
    directives = directives_for_user(user).search(q)
    if kind:
        directives = directives.filter(kind=kind)
    return directives.annotate(
        task_count=Count("tasks", filter=Q(tasks__deleted_at__isnull=True, tasks__pk__in=visible))
    )


def directive_for_output(user, pk, day: date | None = None) -> Directive:
    directive = get_directive_for_user(user, pk)
    directive.visible_tasks = list(
        tasks_for_user(user)
        .filter(directive=directive)
        .with_status(day or timezone.localdate())
        .select_related("lead_agency", "directive")
        .prefetch_related("cooperating_agencies")
        .order_by("pk")
    )
    directive.task_count = len(directive.visible_tasks)
    return directive


def extension_for_user(user, pk) -> ExtensionRequest:
    """A request on a task the user may see; the same 404 otherwise."""
    return core_access.get_or_404(user, ExtensionRequest, pk=pk)


def form_errors(form) -> dict[str, list[str]]:
    return {field: [str(message) for message in messages] for field, messages in form.errors.items()}


# Endpoints -----------------------------------------------------------------------------------------------------


def _task(user, pk) -> Task:
    try:
        return task_for_output(user, pk)
    except Http404:
        raise HttpError(404, TASK_NOT_FOUND) from None


def _submitted(request, schema: type[Schema]):
    """A JSON body or a form (multipart when a file comes with it), checked against the schema (types, lengths,
    characters: a date given as an object is refused here, not inside the form), then read into what a Django
    form takes."""
    if request.content_type == "application/json":
        return validate_body(schema, read_json_body(request)), {}
    validate_body(schema, {key: value for key, value in request.POST.dict().items() if value != ""})
    return request.POST, request.FILES


def _body(schema: type[Schema], files: dict | None = None) -> dict:
    """Document a body the endpoint reads itself (JSON or form), since ninja cannot parse either one."""
    as_json = schema.json_schema()
    as_form = {**as_json, "properties": {**as_json.get("properties", {}), **(files or {})}}
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": as_json},
                "multipart/form-data": {"schema": as_form},
                "application/x-www-form-urlencoded": {"schema": as_json},
            },
        }
    }


def _failed(what: str, error: ValidationError):
    return Status(400, {"detail": f"{what}: {' '.join(error.messages)}"})


@router.get("/directives", response={200: DirectivePage, 400: InvalidOut}, tags=["directives"])
def list_directives(request, filters: Query[DirectiveFilters]):
    """Directives the user may see (an officer: those giving the agency a task), newest first."""
    if filters.kind and filters.kind not in Directive.Kind.values:
        kinds = ", ".join(Directive.Kind.values)
        return Status(400, {"detail": INVALID, "errors": {"kind": [f"Loại văn bản không hợp lệ (dùng: {kinds})."]}})
    directives = directive_listing(request.user, filters.q, filters.kind)
    items = list(directives[filters.offset : filters.offset + filters.limit])
    return Status(200, {"items": items, "count": directives.count()})


@router.get("/directives/{int:pk}", response=DirectiveDetailOut, tags=["directives"])
def get_directive(request, pk: int):
    """A directive with the tasks the user may see and their status today."""
    try:
        return directive_for_output(request.user, pk)
    except Http404:
        raise HttpError(404, "Không tìm thấy văn bản (hoặc không có quyền).") from None


@router.get("/tasks", response={200: TaskPage, 400: InvalidOut})
def list_tasks(request, filters: Query[TaskFilters]):
    """The task board: the same filters as the page; agencies by code, dates as dd/mm/yyyy or ISO."""
    data = filters.dict(exclude={"limit", "offset"})
    form, tasks = task_board(request.user, data)
    if form.errors:
        return Status(400, {"detail": "Bộ lọc không hợp lệ.", "errors": form_errors(form)})
    items = list(tasks[filters.offset : filters.offset + filters.limit])
    return Status(200, {"items": items, "count": tasks.count()})


@router.get("/tasks/{int:pk}", response={200: TaskDetailOut, 400: InvalidOut})
def get_task(request, pk: int, day: Text(20, description="judge the status on this day (today by default)") = ""):
    """A task with its progress reports and extension requests."""
    try:
        on = parse_date(day) if day else None
    except ValueError as error:
        return Status(400, {"detail": INVALID, "errors": {"day": [str(error)]}})
    try:
        return Status(200, task_for_output(request.user, pk, on))
    except Http404:
        raise HttpError(404, TASK_NOT_FOUND) from None


@router.post(
    "/tasks/{int:pk}/progress",
    response={201: ProgressResultOut, 400: InvalidOut},
    openapi_extra=_body(ProgressIn, {"attachment": {"type": "string", "format": "binary"}}),
)
def report_progress(request, pk: int):
    """The lead agency (or a specialist) reports progress; `completed` closes the task on the day reported."""
    task = _task(request.user, pk)
    if not core_access.can(request.user, "report_on_task", task):
        raise HttpError(403, "Không có quyền báo cáo tiến độ: chỉ cơ quan chủ trì hoặc chuyên viên.")
    data, files = _submitted(request, ProgressIn)
    form = ProgressForm(data, files)
    if not form.is_valid():
        return Status(400, {"detail": INVALID, "errors": form_errors(form)})
    clean = form.cleaned_data
    try:
        update = services.record_progress(
            task,
            actor=request.user,
            text=clean["text"],
            percent=clean["percent"],
            reported_on=clean["reported_on"],
            completed=clean["completed"],
            attachment=clean["attachment"],
        )
    except PermissionDenied:
        raise HttpError(403, "Không có quyền báo cáo tiến độ nhiệm vụ này.") from None
    except ValidationError as error:
        return _failed("Không ghi nhận được báo cáo tiến độ", error)
    return Status(201, {"task": _task(request.user, pk), "update": update})


@router.post(
    "/tasks/{int:pk}/extensions", response={201: ExtensionResultOut, 400: InvalidOut}, openapi_extra=_body(ExtensionIn)
)
def request_extension(request, pk: int):
    """The lead agency asks for a later deadline; a specialist or a leader decides."""
    task = _task(request.user, pk)
    if not core_access.can(request.user, "report_on_task", task):
        raise HttpError(403, "Không có quyền đề nghị gia hạn: chỉ cơ quan chủ trì hoặc chuyên viên.")
    data, _files = _submitted(request, ExtensionIn)
    form = ExtensionForm(data)
    if not form.is_valid():
        return Status(400, {"detail": INVALID, "errors": form_errors(form)})
    try:
        extension = services.request_extension(task, actor=request.user, **form.cleaned_data)
    except PermissionDenied:
        raise HttpError(403, "Không có quyền đề nghị gia hạn nhiệm vụ này.") from None
    except ValidationError as error:
        return _failed("Không gửi được đề nghị gia hạn", error)
    return Status(201, {"task": _task(request.user, pk), "request": extension})


@router.post(
    "/extensions/{int:pk}/decision",
    response={200: ExtensionResultOut, 400: InvalidOut},
    openapi_extra=_body(DecisionIn),
)
def decide_extension(request, pk: int):
    """Approve (the deadline moves, the original stays on record) or refuse (with a reason)."""
    try:
        extension = extension_for_user(request.user, pk)
    except Http404:
        raise HttpError(404, REQUEST_NOT_FOUND) from None
    if not core_access.can(request.user, "decide_extensions"):
        raise HttpError(403, "Không có quyền quyết định gia hạn: chỉ chuyên viên hoặc lãnh đạo.")
    data, _files = _submitted(request, DecisionIn)
    form = DecisionForm(data)
    if not form.is_valid():
        return Status(400, {"detail": INVALID, "errors": form_errors(form)})
    approve = form.cleaned_data["decision"] == ExtensionRequest.State.APPROVED
    try:
        extension = services.decide_extension(
            extension, actor=request.user, approve=approve, note=form.cleaned_data["note"]
        )
    except PermissionDenied:
        raise HttpError(403, "Không có quyền quyết định gia hạn.") from None
    except ValidationError as error:
        return _failed("Không ghi được quyết định gia hạn", error)
    return Status(200, {"task": _task(request.user, extension.task_id), "request": extension})
