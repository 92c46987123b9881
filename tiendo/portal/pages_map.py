"""/map/: the province's communes with every published investment opportunity and every public-investment project
that has a place, drawn offline (tiendo.portal.map), with a choice of which kinds to show."""

from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from tiendo.core import access
from tiendo.projects.models import Project

from . import map as portal_map
from . import sitemap
from .edition import public_page
from .models import Opportunity

SHOWN = {
    "all": gettext_lazy("Opportunities and public-investment projects"),
    "opportunities": gettext_lazy("Investment opportunities only"),
    "projects": gettext_lazy("Public-investment projects only"),
}


@require_GET
@public_page
def map_page(request):
    shown = request.GET.get("show", "all")
    if shown not in SHOWN:
        shown = "all"
    points = []
    if shown in ("all", "opportunities"):
        points += portal_map.opportunity_points(access.visible(portal_map.PUBLIC, Opportunity))
    if shown in ("all", "projects"):
        located = access.visible(portal_map.PUBLIC, Project).filter(latitude__isnull=False, longitude__isnull=False)
        points += portal_map.project_points(located)
    return render(
        request,
        "portal/map.html",
        {"section": "map", "title": _("Map"), "points": points, "shown": shown, "choices": SHOWN.items()},
    )


def _pages():
    yield "portal:map", {}, gettext_lazy("Map")


sitemap.add(_pages)

urlpatterns = [path("map/", map_page, name="map")]
