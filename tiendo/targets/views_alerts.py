"""/targets/alerts/: the proposed alerts with their figures; a specialist or leader opens one, edits the task's
text, deadline and lead agency and sends it (a task on the board), or dismisses it with a reason. Officers read
their agency's alerts. Thin views over alerting.py and alert_services.py."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tiendo.audit.history import history_entries
from tiendo.audit.versions import StaleVersion
from tiendo.core import access
from tiendo.core.templatetags.tiendo import number

from . import alert_services, alerting, links
from .forms_alerts import ComponentAgenciesForm, DismissAlertForm, LinkProjectForm, SendAlertForm
from .models import Alert, Indicator, IndicatorProject

# the figures an alert keeps, in the order shown; "fraction": a growth rate shown in percent
FIGURES = (
    ("actual", gettext_lazy("Published growth"), "fraction"),
    ("planned", gettext_lazy("Planned growth"), "fraction"),
    ("gap_points", gettext_lazy("Gap (percentage points)"), "points"),
    ("effect_points", gettext_lazy("Effect on the quarter's GRDP growth (points)"), "points"),
    ("required", gettext_lazy("Growth required in the remaining quarters"), "fraction"),
    ("highest_planned", gettext_lazy("Highest quarterly growth planned"), "fraction"),
    ("excess_points", gettext_lazy("Excess (percentage points)"), "points"),
    ("target_growth", gettext_lazy("Growth target of the year"), "fraction"),
    ("ytd_growth", gettext_lazy("Growth so far"), "fraction"),
    ("annual_estimate", gettext_lazy("Estimate for the year"), "fraction"),
    ("value", gettext_lazy("Latest value"), "value"),
    ("expected", gettext_lazy("Expected by now"), "value"),
    ("shortfall_percent", gettext_lazy("Ahead (+) or behind (−) what was due (%)"), "points"),
    ("threshold_points", gettext_lazy("Threshold (percentage points)"), "points"),
    ("publication", gettext_lazy("Publication"), "text"),
    ("scenario", gettext_lazy("Scenario"), "text"),
    ("document", gettext_lazy("Deciding document"), "text"),
)


def _shown(value, kind: str, unit: str) -> str:
    if value is None or value == "":
        return "—"
    if kind == "text":
        return str(value)
    if kind == "fraction" or (kind == "value" and unit == "%"):
        return f"{number(Decimal(str(value)) * 100, 2)} %"
    if kind == "points":
        return number(Decimal(str(value)), 2).replace("-", "−")  # a minus sign, as the scenario's gaps
    return f"{number(Decimal(str(value)), 2)} {unit}".strip()


def _unit(indicator: Indicator) -> str:
    """The indicator's unit in the page's language (the stored figures keep the Vietnamese task text's)."""
    if indicator.unit == Indicator.Unit.PERCENT:
        return "%"
    return "" if indicator.unit == Indicator.Unit.COUNT else str(indicator.get_unit_display())


def figure_rows(alert: Alert) -> list[tuple[str, str]]:
    """The alert's figures as label and text, in the user's language's number format."""
    figures = alert.figures or {}
    unit = _unit(alert.indicator)
    return [(label, _shown(figures[key], kind, unit)) for key, label, kind in FIGURES if key in figures]


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


@require_GET
def alert_list(request):
    access.require(request.user, "read_targets")
    year = _year(request)
    state = request.GET.get("state", Alert.State.PROPOSED)
    alerts = access.visible(request.user, Alert).filter(year=year).select_related("indicator", "agency", "task")
    if state in Alert.State.values:
        alerts = alerts.filter(state=state)
    alerts = list(alerts.order_by("state", "quarter", "kind", "component", "pk"))
    for alert in alerts:
        alert.rows = figure_rows(alert)
    context = {
        "alerts": alerts,
        "year": year,
        "state": state,
        "states": Alert.State.choices,
        "can_send": access.can(request.user, "send_target_alerts"),
        "can_manage": access.can(request.user, "manage_targets"),
        "threshold": Decimal(str(alerting.shortfall_points())),
    }
    return render(request, "targets/alerts_list.html", context)


@require_POST
def alert_check(request):
    """Run the check now (it also runs after each publication)."""
    access.require(request.user, "manage_targets")
    year = _year(request)
    found = alerting.check_alerts(year, actor=request.user)
    new = sum(1 for alert in found if alert.outcome == "new")
    updated = sum(1 for alert in found if alert.outcome == "updated")
    messages.success(
        request,
        _("Check of %(year)d: %(new)d new alerts, %(updated)d updated.")
        % {"year": year, "new": new, "updated": updated},
    )
    return redirect(f"{reverse('targets:alerts')}?year={year}")


def _detail_context(request, alert: Alert, send_form=None, dismiss_form=None) -> dict:
    can_send = access.can(request.user, "send_target_alerts") and alert.state == Alert.State.PROPOSED
    if can_send:
        send_form = send_form or SendAlertForm(user=request.user, alert=alert)
        dismiss_form = dismiss_form or DismissAlertForm(initial={"version": alert.version})
    return {
        "alert": alert,
        "rows": figure_rows(alert),
        "send_form": send_form if can_send else None,
        "dismiss_form": dismiss_form if can_send else None,
        "entries": history_entries(alert),
        "links": links.panel(alert.indicator, alert.year, request.user),
    }


def _alert(request, pk) -> Alert:
    queryset = Alert.objects.select_related("indicator", "agency", "task", "decided_by")
    return access.get_or_404(request.user, Alert, queryset=queryset, pk=pk)


@require_GET
def alert_detail(request, pk):
    alert = _alert(request, pk)
    return render(request, "targets/alerts_detail.html", _detail_context(request, alert))


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_POST
def alert_send(request, pk):
    alert = _alert(request, pk)
    access.require(request.user, "send_target_alerts")
    form = SendAlertForm(request.POST, user=request.user, alert=alert)
    if form.is_valid():
        data = form.cleaned_data
        try:
            task = alert_services.send_alert(
                alert,
                actor=request.user,
                text=data["text"],
                deadline=data["deadline"],
                agency=data["agency"],
                expected_version=data.get("version"),
            )
        except StaleVersion as stale:
            form.add_error(None, stale.messages[0])
            form.data = form.data.copy()
            form.data["version"] = stale.current
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("The alert was sent as a task to %(agency)s.") % {"agency": task.lead_agency})
            return redirect("directives:task", task.pk)
    alert = _alert(request, pk)
    return render(request, "targets/alerts_detail.html", _detail_context(request, alert, send_form=form), status=400)


