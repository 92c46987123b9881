"""`tiendo plan list/show/adjust/budget/run/set-line/check/compare/approve/discard/export`: plans and their
adjustments from the command line, with the pages' gatekeepers, forms and services.

`tiendo plan` adds them with `add_version_commands(sub, command)` and inherits the `do_*` methods from
`VersionCommands`. Every subcommand takes --as USER (default admin), checked against the role and recorded in the
history, and --json. Refusals are Vietnamese, naming the record or the option."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.http import Http404

from tiendo.core import access as core_access
from tiendo.core.commands import parse_day
from tiendo.domain.money import format_number, format_vnd
from tiendo.domain.text import search_key

from . import exports, facts, selectors, services
from .access import get_plan_for_user, get_version_for_user, items_for_user, plans_for_user
from .forms import BudgetForm, DecisionForm
from .models import PlanItem, PlanVersion, Source
from .views import TIER_ORDER

DENIED = {
    "list": "xem kế hoạch đầu tư công",
    "show": "xem phiên bản kế hoạch",
    "adjust": "lập dự thảo điều chỉnh kế hoạch (chỉ chuyên viên)",
    "budget": "sửa dự toán vốn của dự thảo (chỉ chuyên viên)",
    "run": "chạy phân bổ vốn (chỉ chuyên viên)",
    "set_line": "ấn định vốn dự án (chỉ chuyên viên)",
    "check": "xem kết quả kiểm tra kế hoạch (cán bộ của tỉnh)",
    "compare": "so sánh phiên bản kế hoạch (cán bộ của tỉnh)",
    "approve": "ghi nhận quyết định và phê duyệt (chỉ chuyên viên)",
    "discard": "hủy dự thảo (chỉ chuyên viên)",
    "export": "xuất biểu kế hoạch (cán bộ của tỉnh)",
}
ACTIONS = frozenset(DENIED)
BODIES = ", ".join(PlanVersion.Body.values)


def add_version_commands(sub, command) -> None:
    """The subparsers of plans and versions, beside `allocate`; `command` owns them (for --json and --as)."""
    parsers = [
        sub.add_parser("list", help="medium-term and annual plans, each with its version in force and drafts"),
    ]
    show = sub.add_parser("show", help="a version: capital per source, projects by priority, last allocation")
    show.add_argument("version", help="the version's id (see `list`)")
    show.add_argument("--search", default="", help="code or name of a project; diacritics optional")
    show.add_argument("--limit", type=int, default=50, help="at most this many projects (default 50)")
    parsers.append(show)

    adjust = sub.add_parser("adjust", help="start a draft adjustment from the plan's version in force")
    adjust.add_argument("plan", help="the plan's id (see `list`)")
    adjust.add_argument("--title", default="")
    adjust.add_argument("--note", default="")
    adjust.add_argument("--transfer", action="store_true", help="a capital transfer rather than an adjustment")
    parsers.append(adjust)

    budget = sub.add_parser("budget", help="the capital available from one source in a draft (revenue estimate)")
    budget.add_argument("version")
    budget.add_argument("--source", required=True, help="the source's code, e.g. NSDP_TSDD")
    how = budget.add_mutually_exclusive_group(required=True)
    how.add_argument("--amount", help="the new amount in VND: 1200000000, 1.200.000.000 or '1.200 tỷ'")
    how.add_argument("--cut", help="cut by a percentage of the current amount, e.g. 30")
    reserve_help = "let the run allocate this much (or 'all'; 0: none) of the approved version's unallocated reserve"
    how.add_argument("--release-reserve", metavar="AMOUNT", help=reserve_help)
    budget.add_argument("--reason", default="", help="the basis of the new estimate")
    budget.add_argument("--expect-version", type=int, help="refuse if the budget row is no longer at this row_version")
    parsers.append(budget)

    run = sub.add_parser("run", help="allocate the draft's capital by the legal order of priority")
    run.add_argument("version")
    run.add_argument(
        "--cuts-only", action="store_true", help="no project gets more than the version the draft is based on gave it"
    )
    parsers.append(run)

    line = sub.add_parser("set-line", help="set a project's capital from one source by hand (kept by later runs)")
    line.set_defaults(action="set_line")
    line.add_argument("version")
    line.add_argument("--project", required=True, help="the project's code")
    line.add_argument("--source", required=True, help="the source's code")
    amount = line.add_mutually_exclusive_group(required=True)
    amount.add_argument("--amount", help="the amount in VND")
    amount.add_argument("--auto", action="store_true", help="give the line back to the allocation")
    line.add_argument("--reason", default="", help="why (required; kept in the history)")
    line.add_argument("--expect-version", type=int, help="refuse if the line is not at this row_version (0: none)")
    parsers.append(line)

    check = sub.add_parser("check", help="every rule the version breaks, and who must decide the adjustment")
    check.add_argument("version")
    parsers.append(check)

    compare = sub.add_parser("compare", help="the version line by line against the version it was based on")
    compare.add_argument("version")
    compare.add_argument("--against", default=None, help="another version of the same plan")
    compare.add_argument("--all", action="store_true", help="unchanged lines too")
    parsers.append(compare)

    approve = sub.add_parser("approve", help="record the deciding resolution and put the draft in force")
    approve.add_argument("version")
    approve.add_argument("--number", default="", help="e.g. 45/NQ-HĐND")
    approve.add_argument("--date", default="", help="dd/mm/yyyy or yyyy-mm-dd")
    approve.add_argument("--body", default="", help=f"who decided: {BODIES}")
    approve.add_argument("--override", default="", help="the reason for approving despite errors in the checks")
    parsers.append(approve)

    discard = sub.add_parser("discard", help="discard a draft")
    discard.add_argument("version")
    discard.add_argument("--reason", default="")
    parsers.append(discard)

    export = sub.add_parser("export", help="the plan tables as the People's Council's appendix")
    export.add_argument("version")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--xlsx", help="file to write")
    target.add_argument("--pdf", help="file to write")
    parsers.append(export)

    for parser in parsers:
        command.add_json_argument(parser)
        command.add_actor_argument(parser)


def handle(command, action: str, options) -> None:
    user = command.actor(options)
    try:
        HANDLERS[action](command, user, options)
    except Http404:
        if action == "adjust":
            what = f"kế hoạch #{options.get('plan')}"
        else:
            what = f"phiên bản kế hoạch #{options.get('version')}"
        raise CommandError(f"Không tìm thấy {what} (hoặc không có quyền).") from None
    except PermissionDenied:
        raise CommandError(f"Không có quyền {DENIED[action]}: {user.username}.") from None


def failed(what: str, error: ValidationError) -> CommandError:
    return CommandError(f"{what}: {' '.join(error.messages)}")


def _tr(amount: int | None) -> str:
    return format_vnd(amount) if amount is not None else "—"


def _day(value) -> str | None:
    return value.strftime("%d/%m/%Y") if value else None


def _require_all(user) -> None:
    core_access.require(user, "see_everything")


def _require_manager(user) -> None:
    if not core_access.can(user, "manage_plans"):
        raise PermissionDenied


def _amount(option: str, value: str) -> int:
    """An amount as the page reads it (Vietnamese separators, "tỷ"/"triệu"); refused in Vietnamese."""
    form = BudgetForm({"amount": value}, prefix=None)
    if not form.is_valid() or form.cleaned_data.get("amount") is None:
        why = " ".join(str(m).rstrip(".") for m in form.errors.get("amount", [])) or "thiếu số tiền"
        raise CommandError(f"{option}: số tiền không hợp lệ '{value}' ({why}).")
    return form.cleaned_data["amount"]


def _source(code: str) -> Source:
    try:
        return Source.objects.get(code=code.strip())
    except Source.DoesNotExist:
        codes = ", ".join(Source.objects.filter(children__isnull=True).values_list("code", flat=True))
        raise CommandError(f"--source: không có nguồn vốn mã '{code}' (các mã: {codes}).") from None


# ---------------------------------------------------------------------------------------------------------------
# Reading


def version_data(version: PlanVersion) -> dict:
    return {
        "id": version.pk,
        "plan": version.plan_id,
        "number": version.number,
        "title": version.title,
        "purpose": version.purpose,
        "state": version.state,
        "based_on": version.based_on_id,
        "decision_number": version.decision_number or None,
        "decision_date": version.decision_date,
        "decision_body": version.decision_body or None,
    }


def do_list(command, user, options) -> None:
    if not core_access.can(user, "read_plans"):
        raise PermissionDenied
    rows = selectors.plan_overview(plans_for_user(user).order_by("-kind", "-first_year"))
    sees_all = core_access.can(user, "see_everything")
    data = [
        {
            "id": r["plan"].pk,
            "kind": r["plan"].kind,
            "period": r["plan"].period,
            "title": r["plan"].title,
            "in_force": version_data(r["current"]) if r["current"] else None,
            "total": r["total"] if sees_all else None,
            "drafts": [{"id": d.pk, "number": d.number, "title": d.title} for d in r["drafts"]],
        }
        for r in rows
    ]
    lines = []
    for row in data:
        head = f"#{row['id']:<4} {row['period']:<10} {row['title']}"
        if row["in_force"]:
            v = row["in_force"]
            head += f" — hiệu lực: phiên bản {v['number']} ({v['decision_number'] or 'chưa ghi số'})"
            if row["total"] is not None:
                head += f", {_tr(row['total'])}"
        lines.append(head)
        lines += [f"        dự thảo #{d['id']}: {d['title']}" for d in row["drafts"]]
    command.emit(options, data, "\n".join(lines) or "Chưa có kế hoạch nào.")


def do_show(command, user, options) -> None:
    version = get_version_for_user(user, options["version"])
    items = items_for_user(user, version).select_related("project", "project__agency")
    if key := search_key(options["search"]):
        items = items.filter(project__search_key__contains=key)
    count = items.count()
    items = list(items.order_by(TIER_ORDER, "project__code")[: max(options["limit"], 0)])
    facts.attach_lines(items, [])
    data = {"version": version_data(version), "projects": count, "items": [_item_data(i) for i in items]}
    if core_access.can(user, "see_everything"):
        budgets = selectors.budget_rows(version)
        data["budgets"] = [
            {"source": b["source"].code, "available": b["available"], "allocated": b["allocated"],
             "unallocated": b["unallocated"]}
            for b in budgets
        ]  # fmt: skip
        data["allocation"] = version.allocation or None
    lines = [f"#{version.pk} {version.title} — phiên bản {version.number}, {version.get_state_display()}"]
    if version.decision_number:
        lines.append(f"  Quyết định: {version.decision_number} ngày {_day(version.decision_date)}")
    for b in data.get("budgets", []):
        lines.append(
            f"  {b['source']:<12} có {_tr(b['available'])}, bố trí {_tr(b['allocated'])}, còn {_tr(b['unallocated'])}"
        )
    lines.append(f"{format_number(count)} dự án" + (f" (hiện {len(items)})" if len(items) < count else "") + ":")
    for row in data["items"]:
        split = ", ".join(f"{code} {_tr(amount)}{' ✎' if manual else ''}" for code, amount, manual in row["lines"])
        lines.append(
            f"  {row['project']:<16} {row['tier']:<26} cần {_tr(row['need'])}, bố trí {_tr(row['allocated'])}"
            + (f" ({split})" if split else "")
        )
    command.emit(options, data, "\n".join(lines))


def _item_data(item: PlanItem) -> dict:
    return {
        "id": item.pk,
        "project": item.project.code,
        "name": item.project.name,
        "owner": item.project.agency.code if item.project.agency_id else None,
        "tier": item.tier,
        "need": item.need,
        "allocated": item.allocated,
        "shortfall": item.shortfall,
        "lines": [(line.source.code, line.amount, line.manual) for line in item.lines_shown],
        "explanation": item.explanation,
        "note": item.note,
    }


def do_check(command, user, options) -> None:
    version = get_version_for_user(user, options["version"])
    _require_all(user)
    breaches, decider = facts.checks(version)
    data = {
        "version": version.pk,
        "errors": sum(b.severity == "error" for b in breaches),
        "warnings": sum(b.severity == "warning" for b in breaches),
        "breaches": [b.to_json() for b in breaches],
        "decider": None
        if decider is None
        else {"body": decider.body or None, "label": decider.label, "reason": decider.message,
              "citation": decider.citation},
    }  # fmt: skip
    lines = [f"Phiên bản #{version.pk}: {data['errors']} lỗi, {data['warnings']} cảnh báo."]
    if decider:
        lines.append(f"Cấp quyết định: {decider.label} — {decider.message} ({decider.citation})")
    for b in breaches:
        where = " ".join(filter(None, [b.project, b.source]))
        lines.append(f"  [{b.severity}] {b.rule} {where}: {b.message}")
    command.emit(options, data, "\n".join(lines))


def do_compare(command, user, options) -> None:
    version = get_version_for_user(user, options["version"])
    _require_all(user)
    against = version.based_on
    if options["against"]:
        against = get_version_for_user(user, options["against"])
        if against.plan_id != version.plan_id:
            raise CommandError(f"--against: phiên bản #{against.pk} thuộc kế hoạch khác.")
    if against is None:
        raise CommandError(f"Phiên bản #{version.pk} là kế hoạch được duyệt lần đầu: không có phiên bản để so sánh.")
    result = facts.comparison(version, against)
    rows = [r for r in result.rows if options["all"] or r.kind != "unchanged"]
    data = {
        "version": version.pk,
        "against": against.pk,
        "totals": result.totals,
        "counts": result.counts,
        "by_source": result.by_source,
        "by_owner": result.by_agency,
        "reserve_released": result.reserve_released,
        "lines": [
            {"project": r.project, "source": r.source, "before": r.before, "after": r.after, "delta": r.delta,
             "kind": r.kind}
            for r in rows
        ],
    }  # fmt: skip
    t = result.totals
    lines = [
        f"Phiên bản #{version.pk} so với #{against.pk}: {_tr(t['before'])} → {_tr(t['after'])} "
        f"(tăng {_tr(t['increase'])}, giảm {_tr(t['cut'])}).",
        *(f"  {g['name']:<12} {_tr(g['before'])} → {_tr(g['after'])}" for g in result.by_source),
        _reserve_line(result, version, against),
        "",
        *(f"  {r.project:<16} {r.source:<12} {_tr(r.before)} → {_tr(r.after)} ({r.kind})" for r in rows),
    ]
    command.emit(options, data, "\n".join(lines))


# ---------------------------------------------------------------------------------------------------------------
# Changing


def _reserve_line(result, version, against) -> str:
    """What the comparison says of the approved version's reserve (only against the version the draft is based on)."""
    if result.reserve_released:
        return (
            "Dự phòng chưa phân bổ được giải phóng: "
            + ", ".join(f"{code} {_tr(amount)}" for code, amount in result.reserve_released.items())
            + "."
        )
    if against.pk == version.based_on_id:
        return "Dự phòng chưa phân bổ của phiên bản được duyệt: giữ nguyên, không phân bổ."
    return ""


