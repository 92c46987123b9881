"""Every command that reads a file refuses one it cannot read with one Vietnamese sentence and exit status 2.

Not UTF-8 (a Windows-1258 export), a UTF-16 or UTF-32 byte-order mark, NUL characters, and JSON nested deeper
than any real input are each refused before parsing, never with a traceback. The JSON commands need no database
and run as real processes; the others run through call_command against the test database, which raises the same
CommandError whose `returncode` Django's command line exits with.
"""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from test_disbursement_support import *  # noqa: F403

from tiendo.directives.models import Directive
from tiendo.projects.models import Project

ROOT = Path(__file__).resolve().parents[2]

CSV = "Mã dự án;Tên dự án\nHD-1;Đường tỉnh 391\n"
JSON = '{"projects": [{"code": "Dự án 1"}]}'


def bad_files(text: str) -> dict[str, bytes]:
    """The ways a file reaches us unreadable, each from the same content."""
    return {
        "windows-1258": f"{text} (Tài chính)".encode("cp1258", "replace"),
        "utf-16-bom": text.encode("utf-16"),
        "utf-16-be-bom": b"\xfe\xff" + text.encode("utf-16-be"),
        "utf-32-bom": text.encode("utf-32"),
        "nul": text.encode() + b"\x00\x00",
        "utf-16-no-bom": text.encode("utf-16-le"),
    }


DEEP = "[" * 100_000 + "]" * 100_000
DEEP_IN_A_FIELD = '{"plan": ' + '{"a": ' * 2_000 + "1" + "}" * 2_000 + "}"
JSON_CASES = {
    **bad_files(JSON),
    "deep": DEEP.encode(),
    "deep-in-a-field": DEEP_IN_A_FIELD.encode(),
    "lone-surrogate": b'{"projects": [{"code": "\\ud800"}]}',
    "nan": b'{"projects": NaN}',
    "huge-number": b'{"projects": ' + b"9" * 10_000 + b"}",
}
REASONS = {
    "windows-1258": "không phải văn bản UTF-8: byte 0x",
    "utf-16-bom": "bảng mã UTF-16 (có dấu BOM)",
    "utf-16-be-bom": "bảng mã UTF-16 (có dấu BOM)",
    "utf-32-bom": "bảng mã UTF-32 (có dấu BOM)",
    "nul": "ký tự NUL",
    "utf-16-no-bom": "ký tự NUL",
    "deep": "lồng nhau quá sâu (100000 tầng, tối đa 64)",
    "deep-in-a-field": "lồng nhau quá sâu",
    "lone-surrogate": "nửa cặp thay thế",
    "nan": "NaN",
    "huge-number": "số quá dài",
}


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """The real `tiendo` command line, as a user runs it (no database is needed by these commands)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "tiendo.cli", *args], input=stdin, capture_output=True, cwd=ROOT, env=env, timeout=120
    )


def refused_by_the_process(done: subprocess.CompletedProcess, reason: str) -> None:
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr and stderr.count("\n") == 1, stderr
    assert reason in stderr, stderr


@pytest.mark.parametrize("command", [("rules", "check"), ("plan", "allocate"), ("targets", "scenario")])
@pytest.mark.parametrize("kind", sorted(JSON_CASES))
def test_json_commands_refuse_unreadable_files(tmp_path, command, kind):
    path = tmp_path / "vao.json"
    path.write_bytes(JSON_CASES[kind])
    with pytest.raises(CommandError) as error:
        call_command(*command, str(path), stdout=StringIO())
    assert error.value.returncode == 2
    assert str(error.value).startswith(f"Tệp '{path}' ") and REASONS[kind] in str(error.value)


@pytest.mark.parametrize("kind", ["windows-1258", "utf-16-bom", "deep", "lone-surrogate"])
def test_the_process_prints_one_sentence_and_exits_2(tmp_path, kind):
    path = tmp_path / "vao.json"
    path.write_bytes(JSON_CASES[kind])
    refused_by_the_process(run("rules", "check", str(path)), REASONS[kind])
    refused_by_the_process(run("plan", "allocate", "-", stdin=JSON_CASES[kind]), REASONS[kind])


def test_a_utf8_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "vao.json"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"projects": []}')
    out = StringIO()
    call_command("rules", "check", str(path), "--as-of", "2025-01-01", "--json", stdout=out)
    assert '"findings": []' in out.getvalue()


# Commands on the database ---------------------------------------------------------------------------------------


def refused(reason: str, *args: str) -> None:
    with pytest.raises(CommandError) as error:
        call_command(*args, stdout=StringIO(), stderr=StringIO())
    assert error.value.returncode == 2, str(error.value)
    assert reason in str(error.value) and "\n" not in str(error.value), str(error.value)


CSV_CASES = {kind: data for kind, data in bad_files(CSV).items()}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(CSV_CASES))
def test_import_projects_refuses_an_unreadable_csv(tmp_path, specialist, kind):
    path = tmp_path / "du-an.csv"
    path.write_bytes(CSV_CASES[kind])
    refused(REASONS[kind], "import", "projects", str(path), "--as", "specialist")
    assert not Project.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(CSV_CASES))
def test_import_disbursement_refuses_an_unreadable_csv(tmp_path, plan_2024, kind):
    path = tmp_path / "kbnn.csv"
    path.write_bytes(bad_files("Mã dự án;Nguồn vốn;Tháng;Lũy kế (tỷ đồng)\nHD-2021-0001;NSDP_CD;08/2024;30\n")[kind])
    refused(REASONS[kind], "plan", "import-disbursement", str(plan_2024.pk), str(path), "--as", "specialist")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["windows-1258", "nul", "utf-16-no-bom"])
def test_extract_refuses_a_text_file_it_cannot_read(tmp_path, kind):
    path = tmp_path / "ket-luan.txt"
    path.write_bytes(bad_files("Giao Sở Tài chính chủ trì, hoàn thành trước ngày 30/6/2024.")[kind])
    refused("UTF-8", "extract", str(path))


@pytest.mark.django_db
def test_extract_reads_utf16_with_its_mark(tmp_path):
    """Notepad's "Unicode" is UTF-16 with a mark: read, not refused."""
    path = tmp_path / "ket-luan.txt"
    path.write_bytes("Giao Sở Tài chính chủ trì rà soát, hoàn thành trước ngày 30/6/2024.".encode("utf-16"))
    out = StringIO()
    call_command("extract", str(path), "--json", stdout=out)
    assert "Sở Tài chính" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["windows-1258", "utf-16-bom", "nul"])
def test_a_directives_text_file_must_be_utf8(tmp_path, specialist, kind):
    path = tmp_path / "van-ban.txt"
    path.write_bytes(bad_files("Kết luận của Chủ tịch UBND tỉnh")[kind])
    args = ["--kind", "conclusion", "--number", "1/TB-UBND", "--date", "01/08/2024", "--issuer", "UBND tỉnh"]
    refused(
        REASONS[kind],
        "directives",
        "create",
        *args,
        "--title",
        "Kết luận",
        "--text-file",
        str(path),
        "--as",
        "specialist",
    )
    assert not Directive.objects.exists()
