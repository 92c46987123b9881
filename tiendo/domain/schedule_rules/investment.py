"""INV-*: the Law on Investment's rules on a business project's schedule (docs/legal/investment.md).

The 12- and 24-month limits on pushing the schedule (Art. 41), the deposit forfeited (Decree 31 Art. 26), the stop
(Art. 47) and the termination (Art. 48), the periodic reports (Decree 31 Art. 102). These rules are judged under
the law in force on the evaluation day (INV-00): from 01/03/2026 Law 143/2025 applies, whose text tiendo does not
have, so they cite the 2020 article and ask to verify it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Final

from tiendo.domain.languages import Text
from tiendo.domain.messages import Message
from tiendo.domain.projects import MilestoneFacts, months_added
from tiendo.domain.schedule_rules.context import (
    NO_HITS,
    Cap,
    Ctx,
    FactValue,
    Hit,
    deposit_due,
    json_bool,
    operation_milestone,
)
from tiendo.domain.schedule_rules.dates import add_months, months_after
from tiendo.domain.schedule_rules.land import land_breach
from tiendo.domain.schedule_rules.laws import investment_law
from tiendo.domain.schedule_rules.messages import MILESTONE, msg, semicolons
from tiendo.domain.schedule_rules.reports import INVESTMENT_REPORTS, require_reports
from tiendo.domain.schedule_rules.rule import AS_OF, BUSINESS, SU, Rule, S, V
from tiendo.domain.schedule_rules.sanctions import DEPOSIT_SANCTIONS, SCHEDULE_SANCTIONS
from tiendo.domain.schedule_rules.vocabulary import UNKNOWN, ProposalCode
from tiendo.domain.severity import Severity


def _caps(ctx: Ctx) -> list[tuple[MilestoneFacts, Cap]]:
    """Every open milestone's standing against the cap, computed once per evaluation (INV-01, INV-02, INV-08)."""
    if ctx.caps is None:
        caps: list[tuple[MilestoneFacts, Cap]] = []
        if ctx.p.milestones is not UNKNOWN and ctx.has(ctx.p.policy_approval_date):
            for m in ctx.p.milestones:
                cap = _cap(ctx, m)
                if cap is not None:
                    caps.append((m, cap))
        ctx.caps = caps
    return ctx.caps


def _cap(ctx: Ctx, m: MilestoneFacts) -> Cap | None:
    approval = ctx.p.policy_approval_date
    first, due = m.first_due, m.current_due
    if not ctx.has(approval) or first is None or due is None or not ctx.is_open(m):
        return None  # INV-03: no cap without a policy approval
    assert isinstance(approval, date)
    delay, delay_unknown = ctx.delay()
    exempt, exempt_unknown = ctx.exempt()
    late_days = (ctx.as_of - due).days - delay
    needed = ctx.as_of if late_days > 0 else due
    shift = timedelta(days=delay)
    limit24 = add_months(first, 24 + exempt) + shift
    return Cap(
        late_days=late_days,
        needed=needed,
        pushed=months_added(first, needed - shift),
        limit12=add_months(first, 12) + shift,
        limit24=limit24,
        exempt=exempt,
        remaining=months_added(due, limit24) if due <= limit24 else 0,
        unchecked=delay_unknown + exempt_unknown,
        before_2021=approval < date(2021, 1, 1),
    )


def _cap_facts(m: MilestoneFacts, cap: Cap, ctx: Ctx) -> dict[str, FactValue]:
    return {
        "milestone": m.kind.value,
        "policy_approval_date": ctx.p.policy_approval_date if isinstance(ctx.p.policy_approval_date, date) else None,
        "first_due": m.first_due,
        "current_due": m.current_due,
        "months_pushed": cap.pushed,
        "latest_allowed_due": cap.limit24,
        "exempt_months": cap.exempt,
        "state_delay_days": ctx.delay()[0],
    }


_BEFORE_2021 = "; Nghị định 31/2021/NĐ-CP, Điều 117 khoản 4 (dự án chấp thuận trước 01/01/2021)"


