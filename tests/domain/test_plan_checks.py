"""The plan checks at their boundaries: on the limit passes, one đồng or one year over breaks; the law versions."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiendo.domain.plan_checks import (
    PLAN_RULES,
    AdjustmentCase,
    BudgetLevel,
    ChangeKind,
    DecidingBody,
    DraftPlan,
    GovernmentLevel,
    Line,
    PlanFacts,
    PlanKind,
    ProjectPlanFacts,
    SourceFacts,
    SourceKind,
    Tier,
    check_plan,
    compare,
    law_in_force,
    medium_term_period,
    required_authority,
    sort_breaches,
    summarise,
)
from tiendo.domain.projects import ProjectGroup
from tiendo.domain.severity import Severity

TY = 10**9
ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
PC, PCOM = DecidingBody.PROVINCIAL_COUNCIL, DecidingBody.PROVINCIAL_COMMITTEE


def annual(year=2025, **changes) -> PlanFacts:
    return replace(PlanFacts(PlanKind.ANNUAL, year, decided_on=date(year, 3, 1)), **changes)


def medium(first=2026, last=2030, **changes) -> PlanFacts:
    return replace(PlanFacts(PlanKind.MEDIUM_TERM, first, last, decided_on=date(first, 3, 1)), **changes)


def source(code="NSDP", available=1_000 * TY, **changes) -> SourceFacts:
    return replace(SourceFacts(code, available), **changes)


def project(code="P1", **changes) -> ProjectPlanFacts:
    """A project in order: decided, in the medium-term plan, funded from this year, with room to spare."""
    base = ProjectPlanFacts(
        code=code,
        owner_unit="BQL-GT",
        group=ProjectGroup.C,
        tier=Tier.TRANSITIONAL_ON_SCHEDULE,
        need=1_000 * TY,
        first_allocation_year=None,
    )
    return replace(base, **changes)


def draft(plan=None, sources=None, projects=None, lines=None, approved=None) -> DraftPlan:
    return DraftPlan(
        plan or annual(),
        sources if sources is not None else [source()],
        projects if projects is not None else [project()],
        lines if lines is not None else [Line("P1", "NSDP", 10 * TY)],
        approved,
    )


def keys(breaches) -> list[str]:
    return [b.key for b in breaches]


def only(breaches, key):
    found = [b for b in breaches if b.key == key]
    assert len(found) == 1, keys(breaches)
    return found[0]


def test_a_plan_in_order_breaks_nothing() -> None:
    assert check_plan(draft()) == []


# ---------------------------------------------------------------------------------------------------------------
# OVER_NEED, OVER_SOURCE


@pytest.mark.parametrize(("amount", "over"), [(50 * TY, 0), (50 * TY + 1, 1)])
def test_project_total_above_its_need_breaks_by_the_excess(amount, over) -> None:
    lines = [Line("P1", "NSDP", amount - 7 * TY), Line("P1", "NSDP", 7 * TY)]  # two lines add up
    breaches = check_plan(draft(projects=[project(need=50 * TY)], lines=lines))
    if not over:
        assert breaches == []
        return
    b = only(breaches, "OVER_NEED")
    assert (b.severity, b.project, b.amount) == (ERROR, "P1", 1)
    assert "vượt nhu cầu vốn còn lại (50 tỷ đồng) 1 đồng" in b.explanation
    assert b.citation == "Luật Đầu tư công 2024, Điều 61 khoản 5"


@pytest.mark.parametrize(("available", "over"), [(30 * TY, 0), (30 * TY - 1, 1)])
def test_source_total_above_what_it_has_breaks(available, over) -> None:
    projects = [project("P1"), project("P2")]
    lines = [Line("P1", "NSDP", 10 * TY), Line("P2", "NSDP", 20 * TY)]
    breaches = check_plan(
        draft(sources=[source(available=available, name="Thu tiền sử dụng đất")], projects=projects, lines=lines)
    )
    assert keys(breaches) == (["OVER_SOURCE"] if over else [])
    if over:
        assert (breaches[0].source, breaches[0].amount, breaches[0].project) == ("NSDP", 1, None)
        assert "Nguồn NSDP (Thu tiền sử dụng đất): tổng bố trí 30 tỷ đồng" in breaches[0].explanation


# ---------------------------------------------------------------------------------------------------------------
# PI-03: the annual plan fits the medium-term plan, except in the period's first year


@pytest.mark.parametrize(("remainder", "expected"), [(10 * TY, []), (10 * TY - 1, ["PI-03-project"]), (None, [])])
def test_annual_amount_above_the_projects_medium_term_remainder(remainder, expected) -> None:
    breaches = check_plan(draft(projects=[project(medium_term_remainder=remainder)]))
    assert keys(breaches) == expected
    if expected:
        assert (breaches[0].severity, breaches[0].amount, breaches[0].rule) == (ERROR, 1, "PI-03")
        assert breaches[0].citation == "Luật Đầu tư công 2024, Điều 51 khoản 7"


def test_annual_total_per_source_above_the_sources_medium_term_remainder() -> None:
    breaches = check_plan(draft(sources=[source(medium_term_remainder=10 * TY - 1)]))
    b = only(breaches, "PI-03-source")
    assert (b.severity, b.source, b.amount) == (ERROR, "NSDP", 1)
    assert check_plan(draft(sources=[source(medium_term_remainder=10 * TY)])) == []


@pytest.mark.parametrize(("year", "severity"), [(2025, ERROR), (2026, WARNING), (2027, ERROR), (2031, WARNING)])
def test_the_first_year_of_a_medium_term_period_only_warns(year, severity) -> None:
    plan = annual(year)
    b = only(check_plan(draft(plan=plan, projects=[project(medium_term_remainder=1)])), "PI-03-project")
    assert b.severity is severity
    assert ("năm đầu tiên của kỳ trung hạn" in b.explanation) is (severity is WARNING)


def test_a_plan_may_name_its_own_medium_term_period() -> None:
    plan = annual(2027, period_first_year=2027)
    assert (
        only(check_plan(draft(plan=plan, projects=[project(medium_term_remainder=1)])), "PI-03-project").severity
        is WARNING
    )


def test_medium_term_periods_run_in_fives_from_2021() -> None:
    assert [medium_term_period(y) for y in (2020, 2021, 2025, 2026, 2030, 2031)] == [
        (2016, 2020),
        (2021, 2025),
        (2021, 2025),
        (2026, 2030),
        (2026, 2030),
        (2031, 2035),
    ]


# ---------------------------------------------------------------------------------------------------------------
# PI-04: who may be funded


def test_annual_capital_to_a_project_without_investment_decision() -> None:
    b = only(check_plan(draft(projects=[project(has_investment_decision=False)])), "PI-04-decision")
    assert (b.severity, b.amount, b.rule) == (ERROR, 10 * TY, "PI-04")
    assert b.citation == "Luật Đầu tư công 2024, Điều 56 khoản 2"


def test_a_preparation_task_needs_its_cost_estimate() -> None:
    b = only(
        check_plan(draft(projects=[project(tier=Tier.PREPARATION, has_investment_decision=False)])), "PI-04-decision"
    )
    assert "dự toán" in b.explanation and b.citation.endswith("Điều 56 khoản 3")


@pytest.mark.parametrize(("year", "severity"), [(2025, ERROR), (2026, WARNING)])
def test_annual_capital_to_a_project_not_in_the_medium_term_plan(year, severity) -> None:
    b = only(check_plan(draft(plan=annual(year), projects=[project(in_medium_term_plan=False)])), "PI-04-medium-term")
    assert b.severity is severity and "Điều 56 khoản 1" in b.citation


def test_special_or_emergency_projects_are_exempt() -> None:
    p = project(tier=Tier.SPECIAL_OR_EMERGENCY, has_investment_decision=False, in_medium_term_plan=False)
    assert check_plan(draft(projects=[p])) == []


def test_a_project_given_nothing_is_not_judged() -> None:
    p = project(has_investment_decision=False, in_medium_term_plan=False)
    assert check_plan(draft(projects=[p], lines=[Line("P1", "NSDP", 0)])) == []


@pytest.mark.parametrize(
    ("tier", "investment", "policy", "expected"),
    [
        (Tier.NEW, False, None, ["PI-04-policy"]),
        (Tier.NEW, False, False, ["PI-04-policy"]),
        (Tier.NEW, False, True, []),
        (Tier.NEW, True, None, []),
        (Tier.TRANSITIONAL_ON_SCHEDULE, False, False, []),
    ],
)
def test_a_new_project_in_a_medium_term_plan_needs_a_policy_decision(tier, investment, policy, expected) -> None:
    p = project(tier=tier, has_investment_decision=investment, has_policy_decision=policy, in_medium_term_plan=False)
    assert keys(check_plan(draft(plan=medium(), projects=[p]))) == expected


# ---------------------------------------------------------------------------------------------------------------
# PI-06: the allocation period


@pytest.mark.parametrize(
    ("group", "first", "year", "extension", "breaks"),
    [
        (ProjectGroup.C, 2023, 2025, 0, False),  # 2023, 2024, 2025: three years
        (ProjectGroup.C, 2022, 2025, 0, True),  # a fourth year
        (ProjectGroup.C, 2022, 2025, 1, False),  # extended by one year
        (ProjectGroup.C, 2021, 2025, 1, True),
        (ProjectGroup.B, 2022, 2025, 0, False),
        (ProjectGroup.B, 2021, 2025, 0, True),
        (ProjectGroup.A, 2020, 2025, 0, False),
        (ProjectGroup.A, 2019, 2025, 0, True),
        (ProjectGroup.NATIONAL, 2010, 2025, 0, False),  # the National Assembly sets the period
    ],
)
def test_capital_past_the_groups_allocation_period(group, first, year, extension, breaks) -> None:
    p = project(group=group, first_allocation_year=first, allocation_extension_years=extension)
    breaches = check_plan(draft(plan=annual(year), projects=[p]))
    assert keys(breaches) == (["PI-06"] if breaks else [])
    if breaks:
        b = breaches[0]
        assert (b.severity, b.amount, b.facts["last_allowed_year"]) == (ERROR, 10 * TY, year - 1)


@pytest.mark.parametrize(
    "changes",
    [
        {"handed_over_year": 2024},
        {"handed_over_year": 2025},
        {"tier": Tier.PREPARATION},
        {"tier": Tier.COMPLETED_UNFUNDED},
    ],
)
def test_handed_over_projects_and_preparation_do_not_count_the_period(changes) -> None:
    p = project(first_allocation_year=2020, **changes)
    assert check_plan(draft(projects=[p])) == []


def test_a_project_handed_over_later_still_counts() -> None:
    p = project(first_allocation_year=2020, handed_over_year=2026)
    assert keys(check_plan(draft(projects=[p]))) == ["PI-06"]


def test_allocation_period_2024_law_the_chairman_may_extend_one_year() -> None:
    b = only(check_plan(draft(projects=[project(first_allocation_year=2022)])), "PI-06")
    assert b.citation == "Luật Đầu tư công 2024, Điều 57 khoản 3"
    assert "Chủ tịch Ủy ban nhân dân cùng cấp" in b.explanation and "không quá 1 năm (còn 1 năm)" in b.explanation
    assert "Thủ tướng" not in b.explanation  # local budget only


def test_allocation_period_beyond_the_administrative_extension_goes_to_the_council() -> None:
    p = project(first_allocation_year=2021, allocation_extension_years=1)
    b = only(check_plan(draft(projects=[p])), "PI-06")
    assert b.citation == "Luật Đầu tư công 2024, Điều 57 khoản 3 điểm d"
    assert "báo cáo Hội đồng nhân dân cùng cấp quyết định" in b.explanation


def test_allocation_period_central_budget_names_the_policy_authority_and_the_prime_minister() -> None:
    sources = [source(), source("NSTW", level=BudgetLevel.CENTRAL)]
    p = project(first_allocation_year=2021, allocation_extension_years=1)
    b = only(check_plan(draft(sources=sources, projects=[p], lines=[Line("P1", "NSTW", TY)])), "PI-06")
    assert "Thủ tướng Chính phủ" in b.explanation and "Hội đồng nhân dân" not in b.explanation


@pytest.mark.parametrize(
    ("total", "most"), [(10_000 * TY - 1, 1), (10_000 * TY, 2), (30_000 * TY - 1, 2), (30_000 * TY, 1)]
)
def test_large_group_a_projects_may_extend_two_years(total, most) -> None:
    p = project(group=ProjectGroup.A, first_allocation_year=2018, allocation_extension_years=1, total_investment=total)
    b = only(check_plan(draft(projects=[p])), "PI-06")
    assert b.facts["administrative_extension_years"] == most
    assert b.citation.endswith("Điều 57 khoản 3" if most == 2 else "Điều 57 khoản 3 điểm d")


@pytest.mark.parametrize(
    ("decided", "citation", "who"),
    [
        (date(2024, 12, 31), "Luật Đầu tư công 2019, Điều 52 khoản 2", "mọi trường hợp kéo dài"),
        (date(2025, 1, 1), "Luật Đầu tư công 2024, Điều 57 khoản 3", "Chủ tịch Ủy ban nhân dân"),
    ],
)
def test_allocation_period_cites_the_law_in_force_on_the_decision_day(decided, citation, who) -> None:
    b = only(
        check_plan(draft(plan=annual(2025, decided_on=decided), projects=[project(first_allocation_year=2022)])),
        "PI-06",
    )
    assert b.citation == citation and who in b.explanation


def test_an_undecided_plan_cites_the_law_of_1_january_of_its_year() -> None:
    assert annual(2025, decided_on=None).law_day == date(2025, 1, 1)
    assert law_in_force(date(2024, 12, 31)).number == "39/2019/QH14"
    assert law_in_force(date(2025, 1, 1)).number == "58/2024/QH15"


def test_after_law_90_2025_the_citation_asks_to_verify() -> None:
    b = only(check_plan(draft(plan=annual(2025, decided_on=date(2025, 7, 1)), projects=[project(need=1)])), "OVER_NEED")
    assert b.verify and "sửa đổi bởi Luật 90/2025" in b.citation
    before = only(
        check_plan(draft(plan=annual(2025, decided_on=date(2025, 6, 30)), projects=[project(need=1)])), "OVER_NEED"
    )
    assert not before.verify


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (2026, 2028, None),  # group C: 2026-2028, the whole plan
        (2024, 2030, WARNING),
        (2023, 2030, ERROR),  # 2023-2025: past its period from the plan's first year
        (None, 2030, None),  # not started: its years in the period are not known
    ],
)
def test_a_medium_term_plan_judges_its_first_and_last_years(first, last, expected) -> None:
    p = project(first_allocation_year=first)
    breaches = check_plan(draft(plan=medium(2026, last), projects=[p]))
    if expected is None:
        assert breaches == []
        return
    b = only(breaches, "PI-06")
    assert b.severity is expected
    assert ("tính đến năm cuối kỳ 2030" in b.explanation) is (expected is WARNING)


# ---------------------------------------------------------------------------------------------------------------
# PI-07: projects carried into the next period


def carried(amount, base_lines=1_000 * TY, **changes):
    """P1 carried into the next period with `amount`; the plan's local lines total `base_lines`."""
    p1 = project("P1", transitional_into_next_period=True, carried_amount=amount, **changes)
    p2 = project("P2")
    lines = [Line("P1", "NSDP", 100 * TY), Line("P2", "NSDP", base_lines - 100 * TY)]
    return draft(plan=medium(), projects=[p1, p2], lines=lines, sources=[source(available=base_lines)])


