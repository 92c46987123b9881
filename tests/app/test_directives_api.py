"""The directives and tasks API: the board's filters, the same permissions and services as the pages."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tiendo.directives.models import ExtensionRequest, ProgressUpdate, Task

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def on(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, 0, tzinfo=HCM), tick=False)


@pytest.fixture
def june():
    """25/06/2024, five days before task_x's deadline, frozen before the fixtures are made."""
    with on(date(2024, 6, 25)):
        yield


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def ids(items):
    return [item["id"] for item in items]


def test_anonymous_gets_401(client, task_x):
    assert client.get("/api/tasks").status_code == 401
    assert client.get(f"/api/tasks/{task_x.pk}").status_code == 401
    assert client.get("/api/directives").status_code == 401
    assert post(client, f"/api/tasks/{task_x.pk}/progress", {"text": "x", "percent": 1}).status_code == 401
    assert not ProgressUpdate.objects.exists()


def test_openapi_lists_the_endpoints(login, specialist):
    paths = set(login(specialist).get("/api/openapi.json").json()["paths"])
    assert {
        "/api/directives",
        "/api/directives/{pk}",
        "/api/tasks",
        "/api/tasks/{pk}",
        "/api/tasks/{pk}/progress",
        "/api/tasks/{pk}/extensions",
        "/api/extensions/{pk}/decision",
    } <= paths


# Directives ------------------------------------------------------------------------------------------------------


def test_directives_list_for_each_role(login, specialist, officer_x, investor_a, directive, task_x, task_y):
    listing = login(specialist).get("/api/directives?q=ket luan").json()
    assert listing["count"] == 1 and listing["items"][0]["number"] == "45/TB-UBND"
    assert listing["items"][0]["task_count"] == 2
    own = login(officer_x).get("/api/directives").json()
    assert ids(own["items"]) == [directive.pk] and own["items"][0]["task_count"] == 1  # only its own task
    assert login(investor_a).get("/api/directives").json() == {"items": [], "count": 0}
    bad = login(specialist).get("/api/directives?kind=memo")
    assert bad.status_code == 400 and "kind" in bad.json()["errors"]


def test_directive_detail_shows_visible_tasks_with_status_today(june, login, officer_x, investor_a, directive, task_x):
    with on(date(2024, 7, 1)):
        data = login(officer_x).get(f"/api/directives/{directive.pk}").json()
    assert [(t["id"], t["status"]) for t in data["tasks"]] == [(task_x.pk, "overdue")]
    assert data["text"].startswith("Giao Sở") and data["issued_on"] == "2024-03-05"
    response = login(investor_a).get(f"/api/directives/{directive.pk}")
    assert response.status_code == 404 and "Không tìm thấy" in response.json()["detail"]


# Task board --------------------------------------------------------------------------------------------------------


def test_tasks_list_shape_filters_and_pages(june, login, specialist, task_x, task_y):
    client = login(specialist)
    page = client.get("/api/tasks").json()
    assert page["count"] == 2 and ids(page["items"]) == [task_x.pk, task_y.pk]
    row = page["items"][0]
    assert row["lead_agency"] == "HD-SKHDT" and row["cooperating_agencies"] == ["HD-STC"]
    assert (row["deadline"], row["original_deadline"], row["status"]) == ("2024-06-30", "2024-06-30", "in_progress")
    assert row["directive"] == "45/TB-UBND" and row["progress"] == 0 and row["completed_on"] is None

    def listed(query):
        return ids(client.get(f"/api/tasks?{query}").json()["items"])

    assert listed("agency=HD-STC") == [task_y.pk]
    assert listed("status=overdue&day=05/07/2024") == [task_x.pk]
    assert listed("due_soon=true") == [task_x.pk]
    assert listed("deadline_from=2024-07-01") == [task_y.pk]
    assert listed("q=nguon von") == [task_y.pk]
    assert listed("sort=-deadline") == [task_y.pk, task_x.pk]
    second = client.get("/api/tasks?limit=1&offset=1").json()
    assert second["count"] == 2 and ids(second["items"]) == [task_y.pk]


