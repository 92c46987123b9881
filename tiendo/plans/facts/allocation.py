"""A draft as the allocation solver's problem (tiendo.domain.allocation), and its answer back into amounts per item
and source, with each item's explanation; lines set by hand stay as they are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum

from tiendo.domain import allocation
from tiendo.domain.allocation.messages import then
from tiendo.domain.allocation.reserve import run_capital, unallocated_reserve
from tiendo.domain.messages import Message, Money
from tiendo.domain.projects import ProjectGroup

from ..models import PlanLine, PlanVersion, Source, SourceBudget
from .version import VersionFacts, has_decision, law_day, load, medium_term_remainders, project_group


@dataclass
class Problem:
    """What the solver gets, and how to map its answer back: lines set by hand are already taken off."""

    plan: allocation.Plan
    sources: list[allocation.Source]
    projects: list[allocation.Project]
    facts: VersionFacts
    item_of: dict[str, int]  # project code -> item pk (every item, in the solver or not)
    pinned: dict[int, dict[int, int]]  # item pk -> {source pk: amount set by hand}
    left_out: dict[int, Message]  # item pk -> why the solver does not see it
    notes: dict[int, Message] = field(default_factory=dict)  # item pk -> what was capped before the solver ran
    previous: dict[tuple[int, int], int] = field(default_factory=dict)  # (item pk, source pk) -> approved amount
    reserves: dict[int, Reserve] = field(default_factory=dict)  # source pk -> the approved version's reserve
    frozen: dict[int, dict[int, int]] = field(default_factory=dict)  # item pk -> {source pk: approved amount kept}


@dataclass(frozen=True)
class Reserve:
    """A source's capital the approved version left unallocated, and how much of it the draft releases."""

    reserve: int
    released: int
    unchanged: bool = False  # the draft's estimate is the approved one, and nothing is released
    central: bool = False  # central-budget capital, assigned project by project by the central government

    @property
    def kept(self) -> int:
        return self.reserve - self.released

    @property
    def frozen(self) -> bool:
        """Central capital the draft leaves as it was: its lines stay as approved (a local shortfall does not move
        it between projects, which only the Prime Minister could decide, Art. 71(3))."""
        return self.central and self.unchanged


def reserves(version: PlanVersion, budgets: dict[int, int]) -> dict[int, Reserve]:
    """Per source pk of the draft's budgets: the base version's unallocated capital still within the draft's
    estimate (tiendo.domain.allocation.reserve), and the part the draft releases (at most all of it)."""
    if version.based_on_id is None:
        return {}
    approved = dict(SourceBudget.objects.filter(version_id=version.based_on_id).values_list("source_id", "available"))
    allocated = dict(
        PlanLine.objects.filter(version_id=version.based_on_id)
        .values("source_id")
        .annotate(total=Sum("amount"))
        .values_list("source_id", "total")
    )
    released = dict(version.budgets.values_list("source_id", "reserve_released"))
    central = set(Source.objects.filter(pk__in=list(budgets), level=Source.Level.CENTRAL).values_list("pk", flat=True))
    found = {}
    for pk, available in budgets.items():
        reserve = unallocated_reserve(available, approved.get(pk), allocated.get(pk) or 0)
        let_go = min(released.get(pk, 0), reserve)
        found[pk] = Reserve(reserve, let_go, approved.get(pk) == available and not let_go, pk in central)
    return found


