"""/map/ and `{% commune_map points %}`: the communes drawn offline as inline SVG in three languages, a point for
each published opportunity and public-investment project linking to its page, nothing of a draft or a private
project, the schematic note, the filter, and the list that stands in for the picture."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from tiendo.portal import map as portal_map
from tiendo.portal import shapes
from tiendo.portal.models import CommuneShape, Opportunity

from .map_support import *  # noqa: F403  (fixtures)
from .map_support import make_opportunity, make_project, review_title

pytestmark = pytest.mark.django_db

NOTE = {
    "vi": "Sơ đồ minh họa, không phải ranh giới đo đạc.",
    "en": "Schematic outlines, not survey boundaries.",
    "zh-hans": "示意轮廓，并非测绘边界。",
}
PREFIX = {"vi": "", "en": "/en", "zh-hans": "/zh-hans"}


@pytest.fixture(autouse=True)
def _points_pages(settings):
    """The site with the opportunities' and projects' public pages (stand-ins where their sections are missing)."""
    settings.ROOT_URLCONF = "tests.app.portal.map_support"


@pytest.fixture
def world(communes, sector, agency_x, enterprise_a, admin_user, specialist):
    thai_tan, hop_tien, an_lac = communes
    published = make_opportunity("CH-01", "Khu logistics Thái Tân", thai_tan, sector, agency_x, at=(106.31, 20.91))
    review_title(published, "en", "Thai Tan logistics park", specialist)
    unlocated = make_opportunity("CH-02", "Cụm công nghiệp Hợp Tiến", hop_tien, sector, agency_x)
    draft = make_opportunity(
        "CH-03",
        "DRAFT-OPPORTUNITY kho lạnh",
        thai_tan,
        sector,
        agency_x,
        state=Opportunity.State.DRAFT,
        at=(106.3, 20.9),
    )
    public = make_project(
        "HD-2024-0007", "Cầu Hợp Tiến", hop_tien, agency_x, at=(106.36, 20.93), name_en="Hop Tien bridge"
    )
    private = make_project(
        "HD-2024-0008", "PRIVATE-PROJECT nhà máy", thai_tan, agency_x, kind="fdi", at=(106.32, 20.92),
        investor=enterprise_a,
    )  # fmt: skip
    shapes.sketch(actor=admin_user)
    return {"published": published, "unlocated": unlocated, "draft": draft, "public": public, "private": private}


def get(client, path, language="vi"):
    response = client.get(f"{PREFIX[language]}{path}")
    assert response.status_code == 200
    return response.content.decode()


def svg_links(html):
    svg = html[html.index("<svg") : html.index("</svg>")]
    return re.findall(r'<a href="([^"]+)" class="map-point map-(\w+)" aria-label="([^"]+)"', svg)


@pytest.mark.parametrize("language", ["vi", "en", "zh-hans"])
def test_the_map_draws_the_communes_and_the_public_points_in_each_language(client, world, language):
    html = get(client, "/map/", language)
    assert f'<html lang="{ {"zh-hans": "zh-Hans"}.get(language, language) }">' in html
    assert len(re.findall(r'<path d="[^"]+" class="map-commune map-schematic"', html)) == 2  # An Lạc: no point
    assert NOTE[language] in html
    kinds = sorted(kind for _href, kind, _label in svg_links(html))
    assert kinds == ["opportunity", "opportunity", "project"]  # CH-02 is drawn at its commune's point
    assert "DRAFT-OPPORTUNITY" not in html and "CH-03" not in html
    assert "PRIVATE-PROJECT" not in html and "HD-2024-0008" not in html
    assert "<script" not in html and "style=" not in html


def test_names_are_in_the_visitors_language_or_vietnamese_standing_in(client, world):
    html = get(client, "/map/", "en")
    labels = {label for _href, _kind, label in svg_links(html)}
    assert labels == {
        "Investment opportunity: Thai Tan logistics park",
        "Investment opportunity: Cụm công nghiệp Hợp Tiến",
        "Public-investment project: Hop Tien bridge",
    }
    assert re.search(r'<a href="[^"]+" lang="vi">Cụm công nghiệp Hợp Tiến</a>', html)
    assert "(drawn at the commune&#x27;s centre)" in html or "(drawn at the commune's centre)" in html
    assert "<title>Thái Tân Commune</title>" in html  # the commune's English name
    zh = get(client, "/map/", "zh-hans")
    assert "招商项目" in zh or "投资机会" in zh
    assert '<a href="' in zh and 'lang="vi">Khu logistics Thái Tân</a>' in zh  # no reviewed Chinese title


def test_every_point_links_to_its_public_page(client, world):
    html = get(client, "/map/", "en")
    links = {(href, kind) for href, kind, _label in svg_links(html)}
    with translation.override("en"):
        expected = {
            (reverse(portal_map.PAGES["opportunity"], kwargs={"code": "CH-01"}), "opportunity"),
            (reverse(portal_map.PAGES["opportunity"], kwargs={"code": "CH-02"}), "opportunity"),
            (reverse(portal_map.PAGES["project"], kwargs={"code": "HD-2024-0007"}), "project"),
        }
    assert links == expected
    for href, _kind in links:
        assert client.get(href).status_code == 200
        assert f'<td><a href="{href}"' in html  # the list under the map links there too


def test_the_filter_shows_one_kind_or_both(client, world):
    only = get(client, "/map/?show=projects")
    assert [kind for _h, kind, _l in svg_links(only)] == ["project"]
    assert '<option value="projects" selected>' in only
    only = get(client, "/map/?show=opportunities")
    assert {kind for _h, kind, _l in svg_links(only)} == {"opportunity"}
    assert len(svg_links(get(client, "/map/?show=everything"))) == 3  # an unknown choice shows all


def test_a_signed_in_officer_sees_the_public_map_too(client, world, login, specialist):
    html = get(login(specialist), "/map/")
    assert "DRAFT-OPPORTUNITY" not in html and "PRIVATE-PROJECT" not in html
    assert len(svg_links(html)) == 3


def test_surveyed_outlines_carry_no_schematic_note(client, communes, admin_user):
    for index, unit in enumerate(communes):
        lon = 106.3 + index * 0.05
        CommuneShape.objects.create(
            unit=unit, latitude=20.91, longitude=lon + 0.01, source="surveyed",
            outline=[[lon, 20.9], [lon + 0.05, 20.9], [lon + 0.05, 20.95], [lon, 20.95], [lon, 20.9]],
        )  # fmt: skip
    html = get(client, "/en/map/")
    assert len(re.findall(r'<path d="[^"]+" class="map-commune"', html)) == 3 and "map-schematic" not in html
    assert NOTE["en"] not in html
    assert "Nothing to show" not in html


def test_without_shapes_or_points_the_page_says_there_is_nothing_yet(client, installation):
    html = get(client, "/en/map/")
    assert "<svg xmlns" not in html and "Nothing to show on the map yet." in html


def test_the_map_is_in_the_sitemap_and_the_navigation(client, installation):
    assert "<loc>http" in get(client, "/sitemap.xml") and "/en/map/" in get(client, "/sitemap.xml")
    assert 'href="/en/map/"' in get(client, "/en/")


def test_a_page_embeds_the_map_with_its_own_points(world, rf):
    """The opportunities' list and the public-investment list call the same point-building on their records."""
    with translation.override("en"):
        points = portal_map.opportunity_points(Opportunity.objects.filter(code__in=["CH-01", "CH-03"]))
        html = Template("{% load portal %}{% commune_map points %}").render(Context({"points": points}))
    assert [p.code for p in points] == ["CH-01"]  # the draft is left out even when a page passes it
    assert html.count('class="map-point map-opportunity"') == 1 and "map-project" not in html
    assert 'aria-labelledby="commune-map-caption"' in html and "Points on the map" in html
    assert "Investment opportunity" in html  # the legend names the one kind shown
    assert portal_map.project_points([world["private"]]) == []