@pytest.mark.parametrize(
    ("query", "field"),
    [("day=31/02/2024", "day"), ("agency=NOPE", "agency"), ("status=late", "status"), ("sort=title", "sort")],
)
def test_tasks_list_refuses_bad_filters_with_400(login, specialist, task_x, query, field):
    response = login(specialist).get(f"/api/tasks?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Bộ lọc không hợp lệ." and field in body["errors"]


def test_each_role_sees_only_its_tasks(login, officer_x, officer_y, investor_a, task_x, task_y):
    assert ids(login(officer_x).get("/api/tasks").json()["items"]) == [task_x.pk]
    assert ids(login(officer_y).get("/api/tasks").json()["items"]) == [task_x.pk, task_y.pk]
    assert login(investor_a).get("/api/tasks").json() == {"items": [], "count": 0}
    hidden = login(officer_x).get(f"/api/tasks/{task_y.pk}")
    assert hidden.status_code == 404 and hidden.json()["detail"] == "Không tìm thấy nhiệm vụ (hoặc không có quyền)."
    assert login(investor_a).get(f"/api/tasks/{task_x.pk}").status_code == 404


def test_task_detail_has_updates_and_extension_requests(june, login, officer_x, task_x):
    client = login(officer_x)
    post(client, f"/api/tasks/{task_x.pk}/progress", {"text": "Đã rà soát", "percent": 30})
    post(client, f"/api/tasks/{task_x.pk}/extensions", {"requested_deadline": "31/07/2024", "reason": "Chờ Bộ"})
    data = client.get(f"/api/tasks/{task_x.pk}").json()
    assert data["due_soon"] is True and data["progress"] == 30
    assert [u["author"] for u in data["updates"]] == ["officer_x"]
    assert [(e["state"], e["requested_deadline"]) for e in data["extensions"]] == [("pending", "2024-07-31")]
    later = client.get(f"/api/tasks/{task_x.pk}?day=04/07/2024").json()
    assert later["status"] == "overdue" and later["overdue_days"] == 4
    bad_day = client.get(f"/api/tasks/{task_x.pk}?day=31/02/2024")
    assert bad_day.status_code == 400 and "31/02/2024" in bad_day.json()["errors"]["day"][0]


# Progress ----------------------------------------------------------------------------------------------------------


def test_officer_reports_progress_in_json(june, login, officer_x, task_x):
    response = post(
        login(officer_x),
        f"/api/tasks/{task_x.pk}/progress",
        {"text": "Đã trình dự thảo", "percent": 100, "completed": True},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["task"]["status"] == "done_on_time" and body["task"]["completed_on"] == "2024-06-25"
    assert body["update"]["completed"] is True and body["update"]["author"] == "officer_x"
    task_x.refresh_from_db()
    assert task_x.completed_on == date(2024, 6, 25) and task_x.progress == 100
    assert task_x.history.first().history_user == officer_x


def test_progress_with_an_attachment_as_multipart(june, settings, tmp_path, login, specialist, task_x):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("bien-ban.docx", b"noi dung", content_type="application/octet-stream")
    response = login(specialist).post(
        f"/api/tasks/{task_x.pk}/progress", {"text": "Họp rà soát", "percent": "20", "attachment": upload}
    )
    assert response.status_code == 201, response.content
    update = ProgressUpdate.objects.get()
    assert update.attachment_name == "bien-ban.docx" and update.attachment.read() == b"noi dung"
    assert update.author == specialist


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": "x", "percent": 150}, "percent"),
        ({"text": "", "percent": 10}, "text"),
        ({"text": "x", "percent": 10, "reported_on": "31/02/2024"}, "reported_on"),
    ],
)
def test_bad_progress_is_refused_with_400_and_saves_nothing(june, login, officer_x, task_x, payload, field):
    response = post(login(officer_x), f"/api/tasks/{task_x.pk}/progress", payload)
    assert response.status_code == 400
    assert response.json()["detail"] == "Dữ liệu không hợp lệ." and field in response.json()["errors"]
    assert not ProgressUpdate.objects.exists()


def test_progress_refusals(june, login, officer_x, officer_y, investor_a, task_x, task_y):
    payload = {"text": "x", "percent": 10}
    cooperating = post(login(officer_y), f"/api/tasks/{task_x.pk}/progress", payload)
    assert cooperating.status_code == 403 and "Không có quyền" in cooperating.json()["detail"]
    assert post(login(officer_x), f"/api/tasks/{task_y.pk}/progress", payload).status_code == 404
    assert post(login(investor_a), f"/api/tasks/{task_x.pk}/progress", payload).status_code == 404
    future = post(login(officer_x), f"/api/tasks/{task_x.pk}/progress", payload | {"reported_on": "2024-06-26"})
    assert future.status_code == 400 and future.json()["detail"].startswith("Không ghi nhận được báo cáo tiến độ")
    broken = login(officer_x).post(f"/api/tasks/{task_x.pk}/progress", "{oops", content_type="application/json")
    assert broken.status_code == 400
    assert not ProgressUpdate.objects.exists()