def allocation_problem(version: PlanVersion, *, cuts_only: bool = False) -> Problem:
    """The draft as the allocation module's facts; lines set by hand are fixed amounts (see services' docstring):
    off their source's capital, off the project's need and floor, and that source closed to that project.

    A project whose group is not recorded is given group C without a first allocation year, so that the allocation
    period (PI-06) is not judged on a guess; the checks say the same.

    cuts_only: no project gets more than the version the draft is based on gave it, so a revenue shortfall is met by
    cuts in the order of priority and nothing else moves up (the usual adjustment when a source falls short)."""
    facts = load(version)
    previous = previous_lines(version, facts)
    ceiling: dict[int, int] = defaultdict(int)
    if cuts_only:
        for (item_id, _source_id), amount in previous.items():
            ceiling[item_id] += amount
    plan = version.plan
    pinned: dict[int, dict[int, int]] = defaultdict(dict)
    pinned_per_source: dict[int, int] = defaultdict(int)
    for item_id, source_id, amount, manual in facts.lines:
        if manual:
            pinned[item_id][source_id] = amount
            pinned_per_source[source_id] += amount
    # what the approved version left unallocated stays so, unless the draft releases it; central capital the
    # draft does not change keeps its approved lines (fixed amounts, as if set by hand)
    kept = reserves(version, facts.budgets)
    frozen: dict[int, dict[int, int]] = defaultdict(dict)
    for (item_id, source_id), amount in previous.items():
        if amount > 0 and source_id in kept and kept[source_id].frozen and source_id not in pinned.get(item_id, {}):
            frozen[item_id][source_id] = amount
            pinned[item_id][source_id] = amount
            pinned_per_source[source_id] += amount
    names = dict(Source.objects.filter(pk__in=list(facts.budgets)).values_list("pk", "name"))
    # an annual plan fits the medium-term plan (PI-03, Art. 51(7)): no more than what it still leaves
    remainders = medium_term_remainders(plan)
    project_left, source_left = remainders if remainders else ({}, {})
    notes: dict[int, Message] = {}

    def capped(pk: int, available: int) -> int:
        return min(available, max(source_left[pk], 0)) if remainders and pk in source_left else available

    def for_run(pk: int, available: int) -> int:
        return run_capital(available, kept[pk].reserve, kept[pk].released) if pk in kept else available

    sources = [
        allocation.Source(
            code=facts.sources[pk],
            name=names.get(pk, ""),
            available=max(capped(pk, for_run(pk, available)) - pinned_per_source[pk], 0),
        )
        for pk, available in sorted(facts.budgets.items(), key=lambda kv: facts.sources[kv[0]])
    ]
    budget_codes = {facts.sources[pk] for pk in facts.budgets}
    # each item's approved lines by source code, for the solver to change as few as the law allows
    previous_of: dict[int, dict[str, int]] = defaultdict(dict)
    for (item_id, source_id), amount in previous.items():
        source_code = facts.sources.get(source_id)
        if amount > 0 and source_code in budget_codes:
            previous_of[item_id][source_code] = amount
    projects, item_of, left_out = [], {}, {}
    for row in facts.items:
        code = row["project__code"]
        item_of[code] = row["pk"]
        fixed = pinned.get(row["pk"], {})
        fixed_codes = {facts.sources[pk] for pk in fixed}
        fixed_total = sum(fixed.values())
        eligible = tuple(
            dict.fromkeys(c for c in row["eligible_sources"] if c in budget_codes and c not in fixed_codes)
        )
        if not eligible:
            left_out[row["pk"]] = Message(
                "al.plan.all_kept_or_fixed"
                if fixed and frozen.get(row["pk"])
                else "al.plan.all_fixed"
                if fixed
                else "al.plan.no_source",
                {},
            )
            continue
        group = project_group(row)
        need = row["need"]
        if remainders is not None:
            left = max(project_left.get(row["project_id"], 0), 0)
            if left < need:
                notes[row["pk"]] = Message("al.plan.capped", {"need": Money(need), "left": Money(left)})
                need = left
        if cuts_only and ceiling[row["pk"]] < need:
            cut = Message("al.plan.cuts_only", {"ceiling": Money(ceiling[row["pk"]])})
            notes[row["pk"]] = then(notes.get(row["pk"]), cut) or cut
            need = ceiling[row["pk"]]
        need = max(need - fixed_total, 0)
        in_mtp = True if facts.in_medium_term is None else row["project_id"] in facts.in_medium_term
        projects.append(
            allocation.Project(
                code=code,
                group=group or ProjectGroup.C,
                tier=allocation.Tier(row["tier"]),
                need=need,
                eligible_sources=eligible,
                floor=min(max(row["floor"] - fixed_total, 0), need),
                has_investment_decision=has_decision(row),
                in_medium_term_plan=in_mtp,
                first_allocation_year=row["project__funding__first_allocation_year"] if group else None,
                handed_over_year=row["project__funding__handed_over_year"],
                allocation_extension_years=row["project__funding__allocation_extension_years"] or 0,
                previous={c: a for c, a in previous_of.get(row["pk"], {}).items() if c not in fixed_codes},
            )
        )
    kind = allocation.PlanKind(plan.kind)
    info = allocation.Plan(
        kind=kind,
        year=plan.first_year if kind is allocation.PlanKind.ANNUAL else None,
        period=(plan.first_year, plan.last_year) if kind is allocation.PlanKind.MEDIUM_TERM else None,
        decided_on=law_day(version),
    )
    return Problem(info, sources, projects, facts, item_of, dict(pinned), left_out, notes, previous, kept, dict(frozen))


