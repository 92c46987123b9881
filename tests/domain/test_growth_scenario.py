"""The growth scenario's arithmetic (docs/contracts/growth-scenario.md): hand-checked examples, the contract's
identities on random inputs, and every refusal."""

import json
import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.domain.growth_cases import CONTRACT_INPUT, REFUSALS, changed
from tiendo.domain.growth import (
    COMPONENTS,
    InvalidScenario,
    ScenarioInput,
    Source,
    compute,
    result_to_json,
    scenario_from_json,
)
from tiendo.domain.growth.scenario import MAX_GROWTH

EXACT = 1e-12

# Two components, numbers that can be checked by hand (docs/targets.md works the same example).
SMALL = ScenarioInput(
    year=2026,
    target_growth=0.15,
    base={"a": (100.0, 100.0, 100.0, 100.0), "b": (300.0, 300.0, 300.0, 300.0)},
    actual_growth={"a": (0.1,), "b": (0.2,)},
    scenario={"a": (0.1, 0.1, 0.1, 0.1), "b": (0.1, 0.1, 0.1, 0.1)},
)


def test_a_small_year_by_hand():
    result = compute(SMALL)
    q1, q2, *_ = result.quarters
    # Q1: (100·0.1 + 300·0.2) / 400 = 70/400; contributions 100·10/400 and 100·60/400
    assert (q1.source, q1.growth, q1.contributions) == (Source.ACTUAL, 0.175, {"a": 2.5, "b": 15.0})
    assert (q2.source, q2.growth) == (Source.SCENARIO, pytest.approx(0.1, abs=EXACT))
    assert q2.contributions == pytest.approx({"a": 2.5, "b": 7.5}, abs=EXACT)
    assert result.ytd_growth == pytest.approx(0.175, abs=EXACT)
    # (0.15·1600 − 70) / 1200 = 170/1200
    assert result.required_growth_remaining == pytest.approx(170 / 1200, abs=EXACT)
    # (70 + 3·40) / 1600 = 0.11875
    assert result.annual_estimate == pytest.approx(0.11875, abs=EXACT)
    assert result.gap_points == pytest.approx(-3.125, abs=EXACT)
    assert result.contributions == pytest.approx({"a": 2.5, "b": 9.375}, abs=EXACT)
    assert result.planned_ytd_growth == pytest.approx(0.1, abs=EXACT)
    assert result.planned_annual == pytest.approx(0.1, abs=EXACT)
    assert result.ytd_component_growth == pytest.approx({"a": 0.1, "b": 0.2}, abs=EXACT)


def test_the_contracts_example():
    result = compute(scenario_from_json(CONTRACT_INPUT))
    out = result_to_json(result)
    assert list(out) == [
        "year",
        "elapsed_quarters",
        "quarters",
        "ytd_growth",
        "required_growth_remaining",
        "annual_estimate",
        "gap_points",
        "contributions",
    ]
    assert (out["year"], out["elapsed_quarters"]) == (2026, 2)
    assert [(q["quarter"], q["source"]) for q in out["quarters"]] == [
        (1, "actual"),
        (2, "actual"),
        (3, "scenario"),
        (4, "scenario"),
    ]
    assert list(out["quarters"][0]) == ["quarter", "source", "growth", "contributions"]
    # Q1: 2100·0.031 + 28000·0.16 + 15000·0.09 + 4000·0.08 = 6215.1 over 49100
    assert out["quarters"][0]["growth"] == pytest.approx(6215.1 / 49100, abs=EXACT)
    assert out["quarters"][0]["contributions"]["industry_construction"] == pytest.approx(448000 / 49100, abs=EXACT)
    # Q2: 69.6 + 5270 + 1520 + 357 = 7216.6 over 53600; the year so far 13431.7 over 102700
    assert out["ytd_growth"] == pytest.approx(13431.7 / 102700, abs=EXACT)
    # B = 221600, Q3 + Q4 base 118900: x = (0.13·214600 − 13431.7) / 111900
    assert out["required_growth_remaining"] == pytest.approx((0.13 * 221600 - 13431.7) / 118900, abs=EXACT)
    # Q3 planned: 73.6 + 5445 + 1700 + 387 = 7605.6; Q4: 85.8 + 6120 + 1995 + 423 = 8623.8
    assert out["annual_estimate"] == pytest.approx((13431.7 + 7605.6 + 8623.8) / 221600, abs=EXACT)
    assert out["gap_points"] == pytest.approx(((13431.7 + 7605.6 + 8623.8) / 221600 - 0.13) * 100, abs=1e-10)


