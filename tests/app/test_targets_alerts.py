"""The targets' alerts: a release below the scenario proposes one alert per shortfall (none within the threshold,
none more on a re-run), a required growth beyond the scenario, an indicator behind its path; sending makes a task
on the board for the right agency with the figures; dismissing needs a reason; roles and stale edits; the links
panel's disbursement and projects' findings as the access layer allows."""

import json
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from test_disbursement_support import *  # noqa: F403
from test_disbursement_support import B

from tiendo.audit.versions import StaleVersion
from tiendo.directives.models import Directive, Notification, Task
from tiendo.domain import growth_alerts as rules
from tiendo.reviews.models import Finding, ScanRun
from tiendo.targets import alert_services, alerting, links, services
from tiendo.targets.models import (
    Alert,
    Component,
    ComponentAgency,
    Indicator,
    IndicatorProject,
    Publication,
    Scenario,
    Target,
)

YEAR = 2026
BASE = {  # billion đồng at comparable prices, Q1..Q4
    "agriculture": [2100, 2400, 2300, 2600],
    "industry_construction": [28000, 31000, 33000, 36000],
    "services": [15000, 16000, 17000, 19000],
    "product_taxes": [4000, 4200, 4300, 4700],
}
PLANNED = {"agriculture": "0.03", "industry_construction": "0.15", "services": "0.09", "product_taxes": "0.08"}


@pytest.fixture
def grdp(db, agency_x):
    return Indicator.objects.create(
        code=Indicator.GRDP_GROWTH, name="Tốc độ tăng trưởng GRDP", unit="percent", responsible_agency=agency_x
    )


def _scenario(specialist, target: str) -> Scenario:
    cells = [
        services.Cell(c, q + 1, Decimal(BASE[c][q]), Decimal(PLANNED[c])) for c in Component.values for q in range(4)
    ]
    scenario = services.save_scenario(
        Scenario(year=YEAR, name="Kịch bản tháng 2", target_growth=Decimal(target), document="Công văn 12/UBND-KT"),
        cells,
        actor=specialist,
    )
    return services.adopt_scenario(scenario, actor=specialist, adopted_on=date(YEAR, 2, 10))


@pytest.fixture
def scenario(specialist, grdp, agency_y):
    ComponentAgency.objects.create(component=Component.INDUSTRY_CONSTRUCTION, agency=agency_y)
    # planned Q1 growth 12.08 %, the year ~12.2 %: a target of 11 % needs nothing beyond the plan
    return _scenario(specialist, "0.11")


def _release(specialist, quarter: int, industry: str, number: str = "1/BC-TK") -> Publication:
    growth = {**PLANNED, "industry_construction": industry}
    figures = [services.NewGrowth(YEAR, quarter, c, Decimal(growth[c])) for c in Component.values]
    release = Publication(number=number, published_on=date(YEAR, 4, 6), issuer="Thống kê tỉnh")
    return services.record_publication(release, actor=specialist, growth=figures)


def test_a_quarter_below_the_scenario_proposes_one_alert_per_shortfall(scenario, specialist, agency_x, agency_y):
    _release(specialist, 1, "0.138")  # industry 1.2 points below; GRDP (28000 × 1.2 / 49100) 0.68 below
    found = alerting.check_alerts(YEAR, actor=specialist)
    assert sorted((a.kind, a.component, a.outcome) for a in found) == [
        ("quarter_shortfall", "", "new"),
        ("quarter_shortfall", "industry_construction", "new"),
    ]
    overall = Alert.objects.get(component="")
    industry = Alert.objects.get(component=Component.INDUSTRY_CONSTRUCTION)
    assert overall.agency == agency_x and industry.agency == agency_y
    assert overall.quarter == 1 and overall.figures["gap_points"] == pytest.approx(-0.6843, abs=1e-4)
    assert overall.text.startswith("GRDP quý I/2026 tăng 11,4%, thấp hơn kịch bản (12,08%) 0,68 điểm phần trăm")
    assert "trong đó khu vực công nghiệp – xây dựng thấp hơn kịch bản 1,2 điểm phần trăm" in overall.text
    assert f"Đề nghị {agency_x.name} rà soát" in overall.text
    assert industry.text.startswith("Khu vực công nghiệp – xây dựng quý I/2026 tăng 13,8%, thấp hơn kịch bản (15%)")
    assert f"Đề nghị {agency_y.name} báo cáo nguyên nhân và giải pháp" in industry.text
    # running the check again proposes nothing more
    again = alerting.check_alerts(YEAR, actor=specialist)
    assert [a.outcome for a in again] == ["unchanged", "unchanged"] and Alert.objects.count() == 2