@pytest.mark.parametrize(
    ("amount", "severity", "excess"),
    [
        (200 * TY, None, 0),  # exactly 20%
        (200 * TY + 1, WARNING, 1),
        (500 * TY, WARNING, 300 * TY),  # exactly 50%: allowed with the Council's approval
        (500 * TY + 1, ERROR, 1),
    ],
)
def test_transitional_projects_above_20_percent(amount, severity, excess) -> None:
    breaches = check_plan(carried(amount))
    if severity is None:
        assert breaches == []
        return
    b = only(breaches, "PI-07")
    assert (b.severity, b.amount, b.facts["budget"]) == (severity, excess, "local")
    assert "Hội đồng nhân dân cùng cấp" in b.explanation
    assert "Điều 93 khoản 2, khoản 3" in b.citation


def test_transitional_share_is_shown() -> None:
    b = only(check_plan(carried(250 * TY)), "PI-07")
    assert "bằng 25,00% số vốn kế hoạch trung hạn 2026–2030 (1.000 tỷ đồng)" in b.explanation
    assert b.facts["share_basis_points"] == 2500


def test_transitional_total_investment_counts_when_no_carried_amount_is_given() -> None:
    assert keys(check_plan(carried(None, total_investment=201 * TY))) == ["PI-07"]
    assert check_plan(carried(None, total_investment=200 * TY)) == []


