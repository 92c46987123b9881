"""Two versions of a plan compared line by line, with the totals per project, source, owner unit and both.

The plan pages show it, and the authority to adjust (PI-09) reads from it what an adjustment changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from tiendo.domain.plan_checks.facts import Line
from tiendo.domain.plan_checks.vocabulary import ChangeKind


@dataclass(frozen=True, slots=True)
class Change:
    """One amount before and after: a total of a project, a source, an owner unit or a unit's share of a source, or
    (as a `LineChange`) one line."""

    key: str
    old: int
    new: int

    @property
    def delta(self) -> int:
        return self.new - self.old

    @property
    def kind(self) -> ChangeKind:
        return _kind(self.old, self.new)


@dataclass(frozen=True, slots=True)
class LineChange(Change):
    """One line before and after: the change keyed by its project, with its source."""

    source: str

    @property
    def project(self) -> str:
        return self.key


def _kind(old: int, new: int) -> ChangeKind:
    if old == new:
        return ChangeKind.UNCHANGED
    if old == 0:
        return ChangeKind.NEW
    if new == 0:
        return ChangeKind.REMOVED
    return ChangeKind.INCREASE if new > old else ChangeKind.CUT


@dataclass(frozen=True, slots=True)
class Comparison:
    """An adjustment line by line, and its totals per project, source, owner unit and unit-and-source."""

    lines: tuple[LineChange, ...]
    projects: tuple[Change, ...]
    sources: tuple[Change, ...]
    units: tuple[Change, ...]  # empty when no owner units were given
    unit_sources: tuple[tuple[str, Change], ...]  # (unit, change of one source's total within it)
    old_total: int
    new_total: int

    @property
    def delta(self) -> int:
        return self.new_total - self.old_total

    @property
    def changed(self) -> tuple[LineChange, ...]:
        return tuple(line for line in self.lines if line.kind is not ChangeKind.UNCHANGED)


def compare(
    approved_lines: Iterable[Line], draft_lines: Iterable[Line], units: Mapping[str, str] | None = None
) -> Comparison:
    """Old, new, delta and kind per project and source, with totals; `units` maps project -> owner unit.

    A line missing from one version counts as 0 there; several lines of one project and source add up.
    """
    old = _by_pair(approved_lines)
    new = _by_pair(draft_lines)
    pairs = sorted(old.keys() | new.keys())
    lines = tuple(LineChange(p, old.get((p, s), 0), new.get((p, s), 0), source=s) for p, s in pairs)
    projects = _totals(lines, lambda line: line.project)
    sources = _totals(lines, lambda line: line.source)
    unit_changes: tuple[Change, ...] = ()
    unit_sources: tuple[tuple[str, Change], ...] = ()
    if units is not None:
        missing = sorted({line.project for line in lines} - units.keys())
        if missing:
            raise ValueError(f"Không biết đơn vị chủ đầu tư của dự án {', '.join(missing)}")
        unit_changes = _totals(lines, lambda line: units[line.project])
        old_pairs: dict[tuple[str, str], int] = defaultdict(int)
        new_pairs: dict[tuple[str, str], int] = defaultdict(int)
        for line in lines:
            old_pairs[(units[line.project], line.source)] += line.old
            new_pairs[(units[line.project], line.source)] += line.new
        unit_sources = tuple((u, Change(s, old_pairs[(u, s)], new_pairs[(u, s)])) for u, s in sorted(old_pairs))
    return Comparison(
        lines=lines,
        projects=projects,
        sources=sources,
        units=unit_changes,
        unit_sources=unit_sources,
        old_total=sum(old.values()),
        new_total=sum(new.values()),
    )


def _by_pair(lines: Iterable[Line]) -> dict[tuple[str, str], int]:
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for line in lines:
        totals[(line.project, line.source)] += line.amount
    return dict(totals)


def _totals(lines: Iterable[LineChange], key: Callable[[LineChange], str]) -> tuple[Change, ...]:
    old: dict[str, int] = defaultdict(int)
    new: dict[str, int] = defaultdict(int)
    for line in lines:
        k = key(line)
        old[k] += line.old
        new[k] += line.new
    return tuple(Change(k, old[k], new[k]) for k in sorted(old))
