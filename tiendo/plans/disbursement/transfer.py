"""The draft capital transfer (điều chuyển vốn): capital the slow projects will not disburse moved to projects on
pace that can absorb it, by the legal order of priority, into a new draft version of the plan in force.

`propose_transfer` is the service: it checks the actor, creates the draft through the plans' services and writes
every changed line and item in one transaction, the actor on every history row.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from tiendo.audit.models import acted_by
from tiendo.audit.versions import with_versions_moved
from tiendo.core import access as core_access
from tiendo.domain import disbursement as disbursement_rules
from tiendo.domain.allocation.messages import then
from tiendo.domain.messages import Message, Money, Number, Param
from tiendo.domain.money import format_number, format_vnd

from ..models import Plan, PlanItem, PlanLine, PlanVersion, Source
from .scope import Scope
from .slow import ProjectPace, default_thresholds, paces


@dataclass
class TransferProposal:
    """What a transfer proposal moved: the draft it created, and the sums the page and the command show."""

    as_of: date
    version: PlanVersion | None  # None: nothing could be moved, no draft was created
    released: dict[str, int]  # source code -> capital the slow projects could release
    placed: dict[str, int]  # source code -> given to receivers (taken from the donors)
    donors: list[dict[str, Any]]
    receivers: list[dict[str, Any]]
    violations: list[dict[str, str]]
    seconds: float = 0.0

    @property
    def unplaced(self) -> dict[str, int]:
        """Released but not placed: it stays with the donors, for the authorities to decide on."""
        return {code: amount - self.placed.get(code, 0) for code, amount in self.released.items()}

    @property
    def total_released(self) -> int:
        return sum(self.released.values())

    @property
    def total_placed(self) -> int:
        return sum(self.placed.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "version": self.version.pk if self.version else None,
            "title": self.version.title if self.version else None,
            "released": self.released,
            "placed": self.placed,
            "unplaced": self.unplaced,
            "total_released": self.total_released,
            "total_placed": self.total_placed,
            "donors": self.donors,
            "receivers": self.receivers,
            "violations": self.violations,
            "seconds": round(self.seconds, 3),
        }


def _shares(total: int, weights: list[int]) -> list[int]:
    """total shared in proportion to the weights, in whole đồng, the largest remainders first."""
    whole = sum(weights)
    if not whole:
        return [0] * len(weights)
    parts = [total * w // whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _allocation_projects(plan: Plan, version: PlanVersion, receivers, items: dict[str, PlanItem]):
    """The receivers as the allocation module's projects: their tier, group and eligibility (PI-04, PI-06)."""
    from tiendo.domain import allocation

    in_medium_term = None
    if plan.medium_term_id and (medium := plan.medium_term.current_version()) is not None:
        in_medium_term = set(medium.items.values_list("project_id", flat=True))
    projects = []
    for receiver in receivers:
        if not receiver.eligible_sources:
            continue
        item = items[receiver.project]
        project = item.project
        funding = getattr(project, "funding", None)
        projects.append(
            allocation.Project(
                code=project.code,
                group=allocation.ProjectGroup(project.group or "C"),
                tier=allocation.Tier(receiver.tier.value),
                need=receiver.need,
                eligible_sources=tuple(receiver.eligible_sources),
                has_investment_decision=funding.has_investment_decision if funding else True,
                in_medium_term_plan=in_medium_term is None or project.pk in in_medium_term,
                first_allocation_year=funding.first_allocation_year if funding else None,
                handed_over_year=funding.handed_over_year if funding else None,
                allocation_extension_years=funding.allocation_extension_years if funding else 0,
            )
        )
    return allocation, projects


def _codes(codes: list[str], shown: int = 10) -> str:
    """ "A, B, C" or "A, B, … và 12 dự án khác": a pooled source can have hundreds of donors."""
    if len(codes) <= shown:
        return ", ".join(codes)
    return f"{', '.join(codes[:shown])} và {len(codes) - shown} dự án khác"


