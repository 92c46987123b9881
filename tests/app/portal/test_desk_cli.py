"""`tiendo portal opportunities list/show/save/publish/close`, `translations`, `translate` and `review`: the same
forms, services and access layer as the pages, --json, --as USER, and every refusal one Vietnamese sentence with
exit status 2."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tiendo.portal.models import Opportunity, Translation

from .desk_world import *  # noqa: F403 (the fixtures)
from .desk_world import FIELDS, add_step

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    call_command("portal", *args, "--json")
    return json.loads(capsys.readouterr().out)


def refused(*args) -> str:
    with pytest.raises(CommandError) as error:
        call_command("portal", *args)
    assert error.value.returncode == 2
    message = str(error.value)
    assert message and "\n" not in message
    return message


def _file(tmp_path, data) -> str:
    path = tmp_path / "co-hoi.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_list_and_show(capsys, admin_user, draft, published):
    rows = run(capsys, "opportunities", "list")
    assert [r["code"] for r in rows] == [published.code]  # one record: the draft fixture is the published one
    assert rows[0]["translations"]["en"] == {"reviewed": 0, "draft": 0, "missing": 5, "texts": 5}
    assert run(capsys, "opportunities", "list", "--state", "draft") == []
    data = run(capsys, "opportunities", "show", published.code.lower())
    assert data["commune"] == published.commune.code and data["steps"][0]["working_days"] == 35
    assert data["missing_for_publication"] == [] and len(data["texts"]) == 10
    call_command("portal", "opportunities", "show", published.code)
    assert "35 ngày làm việc" in capsys.readouterr().out
    assert "Trạng thái “open” không hợp lệ" in refused("opportunities", "list", "--state", "open")


def test_save_creates_then_updates_by_code(
    capsys, tmp_path, admin_user, specialist, sector, commune, agency_x, installation
):
    data = {
        key: (str(value) if key == "origin_date" else value) for key, value in FIELDS.items()
    } | {"code": "hd-kg-010", "sector": sector.code, "commune": commune.code, "agency": agency_x.code,
         "area_ha": 12.5, "capital": "850 tỷ"}  # fmt: skip
    created = run(capsys, "opportunities", "save", _file(tmp_path, data), "--as", "specialist")
    assert created["code"] == "HD-KG-010" and created["state"] == "draft" and created["capital"] == 850_000_000_000
    assert created["area_ha"] == "12.50" and created["version"] == 1
    opportunity = Opportunity.objects.get(code="HD-KG-010")
    assert opportunity.history.first().history_user == specialist
    changed = run(
        capsys, "opportunities", "save", _file(tmp_path, {"code": "HD-KG-010", "area_ha": "15", "version": 1})
    )
    assert changed["area_ha"] == "15.00" and changed["title"] == FIELDS["title"] and changed["version"] == 2
    # a stale version, an unknown field, a commune by a wrong code, a bad amount: refused, nothing changed
    stale = refused("opportunities", "save", _file(tmp_path, {"code": "HD-KG-010", "area_ha": "1", "version": 1}))
    assert "Bản ghi này đã được người khác thay đổi" in stale
    assert "Trường không hợp lệ: colour" in refused(
        "opportunities", "save", _file(tmp_path, {"code": "X", "colour": 1})
    )
    wrong = refused("opportunities", "save", _file(tmp_path, {"code": "HD-KG-010", "commune": "HD-NOWHERE"}))
    assert wrong.startswith("Xã, phường:") or wrong.startswith("Xã, Phường:")
    money = refused("opportunities", "save", _file(tmp_path, {"code": "HD-KG-010", "capital": "rất nhiều"}))
    assert "Hãy nhập số tiền bằng đồng" in money
    assert "một đối tượng JSON" in refused("opportunities", "save", _file(tmp_path, [1, 2]))
    assert Opportunity.objects.get(code="HD-KG-010").version == 2


def test_publish_and_close(capsys, specialist, draft, agency_x):
    reasons = refused("opportunities", "publish", draft.code, "--as", "specialist")
    assert reasons == "Hãy liệt kê ít nhất một bước thủ tục, kèm cơ quan giải quyết và thời hạn."
    add_step(draft, agency_x)
    assert "Bản ghi này đã được người khác thay đổi" in refused(
        "opportunities", "publish", draft.code, "--expect-version", "0", "--as", "specialist"
    )
    data = run(capsys, "opportunities", "publish", draft.code, "--as", "specialist")
    assert data["state"] == "published" and data["published_on"]
    assert refused("opportunities", "close", draft.code, "--as", "specialist") == (
        "Hãy nêu lý do đóng dự án kêu gọi đầu tư."
    )
    data = run(
        capsys, "opportunities", "close", draft.code, "--reason", "Đã chọn được nhà đầu tư", "--as", "specialist"
    )
    assert data["state"] == "closed"


def test_translations_translate_and_review(capsys, specialist, admin_user, published):
    waiting = run(capsys, "translations", "--language", "en", "--as", "specialist")
    assert {t["field"] for t in waiting} == {"title", "summary", "planning_status", "land_holder", "incentives"}
    assert all(t["status"] == "missing" for t in waiting) and len(run(capsys, "translations")) == 10
    text = run(capsys, "translate", published.code, "title", "en", "--text", "Riverside eco town")
    assert text["status"] == "draft" and text["version"] == 1
    assert [t["field"] for t in run(capsys, "translations", "--status", "draft")] == ["title"]
    reviewed = run(capsys, "review", published.code, "title", "en", "--expect-version", "1", "--as", "specialist")
    assert reviewed["status"] == "reviewed" and reviewed["reviewed_by"] == "Specialist"
    assert "Bản ghi này đã được người khác thay đổi" in refused(
        "review", published.code, "title", "en", "--expect-version", "1"
    )
    zh = run(capsys, "translate", published.code, "title", "zh", "--text", "河畔生态城", "--reviewed")
    assert zh["status"] == "reviewed"
    assert "Chưa có bản dịch để hiệu đính." == refused("review", published.code, "summary", "zh")
    assert "không phải nội dung cần dịch" in refused("translate", published.code, "code", "en", "--text", "x")
    assert "tiếng Anh hoặc tiếng Trung" in refused("translate", published.code, "title", "fr", "--text", "x")
    assert "tiếng Anh hoặc tiếng Trung" in refused("translations", "--language", "fr")
    assert "“missing”" in refused("translations", "--status", "reviewed")
    assert Translation.objects.count() == 2


def test_who_may_not_is_refused(capsys, tmp_path, leader, officer_x, published):
    for args in (("opportunities", "list"), ("translations",), ("opportunities", "show", published.code)):
        assert "officer_x không có quyền" in refused(*args, "--as", "officer_x")
    # leaders read, and may not write
    assert run(capsys, "opportunities", "show", published.code, "--as", "leader")["code"] == published.code
    assert "leader không có quyền" in refused("opportunities", "close", published.code, "--reason", "x", "--as",
                                               "leader")  # fmt: skip
    assert "leader không có quyền" in refused("translate", published.code, "title", "en", "--text", "x", "--as",
                                               "leader")  # fmt: skip
    save = _file(tmp_path, {"code": published.code, "area_ha": "1"})
    assert "leader không có quyền" in refused("opportunities", "save", save, "--as", "leader")
    assert "Không có người dùng đang hoạt động tên 'nobody'" in refused("translations", "--as", "nobody")
    assert "“NOPE”" in refused("opportunities", "show", "NOPE", "--as", "leader")
    published.refresh_from_db()
    assert published.state == "published" and published.area_ha == 45


def test_the_process_prints_one_sentence_and_exits_2(tmp_path):
    """As a user runs it: the unreadable file is refused before any database is read."""
    path = tmp_path / "vao.json"
    path.write_bytes('{"code": "Đường"}'.encode("utf-16"))
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-m", "tiendo.cli", "portal", "opportunities", "save", str(path)],
        capture_output=True, cwd=root, timeout=120,
    )  # fmt: skip
    stderr = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in stderr and stderr.count("\n") == 1, stderr
