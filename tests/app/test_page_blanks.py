"""No blanks nor leftovers on the pages: a sentence right for every record, no empty card, a first value shown as
set, thresholds in words, the sender of every report, disbursed and planned amounts under their own names."""

import re
from datetime import date

import pytest
import time_machine
from django.template.loader import render_to_string
from django.utils import translation
from test_disbursement_support import *  # noqa: F403
from test_disbursement_support import B

from tiendo.audit.history import history_entries
from tiendo.directives.services import record_progress
from tiendo.plans.allocation_note import allocation_note
from tiendo.plans.models import Disbursement, PlanVersion, Source
from tiendo.projects.models import ProgressReport, Project
from tiendo.projects.services import save_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(date(2024, 10, 10), tick=False):
        yield


def test_the_demo_s_version_says_it_was_not_allocated_instead_of_printing_blanks(plan_2024, login, specialist):
    version = PlanVersion.objects.get(plan=plan_2024)
    PlanVersion.objects.filter(pk=version.pk).update(allocation={"generated_by": "demo", "unallocated": {}})
    page = login(specialist).get(f"/plans/versions/{version.pk}/").content.decode()
    assert "Các dòng của phiên bản này có sẵn trong dữ liệu mẫu" in page
    assert "Lần phân bổ gần nhất do" not in page


@pytest.mark.parametrize(
    ("summary", "parts"),
    [
        (
            {"by": "specialist", "run_at": "2024-10-01T03:15:00+00:00", "projects": 1641, "seconds": 2.35,
             "manual_lines": 3},
            ["Last allocation by Specialist on ", "1,641 projects in 2.4 s.", "3 lines set by hand kept."],
        ),
        ({"by": "specialist", "projects": 12, "seconds": 0.5}, ["Last allocation by Specialist. 12 projects in 0.5 s"]),
        ({"run_at": "2024-10-01T03:15:00+00:00", "projects": 7}, ["Last allocation on ", "7 projects."]),
        ({"allocated": 5}, ["This version was allocated by a run that recorded no details."]),
        ({}, []),
        (None, []),
    ],
)  # fmt: skip
def test_the_allocation_note_has_no_blank_whatever_the_record_holds(specialist, summary, parts):
    with translation.override("en"):
        note = allocation_note(summary)
    assert all(part in note for part in parts)
    assert bool(note) == bool(parts)
    assert "  " not in note and " s " not in note.replace(" s.", "")


def test_a_leader_on_a_completed_task_sees_no_empty_card(task_x, officer_x, leader, login):
    record_progress(task_x, actor=officer_x, text="Đã hoàn thành rà soát.", percent=100, completed=True)
    page = login(leader).get(f"/tasks/{task_x.pk}/").content.decode()
    assert not re.search(r'<section class="card">\s*</section>', page)
    assert 'action="/tasks/' not in page  # nothing to do for the leader here


def test_a_first_value_in_the_history_reads_as_set_not_as_a_change_from_a_dash(project_a, specialist):
    project = Project.objects.get(pk=project_a.pk)
    project.certificate_number = ""
    save_project(project, actor=specialist)
    project.certificate_number = "2121000999"
    save_project(project, actor=specialist)
    change = next(c for c in history_entries(project)[0].changes if c.new == "2121000999")
    assert change.first_set
    html = render_to_string("audit/history.html", {"entries": history_entries(project)})
    assert '→ <span class="new">2121000999' not in html
    assert '<span class="new">2121000999</span>' in html
    assert '2121000123</span> → <span class="new">—' in html  # a value removed still reads as a change


def test_the_slow_list_gives_thresholds_in_words_and_the_setting_names_only_to_administrators(
    plan_2024, login, leader, admin_user
):
    page = login(leader).get(f"/plans/{plan_2024.pk}/disbursement/slow/").content.decode()
    assert "TIENDO_DISB" not in page
    assert "không giải ngân trong 3 tháng tròn trở lên" in page and "sau ngày 30/06" in page
    assert "từ 20 điểm phần trăm" in page
    as_admin = login(admin_user).get(f"/plans/{plan_2024.pk}/disbursement/slow/").content.decode()
    assert "TIENDO_DISB_BEHIND_POINTS" in as_admin


def test_every_progress_report_names_its_sender(project_a, project_x, specialist, login):
    ProgressReport.objects.create(
        project=project_a, period_end=date(2024, 6, 30), physical_progress=40, submitted_at="2024-07-05T00:00Z"
    )
    client = login(specialist)
    assert "Công ty TNHH Hoshino Việt Nam<div" in client.get(f"/projects/{project_a.code}/").content.decode()
    public = client.get(f"/projects/{project_x.code}/").content.decode()
    assert "Sở Kế hoạch và Đầu tư tỉnh Hải Dương<div" in public


def test_the_home_card_names_the_disbursed_amount_and_the_plan_total(plan_2024, login, leader):
    version = PlanVersion.objects.get(plan=plan_2024)
    project = version.items.first().project
    Disbursement.objects.create(
        plan=plan_2024, project=project, source=Source.objects.get(code="NSDP_CD"), month=date(2024, 8, 1),
        amount=30 * B,
    )  # fmt: skip
    card = login(leader).get("/plans/dashboard/card/").content.decode()
    assert "đã giải ngân: 30 tỷ đồng trên tổng kế hoạch" in card