def _said_codes(codes: list[str], shown: int = 10) -> Param:
    """`_codes` as a message parameter."""
    if len(codes) <= shown:
        return tuple(codes)
    return Message("al.transfer.more", {"codes": tuple(codes[:shown]), "count": len(codes) - shown})


def _said_parts(amounts: dict[str, int]) -> Param:
    """`_vnd_parts` as a message parameter."""
    return tuple(
        Message("al.plan.part", {"source": code, "amount": Money(amount)})
        for code, amount in sorted(amounts.items())
        if amount
    )


def _vnd_parts(amounts: dict[str, int]) -> str:
    return ", ".join(f"{code} {format_vnd(amount)}" for code, amount in sorted(amounts.items()) if amount)


def propose_transfer(
    plan: Plan, *, actor, as_of: date | None = None, thresholds: disbursement_rules.Thresholds | None = None
) -> TransferProposal:
    """Move the capital slow projects will not disburse to projects on pace that can absorb it, by the legal order
    of priority (the allocation module), into a new draft version (purpose: transfer) of the version in force.

    Donors give, per source, only what the receivers take, in proportion to what each could release; the rest
    stays with them (reported as unplaced). Every changed line is set by hand, so that a later allocation run of
    the draft keeps the transfer, and every changed item explains who gives, who receives and why."""
    from .. import services  # the drafts' service; imported here as it is the heavier module

    started = time.perf_counter()
    if not core_access.can(actor, "manage_plans"):
        raise PermissionDenied
    if plan.kind != Plan.Kind.ANNUAL:
        raise ValidationError("Chỉ điều chuyển vốn trong kế hoạch đầu tư công năm.")
    as_of = as_of or timezone.localdate()
    thresholds = thresholds or default_thresholds(plan)
    version = plan.current_version()
    if version is None:
        raise ValidationError("Kế hoạch chưa có phiên bản được phê duyệt để điều chuyển vốn.")
    judged = paces(plan, Scope(), as_of, thresholds, version=version)
    codes = dict(Source.objects.values_list("pk", "code"))
    source_ids = {code: pk for pk, code in codes.items()}
    items = {p.item.project.code: p.item for p in judged}
    by_code = {p.item.project.code: p for p in judged}
    # PI-03: a receiver never goes above what the medium-term plan still leaves it (the allocation run's own cap)
    from ..facts import medium_term_remainders

    remainders = medium_term_remainders(plan)
    project_left = remainders[0] if remainders else None

    def remaining_need(p: ProjectPace) -> int:
        need = p.item.need
        if project_left is not None:
            need = min(need, max(project_left.get(p.item.project_id, 0), 0))
        return max(need - p.result.allocated, 0)

    candidates = disbursement_rules.transfer_candidates(
        [
            disbursement_rules.TransferProject(
                code=p.item.project.code,
                tier=disbursement_rules.Tier(p.item.tier),
                allocations=tuple(
                    disbursement_rules.SourceAllocation(codes[sid], allocated, disbursed)
                    for sid, (allocated, disbursed) in sorted(p.by_source.items())
                ),
                pace=p.result,
                remaining_need=remaining_need(p),
                eligible_sources=tuple(p.item.eligible_sources) or None,
            )
            for p in judged
        ]
    )
    released = dict(candidates.released)
    proposal = TransferProposal(as_of, None, released, {}, [], [], [])
    receivers = [r for r in candidates.receivers if r.eligible_sources]
    given: dict[str, dict[str, int]] = defaultdict(dict)  # receiver -> source -> amount
    explanations: dict[str, str] = {}
    said: dict[str, Message] = {}  # the explanations as messages
    solver_seconds = 0.0
    if released and receivers:
        allocation, projects = _allocation_projects(plan, version, receivers, items)
        solve_started = time.perf_counter()
        result = allocation.allocate(
            allocation.Plan(allocation.PlanKind.ANNUAL, year=plan.first_year, decided_on=version.decision_date),
            [allocation.Source(code, code, amount) for code, amount in released.items()],
            projects,
        )
        for a in result.allocations:
            if a.amount > 0:
                given[a.project][a.source] = given[a.project].get(a.source, 0) + a.amount
        solver_seconds = time.perf_counter() - solve_started
        explanations = {p.project: p.explanation for p in result.projects}
        said = {p.project: m for p, m in zip(result.projects, result.messages(), strict=True)}
        proposal.violations = [
            {
                "project": v.project,
                "rule": v.rule,
                "explanation": v.explanation,
                "message": v.message.to_json() if v.message else {},
            }
            for v in result.violations
        ]
    placed: dict[str, int] = defaultdict(int)
    for amounts in given.values():
        for code, amount in amounts.items():
            placed[code] += amount
    proposal.placed = dict(placed)
    # each donor gives, per source, its share of what was placed
    donors_of: dict[str, list] = defaultdict(list)
    for donor in candidates.donors:
        if donor.released:
            donors_of[donor.source].append(donor)
    taken: dict[str, dict[str, int]] = defaultdict(dict)  # donor -> source -> amount
    for code, donors in donors_of.items():
        for donor, amount in zip(donors, _shares(placed.get(code, 0), [d.released for d in donors]), strict=True):
            if amount:
                taken[donor.project][code] = amount
    receivers_of_source = defaultdict(list)
    for receiver, amounts in given.items():
        for code in amounts:
            receivers_of_source[code].append(receiver)
    donors_of_source = {
        code: [d.project for d in donors if taken[d.project].get(code)] for code, donors in donors_of.items()
    }
    for donor in candidates.donors:
        if not donor.released:
            continue
        p = by_code[donor.project]
        proposal.donors.append(
            {
                "project": donor.project,
                "name": p.item.project.name,
                "pace": p.result.pace.value,
                "source": donor.source,
                "allocated": donor.allocated,
                "disbursed": donor.disbursed,
                "released": donor.released,
                "taken": taken[donor.project].get(donor.source, 0),
                "reasons": list(p.result.reasons),
                "messages": [m.to_json() for m in p.result.messages],
            }
        )
    for receiver in candidates.receivers:
        p = by_code[receiver.project]
        proposal.receivers.append(
            {
                "project": receiver.project,
                "name": p.item.project.name,
                "tier": receiver.tier.value,
                "need": receiver.need,
                "capacity": receiver.capacity,
                "remaining_need": receiver.remaining_need,
                "percent": float(p.result.percent),
                "given": sum(given.get(receiver.project, {}).values()),
                "by_source": given.get(receiver.project, {}),
                "explanation": explanations.get(
                    receiver.project, "Không có nguồn vốn được giải phóng mà dự án được dùng."
                ),
                "message": said.get(receiver.project, Message("al.transfer.no_source", {})).to_json(),
            }
        )
    if not placed:
        proposal.seconds = time.perf_counter() - started
        return proposal

    day = as_of.strftime("%d/%m/%Y")
    with transaction.atomic():
        note = (
            f"Đề xuất điều chuyển vốn từ các dự án giải ngân chậm sang các dự án giải ngân tốt, theo số giải ngân đến "
            f"ngày {day}: giải phóng {format_vnd(proposal.total_released)}, điều chuyển "
            f"{format_vnd(proposal.total_placed)}."
        )
        draft = services.start_draft(plan, actor=actor, purpose=PlanVersion.Purpose.TRANSFER, note=note)
        reason = f"Điều chuyển vốn theo giải ngân đến ngày {day}"
        draft_items = {i.project_id: i for i in draft.items.select_related("project")}
        lines = {(line.item.project_id, line.source_id): line for line in draft.lines.select_related("item")}
        creates, updates, removes, changed_items = [], [], [], {}
        for donor, amounts in taken.items():
            item = draft_items[items[donor].project_id]
            for code, amount in amounts.items():
                line = lines[item.project_id, source_ids[code]]
                line.amount -= amount
                line.manual = True
                (removes if line.amount == 0 else updates).append(line)
            p = by_code[donor]
            to = sorted({r for code in amounts for r in receivers_of_source[code]})
            item.explanation = (
                f"Điều chuyển giảm {format_vnd(sum(amounts.values()))} ({_vnd_parts(amounts)}) do dự án "
                f"{p.result.pace.label.vi} đến ngày {day}: {' '.join(p.result.reasons)} Vốn chuyển cho dự án: "
                f"{_codes(to)}."
            )
            reasons: Message | None = None
            for m in p.result.messages:
                reasons = then(reasons, m)
            item.explanation_message = Message(
                "al.transfer.gives",
                {
                    "amount": Money(sum(amounts.values())),
                    "parts": _said_parts(amounts),
                    "pace": p.result.pace.label,
                    "day": as_of,
                    "reasons": reasons,
                    "to": _said_codes(to),
                },
            ).to_json()
            item.note = f"Điều chuyển vốn ngày {day}: giảm {format_vnd(sum(amounts.values()))}."[:500]
            changed_items[item.pk] = item
        for receiver, amounts in given.items():
            item = draft_items[items[receiver].project_id]
            for code, amount in amounts.items():
                line = lines.get((item.project_id, source_ids[code]))
                if line is None:
                    creates.append(
                        PlanLine(version=draft, item=item, source_id=source_ids[code], amount=amount, manual=True)
                    )
                else:
                    line.amount += amount
                    line.manual = True
                    updates.append(line)
            p = by_code[receiver]
            r = next(r for r in receivers if r.project == receiver)
            sources_from = sorted({d for code in amounts for d in donors_of_source.get(code, [])})
            item.explanation = (
                f"Nhận điều chuyển {format_vnd(sum(amounts.values()))} ({_vnd_parts(amounts)}) từ dự án "
                f"{_codes(sources_from)}: dự án giải ngân {format_number(p.result.percent, 2)}% vốn giao, đạt mục "
                f"tiêu {format_number(p.result.target, 2)}% của tỉnh tại ngày {day}; theo tốc độ hiện nay có thể giải "
                f"ngân thêm {format_vnd(r.capacity)}, còn nhu cầu {format_vnd(r.remaining_need)}. "
                f"{explanations.get(receiver, '')}"
            ).strip()
            received = Message(
                "al.transfer.receives",
                {
                    "amount": Money(sum(amounts.values())),
                    "parts": _said_parts(amounts),
                    "donors": _said_codes(sources_from),
                    "percent": Number(p.result.percent, 2),
                    "target": Number(p.result.target, 2),
                    "day": as_of,
                    "capacity": Money(r.capacity),
                    "remaining": Money(r.remaining_need),
                },
            )
            item.explanation_message = (then(received, said.get(receiver)) or received).to_json()
            item.note = f"Điều chuyển vốn ngày {day}: tăng {format_vnd(sum(amounts.values()))}."[:500]
            changed_items[item.pk] = item
        history = {"default_user": actor, "default_change_reason": reason}
        if creates:
            bulk_create_with_history(creates, PlanLine, **history)
        if updates:
            fields = with_versions_moved(updates, PlanLine, ["amount", "manual"])
            bulk_update_with_history(updates, PlanLine, fields, **history)
        for line in removes:
            acted_by(line, actor, reason).delete()
        bulk_update_with_history(
            list(changed_items.values()), PlanItem, ["explanation", "explanation_message", "note"], **history
        )
        proposal.seconds = time.perf_counter() - started
        draft.allocation = {
            "run_at": timezone.now().isoformat(timespec="seconds"),
            "by": actor.username,
            "seconds": round(proposal.seconds, 3),
            "solver_seconds": round(solver_seconds, 3),
            "projects": len(receivers),
            "manual_lines": len(creates) + len(updates),
            "allocated": proposal.placed,
            "status": "transfer",
            "transfer": {k: v for k, v in proposal.as_dict().items() if k not in ("version", "title")}
            | {"as_of": as_of.isoformat()},
        }
        acted_by(draft, actor, reason).save(update_fields=["allocation"])
    proposal.version = draft
    return proposal
