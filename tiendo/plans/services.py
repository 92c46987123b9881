"""The one way plans change: drafts, revenue estimates, allocation runs, lines set by hand, approval, discarding.

The pages and `tiendo plan` call these functions, so every change lands in the history with its author and a
reason. Only a draft changes; approving it supersedes the version it was based on, so what was in force when
stays readable. Amounts are integer VND.

Lines set by hand and the allocation. A specialist fixes a line by hand where policy requires (a leaders'
conclusion, a counterpart share agreed with a ministry...). A later allocation run keeps it exactly: the amount is
taken off its source's capital before the solver runs, and off the project's need (and floor), and the solver may
not add to that project from that source. So a pinned line outranks the order of priority, which is the point of
pinning it; if pins alone exceed a source's capital, the solver gets nothing from it and the checks report the
source over-spent. Removing the pin (setting the line back to automatic) returns it to the solver on the next run.

An annual plan fits its medium-term plan (PI-03, Art. 51(7)): before the solver runs, each project's need is capped
at what the medium-term plan in force still leaves it after the other annual plans of the period, and each source's
capital at what the medium-term plan leaves of that source; the project's explanation says so.

The solver decides each project's total; how a total is split among the sources the project may use is left open
by the law, so the run keeps each project's lines of the approved version where the capital allows
(`facts.follow_previous`): a cut shows as a cut, not as a line removed from one source and added on another.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from tiendo.audit.models import acted_by
from tiendo.audit.versions import check_versions, claim_version, with_versions_moved
from tiendo.core import access as core_access
from tiendo.domain.money import format_number, format_vnd
from tiendo.domain.text import clean

from . import loading
from .models import Plan, PlanItem, PlanLine, PlanVersion, Source, SourceBudget
from .selectors import breaches

_BATCH = 500
_CHUNK = 900  # ids per IN (...) list, under SQLite's old 999-variable limit

# The bulk variants, for loading plans as they were decided (the demo; a migration): see loading.py
add_budgets = loading.add_budgets
add_disbursements = loading.add_disbursements
add_funding = loading.add_funding
add_items = loading.add_items
add_lines = loading.add_lines
add_sources = loading.add_sources
record_plan = loading.record_plan
record_version = loading.record_version


def _million(amount: int) -> str:
    return format_number(Decimal(amount) / 1_000_000, 0)


def _locked_draft(version: PlanVersion) -> PlanVersion:
    """The draft, re-read under a lock so that two specialists' changes queue instead of overwriting."""
    version = PlanVersion.objects.select_for_update(of=("self",)).select_related("plan", "based_on").get(pk=version.pk)
    if version.state != PlanVersion.State.DRAFT:
        raise ValidationError(
            _("Only a draft can change; this version is %(state)s.") % {"state": version.get_state_display()}
        )
    return version


@dataclass
class _Bulk:
    """Bulk writes that keep one history row per record, all with the same author, reason and moment (so that the
    version page can show one run as one change)."""

    actor: object
    reason: str
    now: object = field(default_factory=timezone.now)

    def _history(self) -> dict:
        return {"default_user": self.actor, "default_change_reason": self.reason, "default_date": self.now}

    def create(self, objs: list, model) -> list:
        return bulk_create_with_history(objs, model, batch_size=_BATCH, **self._history()) if objs else []

    def update(self, objs: list, model, fields: list[str]) -> None:
        if objs:
            fields = with_versions_moved(objs, model, fields)
            bulk_update_with_history(objs, model, fields, batch_size=_BATCH, **self._history())

    def delete(self, objs: list, model) -> None:
        """Delete in bulk and keep a "deleted" history row for each, as a single delete would."""
        if not objs:
            return
        history = model.history.model
        rows = [
            history(
                history_date=self.now,
                history_user=self.actor,
                history_change_reason=self.reason,
                history_type="-",
                **{f.attname: getattr(obj, f.attname) for f in history.tracked_fields},
            )
            for obj in objs
        ]
        history.objects.bulk_create(rows, batch_size=_BATCH)
        ids = [obj.pk for obj in objs]
        for start in range(0, len(ids), _CHUNK):
            # without signals: simple-history's post_delete would add a second row, without author or reason
            chunk = model.objects.filter(pk__in=ids[start : start + _CHUNK])
            chunk._raw_delete(chunk.db)


# ---------------------------------------------------------------------------------------------------------------
# Drafts