def test_transitional_without_any_amount_cannot_be_checked() -> None:
    b = only(check_plan(carried(None)), "PI-07")
    assert (b.severity, b.project) == (WARNING, "P1")


@pytest.mark.parametrize(
    "changes", [{"group": ProjectGroup.NATIONAL}, {"tier": Tier.NATIONAL_PROGRAMME}, {"tier": Tier.ODA}]
)
def test_national_programmes_national_projects_and_oda_are_not_counted(changes) -> None:
    assert check_plan(carried(900 * TY, **changes)) == []


def test_central_and_local_budgets_are_judged_apart() -> None:
    sources = [source("NSDP"), source("NSTW", level=BudgetLevel.CENTRAL)]
    p1 = project("P1", transitional_into_next_period=True, carried_amount=300 * TY)
    p2 = project("P2")
    lines = [Line("P1", "NSTW", 100 * TY), Line("P1", "NSDP", 100 * TY), Line("P2", "NSDP", 900 * TY)]
    # P1's 300 bn split half and half: 150 of local 1.000 (15%), 150 of central 100 (150%)
    b = only(check_plan(draft(plan=medium(), sources=sources, projects=[p1, p2], lines=lines)), "PI-07")
    assert (b.severity, b.facts["budget"]) == (ERROR, "central")
    assert "Thủ tướng Chính phủ" in b.explanation


