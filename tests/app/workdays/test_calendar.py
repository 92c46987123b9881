"""The working-day calendar: the shipped declared days (loaded idempotently, only what the holidays library lacks),
the page (everyone signed in reads; only an administrator declares or removes, with a document and a reason; a
make-up day on a weekday, a missing document and a stale removal refused) and `tiendo workdays`."""

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tiendo.domain.workdays import statutory_days_off
from tiendo.workdays.listing import count_working_days, vietnamese_name, year_days
from tiendo.workdays.loading import load_declared_days, read_rows
from tiendo.workdays.models import DeclaredDay

pytestmark = pytest.mark.django_db


def test_the_shipped_days_are_only_what_the_library_lacks():
    rows = read_rows()
    assert rows and all(row.document for row in rows)
    library = statutory_days_off(range(2023, 2027))
    for row in rows:
        weekend = row.day.weekday() >= 5
        assert weekend == (row.kind == "working_day"), row
        assert row.day not in library, row  # a day the library already gives is not declared again
    assert {(r.day, r.kind) for r in rows} >= {(date(2026, 1, 2), "day_off"), (date(2026, 1, 10), "working_day")}


def test_loading_is_idempotent_and_keeps_an_administrator_s_correction(admin_user):
    assert load_declared_days(actor=admin_user) == len(read_rows())
    corrected = DeclaredDay.objects.get(day=date(2026, 8, 22))
    corrected.note = "Đã kiểm tra văn bản"
    corrected.save()
    assert load_declared_days(actor=admin_user) == 0
    assert DeclaredDay.objects.get(day=date(2026, 8, 22)).note == "Đã kiểm tra văn bản"
    assert DeclaredDay.objects.first().history.first().history_user == admin_user


def test_deadlines_count_the_declared_days(admin_user):
    # 10 working days from Wednesday 31/12/2025: the declared day off 02/01/2026 skipped, Saturday 10/01 counted
    before = count_working_days(date(2025, 12, 31), 10)
    load_declared_days(actor=admin_user)
    after = count_working_days(date(2025, 12, 31), 10)
    assert before.due == date(2026, 1, 15)
    assert after.due == date(2026, 1, 15)  # one day off and one make-up day: the same deadline
    assert date(2026, 1, 2) in after.skipped and date(2026, 1, 10) not in after.skipped
    assert count_working_days(date(2026, 2, 10), 10).due == date(2026, 3, 3)  # across Tết 2026


def test_the_library_s_names_are_shown_in_vietnamese():
    assert vietnamese_name("National Day (observed)") == "Quốc khánh (2/9) (nghỉ bù)"
    names = {day.name for day in year_days(2026)}
    assert "Tết Nguyên đán (mùng 1 tháng Giêng)" in names
    assert not any("Lunar" in name or "Day" in name for name in names)


def test_everyone_signed_in_reads_the_page(login, officer_x, investor_a, admin_user, client):
    load_declared_days(actor=admin_user)
    for user in (officer_x, investor_a):
        page = login(user).get("/workdays/?year=2026")
        assert page.status_code == 200
        text = page.content.decode()
        assert "12729/VPCP-KGVX" in text and "Tết Nguyên đán" in text
        assert "workdays/add/" not in text  # no form for those who cannot change it
    client.logout()
    assert client.get("/workdays/").status_code == 302


def test_only_an_administrator_declares_and_removes(login, specialist, admin_user):
    data = {"day": "07/03/2026", "kind": "working_day", "name": "Làm bù", "document": "Công văn 1/VPCP"}
    assert login(specialist).post("/workdays/add/", data).status_code == 403
    assert not DeclaredDay.objects.exists()
    response = login(admin_user).post("/workdays/add/", data)
    assert response.status_code == 302
    day = DeclaredDay.objects.get(day=date(2026, 3, 7))
    assert login(specialist).post(f"/workdays/{day.pk}/remove/", {"reason": "Nhầm"}).status_code == 403
    client = login(admin_user)
    client.post(f"/workdays/{day.pk}/remove/", {"reason": "", "version": day.version})
    assert DeclaredDay.objects.filter(pk=day.pk).exists()  # no reason: kept
    client.post(f"/workdays/{day.pk}/remove/", {"reason": "Nhầm ngày", "version": day.version - 1 + 5})
    assert DeclaredDay.objects.filter(pk=day.pk).exists()  # stale: kept
    client.post(f"/workdays/{day.pk}/remove/", {"reason": "Nhầm ngày", "version": day.version})
    assert not DeclaredDay.objects.filter(pk=day.pk).exists()


def test_bad_input_is_refused_with_a_vietnamese_sentence(login, admin_user):
    client = login(admin_user)
    weekday = client.post(
        "/workdays/add/", {"day": "04/03/2026", "kind": "working_day", "name": "Làm bù", "document": "CV 1"}
    )
    assert weekday.status_code == 400
    assert "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật." in weekday.content.decode()
    missing = client.post("/workdays/add/", {"day": "07/03/2026", "kind": "working_day", "name": "Làm bù"})
    assert missing.status_code == 400
    assert not DeclaredDay.objects.exists()


def test_the_command_lists_counts_adds_and_removes(admin_user, specialist, capsys):
    call_command("workdays", "load")
    call_command("workdays", "list", "--year", "2026", "--json")
    listed = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert {d["kind"] for d in listed["days"]} == {"holiday", "day_off", "working_day"}
    call_command("workdays", "count", "--from", "10/02/2026", "--days", "10", "--json")
    counted = json.loads(capsys.readouterr().out)
    assert counted["due"] == "2026-03-03" and "2026-02-17" in counted["skipped"]
    with pytest.raises(CommandError, match="quản trị viên"):
        call_command("workdays", "add", "07/03/2026", "--kind", "working_day", "--name", "x", "--document", "y",
                     "--as", "specialist")  # fmt: skip
    with pytest.raises(CommandError, match="--document"):
        call_command("workdays", "add", "07/03/2026", "--kind", "working_day", "--name", "x")
    with pytest.raises(CommandError, match="thứ Bảy hoặc Chủ nhật"):
        call_command("workdays", "add", "04/03/2026", "--kind", "working_day", "--name", "x", "--document", "y")
    call_command("workdays", "add", "07/03/2026", "--kind", "working_day", "--name", "x", "--document", "y")
    with pytest.raises(CommandError, match="lý do|Nêu"):
        call_command("workdays", "remove", "07/03/2026")
    call_command("workdays", "remove", "07/03/2026", "--reason", "Nhầm")
    assert not DeclaredDay.objects.filter(day=date(2026, 3, 7)).exists()


@pytest.mark.parametrize(
    ("language", "tet"),
    [("vi", "Tết Nguyên đán (mùng 1 tháng Giêng)"), ("en", "Lunar New Year"), ("zh-hans", "春节（正月初一）")],
)
def test_the_holidays_are_named_in_the_page_s_language(login, officer_x, client, language, tet):
    from django.conf import settings
    from django.urls import reverse

    login(officer_x)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    body = client.get(reverse("workdays:calendar") + "?year=2026").content.decode()
    assert tet in body
