"""/portal/open-data/: the department's view of its open data — the latest publication's validation report in the
reader's language, and the CoST IDS coverage of every project (what is disclosed at identification, preparation
and completion, what to complete), with its Excel export. The province's staff (capability read_open_data)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from tiendo.core import access

from .oc4ids import coverage, publishing
from .oc4ids.validation import Report

CAPABILITY = "read_open_data"
PER_PAGE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
def opendata(request):
    access.require(request.user, CAPABILITY)
    publishing.request_refresh()
    latest = publishing.latest()
    served = publishing.latest_valid()
    context = {"latest": latest, "served": served, "stale": publishing.is_stale(latest)}
    if latest is not None:
        context["report"] = Report.from_dict(latest.report)
        context["groups"] = context["report"].grouped()
        table = coverage.table(latest)
        context["table"] = table
        context["page"] = Paginator(table.rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/desk_opendata.html", context)


@require_GET
def coverage_xlsx(request):
    access.require(request.user, CAPABILITY)
    latest = publishing.latest()
    if latest is None:
        return render(request, "portal/desk_opendata.html", {"latest": None}, status=404)
    response = HttpResponse(coverage.workbook(latest), content_type=XLSX)
    name = f"oc4ids-cost-ids-{timezone.localtime(latest.generated_at):%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns = [
    path("open-data/", opendata, name="opendata"),
    path("open-data/coverage.xlsx", coverage_xlsx, name="opendata_coverage"),
]
