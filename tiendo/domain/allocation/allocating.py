"""The whole allocation: build the model, solve it, and read it back as whole-đồng allocations with an explanation
per project (`allocate`, `read_result`).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat

from tiendo.domain.allocation.eligibility import _law_name
from tiendo.domain.allocation.explaining import _Explainer
from tiendo.domain.allocation.inputs import Plan, Project, Source
from tiendo.domain.allocation.model import AllocationModel, build_model
from tiendo.domain.allocation.records import (
    Allocation,
    AllocationResult,
    LevelSummary,
    ProjectResult,
    _new_tuple,
)
from tiendo.domain.allocation.rounding import _round, _share, _split_by_previous
from tiendo.domain.allocation.solving import solve_model
from tiendo.domain.allocation.tiers import PRIORITY, PriorityLaw, Tier


def allocate(
    plan: Plan, sources: Sequence[Source], projects: Sequence[Project], time_limit: float = 60.0
) -> AllocationResult:
    """Allocate the sources to the projects (the contract's meaning); every project explains its amount."""
    model = build_model(plan, sources, projects, time_limit)
    solve_model(model)
    return read_result(model)


def read_result(model: AllocationModel) -> AllocationResult:
    """The solved model as whole-đồng allocations with an explanation per project."""
    assert model.solved
    amounts, leftover = _round(model)
    sources, projects, law = model.sources, model.projects, model.law
    table = PRIORITY[law]
    ranks = sorted(set(table.values()))
    level_of_rank = {rank: i + 1 for i, rank in enumerate(ranks)}
    level_at = [0] * (ranks[-1] + 1)  # by rank: lists are read faster than dicts, 10,000 times
    for rank, level in level_of_rank.items():
        level_at[rank] = level
    codes = [source.code for source in sources]
    num_projects = len(projects)
    project_codes = [project.code for project in projects]
    needs = [project.need for project in projects]
    kept_lines = len(model.previous_cols) > 0
    source_index = {code: s for s, code in enumerate(codes)} if kept_lines else {}

    # each project's whole đồng per source: a unit's total shared by need, then its sources filled in turn
    got = [0] * num_projects
    pieces: list[Allocation | list[Allocation] | None] = [None] * num_projects  # a list if more than one
    used = [[0] * len(sources) for _ in ranks]  # per level and source: who took what
    level_need = [0] * len(ranks)  # of the projects that may be funded
    for u, members in enumerate(model.unit_members):
        level = level_at[model.unit_rank[u]] - 1
        level_need[level] += model.unit_need[u]
        by_source = sorted(amounts[u].items())
        if not by_source:
            continue
        level_used = used[level]
        for s, amount in by_source:
            level_used[s] += amount
        if len(by_source) == 1 and len(members) == 1:  # most units: one project, one source
            (s, amount), p = by_source[0], members[0]
            got[p] = amount
            pieces[p] = _new_tuple(Allocation, (project_codes[p], codes[s], amount))
            continue
        total = sum(amount for _, amount in by_source)
        shares = [total] if len(members) == 1 else _share(total, [needs[p] for p in members])
        if len(members) > 1 and kept_lines:
            for p, lines in _split_by_previous(members, shares, by_source, projects, source_index):
                got[p] = sum(amount for _, amount in lines)
                pieces[p] = [_new_tuple(Allocation, (project_codes[p], codes[s], amount)) for s, amount in lines]
            continue
        if len(by_source) == 1:  # a group on one source: each project's share is its one line
            code_of_source = codes[by_source[0][0]]
            for p, share in zip(members, shares, strict=True):
                got[p] = share
                if share:
                    pieces[p] = _new_tuple(Allocation, (project_codes[p], code_of_source, share))
            continue
        k, left = 0, by_source[0][1]
        for p, share in zip(members, shares, strict=True):
            got[p] = share
            split: list[Allocation] = []
            pieces[p] = split
            code = project_codes[p]
            while share > 0:
                while left == 0:
                    k += 1
                    left = by_source[k][1]
                taken = min(share, left)
                split.append(_new_tuple(Allocation, (code, codes[by_source[k][0]], taken)))
                share -= taken
                left -= taken
    allocations: list[Allocation] = []
    for piece in pieces:
        if piece is None:
            continue
        if type(piece) is list:
            allocations.extend(piece)
        else:
            allocations.append(piece)  # type: ignore[arg-type]  # an Allocation: a list was extended above

    # the explanations (`_Explainer.every`), and the need of the projects of no unit that may be funded
    explain = _Explainer(model, amounts, leftover, used, level_of_rank)
    reasons, texts = explain.every(got, level_need)
    tiers = [project.tier for project in projects]
    levels_of = [level_at[rank] for rank in model.rank]
    rows = zip(project_codes, tiers, needs, got, levels_of, reasons, texts, strict=True)
    results: list[ProjectResult] = list(map(_new_tuple, repeat(ProjectResult, num_projects), rows))  # no loop in Python
    tiers_of: dict[int, list[Tier]] = {}
    for tier in Tier:
        tiers_of.setdefault(level_of_rank[table[tier]], []).append(tier)
    levels = tuple(
        LevelSummary(level, tuple(tiers_of[level]), level_need[level - 1], sum(used[level - 1]))
        for level in sorted(tiers_of)
    )
    article = "khoản 4 Điều 54" if law is PriorityLaw.LAW_2024 else "Điều 51"
    return AllocationResult(
        law=law,
        citation=f"{article} {_law_name(model.text)}",
        allocations=tuple(allocations),
        projects=tuple(results),
        violations=tuple(v for p in sorted(model.violations) for v in model.violations[p]),
        unallocated=dict(zip(codes, leftover, strict=True)),
        levels=levels,
        proven=model.proven,
        explain=lambda: explain.messages(got),
    )