def test_national_programme_and_legal_revenue_sources_are_not_counted() -> None:
    sources = [source("NSDP"), source("MTQG", kind=SourceKind.NATIONAL_PROGRAMME)]
    p1 = project("P1", transitional_into_next_period=True, carried_amount=900 * TY)
    lines = [Line("P1", "MTQG", 100 * TY), Line("P2", "NSDP", 900 * TY)]
    assert check_plan(draft(plan=medium(), sources=sources, projects=[p1, project("P2")], lines=lines)) == []


def test_the_base_may_be_given() -> None:
    d = carried(200 * TY)
    plan = replace(d.plan, transitional_base={BudgetLevel.LOCAL: 1_000 * TY - 5})
    assert keys(check_plan(replace(d, plan=plan))) == ["PI-07"]


def test_annual_plans_are_not_judged_for_transitional_projects() -> None:
    d = carried(900 * TY)
    assert check_plan(replace(d, plan=annual(2026))) == []


# ---------------------------------------------------------------------------------------------------------------
# PI-09: who may decide an adjustment


def adjustment(plan, approved, lines, sources=None, projects=None) -> DraftPlan:
    projects = projects or [
        project("P1", owner_unit="U1"),
        project("P2", owner_unit="U1"),
        project("P3", owner_unit="U2"),
    ]
    return draft(plan=plan, sources=sources, projects=projects, lines=lines, approved=approved)


