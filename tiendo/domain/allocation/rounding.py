"""From the solver's numbers to whole đồng: each unit's amounts per source made whole with the order of priority
exact (`_round`), then a unit's total shared among its projects (`_share`, `_split_by_previous`).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import numpy as np

from tiendo.domain.allocation.inputs import Project
from tiendo.domain.allocation.model import _FLOOR, _GROUP, _NEW, _NOISE, AllocationModel

_CRUMB: Final = 0.25  # đồng: a solver's amount this close below a whole đồng is that đồng (float noise)


def _round(model: AllocationModel) -> tuple[list[dict[int, int]], list[int]]:
    """Whole đồng per unit and source, and what is left per source: never above a limit, the order kept exactly.

    The solver's numbers carry float noise of a fraction of a đồng (more on huge amounts), so:
    1. each amount is rounded down; a unit within its noise of its need aims at its need, a new project at all or
       nothing, a floored one at nothing or at least its floor;
    2. units in priority order take what they miss from what is left (first from the sources the solver gave
       them the largest fractions of), then along a chain of units that can move to another source to one with
       something left, then from units of lower levels holding a source they may use (a new project loses all or
       nothing, a floored one keeps its floor or loses all);
    3. what is still left goes to units that can take it, first level first (a new or floored project without
       capital only if its whole need, or its floor, fits).
    """
    rounding = _Rounding(model)
    rounding.aim()
    rounding.complete()
    rounding.fill()
    return rounding.amounts, rounding.leftover


class _Rounding:
    """The state of `_round`: whole đồng per unit and source, what each source has left, who holds each source."""

    def __init__(self, model: AllocationModel) -> None:
        self.model = model
        num_units = len(model.unit_kind)
        self.leftover = [source.available for source in model.sources]
        self.amounts: list[dict[int, int]] = [{} for _ in range(num_units)]
        self.holding: list[set[int]] = [set() for _ in model.sources]
        self.lowest: list[list[tuple[int, int]]] = [[] for _ in model.sources]  # heaps of (-position, unit)
        self.dead: set[int] = set()  # sources from which no chain of moves reaches a source with something left
        self.preferred: list[list[int]] = [[] for _ in range(num_units)]
        self.targets = [0] * num_units
        self.noise = 1 + 10 * _NOISE * model.unit  # đồng
        self.order = sorted(range(num_units), key=lambda u: (model.unit_rank[u], u))
        self.position = [0] * num_units
        for i, u in enumerate(self.order):
            self.position[u] = i
        if not num_units:
            self.totals: list[float] = []
            self.rho: list[float] = []
            return
        values = model.solution
        num_x = model.num_x
        x = np.maximum(values[:num_x] * model.unit, 0.0)
        whole = np.floor(x + _CRUMB)
        self.totals = np.bincount(model.col_unit, weights=x, minlength=num_units).tolist()
        self.rho = values[num_x : num_x + num_units].tolist()
        # each unit's sources, the largest fraction the solver gave first: where its missing đồng belong
        by_fraction = np.lexsort((-(x - whole), model.col_unit))
        units, sources = model.col_unit[by_fraction].tolist(), model.col_source[by_fraction].tolist()
        amounts = whole.astype(np.int64)[by_fraction].tolist()
        # what `move` does from nothing, each (unit, source) once: the amounts, what is left, who holds each
        # source, and the heaps of holders built at once (inline: thousands of columns)
        preferred, held, leftover, holding = self.preferred, self.amounts, self.leftover, self.holding
        for u, s, amount in zip(units, sources, amounts, strict=True):
            preferred[u].append(s)
            if amount > 0:
                held[u][s] = amount
                leftover[s] -= amount
                holding[s].add(u)
        position = self.position
        for s, holders in enumerate(holding):
            heap = self.lowest[s] = [(-position[u], u) for u in holders]
            heapq.heapify(heap)

    def move(self, u: int, s: int, change: int) -> None:
        """Unit u takes `change` đồng more of source s (less if negative) from what the source has left."""
        amount = self.amounts[u].get(s, 0) + change
        self.leftover[s] -= change
        if change < 0:
            self.dead.clear()
        if amount:
            if u not in self.holding[s]:
                self.holding[s].add(u)
                heapq.heappush(self.lowest[s], (-self.position[u], u))
            self.amounts[u][s] = amount
        else:
            self.amounts[u].pop(s, None)
            self.holding[s].discard(u)

    def trim(self, u: int, target: int) -> None:
        """Give back what exceeds the target, the smallest fractions first."""
        excess = sum(self.amounts[u].values()) - target
        for s in reversed(self.preferred[u]):
            if excess <= 0:
                break
            back = min(excess, self.amounts[u].get(s, 0))
            if back:
                self.move(u, s, -back)
                excess -= back

    def take(self, u: int, missing: int, sources: Iterable[int]) -> int:
        """Take up to `missing` from what these sources have left; return what is still missing."""
        for s in sources:
            if missing <= 0:
                break
            got = min(missing, self.leftover[s])
            if got > 0:
                self.move(u, s, got)
                missing -= got
        return missing

    def release(self, q: int, s: int, wanted: int) -> None:
        """Take up to `wanted` of source s back from unit q, as its kind allows (a new project all or nothing)."""
        model = self.model
        kind, held = model.unit_kind[q], self.amounts[q].get(s, 0)
        spare = held if kind == _GROUP else sum(self.amounts[q].values()) - model.unit_floor[q]
        back = min(wanted, held)
        if kind != _NEW and back <= spare:
            self.move(q, s, -back)
            self.targets[q] -= back
        else:  # a new project, or a floored one that would fall below its floor: nothing at all
            self.targets[q] = 0
            self.trim(q, 0)

    def aim(self) -> None:
        """Step 1: each unit's target; what the floors gave above it goes back to the sources."""
        model = self.model
        for u, kind in enumerate(model.unit_kind):
            need, total, floor = model.unit_need[u], self.totals[u], model.unit_floor[u]
            if kind == _NEW:
                target = need if self.rho[u] > 0.5 else 0
            elif total >= need - self.noise - 1e-9 * need:
                target = need
            elif kind == _FLOOR and total < floor / 2:
                target = 0
            else:
                target = max(int(total + _CRUMB), floor)
            self.targets[u] = target
            if sum(self.amounts[u].values()) > target:  # `trim`'s question, without its call
                self.trim(u, target)
        for s, left in enumerate(self.leftover):  # a source the noise over-spent: back from the last served
            for q in sorted(self.holding[s], key=self.position.__getitem__, reverse=True):
                if left >= 0:
                    break
                self.release(q, s, -left)
                left = self.leftover[s]

    def complete(self) -> None:
        """Step 2, in priority order: first each unit reaches its target (from what is left, through a chain of
        moves, or from lower levels); then a short unit takes back what lower levels hold of its sources (the
        order of priority, exactly), and a new or floored one without capital whatever completes it there."""
        model, ranks = self.model, self.model.unit_rank
        for u in self.order:
            if sum(self.amounts[u].values()) != self.targets[u]:  # at its target, `reach` would change nothing
                self.reach(u, self.targets[u])
        for u in self.order:
            kind, need, target = model.unit_kind[u], model.unit_need[u], self.targets[u]
            if target == need:
                continue
            if target == 0 and kind != _GROUP:
                least = need if kind == _NEW else model.unit_floor[u]
                if self.reachable(u) < least:
                    continue
                self.reach(u, least)
                if self.targets[u] and kind == _FLOOR:
                    self.reach(u, need, settle=False)
            elif any(
                self.leftover[s] > 0 or ((q := self.lowest_holder(s)) is not None and ranks[q] > ranks[u])
                for s in self.preferred[u]
            ):
                self.reach(u, need, settle=False)

    def reach(self, u: int, target: int, settle: bool = True) -> None:
        """Bring unit u up to `target`; if it cannot, a group keeps what it got, a new project or a floored one
        below its floor gets nothing. `settle=False`: any amount above what it has is welcome."""
        model, ranks = self.model, self.model.unit_rank
        have = sum(self.amounts[u].values())
        missing = self.take(u, target - have, self.preferred[u])
        while missing > 0 and self.chain(u, missing):
            missing = target - sum(self.amounts[u].values())
        for s in self.preferred[u]:
            while missing > 0 and (q := self.lowest_holder(s)) is not None and ranks[q] > ranks[u]:
                self.release(q, s, missing)
                missing = self.take(u, missing, [s])
        have = target - max(missing, 0)
        kind = model.unit_kind[u]
        if settle and missing > 0 and (kind == _NEW or (kind == _FLOOR and have < model.unit_floor[u])):
            self.targets[u] = 0
            self.trim(u, 0)
        else:
            self.targets[u] = sum(self.amounts[u].values())

    def lowest_holder(self, s: int) -> int | None:
        """The unit served last among those holding source s (its level is the lowest holding s)."""
        heap = self.lowest[s]
        while heap and heap[0][1] not in self.holding[s]:
            heapq.heappop(heap)
        return heap[0][1] if heap else None

    def reachable(self, u: int) -> int:
        """What a unit could get from what its sources have left and from lower levels."""
        ranks = self.model.unit_rank
        total, here = 0, ranks[u]
        for s in self.preferred[u]:
            total += self.leftover[s]
            lowest = self.lowest_holder(s)
            if lowest is not None and ranks[lowest] > here:
                total += sum(self.amounts[q][s] for q in self.holding[s] if ranks[q] > here)
        return total

    def chain(self, u: int, missing: int) -> bool:
        """Free đồng for u on its sources by moving other units to their other sources, ending at one with
        something left (a breadth-first search over sources); whether anything was moved."""
        model = self.model
        if not any(left > 0 for left in self.leftover) or self.dead.issuperset(self.preferred[u]):
            return False
        came: dict[int, tuple[int, int]] = {}  # source -> (the source before it on the chain, the unit moved)
        frontier = list(self.preferred[u])
        seen = set(frontier)
        while frontier:
            following = []
            for s in frontier:
                for q in self.holding[s]:
                    if q == u:
                        continue
                    for t in self.preferred[q]:
                        if t in seen or not model.unit_mask[q] >> t & 1:
                            continue
                        seen.add(t)
                        came[t] = (s, q)
                        if self.leftover[t] > 0:
                            return self.shift(u, t, came, missing)
                        following.append(t)
            frontier = following
        self.dead |= seen  # no chain from these sources reaches anything left, until something is given back
        return False

    def shift(self, u: int, end: int, came: dict[int, tuple[int, int]], missing: int) -> bool:
        steps, start = [], end
        while start in came:
            before, q = came[start]
            steps.append((q, before, start))
            start = before
        amount = min([missing, self.leftover[end]] + [self.amounts[q].get(s, 0) for q, s, _ in steps])
        if amount <= 0:
            return False
        for q, s, t in steps:  # q gives up `amount` of s and takes as much of t
            self.move(q, s, -amount)
            self.move(q, t, amount)
        self.move(u, start, amount)  # what the first move freed, on a source of u
        return True

    def fill(self) -> None:
        """Step 3: what is left, to the units that can take it, first level first."""
        model = self.model
        if not any(left > 0 for left in self.leftover):
            return
        for u in self.order:
            need, target = model.unit_need[u], self.targets[u]
            open_sources = [s for s in self.preferred[u] if self.leftover[s] > 0]
            if not open_sources or target == need:
                continue
            room = sum(self.leftover[s] for s in open_sources)
            kind = model.unit_kind[u]
            if target == 0 and kind != _GROUP:
                least = need if kind == _NEW else model.unit_floor[u]
                if room < least:
                    continue
            if kind == _NEW:
                self.take(u, need, open_sources)
            else:
                self.take(u, need - target, open_sources)
            self.targets[u] = sum(self.amounts[u].values())