def test_a_quarter_within_the_threshold_proposes_nothing(scenario, specialist, settings):
    _release(specialist, 1, "0.146")  # industry 0.4 points below, GRDP 0.23
    assert alerting.check_alerts(YEAR, actor=specialist) == []
    settings.TIENDO_TARGETS_SHORTFALL_POINTS = 0.2
    assert len(alerting.check_alerts(YEAR, actor=specialist)) == 2  # the threshold is the setting's


def test_the_check_runs_after_a_publication_is_committed(scenario, specialist, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _release(specialist, 1, "0.138")
    assert Alert.objects.filter(kind=Alert.Kind.QUARTER_SHORTFALL).count() == 2


def test_a_worse_revision_updates_a_proposed_alert_and_keeps_the_history(scenario, specialist):
    _release(specialist, 1, "0.138")
    alerting.check_alerts(YEAR, actor=specialist)
    industry = Alert.objects.get(component=Component.INDUSTRY_CONSTRUCTION)
    _release(specialist, 1, "0.13", number="5/BC-TK")  # the official figure, worse
    found = {a.component: a.outcome for a in alerting.check_alerts(YEAR, actor=specialist)}
    assert found == {"": "updated", "industry_construction": "updated"}
    industry.refresh_from_db()
    assert industry.figures["actual"] == 0.13 and industry.figures["previous"]["actual"] == 0.138
    assert "tăng 13%" in industry.text
    assert industry.history.count() == 2 and Alert.objects.count() == 2
    # a better revision leaves the alert as it is
    _release(specialist, 1, "0.136", number="6/BC-TK")
    assert {a.outcome for a in alerting.check_alerts(YEAR, actor=specialist)} == {"unchanged"}


def test_a_required_growth_beyond_the_scenario_is_an_alert(specialist, grdp, agency_x):
    _scenario(specialist, "0.14")  # the plan's best quarter is ~12.3 %: 14 % needs more of every quarter left
    _release(specialist, 1, "0.15")
    found = alerting.check_alerts(YEAR, actor=specialist)
    assert [a.kind for a in found] == [Alert.Kind.REQUIRED_TOO_HIGH]
    alert = found[0]
    assert alert.quarter == 1 and alert.agency == agency_x
    assert alert.figures["required"] > alert.figures["highest_planned"]
    assert alert.figures["remaining"] == [2, 3, 4]
    assert "các quý II, III và IV cần tăng bình quân" in alert.text and "mục tiêu tăng 14%" in alert.text


def test_an_indicator_behind_its_path_is_an_alert_for_its_agency(specialist, agency_y):
    revenue = Indicator.objects.create(
        code="budget_revenue", name="Thu ngân sách", unit="billion_vnd", accumulates=True, responsible_agency=agency_y
    )
    Target.objects.create(indicator=revenue, year=YEAR, low=Decimal("12000"), document="NQ 50/NQ-HĐND")
    report = Publication(source="department", published_on=date(YEAR, 7, 5), issuer="Sở Tài chính")
    services.record_publication(report, actor=specialist, values=[services.NewValue(revenue, YEAR, 6, Decimal("4000"))])
    found = alerting.check_alerts(YEAR, actor=specialist)
    assert [(a.kind, a.months, a.agency) for a in found] == [(Alert.Kind.INDICATOR_BEHIND, 6, agency_y)]
    assert found[0].figures["expected"] == 6000 and found[0].figures["status"] == "off_track"
    assert found[0].text.startswith("Chỉ tiêu “Thu ngân sách” 6 tháng đầu năm đạt 4.000 tỷ đồng")
    assert f"Đề nghị {agency_y.name} báo cáo" in found[0].text


@pytest.fixture
def proposed(scenario, specialist):
    _release(specialist, 1, "0.138")
    alerting.check_alerts(YEAR, actor=specialist)
    return Alert.objects.get(component=Component.INDUSTRY_CONSTRUCTION)


def test_sending_makes_a_task_on_the_board_for_the_agency_with_the_figures(proposed, leader, agency_y, officer_y):
    deadline = rules.deadline_after(timezone.localdate())
    task = alert_services.send_alert(
        proposed, actor=leader, text=proposed.text, deadline=deadline, agency=agency_y, expected_version=1
    )
    assert task.lead_agency == agency_y and task.deadline == deadline
    assert "tăng 13,8%, thấp hơn kịch bản (15%) 1,2 điểm phần trăm" in task.title
    assert task.title.endswith(f"trước ngày {deadline:%d/%m/%Y}.")
    assert task.directive.kind == Directive.Kind.PLAN
    assert task.directive.title == "Theo dõi kịch bản tăng trưởng năm 2026"
    assert task.assigned_on == timezone.localdate()
    assert Task.objects.alive().filter(pk=task.pk).exists()
    assert Notification.objects.filter(user=officer_y, task=task, kind=Notification.Kind.ASSIGNED).exists()
    proposed.refresh_from_db()
    assert (proposed.state, proposed.task, proposed.decided_by) == (Alert.State.SENT, task, leader)
    with pytest.raises(ValidationError):  # sent once only
        alert_services.send_alert(proposed, actor=leader, text="x", deadline=deadline, agency=agency_y)


def test_the_second_sent_alert_reuses_the_year_directive(proposed, specialist, agency_x):
    overall = Alert.objects.get(component="")
    deadline = timezone.localdate() + timedelta(days=20)
    first = alert_services.send_alert(proposed, actor=specialist, text="Báo cáo", deadline=deadline, agency=agency_x)
    second = alert_services.send_alert(overall, actor=specialist, text="Rà soát", deadline=deadline, agency=agency_x)
    assert first.directive == second.directive and Directive.objects.count() == 1


def test_a_stale_send_is_refused(proposed, specialist, agency_y):
    alert_services.dismiss_alert(proposed, actor=specialist, reason="Chờ số liệu chính thức", expected_version=1)
    with pytest.raises(StaleVersion):
        alert_services.send_alert(
            proposed, actor=specialist, text="x", deadline=timezone.localdate(), agency=agency_y, expected_version=1
        )
    assert not Task.objects.exists()


def test_dismissing_needs_a_reason(proposed, specialist):
    with pytest.raises(ValidationError):
        alert_services.dismiss_alert(proposed, actor=specialist, reason="  ")
    proposed.refresh_from_db()
    assert proposed.state == Alert.State.PROPOSED
    alert_services.dismiss_alert(proposed, actor=specialist, reason="Số liệu sẽ được điều chỉnh")
    proposed.refresh_from_db()
    assert (proposed.state, proposed.reason) == (Alert.State.DISMISSED, "Số liệu sẽ được điều chỉnh")


def test_a_past_deadline_or_no_text_is_refused(proposed, specialist, agency_y):
    yesterday = timezone.localdate() - timedelta(days=1)
    for text, deadline in (("Báo cáo", yesterday), ("  ", timezone.localdate())):
        with pytest.raises(ValidationError):
            alert_services.send_alert(proposed, actor=specialist, text=text, deadline=deadline, agency=agency_y)
    assert not Task.objects.exists()


def test_an_officer_cannot_send_and_sees_only_its_agency_alerts(proposed, officer_x, officer_y, agency_y, login):
    with pytest.raises(PermissionDenied):
        alert_services.send_alert(proposed, actor=officer_y, text="x", deadline=timezone.localdate(), agency=agency_y)
    with pytest.raises(PermissionDenied):
        alert_services.dismiss_alert(proposed, actor=officer_y, reason="x")
    page = login(officer_y).get(f"/targets/alerts/?year={YEAR}")
    assert page.status_code == 200
    assert proposed.text[:40] in page.content.decode() and "GRDP quý I/2026" not in page.content.decode()
    detail = login(officer_y).get(f"/targets/alerts/{proposed.pk}/")
    assert detail.status_code == 200 and 'name="deadline"' not in detail.content.decode()
    assert login(officer_x).get(f"/targets/alerts/{proposed.pk}/").status_code == 404
    refused = login(officer_y).post(f"/targets/alerts/{proposed.pk}/send/", {"text": "x"})
    assert refused.status_code in (403, 404) and not Task.objects.exists()


def test_investors_and_the_public_see_nothing(proposed, investor_a, client, login):
    assert client.get("/targets/alerts/").status_code == 302  # to the sign-in page
    assert login(investor_a).get("/targets/alerts/").status_code in (403, 404)
    assert login(investor_a).get(f"/targets/alerts/{proposed.pk}/").status_code == 404


def test_the_page_sends_an_alert_and_a_stale_page_is_refused(proposed, specialist, agency_y, login):
    client = login(specialist)
    page = client.get(f"/targets/alerts/{proposed.pk}/")
    assert page.status_code == 200 and "1,2" in page.content.decode()
    deadline = rules.deadline_after(timezone.localdate())
    form = {"text": proposed.text, "deadline": f"{deadline:%d/%m/%Y}", "agency": agency_y.code, "version": "1"}
    alert_services.dismiss_alert(proposed, actor=specialist, reason="Đã xử lý")  # someone else, meanwhile
    stale = client.post(f"/targets/alerts/{proposed.pk}/send/", form)
    assert stale.status_code == 400 and not Task.objects.exists()


def test_the_page_sends_an_alert(proposed, specialist, agency_y, login):
    deadline = rules.deadline_after(timezone.localdate())
    form = {"text": "Báo cáo nguyên nhân", "deadline": f"{deadline:%d/%m/%Y}", "agency": agency_y.code, "version": "1"}
    sent = login(specialist).post(f"/targets/alerts/{proposed.pk}/send/", form)
    task = Task.objects.get()
    assert sent.status_code == 302 and sent.url == reverse("directives:task", args=[task.pk])
    assert task.title == f"Báo cáo nguyên nhân, trước ngày {deadline:%d/%m/%Y}."


def test_the_command_lists_sends_and_dismisses(proposed, specialist, agency_y):
    out = StringIO()
    call_command("targets", "alerts", "--year", str(YEAR), "--json", "--as", specialist.username, stdout=out)
    listed = json.loads(out.getvalue())
    assert {a["component"] for a in listed} == {None, "industry_construction"}
    with pytest.raises(CommandError, match="lý do|Lý do|reason"):
        call_command("targets", "dismiss-alert", str(proposed.pk), "--as", specialist.username, stdout=StringIO())
    out = StringIO()
    call_command("targets", "send-alert", str(proposed.pk), "--json", "--as", specialist.username, stdout=out)
    sent = json.loads(out.getvalue())
    assert sent["agency"] == agency_y.code and Task.objects.get().pk == sent["task"]


def test_the_command_check_reports_new_alerts(scenario, specialist, officer_x):
    _release(specialist, 1, "0.138")
    out = StringIO()
    call_command("targets", "check", "--year", str(YEAR), "--json", "--as", specialist.username, stdout=out)
    assert [a["outcome"] for a in json.loads(out.getvalue())["alerts"]] == ["new", "new"]
    with pytest.raises(CommandError, match="Không có quyền"):
        call_command("targets", "check", "--year", str(YEAR), "--as", officer_x.username, stdout=StringIO())


# The links panel -------------------------------------------------------------------------------------------------


@pytest.fixture
def grdp_2024(plan_2024, grdp):
    from tiendo.plans.models import Disbursement, Source

    for code, month, amount in (("HD-2021-0001", 1, 5), ("HD-DTC-0002", 2, 10), ("HD-2021-0001", 3, 5)):
        Disbursement.objects.create(
            plan=plan_2024,
            project=plan_2024.versions.get().items.get(project__code=code).project,
            source=Source.objects.get(code="NSDP_CD"),
            month=date(2024, month, 1),
            amount=amount * B,
        )
    return grdp


def test_the_panel_compares_disbursement_with_what_the_scenario_assumes(grdp_2024, specialist, officer_x, settings):
    panel = links.panel(grdp_2024, 2024, specialist)
    d = panel["disbursement"]
    # 20 of 100 billion đồng by the March report; the scenario assumes 25 % by the end of the first quarter
    assert (d.allocated, d.disbursed, d.rate, d.last_report) == (100 * B, 20 * B, Decimal("20.00"), date(2024, 3, 1))
    assert d.assumed == Decimal("25") and d.gap == Decimal("-5") and d.behind
    settings.TIENDO_TARGETS_ASSUMED_DISBURSEMENT = "15,40,70,95"
    assert links.panel(grdp_2024, 2024, specialist)["disbursement"].behind is False
    # an officer sees its agency's part of the plan only: no province figure is shown to it
    assert links.panel(grdp_2024, 2024, officer_x)["disbursement"] is None


def test_the_assumed_level_runs_straight_between_quarter_ends():
    assert rules.assumed_disbursement(3) == 25 and rules.assumed_disbursement(12) == 95
    assert rules.assumed_disbursement(5) == pytest.approx(41.6667, abs=1e-4)
    assert rules.assumed_disbursement(1, (30, 60, 80, 100)) == 10


def test_the_panel_shows_linked_projects_with_findings_as_access_allows(
    grdp, public_projects, specialist, officer_x, officer_y, investor_a
):
    run = ScanRun.objects.create(as_of=date(YEAR, 6, 1), finished_at=timezone.now())
    for project in public_projects.values():
        alert_services.link_project(grdp, project, YEAR, actor=specialist, note="Đưa vào vận hành quý III")
        Finding.objects.create(
            run=run, project=project, rule="SCH-02", severity="warning", citation="Điều 48", days_behind=120,
            proposal="remind", explanation="Chậm tiến độ so với tiến độ đăng ký.",
        )  # fmt: skip
    seen = links.panel(grdp, YEAR, specialist)["projects"]
    assert [row["project"].code for row in seen] == ["HD-2021-0001", "HD-DTC-0002", "HD-DTC-0003"]
    assert all([f.rule for f in row["findings"]] == ["SCH-02"] for row in seen)
    # officer X sees the projects of its agency only, with their findings
    mine = links.panel(grdp, YEAR, officer_x)["projects"]
    assert [row["project"].code for row in mine] == ["HD-2021-0001", "HD-DTC-0003"]
    assert all(row["findings"] for row in mine)
    assert links.panel(grdp, YEAR, investor_a) is None
    with pytest.raises(ValidationError):
        alert_services.link_project(grdp, public_projects["HD-DTC-0002"], YEAR, actor=specialist)
    with pytest.raises(PermissionDenied):
        alert_services.link_project(grdp, public_projects["HD-DTC-0002"], 2027, actor=officer_y)
    link = IndicatorProject.objects.get(project__code="HD-DTC-0002")
    alert_services.unlink_project(link, actor=specialist)
    assert IndicatorProject.objects.count() == 2


def test_the_alert_page_links_projects_and_shows_them_as_access_allows(
    proposed, public_projects, specialist, officer_y, login
):
    client = login(specialist)
    back = f"/targets/alerts/{proposed.pk}/"
    for code in ("HD-2021-0001", "HD-DTC-0002"):
        added = client.post(
            "/targets/indicators/grdp_growth/projects/add/",
            {"project": code, "note": "Vận hành quý III", "year": YEAR, "next": back},
        )
        assert added.status_code == 302 and added.url == back
    elsewhere = client.post(
        "/targets/indicators/grdp_growth/projects/add/",
        {"project": "HD-DTC-0003", "year": YEAR, "next": "https://example.com/"},
    )
    assert elsewhere.url == reverse("targets:alerts")  # never sent off the site
    page = client.get(back).content.decode()
    assert "HD-2021-0001" in page and "HD-DTC-0002" in page and "Vận hành quý III" in page
    # officer Y reads its agency's alert: the panel lists the project of its agency only, and no form to link
    officer_page = login(officer_y).get(back)
    assert officer_page.status_code == 200
    text = officer_page.content.decode()
    assert "HD-DTC-0002" in text and "HD-2021-0001" not in text and 'name="project"' not in text


def test_the_components_agencies_are_set_on_the_page_and_from_the_command(
    specialist, officer_x, agency_x, agency_y, login
):
    saved = login(specialist).post("/targets/alerts/agencies/", {"services": agency_y.code})
    assert saved.status_code == 302
    assert ComponentAgency.objects.get(component=Component.SERVICES).agency == agency_y
    call_command(
        "targets", "component-agency", "services", agency_x.code, "--as", specialist.username, stdout=StringIO()
    )
    row = ComponentAgency.objects.get(component=Component.SERVICES)
    assert row.agency == agency_x and row.history.count() == 2
    assert alerting.component_agencies()["services"] == agency_x
    assert login(officer_x).post("/targets/alerts/agencies/", {"services": agency_y.code}).status_code == 403
    with pytest.raises(CommandError, match="Không có quyền"):
        call_command("targets", "component-agency", "services", agency_y.code, "--as", officer_x.username)
    with pytest.raises(CommandError, match="Không có cơ quan mã"):
        call_command("targets", "component-agency", "services", "NOPE", "--as", specialist.username)


def test_the_command_shows_the_links_panel(grdp_2024, specialist, officer_x):
    out = StringIO()
    call_command("targets", "links", "grdp_growth", "--year", "2024", "--json", "--as", specialist.username, stdout=out)
    shown = json.loads(out.getvalue())
    assert shown["disbursement"]["rate"] == "20.00" and shown["disbursement"]["behind"] is True
    out = StringIO()
    call_command("targets", "links", "grdp_growth", "--year", "2024", "--json", "--as", officer_x.username, stdout=out)
    assert json.loads(out.getvalue())["disbursement"] is None
