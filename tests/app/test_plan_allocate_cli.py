"""`tiendo plan allocate`: the contract's shape, the documented examples, bad input, stdin, and no database.

No test here requests the `db` fixture: pytest-django fails any that touches the database.
"""

import io
import json
import os
import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.app import schema_check
from tiendo.domain.allocation import Project, Tier

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "allocation.md"
EXAMPLES = ROOT / "docs" / "allocation-examples"
SCHEMA = json.loads((ROOT / "docs" / "plan-allocate.schema.json").read_text())
TY = 10**9

# docs/contracts/plan-allocate.md, its alternatives resolved
CONTRACT_INPUT = {
    "plan": {"kind": "annual", "year": 2024, "period": "2021-2025"},
    "sources": [{"code": "NSDP_TSDD", "name": "Thu tiền sử dụng đất", "available": 1200000000000}],
    "projects": [
        {
            "code": "HD-DTC-0042",
            "group": "B",
            "tier": "transitional_finishing",
            "need": 50000000000,
            "floor": 0,
            "eligible_sources": ["NSDP_TSDD"],
            "has_investment_decision": True,
            "in_medium_term_plan": True,
            "first_allocation_year": 2022,
            "handed_over_year": None,
            "allocation_extension_years": 0,
        }
    ],
}
PROJECT_KEYS = ["project", "tier", "need", "allocated", "shortfall", "explanation"]