def test_without_a_scenario_the_rest_of_the_year_has_no_source():
    result = compute(scenario_from_json(changed(("scenario", None))))
    assert [q.source for q in result.quarters] == [Source.ACTUAL, Source.ACTUAL, Source.NONE, Source.NONE]
    assert result.quarters[2].growth is result.quarters[2].contributions is None
    assert result.annual_estimate is result.gap_points is result.contributions is None
    assert result.required_growth_remaining is not None and result.ytd_growth is not None
    assert result_to_json(result)["quarters"][3] == {
        "quarter": 4,
        "source": "none",
        "growth": None,
        "contributions": None,
    }


def test_before_the_first_quarter_only_the_scenario_and_the_required_growth():
    result = compute(scenario_from_json(changed(("actual_growth", {c: [] for c in COMPONENTS}))))
    assert result.elapsed_quarters == 0 and result.ytd_growth is None
    assert all(q.source is Source.SCENARIO for q in result.quarters)
    # nothing published: every quarter needs the target itself
    assert result.required_growth_remaining == pytest.approx(0.13, abs=EXACT)
    # `actual_growth: null` reads as no quarter published
    nothing = compute(scenario_from_json(changed(("actual_growth", None), ("scenario", None))))
    assert nothing.ytd_growth is nothing.annual_estimate is None and nothing.required_growth_remaining is not None


def test_all_four_published_needs_no_scenario_and_nothing_more():
    data = changed(("scenario", None), *((f"actual_growth.{c}", [0.1, 0.12, 0.11, 0.13]) for c in COMPONENTS))
    result = compute(scenario_from_json(data))
    assert result.required_growth_remaining is None
    assert result.annual_estimate == pytest.approx(result.ytd_growth, abs=EXACT)
    assert result.contributions is not None and result.gap_points is not None


def test_a_component_without_base_weighs_nothing():
    data = changed(("base.product_taxes", [0.0, 0.0, 0.0, 0.0]), ("actual_growth.product_taxes", [5.0, 5.0]))
    result = compute(scenario_from_json(data))
    assert result.quarters[0].contributions["product_taxes"] == 0
    assert result.ytd_component_growth["product_taxes"] == 0


def test_unknown_keys_are_ignored_and_integers_are_numbers():
    data = changed(("note", "kịch bản cơ sở"), ("target_growth", 0), ("base.services", [15000, 16000, 17000, 19000]))
    assert compute(scenario_from_json(data)).target_growth == 0.0


@pytest.mark.parametrize(("data", "field", "fragment"), REFUSALS)
def test_every_refusal_is_one_vietnamese_sentence_naming_the_field(data, field, fragment):
    with pytest.raises(InvalidScenario) as refused:
        scenario_from_json(data)
    message = str(refused.value)
    assert fragment in message and (field is None or field in message), message
    assert message.endswith(".") and "\n" not in message and message.count(". ") == 0, message


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, 10**400])
def test_nan_and_infinity_are_refused(bad):
    with pytest.raises(InvalidScenario, match=r'"base.services\[0\]" phải là một số'):
        scenario_from_json(changed(("base.services", [bad, 1.0, 1.0, 1.0])))
    with pytest.raises(InvalidScenario, match=r'"actual_growth.services\[1\]"'):
        scenario_from_json(changed(("actual_growth.services", [0.1, bad])))
    with pytest.raises(InvalidScenario, match='"target_growth"'):
        scenario_from_json(changed(("target_growth", bad)))


