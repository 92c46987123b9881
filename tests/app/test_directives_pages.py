"""Directive and task pages: who sees what, progress, extensions, reopening, and the status on every boundary."""

import io
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tiendo.directives.models import Directive, ExtensionRequest, Notification, Task
from tiendo.domain.tasks import TaskStatus

pytestmark = pytest.mark.django_db

BEFORE_DEADLINE = time_machine.travel(date(2024, 6, 20), tick=False)


def test_login_required_everywhere(client, task_x):
    for url in (
        reverse("directives:list"),
        reverse("directives:detail", args=[task_x.directive_id]),
        reverse("directives:board"),
        reverse("directives:task", args=[task_x.pk]),
        reverse("directives:extract"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_directive_list_and_detail_for_the_province_staff(login, leader, task_x, task_y):
    client = login(leader)
    page = client.get(reverse("directives:list")).content.decode()
    assert "45/TB-UBND" in page
    detail = client.get(reverse("directives:detail", args=[task_x.directive_id])).content.decode()
    assert task_x.title in detail and task_y.title in detail
    assert reverse("directives:task_create") not in detail  # leaders decide, specialists keep the record


def test_directive_search_ignores_diacritics(login, specialist, directive):
    client = login(specialist)
    assert "45/TB-UBND" in client.get(reverse("directives:list"), {"q": "cham tien do"}).content.decode()
    assert "45/TB-UBND" not in client.get(reverse("directives:list"), {"q": "thu hut dau tu"}).content.decode()


def test_officer_sees_only_directives_and_tasks_of_the_agency(login, officer_x, officer_y, task_x, task_y, directive):
    client = login(officer_x)
    board = client.get(reverse("directives:board")).content.decode()
    assert task_x.title in board and task_y.title not in board
    assert client.get(reverse("directives:task", args=[task_y.pk])).status_code == 404
    assert client.get(reverse("directives:detail", args=[directive.pk])).status_code == 200
    # agency Y cooperates on task X: its officer sees it but cannot report on it
    other = login(officer_y)
    assert other.get(reverse("directives:task", args=[task_x.pk])).status_code == 200
    response = other.post(reverse("directives:task_progress", args=[task_x.pk]), {"text": "x", "percent": 10})
    assert response.status_code == 403


def test_investor_sees_no_task(login, investor_a, task_x, directive):
    client = login(investor_a)
    assert client.get(reverse("directives:task", args=[task_x.pk])).status_code == 404
    assert client.get(reverse("directives:detail", args=[directive.pk])).status_code == 404
    assert "45/TB-UBND" not in client.get(reverse("directives:list")).content.decode()


def test_only_specialists_create_and_edit(login, officer_x, leader, specialist, agency_x, directive):
    for user in (officer_x, leader):
        client = login(user)
        assert client.get(reverse("directives:create")).status_code == 403
        assert client.get(reverse("directives:task_create")).status_code == 403
        assert client.get(reverse("directives:extract")).status_code == 403
    client = login(specialist)
    response = client.post(
        reverse("directives:task_create"),
        {
            "directive": directive.pk,
            "title": "Báo cáo tình hình giải ngân vốn đầu tư công",
            "lead_agency": agency_x.code,
            "expected_result_kind": "report",
            "deadline": "15/07/2024",
            "priority": "normal",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(title__startswith="Báo cáo tình hình")
    assert task.deadline == task.original_deadline == date(2024, 7, 15)
    assert task.assigned_on == directive.issued_on
    assert task.history.first().history_user == specialist


def test_task_form_refuses_standing_with_deadline(login, specialist, agency_x):
    client = login(specialist)
    response = client.post(
        reverse("directives:task_create"),
        {"title": "Theo dõi", "lead_agency": agency_x.code, "expected_result_kind": "report", "priority": "normal",
         "deadline": "15/07/2024", "standing": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not Task.objects.filter(title="Theo dõi").exists()


def test_directive_form_reports_a_bad_date(login, specialist):
    client = login(specialist)
    response = client.post(
        reverse("directives:create"),
        {"kind": "conclusion", "number": "1/TB-UBND", "issued_on": "31/02/2024", "issuer": "UBND", "title": "T"},
    )
    assert response.status_code == 200
    assert not Directive.objects.filter(number="1/TB-UBND").exists()


@BEFORE_DEADLINE
def test_officer_reports_progress_then_done(login, officer_x, task_x):
    client = login(officer_x)
    url = reverse("directives:task_progress", args=[task_x.pk])
    upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    client.post(url, {"text": "Đã rà soát 12/20 dự án", "percent": 60, "attachment": upload})
    task_x.refresh_from_db()
    assert task_x.progress == 60 and task_x.completed_on is None
    update = task_x.updates.get()
    assert update.attachment_name == "bao-cao.pdf"
    download = client.get(reverse("directives:update_attachment", args=[task_x.pk, update.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"
    client.post(url, {"text": "Đã trình UBND tỉnh báo cáo", "percent": 90, "completed": "on"})
    task_x.refresh_from_db()
    assert task_x.completed_on == date(2024, 6, 20) and task_x.progress == 100
    assert task_x.status == TaskStatus.DONE_ON_TIME
    # a done task takes no more reports
    client.post(url, {"text": "Thêm", "percent": 100})
    assert task_x.updates.count() == 2


@BEFORE_DEADLINE
def test_progress_rejects_bad_input_and_keeps_nothing(login, officer_x, task_x):
    client = login(officer_x)
    url = reverse("directives:task_progress", args=[task_x.pk])
    for data in (
        {"text": "x", "percent": 150},
        {"text": "", "percent": 10},
        {"text": "x", "percent": 10, "reported_on": "21/06/2024"},
    ):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert list(response.context["messages"]), data
    assert task_x.updates.count() == 0


@BEFORE_DEADLINE
def test_extension_request_and_approval_keep_the_original_deadline(login, officer_x, specialist, leader, task_x):
    client = login(officer_x)
    client.post(
        reverse("directives:task_extend", args=[task_x.pk]),
        {"requested_deadline": "31/07/2024", "reason": "Chờ ý kiến của Bộ Tài chính"},
    )
    request = ExtensionRequest.objects.get(task=task_x)
    assert request.state == ExtensionRequest.State.PENDING and request.old_deadline == date(2024, 6, 30)
    assert Notification.objects.filter(user=specialist, kind="extension_requested").exists()
    # a second request while one waits is refused
    response = client.post(
        reverse("directives:task_extend", args=[task_x.pk]),
        {"requested_deadline": "31/08/2024", "reason": "Thêm"},
        follow=True,
    )
    assert ExtensionRequest.objects.filter(task=task_x).count() == 1
    assert list(response.context["messages"])
    # the officer cannot decide; a leader can
    decide = reverse("directives:extension_decide", args=[request.pk])
    assert client.post(decide, {"decision": "approved"}).status_code == 403
    login(leader).post(decide, {"decision": "approved", "note": "Đồng ý"})
    task_x.refresh_from_db()
    assert task_x.deadline == date(2024, 7, 31) and task_x.original_deadline == date(2024, 6, 30)
    assert Notification.objects.filter(user=officer_x, kind="extension_decided").exists()
    with time_machine.travel(date(2024, 7, 5), tick=False):
        assert task_x.status_on() == TaskStatus.IN_PROGRESS
        assert task_x.status_on(original=True) == TaskStatus.OVERDUE
        page = login(officer_x).get(reverse("directives:task", args=[task_x.pk])).content.decode()
        assert "30/06/2024" in page and "31/07/2024" in page


@BEFORE_DEADLINE
def test_refusal_needs_a_reason_and_keeps_the_deadline(login, officer_x, specialist, task_x):
    login(officer_x).post(
        reverse("directives:task_extend", args=[task_x.pk]), {"requested_deadline": "31/07/2024", "reason": "Lý do"}
    )
    request = ExtensionRequest.objects.get()
    client = login(specialist)
    client.post(reverse("directives:extension_decide", args=[request.pk]), {"decision": "refused"})
    request.refresh_from_db()
    assert request.state == ExtensionRequest.State.PENDING
    client.post(reverse("directives:extension_decide", args=[request.pk]), {"decision": "refused", "note": "Không"})
    request.refresh_from_db()
    task_x.refresh_from_db()
    assert request.state == ExtensionRequest.State.REFUSED and task_x.deadline == date(2024, 6, 30)


@BEFORE_DEADLINE
def test_extension_to_an_earlier_day_is_refused(login, officer_x, task_x):
    login(officer_x).post(
        reverse("directives:task_extend", args=[task_x.pk]), {"requested_deadline": "29/06/2024", "reason": "x"}
    )
    assert not ExtensionRequest.objects.exists()


def test_specialist_reopens_a_done_task(login, specialist, task_x):
    Task.objects.filter(pk=task_x.pk).update(completed_on=date(2024, 6, 1), progress=100)
    client = login(specialist)
    client.post(reverse("directives:task_reopen", args=[task_x.pk]), {"reason": "Báo cáo chưa đủ nội dung"})
    task_x.refresh_from_db()
    assert task_x.completed_on is None
    assert task_x.history.first().history_change_reason == "Báo cáo chưa đủ nội dung"


@pytest.mark.parametrize(
    ("today", "completed_on", "expected"),
    [
        (date(2024, 6, 30), None, "in_progress"),
        (date(2024, 7, 1), None, "overdue"),
        (date(2024, 7, 10), date(2024, 6, 30), "done_on_time"),
        (date(2024, 7, 10), date(2024, 7, 1), "done_late"),
    ],
)
def test_status_shown_on_the_boundaries(login, specialist, task_x, today, completed_on, expected):
    Task.objects.filter(pk=task_x.pk).update(completed_on=completed_on)
    with time_machine.travel(today, tick=False):
        page = login(specialist).get(reverse("directives:task", args=[task_x.pk])).content.decode()
    assert f'class="badge task-{expected}"' in page


def test_board_filters_by_status_agency_and_search(login, specialist, task_x, task_y, agency_y):
    client = login(specialist)
    with time_machine.travel(date(2024, 7, 15), tick=False):
        overdue = client.get(reverse("directives:board"), {"status": "overdue"}).content.decode()
        assert task_x.title in overdue and task_y.title not in overdue
        by_agency = client.get(reverse("directives:board"), {"agency": agency_y.code}).content.decode()
        assert task_y.title in by_agency and task_x.title not in by_agency
        found = client.get(reverse("directives:board"), {"q": "can doi nguon von"}).content.decode()
        assert task_y.title in found and task_x.title not in found
        soon = client.get(reverse("directives:board"), {"due_soon": "on", "day": "2024-09-25"}).content.decode()
        assert task_y.title in soon and task_x.title not in soon
        bad = client.get(reverse("directives:board"), {"deadline_from": "31/12/2024", "deadline_to": "01/01/2024"})
        assert "errorlist" in bad.content.decode()


def test_my_tasks_groups_the_officers_work(login, officer_x, task_x, task_y):
    with time_machine.travel(date(2024, 7, 2), tick=False):
        page = login(officer_x).get(reverse("directives:mine")).content.decode()
    assert task_x.title in page and task_y.title not in page


def test_project_page_lists_its_tasks(login, specialist, task_x, project_x):
    Task.objects.filter(pk=task_x.pk).update(project=project_x)
    page = login(specialist).get(reverse("projects:detail", args=[project_x.code])).content.decode()
    assert task_x.title in page


def test_deleting_a_task_is_soft_and_kept_in_history(login, specialist, officer_x, task_x):
    login(specialist).post(reverse("directives:task_delete", args=[task_x.pk]), {"reason": "Trùng"})
    assert Task.objects.alive().filter(pk=task_x.pk).count() == 0
    assert Task.objects.filter(pk=task_x.pk).exists()
    assert login(officer_x).get(reverse("directives:task", args=[task_x.pk])).status_code == 404


def test_status_sql_matches_the_domain_rules(task_x, agency_x):
    days = [date(2024, 6, 29), date(2024, 6, 30), date(2024, 7, 1)]
    variants = [
        dict(deadline=date(2024, 6, 30)),
        dict(deadline=date(2024, 6, 30), completed_on=date(2024, 6, 30)),
        dict(deadline=date(2024, 6, 30), completed_on=date(2024, 7, 1)),
        dict(deadline=None),
        dict(deadline=None, standing=True),
        dict(deadline=None, standing=True, completed_on=date(2024, 6, 1)),
    ]
    tasks = [Task.objects.create(title=f"T{i}", lead_agency=agency_x, **v) for i, v in enumerate(variants)]
    for day in days:
        sql = dict(Task.objects.filter(pk__in=[t.pk for t in tasks]).with_status(day).values_list("pk", "status"))
        for task in tasks:
            assert sql[task.pk] == task.status_on(day), (task.title, day)


def test_docx_upload_is_read(login, specialist):
    import docx

    document = docx.Document()
    document.add_paragraph("Giao Sở Tài chính chủ trì rà soát nguồn vốn, báo cáo trước ngày 30/6/2024.")
    buffer = io.BytesIO()
    document.save(buffer)
    from tiendo.directives.extracting import read_document

    assert "Sở Tài chính" in read_document("kl.docx", buffer.getvalue())


def test_unreadable_upload_gives_a_clear_error(login, specialist):
    client = login(specialist)
    upload = SimpleUploadedFile("kl.xlsx", b"PK\x03\x04", content_type="application/octet-stream")
    response = client.post(reverse("directives:extract"), {"step": "analyse", "document": upload})
    assert response.status_code == 200
    assert ".txt, .docx" in response.content.decode()
    broken = SimpleUploadedFile("kl.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(reverse("directives:extract"), {"step": "analyse", "document": broken})
    assert "errorlist" in response.content.decode()


def test_overview_counts_the_users_open_overdue_and_due_soon_tasks(
    login, officer_x, leader, investor_a, task_x, task_y
):
    with time_machine.travel(date(2024, 7, 1), tick=False):
        leader_page = login(leader).get(reverse("home"))
        officer_page = login(officer_x).get(reverse("home"))
        investor_page = login(investor_a).get(reverse("home"))
    assert leader_page.context["open_task_count"] == 2 and leader_page.context["overdue_task_count"] == 1
    assert officer_page.context["open_task_count"] == 1 and officer_page.context["due_soon_task_count"] == 0
    assert "open_task_count" not in investor_page.context


def test_directive_list_counts_only_the_tasks_the_user_sees(login, leader, officer_x, task_x, task_y):
    with time_machine.travel(date(2024, 7, 15), tick=False):
        leader_row = login(leader).get(reverse("directives:list")).context["page"][0]
        officer_row = login(officer_x).get(reverse("directives:list")).context["page"][0]
    assert (leader_row.task_count, leader_row.overdue_count) == (2, 1)
    assert (officer_row.task_count, officer_row.overdue_count) == (1, 1)
