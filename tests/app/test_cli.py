"""The command line does what the pages do, with --json output and the same permissions."""

import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from tiendo.accounts.models import User
from tiendo.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    call_command(*args)
    return json.loads(capsys.readouterr().out)


def test_agencies_list_on_a_date(capsys, agency_x, agency_y, admin_user):
    call_command("agencies", "merge", "HD-SKHDT", "--into", "HD-STC", "--date", "2025-03-01", "--decision", "NĐ 45")
    capsys.readouterr()
    before = {row["code"] for row in run(capsys, "agencies", "list", "--on", "28/02/2025", "--json")}
    after = {row["code"] for row in run(capsys, "agencies", "list", "--on", "01/03/2025", "--json")}
    assert "HD-SKHDT" in before and "HD-SKHDT" not in after


def test_agencies_list_searches_without_diacritics(capsys, agency_x, agency_y):
    rows = run(capsys, "agencies", "list", "--search", "tai chinh", "--json")
    assert [row["code"] for row in rows] == ["HD-STC"]


def test_agencies_show_hides_contacts_from_other_officers(capsys, agency_y, officer_x, officer_y):
    other = run(capsys, "agencies", "show", "HD-STC", "--as", "officer_x", "--json")
    assert "phone" not in other and "history" not in other
    own = run(capsys, "agencies", "show", "HD-STC", "--as", "officer_y", "--json")
    assert own["phone"] == agency_y.phone
    assert own["staff"] == ["officer_y"]


def test_agencies_update_checks_permission_and_keeps_history(capsys, agency_x, agency_y, officer_x):
    with pytest.raises(CommandError, match="không có quyền"):
        call_command("agencies", "update", "HD-STC", "--phone", "1", "--as", "officer_x")
    call_command("agencies", "update", "HD-SKHDT", "--phone", "0220 000 111", "--as", "officer_x")
    agency_x.refresh_from_db()
    assert agency_x.phone == "0220 000 111"
    assert agency_x.history.latest().history_user == officer_x


def test_agencies_update_rejects_a_bad_email(agency_x, officer_x):
    with pytest.raises(CommandError, match="email"):
        call_command("agencies", "update", "HD-SKHDT", "--email", "not-an-email", "--as", "officer_x")


def test_unknown_agency_and_unknown_user(agency_x, admin_user):
    with pytest.raises(CommandError, match="Không có cơ quan"):
        call_command("agencies", "show", "NOPE")
    with pytest.raises(CommandError, match="Không có người dùng"):
        call_command("agencies", "show", "HD-SKHDT", "--as", "ghost")


def test_units_list_and_merge(capsys, province, installation, admin_user):
    call_command("units", "list", "--json")
    assert [row["code"] for row in json.loads(capsys.readouterr().out)] == ["HD"]
    from tiendo.agencies.models import AdminUnit

    AdminUnit.objects.create(code="HP", name="Hải Phòng", unit_type="thành phố", level="province")
    result = run(
        capsys, "units", "merge", "HD", "--into", "HP", "--date", "01/07/2025", "--decision", "NQ 202", "--json"
    )
    assert result["moved"]["agencies.Installation.province"] == 1
    with pytest.raises(CommandError, match="Không có đơn vị"):
        call_command("units", "merge", "XX", "--into", "HP", "--date", "01/07/2025", "--decision", "NQ 202")


def test_enterprises_lifecycle(capsys, specialist, investor_a, enterprise_a):
    created = run(
        capsys,
        "enterprises",
        "create",
        "--name",
        "Công ty Cổ phần Thử Nghiệm",
        "--tax-code",
        "0801234567",
        "--as",
        "specialist",
        "--json",
    )
    assert created["country"] == "VN"
    run(capsys, "enterprises", "delete", str(created["id"]), "--as", "specialist", "--json")
    assert Enterprise.objects.deleted().filter(pk=created["id"]).exists()
    run(capsys, "enterprises", "restore", str(created["id"]), "--as", "specialist", "--json")
    shown = run(capsys, "enterprises", "show", str(created["id"]), "--as", "specialist", "--json")
    assert [entry["action"] for entry in shown["history"]][:1] in (["đã sửa"], ["changed"])
    with pytest.raises(CommandError, match="mã số thuế|tax code"):
        call_command("enterprises", "create", "--name", "Trùng", "--tax-code", "0801234567", "--as", "specialist")


def test_investor_lists_only_own_enterprise(capsys, investor_a, enterprise_a, enterprise_b):
    rows = run(capsys, "enterprises", "list", "--as", "investor_a", "--json")
    assert [row["id"] for row in rows] == [enterprise_a.pk]
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("enterprises", "show", str(enterprise_b.pk), "--as", "investor_a")


def test_users_create_validates_and_records(capsys, admin_user, agency_x, specialist):
    with pytest.raises(CommandError, match="agency|cơ quan"):
        call_command("users", "create", "no_agency", "--password", "a-long-enough-password", "--role", "officer")
    with pytest.raises(CommandError, match="password|mật khẩu"):
        call_command("users", "create", "weak", "--password", "123", "--role", "leader")
    with pytest.raises(CommandError, match="quyền"):
        call_command(
            "users", "create", "x", "--password", "a-long-enough-password", "--role", "leader", "--as", "specialist"
        )
    call_command(
        "users",
        "create",
        "new_officer",
        "--password",
        "a-long-enough-password",
        "--role",
        "officer",
        "--agency",
        "HD-SKHDT",
    )
    user = User.objects.get(username="new_officer")
    assert user.agency == agency_x and user.check_password("a-long-enough-password")
    assert user.history.get().history_user == admin_user
    capsys.readouterr()
    rows = run(capsys, "users", "list", "--agency", "HD-SKHDT", "--json")
    assert {row["username"] for row in rows} == {"new_officer", "specialist"}


def test_tiendo_console_command_runs():
    result = subprocess.run([sys.executable, "-m", "tiendo.cli", "help", "agencies"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "merge" in result.stdout
