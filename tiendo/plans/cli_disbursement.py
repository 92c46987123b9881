"""The disbursement subcommands of `tiendo plan`: import-disbursement, disbursement, slow and transfer.

They use the pages' gatekeepers and services (tiendo/plans/disbursement/), so a command refuses what the page
refuses. `tiendo plan` adds them with `add_disbursement_commands(sub, command)` and inherits the `do_*` methods
from `DisbursementCommands`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.http import Http404

from tiendo.core import access as core_access
from tiendo.core.commands import parse_day, unreadable
from tiendo.domain.disbursement import Projection
from tiendo.domain.money import format_number, format_vnd

from . import disbursement
from .access import get_plan_for_user
from .models import Plan

ERRORS_SHOWN = 50
DENIED = {
    "import_disbursement": "nhập số liệu giải ngân (chỉ chuyên viên)",
    "disbursement": "xem giải ngân của kế hoạch",
    "slow": "xem danh sách dự án giải ngân chậm",
    "transfer": "đề xuất điều chuyển vốn (chỉ chuyên viên)",
}


def add_disbursement_commands(sub, command) -> None:
    """The four subparsers; `command` is the DataCommand that owns them (for --json and --as)."""
    importing = sub.add_parser(
        "import-disbursement",
        help="import the State Treasury's disbursement report (.xlsx .xls .ods .csv) into an annual plan",
    )
    importing.set_defaults(action="import_disbursement")
    importing.add_argument("plan_id", help="the annual plan's id (see `list`)")
    importing.add_argument(
        "file", help="columns Mã dự án, Nguồn vốn, Tháng, Giải ngân trong tháng and/or Lũy kế (see the template)"
    )
    importing.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    importing.add_argument("--partial", action="store_true", help="write the valid rows even if some rows have errors")

    showing = sub.add_parser(
        "disbursement", help="an annual plan's disbursement by month and source against the target path and deadlines"
    )
    showing.add_argument("plan_id")
    showing.add_argument("--as-of", default="", help="disbursement as of this day (dd/mm/yyyy or ISO; default today)")
    showing.add_argument("--project", default="", help="one project only (its code)")

    slow = sub.add_parser(
        "slow", help="projects stalled, slow or at risk of not disbursing their capital, with the reasons"
    )
    slow.add_argument("plan_id")
    _add_thresholds(slow)

    transfer = sub.add_parser(
        "transfer", help="draft a capital transfer from slow projects to projects on pace (a new draft version)"
    )
    transfer.add_argument("plan_id")
    _add_thresholds(transfer)

    for parser in (importing, showing, slow, transfer):
        command.add_json_argument(parser)
        command.add_actor_argument(parser)


def _add_thresholds(parser) -> None:
    parser.add_argument("--as-of", default="", help="disbursement as of this day (dd/mm/yyyy or ISO; default today)")
    parser.add_argument(
        "--behind",
        default=None,
        help="slow: this many percentage points below the target path (default TIENDO_DISB_BEHIND_POINTS)",
    )
    parser.add_argument(
        "--stalled",
        type=int,
        default=None,
        help="stalled: whole months without disbursement (default TIENDO_DISB_STALLED_MONTHS)",
    )
    parser.add_argument(
        "--zero-after",
        default=None,
        help="stalled: nothing disbursed after this day, dd/mm (default TIENDO_DISB_ZERO_AFTER)",
    )
    parser.add_argument(
        "--projection",
        choices=["linear", "target_path"],
        default=None,
        help="projection to the deadline (default TIENDO_DISB_PROJECTION)",
    )


def _thresholds(plan: Plan, options):
    behind = None
    if options.get("behind") is not None:
        try:
            behind = Decimal(str(options["behind"]).replace(",", "."))
        except InvalidOperation:
            raise CommandError(f"--behind không hợp lệ: '{options['behind']}' (ví dụ 20 hoặc 12,5).") from None
    zero_after = None
    if options.get("zero_after"):
        try:
            day, month = (int(part) for part in options["zero_after"].split("/"))
            zero_after = (month, day)
        except ValueError:
            raise CommandError(
                f"--zero-after không hợp lệ: '{options['zero_after']}' (ghi dd/mm, ví dụ 30/06)."
            ) from None
    try:
        return disbursement.default_thresholds(
            plan,
            behind_points=behind,
            stalled_months=options.get("stalled"),
            zero_after=zero_after,
            projection=Projection(options["projection"]) if options.get("projection") else None,
        )
    except ValueError as error:
        raise CommandError(f"Ngưỡng không hợp lệ: {error}") from None


def _as_of(options):
    from django.utils import timezone

    return parse_day(options["as_of"]) if options.get("as_of") else timezone.localdate()


def _annual(user, plan_id) -> Plan:
    plan = get_plan_for_user(user, plan_id)
    if plan.kind != Plan.Kind.ANNUAL:
        raise CommandError(f"Kế hoạch #{plan.pk} là kế hoạch trung hạn: giải ngân được theo dõi theo kế hoạch năm.")
    return plan


def _percent(value) -> str:
    return "—" if value is None else f"{format_number(Decimal(value), 2)}%"


def _number(value: Decimal | None) -> float | None:
    """Percentages for JSON: numbers with 2 decimals."""
    return None if value is None else float(value)


def curve_data(curve: disbursement.Curve) -> dict:
    return {
        "allocated": curve.allocated,
        "disbursed": curve.disbursed,
        "rate": _number(curve.rate),
        "target": _number(curve.target_now),
        "gap": _number(curve.gap_now),
        "deadlines": [
            {"day": d.day, "rule": d.rule, "citation": d.citation, "explanation": d.explanation}
            for d in curve.deadlines
        ],
        "months": [
            {
                "month": row.month.strftime("%m/%Y"),
                "disbursed": row.disbursed,
                "cumulative": row.cumulative,
                "percent": _number(row.percent),
                "target": _number(row.target),
            }
            for row in curve.months
        ],
    }


def pace_data(p: disbursement.ProjectPace) -> dict:
    r = p.result
    return {
        "project": r.code,
        "name": p.item.project.name,
        "owner": p.item.project.agency.name if p.item.project.agency_id else None,
        "pace": r.pace.value,
        "pace_label": r.pace.label.vi,
        "allocated": r.allocated,
        "disbursed": r.disbursed,
        "percent": _number(r.percent),
        "target": _number(r.target),
        "gap": _number(r.gap),
        "projected": r.projected,
        "undisbursable": r.undisbursable,
        "deadline": r.deadline,
        "last_month": p.last_month.strftime("%m/%Y") if p.last_month else None,
        "reasons": list(r.reasons),
    }


def _thresholds_data(t) -> dict:
    return {
        "behind_points": _number(t.behind_points),
        "stalled_months": t.stalled_months,
        "zero_after": f"{t.zero_after[1]:02d}/{t.zero_after[0]:02d}",
        "projection": t.projection.value,
    }


class DisbursementCommands:
    """`do_*` methods for a DataCommand (self.actor, self.emit); `handle` calls `run_disbursement` first."""

    def run_disbursement(self, action: str, options) -> bool:
        """Run a disbursement subcommand as the --as user, refusing in Vietnamese; False: not one of them."""
        if action not in DENIED:
            return False
        user = self.actor(options)
        try:
            getattr(self, f"do_{action}")(user, options)
        except Http404:
            raise CommandError(f"Không tìm thấy kế hoạch #{options['plan_id']} (hoặc không có quyền).") from None
        except PermissionDenied:
            raise CommandError(f"Không có quyền {DENIED[action]}: {user.username}.") from None
        return True

    def do_import_disbursement(self, user, options):
        plan = _annual(user, options["plan_id"])
        if not core_access.can(user, "manage_plans"):
            raise PermissionDenied
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp '{path}'.")
        try:
            result = disbursement.import_disbursement(
                plan, path, path.name, actor=user, dry_run=options["dry_run"], partial=options["partial"]
            )
        except disbursement.FileRejected as error:
            raise unreadable(error.message) from None
        data = result.as_dict()
        verb = "Kiểm tra (không ghi)" if result.dry_run else "Đã nhập"
        text = (
            f"{verb} {result.rows} dòng, tháng {', '.join(data['months']) or '—'}: {result.created} số mới, "
            f"{result.updated} số thay đổi, {result.unchanged} không đổi, {result.removed} số bị thay thế (không còn "
            f"trong báo cáo tháng); {result.from_cumulative} dòng tính từ lũy kế; {result.rejected} dòng bị loại; "
            f"tổng giải ngân trong tệp {format_vnd(result.total)}."
        )
        if result.warnings:
            text += "\nCảnh báo:\n" + "\n".join(str(w) for w in result.warnings[:ERRORS_SHOWN])
        self.emit(options, data, text)
        if result.refused:
            lines = [str(error) for error in result.errors[:ERRORS_SHOWN]]
            if len(result.errors) > ERRORS_SHOWN:
                lines.append(f"... và {len(result.errors) - ERRORS_SHOWN} lỗi khác.")
            raise CommandError(f"Tệp bị từ chối, không ghi gì: {len(result.errors)} lỗi.\n" + "\n".join(lines))

    def do_disbursement(self, user, options):
        plan = _annual(user, options["plan_id"])
        as_of = _as_of(options)
        scope = disbursement.scope_for(user)
        if options.get("project"):
            version = plan.current_version()
            item = scope.items(version).filter(project__code=options["project"].strip()).first()
            if item is None:
                raise CommandError(f"Không có dự án '{options['project']}' trong kế hoạch (hoặc không có quyền xem).")
            scope = scope.but(project_id=item.project_id)
        curve = disbursement.plan_curve(plan, scope, as_of)
        data = {"plan": plan.pk, "title": plan.title, "as_of": as_of, **curve_data(curve)}
        data["sources"] = [
            {"source": s.code, "name": s.name, **{k: v for k, v in curve_data(c).items() if k != "months"}}
            for s, c in disbursement.source_curves(plan, scope, as_of)
        ]
        lines = [
            f"{plan.title}: giải ngân đến ngày {as_of:%d/%m/%Y} {format_vnd(curve.disbursed)} / "
            f"{format_vnd(curve.allocated)} ({_percent(curve.rate)}; mục tiêu {_percent(curve.target_now)}); "
            "hạn giải ngân " + ", ".join(d.day.strftime("%d/%m/%Y") for d in curve.deadlines) + "."
        ]
        lines += [
            f"  {s['source']}: {format_vnd(s['disbursed'])} / {format_vnd(s['allocated'])} ({_percent(s['rate'])})"
            for s in data["sources"]
        ]
        lines += [
            f"  {m['month']}: {format_vnd(m['disbursed'])} — lũy kế {_percent(m['percent'])} "
            f"(mục tiêu {_percent(m['target'])})"
            for m in data["months"]
            if m["cumulative"] is not None
        ]
        self.emit(options, data, "\n".join(lines))

    def do_slow(self, user, options):
        plan = _annual(user, options["plan_id"])
        as_of = _as_of(options)
        thresholds = _thresholds(plan, options)
        found = disbursement.slow_projects(plan, disbursement.scope_for(user), as_of, thresholds)
        data = {
            "plan": plan.pk,
            "as_of": as_of,
            "thresholds": _thresholds_data(thresholds),
            "count": len(found),
            "undisbursable": sum(p.result.undisbursable for p in found),
            "projects": [pace_data(p) for p in found],
        }
        lines = [f"{len(found)} dự án giải ngân chậm đến ngày {as_of:%d/%m/%Y} ({plan.title}):"]
        lines += [
            f"  {p['project']} [{p['pace_label']}] {_percent(p['percent'])} / mục tiêu {_percent(p['target'])}: "
            + " ".join(p["reasons"])
            for p in data["projects"]
        ]
        self.emit(options, data, "\n".join(lines))

    def do_transfer(self, user, options):
        plan = _annual(user, options["plan_id"])
        if not core_access.can(user, "manage_plans"):
            raise PermissionDenied
        try:
            proposal = disbursement.propose_transfer(
                plan, actor=user, as_of=_as_of(options), thresholds=_thresholds(plan, options)
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        data = proposal.as_dict()
        if proposal.version is None:
            text = (
                "Không có vốn để điều chuyển: không dự án chậm nào giải phóng được vốn mà dự án đúng tiến độ dùng được."
            )
        else:
            text = (
                f"Đã lập dự thảo #{proposal.version.pk} '{proposal.version.title}': giải phóng "
                f"{format_vnd(proposal.total_released)}, điều chuyển {format_vnd(proposal.total_placed)}; còn lại "
                f"ở dự án chậm {format_vnd(proposal.total_released - proposal.total_placed)}."
            )
            text += "".join(
                f"\n  nhận {r['project']}: {format_vnd(r['given'])}" for r in proposal.receivers if r["given"]
            )
        self.emit(options, data, text)
