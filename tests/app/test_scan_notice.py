"""Before the first scan (or after the registry changed) the pages that list findings say why they are empty and
offer the scan to those allowed to run it; the home page counts the running projects with the brief's words."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tiendo.jobs.models import Job
from tiendo.projects.models import ProgressReport
from tiendo.reviews.models import ScanRun
from tiendo.reviews.scan import scan

pytestmark = pytest.mark.django_db

NO_SCAN = "Chưa chạy rà soát."
STALE = "Kết quả rà soát có thể đã cũ."
SCAN_BUTTON = reverse("reviews:scan")


def test_behind_filter_before_any_scan_explains_and_offers_the_scan_to_a_specialist(login, specialist, project_x):
    page = login(specialist).get(reverse("projects:list"), {"behind": "any"}).content.decode()
    assert NO_SCAN in page
    assert f'action="{SCAN_BUTTON}"' in page


def test_behind_filter_before_any_scan_tells_the_leader_who_can_run_it(login, leader, project_x):
    page = login(leader).get(reverse("projects:list"), {"behind": "any"}).content.decode()
    assert NO_SCAN in page
    assert f'action="{SCAN_BUTTON}"' not in page
    assert "Chuyên viên quản lý cơ sở dữ liệu dự án có thể chạy rà soát." in page


def test_project_list_without_the_behind_filter_has_no_notice(login, specialist, project_x):
    page = login(specialist).get(reverse("projects:list")).content.decode()
    assert NO_SCAN not in page


def test_reviews_page_before_any_scan_explains_and_after_a_scan_does_not(login, specialist, project_x):
    client = login(specialist)
    assert NO_SCAN in client.get(reverse("reviews:list")).content.decode()
    scan(date(2024, 3, 1), actor=specialist)
    page = client.get(reverse("reviews:list")).content.decode()
    assert NO_SCAN not in page and STALE not in page


def test_a_report_sent_after_the_scan_makes_the_findings_out_of_date(login, specialist, project_x):
    scan(date(2024, 3, 1), actor=specialist)
    ProgressReport.objects.create(
        project=project_x, period_end=date(2024, 3, 31), physical_progress=50, submitted_at=timezone.now()
    )
    page = login(specialist).get(reverse("reviews:list")).content.decode()
    assert STALE in page and "01/03/2024" in page


def test_the_scan_button_starts_the_scan_job_and_comes_back_to_the_list(login, specialist, project_x):
    back = reverse("projects:list") + "?behind=any"
    response = login(specialist).post(SCAN_BUTTON, {"back": back})
    job = Job.objects.get(kind="reviews.scan")
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert job.params["back"] == back
    assert ScanRun.latest() is not None  # the tests run jobs at once


def test_the_scan_button_never_sends_back_to_another_site(login, specialist, project_x):
    login(specialist).post(SCAN_BUTTON, {"back": "https://evil.example/"})
    assert Job.objects.get(kind="reviews.scan").params["back"] == reverse("reviews:list")


def test_a_leader_cannot_start_the_scan(login, leader, project_x):
    assert login(leader).post(SCAN_BUTTON).status_code == 403
    assert not Job.objects.filter(kind="reviews.scan").exists()


def test_home_counts_running_projects_as_the_brief_does(login, specialist, project_x, project_a):
    project_a.status = "operating"
    project_a.save()
    client = login(specialist)
    page = client.get(reverse("home")).content.decode()
    assert "dự án đang triển khai" in page and "?status=running" in page
    listed = client.get(reverse("projects:list"), {"status": "running"}).content.decode()
    assert "HD-2021-0001" in listed and "HD-2022-0002" in listed
    assert NO_SCAN in page  # the home page too tells staff the scan has not run
