"""The per-agency task summary, its workbook, its command and the traffic lights (issue 4, item 3)."""

import io
import json
import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from python_calamine import CalamineWorkbook

from tiendo.agencies.models import AdminUnit, Agency
from tiendo.directives import services
from tiendo.directives.models import Task
from tiendo.directives.reports import (
    Period,
    SummaryQuery,
    build_summary,
    count_by_agency,
    live_during,
)
from tiendo.domain.tasks import Light, summarise

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
H1 = Period(date(2024, 1, 1), date(2024, 6, 30))
AFTER_H1 = datetime(2024, 8, 15, 10, 0, tzinfo=HCM)


def at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, 0, tzinfo=HCM), tick=False)


def task(agency, assigned, deadline=None, completed=None, *, standing=False, directive=None, title="Nhiệm vụ"):
    return Task.objects.create(
        directive=directive,
        title=title,
        lead_agency=agency,
        assigned_on=assigned,
        deadline=deadline,
        completed_on=completed,
        standing=standing,
    )


def counts(row):
    s = row.summary
    return {
        "total": s.total,
        "done_on_time": s.done_on_time,
        "done_late": s.done_late,
        "in_progress": s.in_progress,
        "overdue": s.overdue,
        "standing": s.standing,
    }


def rows_by_code(report):
    return {row.code: row for row in report.rows}


@pytest.fixture
def boundary_tasks(agency_x, specialist):
    """One task per boundary of the first half of 2024, all led by agency X."""
    d = date
    made = {
        "deadline_is_period_end": task(agency_x, d(2024, 3, 1), d(2024, 6, 30)),
        "deadline_day_before_end": task(agency_x, d(2024, 3, 1), d(2024, 6, 29)),
        "completed_on_deadline": task(agency_x, d(2024, 3, 1), d(2024, 6, 20), d(2024, 6, 20)),
        "completed_day_after_deadline": task(agency_x, d(2024, 3, 1), d(2024, 6, 20), d(2024, 6, 21)),
        "completed_after_end_within_deadline": task(agency_x, d(2024, 3, 1), d(2024, 7, 10), d(2024, 7, 5)),
        "completed_after_end_past_deadline": task(agency_x, d(2024, 3, 1), d(2024, 6, 20), d(2024, 7, 5)),
        "assigned_after_end": task(agency_x, d(2024, 7, 1), d(2024, 7, 31)),
        "completed_before_start": task(agency_x, d(2023, 12, 1), d(2023, 12, 31), d(2023, 12, 31)),
        "completed_on_start": task(agency_x, d(2023, 12, 1), d(2024, 1, 15), d(2024, 1, 1)),
        "standing": task(agency_x, d(2024, 2, 1), standing=True),
        "assigned_on_end": task(agency_x, d(2024, 6, 30), d(2024, 7, 31)),
        "no_deadline": task(agency_x, d(2024, 2, 1)),
        "deleted": task(agency_x, d(2024, 3, 1), d(2024, 3, 2)),
    }
    made["deleted"].soft_delete(specialist, "nhập trùng")
    return made


# ---------------------------------------------------------------------------------------------------------------
# Counting


def test_each_status_boundary_lands_in_its_column(boundary_tasks, admin_user):
    report = build_summary(admin_user, SummaryQuery(H1), today=date(2024, 8, 15))
    assert report.day == date(2024, 6, 30)
    [row] = report.rows
    assert row.code == "HD-SKHDT"
    # on time: completed on the deadline, completed on the first day; late: the day after the deadline;
    # in progress: deadline on the last day, completed only after the period, assigned on the last day, no deadline;
    # overdue: deadline the day before the end, completed after the period but late at its end
    assert counts(row) == {
        "total": 10,
        "done_on_time": 2,
        "done_late": 1,
        "in_progress": 4,
        "overdue": 2,
        "standing": 1,
    }


def test_a_period_not_yet_over_is_judged_today(agency_x, admin_user):
    task(agency_x, date(2024, 3, 1), date(2024, 6, 15))
    task(agency_x, date(2024, 3, 1), date(2024, 6, 14))
    task(agency_x, date(2024, 3, 1), date(2024, 6, 30), date(2024, 6, 16))  # "completed" after today: not done
    year = Period(date(2024, 1, 1), date(2024, 12, 31))
    report = build_summary(admin_user, SummaryQuery(year), today=date(2024, 6, 15))
    assert report.day == date(2024, 6, 15)
    assert counts(report.rows[0]) | {} == {
        "total": 3,
        "done_on_time": 0,
        "done_late": 0,
        "in_progress": 2,
        "overdue": 1,
        "standing": 0,
    }


