"""Disbursement pages: one persona per role, success and refusal side by side; the deadline lines on the charts."""

from datetime import date

import pytest
import time_machine
from python_calamine import CalamineWorkbook
from test_disbursement_support import *  # noqa: F403
from test_disbursement_support import B, csv_file

from tiendo.plans.models import Disbursement, PlanItem, PlanLine, Source
from tiendo.projects.models import Project

TODAY = date(2024, 10, 10)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(date(2024, 10, 10), tick=False):
        yield


@pytest.fixture
def disbursed(plan_2024):
    """Through September: the road 75 %, the school 80 %, the cultural house nothing (stalled)."""
    rows = [
        ("HD-2021-0001", "NSDP_CD", date(2024, 8, 1), 30 * B),
        ("HD-2021-0001", "NSDP_TSDD", date(2024, 9, 1), 15 * B),
        ("HD-DTC-0002", "NSDP_CD", date(2024, 9, 1), 24 * B),
    ]
    for code, source, month, amount in rows:
        Disbursement.objects.create(
            plan=plan_2024,
            project=Project.objects.get(code=code),
            source=Source.objects.get(code=source),
            month=month,
            amount=amount,
        )
    return plan_2024


def url(plan, tail=""):
    return f"/plans/{plan.pk}/disbursement/{tail}"


def test_the_plan_page_shows_the_s_curve_the_deadline_and_the_projects(disbursed, login, leader):
    response = login(leader).get(url(disbursed))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page and "<polyline" in page
    assert "31/01/2025" in page  # the legal deadline line
    assert "31/12/2025" not in page
    for code in ("HD-2021-0001", "HD-DTC-0002", "HD-DTC-0003"):
        assert code in page
    assert response.context["curve"].disbursed == 69 * B
    assert response.context["curve"].rate == 69.0


def test_capital_added_after_september_draws_the_second_deadline(disbursed, login, leader):
    PlanItem.objects.filter(project__code="HD-DTC-0003").update(capital_added_on=date(2024, 10, 2))
    page = login(leader).get(url(disbursed)).content.decode()
    assert "31/01/2025" in page and "31/12/2025" in page


def test_an_officer_sees_its_agency_projects_only(disbursed, login, officer_y):
    response = login(officer_y).get(url(disbursed))
    assert response.status_code == 200
    page = response.content.decode()
    assert "HD-DTC-0002" in page and "HD-2021-0001" not in page and "HD-DTC-0003" not in page
    assert response.context["curve"].allocated == 30 * B
    assert login(officer_y).get(url(disbursed, "HD-2021-0001/")).status_code == 404
    assert login(officer_y).get(url(disbursed, "HD-DTC-0002/")).status_code == 200


def test_an_investor_gets_404_everywhere(disbursed, login, investor_a):
    client = login(investor_a)
    for tail in ("", "HD-2021-0001/", "slow/", "import/"):
        assert client.get(url(disbursed, tail)).status_code == 404
    assert client.get("/plans/dashboard/").status_code == 404


def test_the_project_page_has_its_own_curve_and_status(disbursed, login, specialist):
    response = login(specialist).get(url(disbursed, "HD-DTC-0003/") + "?as_of=30/09/2024")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page and "31/01/2025" in page
    assert response.context["status"].result.pace.value == "stalled"
    assert "Chưa giải ngân vốn sau ngày 30/06/2024." in page
    assert login(specialist).get(url(disbursed, "HD-9999/")).status_code == 404


def test_the_slow_list_uses_the_thresholds_of_the_form(disbursed, login, leader):
    client = login(leader)
    response = client.get(url(disbursed, "slow/") + "?as_of=30/09/2024")
    assert [p.item.project.code for p in response.context["page"]] == ["HD-DTC-0003"]
    assert b"Propose a capital transfer" not in response.content  # leaders see, specialists propose
    strict = client.get(url(disbursed, "slow/") + "?as_of=30/09/2024&behind=1&stalled=1&zero_after=30/06")
    assert strict.status_code == 200
    assert "HD-DTC-0003" in strict.content.decode()


