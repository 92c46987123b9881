"""`tiendo remind`: one digest e-mail per lead agency and day, in-app notifications, and the notifications page."""

import json
import smtplib
from datetime import date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.urls import reverse

from tiendo.accounts.models import User
from tiendo.directives import reminders
from tiendo.directives.models import Notification, ReminderDigest, Task

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = date(2024, 6, 23)  # task_x (deadline 30/06/2024) is due in exactly 7 days
# 06:00 in Vietnam is still 22/06 in UTC: the reminder must count days in local time.
EARLY_MORNING = datetime(2024, 6, 23, 6, 0, tzinfo=HANOI)


def frozen(day: date = DAY, hour: int = 6):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, 0, tzinfo=HANOI), tick=False)


def remind(capsys, *args):
    call_command("remind", "--json", *args)
    return json.loads(capsys.readouterr().out)


def row(result, code):
    return next((r for r in result["agencies"] if r["agency"] == code), None)


def make_task(directive, agency, deadline=None, **extra):
    return Task.objects.create(
        directive=directive, title=extra.pop("title", "Nhiệm vụ thử"), lead_agency=agency, deadline=deadline, **extra
    )


def officer(username, agency, **extra):
    return User.objects.create(username=username, role="officer", agency=agency, **extra)


@pytest.fixture
def mailboxes(agency_x, agency_y, officer_x, officer_y):
    officer_x.email = "canbo.x@skhdt.example.vn"
    officer_x.save()
    officer_y.email = "canbo.y@stc.example.vn"
    officer_y.save()
    agency_x.email = "skhdt@example.vn"
    agency_x.save()


# --- which tasks are reminded: every boundary, with the clock frozen ---------------------------------------------


@pytest.mark.parametrize(
    ("offset", "due_soon", "overdue"),
    [
        (8, 0, 0),  # one day beyond the window
        (7, 1, 0),  # last day of the window
        (1, 1, 0),
        (0, 1, 0),  # deadline today is still within the deadline
        (-1, 0, 1),  # yesterday: overdue
        (-30, 0, 1),
    ],
)
def test_due_soon_and_overdue_boundaries(capsys, directive, agency_x, mailboxes, offset, due_soon, overdue):
    make_task(directive, agency_x, DAY + timedelta(days=offset))
    with frozen():
        result = remind(capsys)
    assert result["day"] == "2024-06-23"
    found = row(result, "HD-SKHDT")
    if not due_soon and not overdue:
        assert found is None and mail.outbox == []
    else:
        assert (found["due_soon"], found["overdue"]) == (due_soon, overdue)
        assert len(mail.outbox) == 1


def test_days_are_counted_in_vietnam_time_not_utc(directive, agency_x, mailboxes):
    task = make_task(directive, agency_x, DAY - timedelta(days=1))
    with time_machine.travel(EARLY_MORNING, tick=False):
        call_command("remind")
    assert "quá hạn 1 ngày" in mail.outbox[0].body
    assert Notification.objects.get(task=task, kind="overdue").day == DAY


def test_done_standing_deleted_and_undated_tasks_are_not_reminded(capsys, directive, agency_x, mailboxes, specialist):
    make_task(directive, agency_x, DAY - timedelta(days=3), completed_on=DAY - timedelta(days=5))
    make_task(directive, agency_x, DAY + timedelta(days=2), completed_on=DAY)
    make_task(directive, agency_x, standing=True)
    make_task(directive, agency_x, None)
    make_task(directive, agency_x, DAY - timedelta(days=2)).soft_delete(specialist, "nhập trùng")
    with frozen():
        result = remind(capsys)
    assert result["agencies"] == [] and mail.outbox == []
    assert not Notification.objects.filter(kind__in=["due_soon", "overdue"]).exists()


def test_window_follows_the_setting(capsys, settings, directive, agency_x, mailboxes):
    settings.TIENDO_DUE_SOON_DAYS = 3
    make_task(directive, agency_x, DAY + timedelta(days=3), title="trong cửa sổ")
    make_task(directive, agency_x, DAY + timedelta(days=4), title="ngoài cửa sổ")
    with frozen():
        result = remind(capsys)
    assert result["due_soon_days"] == 3
    assert row(result, "HD-SKHDT")["due_soon"] == 1
    assert "trong cửa sổ" in mail.outbox[0].body and "ngoài cửa sổ" not in mail.outbox[0].body
    assert "trong 3 ngày" in mail.outbox[0].body


# --- the e-mail --------------------------------------------------------------------------------------------------