def do_adjust(command, user, options) -> None:
    plan = get_plan_for_user(user, options["plan"])
    _require_manager(user)
    purpose = PlanVersion.Purpose.TRANSFER if options["transfer"] else PlanVersion.Purpose.ADJUSTMENT
    try:
        draft = services.start_draft(plan, actor=user, purpose=purpose, title=options["title"], note=options["note"])
    except ValidationError as error:
        raise failed("Không lập được dự thảo", error) from None
    command.emit(
        options,
        version_data(draft),
        f"Đã lập dự thảo #{draft.pk} “{draft.title}” từ phiên bản {draft.based_on.number}: "
        f"{format_number(draft.items.count())} dự án.",
    )


def do_budget(command, user, options) -> None:
    version = get_version_for_user(user, options["version"], edit=True)
    source = _source(options["source"])
    try:
        if options["amount"] is not None:
            amount = _amount("--amount", options["amount"])
            expected = None if options.get("expect_version") is None else {source.code: options["expect_version"]}
            services.set_budgets(
                version, actor=user, amounts={source.code: amount}, reason=options["reason"], expected_versions=expected
            )
        elif options.get("release_reserve") is not None:
            text = options["release_reserve"].strip()
            amount = None if text.lower() in ("all", "tất cả") else _amount("--release-reserve", text)
            services.release_reserve(version, actor=user, source=source.code, amount=amount, reason=options["reason"])
        else:
            form = BudgetForm({"cut": options["cut"]})
            if not form.is_valid() or form.cleaned_data.get("cut") is None:
                messages = " ".join(str(m).rstrip(".") for ms in form.errors.values() for m in ms) or "thiếu tỷ lệ"
                raise CommandError(f"--cut: tỷ lệ cắt giảm không hợp lệ '{options['cut']}' ({messages}).")
            services.cut_budget(
                version,
                actor=user,
                source=source.code,
                percent=Decimal(form.cleaned_data["cut"]),
                reason=options["reason"],
            )
    except ValidationError as error:
        raise failed("Không sửa được dự toán vốn", error) from None
    budget = version.budgets.get(source=source)
    command.emit(
        options,
        {
            "version": version.pk,
            "source": source.code,
            "available": budget.available,
            "row_version": budget.row_version,
            "reserve_released": budget.reserve_released,
        },
        f"Dự toán nguồn {source.code} của dự thảo #{version.pk}: {_tr(budget.available)}"
        + (
            f"; dự phòng chưa phân bổ được giải phóng: {_tr(budget.reserve_released)}."
            if budget.reserve_released
            else "."
        ),
    )


