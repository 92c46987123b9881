"""`tiendo tasks`: the task board from the command line, with the page's forms, gatekeepers and services."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.management.base import CommandError
from django.http import Http404

from tiendo.agencies.models import Agency
from tiendo.audit.history import history_entries
from tiendo.core import access as core_access
from tiendo.core.commands import ActionCommand, parse_day
from tiendo.directives import services
from tiendo.directives.access import get_directive_for_user, get_task_for_user
from tiendo.directives.api import (
    ExtensionResultOut,
    ProgressResultOut,
    TaskDetailOut,
    TaskOut,
    extension_for_user,
    task_board,
    task_for_output,
)
from tiendo.directives.forms import DecisionForm, ExtensionForm, ProgressForm, ReopenForm, TaskForm
from tiendo.directives.models import ExtensionRequest, Task

# the form's field -> the option a user types, so an error names what to fix
TASK_OPTIONS = {
    "directive": "--directive",
    "title": "--title",
    "details": "--details",
    "assignee_text": "--assignee-text",
    "lead_agency": "--lead",
    "responsible_person": "--responsible",
    "cooperating_agencies": "--cooperating",
    "cooperating_text": "--cooperating-text",
    "expected_result_kind": "--expected-result-kind",
    "expected_result": "--expected-result",
    "deadline": "--deadline",
    "deadline_text": "--deadline-text",
    "standing": "--standing",
    "waits_on": "--waits-on",
    "priority": "--priority",
    "project": "--project",
}
FILTER_OPTIONS = {
    "q": "--search",
    "agency": "--agency",
    "directive": "--directive",
    "status": "--status",
    "deadline_from": "--deadline-from",
    "deadline_to": "--deadline-to",
    "day": "--day",
    "sort": "--sort",
}
PROGRESS_OPTIONS = {"text": "--text", "percent": "--percent", "reported_on": "--date", "attachment": "--attach"}
EXTENSION_OPTIONS = {"requested_deadline": "--to", "reason": "--reason"}
DENIED = {
    "add": "giao nhiệm vụ",
    "edit": "sửa nhiệm vụ",
    "progress": "báo cáo tiến độ nhiệm vụ này (chỉ cơ quan chủ trì hoặc chuyên viên)",
    "extend": "đề nghị gia hạn nhiệm vụ này (chỉ cơ quan chủ trì hoặc chuyên viên)",
    "decide": "quyết định gia hạn (chỉ chuyên viên hoặc lãnh đạo)",
    "reopen": "mở lại nhiệm vụ",
    "delete": "xóa nhiệm vụ",
}


def rejected(form, options: dict[str, str]) -> CommandError:
    """A form's errors as one line, each named by the option the user typed (--deadline), not the form field."""
    parts = []
    for field, messages in form.errors.items():
        text = " ".join(str(message) for message in messages)
        parts.append(text if field == "__all__" else f"{options.get(field, field)}: {text}")
    return CommandError("; ".join(parts))


def failed(what: str, error: ValidationError) -> CommandError:
    return CommandError(f"{what}: {' '.join(error.messages)}")


def day_option(options, name: str) -> str:
    """A date option as ISO for a form ('' when not given), refused with the option's name if it is no date."""
    value = options.get(name)
    if not value:
        return ""
    try:
        return parse_day(value).isoformat()
    except CommandError as error:
        raise CommandError(f"--{name.replace('_', '-')}: {error}") from None


def agency_by_code(code: str) -> Agency:
    try:
        return Agency.objects.get(code=code.strip())
    except Agency.DoesNotExist:
        raise CommandError(f"Không có cơ quan mã '{code.strip()}'.") from None


def history_rows(record) -> list[dict]:
    return [
        {
            "when": e.when,
            "who": e.who,
            "action": e.action,
            "reason": e.reason,
            "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in e.changes],
        }
        for e in history_entries(record)
    ]


def task_form_data(task: Task) -> dict:
    """What the edit page would show for a task: the starting point that options overwrite."""
    return {
        "directive": task.directive_id or "",
        "title": task.title,
        "details": task.details,
        "assignee_text": task.assignee_text,
        "lead_agency": task.lead_agency.code if task.lead_agency_id else "",
        "responsible_person": task.responsible_person,
        "cooperating_agencies": [a.pk for a in task.cooperating_agencies.all()] if task.pk else [],
        "cooperating_text": task.cooperating_text,
        "expected_result_kind": task.expected_result_kind,
        "expected_result": task.expected_result,
        "deadline": task.deadline.isoformat() if task.deadline else "",
        "deadline_text": task.deadline_text,
        "standing": task.standing,
        "waits_on": task.waits_on,
        "priority": task.priority,
        "project": task.project.code if task.project_id else "",
    }