def _needs_policy_adjustment(ctx: Ctx) -> Sequence[Hit]:
    """Art. 41(3)(d): late, and the schedule it needs is more than 12 months past the first approval."""
    hits: list[Hit] = []
    for m, cap in _caps(ctx):
        if cap.late_days <= 0 or not cap.limit12 < cap.needed <= cap.limit24:
            continue
        assert m.first_due is not None and m.current_due is not None
        hits.append(
            Hit(
                msg(
                    "sr.inv.policy_adjustment",
                    milestone=MILESTONE[m.kind],
                    first=m.first_due,
                    due=m.current_due,
                    as_of=ctx.as_of,
                    pushed=cap.pushed,
                    remaining=cap.remaining,
                    limit=cap.limit24,
                ),
                _cap_facts(m, cap, ctx),
                days_behind=cap.late_days,
                months_behind=cap.pushed,
                months_remaining=cap.remaining,
                milestone=m.kind,
                unchecked=cap.unchecked,
                verify=cap.before_2021,
                extra_citation=_BEFORE_2021 if cap.before_2021 else "",
            )
        )
    return hits


def _beyond_cap(ctx: Ctx) -> Sequence[Hit]:
    """Art. 41(4): the schedule (granted or needed) is more than 24 months past the first approval, no exception."""
    hits: list[Hit] = []
    for m, cap in _caps(ctx):
        if cap.needed <= cap.limit24:
            continue
        assert m.first_due is not None and m.current_due is not None
        if cap.late_days > 0:
            state = msg("sr.inv.state_late", due=m.current_due, as_of=ctx.as_of)
        else:
            state = msg("sr.inv.state_pushed", due=m.current_due)
        hits.append(
            Hit(
                msg(
                    "sr.inv.beyond_cap",
                    milestone=MILESTONE[m.kind],
                    first=m.first_due,
                    state=state,
                    pushed=cap.pushed,
                    limit=cap.limit24,
                    exempt=msg("sr.inv.exempt", months=cap.exempt) if cap.exempt else None,
                ),
                _cap_facts(m, cap, ctx),
                days_behind=cap.late_days if cap.late_days > 0 else None,
                months_behind=cap.pushed,
                months_remaining=0,
                milestone=m.kind,
                unchecked=cap.unchecked,
                verify=cap.before_2021,
                extra_citation=_BEFORE_2021 if cap.before_2021 else "",
            )
        )
    return hits


def _deposit_forfeited(ctx: Ctx) -> Sequence[Hit]:
    """Decree 31 Art. 26: late into operation with no permitted adjustment left -> the deposit goes to the budget."""
    deposit, milestones = ctx.p.deposit, ctx.p.milestones
    if deposit.required is not True or deposit.paid is not True or milestones is UNKNOWN:
        return NO_HITS
    m = operation_milestone(milestones)
    cap = next((cap for milestone, cap in _caps(ctx) if milestone is m), None)
    if m is None or cap is None or cap.late_days <= 0 or cap.needed <= cap.limit24:
        return NO_HITS
    assert m.current_due is not None
    return (
        Hit(
            msg(
                "sr.inv.deposit_forfeited",
                milestone=MILESTONE[m.kind],
                due=m.current_due,
                as_of=ctx.as_of,
                limit=cap.limit24,
            ),
            {**_cap_facts(m, cap, ctx), "deposit_required": True, "deposit_paid": True},
            days_behind=cap.late_days,
            months_behind=cap.pushed,
            months_remaining=0,
            milestone=m.kind,
            unchecked=cap.unchecked,
        ),
    )


def _stopped_too_long(ctx: Ctx) -> Sequence[Hit]:
    """Art. 47(1) and the 12-month limit on a stop [S]: stopped over 12 months, the investor can still be reached."""
    since = ctx.p.stopped_since
    if not ctx.has(since) or ctx.p.investor_reachable is False:
        return NO_HITS
    assert isinstance(since, date)
    if not months_after(since, 12, ctx.as_of):
        return NO_HITS
    months = months_added(since, ctx.as_of)
    return (
        Hit(
            msg("sr.inv.stopped", since=since, as_of=ctx.as_of, months=months),
            {"stopped_since": since, "investor_reachable": json_bool(ctx.p.investor_reachable)},
            days_behind=(ctx.as_of - add_months(since, 12)).days,
            months_behind=months,
        ),
    )


