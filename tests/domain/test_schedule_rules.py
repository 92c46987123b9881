"""The schedule rules at their boundaries: the day before, of and after each threshold, and the laws' versions."""

from dataclasses import fields, replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiendo.domain.projects import ExtensionReason, MilestoneFacts, MilestoneKind, ProjectGroup, ProjectKind
from tiendo.domain.schedule_rules import (
    PROPOSAL_LABELS,
    RULES,
    RULES_BY_KEY,
    UNKNOWN,
    AnnualCapital,
    Confidence,
    Deposit,
    Extension,
    Finding,
    Land,
    Milestone,
    ProjectFacts,
    ProposalCode,
    Report,
    ReportKind,
    Sanction,
    add_months,
    evaluate,
    evaluate_all,
    propose,
)

MK = MilestoneKind
CS, OP = MK.CONSTRUCTION_START, MK.OPERATION


def private(**changes) -> ProjectFacts:
    """A private project whose every fact is known and in order; tests change what they judge."""
    base = ProjectFacts(
        code="HD-2021-017",
        kind=ProjectKind.PRIVATE,
        group=None,
        policy_approval_date=date(2021, 5, 10),
        certificate_date=date(2021, 6, 1),
        milestones=(),
        extensions=(),
        state_delay_days=0,
        land=Land(handed_over=None, in_use_since=None, extension_until=None, force_majeure=False),
        deposit=Deposit(required=False, paid=False),
        sanctions=(),
        stopped_since=None,
        investor_reachable=True,
        reports=(),
        reporting_since=None,
    )
    return replace(base, **changes)


def public(**changes) -> ProjectFacts:
    base = ProjectFacts(
        code="HD-DTC-01",
        kind=ProjectKind.PUBLIC,
        group=ProjectGroup.C,
        policy_approval_date=date(2021, 10, 1),
        milestones=(),
        first_allocation_year=None,
        handed_over_year=None,
        allocation_extension_years=0,
        reports=(),
        reporting_since=None,
        annual_capital=(),
    )
    return replace(base, **changes)


def milestone(kind=CS, first=date(2022, 3, 15), current=None, done=None) -> MilestoneFacts:
    return MilestoneFacts(kind, first, current or first, done)


def rules(findings) -> list[str]:
    return [f.rule for f in findings]


def only(findings, rule) -> Finding:
    found = [f for f in findings if f.rule == rule]
    assert len(found) == 1, rules(findings)
    return found[0]


# --- LATE and INV-05 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "days"),
    [(date(2024, 3, 14), None), (date(2024, 3, 15), None), (date(2024, 3, 16), 1), (date(2025, 3, 15), 365)],
)
def test_late_starts_the_day_after_the_current_due_date(as_of, days):
    project = private(milestones=(milestone(current=date(2024, 3, 15), first=date(2024, 3, 15)),))
    late = [f for f in evaluate(project, as_of) if f.rule == "LATE"]
    assert [f.days_behind for f in late] == ([days] if days else [])


def test_the_issue_example_counts_352_days_and_says_so_with_its_dates():
    project = private(milestones=(milestone(first=date(2022, 3, 15), current=date(2023, 3, 15)),))
    late = only(evaluate(project, date(2024, 3, 1)), "LATE")
    assert late.days_behind == 352 and late.proposal is ProposalCode.REMIND
    for text in ("15/03/2022", "12 tháng", "15/03/2023", "01/03/2024", "352 ngày"):
        assert text in late.explanation
    assert late.facts["current_due"] == date(2023, 3, 15) and late.milestone is CS


def test_a_milestone_done_late_is_history_not_a_finding():
    project = private(milestones=(milestone(current=date(2024, 3, 15), done=date(2024, 4, 1)),))
    assert "LATE" not in rules(evaluate(project, date(2024, 5, 1)))
    # judged as of a day before it was done, it was late then
    assert only(evaluate(project, date(2024, 3, 20)), "LATE").days_behind == 5


@pytest.mark.parametrize(("as_of", "days"), [(date(2024, 4, 14), None), (date(2024, 4, 15), 1)])
def test_state_delay_is_not_counted_as_lateness(as_of, days):
    """INV-05: 30 documented days of State delay move the day lateness starts from 16/03 to 15/04."""
    project = private(milestones=(milestone(current=date(2024, 3, 15)),), state_delay_days=30)
    late = [f.days_behind for f in evaluate(project, as_of) if f.rule == "LATE"]
    assert late == ([days] if days else [])
    if days:
        assert "đã trừ 30 ngày" in only(evaluate(project, as_of), "LATE").explanation


def test_unknown_state_delay_still_judges_lateness_and_says_it_was_not_checked():
    project = private(milestones=(milestone(current=date(2024, 3, 15)),), state_delay_days=UNKNOWN)
    assert only(evaluate(project, date(2024, 3, 20)), "LATE").unchecked == ("state_delay_days",)


def test_a_milestone_whose_done_date_is_unknown_is_never_late():
    unknown = Milestone(CS, date(2020, 1, 1), date(2020, 1, 1), None, done_known=False)
    assert evaluate(private(milestones=(unknown,)), date(2025, 1, 1)) == []


# --- INV-01 / INV-02: 12 and 24 months past the first approval ---------------------------------------------------

FIRST = date(2022, 3, 15)


