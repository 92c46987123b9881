"""PI-*: the Law on Public Investment's rules on a public project (docs/legal/public-investment.md).

The capital-allocation period (PI-06), the annual capital's disbursement deadline (PI-11) and the adjustment of a
late public project (PI-17). Judged under the law in force on the day of the fact (the first year over the
period, the day after the deadline): 39/2019, 58/2024 from 01/01/2025, as amended by 90/2025 from 01/07/2025.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Final

from tiendo.domain.languages import Text
from tiendo.domain.messages import Message, Money
from tiendo.domain.projects import MilestoneFacts, ProjectGroup
from tiendo.domain.schedule_rules.context import NO_HITS, Ctx, FactValue, Hit
from tiendo.domain.schedule_rules.laws import PUBLIC_2024, public_investment_law
from tiendo.domain.schedule_rules.messages import MILESTONE, msg
from tiendo.domain.schedule_rules.rule import FACT, PUBLIC, Rule, S, U
from tiendo.domain.schedule_rules.vocabulary import UNKNOWN, ProposalCode
from tiendo.domain.severity import Severity

# Art. 57(2) (2019: Art. 52(2)): years of capital for implementation, by group; national projects: per NA resolution.
# The plan checks and the allocation read the same table.
ALLOCATION_YEARS: Final = {ProjectGroup.A: 6, ProjectGroup.B: 4, ProjectGroup.C: 3}
# Art. 57(3)(b)-(c): a group A project of 10,000 to 30,000 billion đồng may extend by 2 years, not 1.
LARGE_GROUP_A: Final = (10_000 * 1_000_000_000, 30_000 * 1_000_000_000)


def _allocation_overrun(ctx: Ctx) -> Sequence[Hit]:
    """Public Investment Law 2024 Art. 57 (2019: Art. 52(2)): capital allocated beyond 6/4/3 years (A/B/C)."""
    p, as_of = ctx.p, ctx.as_of
    group, first, handed = p.group, p.first_allocation_year, p.handed_over_year
    if not isinstance(group, ProjectGroup) or group not in ALLOCATION_YEARS or not isinstance(first, int):
        return NO_HITS  # national projects: the National Assembly sets the period
    if handed is UNKNOWN or (isinstance(handed, int) and handed <= as_of.year) or first > as_of.year:
        return NO_HITS
    unchecked: tuple[str, ...] = ()
    granted = p.allocation_extension_years
    if granted is UNKNOWN:
        granted, unchecked = 0, ("allocation_extension_years",)
    limit = ALLOCATION_YEARS[group]
    last_year = first + limit - 1 + granted
    over = as_of.year - last_year
    if over <= 0:
        return NO_HITS
    breach = date(last_year + 1, 1, 1)
    facts: dict[str, FactValue] = {
        "group": group.value,
        "first_allocation_year": first,
        "limit_years": limit,
        "extension_years": granted,
        "last_allowed_year": last_year,
    }
    period = msg(
        "sr.pi.period",
        group=group.value,
        first=first,
        limit=limit,
        extended=msg("sr.pi.period.extended", years=granted) if granted else None,
        last=last_year,
        as_of=as_of,
    )
    days = (as_of - date(last_year, 12, 31)).days
    if breach < PUBLIC_2024.start:
        return (
            Hit(
                msg("sr.pi.before_2025", period=period),
                facts,
                fact_date=breach,
                days_behind=days,
                months_behind=over * 12,
                unchecked=unchecked,
                then=(ProposalCode.STOP_PUBLIC_ALLOCATION,),
            ),
        )
    most = 1
    if group is ProjectGroup.A:
        total = p.total_investment
        if total is UNKNOWN:
            unchecked += ("total_investment",)
        elif LARGE_GROUP_A[0] <= total < LARGE_GROUP_A[1]:
            most = 2
    left = most - granted
    facts["administrative_extension_years"] = most
    if over <= left:
        return (
            Hit(
                msg("sr.pi.extendable", period=period, most=most, left=left),
                facts,
                fact_date=breach,
                days_behind=days,
                months_behind=over * 12,
                months_remaining=left * 12,
                unchecked=unchecked,
                then=(ProposalCode.STOP_PUBLIC_ALLOCATION,),
            ),
        )
    return (
        Hit(
            msg("sr.pi.exhausted", period=period, most=most),
            facts,
            fact_date=breach,
            proposal=ProposalCode.REVIEW_RESPONSIBILITY,
            severity=Severity.CRITICAL,
            days_behind=days,
            months_behind=over * 12,
            months_remaining=0,
            unchecked=unchecked,
            then=(ProposalCode.REAPPRAISE, ProposalCode.STOP_PUBLIC_ALLOCATION),
        ),
    )


def _undisbursed(ctx: Ctx) -> Sequence[Hit]:
    """Public Investment Law 2024 Art. 72(1): a year's capital is disbursable until 31/01 of the next year."""
    capital = ctx.p.annual_capital
    if capital is UNKNOWN:
        return NO_HITS
    hits: list[Hit] = []
    for year_plan in capital:
        planned, disbursed = year_plan.planned, year_plan.disbursed
        if planned is UNKNOWN or disbursed is UNKNOWN or disbursed >= planned:
            continue
        year = year_plan.year
        unchecked: tuple[str, ...] = ()
        why: Message | None
        latest = date(year + 1, 12, 31)  # Art. 72(1)-(4): never later than 31/12 of the next year
        if year_plan.added_after_september is True:
            deadline, why = latest, msg("sr.pi.after_september")
        else:
            deadline, why = date(year + 1, 1, 31), None
            if year_plan.added_after_september is UNKNOWN:
                unchecked += ("annual_capital.added_after_september",)
        until = year_plan.extended_until
        if until is UNKNOWN:
            unchecked += ("annual_capital.extended_until",)
        elif isinstance(until, date) and until > deadline:
            deadline, why = min(until, latest), msg("sr.pi.extended_until", until=min(until, latest))
        if ctx.as_of <= deadline:
            continue
        rest = planned - disbursed
        hits.append(
            Hit(
                msg(
                    "sr.pi.undisbursed",
                    year=year,
                    planned=Money(planned),
                    disbursed=Money(disbursed),
                    deadline=deadline,
                    why=msg("sr.parenthesis", inner=why) if why else None,
                    rest=Money(rest),
                ),
                {"year": year, "planned": planned, "disbursed": disbursed, "deadline": deadline},
                fact_date=deadline + timedelta(days=1),
                days_behind=(ctx.as_of - deadline).days,
                unchecked=unchecked,
            )
        )
    return hits


