"""The per-agency task summary (with its workbook) and the traffic lights: thin views over reports.py."""

import io
from datetime import date
from decimal import Decimal

from django import forms
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from tiendo.agencies.models import Agency
from tiendo.core import access as core_access
from tiendo.core import fragments
from tiendo.core.fields import DayField
from tiendo.core.templatetags.tiendo import number
from tiendo.core.widgets import QuickSelect
from tiendo.domain.access import task_scope

from .access import directives_for_user
from .forms import DirectiveChoiceField, offer_recent_directives
from .reports import (
    SORTS,
    Period,
    SummaryQuery,
    SummaryReport,
    build_summary,
    download_name,
    summary_tasks_for_user,
    thresholds,
    write_workbook,
)
from .reports_html import add_links, dress_lights, dress_summary


class SummaryForm(forms.Form):
    """The period and filters of the summary and the lights; empty dates mean the current year to date."""

    start = DayField(
        label=_("From"),
        required=False,
    )
    end = DayField(
        label=_("To"),
        required=False,
    )
    directive = DirectiveChoiceField(
        label=_("Directive"), required=False, queryset=None, empty_label=_("All directives"), widget=QuickSelect
    )
    kind = forms.ChoiceField(
        label=_("Agency kind"),
        required=False,
        choices=[("", _("All kinds")), *Agency.Kind.choices],
        widget=QuickSelect,
    )
    original = forms.BooleanField(label=_("Judge by the original deadline"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("overdue", _("Share of overdue tasks")), ("name", _("Agency name"))],
        widget=QuickSelect,
    )

    def __init__(self, *args, user, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["directive"].queryset = directives_for_user(user)
        offer_recent_directives(self.fields["directive"], directives_for_user(user), self.data.get("directive"))
        default = Period.year_to_date(self.today)
        self.fields["start"].initial = default.start
        self.fields["end"].initial = default.end

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the period is after its end."))
        if start and not end and start > self.today:
            self.add_error("start", _("The period starts after today: give its end as well."))
        return data

    def query(self) -> SummaryQuery:
        """The query of a valid (or unbound) form."""
        data = self.cleaned_data if self.is_bound else {}
        default = Period.year_to_date(self.today)
        end = data.get("end")
        start = data.get("start") or (date(end.year, 1, 1) if end else default.start)
        end = end or default.end
        sort = data.get("sort") or "overdue"
        return SummaryQuery(
            period=Period(start, end),
            original=bool(data.get("original")),
            directive=data.get("directive"),
            kind=data.get("kind") or "",
            sort=sort if sort in SORTS else "overdue",
        )


def _form(request) -> SummaryForm:
    summary_tasks_for_user(request.user)  # refuses an investor before anything is read
    return SummaryForm(request.GET or None, user=request.user)


def _report(request, page: str):
    """The form and, when it is valid, the report dressed for `page`: shared for a minute by every visitor who
    sees the same tasks (the access layer's scope), rebuilt at once after a change to tasks or agencies."""
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return form, None
    query = form.query()
    board = reverse("directives:board")
    # the board has no agency-kind filter and shows an officer cooperating tasks too: totals link only when equal
    totals = not query.kind and core_access.can(request.user, "see_everything")

    def build() -> SummaryReport:
        report = build_summary(request.user, query, today=form.today)
        add_links(report, board, totals=totals)
        if page == "summary":
            dress_summary(report)
            report.html["table"] = render_to_string("directives/summary.html#table", {"report": report})
        else:
            dress_lights(report)
            report.html["sections"] = render_to_string("directives/lights.html#sections", {"report": report})
        for row in report.rows:  # written into the blocks above: not kept in the cache twice
            row.html = {}
        return report

    directive = query.directive.pk if query.directive is not None else ""
    parts = [page, fragments.scope_key(request.user, task_scope), totals, board, form.today, *thresholds()]
    parts += [query.period.start, query.period.end, query.original, directive, query.kind, query.sort]
    return form, fragments.cached("tasks", parts, build)


def _percent(share: float) -> str:
    """A threshold as the legend writes it: 20, or 12,5 where it is not a whole percent."""
    value = Decimal(str(share)) * 100
    return number(value, 0 if value == value.to_integral_value() else 1)


def _context(form, report, request) -> dict:
    query_string = request.GET.urlencode()
    return {
        "form": form,
        "report": report,
        "query_string": query_string,
        "red_from_percent": _percent(report.red_from) if report else "",
        "yellow_from_percent": _percent(report.yellow_from) if report else "",
    }


@require_GET
def summary(request):
    form, report = _report(request, "summary")
    return render(request, "directives/summary.html", _context(form, report, request))


@require_GET
def lights(request):
    form, report = _report(request, "lights")
    return render(request, "directives/lights.html", _context(form, report, request))


@require_GET
def summary_xlsx(request):
    """The table as the page shows it; a request with bad filters goes back to the page that explains them."""
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('directives:summary')}?{request.GET.urlencode()}")
    report = build_summary(request.user, form.query(), today=form.today)
    target = io.BytesIO()
    write_workbook(report, target)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=download_name(report.query.period))