def test_original_deadline_toggle_counts_an_approved_extension_as_late(agency_x, officer_x, specialist):
    with at(date(2024, 4, 20)):
        extended = task(agency_x, date(2024, 3, 1), date(2024, 4, 30))
        request = services.request_extension(
            extended, actor=officer_x, requested_deadline=date(2024, 7, 31), reason="Chờ ý kiến của Bộ Tài chính"
        )
        services.decide_extension(request, actor=specialist, approve=True)
    extended.refresh_from_db()
    assert (extended.original_deadline, extended.deadline) == (date(2024, 4, 30), date(2024, 7, 31))
    current = build_summary(specialist, SummaryQuery(H1), today=date(2024, 8, 15)).rows[0]
    original = build_summary(specialist, SummaryQuery(H1, original=True), today=date(2024, 8, 15)).rows[0]
    assert (current.summary.in_progress, current.summary.overdue) == (1, 0)
    assert (original.summary.in_progress, original.summary.overdue) == (0, 1)


def test_original_deadline_toggle_also_changes_done_on_time_into_late(agency_x, admin_user):
    done = task(agency_x, date(2024, 3, 1), date(2024, 5, 31), date(2024, 5, 20))
    Task.objects.filter(pk=done.pk).update(original_deadline=date(2024, 4, 30))
    current = build_summary(admin_user, SummaryQuery(H1), today=date(2024, 8, 15)).rows[0]
    original = build_summary(admin_user, SummaryQuery(H1, original=True), today=date(2024, 8, 15)).rows[0]
    assert (current.summary.done_on_time, current.summary.done_late) == (1, 0)
    assert (original.summary.done_on_time, original.summary.done_late) == (0, 1)


def _random_tasks(rng, agencies, n):
    tasks = []
    for index in range(n):
        assigned = date(2023, 6, 1) + timedelta(days=rng.randint(0, 560))
        standing = rng.random() < 0.1
        deadline = original = None
        if not standing and rng.random() < 0.9:
            deadline = assigned + timedelta(days=rng.randint(0, 200))
            original = deadline - timedelta(days=rng.randint(1, 90)) if rng.random() < 0.25 else deadline
        completed = assigned + timedelta(days=rng.randint(0, 300)) if rng.random() < 0.6 else None
        tasks.append(
            Task(
                title=f"Nhiệm vụ ngẫu nhiên {index}",
                lead_agency=rng.choice(agencies),
                assigned_on=assigned,
                deadline=deadline,
                original_deadline=original,
                completed_on=completed,
                standing=standing,
                search_key=f"nhiem vu {index}",
            )
        )
    return Task.objects.bulk_create(tasks)


@pytest.mark.parametrize("seed", [1, 2024])
def test_sql_counts_equal_the_domain_rules_on_random_tasks(seed, agency_x, agency_y, people_committee, admin_user):
    rng = random.Random(seed)
    _random_tasks(rng, [agency_x, agency_y, people_committee], 700)
    facts = [(t.lead_agency_id, t.assigned_on, t.facts) for t in Task.objects.alive()]
    periods = [H1, Period(date(2024, 1, 1), date(2024, 12, 31)), Period(date(2023, 10, 1), date(2023, 12, 31))]
    for _ in range(6):
        start = date(2023, 6, 1) + timedelta(days=rng.randint(0, 500))
        periods.append(Period(start, start + timedelta(days=rng.randint(0, 120))))
    for period in periods:
        for original in (False, True):
            day = period.end
            live = [
                (agency, f)
                for agency, assigned, f in facts
                if assigned <= period.end and (f.completed_on is None or f.completed_on >= period.start)
            ]
            expected = summarise(live, day, original=original)
            in_sql = count_by_agency(live_during(Task.objects.alive(), period), day, original=original)
            assert in_sql == expected, (period, original)
            report = build_summary(admin_user, SummaryQuery(period, original=original), today=date(2030, 1, 1))
            assert {row.agency_id: row.summary for row in report.rows} == expected
            assert report.total.summary.total == sum(s.total for s in expected.values())


def test_counts_are_one_query_whatever_the_number_of_tasks(agency_x, agency_y, django_assert_num_queries):
    _random_tasks(random.Random(7), [agency_x, agency_y], 300)
    with django_assert_num_queries(1):
        table = count_by_agency(live_during(Task.objects.alive(), H1), H1.end)
    assert sum(s.total for s in table.values()) > 0


