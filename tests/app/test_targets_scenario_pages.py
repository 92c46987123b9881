"""The GRDP scenario pages: the table's figures are the domain's, a revised actual shows and is marked, adoption
freezes a version, stale and bad edits write nothing, the ministry's Excel holds numbers, roles are kept apart, and
the monthly paragraph is saved with its history."""

import io
import json
import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from python_calamine import CalamineWorkbook
from test_i18n import VIETNAMESE, visible_text

from tiendo.domain import growth
from tiendo.targets import services
from tiendo.targets.models import Component, EconomicSector, Publication, Scenario, ScenarioCell, Summary
from tiendo.targets.scenario_forms import parse_number

pytestmark = pytest.mark.django_db

# the example year of the growth-scenario contract
BASE = {
    "agriculture": ["2100", "2400", "2300", "2600"],
    "industry_construction": ["28000", "31000", "33000", "36000"],
    "services": ["15000", "16000", "17000", "19000"],
    "product_taxes": ["4000", "4200", "4300", "4700"],
}
PLANNED = {
    "agriculture": ["0.03", "0.03", "0.032", "0.033"],
    "industry_construction": ["0.15", "0.16", "0.165", "0.17"],
    "services": ["0.09", "0.095", "0.10", "0.105"],
    "product_taxes": ["0.08", "0.085", "0.09", "0.09"],
}
Q1 = {"agriculture": "0.031", "industry_construction": "0.16", "services": "0.09", "product_taxes": "0.08"}
Q2 = {"agriculture": "0.029", "industry_construction": "0.17", "services": "0.095", "product_taxes": "0.085"}


def _cells():
    return [
        services.Cell(c, q + 1, Decimal(BASE[c][q]), Decimal(PLANNED[c][q])) for c in Component.values for q in range(4)
    ]


def _release(number, day, quarter_figures, quarter, actor, status=Publication.Status.PRELIMINARY):
    publication = Publication(number=number, published_on=day, issuer="Thống kê tỉnh", status=status)
    figures = [services.NewGrowth(2026, quarter, c, Decimal(g)) for c, g in quarter_figures.items()]
    return services.record_publication(publication, actor=actor, growth=figures)


@pytest.fixture
def scenario(specialist):
    draft = services.save_scenario(
        Scenario(year=2026, name="Kịch bản tháng 2", target_growth=Decimal("0.13")), _cells(), actor=specialist
    )
    return services.adopt_scenario(draft, actor=specialist, adopted_on=date(2026, 2, 10), document="KH 25/KH-UBND")


@pytest.fixture
def published(scenario, specialist):
    _release("12/BC-TK", date(2026, 4, 6), Q1, 1, specialist)
    _release("30/BC-TK", date(2026, 7, 6), Q2, 2, specialist)
    return scenario


def _expected():
    payload = {
        "year": 2026,
        "target_growth": 0.13,
        "base": {c: [float(v) for v in row] for c, row in BASE.items()},
        "actual_growth": {c: [float(Q1[c]), float(Q2[c])] for c in BASE},
        "scenario": {c: [float(v) for v in row] for c, row in PLANNED.items()},
    }
    return growth.compute(growth.scenario_from_json(payload))


def _pct(fraction: float) -> str:
    return f"{fraction * 100:.2f}".replace(".", ",") + " %"


def test_the_table_shows_the_domain_s_figures(login, specialist, published):
    page = login(specialist).get("/targets/scenarios/2026/").content.decode()
    result = _expected()
    assert result.elapsed_quarters == 2
    # the year so far, the growth still required, the estimate: the domain's, to the hundredth of a point
    for value in (result.ytd_growth, result.required_growth_remaining, result.annual_estimate):
        assert _pct(value) in page
    # by hand: Q1 = (2100·0.031 + 28000·0.16 + 15000·0.09 + 4000·0.08) / 49100 = 6215.1 / 49100 = 12.658 %
    assert "12,66 %" in page
    # industry's contribution to Q1: 100 · 28000 · 0.16 / 49100 = 9.124 points
    assert "+9,12" in page
    assert "12/BC-TK, Thống kê tỉnh, 06/04/2026" in page


def test_a_figure_revised_by_a_later_release_shows_the_new_one_marked(login, specialist, published):
    revised = dict(Q1, services="0.085")
    _release("45/BC-TK", date(2026, 9, 20), revised, 1, specialist, Publication.Status.OFFICIAL)
    page = login(specialist).get("/targets/scenarios/2026/").content.decode()
    assert "8,50 %" in page  # services' Q1 now
    assert "đã điều chỉnh" in page and "trước đây 9,00 %" in page
    assert "45/BC-TK, Thống kê tỉnh, 20/09/2026 — chính thức" in page


