"""`tiendo targets scenario`: the documented examples give their expected output (1e-9), the output follows the
schema, every refusal exits 2 with one Vietnamese sentence naming the field and nothing on standard output, and the
command needs no database.

No test here requests the `db` fixture: pytest-django fails any that touches the database.
"""

import io
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.app import schema_check
from tests.domain.growth_cases import CONTRACT_INPUT, REFUSALS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "targets.md"
EXAMPLES = ROOT / "docs" / "growth-examples"
SCHEMA = json.loads((ROOT / "docs" / "growth-scenario.schema.json").read_text())
OUTPUT = {"$ref": "#/$defs/output"}


def scenario(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    call_command("targets", "scenario", *args, stdout=out)
    return out.getvalue()


def close(got, expected, path="$"):
    """Equal JSON, numbers to 1e-9; a list of the places that differ."""
    if isinstance(expected, dict):
        if not isinstance(got, dict) or list(got) != list(expected):
            return [f"{path}: keys {list(got) if isinstance(got, dict) else got!r} != {list(expected)}"]
        return [d for key in expected for d in close(got[key], expected[key], f"{path}.{key}")]
    if isinstance(expected, list):
        if not isinstance(got, list) or len(got) != len(expected):
            return [f"{path}: {got!r} != {expected!r}"]
        return [d for i, (g, e) in enumerate(zip(got, expected, strict=True)) for d in close(g, e, f"{path}[{i}]")]
    if isinstance(expected, float) and isinstance(got, int | float) and not isinstance(got, bool):
        return [] if math.isclose(got, expected, rel_tol=0, abs_tol=1e-9) else [f"{path}: {got} != {expected}"]
    return [] if got == expected and type(got) is type(expected) else [f"{path}: {got!r} != {expected!r}"]


def examples():
    return sorted(EXAMPLES.glob("*.json"))


def test_there_are_the_four_documented_cases():
    assert [p.name for p in examples()] == [
        "before-first-quarter.json",
        "no-scenario.json",
        "two-quarters.json",
        "whole-year.json",
    ]
    assert json.loads((EXAMPLES / "two-quarters.json").read_text()) == CONTRACT_INPUT


@pytest.mark.parametrize("path", examples(), ids=lambda p: p.name)
def test_each_example_gives_its_expected_output(path):
    got = json.loads(scenario(str(path), "--json"))
    expected = json.loads((EXAMPLES / "expected" / path.name).read_text())
    assert close(got, expected) == []


@pytest.mark.parametrize("path", examples(), ids=lambda p: p.name)
def documented() -> list[tuple[str, str]]:
    pattern = re.compile(r"<!-- growth-example: (\S+) -->\n```\w*\n(.*?)\n```", re.S)
    return pattern.findall(DOCS.read_text())


@pytest.mark.parametrize(("name", "text"), documented())
def test_the_documentation_shows_what_the_command_prints(name, text):
    command, _, expected = text.partition("\n")
    assert command == f"$ tiendo targets scenario docs/growth-examples/{name}"
    assert scenario(str(EXAMPLES / name)).rstrip("\n") == expected


def test_every_example_is_documented():
    assert sorted(name for name, _text in documented()) == [p.name for p in examples()]


@pytest.mark.parametrize("path", examples(), ids=lambda p: p.name)
def test_examples_and_outputs_follow_the_schema(path):
    assert schema_check.validate(json.loads(path.read_text()), SCHEMA, SCHEMA) == []
    assert schema_check.validate(json.loads(scenario(str(path), "--json")), OUTPUT, SCHEMA) == []


def test_the_expected_outputs_say_what_the_contract_says():
    def load(name):
        return json.loads((EXAMPLES / "expected" / name).read_text())

    before, blind, two, whole = (load(p.name) for p in examples())
    assert before["ytd_growth"] is None and before["annual_estimate"] is not None
    assert blind["annual_estimate"] is blind["gap_points"] is blind["contributions"] is None
    assert [q["source"] for q in blind["quarters"]] == ["actual", "none", "none", "none"]
    assert blind["quarters"][1]["growth"] is blind["quarters"][1]["contributions"] is None
    assert [q["source"] for q in two["quarters"]] == ["actual", "actual", "scenario", "scenario"]
    assert whole["required_growth_remaining"] is None and whole["ytd_growth"] == whole["annual_estimate"]


def test_the_validator_catches_what_the_command_refuses():
    bad = json.loads(json.dumps(CONTRACT_INPUT))
    bad["base"]["services"] = [1, 2, 3]
    bad["actual_growth"]["services"] = [0.1, -2]
    bad["scenario"]["services"] = [0.1, 0.1, 0.1, True]
    assert len(schema_check.validate(bad, SCHEMA, SCHEMA)) == 3


def test_text_output_is_a_vietnamese_table_and_the_reports_paragraph():
    text = scenario(str(EXAMPLES / "two-quarters.json"))
    assert text.startswith("Kịch bản tăng trưởng GRDP năm 2026 — mục tiêu 13%, đã công bố 2 quý.")
    assert "Quý     Nguồn     Tăng trưởng" in text and "Công nghiệp – xây dựng" in text
    assert "I       công bố        12,66%" in text and "Cả năm                 13,38%" in text
    assert "Tăng trưởng cần đạt ở mỗi quý còn lại: 12,93%." in text
    assert "GRDP 6 tháng đầu năm 2026 ước tăng 13,08%, cao hơn kịch bản 0,57 điểm phần trăm." in text


def test_reads_standard_input(monkeypatch):
    got = json.loads(scenario("-", "--json", stdin=json.dumps(CONTRACT_INPUT), monkeypatch=monkeypatch))
    assert close(got, json.loads((EXAMPLES / "expected" / "two-quarters.json").read_text())) == []


@pytest.mark.parametrize(("data", "field", "fragment"), REFUSALS)
def test_every_refusal_exits_2_with_one_sentence_naming_the_field(tmp_path, data, field, fragment):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("targets", "scenario", str(path), "--json", stdout=out)
    message = str(refused.value)
    assert refused.value.returncode == 2 and out.getvalue() == ""
    assert fragment in message and (field is None or field in message) and "\n" not in message, message


def run(*args, stdin: str = "", env=None):
    return subprocess.run(
        [sys.executable, "-m", "tiendo.cli", "targets", "scenario", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_refusal_on_the_command_line_prints_only_the_sentence(tmp_path):
    env = {**os.environ, "TIENDO_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/tiendo.sqlite3"}
    data = json.loads(json.dumps(CONTRACT_INPUT))
    data["base"]["services"] = [15000.0, -1.0, 17000.0, 19000.0]
    done = run("-", "--json", stdin=json.dumps(data), env=env)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == 'Trường "base.services" phải là 4 số không âm (tỷ đồng, giá so sánh).\n'
    broken = run("-", stdin="{", env=env)
    assert broken.returncode == 2 and broken.stdout == "" and "không phải JSON hợp lệ" in broken.stderr


def test_runs_on_a_fresh_checkout_before_migrate(tmp_path):
    """A new data folder and an SQLite file that does not exist: the command must not create or need it."""
    env = {**os.environ, "TIENDO_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/tiendo.sqlite3"}
    done = run(str(EXAMPLES / "whole-year.json"), "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["elapsed_quarters"] == 4
    assert not (tmp_path / "tiendo.sqlite3").exists()