@pytest.mark.parametrize(
    ("as_of", "expected", "remaining"),
    [
        (date(2023, 3, 15), [], None),  # 12 months exactly: an IRC adjustment is enough
        (date(2023, 3, 16), ["INV-01"], 24),
        (date(2024, 3, 15), ["INV-01"], 24),  # 24 months exactly: still allowed
        (date(2024, 3, 16), ["INV-02"], 0),
    ],
)
def test_months_past_the_first_approval_decide_the_procedure(as_of, expected, remaining):
    project = private(milestones=(milestone(first=FIRST, current=FIRST),))
    found = [f for f in evaluate(project, as_of) if f.rule in ("INV-01", "INV-02")]
    assert rules(found) == expected
    if found:
        assert found[0].months_remaining == remaining
        assert found[0].proposal is (ProposalCode.ALLOW_EXTENSION if remaining else ProposalCode.DENY_EXTENSION)


def test_months_remaining_count_from_the_current_due_date():
    project = private(milestones=(milestone(first=FIRST, current=date(2023, 3, 15)),))
    inv01 = only(evaluate(project, date(2024, 3, 1)), "INV-01")
    assert inv01.months_remaining == 12 and inv01.facts["latest_allowed_due"] == date(2024, 3, 15)
    assert inv01.months_behind == 23


def test_an_extension_for_force_majeure_does_not_count_toward_the_cap():
    project = private(
        milestones=(milestone(first=FIRST, current=date(2023, 9, 15)),),
        extensions=(Extension(date(2023, 1, 1), 18, ExtensionReason.FORCE_MAJEURE),),
    )
    as_of = date(2024, 3, 16)  # over 24 months without the exception
    found = evaluate(project, as_of)
    assert "INV-02" not in rules(found)
    assert only(found, "INV-01").facts["latest_allowed_due"] == date(2025, 9, 15)
    with_other = replace(project, extensions=(Extension(date(2023, 1, 1), 18, ExtensionReason.OTHER),))
    assert "INV-02" in rules(evaluate(with_other, as_of))


def test_unknown_extensions_do_not_excuse_but_are_named():
    project = private(milestones=(milestone(first=FIRST, current=FIRST),), extensions=UNKNOWN)
    inv02 = only(evaluate(project, date(2024, 6, 1)), "INV-02")
    assert "extensions" in inv02.unchecked


def test_an_extension_granted_beyond_the_cap_is_flagged_even_before_it_is_late():
    project = private(milestones=(milestone(first=FIRST, current=date(2024, 9, 15)),))
    inv02 = only(evaluate(project, date(2024, 6, 1)), "INV-02")
    assert inv02.days_behind is None and "LATE" not in rules(evaluate(project, date(2024, 6, 1)))


def test_state_delay_moves_the_cap():
    project = private(milestones=(milestone(first=FIRST, current=FIRST),), state_delay_days=10)
    assert "INV-02" not in rules(evaluate(project, date(2024, 3, 25)))
    assert "INV-02" in rules(evaluate(project, date(2024, 3, 26)))


def test_leap_day_plus_months_ends_on_the_last_day_of_february():
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 48) == date(2028, 2, 29)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)


def test_the_cap_of_a_leap_day_and_the_2025_law_switch_on_the_same_boundary():
    """First due 29/02/2024: the cap ends 28/02/2026, the last day of the 2020 Law on Investment (INV-00)."""
    project = private(milestones=(milestone(first=date(2024, 2, 29), current=date(2024, 2, 29)),))
    before = only(evaluate(project, date(2026, 2, 28)), "INV-01")
    assert before.citation == "Luật Đầu tư 2020, Điều 41 khoản 3 điểm d" and not before.verify
    after = only(evaluate(project, date(2026, 3, 1)), "INV-02")
    assert after.verify and "143/2025/QH15" in after.citation and after.citation.startswith("Luật Đầu tư 2020")


def test_the_2025_law_flags_every_investment_rule_but_not_the_decrees_or_lateness():
    late = private(milestones=(milestone(first=date(2025, 1, 1), current=date(2025, 1, 1)),))
    stopped = private(stopped_since=date(2024, 1, 1), investor_reachable=False)
    for as_of, verify in ((date(2026, 2, 28), False), (date(2026, 3, 1), True)):
        found = {f.rule: f for f in evaluate(late, as_of) + evaluate(stopped, as_of)}
        assert found["INV-01"].verify is verify and found["INV-12"].verify is verify
        assert not found["LATE"].verify and not found["SANC-02"].verify


def test_no_cap_without_a_policy_approval_or_when_it_is_unknown():
    """INV-03: a certificate-only project adjusts through its certificate; unknown approval: no conclusion."""
    late = (milestone(first=FIRST, current=FIRST),)
    for approval in (None, UNKNOWN):
        found = rules(evaluate(private(milestones=late, policy_approval_date=approval), date(2025, 1, 1)))
        assert "LATE" in found and "INV-01" not in found and "INV-02" not in found


def test_a_project_approved_before_2021_cites_decree_31_article_117_and_asks_to_verify():
    project = private(policy_approval_date=date(2020, 12, 31), milestones=(milestone(first=FIRST, current=FIRST),))
    inv02 = only(evaluate(project, date(2024, 6, 1)), "INV-02")
    assert inv02.verify and "Điều 117" in inv02.citation


# --- INV-08, SANC-03, INV-12(đ): the deposit ----------------------------------------------------------------------


