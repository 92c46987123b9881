"""`tiendo reviews`: review rounds from the command line, with the pages' forms, gatekeepers and services."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.db.models import Count, F, Q
from django.utils import translation

from tiendo.core import access as core_access
from tiendo.core.commands import ActionCommand, parse_day
from tiendo.directives.forms import current_agencies
from tiendo.domain.money import format_number
from tiendo.domain.schedule_rules import ProposalCode
from tiendo.jobs.cli import add_background_arguments, follow, wants_background
from tiendo.jobs.queue import start_job
from tiendo.reviews import brief, exports, selectors, services
from tiendo.reviews.forms import DecisionForm, FollowUpForm, RoundForm
from tiendo.reviews.models import ReviewItem, ReviewRound
from tiendo.reviews.views import get_item_for_user, get_round_for_user

DENIED = {
    "open": "mở đợt rà soát (chỉ chuyên viên)",
    "list": "xem các đợt rà soát",
    "show": "xem đợt rà soát",
    "confirm": "sửa, xác nhận đề xuất (chỉ chuyên viên)",
    "submit": "trình lãnh đạo (chỉ chuyên viên)",
    "decide": "quyết định xử lý (chỉ lãnh đạo)",
    "export": "xuất kết quả rà soát",
}
ROUND_OPTIONS = {"title": "--title", "as_of": "--as-of", "scope": "--scope", "note": "--note"}
DECISION_OPTIONS = {"decision": "--decision", "decision_text": "--text"}
TASK_FORMAT = "'MÃ_CƠ_QUAN|việc cần làm|dd/mm/yyyy'"


def rejected(form, options: dict[str, str], prefix: str = "") -> CommandError:
    parts = []
    for field, messages in form.errors.items():
        text = " ".join(str(message) for message in messages)
        parts.append(text if field == "__all__" else f"{options.get(field, field)}: {text}")
    return CommandError(prefix + "; ".join(parts))


def failed(what: str, error: ValidationError) -> CommandError:
    return CommandError(f"{what}: {' '.join(error.messages)}")


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def round_data(review: ReviewRound) -> dict:
    counts = review.items.aggregate(
        items=Count("pk"), confirmed=Count("pk", filter=Q(confirmed=True)), decided=Count("pk", filter=~Q(decision=""))
    )
    return {
        "id": review.pk,
        "title": review.title,
        "as_of": review.as_of,
        "scope": review.scope,
        "state": review.state,
        "projects": review.projects,
        **counts,
        "conclusion": review.conclusion_id,
        "opened_by": review.opened_by.username,
    }


def item_data(item: ReviewItem, tasks=()) -> dict:
    project = item.project
    return {
        "id": item.pk,
        "project": project.code,
        "name": project.name,
        "investor": project.investor.name if project.investor_id else None,
        "days_behind": item.days_behind,
        "milestone": item.milestone or None,
        "first_due": item.first_due,
        "current_due": item.current_due,
        "proposal": item.proposal,
        "proposal_label": exports.label_of(item.proposal).vi,
        "proposal_text": item.proposal_text,
        "legal_ground": item.legal_ground,
        "rules": sorted({f["rule"] for f in item.findings}) if "findings" not in item.get_deferred_fields() else None,
        "confirmed": item.confirmed,
        "note": item.note,
        "decision": item.decision or None,
        "decision_text": item.decision_text,
        "decided_by": item.decided_by.username if item.decided_by_id else None,
        "tasks": [
            {"id": t.pk, "title": t.title, "lead_agency": t.lead_agency.code, "deadline": t.deadline} for t in tasks
        ],
    }


class Command(ActionCommand):
    help = (
        "Behind-schedule reviews (rà soát): open a round, list, show, confirm proposals, submit to the leaders, "
        "decide (leaders, with follow-up tasks), export the Excel list or the PDF brief."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)

        opening = sub.add_parser("open", help="evaluate every running project in scope and open a round")
        opening.add_argument("--title", default="", help="e.g. 'Rà soát dự án chậm tiến độ quý I/2024'")
        opening.add_argument("--as-of", default="", help="facts as of (dd/mm/yyyy or yyyy-mm-dd); today by default")
        opening.add_argument("--scope", default="all", help="all, business (private and FDI) or public")
        opening.add_argument("--note", default="")

        sub.add_parser("list", help="the review rounds, newest first")

        show = sub.add_parser("show", help="a round's items, gravest handling first")
        show.add_argument("id")
        show.add_argument("--proposal", default="", help="only this handling (e.g. terminate)")
        show.add_argument("--confirmed", choices=["yes", "no"], default=None)
        show.add_argument("--search", default="", help="code, name, investor; diacritics optional")
        show.add_argument("--limit", type=int, default=100)

        confirm = sub.add_parser("confirm", help="edit and confirm an item's proposal, or confirm them all")
        confirm.add_argument("id", help="the round's id")
        which = confirm.add_mutually_exclusive_group(required=True)
        which.add_argument("--item", help="the item's id (see `show`)")
        which.add_argument("--all", action="store_true", help="every item not yet confirmed (of --proposal if given)")
        confirm.add_argument("--proposal", default=None, help="another handling for --item; with --all: only this one")
        confirm.add_argument("--text", default=None, help="the proposal as put to the leaders")
        confirm.add_argument("--note", default=None, help="the specialist's note")
        confirm.add_argument("--unconfirm", action="store_true", help="withdraw the confirmation of --item")

        submit = sub.add_parser("submit", help="submit the confirmed proposals to the leaders")
        submit.add_argument("id")

        decide = sub.add_parser("decide", help="a leader's decision on one item, with follow-up tasks")
        decide.add_argument("item", help="the item's id")
        decide.add_argument("--decision", default="", help="agreed, other or deferred")
        decide.add_argument("--text", default="", help="the conclusion (required for 'other')")
        decide.add_argument(
            "--task", action="append", default=[], help=f"a follow-up task {TASK_FORMAT}; repeat for more"
        )
        decide.add_argument(
            "--suggested-task", action="store_true", help="add the task tiendo proposes (operating agency, +30 days)"
        )

        export = sub.add_parser("export", help="the Excel list (every item) or the PDF brief (confirmed items)")
        export.add_argument("id")
        target = export.add_mutually_exclusive_group(required=True)
        target.add_argument("--xlsx", help="file to write")
        target.add_argument("--pdf", help="file to write")
        export.add_argument("--language", default="vi", help="the brief's language: vi, en or zh-hans")
        export.add_argument(
            "--draft",
            action="store_true",
            help="the specialist's draft brief: lists the legal grounds to check before submitting (specialists)",
        )
        add_background_arguments(export)

        for p in (opening, sub.choices["list"], show, confirm, submit, decide, export):
            self.add_json_argument(p)
            self.add_actor_argument(p)

    denied = DENIED

    def missing(self, action, options) -> str:
        return f"mục rà soát #{options.get('item')}" if action == "decide" else f"đợt rà soát #{options.get('id')}"

    # reading ---------------------------------------------------------------------------------------------------

    def do_list(self, user, options):
        if not core_access.can(user, "view_reviews"):
            raise PermissionDenied
        rounds = [round_data(r) for r in selectors.rounds_for_user(user).select_related("opened_by")]
        lines = [
            f"{r['id']:>4} {_day(r['as_of'])} {r['state']:<10} {format_number(r['items']):>6} dự án "
            f"({format_number(r['confirmed'])} xác nhận, {format_number(r['decided'])} quyết định)  {r['title']}"
            for r in rounds
        ]
        self.emit(options, rounds, "\n".join(lines) or "Chưa có đợt rà soát nào.")

    def do_show(self, user, options):
        review = get_round_for_user(user, options["id"])
        items = review.items.select_related("project", "project__investor", "decided_by")
        if options["proposal"]:
            items = items.filter(proposal=self._proposal(options["proposal"]))
        if options["confirmed"]:
            items = items.filter(confirmed=options["confirmed"] == "yes")
        if options["search"]:
            from tiendo.domain.text import search_key

            items = items.filter(search_key__contains=search_key(options["search"]))
        items = list(
            items.order_by("-rank", "proposal", F("days_behind").desc(nulls_last=True), "pk")[: options["limit"]]
        )
        tasks: dict[int, list] = {}
        for task in selectors.tasks_of(review, [i.project_id for i in items]).select_related("lead_agency"):
            tasks.setdefault(task.project_id, []).append(task)
        rows = [item_data(i, tasks.get(i.project_id, []) if i.decision else []) for i in items]
        groups = [
            {k: (v.vi if k == "label" else v) for k, v in group.items()} for group in selectors.group_counts(review)
        ]
        data = {"round": round_data(review), "groups": groups, "items": rows}
        head = data["round"]
        lines = [
            f"#{head['id']} {head['title']} — ngày {_day(head['as_of'])}, {head['state']}: "
            f"{format_number(head['items'])}/{format_number(head['projects'])} dự án chậm tiến độ.",
            *(
                f"  {g['proposal']:<34} {format_number(g['total']):>6} (xác nhận {format_number(g['confirmed'])}, "
                f"quyết định {format_number(g['decided'])})"
                for g in groups
            ),
            "",
            *(
                f"{r['id']:>7} {r['project']:<16} {'✓' if r['confirmed'] else ' '} {r['proposal']:<22} "
                f"{r['days_behind'] if r['days_behind'] is not None else '—':>6}  {r['name']}"
                for r in rows
            ),
        ]
        self.emit(options, data, "\n".join(lines))

    # changing --------------------------------------------------------------------------------------------------

    def _proposal(self, value: str) -> str:
        try:
            return ProposalCode(value.strip()).value
        except ValueError:
            choices = ", ".join(code.value for code in ProposalCode)
            raise CommandError(f"--proposal: không có phương án xử lý '{value}' (chọn một trong: {choices}).") from None

    def do_open(self, user, options):
        if not core_access.can(user, "prepare_reviews"):
            raise PermissionDenied
        as_of = parse_day(options["as_of"]).isoformat() if options["as_of"] else ""
        form = RoundForm(
            {"title": options["title"], "as_of": as_of, "scope": options["scope"], "note": options["note"]}
        )
        if not form.is_valid():
            raise rejected(form, ROUND_OPTIONS)
        data = form.cleaned_data
        try:
            review = services.open_round(
                actor=user, title=data["title"], as_of=data["as_of"], scope=data["scope"], note=data["note"]
            )
        except ValidationError as error:
            raise failed("Không mở được đợt rà soát", error) from None
        result = round_data(review)
        self.emit(
            options,
            result,
            f"Đã mở đợt rà soát #{review.pk} “{review.title}” (tình hình đến {_day(review.as_of)}): "
            f"{format_number(result['items'])}/{format_number(review.projects)} dự án chậm tiến độ.",
        )

    def do_confirm(self, user, options):
        review = get_round_for_user(user, options["id"])
        if not core_access.can(user, "prepare_reviews"):
            raise PermissionDenied
        if options["all"]:
            proposal = self._proposal(options["proposal"]) if options["proposal"] else ""
            try:
                count = services.confirm_items(review, actor=user, proposal=proposal)
            except ValidationError as error:
                raise failed("Không xác nhận được", error) from None
            self.emit(options, {"round": review.pk, "confirmed": count}, f"Đã xác nhận {format_number(count)} đề xuất.")
            return
        try:
            item = review.items.get(pk=int(options["item"]))
        except (ReviewItem.DoesNotExist, ValueError):
            raise CommandError(f"Đợt rà soát #{review.pk} không có mục #{options['item']}.") from None
        proposal = self._proposal(options["proposal"]) if options["proposal"] else None
        try:
            item = services.edit_item(
                item,
                actor=user,
                proposal=proposal,
                proposal_text=options["text"],
                note=options["note"],
                confirmed=not options["unconfirm"],
            )
        except ValidationError as error:
            raise failed("Không lưu được đề xuất", error) from None
        state = "bỏ xác nhận" if options["unconfirm"] else "xác nhận"
        self.emit(
            options, item_data(item), f"Đã {state} đề xuất #{item.pk} ({item.project.code}): {item.proposal_text}"
        )

    def do_submit(self, user, options):
        review = get_round_for_user(user, options["id"])
        try:
            review = services.submit_round(review, actor=user)
        except ValidationError as error:
            raise failed("Không trình được", error) from None
        data = round_data(review)
        self.emit(
            options, data, f"Đã trình lãnh đạo đợt rà soát #{review.pk} với {format_number(data['confirmed'])} đề xuất."
        )

    def do_decide(self, user, options):
        item = get_item_for_user(user, options["item"])
        if not core_access.can(user, "decide_reviews"):
            raise PermissionDenied
        form = DecisionForm({"decision": options["decision"], "decision_text": options["text"]})
        if not form.is_valid():
            raise rejected(form, DECISION_OPTIONS)
        follow_ups = [self._follow_up(number, value) for number, value in enumerate(options["task"], start=1)]
        if options["suggested_task"]:
            suggested = selectors.suggested_follow_up(item)
            if not suggested["agency"]:
                raise CommandError("--suggested-task: chưa khai báo cơ quan vận hành (Installation.owner_agency).")
            follow_ups.append(self._checked(len(follow_ups) + 1, {**suggested, "deadline": suggested["deadline"]}))
        try:
            tasks = services.decide_item(
                item,
                actor=user,
                decision=form.cleaned_data["decision"],
                text=form.cleaned_data["decision_text"],
                follow_ups=follow_ups,
            )
        except ValidationError as error:
            raise failed("Không ghi nhận được quyết định", error) from None
        item = get_item_for_user(user, item.pk)
        data = item_data(item, tasks)
        data["round_state"] = item.round.state
        data["conclusion"] = item.round.conclusion_id
        lines = [f"Đã ghi nhận quyết định về dự án {item.project.code}: {services.DECISION_VI[item.decision]}."]
        lines += [f"  Nhiệm vụ #{t.pk}: {t.title} — {t.lead_agency.code}, hạn {_day(t.deadline)}" for t in tasks]
        if item.round.state == ReviewRound.State.CLOSED:
            lines.append(f"Đợt rà soát #{item.round_id} đã được quyết định hết và đóng lại.")
        self.emit(options, data, "\n".join(lines))

    def _follow_up(self, number: int, value: str) -> services.FollowUp:
        parts = [part.strip() for part in value.split("|")]
        if len(parts) != 3:
            raise CommandError(f"--task {number}: phải có dạng {TASK_FORMAT}, nhận được '{value}'.")
        code, title, day = parts
        if not current_agencies().filter(code=code).exists():
            raise CommandError(
                f"--task {number}: không có cơ quan mã '{code}' đang hoạt động trong tỉnh (xem `tiendo agencies list`)."
            )
        try:
            deadline = parse_day(day)
        except CommandError as error:
            raise CommandError(f"--task {number}: {error}") from None
        return self._checked(number, {"agency": code, "title": title, "deadline": deadline})

    def _checked(self, number: int, data: dict) -> services.FollowUp:
        """The task through the page's form: a today's agency of the province, something to do, a future date."""
        form = FollowUpForm({**data, "deadline": data["deadline"].isoformat()})
        if not form.is_valid():
            raise rejected(form, {"agency": "cơ quan", "title": "việc", "deadline": "hạn"}, f"--task {number}: ")
        clean = form.cleaned_data
        if not clean.get("title"):
            raise CommandError(f"--task {number}: thiếu nội dung việc cần làm.")
        return services.FollowUp(clean["agency"], clean["title"], clean["deadline"])

    def do_export(self, user, options):
        review = get_round_for_user(user, options["id"])
        if options["xlsx"]:
            path = Path(options["xlsx"])
            try:
                with path.open("wb") as handle:
                    rows = exports.write_workbook(review, handle)
            except OSError as error:
                raise CommandError(f"--xlsx: không ghi được tệp '{path}' ({error.strerror}).") from None
            self.emit(options, {"file": str(path), "rows": rows}, f"Đã ghi {format_number(rows)} dự án vào {path}.")
            return
        path = Path(options["pdf"])
        language = options["language"]
        if language not in {"vi", "en", "zh-hans"}:
            raise CommandError(f"--language: '{language}' không được hỗ trợ (vi, en hoặc zh-hans).")
        draft = options["draft"]
        if draft and not core_access.can(user, "prepare_reviews"):
            raise CommandError(f"Không có quyền xuất bản dự thảo báo cáo (chỉ chuyên viên): {user.username}.")
        if wants_background(options):
            params = {"round": review.pk, "language": language, "draft": draft}
            job = follow(self, options, start_job("reviews.brief", actor=user, subject=review.title, params=params))
            if job.finished and job.result_file:
                with job.result_file.open("rb") as handle:
                    self._write(path, handle.read())
            return
        try:
            with translation.override(language):
                made = brief.make_brief(review, language, draft=draft, progress=self._brief_progress(options))
        except brief.BriefUnavailable as error:
            raise CommandError(str(error)) from None
        self._write(path, made.pdf)
        data = {"file": str(path), "bytes": len(made.pdf), "pages": made.pages, "projects": made.projects}
        kind = "dự thảo báo cáo" if draft else "báo cáo"
        size = f"{format_number(made.pages)} trang, {format_number(made.projects)} dự án"
        text = f"Đã ghi {kind} PDF ({size}) vào {path}."
        self.emit(options, data | {"draft": draft}, text)

    def _brief_progress(self, options):
        """The job's steps on stderr (not with --json, whose stdout is the record)."""
        if options.get("json"):
            return None

        def echo(percent, message=None, **args):
            if message:
                with translation.override("vi"):
                    text = translation.gettext(message)
                self.stderr.write(f"  {percent}% {text % args if args else text}")

        return echo

    def _write(self, path: Path, content: bytes) -> None:
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"--pdf: không ghi được tệp '{path}' ({error.strerror}).") from None
