"""Disbursement deadlines, the S-curve, slow projects and transfer candidates, at their boundaries."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiendo.domain.disbursement import (
    DEFAULT_TARGET_PATH,
    DeadlineReason,
    Pace,
    PaceResult,
    ProjectDisbursement,
    Projection,
    SourceAllocation,
    TargetPoint,
    Thresholds,
    TransferProject,
    TransferRules,
    classify,
    cumulative_series,
    deadline,
    medium_term_deadline,
    target_percent,
    transfer_candidates,
)
from tiendo.domain.plan_checks import Tier

TY, TRIEU = 10**9, 10**6

# ---------------------------------------------------------------------------------------------------------------
# Deadlines


def test_a_years_capital_is_disbursable_until_31_january_of_the_next_year() -> None:
    d = deadline(2025)
    assert (d.day, d.reason, d.rule, d.error) == (date(2026, 1, 31), DeadlineReason.NORMAL, "PI-11", None)
    assert d.citation == "Luật Đầu tư công 2024, Điều 72 khoản 1"
    assert d.explanation == "Vốn kế hoạch năm 2025 được thực hiện và giải ngân đến hết ngày 31/01/2026."


@pytest.mark.parametrize(
    ("added", "day", "reason"),
    [
        (date(2025, 9, 30), date(2026, 1, 31), DeadlineReason.NORMAL),
        (date(2025, 10, 1), date(2026, 12, 31), DeadlineReason.ADDED_AFTER_SEPTEMBER),
        (date(2026, 1, 10), date(2026, 12, 31), DeadlineReason.ADDED_AFTER_SEPTEMBER),
        (date(2024, 12, 20), date(2026, 1, 31), DeadlineReason.NORMAL),
    ],
)
def test_capital_added_after_30_september_runs_to_31_december_of_the_next_year(added, day, reason) -> None:
    d = deadline(2025, capital_added_on=added)
    assert (d.day, d.reason) == (day, reason)


@pytest.mark.parametrize(
    ("until", "day", "error"),
    [
        (date(2026, 12, 31), date(2026, 12, 31), False),
        (date(2027, 1, 1), date(2026, 12, 31), True),
        (date(2026, 6, 30), date(2026, 6, 30), False),
        (date(2026, 1, 15), date(2026, 1, 31), False),  # earlier than the law's own deadline: changes nothing
    ],
)
def test_an_extension_runs_at_most_to_31_december_of_the_next_year(until, day, error) -> None:
    d = deadline(2025, extended_until=until)
    assert d.day == day
    assert (d.error is not None) is error
    if error:
        assert d.error == (
            "Không được kéo dài thời gian thực hiện và giải ngân vốn kế hoạch năm 2025 đến ngày 01/01/2027: thời hạn "
            "kéo dài tối đa là hết ngày 31/12/2026."
        )
    if d.reason is DeadlineReason.EXTENDED:
        assert d.rule == "PI-12" and "Điều 72 khoản 2" in d.citation


@pytest.mark.parametrize(
    ("decided", "citation", "who", "verify"),
    [
        (date(2024, 12, 31), "Luật Đầu tư công 2019, Điều 68 — căn cứ cần kiểm tra lại", "Hội đồng nhân dân", True),
        (date(2025, 1, 1), "Luật Đầu tư công 2024, Điều 72 khoản 2", "Chủ tịch Ủy ban nhân dân", False),
        (date(2025, 7, 1), "Luật Đầu tư công 2024 (sửa đổi bởi Luật 90/2025/QH15), Điều 72 khoản 2", "Chủ tịch", True),
    ],
)
def test_extension_cites_the_law_in_force_on_the_decision_day(decided, citation, who, verify) -> None:
    d = deadline(2025, extended_until=date(2026, 6, 30), decided_on=decided)
    assert d.citation.startswith(citation) and who in d.explanation and d.verify is verify


def test_the_plan_year_picks_the_law_when_no_decision_day_is_given() -> None:
    assert deadline(2024).citation.startswith("Luật Đầu tư công 2019")
    assert deadline(2025).citation.startswith("Luật Đầu tư công 2024")


def test_a_medium_term_plan_is_disbursable_until_31_january_after_its_last_year() -> None:
    d = medium_term_deadline(2021, 2025, decided_on=date(2021, 6, 1))
    assert (d.day, d.rule, d.citation, d.verify) == (
        date(2026, 1, 31),
        "PI-13",
        "Luật Đầu tư công 2019, Điều 68 khoản 1",
        False,
    )
    later = medium_term_deadline(2026, 2030)
    assert later.day == date(2031, 1, 31) and later.verify


# ---------------------------------------------------------------------------------------------------------------
# Monthly series


def test_cumulative_series_fills_missing_months_and_counts_percent() -> None:
    monthly = {date(2025, 1, 1): 10 * TY, date(2025, 3, 1): 20 * TY, date(2026, 1, 1): 5 * TY}
    points = cumulative_series(monthly, 40 * TY, 2025)
    assert len(points) == 13 and points[-1].month == date(2026, 1, 1)
    assert [(p.amount, p.cumulative, p.percent) for p in points[:4]] == [
        (10 * TY, 10 * TY, Decimal("25.00")),
        (0, 10 * TY, Decimal("25.00")),
        (20 * TY, 30 * TY, Decimal("75.00")),
        (0, 30 * TY, Decimal("75.00")),
    ]
    assert points[-1].percent == Decimal("87.50")


def test_cumulative_series_runs_to_the_day_asked_and_sums_repeated_months() -> None:
    points = cumulative_series([(date(2025, 2, 1), 1), (date(2025, 2, 1), 2)], 3, 2025, through=date(2025, 5, 20))
    assert [p.month.month for p in points] == [1, 2, 3, 4, 5]
    assert points[-1].cumulative == 3 and points[-1].percent == Decimal("100.00")
    assert cumulative_series({}, 10, 2025) == []
    assert cumulative_series({}, 0, 2025, through=date(2025, 1, 31))[0].percent == Decimal(0)


@pytest.mark.parametrize(
    ("month", "message"),
    [(date(2025, 2, 2), "đầu tháng"), (date(2024, 12, 1), "ngoài"), (date(2027, 1, 1), "ngoài")],
)
def test_cumulative_series_refuses_months_it_cannot_place(month, message) -> None:
    with pytest.raises(ValueError, match=message):
        cumulative_series({month: 1}, 10, 2025)


def test_the_last_month_of_an_extension_is_accepted() -> None:
    assert cumulative_series({date(2026, 12, 1): 1}, 10, 2025)[-1].month == date(2026, 12, 1)


months = st.integers(0, 23).map(lambda i: date(2025 + i // 12, i % 12 + 1, 1))


@given(st.lists(st.tuples(months, st.integers(0, 10**13)), max_size=30), st.integers(0, 10**14))
def test_cumulative_series_never_falls_when_amounts_are_not_negative(monthly, allocated) -> None:
    points = cumulative_series(monthly, allocated, 2025)
    for before, after in zip(points, points[1:], strict=False):
        assert after.cumulative >= before.cumulative and after.percent >= before.percent
        assert (after.month.year * 12 + after.month.month) - (before.month.year * 12 + before.month.month) == 1
    if points:
        assert points[-1].cumulative == sum(amount for _, amount in monthly)


# ---------------------------------------------------------------------------------------------------------------
# Target path


@pytest.mark.parametrize(
    ("day", "percent"),
    [
        (date(2024, 12, 31), "0.00"),
        (date(2025, 3, 31), "15.00"),
        (date(2025, 6, 30), "45.00"),
        (date(2025, 9, 30), "70.00"),
        (date(2025, 12, 31), "95.00"),
        (date(2026, 1, 31), "100.00"),
        (date(2026, 5, 1), "100.00"),
        (date(2025, 1, 1), "0.17"),  # 15 % over 90 days
        (date(2025, 5, 15), "29.84"),  # 15 + 30 * 45/91
    ],
)
def test_target_path_is_linear_by_day_between_points(day, percent) -> None:
    assert target_percent(day, 2025) == Decimal(percent)


def test_target_path_is_configurable_and_checked() -> None:
    path = (TargetPoint(6, 30, Decimal(50)), TargetPoint(12, 31, Decimal(100)))
    assert target_percent(date(2025, 6, 30), 2025, path) == Decimal(50)
    for bad in (
        (),
        (TargetPoint(6, 30, Decimal(50)), TargetPoint(3, 31, Decimal(60))),
        (TargetPoint(6, 30, Decimal(50)), TargetPoint(9, 30, Decimal(40))),
        (TargetPoint(6, 30, Decimal(101)),),
    ):
        with pytest.raises(ValueError):
            target_percent(date(2025, 6, 30), 2025, bad)
    assert DEFAULT_TARGET_PATH[-1].on(2025) == date(2026, 1, 31)


# ---------------------------------------------------------------------------------------------------------------
# Slow projects


def judge(allocated, disbursed, as_of, last=None, **changes) -> PaceResult:
    thresholds = changes.pop("thresholds", Thresholds())
    facts = ProjectDisbursement("P1", allocated, disbursed, last_disbursed_on=last or as_of, **changes)
    return classify(facts, 2025, as_of, thresholds)


@pytest.mark.parametrize(("disbursed", "slow"), [(2_500, True), (2_501, False)])
def test_slow_from_20_points_below_the_target(disbursed, slow) -> None:
    result = judge(10_000, disbursed, date(2025, 6, 30))  # target 45%: 25% is 20 points below
    assert (Pace.SLOW in _paces(result)) is slow
    if slow:
        assert "thấp hơn mục tiêu 45,00% của tỉnh tại ngày 30/06/2025 20,00 điểm phần trăm" in result.reasons[0]
        assert result.pace is Pace.SLOW and result.gap == Decimal("20.00")


def _paces(result: PaceResult) -> set[Pace]:
    words = {"thấp hơn mục tiêu": Pace.SLOW, "có nguy cơ": Pace.AT_RISK, "Không giải ngân": Pace.STALLED}
    words["Chưa giải ngân"] = Pace.STALLED
    return {pace for reason in result.reasons for word, pace in words.items() if word in reason}


@pytest.mark.parametrize(("as_of", "stalled"), [(date(2025, 4, 30), False), (date(2025, 5, 1), True)])
def test_stalled_after_three_whole_months_without_disbursement(as_of, stalled) -> None:
    result = judge(100, 40, as_of, last=date(2025, 1, 31))
    assert (result.pace is Pace.STALLED) is stalled
    if stalled:
        assert result.reasons[0] == "Không giải ngân trong 3 tháng liền (lần gần nhất tháng 01/2025)."


@pytest.mark.parametrize(("as_of", "stalled"), [(date(2025, 6, 30), False), (date(2025, 7, 1), True)])
def test_stalled_with_nothing_disbursed_after_30_june(as_of, stalled) -> None:
    result = classify(ProjectDisbursement("P1", 100, 0), 2025, as_of)
    assert (result.pace is Pace.STALLED) is stalled
    assert result.pace is (Pace.STALLED if stalled else Pace.SLOW)


def test_capital_added_after_30_june_is_not_stalled_for_being_new() -> None:
    result = classify(ProjectDisbursement("P1", 100, 0, available_from=date(2025, 10, 1)), 2025, date(2025, 10, 5))
    assert result.pace is not Pace.STALLED


@pytest.mark.parametrize(("disbursed", "at_risk", "left"), [(90, False, 0), (89, True, 5)])
def test_at_risk_when_the_linear_pace_misses_the_deadline(disbursed, at_risk, left) -> None:
    # 01/01-31/03/2025 is 90 days, 01/01/2025-31/01/2026 is 396: 90 disbursed projects to exactly 396
    result = judge(396, disbursed, date(2025, 3, 31))
    assert (result.pace is Pace.AT_RISK) is at_risk
    assert result.undisbursable == left and result.projected == 396 - left
    if at_risk:
        assert "có nguy cơ không giải ngân hết" in result.reasons[-1]


def test_the_target_path_projection_follows_the_s_curve() -> None:
    thresholds = Thresholds(projection=Projection.TARGET_PATH)
    on_path = judge(100 * TY, 45 * TY, date(2025, 6, 30), thresholds=thresholds)
    assert (on_path.pace, on_path.projected, on_path.on_target) == (Pace.ON_TRACK, 100 * TY, True)
    assert judge(100 * TY, 45 * TY, date(2025, 6, 30)).pace is Pace.AT_RISK  # linear: 45% in half a year
    ahead = judge(100 * TY, 60 * TY, date(2025, 6, 30), thresholds=thresholds)
    assert ahead.projection == 100 * TY * 60 // 45 and ahead.projected == 100 * TY


def test_fully_disbursed_and_unfunded_projects() -> None:
    done = judge(100, 100, date(2025, 12, 1), last=date(2025, 3, 1))
    assert (done.pace, done.reasons, done.undisbursable) == (Pace.ON_TRACK, (), 0)
    none = classify(ProjectDisbursement("P1", 0, 0), 2025, date(2025, 6, 1))
    assert none.pace is Pace.NO_CAPITAL


def test_after_the_deadline_nothing_more_is_projected() -> None:
    result = judge(100, 60, date(2026, 2, 1), last=date(2026, 1, 20))
    assert (result.projected, result.undisbursable) == (60, 40)


def test_the_deadline_given_is_used() -> None:
    result = judge(396, 89, date(2025, 3, 31), deadline=date(2026, 12, 31))
    assert result.pace is Pace.ON_TRACK and result.deadline == date(2026, 12, 31)


def test_thresholds_are_checked() -> None:
    with pytest.raises(ValueError):
        Thresholds(stalled_months=0)
    with pytest.raises(ValueError):
        classify(ProjectDisbursement("P1", -1, 0), 2025, date(2025, 6, 1))


# ---------------------------------------------------------------------------------------------------------------
# Transfer candidates


def transfer(code, tier, allocations, allocated, disbursed, as_of=date(2025, 7, 15), **changes) -> TransferProject:
    pace = classify(ProjectDisbursement(code, allocated, disbursed, last_disbursed_on=as_of), 2025, as_of)
    return TransferProject(code, tier, tuple(allocations), pace, **changes)


def test_slow_projects_release_what_they_will_not_disburse_rounded_down_per_source() -> None:
    slow = transfer("P1", Tier.NEW, [SourceAllocation("A", 60 * TY), SourceAllocation("B", 40 * TY)], 100 * TY, 10 * TY)
    assert slow.pace.pace is Pace.SLOW
    result = transfer_candidates([slow])
    undisbursable = slow.pace.undisbursable
    a, b = result.donors
    assert (a.source, a.disbursed, b.disbursed) == ("A", 6 * TY, 4 * TY)  # shared by allocation
    assert a.released == undisbursable * 54 // 90 // TRIEU * TRIEU
    assert b.released == undisbursable * 36 // 90 // TRIEU * TRIEU
    assert result.released == {"A": a.released, "B": b.released}
    assert result.total_released <= undisbursable


def test_disbursement_given_per_source_is_kept() -> None:
    allocations = [SourceAllocation("A", 60 * TY, 10 * TY), SourceAllocation("B", 40 * TY, 0)]
    slow = transfer("P1", Tier.NEW, allocations, 100 * TY, 10 * TY)
    a, b = transfer_candidates([slow]).donors
    assert (a.disbursed, b.disbursed) == (10 * TY, 0)
    assert a.released <= 50 * TY and b.released <= 40 * TY


def test_on_pace_projects_with_remaining_need_receive_up_to_their_capacity() -> None:
    slow = transfer("P1", Tier.NEW, [SourceAllocation("A", 100 * TY)], 100 * TY, 10 * TY)
    fast = transfer(
        "P2", Tier.TRANSITIONAL_FINISHING, [SourceAllocation("A", 50 * TY)], 50 * TY, 40 * TY, remaining_need=100 * TY
    )
    small = transfer(
        "P3", Tier.COMPLETED_UNFUNDED, [SourceAllocation("B", 50 * TY)], 50 * TY, 40 * TY, remaining_need=5 * TY
    )
    on_target_only = transfer(
        "P4", Tier.NEW, [SourceAllocation("A", 100 * TY)], 100 * TY, 49_200 * TRIEU, remaining_need=TY
    )
    no_need = transfer("P5", Tier.NEW, [SourceAllocation("A", 50 * TY)], 50 * TY, 40 * TY)
    assert on_target_only.pace.on_target and on_target_only.pace.projection < 100 * TY  # on target, no room
    result = transfer_candidates([slow, fast, small, on_target_only, no_need])
    assert [r.project for r in result.receivers] == ["P3", "P2"]  # by tier: completed before transitional
    p3, p2 = result.receivers
    capacity = fast.pace.projection - 50 * TY
    assert (p2.capacity, p2.need, p2.eligible_sources) == (capacity, capacity // TRIEU * TRIEU, ("A",))
    assert (p3.need, p3.eligible_sources) == (5 * TY, ())  # its own source released nothing
    request = result.allocation_request(2025)
    assert request["sources"] == [{"code": "A", "available": result.released["A"]}]
    assert request["projects"][1] == {
        "code": "P2",
        "tier": "transitional_finishing",
        "need": p2.need,
        "floor": 0,
        "eligible_sources": ["A"],
    }


def test_which_paces_donate_is_configurable() -> None:
    risky = transfer("P1", Tier.NEW, [SourceAllocation("A", 396)], 396, 89, as_of=date(2025, 3, 31))
    assert risky.pace.pace is Pace.AT_RISK
    assert transfer_candidates([risky]).donors == ()
    rules = TransferRules(unit=1, donors=frozenset({Pace.AT_RISK}))
    assert transfer_candidates([risky], rules).released == {"A": 5}


def test_allocations_must_match_the_judged_allocation() -> None:
    slow = transfer("P1", Tier.NEW, [SourceAllocation("A", 99 * TY)], 100 * TY, 10 * TY)
    with pytest.raises(ValueError, match="P1"):
        transfer_candidates([slow])
    with pytest.raises(ValueError):
        TransferRules(unit=0)


@given(
    st.lists(
        st.tuples(
            st.lists(st.tuples(st.integers(0, 10**12), st.none() | st.integers(0, 10**12)), min_size=1, max_size=3),
            st.integers(0, 10**12),
            st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 3, 1)),
        ),
        max_size=6,
    ),
    st.sampled_from([1, 1000, TRIEU]),
)
def test_released_capital_never_exceeds_allocated_minus_disbursed(rows, unit) -> None:
    projects = []
    for i, (sources, disbursed, as_of) in enumerate(rows):
        allocations = tuple(
            SourceAllocation(f"S{j}", allocated, None if given is None else min(given, allocated))
            for j, (allocated, given) in enumerate(sources)
        )
        allocated = sum(a.allocated for a in allocations)
        disbursed = min(disbursed, allocated)
        pace = classify(ProjectDisbursement(f"P{i}", allocated, disbursed, last_disbursed_on=None), 2025, as_of)
        projects.append(TransferProject(f"P{i}", Tier.NEW, allocations, pace, remaining_need=10**12))
    rules = TransferRules(unit=unit, donors=frozenset({Pace.SLOW, Pace.STALLED, Pace.AT_RISK}))
    result = transfer_candidates(projects, rules)
    by_project = {p.code: p for p in projects}
    for donor in result.donors:
        assert 0 <= donor.released <= max(0, donor.allocated - donor.disbursed)
        assert donor.released % unit == 0
    for code in {d.project for d in result.donors}:
        pace = by_project[code].pace
        released = sum(d.released for d in result.donors if d.project == code)
        assert released <= pace.undisbursable <= pace.allocated - pace.disbursed
    assert sum(result.released.values()) == sum(d.released for d in result.donors)
    assert not {r.project for r in result.receivers} & {d.project for d in result.donors}


def test_a_donor_with_known_disbursement_per_source_is_judged_by_it() -> None:
    base = transfer("P1", Tier.NEW, [SourceAllocation("A", 100 * TY)], 100 * TY, 10 * TY)
    spent = replace(base, allocations=(SourceAllocation("A", 100 * TY, 100 * TY),))
    assert transfer_candidates([spent]).released == {}
