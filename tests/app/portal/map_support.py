"""The map's world: a province of three communes (two formed from one former district, one with no district),
published and draft opportunities, public and private projects with coordinates; and the site's addresses with
stand-ins for the public pages the points link to, where the sections that own them are not installed."""

from decimal import Decimal

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import LocalePrefixPattern, include, path

from tiendo.agencies.models import AdminUnit
from tiendo.portal.models import Opportunity, Translation
from tiendo.projects.models import Project, Sector

__all__ = ["communes", "district", "sector"]  # the fixtures: `from .map_support import *`


@pytest.fixture
def district(province):
    return AdminUnit.objects.create(code="HD-NS", name="Nam Sách", unit_type="huyện", level="district", parent=province)


@pytest.fixture
def communes(province, district, installation):
    """(Thái Tân, Hợp Tiến: formed from the district; An Lạc: no district) under the installation's province."""
    made = []
    for code, name, former in (
        ("10501", "Thái Tân", district),
        ("10502", "Hợp Tiến", district),
        ("00412", "An Lạc", None),
    ):
        unit = AdminUnit.objects.create(
            code=code, name=name, name_en=f"{name} Commune", unit_type="xã", level="commune", parent=province
        )
        if former:
            unit.formed_from.add(former)
        made.append(unit)
    return made


@pytest.fixture
def sector(db):
    return Sector.objects.create(code="CB", name="Công nghiệp chế biến", name_en="Processing industry")


def make_opportunity(code, title, commune, sector, agency, *, state=Opportunity.State.PUBLISHED, at=None):
    lon, lat = at or (None, None)
    return Opportunity.objects.create(
        code=code, origin="province_decision", origin_document="QĐ 100/QĐ-UBND", title=title, sector=sector,
        commune=commune, selection_form="investor_bidding", land_status="cleared", agency=agency, state=state,
        area_ha=12, capital=500_000_000_000, summary="Mô tả", contact_email="dautu@example.vn",
        longitude=Decimal(str(lon)) if lon is not None else None,
        latitude=Decimal(str(lat)) if lat is not None else None,
    )  # fmt: skip


def make_project(code, name, commune, agency, *, kind="public", at=(106.33, 20.94), **extra):
    return Project.objects.create(
        code=code, name=name, kind=kind, status="implementing", agency=agency, commune=commune,
        total_investment=50_000_000_000, longitude=Decimal(str(at[0])), latitude=Decimal(str(at[1])), **extra,
    )  # fmt: skip


def review_title(opportunity, language, text, user):
    from tiendo.domain.portal.translation import fingerprint

    return Translation.objects.create(
        opportunity=opportunity, field="title", language=language, text=text, reviewed=True,
        made_from=fingerprint(opportunity.title), reviewed_by=user,
    )  # fmt: skip


# --- the site's addresses with stand-ins for the points' pages (tests that follow the links use this URLconf)


@login_not_required
def _stand_in(request, code):
    return HttpResponse(f"PAGE-OF {code}")


def _urlpatterns():
    from tiendo import urls as site
    from tiendo.portal import map as portal_map
    from tiendo.portal import urls_public

    names = {pattern.name for pattern in urls_public.urlpatterns}
    missing = [
        path(f"map-stand-in/{kind}/<str:code>/", _stand_in, name=name.split(":")[1])
        for kind, name in portal_map.PAGES.items()
        if name.split(":")[1] not in names
    ]
    internal = [p for p in site.urlpatterns if not isinstance(p.pattern, LocalePrefixPattern)]
    public = i18n_patterns(
        path("", include((urls_public.urlpatterns + missing, "portal"), namespace="portal")),
        prefix_default_language=False,
    )
    return internal + public


urlpatterns = _urlpatterns()