def test_deposit_forfeited_when_operation_is_late_beyond_the_cap():
    operation = milestone(OP, first=date(2022, 1, 31), current=date(2023, 1, 31))
    project = private(milestones=(operation,), deposit=Deposit(True, True))
    assert "INV-08" not in rules(evaluate(project, date(2024, 1, 31)))
    inv08 = only(evaluate(project, date(2024, 2, 1)), "INV-08")
    assert inv08.proposal is ProposalCode.FORFEIT_DEPOSIT and inv08.verify  # [S/U]
    assert "INV-08" not in rules(evaluate(replace(project, deposit=Deposit(True, False)), date(2024, 2, 1)))


def test_unpaid_deposit_after_handover_is_fined_and_a_ground_to_terminate():
    land = Land(handed_over=date(2023, 5, 2), in_use_since=date(2023, 6, 1), extension_until=None, force_majeure=False)
    project = private(deposit=Deposit(True, False), land=land)
    assert evaluate(project, date(2023, 5, 1)) == []
    found = evaluate(project, date(2023, 5, 2))
    assert rules(found) == ["INV-12", "SANC-03"]
    assert only(found, "INV-12").citation == "Luật Đầu tư 2020, Điều 48 khoản 2 điểm đ"
    sanctioned = replace(project, sanctions=(Sanction(date(2023, 8, 1), "SANC-03"),))
    assert rules(evaluate(sanctioned, date(2023, 9, 1))) == ["INV-10", "INV-12"]
    assert evaluate(replace(project, deposit=Deposit(True, UNKNOWN)), date(2023, 9, 1)) == []


# --- stops: INV-09, INV-12(c) ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reachable", "as_of", "expected"),
    [
        (False, date(2024, 1, 15), []),
        (False, date(2024, 1, 16), ["INV-12"]),
        (True, date(2024, 1, 16), ["INV-09"]),
        (UNKNOWN, date(2024, 1, 16), ["INV-09"]),
    ],
)
def test_a_stop_over_twelve_months(reachable, as_of, expected):
    project = private(stopped_since=date(2023, 1, 15), investor_reachable=reachable)
    found = evaluate(project, as_of)
    assert rules(found) == expected
    if expected == ["INV-12"]:
        assert found[0].proposal is ProposalCode.TERMINATE and "điểm c" in found[0].citation


# --- INV-10 and SANC-02: sanctions ---------------------------------------------------------------------------------


def test_late_against_the_certificate_is_fined_once_then_a_stop_is_proposed():
    project = private(milestones=(milestone(first=date(2023, 3, 15), current=date(2023, 3, 15)),))
    assert "SANC-02" in rules(evaluate(project, date(2023, 6, 1)))
    fined = replace(project, sanctions=(Sanction(date(2023, 9, 1), "SANC-02"),))
    found = evaluate(fined, date(2024, 1, 1))
    assert "SANC-02" not in rules(found)
    inv10 = only(found, "INV-10")
    assert inv10.proposal is ProposalCode.SUSPEND and "01/09/2023" in inv10.explanation
    # a sanction decided before the milestone was late is not "still violating"
    early = replace(project, sanctions=(Sanction(date(2023, 3, 1), "SANC-02"),))
    assert "INV-10" not in rules(evaluate(early, date(2024, 1, 1)))
    # a project already stopped is not stopped again
    assert "INV-10" not in rules(evaluate(replace(fined, stopped_since=date(2023, 12, 1)), date(2024, 1, 1)))


def test_sanc_02_without_a_certificate_cites_the_uncertain_clause():
    project = private(certificate_date=None, milestones=(milestone(current=date(2023, 3, 15)),))
    sanc = only(evaluate(project, date(2023, 6, 1)), "SANC-02")
    assert "điểm c" in sanc.citation and sanc.verify


def test_unknown_sanctions_are_named_on_fines():
    project = private(milestones=(milestone(current=date(2023, 3, 15)),), sanctions=UNKNOWN)
    found = evaluate(project, date(2023, 6, 1))
    assert "sanctions" in only(found, "SANC-02").unchecked and "INV-10" not in rules(found)


# --- LAND-01 / LAND-03 ---------------------------------------------------------------------------------------------


def land(handed, in_use=None, until=None, force=False) -> Land:
    return Land(handed_over=handed, in_use_since=in_use, extension_until=until, force_majeure=force)


@pytest.mark.parametrize(
    ("handed", "as_of", "months"),
    [
        (date(2024, 10, 10), date(2025, 10, 10), None),
        (date(2024, 10, 10), date(2025, 10, 11), 12),
        (date(2024, 2, 29), date(2025, 2, 28), None),  # leap day: 12 months end on 28/02/2025
        (date(2024, 2, 29), date(2025, 3, 1), 12),
    ],
)
def test_land_unused_for_twelve_consecutive_months(handed, as_of, months):
    found = [f for f in evaluate(private(land=land(handed)), as_of) if f.rule.startswith("LAND")]
    assert [f.months_behind for f in found] == ([months] if months else [])
    if months:
        assert found[0].rule == "LAND-01" and found[0].proposal is ProposalCode.EXTEND_LAND_USE
        assert found[0].days_behind == 1 and found[0].months_remaining == 24


@pytest.mark.parametrize(
    ("handed", "rule", "citation"),
    [
        (date(2023, 7, 30), "LAND-03", "Luật Đất đai 2013, Điều 64 khoản 1 điểm i"),  # breach from 31/07/2024
        (date(2023, 7, 31), "LAND-01", "Luật Đất đai 2024, Điều 81 khoản 8"),  # breach from 01/08/2024
    ],
)
def test_the_land_law_in_force_on_the_day_the_breach_began(handed, rule, citation):
    finding = only(evaluate(private(land=land(handed)), date(2025, 3, 1)), rule)
    assert finding.citation.startswith(citation)
    assert finding.verify is (rule == "LAND-03")


