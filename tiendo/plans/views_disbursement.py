"""Disbursement on the web: the Treasury import, S-curves of a plan and of a project, slow projects and the draft
capital transfer, and the year's dashboard. Thin views over the disbursement package and dashboards.py."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tiendo.core import access as core_access
from tiendo.core import fragments
from tiendo.core.fields import DayField, DecimalCommaField
from tiendo.core.templatetags.tiendo import number
from tiendo.domain.access import plan_scope
from tiendo.domain.disbursement import DeadlineReason, Projection
from tiendo.domain.messages import render_stored
from tiendo.domain.money import format_number
from tiendo.jobs.models import Job
from tiendo.jobs.views import get_job_for_user

from . import charts, dashboards, disbursement
from .access import get_plan_for_user
from .jobs import queue_disbursement_import
from .models import TIER_LABELS, Disbursement, Plan, PlanItem

PAGE_SIZE = 50


def _annual_plan_for_user(user, plan_id) -> Plan:
    plan = get_plan_for_user(user, plan_id)
    if plan.kind != Plan.Kind.ANNUAL:
        raise Http404
    return plan


def _require_manager(user) -> None:
    core_access.require(user, "manage_plans")


class AsOfForm(forms.Form):
    as_of = DayField(label=gettext_lazy("As of"), required=False)

    def day(self):
        return (self.cleaned_data.get("as_of") if self.is_valid() else None) or timezone.localdate()


def _deadline_labels(deadlines) -> list[tuple]:
    """The legal deadlines as the chart labels them: the normal one, then capital added late or extended."""
    labels = []
    for found in deadlines:
        text = found.day.strftime("%d/%m/%Y")
        if found.reason == DeadlineReason.NORMAL:
            labels.append((found.day, _("Deadline %(day)s") % {"day": text}))
        else:
            labels.append((found.day, _("Added or extended capital: %(day)s") % {"day": text}))
    return labels


def curve_chart(curve: disbursement.Curve, series: list | None = None, today=None) -> charts.SCurve:
    """The S-curve of one curve (or several labelled ones) against the target path and the deadlines."""
    series = series if series is not None else [(_("Disbursed"), curve.points())]
    return charts.s_curve(
        curve.start,
        curve.end,
        series,
        target=curve.target,
        target_label=_("Target"),
        deadlines=_deadline_labels(curve.deadlines),
        today=today,
    )


# Import ----------------------------------------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Treasury report (.xlsx, .xls, .ods or .csv)"))
    dry_run = forms.BooleanField(label=gettext_lazy("Check only, write nothing"), required=False)
    partial = forms.BooleanField(
        label=gettext_lazy("Write the valid rows even if some rows have errors"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(disbursement.EXTENSIONS):
            raise forms.ValidationError(_("Only .xlsx, .xls, .ods and .csv files can be imported."))
        return upload


UNITS_READ = "đồng, triệu đồng, tỷ đồng"  # the units a header may name in brackets, as the files write them


def _column_hints() -> dict[str, str]:
    """How to fill each column, in the page's language (the template's guide sheet keeps the COLUMNS' hints)."""
    headers = {column.field: column.header for column in disbursement.COLUMNS}
    return {
        "project": _("Required. The project's code in tiendo."),
        "name": _("Optional, only to help people check the rows; it is not read."),
        "source": _("Required. The code or name of the detailed capital source (see the “%(sheet)s” sheet).")
        % {"sheet": disbursement.SOURCES_SHEET},
        "month": _(
            "Required. The month of the disbursement as mm/yyyy (e.g. 03/2025); the last day of the period "
            "(31/03/2025) or the month written in words is read too. From January of the plan year to December of "
            "the next year."
        ),
        "monthly": _(
            "The amount disbursed in the month, in the unit written in brackets in the header (%(units)s). This "
            "column or the “%(cumulative)s” column is needed (or both)."
        )
        % {"units": UNITS_READ, "cumulative": headers["cumulative"]},
        "cumulative": _(
            "Disbursed since the start of the plan year up to the end of the month. Without the “%(monthly)s” "
            "column, the month's amount = this month's cumulative amount − what was disbursed up to the end of the "
            "month before (in the file or in tiendo). A cumulative amount may not fall."
        )
        % {"monthly": headers["monthly"]},
    }