APPROVED = [Line("P1", "NSDP", 10 * TY), Line("P2", "NSDP", 10 * TY), Line("P3", "NSDP", 10 * TY)]
TOTAL_UP = [Line("P1", "NSDP", 11 * TY), Line("P2", "NSDP", 10 * TY), Line("P3", "NSDP", 10 * TY)]
BETWEEN_UNITS = [Line("P1", "NSDP", 12 * TY), Line("P2", "NSDP", 10 * TY), Line("P3", "NSDP", 8 * TY)]
WITHIN_UNIT = [Line("P1", "NSDP", 12 * TY), Line("P2", "NSDP", 8 * TY), Line("P3", "NSDP", 10 * TY)]


@pytest.mark.parametrize(
    ("plan", "lines", "case", "body", "article"),
    [
        (annual(), TOTAL_UP, AdjustmentCase.TOTAL_CHANGED, PC, "Điều 71 khoản 7"),
        (annual(), BETWEEN_UNITS, AdjustmentCase.BETWEEN_UNITS, PC, "Điều 71 khoản 7 điểm c"),
        (annual(), WITHIN_UNIT, AdjustmentCase.WITHIN_UNIT, PCOM, "Điều 71 khoản 8 điểm b"),
        (medium(), TOTAL_UP, AdjustmentCase.TOTAL_CHANGED, PC, "Điều 71 khoản 7"),
        (medium(), BETWEEN_UNITS, AdjustmentCase.BETWEEN_UNITS, PCOM, "Điều 71 khoản 8 điểm a"),
        (medium(), WITHIN_UNIT, AdjustmentCase.WITHIN_UNIT, PCOM, "Điều 71 khoản 8 điểm b"),
    ],
)
def test_required_authority_for_local_budget(plan, lines, case, body, article) -> None:
    authority = required_authority(adjustment(plan, APPROVED, lines))
    (requirement,) = authority.requirements
    assert (requirement.case, requirement.body, authority.body) == (case, body, body)
    assert requirement.citation.startswith("Luật Đầu tư công 2024") and article in requirement.citation
    assert body.label.vi in authority.reason