def previous_lines(version: PlanVersion, facts: VersionFacts) -> dict[tuple[int, int], int]:
    """The lines the draft should change as little as the law allows: its base version's (the approved plan), by
    the draft's item; the draft's own lines for a version without a base."""
    if version.based_on_id is None:
        return {(item_id, source_id): amount for item_id, source_id, amount, _manual in facts.lines}
    item_of = {row["project_id"]: row["pk"] for row in facts.items}
    previous: dict[tuple[int, int], int] = defaultdict(int)
    for project_id, source_id, amount in version.based_on.lines.values_list("item__project_id", "source_id", "amount"):
        if project_id in item_of:
            previous[(item_of[project_id], source_id)] += amount
    return dict(previous)


def follow_previous(
    amounts: dict[tuple[int, int], int],
    pools: dict[tuple[int, ...], list[int]],
    previous: dict[tuple[int, int], int],
    leftover: dict[int, int],
) -> dict[tuple[int, int], int]:
    """Re-split the solver's amounts among sources so that lines follow the approved plan where they can.

    Within a pool of projects that may use exactly the same sources, any split that keeps each project's total
    and spends no source beyond its capital is as lawful as the solver's: no need is exceeded, and the priorities
    live in the project totals. The solver's split among sources is arbitrary, and a line moved from one source to
    another for no reason is a change the People's Council would have to approve. So each project first keeps what
    it had from each source, as far as the pool's amounts and the capital left unallocated (`leftover`, per source
    pk, updated) allow, every line of a short source cut in the same proportion; then it takes the rest from the
    sources it already had, then from any (north-west corner: the totals always match); what the pool no longer
    uses goes back to `leftover`.
    """
    result: dict[tuple[int, int], int] = {}
    for sources, items in pools.items():
        result.update(_resplit(sources, items, amounts, previous, leftover))
    return result


