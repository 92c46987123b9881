"""The year's dashboard: totals equal the sums of lines and disbursement, by source, owner and place; the
medium-term progress; officers see their agency's; investors nothing."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from test_disbursement_support import *  # noqa: F403
from test_disbursement_support import B

from tiendo.agencies.models import AdminUnit
from tiendo.plans import dashboards, disbursement
from tiendo.plans.models import Disbursement, Plan, PlanItem, PlanLine, PlanVersion, Source
from tiendo.projects.models import Project


@pytest.fixture
def year_2024(plan_2024):
    for code, source, month, amount in (
        ("HD-2021-0001", "NSDP_CD", date(2024, 3, 1), 12 * B),
        ("HD-2021-0001", "NSDP_TSDD", date(2024, 5, 1), 4 * B),
        ("HD-DTC-0002", "NSDP_CD", date(2024, 4, 1), 9 * B),
        ("HD-DTC-0003", "NSDP_TSDD", date(2024, 6, 1), 1 * B),
        ("HD-DTC-0002", "NSDP_CD", date(2024, 11, 1), 5 * B),  # after the as-of day below
    ):
        Disbursement.objects.create(
            plan=plan_2024,
            project=Project.objects.get(code=code),
            source=Source.objects.get(code=source),
            month=month,
            amount=amount,
        )
    return plan_2024


def _rows(table):
    return {r.label: (r.planned, r.disbursed) for r in table.rows}


def test_the_totals_equal_the_sums_of_lines_and_disbursement(year_2024, agency_x, agency_y):
    board = dashboards.dashboard(disbursement.Scope(), 2024, date(2024, 6, 30), area="commune")
    lines = PlanLine.objects.filter(version=year_2024.current_version())
    paid = Disbursement.objects.filter(plan=year_2024, month__lte=date(2024, 6, 1))
    planned, disbursed = sum(lines.values_list("amount", flat=True)), sum(paid.values_list("amount", flat=True))
    assert (planned, disbursed) == (100 * B, 26 * B)
    for table in (board.by_source, board.by_agency, board.by_area):
        assert (table.planned, table.disbursed) == (planned, disbursed)
    assert _rows(board.by_source) == {
        "Cân đối ngân sách địa phương theo tiêu chí": (70 * B, 21 * B),
        "Thu tiền sử dụng đất": (30 * B, 5 * B),
    }
    assert _rows(board.by_agency) == {agency_x.name: (70 * B, 17 * B), agency_y.name: (30 * B, 9 * B)}
    assert _rows(board.by_area) == {"xã Thái Tân": (100 * B, 26 * B)}
    assert board.by_source.rate == 26
    assert (board.curve.allocated, board.curve.disbursed) == (planned, disbursed)


def test_a_year_before_the_reorganisation_groups_by_the_district_of_the_time(year_2024, province, commune):
    district = AdminUnit.objects.create(
        code="HD-TK", name="Tứ Kỳ", unit_type="huyện", level="district", parent=province, valid_to=date(2025, 6, 30)
    )
    commune.formed_from.add(district)
    assert dashboards.default_area(2024) == "district" and dashboards.default_area(2025) == "commune"
    board = dashboards.dashboard(disbursement.Scope(), 2024, date(2024, 6, 30))
    assert board.area == "district"
    assert _rows(board.by_area) == {"huyện Tứ Kỳ": (100 * B, 26 * B)}


def test_the_medium_term_progress_adds_the_annual_plans_in_force(year_2024, public_projects, sources):
    plan_2025 = Plan.objects.create(
        kind="annual", first_year=2025, last_year=2025, medium_term=year_2024.medium_term, title="Năm 2025"
    )
    version = PlanVersion.objects.create(plan=plan_2025, number=1, purpose="initial", state="approved", title="2025")
    item = PlanItem.objects.create(version=version, project=public_projects["HD-DTC-0002"], tier="new", need=B)
    PlanLine.objects.create(version=version, item=item, source=sources["NSDP_CD"], amount=20 * B)
    draft = PlanVersion.objects.create(plan=plan_2025, number=2, purpose="adjustment", state="draft", title="draft")
    draft_item = PlanItem.objects.create(version=draft, project=public_projects["HD-DTC-0002"], tier="new", need=B)
    PlanLine.objects.create(version=draft, item=draft_item, source=sources["NSDP_CD"], amount=99 * B)  # not in force
    progress = dashboards.medium_term_progress(year_2024.medium_term, disbursement.Scope(), date(2025, 12, 31))
    assert progress.total == 290 * B
    assert [(y.plan.first_year, y.allocated, y.disbursed) for y in progress.years] == [
        (2024, 100 * B, 31 * B),
        (2025, 20 * B, 0),
    ]
    assert (progress.allocated, progress.remaining, progress.rate) == (120 * B, 170 * B, Decimal("41.38"))


def test_an_officer_dashboard_counts_its_agency_only(year_2024, login, officer_y, agency_y):
    response = login(officer_y).get("/plans/dashboard/?year=2024&as_of=30/06/2024")
    assert response.status_code == 200
    board = response.context["board"]
    assert _rows(board.by_agency) == {agency_y.name: (30 * B, 9 * B)}
    assert (board.by_source.planned, board.by_source.disbursed) == (30 * B, 9 * B)
    assert "Chỉ gồm dự án của cơ quan, đơn vị bạn" in response.content.decode()  # Projects of your agency only


def test_the_dashboard_page_draws_the_charts(year_2024, login, leader):
    response = login(leader).get("/plans/dashboard/?year=2024&as_of=30/06/2024")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('<svg class="chart"') == 4  # the S-curve, sources, owners, places
    assert "31/01/2025" in page and "Kế hoạch trung hạn 2021-2025" in page


def test_the_dashboard_defaults_to_this_year_and_says_when_there_is_no_plan(year_2024, login, specialist):
    with time_machine.travel(date(2026, 3, 1), tick=False):
        response = login(specialist).get("/plans/dashboard/")
    assert response.status_code == 200 and response.context["year"] == 2026 and response.context["board"].plan is None
    assert "Chưa có kế hoạch đầu tư công năm 2026." in response.content.decode()
    assert [year for year, _ in response.context["form"].fields["year"].choices] == [2026, 2024]


def test_an_investor_has_no_dashboard(year_2024, login, investor_a):
    assert login(investor_a).get("/plans/dashboard/").status_code == 404


def test_the_overview_loads_this_year_disbursement_card(year_2024, login, leader, officer_y, investor_a):
    with time_machine.travel(date(2024, 7, 15), tick=False):
        home = login(leader).get("/")
        assert 'hx-get="/plans/dashboard/card/"' in home.content.decode()
        card = login(leader).get("/plans/dashboard/card/")
        assert card.context["curve"].rate == 26 and "vốn đầu tư công năm 2024 đã giải ngân" in card.content.decode()
        assert login(officer_y).get("/plans/dashboard/card/").context["curve"].allocated == 30 * B
        assert login(investor_a).get("/plans/dashboard/card/").content == b""
        assert 'hx-get="/plans/dashboard/card/"' not in login(investor_a).get("/").content.decode()


def test_a_cached_dashboard_is_never_shown_to_another_scope(year_2024, login, leader, officer_y):
    url = "/plans/dashboard/?year=2024&as_of=30/06/2024"
    assert login(leader).get(url).context["board"].by_source.planned == 100 * B
    board = login(officer_y).get(url).context["board"]
    assert (board.by_source.planned, board.by_source.disbursed) == (30 * B, 9 * B)
    assert login(leader).get(url).context["board"].by_source.planned == 100 * B
    with time_machine.travel(date(2024, 6, 30), tick=False):
        assert login(leader).get("/plans/dashboard/card/").context["curve"].allocated == 100 * B
        assert login(officer_y).get("/plans/dashboard/card/").context["curve"].allocated == 30 * B


def test_a_new_disbursement_shows_at_once_on_the_cached_dashboard(year_2024, login, leader):
    url = "/plans/dashboard/?year=2024&as_of=30/06/2024"
    client = login(leader)
    assert client.get(url).context["board"].by_source.disbursed == 26 * B
    Disbursement.objects.create(
        plan=year_2024,
        project=Project.objects.get(code="HD-DTC-0003"),
        source=Source.objects.get(code="NSDP_CD"),
        month=date(2024, 6, 1),
        amount=2 * B,
    )
    response = client.get(url)
    assert response.context["board"].by_source.disbursed == 28 * B
    assert "28.000" in response.content.decode()  # the rendered figures too, in million đồng
