"""A plan version read from the database into the pure modules' facts, and their answers back into rows.

Fetch first, then compute (Saleor's checkout/fetch.py): a version of 1,500 projects is read in a handful of
queries (one per table, values only, no model instances), handed to `tiendo.domain.allocation` and
`tiendo.domain.plan_checks`, and their answers are mapped back to items and sources by primary key.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Sum
from django.utils import timezone, translation

from tiendo.agencies.models import Agency
from tiendo.domain import allocation, plan_checks
from tiendo.domain.money import format_vnd
from tiendo.domain.projects import ProjectGroup
from tiendo.domain.schedule_rules import Text

from .models import Plan, PlanItem, PlanLine, PlanVersion, Source, SourceBudget

# ---------------------------------------------------------------------------------------------------------------
# Reading a version


@dataclass
class VersionFacts:
    version: PlanVersion
    sources: dict[int, str]  # source pk -> code (every source of the tree)
    budgets: dict[int, int]  # source pk -> capital available
    items: list[dict]  # one dict per item: its own columns, the project's and its funding facts
    lines: list[tuple[int, int, int, bool]]  # (item pk, source pk, amount, manual)
    in_medium_term: set[int] | None  # project pks of the medium-term plan in force (annual plans); None: unknown

    @property
    def codes(self) -> dict[str, int]:
        return {code: pk for pk, code in self.sources.items()}


ITEM_COLUMNS = (
    "pk",
    "project_id",
    "tier",
    "need",
    "floor",
    "eligible_sources",
    "capital_before",
    "transitional_into_next",
    "note",
    "project__code",
    "project__name",
    "project__group",
    "project__agency_id",
    "project__commune_id",
    "project__total_investment",
    "project__policy_decision_number",
    "project__funding__investment_decision_number",
    "project__funding__investment_decision_date",
    "project__funding__first_allocation_year",
    "project__funding__handed_over_year",
    "project__funding__allocation_extension_years",
    "project__funding__finish_year",
)


def medium_term_projects(plan: Plan) -> set[int] | None:
    """The projects of the medium-term plan in force over an annual plan (PI-04); None when none is linked."""
    if plan.kind != Plan.Kind.ANNUAL or plan.medium_term_id is None:
        return None
    current = plan.medium_term.current_version()
    if current is None:
        return None
    return set(current.items.values_list("project_id", flat=True))


def load(version: PlanVersion) -> VersionFacts:
    """The version in five queries whatever its size."""
    return VersionFacts(
        version=version,
        sources=dict(Source.objects.values_list("pk", "code")),
        budgets=dict(version.budgets.values_list("source_id", "available")),
        items=list(version.items.order_by("project__code").values(*ITEM_COLUMNS)),
        lines=list(version.lines.values_list("item_id", "source_id", "amount", "manual")),
        in_medium_term=medium_term_projects(version.plan),
    )


def has_decision(row: dict) -> bool:
    return bool(
        row["project__funding__investment_decision_number"] and row["project__funding__investment_decision_date"]
    )


# ---------------------------------------------------------------------------------------------------------------
# The allocation


def law_day(version: PlanVersion) -> date | None:
    """The day whose law governs the version: its decision, or today for a draft (it will be decided under the law
    in force now); None for an approved version whose decision date was not recorded."""
    if version.decision_date is not None:
        return version.decision_date
    return timezone.localdate() if version.state == PlanVersion.State.DRAFT else None


def project_group(row: dict) -> ProjectGroup | None:
    try:
        return ProjectGroup(row["project__group"])
    except ValueError:
        return None


@dataclass
class Problem:
    """What the solver gets, and how to map its answer back: lines set by hand are already taken off."""

    plan: allocation.Plan
    sources: list[allocation.Source]
    projects: list[allocation.Project]
    facts: VersionFacts
    item_of: dict[str, int]  # project code -> item pk (every item, in the solver or not)
    pinned: dict[int, dict[int, int]]  # item pk -> {source pk: amount set by hand}
    left_out: dict[int, str]  # item pk -> why the solver does not see it (Vietnamese)
    notes: dict[int, str] = field(default_factory=dict)  # item pk -> what was capped before the solver ran
    previous: dict[tuple[int, int], int] = field(default_factory=dict)  # (item pk, source pk) -> approved amount


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
    names = dict(Source.objects.filter(pk__in=list(facts.budgets)).values_list("pk", "name"))
    # an annual plan fits the medium-term plan (PI-03, Art. 51(7)): no more than what it still leaves
    remainders = medium_term_remainders(plan)
    project_left, source_left = remainders if remainders else ({}, {})
    notes: dict[int, str] = {}

    def capped(pk: int, available: int) -> int:
        return min(available, max(source_left[pk], 0)) if remainders and pk in source_left else available

    sources = [
        allocation.Source(
            code=facts.sources[pk],
            name=names.get(pk, ""),
            available=max(capped(pk, available) - pinned_per_source[pk], 0),
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
            left_out[row["pk"]] = (
                "Mọi nguồn vốn dự án được sử dụng đều đã được ấn định thủ công."
                if fixed
                else "Dự án không có nguồn vốn nào được phép sử dụng trong phiên bản này: không bố trí vốn."
            )
            continue
        group = project_group(row)
        need = row["need"]
        if remainders is not None:
            left = max(project_left.get(row["project_id"], 0), 0)
            if left < need:
                notes[row["pk"]] = (
                    f"Nhu cầu {format_vnd(need)} được giới hạn ở số vốn kế hoạch trung hạn còn lại của dự án "
                    f"({format_vnd(left)})."
                )
                need = left
        if cuts_only and ceiling[row["pk"]] < need:
            notes[row["pk"]] = (
                notes.get(row["pk"], "") + f" Chỉ cắt giảm: không quá {format_vnd(ceiling[row['pk']])} "
                "đã bố trí trong phiên bản được duyệt."
            ).strip()
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
    return Problem(info, sources, projects, facts, item_of, dict(pinned), left_out, notes, previous)


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
    explanations: dict[int, str] = dict(problem.left_out)
    for p in result.projects:
        explanations[problem.item_of[p.project]] = p.explanation
    for item_id, note in problem.notes.items():
        explanations[item_id] = f"{note} {explanations.get(item_id, '')}".strip()
    for item_id, fixed in problem.pinned.items():
        parts = ", ".join(f"{problem.facts.sources[pk]} {format_vnd(amount)}" for pk, amount in sorted(fixed.items()))
        note = f"Vốn ấn định thủ công, giữ nguyên khi phân bổ: {parts}."
        rest = explanations.get(item_id, "")
        explanations[item_id] = f"{note} {rest}".strip() if rest != note else note
        for pk, amount in fixed.items():
            allocated[problem.facts.sources[pk]] += amount
    violations = [
        {"project": v.project, "rule": v.rule, "citation": v.citation, "explanation": v.explanation}
        for v in result.violations
    ]
    budgets = {problem.facts.sources[pk]: available for pk, available in problem.facts.budgets.items()}
    unallocated = {code: budgets[code] - allocated.get(code, 0) for code in budgets}
    return Outcome(amounts, explanations, violations, dict(allocated), unallocated, result.citation)


# ---------------------------------------------------------------------------------------------------------------
# The checks


@dataclass
class Breach:
    """One rule a version breaks, ready for the page, the command and the approval."""

    rule: str
    severity: str  # error, warning, info
    message: str
    citation: str = ""
    project: str = ""
    item_id: int | None = None
    source: str = ""
    amount: int = 0
    verify: bool = False
    title: Text | None = None

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "project": self.project or None,
            "source": self.source or None,
            "amount": self.amount,
            "citation": self.citation,
            "verify": self.verify,
            "explanation": self.message,
        }


BODY_OF = {
    PlanVersion.Body.PROVINCIAL_COUNCIL: plan_checks.DecidingBody.PROVINCIAL_COUNCIL,
    PlanVersion.Body.PROVINCIAL_COMMITTEE: plan_checks.DecidingBody.PROVINCIAL_COMMITTEE,
    PlanVersion.Body.COMMITTEE_CHAIRMAN: plan_checks.DecidingBody.PROVINCIAL_CHAIRMAN,
    PlanVersion.Body.COMMUNE_COUNCIL: plan_checks.DecidingBody.COMMUNE_COUNCIL,
    PlanVersion.Body.COMMUNE_COMMITTEE: plan_checks.DecidingBody.COMMUNE_COMMITTEE,
    PlanVersion.Body.PRIME_MINISTER: plan_checks.DecidingBody.PRIME_MINISTER,
}
BODY_FROM = {body: choice for choice, body in BODY_OF.items()}


def _budget_level(source: Source) -> plan_checks.BudgetLevel:
    if source.foreign:
        return plan_checks.BudgetLevel.FOREIGN
    if source.level == Source.Level.CENTRAL:
        return plan_checks.BudgetLevel.CENTRAL
    return plan_checks.BudgetLevel.LOCAL


def medium_term_remainders(plan: Plan) -> tuple[dict[int, int], dict[int, int]] | None:
    """An annual plan: what its medium-term plan in force still leaves per project and per source, after the other
    annual plans of the period in force (PI-03); None without a medium-term plan in force."""
    if plan.kind != Plan.Kind.ANNUAL or plan.medium_term_id is None:
        return None
    medium = plan.medium_term.current_version()
    if medium is None:
        return None
    others = [
        v.pk
        for v in (
            PlanVersion.objects.filter(plan__medium_term_id=plan.medium_term_id, state=PlanVersion.State.APPROVED)
            .exclude(plan=plan)
            .only("pk")
        )
    ]
    by_project: dict[int, int] = defaultdict(int)
    by_source: dict[int, int] = defaultdict(int)
    rows = (
        PlanLine.objects.filter(version__in=[medium.pk, *others])
        .order_by()
        .values_list("version_id", "item__project_id", "source_id")
        .annotate(total=Sum("amount"))
    )
    for version_id, project_id, source_id, total in rows:
        sign = 1 if version_id == medium.pk else -1
        by_project[project_id] += sign * total
        by_source[source_id] += sign * total
    return dict(by_project), dict(by_source)


def draft_plan(version: PlanVersion, facts: VersionFacts | None = None) -> plan_checks.DraftPlan:
    """The version as tiendo.domain.plan_checks reads it; an adjustment brings the lines of its base version."""
    facts = facts or load(version)
    plan = version.plan
    base_lines = list(version.based_on.lines.values_list("item__project_id", "source_id", "amount")) if (
        version.based_on_id
    ) else None  # fmt: skip
    rows = {row["project_id"]: row for row in facts.items}
    missing = {project_id for project_id, _s, _a in base_lines or ()} - rows.keys()
    if missing:  # a project of the base version that this one dropped: its facts from the base version
        for row in version.based_on.items.filter(project_id__in=missing).values(*ITEM_COLUMNS):
            rows[row["project_id"]] = row
    agencies = dict(Agency.objects.filter(pk__in={r["project__agency_id"] for r in rows.values()}).values_list(
        "pk", "code"))  # fmt: skip
    used = set(facts.budgets) | {s for _i, s, _a, _m in facts.lines} | {s for _p, s, _a in base_lines or ()}
    remainders = medium_term_remainders(plan)
    projects = []
    for row in rows.values():
        group = project_group(row)
        projects.append(
            plan_checks.ProjectPlanFacts(
                code=row["project__code"],
                owner_unit=agencies.get(row["project__agency_id"], "—"),
                group=group or ProjectGroup.C,
                tier=plan_checks.Tier(row["tier"]),
                need=row["need"],
                has_investment_decision=has_decision(row),
                has_policy_decision=True if row["project__policy_decision_number"] else None,
                in_medium_term_plan=True if facts.in_medium_term is None else row["project_id"] in facts.in_medium_term,
                medium_term_remainder=remainders[0].get(row["project_id"], 0) if remainders else None,
                first_allocation_year=row["project__funding__first_allocation_year"] if group else None,
                handed_over_year=row["project__funding__handed_over_year"],
                allocation_extension_years=row["project__funding__allocation_extension_years"] or 0,
                transitional_into_next_period=row["transitional_into_next"],
                total_investment=row["project__total_investment"] or None,
            )
        )
    sources = [
        plan_checks.SourceFacts(
            code=source.code,
            available=facts.budgets.get(source.pk, 0),
            level=_budget_level(source),
            kind=plan_checks.SourceKind.ODA if source.foreign else plan_checks.SourceKind.GENERAL,
            name=source.name,
            medium_term_remainder=remainders[1].get(source.pk, 0) if remainders else None,
        )
        for source in Source.objects.filter(pk__in=used)
    ]
    item_project = {row["pk"]: row["project__code"] for row in facts.items}
    code_of = {row["project_id"]: row["project__code"] for row in rows.values()}
    lines = [
        plan_checks.Line(item_project[item_id], facts.sources[source_id], amount)
        for item_id, source_id, amount, _manual in facts.lines
    ]
    approved = (
        [plan_checks.Line(code_of[p], facts.sources[s], a) for p, s, a in base_lines]
        if base_lines is not None
        else None
    )
    info = plan_checks.PlanFacts(
        kind=plan_checks.PlanKind(plan.kind),
        first_year=plan.first_year,
        last_year=plan.last_year if plan.kind == Plan.Kind.MEDIUM_TERM else None,
        decided_on=law_day(version),
        deciding_body=BODY_OF.get(version.decision_body, plan_checks.DecidingBody.NONE),
        period_first_year=plan.medium_term.first_year if plan.medium_term_id else None,
    )
    return plan_checks.DraftPlan(plan=info, sources=sources, projects=projects, lines=lines, approved_lines=approved)


def breaches(version: PlanVersion) -> list[Breach]:
    """Every rule the version breaks, errors first (tiendo.domain.plan_checks.check_plan)."""
    return checks(version)[0]


def _breaches(draft: plan_checks.DraftPlan, facts: VersionFacts) -> list[Breach]:
    item_of = {row["project__code"]: row["pk"] for row in facts.items}
    return [
        Breach(
            rule=b.rule,
            severity=b.severity.value,
            message=b.explanation,
            citation=b.citation,
            project=b.project or "",
            item_id=item_of.get(b.project or ""),
            source=b.source or "",
            amount=b.amount,
            verify=b.verify,
            title=b.title,
        )
        for b in plan_checks.check_plan(draft)
        if not (b.rule == "PI-09" and b.severity is plan_checks.BreachSeverity.INFO)  # said by `decider`
    ]


@dataclass
class Decider:
    """Who must decide this adjustment (PI-09): the body, why, and the article."""

    body: str  # a PlanVersion.Body value (the approval form pre-selects it), "" when none is needed
    label: str
    message: str
    citation: str = ""


def decider(version: PlanVersion) -> Decider | None:
    return checks(version)[1]


def _decider(draft: plan_checks.DraftPlan) -> Decider | None:
    if draft.approved_lines is None:
        return None
    authority = plan_checks.required_authority(draft)
    body = authority.body
    if body is None:
        return None
    language = translation.get_language() or "vi"
    citation = "; ".join(dict.fromkeys(r.citation for r in authority.requirements))
    return Decider(BODY_FROM.get(body, ""), body.label.get(language), authority.reason, citation)


def checks(version: PlanVersion) -> tuple[list[Breach], Decider | None]:
    """The breaches and who must decide, from one reading of the version."""
    facts = load(version)
    draft = draft_plan(version, facts)
    return _breaches(draft, facts), _decider(draft)


# ---------------------------------------------------------------------------------------------------------------
# Comparing two versions


@dataclass
class CompareRow:
    item_id: int | None
    project: str
    name: str
    agency: str
    source: str
    before: int
    after: int
    kind: str  # increase, cut, new, removed, unchanged (plan_checks.ChangeKind)

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass
class Comparison:
    rows: list[CompareRow]
    by_source: list[dict] = field(default_factory=list)
    by_agency: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)


def _summary(rows: list[CompareRow], key) -> list[dict]:
    """Per source or owner: before, after, and the increases and cuts apart (a net change hides both)."""
    groups: dict[str, dict] = {}
    for row in rows:
        name = key(row)
        group = groups.setdefault(name, {"name": name, "before": 0, "after": 0, "increase": 0, "cut": 0})
        group["before"] += row.before
        group["after"] += row.after
        if row.delta > 0:
            group["increase"] += row.delta
        else:
            group["cut"] -= row.delta
    for group in groups.values():
        group["delta"] = group["after"] - group["before"]
    return sorted(groups.values(), key=lambda g: (-max(g["after"], g["before"]), g["name"]))


def comparison(version: PlanVersion, against: PlanVersion) -> Comparison:
    """Line by line, `against` (the approved version) to `version` (tiendo.domain.plan_checks.compare)."""
    sources = dict(Source.objects.values_list("pk", "code"))
    projects: dict[str, tuple[str, str]] = {}
    item_ids: dict[str, int] = {}
    for version_id, item_id, code, name, agency, short in PlanItem.objects.filter(
        version__in=[version.pk, against.pk]
    ).values_list(
        "version_id", "pk", "project__code", "project__name", "project__agency__name", "project__agency__short_name"
    ):
        projects[code] = (name, short or agency or "")
        if version_id == version.pk:
            item_ids[code] = item_id
    old, new = [], []
    for version_id, code, source_id, amount in PlanLine.objects.filter(
        version__in=[version.pk, against.pk]
    ).values_list("version_id", "item__project__code", "source_id", "amount"):
        (new if version_id == version.pk else old).append(plan_checks.Line(code, sources[source_id], amount))
    result = plan_checks.compare(old, new)
    rows = [
        CompareRow(
            item_ids.get(line.project),
            line.project,
            projects[line.project][0],
            projects[line.project][1],
            line.source,
            line.old,
            line.new,
            line.kind.value,
        )
        for line in result.lines
    ]
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.kind] += 1
    totals = {
        "before": result.old_total,
        "after": result.new_total,
        "delta": result.delta,
        "increase": sum(r.delta for r in rows if r.delta > 0),
        "cut": -sum(r.delta for r in rows if r.delta < 0),
    }
    return Comparison(
        rows=rows,
        by_source=_summary(rows, lambda r: r.source),
        by_agency=_summary(rows, lambda r: r.agency or "—"),
        counts=dict(counts),
        totals=totals,
    )


# ---------------------------------------------------------------------------------------------------------------
# Pages


def totals_by_source(version_ids: list[int]):
    return (
        PlanLine.objects.filter(version__in=version_ids)
        .order_by()
        .values_list("version_id", "source_id")
        .annotate(total=Sum("amount"))
        .values_list("version_id", "source_id", "total")
    )


def attach_lines(items: list[PlanItem], sources: list[Source]) -> None:
    """Each item of a page gets its lines (in the order of `sources`), its total, shortfall, and whether any line
    was set by hand (one query)."""
    order = {s.pk: (i, s) for i, s in enumerate(sources)}
    by_item: dict[int, list[PlanLine]] = defaultdict(list)
    for line in PlanLine.objects.filter(item__in=[i.pk for i in items]).only(
        "item_id", "source_id", "amount", "manual"
    ):
        by_item[line.item_id].append(line)
    missing = {line.source_id for lines in by_item.values() for line in lines} - order.keys()
    known = order | {s.pk: (len(order) + i, s) for i, s in enumerate(Source.objects.filter(pk__in=missing))}
    for item in items:
        lines = sorted(by_item.get(item.pk, []), key=lambda line: known[line.source_id][0])
        for line in lines:
            line.source = known[line.source_id][1]
        item.lines_shown = lines
        item.allocated = sum(line.amount for line in lines)
        item.shortfall = max(item.need - item.allocated, 0)
        item.pinned = any(line.manual for line in lines)


@dataclass
class ChangeGroup:
    when: object
    who: str
    reason: str
    what: str
    count: int


def changes(version: PlanVersion, limit: int = 30) -> list[ChangeGroup]:
    """The changes to the version's lines, capital available and projects, one row per save or run."""
    groups: list[ChangeGroup] = []
    for model, what in ((PlanLine, "lines"), (SourceBudget, "budgets"), (PlanItem, "items")):
        rows = (
            model.history.filter(version_id=version.pk)
            .order_by()
            .values("history_date", "history_user__username", "history_change_reason", "history_type")
            .annotate(n=Count("history_id"))
            .order_by("-history_date")[:limit]
        )
        for row in rows:
            groups.append(
                ChangeGroup(
                    when=row["history_date"],
                    who=row["history_user__username"] or "—",
                    reason=row["history_change_reason"] or "",
                    what=f"{what}{row['history_type']}",
                    count=row["n"],
                )
            )
    groups.sort(key=lambda g: g.when, reverse=True)
    return groups[:limit]


def line_history(item: PlanItem, limit: int = 50) -> list:
    """The history rows of a project's lines in a version, newest first, each with its source's code."""
    codes = dict(Source.objects.values_list("pk", "code"))
    rows = list(
        PlanLine.history.filter(item_id=item.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    for row in rows:
        row.source_code = codes.get(row.source_id, "")
    return rows
