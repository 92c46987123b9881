"""The allocation's explanations as messages: each code in vi, en and zh with the same fields, the Vietnamese
rendering the explainer's sentence to the byte, English and Chinese with no Vietnamese but legal references and the
sources' codes, and a stored message read back the same."""

import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.domain.test_allocation import ANNUAL_2024, ANNUAL_2025, MEDIUM_2026, plans
from tiendo.domain.allocation import Plan, PlanKind, Project, Source, Tier, allocate
from tiendo.domain.allocation.messages import TEMPLATES, TIER_NAMES
from tiendo.domain.allocation.tiers import TIER_LABELS
from tiendo.domain.messages import Message
from tiendo.domain.projects import ProjectGroup as G

VIETNAMESE = re.compile(r"[À-ỹĐđ]")
# Legal references keep their Vietnamese names in every language (as the crawl's LEGAL reads them).
LEGAL = re.compile(
    r"(?:Luật|Nghị định|Nghị quyết|Quyết định|Thông tư|Điều|khoản|điểm|Hiến pháp)"
    r"[^;,.()\n；，。（）]*?(?=$|[;,.()；，。（）]|\s(?:Luật|Điều))"
)
MEDIUM_2021 = Plan(PlanKind.MEDIUM_TERM, period=(2021, 2025))  # Law 39/2019


def _english_or_chinese(text: str) -> bool:
    """No Vietnamese letter but in legal references and the point (đ) of an article, as the tiers' names write it."""
    return not VIETNAMESE.search(LEGAL.sub("", text).replace("(đ)", ""))


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(TEMPLATES))
def test_each_template_has_the_same_fields_in_the_three_languages(code):
    text = TEMPLATES[code]
    assert _fields(text.vi) == _fields(text.en) == _fields(text.zh), code
    assert not VIETNAMESE.search(LEGAL.sub("", text.en + text.zh)), code


def test_the_tiers_names_are_the_labels_the_explanations_wrote():
    assert {tier: name.vi for tier, name in TIER_NAMES.items()} == TIER_LABELS
    assert all(not VIETNAMESE.search(LEGAL.sub("", name.en + name.zh)) for name in TIER_NAMES.values())


@st.composite
def any_plans(draw):
    """Every tier, both laws and both kinds, projects refused for each reason (PI-04, PI-06), units of sources
    with nothing, sharing, floors."""
    scale = draw(st.sampled_from([1, 10**6, 10**9]))
    amount = st.builds(lambda whole, small: whole * scale + small, st.integers(0, 300), st.integers(0, 999))
    codes = [f"NS{i}" for i in range(draw(st.integers(1, 3)))]
    sources = [Source(code, code, draw(amount)) for code in codes]
    projects = []
    for i in range(draw(st.integers(1, 8))):
        need = draw(amount)
        projects.append(
            Project(
                code=f"P{i}",
                group=draw(st.sampled_from([G.A, G.B, G.C])),
                tier=draw(st.sampled_from(list(Tier))),
                need=need,
                eligible_sources=tuple(draw(st.lists(st.sampled_from(codes), min_size=1, unique=True))),
                floor=draw(st.sampled_from([0, 0, need // 2, need])),
                has_investment_decision=draw(st.sampled_from([True, True, True, False])),
                in_medium_term_plan=draw(st.sampled_from([True, True, False])),
                first_allocation_year=draw(st.none() | st.integers(2014, 2025)),
                allocation_extension_years=draw(st.sampled_from([0, 0, 1, 2])),
            )
        )
    plan = draw(st.sampled_from([ANNUAL_2024, ANNUAL_2025, MEDIUM_2026, MEDIUM_2021]))
    return plan, sources, projects


def _check(plan, sources, projects):
    result = allocate(plan, sources, projects)
    messages = result.messages()
    assert len(messages) == len(result.projects)
    for row, message in zip(result.projects, messages, strict=True):
        assert message.vi == row.explanation  # byte for byte the sentence the CLI and the documents print
        stored = Message.from_json(message.to_json())
        for language in ("en", "zh-hans"):
            text = stored.render(language)
            assert text == message.render(language)
            assert _english_or_chinese(text), text
    for violation in result.violations:
        assert violation.message is not None and violation.message.vi == violation.explanation


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_plans())
def test_random_plans_explain_themselves_in_every_language(case):
    _check(*case)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_the_allocation_tests_plans_explain_themselves_in_every_language(case):
    _check(*case)


def test_an_english_and_a_chinese_explanation_read_in_their_language():
    sources = [Source("NSTW", "NSTW", 30 * 10**9)]
    projects = [
        Project("A", G.B, Tier.TRANSITIONAL_FINISHING, 20 * 10**9, ("NSTW",)),
        Project("B", G.B, Tier.TRANSITIONAL_ON_SCHEDULE, 20 * 10**9, ("NSTW",)),
        Project("C", G.B, Tier.NEW, 5 * 10**9, ("NSTW",), has_investment_decision=False),
    ]
    a, b, c = allocate(ANNUAL_2025, sources, projects).messages()
    assert a.render("en").startswith("Transitional projects finishing in the plan period — priority điểm g khoản 4")
    assert a.render("en").endswith("Need 20 billion VND, allocated in full.")
    assert "10 billion VND allocated (50.0%): the capital of NSTW used up, allocated to the higher priorities (g)" in (
        b.render("en")
    )
    assert b.render("zh-hans").startswith("按批准进度实施的结转项目——优先顺序")
    assert "no capital allocated: no investment decision yet" in c.render("en")
    assert "不安排资金：尚无投资决定" in c.render("zh")
