"""`tiendo scan`: the registry's projects through the rule engine; the project list and page show the findings."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from tiendo.domain import schedule_rules
from tiendo.projects.models import Milestone, Project
from tiendo.reviews.models import Finding, ScanRun
from tiendo.reviews.scan import build_facts, evaluate_project, iter_facts, scan

pytestmark = pytest.mark.django_db

AS_OF = date(2024, 3, 1)


@pytest.fixture
def late_project(project_x):
    """Construction start first due 15/03/2022, extended to 15/03/2023, not done: 352 days late on 01/03/2024."""
    Milestone.objects.filter(project=project_x).delete()
    Milestone.objects.create(
        project=project_x,
        kind="construction_start",
        first_due=date(2022, 3, 15),
        current_due=date(2023, 3, 15),
    )
    return project_x


@pytest.fixture
def on_time_project(project_a):
    Milestone.objects.filter(project=project_a).delete()
    Milestone.objects.create(
        project=project_a,
        kind="construction_start",
        first_due=date(2023, 6, 30),
        current_due=date(2023, 6, 30),
        done=date(2023, 6, 1),
    )
    return project_a


def test_facts_carry_the_registry_and_leave_the_rest_unknown(late_project):
    from tiendo.domain import schedule_rules

    facts = dict(iter_facts(Project.objects.filter(pk=late_project.pk)))[late_project.pk]
    assert facts.code == late_project.code
    (milestone,) = facts.milestones
    assert (milestone.first_due, milestone.current_due, milestone.done) == (date(2022, 3, 15), date(2023, 3, 15), None)
    assert facts.state_delay_days is schedule_rules.UNKNOWN  # the registry does not record it: unknown, never zero


def test_scan_stores_the_late_milestone_with_its_days(late_project, on_time_project, admin_user):
    run = scan(AS_OF, actor=admin_user)
    assert run.finished_at is not None and run.projects >= 2
    late = Finding.objects.get(run=run, project=late_project, rule="LATE")
    assert late.days_behind == 352
    assert "15/03/2023" in late.explanation
    assert not Finding.objects.filter(run=run, project=on_time_project, rule="LATE").exists()
    assert ScanRun.latest() == run


def test_a_finished_project_is_not_scanned(late_project, admin_user):
    Project.objects.filter(pk=late_project.pk).update(status="completed")
    run = scan(AS_OF, actor=admin_user)
    assert not Finding.objects.filter(run=run, project=late_project).exists()


def test_scan_command(late_project, admin_user, specialist, officer_x):
    out = StringIO()
    call_command("scan", "--as-of", "01/03/2024", "--json", "--as", specialist.username, stdout=out)
    data = json.loads(out.getvalue())
    assert data["as_of"] == "2024-03-01" and data["by_rule"]["LATE"] >= 1 and data["projects_with_findings"] >= 1
    with pytest.raises(CommandError, match="Không có quyền"):
        call_command("scan", "--as", officer_x.username)
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("scan", "--as-of", "30/02/2024", "--as", specialist.username)


def test_project_list_filters_and_badges_by_the_latest_scan(login, specialist, late_project, on_time_project):
    client = login(specialist)
    before = client.get(reverse("projects:list"), {"behind": "any"})
    assert before.context["page"].paginator.count == 0  # no scan yet: nothing claimed
    scan(AS_OF, actor=specialist)
    page = client.get(reverse("projects:list"), {"behind": "any"})
    rules = {p.code: p.behind_rules for p in page.context["page"]}
    assert "LATE" in rules[late_project.code]
    assert "LATE" not in rules.get(on_time_project.code, [])  # reporting findings may list it, lateness not
    assert "⚠" in page.content.decode()


def test_project_page_explains_the_finding(login, specialist, late_project):
    with time_machine.travel(AS_OF, tick=False):
        page = login(specialist).get(reverse("projects:detail", args=[late_project.code]))
    findings = page.context["schedule"]["findings"]
    assert any(f.rule == "LATE" and f.days_behind == 352 for f in findings)
    assert page.context["schedule"]["proposals"]
    assert 'id="schedule-review"' in page.content.decode()


def test_evaluate_project_without_milestones_is_quiet(project_a):
    Milestone.objects.filter(project=project_a).delete()
    findings, _proposals = evaluate_project(project_a, AS_OF)
    assert not [f for f in findings if f.rule == "LATE"]


def test_build_facts_reads_deposit_and_land(late_project):
    row = (1, "X", "private", "", date(2021, 5, 10), date(2021, 6, 1), date(2022, 1, 15), "required", 10_000_000_000)
    facts = build_facts(row, [(1, "construction_start", date(2022, 6, 1), date(2022, 6, 1), None)], [], [])
    assert facts.deposit.required is True and facts.deposit.paid is False
    assert facts.land.handed_over == date(2022, 1, 15) and facts.land.in_use_since is None


def test_build_facts_owes_reports_from_the_first_report_kept_not_from_a_2016_certificate():
    """Issue 14: registered in 2016, quarterly reports on time from 2023-Q2 on: nothing owed (it was 28)."""
    row = (1, "X", "private", "", None, date(2016, 4, 22), None, "", 10_000_000_000)
    ends = [date(2023, 6, 30), date(2023, 9, 30), date(2023, 12, 31)]
    reports = [(1, end, end + timedelta(days=5)) for end in ends]
    facts = build_facts(row, [], [], reports)
    assert facts.reporting_since == date(2023, 4, 1)
    owed = [r.period for r in schedule_rules.missing_reports(facts, date(2024, 7, 15))]
    assert owed == ["2024-Q1", "2024-Q2"]  # the quarters since the last report, none before 2023-Q2