def test_one_email_per_agency_lists_both_overdue_and_due_soon(settings, directive, task_x, task_y, mailboxes):
    settings.TIENDO_BASE_URL = "https://tiendo.example.vn/"
    late = make_task(directive, task_x.lead_agency, date(2024, 6, 20), title="Báo cáo giải ngân quý II")
    make_task(directive, task_y.lead_agency, date(2024, 6, 25), title="Thẩm định nguồn vốn")
    with frozen():
        call_command("remind")
    assert len(mail.outbox) == 2
    by_agency = {m.subject: m for m in mail.outbox}
    x = by_agency["[tiendo] Nhiệm vụ sắp đến hạn và quá hạn — Sở Kế hoạch và Đầu tư tỉnh Hải Dương — 23/06/2024"]
    assert x.to == ["canbo.x@skhdt.example.vn", "skhdt@example.vn"]
    assert "NHIỆM VỤ QUÁ HẠN (1)" in x.body and "NHIỆM VỤ SẮP ĐẾN HẠN (trong 7 ngày tới) (1)" in x.body
    assert x.body.index("Báo cáo giải ngân quý II") < x.body.index(task_x.title)
    assert "Hạn: 20/06/2024 — quá hạn 3 ngày" in x.body
    assert "Hạn: 30/06/2024 — còn 7 ngày" in x.body
    assert "45/TB-UBND" in x.body
    assert f"https://tiendo.example.vn/tasks/{late.pk}/" in x.body
    assert "Thẩm định nguồn vốn" not in x.body  # agency Y's task, though Y cooperates on task_x
    html, mimetype = x.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="https://tiendo.example.vn/tasks/{task_x.pk}/"' in html
    assert "Báo cáo giải ngân quý II" in html
    y = next(m for m in mail.outbox if m is not x)
    assert y.to == ["canbo.y@stc.example.vn"]
    assert "Thẩm định nguồn vốn" in y.body and "còn 2 ngày" in y.body and task_x.title not in y.body


def test_email_escapes_task_titles_in_html(directive, agency_x, mailboxes):
    make_task(directive, agency_x, DAY, title="Rà soát <script>alert(1)</script> & báo cáo")
    with frozen():
        call_command("remind")
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Rà soát <script>alert(1)</script> & báo cáo" in mail.outbox[0].body  # plain text stays readable
    assert "đến hạn hôm nay" in mail.outbox[0].body


def test_only_active_officers_with_an_address_receive_it(directive, task_x, mailboxes, specialist, leader):
    specialist.email = "chuyenvien@example.vn"
    specialist.save()
    officer("left", task_x.lead_agency, email="nghiviec@example.vn", is_active=False)
    officer("noaddress", task_x.lead_agency)
    officer("twice", task_x.lead_agency, email="SKHDT@example.vn")
    with frozen():
        call_command("remind")
    assert mail.outbox[0].to == ["canbo.x@skhdt.example.vn", "SKHDT@example.vn"]


def test_mail_goes_to_the_successor_after_a_merger(capsys, directive, task_x, mailboxes, admin_user):
    call_command("agencies", "merge", "HD-SKHDT", "--into", "HD-STC", "--date", "2024-06-01", "--decision", "QĐ 1")
    capsys.readouterr()
    with frozen():
        result = remind(capsys)
    assert [r["agency"] for r in result["agencies"]] == ["HD-STC"]
    assert set(mail.outbox[0].to) == {"canbo.x@skhdt.example.vn", "canbo.y@stc.example.vn"}  # staff moved too
    assert task_x.title in mail.outbox[0].body


# --- once a day ----------------------------------------------------------------------------------------------------


def test_second_run_on_the_same_day_sends_nothing_and_adds_no_notification(capsys, task_x, mailboxes, specialist):
    with frozen():
        first = remind(capsys)
        notifications = Notification.objects.count()
        with frozen(hour=18):
            second = remind(capsys)
    assert row(first, "HD-SKHDT")["outcome"] == "sent" and first["notifications"] == 2  # officer + specialist
    assert row(second, "HD-SKHDT")["outcome"] == "skipped" and second["notifications"] == 0
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == notifications
    digest = ReminderDigest.objects.get()
    assert (digest.day, digest.due_soon, digest.overdue) == (DAY, 1, 0)
    assert digest.sent_at is not None and digest.recipients == "canbo.x@skhdt.example.vn, skhdt@example.vn"