DRAFT_TITLES = {
    PlanVersion.Purpose.ADJUSTMENT: "Điều chỉnh {plan} (lần {n})",
    PlanVersion.Purpose.TRANSFER: "Điều chuyển vốn {plan} (lần {n})",
    PlanVersion.Purpose.INITIAL: "{plan}",
}


@transaction.atomic
def start_draft(
    plan: Plan, *, actor, purpose: str = PlanVersion.Purpose.ADJUSTMENT, title: str = "", note: str = ""
) -> PlanVersion:
    """A new draft from the version in force: its capital available, projects and lines, copied (lines unpinned)."""
    core_access.require(actor, "manage_plans")
    if purpose not in (PlanVersion.Purpose.ADJUSTMENT, PlanVersion.Purpose.TRANSFER):
        raise ValidationError(_("A draft is an adjustment or a capital transfer."))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    base = plan.current_version()
    if base is None:
        raise ValidationError(_("This plan has no approved version to adjust."))
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    adjustments = plan.versions.filter(purpose=purpose).exclude(state=PlanVersion.State.DISCARDED).count() + 1
    title = clean(title) or DRAFT_TITLES[purpose].format(plan=plan.title, n=adjustments)
    reason = f"Tạo dự thảo từ phiên bản {base.number}: {title}"[:500]
    draft = PlanVersion(
        plan=plan,
        number=number,
        purpose=purpose,
        state=PlanVersion.State.DRAFT,
        based_on=base,
        title=title[:300],
        note=note.strip(),
        created_by=actor,
    )
    acted_by(draft, actor, reason).save()
    budgets = [
        SourceBudget(version=draft, source_id=b.source_id, available=b.available, note=b.note)
        for b in base.budgets.all()
    ]
    bulk = _Bulk(actor, reason)
    bulk.create(budgets, SourceBudget)
    copy_fields = [name for name in loading.ITEM_COLUMNS if name != "version_id"]  # what an item is, bar its version
    old_items = list(base.items.all())
    new_items = [PlanItem(version=draft, **{name: getattr(item, name) for name in copy_fields}) for item in old_items]
    new_items = bulk.create(new_items, PlanItem)
    item_of = {old.pk: new.pk for old, new in zip(old_items, new_items, strict=True)}
    # a line set by hand is pinned in the draft it was set in; a new adjustment starts with every line open to the
    # allocation, and the specialist pins again what the new decision requires
    lines = [
        PlanLine(version=draft, item_id=item_of[line.item_id], source_id=line.source_id, amount=line.amount)
        for line in base.lines.all()
    ]
    bulk.create(lines, PlanLine)
    return draft


@transaction.atomic
def discard_draft(version: PlanVersion, *, actor, reason: str = "") -> PlanVersion:
    core_access.require(actor, "manage_plans")
    version = _locked_draft(version)
    version.state = PlanVersion.State.DISCARDED
    text = f"Hủy dự thảo: {clean(reason)}" if clean(reason) else "Hủy dự thảo"
    acted_by(version, actor, text).save(update_fields=["state"])
    return version


# ---------------------------------------------------------------------------------------------------------------
# The revenue estimate: capital available per source


def cut_amount(available: int, percent: Decimal) -> int:
    """The capital left after a cut of `percent` (30 -> 70% of it), to the đồng, half up."""
    return int((Decimal(available) * (Decimal(100) - percent) / Decimal(100)).quantize(Decimal(1), ROUND_HALF_UP))


def _source(code: str) -> Source:
    try:
        return Source.objects.get(code=code.strip())
    except Source.DoesNotExist:
        raise ValidationError(_("Unknown capital source: %(code)s.") % {"code": code}) from None


@transaction.atomic
def set_budgets(
    version: PlanVersion,
    *,
    actor,
    amounts: dict[str, int],
    reason: str = "",
    expected_versions: dict[str, int] | None = None,
) -> list[SourceBudget]:
    """New capital available for some sources of a draft ({source code: VND}); a new source gets a budget row.

    `expected_versions`: {source code: row version read, 0 for no row}; a row that moved since raises StaleVersion."""
    core_access.require(actor, "manage_plans")
    version = _locked_draft(version)
    if not amounts:
        raise ValidationError(_("Give the capital available of at least one source."))
    sources = {s.code: s for s in Source.objects.filter(code__in=list(amounts))}
    for code, amount in amounts.items():
        if code not in sources:
            raise ValidationError(_("Unknown capital source: %(code)s.") % {"code": code})
        if not isinstance(amount, int) or amount < 0:
            raise ValidationError(_("The capital available cannot be negative (%(code)s).") % {"code": code})
    existing = {b.source.code: b for b in version.budgets.select_related("source").select_for_update(of=("self",))}
    check_versions(existing, expected_versions)
    changed: list[SourceBudget] = []
    for code, amount in amounts.items():
        budget = existing.get(code)
        if budget is None:
            budget = SourceBudget(version=version, source=sources[code], available=amount)
        elif budget.available == amount:
            continue
        old = budget.available if budget.pk else 0
        budget.available = amount
        text = f"Dự toán vốn {code}: {_million(old)} → {_million(amount)} triệu đồng"
        if clean(reason):
            text += f". {clean(reason)}"
        claim_version(budget, None)
        acted_by(budget, actor, text).save()
        changed.append(budget)
    return changed


