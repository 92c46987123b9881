"""The year's targets page and each indicator's page: ranges, status by shape and word, revisions with their
reasons, sources of the values; who sees the pages and the forms; bad input and stale edits refused."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from tiendo.targets import services
from tiendo.targets.models import Component, Indicator, Publication, Scenario, Target, Term

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_2026():
    with time_machine.travel(date(2026, 8, 10), tick=False):
        yield


@pytest.fixture
def term(specialist):
    return services.save_term(
        Term(first_year=2026, last_year=2030, document="Nghị quyết Đại hội Đảng bộ tỉnh"), actor=specialist
    )


@pytest.fixture
def grdp(specialist, term):
    indicator = services.save_indicator(
        Indicator(code=Indicator.GRDP_GROWTH, name="Tốc độ tăng trưởng GRDP", unit="percent", position=1),
        actor=specialist,
    )
    services.save_target(
        Target(indicator=indicator, year=2026, low=Decimal("13"), high=Decimal("13.5"), document="NQ 01/NQ-CP"),
        actor=specialist,
    )
    services.save_target(
        Target(indicator=indicator, kind=Target.Kind.TERM, term=term, low=Decimal("10"), document="NQ Đại hội"),
        actor=specialist,
    )
    return indicator


@pytest.fixture
def revenue(specialist, agency_x, term):
    indicator = services.save_indicator(
        Indicator(
            code="budget_revenue", name="Thu ngân sách", unit="billion_vnd", accumulates=True, position=2,
            responsible_agency=agency_x,
        ),
        actor=specialist,
    )  # fmt: skip
    target = services.save_target(
        Target(indicator=indicator, year=2026, low=Decimal("20000"), document="NQ 45/NQ-HĐND"), actor=specialist
    )
    target.low = Decimal("21000")
    target.document = "NQ 60/NQ-HĐND"
    services.save_target(target, actor=specialist, reason="HĐND điều chỉnh dự toán thu giữa năm")
    return indicator


def _release(number, day, *, status=Publication.Status.PRELIMINARY, source=Publication.Source.STATISTICS):
    return Publication(number=number, published_on=day, issuer="Thống kê tỉnh", status=status, source=source)


@pytest.fixture
def revenue_values(specialist, revenue):
    services.record_publication(
        _release("12/BC-TK", date(2026, 7, 5)),
        actor=specialist,
        values=[services.NewValue(revenue, 2026, 6, Decimal("9000"))],
    )
    services.record_publication(
        _release("15/BC-TK", date(2026, 7, 20), status=Publication.Status.OFFICIAL),
        actor=specialist,
        values=[services.NewValue(revenue, 2026, 6, Decimal("9500"))],
    )


@pytest.fixture
def scenario(specialist, grdp):
    cells = [
        services.Cell(component, quarter, Decimal(base), Decimal(planned))
        for component, base, planned in (
            (Component.AGRICULTURE, "2000", "0.03"),
            (Component.INDUSTRY_CONSTRUCTION, "30000", "0.16"),
            (Component.SERVICES, "16000", "0.10"),
            (Component.PRODUCT_TAXES, "4000", "0.09"),
        )
        for quarter in (1, 2, 3, 4)
    ]
    scenario = Scenario(year=2026, name="Kịch bản tháng 2", target_growth=Decimal("0.13"))
    services.save_scenario(scenario, cells, actor=specialist)
    services.adopt_scenario(scenario, actor=specialist, adopted_on=date(2026, 2, 10))
    figures = [
        services.NewGrowth(2026, quarter, component, Decimal(growth))
        for quarter in (1, 2)
        for component, growth in (
            (Component.AGRICULTURE, "0.03"),
            (Component.INDUSTRY_CONSTRUCTION, "0.09"),
            (Component.SERVICES, "0.07"),
            (Component.PRODUCT_TAXES, "0.06"),
        )
    ]
    services.record_publication(_release("20/BC-TK", date(2026, 7, 6)), actor=specialist, growth=figures)
    return scenario


def test_the_year_page_shows_the_range_the_term_target_and_each_status_by_shape_and_word(
    login, specialist, grdp, revenue, revenue_values, scenario
):
    page = login(specialist).get("/targets/?year=2026").content.decode()
    assert "13–13,5 %" in page  # the year's range, Vietnamese decimal comma
    assert "10 %" in page  # the term's target beside it
    assert "21.000 tỷ đồng" in page  # the revised target
    assert "9.500 tỷ đồng" in page and "6 tháng" in page  # the official figure that replaced 9.000, half a year
    # revenue: 9,500 after six months against half of 21,000 is 9.5 % short: off track, by its cross and word
    assert 'target-off_track"><span class="shape" aria-hidden="true">✕</span> Không đạt tiến độ' in page
    # GRDP: the half year grew far below the scenario, so its status comes from the scenario arithmetic
    grdp_row = page.split("Tốc độ tăng trưởng GRDP")[1].split("</tr>")[0]
    assert "6 tháng" in grdp_row and "ước cả năm" in grdp_row
    assert "✕" in grdp_row or "▲" in grdp_row
    assert "Tăng trưởng GRDP theo kịch bản" in page and "Kịch bản tháng 2" in page


def test_a_year_without_data_says_no_data_not_a_blank(login, specialist, revenue):
    page = login(specialist).get("/targets/?year=2027").content.decode()
    assert "○</span> Chưa có số liệu" in page
    assert "2026" in page and "2030" in page  # the term's years to choose from


def test_the_indicator_page_shows_each_revision_with_its_reason_and_each_value_with_what_it_replaced(
    login, specialist, revenue, revenue_values
):
    page = login(specialist).get("/targets/indicators/budget_revenue/?year=2026").content.decode()
    assert "HĐND điều chỉnh dự toán thu giữa năm" in page
    assert '<span class="old">20.000 tỷ đồng</span> → <span class="new">21.000 tỷ đồng</span>' in page
    assert '<span class="old">NQ 45/NQ-HĐND</span> → <span class="new">NQ 60/NQ-HĐND</span>' in page
    assert "15/BC-TK, 20/07/2026, Thống kê tỉnh — Chính thức" in page  # the source of the value in force
    assert '<span class="old">9.000 tỷ đồng</span>' in page and "12/BC-TK, 05/07/2026" in page  # what it replaced
    chart = page.split('<svg class="chart target-chart"')[1].split("</svg>")[0]
    assert "9.500" in chart and "2030" in chart  # the value drawn, over the term's years


def test_the_links_panel_appears_only_when_a_module_registers_one(login, specialist, revenue, monkeypatch):
    from tiendo.targets import hooks

    page = login(specialist).get("/targets/indicators/budget_revenue/").content.decode()
    assert "links_panel" not in page
    monkeypatch.setattr(hooks, "_panels", {"test": lambda indicator, year, user: {"projects": [indicator.code]}})
    seen = {}
    monkeypatch.setattr(
        "tiendo.targets.views_indicators.render",
        lambda request, template, context: seen.update(context) or __import__("django").http.HttpResponse(""),
    )
    login(specialist).get("/targets/indicators/budget_revenue/?year=2026")
    assert seen["links_panel"] == {"projects": ["budget_revenue"]}


def test_officers_read_without_buttons_and_are_refused_the_forms(login, officer_x, revenue):
    client = login(officer_x)
    year, page = client.get("/targets/"), client.get("/targets/indicators/budget_revenue/")
    assert year.status_code == 200 and page.status_code == 200
    for body in (year.content.decode(), page.content.decode()):
        assert "/new/" not in body and "/edit/" not in body and "/revise/" not in body
    target = Target.objects.get(indicator=revenue)
    for url in (
        "/targets/indicators/new/",
        "/targets/indicators/budget_revenue/edit/",
        "/targets/indicators/budget_revenue/targets/new/",
        f"/targets/targets/{target.pk}/revise/",
        "/targets/terms/new/",
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"low": "1"}).status_code == 403, url
    assert Target.objects.get(pk=target.pk).low == Decimal("21000")


def test_investors_and_anonymous_visitors_get_no_page(client, login, investor_a, revenue):
    for url in ("/targets/", "/targets/indicators/budget_revenue/"):
        assert client.get(url).status_code == 302 and "/login/" in client.get(url)["Location"]
    investor = login(investor_a)
    assert investor.get("/targets/").status_code == 403
    assert investor.get("/targets/indicators/budget_revenue/").status_code == 403
    assert "/targets/" not in investor.get("/").content.decode()  # no menu entry either


def test_the_menu_offers_targets_to_those_who_read_them(login, officer_x):
    assert 'href="/targets/"' in login(officer_x).get("/").content.decode()


def _target_data(**changes):
    data = {"kind": "year", "term": "", "year": "2026", "low": "13", "high": "", "document": "NQ 01", "note": ""}
    return data | changes


def test_a_range_upside_down_or_a_year_outside_the_term_is_refused_in_vietnamese(login, specialist, grdp, term):
    client = login(specialist)
    url = "/targets/indicators/grdp_growth/targets/new/"
    page = client.post(url, _target_data(year="2027", low="13,5", high="13")).content.decode()
    assert "Cận trên của khoảng thấp hơn mục tiêu." in page
    page = client.post(url, _target_data(kind="term_year", term=str(term.pk), year="2031")).content.decode()
    assert "Năm 2031 nằm ngoài nhiệm kỳ 2026–2030." in page
    page = client.post(url, _target_data()).content.decode()  # 2026 has its year target already
    assert "Chỉ tiêu này đã có mục tiêu này: hãy điều chỉnh mục tiêu đó." in page
    assert Target.objects.filter(indicator=grdp).count() == 2


def test_a_new_target_with_a_decimal_comma_is_saved_under_the_year_s_term(login, specialist, grdp, term):
    response = login(specialist).post(
        "/targets/indicators/grdp_growth/targets/new/", _target_data(year="2027", low="12,5", high="13")
    )
    assert response.status_code == 302
    target = Target.objects.get(indicator=grdp, year=2027)
    assert (target.low, target.high, target.term) == (Decimal("12.5"), Decimal("13"), term)


def test_a_revision_needs_its_reason_and_a_stale_one_is_refused(login, specialist, leader, grdp):
    target = Target.objects.get(indicator=grdp, year=2026)
    url = f"/targets/targets/{target.pk}/revise/"
    client = login(specialist)
    data = _target_data(low="12", high="12,5", document="NQ 10/NQ-HĐND", version=str(target.version))
    page = client.post(url, data).content.decode()
    assert "Hãy nêu lý do điều chỉnh mục tiêu." in page
    # a leader revises it meanwhile
    theirs = Target.objects.get(pk=target.pk)
    theirs.low = Decimal("12.8")
    services.save_target(theirs, actor=leader, reason="Chỉ đạo của Chính phủ", expected_version=target.version)
    page = client.post(url, data | {"reason": "HĐND điều chỉnh"}).content.decode()
    assert "Bản ghi này đã được người khác thay đổi" in page
    assert Target.objects.get(pk=target.pk).low == Decimal("12.8")
    # saved again at the version the refusal carried, it goes through with its reason
    response = client.post(url, data | {"reason": "HĐND điều chỉnh", "version": str(target.version + 1)})
    assert response.status_code == 302
    revised = Target.objects.get(pk=target.pk)
    assert (revised.low, revised.document) == (Decimal("12"), "NQ 10/NQ-HĐND")
    assert revised.history.first().history_change_reason == "HĐND điều chỉnh"


def test_the_catalogue_keeps_an_agency_that_has_ended(login, specialist, revenue, agency_x):
    from tiendo.agencies.models import Agency

    Agency.objects.filter(pk=agency_x.pk).update(valid_to=date(2025, 2, 28))
    client = login(specialist)
    page = client.get("/targets/indicators/budget_revenue/edit/").content.decode()
    assert f'<option value="{agency_x.pk}" selected>' in page and "(hết hiệu lực 28/02/2025)" in page
    data = {
        "name": "Thu ngân sách nhà nước", "name_en": "", "name_zh": "", "unit": "billion_vnd", "direction": "higher",
        "accumulates": "on", "responsible_agency": str(agency_x.pk), "description": "", "position": "2",
        "active": "on", "version": str(Indicator.objects.get(pk=revenue.pk).version),
    }  # fmt: skip
    assert client.post("/targets/indicators/budget_revenue/edit/", data).status_code == 302
    indicator = Indicator.objects.get(pk=revenue.pk)
    assert (indicator.name, indicator.responsible_agency_id, indicator.code) == (
        "Thu ngân sách nhà nước", agency_x.pk, "budget_revenue"
    )  # fmt: skip


def test_a_new_indicator_and_a_new_term(login, specialist, agency_y):
    client = login(specialist)
    data = {
        "code": "export_turnover", "name": "Kim ngạch xuất khẩu", "unit": "million_usd", "direction": "higher",
        "accumulates": "on", "responsible_agency": str(agency_y.pk), "position": "3", "active": "on",
    }  # fmt: skip
    assert client.post("/targets/indicators/new/", data).status_code == 302
    assert Indicator.objects.get(code="export_turnover").responsible_agency == agency_y
    page = client.post("/targets/terms/new/", {"first_year": "2030", "last_year": "2026"}).content.decode()
    assert "Năm cuối đứng trước năm đầu." in page and not Term.objects.exists()
    assert client.post("/targets/terms/new/", {"first_year": "2026", "last_year": "2030"}).status_code == 302
    assert Term.objects.get().covers(2028)
