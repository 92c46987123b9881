"""The GRDP scenario pages: a year's versions and the table of one of them against the published figures, the path
chart, the monthly summary paragraph, the grid that edits a draft, adoption, revision and the Excel export. Thin
views over scenario_table (the figures, all from tiendo.domain.growth), the services and the forms."""

from __future__ import annotations

import io
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tiendo.audit.history import history_entries
from tiendo.audit.versions import StaleVersion
from tiendo.core import access
from tiendo.domain import growth

from . import scenario_chart, scenario_services, scenario_table, services
from . import scenario_export as export
from .models import GrowthFigure, Indicator, Scenario, Summary, Target
from .scenario_forms import AdoptForm, ReviseForm, ScenarioForm, SummaryForm

STATUS_LABELS = {
    growth.Status.MET: ("ok", "●"),
    growth.Status.ON_TRACK: ("ok", "●"),
    growth.Status.AT_RISK: ("warn", "▲"),
    growth.Status.OFF_TRACK: ("bad", "■"),
    growth.Status.NO_DATA: ("", "○"),
}


def _status_text(status: growth.Status) -> str:
    return {
        growth.Status.MET: pgettext("scenario", "Met"),
        growth.Status.ON_TRACK: pgettext("scenario", "On track"),
        growth.Status.AT_RISK: pgettext("scenario", "At risk"),
        growth.Status.OFF_TRACK: pgettext("scenario", "Off track"),
        growth.Status.NO_DATA: pgettext("scenario", "No data yet"),
    }[status]


def _periods() -> list[str]:
    return [
        pgettext("scenario", "Q1"),
        pgettext("scenario", "6 months"),
        pgettext("scenario", "9 months"),
        _("Year"),
    ]


def _scenario(user, pk) -> Scenario:
    access.require(user, "read_targets")
    return access.get_or_404(user, Scenario, pk=pk)


def _managed(user, pk) -> Scenario:
    access.require(user, "manage_targets")
    return access.get_for_change_or_404(user, Scenario, pk=pk)


@require_GET
def scenario_list(request):
    access.require(request.user, "read_targets")
    versions = access.visible(request.user, Scenario).select_related("based_on").order_by("-year", "-pk")
    years: dict[int, list[Scenario]] = {}
    for version in versions:
        years.setdefault(version.year, []).append(version)
    context = {"years": years, "can_manage": access.can(request.user, "manage_targets")}
    return render(request, "targets/scenarios_list.html", context)


def _chosen(request, year: int) -> tuple[list[Scenario], Scenario | None]:
    versions = list(access.visible(request.user, Scenario).filter(year=year).select_related("based_on"))
    wanted = request.GET.get("version", "")
    chosen = next((v for v in versions if str(v.pk) == wanted), None)
    if chosen is None and versions:
        current = services.adopted_scenario(year)
        chosen = next((v for v in versions if current and v.pk == current.pk), versions[0])
    return versions, chosen


def _chart_context(table) -> dict:
    path = scenario_table.path(table)
    labels = {
        "actual": pgettext("scenario", "Published"),
        "scenario": pgettext("scenario", "Scenario"),
        "estimate": _("Published, then the scenario"),
        "required": _("Required to meet the target"),
        "target": _("Target"),
    }
    mark = "," if (get_language() or "vi").startswith("vi") else "."
    chart = scenario_chart.path_chart(path, periods=_periods(), labels=labels, mark=mark)
    return {"chart": chart, "path": path, "chart_labels": labels, "periods": _periods()}


@require_GET
def scenario_year(request, year: int):
    access.require(request.user, "read_targets")
    versions, chosen = _chosen(request, year)
    context = {"year": year, "versions": versions, "scenario": chosen}
    context["can_manage"] = access.can(request.user, "manage_targets")
    if chosen is not None:
        try:
            table = scenario_table.build(chosen, request.user)
        except growth.InvalidScenario as error:
            context["invalid"] = str(error)
        else:
            status = table.status
            context |= dict(
                table=table,
                result=table.result,
                status=status,
                status_text=_status_text(status),
                status_shape=STATUS_LABELS[status],
                **_chart_context(table),
                **_summary_context(request, table),
            )
        compare = next((v for v in versions if str(v.pk) == request.GET.get("compare", "")), None)
        if compare is None and chosen.based_on_id:
            compare = next((v for v in versions if v.pk == chosen.based_on_id), None)
        if compare is not None and compare.pk != chosen.pk:
            context["compare"] = compare
            context["changes"] = scenario_table.changes(compare, chosen)
        context["adopt_form"] = AdoptForm(initial={"version": chosen.version, "document": chosen.document})
        context["revise_form"] = ReviseForm()
        context["entries"] = history_entries(chosen)
    return render(request, "targets/scenarios_year.html", context)


# The monthly summary -----------------------------------------------------------------------------------------------


def _drafted(table) -> str:
    return growth.draft_paragraph(table.result)


def _summary_context(request, table) -> dict:
    saved = access.visible(request.user, Summary).filter(year=table.scenario.year, months=table.months).first()
    drafted = _drafted(table)
    redraft = request.GET.get("redraft") == "1"
    initial = {"text": drafted if redraft or saved is None else saved.text, "drafted_text": drafted}
    form = SummaryForm(instance=saved, initial=initial) if access.can(request.user, "manage_targets") else None
    return {"summary": saved, "drafted": drafted, "summary_form": form, "redraft": redraft}