def _sanctioned_and_continuing(ctx: Ctx) -> Sequence[Hit]:
    """Art. 47(2)(đ): already sanctioned for not following the approval or certificate, and still in breach."""
    p, as_of = ctx.p, ctx.as_of
    if p.sanctions is UNKNOWN or ctx.has(p.stopped_since):
        return NO_HITS
    delay, delay_unknown = ctx.delay()
    breaches: list[Message] = []
    facts: dict[str, FactValue] = {}
    since, _ = ctx.sanctioned_since(SCHEDULE_SANCTIONS)
    days: int | None = None
    if since is not None and p.milestones is not UNKNOWN:
        for m in p.milestones:
            due = m.current_due
            if due is None or not ctx.is_open(m) or (since - due).days <= delay:
                continue  # not yet late when sanctioned
            breaches.append(msg("sr.inv.sanctioned.milestone", milestone=MILESTONE[m.kind], due=due))
            days = max(days or 0, (as_of - due).days - delay)
            facts.setdefault("sanctioned_on", since)
            facts.setdefault("milestone", m.kind.value)
    deposit_since, _ = ctx.sanctioned_since(DEPOSIT_SANCTIONS)
    if deposit_since is not None and p.deposit.required is True and p.deposit.paid is False:
        breaches.append(msg("sr.inv.sanctioned.deposit"))
        facts["deposit_sanctioned_on"] = deposit_since
    if not breaches:
        return NO_HITS
    first = min(day for day in (since, deposit_since) if day is not None)
    return (
        Hit(
            msg("sr.inv.sanctioned", first=first, as_of=as_of, breaches=semicolons(breaches)),
            facts,
            days_behind=days,
            unchecked=delay_unknown + (("stopped_since",) if p.stopped_since is UNKNOWN else ()),
        ),
    )


def _stopped_and_unreachable(ctx: Ctx) -> Sequence[Hit]:
    """Art. 48(2)(c): stopped, 12 months have passed, and the investor cannot be contacted."""
    since = ctx.p.stopped_since
    if not ctx.has(since) or ctx.p.investor_reachable is not False:
        return NO_HITS
    assert isinstance(since, date)
    if not months_after(since, 12, ctx.as_of):
        return NO_HITS
    return (
        Hit(
            msg("sr.inv.unreachable", since=since, as_of=ctx.as_of),
            {"stopped_since": since, "investor_reachable": False},
            days_behind=(ctx.as_of - add_months(since, 12)).days,
            months_behind=months_added(since, ctx.as_of),
        ),
    )


def _land_recovered(ctx: Ctx) -> Sequence[Hit]:
    """Art. 48(2)(d) with Decree 31 Art. 57-60 (INV-13): after the land-recovery decision, terminate the project."""
    breach = land_breach(ctx)
    if breach is None or breach.stage != 2:
        return NO_HITS
    assert breach.extension_until is not None
    return (
        Hit(
            msg("sr.inv.land_recovered", until=breach.extension_until, as_of=ctx.as_of),
            breach.facts,
            days_behind=breach.days,
            months_behind=breach.months,
            unchecked=breach.unchecked,
        ),
    )


def _deposit_unpaid_terminate(ctx: Ctx) -> Sequence[Hit]:
    """Art. 48(2)(đ): the investor did not post the deposit or guarantee when required."""
    handed = deposit_due(ctx)
    if handed is None:
        return NO_HITS
    return (
        Hit(
            msg("sr.inv.no_deposit", handed=handed, as_of=ctx.as_of),
            {"deposit_required": True, "deposit_paid": False, "handed_over": handed},
            days_behind=(ctx.as_of - handed).days,
        ),
    )


