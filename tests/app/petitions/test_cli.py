"""`tiendo petitions list/show/create/classify/assign/start/answer/publish/close`: the services from the command
line, --json, --as USER, and every refusal one Vietnamese sentence with exit status 2."""

import json
from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext

from tiendo.petitions.management.commands.petitions import Command
from tiendo.petitions.models import Petition

from .surfaces_world import TODAY, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(admin_user, specialist, investor_a, agency_x, agency_y, enterprise_a, enterprise_b):
    with time_machine.travel(TODAY, tick=False):
        yield build(specialist, investor_a, agency_x, agency_y, enterprise_a, enterprise_b)


def run(capsys, *args):
    call_command("petitions", *args, "--json")
    return json.loads(capsys.readouterr().out)


def refused(*args) -> str:
    with pytest.raises(CommandError) as error:
        call_command("petitions", *args)
    assert error.value.returncode == 2
    return str(error.value)


def test_list_filters(world, capsys, officer_x):
    numbers = {p["number"] for p in run(capsys, "list")}
    assert numbers == {p.number for p in world.values()}
    assert [p["number"] for p in run(capsys, "list", "--state", "rejected")] == [world["p4"].number]
    assert [p["number"] for p in run(capsys, "list", "--agency", "HD-STC")] == [world["p3"].number]
    assert [p["number"] for p in run(capsys, "list", "--topic", "tax")] == [world["p3"].number]
    assert [p["number"] for p in run(capsys, "list", "--overdue")] == [world["p3"].number]
    assert [p["number"] for p in run(capsys, "list", "--year", "2025")] == [world["p5"].number]
    # an officer sees its agency's (as responsible or concerned), not the redirected complaint
    mine = {p["number"] for p in run(capsys, "list", "--as", "officer_x")}
    assert mine == {world[k].number for k in ("p1", "p2", "p3", "p5")}


def test_show_gives_the_timeline(world, capsys):
    data = run(capsys, "show", world["p1"].number)
    assert data["state"] == "rated" and data["due_on"] == "2026-03-03"
    assert [c["to_state"] for c in data["changes"]][:3] == ["received", "classified", "assigned"]
    call_command("petitions", "show", str(world["p1"].pk))
    assert world["p1"].number in capsys.readouterr().out


@time_machine.travel(date(2026, 2, 10), tick=False)
def test_from_a_letter_to_its_closing(admin_user, specialist, officer_x, agency_x, enterprise_a, project_x, capsys,
                                      tmp_path):  # fmt: skip
    letter = tmp_path / "letter.txt"
    letter.write_text("Đề nghị hỗ trợ thủ tục cấp phép xây dựng\nHồ sơ đã nộp từ tháng 12/2025.", encoding="utf-8")
    data = run(
        capsys, "create", "--text-file", str(letter), "--enterprise", enterprise_a.tax_code, "--channel", "letter",
        "--reference", "CV 15/2026", "--received", "09/02/2026", "--topic", "construction_permit",
        "--project", project_x.code, "--as", "specialist",
    )  # fmt: skip
    assert data["title"] == "Đề nghị hỗ trợ thủ tục cấp phép xây dựng" and data["projects"] == [project_x.code]
    assert data["received_on"] == "2026-02-09" and data["due_on"] == "2026-03-02"  # Tết 16–20/02 not counted
    number = data["number"]
    data = run(capsys, "classify", number, "--kind", "within_competence", "--agency", agency_x.code)
    assert data["state"] == "classified" and data["agency"] == agency_x.code
    version = data["version"]
    data = run(capsys, "assign", number, "--officer", "officer_x", "--expect-version", str(version))
    assert data["officer"] == "officer_x"
    stale = refused("start", number, "--expect-version", str(version), "--as", "officer_x")
    assert stale and "\n" not in stale
    assert run(capsys, "start", number, "--as", "officer_x")["state"] == "in_progress"
    data = run(capsys, "answer", number, "Đã cấp phép.", "--legal-basis", "Luật Xây dựng", "--consent", "--as",
               "officer_x")  # fmt: skip
    assert data["state"] == "answered" and data["answered_on"] == "2026-02-10"
    assert run(capsys, "publish", number)["published_on"] == "2026-02-10"
    assert run(capsys, "close", number, "--reason", "Xong")["state"] == "closed"


def test_refusals_are_one_vietnamese_sentence(world, officer_x, investor_a):
    number = world["p3"].number
    assert refused("classify", number, "--kind", "within_competence", "--agency", "HD-STC", "--as", "officer_x") == (
        "Không có quyền phân loại kiến nghị: officer_x."
    )
    assert refused("show", world["p4"].number, "--as", "officer_x") == (
        f"Không tìm thấy kiến nghị '{world['p4'].number}' (hoặc không có quyền)."
    )
    assert refused("list", "--agency", "KHONG-CO") == "Không có cơ quan mã 'KHONG-CO'."
    assert refused("list", "--state", "lost").startswith("Trạng thái không hợp lệ: 'lost'")
    assert refused("create", "Nội dung", "--petitioner", "Ông A", "--received", "31/02/2026").startswith(
        "Ngày không hợp lệ: '31/02/2026'"
    )
    with translation.override("vi"):  # the service's own sentence, in Vietnamese
        assert refused("create", "", "--petitioner", "Ông A") == gettext("Write a short title.")
    assert "text.txt" in refused("create", "--text-file", "/nonexistent/text.txt", "--petitioner", "Ông A")
    forbidden = refused("close", world["p3"].number)  # a move the state table forbids
    assert forbidden and "\n" not in forbidden
    stale = refused("close", world["p1"].number, "--expect-version", "1")
    assert stale and "\n" not in stale
    assert refused("list", "--as", "nobody") == "Không có người dùng đang hoạt động tên 'nobody'."
    assert Petition.objects.count() == 5  # nothing was created by the refusals


def test_from_the_command_line_the_sentence_is_alone_on_stderr(world, capsys):
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(["tiendo", "petitions", "list", "--agency", "KHONG-CO"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.strip() == "Không có cơ quan mã 'KHONG-CO'."
