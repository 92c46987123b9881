"""The public pages' cache (tiendo.portal.edition): a page is served from the cache until a record it shows changes;
one change (however many saves) moves the edition once when its transaction commits, and a rolled-back one not at
all; each language is its own entry; a POST is never kept; a cached page is the same for every visitor (no token,
no cookie). Cache-Control says public only on public pages. The site's root is the portal's home in Vietnamese for
a visitor who has not signed in and the overview for one who has; an internal address under a language prefix is
not found (never a login redirect)."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from tiendo.enterprises.models import Enterprise
from tiendo.portal import edition
from tiendo.portal import sitemap as portal_sitemap
from tiendo.portal.models import Opportunity, Translation
from tiendo.projects.models import Sector

pytestmark = pytest.mark.django_db

SITE_MAP = "/site-map/"


@pytest.fixture
def opportunity(agency_x, commune):
    sector = Sector.objects.create(code="QC", name="Chế biến")
    return Opportunity.objects.create(
        code="QC-1", origin="province_decision", title="Nhà máy chế biến", sector=sector, commune=commune,
        selection_form="investor_bidding", land_status="cleared", agency=agency_x, state="published",
        published_on=date(2025, 4, 1),
    )  # fmt: skip


def _cache(response) -> str:
    return response.headers.get("X-Portal-Cache", "")


def test_the_second_get_is_a_hit_with_the_same_page(client):
    first = client.get(SITE_MAP)
    second = client.get(SITE_MAP)
    assert (first.status_code, second.status_code) == (200, 200)
    assert (_cache(first), _cache(second)) == ("miss", "hit")
    assert second.content == first.content and second["Content-Type"] == first["Content-Type"]


@pytest.mark.django_db(transaction=True)
def test_a_watched_save_makes_the_next_get_a_miss(client, opportunity):
    """Transactional (as a web request runs): a save commits, then its callback moves the edition."""
    client.get(SITE_MAP)
    assert _cache(client.get(SITE_MAP)) == "hit"
    before = edition.current()
    opportunity.title = "Nhà máy chế biến nông sản"
    opportunity.save()
    assert edition.current() == before + 1
    assert _cache(client.get(SITE_MAP)) == "miss"
    assert _cache(client.get(SITE_MAP)) == "hit"
    Translation.objects.create(opportunity=opportunity, field="title", language="en", text="Processing plant")
    assert _cache(client.get(SITE_MAP)) == "miss", "a translation is watched too"
    opportunity.delete()
    assert _cache(client.get(SITE_MAP)) == "miss", "a deletion is a change"


@pytest.mark.django_db(transaction=True)
def test_an_unwatched_save_keeps_the_cache(client, agency_x):
    """A record no public page shows (an enterprise) leaves the cached pages alone."""
    client.get(SITE_MAP)
    before = edition.current()
    Enterprise.objects.create(name="Công ty TNHH Minh Phát", tax_code="0801234567")
    assert edition.current() == before
    assert _cache(client.get(SITE_MAP)) == "hit"


@pytest.mark.django_db(transaction=True)
def test_the_edition_moves_once_per_transaction(opportunity):
    before = edition.current()
    with transaction.atomic():
        for number in range(5):
            opportunity.title = f"Nhà máy chế biến {number}"
            opportunity.save()
        Translation.objects.create(opportunity=opportunity, field="title", language="zh", text="加工厂")
        assert edition.current() == before, "not before the commit: another process would cache the old page"
    assert edition.current() == before + 1
    with transaction.atomic():  # the next transaction moves it again
        opportunity.save()
    assert edition.current() == before + 2


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_moves_nothing_and_the_next_one_still_does(opportunity):
    before = edition.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        opportunity.save()
        raise RuntimeError("refused")
    assert edition.current() == before, "a change that was rolled back changed nothing a page shows"
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():  # a savepoint rolled back, the rest committed
            opportunity.save()
            raise RuntimeError("refused")
        assert edition.current() == before
    assert edition.current() == before, "only the savepoint changed a watched record, and it was undone"
    with transaction.atomic():
        opportunity.save()
    assert edition.current() == before + 1, "the rolled-back changes left the next one unannounced"


def test_each_language_is_its_own_entry(client):
    assert _cache(client.get(SITE_MAP)) == "miss"
    english = client.get("/en/site-map/")
    assert _cache(english) == "miss" and '<html lang="en">' in english.content.decode()
    assert _cache(client.get("/zh-hans/site-map/")) == "miss"
    assert _cache(client.get("/en/site-map/")) == "hit"
    assert '<html lang="vi">' in client.get(SITE_MAP).content.decode()


def test_a_query_string_is_its_own_entry(client):
    assert _cache(client.get(SITE_MAP)) == "miss"
    assert _cache(client.get(SITE_MAP + "?page=2")) == "miss"
    assert _cache(client.get(SITE_MAP + "?page=2")) == "hit"


def test_a_post_is_never_cached(client):
    """The decorator passes a POST to its view every time and keeps nothing; a page that refuses POST says 405."""
    calls = []

    @edition.public_page
    def form_page(request):
        calls.append(request.method)
        return HttpResponse(f"answer {len(calls)}")

    factory = RequestFactory()
    for _ in range(2):
        response = form_page(factory.post("/form/", {"message": "xin chào"}))
        assert "X-Portal-Cache" not in response.headers
    assert calls == ["POST", "POST"]
    assert _cache(form_page(factory.get("/form/"))) == "miss", "the POSTs left nothing in the cache"
    assert client.post(SITE_MAP).status_code == 405
    assert _cache(client.get(SITE_MAP)) == "miss"


def test_only_a_200_is_kept():
    calls = []

    @edition.public_page
    def failing(request):
        calls.append(1)
        return HttpResponse("not yet", status=503)

    factory = RequestFactory()
    assert failing(factory.get("/x/")).status_code == 503
    assert failing(factory.get("/x/")).status_code == 503
    assert len(calls) == 2


def test_cache_control_is_public_only_on_public_pages(client, specialist):
    public = client.get(SITE_MAP)
    assert (
        "public" in public["Cache-Control"]
        and f"max-age={settings.TIENDO_PORTAL_BROWSER_SECONDS}" in (public["Cache-Control"])
    )
    assert "Cookie" in public.get("Vary", ""), "a shared cache must not give a signed-in user the anonymous page"
    assert _cache(client.get(SITE_MAP)) == "hit" and "public" in client.get(SITE_MAP)["Cache-Control"]
    client.force_login(specialist)
    internal = client.get(reverse("projects:list"))
    assert internal.status_code == 200 and "private" in internal["Cache-Control"]
    overview = client.get("/")
    assert "private" in overview["Cache-Control"] and "public" not in overview["Cache-Control"]


def test_every_public_page_is_the_same_for_every_visitor(client):
    """A cached page is served to everyone: it carries no CSRF token and sets no cookie, on a miss or a hit (a
    form on a public page must not depend on a per-visitor token baked into the cached copy)."""
    for name, kwargs, _label in portal_sitemap.pages():
        for language, _ in settings.LANGUAGES:
            path = portal_sitemap.url_in(language, name, kwargs)
            for _ in ("miss", "hit"):
                response = client.get(path)
                assert response.status_code == 200, path
                assert "csrfmiddlewaretoken" not in response.content.decode(), path
                assert not response.cookies, f"{path} sets {list(response.cookies)}"


def test_the_root_is_the_portal_home_in_vietnamese_for_a_visitor(client, specialist):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # a language chosen earlier on the internal pages
    home = client.get("/")
    body = home.content.decode()
    assert home.status_code == 200 and '<html lang="vi">' in body
    assert home["Content-Language"] == "vi" and "public" in home["Cache-Control"]
    assert re.search(r'hreflang="en" href="[^"]*/en/"', body), "its English alternate is the portal's /en/"
    assert 'action="/logout/"' not in body
    client.force_login(specialist)
    overview = client.get("/")
    assert overview.status_code == 200 and 'action="/logout/"' in overview.content.decode()
    assert "X-Portal-Cache" not in overview.headers, "the overview is not the portal's page"


@pytest.mark.parametrize("path", ["/en/projects/", "/zh-hans/projects/", "/en/portal/", "/en/login/", "/en/api/"])
def test_an_internal_path_under_a_language_prefix_is_not_found(client, specialist, path):
    response = client.get(path)
    assert response.status_code == 404, f"{path}: {response.status_code} {response.get('Location', '')}"
    client.force_login(specialist)
    assert client.get(path).status_code == 404
