"""`tiendo directives` and `tiendo tasks`: what the pages do, from the command line, with the same permissions."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from tiendo.directives.models import Directive, ExtensionRequest, Notification, ProgressUpdate, Task

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


TASK_KEYS = {
    "id",
    "version",
    "title",
    "lead_agency",
    "lead_agency_name",
    "cooperating_agencies",
    "deadline",
    "original_deadline",
    "extended",
    "standing",
    "status",
    "status_label",
    "progress",
    "completed_on",
    "priority",
    "directive_id",
    "directive",
}


def on(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, 0, tzinfo=HCM), tick=False)


@pytest.fixture
def june():
    """25/06/2024, five days before task_x's deadline; frozen before the fixtures are made, so that the history
    rows they write come before the ones a test writes."""
    with on(date(2024, 6, 25)):
        yield


def run(capsys, *args):
    capsys.readouterr()
    call_command(*args, "--json")
    return json.loads(capsys.readouterr().out)


def refused(match, *args):
    with pytest.raises(CommandError, match=match) as caught:
        call_command(*args)
    return str(caught.value)


def ids(rows):
    return [row["id"] for row in rows]


# Directives ------------------------------------------------------------------------------------------------------


def test_directives_list_searches_without_diacritics_and_by_kind(capsys, specialist, directive, task_x, task_y):
    rows = run(capsys, "directives", "list", "--as", "specialist")
    assert ids(rows) == [directive.pk]
    assert rows[0]["number"] == "45/TB-UBND" and rows[0]["issued_on"] == "2024-03-05"
    assert rows[0]["task_count"] == 2
    assert ids(run(capsys, "directives", "list", "--search", "ket luan cua pho chu tich", "--as", "specialist")) == [
        directive.pk
    ]
    assert run(capsys, "directives", "list", "--search", "khong co", "--as", "specialist") == []
    assert run(capsys, "directives", "list", "--kind", "letter", "--as", "specialist") == []
    refused("--kind", "directives", "list", "--kind", "memo", "--as", "specialist")


def test_officer_lists_only_directives_that_give_the_agency_a_task(capsys, officer_x, investor_a, directive, task_x):
    Directive.objects.create(kind="letter", number="9/UBND-KT", issued_on=date(2024, 4, 1), issuer="UBND", title="Khác")
    rows = run(capsys, "directives", "list", "--as", "officer_x")
    assert ids(rows) == [directive.pk]
    assert run(capsys, "directives", "list", "--as", "investor_a") == []
    refused("Không tìm thấy văn bản", "directives", "show", str(directive.pk), "--as", "investor_a")


def test_directive_show_lists_the_tasks_the_user_may_see_with_status_today(
    june, capsys, specialist, officer_x, directive, task_x, task_y
):
    with on(date(2024, 7, 5)):
        shown = run(capsys, "directives", "show", str(directive.pk), "--as", "specialist")
        assert {t["id"]: t["status"] for t in shown["tasks"]} == {task_x.pk: "overdue", task_y.pk: "in_progress"}
        assert shown["text"].startswith("Giao Sở Kế hoạch") and shown["task_count"] == 2
        assert shown["history"][0]["action"]
        own = run(capsys, "directives", "show", str(directive.pk), "--as", "officer_x")
    assert ids(own["tasks"]) == [task_x.pk]


def test_specialist_creates_edits_and_deletes_a_directive(capsys, tmp_path, specialist):
    text = tmp_path / "ket-luan.txt"
    text.write_text("\ufeffGiao Sở Tài chính cân đối vốn.\nBáo cáo trước 30/9/2024.", encoding="utf-8")
    created = run(
        capsys,
        "directives",
        "create",
        "--kind",
        "conclusion",
        "--number",
        "120/TB-UBND",
        "--date",
        "12/08/2024",
        "--issuer",
        "UBND tỉnh Hải Dương",
        "--title",
        "Kết luận về giải ngân vốn đầu tư công",
        "--text-file",
        str(text),
        "--as",
        "specialist",
    )
    directive = Directive.objects.get(pk=created["id"])
    assert created["issued_on"] == "2024-08-12" and created["tasks"] == []
    assert directive.text.startswith("Giao Sở Tài chính") and directive.created_by == specialist
    assert directive.history.first().history_user == specialist

    edited = run(
        capsys, "directives", "edit", str(directive.pk), "--signer", "Lưu Văn Bản", "--reason", "Bổ sung", "--as",
        "specialist",
    )  # fmt: skip
    assert edited["signer"] == "Lưu Văn Bản" and edited["number"] == "120/TB-UBND"
    assert directive.history.first().history_change_reason == "Bổ sung"

    refused("--reason", "directives", "delete", str(directive.pk), "--as", "specialist")
    run(capsys, "directives", "delete", str(directive.pk), "--reason", "Nhập trùng", "--as", "specialist")
    directive.refresh_from_db()
    assert directive.deleted_at is not None
    assert directive.history.first().history_user == specialist
    refused("Không tìm thấy văn bản", "directives", "show", str(directive.pk), "--as", "specialist")


def test_a_directive_with_live_tasks_cannot_be_deleted(specialist, directive, task_x):
    refused("còn 1 nhiệm vụ", "directives", "delete", str(directive.pk), "--reason", "x", "--as", "specialist")
    directive.refresh_from_db()
    assert directive.deleted_at is None


def test_directive_create_refuses_officers_and_bad_input(specialist, officer_x):
    args = ["--kind", "conclusion", "--number", "1/TB", "--issuer", "UBND", "--title", "Kết luận"]
    refused("Không có quyền ghi văn bản", "directives", "create", *args, "--date", "01/08/2024", "--as", "officer_x")
    message = refused("--date", "directives", "create", *args, "--date", "31/02/2024", "--as", "specialist")
    assert "Ngày không hợp lệ" in message and "31/02/2024" in message
    refused("--title", "directives", "create", "--issuer", "UBND", "--date", "01/08/2024", "--as", "specialist")
    refused("--text-file", "directives", "create", *args, "--date", "01/08/2024", "--text-file", "/nope.txt",
            "--as", "specialist")  # fmt: skip
    assert not Directive.objects.exists()


# Listing and showing tasks ---------------------------------------------------------------------------------------


def test_tasks_list_json_rows(june, capsys, specialist, task_x, task_y):
    with on(date(2024, 7, 5)):
        rows = run(capsys, "tasks", "list", "--as", "specialist")
    assert ids(rows) == [task_x.pk, task_y.pk]
    assert all(set(row) == TASK_KEYS for row in rows)
    row = rows[0]
    assert row["lead_agency"] == "HD-SKHDT" and row["lead_agency_name"] == "Sở Kế hoạch và Đầu tư tỉnh Hải Dương"
    assert row["cooperating_agencies"] == ["HD-STC"]
    assert row["deadline"] == row["original_deadline"] == "2024-06-30"
    assert (row["status"], row["standing"], row["progress"], row["completed_on"]) == ("overdue", False, 0, None)
    assert row["directive"] == "45/TB-UBND" and row["directive_id"] == task_x.directive_id


def test_tasks_list_applies_the_board_filters(capsys, specialist, directive, task_x, task_y):
    def listed(*args):
        return ids(run(capsys, "tasks", "list", *args, "--as", "specialist"))

    assert listed("--agency", "HD-STC") == [task_y.pk]
    assert listed("--status", "overdue", "--day", "05/07/2024") == [task_x.pk]
    assert listed("--status", "overdue", "--day", "2024-06-30") == []  # the deadline day is still on time
    assert listed("--due-soon", "--day", "25/06/2024") == [task_x.pk]
    assert listed("--deadline-from", "01/07/2024") == [task_y.pk]
    assert listed("--deadline-to", "30/06/2024") == [task_x.pk]
    assert listed("--search", "nguon von") == [task_y.pk]
    assert listed("--directive", str(directive.pk), "--sort=-deadline") == [task_y.pk, task_x.pk]
    assert listed("--limit", "1") == [task_x.pk]
    rows = run(capsys, "tasks", "list", "--day", "01/10/2024", "--as", "specialist")
    assert [row["status"] for row in rows] == ["overdue", "overdue"]


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["--day", "31/02/2024"], "--day: Ngày không hợp lệ: '31/02/2024'"),
        (["--deadline-from", "hôm qua"], "--deadline-from: Ngày không hợp lệ"),
        (["--agency", "NOPE"], "Không có cơ quan mã 'NOPE'"),
        (["--status", "late"], "--status"),
        (["--sort", "title"], "--sort"),
        (["--directive", "999999"], "--directive"),
    ],
)
def test_tasks_list_refuses_bad_filters(specialist, task_x, args, match):
    refused(match, "tasks", "list", *args, "--as", "specialist")


def test_each_user_lists_only_the_tasks_they_may_see(capsys, officer_x, officer_y, investor_a, task_x, task_y):
    assert ids(run(capsys, "tasks", "list", "--as", "officer_x")) == [task_x.pk]
    assert ids(run(capsys, "tasks", "list", "--as", "officer_y")) == [task_x.pk, task_y.pk]  # cooperates on X
    assert run(capsys, "tasks", "list", "--as", "investor_a") == []
    refused(rf"Không tìm thấy nhiệm vụ #{task_y.pk} \(hoặc không có quyền\)", "tasks", "show", str(task_y.pk),
            "--as", "officer_x")  # fmt: skip
    refused("Không tìm thấy nhiệm vụ", "tasks", "show", str(task_x.pk), "--as", "investor_a")
    refused("Không tìm thấy nhiệm vụ", "tasks", "show", "abc", "--as", "officer_x")


def test_task_show_has_updates_extensions_history_and_status_on_a_day(june, capsys, officer_x, task_x):
    call_command("tasks", "progress", str(task_x.pk), "--text", "Đã rà soát 12 dự án", "--percent", "40",
                 "--as", "officer_x")  # fmt: skip
    call_command("tasks", "extend", str(task_x.pk), "--to", "31/07/2024", "--reason", "Chờ số liệu của Bộ",
                 "--as", "officer_x")  # fmt: skip
    shown = run(capsys, "tasks", "show", str(task_x.pk), "--as", "officer_x")
    later = run(capsys, "tasks", "show", str(task_x.pk), "--day", "03/07/2024", "--as", "officer_x")
    assert shown["status"] == "in_progress" and shown["due_soon"] is True and shown["progress"] == 40
    assert shown["deadline_text"] == "trước ngày 30/6/2024" and shown["assigned_on"] == "2024-03-05"
    [update] = shown["updates"]
    assert (update["percent"], update["author"], update["text"]) == (40, "officer_x", "Đã rà soát 12 dự án")
    [request] = shown["extensions"]
    assert (request["state"], request["requested_deadline"], request["old_deadline"]) == (
        "pending",
        "2024-07-31",
        "2024-06-30",
    )
    assert shown["history"][0]["who"] == str(officer_x)
    assert later["status"] == "overdue" and later["overdue_days"] == 3


# Adding and editing tasks ----------------------------------------------------------------------------------------


def test_specialist_adds_a_task_that_its_lead_agency_hears_about(capsys, specialist, officer_y, directive, agency_x):
    created = run(
        capsys, "tasks", "add", "--lead", "HD-STC", "--title", "Cân đối vốn đối ứng cho dự án ODA",
        "--directive", str(directive.pk), "--deadline", "15/08/2024", "--cooperating", "HD-SKHDT",
        "--priority", "high", "--expected-result-kind", "plan", "--expected-result", "Phương án vốn",
        "--responsible", "Phó Giám đốc Sở", "--waits-on", "Bộ Tài chính", "--deadline-text", "trước 15/8",
        "--as", "specialist",
    )  # fmt: skip
    task = Task.objects.get(pk=created["id"])
    assert task.lead_agency.code == "HD-STC" and list(task.cooperating_agencies.all()) == [agency_x]
    assert task.deadline == task.original_deadline == date(2024, 8, 15)
    assert (task.priority, task.expected_result_kind, task.waits_on) == ("high", "plan", "Bộ Tài chính")
    assert task.assigned_on == directive.issued_on and task.created_by == specialist
    assert task.history.first().history_user == specialist
    assert created["cooperating_agencies"] == ["HD-SKHDT"] and created["directive"] == "45/TB-UBND"
    assert created["updates"] == [] and created["responsible_person"] == "Phó Giám đốc Sở"
    assert Notification.objects.filter(user=officer_y, task=task, kind=Notification.Kind.ASSIGNED).exists()


def test_a_standing_task_has_no_deadline(capsys, specialist, agency_x):
    created = run(capsys, "tasks", "add", "--lead", "HD-SKHDT", "--title", "Theo dõi giải ngân hằng tháng",
                  "--standing", "--as", "specialist")  # fmt: skip
    assert created["standing"] is True and created["deadline"] is None and created["status"] == "standing"
    assert created["directive_id"] is None


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["--lead", "HD-SKHDT", "--title", "X", "--standing", "--deadline", "30/09/2024"], "(?i)standing|thường xuyên"),
        (["--lead", "NOPE", "--title", "X"], "Không có cơ quan mã 'NOPE'"),
        (["--lead", "HD-SKHDT", "--title", "X", "--cooperating", "HD-STC,NOPE"], "Không có cơ quan mã 'NOPE'"),
        (["--lead", "HD-SKHDT", "--title", "X", "--cooperating", "HD-SKHDT"], "(?i)lead agency|chủ trì"),
        (["--lead", "HD-SKHDT", "--title", "X", "--deadline", "31/02/2024"], "--deadline: Ngày không hợp lệ"),
        (["--lead", "HD-SKHDT"], "--title"),
        (["--title", "X"], "--lead"),
        (["--lead", "HD-SKHDT", "--title", "X", "--priority", "asap"], "--priority"),
        (["--lead", "HD-SKHDT", "--title", "X", "--expected-result-kind", "poem"], "--expected-result-kind"),
        (["--lead", "HD-SKHDT", "--title", "X", "--project", "DA-NOPE"], "--project"),
        (["--lead", "HD-SKHDT", "--title", "X", "--directive", "999999"], "Không tìm thấy văn bản #999999"),
    ],
)
def test_adding_a_task_refuses_bad_input_and_saves_nothing(specialist, officer_x, agency_y, args, match):
    refused(match, "tasks", "add", *args, "--as", "specialist")
    assert not Task.objects.exists()
    assert not Notification.objects.exists()


def test_only_specialists_add_edit_reopen_or_delete_tasks(officer_x, leader, investor_a, task_x):
    for user in ("officer_x", "leader", "investor_a"):
        refused("Không có quyền giao nhiệm vụ", "tasks", "add", "--lead", "HD-SKHDT", "--title", "X", "--as", user)
        refused("Không có quyền sửa nhiệm vụ", "tasks", "edit", str(task_x.pk), "--title", "Y", "--as", user)
        refused("Không có quyền xóa nhiệm vụ", "tasks", "delete", str(task_x.pk), "--reason", "x", "--as", user)
        refused("Không có quyền mở lại", "tasks", "reopen", str(task_x.pk), "--reason", "x", "--as", user)
    task_x.refresh_from_db()
    assert task_x.title.startswith("Rà soát") and task_x.deleted_at is None
    assert Task.objects.count() == 1 and task_x.history.count() == 1


def test_editing_changes_only_the_options_given_and_keeps_the_original_deadline(capsys, specialist, task_x):
    edited = run(capsys, "tasks", "edit", str(task_x.pk), "--deadline", "31/07/2024", "--responsible", "Bà Lan",
                 "--reason", "Theo văn bản 88/UBND", "--as", "specialist")  # fmt: skip
    assert edited["deadline"] == "2024-07-31" and edited["original_deadline"] == "2024-06-30"
    assert edited["extended"] is True and edited["cooperating_agencies"] == ["HD-STC"]
    assert edited["title"] == task_x.title and edited["responsible_person"] == "Bà Lan"
    latest = task_x.history.first()
    assert latest.history_user == specialist and latest.history_change_reason == "Theo văn bản 88/UBND"

    standing = run(capsys, "tasks", "edit", str(task_x.pk), "--standing", "--as", "specialist")
    assert standing["standing"] is True and standing["deadline"] is None
    back = run(capsys, "tasks", "edit", str(task_x.pk), "--not-standing", "--deadline", "30/09/2024", "--cooperating",
               "", "--as", "specialist")  # fmt: skip
    assert back["standing"] is False and back["deadline"] == "2024-09-30" and back["cooperating_agencies"] == []
    refused("--deadline", "tasks", "edit", str(task_x.pk), "--deadline", "31/02/2024", "--as", "specialist")
    task_x.refresh_from_db()
    assert task_x.deadline == date(2024, 9, 30)


# Progress ----------------------------------------------------------------------------------------------------------


def test_officer_reports_progress_with_an_attachment(june, capsys, settings, tmp_path, officer_x, task_x):
    settings.MEDIA_ROOT = tmp_path / "media"
    report = tmp_path / "bao-cao.pdf"
    report.write_bytes(b"%PDF-1.4 tien do")
    result = run(capsys, "tasks", "progress", str(task_x.pk), "--text", "Đã rà soát 12/20 dự án",
                 "--percent", "60", "--date", "18/06/2024", "--attach", str(report), "--as", "officer_x")  # fmt: skip
    assert set(result) == {"task", "update"}
    assert result["task"]["progress"] == 60 and result["task"]["status"] == "in_progress"
    assert result["update"]["reported_on"] == "2024-06-18" and result["update"]["attachment_name"] == "bao-cao.pdf"
    update = ProgressUpdate.objects.get()
    assert update.author == officer_x and update.attachment.read() == b"%PDF-1.4 tien do"
    task_x.refresh_from_db()
    assert task_x.progress == 60
    assert task_x.history.first().history_user == officer_x


def test_reporting_done_closes_the_task_and_a_specialist_can_reopen_it(june, capsys, officer_x, specialist, task_x):
    with on(date(2024, 7, 3)):
        result = run(capsys, "tasks", "progress", str(task_x.pk), "--text", "Đã trình UBND tỉnh", "--percent", "90",
                     "--done", "--as", "officer_x")  # fmt: skip
        assert result["task"]["status"] == "done_late" and result["task"]["completed_on"] == "2024-07-03"
        assert result["task"]["progress"] == 100 and result["update"]["completed"] is True
        refused("Không ghi nhận được báo cáo tiến độ", "tasks", "progress", str(task_x.pk), "--text", "Thêm",
                "--percent", "100", "--as", "officer_x")  # fmt: skip
        refused("--reason", "tasks", "reopen", str(task_x.pk), "--as", "specialist")
        reopened = run(capsys, "tasks", "reopen", str(task_x.pk), "--reason", "Báo cáo chưa đủ số liệu",
                       "--as", "specialist")  # fmt: skip
        assert reopened["completed_on"] is None and reopened["status"] == "overdue"
        refused("chưa hoàn thành", "tasks", "reopen", str(task_x.pk), "--reason", "x", "--as", "specialist")
    latest = task_x.history.first()
    assert latest.history_user == specialist and latest.history_change_reason == "Báo cáo chưa đủ số liệu"
    assert ProgressUpdate.objects.count() == 1


@pytest.mark.parametrize(
    ("user", "args", "match"),
    [
        ("officer_y", ["--text", "x", "--percent", "10"], "Không có quyền báo cáo tiến độ"),  # cooperating only
        ("investor_a", ["--text", "x", "--percent", "10"], "Không tìm thấy nhiệm vụ"),
        ("officer_x", ["--text", "x", "--percent", "150"], "--percent"),
        ("officer_x", ["--text", "x", "--percent", "nhiều"], "--percent"),
        ("officer_x", ["--percent", "10"], "--text"),
        ("officer_x", ["--text", "x", "--percent", "10", "--date", "31/02/2024"], "--date: Ngày không hợp lệ"),
        ("officer_x", ["--text", "x", "--percent", "10", "--date", "26/06/2024"], "Không ghi nhận được"),  # future
        ("officer_x", ["--text", "x", "--percent", "10", "--attach", "/khong/co/tep.pdf"], "--attach"),
    ],
)
def test_progress_refusals_save_nothing(june, officer_x, officer_y, investor_a, task_x, user, args, match):
    refused(match, "tasks", "progress", str(task_x.pk), *args, "--as", user)
    assert not ProgressUpdate.objects.exists()
    task_x.refresh_from_db()
    assert task_x.progress == 0 and task_x.history.count() == 1


def test_officer_cannot_report_on_another_agencys_task(officer_x, task_y):
    refused(f"Không tìm thấy nhiệm vụ #{task_y.pk}", "tasks", "progress", str(task_y.pk), "--text", "x",
            "--percent", "10", "--as", "officer_x")  # fmt: skip
    assert not ProgressUpdate.objects.exists()


# Extensions --------------------------------------------------------------------------------------------------------


def test_approved_extension_moves_the_deadline_and_keeps_the_original(june, capsys, officer_x, specialist, task_x):
    asked = run(capsys, "tasks", "extend", str(task_x.pk), "--to", "31/07/2024", "--reason",
                "Chờ ý kiến của Bộ Kế hoạch và Đầu tư", "--as", "officer_x")  # fmt: skip
    request_id = asked["request"]["id"]
    assert set(asked) == {"task", "request"}
    assert asked["request"]["state"] == "pending" and asked["request"]["requested_by"] == "officer_x"
    assert asked["task"]["deadline"] == "2024-06-30"
    refused("Không có quyền quyết định gia hạn", "tasks", "decide", str(request_id), "--approve",
            "--as", "officer_x")  # fmt: skip
    assert ExtensionRequest.objects.get().state == "pending"
    decided = run(capsys, "tasks", "decide", str(request_id), "--approve", "--note", "Đồng ý",
                  "--as", "specialist")  # fmt: skip
    assert decided["request"]["state"] == "approved" and decided["request"]["decided_by"] == "specialist"
    assert decided["task"]["deadline"] == "2024-07-31" and decided["task"]["original_deadline"] == "2024-06-30"
    task_x.refresh_from_db()
    assert (task_x.deadline, task_x.original_deadline) == (date(2024, 7, 31), date(2024, 6, 30))
    assert task_x.history.first().history_user == specialist
    by_now = run(capsys, "tasks", "list", "--day", "05/07/2024", "--as", "specialist")
    by_first = run(capsys, "tasks", "list", "--day", "05/07/2024", "--original", "--as", "specialist")
    assert by_now[0]["status"] == "in_progress" and by_first[0]["status"] == "overdue"


def test_leader_refuses_an_extension_with_a_reason(june, capsys, officer_x, leader, task_x):
    call_command("tasks", "extend", str(task_x.pk), "--to", "31/07/2024", "--reason", "Thiếu người",
                 "--as", "officer_x")  # fmt: skip
    request = ExtensionRequest.objects.get()
    refused("Không ghi được quyết định gia hạn", "tasks", "decide", str(request.pk), "--refuse", "--as", "leader")
    decided = run(capsys, "tasks", "decide", str(request.pk), "--refuse", "--note", "Nhiệm vụ cấp bách",
                  "--as", "leader")  # fmt: skip
    refused("Không ghi được quyết định gia hạn", "tasks", "decide", str(request.pk), "--approve", "--as", "leader")
    assert decided["request"]["state"] == "refused" and decided["request"]["decision_note"] == "Nhiệm vụ cấp bách"
    task_x.refresh_from_db()
    assert task_x.deadline == date(2024, 6, 30)
    request.refresh_from_db()
    assert request.state == "refused" and request.decided_by == leader
    assert request.history.first().history_user == leader


@pytest.mark.parametrize(
    ("user", "args", "match"),
    [
        ("officer_x", ["--to", "15/06/2024", "--reason", "x"], "Không gửi được đề nghị gia hạn.*30/06/2024"),
        ("officer_x", ["--to", "30/06/2024", "--reason", "x"], "30/06/2024"),
        ("officer_x", ["--to", "31/02/2024", "--reason", "x"], "--to: Ngày không hợp lệ"),
        ("officer_x", ["--reason", "x"], "--to"),
        ("officer_x", ["--to", "31/07/2024"], "--reason"),
        ("officer_y", ["--to", "31/07/2024", "--reason", "x"], "Không có quyền đề nghị gia hạn"),
        ("investor_a", ["--to", "31/07/2024", "--reason", "x"], "Không tìm thấy nhiệm vụ"),
    ],
)
def test_extension_request_refusals_save_nothing(june, officer_x, officer_y, investor_a, task_x, user, args, match):
    refused(match, "tasks", "extend", str(task_x.pk), *args, "--as", user)
    assert not ExtensionRequest.objects.exists()
    assert not Notification.objects.exists()


def test_one_pending_extension_at_a_time_and_hidden_requests(june, officer_x, officer_y, investor_a, task_x, task_y):
    call_command("tasks", "extend", str(task_x.pk), "--to", "31/07/2024", "--reason", "a", "--as", "officer_x")
    refused("Không gửi được", "tasks", "extend", str(task_x.pk), "--to", "31/08/2024", "--reason", "b",
            "--as", "officer_x")  # fmt: skip
    call_command("tasks", "extend", str(task_y.pk), "--to", "31/10/2024", "--reason", "c", "--as", "officer_y")
    other = ExtensionRequest.objects.get(task=task_y)
    refused(f"Không tìm thấy đề nghị gia hạn #{other.pk}", "tasks", "decide", str(other.pk), "--approve",
            "--as", "officer_x")  # fmt: skip
    refused("Không tìm thấy đề nghị gia hạn", "tasks", "decide", str(other.pk), "--approve", "--as", "investor_a")
    refused("Không tìm thấy đề nghị gia hạn", "tasks", "decide", "999999", "--approve", "--as", "officer_x")
    assert ExtensionRequest.objects.count() == 2


# Deleting, text output ---------------------------------------------------------------------------------------------


def test_specialist_deletes_a_task_with_a_reason(capsys, specialist, task_x, task_y):
    refused("--reason", "tasks", "delete", str(task_x.pk), "--as", "specialist")
    deleted = run(capsys, "tasks", "delete", str(task_x.pk), "--reason", "Giao trùng", "--as", "specialist")
    assert deleted["id"] == task_x.pk and deleted["deleted_at"]
    task_x.refresh_from_db()
    assert task_x.deleted_at is not None
    latest = task_x.history.first()
    assert latest.history_user == specialist and latest.history_change_reason == "Giao trùng"
    assert ids(run(capsys, "tasks", "list", "--as", "specialist")) == [task_y.pk]
    refused("Không tìm thấy nhiệm vụ", "tasks", "show", str(task_x.pk), "--as", "specialist")


def test_plain_text_output_for_people(june, capsys, specialist, officer_x, task_x):
    with on(date(2024, 7, 5)):
        call_command("tasks", "list", "--as", "specialist")
        listing = capsys.readouterr().out
        call_command("tasks", "progress", str(task_x.pk), "--text", "Xong 1 phần", "--percent", "30",
                     "--as", "officer_x")  # fmt: skip
        said = capsys.readouterr().out
        call_command("directives", "list", "--as", "specialist")
        directives = capsys.readouterr().out
    assert str(task_x.pk) in listing and "overdue" in listing and "30/06/2024" in listing and "HD-SKHDT" in listing
    assert said.strip() == f"Đã ghi nhận tiến độ 30% của nhiệm vụ #{task_x.pk}."
    assert "45/TB-UBND" in directives and "05/03/2024" in directives


def test_unknown_user_is_refused(task_x):
    refused("Không có người dùng", "tasks", "list", "--as", "ghost")
