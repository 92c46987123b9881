"""The per-agency table and the six-monthly report: figures worked out by hand on a small world around Tết 2026
(tests/app/petitions/surfaces_world.py), who sees which rows, bad input, the workbooks and the command line."""

import io
import json
import zipfile
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tiendo.domain.petitions.report import Period
from tiendo.petitions import stats

from .surfaces_world import TODAY, build

pytestmark = pytest.mark.django_db

Q1 = Period(date(2026, 1, 1), date(2026, 3, 31))


@pytest.fixture
def world(specialist, investor_a, agency_x, agency_y, enterprise_a, enterprise_b):
    with time_machine.travel(TODAY, tick=False):
        yield build(specialist, investor_a, agency_x, agency_y, enterprise_a, enterprise_b)


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


def _rows(named):
    return {named.codes[row.agency]: row for row in named.table.rows}


def test_the_agency_table_by_hand(world, today, specialist, agency_x, agency_y):
    named = stats.build_agency_table(specialist, Q1, today=today)
    rows = _rows(named)
    x, y, unrouted = rows[agency_x.code], rows[agency_y.code], rows[""]
    # X: P1, P2 received; P1 (8 working days, on time), P2 (12, late), P5 (19, late) answered in the period
    assert (x.received, x.answered, x.on_time, x.late, x.open_overdue) == (2, 3, 1, 2, 0)
    assert x.average_days == Decimal("13.0")
    assert (x.rated, x.satisfied, x.satisfaction) == (2, 1, Decimal("50.0"))
    # Y: P3 received 12/02, due 05/03 (Tết 16–20/02 not counted), open on 20/03
    assert (y.received, y.answered, y.open_overdue, y.average_days) == (1, 0, 1, None)
    assert (unrouted.received, unrouted.answered) == (1, 0)  # P4, a complaint redirected
    # sorted: open past the deadline first, then the late answers
    assert [named.codes[r.agency] for r in named.table.rows] == [agency_y.code, agency_x.code, ""]
    total = named.table.total
    assert (total.received, total.answered, total.on_time, total.late, total.open_overdue) == (4, 3, 1, 2, 1)
    assert named.as_dict()["total"]["average_working_days"] == "13.0"


def test_on_the_day_before_the_deadline_nothing_is_overdue(world, specialist, agency_y):
    named = stats.build_agency_table(specialist, Period(date(2026, 2, 1), date(2026, 3, 5)), today=TODAY)
    assert _rows(named)[agency_y.code].open_overdue == 0  # judged on 05/03, its deadline: not yet late
    named = stats.build_agency_table(specialist, Period(date(2026, 2, 1), date(2026, 3, 6)), today=TODAY)
    assert _rows(named)[agency_y.code].open_overdue == 1


def test_an_officer_gets_its_own_agencys_rows_only(world, today, officer_x, officer_y, agency_x, agency_y):
    named = stats.build_agency_table(officer_x, Q1, today=today)
    assert list(_rows(named)) == [agency_x.code]  # P3 is visible to X (concerned) but answered by Y
    assert list(_rows(stats.build_agency_table(officer_y, Q1, today=today))) == [agency_y.code]


def test_an_investor_gets_no_report(world, investor_a):
    with pytest.raises(PermissionDenied):
        stats.build_agency_table(investor_a, Q1)
    with pytest.raises(PermissionDenied):
        stats.build_half_year(investor_a, 2026, 1)


def test_the_six_monthly_report_by_hand(world, today, specialist, agency_x):
    named = stats.build_half_year(specialist, 2026, 1, today=today)
    r = named.report
    assert (r.period.start, r.period.end, r.day) == (date(2026, 1, 1), date(2026, 6, 30), TODAY)
    assert (r.received, r.carried_over, r.forwarded) == (4, 1, 1)  # P5 was open on 31/12/2025
    assert r.by_kind == {"within_competence": 2, "outside_competence": 1, "not_accepted": 1}
    assert r.by_topic == {"construction_permit": 1, "land": 2, "tax": 1}
    assert r.by_channel == {"letter": 4}
    assert r.results == {
        "answered_on_time": 1, "answered_late": 1, "open_in_time": 0, "open_overdue": 1, "not_accepted": 1,
        "merged": 0, "withdrawn": 0,
    }  # fmt: skip
    assert r.by_agency[agency_x.pk]["received"] == 2 and r.by_agency[agency_x.pk]["answered_late"] == 1
    # the second half of 2025: P5 received, open at the end of the half (its answer came on 12/01/2026)
    late_2025 = stats.build_half_year(specialist, 2025, 2, today=today).report
    assert late_2025.received == 1 and late_2025.results["open_overdue"] == 1


