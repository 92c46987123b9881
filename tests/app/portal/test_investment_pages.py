"""The public-investment pages in three languages: the list with its filters and the year's S-curve, a project's
page with its capital, plan, milestones, progress and decided handling, the home block and the sitemap."""

import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from .investment_world import TODAY, build

pytestmark = pytest.mark.django_db

ON_TODAY = time_machine.travel(TODAY, tick=False)


@pytest.fixture
def world(installation, agency_x, agency_y, commune, province, enterprise_a):
    with ON_TODAY:
        yield build(agency_x=agency_x, agency_y=agency_y, commune=commune, province=province, enterprise_a=enterprise_a)


def url(name, language="vi", **kwargs):
    with translation.override(language):
        return reverse(f"portal:{name}", kwargs=kwargs or None)


def get(client, address, status=200):
    with ON_TODAY:
        response = client.get(address)
    assert response.status_code == status, address
    return response


def text(client, address):
    return get(client, address).content.decode()


def test_the_list_in_vietnamese(client, world):
    page = text(client, url("investment_list"))
    assert '<html lang="vi">' in page
    assert "Đường trục xã Thái Tân" in page and "Trường mầm non Cũ" in page
    assert "Kế hoạch đầu tư công năm 2025" in page and "61/NQ-HĐND" in page
    assert "40 tỷ đồng" in page and "10 tỷ đồng" in page  # the year's capital in force, disbursed by March
    assert "25,0 %" in page  # 10 of 40
    assert '<svg class="chart"' in page  # the province's S-curve against the target path
    assert "Sở Kế hoạch và Đầu tư tỉnh Hải Dương" in page  # the owner, a public authority
    assert 'href="/public-investment/HD-PUB-1/"' in page


def test_the_list_in_english_and_chinese(client, world):
    english = text(client, url("investment_list", "en"))
    assert '<html lang="en">' in english
    assert "Thai Tan commune road" in english and "Department of Planning and Investment" in english
    assert "40 billion VND" in english and "25.0 %" in english and "Annual plan 2025" in english
    assert 'href="/en/public-investment/HD-PUB-1/"' in english
    chinese = text(client, url("investment_list", "zh-hans"))
    assert '<html lang="zh-Hans">' in chinese and "公共投资" in chinese
    assert "旧幼儿园" in chinese and "计划投资厅" in chinese
    # no Chinese name: the Vietnamese stands in, marked as Vietnamese
    assert '<span lang="vi">Đường trục xã Thái Tân</span>' in chinese
    assert '<span lang="vi">xã Thái Tân</span>' in chinese


def test_a_project_page_in_three_languages(client, world):
    page = text(client, url("investment_detail", code="HD-PUB-1"))
    assert "2200/QĐ-UBND, 18/07/2021" in page  # the investment decision
    assert "15/NQ-HĐND, 01/03/2021" in page  # the policy decision
    assert "120 tỷ đồng" in page and "80 tỷ đồng" in page and "Ngân sách địa phương" in page
    assert "Nhóm B" in page and "Giao thông" in page and "Đang thực hiện" in page
    milestones = page.split('id="milestones"')[1].split("</section>")[0]
    assert "01/09/2022" in milestones  # site clearance done
    assert re.search(r"31/12/2024 <span class=\"badge bad\">quá hạn</span>", milestones)  # completion late
    assert "45,0 %" in page and "50 tỷ đồng" in page  # the latest progress report
    assert "Kế hoạch đầu tư công năm 2025" in page and "40 tỷ đồng" in page
    assert page.count('<svg class="chart"') == 3  # the project's S-curve, the milestones, the progress
    assert "Ngày 20/05/2025 đã quyết định xử lý: Ngừng hoạt động dự án." in page
    english = text(client, url("investment_detail", "en", code="HD-PUB-1"))
    assert "Thai Tan commune road" in english and "120 billion VND" in english
    assert "Handling decided on 20/05/2025: Suspend the project." in english
    assert "Conclusion notice 15/TB-UBND of 20/05/2025." in english
    assert "Review of the schedule as of 01/04/2025." in english
    chinese = text(client, url("investment_detail", "zh-hans", code="HD-PUB-1"))
    assert "暂停项目" in chinese and "1,200 亿越南盾" in chinese and "交通" in chinese
    assert '<h1><span lang="vi">Đường trục xã Thái Tân</span></h1>' in chinese


