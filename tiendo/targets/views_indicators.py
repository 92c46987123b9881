"""The year's targets page, each indicator's page, and the forms of the catalogue, the terms and the targets.

Everyone who reads targets (staff and officers) sees the pages; only those who manage targets see the buttons and
reach the forms (others get 403). Every write goes through tiendo.targets.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tiendo.core import access

from . import hooks, indicator_record, services, standing
from .charts_indicators import VALUE_COLOUR, year_chart
from .forms_indicators import IndicatorForm, TargetForm, TermForm
from .models import Indicator, Target, Term

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _require_read(user) -> None:
    if not access.can(user, "read_targets"):
        raise PermissionDenied


def _require_manage(user) -> None:
    if not access.can(user, "manage_targets"):
        raise PermissionDenied


def _year(request) -> int:
    """?year=, else this year; a year that is not a number or out of range is this year."""
    text = request.GET.get("year", "")
    if text.isdecimal() and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text)
    return timezone.localdate().year


def _years_to_choose(year: int, terms: list[Term]) -> list[int]:
    """The years of the term holding `year` (or `year` and its neighbours when no term holds it)."""
    term = next((t for t in terms if t.covers(year)), None)
    if term is None:
        return [year - 1, year, year + 1]
    return list(range(term.first_year, term.last_year + 1))


@require_GET
def year_targets(request):
    _require_read(request.user)
    year = _year(request)
    terms = list(access.visible(request.user, Term))
    rows = standing.year_rows(year, request.user)
    grdp = next((row.grdp for row in rows if row.grdp is not None), None)
    counts = {mark: 0 for mark in standing.Status}
    for row in rows:
        counts[row.status] += 1
    context = {
        "year": year,
        "term": standing.term_of(year),
        "terms": terms,
        "years": _years_to_choose(year, terms),
        "rows": rows,
        "grdp": grdp,
        "counts": [(standing.Mark(status), count) for status, count in counts.items() if count],
        "can_manage": access.can(request.user, "manage_targets"),
    }
    return render(request, "targets/indicators_year.html", context)


@require_GET
def indicator_detail(request, code):
    _require_read(request.user)
    indicator = access.get_or_404(request.user, Indicator, code=code)
    year = _year(request)
    terms = list(access.visible(request.user, Term))
    points = indicator_record.years_of(indicator, request.user, [t for t in terms if t.covers(year)] or terms[:1])
    row = next((r for r in standing.year_rows(year, request.user) if r.indicator.pk == indicator.pk), None)
    context = {
        "indicator": indicator,
        "unit_shown": standing.unit_name(indicator.unit),
        "year": year,
        "row": row,
        "targets": indicator_record.targets_of(indicator, request.user),
        "values": indicator_record.values_of(indicator, request.user),
        "chart": year_chart(points, lambda value: standing.plain(round(value, 2))),
        "value_colour": VALUE_COLOUR,
        "links_panel": hooks.panel_for(indicator, year, request.user),
        "can_manage": access.can(request.user, "manage_targets"),
        "can_report": access.can(request.user, "report_indicator", indicator),
    }
    return render(request, "targets/indicators_detail.html", context)


def _form_page(request, form, *, title, back, record=None):
    return render(
        request, "targets/indicators_form.html", {"form": form, "title": title, "back": back, "record": record}
    )


def _save(form, service, user, **options):
    """The form's record through its service, or None with the service's refusal on the form."""
    try:
        return form.save_with(service, actor=user, **options)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, problems in error.error_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            form.add_error(None, error)
        return None


@require_http_methods(["GET", "POST"])
def indicator_create(request):
    _require_manage(request.user)
    form = IndicatorForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if (indicator := _save(form, services.save_indicator, request.user)) is not None:
            messages.success(request, _("The indicator was added."))
            return redirect("targets:indicator", code=indicator.code)
    return _form_page(request, form, title=_("New indicator"), back=reverse("targets:year"))


@require_http_methods(["GET", "POST"])
def indicator_edit(request, code):
    _require_manage(request.user)
    indicator = access.get_or_404(request.user, Indicator, code=code)
    form = IndicatorForm(request.POST or None, instance=indicator, user=request.user)
    if request.method == "POST" and form.is_valid():
        if _save(form, services.save_indicator, request.user) is not None:
            messages.success(request, _("The indicator was saved."))
            return redirect("targets:indicator", code=indicator.code)
    return _form_page(
        request, form, title=indicator.name, back=reverse("targets:indicator", args=[indicator.code]), record=indicator
    )


@require_http_methods(["GET", "POST"])
def term_create(request):
    _require_manage(request.user)
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if (term := _save(form, services.save_term, request.user)) is not None:
            messages.success(request, _("The term was added."))
            return redirect(f"{reverse('targets:year')}?year={term.first_year}")
    return _form_page(request, form, title=_("New term"), back=reverse("targets:year"))


@require_http_methods(["GET", "POST"])
def term_edit(request, pk):
    _require_manage(request.user)
    term = access.get_or_404(request.user, Term, pk=pk)
    form = TermForm(request.POST or None, instance=term)
    if request.method == "POST" and form.is_valid():
        if _save(form, services.save_term, request.user) is not None:
            messages.success(request, _("The term was saved."))
            return redirect(f"{reverse('targets:year')}?year={term.first_year}")
    return _form_page(
        request, form, title=_("Term %(term)s") % {"term": term}, back=reverse("targets:year"), record=term
    )


@require_http_methods(["GET", "POST"])
def target_create(request, code):
    _require_manage(request.user)
    indicator = access.get_or_404(request.user, Indicator, code=code)
    initial = {"year": _year(request)} if request.GET.get("year") else {}
    form = TargetForm(request.POST or None, instance=Target(indicator=indicator), initial=initial)
    if request.method == "POST" and form.is_valid():
        if _save(form, services.save_target, request.user) is not None:
            messages.success(request, _("The target was added."))
            return redirect("targets:indicator", code=indicator.code)
    title = _("New target: %(indicator)s") % {"indicator": indicator}
    return _form_page(
        request, form, title=title, back=reverse("targets:indicator", args=[indicator.code]), record=indicator
    )


@require_http_methods(["GET", "POST"])
def target_revise(request, pk):
    _require_manage(request.user)
    target = access.get_or_404(request.user, Target, queryset=Target.objects.select_related("indicator"), pk=pk)
    indicator = target.indicator
    form = TargetForm(request.POST or None, instance=target, revising=True)
    if request.method == "POST" and form.is_valid():
        if _save(form, services.save_target, request.user, reason=form.reason) is not None:
            messages.success(request, _("The target was revised; its history keeps what it replaced."))
            return redirect("targets:indicator", code=indicator.code)
    title = _("Revise the target: %(indicator)s") % {"indicator": indicator}
    return _form_page(
        request, form, title=title, back=reverse("targets:indicator", args=[indicator.code]), record=indicator
    )
