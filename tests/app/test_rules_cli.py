"""`tiendo rules check`: the contract's shape, the documented examples, bad input, stdin, and no database.

No test here requests the `db` fixture: pytest-django fails any that touches the database.
"""

import io
import json
import os
import re
import subprocess
import sys
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from tests.app import schema_check
from tiendo.domain import schedule_rules

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "rules.md"
EXAMPLES = ROOT / "docs" / "rules-examples"
SCHEMA = json.loads((ROOT / "docs" / "rules-check.schema.json").read_text())
CONTRACT_FIELDS = ["project", "rule", "citation", "days_behind", "proposal", "explanation", "verify"]


def check(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    call_command("rules", "check", *args, stdout=out)
    return out.getvalue()


def check_json(*args, **kwargs) -> dict:
    return json.loads(check(*args, "--json", **kwargs))


def documented(kind: str) -> list[tuple[str, str, str]]:
    """(example file, as-of day, the documented output) for each marked block of docs/rules.md."""
    pattern = re.compile(rf"<!-- {kind}: (\S+) (\S+) -->\n```\w*\n(.*?)\n```", re.S)
    return pattern.findall(DOCS.read_text())


@pytest.mark.parametrize(("name", "day", "text"), documented("rules-example"))
def test_each_example_prints_what_the_documentation_shows(name, day, text):
    command, _, expected = text.partition("\n")
    assert command == f"$ tiendo rules check docs/rules-examples/{name} --as-of {day}"
    assert check(str(EXAMPLES / name), "--as-of", day).rstrip("\n") == expected


@pytest.mark.parametrize(("name", "day", "text"), documented("rules-example-json"))
def test_the_documented_json_is_the_commands(name, day, text):
    assert check_json(str(EXAMPLES / name), "--as-of", day) == json.loads(text)


def test_every_example_is_documented():
    shown = {name for name, _day, _text in documented("rules-example")}
    assert shown == {path.name for path in EXAMPLES.glob("*.json")}


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_output_follows_the_contract(path):
    result = check_json(str(path), "--as-of", "2025-03-01")
    assert result["as_of"] == "2025-03-01"
    codes = {code.value for code in schedule_rules.ProposalCode}
    ids = {c.rule for rule in schedule_rules.RULES for c in rule.cites}
    for finding in result["findings"]:
        assert list(finding)[: len(CONTRACT_FIELDS)] == CONTRACT_FIELDS
        assert finding["rule"] in ids and finding["proposal"] in codes
        assert isinstance(finding["verify"], bool) and isinstance(finding["explanation"], str)
        assert finding["days_behind"] is None or finding["days_behind"] > 0
        assert re.search(r"\d{2}/\d{2}/\d{4}", finding["explanation"]), finding["explanation"]
    with_findings = {finding["project"] for finding in result["findings"]}
    assert {entry["project"] for entry in result["proposals"]} == with_findings
    for entry in result["proposals"]:
        ranks = [schedule_rules.ProposalCode(p["proposal"]).rank for p in entry["proposals"]]
        assert ranks == sorted(ranks) and all(p["label"]["zh"] for p in entry["proposals"])


def test_the_examples_cover_what_they_promise():
    def found(name, day):
        return {
            (f["project"], f["rule"], f["proposal"])
            for f in check_json(str(EXAMPLES / name), "--as-of", day)["findings"]
        }

    late = found("late-beyond-cap.json", "2024-03-01")
    assert ("HD-2021-031", "INV-02", "deny_extension") in late and ("HD-2021-031", "INV-10", "suspend") in late
    land = found("land-unused.json", "2025-03-01")
    assert ("HD-2023-102", "LAND-01", "extend_land_use_24m_with_payment") in land
    assert ("HD-2022-077", "LAND-03", "extend_land_use_24m_with_payment") in land
    assert ("HD-2021-045", "LAND-01", "recover_land") in land and ("HD-2021-045", "INV-12", "terminate") in land
    public = found("public-allocation.json", "2025-03-01")
    assert ("HD-DTC-2022-05", "PI-06", "extend_allocation_period") in public
    assert ("HD-DTC-2022-05", "PI-11", "cancel_undisbursed") in public
    assert found("on-time.json", "2024-03-01") == set()


def test_reads_standard_input_and_ignores_unknown_fields(monkeypatch):
    data = {
        "projects": [
            {
                "code": "HD-X",
                "kind": "private",
                "colour": "blue",
                "milestones": [
                    {
                        "kind": "operation",
                        "first_due": "2024-01-31",
                        "current_due": "2024-01-31",
                        "done": None,
                        "note": "x",
                    }
                ],
            }
        ],
        "generated_by": "test",
    }
    result = check_json("-", "--as-of", "01/03/2024", stdin=json.dumps(data), monkeypatch=monkeypatch)
    assert result["as_of"] == "2024-03-01"
    assert [(f["rule"], f["days_behind"]) for f in result["findings"]] == [("LATE", 30)]
    assert result["findings"][0]["unchecked"] == ["state_delay_days"]


def test_as_of_defaults_to_today(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"projects": []}))
    with time_machine.travel(date(2025, 7, 1)):
        assert check_json(str(path))["as_of"] == "2025-07-01"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{", "không phải JSON hợp lệ: dòng 1, cột 2"),
        ("[]", "phải là một đối tượng có khóa 'projects'"),
        ('{"projects": {}}', "phải là một đối tượng có khóa 'projects'"),
        ('{"projects": [{"kind": "private"}]}', "Dự án thứ 1 trong 'projects': thiếu 'code'"),
        ('{"projects": [3]}', "Dự án thứ 1 trong 'projects' phải là một đối tượng JSON"),
        (
            '{"projects": [{"code": "HD-2021-017", "milestones": [{"kind": "operation", "first_due": "2022-02-30"}]}]}',
            "Dự án HD-2021-017: 'first_due' không phải ngày hợp lệ (YYYY-MM-DD)"
            " — ở milestones[0], giá trị '2022-02-30'.",
        ),
        (
            '{"projects": [{"code": "HD-1", "certificate_date": "01/06/2021"}]}',
            "Dự án HD-1: 'certificate_date' không phải ngày hợp lệ (YYYY-MM-DD), giá trị '01/06/2021'.",
        ),
        (
            '{"projects": [{"code": "HD-1", "kind": "state"}]}',
            "Dự án HD-1: 'kind' phải là một trong: public, private, fdi",
        ),
        ('{"projects": [{"code": "HD-1", "state_delay_days": -3}]}', "'state_delay_days' phải là số nguyên không âm"),
        ('{"projects": [{"code": "HD-1", "state_delay_days": true}]}', "'state_delay_days' phải là số nguyên không âm"),
        (
            '{"projects": [{"code": "HD-1", "land": {"force_majeure": "no"}}]}',
            "'force_majeure' phải là true hoặc false — ở land",
        ),
        ('{"projects": [{"code": "HD-1", "milestones": {}}]}', "'milestones' phải là một danh sách"),
        (
            '{"projects": [{"code": "HD-1", "milestones": [{"first_due": "2022-01-01"}]}]}',
            "'kind' là bắt buộc — ở milestones[0]",
        ),
        ('{"projects": [{"code": "HD-1", "sanctions": [{"rule": "SANC-02"}]}]}', "'decided' là bắt buộc"),
        (
            '{"projects": [{"code": "HD-1", "reports": [{"kind": "quarterly", "period": "2024"}]}]}',
            "'period' của báo cáo quarterly phải có dạng YYYY-Qn",
        ),
        ('{"projects": [{"code": "HD-1", "first_allocation_year": 24}]}', "'first_allocation_year' phải là một năm"),
        (
            '{"projects": [{"code": "HD-1", "report_kinds": ["monthly"]}]}',
            "'report_kinds' phải là một trong: quarterly",
        ),
        ('{"projects": [{"code": "A"}, {"code": "A"}]}', "Mã dự án 'A' xuất hiện nhiều lần"),
    ],
)
def test_bad_input_names_the_project_and_the_field(tmp_path, document, message):
    path = tmp_path / "bad.json"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        check(str(path), "--as-of", "2024-03-01")
    assert message in str(error.value)