def _resplit(
    sources: tuple[int, ...],
    items: list[int],
    amounts: dict[tuple[int, int], int],
    previous: dict[tuple[int, int], int],
    leftover: dict[int, int],
) -> dict[tuple[int, int], int]:
    """One pool of `follow_previous`: the same project totals, split as close to `previous` as the capital allows."""
    project_left = {i: sum(amounts.get((i, s), 0) for s in sources) for i in items}
    supply = {s: sum(amounts.get((i, s), 0) for i in items) for s in sources}
    split: dict[tuple[int, int], int] = defaultdict(int)

    def give(i: int, s: int, most: int, spare: bool = True) -> None:
        amount = min(most, project_left[i], supply[s] + (leftover.get(s, 0) if spare else 0))
        if amount <= 0:
            return
        from_supply = min(amount, supply[s])
        supply[s] -= from_supply
        leftover[s] = leftover.get(s, 0) - (amount - from_supply)
        split[(i, s)] += amount
        project_left[i] -= amount

    # 1. what each project had from each source, every line cut in the same proportion when a source is short
    for s in sources:
        had = {i: min(previous.get((i, s), 0), project_left[i]) for i in items}
        wanted = sum(had.values())
        if not wanted:
            continue
        there = supply[s] + leftover.get(s, 0)
        for i in items:
            give(i, s, had[i] if there >= wanted else had[i] * there // wanted)
    # 2. the rest from the sources the project already had, then from any (only the pool's own amounts now)
    for i in items:
        for s in sorted(sources, key=lambda s: previous.get((i, s), 0) == 0):
            give(i, s, project_left[i], spare=False)
    for s, unused in supply.items():
        leftover[s] = leftover.get(s, 0) + unused
    return {key: amount for key, amount in split.items() if amount > 0}


@dataclass
class Outcome:
    amounts: dict[tuple[int, int], int]  # (item pk, source pk) -> the solver's amount
    explanations: dict[int, str]
    violations: list[dict]
    allocated: dict[str, int]
    unallocated: dict[str, int]
    citation: str = ""
    messages: dict[int, dict[str, object]] = field(default_factory=dict)  # item pk -> its explanation's message


def read_allocation(problem: Problem, result: allocation.AllocationResult) -> Outcome:
    """The solver's answer as amounts per (item, source) and an explanation per item, pins included."""
    codes = problem.facts.codes
    amounts: dict[tuple[int, int], int] = {}
    allocated: dict[str, int] = defaultdict(int)
    for a in result.allocations:
        if a.amount > 0:
            amounts[(problem.item_of[a.project], codes[a.source])] = a.amount
    pools: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for project in problem.projects:
        pools[tuple(sorted(codes[c] for c in project.eligible_sources))].append(problem.item_of[project.code])
    leftover = {codes[code]: max(left, 0) for code, left in result.unallocated.items()}
    amounts = follow_previous(amounts, pools, problem.previous, leftover)
    for (_item_id, source_id), amount in amounts.items():
        allocated[problem.facts.sources[source_id]] += amount
    said: dict[int, Message | None] = dict(problem.left_out)
    for p, message in zip(result.projects, result.messages(), strict=True):
        said[problem.item_of[p.project]] = message
    for item_id, note in problem.notes.items():
        said[item_id] = then(note, said.get(item_id))
    for item_id, kept in problem.frozen.items():
        for pk, amount in kept.items():
            amounts[(item_id, pk)] = amount
    for item_id, all_fixed in problem.pinned.items():
        kept = problem.frozen.get(item_id, {})
        fixed = {pk: amount for pk, amount in all_fixed.items() if pk not in kept}
        note = None
        for code, held in (("al.plan.kept", kept), ("al.plan.fixed", fixed)):
            if held:
                parts = tuple(
                    Message("al.plan.part", {"source": problem.facts.sources[pk], "amount": Money(a)})
                    for pk, a in sorted(held.items())
                )
                note = then(note, Message(code, {"parts": parts}))
        rest = said.get(item_id)
        said[item_id] = then(note, rest) if rest is None or note is None or rest.vi != note.vi else note
        for pk, amount in all_fixed.items():
            allocated[problem.facts.sources[pk]] += amount
    violations = [
        {"project": v.project, "rule": v.rule, "citation": v.citation, "explanation": v.explanation}
        for v in result.violations
    ]
    budgets = {problem.facts.sources[pk]: available for pk, available in problem.facts.budgets.items()}
    unallocated = {code: budgets[code] - allocated.get(code, 0) for code in budgets}
    messages = {item_id: message.to_json() for item_id, message in said.items() if message is not None}
    explanations = {item_id: message.vi for item_id, message in said.items() if message is not None}
    return Outcome(amounts, explanations, violations, dict(allocated), unallocated, result.citation, messages)