@transaction.atomic
def cut_budget(
    version: PlanVersion,
    *,
    actor,
    source: str,
    percent: Decimal,
    reason: str = "",
    expected_versions: dict[str, int] | None = None,
) -> SourceBudget:
    """Cut a source's capital available by a percentage (e.g. land-use revenue −30%)."""
    core_access.require(actor, "manage_plans")
    if not Decimal(0) <= percent <= Decimal(100):
        raise ValidationError(_("A cut is a percentage between 0 and 100."))
    src = _source(source)
    try:
        budget = version.budgets.get(source=src)
    except SourceBudget.DoesNotExist:
        raise ValidationError(_("This version has no capital from %(code)s to cut.") % {"code": src.code}) from None
    shown = format_number(percent, 1).removesuffix(",0")
    text = f"Giảm {shown}% dự toán nguồn {src.code}" + (f". {clean(reason)}" if clean(reason) else "")
    amounts = {src.code: cut_amount(budget.available, percent)}
    changed = set_budgets(version, actor=actor, amounts=amounts, reason=text, expected_versions=expected_versions)
    return changed[0] if changed else budget


@transaction.atomic
def release_reserve(
    version: PlanVersion,
    *,
    actor,
    source: str,
    amount: int | None,
    reason: str = "",
    expected_versions: dict[str, int] | None = None,
) -> SourceBudget:
    """Let the draft's run allocate `amount` of what the approved version left unallocated from `source` (its
    reserve; None: all of it, 0: none). Without this a run never allocates the reserve (facts.reserves)."""
    from . import facts

    core_access.require(actor, "manage_plans")
    version = _locked_draft(version)
    src = _source(source)
    try:
        budget = version.budgets.select_for_update().get(source=src)
    except SourceBudget.DoesNotExist:
        raise ValidationError(_("This version has no capital from %(code)s.") % {"code": src.code}) from None
    check_versions({src.code: budget}, {src.code: expected_versions[src.code]} if expected_versions else None)
    reserve = facts.reserves(version, {src.pk: budget.available}).get(src.pk)
    most = reserve.reserve if reserve else 0
    amount = most if amount is None else amount
    if not isinstance(amount, int) or amount < 0:
        raise ValidationError(_("The reserve released cannot be negative (%(code)s).") % {"code": src.code})
    if amount > most:
        raise ValidationError(
            _("Source %(code)s: at most %(most)s of reserve left unallocated by the approved version can be released.")
            % {"code": src.code, "most": format_vnd(most)}
        )
    if amount != budget.reserve_released:
        text = f"Giải phóng dự phòng chưa phân bổ nguồn {src.code}: {_million(budget.reserve_released)} → "
        text += f"{_million(amount)} triệu đồng" + (f". {clean(reason)}" if clean(reason) else "")
        budget.reserve_released = amount
        claim_version(budget, None)
        acted_by(budget, actor, text).save()
    return budget


@transaction.atomic
def change_budgets(
    version: PlanVersion,
    *,
    actor,
    amounts: dict[str, int],
    cuts: list[tuple[str, Decimal]],
    reason: str = "",
    expected_versions: dict[str, int] | None = None,
    releases: dict[str, int] | None = None,
) -> None:
    """The budget page's save, all or nothing: new amounts for some sources, percentage cuts for others, then the
    reserve released per source (after the new amounts, which bound it)."""
    expected = expected_versions or {}
    if amounts:
        read = {code: expected[code] for code in amounts if code in expected}
        set_budgets(version, actor=actor, amounts=amounts, reason=reason, expected_versions=read)
    for code, percent in cuts:
        read_one = {code: expected[code]} if code in expected else None
        cut_budget(version, actor=actor, source=code, percent=percent, reason=reason, expected_versions=read_one)
    changed = set(amounts) | {code for code, _percent in cuts}
    for code, amount in (releases or {}).items():
        read_one = {code: expected[code]} if code in expected and code not in changed else None
        release_reserve(version, actor=actor, source=code, amount=amount, reason=reason, expected_versions=read_one)