def test_missing_file_and_bad_day_are_refused(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        check(str(tmp_path / "none.json"))
    path = tmp_path / "p.json"
    path.write_text('{"projects": []}')
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        check(str(path), "--as-of", "2024-13-01")


def test_runs_on_a_fresh_checkout_before_migrate(tmp_path):
    """A new data folder and an SQLite file that does not exist: the command must not create or need it."""
    env = {**os.environ, "TIENDO_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/tiendo.sqlite3"}
    example = EXAMPLES / "land-unused.json"
    done = subprocess.run(
        [sys.executable, "-m", "tiendo.cli", "rules", "check", str(example), "--as-of", "2025-03-01", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["findings"]) == 4
    assert not (tmp_path / "tiendo.sqlite3").exists()


# --- the JSON Schema (jsonschema is not a dependency: a validator for the subset the schema uses) -----------------


def validate(value, schema):
    return schema_check.validate(value, schema, SCHEMA)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_examples_follow_the_schema(path):
    assert validate(json.loads(path.read_text()), SCHEMA) == []


def test_the_validator_catches_what_the_command_refuses():
    bad = {"projects": [{"code": "", "kind": "state", "milestones": [{"first_due": "30/02/2022"}], "land": 3}]}
    assert len(validate(bad, SCHEMA)) == 5
    assert validate({}, SCHEMA) == ["$: missing projects"]


@pytest.mark.parametrize(
    ("definition", "dataclass", "renamed"),
    [
        ("project", schedule_rules.ProjectFacts, {}),
        ("milestone", schedule_rules.Milestone, {"done_known": None}),
        ("extension", schedule_rules.Extension, {}),
        ("land", schedule_rules.Land, {}),
        ("deposit", schedule_rules.Deposit, {}),
        ("sanction", schedule_rules.Sanction, {}),
        ("report", schedule_rules.Report, {}),
        ("annualCapital", schedule_rules.AnnualCapital, {}),
    ],
)
def test_the_schema_describes_exactly_the_engines_facts(definition, dataclass, renamed):
    names = {renamed.get(f.name, f.name) for f in fields(dataclass)} - {None}
    assert set(SCHEMA["$defs"][definition]["properties"]) == names


def test_the_contract_example_is_valid_and_accepted(monkeypatch):
    """The input example of docs/contracts/rules-check.md, with its alternatives resolved."""
    example = {
        "projects": [
            {
                "code": "HD-2021-017",
                "kind": "private",
                "group": None,
                "policy_approval_date": "2021-05-10",
                "certificate_date": "2021-06-01",
                "milestones": [
                    {"kind": "construction_start", "first_due": "2022-06-30", "current_due": "2023-06-30", "done": None}
                ],
                "extensions": [{"decided": "2022-05-01", "months": 12, "reason": "force_majeure"}],
                "state_delay_days": 0,
                "land": {
                    "handed_over": "2022-01-15",
                    "in_use_since": None,
                    "extension_until": None,
                    "force_majeure": False,
                },
                "deposit": {"required": True, "paid": False},
                "sanctions": [{"decided": "2023-09-01", "rule": "SANC-02"}],
                "stopped_since": None,
                "investor_reachable": True,
                "reports": [{"kind": "quarterly", "period": "2024-Q1", "submitted": "2024-04-08"}],
                "reporting_since": "2021-07-01",
                "first_allocation_year": 2021,
                "handed_over_year": None,
                "allocation_extension_years": 0,
            }
        ]
    }
    assert validate(example, SCHEMA) == []
    result = check_json("-", "--as-of", "2024-03-01", stdin=json.dumps(example), monkeypatch=monkeypatch)
    assert {"LATE", "INV-10", "INV-12", "LAND-03", "SANC-03"} <= {f["rule"] for f in result["findings"]}
