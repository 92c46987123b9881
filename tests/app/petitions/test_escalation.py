"""The escalation ladder around Tết 2026 (16–20/02/2026 are days off): the officer reminded before the deadline,
the head of the agency told on it, the leaders' agenda after TIENDO_PETITIONS_ESCALATE_AFTER working days — each
once; the leaders' task completed when the petition is answered; overdue petitions in the traffic lights."""

import io
import json
from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from python_calamine import CalamineWorkbook

from tiendo.accounts.models import Role, User
from tiendo.directives import reminders
from tiendo.directives.models import Directive, Notification, Task
from tiendo.directives.reports import Period, SummaryQuery, build_summary, write_workbook
from tiendo.domain.tasks import Light
from tiendo.petitions import escalation, services
from tiendo.petitions.models import Kind, Petition, Reminder, Topic

RECEIVED = date(2026, 1, 30)  # a Friday: 10 working days later is Friday 13/02/2026, the last day before Tết
DUE = date(2026, 2, 13)


def on(day):
    return time_machine.travel(day, tick=False)


@pytest.fixture
def head_x(agency_x):
    return User.objects.create_user(
        "head_x", password="x", role=Role.OFFICER, agency=agency_x, is_agency_head=True, full_name="Giám đốc Sở"
    )


@pytest.fixture
def petition(specialist, officer_x, agency_x, enterprise_a):
    with on(RECEIVED):
        petition = Petition(
            title="Chậm cấp giấy phép xây dựng nhà xưởng số 2",
            text="Hồ sơ nộp đầy đủ từ tháng 12 nhưng chưa được giải quyết.",
            topic=Topic.CONSTRUCTION_PERMIT,
            channel="letter",
            enterprise=enterprise_a,
        )
        petition = services.receive(petition, actor=specialist)
        petition = services.classify(
            petition, actor=specialist, kind=Kind.WITHIN_COMPETENCE, topic=Topic.CONSTRUCTION_PERMIT, agency=agency_x
        )
        petition = services.assign(petition, actor=specialist, officer=officer_x)
    assert petition.due_on == DUE
    return petition


def run_on(day, actor):
    with on(day):
        return escalation.run(day, actor=actor)


def notes(user, kind=None):
    found = Notification.objects.filter(user=user, task__isnull=True)
    return list(found.filter(kind=kind) if kind else found)


def test_the_ladder_takes_each_step_once_and_escalates_only_after_five_working_days_past_tet(
    petition, specialist, officer_x, officer_y, head_x, investor_a
):
    assert run_on(date(2026, 2, 10), specialist).actions == []  # three working days left: nothing yet

    first = run_on(date(2026, 2, 11), specialist)  # two working days left (12, 13/02): the officer is reminded
    assert [(a.number, a.step, a.notified) for a in first.actions] == [(petition.number, "remind_officer", 1)]
    [reminder] = notes(officer_x, Notification.Kind.PETITION_DUE_SOON)
    assert petition.number in reminder.message and "13/02/2026" in reminder.message
    assert run_on(date(2026, 2, 11), specialist).actions == []  # twice the same day: nothing more
    assert run_on(date(2026, 2, 12), specialist).actions == []  # the same step the next day: nothing more
    assert len(notes(officer_x)) == 1

    on_the_day = run_on(DUE, specialist)  # the deadline: the head of the agency, not the officer again
    assert [(a.step, a.notified) for a in on_the_day.actions] == [("notify_head", 1)]
    assert [n.kind for n in notes(head_x)] == [Notification.Kind.PETITION_DUE]
    assert len(notes(officer_x)) == 1
    assert notes(officer_y) == [] and notes(investor_a) == []  # another agency, the petitioner: never

    # Tết: 16–20/02 are days off, so on 20/02 the petition is 0 working days late, on 26/02 four
    for day in (date(2026, 2, 20), date(2026, 2, 23), date(2026, 2, 26)):
        assert run_on(day, specialist).actions == [], day
    assert Task.objects.count() == 0
    petition.refresh_from_db()
    assert petition.escalation_task is None

    escalated = run_on(date(2026, 2, 27), specialist)  # 23, 24, 25, 26, 27/02: five working days late
    [action] = escalated.actions
    assert action.step == "escalate" and action.task
    task = Task.objects.get()
    assert task.directive.title == "Xử lý kiến nghị quá hạn của doanh nghiệp năm 2026"
    assert task.directive.kind == Directive.Kind.DIRECTIVE
    assert task.title.startswith("Xử lý kiến nghị quá hạn của doanh nghiệp Công ty TNHH Hoshino Việt Nam: KN-2026-")
    assert task.lead_agency == petition.agency and task.assigned_on == date(2026, 2, 27)
    assert task.deadline == date(2026, 3, 6)  # five working days: 02–06/03/2026
    petition.refresh_from_db()
    assert petition.escalation_task == task
    assert petition.history.first().history_change_reason.endswith(f"#{task.pk}")
    # the agency's officers hear of the new task (directives' own notification), the head of the escalation
    assert Notification.objects.filter(task=task, kind=Notification.Kind.ASSIGNED, user=officer_x).exists()
    assert [n.kind for n in notes(head_x)][0] == Notification.Kind.PETITION_OVERDUE
    assert run_on(date(2026, 2, 27), specialist).actions == []
    assert run_on(date(2026, 3, 2), specialist).actions == []
    assert Task.objects.count() == 1 and Directive.objects.count() == 1
    assert Reminder.objects.filter(petition=petition).count() == 3