INVESTMENT_RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "INV-01",
        Text(
            "Giãn tiến độ quá 12 tháng phải điều chỉnh chủ trương đầu tư",
            "Schedule pushed over 12 months needs a policy adjustment",
            "进度延后超过12个月须调整投资主张",
        ),
        "a late milestone needing more than 12 (and at most 24) months past the first approval",
        BUSINESS,
        investment_law("INV-01", "Điều 41 khoản 3 điểm d", S),
        AS_OF,
        ProposalCode.ALLOW_EXTENSION,
        Severity.MEDIUM,
        ("kind", "policy_approval_date", "milestones", "milestones.done"),
        _needs_policy_adjustment,
    ),
    Rule(
        "INV-02",
        Text(
            "Không được giãn tiến độ quá 24 tháng",
            "No schedule extension beyond 24 months",
            "进度延长不得超过24个月",
        ),
        "an open milestone whose schedule (granted or needed) is over 24 months past the first approval",
        BUSINESS,
        investment_law("INV-02", "Điều 41 khoản 4", V),
        AS_OF,
        ProposalCode.DENY_EXTENSION,
        Severity.HIGH,
        ("kind", "policy_approval_date", "milestones", "milestones.done"),
        _beyond_cap,
    ),
    Rule(
        "INV-08",
        Text(
            "Tiền ký quỹ nộp ngân sách khi chậm tiến độ không được điều chỉnh",
            "Deposit forfeited when late without a permitted adjustment",
            "进度延误且不得调整时保证金上缴",
        ),
        "operation late and beyond the 24-month cap, with a deposit paid",
        BUSINESS,
        investment_law("INV-08", "Điều 26 khoản 9–10", SU, decree=True),
        AS_OF,
        ProposalCode.FORFEIT_DEPOSIT,
        Severity.HIGH,
        ("kind", "policy_approval_date", "milestones", "milestones.done", "deposit.required", "deposit.paid"),
        _deposit_forfeited,
    ),
    Rule(
        "INV-09",
        Text(
            "Dự án ngừng hoạt động quá 12 tháng",
            "Project stopped for more than 12 months",
            "项目停止活动超过12个月",
        ),
        "stopped for more than 12 months, investor not known to be unreachable",
        BUSINESS,
        investment_law("INV-09", "Điều 47 khoản 1; Nghị định 31/2021/NĐ-CP Điều 56", S),
        AS_OF,
        ProposalCode.REQUIRE_REPORT,
        Severity.MEDIUM,
        ("kind", "stopped_since"),
        _stopped_too_long,
    ),
    Rule(
        "INV-10",
        Text(
            "Đã bị xử phạt mà tiếp tục vi phạm: ngừng hoạt động dự án",
            "Sanctioned and still in breach: stop the project",
            "已受处罚仍继续违规：停止项目",
        ),
        "a sanction decided and the breach (a late milestone, the deposit) still continuing",
        BUSINESS,
        investment_law("INV-10", "Điều 47 khoản 2 điểm đ", V),
        AS_OF,
        ProposalCode.SUSPEND,
        Severity.HIGH,
        ("kind", "sanctions"),
        _sanctioned_and_continuing,
    ),
    Rule(
        "INV-12c",
        Text(
            "Ngừng hoạt động quá 12 tháng, không liên lạc được nhà đầu tư",
            "Stopped over 12 months and the investor unreachable",
            "停止超过12个月且无法联系投资者",
        ),
        "stopped for more than 12 months and the investor cannot be contacted",
        BUSINESS,
        investment_law("INV-12", "Điều 48 khoản 2 điểm c", V),
        AS_OF,
        ProposalCode.TERMINATE,
        Severity.CRITICAL,
        ("kind", "stopped_since", "investor_reachable"),
        _stopped_and_unreachable,
    ),
    Rule(
        "INV-12d",
        Text(
            "Đất bị thu hồi do chậm đưa vào sử dụng: chấm dứt dự án",
            "Land recovered for non-use: terminate the project",
            "土地因未使用被收回：终止项目",
        ),
        "the land-use extension over and the land still unused (after the recovery decision, INV-13)",
        BUSINESS,
        investment_law("INV-12", "Điều 48 khoản 2 điểm d; Nghị định 31/2021/NĐ-CP Điều 57", V),
        AS_OF,
        ProposalCode.TERMINATE,
        Severity.CRITICAL,
        ("kind", "land.handed_over", "land.in_use_since", "land.extension_until"),
        _land_recovered,
    ),
    Rule(
        "INV-12đ",
        Text(
            "Không ký quỹ theo quy định: căn cứ chấm dứt dự án",
            "No deposit posted: ground to terminate",
            "未缴纳保证金：终止项目的依据",
        ),
        "a deposit required and unpaid after the land was handed over",
        BUSINESS,
        investment_law("INV-12", "Điều 48 khoản 2 điểm đ", V),
        AS_OF,
        ProposalCode.TERMINATE,
        Severity.CRITICAL,
        ("kind", "deposit.required", "deposit.paid", "land.handed_over"),
        _deposit_unpaid_terminate,
    ),
    Rule(
        "INV-16",
        Text(
            "Báo cáo tình hình thực hiện dự án (quý, năm)",
            "Quarterly and annual investment reports",
            "项目实施情况季度、年度报告",
        ),
        "quarterly (before the 10th of the next quarter) and annual (before 31 March) reports not submitted",
        BUSINESS,
        investment_law("INV-16", "Điều 102", S, decree=True),
        AS_OF,
        ProposalCode.REQUIRE_REPORT,
        Severity.LOW,
        ("kind", "reports", "reporting_since"),
        require_reports(INVESTMENT_REPORTS),
    ),
)