def test_totals_row_adds_up_the_rows(agency_x, agency_y, admin_user):
    task(agency_x, date(2024, 3, 1), date(2024, 4, 1))
    task(agency_x, date(2024, 3, 1), date(2024, 9, 1))
    task(agency_y, date(2024, 3, 1), date(2024, 4, 1), date(2024, 3, 30))
    task(agency_y, date(2024, 3, 1), standing=True)
    report = build_summary(admin_user, SummaryQuery(H1), today=date(2024, 8, 15))
    assert counts(report.total) == {
        "total": 4,
        "done_on_time": 1,
        "done_late": 0,
        "in_progress": 1,
        "overdue": 1,
        "standing": 1,
    }
    for name in ("total", "done_on_time", "done_late", "in_progress", "overdue", "standing"):
        assert getattr(report.total.summary, name) == sum(getattr(row.summary, name) for row in report.rows)


def test_rows_sort_by_overdue_share_or_by_name(agency_x, agency_y, admin_user):
    task(agency_x, date(2024, 3, 1), date(2024, 9, 1))  # X: nothing overdue
    task(agency_y, date(2024, 3, 1), date(2024, 4, 1))  # Y: all overdue
    by_share = build_summary(admin_user, SummaryQuery(H1), today=date(2024, 8, 15))
    by_name = build_summary(admin_user, SummaryQuery(H1, sort="name"), today=date(2024, 8, 15))
    assert [row.code for row in by_share.rows] == ["HD-STC", "HD-SKHDT"]
    assert [row.code for row in by_name.rows] == ["HD-SKHDT", "HD-STC"]  # "Sở Kế hoạch" before "Sở Tài chính"


def test_directive_and_agency_kind_filters(directive, agency_x, people_committee, admin_user):
    commune_unit = AdminUnit.objects.create(code="HD-X9", name="Tân Hưng", unit_type="xã", level="commune")
    commune = Agency.objects.create(
        code="HD-UB-X9", name="Ủy ban nhân dân xã Tân Hưng", kind="commune", admin_unit=commune_unit
    )
    task(agency_x, date(2024, 3, 5), date(2024, 4, 1), directive=directive)
    task(agency_x, date(2024, 3, 5), date(2024, 4, 1))
    task(commune, date(2024, 3, 5), date(2024, 4, 1), directive=directive)
    only_directive = build_summary(admin_user, SummaryQuery(H1, directive=directive), today=date(2024, 8, 15))
    assert {row.code: row.summary.total for row in only_directive.rows} == {"HD-SKHDT": 1, "HD-UB-X9": 1}
    communes = build_summary(admin_user, SummaryQuery(H1, kind="commune"), today=date(2024, 8, 15))
    assert [row.code for row in communes.rows] == ["HD-UB-X9"]
    assert [row.code for row in communes.communes] == ["HD-UB-X9"] and communes.agencies == []


# ---------------------------------------------------------------------------------------------------------------
# The page


def test_summary_page_defaults_to_the_year_to_date(login, leader, task_x, task_y):
    with time_machine.travel(AFTER_H1, tick=False):
        response = login(leader).get(reverse("directives:summary"))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.query.period == Period(date(2024, 1, 1), date(2024, 8, 15))
    assert 'value="01/01/2024"' in response.content.decode() and 'value="15/08/2024"' in response.content.decode()
    assert [row.code for row in report.rows] == ["HD-SKHDT", "HD-STC"]  # task_x overdue, task_y in progress


def test_summary_page_accepts_dd_mm_yyyy_and_links_each_count_to_the_board(login, leader, directive, task_x):
    with time_machine.travel(AFTER_H1, tick=False):
        client = login(leader)
        response = client.get(
            reverse("directives:summary"),
            {"start": "01/01/2024", "end": "29/06/2024", "directive": directive.pk, "original": "on"},
        )
        html = response.content.decode()
        link = (
            f"{reverse('directives:board')}?agency=HD-SKHDT&amp;status=in_progress&amp;directive={directive.pk}"
            "&amp;day=2024-06-29&amp;original=1"
        )
        assert link in html
        row = response.context["report"].rows[0]
        assert row.summary.in_progress == 1  # deadline 30/06 not yet passed on 29/06
        board = client.get(row.links["in_progress"])
    assert board.status_code == 200 and task_x.title in board.content.decode()


def test_zero_counts_are_not_links(login, leader, task_x):
    with time_machine.travel(AFTER_H1, tick=False):
        row = login(leader).get(reverse("directives:summary"), {"end": "30/06/2024"}).context["report"].rows[0]
    assert row.cells[2] == (0, "")  # nothing done late: plain text, no link to an empty list
    assert "status=in_progress" in row.links["in_progress"]