def test_writes_need_the_csrf_token(june, officer_x, task_x):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer_x)
    response = post(client, f"/api/tasks/{task_x.pk}/progress", {"text": "x", "percent": 10})
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


# Extensions --------------------------------------------------------------------------------------------------------


def test_extension_requested_then_approved_by_a_leader(june, login, officer_x, leader, task_x):
    asked = post(
        login(officer_x), f"/api/tasks/{task_x.pk}/extensions", {"requested_deadline": "2024-07-31", "reason": "Chờ Bộ"}
    )
    assert asked.status_code == 201
    request_id = asked.json()["request"]["id"]
    assert asked.json()["request"]["old_deadline"] == "2024-06-30"

    refused = post(login(officer_x), f"/api/extensions/{request_id}/decision", {"decision": "approved"})
    assert refused.status_code == 403 and "Không có quyền" in refused.json()["detail"]
    assert ExtensionRequest.objects.get().state == "pending"

    decided = post(login(leader), f"/api/extensions/{request_id}/decision", {"decision": "approved", "note": "Đồng ý"})
    assert decided.status_code == 200
    body = decided.json()
    assert body["request"]["state"] == "approved" and body["request"]["decided_by"] == "leader"
    assert (body["task"]["deadline"], body["task"]["original_deadline"]) == ("2024-07-31", "2024-06-30")
    task_x.refresh_from_db()
    assert (task_x.deadline, task_x.original_deadline) == (date(2024, 7, 31), date(2024, 6, 30))
    assert task_x.history.first().history_user == leader

    again = post(login(leader), f"/api/extensions/{request_id}/decision", {"decision": "refused", "note": "x"})
    assert again.status_code == 400


def test_refusing_needs_a_reason(june, login, officer_x, specialist, task_x):
    post(login(officer_x), f"/api/tasks/{task_x.pk}/extensions", {"requested_deadline": "2024-07-31", "reason": "x"})
    request = ExtensionRequest.objects.get()
    url = f"/api/extensions/{request.pk}/decision"
    assert post(login(specialist), url, {"decision": "refused"}).status_code == 400
    assert post(login(specialist), url, {"decision": "maybe"}).json()["errors"].keys() == {"decision"}
    request.refresh_from_db()
    assert request.state == "pending"
    refused = post(login(specialist), url, {"decision": "refused", "note": "Cần làm ngay"})
    assert refused.status_code == 200 and refused.json()["task"]["deadline"] == "2024-06-30"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"requested_deadline": "15/06/2024", "reason": "x"}, "30/06/2024"),  # before the current deadline
        ({"requested_deadline": "31/02/2024", "reason": "x"}, "requested_deadline"),
        ({"requested_deadline": "2024-07-31", "reason": ""}, "reason"),
    ],
)
def test_bad_extension_requests_are_refused_with_400(june, login, officer_x, task_x, payload, expected):
    response = post(login(officer_x), f"/api/tasks/{task_x.pk}/extensions", payload)
    assert response.status_code == 400
    body = response.json()
    assert expected in body["detail"] or expected in body["errors"]
    assert not ExtensionRequest.objects.exists()


def test_extension_refusals_by_role(june, login, officer_x, officer_y, investor_a, task_x, task_y):
    payload = {"requested_deadline": "2024-07-31", "reason": "x"}
    assert post(login(officer_y), f"/api/tasks/{task_x.pk}/extensions", payload).status_code == 403
    assert post(login(officer_x), f"/api/tasks/{task_y.pk}/extensions", payload).status_code == 404
    assert post(login(investor_a), f"/api/tasks/{task_x.pk}/extensions", payload).status_code == 404
    assert not ExtensionRequest.objects.exists()
    post(login(officer_y), f"/api/tasks/{task_y.pk}/extensions", payload | {"requested_deadline": "2024-10-31"})
    other = ExtensionRequest.objects.get()
    hidden = post(login(officer_x), f"/api/extensions/{other.pk}/decision", {"decision": "approved"})
    assert hidden.status_code == 404
    assert post(login(investor_a), f"/api/extensions/{other.pk}/decision", {"decision": "approved"}).status_code == 404
    assert Task.objects.get(pk=task_y.pk).deadline == date(2024, 9, 30)