def test_the_task_is_completed_when_the_petition_is_answered(
    petition, specialist, officer_x, django_capture_on_commit_callbacks
):
    run_on(date(2026, 2, 27), specialist)
    petition.refresh_from_db()
    task = petition.escalation_task
    assert task is not None and task.completed_on is None
    with on(date(2026, 3, 3)), django_capture_on_commit_callbacks(execute=True):
        services.start_work(petition, actor=officer_x)
        petition.refresh_from_db()
        services.answer(petition, actor=officer_x, text="Đã cấp phép.", legal_basis="Luật Xây dựng", document="CV 12")
    task.refresh_from_db()
    assert task.completed_on == date(2026, 3, 3) and task.progress == 100
    update = task.updates.get()
    assert update.completed and update.author == officer_x and "CV 12" in update.text
    assert Task.objects.alive().open().count() == 0  # the task board counts it done


def test_the_nightly_run_catches_up_on_an_answered_petition(petition, specialist, officer_x, admin_user):
    run_on(date(2026, 2, 27), specialist)
    petition.refresh_from_db()
    with on(date(2026, 3, 3)):  # the on-commit hook does not run inside the test's transaction
        services.start_work(petition, actor=officer_x)
        petition.refresh_from_db()
        services.answer(petition, actor=officer_x, text="Đã cấp phép.", legal_basis="Luật Xây dựng")
    with on(date(2026, 3, 4)):
        result = reminders.run(date(2026, 3, 4))
    assert result.extras["petitions"][0]["completed_tasks"] == [petition.escalation_task_id]
    assert Task.objects.get().completed_on == date(2026, 3, 3)


def test_the_head_falls_back_to_the_agencys_officers(petition, specialist, officer_x):
    run_on(DUE, specialist)
    assert [n.kind for n in notes(officer_x)] == [Notification.Kind.PETITION_DUE]


def test_a_petition_first_seen_late_is_escalated_once_and_a_paused_one_waits(
    petition, specialist, officer_x, investor_a
):
    assert [a.step for a in run_on(date(2026, 3, 5), specialist).actions] == ["escalate"]
    with on(date(2026, 3, 5)):
        petition.refresh_from_db()
        services.start_work(petition, actor=officer_x)
        petition.refresh_from_db()
        services.ask_enterprise(petition, actor=officer_x, request="Bổ sung bản vẽ.")
    assert run_on(date(2026, 3, 20), specialist).actions == []  # the clock stands still: nothing is owed


def test_the_nightly_reminders_run_the_ladder_as_the_installations_administrator(petition, admin_user, capsys):
    with on(date(2026, 2, 27)):
        call_command("remind", "--json")
    data = json.loads(capsys.readouterr().out)
    [action] = data["petitions"]["actions"]
    assert action["step"] == "escalate" and Task.objects.get(pk=action["task"]).created_by == admin_user
    with on(date(2026, 2, 27)):
        call_command("remind")
    assert "Kiến nghị" not in capsys.readouterr().out  # the second run did nothing, says nothing about it


def test_the_command(petition, specialist, officer_x):
    out = io.StringIO()
    with on(date(2026, 2, 11)):
        call_command("petitions", "remind", "--day", "11/02/2026", "--as", "specialist", "--json", stdout=out)
    assert json.loads(out.getvalue())["actions"][0]["step"] == "remind_officer"
    out = io.StringIO()
    with on(date(2026, 2, 11)):
        call_command("petitions", "remind", "--day", "11/02/2026", "--as", "specialist", stdout=out)
    assert "Không có kiến nghị nào" in out.getvalue()
    with on(date(2026, 2, 11)), pytest.raises(CommandError, match="Không có quyền"):
        call_command("petitions", "remind", "--as", "officer_x")
    with on(date(2026, 2, 11)), pytest.raises(CommandError, match="chưa đến"):
        call_command("petitions", "remind", "--day", "12/02/2026", "--as", "specialist")
    with on(date(2026, 2, 11)), pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("petitions", "remind", "--day", "31/02/2026", "--as", "specialist")