def _cells(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        return "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xml"))


def test_the_pages_and_their_workbooks(world, today, login, specialist, agency_y):
    client = login(specialist)
    page = client.get(reverse("petitions:agencies"), {"start": "01/01/2026", "end": "31/03/2026"})
    assert page.status_code == 200
    body = page.content.decode()
    assert agency_y.name in body and "13,0" in body
    book = client.get(reverse("petitions:agencies_xlsx"), {"start": "01/01/2026", "end": "31/03/2026"})
    assert book.status_code == 200 and book["Content-Disposition"].endswith('2026-01-01-2026-03-31.xlsx"')
    assert "Tổng cộng" in _cells(b"".join(book.streaming_content))
    report = client.get(reverse("petitions:report"), {"year": "2026", "half": "1"})
    assert report.status_code == 200 and 'id="report-totals"' in report.content.decode()
    book = client.get(reverse("petitions:report_xlsx"), {"year": "2026", "half": "1"})
    cells = _cells(b"".join(book.streaming_content))
    assert "6 THÁNG ĐẦU NĂM 2026" in cells and "Chuyển cơ quan có thẩm quyền" in cells


def test_bad_dates_are_explained_not_counted(world, login, specialist):
    client = login(specialist)
    page = client.get(reverse("petitions:agencies"), {"start": "31/02/2026"})
    assert page.status_code == 200 and 'class="errorlist"' in page.content.decode()
    assert 'id="agency-table"' not in page.content.decode()
    page = client.get(reverse("petitions:agencies"), {"start": "01/04/2026", "end": "01/01/2026"})
    assert "Ngày bắt đầu" in page.content.decode() or 'class="errorlist"' in page.content.decode()
    back = client.get(reverse("petitions:agencies_xlsx"), {"start": "abc"})
    assert back.status_code == 302 and reverse("petitions:agencies") in back["Location"]
    page = client.get(reverse("petitions:report"), {"year": "1800", "half": "3"})
    assert page.status_code == 200 and 'class="errorlist"' in page.content.decode()


def test_who_may_open_the_pages(world, login, officer_x, investor_a, leader, agency_y):
    for user, status in ((leader, 200), (officer_x, 200), (investor_a, 403)):
        client = login(user)
        assert client.get(reverse("petitions:agencies")).status_code == status
        assert client.get(reverse("petitions:report")).status_code == status
    client = login(officer_x)
    body = client.get(reverse("petitions:agencies"), {"start": "01/01/2026", "end": "31/03/2026"}).content.decode()
    assert agency_y.name not in body


def test_the_command_line_report(world, today, capsys, tmp_path, admin_user, officer_x):
    call_command("petitions", "report", "--year", "2026", "--half", "1", "--json", "--xlsx", str(tmp_path / "r.xlsx"))
    data = json.loads(capsys.readouterr().out)
    assert data["received"] == 4 and data["results"]["open_overdue"] == 1 and data["carried_over"] == 1
    assert (tmp_path / "r.xlsx").read_bytes()[:2] == b"PK"
    call_command("petitions", "agencies", "--from", "01/01/2026", "--to", "31/03/2026", "--json", "--as", "officer_x")
    data = json.loads(capsys.readouterr().out)
    assert [row["agency"] for row in data["rows"]] == ["HD-SKHDT"] and data["rows"][0]["answered_late"] == 2


def test_the_command_line_refuses_in_vietnamese(world, today, admin_user):
    with pytest.raises(CommandError) as refused:
        call_command("petitions", "agencies", "--from", "32/01/2026")
    assert "Ngày không hợp lệ" in str(refused.value) and refused.value.returncode == 2
    with pytest.raises(CommandError) as refused:
        call_command("petitions", "report", "--as", "investor_a")
    assert str(refused.value) == "Không có quyền xem báo cáo kiến nghị: investor_a."