@require_POST
def alert_dismiss(request, pk):
    alert = _alert(request, pk)
    access.require(request.user, "send_target_alerts")
    form = DismissAlertForm(request.POST)
    if form.is_valid():
        try:
            alert_services.dismiss_alert(
                alert,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersion as stale:
            form.add_error(None, stale.messages[0])
            form.data = form.data.copy()
            form.data["version"] = stale.current
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("The alert was dismissed."))
            return redirect(f"{reverse('targets:alerts')}?year={alert.year}")
    alert = _alert(request, pk)
    return render(request, "targets/alerts_detail.html", _detail_context(request, alert, dismiss_form=form), status=400)


@require_http_methods(["GET", "POST"])
def component_agencies(request):
    """Who answers for each GRDP component: its shortfalls are proposed to that agency."""
    access.require(request.user, "read_targets")
    can_manage = access.can(request.user, "manage_targets")
    if request.method == "POST":
        access.require(request.user, "manage_targets")
        form = ComponentAgenciesForm(request.POST, user=request.user)
        if form.is_valid():
            for component, agency in form.cleaned_data.items():
                row = form.rows.get(component)
                if agency is not None and (row is None or row.agency_id != agency.pk):
                    alert_services.save_component_agency(component, agency, actor=request.user)
            messages.success(request, _("The components' agencies were saved."))
            return redirect("targets:alert_agencies")
    else:
        form = ComponentAgenciesForm(user=request.user)
    agencies = alerting.component_agencies()
    rows = [(form[name], agencies.get(name)) for name in form.fields]
    return render(request, "targets/alerts_agencies.html", {"form": form, "rows": rows, "can_manage": can_manage})


def _back(request) -> str:
    """Where the panel's form was: a page of this site, else the alerts."""
    back = request.POST.get("next") or ""
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return reverse("targets:alerts")


@require_POST
def link_add(request, code):
    """A project the indicator depends on in a year; back to where the panel was shown."""
    access.require(request.user, "manage_targets")
    indicator = access.get_or_404(request.user, Indicator, code=code)
    form = LinkProjectForm(request.POST, user=request.user)
    back = _back(request)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        messages.error(request, _("Give the year."))
        return redirect(back)
    if form.is_valid():
        try:
            alert_services.link_project(
                indicator, form.cleaned_data["project"], year, actor=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("The project was linked to the indicator."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(back)


@require_POST
def link_remove(request, pk):
    access.require(request.user, "manage_targets")
    link = access.get_or_404(request.user, IndicatorProject, pk=pk)
    alert_services.unlink_project(link, actor=request.user)
    messages.success(request, _("The project was unlinked from the indicator."))
    return redirect(_back(request))