def test_land_in_use_or_force_majeure_is_no_breach_and_unknown_force_majeure_is_named():
    as_of = date(2025, 3, 1)
    assert evaluate(private(land=land(date(2023, 1, 1), in_use=date(2023, 6, 1))), as_of) == []
    assert evaluate(private(land=land(date(2023, 1, 1), force=True)), as_of) == []
    assert only(evaluate(private(land=land(date(2023, 1, 1), force=UNKNOWN)), as_of), "LAND-03").unchecked == (
        "land.force_majeure",
    )
    # the land came into use after the evaluation day: it was unused then
    later = private(land=land(date(2023, 1, 1), in_use=date(2025, 6, 1)))
    assert rules(evaluate(later, as_of)) == ["LAND-03"]


def test_land_extension_then_recovery_then_termination():
    project = private(land=land(date(2022, 1, 10), until=date(2025, 12, 31)))
    inside = only(evaluate(project, date(2025, 12, 31)), "LAND-03")  # the breach began under the 2013 law
    assert inside.proposal is ProposalCode.REMIND and inside.months_remaining == 0
    # the recovery stage begins on 01/01/2026, under the 2024 law
    found = evaluate(project, date(2026, 1, 1))
    assert rules(found) == ["INV-12", "LAND-01"]
    assert only(found, "LAND-01").proposal is ProposalCode.RECOVER_LAND
    assert only(found, "INV-12").proposal is ProposalCode.TERMINATE and "điểm d" in only(found, "INV-12").citation
    codes = [p.code for p in propose(found)]
    assert codes == [ProposalCode.RECOVER_LAND, ProposalCode.TERMINATE]


def test_land_in_use_but_its_use_24_months_behind():
    operation = milestone(OP, first=date(2022, 6, 30), current=date(2022, 6, 30))
    project = private(land=land(date(2021, 6, 1), in_use=date(2021, 9, 1)), milestones=(operation,))
    assert not [f for f in evaluate(project, date(2024, 6, 30)) if f.rule.startswith("LAND")]
    finding = only(evaluate(project, date(2024, 7, 1)), "LAND-03")
    assert finding.facts["trigger"] == "use_24_months_behind"


# --- reports: INV-16, SUP-02, SANC-01 ------------------------------------------------------------------------------


def all_reports(since: date, until: date, late: dict | None = None) -> tuple[Report, ...]:
    """Every report of every kind owed from `since`, submitted on its last day, unless `late` says otherwise."""
    from tiendo.domain.schedule_rules import REPORT_CALENDAR

    late = late or {}
    out = []
    for year in range(since.year, until.year + 1):
        for kind, calendar in REPORT_CALENDAR.items():
            for period, end, deadline in calendar(year):
                if end >= since:
                    out.append(Report(kind, period, late.get((kind, period), deadline)))
    return tuple(out)


REPORTING = date(2024, 1, 1)


@pytest.mark.parametrize(
    ("submitted", "as_of", "expected"),
    [
        (None, date(2024, 4, 9), []),  # "before the 10th": the 9th is the last day
        (None, date(2024, 4, 10), ["INV-16", "SANC-01"]),
        (date(2024, 4, 9), date(2024, 4, 10), []),
        (date(2024, 4, 10), date(2024, 4, 11), ["SANC-01"]),  # late, not missing
    ],
)
def test_quarterly_report_deadline(submitted, as_of, expected):
    reports = tuple(r for r in all_reports(REPORTING, as_of) if (r.kind, r.period) != (ReportKind.QUARTERLY, "2024-Q1"))
    reports += (Report(ReportKind.QUARTERLY, "2024-Q1", submitted),)
    found = evaluate(private(reports=reports, reporting_since=REPORTING), as_of)
    assert rules(found) == expected


@pytest.mark.parametrize(
    ("kind", "period", "last_day"),
    [
        (ReportKind.ANNUAL, "2024", date(2025, 3, 30)),  # before 31 March
        (ReportKind.SUPERVISION_HALF_YEAR, "2024-H1", date(2024, 7, 10)),  # by 10 July
        (ReportKind.SUPERVISION_ANNUAL, "2024", date(2025, 2, 10)),  # by 10 February
    ],
)
def test_annual_and_supervision_report_deadlines(kind, period, last_day):
    as_of = date(2025, 6, 1)
    on_time = private(reports=all_reports(REPORTING, as_of), reporting_since=REPORTING)
    assert evaluate(on_time, as_of) == []
    one_day_late = private(
        reports=all_reports(REPORTING, as_of, {(kind, period): last_day + timedelta(days=1)}), reporting_since=REPORTING
    )
    fine = only(evaluate(one_day_late, as_of), "SANC-01")
    assert fine.citation.endswith("khoản 1" if kind.value.startswith("supervision") else "khoản 2 điểm a")


def test_a_late_report_can_be_fined_for_one_year():
    """SANC-00: the limitation for investment violations is 1 year from the late submission."""
    late = {(ReportKind.QUARTERLY, "2024-Q1"): date(2024, 4, 10)}
    project = private(reports=all_reports(REPORTING, date(2025, 12, 31), late), reporting_since=REPORTING)
    assert rules(evaluate(project, date(2025, 4, 10))) == ["SANC-01"]
    assert evaluate(project, date(2025, 4, 11)) == []