def test_adopting_makes_a_version_read_only(login, specialist):
    draft = services.save_scenario(
        Scenario(year=2026, name="Dự thảo", target_growth=Decimal("0.13")), _cells(), actor=specialist
    )
    client = login(specialist)
    answer = client.post(
        f"/targets/scenarios/version/{draft.pk}/adopt/",
        {"adopted_on": "10/02/2026", "document": "KH 25", "version": draft.version},
    )
    assert answer.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Scenario.Status.ADOPTED and draft.adopted_on == date(2026, 2, 10)
    assert client.get(f"/targets/scenarios/version/{draft.pk}/edit/").status_code == 302
    client.post(f"/targets/scenarios/version/{draft.pk}/edit/", _grid(draft, growth_q1="50"))
    assert ScenarioCell.objects.get(scenario=draft, component="services", quarter=1).growth == Decimal("0.09")
    page = client.get(f"/targets/scenarios/2026/?version={draft.pk}").content.decode()
    assert "Sửa dự thảo" not in page and "Lập bản điều chỉnh" in page


def _grid(scenario, *, version=None, growth_q1="9", base_q1="15000", name=None, target="13", extra=None):
    data = {"name": name or scenario.name, "target_growth": target, "version": version or scenario.version}
    for c in Component.values:
        for q in range(4):
            data[f"base_{c}_{q + 1}"] = BASE[c][q].replace(".", ",")
            data[f"growth_{c}_{q + 1}"] = str(Decimal(PLANNED[c][q]) * 100).replace(".", ",")
    data["base_services_1"], data["growth_services_1"] = base_q1, growth_q1
    data.update(extra or {})
    return data


def test_a_stale_edit_is_refused_and_the_later_one_kept(login, specialist, leader):
    draft = services.save_scenario(
        Scenario(year=2026, name="Dự thảo", target_growth=Decimal("0.13")), _cells(), actor=specialist
    )
    read = draft.version
    first = login(leader).post(
        f"/targets/scenarios/version/{draft.pk}/edit/", _grid(draft, version=read, growth_q1="10")
    )
    assert first.status_code == 302
    page = login(specialist).post(
        f"/targets/scenarios/version/{draft.pk}/edit/", _grid(draft, version=read, growth_q1="11")
    )
    assert page.status_code == 200
    assert "chưa được lưu" in page.content.decode()
    assert ScenarioCell.objects.get(scenario=draft, component="services", quarter=1).growth == Decimal("0.1")


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"base_services_1": "-5"}, "GRDP năm trước không được âm"),
        ({"growth_services_1": "-120"}, "không thể thấp hơn −100 %"),
        ({"growth_services_1": ""}, "điền GRDP năm trước và tốc độ tăng của cả bốn quý"),
        ({"base_services_1": "nhiều"}, "Nhập số tỷ đồng"),
    ],
)
def test_bad_cells_are_refused_in_vietnamese_with_nothing_written(login, specialist, cells, message):
    client = login(specialist)
    data = _grid(Scenario(name="Mới", version=1), extra={"year": "2026", **cells})
    page = client.post("/targets/scenarios/new/", data)
    assert page.status_code == 200
    assert message in page.content.decode()
    assert not Scenario.objects.exists() and not ScenarioCell.objects.exists()


def test_a_new_draft_rolls_its_sectors_up_into_their_component(login, specialist):
    manufacturing = EconomicSector.objects.create(code="C", component="industry_construction", name="Công nghiệp CB")
    building = EconomicSector.objects.create(code="F", component="industry_construction", name="Xây dựng", position=1)
    sectors = {}
    for q in range(1, 5):
        sectors |= {f"base_s{manufacturing.pk}_{q}": "20.000", f"growth_s{manufacturing.pk}_{q}": "20"}
        sectors |= {f"base_s{building.pk}_{q}": "10.000", f"growth_s{building.pk}_{q}": "5"}
    data = _grid(Scenario(name="Chi tiết ngành", version=1), growth_q1="9", extra={"year": "2026", **sectors})
    assert login(specialist).post("/targets/scenarios/new/", data).status_code == 302
    scenario = Scenario.objects.get()
    industry = ScenarioCell.objects.get(scenario=scenario, component="industry_construction", sector=None, quarter=2)
    assert industry.base == Decimal("30000") and industry.growth == Decimal("0.15")  # (20000·20% + 10000·5%) / 30000
    assert scenario.created_by == specialist
    page = login(specialist).get("/targets/scenarios/2026/").content.decode()
    assert "Công nghiệp CB" in page and "cộng dồn theo trọng số" in page