# ---------------------------------------------------------------------------------------------------------------
# The allocation


@dataclass
class AllocationRun:
    """What a run did: the summary stored in version.allocation, and the counts the page and command report."""

    summary: dict
    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept_manual: int = 0
    violations: list[dict] = field(default_factory=list)


@transaction.atomic
def run_allocation(version: PlanVersion, *, actor, reason: str = "", cuts_only: bool = False) -> AllocationRun:
    """Allocate the draft's capital by the legal order of priority; lines set by hand are kept as fixed amounts.
    cuts_only: no project above what the base version gave it (facts.allocation_problem)."""
    from tiendo.domain import allocation

    from . import facts

    core_access.require(actor, "manage_plans")
    version = _locked_draft(version)
    started = time.perf_counter()
    problem = facts.allocation_problem(version, cuts_only=cuts_only)
    solve_started = time.perf_counter()
    try:
        result = allocation.allocate(problem.plan, problem.sources, problem.projects)
    except allocation.InvalidAllocationInput as error:
        raise ValidationError(_("The allocation cannot run on these facts: %(error)s") % {"error": error}) from None
    except allocation.AllocationError as error:
        raise ValidationError(_("The solver did not finish: %(error)s") % {"error": error}) from None
    solve_seconds = time.perf_counter() - solve_started
    outcome = facts.read_allocation(problem, result)

    text = (
        "Phân bổ vốn theo thứ tự ưu tiên (Luật Đầu tư công, Điều 54)"
        + (", chỉ cắt giảm so với phiên bản được duyệt" if cuts_only else "")
        + (f". {clean(reason)}" if reason else "")
    )
    run = AllocationRun(summary={})
    # lines: the solver's amounts replace the automatic lines; the manual ones stay as they are
    current = {(line.item_id, line.source_id): line for line in version.lines.all()}
    to_create, to_update, to_delete = [], [], []
    for key, line in current.items():
        if line.manual:
            run.kept_manual += 1
            continue
        amount = outcome.amounts.get(key, 0)
        if amount <= 0:
            to_delete.append(line)
        elif amount != line.amount:
            line.amount = amount
            to_update.append(line)
    for key, amount in outcome.amounts.items():
        if key not in current and amount > 0:
            to_create.append(PlanLine(version=version, item_id=key[0], source_id=key[1], amount=amount))
    bulk = _Bulk(actor, text)
    bulk.create(to_create, PlanLine)
    bulk.update(to_update, PlanLine, ["amount"])
    bulk.delete(to_delete, PlanLine)
    run.created, run.updated, run.deleted = len(to_create), len(to_update), len(to_delete)

    # explanations: only the items whose explanation changed get a history row
    items = []
    for item in version.items.all():  # whole rows: the history copies every field (a deferred one is a query each)
        explanation = outcome.explanations.get(item.pk, "")
        message = outcome.messages.get(item.pk, {})
        if explanation != item.explanation or message != item.explanation_message:
            item.explanation, item.explanation_message = explanation, message
            items.append(item)
    bulk.update(items, PlanItem, ["explanation", "explanation_message"])
    run.violations = outcome.violations
    run.summary = {
        "run_at": timezone.now().isoformat(timespec="seconds"),
        "by": actor.username,
        "solver_seconds": round(solve_seconds, 3),
        "seconds": round(time.perf_counter() - started, 3),
        "projects": len(problem.projects),
        "manual_lines": run.kept_manual,
        "cuts_only": cuts_only,
        "allocated": outcome.allocated,
        "unallocated": outcome.unallocated,
        "reserve_kept": {problem.facts.sources[pk]: r.kept for pk, r in problem.reserves.items() if r.kept},
        "reserve_released": {problem.facts.sources[pk]: r.released for pk, r in problem.reserves.items() if r.released},
        "central_kept": sorted(problem.facts.sources[pk] for pk, r in problem.reserves.items() if r.frozen),
        "violations": len(outcome.violations),
        "law": outcome.citation,
    }
    version.allocation = run.summary
    acted_by(version, actor, text).save(update_fields=["allocation"])
    return run


# ---------------------------------------------------------------------------------------------------------------
# Lines set by hand