def test_reports_missed_before_a_reporting_fine_are_not_fined_twice():
    project = private(reports=(), reporting_since=date(2024, 1, 1))
    fined = replace(project, sanctions=(Sanction(date(2024, 5, 1), "SANC-01"),))
    found = evaluate(fined, date(2024, 5, 2))
    assert "SANC-01" not in rules(found) and "INV-16" in rules(found)


def test_report_kinds_not_recorded_are_unknown_not_missing():
    """A registry that records only quarterly reports says so; annual and supervision reports are then unknown."""
    quarterly = tuple(r for r in all_reports(REPORTING, date(2025, 6, 1)) if r.kind is ReportKind.QUARTERLY)
    project = private(reports=quarterly, reporting_since=REPORTING)
    assert rules(evaluate(project, date(2025, 6, 1))) == ["INV-16", "SANC-01", "SANC-01", "SUP-02"]
    known = replace(project, report_kinds=frozenset({ReportKind.QUARTERLY}))
    assert evaluate(known, date(2025, 6, 1)) == []
    assert rules(evaluate(replace(known, reports=()), date(2025, 6, 1))) == ["INV-16", "SANC-01"]


def test_unknown_reports_or_start_produce_no_report_finding():
    for changes in ({"reports": UNKNOWN, "reporting_since": REPORTING}, {"reports": (), "reporting_since": UNKNOWN}):
        assert evaluate(private(**changes), date(2025, 6, 1)) == []


# --- public investment: PI-06, PI-11, PI-17, SUP-03 ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "first", "granted", "as_of", "proposal", "remaining"),
    [
        (ProjectGroup.C, 2022, 0, date(2024, 12, 31), None, None),
        (ProjectGroup.C, 2022, 0, date(2025, 1, 1), ProposalCode.EXTEND_ALLOCATION_PERIOD, 12),
        (ProjectGroup.C, 2022, 1, date(2025, 12, 31), None, None),
        (ProjectGroup.C, 2022, 1, date(2026, 1, 1), ProposalCode.REVIEW_RESPONSIBILITY, 0),
        (ProjectGroup.B, 2021, 0, date(2025, 1, 1), ProposalCode.EXTEND_ALLOCATION_PERIOD, 12),
        (ProjectGroup.A, 2019, 0, date(2025, 1, 1), ProposalCode.EXTEND_ALLOCATION_PERIOD, 12),
    ],
)
def test_capital_allocation_period(group, first, granted, as_of, proposal, remaining):
    project = public(group=group, first_allocation_year=first, allocation_extension_years=granted)
    found = [f for f in evaluate(project, as_of) if f.rule == "PI-06"]
    assert [f.proposal for f in found] == ([proposal] if proposal else [])
    if found:
        assert found[0].months_remaining == remaining


def test_allocation_period_versions_2019_2024_and_the_2025_amendment():
    c = ProjectGroup.C
    old = only(evaluate(public(group=c, first_allocation_year=2019), date(2025, 3, 1)), "PI-06")
    assert old.citation == "Luật Đầu tư công 2019, Điều 52 khoản 2" and not old.verify
    assert old.proposal is ProposalCode.EXTEND_ALLOCATION_PERIOD and old.months_remaining is None
    new = only(evaluate(public(group=c, first_allocation_year=2022), date(2025, 3, 1)), "PI-06")
    assert new.citation == "Luật Đầu tư công 2024, Điều 57" and not new.verify
    amended = only(evaluate(public(group=c, first_allocation_year=2023), date(2026, 3, 1)), "PI-06")
    assert amended.verify and "90/2025" in amended.citation


def test_large_group_a_may_be_extended_two_years_and_unknown_size_is_named():
    project = public(group=ProjectGroup.A, first_allocation_year=2019, allocation_extension_years=1)
    large = replace(project, total_investment=12_000 * 10**9)
    assert only(evaluate(large, date(2026, 1, 1)), "PI-06").months_remaining == 12
    small = replace(project, total_investment=5_000 * 10**9)
    assert only(evaluate(small, date(2026, 1, 1)), "PI-06").proposal is ProposalCode.REVIEW_RESPONSIBILITY
    assert "total_investment" in only(evaluate(project, date(2026, 1, 1)), "PI-06").unchecked


def test_no_allocation_finding_when_handed_over_national_or_unknown():
    as_of = date(2026, 1, 1)
    assert evaluate(public(first_allocation_year=2019, handed_over_year=2021), as_of) == []
    assert evaluate(public(group=ProjectGroup.NATIONAL, first_allocation_year=2010), as_of) == []
    assert evaluate(public(first_allocation_year=2019, handed_over_year=UNKNOWN), as_of) == []
    assert evaluate(public(first_allocation_year=None), as_of) == []


