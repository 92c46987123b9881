"""The project registry: list, page, forms, progress reports, and who may do what."""

from datetime import date

import pytest
from django.urls import reverse

from tiendo.projects.models import Milestone, ProgressReport, Project, ScheduleAdjustment

pytestmark = pytest.mark.django_db


def test_list_shows_projects_with_diacritic_free_search(login, specialist, project_x, project_a):
    client = login(specialist)
    page = client.get(reverse("projects:list")).content.decode()
    assert project_x.code in page and project_a.code in page
    found = client.get(reverse("projects:list") + "?q=duong+truc+bac").content.decode()
    assert project_x.code in found and project_a.code not in found
    by_investor = client.get(reverse("projects:list") + "?q=hoshino").content.decode()
    assert project_a.code in by_investor


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=fdi", {"HD-2022-0002"}),
        ("kind=public", {"HD-2021-0001"}),
        ("status=completed", set()),
        ("sort=-investment", {"HD-2021-0001", "HD-2022-0002"}),
    ],
)
def test_list_filters(login, specialist, project_x, project_a, query, expected):
    response = login(specialist).get(reverse("projects:list") + "?" + query)
    assert {p.code for p in response.context["page"]} == expected


def test_list_sorts_by_investment(login, specialist, project_x, project_a):
    response = login(specialist).get(reverse("projects:list") + "?sort=-investment")
    assert [p.code for p in response.context["page"]] == ["HD-2022-0002", "HD-2021-0001"]


def test_officer_sees_only_own_agency_projects(login, officer_x, project_x, project_a):
    client = login(officer_x)
    listed = {p.code for p in client.get(reverse("projects:list")).context["page"]}
    assert listed == {project_x.code}
    assert client.get(reverse("projects:detail", args=[project_a.code])).status_code == 404
    assert client.get(f"/api/projects/{project_a.code}").status_code == 404
    assert [row["code"] for row in client.get("/api/projects").json()["items"]] == [project_x.code]


def test_investor_sees_and_reports_only_own_project(login, investor_a, project_x, project_a):
    client = login(investor_a)
    assert client.get(reverse("projects:detail", args=[project_x.code])).status_code == 404
    assert client.post(reverse("projects:report", args=[project_x.code]), {}).status_code == 404
    assert client.get(reverse("projects:detail", args=[project_a.code])).status_code == 200
    data = {
        "period_end": "31/03/2024",
        "physical_progress": "42,5",
        "disbursed_to_date": "150000000000",
        "jobs": "320",
        "problems": "Chậm bàn giao 2 ha đất do vướng mắc bồi thường.",
    }
    response = client.post(reverse("projects:report", args=[project_a.code]), data)
    assert response.status_code == 302
    report = ProgressReport.objects.get(project=project_a)
    assert report.submitted_by == investor_a
    assert float(report.physical_progress) == 42.5
    assert report.disbursed_to_date == 150_000_000_000