def _dump(schema, obj) -> dict:
    return schema.from_orm(obj).model_dump()


def _fmt(day) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


class Command(ActionCommand):
    help = (
        "Tasks from leaders' directives: list (the board's filters), show, add, edit, progress, extend, decide, "
        "reopen, delete."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)

        listing = sub.add_parser("list", help="the task board, with its filters")
        listing.add_argument("--search", default="", help="what, assignee, expected result; diacritics optional")
        listing.add_argument("--agency", default="", help="lead agency code (its merged predecessors too)")
        listing.add_argument("--directive", default="", help="directive id")
        listing.add_argument("--status", default="", help="done_on_time, done_late, in_progress, overdue, standing")
        listing.add_argument("--due-soon", action="store_true", help="open, with a deadline in the next days")
        listing.add_argument("--deadline-from", default="")
        listing.add_argument("--deadline-to", default="")
        listing.add_argument("--day", default="", help="judge the status on this day (today by default)")
        listing.add_argument("--original", action="store_true", help="judge by the original deadline")
        listing.add_argument("--sort", default="", help="deadline, -deadline, -assigned, agency (--sort=-deadline)")
        listing.add_argument("--limit", type=int, default=100)

        show = sub.add_parser("show", help="a task with its progress reports, extension requests and history")
        show.add_argument("id")
        show.add_argument("--day", default="", help="judge the status on this day (today by default)")

        add = sub.add_parser("add", help="assign a task (specialists)")
        edit = sub.add_parser("edit", help="change a task (specialists); options not given stay as they are")
        edit.add_argument("id")
        for p in (add, edit):
            p.add_argument("--lead", help="lead agency code")
            p.add_argument("--title", help="what to do")
            p.add_argument("--details")
            p.add_argument("--assignee-text", help="the body as the directive names it")
            p.add_argument("--directive", help="directive id ('' for none)")
            p.add_argument("--deadline", help="dd/mm/yyyy ('' for none)")
            p.add_argument("--deadline-text", help="the deadline as written, e.g. 'trước ngày 30/6'")
            p.add_argument(
                "--standing", action="store_true", default=None, help="a standing task (thường xuyên): no deadline"
            )
            p.add_argument("--cooperating", help="cooperating agency codes, comma-separated ('' for none)")
            p.add_argument("--cooperating-text", help="other cooperating bodies, not in the agency list")
            p.add_argument("--expected-result-kind", help=", ".join(Task.ResultKind.values))
            p.add_argument("--expected-result")
            p.add_argument("--responsible", help="responsible person")
            p.add_argument("--waits-on", help="an outside body the task depends on")
            p.add_argument("--priority", help=", ".join(Task.Priority.values))
            p.add_argument("--project", help="project code ('' for none)")
        edit.add_argument(
            "--not-standing", dest="standing", action="store_false", default=None, help="no longer a standing task"
        )
        edit.add_argument("--reason", default="", help="why (kept in the history)")
        self.add_version_argument(edit)

        progress = sub.add_parser("progress", help="report progress (the lead agency's officers, or specialists)")
        progress.add_argument("id")
        progress.add_argument("--text", default="")
        progress.add_argument("--percent", default="", help="0-100")
        progress.add_argument("--date", default="", help="the day reported (today by default)")
        progress.add_argument("--done", action="store_true", help="the task is done (100%%)")
        progress.add_argument("--attach", default="", help="a file to attach (20 MB at most)")

        extend = sub.add_parser("extend", help="ask for a later deadline (the lead agency)")
        extend.add_argument("id")
        extend.add_argument("--to", default="", help="the requested deadline")
        extend.add_argument("--reason", default="")

        decide = sub.add_parser("decide", help="approve or refuse an extension request (specialists, leaders)")
        decide.add_argument("id", help="the extension request's id")
        verdict = decide.add_mutually_exclusive_group(required=True)
        verdict.add_argument("--approve", action="store_true")
        verdict.add_argument("--refuse", action="store_true")
        decide.add_argument("--note", default="", help="required when refusing")

        reopen = sub.add_parser("reopen", help="open a done task again (specialists)")
        reopen.add_argument("id")
        reopen.add_argument("--reason", default="")

        delete = sub.add_parser("delete", help="delete a task (recoverable; specialists)")
        delete.add_argument("id")
        delete.add_argument("--reason", default="")

        for p in (listing, show, add, edit, progress, extend, decide, reopen, delete):
            self.add_json_argument(p)
            self.add_actor_argument(p)

    denied = DENIED

    def missing(self, action, options) -> str:
        return f"nhiệm vụ #{options.get('id')}"

    # reading ---------------------------------------------------------------------------------------------------

    def do_list(self, user, options):
        data = {
            "q": options["search"],
            "agency": options["agency"].strip(),
            "directive": options["directive"],
            "status": options["status"],
            "due_soon": options["due_soon"],
            "deadline_from": day_option(options, "deadline_from"),
            "deadline_to": day_option(options, "deadline_to"),
            "day": day_option(options, "day"),
            "original": options["original"],
            "sort": options["sort"],
        }
        if data["agency"]:
            agency_by_code(data["agency"])
        form, tasks = task_board(user, data)
        if form.errors:
            raise rejected(form, FILTER_OPTIONS)
        rows = [_dump(TaskOut, task) for task in tasks[: options["limit"]]]
        lines = [
            f"{r['id']:>6} {r['status']:<13} {_fmt(r['deadline']):<10} {r['lead_agency']:<12} {r['title']}"
            for r in rows
        ]
        self.emit(options, rows, "\n".join(lines) or "Không có nhiệm vụ nào.")

    def do_show(self, user, options):
        day = day_option(options, "day")
        task = task_for_output(user, options["id"], parse_day(day) if day else None)
        data = _dump(TaskDetailOut, task)
        data["history"] = history_rows(task)
        self.emit(options, data)

    # changing --------------------------------------------------------------------------------------------------

    def do_add(self, user, options):
        if not core_access.can(user, "manage_tasks"):
            raise PermissionDenied
        self._save_task(user, options, Task())

    def do_edit(self, user, options):
        if not core_access.can(user, "manage_tasks"):
            raise PermissionDenied
        self._save_task(user, options, get_task_for_user(user, options["id"]))

    def _save_task(self, user, options, task: Task):
        data = task_form_data(task)
        plain = {
            "title": "title",
            "details": "details",
            "assignee_text": "assignee_text",
            "responsible": "responsible_person",
            "cooperating_text": "cooperating_text",
            "expected_result_kind": "expected_result_kind",
            "expected_result": "expected_result",
            "deadline_text": "deadline_text",
            "waits_on": "waits_on",
            "priority": "priority",
            "project": "project",
        }
        for option, field in plain.items():
            if options.get(option) is not None:
                data[field] = options[option]
        if options.get("lead") is not None:
            data["lead_agency"] = agency_by_code(options["lead"]).code if options["lead"].strip() else ""
        if options.get("cooperating") is not None:
            codes = [code for code in options["cooperating"].split(",") if code.strip()]
            data["cooperating_agencies"] = [agency_by_code(code).pk for code in codes]
        if options.get("directive") is not None:
            data["directive"] = self._directive_pk(user, options["directive"])
        if options.get("deadline") is not None:
            data["deadline"] = day_option(options, "deadline")
        if options.get("standing") is not None:
            data["standing"] = options["standing"]
            if options["standing"] and task.pk and options.get("deadline") is None:
                data["deadline"] = ""  # making a task standing on edit drops its deadline, as the model would
        data["version"] = options.get("expect_version")
        form = TaskForm(data, instance=task, user=user)
        if not form.is_valid():
            raise rejected(form, TASK_OPTIONS)
        try:
            task = services.save_task(
                form.save(commit=False),
                actor=user,
                cooperating=form.cleaned_data["cooperating_agencies"],
                reason=options.get("reason", ""),
                expected_version=form.expected_version,
            )
        except ValidationError as error:
            raise failed("Không lưu được nhiệm vụ", error) from None
        self._emit_task(user, options, task.pk, f"Đã lưu nhiệm vụ #{task.pk}.")

    def _directive_pk(self, user, value: str):
        if not value.strip():
            return ""
        try:
            return get_directive_for_user(user, value.strip()).pk
        except Http404:
            raise CommandError(f"Không tìm thấy văn bản #{value.strip()} (hoặc không có quyền).") from None

    def do_progress(self, user, options):
        task = get_task_for_user(user, options["id"])
        if not core_access.can(user, "report_on_task", task):
            raise PermissionDenied
        data = {
            "text": options["text"],
            "percent": options["percent"],
            "reported_on": day_option(options, "date"),
            "completed": options["done"],
        }
        if not options["attach"]:
            self._record_progress(user, options, task, ProgressForm(data))
            return
        path = Path(options["attach"])
        try:
            handle = path.open("rb")
        except OSError as error:
            raise CommandError(f"--attach: không đọc được tệp '{path}' ({error.strerror}).") from None
        with handle:
            self._record_progress(user, options, task, ProgressForm(data, {"attachment": File(handle, path.name)}))

    def _record_progress(self, user, options, task, form):
        if not form.is_valid():
            raise rejected(form, PROGRESS_OPTIONS)
        clean = form.cleaned_data
        try:
            update = services.record_progress(
                task,
                actor=user,
                text=clean["text"],
                percent=clean["percent"],
                reported_on=clean["reported_on"],
                completed=clean["completed"],
                attachment=clean["attachment"],
            )
        except ValidationError as error:
            raise failed("Không ghi nhận được báo cáo tiến độ", error) from None
        result = {"task": task_for_output(user, task.pk), "update": update}
        self.emit(
            options,
            _dump(ProgressResultOut, result),
            f"Đã ghi nhận tiến độ {update.percent}% của nhiệm vụ #{task.pk}"
            + (", nhiệm vụ đã hoàn thành." if update.completed else "."),
        )

    def do_extend(self, user, options):
        task = get_task_for_user(user, options["id"])
        if not core_access.can(user, "report_on_task", task):
            raise PermissionDenied
        form = ExtensionForm({"requested_deadline": day_option(options, "to"), "reason": options["reason"]})
        if not form.is_valid():
            raise rejected(form, EXTENSION_OPTIONS)
        try:
            request = services.request_extension(task, actor=user, **form.cleaned_data)
        except ValidationError as error:
            raise failed("Không gửi được đề nghị gia hạn", error) from None
        self.emit(
            options,
            _dump(ExtensionResultOut, {"task": task_for_output(user, task.pk), "request": request}),
            f"Đã gửi đề nghị gia hạn #{request.pk} nhiệm vụ #{task.pk} đến {_fmt(request.requested_deadline)}.",
        )

    def do_decide(self, user, options):
        try:
            request = extension_for_user(user, options["id"])
        except Http404:
            raise CommandError(f"Không tìm thấy đề nghị gia hạn #{options['id']} (hoặc không có quyền).") from None
        if not core_access.can(user, "decide_extensions"):
            raise PermissionDenied
        decision = ExtensionRequest.State.APPROVED if options["approve"] else ExtensionRequest.State.REFUSED
        form = DecisionForm({"decision": decision, "note": options["note"]})
        if not form.is_valid():
            raise rejected(form, {"decision": "--approve/--refuse", "note": "--note"})
        try:
            request = services.decide_extension(
                request, actor=user, approve=options["approve"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            raise failed("Không ghi được quyết định gia hạn", error) from None
        verdict = "Đã chấp thuận" if options["approve"] else "Đã từ chối"
        self.emit(
            options,
            _dump(ExtensionResultOut, {"task": task_for_output(user, request.task_id), "request": request}),
            f"{verdict} đề nghị gia hạn #{request.pk} (nhiệm vụ #{request.task_id}).",
        )

    def do_reopen(self, user, options):
        if not core_access.can(user, "manage_tasks"):
            raise PermissionDenied
        task = get_task_for_user(user, options["id"])
        if task.completed_on is None:
            raise CommandError(f"Nhiệm vụ #{task.pk} chưa hoàn thành, không cần mở lại.")
        form = ReopenForm({"reason": options["reason"]})
        if not form.is_valid():
            raise rejected(form, {"reason": "--reason"})
        try:
            services.reopen_task(task, actor=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            raise failed("Không mở lại được nhiệm vụ", error) from None
        self._emit_task(user, options, task.pk, f"Đã mở lại nhiệm vụ #{task.pk}.")

    def do_delete(self, user, options):
        if not core_access.can(user, "manage_tasks"):
            raise PermissionDenied
        task = get_task_for_user(user, options["id"])
        if not options["reason"].strip():
            raise CommandError("--reason: cần nêu lý do xóa nhiệm vụ.")
        services.delete_task(task, actor=user, reason=options["reason"].strip())
        task.refresh_from_db()
        self.emit(
            options,
            _dump(TaskDetailOut, task),
            f"Đã xóa nhiệm vụ #{task.pk} (quản trị viên có thể khôi phục).",
        )

    def _emit_task(self, user, options, pk, text: str):
        self.emit(options, _dump(TaskDetailOut, task_for_output(user, pk)), text)