@pytest.mark.parametrize(
    ("capital", "as_of", "deadline"),
    [
        (AnnualCapital(2024, 10, 7, False, None), date(2025, 1, 31), None),
        (AnnualCapital(2024, 10, 7, False, None), date(2025, 2, 1), date(2025, 1, 31)),
        (AnnualCapital(2024, 10, 7, True, None), date(2025, 12, 31), None),
        (AnnualCapital(2024, 10, 7, True, None), date(2026, 1, 1), date(2025, 12, 31)),
        (AnnualCapital(2024, 10, 7, False, date(2025, 6, 30)), date(2025, 7, 1), date(2025, 6, 30)),
        (AnnualCapital(2024, 10, 7, False, date(2026, 6, 30)), date(2026, 1, 1), date(2025, 12, 31)),  # capped
        (AnnualCapital(2024, 10, 10, False, None), date(2026, 1, 1), None),
    ],
)
def test_annual_disbursement_deadline(capital, as_of, deadline):
    found = [f for f in evaluate(public(annual_capital=(capital,)), as_of) if f.rule == "PI-11"]
    assert [f.facts["deadline"] for f in found] == ([deadline] if deadline else [])


def test_annual_capital_of_2023_falls_under_the_2019_law_and_is_to_verify():
    capital = AnnualCapital(2023, 10, 5, False, None)
    finding = only(evaluate(public(annual_capital=(capital,)), date(2024, 2, 1)), "PI-11")
    assert finding.citation.startswith("Luật Đầu tư công 2019") and finding.verify


def test_a_late_public_project_is_reminded_and_re_appraised():
    project = public(milestones=(milestone(MK.COMPLETION, current=date(2024, 12, 31)),))
    found = evaluate(project, date(2025, 1, 1))
    assert rules(found) == ["LATE", "PI-17"]
    assert [p.code for p in propose(found)] == [ProposalCode.REMIND, ProposalCode.REAPPRAISE]


def test_public_owner_supervision_reports_are_to_verify():
    project = public(reports=(), reporting_since=date(2024, 1, 1))
    found = evaluate(project, date(2024, 7, 11))
    assert rules(found) == ["SANC-01", "SUP-03"] and all(f.verify for f in found)


# --- proposals ---------------------------------------------------------------------------------------------------


def test_proposals_are_ranked_mildest_first_and_merge_their_rules():
    project = private(
        milestones=(milestone(first=date(2021, 9, 30), current=date(2022, 9, 30)),),
        sanctions=(Sanction(date(2023, 9, 1), "SANC-02"),),
        reports=(),
        reporting_since=date(2023, 1, 1),
    )
    proposals = propose(evaluate(project, date(2024, 3, 1)))
    assert [p.code for p in proposals] == [
        ProposalCode.REMIND,
        ProposalCode.REQUIRE_REPORT,
        ProposalCode.FINE_REPORTING,
        ProposalCode.DENY_EXTENSION,
        ProposalCode.SUSPEND,
    ]
    assert proposals[1].rules == ("INV-16", "SUP-02") and proposals[3].months_remaining == 0
    assert [code.rank for code in ProposalCode] == sorted(code.rank for code in ProposalCode)


def test_propose_takes_one_project():
    a = evaluate(private(milestones=(milestone(current=date(2023, 1, 1)),)), date(2023, 6, 1))
    b = evaluate(replace(private(milestones=(milestone(current=date(2023, 1, 1)),)), code="X"), date(2023, 6, 1))
    with pytest.raises(ValueError):
        propose(a + b)
    assert propose([]) == []


# --- the registry --------------------------------------------------------------------------------------------------


def test_registry_implements_the_required_rules_with_three_languages():
    ids = {c.rule for rule in RULES for c in rule.cites}
    required = {"INV-01", "INV-02", "INV-08", "INV-10", "INV-12", "INV-16", "LAND-01", "LAND-03"}
    required |= {"SANC-01", "SANC-02", "SANC-03", "PI-06", "PI-11", "SUP-02", "LATE"}
    assert required <= ids
    for rule in RULES:
        assert all((rule.title.vi, rule.title.en, rule.title.zh)) and rule.checks and rule.needs
        for c in rule.cites:
            assert c.verify is (c.confidence in (Confidence.UNCERTAIN, Confidence.PARTLY_UNCERTAIN)) or (
                not c.law.text_known and c.verify
            )
    assert set(PROPOSAL_LABELS) == set(ProposalCode)
    assert all(label.zh and label.en and label.vi for label in PROPOSAL_LABELS.values())


def test_finding_json_has_the_contract_fields_first():
    found = evaluate(private(milestones=(milestone(current=date(2023, 1, 1)),)), date(2023, 6, 1))
    data = found[0].to_json()
    assert list(data)[:7] == ["project", "rule", "citation", "days_behind", "proposal", "explanation", "verify"]
    assert data["facts"]["current_due"] == "2023-01-01"


def test_evaluate_all_keeps_project_order():
    late = (milestone(current=date(2023, 1, 1)),)
    projects = [replace(private(milestones=late), code=code) for code in ("B", "A", "C")]
    assert [f.project for f in evaluate_all(projects, date(2023, 6, 1)) if f.rule == "LATE"] == ["B", "A", "C"]


# --- properties ----------------------------------------------------------------------------------------------------

DAYS = st.integers(min_value=0, max_value=2000)
START = date(2019, 1, 1)


