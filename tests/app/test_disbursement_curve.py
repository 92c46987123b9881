"""S-curves of a plan and a project, slow projects at the thresholds' boundaries, the draft capital transfer."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from test_disbursement_support import *  # noqa: F403
from test_disbursement_support import B

from tiendo.domain import disbursement as disbursement_rules
from tiendo.plans import disbursement
from tiendo.plans.models import Disbursement, PlanItem, PlanLine, PlanVersion


def paid(plan, code, source, month, amount):
    from tiendo.plans.models import Source
    from tiendo.projects.models import Project

    Disbursement.objects.create(
        plan=plan,
        project=Project.objects.get(code=code),
        source=Source.objects.get(code=source),
        month=month,
        amount=amount,
    )


@pytest.fixture
def first_quarter(plan_2024):
    paid(plan_2024, "HD-2021-0001", "NSDP_CD", date(2024, 1, 1), 5 * B)
    paid(plan_2024, "HD-DTC-0002", "NSDP_CD", date(2024, 2, 1), 10 * B)
    paid(plan_2024, "HD-2021-0001", "NSDP_TSDD", date(2024, 3, 1), 5 * B)
    return plan_2024


def test_the_s_curve_counts_each_month_against_the_capital_in_force(first_quarter):
    curve = disbursement.plan_curve(first_quarter, disbursement.Scope(), date(2024, 3, 15))
    assert (curve.allocated, curve.disbursed, curve.rate) == (100 * B, 20 * B, 20.0)
    reported = [(r.month.month, r.disbursed, r.cumulative, r.percent) for r in curve.months if r.percent is not None]
    assert reported == [(1, 5 * B, 5 * B, 5.0), (2, 10 * B, 15 * B, 15.0), (3, 5 * B, 20 * B, 20.0)]
    # the axis runs to the legal deadline, 31/01/2025: 13 months, the months not reported yet are empty
    assert [r.month for r in curve.months][-1] == date(2025, 1, 1)
    assert all(r.cumulative is None for r in curve.months[3:])
    assert curve.months[2].target == 15.0  # the province's default path: 15 % by 31/03
    assert [d.day for d in curve.deadlines] == [date(2025, 1, 31)]
    assert curve.target_now == disbursement_rules.target_percent(date(2024, 3, 15), 2024)


def test_a_month_not_yet_reported_is_not_shown_as_nothing_disbursed(first_quarter):
    curve = disbursement.plan_curve(first_quarter, disbursement.Scope(), date(2024, 6, 20))
    assert curve.last_report == date(2024, 3, 1)
    assert [r.percent for r in curve.months[:4]] == [5.0, 15.0, 20.0, None]


def test_curves_per_source_and_per_project_add_up(first_quarter, public_projects):
    by_source = disbursement.source_curves(first_quarter, disbursement.Scope(), date(2024, 3, 31))
    assert [(s.code, c.allocated, c.disbursed) for s, c in by_source] == [
        ("NSDP_CD", 70 * B, 15 * B),
        ("NSDP_TSDD", 30 * B, 5 * B),
    ]
    project = disbursement.plan_curve(
        first_quarter, disbursement.Scope(project_id=public_projects["HD-2021-0001"].pk), date(2024, 3, 31)
    )
    assert (project.allocated, project.disbursed, project.rate) == (60 * B, 10 * B, Decimal("16.67"))


def test_an_officer_sees_the_curve_of_its_agency_only(first_quarter, officer_x, officer_y):
    mine = disbursement.plan_curve(first_quarter, disbursement.scope_for(officer_x), date(2024, 3, 31))
    theirs = disbursement.plan_curve(first_quarter, disbursement.scope_for(officer_y), date(2024, 3, 31))
    assert (mine.allocated, mine.disbursed) == (70 * B, 10 * B)
    assert (theirs.allocated, theirs.disbursed) == (30 * B, 10 * B)


def test_capital_added_after_september_or_extended_gets_the_later_deadline(first_quarter):
    version = first_quarter.current_version()
    item = version.items.get(project__code="HD-DTC-0003")
    assert disbursement.item_deadline(first_quarter, version, None, None).day == date(2025, 1, 31)
    assert disbursement.item_deadline(first_quarter, version, date(2024, 9, 30), None).day == date(2025, 1, 31)
    assert disbursement.item_deadline(first_quarter, version, date(2024, 10, 1), None).day == date(2025, 12, 31)
    item.capital_added_on = date(2024, 10, 15)
    item.save()
    curve = disbursement.plan_curve(first_quarter, disbursement.Scope(), date(2024, 3, 31))
    assert [d.day for d in curve.deadlines] == [date(2025, 1, 31), date(2025, 12, 31)]
    assert curve.months[-1].month == date(2025, 12, 1)


def test_the_plan_target_path_replaces_the_default(first_quarter):
    first_quarter.target_path = [["06-30", 50], ["12-31", 90], ["01-31", 100]]
    path = disbursement.target_path(first_quarter)
    assert [(p.month, p.day, p.next_year) for p in path] == [(6, 30, False), (12, 31, False), (1, 31, True)]
    curve = disbursement.plan_curve(first_quarter, disbursement.Scope(), date(2024, 6, 30))
    assert curve.target_now == 50.0
    first_quarter.target_path = [["12-31", 90], ["06-30", 95], ["05-01", 10]]  # falls back: days out of order
    assert disbursement.target_path(first_quarter) == disbursement_rules.DEFAULT_TARGET_PATH


# Slow projects ----------------------------------------------------------------------------------------------------


@pytest.fixture
def mid_year(plan_2024):
    """By 31/05/2024: the school disbursed 60 % (on track), the road 10 % of its 60 bn, the cultural house nothing."""
    paid(plan_2024, "HD-DTC-0002", "NSDP_CD", date(2024, 5, 1), 18 * B)
    paid(plan_2024, "HD-2021-0001", "NSDP_CD", date(2024, 2, 1), 6 * B)
    return plan_2024


def _pace(plan, day, **overrides):
    found = disbursement.paces(plan, disbursement.Scope(), day, disbursement.default_thresholds(plan, **overrides))
    return {p.item.project.code: p.result for p in found}


@pytest.mark.parametrize(
    ("behind", "slow"),
    [(Decimal("34.99"), True), (Decimal("35"), True), (Decimal("35.01"), False)],
)
def test_slow_means_behind_the_target_by_the_threshold_or_more(mid_year, behind, slow):
    # 30/06/2024: the default target is 45 %; the road has 10 % (6 of 60 bn): exactly 35 points behind
    result = _pace(mid_year, date(2024, 6, 30), behind_points=behind, stalled_months=12)["HD-2021-0001"]
    assert result.gap == Decimal(35)
    assert (result.pace == disbursement_rules.Pace.SLOW) is slow
    assert (
        result.pace == disbursement_rules.Pace.SLOW or result.pace == disbursement_rules.Pace.AT_RISK
    )  # at this pace it will not finish


def test_stalled_after_the_set_number_of_idle_months(mid_year):
    # the road's last disbursement was in February: whole months idle are March and April by 31/05, and May too
    # from 01/06 on
    assert (
        _pace(mid_year, date(2024, 5, 31), behind_points=Decimal(90))["HD-2021-0001"].pace
        != disbursement_rules.Pace.STALLED
    )
    assert (
        _pace(mid_year, date(2024, 6, 1), behind_points=Decimal(90))["HD-2021-0001"].pace
        == disbursement_rules.Pace.STALLED
    )
    assert (
        _pace(mid_year, date(2024, 6, 1), behind_points=Decimal(90), stalled_months=4)["HD-2021-0001"].pace
        != disbursement_rules.Pace.STALLED
    )


def test_nothing_disbursed_after_the_zero_day_is_stalled(mid_year):
    assert _pace(mid_year, date(2024, 6, 30))["HD-DTC-0003"].pace != disbursement_rules.Pace.STALLED
    assert _pace(mid_year, date(2024, 7, 1))["HD-DTC-0003"].pace == disbursement_rules.Pace.STALLED


def test_the_slow_list_puts_the_stalled_first_and_leaves_out_those_on_track(mid_year):
    found = disbursement.slow_projects(
        mid_year, disbursement.Scope(), date(2024, 7, 31), disbursement.default_thresholds(mid_year)
    )
    assert [(p.item.project.code, p.result.pace) for p in found] == [
        ("HD-DTC-0003", disbursement_rules.Pace.STALLED),  # furthest behind the target first
        ("HD-2021-0001", disbursement_rules.Pace.STALLED),
    ]
    assert found[0].result.reasons[0] == "Chưa giải ngân vốn sau ngày 30/06/2024."
    assert found[1].result.reasons[0].startswith("Không giải ngân trong 4 tháng liền (lần gần nhất tháng 02/2024)")


def test_thresholds_come_from_the_settings(settings, plan_2024):
    settings.TIENDO_DISB_BEHIND_POINTS = "12.5"
    settings.TIENDO_DISB_STALLED_MONTHS = 2
    settings.TIENDO_DISB_ZERO_AFTER = "31/07"
    thresholds = disbursement.default_thresholds(plan_2024)
    assert (thresholds.behind_points, thresholds.stalled_months, thresholds.zero_after) == (
        Decimal("12.5"),
        2,
        (7, 31),
    )


# The draft capital transfer ---------------------------------------------------------------------------------------


@pytest.fixture
def autumn(plan_2024):
    """By 30/09/2024 (target 70 %): the road 75 %, the school 80 %, both wanting more capital; the cultural house
    nothing at all: its 6 bn of land-use revenue can be released. The road comes first in the order of priority of
    both the 2019 law (which this plan, decided in 2023, follows) and the 2024 law: completed, not fully funded."""
    version = plan_2024.current_version()
    PlanItem.objects.filter(version=version, project__code="HD-2021-0001").update(tier="completed_unfunded")
    PlanLine.objects.filter(version=version, item__project__code="HD-DTC-0003").update(amount=6 * B)
    PlanItem.objects.filter(version=version, project__code="HD-2021-0001").update(need=70 * B)
    PlanItem.objects.filter(version=version, project__code="HD-DTC-0002").update(
        need=40 * B, eligible_sources=["NSDP_CD", "NSDP_TSDD"]
    )
    paid(plan_2024, "HD-2021-0001", "NSDP_CD", date(2024, 8, 1), 30 * B)
    paid(plan_2024, "HD-2021-0001", "NSDP_TSDD", date(2024, 9, 1), 15 * B)
    paid(plan_2024, "HD-DTC-0002", "NSDP_CD", date(2024, 9, 1), 24 * B)
    return plan_2024


def _lines(version):
    return {
        (line.item.project.code, line.source.code): line.amount
        for line in version.lines.select_related("item__project", "source")
    }


def test_the_transfer_moves_the_slow_capital_to_the_higher_tier_first(autumn, specialist):
    base = autumn.current_version()
    before = _lines(base)
    proposal = disbursement.propose_transfer(autumn, actor=specialist, as_of=date(2024, 9, 30))
    assert proposal.released == {"NSDP_TSDD": 6 * B}
    road, school = (
        next(r for r in proposal.receivers if r["project"] == code) for code in ("HD-2021-0001", "HD-DTC-0002")
    )
    assert road["given"] == road["need"] > 0  # the higher tier gets its whole need
    assert school["given"] == 6 * B - road["given"] < school["need"]  # the lower tier gets what is left
    assert proposal.placed == {"NSDP_TSDD": 6 * B} and proposal.unplaced == {"NSDP_TSDD": 0}

    draft = proposal.version
    assert (draft.purpose, draft.state, draft.based_on_id) == ("transfer", "draft", base.pk)
    after = _lines(draft)
    assert ("HD-DTC-0003", "NSDP_TSDD") not in after  # its whole capital moved
    assert after["HD-2021-0001", "NSDP_TSDD"] == before["HD-2021-0001", "NSDP_TSDD"] + road["given"]
    assert after["HD-DTC-0002", "NSDP_TSDD"] == school["given"]
    for source in ("NSDP_CD", "NSDP_TSDD"):  # totals conserved: no source over-spent
        assert sum(a for (_, s), a in after.items() if s == source) == sum(
            a for (_, s), a in before.items() if s == source
        )
    # the version in force is untouched
    base.refresh_from_db()
    assert base.state == PlanVersion.State.APPROVED and _lines(base) == before and autumn.current_version() == base
    donor = draft.items.get(project__code="HD-DTC-0003")
    assert donor.explanation.startswith("Điều chuyển giảm 6 tỷ đồng (NSDP_TSDD 6 tỷ đồng) do dự án đình trệ")
    assert "HD-2021-0001" in donor.explanation and "HD-DTC-0002" in donor.explanation
    receiver = draft.items.get(project__code="HD-2021-0001")
    assert receiver.explanation.startswith("Nhận điều chuyển") and "từ dự án HD-DTC-0003" in receiver.explanation
    assert draft.lines.get(item__project__code="HD-2021-0001", source__code="NSDP_TSDD").manual
    assert draft.allocation["transfer"]["placed"] == {"NSDP_TSDD": 6 * B}
    history = draft.lines.get(item__project__code="HD-2021-0001", source__code="NSDP_TSDD").history.latest()
    assert history.history_user == specialist and "Điều chuyển vốn" in history.history_change_reason


def test_capital_nobody_can_absorb_stays_with_the_donor(autumn, specialist):
    PlanItem.objects.filter(version=autumn.current_version(), project__code="HD-DTC-0002").update(need=30 * B)
    PlanItem.objects.filter(version=autumn.current_version(), project__code="HD-2021-0001").update(need=61 * B)
    proposal = disbursement.propose_transfer(autumn, actor=specialist, as_of=date(2024, 9, 30))
    assert proposal.placed == {"NSDP_TSDD": 1 * B} and proposal.unplaced == {"NSDP_TSDD": 5 * B}
    assert _lines(proposal.version)["HD-DTC-0003", "NSDP_TSDD"] == 5 * B


def test_no_slow_project_no_draft(plan_2024, specialist):
    proposal = disbursement.propose_transfer(plan_2024, actor=specialist, as_of=date(2024, 3, 31))
    assert proposal.version is None and proposal.total_placed == 0
    assert plan_2024.versions.count() == 1


@pytest.mark.parametrize("role", ["leader", "officer_x"])
def test_only_specialists_propose_a_transfer(autumn, role, request):
    with pytest.raises(PermissionDenied):
        disbursement.propose_transfer(autumn, actor=request.getfixturevalue(role), as_of=date(2024, 9, 30))
    assert autumn.versions.count() == 1


def test_a_receiver_never_goes_above_its_medium_term_remainder(autumn, specialist):
    medium = autumn.medium_term.current_version()
    PlanLine.objects.filter(version=medium, item__project__code="HD-2021-0001").update(amount=61 * B)
    proposal = disbursement.propose_transfer(autumn, actor=specialist, as_of=date(2024, 9, 30))
    road = next(r for r in proposal.receivers if r["project"] == "HD-2021-0001")
    assert road["remaining_need"] == 1 * B and road["given"] == 1 * B  # 61 bn left in the medium term, 60 bn given