def test_the_ministry_s_excel_holds_numbers_in_their_cells(login, specialist, published):
    answer = login(specialist).get(f"/targets/scenarios/version/{published.pk}/scenario.xlsx")
    assert answer.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(answer.streaming_content)))
    rows = book.get_sheet_by_name("Kịch bản tăng trưởng").to_python()
    assert rows[0][0] == "KỊCH BẢN TĂNG TRƯỞNG GRDP THEO QUÝ NĂM 2026"
    assert "Kịch bản tháng 2" in rows[1][0] and "10/02/2026" in rows[1][0]
    assert rows[2][2] == pytest.approx(0.13)
    grdp, industry = rows[7], rows[9]
    assert grdp[1].startswith("TỔNG SẢN PHẨM") and industry[1] == "Khu vực công nghiệp – xây dựng"
    result = _expected()
    assert grdp[2] == 49100  # Q1 base
    assert grdp[4] == pytest.approx(result.quarters[0].growth, abs=1e-12)
    assert industry[3] == pytest.approx(0.15) and industry[4] == pytest.approx(0.16)
    assert industry[5] == pytest.approx(result.quarters[0].contributions["industry_construction"], abs=1e-12)
    assert grdp[18] == 49100 + 53600 + 56600 + 62300
    assert grdp[20] == pytest.approx(result.annual_estimate, abs=1e-12)


def test_the_officer_reads_but_does_not_edit_and_others_see_nothing(client, login, officer_x, investor_a, published):
    officer = login(officer_x)
    page = officer.get("/targets/scenarios/2026/").content.decode()
    assert "Kịch bản tháng 2" in page and "Lập bản điều chỉnh" not in page and "Lưu đoạn văn" not in page
    assert officer.get(f"/targets/scenarios/version/{published.pk}/scenario.xlsx").status_code == 200
    assert officer.get("/targets/scenarios/new/").status_code == 403
    assert officer.post(f"/targets/scenarios/version/{published.pk}/revise/", {"name": "X"}).status_code == 403
    assert officer.post("/targets/scenarios/2026/summary/6/", {"text": "x"}).status_code == 403
    investor = login(investor_a)
    for url in (
        "/targets/scenarios/",
        "/targets/scenarios/2026/",
        f"/targets/scenarios/version/{published.pk}/scenario.xlsx",
    ):
        assert investor.get(url).status_code in (403, 404)
    client.logout()
    answer = client.get("/targets/scenarios/2026/")
    assert answer.status_code == 302 and "/login/" in answer["Location"]


def test_the_summary_is_drafted_edited_saved_and_kept(login, specialist, published):
    client = login(specialist)
    page = client.get("/targets/scenarios/2026/").content.decode()
    drafted = growth.draft_paragraph(_expected())
    assert drafted.startswith("GRDP 6 tháng đầu năm 2026 ước tăng")
    assert drafted.replace("–", "&ndash;") in page or drafted in page.replace("&ndash;", "–")
    edited = drafted + " Số liệu sơ bộ."
    answer = client.post("/targets/scenarios/2026/summary/6/", {"text": edited, "drafted_text": drafted})
    assert answer.status_code == 302
    summary = Summary.objects.get(year=2026, months=6)
    assert summary.text == edited and summary.drafted_text == drafted and summary.edited_by == specialist
    stale = client.post("/targets/scenarios/2026/summary/6/", {"text": "cũ", "version": summary.version - 1 or 99})
    assert stale.status_code == 200 and Summary.objects.get().text == edited
    client.post("/targets/scenarios/2026/summary/6/", {"text": "Bản thứ hai.", "version": summary.version})
    assert Summary.objects.get().history.count() == 2
    history = client.get("/targets/scenarios/2026/summary/6/").content.decode()
    assert "Bản thứ hai." in history and "Số liệu sơ bộ." in history
    empty = client.post("/targets/scenarios/2026/summary/6/", {"text": "  ", "version": summary.version + 1})
    assert empty.status_code == 200 and Summary.objects.get().text == "Bản thứ hai."