@transaction.atomic
def set_lines(
    version: PlanVersion,
    *,
    actor,
    item: PlanItem,
    amounts: dict[str, int | None],
    reason: str,
    expected_versions: dict[str, int] | None = None,
) -> list[PlanLine]:
    """Set one project's capital per source by hand ({source code: VND}, None: back to automatic) with a reason.

    `expected_versions`: {source code: line version read, 0 for no line}; a line that moved raises StaleVersion.

    A line set by hand is kept through later allocation runs (see the module's docstring)."""
    core_access.require(actor, "manage_plans")
    version = _locked_draft(version)
    reason = clean(reason)
    if not reason:
        raise ValidationError(_("Say why the capital is set by hand: the reason is kept in the history."))
    if item.version_id != version.pk:
        raise ValidationError(_("This project is not in this version."))
    sources = {s.code: s for s in Source.objects.filter(code__in=list(amounts))}
    for code, amount in amounts.items():
        if code not in sources:
            raise ValidationError(_("Unknown capital source: %(code)s.") % {"code": code})
        if amount is not None and (not isinstance(amount, int) or amount < 0):
            raise ValidationError(_("The amount cannot be negative."))
    project_code = item.project.code
    text = f"Điều chỉnh thủ công vốn dự án {project_code}: {reason}"[:1000]
    lines = {line.source_id: line for line in item.lines.select_related("source").select_for_update(of=("self",))}
    check_versions({line.source.code: line for line in lines.values()}, expected_versions)
    changed: list[PlanLine] = []
    for code, amount in amounts.items():
        source = sources[code]
        line = lines.get(source.pk)
        if amount is None:  # back to the solver: the next run decides it
            if line is not None and line.manual:
                line.manual = False
                claim_version(line, None)
                acted_by(line, actor, text).save(update_fields=["manual"])
                changed.append(line)
            continue
        if line is None:
            line = PlanLine(version=version, item=item, source=source, amount=amount, manual=True)
        elif line.amount == amount and line.manual:
            continue
        else:
            line.amount, line.manual = amount, True
        claim_version(line, None)
        acted_by(line, actor, text).save()
        changed.append(line)
    if changed:
        item = PlanItem.objects.get(pk=item.pk)
        item.note = reason[:500]
        acted_by(item, actor, text).save(update_fields=["note"])
    return changed


# ---------------------------------------------------------------------------------------------------------------
# Approval


ERROR = "error"


@transaction.atomic
def approve_draft(
    version: PlanVersion,
    *,
    actor,
    number: str,
    day: date | None,
    body: str,
    override: str = "",
) -> PlanVersion:
    """Record the deciding resolution and put the draft in force; the version it was based on is superseded.

    A draft that still breaks a rule of error severity is refused unless the specialist overrides with a reason,
    which the history keeps."""
    core_access.require(actor, "manage_plans")
    version = _locked_draft(version)
    number = clean(number)
    if not number:
        raise ValidationError(_("Give the number of the deciding resolution or decision."))
    if day is None:
        raise ValidationError(_("Give the date of the deciding resolution or decision."))
    if day > timezone.localdate():
        raise ValidationError(_("The decision date cannot be in the future."))
    if body not in PlanVersion.Body.values:
        raise ValidationError(_("Choose who decided the adjustment."))
    base = version.based_on
    current = version.plan.current_version()
    if base is None or current is None or base.pk != current.pk:
        raise ValidationError(
            _("This draft was based on a version that is no longer in force; start a new adjustment from it.")
        )
    version.decision_body = body
    errors = [b for b in breaches(version) if b.severity == ERROR]
    override = clean(override)
    if errors and not override:
        raise ValidationError(
            _(
                "The draft still breaks %(n)d rules of error severity; correct it, or confirm the approval with "
                "the reason for overriding them."
            )
            % {"n": len(errors)}
        )
    text = f"Phê duyệt theo {number} ngày {day:%d/%m/%Y} ({PlanVersion.Body(body).label})"
    if errors:
        rules_broken = ", ".join(dict.fromkeys(b.rule for b in errors))
        text += f". Phê duyệt dù còn {len(errors)} vi phạm ({rules_broken}): {override}"
    base.state = PlanVersion.State.SUPERSEDED
    acted_by(base, actor, f"Được thay thế bởi phiên bản {version.number}: {number} ngày {day:%d/%m/%Y}").save(
        update_fields=["state"]
    )
    version.state = PlanVersion.State.APPROVED
    version.decision_number, version.decision_date = number[:80], day
    version.approved_by, version.approved_at = actor, timezone.now()
    acted_by(version, actor, text).save(
        update_fields=["state", "decision_number", "decision_date", "decision_body", "approved_by", "approved_at"]
    )
    return version