@st.composite
def on_time_projects(draw):
    """Projects that met every milestone, report and land deadline, judged on any day."""
    as_of = START + timedelta(days=draw(st.integers(min_value=0, max_value=3000)))
    kind = draw(st.sampled_from(list(ProjectKind)))
    milestones = []
    for m_kind in draw(st.lists(st.sampled_from(list(MK)), max_size=6)):
        first = START + timedelta(days=draw(DAYS))
        current = first + timedelta(days=draw(st.integers(min_value=0, max_value=720)))
        if draw(st.booleans()) and current <= as_of:
            done = current - timedelta(days=draw(st.integers(min_value=0, max_value=300)))
        else:
            done = None
            if current < as_of:
                current = as_of + timedelta(days=draw(st.integers(min_value=0, max_value=100)))
                first = min(first, current)
                current = min(current, add_months(first, 24))
                if current < as_of:
                    continue
        milestones.append(MilestoneFacts(m_kind, first, current, done))
    handed = START + timedelta(days=draw(DAYS))
    in_use = handed + timedelta(days=draw(st.integers(min_value=0, max_value=360)))
    since = START + timedelta(days=draw(DAYS))
    reports = all_reports(since, as_of) if since <= as_of else ()
    first_year = draw(st.integers(min_value=2015, max_value=2027))
    group = draw(st.sampled_from([ProjectGroup.A, ProjectGroup.B, ProjectGroup.C]))
    handed_year = min(first_year + 2, as_of.year) if first_year <= as_of.year else None
    capital = tuple(AnnualCapital(year, 100, 100, False, None) for year in range(2019, 2026))
    return as_of, ProjectFacts(
        code="P",
        kind=kind,
        group=group if kind is ProjectKind.PUBLIC else None,
        policy_approval_date=START,
        certificate_date=START,
        milestones=tuple(milestones),
        extensions=(),
        state_delay_days=0,
        land=Land(handed, in_use if in_use <= as_of else None, None, False)
        if in_use <= as_of
        else Land(None, None, None, False),
        deposit=Deposit(draw(st.booleans()), True),
        sanctions=(),
        stopped_since=None,
        investor_reachable=True,
        reports=reports,
        reporting_since=since,
        first_allocation_year=first_year,
        handed_over_year=handed_year,
        allocation_extension_years=0,
        total_investment=10**9,
        annual_capital=capital,
    )


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(on_time_projects())
def test_a_project_that_did_everything_on_time_has_no_finding(case):
    as_of, project = case
    assert evaluate(project, as_of) == []


OPT_DATE = st.one_of(st.none(), st.dates(min_value=date(2018, 1, 1), max_value=date(2027, 12, 31)))


@st.composite
def any_projects(draw):
    """Projects in any state, every fact known."""
    as_of = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31)))
    kind = draw(st.sampled_from(list(ProjectKind)))
    milestones = tuple(
        MilestoneFacts(m_kind, first, first + timedelta(days=draw(st.integers(0, 900))), draw(OPT_DATE))
        for m_kind, first in draw(
            st.lists(st.tuples(st.sampled_from(list(MK)), st.dates(date(2019, 1, 1), date(2026, 1, 1))), max_size=4)
        )
    )
    reasons = st.sampled_from(list(ExtensionReason))
    return as_of, ProjectFacts(
        code="P",
        kind=kind,
        group=draw(st.sampled_from(list(ProjectGroup))),
        policy_approval_date=draw(OPT_DATE),
        certificate_date=draw(OPT_DATE),
        milestones=milestones,
        extensions=tuple(
            Extension(draw(OPT_DATE) or as_of, draw(st.integers(0, 24)), draw(reasons))
            for _ in range(draw(st.integers(0, 2)))
        ),
        state_delay_days=draw(st.integers(0, 400)),
        land=Land(draw(OPT_DATE), draw(OPT_DATE), draw(OPT_DATE), draw(st.booleans())),
        deposit=Deposit(draw(st.booleans()), draw(st.booleans())),
        sanctions=tuple(
            Sanction(day, rule)
            for day, rule in draw(
                st.lists(
                    st.tuples(
                        st.dates(date(2019, 1, 1), date(2027, 1, 1)), st.sampled_from(["SANC-01", "SANC-02", "SANC-03"])
                    ),
                    max_size=2,
                )
            )
        ),
        stopped_since=draw(OPT_DATE),
        investor_reachable=draw(st.booleans()),
        reports=tuple(
            Report(ReportKind.QUARTERLY, f"{year}-Q{q}", draw(OPT_DATE))
            for year, q in draw(st.lists(st.tuples(st.integers(2019, 2027), st.integers(1, 4)), max_size=6))
        ),
        reporting_since=draw(OPT_DATE),
        first_allocation_year=draw(st.one_of(st.none(), st.integers(2015, 2027))),
        handed_over_year=draw(st.one_of(st.none(), st.integers(2015, 2027))),
        allocation_extension_years=draw(st.integers(0, 2)),
        total_investment=draw(st.integers(0, 40_000 * 10**9)),
        annual_capital=tuple(
            AnnualCapital(year, 100, draw(st.integers(0, 100)), draw(st.booleans()), draw(OPT_DATE))
            for year in draw(st.lists(st.integers(2019, 2026), max_size=2))
        ),
    )


# Rules that judge one delay in turns: an extension may move a milestone from one to the other without making it
# any later (an exception moves it under the cap; a due date moved past a fine makes its delay a new, shorter one).
FAMILY = {"INV-01": "cap", "INV-02": "cap", "SANC-02": "sanction", "INV-10": "sanction"}
# the others report a project's worst milestone, which an extension of one milestone may change
PER_MILESTONE = {"LATE", "INV-01", "INV-02"}


