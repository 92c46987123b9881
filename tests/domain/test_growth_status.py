"""Targets' status (GRDP and other indicators), the alerts, and sectors rolled up to components: hand-checked cases at
the thresholds, and the roll-up's invariant on random sectors."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.domain.growth_cases import CONTRACT_INPUT
from tiendo.domain.growth import (
    Direction,
    IndicatorTarget,
    Reading,
    RequiredTooHigh,
    ScenarioInput,
    Shortfall,
    Status,
    component_of_section,
    compute,
    grdp_alerts,
    grdp_ceiling,
    grdp_status,
    indicator_alert,
    indicator_status,
    roll_up,
    roll_up_quarters,
    roll_up_sections,
    scenario_from_json,
)

S = Status


def one(actual, scenario=None, target=0.1, base=(100.0, 100.0, 100.0, 100.0)):
    """A year of one component: a quarter's growth is the component's."""
    return compute(
        ScenarioInput(2026, target, {"g": base}, {"g": tuple(actual)}, None if scenario is None else {"g": scenario})
    )


FLAT = (0.1, 0.1, 0.1, 0.1)


@pytest.mark.parametrize(
    ("actual", "status"),
    [
        ((0.1, 0.1), S.ON_TRACK),  # annual 10 % = target
        ((0.094, 0.094), S.AT_RISK),  # annual (0.188 + 0.2)/4 = 9.7 %: 0.3 points short; needs 10.6 % ≤ 10 + 2
        ((0.09, 0.09), S.OFF_TRACK),  # annual 9.5 %: 0.5 points short, the margin itself
        ((0.0901, 0.0901), S.AT_RISK),  # 0.495 points short
        ((0.08, 0.08), S.OFF_TRACK),  # 1 point short
    ],
)
def test_grdp_with_a_scenario_is_judged_by_its_estimate(actual, status):
    assert grdp_status(one(actual, FLAT)) is status


def test_the_contracts_example_is_on_track():
    result = compute(scenario_from_json(CONTRACT_INPUT))
    assert grdp_status(result) is S.ON_TRACK
    assert grdp_ceiling(result) == pytest.approx(result.quarters[3].growth)  # Q4 is the scenario's highest


def test_a_required_growth_out_of_reach_is_off_track_though_the_estimate_is_close():
    # Q4 weighs 10 of 310: annual (29.7 + 1)/310 = 9.90 % (0.1 point short), but Q4 needs (31 − 29.7)/10 = 13 %
    result = one((0.099, 0.099, 0.099), FLAT, base=(100.0, 100.0, 100.0, 10.0))
    assert result.required_growth_remaining == pytest.approx(0.13)
    assert grdp_status(result) is S.OFF_TRACK
    assert grdp_status(result, reach_points=3.5) is S.AT_RISK


@pytest.mark.parametrize(
    ("first", "status"),
    [
        (0.12, S.ON_TRACK),  # the rest need (0.4 − 0.12)/3 = 9.33 % ≤ 12 %
        (0.098, S.AT_RISK),  # they need 10.07 %: 0.27 points above the pace so far, within the best quarter + 2
        (0.05, S.OFF_TRACK),  # they need 11.67 %
    ],
)
def test_grdp_without_a_scenario_compares_the_pace_so_far_with_the_pace_needed(first, status):
    assert grdp_status(one((first,))) is status


def test_a_finished_year_is_met_or_not_and_nothing_is_no_data():
    assert grdp_status(one((0.1, 0.1, 0.1, 0.1))) is S.MET
    assert grdp_status(one((0.1, 0.1, 0.1, 0.0999))) is S.OFF_TRACK
    assert grdp_status(one(())) is S.NO_DATA
    assert grdp_status(one((), FLAT)) is S.ON_TRACK
    assert S.AT_RISK.label == "có nguy cơ không đạt"


REVENUE = IndicatorTarget(12000.0, cumulative=True)


@pytest.mark.parametrize(
    ("target", "reading", "status"),
    [
        (REVENUE, Reading(6000.0, 6), S.ON_TRACK),  # half the year, half the target
        (REVENUE, Reading(5700.0, 6), S.AT_RISK),  # 5 % short of 6,000
        (REVENUE, Reading(5699.0, 6), S.OFF_TRACK),
        (REVENUE, Reading(12000.0, 12), S.MET),
        (REVENUE, Reading(11999.0, 12), S.OFF_TRACK),  # a finished year is never "at risk"
        (REVENUE, None, S.NO_DATA),
        # the first half weighs 6 of 24: 3,000 is due after six months
        (IndicatorTarget(12000.0, cumulative=True, seasonal=(1.0,) * 6 + (3.0,) * 6), Reading(3000.0, 6), S.ON_TRACK),
        # a range 13–13.5 %: its low end is the bar, whatever the months
        (IndicatorTarget(0.13, 0.135), Reading(0.131, 9), S.ON_TRACK),
        (IndicatorTarget(0.13, 0.135), Reading(0.1236, 9), S.AT_RISK),
        (IndicatorTarget(0.13, 0.135), Reading(0.12, 9), S.OFF_TRACK),
        # lower is better (a poverty rate 1.5–2 %): its high end is the bar
        (IndicatorTarget(0.015, 0.02, Direction.LOWER), Reading(0.019, 6), S.ON_TRACK),
        (IndicatorTarget(0.015, 0.02, Direction.LOWER), Reading(0.0209, 6), S.AT_RISK),
        (IndicatorTarget(0.015, 0.02, Direction.LOWER), Reading(0.025, 6), S.OFF_TRACK),
        (IndicatorTarget(0.015, 0.02, Direction.LOWER), Reading(0.0201, 12), S.OFF_TRACK),
    ],
)
def test_other_indicators(target, reading, status):
    assert indicator_status(target, reading) is status


def test_an_indicator_target_must_make_sense():
    with pytest.raises(ValueError, match="ordered"):
        IndicatorTarget(0.135, 0.13)
    with pytest.raises(ValueError, match="12 non-negative"):
        IndicatorTarget(1.0, cumulative=True, seasonal=(1.0,) * 11)
    with pytest.raises(ValueError, match="months covered"):
        REVENUE.share(13)


def test_shortfalls_by_quarter_and_component_carry_their_figures():
    result = compute(scenario_from_json(CONTRACT_INPUT))
    assert grdp_alerts(result) == []  # nothing more than 0.5 points below the scenario
    (found,) = grdp_alerts(result, threshold_points=0.05)
    # agriculture grew 2.9 % in Q2 against 3 % planned; it weighs 2,400 of 53,600
    assert (found.quarter, found.component, found.actual, found.planned) == (2, "agriculture", 0.029, 0.03)
    assert found.gap_points == pytest.approx(-0.1)
    assert found.effect_points == pytest.approx(100 * 2400 * -0.001 / 53600)


def test_a_quarter_below_the_scenario_and_a_required_growth_beyond_it():
    result = one((0.099, 0.07, 0.099), FLAT, base=(100.0, 100.0, 100.0, 10.0))
    grdp, component, too_high = grdp_alerts(result)
    assert grdp == Shortfall(2026, 2, None, 0.07, 0.1, pytest.approx(-3.0), pytest.approx(-3.0))
    assert component == Shortfall(2026, 2, "g", 0.07, 0.1, pytest.approx(-3.0), pytest.approx(-3.0))
    assert isinstance(too_high, RequiredTooHigh) and too_high.remaining == (4,)
    # Q4 needs (0.1·310 − 9.9 − 7 − 9.9)/10 = 42 %
    assert too_high.required == pytest.approx(0.42) and too_high.highest_planned == pytest.approx(0.1)
    assert too_high.excess_points == pytest.approx(32.0)
    assert [a.key for a in (grdp, component, too_high)] == [
        "shortfall:2026:Q2:grdp",
        "shortfall:2026:Q2:g",
        "required:2026:Q4-Q4",
    ]
    assert grdp_alerts(one((0.05,))) == []  # no scenario: nothing to fall short of


def test_an_indicator_behind_its_path():
    behind = indicator_alert("Thu ngân sách", REVENUE, Reading(5000.0, 6), unit="tỷ đồng")
    assert behind is not None and behind.status is S.OFF_TRACK and behind.expected == 6000.0
    assert behind.key == "indicator:Thu ngân sách:6"
    assert indicator_alert("Thu ngân sách", REVENUE, Reading(6100.0, 6)) is None
    assert indicator_alert("Thu ngân sách", REVENUE, None) is None


# --- roll-up -----------------------------------------------------------------------------------------------------


def test_industry_is_its_sectors_weighted_by_base():
    # manufacturing, electricity, mining, construction: 3,600 + 300 − 50 + 480 = 4,330 over 28,000
    base, growth = roll_up([(20000.0, 0.18), (3000.0, 0.10), (1000.0, -0.05), (4000.0, 0.12)])
    assert base == 28000.0 and growth == pytest.approx(4330 / 28000, abs=1e-15)
    assert roll_up([(0.0, 0.3)]) == (0.0, 0.0) and roll_up([]) == (0.0, 0.0)


def test_sections_roll_up_to_their_component_quarter_by_quarter():
    assert [component_of_section(s) for s in ("a", "C", "F", "G", "U")] == [
        "agriculture",
        "industry_construction",
        "industry_construction",
        "services",
        "services",
    ]
    rolled = roll_up_sections(
        {"C": [(300.0, 0.2), (300.0, 0.1)], "F": [(100.0, 0.0), (100.0, 0.1)], "A": [(50.0, 0.03)] * 2}
    )
    assert rolled["industry_construction"] == ((400.0, pytest.approx(0.15)), (400.0, pytest.approx(0.1)))
    assert rolled["agriculture"] == ((50.0, 0.03), (50.0, 0.03))
    with pytest.raises(ValueError, match="different numbers of quarters"):
        roll_up_quarters([[(1.0, 0.1)], [(1.0, 0.1), (1.0, 0.1)]])
    with pytest.raises(KeyError):
        component_of_section("V")


sector = st.tuples(st.floats(0, 1e5, allow_subnormal=False), st.floats(-1, 2))


@settings(max_examples=300)
@given(st.lists(st.lists(sector, min_size=1, max_size=6), min_size=1, max_size=4), st.floats(1, 1e6))
def test_a_rolled_up_component_contributes_what_its_sectors_do(components, others):
    """Each component's sectors rolled up: the quarter's growth and each component's contribution are unchanged."""
    rolled = [roll_up(sectors) for sectors in components]
    total = others + math.fsum(b for sectors in components for b, _ in sectors)
    for sectors, (base, growth) in zip(components, rolled, strict=True):
        assert base == pytest.approx(math.fsum(b for b, _ in sectors), rel=1e-12)
        assert min(g for _, g in sectors) - 1e-12 <= growth or base == 0
        assert growth <= max(g for _, g in sectors) + 1e-12 or base == 0
        together = 100 * base * growth / total
        assert together == pytest.approx(math.fsum(100 * b * g / total for b, g in sectors), abs=1e-9)