def test_required_authority_explains_what_moved() -> None:
    authority = required_authority(adjustment(annual(), APPROVED, BETWEEN_UNITS))
    assert authority.reason.startswith(
        "điều chuyển 2 tỷ đồng vốn ngân sách địa phương giữa các cơ quan, đơn vị (U1, U2)"
    )
    assert authority.requirements[0].amount == 2 * TY
    within = required_authority(adjustment(annual(), APPROVED, WITHIN_UNIT))
    assert "trong nội bộ đơn vị U1" in within.reason


def test_under_the_2019_law_medium_term_moves_between_units_go_to_the_council() -> None:
    plan = medium(2021, 2025, decided_on=date(2024, 12, 31))
    (requirement,) = required_authority(adjustment(plan, APPROVED, BETWEEN_UNITS)).requirements
    assert requirement.body is PC and requirement.citation.startswith("Luật Đầu tư công 2019, Điều 67")
    assert requirement.verify
    plan = medium(2021, 2025, decided_on=date(2025, 1, 1))
    assert required_authority(adjustment(plan, APPROVED, BETWEEN_UNITS)).body is PCOM


@pytest.mark.parametrize(
    ("lines", "recorded", "expected"),
    [
        (TOTAL_UP, PC, None),
        (TOTAL_UP, PCOM, ERROR),
        (TOTAL_UP, DecidingBody.NONE, INFO),
        (BETWEEN_UNITS, PCOM, ERROR),
        (BETWEEN_UNITS, PC, None),
        (WITHIN_UNIT, PCOM, None),
        (WITHIN_UNIT, PC, None),  # the Council may always decide what its Committee may
        (WITHIN_UNIT, DecidingBody.PROVINCIAL_CHAIRMAN, ERROR),  # Art. 71 gives it to the Committee, not its Chairman
        (WITHIN_UNIT, DecidingBody.COMMUNE_COMMITTEE, ERROR),  # another level's body
        (WITHIN_UNIT, DecidingBody.NONE, INFO),
        (APPROVED, DecidingBody.NONE, None),  # nothing changed
    ],
)
def test_recorded_deciding_body_against_the_required_one(lines, recorded, expected) -> None:
    breaches = check_plan(adjustment(annual(deciding_body=recorded), APPROVED, lines))
    pi09 = [b for b in breaches if b.rule == "PI-09"]
    assert [b.severity for b in pi09] == ([] if expected is None else [expected])
    if expected is ERROR:
        assert f"ghi cấp quyết định là {recorded.label.vi}, không đúng thẩm quyền" in pi09[0].explanation
        assert pi09[0].source == "NSDP"


def test_an_original_version_needs_no_adjustment_authority() -> None:
    d = draft(plan=annual(deciding_body=PCOM))
    assert required_authority(d).requirements == () and required_authority(d).body is None
    assert check_plan(d) == []