def test_a_project_without_plan_or_decision_says_so(client, world):
    page = text(client, url("investment_detail", "en", code="HD-PUB-2"))
    assert "Cu kindergarten" in page and "not yet decided" in page and "Preparing" in page
    assert 'id="this-year"' not in page and 'id="handling"' not in page
    assert "The sources of capital are not recorded." in page and "No progress report yet." in page


@pytest.mark.parametrize("code", ["HD-PRIV-1", "HD-PUB-DEL", "NOPE", "hd-pub-1"])
def test_a_private_deleted_or_unknown_project_is_not_found(client, world, code):
    get(client, url("investment_detail", code=code), status=404)


def test_filters(client, world, commune):
    def codes(query):
        return re.findall(r'href="/public-investment/(HD-[A-Z0-9-]+)/"', text(client, url("investment_list") + query))

    assert codes("") == ["HD-PUB-1", "HD-PUB-2"]
    assert codes("?sector=" + str(world["road"].sector_id)) == ["HD-PUB-1"]
    assert codes(f"?commune={commune.pk}") == ["HD-PUB-1"]
    assert codes(f"?commune={world['school'].commune_id}") == ["HD-PUB-2"]  # a unit gone, still named
    assert codes("?status=preparing") == ["HD-PUB-2"]
    assert codes("?group=B") == ["HD-PUB-1"]
    assert codes("?q=thai+tan") == ["HD-PUB-1"]  # diacritics ignored
    assert codes("?sort=investment") == ["HD-PUB-1", "HD-PUB-2"]
    assert codes("?sort=name") == ["HD-PUB-2", "HD-PUB-1"]
    assert codes("?sort=rate") == ["HD-PUB-1", "HD-PUB-2"]  # in the plan first, least disbursed first
    # a value that is not offered is refused in words; the other filters still apply
    page = text(client, url("investment_list") + "?sector=abc&status=preparing&page=99")
    assert "Trường mầm non Cũ" in page and "Đường trục xã Thái Tân" not in page.split('id="projects"')[1]
    assert 'class="errorlist"' in page
    assert "Không có dự án nào phù hợp" in text(client, url("investment_list") + "?q=zzzz")


def test_the_commune_filter_offers_todays_communes_and_the_older_ones_still_named(client, world, commune):
    page = text(client, url("investment_list", "en"))
    select = page.split('name="commune"')[1].split("</select>")[0]
    today, older = select.split("Earlier units projects still refer to")
    assert "xã Thái Tân" in today and "huyện Cũ" in older and "huyện Cũ" not in today


def test_the_home_block_and_the_sitemap(client, world):
    home = text(client, url("home", "en"))
    assert "Public investment" in home and "Annual plan 2025" in home and "40 billion VND" in home
    assert "Public-investment projects: 2" in home and "Implementing 1" in home and "Preparing 1" in home
    sitemap = text(client, "/sitemap.xml")
    for path in ("/public-investment/", "/en/public-investment/HD-PUB-1/", "/zh-hans/public-investment/HD-PUB-2/"):
        assert f"{path}</loc>" in sitemap
    assert "HD-PRIV-1" not in sitemap and "HD-PUB-DEL" not in sitemap
    readable = text(client, url("sitemap_page", "en"))
    assert "HD-PUB-1 — Thai Tan commune road" in readable


def test_a_signed_in_visitor_reads_the_public_page_too(client, world, admin_user):
    """A public page is cached for everyone: staff signed in read it as the public does (no private project)."""
    client.force_login(admin_user)
    page = text(client, url("investment_list"))
    assert "MXI-PRIVATE-PROJECT" not in page and "HD-PUB-1" in page
    client.logout()
    assert "MXI-PRIVATE-PROJECT" not in text(client, url("investment_list"))