def test_the_slow_list_exports_to_excel(disbursed, login, specialist, tmp_path):
    response = login(specialist).get(url(disbursed, "slow/") + "?as_of=30/09/2024&format=xlsx")
    assert response.status_code == 200
    path = tmp_path / "slow.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Dự án giải ngân chậm").to_python()
    assert rows[0][0].startswith("DANH SÁCH DỰ ÁN GIẢI NGÂN CHẬM")
    assert rows[4][1] == "HD-DTC-0003" and rows[4][4] == "đình trệ" and rows[4][5] == 10_000


def test_a_specialist_imports_a_report_from_the_page(plan_2024, login, specialist):
    client = login(specialist)
    assert client.get(url(plan_2024, "import/")).status_code == 200
    report = csv_file(
        [["Mã dự án", "Nguồn vốn", "Tháng", "Lũy kế (tỷ đồng)"], ["HD-2021-0001", "NSDP_CD", "09/2024", 3]]
    )
    report.name = "kbnn-09.csv"
    response = client.post(url(plan_2024, "import/"), {"file": report})
    assert response.status_code == 200 and response.context["result"]["created"] == 1
    assert Disbursement.objects.get().amount == 3 * B


def test_the_import_page_shows_the_errors_and_writes_nothing(plan_2024, login, specialist):
    report = csv_file([["Mã dự án", "Nguồn vốn", "Tháng", "Giải ngân trong tháng"], ["HD-X", "NSDP_CD", "09/2024", 3]])
    report.name = "kbnn.csv"
    response = login(specialist).post(url(plan_2024, "import/"), {"file": report})
    assert "Không có dự án mã &#x27;HD-X&#x27; trong hệ thống." in response.content.decode()
    assert not Disbursement.objects.exists()


@pytest.mark.parametrize("role", ["leader", "officer_x"])
def test_leaders_and_officers_cannot_import_or_transfer(plan_2024, login, role, request):
    client = login(request.getfixturevalue(role))
    assert client.get(url(plan_2024, "import/")).status_code == 403
    assert client.get(url(plan_2024, "import/template.xlsx")).status_code == 403
    report = csv_file(
        [["Mã dự án", "Nguồn vốn", "Tháng", "Giải ngân trong tháng"], ["HD-2021-0001", "NSDP_CD", "09/2024", 3]]
    )
    report.name = "kbnn.csv"
    assert client.post(url(plan_2024, "import/"), {"file": report}).status_code == 403
    assert client.post(url(plan_2024, "transfer/"), {"as_of": "30/09/2024"}).status_code == 403
    assert not Disbursement.objects.exists() and plan_2024.versions.count() == 1


def test_the_blank_template_downloads(plan_2024, login, specialist):
    response = login(specialist).get(url(plan_2024, "import/template.xlsx"))
    assert response.status_code == 200 and response["Content-Disposition"].endswith('mau-giai-ngan-2024.xlsx"')


def test_a_specialist_proposes_a_transfer_and_sees_the_summary(disbursed, login, specialist):
    version = disbursed.current_version()
    PlanLine.objects.filter(version=version, item__project__code="HD-DTC-0003").update(amount=6 * B)
    PlanItem.objects.filter(version=version, project__code="HD-2021-0001").update(need=70 * B)
    client = login(specialist)
    page = client.get(url(disbursed, "slow/") + "?as_of=30/09/2024")
    assert "Đề xuất điều chuyển vốn" in page.content.decode()  # the button, in Vietnamese by default
    response = client.post(url(disbursed, "transfer/"), {"as_of": "30/09/2024", "behind": "20", "stalled": "3"})
    draft = disbursed.versions.get(purpose="transfer")
    assert response.status_code == 302 and response["Location"] == url(disbursed, f"transfer/{draft.pk}/")
    summary = client.get(response["Location"])
    assert summary.status_code == 200
    text = summary.content.decode()
    assert "HD-DTC-0003" in text and "HD-2021-0001" in text and draft.title in text
    assert disbursed.current_version() == version


def test_nothing_to_transfer_creates_no_draft(plan_2024, login, specialist):
    response = login(specialist).post(url(plan_2024, "transfer/"), {"as_of": "31/03/2024"})
    assert response.status_code == 200 and response.context["draft"] is None
    assert plan_2024.versions.count() == 1