def test_a_commune_plan_is_decided_by_the_commune_bodies() -> None:
    plan = annual(level=GovernmentLevel.COMMUNE, deciding_body=PCOM)
    authority = required_authority(adjustment(plan, APPROVED, WITHIN_UNIT))
    assert authority.body is DecidingBody.COMMUNE_COMMITTEE
    assert authority.allows(DecidingBody.COMMUNE_COUNCIL) and not authority.allows(PCOM)
    assert [b.severity for b in check_plan(adjustment(plan, APPROVED, WITHIN_UNIT))] == [ERROR]


CENTRAL = [source("NSDP"), source("NSTW", level=BudgetLevel.CENTRAL, kind=SourceKind.TARGETED)]
C_APPROVED = [Line("P1", "NSTW", 10 * TY), Line("P3", "NSTW", 10 * TY)]
C_MOVED = [Line("P1", "NSTW", 12 * TY), Line("P3", "NSTW", 8 * TY)]


def test_central_targeted_capital_moved_in_an_annual_plan_is_for_the_provincial_committee() -> None:
    (r,) = required_authority(adjustment(annual(), C_APPROVED, C_MOVED, sources=CENTRAL)).requirements
    assert (r.budget, r.body, r.may_decide) == (BudgetLevel.CENTRAL, PCOM, frozenset({PCOM, PC}))
    assert r.citation.endswith("Điều 71 khoản 6 điểm a") and "báo cáo Hội đồng nhân dân tỉnh" in r.reason


def test_central_capital_moved_in_a_medium_term_plan_is_for_the_prime_minister() -> None:
    authority = required_authority(adjustment(medium(), C_APPROVED, C_MOVED, sources=CENTRAL))
    assert authority.body is DecidingBody.PRIME_MINISTER and authority.verify


def test_local_and_central_changes_each_need_their_body() -> None:
    approved = APPROVED + C_APPROVED
    lines = TOTAL_UP + C_MOVED
    authority = required_authority(adjustment(medium(), approved, lines, sources=CENTRAL))
    assert [r.body for r in authority.requirements] == [PC, DecidingBody.PRIME_MINISTER]
    assert authority.body is DecidingBody.PRIME_MINISTER  # the highest
    assert not authority.allows(PC)


# ---------------------------------------------------------------------------------------------------------------
# Comparison


def test_compare_line_by_line_with_totals() -> None:
    approved = [Line("P1", "A", 10), Line("P2", "A", 5), Line("P3", "B", 7), Line("P4", "B", 3), Line("P4", "B", 1)]
    draft_lines = [Line("P1", "A", 12), Line("P2", "A", 5), Line("P4", "B", 2), Line("P5", "A", 6)]
    c = compare(approved, draft_lines, {"P1": "U1", "P2": "U1", "P3": "U2", "P4": "U2", "P5": "U1"})
    assert [(x.project, x.source, x.old, x.new, x.delta, x.kind) for x in c.lines] == [
        ("P1", "A", 10, 12, 2, ChangeKind.INCREASE),
        ("P2", "A", 5, 5, 0, ChangeKind.UNCHANGED),
        ("P3", "B", 7, 0, -7, ChangeKind.REMOVED),
        ("P4", "B", 4, 2, -2, ChangeKind.CUT),
        ("P5", "A", 0, 6, 6, ChangeKind.NEW),
    ]
    assert [(x.key, x.old, x.new) for x in c.sources] == [("A", 15, 23), ("B", 11, 2)]
    assert [(x.key, x.old, x.new) for x in c.units] == [("U1", 15, 23), ("U2", 11, 2)]
    assert [(u, x.key, x.delta) for u, x in c.unit_sources] == [("U1", "A", 8), ("U2", "B", -9)]
    assert (c.old_total, c.new_total, c.delta) == (26, 25, -1)
    assert [x.project for x in c.changed] == ["P1", "P3", "P4", "P5"]
    assert ChangeKind.REMOVED.label.zh == "移除"


def test_compare_without_units_and_with_an_unknown_unit() -> None:
    assert compare([], [Line("P1", "A", 1)]).units == ()
    with pytest.raises(ValueError, match="P1"):
        compare([], [Line("P1", "A", 1)], {})