def test_next_day_sends_again(capsys, task_x, mailboxes):
    with frozen():
        remind(capsys)
    with frozen(DAY + timedelta(days=1)):
        result = remind(capsys)
    assert row(result, "HD-SKHDT")["outcome"] == "sent"
    assert len(mail.outbox) == 2 and "còn 6 ngày" in mail.outbox[1].body
    assert ReminderDigest.objects.count() == 2
    assert Notification.objects.filter(task=task_x, kind="due_soon").count() == 2


def test_dry_run_sends_and_records_nothing(capsys, task_x, mailboxes, specialist):
    with frozen():
        result = remind(capsys, "--dry-run")
    assert result["dry_run"] is True
    assert row(result, "HD-SKHDT")["outcome"] == "dry_run"
    assert row(result, "HD-SKHDT")["recipients"] == ["canbo.x@skhdt.example.vn", "skhdt@example.vn"]
    assert mail.outbox == []
    assert not ReminderDigest.objects.exists() and not Notification.objects.exists()
    with frozen():
        call_command("remind")
    assert len(mail.outbox) == 1  # the dry run did not count as sent


def test_an_agency_without_recipients_is_reported_and_still_notified_in_app(capsys, task_x, officer_x):
    with frozen():
        result = remind(capsys)
        call_command("remind")
    assert row(result, "HD-SKHDT") == {
        "agency": "HD-SKHDT",
        "name": "Sở Kế hoạch và Đầu tư tỉnh Hải Dương",
        "due_soon": 1,
        "overdue": 0,
        "recipients": [],
        "outcome": "no_recipients",
        "error": "",
    }
    assert "HD-SKHDT" in capsys.readouterr().out and mail.outbox == []
    assert not ReminderDigest.objects.exists()
    assert Notification.objects.filter(user=officer_x, task=task_x, kind="due_soon").count() == 1


class FailingFor(EmailBackend):
    """The locmem backend, except that one mailbox's server refuses."""

    refused = "canbo.x@skhdt.example.vn"

    def send_messages(self, messages):
        for message in messages:
            if self.refused in message.to:
                raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"mailbox unavailable")})
        return super().send_messages(messages)


def test_one_agency_failing_does_not_stop_the_others(capsys, task_x, task_y, mailboxes):
    make_task(task_y.directive, task_y.lead_agency, DAY + timedelta(days=1))
    with frozen(), mock.patch.object(reminders, "get_connection", FailingFor):
        with pytest.raises(CommandError, match="Không gửi được thư nhắc việc cho 1 cơ quan: HD-SKHDT"):
            call_command("remind", "--json")
    output = json.loads(capsys.readouterr().out)
    assert row(output, "HD-SKHDT")["outcome"] == "failed" and "550" in row(output, "HD-SKHDT")["error"]
    assert row(output, "HD-STC")["outcome"] == "sent"
    assert [m.to for m in mail.outbox] == [["canbo.y@stc.example.vn"]]
    assert ReminderDigest.objects.get(agency=task_x.lead_agency).sent_at is None
    # the next run (the mail server repaired) sends only what failed
    with frozen(hour=9):
        retry = remind(capsys)
    assert row(retry, "HD-SKHDT")["outcome"] == "sent" and row(retry, "HD-STC")["outcome"] == "skipped"
    assert len(mail.outbox) == 2 and ReminderDigest.objects.get(agency=task_x.lead_agency).sent_at is not None


def test_command_prints_a_line_per_agency_and_accepts_both_date_forms(capsys, task_x, task_y, mailboxes):
    call_command("remind", "--date", "27/09/2024")
    out = capsys.readouterr().out
    assert "Nhắc việc ngày 27/09/2024" in out
    assert "HD-SKHDT" in out and "quá hạn   1" in out and "đã gửi" in out
    assert "HD-STC" in out and "sắp đến hạn   1" in out
    result = remind(capsys, "--date", "2024-09-27")
    assert {r["agency"]: r["outcome"] for r in result["agencies"]} == {"HD-SKHDT": "skipped", "HD-STC": "skipped"}
    assert result["day"] == "2024-09-27" and result["dry_run"] is False


def test_command_rejects_a_bad_date(db):
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("remind", "--date", "31/02/2024")


def test_command_says_when_there_is_nothing_to_remind(capsys, task_x):
    call_command("remind", "--date", "01/01/2024")
    assert "Không có nhiệm vụ nào" in capsys.readouterr().out


# --- in-app notifications ---------------------------------------------------------------------------------------