def do_run(command, user, options) -> None:
    version = get_version_for_user(user, options["version"], edit=True)
    try:
        run = services.run_allocation(version, actor=user, cuts_only=options["cuts_only"])
    except ValidationError as error:
        raise failed("Không phân bổ được", error) from None
    data = {
        **run.summary,
        "version": version.pk,
        "created": run.created,
        "updated": run.updated,
        "deleted": run.deleted,
        "kept_manual": run.kept_manual,
        "violations": run.violations,
    }
    lines = [
        f"Đã phân bổ dự thảo #{version.pk}: {run.summary['projects']} dự án trong {run.summary['seconds']} giây "
        f"(bộ giải {run.summary['solver_seconds']} giây); thêm {run.created}, sửa {run.updated}, bỏ {run.deleted} "
        f"dòng vốn; giữ {run.kept_manual} dòng ấn định thủ công.",
        *(f"  {code}: còn {_tr(left)} chưa phân bổ" for code, left in run.summary["unallocated"].items()),
        *(f"  {code}: giữ {_tr(kept)} dự phòng chưa phân bổ" for code, kept in run.summary["reserve_kept"].items()),
        *(f"  {code}: vốn trung ương không đổi, giữ từng dòng đã duyệt" for code in run.summary["central_kept"]),
        *(f"  {v['project']} ({v['rule']}): {v['explanation']}" for v in run.violations),
    ]
    command.emit(options, data, "\n".join(lines))