def test_officer_sees_only_their_own_agency_row(login, officer_x, officer_y, task_x, task_y):
    """Agency Y cooperates on task X: officer Y sees the task on the board, but not agency X's row."""
    with time_machine.travel(AFTER_H1, tick=False):
        for officer, own, other in ((officer_x, "HD-SKHDT", "HD-STC"), (officer_y, "HD-STC", "HD-SKHDT")):
            response = login(officer).get(reverse("directives:summary"))
            assert [row.code for row in response.context["report"].rows] == [own]
            assert response.context["report"].total.summary.total == 1
            assert other not in response.content.decode()
            lights = login(officer).get(reverse("directives:lights"))
            assert [row.code for row in lights.context["report"].rows] == [own]


@pytest.mark.parametrize("name", ["summary", "summary_xlsx", "lights"])
def test_investor_is_refused(login, investor_a, task_x, name):
    assert login(investor_a).get(reverse(f"directives:{name}")).status_code == 403


def test_bad_dates_give_a_vietnamese_error_on_the_page(login, leader, task_x):
    client = login(leader)
    response = client.get(reverse("directives:summary"), {"start": "31/02/2024"})
    assert response.status_code == 200 and response.context["report"] is None
    assert "start" in response.context["form"].errors
    assert "Nhập một ngày hợp lệ." in response.content.decode()
    response = client.get(reverse("directives:summary"), {"start": "01/07/2024", "end": "01/01/2024"})
    with translation.override("vi"):
        message = translation.gettext("The start of the period is after its end.")
    assert response.context["form"].non_field_errors() == [message]
    assert message in response.content.decode()
    xlsx = client.get(reverse("directives:summary_xlsx"), {"start": "hôm qua"})
    assert xlsx.status_code == 302 and xlsx.url.startswith(reverse("directives:summary"))


# ---------------------------------------------------------------------------------------------------------------
# The workbook


def _sheet(content: bytes):
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return book.get_sheet_by_index(0).to_python()


def test_workbook_has_the_period_the_rows_and_the_totals(login, specialist, agency_x, agency_y):
    task(agency_x, date(2024, 3, 1), date(2024, 4, 1))
    task(agency_x, date(2024, 3, 1), date(2024, 4, 1), date(2024, 3, 20))
    task(agency_x, date(2024, 3, 1), date(2024, 4, 1), date(2024, 4, 2))
    task(agency_y, date(2024, 3, 1), date(2024, 9, 1))
    with time_machine.travel(AFTER_H1, tick=False):
        response = login(specialist).get(
            reverse("directives:summary_xlsx"), {"start": "01/01/2024", "end": "30/06/2024"}
        )
    assert response.status_code == 200
    assert 'filename="tong-hop-nhiem-vu-2024-01-01-2024-06-30.xlsx"' in response["Content-Disposition"]
    rows = _sheet(b"".join(response.streaming_content))
    assert rows[0][0] == "BẢNG TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO"
    assert "Từ ngày 01/01/2024 đến ngày 30/06/2024" in rows[1][0]
    header = next(i for i, row in enumerate(rows) if row[0] == "STT")
    assert rows[header][:5] == ["STT", "Mã cơ quan", "Cơ quan chủ trì", "Tổng số nhiệm vụ", "Hoàn thành đúng hạn"]
    first, second, total = rows[header + 1], rows[header + 2], rows[header + 3]
    assert first[1:9] == ["HD-SKHDT", "Sở Kế hoạch và Đầu tư tỉnh Hải Dương", 3, 1, 1, 0, 1, 0]
    assert isinstance(first[3], int | float) and first[9] == 0.5 and first[10] == pytest.approx(1 / 3)
    assert first[11] == "Đỏ"
    assert second[1:9] == ["HD-STC", "Sở Tài chính tỉnh Hải Dương", 1, 0, 0, 1, 0, 0]
    assert second[9] == "" and second[11] == "Xanh"  # nothing done: no share of on-time
    assert total[2] == "Tổng cộng" and total[3:9] == [4, 1, 1, 1, 1, 0]


# ---------------------------------------------------------------------------------------------------------------
# The command