line_lists = st.lists(
    st.builds(
        Line, st.sampled_from(["P1", "P2", "P3", "P4"]), st.sampled_from(["A", "B", "C"]), st.integers(0, 10**13)
    ),
    max_size=12,
)
UNITS = {"P1": "U1", "P2": "U1", "P3": "U2", "P4": "U3"}


@given(line_lists, line_lists)
def test_comparison_deltas_sum_to_the_total_change(old, new) -> None:
    c = compare(old, new, UNITS)
    change = sum(x.amount for x in new) - sum(x.amount for x in old)
    assert c.delta == change
    for part in (c.lines, c.projects, c.sources, c.units, [x for _, x in c.unit_sources]):
        assert sum(x.delta for x in part) == change
    for x in c.lines:
        assert (x.kind is ChangeKind.UNCHANGED) == (x.delta == 0)
        assert (x.kind is ChangeKind.NEW) == (x.old == 0 and x.new > 0)


@given(line_lists)
def test_an_unchanged_version_needs_no_decision(lines) -> None:
    projects = [project(code, owner_unit=unit) for code, unit in UNITS.items()]
    sources = [source("A"), source("B"), source("C", level=BudgetLevel.CENTRAL)]
    d = draft(
        plan=annual(deciding_body=PCOM), sources=sources, projects=projects, lines=lines, approved=list(reversed(lines))
    )
    assert required_authority(d).requirements == ()


# ---------------------------------------------------------------------------------------------------------------
# Output: order, summary, JSON, and inputs refused


def test_breaches_are_sorted_by_severity_then_project_and_summarised() -> None:
    projects = [
        project("P2", has_investment_decision=False),
        project("P1", need=1),
        project("P3", in_medium_term_plan=False),
    ]
    lines = [Line("P2", "NSDP", TY), Line("P1", "NSDP", TY), Line("P3", "NSDP", TY)]
    plan = annual(2026)  # the first year: "not in the medium-term plan" only warns
    breaches = check_plan(draft(plan=plan, projects=projects, lines=lines))
    assert [(b.severity, b.project, b.key) for b in breaches] == [
        (ERROR, "P1", "OVER_NEED"),
        (ERROR, "P2", "PI-04-decision"),
        (WARNING, "P3", "PI-04-medium-term"),
    ]
    assert sort_breaches(reversed(breaches)) == breaches
    summary = summarise(breaches)
    assert (summary.total, summary.errors, summary.warnings, summary.blocking) == (3, 2, 1, True)
    assert summary.by_rule == {"OVER_NEED": 1, "PI-04": 2}
    assert summary.by_severity[INFO] == 0
    assert not summarise([]).blocking


def test_breach_json_has_titles_in_three_languages() -> None:
    b = only(check_plan(draft(projects=[project(need=1)])), "OVER_NEED")
    data = b.to_json()
    assert data["title"] == {
        "vi": "Vượt nhu cầu vốn của dự án",
        "en": "Above the project's capital need",
        "zh": "超过项目资金需求",
    }
    assert (data["severity"], data["project"], data["amount"]) == ("error", "P1", 10 * TY - 1)


def test_every_rule_has_three_titles_and_both_articles() -> None:
    for rule in PLAN_RULES.values():
        assert rule.title.vi and rule.title.en and rule.title.zh
        assert rule.article_2019 and rule.article_2024
        assert rule.cite_on(date(2024, 1, 1)).law.number == "39/2019/QH14"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: draft(lines=[Line("PX", "NSDP", 1)]), "PX"),
        (lambda: draft(lines=[Line("P1", "NSX", 1)]), "NSX"),
        (lambda: draft(projects=[project(), project()]), "trùng"),
        (lambda: draft(approved=[Line("PX", "NSDP", 1)]), "PX"),
    ],
)
def test_inconsistent_drafts_are_refused(make, message) -> None:
    with pytest.raises(ValueError, match=message):
        check_plan(make())


def test_invalid_facts_are_refused() -> None:
    with pytest.raises(ValueError):
        Line("P1", "NSDP", -1)
    with pytest.raises(ValueError):
        PlanFacts(PlanKind.ANNUAL, 2025, 2026)
    with pytest.raises(ValueError):
        PlanFacts(PlanKind.MEDIUM_TERM, 2026, 2025)
