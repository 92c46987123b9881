from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tiendo.audit.history import history_entries
from tiendo.core import access as core_access
from tiendo.domain.tasks import TaskStatus, due_soon
from tiendo.domain.text import search_key

from . import services
from .access import directives_for_user, get_directive_for_user, get_task_for_user, tasks_for_user
from .board import TaskPaginator
from .forms import DecisionForm, DirectiveForm, ExtensionForm, ProgressForm, ReopenForm, TaskFilterForm, TaskForm
from .models import Directive, ExtensionRequest, ProgressUpdate, Task

PAGE_SIZE = 50


def _due_soon_days() -> int:
    return getattr(settings, "TIENDO_DUE_SOON_DAYS", 7)


def _can_manage(user) -> bool:
    return core_access.can(user, "manage_tasks")


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


# Directives ------------------------------------------------------------------------------------------------------


@require_GET
def directive_list(request):
    directives = directives_for_user(request.user)
    q = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    if key := search_key(q):
        directives = directives.filter(search_key__contains=key)
    if kind in Directive.Kind.values:
        directives = directives.filter(kind=kind)
    today = timezone.localdate()
    page = Paginator(directives.order_by("-issued_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    # counted for the 50 directives shown only, and only over the tasks the user may see
    counts = {
        row["directive_id"]: row
        for row in tasks_for_user(request.user)
        .filter(directive__in=[d.pk for d in page])
        .values("directive_id")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(completed_on__isnull=True, standing=False, deadline__lt=today)),
        )
        .order_by()
    }
    for directive in page:
        row = counts.get(directive.pk, {})
        directive.task_count, directive.overdue_count = row.get("total", 0), row.get("overdue", 0)
    context = {
        "page": page,
        "q": q,
        "kind": kind,
        "kinds": Directive.Kind.choices,
        "can_manage": _can_manage(request.user),
    }
    return render(request, "directives/directive_list.html", context)


@require_http_methods(["GET", "POST"])
def directive_edit(request, pk=None):
    if not _can_manage(request.user):
        raise PermissionDenied
    directive = get_directive_for_user(request.user, pk) if pk else Directive()
    form = DirectiveForm(request.POST or None, instance=directive)
    if request.method == "POST" and form.is_valid():
        if (saved := form.save_with(services.save_directive, actor=request.user)) is not None:
            messages.success(request, _("The directive was saved."))
            return redirect("directives:detail", pk=saved.pk)
    heading = _("Edit the directive") if directive.pk else _("New directive")
    return render(
        request, "directives/form.html", {"form": form, "heading": heading, "directive": directive if pk else None}
    )


@require_GET
def directive_detail(request, pk):
    directive = get_directive_for_user(request.user, pk)
    today = timezone.localdate()
    tasks = list(
        tasks_for_user(request.user)
        .filter(directive=directive)
        .with_status(today)
        .select_related("lead_agency")
        .prefetch_related("cooperating_agencies")
        .order_by("pk")
    )
    counts = {status: sum(1 for t in tasks if t.status == status) for status in TaskStatus}
    context = {
        "directive": directive,
        "tasks": tasks,
        "counts": counts,
        "today": today,
        "can_manage": _can_manage(request.user),
        "entries": history_entries(directive),
    }
    return render(request, "directives/directive_detail.html", context)


@require_POST
def directive_delete(request, pk):
    if not _can_manage(request.user):
        raise PermissionDenied
    directive = get_directive_for_user(request.user, pk)
    try:
        services.delete_directive(directive, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("directives:detail", pk=directive.pk)
    messages.success(request, _("The directive was deleted; an administrator can restore it."))
    return redirect("directives:list")


# Tasks -----------------------------------------------------------------------------------------------------------


@require_GET
def task_board(request):
    form = TaskFilterForm(request.GET or None, user=request.user, due_soon_days=_due_soon_days())
    tasks = form.apply(tasks_for_user(request.user))
    paginator = TaskPaginator(tasks, PAGE_SIZE, day=form.judged_on, original=form.judged_by_original)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "day": form.judged_on,
        "can_manage": _can_manage(request.user),
        "is_officer": core_access.can(request.user, "works_for_agency"),
    }
    template = "directives/task_board.html#rows" if request.htmx else "directives/task_board.html"
    return render(request, template, context)


@require_GET
def my_tasks(request):
    """An officer's working list: what is late, what is due soon, what is running, what was done lately."""
    if not core_access.can(request.user, "works_for_agency"):
        return redirect("directives:board")
    today = timezone.localdate()
    window = _due_soon_days()
    agency_ids = core_access.actor_of(request.user).agency_ids
    tasks = list(
        tasks_for_user(request.user)
        .with_status(today)
        .select_related("directive", "lead_agency")
        .order_by("deadline", "pk")
    )
    leading = [t for t in tasks if t.lead_agency_id in agency_ids]
    pending = set(
        ExtensionRequest.objects.filter(
            task__in=[t.pk for t in leading], state=ExtensionRequest.State.PENDING
        ).values_list("task_id", flat=True)
    )
    for task in tasks:
        task.extension_pending = task.pk in pending
    groups = [
        ("overdue", _("Overdue"), [t for t in leading if t.status == TaskStatus.OVERDUE]),
        ("due-soon", _("Due within %(days)d days") % {"days": window},
         [t for t in leading if due_soon(t.facts, today, window)]),
        ("running", _("In progress"),
         [t for t in leading if t.status == TaskStatus.IN_PROGRESS and not due_soon(t.facts, today, window)]),
        ("standing", _("Standing tasks"), [t for t in leading if t.status == TaskStatus.STANDING]),
        ("cooperating", _("Where the agency cooperates"),
         [t for t in tasks if t.lead_agency_id not in agency_ids and t.completed_on is None]),
        ("done", _("Done in the last 90 days"),
         [t for t in leading if t.completed_on and (today - t.completed_on).days <= 90]),
    ]  # fmt: skip
    context = {"groups": groups, "today": today, "agency": request.user.agency}
    return render(request, "directives/my_tasks.html", context)