def test_each_officer_gets_one_notification_per_task_and_specialists_one_summary(task_x, mailboxes, specialist):
    colleague = officer("colleague", task_x.lead_agency)
    late = make_task(task_x.directive, task_x.lead_agency, DAY - timedelta(days=2))
    with frozen():
        call_command("remind")
        call_command("remind")
    for user in (task_x.lead_agency.staff.get(username="officer_x"), colleague):
        mine = {(n.task_id, n.kind) for n in Notification.objects.filter(user=user)}
        assert mine == {(task_x.pk, "due_soon"), (late.pk, "overdue")}
    summary = Notification.objects.get(user=specialist)
    assert summary.task is None and summary.kind == "overdue" and summary.day == DAY
    assert "23/06/2024" in summary.message
    assert not Notification.objects.filter(user__username="officer_y").exists()  # Y only cooperates on task_x


# --- the notifications page ---------------------------------------------------------------------------------------


@pytest.fixture
def reminded(task_x, task_y, mailboxes, specialist):
    with frozen(date(2024, 9, 27)):
        call_command("remind")


def test_page_shows_only_the_users_own_notifications(login, reminded, task_x, task_y, officer_x):
    page = login(officer_x).get(reverse("directives:notifications")).content.decode()
    assert task_x.title in page and task_y.title not in page
    assert f'href="/tasks/{task_x.pk}/"' in page
    assert 'class="unread"' in page


def test_investor_sees_no_notification(login, reminded, investor_a):
    response = login(investor_a).get(reverse("directives:notifications"))
    assert response.status_code == 200
    assert list(response.context["page"]) == []


def test_marking_all_read_touches_only_own_notifications(login, reminded, officer_x, officer_y):
    client = login(officer_x)
    assert 'class="count">1<' in client.get("/notifications/").content.decode()
    response = client.post(reverse("directives:notifications_read"))
    assert response.status_code == 302 and response["Location"] == reverse("directives:notifications")
    assert not Notification.objects.filter(user=officer_x, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=officer_y, read_at__isnull=True).exists()
    page = client.get("/notifications/").content.decode()
    assert 'class="unread"' not in page and 'class="count"' not in page


def test_marking_one_read_and_refusing_someone_elses(login, reminded, officer_x, officer_y):
    own = Notification.objects.get(user=officer_x)
    other = Notification.objects.get(user=officer_y)
    client = login(officer_x)
    assert client.post(reverse("directives:notification_read", args=[other.pk])).status_code == 404
    assert client.post(reverse("directives:notification_read", args=[own.pk]), {"page": "1"})["Location"].endswith(
        "?page=1"
    )
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.read_at is not None and other.read_at is None


def test_reading_needs_a_post(login, reminded, officer_x):
    client = login(officer_x)
    assert client.get(reverse("directives:notifications_read")).status_code == 405
    assert Notification.objects.filter(user=officer_x, read_at__isnull=True).exists()


def test_login_is_required(client, reminded, officer_x):
    for response in (client.get("/notifications/"), client.post("/notifications/read/")):
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert Notification.objects.filter(user=officer_x, read_at__isnull=True).exists()


def test_page_is_paginated_newest_first(login, officer_x, task_x):
    Notification.objects.bulk_create(
        [
            Notification(user=officer_x, task=task_x, kind="assigned", day=DAY + timedelta(days=i), message=f"m{i}")
            for i in range(51)
        ]
    )
    client = login(officer_x)
    first = client.get("/notifications/").context["page"]
    assert len(first) == 50 and first[0].message == "m50"
    assert [n.message for n in client.get("/notifications/?page=2").context["page"]] == ["m0"]
    assert "99+" not in client.get("/notifications/").content.decode()
    assert 'class="count">51<' in client.get("/notifications/").content.decode()


def test_bell_count_is_capped(login, officer_x, task_x):
    Notification.objects.bulk_create(
        [
            Notification(user=officer_x, task=task_x, kind="assigned", day=DAY + timedelta(days=i), message="m")
            for i in range(120)
        ]
    )
    assert 'class="count">99+<' in login(officer_x).get("/notifications/").content.decode()


def test_overdue_notifications_come_first_in_the_list(login, task_x, officer_x):
    late = make_task(task_x.directive, task_x.lead_agency, DAY - timedelta(days=1), title="Trễ một ngày")
    later = make_task(task_x.directive, task_x.lead_agency, DAY - timedelta(days=9), title="Trễ chín ngày")
    with frozen():
        call_command("remind")
    shown = [(n.task_id, n.kind) for n in login(officer_x).get("/notifications/").context["page"]]
    assert shown == [(later.pk, "overdue"), (late.pk, "overdue"), (task_x.pk, "due_soon")]