def allocate(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    call_command("plan", "allocate", *args, stdout=out)
    return out.getvalue()


def allocate_json(*args, **kwargs) -> dict:
    return json.loads(allocate(*args, "--json", **kwargs))


def project(code: str, **changes) -> dict:
    base = {
        "code": code,
        "group": "B",
        "tier": "transitional_on_schedule",
        "need": 100 * TY,
        "eligible_sources": ["S1"],
        "has_investment_decision": True,
        "in_medium_term_plan": True,
    }
    return {**base, **changes}


def plan(*projects, available=100 * TY, year=2025) -> dict:
    return {
        "plan": {"kind": "annual", "year": year},
        "sources": [{"code": "S1", "name": "Nguồn 1", "available": available}],
        "projects": list(projects),
    }


def test_the_contract_example_round_trips(monkeypatch):
    result = allocate_json("-", stdin=json.dumps(CONTRACT_INPUT), monkeypatch=monkeypatch)
    assert list(result)[:4] == ["allocations", "projects", "violations", "unallocated"]
    assert result["allocations"] == [{"project": "HD-DTC-0042", "source": "NSDP_TSDD", "amount": 50000000000}]
    (row,) = result["projects"]
    assert list(row)[: len(PROJECT_KEYS)] == PROJECT_KEYS
    assert (row["tier"], row["need"], row["allocated"], row["shortfall"]) == (
        "transitional_finishing",
        50 * TY,
        50 * TY,
        0,
    )
    assert "Nhu cầu 50 tỷ đồng, bố trí đủ." in row["explanation"]
    assert result["violations"] == [] and result["unallocated"] == {"NSDP_TSDD": 1150 * TY} and result["proven"]
    assert result["law"] == {"number": "39/2019/QH14", "citation": "Điều 51 Luật Đầu tư công 39/2019/QH14"}
    assert validate(CONTRACT_INPUT, SCHEMA) == []


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_output_follows_the_contract(path):
    given = json.loads(path.read_text())
    result = allocate_json(str(path))
    codes = [p["code"] for p in given["projects"]]
    assert [row["project"] for row in result["projects"]] == codes
    available = {s["code"]: s["available"] for s in given["sources"]}
    spent = dict.fromkeys(available, 0)
    for item in result["allocations"]:
        assert set(item) == {"project", "source", "amount"} and item["amount"] > 0
        spent[item["source"]] += item["amount"]
    assert result["unallocated"] == {code: available[code] - spent[code] for code in available}
    reasons = {"full", "short", "new_not_funded", "below_floor", "violation"}
    for row in result["projects"]:
        assert list(row)[: len(PROJECT_KEYS)] == PROJECT_KEYS
        assert row["shortfall"] == row["need"] - row["allocated"] and row["reason"] in reasons
        assert row["explanation"].startswith(tuple(_tier_labels())) and "Nhu cầu" in row["explanation"]
    for violation in result["violations"]:
        assert violation["rule"] in ("PI-04", "PI-06") and violation["explanation"] and violation["citation"]
    assert [level["level"] for level in result["levels"]] == list(range(1, len(result["levels"]) + 1))


def _tier_labels():
    from tiendo.domain.allocation import TIER_LABELS

    return TIER_LABELS.values()


def test_the_examples_show_what_they_promise():
    def by_code(name):
        return {row["project"]: row for row in allocate_json(str(EXAMPLES / name))["projects"]}

    annual = by_code("annual-2026.json")
    assert annual["HD-DTC-0004"]["reason"] == "full"  # (g) routed over two sources
    assert {annual[c]["explanation"].count("88,5%") for c in ("HD-DTC-0005", "HD-DTC-0006", "HD-DTC-0007")} == {1}
    assert annual["HD-DTC-0007"]["allocated"] >= 30 * TY  # its floor
    assert (annual["HD-DTC-0008"]["reason"], annual["HD-DTC-0009"]["reason"]) == ("new_not_funded", "full")
    assert annual["HD-DTC-0010"]["reason"] == annual["HD-DTC-0011"]["reason"] == "violation"
    old = by_code("annual-2025-decided-2024.json")
    assert old["HD-DTC-0104"]["reason"] == "full" and old["HD-DTC-0103"]["reason"] == "short"
    medium = by_code("medium-term-2026-2030.json")
    assert [medium[c]["reason"] for c in sorted(medium)] == [
        "full",
        "violation",
        "full",
        "full",
        "new_not_funded",
        "violation",
    ]


def documented() -> list[tuple[str, str]]:
    pattern = re.compile(r"<!-- allocation-example: (\S+) -->\n```\w*\n(.*?)\n```", re.S)
    return pattern.findall(DOCS.read_text())


@pytest.mark.parametrize(("name", "text"), documented())
def test_the_documentation_shows_what_the_command_prints(name, text):
    command, _, expected = text.partition("\n")
    assert command == f"$ tiendo plan allocate docs/allocation-examples/{name}"
    assert allocate(str(EXAMPLES / name)).rstrip("\n") == expected


def test_reads_standard_input_and_ignores_unknown_fields(monkeypatch):
    data = plan(project("A", colour="blue"), project("N", tier="new", need=30 * TY))
    data["generated_by"] = "test"
    result = allocate_json("-", stdin=json.dumps(data), monkeypatch=monkeypatch)
    assert [(p["project"], p["allocated"]) for p in result["projects"]] == [("A", 100 * TY), ("N", 0)]
    assert "khoản 5 Điều 54 Luật Đầu tư công 58/2024/QH15" in result["projects"][1]["explanation"]


def test_text_output_names_the_law_sources_and_refusals(monkeypatch):
    data = plan(project("A"), project("OLD", group="C", first_allocation_year=2020))
    text = allocate("-", stdin=json.dumps(data), monkeypatch=monkeypatch)
    assert text.startswith("Kế hoạch đầu tư công năm 2025 — thứ tự ưu tiên theo khoản 4 Điều 54")
    assert "2 dự án: nhu cầu 200 tỷ đồng, bố trí 100 tỷ đồng; 1 dự án không đủ điều kiện bố trí vốn." in text
    assert "S1 (Nguồn 1): có 100 tỷ đồng, bố trí 100 tỷ đồng, còn 0 đồng." in text
    assert "  OLD (PI-06): Dự án nhóm C bố trí vốn từ năm 2020" in text


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ('{\n  "plan": {"kind": annual}\n}', "bad.json' không phải JSON hợp lệ: dòng 2, cột 20."),
        ("[]", "phải là một đối tượng có các khóa 'plan', 'sources', 'projects'"),
        ({"sources": [], "projects": []}, "Dữ liệu JSON phải có 'plan' là một đối tượng"),
        ({"plan": {"kind": "yearly"}, "sources": [], "projects": []}, "'kind' phải là một trong: annual, medium_term"),
        ({"plan": {"kind": "annual"}, "sources": [], "projects": []}, "Kế hoạch ('plan'): thiếu 'year' (năm)."),
        (
            {"plan": {"kind": "medium_term", "period": "2030-2026"}, "sources": [], "projects": []},
            "'period' phải có dạng 'YYYY-YYYY'",
        ),
        (
            {"plan": {"kind": "annual", "year": 2025, "decided_on": "10/12/2024"}, "sources": [], "projects": []},
            "'decided_on' không phải ngày hợp lệ (YYYY-MM-DD), giá trị '10/12/2024'.",
        ),
        ({"plan": {"kind": "annual", "year": 2025}, "sources": {}, "projects": []}, "'sources' là danh sách"),
        (
            {"plan": {"kind": "annual", "year": 2025}, "sources": [{"code": "S1"}], "projects": []},
            "Nguồn vốn S1: thiếu 'available' (số tiền, đồng).",
        ),
        (
            {"plan": {"kind": "annual", "year": 2025}, "sources": [{"code": "S1", "available": -5}], "projects": []},
            "Nguồn vốn S1: 'available' phải là số nguyên không âm (đồng), giá trị -5.",
        ),
        (
            {"plan": {"kind": "annual", "year": 2025}, "sources": [{"name": "x", "available": 5}], "projects": []},
            "Nguồn vốn thứ 1 trong 'sources': thiếu 'code'",
        ),
        (plan(project("A", tier="urgent")), "Dự án A: 'tier' phải là một trong: special_or_emergency, "),
        (plan(project("A", group="D")), "Dự án A: 'group' phải là một trong: national, A, B, C, giá trị 'D'."),
        (plan(project("A", need=-1)), "Dự án A: 'need' phải là số nguyên không âm (đồng), giá trị -1."),
        (plan(project("A", need=1.5e9)), "Dự án A: 'need' phải là số nguyên không âm (đồng), giá trị 1500000000.0."),
        (plan(project("A", floor=200 * TY)), "Dự án A: 'floor' (200000000000) lớn hơn 'need' (100000000000)."),
        (plan(project("A", eligible_sources=["S9"])), "Dự án A: 'eligible_sources' có nguồn 'S9' không có trong"),
        (plan(project("A", eligible_sources="S1")), "Dự án A: 'eligible_sources' phải là danh sách mã nguồn vốn"),
        (plan(project("A", eligible_sources=[])), "Dự án A: 'eligible_sources' phải có ít nhất một nguồn vốn."),
        (plan(project("A", has_investment_decision="yes")), "Dự án A: 'has_investment_decision' phải là true"),
        (plan({**project("A"), "in_medium_term_plan": None}), "Dự án A: thiếu 'in_medium_term_plan'"),
        (plan(project("A", first_allocation_year=22)), "Dự án A: 'first_allocation_year' phải là một năm"),
        (plan({k: v for k, v in project("A").items() if k != "need"}), "Dự án A: thiếu 'need' (số tiền, đồng)."),
        (plan(project("A"), project("A")), "Mã dự án 'A' xuất hiện nhiều lần trong 'projects'."),
        (plan(project("A", previous=["S1"])), "Dự án A: 'previous' phải là một đối tượng {mã nguồn vốn: số tiền"),
        (
            plan(project("A", previous={"S1": -1})),
            "Dự án A: 'previous.S1' phải là số nguyên không âm (đồng), giá trị -1.",
        ),
        (plan(project("A", previous={"S9": 1})), "Dự án A: 'previous' có nguồn 'S9' không có trong 'sources'."),
        (plan({"tier": "new"}), "Dự án thứ 1 trong 'projects': thiếu 'code' (mã dự án)."),
        (plan(3), "Dự án thứ 1 trong 'projects' phải là một đối tượng JSON."),
    ],
)
def test_bad_input_names_the_project_and_the_field(tmp_path, document, message):
    path = tmp_path / "bad.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        allocate(str(path))
    assert message in str(error.value)


