"""The targets' read API: the shapes of `tiendo targets list/show --json`, each figure with its publication and what it
replaced; scenarios for staff and officers only; investors read the statistics office's figures; anonymous 401."""

from datetime import date
from decimal import Decimal

import pytest
from targets_release_support import *  # noqa: F403
from targets_release_support import record_first

from tiendo.targets import services
from tiendo.targets.models import Component, Publication, Scenario, Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2026(specialist, grdp, revenue):
    """Q1 recorded twice (the statistics office's preliminary then official figure), a department's revenue report,
    an adopted scenario and the year's target."""
    first = record_first(specialist)
    services.record_publication(
        Publication(number="45/BC-TK", published_on=date(2026, 7, 6), issuer="Thống kê", status="official"),
        actor=specialist,
        growth=[services.NewGrowth(2026, 1, Component.SERVICES, Decimal("0.095"))],
    )
    services.record_publication(
        Publication(number="7/BC-STC", published_on=date(2026, 4, 3), issuer="Sở Tài chính", source="department"),
        actor=specialist,
        values=[services.NewValue(revenue, 2026, 3, Decimal("1300"))],
    )
    services.save_target(
        Target(indicator=grdp, year=2026, low=Decimal("13"), high=Decimal("13.5"), document="NQ 01/NQ-CP"),
        actor=specialist,
    )
    cells = [services.Cell(c, q, Decimal("100"), Decimal("0.1")) for c in Component.values for q in (1, 2, 3, 4)]
    scenario = services.save_scenario(
        Scenario(year=2026, name="Kịch bản tháng 2", target_growth=Decimal("0.13")), cells, actor=specialist
    )
    services.adopt_scenario(scenario, actor=specialist, adopted_on=date(2026, 2, 10))
    return first


def test_indicators_and_one_indicator(login, specialist, year_2026):
    client = login(specialist)
    rows = {r["code"]: r for r in client.get("/api/targets/indicators?year=2026").json()}
    assert rows["grdp_growth"]["target"] == {
        "kind": "year", "term": None, "year": 2026, "low": 13.0, "high": 13.5, "document": "NQ 01/NQ-CP",
        "decided_on": None, "note": "",
    }  # fmt: skip
    assert rows["budget_revenue"]["latest"]["value"] == 1300
    detail = client.get("/api/targets/indicators/grdp_growth?year=2026").json()
    services_q1 = [g for g in detail["growth"] if g["component"] == "services"]
    assert [(g["growth_text"], g["in_force"]) for g in services_q1] == [("9,20 %", False), ("9,50 %", True)]
    assert services_q1[1]["replaces"]["sentence"] == "thay thế số liệu 9,20 % của báo cáo 12/BC-TK ngày 06/04/2026"
    assert detail["targets"][0]["revisions"][0]["by"] == "specialist"
    assert client.get("/api/targets/indicators/nope").status_code == 404


def test_actuals_and_scenarios_by_role(login, specialist, officer_y, investor_a, year_2026):
    client = login(specialist)
    actuals = client.get("/api/targets/actuals?year=2026").json()
    assert len(actuals["growth"]) == 5 and [v["value"] for v in actuals["values"]] == [1300]
    (scenario,) = client.get("/api/targets/scenarios?year=2026").json()
    assert scenario["status"] == "adopted" and len(scenario["cells"]) == 16
    client = login(officer_y)
    assert len(client.get("/api/targets/scenarios?year=2026").json()) == 1  # officers read the province's path
    client = login(investor_a)
    assert client.get("/api/targets/scenarios?year=2026").json() == []
    actuals = client.get("/api/targets/actuals?year=2026").json()
    assert actuals["values"] == []  # the department's report is not published
    assert {g["publication"]["source"] for g in actuals["growth"]} == {"statistics"} and len(actuals["growth"]) == 5


def test_anonymous_gets_401_and_bad_years_400(client, login, specialist, year_2026):
    for url in ("/api/targets/indicators", "/api/targets/scenarios", "/api/targets/actuals"):
        assert client.get(url).status_code == 401
    client = login(specialist)
    assert client.get("/api/targets/actuals?year=1800").status_code in (400, 422)
    assert client.get("/api/targets/actuals?year=true").status_code in (400, 422)
