"""LATE: a milestone past its own approved schedule, the finding every project kind can have.

Days behind leave out the delay the State documented (Law on Investment Art. 44(3), docs/legal/investment.md
INV-05). The handling of a late project is derived in docs/legal/behind-schedule.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Final

from tiendo.domain.languages import Text
from tiendo.domain.projects import months_added
from tiendo.domain.schedule_rules.context import NO_HITS, Ctx, Hit
from tiendo.domain.schedule_rules.laws import SCHEDULE, cite
from tiendo.domain.schedule_rules.messages import MILESTONE, msg
from tiendo.domain.schedule_rules.rule import ANY, AS_OF, Rule, V
from tiendo.domain.schedule_rules.vocabulary import UNKNOWN, ProposalCode
from tiendo.domain.severity import Severity


def _late(ctx: Ctx) -> Sequence[Hit]:
    """A milestone past its current due date, less the delay the State documented (INV-05)."""
    milestones = ctx.p.milestones
    if milestones is UNKNOWN:
        return NO_HITS
    as_of = ctx.as_of
    delay, unchecked = ctx.delay()
    hits: list[Hit] = []
    for m in milestones:
        due = m.current_due
        if due is None or not ctx.is_open(m):
            continue
        days = (as_of - due).days - delay
        if days <= 0:
            continue
        first = m.first_due
        if first is not None and due > first:
            schedule = msg("sr.late.pushed", first=first, months=months_added(first, due), due=due)
        else:
            schedule = msg("sr.late.due", due=due)
        hits.append(
            Hit(
                msg(
                    "sr.late",
                    milestone=MILESTONE[m.kind],
                    schedule=schedule,
                    as_of=as_of,
                    days=days,
                    state_delay=msg("sr.late.state_delay", days=delay) if delay else None,
                ),
                {"milestone": m.kind.value, "first_due": first, "current_due": due, "state_delay_days": delay},
                severity=Severity.LOW if days <= 90 else Severity.MEDIUM if days <= 365 else Severity.HIGH,
                days_behind=days,
                months_behind=months_added(due + timedelta(days=delay), as_of),
                milestone=m.kind,
                unchecked=unchecked,
            )
        )
    return hits


LATE_RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "LATE",
        Text("Mốc tiến độ quá hạn", "Milestone past its due date", "进度节点逾期"),
        "an open milestone past its current due date, less documented State delay (INV-05)",
        ANY,
        (cite("LATE", SCHEDULE, "Tiến độ thực hiện dự án đã được chấp thuận, đăng ký hoặc phê duyệt", V),),
        AS_OF,
        ProposalCode.REMIND,
        Severity.MEDIUM,
        ("milestones", "milestones.done"),
        _late,
    ),
)