def test_previous_lines_keep_a_project_on_its_approved_source(monkeypatch):
    """A and B may both use S1 and S2; A had S2, B had S1: each stays where it was."""
    document = plan(
        project("A", eligible_sources=["S1", "S2"], previous={"S2": 50 * TY}, need=50 * TY),
        project("B", eligible_sources=["S1", "S2"], previous={"S1": 50 * TY}, need=50 * TY),
    )
    document["sources"] = [{"code": "S1", "available": 60 * TY}, {"code": "S2", "available": 60 * TY}]
    result = allocate_json("-", stdin=json.dumps(document), monkeypatch=monkeypatch)
    lines = {(a["project"], a["source"]): a["amount"] for a in result["allocations"]}
    assert lines == {("A", "S2"): 50 * TY, ("B", "S1"): 50 * TY}


def test_a_missing_file_and_broken_standard_input_are_refused(tmp_path, monkeypatch):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        allocate(str(tmp_path / "none.json"))
    with pytest.raises(CommandError, match="Dữ liệu vào không phải JSON hợp lệ: dòng 1, cột 2."):
        allocate("-", stdin="{", monkeypatch=monkeypatch)


def test_a_medium_term_plan_does_not_ask_for_the_medium_term_plan(monkeypatch):
    data = plan({k: v for k, v in project("A").items() if k != "in_medium_term_plan"})
    data["plan"] = {"kind": "medium_term", "period": "2026-2030"}
    result = allocate_json("-", stdin=json.dumps(data), monkeypatch=monkeypatch)
    assert result["projects"][0]["allocated"] == 100 * TY


def test_runs_on_a_fresh_checkout_before_migrate(tmp_path):
    """A new data folder and an SQLite file that does not exist: the command must not create or need it; and
    HiGHS writes nothing of its own on standard output, so --json stays JSON."""
    env = {**os.environ, "TIENDO_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/tiendo.sqlite3"}
    done = subprocess.run(
        [sys.executable, "-m", "tiendo.cli", "plan", "allocate", str(EXAMPLES / "annual-2026.json"), "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["projects"]) == 11
    assert not (tmp_path / "tiendo.sqlite3").exists()


# --- the JSON Schema (jsonschema is not a dependency: a validator for the subset the schema uses) -----------------


def validate(value, schema):
    return schema_check.validate(value, schema, SCHEMA)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_examples_follow_the_schema(path):
    assert validate(json.loads(path.read_text()), SCHEMA) == []


def test_the_validator_catches_what_the_command_refuses():
    bad = plan(project("A", tier="urgent", need=-1, eligible_sources=[]))
    bad["plan"]["decided_on"] = "10/12/2024"
    assert len(validate(bad, SCHEMA)) == 4
    assert validate({}, SCHEMA) == ["$: missing plan", "$: missing sources", "$: missing projects"]


def test_the_schema_describes_exactly_the_engines_project():
    assert set(SCHEMA["$defs"]["project"]["properties"]) == {f.name for f in fields(Project)}
    assert SCHEMA["$defs"]["project"]["properties"]["tier"]["enum"] == [tier.value for tier in Tier]