def _public_adjustment(ctx: Ctx) -> Sequence[Hit]:
    """Public Investment Law 2024 Art. 37, 46: a public project past its approved schedule is adjusted after
    appraisal by whoever decided it."""
    milestones = ctx.p.milestones
    if milestones is UNKNOWN:
        return NO_HITS
    worst: tuple[int, MilestoneFacts] | None = None
    for m in milestones:
        due = m.current_due
        if due is not None and ctx.is_open(m) and due < ctx.as_of:
            days = (ctx.as_of - due).days
            if worst is None or days > worst[0]:
                worst = (days, m)
    if worst is None:
        return NO_HITS
    days, m = worst
    assert m.current_due is not None
    return (
        Hit(
            msg("sr.pi.adjustment", milestone=MILESTONE[m.kind], due=m.current_due, days=days, as_of=ctx.as_of),
            {"milestone": m.kind.value, "current_due": m.current_due},
            fact_date=m.current_due + timedelta(days=1),
            days_behind=days,
            milestone=m.kind,
        ),
    )


PUBLIC_INVESTMENT_RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "PI-06",
        Text(
            "Quá thời gian bố trí vốn thực hiện dự án",
            "Capital-allocation period exceeded",
            "超过项目资金安排期限",
        ),
        "a public project not handed over after 6/4/3 years (group A/B/C) of capital allocation",
        PUBLIC,
        public_investment_law("PI-06", "Điều 52 khoản 2", S, "Điều 57"),
        FACT,
        ProposalCode.EXTEND_ALLOCATION_PERIOD,
        Severity.HIGH,
        ("kind", "group", "first_allocation_year", "handed_over_year"),
        _allocation_overrun,
    ),
    Rule(
        "PI-11",
        Text(
            "Hết thời hạn giải ngân vốn kế hoạch hằng năm",
            "Annual capital past its disbursement deadline",
            "年度计划资金超过拨付期限",
        ),
        "a year's capital not fully disbursed by 31/01 of the next year (31/12 if added after 30/09 or extended)",
        PUBLIC,
        public_investment_law("PI-11", "Điều 68", U, "Điều 72 khoản 1"),
        FACT,
        ProposalCode.CANCEL_UNDISBURSED,
        Severity.MEDIUM,
        ("kind", "annual_capital"),
        _undisbursed,
    ),
    Rule(
        "PI-17",
        Text(
            "Dự án đầu tư công chậm tiến độ phải thẩm định, điều chỉnh",
            "Late public project to be re-appraised and adjusted",
            "逾期公共投资项目须重新评审调整",
        ),
        "a public project with a milestone past its due date",
        PUBLIC,
        public_investment_law("PI-17", "Điều 34, Điều 43", U, "Điều 37, Điều 46"),
        FACT,
        ProposalCode.REAPPRAISE,
        Severity.MEDIUM,
        ("kind", "milestones", "milestones.done"),
        _public_adjustment,
    ),
)