def test_the_traffic_light_turns_with_overdue_petitions(petition, agency_x, admin_user, officer_x, officer_y):
    period = Period(date(2026, 1, 1), date(2026, 3, 31))

    def row(user, day):
        report = build_summary(user, SummaryQuery(period=period), today=day)
        return {r.code: r for r in report.rows}.get(agency_x.code), report

    before, report = row(admin_user, DUE)  # on the deadline: not overdue, the light green
    assert before.light == Light.GREEN and before.extras == {"petitions": (1, 0)}
    after, report = row(admin_user, date(2026, 2, 16))
    assert after.light == Light.RED and after.as_dict()["petitions_overdue"] == 1
    assert report.total.extras == {"petitions": (1, 1)}
    mine, _ = row(officer_x, date(2026, 2, 16))
    assert mine.light == Light.RED
    theirs, report = row(officer_y, date(2026, 2, 16))
    assert theirs is None and report.extras == []  # another agency's petition is not in officer Y's table
    target = io.BytesIO()
    write_workbook(build_summary(admin_user, SummaryQuery(period=period), today=date(2026, 2, 16)), target)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(target.getvalue())).get_sheet_by_index(0).to_python()
    values = [cell for line in sheet for cell in line]
    assert "Kiến nghị quá hạn" in values and "Đỏ" in values


def test_no_petition_leaves_the_summary_as_it_was(agency_x, admin_user):
    report = build_summary(admin_user, SummaryQuery(period=Period(date(2026, 1, 1), date(2026, 3, 31))))
    assert report.rows == [] and report.extras == []
    assert "petitions_overdue" not in report.total.as_dict()


def test_the_bell_lists_a_petition_notification_with_its_link(petition, specialist, officer_x, login, monkeypatch):
    monkeypatch.setattr(escalation, "petition_path", lambda p: f"/petitions/{p.pk}/")
    run_on(date(2026, 2, 11), specialist)
    page = login(officer_x).get(reverse("directives:notifications"))
    assert page.status_code == 200
    body = page.content.decode()
    assert f'href="/petitions/{petition.pk}/"' in body and petition.number in body


def test_the_head_of_an_agency_is_set_where_users_are_managed(admin_user, officer_x, login, capsys):
    page = login(admin_user).get(reverse("admin:accounts_user_change", args=[officer_x.pk]))
    assert page.status_code == 200 and 'name="is_agency_head"' in page.content.decode()
    call_command(
        "users", "create", "giamdoc_x", "--password", "Mk-rat-dai-2026!", "--role", "officer", "--agency",
        officer_x.agency.code, "--agency-head", "--json",
    )  # fmt: skip
    capsys.readouterr()
    assert User.objects.get(username="giamdoc_x").is_agency_head
    call_command("users", "list", "--json")
    rows = {row["username"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["giamdoc_x"]["agency_head"] and not rows["officer_x"]["agency_head"]


def test_a_withdrawn_petition_closes_its_task_on_the_next_run(petition, specialist, investor_a):
    run_on(date(2026, 2, 27), specialist)
    with on(date(2026, 3, 2)):
        petition.refresh_from_db()
        services.withdraw(petition, actor=investor_a, reason="Đã tự giải quyết được.")
    result = run_on(date(2026, 3, 3), specialist)
    task = Task.objects.get()
    assert result.completed == [task.pk] and task.completed_on == date(2026, 3, 2)
    assert task.updates.get().author == specialist  # the petitioner may not report on the agency's task
    assert run_on(date(2026, 3, 3), specialist).completed == []


def test_the_summary_and_lights_pages_show_overdue_petitions(petition, specialist, officer_y, login):
    query = {"start": "01/01/2026", "end": "31/03/2026"}
    with on(date(2026, 2, 16)):
        summary = login(specialist).get(reverse("directives:summary"), query).content.decode()
        lights = login(specialist).get(reverse("directives:lights"), query).content.decode()
        theirs = login(officer_y).get(reverse("directives:summary"), query).content.decode()
    assert "Kiến nghị quá hạn" in summary and "Kế hoạch và Đầu tư" in summary
    assert "light-red" in lights and "Mỗi kiến nghị của doanh nghiệp quá hạn" in lights
    assert "Kiến nghị quá hạn" not in theirs