@require_http_methods(["GET", "POST"])
def scenario_summary(request, year: int, months: int):
    """A period's saved paragraph and its history; POST saves the edited text."""
    access.require(request.user, "read_targets")
    if months not in (0, 3, 6, 9, 12):
        raise Http404
    saved = access.visible(request.user, Summary).filter(year=year, months=months).first()
    form = None
    if saved is not None and access.can(request.user, "manage_targets"):
        form = SummaryForm(instance=saved, initial={"drafted_text": saved.drafted_text})
    if request.method == "POST":
        access.require(request.user, "manage_targets")
        summary = saved or Summary(year=year, months=months)
        form = SummaryForm(request.POST, instance=summary)
        if form.is_valid():
            summary = form.save(commit=False)
            summary.drafted_text = form.cleaned_data.get("drafted_text") or summary.drafted_text
            try:
                scenario_services.save_summary(summary, actor=request.user, expected_version=form.expected_version)
            except StaleVersion as stale:
                form.refuse_stale(stale)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The paragraph was saved."))
                return redirect(reverse("targets:scenario_year", args=[year]) + "#summary")
    context = {
        "year": year,
        "months": months,
        "summary": saved,
        "form": form,
        "entries": history_entries(saved) if saved else [],
    }
    return render(request, "targets/scenarios_summary.html", context)


# Editing -----------------------------------------------------------------------------------------------------------


def _cells(scenario: Scenario) -> dict:
    return {(c.component, c.sector_id, c.quarter): (c.base, c.growth) for c in scenario.cells.all()}


def _previous_year_levels(request, year: int) -> dict:
    """The previous year's GRDP at comparable prices by component and quarter, where the figures in force give their
    level: the base a new scenario starts from."""
    rows = access.visible(request.user, GrowthFigure).filter(
        year=year - 1, replaced_by__isnull=True, level__isnull=False
    )
    return {(f.component, f.sector_id, f.quarter): (f.level, None) for f in rows}


def _year_target(year: int) -> Decimal | None:
    """The People's Council's GRDP growth target of the year (its lower end), as a fraction."""
    target = Target.objects.filter(indicator__code=Indicator.GRDP_GROWTH, kind=Target.Kind.YEAR, year=year).first()
    return None if target is None else target.low / 100


@require_http_methods(["GET", "POST"])
def scenario_new(request):
    access.require(request.user, "manage_targets")
    year = request.GET.get("year", "")
    initial: dict = {}
    cells: dict = {}
    if year.isdigit() and 1900 < int(year) < 2200:
        initial["year"] = int(year)
        cells = _previous_year_levels(request, int(year))
        if (target := _year_target(int(year))) is not None:
            initial["target_growth"] = target
    form = ScenarioForm(request.POST or None, instance=Scenario(), initial=initial, cells=cells)
    if request.method == "POST" and form.is_valid():
        scenario = _save(request, form, reason=pgettext("scenario", "Created"))
        if scenario is not None:
            messages.success(request, _("The draft was saved."))
            return redirect(reverse("targets:scenario_year", args=[scenario.year]) + f"?version={scenario.pk}")
    return render(request, "targets/scenarios_edit.html", {"form": form, "scenario": None, "from_levels": bool(cells)})


def _save(request, form: ScenarioForm, *, reason: str):
    try:
        return form.save_with(scenario_services.save_draft, cells=form.cells, actor=request.user, reason=reason)
    except ValidationError as error:
        form.add_error(None, error)
        return None


@require_http_methods(["GET", "POST"])
def scenario_edit(request, pk: int):
    scenario = _managed(request.user, pk)
    if scenario.status == Scenario.Status.ADOPTED:
        messages.warning(request, _("An adopted scenario is kept as it was: make a revision of it instead."))
        return redirect(reverse("targets:scenario_year", args=[scenario.year]) + f"?version={scenario.pk}")
    form = ScenarioForm(request.POST or None, instance=scenario, cells=_cells(scenario))
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, reason=_("Cells edited"))
        if saved is not None:
            messages.success(request, _("The draft was saved."))
            return redirect(reverse("targets:scenario_year", args=[saved.year]) + f"?version={saved.pk}")
    context = {"form": form, "scenario": scenario, "entries": history_entries(scenario)}
    return render(request, "targets/scenarios_edit.html", context)


@require_POST
def scenario_adopt(request, pk: int):
    scenario = _managed(request.user, pk)
    form = AdoptForm(request.POST)
    back = reverse("targets:scenario_year", args=[scenario.year]) + f"?version={scenario.pk}"
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(back)
    try:
        services.adopt_scenario(
            scenario,
            actor=request.user,
            adopted_on=form.cleaned_data["adopted_on"],
            document=form.cleaned_data["document"],
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The scenario was adopted; it is kept as it is from now on."))
    return redirect(back)


@require_POST
def scenario_revise(request, pk: int):
    scenario = _managed(request.user, pk)
    form = ReviseForm(request.POST)
    if form.is_valid():
        name = form.cleaned_data["name"].strip()
        if Scenario.objects.filter(year=scenario.year, name=name).exists():
            messages.error(request, _("The year already has a version named “%(name)s”.") % {"name": name})
        else:
            revision = services.revise_scenario(scenario, actor=request.user, name=name)
            messages.success(request, _("A draft revision was made: change its cells, then adopt it."))
            return redirect("targets:scenario_edit", pk=revision.pk)
    else:
        messages.error(request, _("Give the revision a name."))
    return redirect(reverse("targets:scenario_year", args=[scenario.year]) + f"?version={scenario.pk}")


@require_GET
def scenario_export(request, pk: int):
    scenario = _scenario(request.user, pk)
    try:
        table = scenario_table.build(scenario, request.user)
    except growth.InvalidScenario as error:
        messages.error(request, str(error))
        return redirect(reverse("targets:scenario_year", args=[scenario.year]) + f"?version={scenario.pk}")
    target = io.BytesIO()
    export.write_workbook(table, target)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=export.workbook_name(table))