def test_the_checks_hold_for_python_callers_too():
    with pytest.raises(InvalidScenario, match='"scenario.b" phải là danh sách 4'):
        ScenarioInput(2026, 0.1, SMALL.base, {}, {"a": (0.1,) * 4, "b": (0.1,) * 3})
    with pytest.raises(InvalidScenario, match='"actual_growth.b" có 1 quý đã công bố, khác với 2 quý'):
        ScenarioInput(2026, 0.1, SMALL.base, {"a": (0.1, 0.1), "b": (0.1,)})


# --- the contract's identities on random years ----------------------------------------------------------------------

growths = st.floats(-1, 2, allow_nan=False)


@st.composite
def years(draw):
    names = draw(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), min_size=1, max_size=5, unique=True))
    base = {c: tuple(draw(st.lists(st.floats(0, 1e5, allow_subnormal=False), min_size=4, max_size=4))) for c in names}
    assume(all(sum(row[q] for row in base.values()) >= 1 for q in range(4)))
    elapsed = draw(st.integers(0, 4))
    actual = {c: tuple(draw(st.lists(growths, min_size=elapsed, max_size=elapsed))) for c in names}
    scenario = None
    if draw(st.booleans()):
        scenario = {c: tuple(draw(st.lists(growths, min_size=4, max_size=4))) for c in names}
    return ScenarioInput(draw(st.integers(1990, 2100)), draw(growths), base, actual, scenario)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(years())
def test_contributions_add_up_to_growth(data):
    result = compute(data)
    for q in result.quarters:
        if q.growth is not None:
            assert math.fsum(q.contributions.values()) == pytest.approx(q.growth * 100, abs=1e-9)
            # the contract's definition: Y[q] / Σ b − 1
            y = math.fsum(data.base[c][q.quarter - 1] * (1 + q.component_growth[c]) for c in data.base)
            assert q.growth == pytest.approx(y / q.base - 1, abs=1e-9)
    if result.annual_estimate is not None:
        assert math.fsum(result.contributions.values()) == pytest.approx(result.annual_estimate * 100, abs=1e-9)
        assert result.gap_points == pytest.approx((result.annual_estimate - data.target_growth) * 100, abs=1e-9)
    else:
        assert data.scenario is None and result.contributions is None and result.gap_points is None
    assert (result.ytd_growth is None) == (data.elapsed == 0)
    if data.elapsed == 4:
        assert result.ytd_growth == pytest.approx(result.annual_estimate, abs=1e-9)
        assert result.required_growth_remaining is None


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(years())
def test_the_required_growth_in_every_remaining_quarter_meets_the_target_exactly(data):
    required = compute(data).required_growth_remaining
    assume(required is not None)
    elapsed = data.elapsed
    if -1 <= required <= MAX_GROWTH:
        rest = (required,) * (4 - elapsed)
        filled = ScenarioInput(
            data.year, data.target_growth, data.base, {c: data.actual_growth.get(c, ()) + rest for c in data.base}
        )
        assert compute(filled).annual_estimate == pytest.approx(data.target_growth, abs=1e-9)
    else:  # out of the contract's range of growth: the equation itself
        published = math.fsum(
            data.base[c][q] * (1 + data.actual_growth[c][q]) for c in data.base for q in range(elapsed)
        )
        left = math.fsum(data.base[c][q] for c in data.base for q in range(elapsed, 4))
        total = math.fsum(v for row in data.base.values() for v in row)
        assert published + (1 + required) * left == pytest.approx(
            (1 + data.target_growth) * total, rel=1e-12, abs=1e-12 * total
        )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.just(10**400) | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)
PLACES = ["year", "target_growth", "base", "base.services", "actual_growth", "actual_growth.services", "scenario"]


@settings(max_examples=300)
@given(st.sampled_from(PLACES), json_values)
def test_any_value_anywhere_is_read_or_refused_in_a_sentence(place, value):
    try:
        result = compute(scenario_from_json(changed((place, value))))
    except InvalidScenario as refused:
        assert str(refused).endswith(".") and "\n" not in str(refused)
    else:
        json.dumps(result_to_json(result), allow_nan=False)