def do_set_line(command, user, options) -> None:
    version = get_version_for_user(user, options["version"], edit=True)
    source = _source(options["source"])
    try:
        item = version.items.select_related("project").get(project__code=options["project"].strip())
    except PlanItem.DoesNotExist:
        raise CommandError(f"--project: dự án '{options['project']}' không có trong phiên bản #{version.pk}.") from None
    if not options["reason"].strip():
        raise CommandError("--reason: cần ghi lý do ấn định vốn (được lưu trong lịch sử).")
    amount = None if options["auto"] else _amount("--amount", options["amount"])
    try:
        expected = None if options.get("expect_version") is None else {source.code: options["expect_version"]}
        services.set_lines(
            version,
            actor=user,
            item=item,
            amounts={source.code: amount},
            reason=options["reason"],
            expected_versions=expected,
        )
    except ValidationError as error:
        raise failed("Không ấn định được vốn", error) from None
    line = item.lines.filter(source=source).first()
    data = {
        "version": version.pk,
        "project": item.project.code,
        "source": source.code,
        "amount": line.amount if line else 0,
        "manual": bool(line and line.manual),
        "row_version": line.row_version if line else 0,
    }
    text = (
        f"Dự án {item.project.code}, nguồn {source.code}: trả lại cho phân bổ tự động."
        if options["auto"]
        else f"Dự án {item.project.code}, nguồn {source.code}: ấn định {_tr(data['amount'])}."
    )
    command.emit(options, data, text)


