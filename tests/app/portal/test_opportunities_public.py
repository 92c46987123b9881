"""The public pages of the investment opportunities: three languages, only what is published, reviewed translations
only (the Vietnamese standing in, and said so), the capital in each reader's units, the procedure with its total."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tiendo.portal import sitemap

from .opportunities_world import build

PAGES = {"vi": "/opportunities/", "en": "/en/opportunities/", "zh-hans": "/zh-hans/opportunities/"}


@pytest.fixture
def world(settings, tmp_path, province, commune, agency_x, agency_y, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):  # as if committed: the edition moves once
        return build(province, commune, agency_x, agency_y)


def _body(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "lang_attribute", "capital"),
    [("vi", "vi", "1.200 tỷ đồng"), ("en", "en", "1,200 billion VND"), ("zh-hans", "zh-Hans", "12,000 亿越南盾")],
)
def test_the_list_in_each_language(client, world, language, lang_attribute, capital):
    body = _body(client.get(PAGES[language]))
    assert f'<html lang="{lang_attribute}">' in body
    for code, path in PAGES.items():  # the alternates and the switch point at this same page
        tag = {"zh-hans": "zh-Hans"}.get(code, code)
        assert f'hreflang="{tag}" href="http://localhost:8000{path}"' in body
        assert f'href="{path}" hreflang="{tag}"' in body
    assert capital in body
    assert "DRAFT-OPPORTUNITY" not in body and "CLOSED-OPPORTUNITY" not in body
    assert ("approx." in body) == (language == "en")


def test_the_switch_keeps_the_filters(client, world):
    body = _body(client.get("/en/opportunities/?sector=CN"))
    assert 'href="/zh-hans/opportunities/?sector=CN"' in body
    assert 'href="/opportunities/?sector=CN"' in body


def test_english_reads_reviewed_translations_and_vietnamese_where_none_is(client, world):
    body = _body(client.get("/en/opportunities/CN-01/"))
    assert "Dai An electronic components plant" in body
    assert "UNREVIEWED-SUMMARY-EN" not in body  # a draft translation is never public
    assert re.search(r'<div lang="vi"><p>Sản xuất linh kiện điện tử', body)
    assert "Parts not yet translated are shown in Vietnamese." in body
    assert "Manufacturing" in body and "Dai An Industrial Park" in body
    assert "approx. US$46.2 million" in body  # 1,200 tỷ at 26,000 đồng to the dollar
    vietnamese = _body(client.get("/opportunities/CN-01/"))
    assert "Nhà máy linh kiện điện tử Đại An" in vietnamese
    assert '<span lang="vi">' not in vietnamese and '<div lang="vi">' not in vietnamese  # nothing stands in
    assert "US$" not in vietnamese


def test_a_reviewed_translation_of_an_older_vietnamese_is_not_shown(client, world, django_capture_on_commit_callbacks):
    plant = world["plant"]
    with django_capture_on_commit_callbacks(execute=True):
        plant.title = "Nhà máy linh kiện điện tử và bán dẫn Đại An"
        plant.save()
    body = _body(client.get("/en/opportunities/CN-01/"))
    assert "Dai An electronic components plant" not in body
    assert '<span lang="vi">Nhà máy linh kiện điện tử và bán dẫn Đại An</span>' in body


def test_chinese_names_and_a_sector_without_one(client, world):
    body = _body(client.get("/zh-hans/opportunities/"))
    assert "大安电子元件厂" in body and "制造业" in body
    assert '<span lang="vi">Kho vận</span>' in body  # no Chinese name: the Vietnamese stands in, marked
    assert "约" in body


def test_the_page_gives_every_public_fact(client, world, agency_x, agency_y):
    body = _body(client.get("/opportunities/CN-01/"))
    for fact in (
        "Quyết định số 1639/QĐ-TTg", "19/12/2023", "45,5 ha", "Phù hợp quy hoạch phân khu",
        "Công ty phát triển hạ tầng", "Miễn thuế thu nhập doanh nghiệp", "Điều 33 Luật Đầu tư 2020",
        agency_x.name, agency_y.name,
        "xuctien@example.vn", "Sơ đồ vị trí", reverse("portal:enquiry", kwargs={"code": "CN-01"}),
    ):  # fmt: skip
        assert fact in body, fact
    # each step's duration as the law counts it, and the total of each kind of day apart (never converted)
    assert "17 ngày<" in body and "20 ngày làm việc<" in body
    total = re.search(r"<tfoot>.*?<strong>(.*?)</strong>", body, re.S)
    assert total and " ".join(total.group(1).replace("<br>", " ").split()) == "20 ngày làm việc + 17 ngày"


@pytest.mark.parametrize("code", ["CN-DRAFT", "CN-CLOSED", "NO-SUCH"])
def test_drafts_closed_and_unknown_are_not_found_for_anyone(client, world, code, specialist, admin_user, officer_x):
    for user in (None, specialist, admin_user, officer_x):
        if user is not None:
            client.force_login(user)
        for name in ("portal:opportunity", "portal:enquiry", "portal:enquiry_sent"):
            for language in ("vi", "en"):
                with translation.override(language):
                    url = reverse(name, kwargs={"code": code})
                assert client.get(url).status_code == 404, (user, url)


def test_documents_only_of_published_opportunities(client, world):
    plant, draft_plan = world["plant"], world["draft_plan"]
    url = reverse("portal:opportunity_document", kwargs={"code": "CN-01", "pk": world["site_plan"].pk})
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"SITE-PLAN-PDF"
    assert "attachment" in response["Content-Disposition"]
    draft_url = reverse("portal:opportunity_document", kwargs={"code": "CN-DRAFT", "pk": draft_plan.pk})
    assert client.get(draft_url).status_code == 404
    # a published opportunity's address does not serve another's document
    wrong = reverse("portal:opportunity_document", kwargs={"code": plant.code, "pk": draft_plan.pk})
    assert client.get(wrong).status_code == 404
    assert client.get(reverse("portal:opportunity_document", kwargs={"code": "LOG-02", "pk": 9999})).status_code == 404


def _listed(body: str) -> list[str]:
    """The codes of the cards, in their order (the map under them links the same pages again)."""
    cards = body.split('id="on-the-map"')[0]
    return re.findall(r'href="/en/opportunities/([A-Z0-9-]+)/"', cards)


def _codes(client, query: str) -> list[str]:
    body = _body(client.get(f"/en/opportunities/?{query}"))
    return _listed(body)


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("", ["LOG-02", "CN-01"]),  # the newest first
        ("sector=CN", ["CN-01"]),
        ("sector=LOG", ["LOG-02"]),
        ("place=commune-HD-X2", ["LOG-02"]),
        ("place=zone-KCN-DA", ["CN-01"]),
        ("place=commune-HD-X1", ["CN-01"]),
        ("selection=land_auction", ["LOG-02"]),
        ("area=5-20", ["LOG-02"]),
        ("area=20-50", ["CN-01"]),
        ("area=50-plus", []),
        ("capital=100-500", ["LOG-02"]),
        ("capital=500-2000", ["CN-01"]),
        ("sector=CN&capital=100-500", []),
    ],
)
def test_filters(client, world, query, codes):
    assert _codes(client, query) == codes


def test_the_map_shows_every_opportunity_found(client, world):
    body = _body(client.get("/en/opportunities/?sector=CN"))
    on_the_map = body.split('id="on-the-map"')[1]
    assert 'href="/en/opportunities/CN-01/"' in on_the_map and "/opportunities/LOG-02/" not in on_the_map


def test_an_unknown_filter_value_is_said_and_ignored(client, world):
    body = _body(client.get("/en/opportunities/?sector=NOPE&area=5-20"))
    assert "Select a valid choice" in body
    assert _listed(body) == ["LOG-02"]


def test_no_result_says_so(client, world):
    assert "No opportunity matches these filters." in _body(client.get("/en/opportunities/?area=under-5"))


def test_the_filter_choices_are_only_those_in_use_and_named_in_the_language(client, world):
    body = _body(client.get("/en/opportunities/"))
    assert '<option value="CN">Manufacturing</option>' in body
    assert '<option value="zone-KCN-DA">Dai An Industrial Park</option>' in body
    assert "CN-DRAFT" not in body


def test_nothing_published_says_so_and_the_home_has_no_block(client, db, installation):
    assert "No project is open for investment at the moment." in _body(client.get("/en/opportunities/"))
    assert "See all investment opportunities" not in _body(client.get("/en/"))


def test_the_home_block(client, world):
    body = _body(client.get("/en/"))
    block = body.split('id="home-opportunities"', 1)[1]
    assert re.search(r'class="value">2<', block)
    assert "1,350 billion VND" in block  # 1,200 + 150
    assert "Manufacturing" in block and '<span lang="vi">Kho vận</span>' in block
    assert block.index("LOG-02") < block.index("CN-01")  # the newest first
    assert "DRAFT" not in block and "CLOSED" not in block


def test_the_sitemap_lists_the_list_and_each_published_opportunity(client, world):
    names = [(name, kwargs) for name, kwargs, _label in sitemap.pages()]
    assert ("portal:opportunities", {}) in names
    assert ("portal:opportunity", {"code": "CN-01"}) in names and ("portal:opportunity", {"code": "LOG-02"}) in names
    assert not any(kwargs.get("code") in ("CN-DRAFT", "CN-CLOSED") for _name, kwargs in names)
    xml = _body(client.get("/sitemap.xml"))
    assert "/en/opportunities/CN-01/" in xml and "/zh-hans/opportunities/LOG-02/" in xml
    readable = _body(client.get("/en/site-map/"))
    assert "CN-01 Dai An electronic components plant" in readable


def test_pages_are_cached_until_the_opportunity_changes(client, world, django_capture_on_commit_callbacks):
    for url in ("/en/opportunities/", "/en/opportunities/CN-01/"):
        assert client.get(url)["X-Portal-Cache"] == "miss"
        assert client.get(url)["X-Portal-Cache"] == "hit"
    plant = world["plant"]
    with django_capture_on_commit_callbacks(execute=True):
        plant.capital = 1_300 * 1_000_000_000
        plant.save()
    for url in ("/en/opportunities/", "/en/opportunities/CN-01/"):
        response = client.get(url)
        assert response["X-Portal-Cache"] == "miss"
        assert "1,300 billion VND" in response.content.decode()


def test_the_nav_leads_to_the_list(client, world):
    body = _body(client.get("/zh-hans/opportunities/"))
    assert 'href="/zh-hans/opportunities/" class="active" aria-current="page"' in body
