"""The investor's home page is about its own projects: what is due, what is late, its latest reports; never the
province's agency counts nor another enterprise's projects."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from tiendo.projects.models import Milestone, ProgressReport, Project

pytestmark = pytest.mark.django_db
TODAY = date(2024, 10, 10)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(datetime(2024, 10, 10, 3, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def own_and_other(project_a, enterprise_b, agency_y, commune):
    """Enterprise A's project: construction start overdue since 30/06/2024, operation due 31/10/2024, a report of
    Q2/2024 sent; enterprise B's project: an overdue milestone and a report A's investor must never see."""
    Milestone.objects.create(project=project_a, kind="construction_start", first_due=date(2024, 6, 30),
                             current_due=date(2024, 6, 30))  # fmt: skip
    Milestone.objects.create(project=project_a, kind="operation", first_due=date(2024, 10, 31),
                             current_due=date(2024, 10, 31))  # fmt: skip
    ProgressReport.objects.create(project=project_a, period_end=date(2024, 6, 30), physical_progress=35,
                                  submitted_at=datetime(2024, 7, 8, tzinfo=UTC))  # fmt: skip
    other = Project.objects.create(code="HD-2019-0777", name="Khu đô thị Thành Đông", kind="private",
                                   status="implementing", investor=enterprise_b, agency=agency_y, commune=commune,
                                   total_investment=900_000_000_000, certificate_date=date(2019, 5, 1))  # fmt: skip
    Milestone.objects.create(project=other, kind="completion", first_due=date(2023, 12, 31),
                             current_due=date(2023, 12, 31))  # fmt: skip
    ProgressReport.objects.create(project=other, period_end=date(2024, 6, 30), physical_progress=90,
                                  submitted_at=datetime(2024, 7, 9, tzinfo=UTC))  # fmt: skip
    return project_a, other


def test_an_investor_sees_what_its_projects_owe_and_nothing_of_others(own_and_other, login, investor_a):
    own, other = own_and_other
    page = login(investor_a).get(reverse("home")).content.decode()
    assert own.code in page
    assert "30/06/2024" in page  # the overdue construction start
    assert "31/10/2024" in page  # the operation due within 30 days
    assert "Kỳ kết thúc ngày 30/06/2024" in page  # its latest report
    assert other.code not in page
    assert "Dự án của doanh nghiệp" in page


def test_an_investor_s_home_has_no_agency_counts_nor_reorganisations(own_and_other, login, investor_a):
    page = login(investor_a).get(reverse("home")).content.decode()
    assert "cơ quan, đơn vị còn hiệu lực" not in page  # "agencies in force"
    assert "Các đợt sắp xếp tổ chức bộ máy gần đây" not in page  # "Latest reorganisations"


def test_an_investor_s_home_lists_the_reports_it_has_not_sent(own_and_other, login, investor_a):
    response = login(investor_a).get(reverse("home"))
    late = response.context["late_reports"]
    assert late and all(row["project"].code == own_and_other[0].code for row in late)
    assert all(row["deadline"] < TODAY for row in late)
    assert all(TODAY <= row["deadline"] for row in response.context["due_reports"])


def test_staff_keep_the_organisation_on_their_home(own_and_other, login, specialist):
    page = login(specialist).get(reverse("home")).content.decode()
    assert "cơ quan, đơn vị còn hiệu lực" in page
    assert "Dự án của doanh nghiệp" not in page


def test_an_investor_without_projects_sees_an_empty_home_not_an_error(login, investor_a):
    response = login(investor_a).get(reverse("home"))
    assert response.status_code == 200
    assert "Chưa có dự án nào được ghi nhận cho doanh nghiệp của bạn." in response.content.decode()
