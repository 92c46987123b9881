"""What an allocation is given: the plan, its sources and its projects, and the checks that refuse an input the
engine cannot judge (duplicate codes, unknown sources, negative amounts, a floor above the need).

The records the rest of the package builds on; `_new_project` is the fast constructor `allocation_json` uses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from types import MappingProxyType
from typing import Final

from tiendo.domain.allocation.tiers import PlanKind, Tier
from tiendo.domain.projects import ProjectGroup


class InvalidAllocationInput(ValueError):
    """The input contradicts itself; the message is the Vietnamese line users read, naming project and field."""


class AllocationError(RuntimeError):
    """The solver did not finish (time limit, numerical failure): no allocation is given rather than a wrong one."""


@dataclass(frozen=True, slots=True)
class Plan:
    """An annual plan (`year`) or a medium-term plan (`period`, e.g. (2021, 2025)); `decided_on` if known."""

    kind: PlanKind
    year: int | None = None
    period: tuple[int, int] | None = None
    decided_on: date | None = None

    @property
    def judged_year(self) -> int:
        """The year the allocation period (PI-06) is judged at: the plan's year, or the period's first year.

        A medium-term plan gives no year per project: a project still within its allocation period in the first
        year may receive capital for the years left (Law 58/2024 Art. 57), so only one already past it then is
        refused (`plan_checks` warns of one that passes it later in the period)."""
        if self.kind is PlanKind.ANNUAL:
            assert self.year is not None
            return self.year
        assert self.period is not None
        return self.period[0]

    def describe(self) -> str:
        if self.kind is PlanKind.ANNUAL:
            return f"Kế hoạch đầu tư công năm {self.year}"
        assert self.period is not None
        return f"Kế hoạch đầu tư công trung hạn {self.period[0]}-{self.period[1]}"


@dataclass(frozen=True, slots=True)
class Source:
    code: str
    name: str
    available: int  # đồng


@dataclass(frozen=True, slots=True)
class Project:
    code: str
    group: ProjectGroup
    tier: Tier
    need: int  # đồng: the most this plan may give
    eligible_sources: tuple[str, ...]
    floor: int = 0  # đồng already committed: kept if any capital is given
    has_investment_decision: bool = True
    in_medium_term_plan: bool = True
    first_allocation_year: int | None = None
    handed_over_year: int | None = None
    allocation_extension_years: int = 0
    # source code -> đồng the approved version gave (lines to change as little as the law allows; docs/allocation.md)
    previous: Mapping[str, int] = field(default_factory=lambda: _NO_PREVIOUS, hash=False)


_NO_PREVIOUS: Final[Mapping[str, int]] = MappingProxyType({})  # shared by every project without previous lines
_FIELDS: Final = tuple(Project.__dict__[f.name].__set__ for f in fields(Project))  # its slots, in field order
# each slot's setter bound to a name of its own: unpacking `_FIELDS` in every call cost a third of `_new_project`
(
    _SET_CODE,
    _SET_GROUP,
    _SET_TIER,
    _SET_NEED,
    _SET_ELIGIBLE,
    _SET_FLOOR,
    _SET_DECISION,
    _SET_IN_PLAN,
    _SET_FIRST,
    _SET_HANDED,
    _SET_EXTENSION,
    _SET_PREVIOUS,
) = _FIELDS
_NEW_OBJECT: Final = object.__new__


def _new_project(
    code: str,
    group: ProjectGroup,
    tier: Tier,
    need: int,
    eligible_sources: tuple[str, ...],
    floor: int,
    has_investment_decision: bool,
    in_medium_term_plan: bool,
    first_allocation_year: int | None,
    handed_over_year: int | None,
    allocation_extension_years: int,
    previous: Mapping[str, int] = _NO_PREVIOUS,
) -> Project:
    """`Project(...)` with every field given, its slots set directly: the frozen dataclass's `__init__` sets each
    through `object.__setattr__`, twice as slow (reading 10,000 projects). There is no `__post_init__` to run."""
    project: Project = _NEW_OBJECT(Project)
    _SET_CODE(project, code)
    _SET_GROUP(project, group)
    _SET_TIER(project, tier)
    _SET_NEED(project, need)
    _SET_ELIGIBLE(project, eligible_sources)
    _SET_FLOOR(project, floor)
    _SET_DECISION(project, has_investment_decision)
    _SET_IN_PLAN(project, in_medium_term_plan)
    _SET_FIRST(project, first_allocation_year)
    _SET_HANDED(project, handed_over_year)
    _SET_EXTENSION(project, allocation_extension_years)
    _SET_PREVIOUS(project, previous)
    return project


def check_input(plan: Plan, sources: Sequence[Source], projects: Sequence[Project]) -> None:
    """Refuse what the engine cannot judge: duplicate codes, unknown sources, negative amounts, floor above need."""
    _checked_masks(plan, sources, projects)


def _checked_masks(plan: Plan, sources: Sequence[Source], projects: Sequence[Project]) -> list[int]:
    """`check_input`, and each project's eligible sources as bits of source indices (each set of sources is
    checked once, however many projects name it)."""
    if plan.kind is PlanKind.ANNUAL and plan.year is None:
        raise InvalidAllocationInput("Kế hoạch hằng năm phải có 'year' (năm kế hoạch).")
    if plan.kind is PlanKind.MEDIUM_TERM and plan.period is None:
        raise InvalidAllocationInput("Kế hoạch trung hạn phải có 'period' (ví dụ '2021-2025').")
    if plan.period is not None and plan.period[0] > plan.period[1]:
        raise InvalidAllocationInput(f"'period' của kế hoạch không hợp lệ: {plan.period[0]}-{plan.period[1]}.")
    codes: set[str] = set()
    for source in sources:
        if source.code in codes:
            raise InvalidAllocationInput(f"Mã nguồn vốn '{source.code}' xuất hiện nhiều lần trong 'sources'.")
        codes.add(source.code)
        if source.available < 0:
            raise InvalidAllocationInput(
                f"Nguồn vốn {source.code}: 'available' phải là số nguyên không âm, giá trị {source.available}."
            )
    index = {source.code: i for i, source in enumerate(sources)}
    known: dict[tuple[str, ...], int] = {}  # a set of sources -> its bits, -1 if wrong
    masks: list[int] = []
    seen: set[str] = set()
    for project in projects:
        eligible = project.eligible_sources
        if type(eligible) is not tuple:
            eligible = tuple(eligible)
        mask = known.get(eligible)
        if mask is None:
            mask = known[eligible] = _mask_of(eligible, index)
        code, need, floor = project.code, project.need, project.floor
        if mask < 0 or code in seen or need < 0 or not 0 <= floor <= need or project.allocation_extension_years < 0:
            _refuse(project, codes, seen)
        if project.previous:
            _check_previous(project, index)
        seen.add(code)
        masks.append(mask)
    return masks


def _check_previous(project: Project, index: Mapping[str, int]) -> None:
    """A project's `previous`: amounts ≥ 0 of sources in `sources` (not necessarily eligible now: a line on a
    source the project may no longer use is simply not kept)."""
    for source_code, amount in project.previous.items():
        if source_code not in index:
            raise InvalidAllocationInput(
                f"Dự án {project.code}: 'previous' có nguồn '{source_code}' không có trong 'sources'."
            )
        if type(amount) is not int or amount < 0:
            raise InvalidAllocationInput(
                f"Dự án {project.code}: 'previous' của nguồn '{source_code}' phải là số nguyên không âm, "
                f"giá trị {amount!r}."
            )


def _mask_of(eligible: tuple[str, ...], index: Mapping[str, int]) -> int:
    """The sources as bits of their indices; -1 if none, one unknown or one named twice."""
    if not eligible or len(set(eligible)) != len(eligible) or any(code not in index for code in eligible):
        return -1
    mask = 0
    for code in eligible:
        mask |= 1 << index[code]
    return mask


def _refuse(project: Project, codes: set[str], seen: set[str]) -> None:
    """The message for the first thing wrong with a project `check_input` found wrong."""
    code = project.code
    if code in seen:
        raise InvalidAllocationInput(f"Mã dự án '{code}' xuất hiện nhiều lần trong 'projects'.")
    for name in ("need", "floor", "allocation_extension_years"):
        value = getattr(project, name)
        if value < 0:
            raise InvalidAllocationInput(f"Dự án {code}: '{name}' phải là số nguyên không âm, giá trị {value}.")
    if project.floor > project.need:
        raise InvalidAllocationInput(f"Dự án {code}: 'floor' ({project.floor}) lớn hơn 'need' ({project.need}).")
    if not project.eligible_sources:
        raise InvalidAllocationInput(f"Dự án {code}: 'eligible_sources' phải có ít nhất một nguồn vốn.")
    for source_code in project.eligible_sources:
        if source_code not in codes:
            raise InvalidAllocationInput(
                f"Dự án {code}: 'eligible_sources' có nguồn '{source_code}' không có trong 'sources'."
            )
    raise InvalidAllocationInput(f"Dự án {code}: 'eligible_sources' có nguồn vốn lặp lại.")