def test_the_command_exports_and_prints_the_summary(tmp_path, specialist, published, admin_user):
    out = tmp_path / "kich-ban.xlsx"
    text = io.StringIO()
    call_command("targets", "export-scenario", "2026", str(out), "--json", "--as", "specialist", stdout=text)
    assert json.loads(text.getvalue())["rows"] == 5
    assert CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Kịch bản tăng trưởng").to_python()[7][2] == 49100
    text = io.StringIO()
    call_command("targets", "summary", "2026", "--json", "--as", "specialist", stdout=text)
    data = json.loads(text.getvalue())
    assert data["months"] == 6 and not data["saved"]
    assert data["figures"]["ytd_growth"] == pytest.approx(_expected().ytd_growth, abs=1e-12)
    call_command("targets", "summary", "2026", "--save", "Đoạn đã sửa.", "--as", "specialist", stdout=io.StringIO())
    assert Summary.objects.get().text == "Đoạn đã sửa."


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("28.000,5", "28000.5"),
        ("28,000.5", "28000.5"),
        ("9,5", "9.5"),
        ("9.5", "9.5"),
        ("1.234.567", "1234567"),
        ("−3,2", "-3.2"),
    ],
)
def test_numbers_are_read_as_vietnamese_users_type_them(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_page_speaks_the_reader_s_language_but_the_report_s_paragraph(client, specialist, published, language):
    client.force_login(specialist)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/targets/scenarios/2026/").content.decode()
    translation.activate("vi")
    data = ["Kịch bản tháng 2", "Thống kê tỉnh", "KH 25/KH-UBND", "Tiếng Việt"]
    text = unicodedata.normalize("NFC", visible_text(html.split('<section class="card" id="summary">')[0]))
    for value in data:
        text = text.replace(value, "")
    assert not VIETNAMESE.search(text), sorted({w for w in text.split() if VIETNAMESE.search(w)})


def test_the_command_saves_a_draft_from_json_and_refuses_a_bad_one(tmp_path, specialist, admin_user):
    from django.core.management.base import CommandError

    EconomicSector.objects.create(code="C", component="industry_construction", name="Công nghiệp CB")
    EconomicSector.objects.create(code="F", component="industry_construction", name="Xây dựng", position=1)
    data = {
        "target_growth": 0.13,
        "base": {c: [float(v) for v in row] for c, row in BASE.items()},
        "scenario": {c: [float(v) for v in row] for c, row in PLANNED.items()},
        "sectors": {
            "C": {"base": [20000, 21000, 22000, 24000], "scenario": [0.2, 0.2, 0.2, 0.2]},
            "F": {"base": [8000, 10000, 11000, 12000], "scenario": [0.05, 0.05, 0.05, 0.05]},
        },
    }
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(data))
    out = io.StringIO()
    options = ["--version", "Dòng lệnh", "--json", "--as", "specialist"]
    call_command("targets", "save-scenario", "2026", str(path), *options, stdout=out)
    scenario = Scenario.objects.get(name="Dòng lệnh")
    industry = scenario.cells.get(component="industry_construction", sector=None, quarter=1)
    assert industry.base == Decimal("28000") and industry.growth == Decimal("0.157143")  # (4000 + 400) / 28000
    assert json.loads(out.getvalue())["created"] is True
    data["base"]["services"][1] = -1
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="base.services"):
        call_command("targets", "save-scenario", "2026", str(path), "--version", "Khác", "--as", "specialist")
    assert not Scenario.objects.filter(name="Khác").exists()


def test_before_any_release_the_page_plans_and_a_revision_shows_what_it_changed(login, specialist, scenario):
    revision = services.revise_scenario(scenario, actor=specialist, name="Điều chỉnh tháng 7")
    client = login(specialist)
    data = _grid(revision, growth_q1="10,5")
    assert client.post(f"/targets/scenarios/version/{revision.pk}/edit/", data).status_code == 302
    page = client.get(f"/targets/scenarios/2026/?version={revision.pk}").content.decode()
    assert "Chưa có số liệu GRDP quý nào của năm 2026 được công bố." in page  # the paragraph, before any release
    result = growth.compute(growth.scenario_from_json(_payload_without_actuals(services_q1="0.105")))
    assert _pct(result.annual_estimate) in page and _pct(result.required_growth_remaining) in page
    changed = page.split('id="changes"')[1]
    assert "Điều chỉnh tháng 7 thay đổi gì so với Kịch bản tháng 2" in changed
    assert "9,00 %" in changed and "10,50 %" in changed and "+1,50" in changed


def _payload_without_actuals(services_q1: str) -> dict:
    planned = {c: [float(v) for v in row] for c, row in PLANNED.items()}
    planned["services"][0] = float(services_q1)
    return {
        "year": 2026,
        "target_growth": 0.13,
        "base": {c: [float(v) for v in row] for c, row in BASE.items()},
        "scenario": planned,
    }
