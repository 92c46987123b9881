"""LAND-01 / LAND-03: project land unused for 12 months or its use 24 months behind (docs/legal/land.md).

Land rules are judged under the law in force on the day of the fact (the Land Law 2013 before 01/08/2024, 2024
after). `land_breach` is shared with INV-12 (the project is terminated after the land is recovered).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from tiendo.domain.languages import Text
from tiendo.domain.projects import months_added
from tiendo.domain.schedule_rules.context import NO_HITS, Ctx, FactValue, Hit, operation_milestone
from tiendo.domain.schedule_rules.dates import add_months, months_after
from tiendo.domain.schedule_rules.laws import LAND_2013, LAND_2024, cite
from tiendo.domain.schedule_rules.messages import msg
from tiendo.domain.schedule_rules.rule import BUSINESS, FACT, SU, Rule, V
from tiendo.domain.schedule_rules.vocabulary import UNKNOWN, ProposalCode
from tiendo.domain.severity import Severity


@dataclass(slots=True)
class LandBreach:
    stage: int  # 1: breach, no extension yet; 2: extension over, still unused; 0: inside the extension
    trigger: str
    since: date  # the first day of the breach (or of the recovery stage)
    months: int
    days: int
    extension_until: date | None
    unchecked: tuple[str, ...]
    facts: dict[str, FactValue]


def land_breach(ctx: Ctx) -> LandBreach | None:
    """Land Law 2024 Art. 81(8) / 2013 Art. 64(1)(i): land unused 12 months, or its use 24 months behind."""
    p, as_of = ctx.p, ctx.as_of
    land = p.land
    handed = land.handed_over
    if not ctx.has(handed) or land.in_use_since is UNKNOWN or land.force_majeure is True:
        return None  # Art. 81(9): no recovery for force majeure
    assert isinstance(handed, date)
    unused = ctx.not_yet(land.in_use_since)
    trigger, since, months, days = "", date.max, 0, 0
    if unused and months_after(handed, 12, as_of):
        end = add_months(handed, 12)
        trigger, since = "unused_12_months", end + timedelta(days=1)
        months, days = months_added(handed, as_of), (as_of - end).days
    m = operation_milestone(p.milestones) if p.milestones is not UNKNOWN else None
    if m is not None and m.current_due is not None and ctx.is_open(m):
        start = max(m.current_due, handed)
        end = add_months(start, 24)
        if as_of > end and end + timedelta(days=1) < since:
            trigger, since = "use_24_months_behind", end + timedelta(days=1)
            months, days = months_added(start, as_of), (as_of - end).days
    if not trigger:
        return None
    unchecked = ("land.force_majeure",) if land.force_majeure is UNKNOWN else ()
    until = land.extension_until
    facts: dict[str, FactValue] = {
        "handed_over": handed,
        "in_use_since": land.in_use_since if isinstance(land.in_use_since, date) else None,
        "trigger": trigger,
        "breach_from": since,
        "extension_until": until if isinstance(until, date) else None,
    }
    if until is UNKNOWN:
        return LandBreach(1, trigger, since, months, days, None, (*unchecked, "land.extension_until"), facts)
    if until is None:
        return LandBreach(1, trigger, since, months, days, None, unchecked, facts)
    if until >= as_of:
        return LandBreach(0, trigger, since, months, days, until, unchecked, facts)
    recovery = until + timedelta(days=1)
    return LandBreach(2, trigger, recovery, months, (as_of - until).days, until, unchecked, facts)


def _land_unused(ctx: Ctx) -> Sequence[Hit]:
    """LAND-01 / LAND-03: one extension of at most 24 months with payment, then recovery without compensation."""
    breach = land_breach(ctx)
    if breach is None:
        return NO_HITS
    handed = breach.facts["handed_over"]
    assert isinstance(handed, date)
    if breach.trigger == "unused_12_months":
        what = msg("sr.land.unused", handed=handed, as_of=ctx.as_of, months=breach.months)
    else:
        what = msg("sr.land.behind", handed=handed, as_of=ctx.as_of, months=breach.months)
    if breach.stage == 1:
        return (
            Hit(
                msg("sr.land.breach", what=what, since=breach.since),
                breach.facts,
                fact_date=breach.since,
                days_behind=breach.days,
                months_behind=breach.months,
                months_remaining=24,
                unchecked=breach.unchecked,
                then=(ProposalCode.RECOVER_LAND,),
            ),
        )
    assert breach.extension_until is not None
    if breach.stage == 0:
        return (
            Hit(
                msg("sr.land.extended", what=what, until=breach.extension_until),
                breach.facts,
                fact_date=breach.since,
                proposal=ProposalCode.REMIND,
                severity=Severity.LOW,
                months_behind=breach.months,
                months_remaining=months_added(ctx.as_of, breach.extension_until),
                unchecked=breach.unchecked,
                then=(ProposalCode.RECOVER_LAND,),
            ),
        )
    return (
        Hit(
            msg("sr.land.recover", what=what, until=breach.extension_until),
            breach.facts,
            fact_date=breach.since,
            proposal=ProposalCode.RECOVER_LAND,
            severity=Severity.CRITICAL,
            days_behind=breach.days,
            months_behind=breach.months,
            unchecked=breach.unchecked,
            then=(ProposalCode.TERMINATE,),
        ),
    )


LAND_RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "LAND-01",
        Text(
            "Đất dự án không sử dụng 12 tháng hoặc chậm tiến độ sử dụng 24 tháng",
            "Project land unused for 12 months or its use 24 months behind",
            "项目用地连续12个月未使用或使用进度滞后24个月",
        ),
        "land unused 12 consecutive months since handover, or its use 24 months behind; extension, then recovery",
        BUSINESS,
        (
            cite("LAND-03", LAND_2013, "Điều 64 khoản 1 điểm i", SU),
            cite("LAND-01", LAND_2024, "Điều 81 khoản 8", V),
        ),
        FACT,
        ProposalCode.EXTEND_LAND_USE,
        Severity.HIGH,
        ("kind", "land.handed_over", "land.in_use_since"),
        _land_unused,
    ),
)
