"""The engines' messages: one template per code in vi, en and zh with the same fields, stored and read back as
JSON, and English or Chinese with no Vietnamese left but the legal references."""

import re
import string
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings

from tests.domain.test_schedule_rules import any_projects
from tiendo.domain.languages import Text
from tiendo.domain.messages import TEMPLATES, Message, Money
from tiendo.domain.schedule_rules import evaluate
from tiendo.domain.schedule_rules.messages import TEMPLATES as SCHEDULE_TEMPLATES
from tiendo.domain.schedule_rules.messages import msg, semicolons

VIETNAMESE = re.compile(r"[À-ỹĐđ]")
# Legal references keep their Vietnamese form in every language (as the citations do).
LEGAL_REFERENCE = re.compile(r"Điều \d+(?: khoản \d+)?(?: điểm [a-zđ](?:–[a-zđ])?)?")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(SCHEDULE_TEMPLATES))
def test_each_template_has_the_same_fields_in_the_three_languages(code):
    text = TEMPLATES[code]
    assert _fields(text.vi) == _fields(text.en) == _fields(text.zh), code
    assert not VIETNAMESE.search(LEGAL_REFERENCE.sub("", text.en + text.zh)), code


def test_a_message_is_stored_and_read_back_in_any_language():
    message = msg(
        "sr.pi.undisbursed",
        year=2024,
        planned=Money(12_500_000_000),
        disbursed=Money(2_500_000_000),
        deadline=date(2025, 1, 31),
        why=msg("sr.parenthesis", inner=msg("sr.pi.after_september")),
        rest=Money(10_000_000_000),
    )
    again = Message.from_json(message.to_json())
    assert again == message
    assert again.render("vi") == (
        "Vốn kế hoạch năm 2024: giao 12,5 tỷ đồng, giải ngân 2,5 tỷ đồng; hết thời hạn giải ngân 31/01/2025 (vốn bổ "
        "sung sau 30/9): 10 tỷ đồng chưa giải ngân bị hủy bỏ, điều chuyển."
    )
    assert "12.5 billion VND" in again.render("en") and "(capital added after 30/9)" in again.render("en")
    assert "下达125 亿越南盾" in again.render("zh-hans") and "（9月30日后追加的资金）" in again.render("zh")


def test_lists_names_and_english_counts():
    parts = semicolons([msg("sr.inv.sanctioned.deposit"), msg("sr.inv.sanctioned.deposit")])
    assert parts.render("vi") == "vẫn chưa ký quỹ; vẫn chưa ký quỹ"
    assert parts.render("zh") == "仍未缴纳保证金；仍未缴纳保证金"
    one = msg("sr.pi.extendable", period="P", most=1, left=1)
    assert one.render("en").endswith("at most 1 year; 1 year left.")
    assert msg("sr.reports_more", count=11).render("en") == " and 11 other reports"
    named = Message("sr.report", {"kind": Text("báo cáo quý", "quarterly report", "季度报告"), "period": "2024-Q1"})
    assert (named.render("vi"), named.render("en"), named.render("zh")) == (
        "báo cáo quý 2024-Q1",
        "quarterly report 2024-Q1",
        "2024-Q1 季度报告",
    )


def test_bad_stored_messages_and_unknown_codes_are_refused():
    with pytest.raises(ValueError):
        Message.from_json({"params": {}})
    with pytest.raises(ValueError):
        Message.from_json({"code": "sr.late", "params": {"x": 1.5}})
    with pytest.raises(KeyError):
        msg("sr.nothing")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_projects())
def test_findings_read_in_english_and_chinese_with_only_legal_references_in_vietnamese(drawn):
    as_of, project = drawn
    for finding in evaluate(project, as_of):
        assert finding.message is not None
        assert finding.reasoning("vi") == finding.explanation  # the CLI's sentence is the Vietnamese rendering
        for language in ("en", "zh-hans"):
            text = finding.reasoning(language)
            assert text and "{" not in text
            assert not VIETNAMESE.search(LEGAL_REFERENCE.sub("", text)), text
        assert Message.from_json(finding.message.to_json()).render("zh") == finding.reasoning("zh")


def test_plan_checks_read_in_english_and_chinese():
    from tests.domain.test_plan_checks import TY, annual, draft, project, source
    from tiendo.domain.plan_checks import Line, check_plan
    from tiendo.domain.plan_checks.messages import TEMPLATES as PLAN_TEMPLATES

    for code, text in PLAN_TEMPLATES.items():
        assert _fields(text.vi) == _fields(text.en) == _fields(text.zh), code
    projects = [
        project("P1", need=5 * TY, medium_term_remainder=4 * TY),
        project("P2", has_investment_decision=False, in_medium_term_plan=False),
    ]
    lines = [Line("P1", "NSDP", 6 * TY), Line("P2", "NSDP", 10 * TY)]
    found = check_plan(draft(plan=annual(2026), sources=[source(available=12 * TY)], projects=projects, lines=lines))
    assert {b.key for b in found} >= {"OVER_NEED", "OVER_SOURCE", "PI-03-project", "PI-04-decision"}
    for b in found:
        assert b.message is not None and b.reasoning("vi") == b.explanation
        for language in ("en", "zh"):
            assert not VIETNAMESE.search(LEGAL_REFERENCE.sub("", b.reasoning(language))), b.reasoning(language)
    over = next(b for b in found if b.key == "OVER_NEED")
    assert over.reasoning("en") == (
        "The 2026 plan gives project P1 6 billion VND, 1 billion VND over its remaining capital need (5 billion VND)."
    )
    assert over.reasoning("zh") == "2026年计划为项目P1安排60 亿越南盾，超出剩余资金需求（50 亿越南盾）10 亿越南盾。"


def test_authority_and_carried_projects_read_in_english_and_chinese():
    from dataclasses import replace

    from tests.domain.test_plan_checks import APPROVED, BETWEEN_UNITS, TY, adjustment, annual, draft, medium, project
    from tests.domain.test_plan_checks import source as a_source
    from tiendo.domain.plan_checks import BudgetLevel, DecidingBody, Line, check_plan, required_authority

    wrong = replace(annual(), deciding_body=DecidingBody.PROVINCIAL_CHAIRMAN)
    (b,) = [b for b in check_plan(adjustment(wrong, APPROVED, BETWEEN_UNITS)) if b.rule == "PI-09"]
    assert b.reasoning("vi") == b.explanation
    assert b.reasoning("en").startswith("The adjustment records ") and "lacks the authority" in b.reasoning("en")
    assert "不符合权限" in b.reasoning("zh")
    message = required_authority(adjustment(annual(), APPROVED, BETWEEN_UNITS)).message
    assert message is not None and "moved between agencies and units" in message.render("en")
    carried = [project("P1", transitional_into_next_period=True, total_investment=70 * TY)]
    found = check_plan(
        draft(
            plan=medium(2026, 2030),
            sources=[a_source("S", level=BudgetLevel.CENTRAL)],
            projects=carried,
            lines=[Line("P1", "S", 50 * TY)],
        )
    )
    (pi07,) = [b for b in found if b.rule == "PI-07"]
    assert pi07.reasoning("en").startswith("Central budget: the total investment of the 1 project carried")
    assert "140.00%" in pi07.reasoning("en") and "140,00%" in pi07.reasoning("vi")
    assert "即使政府总理同意也不得批准" in pi07.reasoning("zh")
    for breach in (b, pi07):
        for language in ("en", "zh"):
            assert not VIETNAMESE.search(LEGAL_REFERENCE.sub("", breach.reasoning(language))), breach.reasoning(
                language
            )
