"""`tiendo targets check/alerts/send-alert/dismiss-alert/component-agency/link-project/unlink-project`: the alerts
page and the links panel from the command line, through the same forms, services and access layer. Each takes
--as USER (default admin) and --json; refusals are one Vietnamese sentence."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.http import Http404
from django.utils import timezone

from tiendo.audit.versions import StaleVersion
from tiendo.core import access

from . import alert_services, alerting, links
from .forms_alerts import ComponentAgenciesForm, DismissAlertForm, LinkProjectForm, SendAlertForm
from .models import Alert, Component, Indicator, IndicatorProject


def _common(parser, year: bool = False) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--as", dest="actor", default=None, help="user name acted as (default: admin)")
    if year:
        parser.add_argument("--year", type=int, default=None, help="the year (default: this year)")


def add_arguments(sub) -> None:
    check = sub.add_parser("check", help="propose alerts from the scenario and the figures in force")
    _common(check, year=True)
    check.set_defaults(handler=check_command)

    listing = sub.add_parser("alerts", help="the year's alerts with their figures")
    _common(listing, year=True)
    listing.add_argument("--state", default="", choices=["", *Alert.State.values], help="only alerts in this state")
    listing.set_defaults(handler=list_command)

    send = sub.add_parser("send-alert", help="send an alert as a task to the responsible agency")
    _common(send)
    send.add_argument("id", type=int)
    send.add_argument("--deadline", default="", help="dd/mm/yyyy (default: 10 working days from today)")
    send.add_argument("--agency", default="", help="the lead agency's code (default: the responsible agency)")
    send.add_argument("--text", default="", help="the task's text (default: the proposed text)")
    send.add_argument("--expect-version", type=int, default=None, help="refuse if the alert changed since")
    send.set_defaults(handler=send_command)

    dismiss = sub.add_parser("dismiss-alert", help="dismiss an alert, saying why")
    _common(dismiss)
    dismiss.add_argument("id", type=int)
    dismiss.add_argument("--reason", default="")
    dismiss.add_argument("--expect-version", type=int, default=None, help="refuse if the alert changed since")
    dismiss.set_defaults(handler=dismiss_command)

    component = sub.add_parser("component-agency", help="the agency answering for a GRDP component")
    _common(component)
    component.add_argument("component", choices=Component.values)
    component.add_argument("agency", help="the agency's code")
    component.set_defaults(handler=component_command)

    link = sub.add_parser("link-project", help="a project an indicator depends on in a year")
    _common(link, year=True)
    link.add_argument("indicator", help="the indicator's code")
    link.add_argument("project", help="the project's code")
    link.add_argument("--note", default="")
    link.set_defaults(handler=link_command)

    unlink = sub.add_parser("unlink-project", help="remove a project from an indicator's list")
    _common(unlink)
    unlink.add_argument("link", type=int, help="the link's id (see `links`)")
    unlink.set_defaults(handler=unlink_command)

    shown = sub.add_parser("links", help="what tiendo knows beside an indicator: disbursement, projects, findings")
    _common(shown, year=True)
    shown.add_argument("indicator", help="the indicator's code")
    shown.set_defaults(handler=links_command)


def _year(options) -> int:
    return options.get("year") or timezone.localdate().year


def _errors(form) -> str:
    return " ".join(
        f"{form.fields[name].label if name in form.fields else ''}: {e}".lstrip(": ")
        for name, errors in form.errors.items()
        for e in errors
    )


def alert_json(alert: Alert) -> dict:
    return {
        "id": alert.pk,
        "kind": alert.kind,
        "state": alert.state,
        "indicator": alert.indicator.code,
        "year": alert.year,
        "quarter": alert.quarter or None,
        "months": alert.months or None,
        "component": alert.component or None,
        "agency": alert.agency.code if alert.agency else None,
        "figures": alert.figures,
        "text": alert.text,
        "task": alert.task_id,
        "reason": alert.reason,
        "version": alert.version,
    }


def _guarded(command, options, action: str, what: str, run):
    user = command.actor(options)
    try:
        return user, run(user)
    except Http404:
        raise CommandError(f"Không tìm thấy {what} (hoặc không có quyền).") from None
    except PermissionDenied:
        raise CommandError(f"Không có quyền {action}: {user.username}.") from None
    except StaleVersion as stale:
        raise CommandError(stale.messages[0]) from None
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from None


def check_command(command, options) -> None:
    year = _year(options)

    def run(user):
        access.require(user, "manage_targets")
        return alerting.check_alerts(year, actor=user)

    _, found = _guarded(command, options, "kiểm tra chỉ tiêu (chuyên viên, lãnh đạo)", "", run)
    data = {"year": year, "alerts": [{**alert_json(a), "outcome": a.outcome} for a in found]}
    lines = [
        f"Năm {year}: {sum(a.outcome == 'new' for a in found)} cảnh báo mới, "
        f"{sum(a.outcome == 'updated' for a in found)} cập nhật, {len(found)} thiếu hụt đang có."
    ]
    lines += [f"#{a.pk} [{a.outcome}] {a.text}" for a in found]
    command.emit(options, data, "\n".join(lines))


def list_command(command, options) -> None:
    year = _year(options)

    def run(user):
        access.require(user, "read_targets")
        alerts = access.visible(user, Alert).filter(year=year).select_related("indicator", "agency")
        if options.get("state"):
            alerts = alerts.filter(state=options["state"])
        return list(alerts.order_by("state", "quarter", "kind", "component", "pk"))

    _, alerts = _guarded(command, options, "xem cảnh báo chỉ tiêu", "", run)
    lines = [f"#{a.pk} {a.get_state_display()} · {a.agency.name if a.agency else '—'} · {a.text}" for a in alerts]
    command.emit(options, [alert_json(a) for a in alerts], "\n".join(lines) or "Không có cảnh báo.")


def _alert(user, pk) -> Alert:
    queryset = Alert.objects.select_related("indicator", "agency")
    return access.get_or_404(user, Alert, queryset=queryset, pk=pk)


def send_command(command, options) -> None:
    def run(user):
        alert = _alert(user, options["id"])
        access.require(user, "send_target_alerts")
        form = SendAlertForm(user=user, alert=alert)
        data = {
            "text": options["text"] or alert.text,
            "deadline": options["deadline"] or form.initial["deadline"].strftime("%d/%m/%Y"),
            "agency": options["agency"] or form.initial.get("agency", ""),
            "version": options["expect_version"] if options["expect_version"] is not None else "",
        }
        form = SendAlertForm(data, user=user, alert=alert)
        if not form.is_valid():
            raise ValidationError(_errors(form))
        cleaned = form.cleaned_data
        return alert_services.send_alert(
            alert, actor=user, text=cleaned["text"], deadline=cleaned["deadline"], agency=cleaned["agency"],
            expected_version=cleaned.get("version"),
        )  # fmt: skip

    _, task = _guarded(command, options, "gửi cảnh báo thành nhiệm vụ", f"cảnh báo #{options['id']}", run)
    data = {"alert": options["id"], "task": task.pk, "agency": task.lead_agency.code, "deadline": task.deadline}
    command.emit(
        options, data, f"Đã giao nhiệm vụ #{task.pk} cho {task.lead_agency.name}, hạn {task.deadline:%d/%m/%Y}."
    )


def dismiss_command(command, options) -> None:
    def run(user):
        alert = _alert(user, options["id"])
        access.require(user, "send_target_alerts")
        version = options["expect_version"] if options["expect_version"] is not None else ""
        form = DismissAlertForm({"reason": options["reason"], "version": version})
        if not form.is_valid():
            raise ValidationError(_errors(form))
        return alert_services.dismiss_alert(
            alert, actor=user, reason=form.cleaned_data["reason"], expected_version=form.cleaned_data["version"]
        )

    _, alert = _guarded(command, options, "bỏ qua cảnh báo", f"cảnh báo #{options['id']}", run)
    command.emit(options, alert_json(alert), f"Đã bỏ qua cảnh báo #{alert.pk}: {alert.reason}")


def component_command(command, options) -> None:
    def run(user):
        access.require(user, "manage_targets")
        form = ComponentAgenciesForm({options["component"]: options["agency"]}, user=user)
        if not form.is_valid() or form.cleaned_data.get(options["component"]) is None:
            raise ValidationError(f"Không có cơ quan mã '{options['agency']}' trong danh sách được giao việc.")
        agency = form.cleaned_data[options["component"]]
        return alert_services.save_component_agency(options["component"], agency, actor=user)

    _, row = _guarded(command, options, "giao cơ quan phụ trách khu vực", "", run)
    command.emit(options, {"component": row.component, "agency": row.agency.code}, f"{row}")


def _indicator(user, code) -> Indicator:
    return access.get_or_404(user, Indicator, code=code)


def link_command(command, options) -> None:
    def run(user):
        indicator = _indicator(user, options["indicator"])
        access.require(user, "manage_targets")
        form = LinkProjectForm({"project": options["project"], "note": options["note"]}, user=user)
        if not form.is_valid():
            raise ValidationError(_errors(form))
        return alert_services.link_project(
            indicator, form.cleaned_data["project"], _year(options), actor=user, note=form.cleaned_data["note"]
        )

    _, link = _guarded(command, options, "gắn dự án với chỉ tiêu", f"chỉ tiêu '{options['indicator']}'", run)
    data = {"id": link.pk, "indicator": link.indicator.code, "project": link.project.code, "year": link.year}
    command.emit(options, data, f"Đã gắn dự án {link.project.code} với chỉ tiêu {link.indicator.code} năm {link.year}.")


def unlink_command(command, options) -> None:
    def run(user):
        link = access.get_or_404(user, IndicatorProject, pk=options["link"])
        alert_services.unlink_project(link, actor=user)
        return link

    _, link = _guarded(command, options, "bỏ gắn dự án", f"liên kết #{options['link']}", run)
    command.emit(options, {"id": options["link"], "removed": True}, f"Đã bỏ gắn dự án {link.project.code}.")


def _text(value) -> str | None:
    """A Decimal as its exact text in JSON (never a float)."""
    return None if value is None else str(value)


def links_command(command, options) -> None:
    year = _year(options)

    def run(user):
        indicator = _indicator(user, options["indicator"])
        panel = links.panel(indicator, year, user)
        if panel is None:
            raise PermissionDenied
        return panel

    _, panel = _guarded(command, options, "xem chỉ tiêu", f"chỉ tiêu '{options['indicator']}'", run)
    d = panel["disbursement"]
    data = {
        "indicator": panel["indicator"].code,
        "year": year,
        "disbursement": None if d is None else {
            "allocated": d.allocated, "disbursed": d.disbursed, "rate": _text(d.rate), "last_report": d.last_report,
            "assumed": _text(d.assumed), "gap_points": _text(d.gap), "behind": d.behind,
            "quarter_levels": [str(level) for level in d.quarter_levels],
        },
        "projects": [
            {"link": row["link"].pk, "project": row["project"].code, "note": row["link"].note,
             "findings": [{"rule": f.rule, "days_behind": f.days_behind, "text": f.text} for f in row["findings"]]}
            for row in panel["projects"]
        ],
    }  # fmt: skip
    lines = []
    if d is not None:
        rate = "—" if d.rate is None else f"{d.rate} %"
        lines.append(
            f"Giải ngân {year}: {d.disbursed:,} / {d.allocated:,} đồng ({rate}); kịch bản giả định {d.assumed} %"
        )
    for row in data["projects"]:
        lines.append(f"#{row['link']} {row['project']}: {len(row['findings'])} phát hiện chậm tiến độ")
    command.emit(options, data, "\n".join(lines) or "Chưa có dự án nào gắn với chỉ tiêu.")
