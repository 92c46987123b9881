"""Allocation by the order of priority (PI-05): figures for the demo, fast; the real allocator is
`tiendo/domain/allocation/`. A version as generated (`Made`) holds what each project wanted and got."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from tiendo.plans.models import TIER_LABELS

from .decisions import LEAVES, Decision
from .registry import Public, _billions_up, _mil


@dataclass
class Want:
    """A project in a version being made: its tier, need and floor per source, and what it got."""

    project: Public
    tier: str
    need: dict[str, int]  # source -> the most this version may give
    floor: dict[str, int] = field(default_factory=dict)  # source -> already committed
    whole: bool = False  # a new project: all of its need or nothing beyond its floor (Art. 54(5))
    got: dict[str, int] = field(default_factory=dict)
    note: str = ""
    added_on: date | None = None
    manual: bool = False

    def copy(self) -> Want:
        return Want(self.project, self.tier, dict(self.need), dict(self.floor), self.whole, dict(self.got))


def allocate(wants: list[Want], available: dict[str, int]) -> None:
    """Floors first, then tier by tier: within a tier a shortage of a source is shared in proportion to need, and a
    new project gets all of its need or nothing more."""
    left = dict(available)
    for want in wants:
        for source, need in want.need.items():
            want.got[source] = floor = min(want.floor.get(source, 0), need)
            left[source] = left.get(source, 0) - floor
    by_tier: dict[str, list[Want]] = defaultdict(list)
    for want in wants:
        by_tier[want.tier].append(want)
    for tier in TIER_LABELS:
        members = by_tier.get(tier, [])
        demand: dict[str, int] = defaultdict(int)
        for want in members:
            if not want.whole:
                for source, need in want.need.items():
                    demand[source] += need - want.got[source]
        ratio = {s: min(1.0, max(0, left.get(s, 0)) / d) if d > 0 else 0.0 for s, d in demand.items()}
        for want in members:
            if not want.whole:
                for source, need in want.need.items():
                    extra = _mil((need - want.got[source]) * ratio[source])
                    want.got[source] += extra
                    left[source] -= extra
        for want in members:
            if want.whole:
                gap = {s: need - want.got[s] for s, need in want.need.items()}
                if all(gap[s] <= left.get(s, 0) for s in gap):
                    for source, amount in gap.items():
                        want.got[source] += amount
                        left[source] -= amount


def needs_by_source(wants: list[Want], floors: bool = False) -> dict[str, int]:
    total: dict[str, int] = defaultdict(int)
    for want in wants:
        for source, amount in (want.floor if floors else want.need).items():
            total[source] += amount
    return total


def budget_for(wants: list[Want], cover: dict[str, float] | float, reserve: float = 0.0) -> dict[str, int]:
    """Capital per source: a share of the candidates' needs (plus a reserve), in whole billions, never below what
    is already committed."""
    need, floor = needs_by_source(wants), needs_by_source(wants, floors=True)
    budget = {}
    for source in LEAVES:
        if need.get(source):
            share = cover if isinstance(cover, float) else cover.get(source, 0.9)
            budget[source] = _billions_up(max(need[source] * share / (1 - reserve), floor.get(source, 0)))
    return budget


def _split(amount: int, shares: dict[str, float]) -> dict[str, int]:
    parts = {s: _mil(amount * share) for s, share in shares.items()}
    if parts:
        biggest = max(parts, key=parts.__getitem__)
        parts[biggest] += _mil(amount) - sum(parts.values())
    return {s: v for s, v in parts.items() if v > 0}


# -----------------------------------------------------------------------------------------------------------------
# The versions, in the order they were decided
# -----------------------------------------------------------------------------------------------------------------
@dataclass
class Made:
    """A version as generated, before it is written."""

    decision: Decision
    wants: list[Want]
    budget: dict[str, int]
    budget_notes: dict[str, str] = field(default_factory=dict)
    _amounts: dict[int, dict[str, int]] | None = None

    def amounts(self) -> dict[int, dict[str, int]]:
        """Project -> source -> amount (computed once: a version is not changed after it is made)."""
        if self._amounts is None:
            self._amounts = {
                w.project.pk: {s: a for s, a in w.got.items() if a > 0} for w in self.wants if any(w.got.values())
            }
        return self._amounts

    def unallocated(self) -> dict[str, int]:
        given = needs_by_source([Want(w.project, w.tier, w.got) for w in self.wants])
        return {s: amount - given.get(s, 0) for s, amount in self.budget.items()}