@require_http_methods(["GET", "POST"])
def disbursement_import(request, plan_id):
    plan = _annual_plan_for_user(request.user, plan_id)
    _require_manager(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        job = _start_import(request, plan, form)
        if not job.finished:
            return redirect("jobs:detail", pk=job.pk)
        if job.status == Job.Status.DONE:
            result = job.result
        else:
            form.add_error("file", job.result.get("file_rejected") or job.message_text)
    elif request.GET.get("job", "").isdigit():  # back from a finished job's page
        job = get_job_for_user(request.user, int(request.GET["job"]))
        if job.kind == "plans.disbursement_import" and job.params.get("plan") == plan.pk and job.result:
            result = job.result if "file_rejected" not in job.result else None
    hints = _column_hints()
    context = {
        "plan": plan,
        "form": form,
        "result": result,
        "columns": [(column, hints.get(column.field, column.hint)) for column in disbursement.COLUMNS],
        "guide_sheet": disbursement.GUIDE_SHEET,
    }
    return render(request, "plans/disbursement_import.html", context)


def _start_import(request, plan: Plan, form: ImportForm) -> Job:
    """Keep the upload where the worker can read it and queue the import (checked, then written in one go)."""
    return queue_disbursement_import(
        plan,
        form.cleaned_data["file"],
        actor=request.user,
        dry_run=form.cleaned_data["dry_run"],
        partial=form.cleaned_data["partial"],
    )


@require_GET
def disbursement_template(request, plan_id):
    plan = _annual_plan_for_user(request.user, plan_id)
    _require_manager(request.user)
    target = io.BytesIO()
    disbursement.blank_template(target, plan)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=f"mau-giai-ngan-{plan.first_year}.xlsx")


# A plan's disbursement -------------------------------------------------------------------------------------------


@require_GET
def disbursement_plan(request, plan_id):
    plan = _annual_plan_for_user(request.user, plan_id)
    scope = disbursement.scope_for(request.user)
    form = AsOfForm(request.GET or None)
    as_of = form.day()
    version = plan.current_version()
    curve = disbursement.plan_curve(plan, scope, as_of, version=version)
    by_source = disbursement.source_curves(plan, scope, as_of, version)
    series = [(_("All sources"), curve.points())] + [(s.display_name, c.points()) for s, c in by_source]
    q = request.GET.get("q", "")
    rows = disbursement.project_rows(plan, scope, version, as_of, q)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "plan": plan,
        "version": version,
        "form": form,
        "as_of": as_of,
        "curve": curve,
        "chart": curve_chart(curve, today=as_of),
        "source_chart": curve_chart(curve, series, today=as_of),
        "by_source": by_source,
        "page": page,
        "q": q,
        "can_manage": core_access.can(request.user, "manage_plans"),
        "sees_all": core_access.can(request.user, "see_everything"),
    }
    return render(request, "plans/disbursement_plan.html", context)


@require_GET
def disbursement_project(request, plan_id, code):
    plan = _annual_plan_for_user(request.user, plan_id)
    version = plan.current_version()
    scope = disbursement.scope_for(request.user)
    try:
        item = (
            scope.items(version)
            .select_related("project", "project__agency", "project__commune")
            .get(project__code=code)
        )
    except PlanItem.DoesNotExist:
        raise Http404 from None
    project = item.project
    scope = scope.but(project_id=project.pk)
    form = AsOfForm(request.GET or None)
    as_of = form.day()
    curve = disbursement.plan_curve(plan, scope, as_of, version=version)
    by_source = disbursement.source_curves(plan, scope, as_of, version)
    series = [(_("All sources"), curve.points())] + [(s.display_name, c.points()) for s, c in by_source]
    monthly = {}
    for source_id, month, amount in Disbursement.objects.filter(plan=plan, project=project).values_list(
        "source_id", "month", "amount"
    ):
        monthly[source_id, month] = amount
    sources = [s for s, _c in by_source]
    for row in curve.months:  # a month after the as-of day, or not reported yet, shows nothing
        row.by_source = [monthly.get((s.pk, row.month)) if row.disbursed is not None else None for s in sources]
    context = {
        "plan": plan,
        "version": version,
        "item": item,
        "project": project,
        "form": form,
        "as_of": as_of,
        "curve": curve,
        "chart": curve_chart(curve, series if len(by_source) > 1 else None, today=as_of),
        "by_source": by_source,
        "sources": sources,
        "deadline": disbursement.item_deadline(plan, version, item.capital_added_on, item.extended_until),
        "status": disbursement.project_status(plan, item, as_of, disbursement.default_thresholds(plan)),
    }
    return render(request, "plans/disbursement_project.html", context)


# Slow projects and the transfer -----------------------------------------------------------------------------------