@require_http_methods(["GET", "POST"])
def task_edit(request, pk=None):
    if not _can_manage(request.user):
        raise PermissionDenied
    if pk:
        task = get_task_for_user(request.user, pk)
        initial = {}
    else:
        task = Task()
        initial = {}
        if directive_pk := request.GET.get("directive"):
            initial["directive"] = get_directive_for_user(request.user, directive_pk)
        if project_code := request.GET.get("project"):
            initial["project"] = project_code
    form = TaskForm(request.POST or None, instance=task, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        cooperating = form.cleaned_data["cooperating_agencies"]
        if (saved := form.save_with(services.save_task, actor=request.user, cooperating=cooperating)) is not None:
            messages.success(request, _("The task was saved."))
            return redirect("directives:task", pk=saved.pk)
    heading = _("Edit the task") if pk else _("New task")
    return render(request, "directives/form.html", {"form": form, "heading": heading, "task": task if pk else None})


@require_GET
def task_detail(request, pk):
    task = get_task_for_user(request.user, pk)
    today = timezone.localdate()
    can_report = core_access.can(request.user, "report_on_task", task) and task.completed_on is None
    extensions = list(task.extensions.select_related("requested_by", "decided_by"))
    pending = next((e for e in extensions if e.state == ExtensionRequest.State.PENDING), None)
    context = {
        "task": task,
        "today": today,
        "status": task.status_on(today),
        "original_status": task.status_on(today, original=True),
        "due_soon": due_soon(task.facts, today, _due_soon_days()),
        "cooperating": task.cooperating_agencies.all(),
        "updates": task.updates.select_related("author"),
        "extensions": extensions,
        "pending": pending,
        "can_manage": _can_manage(request.user),
        "can_report": can_report,
        "can_extend": can_report and not task.standing and pending is None,
        "can_decide": pending is not None and core_access.can(request.user, "decide_extensions"),
        "progress_form": ProgressForm(initial={"percent": task.progress, "reported_on": today}),
        "extension_form": ExtensionForm(),
        "decision_form": DecisionForm(),
        "reopen_form": ReopenForm(),
        "entries": history_entries(task),
    }
    return render(request, "directives/task_detail.html", context)


def _back_to(task):
    return redirect("directives:task", pk=task.pk)


def _failed(request, task, form_or_error):
    if isinstance(form_or_error, ValidationError):
        messages.error(request, _errors(form_or_error))
    else:
        for field, errors in form_or_error.errors.items():
            label = form_or_error.fields[field].label if field in form_or_error.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return _back_to(task)


def _act(request, task, form, change, done: str):
    """Validate the posted form, make the change through a service, and come back to the task with the outcome."""
    if not form.is_valid():
        return _failed(request, task, form)
    try:
        change(form.cleaned_data)
    except ValidationError as error:
        return _failed(request, task, error)
    messages.success(request, done)
    return _back_to(task)


@require_POST
def task_progress(request, pk):
    task = get_task_for_user(request.user, pk)
    if not core_access.can(request.user, "report_on_task", task):
        raise PermissionDenied
    return _act(
        request,
        task,
        ProgressForm(request.POST, request.FILES),
        lambda data: services.record_progress(task, actor=request.user, **data),
        _("Your progress report was recorded."),
    )


@require_POST
def task_extend(request, pk):
    task = get_task_for_user(request.user, pk)
    if not core_access.can(request.user, "report_on_task", task):
        raise PermissionDenied
    return _act(
        request,
        task,
        ExtensionForm(request.POST),
        lambda data: services.request_extension(task, actor=request.user, **data),
        _("Your extension request was sent."),
    )


@require_POST
def extension_decide(request, pk):
    extension = core_access.get_or_404(request.user, ExtensionRequest, pk=pk)
    task = get_task_for_user(request.user, extension.task_id)
    if not core_access.can(request.user, "decide_extensions"):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    approve = form.is_valid() and form.cleaned_data["decision"] == ExtensionRequest.State.APPROVED
    return _act(
        request,
        task,
        form,
        lambda data: services.decide_extension(extension, actor=request.user, approve=approve, note=data["note"]),
        _("The extension was approved.") if approve else _("The extension was refused."),
    )


@require_POST
def task_reopen(request, pk):
    task = get_task_for_user(request.user, pk)
    if not _can_manage(request.user):
        raise PermissionDenied
    return _act(
        request,
        task,
        ReopenForm(request.POST),
        lambda data: services.reopen_task(task, actor=request.user, reason=data["reason"]),
        _("The task is open again."),
    )


@require_POST
def task_delete(request, pk):
    task = get_task_for_user(request.user, pk)
    if not _can_manage(request.user):
        raise PermissionDenied
    try:
        services.delete_task(task, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        return _failed(request, task, error)
    messages.success(request, _("The task was deleted; an administrator can restore it."))
    if task.directive_id:
        return redirect("directives:detail", pk=task.directive_id)
    return redirect("directives:board")


@require_GET
def update_attachment(request, pk, update_pk):
    task = get_task_for_user(request.user, pk)
    update = core_access.get_or_404(request.user, ProgressUpdate, pk=update_pk, task=task)
    if not update.attachment:
        raise Http404
    return FileResponse(update.attachment.open("rb"), as_attachment=True, filename=update.attachment_name or None)