def do_approve(command, user, options) -> None:
    version = get_version_for_user(user, options["version"], edit=True)
    day = parse_day(options["date"]).isoformat() if options["date"] else ""
    form = DecisionForm(
        {"number": options["number"], "day": day, "body": options["body"], "override": options["override"]}
    )
    if not form.is_valid():
        names = {"number": "--number", "day": "--date", "body": "--body", "override": "--override"}
        parts = []
        for field, messages in form.errors.items():
            text = " ".join(str(m).rstrip(".") for m in messages)
            if field == "body" and options["body"]:
                text = f"không có cấp quyết định '{options['body']}' (chọn một trong: {BODIES})"
            parts.append(f"{names.get(field, field)}: {text}")
        raise CommandError("; ".join(parts) + ".")
    data = form.cleaned_data
    try:
        version = services.approve_draft(
            version, actor=user, number=data["number"], day=data["day"], body=data["body"], override=data["override"]
        )
    except ValidationError as error:
        raise failed("Không phê duyệt được", error) from None
    command.emit(
        options,
        version_data(version),
        f"Phiên bản #{version.pk} có hiệu lực theo {version.decision_number} ngày {_day(version.decision_date)}; "
        f"phiên bản {version.based_on.number} được thay thế.",
    )


def do_discard(command, user, options) -> None:
    version = get_version_for_user(user, options["version"], edit=True)
    try:
        version = services.discard_draft(version, actor=user, reason=options["reason"])
    except ValidationError as error:
        raise failed("Không hủy được", error) from None
    command.emit(options, version_data(version), f"Đã hủy dự thảo #{version.pk}.")