def test_officer_reports_on_agency_project(login, officer_x, project_x):
    response = login(officer_x).post(
        reverse("projects:report", args=[project_x.code]),
        {"period_end": "30/09/2023", "physical_progress": "50", "disbursed_to_date": "0"},
    )
    assert response.status_code == 302
    assert project_x.progress_reports.count() == 3


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"period_end": "31/12/2999", "physical_progress": "10", "disbursed_to_date": "0"}, "period_end"),
        ({"period_end": "31/02/2024", "physical_progress": "10", "disbursed_to_date": "0"}, "period_end"),
        ({"period_end": "31/03/2024", "physical_progress": "140", "disbursed_to_date": "0"}, "physical_progress"),
        ({"period_end": "31/03/2024", "physical_progress": "10", "disbursed_to_date": "-5"}, "disbursed_to_date"),
        (
            {"period_end": "31/03/2024", "physical_progress": "10", "disbursed_to_date": "999999999999999"},
            "disbursed_to_date",
        ),
    ],
)
def test_bad_progress_reports_are_refused_and_nothing_is_saved(login, investor_a, project_a, data, field):
    response = login(investor_a).post(reverse("projects:report", args=[project_a.code]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ProgressReport.objects.filter(project=project_a).exists()


def test_project_page_shows_timeline_history_and_overdue(login, specialist, project_x):
    page = login(specialist).get(reverse("projects:detail", args=[project_x.code])).content.decode()
    assert "<svg" in page and 'class="late"' in page  # completion due 31/12/2024, not done
    assert "31/12/2024" in page
    assert 'id="history"' in page
    assert "polyline" in page  # the progress series


def test_specialist_creates_and_edits_with_history(login, specialist, agency_x, enterprise_a):
    client = login(specialist)
    data = {
        "code": "HD-2024-0100",
        "name": "Nhà máy may mặc Tân Trường",
        "kind": "private",
        "status": "preparing",
        "investor": enterprise_a.pk,
        "total_investment": "85000000000",
        "deposit_amount": "0",
        "deposit_status": "not_required",
    }
    assert client.post(reverse("projects:create"), data).status_code == 302
    project = Project.objects.get(code="HD-2024-0100")
    data |= {"status": "implementing", "total_investment": "90000000000"}
    assert client.post(reverse("projects:edit", args=[project.code]), data).status_code == 302
    row = project.history.latest()
    assert row.history_user == specialist and row.total_investment == 90_000_000_000
    assert project.history.count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "public", "group": ""}, "group"),
        ({"kind": "private", "investor": ""}, "investor"),
        ({"kind": "private", "group": "A"}, "group"),
        ({"total_investment": "-1"}, "total_investment"),
        ({"code": ""}, "code"),
    ],
)
def test_project_form_refuses_inconsistent_data(login, specialist, enterprise_a, changes, field):
    data = {
        "code": "HD-2024-0101",
        "name": "Dự án thử",
        "kind": "private",
        "status": "preparing",
        "investor": enterprise_a.pk,
        "total_investment": "1",
        "deposit_amount": "0",
        "deposit_status": "not_required",
    } | changes
    response = login(specialist).post(reverse("projects:create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Project.objects.filter(code="HD-2024-0101").exists()


def test_only_specialists_edit(login, officer_x, investor_a, leader, project_x, project_a):
    for user, project in ((officer_x, project_x), (investor_a, project_a), (leader, project_x)):
        client = login(user)
        assert client.get(reverse("projects:edit", args=[project.code])).status_code == 404
        assert client.get(reverse("projects:create")).status_code == 403
        assert client.post(reverse("projects:delete", args=[project.code])).status_code == 404
    assert Project.objects.alive().count() == 2


def test_leader_reads_but_cannot_report(login, leader, project_x):
    client = login(leader)
    assert client.get(reverse("projects:detail", args=[project_x.code])).status_code == 200
    assert client.get(reverse("projects:report", args=[project_x.code])).status_code == 404


def test_schedule_extension_keeps_old_date(login, specialist, project_x):
    milestone = project_x.milestones.get(kind="completion")
    response = login(specialist).post(
        reverse("projects:milestone_adjust", args=[project_x.code, milestone.pk]),
        {
            "document_number": "245/QĐ-UBND",
            "decided_on": "15/11/2024",
            "new_due": "30/06/2025",
            "reason": "state_land_delay",
        },
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    adjustment = ScheduleAdjustment.objects.get(milestone=milestone)
    assert (adjustment.old_due, adjustment.new_due, milestone.current_due) == (
        date(2024, 12, 31),
        date(2025, 6, 30),
        date(2025, 6, 30),
    )
    assert milestone.first_due == date(2023, 12, 31)
    assert adjustment.months_added == 6  # 31/12/2024 -> 30/06/2025


def test_extension_must_move_the_date_forward(login, specialist, project_x):
    milestone = project_x.milestones.get(kind="completion")
    response = login(specialist).post(
        reverse("projects:milestone_adjust", args=[project_x.code, milestone.pk]),
        {"document_number": "1/QĐ", "decided_on": "15/11/2024", "new_due": "01/01/2024", "reason": "other"},
    )
    assert response.status_code == 200 and "new_due" in response.context["form"].errors
    assert not ScheduleAdjustment.objects.exists()


def test_milestone_kind_once_per_project(login, specialist, project_x):
    response = login(specialist).post(
        reverse("projects:milestone_create", args=[project_x.code]), {"kind": "completion", "first_due": "31/12/2026"}
    )
    assert response.status_code == 200 and "kind" in response.context["form"].errors
    assert Milestone.objects.filter(project=project_x).count() == 2


def test_soft_delete_hides_project_and_keeps_it(login, specialist, project_x):
    client = login(specialist)
    client.post(reverse("projects:delete", args=[project_x.code]))
    assert client.get(reverse("projects:detail", args=[project_x.code])).status_code == 404
    assert Project.objects.deleted().filter(pk=project_x.pk).exists()


def test_merge_moves_running_projects_not_finished_ones(agency_x, agency_y, admin_user, project_x):
    from tiendo.agencies.reorganisation import merge_agencies

    finished = Project.objects.create(
        code="HD-2019-0009", name="Trường mầm non", kind="public", group="C", status="completed", agency=agency_x
    )
    merge_agencies([agency_x], agency_y, date(2025, 3, 1), "NĐ 45/2025", actor=admin_user)
    project_x.refresh_from_db()
    finished.refresh_from_db()
    assert project_x.agency == agency_y
    assert finished.agency == agency_x


def test_api_project_detail(login, specialist, project_x):
    data = login(specialist).get(f"/api/projects/{project_x.code}").json()
    assert data["total_investment"] == 120_000_000_000
    assert [m["kind"] for m in data["milestones"]] == ["site_clearance", "completion"]
    assert data["latest_progress"]["physical_progress"] == 35.0
    listing = login(specialist).get("/api/projects?kind=public").json()
    assert [row["code"] for row in listing["items"]] == [project_x.code]


def test_cli_report_and_extend(capsys, specialist, investor_a, project_a, project_x, admin_user):
    import json

    from django.core.management import CommandError, call_command

    call_command(
        "projects",
        "report",
        project_a.code,
        "--period-end",
        "31/03/2024",
        "--progress",
        "12,5",
        "--disbursed",
        "1,5 tỷ",
        "--as",
        "investor_a",
        "--json",
    )
    assert json.loads(capsys.readouterr().out)["physical_progress"] == 12.5
    assert ProgressReport.objects.get(project=project_a).disbursed_to_date == 1_500_000_000
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command(
            "projects",
            "report",
            project_x.code,
            "--period-end",
            "31/03/2024",
            "--progress",
            "1",
            "--disbursed",
            "0",
            "--as",
            "investor_a",
        )
    with pytest.raises(CommandError, match="physical_progress"):
        call_command(
            "projects",
            "report",
            project_a.code,
            "--period-end",
            "31/03/2024",
            "--progress",
            "101",
            "--disbursed",
            "0",
            "--as",
            "investor_a",
        )
    call_command(
        "projects",
        "extend",
        project_x.code,
        "--milestone",
        "completion",
        "--new-due",
        "31/12/2025",
        "--document",
        "12/QĐ-UBND",
        "--decided-on",
        "01/12/2024",
        "--json",
    )
    assert json.loads(capsys.readouterr().out)["months_added"] == 12
    rows = json.loads(_run(capsys, "projects", "list", "--kind", "fdi", "--json"))
    assert [row["code"] for row in rows] == [project_a.code]


def _run(capsys, *args):
    from django.core.management import call_command

    capsys.readouterr()
    call_command(*args)
    return capsys.readouterr().out


def test_overdue_filter_and_home_counts(login, specialist, project_x, project_a):
    client = login(specialist)
    listed = {p.code for p in client.get(reverse("projects:list") + "?overdue=on").context["page"]}
    assert listed == {project_x.code}
    home = client.get("/")
    assert (home.context["project_count"], home.context["overdue_count"]) == (2, 1)


def test_documents_are_attached_and_served_only_to_those_who_see_the_project(
    login, investor_a, officer_x, project_a, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client = login(investor_a)
    upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(
        reverse("projects:document_upload", args=[project_a.code]), {"title": "Biên bản bàn giao đất", "file": upload}
    )
    assert response.status_code == 302
    document = project_a.documents.get()
    url = reverse("projects:document", args=[project_a.code, document.pk])
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 test"
    assert login(officer_x).get(url).status_code == 404
    bad = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = login(investor_a).post(
        reverse("projects:document_upload", args=[project_a.code]), {"title": "x", "file": bad}
    )
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert project_a.documents.count() == 1


def test_report_form_starts_from_the_last_quarter_and_the_last_report(login, officer_x, project_x):
    import time_machine

    with time_machine.travel(date(2024, 5, 10)):
        form = login(officer_x).get(reverse("projects:report", args=[project_x.code])).context["form"]
    assert form.initial["period_end"] == date(2024, 3, 31)
    assert float(form.initial["physical_progress"]) == 35.0
