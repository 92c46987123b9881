"""The per-agency table and the six-monthly report: thin views over stats.py. Bad dates are refused on the page
with the form's Vietnamese error; the workbook of a bad request goes back to the page that explains it."""

import io
from datetime import date

from django import forms
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from tiendo.core import access
from tiendo.core.fields import DayField
from tiendo.domain.petitions.report import Period

from . import stats
from .models import Channel, Kind, Topic


class PeriodForm(forms.Form):
    """Empty dates mean this year to date."""

    start = DayField(label=_("From"), required=False)
    end = DayField(label=_("To"), required=False)

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["start"].initial = date(self.today.year, 1, 1)
        self.fields["end"].initial = self.today

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the period is after its end."))
        return data

    def period(self) -> Period:
        data = self.cleaned_data if self.is_bound else {}
        end = data.get("end") or self.today
        start = data.get("start") or date(end.year, 1, 1)
        if start > end:
            end = start
        return Period(start, end)


class HalfForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    half = forms.TypedChoiceField(
        label=_("Half-year"),
        coerce=int,
        required=False,
        choices=[(1, _("First half (1/1–30/6)")), (2, _("Second half (1/7–31/12)"))],
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["year"].initial = self.today.year
        self.fields["half"].initial = 1 if self.today.month <= 6 else 2

    def chosen(self) -> tuple[int, int]:
        data = self.cleaned_data if self.is_bound else {}
        return data.get("year") or self.today.year, data.get("half") or (1 if self.today.month <= 6 else 2)


def _allowed(request) -> None:
    access.require(request.user, stats.CAPABILITY)


@require_GET
def agencies(request):
    _allowed(request)
    form = PeriodForm(request.GET or None)
    table = None
    if not form.is_bound or form.is_valid():
        table = stats.build_agency_table(request.user, form.period(), today=form.today)
    return render(
        request,
        "petitions/report_agencies.html",
        {"form": form, "table": table, "query_string": request.GET.urlencode()},
    )


@require_GET
def agencies_xlsx(request):
    _allowed(request)
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('petitions:agencies')}?{request.GET.urlencode()}")
    period = form.period()
    target = io.BytesIO()
    stats.write_agency_workbook(stats.build_agency_table(request.user, period, today=form.today), target)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=stats.agency_download_name(period))


@require_GET
def half_year(request):
    _allowed(request)
    form = HalfForm(request.GET or None)
    named = None
    if not form.is_bound or form.is_valid():
        year, half = form.chosen()
        named = stats.build_half_year(request.user, year, half, today=form.today)
    context = {"form": form, "named": named, "query_string": request.GET.urlencode()}
    if named is not None:
        r = named.report
        context["sections"] = [
            (_("By channel"), named.labelled(r.by_channel, Channel.choices)),
            (
                _("By kind (Decree 20, Art. 9)"),
                named.labelled(r.by_kind, [*Kind.choices, ("", _("Not yet classified"))]),
            ),
            (_("By topic"), named.labelled(r.by_topic, Topic.choices)),
            (_("By result"), named.labelled(r.results, RESULT_LABELS)),
        ]
        context["result_labels"] = [label for _key, label in RESULT_LABELS]
        context["agency_rows"] = [
            (name, counts["received"], [counts[key] for key, _label in RESULT_LABELS])
            for name, _code, counts in named.agency_rows()
        ]
    return render(request, "petitions/report_half_year.html", context)


RESULT_LABELS = [
    ("answered_on_time", _("Answered within the deadline")),
    ("answered_late", _("Answered after the deadline")),
    ("open_in_time", _("Open, within the deadline")),
    ("open_overdue", _("Open, past the deadline")),
    ("not_accepted", _("Not accepted, redirected")),
    ("merged", _("Merged into a duplicate")),
    ("withdrawn", _("Withdrawn by the petitioner")),
]


@require_GET
def half_year_xlsx(request):
    _allowed(request)
    form = HalfForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('petitions:report')}?{request.GET.urlencode()}")
    year, half = form.chosen()
    target = io.BytesIO()
    stats.write_half_year_workbook(stats.build_half_year(request.user, year, half, today=form.today), target)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=stats.half_year_download_name(year, half))
