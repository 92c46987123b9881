"""Public investment, openly: the province's public-investment projects with the year's plan and disbursement
against the target path (/public-investment/), each project's page (/public-investment/<code>/), a block on the
portal's home, and their entries in the sitemap. What they read is tiendo.portal.investment's."""

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from tiendo.plans.disbursement import share
from tiendo.projects.models import Project

from . import investment, sitemap
from .edition import public_page

PAGE_SIZE = 50
SORT_CHOICES = (
    ("code", _("Project code")),
    ("name", _("Name")),
    ("investment", _("Total investment, largest first")),
    ("rate", _("Disbursed this year, lowest share first")),
)


class InvestmentFilter(forms.Form):
    """The list's filters; a value that is not offered is dropped with a message, the others still apply."""

    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    commune = forms.ChoiceField(label=_("Commune or ward"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    group = forms.ChoiceField(label=_("Project group"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["sector"].choices = everything + investment.sector_choices()
        self.fields["commune"].choices = everything + investment.commune_choices()
        self.fields["status"].choices = everything + list(Project._meta.get_field("status").choices)
        self.fields["group"].choices = everything + [c for c in Project._meta.get_field("group").choices if c[0]]

    def chosen(self) -> dict:
        """The valid filters (an unbound form: none)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


@require_GET
@public_page
def investment_list(request):
    form = InvestmentFilter(request.GET or None)
    chosen = form.chosen()
    sort = chosen.pop("sort", "code")
    year = investment.year_plan()
    rows = investment.project_rows(investment.filtered_projects(**chosen), year, sort)
    shown_capital = sum(r.capital or 0 for r in rows)
    shown_paid = sum(r.paid for r in rows)
    context = {
        "section": "investment",
        "form": form,
        "year": year,
        "curve": year.curve if year else None,
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "count": len(rows),
        "filtered": bool(chosen),
        "shown_capital": shown_capital,
        "shown_paid": shown_paid,
        "shown_rate": share(shown_paid, shown_capital),
    }
    return render(request, "portal/investment/list.html", context)


@require_GET
@public_page
def investment_detail(request, code):
    page = investment.project_page(code)
    if page is None:
        raise Http404
    return render(request, "portal/investment/detail.html", {"section": "investment", "page": page})


def home_block(request):
    """The year's plan, what was disbursed against the target path, and the projects by status."""
    year = investment.year_plan()
    counts = investment.status_counts()
    if year is None and not counts:
        return None
    block = {"year": year, "curve": year.curve if year else None, "counts": counts, "total": sum(n for _s, n in counts)}
    return "portal/investment/_home.html", block


def _pages():
    yield "portal:investment_list", {}, _("Public investment")
    for code, name, name_en, name_zh in investment.published_codes():
        yield "portal:investment_detail", {"code": code}, f"{code} — {investment.named(name, name_en, name_zh)}"


sitemap.add(_pages)

urlpatterns = [
    path("public-investment/", investment_list, name="investment_list"),
    path("public-investment/<str:code>/", investment_detail, name="investment_detail"),
]