class SlowForm(forms.Form):
    """The thresholds of "slow" (the province's choice; defaults from TIENDO_DISB_* settings) and the day judged."""

    as_of = DayField(label=gettext_lazy("As of"), required=False)
    behind = DecimalCommaField(
        label=gettext_lazy("Slow: behind the target path by at least (percentage points)"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=Decimal(100),
        decimal_places=2,
    )
    stalled = forms.IntegerField(
        label=gettext_lazy("Stalled: whole months without disbursement"), required=False, min_value=1, max_value=24
    )
    zero_after = forms.RegexField(
        label=gettext_lazy("Stalled: nothing disbursed after (dd/mm)"),
        required=False,
        regex=r"^\d{1,2}/\d{1,2}$",
        widget=forms.TextInput(attrs={"placeholder": "30/06", "size": 6}),
    )
    projection = forms.ChoiceField(
        label=gettext_lazy("Projection to the deadline"),
        required=False,
        choices=[
            ("linear", gettext_lazy("at the average pace so far")),
            ("target_path", gettext_lazy("keeping its share of the target path")),
        ],
    )
    pace = forms.ChoiceField(
        label=gettext_lazy("Show"),
        required=False,
        choices=[
            ("", gettext_lazy("All slow projects")),
            ("stalled", gettext_lazy("Stalled")),
            ("slow", gettext_lazy("Slow")),
            ("at_risk", gettext_lazy("At risk")),
        ],
    )

    def clean_zero_after(self):
        text = self.cleaned_data.get("zero_after")
        if text:
            day, month = (int(part) for part in text.split("/"))
            try:
                date(2001, month, day)
            except ValueError:
                raise forms.ValidationError(_("Not a day of the year: %(day)s.") % {"day": text}) from None
            return (month, day)
        return None

    def thresholds(self, plan: Plan):
        data = self.cleaned_data if self.is_valid() else {}
        return disbursement.default_thresholds(
            plan,
            behind_points=data.get("behind"),
            stalled_months=data.get("stalled"),
            zero_after=data.get("zero_after"),
            projection=Projection(data["projection"]) if data.get("projection") else None,
        )

    def day(self):
        return (self.cleaned_data.get("as_of") if self.is_valid() else None) or timezone.localdate()


def _slow_form(data, plan: Plan) -> SlowForm:
    """The form with the settings' thresholds in the fields the request leaves empty."""
    defaults = disbursement.default_thresholds(plan)
    values = {
        "behind": format_number(defaults.behind_points, 2).rstrip("0").rstrip(","),
        "stalled": str(defaults.stalled_months),
        "zero_after": f"{defaults.zero_after[1]:02d}/{defaults.zero_after[0]:02d}",
        "projection": defaults.projection.value,
    }
    values.update({key: value for key, value in data.items() if value not in ("", None)})
    return SlowForm(values)


@require_GET
def disbursement_slow(request, plan_id):
    plan = _annual_plan_for_user(request.user, plan_id)
    scope = disbursement.scope_for(request.user)
    form = _slow_form(request.GET, plan)
    as_of, thresholds = form.day(), form.thresholds(plan)
    found = disbursement.slow_projects(plan, scope, as_of, thresholds)
    pace = form.cleaned_data.get("pace") if form.is_valid() else ""
    counts = {p: sum(1 for f in found if f.result.pace == p) for p in disbursement.SLOW_PACES}
    shown = [f for f in found if f.result.pace == pace] if pace else found
    if request.GET.get("format") == "xlsx":
        target = io.BytesIO()
        disbursement.slow_workbook(plan, shown, as_of, thresholds, target)
        target.seek(0)
        name = f"du-an-giai-ngan-cham-{plan.first_year}-{as_of:%Y%m%d}.xlsx"
        return FileResponse(target, as_attachment=True, filename=name)
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "plan": plan,
        "form": form,
        "as_of": as_of,
        "thresholds": thresholds,
        "page": page,
        "counts": [(p, p.label, counts[p]) for p in disbursement.SLOW_PACES],
        "total": len(found),
        "undisbursable": sum(f.result.undisbursable for f in found),
        "can_transfer": core_access.can(request.user, "manage_plans"),
        "sees_all": core_access.can(request.user, "see_everything"),
        "query": request.GET.urlencode(),
        # the thresholds in words on the page; the settings that hold the defaults only for an administrator
        "behind_points": number(thresholds.behind_points, 0 if thresholds.behind_points % 1 == 0 else 2),
        "zero_after": f"{thresholds.zero_after[1]:02d}/{thresholds.zero_after[0]:02d}",
        "projection_label": dict(SlowForm.base_fields["projection"].choices).get(thresholds.projection.value, ""),
        "shows_settings": core_access.can(request.user, "manage_users"),
    }
    return render(request, "plans/disbursement_slow.html", context)


class TransferForm(SlowForm):
    pass