def worst_days(findings) -> dict[tuple[str, object], int]:
    """The most days behind per rule (family), and per milestone for the rules judging each milestone."""
    worst: dict[tuple[str, object], int] = {}
    for f in findings:
        key = (FAMILY.get(f.key, f.key), f.milestone if f.key in PER_MILESTONE else None)
        worst[key] = max(worst.get(key, 0), f.days_behind or 0)
    return worst


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(
    any_projects(),
    st.integers(min_value=0),
    st.integers(min_value=1, max_value=36),
    st.sampled_from(list(ExtensionReason)),
)
def test_an_extension_never_makes_a_project_later(case, which, months, reason):
    as_of, project = case
    if not project.milestones:
        return
    index = which % len(project.milestones)
    m = project.milestones[index]
    extended = replace(
        project,
        milestones=tuple(
            MilestoneFacts(m.kind, m.first_due, add_months(m.current_due, months), m.done) if i == index else other
            for i, other in enumerate(project.milestones)
        ),
        extensions=(*project.extensions, Extension(as_of, months, reason)),
    )
    before, after = worst_days(evaluate(project, as_of)), worst_days(evaluate(extended, as_of))
    for key, days in after.items():
        assert days <= before.get(key, 0), key


# What each unknown does to a complete project: (the name rules use, how to make it unknown)
UNKNOWABLE = {
    "kind": lambda p: replace(p, kind=UNKNOWN),
    "group": lambda p: replace(p, group=UNKNOWN),
    "policy_approval_date": lambda p: replace(p, policy_approval_date=UNKNOWN),
    "certificate_date": lambda p: replace(p, certificate_date=UNKNOWN),
    "milestones": lambda p: replace(p, milestones=UNKNOWN),
    "milestones.done": lambda p: (
        p
        if p.milestones is UNKNOWN
        else replace(
            p,
            milestones=tuple(
                Milestone(m.kind, m.first_due, m.current_due, None, done_known=False) for m in p.milestones
            ),
        )
    ),
    "extensions": lambda p: replace(p, extensions=UNKNOWN),
    "state_delay_days": lambda p: replace(p, state_delay_days=UNKNOWN),
    "land.handed_over": lambda p: replace(p, land=replace(p.land, handed_over=UNKNOWN)),
    "land.in_use_since": lambda p: replace(p, land=replace(p.land, in_use_since=UNKNOWN)),
    "land.extension_until": lambda p: replace(p, land=replace(p.land, extension_until=UNKNOWN)),
    "land.force_majeure": lambda p: replace(p, land=replace(p.land, force_majeure=UNKNOWN)),
    "deposit.required": lambda p: replace(p, deposit=replace(p.deposit, required=UNKNOWN)),
    "deposit.paid": lambda p: replace(p, deposit=replace(p.deposit, paid=UNKNOWN)),
    "sanctions": lambda p: replace(p, sanctions=UNKNOWN),
    "stopped_since": lambda p: replace(p, stopped_since=UNKNOWN),
    "investor_reachable": lambda p: replace(p, investor_reachable=UNKNOWN),
    "reports": lambda p: replace(p, reports=UNKNOWN),
    "reporting_since": lambda p: replace(p, reporting_since=UNKNOWN),
    "first_allocation_year": lambda p: replace(p, first_allocation_year=UNKNOWN),
    "handed_over_year": lambda p: replace(p, handed_over_year=UNKNOWN),
    "allocation_extension_years": lambda p: replace(p, allocation_extension_years=UNKNOWN),
    "total_investment": lambda p: replace(p, total_investment=UNKNOWN),
    "annual_capital": lambda p: replace(p, annual_capital=UNKNOWN),
}
# Unknown facts that could only excuse a project: a finding that fires anyway names them.
EXCUSES = {"state_delay_days", "extensions", "land.force_majeure", "sanctions", "allocation_extension_years"}
EXCUSES |= {"stopped_since"}


def test_every_field_a_rule_needs_can_be_made_unknown():
    needed = {name for rule in RULES for name in rule.needs}
    assert needed <= set(UNKNOWABLE)
    # report_kinds says which kinds `reports` covers: it makes the others unknown, it is never unknown itself
    top = {f.name for f in fields(ProjectFacts)} - {"code", "land", "deposit", "report_kinds"}
    assert top <= set(UNKNOWABLE)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(any_projects(), st.sets(st.sampled_from(sorted(UNKNOWABLE)), min_size=1, max_size=4))
def test_unknown_facts_never_produce_a_finding_that_needs_them(case, unknown):
    as_of, project = case
    for name in unknown:
        project = UNKNOWABLE[name](project)
    for finding in evaluate(project, as_of):
        rule = RULES_BY_KEY[finding.key]
        assert not unknown & set(rule.needs), (finding.key, unknown)
        excused_by = unknown & EXCUSES & _excuses_of(finding.key)
        assert excused_by <= set(finding.unchecked), (finding.key, excused_by, finding.unchecked)


def _excuses_of(key: str) -> set[str]:
    """The excusing facts each rule reads (and so must name when unknown)."""
    return {
        "LATE": {"state_delay_days"},
        "INV-01": {"state_delay_days", "extensions"},
        "INV-02": {"state_delay_days", "extensions"},
        "INV-08": {"state_delay_days", "extensions"},
        "LAND-01": {"land.force_majeure"},
        "SANC-02": {"state_delay_days", "sanctions", "stopped_since"},
        "INV-10": {"state_delay_days", "stopped_since"},
        "SANC-03": {"sanctions"},
        "SANC-01": {"sanctions"},
        "SANC-01-supervision": {"sanctions"},
        "SANC-01-public": {"sanctions"},
        "PI-06": {"allocation_extension_years"},
    }.get(key, set())