def test_command_gives_the_same_rows_as_the_page(login, capsys, leader, task_x, task_y, tmp_path):
    with time_machine.travel(AFTER_H1, tick=False):
        page = login(leader).get(reverse("directives:summary"), {"start": "01/01/2024", "end": "01/07/2024"})
        target = tmp_path / "bang.xlsx"
        call_command(
            "task_summary",
            "--from",
            "01/01/2024",
            "--to",
            "2024-07-01",
            "--json",
            "--as",
            "leader",
            "--xlsx",
            str(target),
        )
    data = json.loads(capsys.readouterr().out)
    assert data["day"] == "2024-07-01" and data["file"] == str(target)
    assert data["rows"] == [row.as_dict() for row in page.context["report"].rows]
    assert [row["code"] for row in data["rows"]] == ["HD-SKHDT", "HD-STC"]
    assert data["rows"][0]["overdue"] == 1 and data["rows"][1]["in_progress"] == 1
    assert data["total"]["total"] == 2
    rows = _sheet(target.read_bytes())
    assert any(row[1] == "HD-SKHDT" and row[3] == 1 for row in rows)


def test_command_text_and_officer_scope(capsys, officer_y, task_x, task_y):
    with time_machine.travel(AFTER_H1, tick=False):
        call_command("task_summary", "--to", "30/06/2024", "--as", "officer_y")
    out = capsys.readouterr().out
    assert "Sở Tài chính tỉnh Hải Dương" in out and "Sở Kế hoạch" not in out
    assert "từ 01/01/2024 đến 30/06/2024" in out and "Tổng cộng" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "32/13/2024"], "Ngày không hợp lệ"),
        (["--from", "01/07/2024", "--to", "01/01/2024"], "sau ngày cuối kỳ"),
        (["--kind", "tinh"], "Loại cơ quan không hợp lệ"),
        (["--directive", "999999"], "Không có văn bản"),
        (["--xlsx", "bang.csv"], "đuôi .xlsx"),
    ],
)
def test_command_refuses_bad_input_in_vietnamese(args, message, admin_user):
    with pytest.raises(CommandError, match=message):
        call_command("task_summary", *args)


def test_command_refuses_an_investor(investor_a, task_x):
    with pytest.raises(CommandError, match="không được xem"):
        call_command("task_summary", "--as", "investor_a")


# ---------------------------------------------------------------------------------------------------------------
# Traffic lights


@pytest.fixture
def three_shares(agency_x, agency_y, people_committee):
    """Ten tasks each with a deadline: none, one and two overdue at the end of June 2024."""
    for agency, overdue in ((agency_x, 0), (agency_y, 1), (people_committee, 2)):
        for index in range(10):
            deadline = date(2024, 4, 1) if index < overdue else date(2024, 9, 1)
            task(agency, date(2024, 3, 1), deadline)
    return {"HD-SKHDT": 0.0, "HD-STC": 0.1, "HD-UBND": 0.2}


def lights_of(user):
    report = build_summary(user, SummaryQuery(H1), today=date(2024, 8, 15))
    return {row.code: row.light for row in report.rows}


def test_lights_follow_the_default_thresholds(three_shares, admin_user):
    assert lights_of(admin_user) == {"HD-SKHDT": Light.GREEN, "HD-STC": Light.YELLOW, "HD-UBND": Light.RED}


def test_lights_thresholds_come_from_settings(three_shares, admin_user, settings):
    settings.TIENDO_LIGHT_RED_FROM = 0.5
    assert lights_of(admin_user)["HD-UBND"] == Light.YELLOW
    settings.TIENDO_LIGHT_YELLOW_FROM = 0.1
    assert lights_of(admin_user) == {"HD-SKHDT": Light.GREEN, "HD-STC": Light.GREEN, "HD-UBND": Light.YELLOW}


def test_lights_page_shows_cards_with_a_label_and_shape_not_only_colour(three_shares, login, leader):
    commune = Agency.objects.create(code="HD-UB-X9", name="Ủy ban nhân dân xã Tân Hưng", kind="commune")
    task(commune, date(2024, 3, 1), date(2024, 4, 1))
    with time_machine.travel(AFTER_H1, tick=False):
        response = login(leader).get(reverse("directives:lights"), {"end": "30/06/2024"})
    html = response.content.decode()
    report = response.context["report"]
    assert [row.code for row in report.communes] == ["HD-UB-X9"]
    assert "HD-UB-X9" not in [row.code for row in report.agencies]
    assert report.light_counts() == {"green": 1, "yellow": 1, "red": 2}
    with translation.override("vi"):
        red, communes = translation.gettext("Red"), translation.gettext("Communes and wards")
    assert html.count('class="light-card light-red"') == 2 and communes in html
    assert html.count(f"</svg> {red}</span>") >= 3  # two red cards and the legend: icon shape and text label
    assert "20%" in html  # the legend states the red threshold