@require_POST
def disbursement_transfer(request, plan_id):
    plan = _annual_plan_for_user(request.user, plan_id)
    _require_manager(request.user)
    form = TransferForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
        return redirect("plans:disbursement_slow", plan_id=plan.pk)
    try:
        proposal = disbursement.propose_transfer(
            plan, actor=request.user, as_of=form.day(), thresholds=form.thresholds(plan)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("plans:disbursement_slow", plan_id=plan.pk)
    if proposal.version is None:
        messages.warning(
            request,
            _("Nothing to transfer: no slow project can release capital that a project on pace could use."),
        )
        return render(request, "plans/disbursement_transfer.html", _transfer_context(plan, proposal.as_dict(), None))
    messages.success(
        request,
        _(
            "A draft capital transfer was created: %(title)s. Review it, compare it with the plan in force, "
            "then approve it."
        )
        % {"title": proposal.version.title},
    )
    return redirect("plans:disbursement_transfer_result", plan_id=plan.pk, version_id=proposal.version.pk)


@require_GET
def disbursement_transfer_result(request, plan_id, version_id):
    plan = _annual_plan_for_user(request.user, plan_id)
    if not core_access.can(request.user, "see_everything"):
        raise Http404
    draft = plan.versions.filter(pk=version_id, purpose="transfer").first()
    if draft is None or "transfer" not in (draft.allocation or {}):
        raise Http404
    return render(
        request, "plans/disbursement_transfer.html", _transfer_context(plan, draft.allocation["transfer"], draft)
    )


def _transfer_context(plan: Plan, summary: dict, draft) -> dict:
    if isinstance(summary["as_of"], str):
        summary = summary | {"as_of": date.fromisoformat(summary["as_of"])}
    language = get_language() or "vi"
    for donor in summary["donors"]:  # the reasons in the page's language; a transfer stored before: its Vietnamese
        stored = donor.get("messages") or []
        said = [render_stored(m, "", language) for m in stored]
        donor["said"] = " ".join(said) if stored and all(said) else " ".join(donor["reasons"])
    for receiver in summary["receivers"]:
        receiver["tier_label"] = TIER_LABELS.get(receiver["tier"], receiver["tier"])
        receiver["percent"] = Decimal(str(receiver["percent"]))  # stored as JSON
    return {"plan": plan, "summary": summary, "draft": draft}


# The dashboard ---------------------------------------------------------------------------------------------------


class DashboardForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int, required=False)
    as_of = DayField(label=gettext_lazy("Disbursed as of"), required=False)
    area = forms.ChoiceField(
        label=gettext_lazy("Places"),
        required=False,
        choices=[
            ("", gettext_lazy("By the year")),
            ("commune", gettext_lazy("Communes and wards (since 01/07/2025)")),
            ("district", gettext_lazy("Districts of the time (before 01/07/2025)")),
        ],
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


@require_GET
def dashboard(request):
    if not core_access.can(request.user, "read_plans"):
        raise Http404
    scope = disbursement.scope_for(request.user)
    today = timezone.localdate()
    years = sorted(set(dashboards.plan_years()) | {today.year}, reverse=True)
    form = DashboardForm(request.GET or None, years=years)
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("year") or today.year
    as_of = data.get("as_of") or today
    area = data.get("area") or ""
    context = {
        "form": form,
        "year": year,
        "as_of": as_of,
        "own_agency": not core_access.can(request.user, "see_everything"),
    }
    # the same for everyone who sees the same projects: built once per change of the plans' data
    parts = ["dashboard", fragments.scope_key(request.user, plan_scope), year, as_of, area]
    context |= fragments.cached("plans", parts, lambda: _dashboard_figures(scope, year, as_of, area))
    return render(request, "plans/dash_year.html", context)


def _dashboard_figures(scope, year: int, as_of: date, area: str) -> dict:
    board = dashboards.dashboard(scope, year, as_of, area=area)
    figures: dict = {"board": board}
    if board.plan is not None:
        plan_url = f"/plans/{board.plan.pk}/disbursement/"
        figures["chart"] = curve_chart(board.curve, today=as_of)
        target, behind = board.curve.target_now, disbursement.default_thresholds(board.plan).behind_points

        def bars(table, limit=None):
            rows = [(r.label, r.planned, r.disbursed, "") for r in table.rows[:limit]]
            return charts.bars(rows, target=target, behind=behind)

        figures["source_bars"] = bars(board.by_source)
        figures["agency_bars"] = bars(board.by_agency, 25)
        figures["area_bars"] = bars(board.by_area, 25)
        figures["behind"] = behind
        figures["plan_url"] = plan_url
    html = render_to_string("plans/dash_figures.html", {**figures, "year": year, "as_of": as_of})
    return {"board": board, "figures": html}


@require_GET
def dashboard_card(request):
    """The overview's small card (loaded by htmx): this year's disbursement rate against the target."""
    if not core_access.can(request.user, "read_plans"):
        return HttpResponse("")
    today = timezone.localdate()

    def build():
        plan = dashboards.annual_plan(today.year)
        if plan is None:
            return None
        return plan, disbursement.plan_curve(plan, disbursement.scope_for(request.user), today)

    found = fragments.cached("plans", ["card", fragments.scope_key(request.user, plan_scope), today], build)
    if found is None:
        return HttpResponse("")
    plan, curve = found
    return render(request, "plans/dash_card.html", {"plan": plan, "curve": curve})
