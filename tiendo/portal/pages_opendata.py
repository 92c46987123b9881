"""/open-data/: the open data described for those who reuse it — what is published, in which standard, under
which licence, how often, whom to ask — with the latest publication (date, size, projects, validation result),
the download links and a short guide to the fields. It is the package's publicationPolicy."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from tiendo.agencies.models import Agency, Installation
from tiendo.core import access

from . import sitemap
from .edition import public_page
from .oc4ids import package, publishing, standard
from .public import VISITOR

STANDARD_URL = "https://standard.open-contracting.org/infrastructure/latest/en/"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"

# (OC4IDS field, what tiendo publishes in it): the short guide on the page; docs/open-data.md has the full table
FIELD_GUIDE = (
    ("id", _("oc4ids-, the publisher's prefix and the project's code in tiendo.")),
    ("title, description", _("The project's name, and a description written from its group, sector, place, owner "
                             "and approved years.")),
    ("status", _("The stage: identification, preparation, implementation, completion or cancelled, from the "
                 "project's status, its decisions and its milestones.")),
    ("sector, type", _("The sector from the standard's list; construction, rehabilitation or expansion from the "
                       "project's name.")),
    ("locations", _("The commune and province, the coordinates when recorded, and the commune's code in the "
                    "official list of administrative units when tiendo has it.")),
    ("budget", _("The total investment in dong (VND), its approval date (the investment decision) and the capital by "
                 "source, each with the party that provides it.")),
    ("parties, publicAuthority", _("The project owner with its public address and contact, and the funders: the "
                                   "Ministry of Finance for the central budget, the provincial People's Committee "
                                   "for the local budget, the lender for ODA.")),
    ("milestones", _("The approvals and the schedule: first and current due dates, done dates.")),
    ("metrics, forecasts", _("Physical and financial progress in percent from each progress report; the planned "
                             "completion.")),
    ("transactions", _("Capital disbursed each month, by source, as the State Treasury reports it.")),
    ("completion, documents", _("For completed projects the completion date and the capital disbursed; the "
                                "decisions with their number, date and issuer.")),
)  # fmt: skip


def _contact() -> dict | None:
    """The operating agency's public contact (its published fields only)."""
    installation = Installation.current()
    if installation is None or installation.owner_agency_id is None:
        return None
    fields = access.published_fields(Agency)
    agency = access.visible(VISITOR, Agency).filter(pk=installation.owner_agency_id).values(*fields).first()
    if agency is not None:
        language = (translation.get_language() or "vi")[:2]
        agency["shown_name"] = agency.get(f"name_{language}") or agency["name"]
        agency["in_vietnamese"] = agency["shown_name"] == agency["name"] and language != "vi"
    return agency


@require_GET
@public_page
def opendata(request):
    publication = publishing.served()
    licence = settings.TIENDO_OPEN_DATA_LICENSE or package.DEFAULT_LICENSE
    context = {
        "section": "opendata",
        "publication": publication,
        "warnings": publication.report.get("warnings", 0) if publication else 0,
        "licence_url": licence,
        "licence_is_cc_by": licence.rstrip("/") == CC_BY.rstrip("/"),
        "standard_url": STANDARD_URL,
        "standard_version": "0.9.5",
        "package_version": standard.VERSION,
        "refresh_minutes": max(1, settings.TIENDO_OPEN_DATA_REFRESH_SECONDS // 60),
        "contact": _contact(),
        "guide": FIELD_GUIDE,
        "prefix": package.prefix(),
    }
    return render(request, "portal/opendata.html", context)


def _pages():
    yield "portal:opendata", {}, _("Open data")


sitemap.add(_pages)

urlpatterns = [path("open-data/", opendata, name="opendata")]