def _split_by_previous(
    members: Sequence[int],
    shares: Sequence[int],
    by_source: Sequence[tuple[int, int]],
    projects: Sequence[Project],
    source_index: Mapping[str, int],
) -> list[tuple[int, list[tuple[int, int]]]]:
    """A unit's amounts per source among its projects, each project's share kept: first what each had of each
    source in the approved version (in the unit's order), then the rest from the sources in turn."""
    left = dict(by_source)
    rest = list(shares)
    splits: list[dict[int, int]] = [{} for _ in members]
    for i, p in enumerate(members):
        for code, amount in projects[p].previous.items():
            s = source_index[code]
            taken = min(rest[i], amount, left.get(s, 0))
            if taken > 0:
                splits[i][s] = splits[i].get(s, 0) + taken
                rest[i] -= taken
                left[s] -= taken
    order = [s for s, _ in by_source]
    k = 0
    for i in range(len(members)):
        while rest[i] > 0:
            while left[order[k]] == 0:
                k += 1
            s = order[k]
            taken = min(rest[i], left[s])
            splits[i][s] = splits[i].get(s, 0) + taken
            rest[i] -= taken
            left[s] -= taken
    return [(p, sorted(split.items())) for p, split in zip(members, splits, strict=True)]


def _share(total: int, needs: Sequence[int]) -> list[int]:
    """Split `total` by need, whole đồng, largest remainders first (ties: input order): each ≤ its need."""
    whole_need = sum(needs)
    if total == whole_need:  # a unit given its whole need: most of them
        return list(needs)
    shares = [total * need // whole_need for need in needs]
    extra = total - sum(shares)
    if extra:
        remainders = [total * need % whole_need for need in needs]
        for i in sorted(range(len(needs)), key=remainders.__getitem__, reverse=True)[:extra]:
            shares[i] += 1
    return shares
