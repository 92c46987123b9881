"""SANC-*: the administrative fines of Decree 122/2021 for late reports, a skipped adjustment, an unpaid deposit.

See docs/legal/sanctions.md. A sanction already decided silences the fine for what it covered; a breach that
continues after it is INV-10's (docs/legal/investment.md). The sets of rule ids a recorded sanction may name are
here, as the investment rules read them too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from tiendo.domain.languages import Text
from tiendo.domain.projects import MilestoneFacts
from tiendo.domain.schedule_rules.context import NO_HITS, Ctx, Hit, date_or_none, deposit_due
from tiendo.domain.schedule_rules.dates import add_months
from tiendo.domain.schedule_rules.laws import DECREE_122, cite
from tiendo.domain.schedule_rules.messages import (
    FINE_INVESTMENT_REPORTS,
    FINE_SUPERVISION_REPORTS,
    FINE_SUPERVISION_REPORTS_2024,
    MILESTONE,
    msg,
    semicolons,
)
from tiendo.domain.schedule_rules.reports import INVESTMENT_REPORTS, SUPERVISION_REPORTS, list_periods, owed_reports
from tiendo.domain.schedule_rules.rule import AS_OF, BUSINESS, PUBLIC, Rule, S, U, V
from tiendo.domain.schedule_rules.vocabulary import UNKNOWN, ProposalCode, ReportKind
from tiendo.domain.severity import Severity

SCHEDULE_SANCTIONS: Final = frozenset({"SANC-02", "SANC-05", "LATE", "INV-01", "INV-02"})
DEPOSIT_SANCTIONS: Final = frozenset({"SANC-03"})

_PROCEDURE_SANCTIONS: Final = frozenset({"SANC-02"})


_REPORT_SANCTIONS: Final = frozenset({"SANC-01"})


def _deposit_unpaid_fine(ctx: Ctx) -> Sequence[Hit]:
    """Decree 122 Art. 19(1)(a): no deposit or guarantee when required (not yet sanctioned for it)."""
    handed = deposit_due(ctx)
    if handed is None:
        return NO_HITS
    sanctioned, unchecked = ctx.sanctioned_since(DEPOSIT_SANCTIONS)
    if sanctioned is not None:
        return NO_HITS  # sanctioned and still unpaid: INV-10
    return (
        Hit(
            msg("sr.sanc.deposit", as_of=ctx.as_of, handed=handed),
            {"deposit_required": True, "deposit_paid": False, "handed_over": handed},
            days_behind=(ctx.as_of - handed).days,
            unchecked=unchecked,
        ),
    )


def _procedure_not_done(ctx: Ctx) -> Sequence[Hit]:
    """Decree 122 Art. 17(2): late against the certificate and the adjustment procedure not done (not yet fined)."""
    p = ctx.p
    if p.milestones is UNKNOWN or ctx.has(p.stopped_since):
        return NO_HITS  # a stopped project is on the stop track (INV-09, INV-12), as for INV-10
    certificate, approval = p.certificate_date, p.policy_approval_date
    if ctx.has(certificate):
        clause, verify = "", False
    elif ctx.not_yet(certificate) and ctx.has(approval):
        clause, verify = "c", True  # no certificate: the policy adjustment, Art. 17(2)(c) [U]
    else:
        return NO_HITS
    delay, delay_unknown = ctx.delay()
    sanctioned, sanctions_unknown = ctx.sanctioned_since(_PROCEDURE_SANCTIONS)
    worst: tuple[int, MilestoneFacts] | None = None
    for m in p.milestones:
        due = m.current_due
        if due is None or not ctx.is_open(m):
            continue
        if sanctioned is not None and (sanctioned - due).days > delay:
            continue  # already late when fined for it: INV-10 takes over
        days = (ctx.as_of - due).days - delay
        if days > 0 and (worst is None or days > worst[0]):
            worst = (days, m)
    if worst is None:
        return NO_HITS
    days, m = worst
    assert m.current_due is not None
    return (
        Hit(
            msg("sr.sanc.procedure", milestone=MILESTONE[m.kind], days=days, due=m.current_due, as_of=ctx.as_of),
            {"milestone": m.kind.value, "current_due": m.current_due, "certificate_date": date_or_none(certificate)},
            days_behind=days,
            milestone=m.kind,
            unchecked=delay_unknown + sanctions_unknown + (("stopped_since",) if p.stopped_since is UNKNOWN else ()),
            verify=verify,
            extra_citation=" điểm c" if clause else " điểm b",
        ),
    )


def _reporting_fine(kinds: tuple[ReportKind, ...], band: Text) -> Callable[[Ctx], Sequence[Hit]]:
    """Decree 122: reports missing, or late within the 1-year limitation (SANC-00), and not yet fined."""

    def condition(ctx: Ctx) -> Sequence[Hit]:
        owed = owed_reports(ctx, kinds)
        if not owed:
            return NO_HITS
        sanctioned, unchecked = ctx.sanctioned_since(_REPORT_SANCTIONS)
        limit = add_months(ctx.as_of, -12)
        missing, late = [], []
        for item in owed:
            if sanctioned is not None and item.deadline < sanctioned:
                continue  # covered by the sanction already decided
            if item.submitted is None:
                missing.append(item)
            elif item.submitted > item.deadline and item.submitted >= limit:
                late.append(item)
        if not missing and not late:
            return NO_HITS
        parts = []
        if missing:
            parts.append(msg("sr.sanc.reports.missing", count=len(missing), periods=list_periods(missing)))
        if late:
            parts.append(msg("sr.sanc.reports.late", count=len(late), periods=list_periods(late)))
        oldest = min(item.deadline for item in missing + late)
        return (
            Hit(
                msg("sr.sanc.reports", as_of=ctx.as_of, parts=semicolons(parts), oldest=oldest, fine=band),
                {"missing": len(missing), "late": len(late), "oldest_deadline": oldest, "fine": band.vi},
                days_behind=(ctx.as_of - oldest).days,
                unchecked=unchecked,
            ),
        )

    return condition


SANCTION_RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "SANC-01",
        Text(
            "Vi phạm chế độ báo cáo hoạt động đầu tư",
            "Investment reports missing or late",
            "违反投资活动报告制度",
        ),
        "investment reports missing, or late within the 1-year limitation, not yet fined",
        BUSINESS,
        (cite("SANC-01", DECREE_122, "Điều 15 khoản 2 điểm a", S),),
        AS_OF,
        ProposalCode.FINE_REPORTING,
        Severity.MEDIUM,
        ("kind", "reports", "reporting_since"),
        _reporting_fine(INVESTMENT_REPORTS, FINE_INVESTMENT_REPORTS),
    ),
    Rule(
        "SANC-01-supervision",
        Text(
            "Vi phạm chế độ báo cáo giám sát, đánh giá đầu tư",
            "Supervision reports missing or late",
            "违反投资监督评估报告制度",
        ),
        "supervision reports missing, or late within the 1-year limitation, not yet fined",
        BUSINESS,
        (cite("SANC-01", DECREE_122, "Điều 15 khoản 1", S),),
        AS_OF,
        ProposalCode.FINE_REPORTING,
        Severity.MEDIUM,
        ("kind", "reports", "reporting_since"),
        _reporting_fine(SUPERVISION_REPORTS, FINE_SUPERVISION_REPORTS),
    ),
    Rule(
        "SANC-01-public",
        Text(
            "Chủ đầu tư vi phạm chế độ báo cáo giám sát",
            "Public owner's supervision reports missing or late",
            "公共投资业主违反监督报告制度",
        ),
        "a public owner's supervision reports missing or late (Art. 10, conflicting sources)",
        PUBLIC,
        (cite("SANC-01", DECREE_122, "Điều 10", U),),
        AS_OF,
        ProposalCode.FINE_REPORTING,
        Severity.MEDIUM,
        ("kind", "reports", "reporting_since"),
        _reporting_fine(SUPERVISION_REPORTS, FINE_SUPERVISION_REPORTS_2024),
    ),
    Rule(
        "SANC-02",
        Text(
            "Không thực hiện thủ tục điều chỉnh khi chậm tiến độ",
            "Late without the adjustment procedure",
            "进度延误未办理调整手续",
        ),
        "a milestone late against the certificate, not yet fined for it",
        BUSINESS,
        (cite("SANC-02", DECREE_122, "Điều 17 khoản 2", S),),
        AS_OF,
        ProposalCode.FINE_PROCEDURE,
        Severity.MEDIUM,
        ("kind", "milestones", "milestones.done", "certificate_date"),
        _procedure_not_done,
    ),
    Rule(
        "SANC-03",
        Text("Không ký quỹ khi phải ký quỹ", "No deposit when one is required", "应缴未缴保证金"),
        "a deposit required and unpaid after the land was handed over, not yet fined",
        BUSINESS,
        (cite("SANC-03", DECREE_122, "Điều 19 khoản 1 điểm a", V),),
        AS_OF,
        ProposalCode.FINE_DEPOSIT,
        Severity.MEDIUM,
        ("kind", "deposit.required", "deposit.paid", "land.handed_over"),
        _deposit_unpaid_fine,
    ),
)