def do_export(command, user, options) -> None:
    version = get_version_for_user(user, options["version"])
    _require_all(user)
    if options["xlsx"]:
        path = Path(options["xlsx"])
        try:
            with path.open("wb") as handle:
                rows = exports.write_workbook(version, handle)
        except OSError as error:
            raise CommandError(f"--xlsx: không ghi được tệp '{path}' ({error.strerror}).") from None
        command.emit(
            options, {"file": str(path), "rows": rows}, f"Đã ghi biểu kế hoạch ({rows} dòng dự án) vào {path}."
        )
        return
    path = Path(options["pdf"])
    try:
        pdf = exports.render_pdf(version)
    except exports.PdfUnavailable as error:
        raise CommandError(str(error)) from None
    try:
        path.write_bytes(pdf)
    except OSError as error:
        raise CommandError(f"--pdf: không ghi được tệp '{path}' ({error.strerror}).") from None
    command.emit(options, {"file": str(path), "bytes": len(pdf)}, f"Đã ghi biểu kế hoạch PDF vào {path}.")


HANDLERS = {
    "list": do_list,
    "show": do_show,
    "adjust": do_adjust,
    "budget": do_budget,
    "run": do_run,
    "set_line": do_set_line,
    "check": do_check,
    "compare": do_compare,
    "approve": do_approve,
    "discard": do_discard,
    "export": do_export,
}


class VersionCommands:
    """Mixed into `tiendo plan`'s Command (a DataCommand): one `do_<action>` per subcommand, called with the options
    last (`(options)`, or `(user, options)` from an ActionCommand); each reads --as itself."""

    def do_list(self, *args):
        handle(self, "list", args[-1])

    def do_show(self, *args):
        handle(self, "show", args[-1])

    def do_adjust(self, *args):
        handle(self, "adjust", args[-1])

    def do_budget(self, *args):
        handle(self, "budget", args[-1])

    def do_run(self, *args):
        handle(self, "run", args[-1])

    def do_set_line(self, *args):
        handle(self, "set_line", args[-1])

    def do_check(self, *args):
        handle(self, "check", args[-1])

    def do_compare(self, *args):
        handle(self, "compare", args[-1])

    def do_approve(self, *args):
        handle(self, "approve", args[-1])

    def do_discard(self, *args):
        handle(self, "discard", args[-1])

    def do_export(self, *args):
        handle(self, "export", args[-1])
