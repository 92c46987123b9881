"""A plan's sources and projects read from JSON, the allocation written to it (docs/contracts/plan-allocate.md).

Errors name the project (or source) and the field in Vietnamese, as the command line shows them. Unknown keys are
ignored. The schema is docs/plan-allocate.schema.json; the extra fields are described in docs/allocation.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Final

from tiendo.domain.allocation import (
    AllocationResult,
    InvalidAllocationInput,
    Plan,
    PlanKind,
    Project,
    Source,
    Tier,
    _new_project,
)
from tiendo.domain.projects import ProjectGroup

__all__ = ["AllocationInput", "InvalidAllocationInput", "input_from_json", "result_to_json"]

_PERIOD: Final = re.compile(r"(\d{4})-(\d{4})")
_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIERS: Final = {tier.value: tier for tier in Tier}
_GROUPS: Final = {group.value: group for group in ProjectGroup}
_KINDS: Final = {kind.value: kind for kind in PlanKind}
_REQUIRED_FIELDS: Final = ("code", "group", "tier", "need", "eligible_sources", "has_investment_decision")
_OPTIONAL_FIELDS: Final = (
    "floor",
    "in_medium_term_plan",
    "first_allocation_year",
    "handed_over_year",
    "allocation_extension_years",
)
_REQUIRED: Final = itemgetter(*_REQUIRED_FIELDS)
_ALL: Final = itemgetter(*_REQUIRED_FIELDS, *_OPTIONAL_FIELDS)


@dataclass(frozen=True, slots=True)
class AllocationInput:
    plan: Plan
    sources: tuple[Source, ...]
    projects: tuple[Project, ...]


def _show(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


class _Reader:
    """Reads one object of the input; every error names what it belongs to ("Dự án X", "Nguồn vốn Y") and the field."""

    def __init__(self, owner: str, data: Mapping[str, object]) -> None:
        self.owner = owner
        self.data = data

    def fail(self, field: str, problem: str, value: object = None, show: bool = True) -> InvalidAllocationInput:
        shown = f", giá trị {_show(value)}" if show else ""
        return InvalidAllocationInput(f"{self.owner}: '{field}' {problem}{shown}.")

    def missing(self, field: str, what: str) -> InvalidAllocationInput:
        return InvalidAllocationInput(f"{self.owner}: thiếu '{field}' ({what}).")

    def amount(self, field: str, default: int | None = None) -> int:
        if field not in self.data:
            if default is None:
                raise self.missing(field, "số tiền, đồng")
            return default
        value = self.data[field]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(field, "phải là số nguyên không âm (đồng)", value)
        return value

    def count(self, field: str, default: int) -> int:
        value = self.data.get(field)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(field, "phải là số nguyên không âm", value)
        return value

    def year(self, field: str, required: bool = False) -> int | None:
        value = self.data.get(field)
        if value is None:
            if required:
                raise self.missing(field, "năm")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
            raise self.fail(field, "phải là một năm (1900–2200)", value)
        return value

    def boolean(self, field: str, default: bool | None = None) -> bool:
        value = self.data.get(field)
        if value is None:
            if default is None:
                raise self.missing(field, "true hoặc false")
            return default
        if not isinstance(value, bool):
            raise self.fail(field, "phải là true hoặc false", value)
        return value

    def text(self, field: str, default: str | None = None) -> str:
        value = self.data.get(field)
        if value is None and default is not None:
            return default
        if not isinstance(value, str) or not value.strip():
            if value is None:
                raise self.missing(field, "chuỗi ký tự")
            raise self.fail(field, "phải là chuỗi ký tự khác rỗng", value)
        return value.strip()

    def choice(self, field: str, vocabulary: Mapping[str, object]) -> object:
        value = self.data.get(field)
        if value is None:
            raise self.missing(field, "một trong: " + ", ".join(vocabulary))
        chosen = vocabulary.get(value) if isinstance(value, str) else None
        if chosen is None:
            raise self.fail(field, "phải là một trong: " + ", ".join(vocabulary), value)
        return chosen


def _plan(data: object) -> Plan:
    if not isinstance(data, Mapping):
        raise InvalidAllocationInput("Dữ liệu JSON phải có 'plan' là một đối tượng (kind, year, period).")
    read = _Reader("Kế hoạch ('plan')", data)
    kind = read.choice("kind", _KINDS)
    assert isinstance(kind, PlanKind)
    year = read.year("year", required=kind is PlanKind.ANNUAL)
    period: tuple[int, int] | None = None
    raw = data.get("period")
    if raw is not None or kind is PlanKind.MEDIUM_TERM:
        match = _PERIOD.fullmatch(raw) if isinstance(raw, str) else None
        if raw is None:
            raise read.missing("period", "giai đoạn, ví dụ '2021-2025'")
        if match is None or int(match[1]) > int(match[2]):
            raise read.fail("period", "phải có dạng 'YYYY-YYYY', năm đầu không sau năm cuối", raw)
        period = (int(match[1]), int(match[2]))
    if kind is PlanKind.ANNUAL and period is not None and year is not None and not period[0] <= year <= period[1]:
        raise read.fail("year", f"không thuộc giai đoạn {period[0]}-{period[1]}", year)
    decided_on: date | None = None
    raw = data.get("decided_on")
    if raw is not None:
        if isinstance(raw, str) and _ISO_DATE.fullmatch(raw):
            try:
                decided_on = date.fromisoformat(raw)
            except ValueError:
                pass
        if decided_on is None:
            raise read.fail("decided_on", "không phải ngày hợp lệ (YYYY-MM-DD)", raw)
    return Plan(kind, year, period, decided_on)


def _source(data: object, position: int) -> Source:
    if not isinstance(data, Mapping):
        raise InvalidAllocationInput(f"Nguồn vốn thứ {position} trong 'sources' phải là một đối tượng JSON.")
    code = data.get("code")
    if not isinstance(code, str) or not code.strip():
        raise InvalidAllocationInput(f"Nguồn vốn thứ {position} trong 'sources': thiếu 'code' (mã nguồn vốn).")
    read = _Reader(f"Nguồn vốn {code.strip()}", data)
    return Source(read.text("code"), read.text("name", default=code.strip()), read.amount("available"))


def _projects(items: list[object], annual: bool) -> tuple[Project, ...]:
    """Every project; the common case, every field present and well typed, is read without the error machinery,
    in one loop (a call per project cost a tenth of reading 10,000); anything else is read field by field
    (`_project_read`), which names the first field that is wrong."""
    checked: set[tuple[str, ...]] = set()  # the lists of sources already seen to hold only strings (a plan has few)
    projects: list[Project] = []
    add, every_field, required, groups, tiers = projects.append, _ALL, _REQUIRED, _GROUPS, _TIERS
    for position, data in enumerate(items, 1):
        if type(data) is dict:
            try:
                try:  # every field given, read in one call
                    code, group, tier, need, eligible, decision, floor, in_plan, first, handed, extension = every_field(
                        data
                    )
                except KeyError:  # the optional ones take their defaults (a required one missing: KeyError again)
                    code, group, tier, need, eligible, decision = required(data)
                    floor, in_plan = data.get("floor", 0), data.get("in_medium_term_plan", None if annual else True)
                    first, handed = data.get("first_allocation_year"), data.get("handed_over_year")
                    extension = data.get("allocation_extension_years")
                group, tier, extension = groups[group], tiers[tier], extension or 0
                sources = tuple(eligible) if type(eligible) is list else None
                known = sources in checked  # TypeError: an unhashable item
            except (KeyError, TypeError):  # TypeError: a list or an object where a tier or group belongs
                pass
            else:
                if (
                    type(code) is str
                    and code
                    and not code[0].isspace()
                    and not code[-1].isspace()
                    and type(need) is int
                    and type(floor) is int
                    and type(extension) is int
                    and need >= 0
                    and floor >= 0
                    and extension >= 0
                    and type(decision) is bool
                    and type(in_plan) is bool
                    and (first is None or (type(first) is int and 1900 <= first <= 2200))
                    and (handed is None or (type(handed) is int and 1900 <= handed <= 2200))
                    and sources is not None
                    and (known or _strings(sources, checked))
                    and "previous" not in data  # read field by field
                ):
                    add(
                        _new_project(
                            code, group, tier, need, sources, floor, decision, in_plan, first, handed, extension
                        )
                    )
                    continue
        add(_project_read(data, position, annual))
    return tuple(projects)


def _strings(sources: tuple[object, ...], checked: set[tuple[str, ...]]) -> bool:
    """Whether every item is a string; if so the tuple joins `checked`."""
    if all(type(item) is str for item in sources):
        checked.add(sources)  # type: ignore[arg-type]  # checked just above
        return True
    return False


def _project_read(data: object, position: int, annual: bool) -> Project:
    """One project, field by field: the first field that is wrong is named."""
    if not isinstance(data, Mapping):
        raise InvalidAllocationInput(f"Dự án thứ {position} trong 'projects' phải là một đối tượng JSON.")
    code = data.get("code")
    if not isinstance(code, str) or not code.strip():
        raise InvalidAllocationInput(f"Dự án thứ {position} trong 'projects': thiếu 'code' (mã dự án).")
    read = _Reader(f"Dự án {code.strip()}", data)
    group, tier = read.choice("group", _GROUPS), read.choice("tier", _TIERS)
    assert isinstance(group, ProjectGroup) and isinstance(tier, Tier)
    eligible = data.get("eligible_sources")
    if eligible is None:
        raise read.missing("eligible_sources", "danh sách mã nguồn vốn được dùng")
    if not isinstance(eligible, list) or not all(isinstance(item, str) for item in eligible):
        raise read.fail("eligible_sources", "phải là danh sách mã nguồn vốn", eligible)
    return Project(
        code=code.strip(),
        group=group,
        tier=tier,
        need=read.amount("need"),
        eligible_sources=tuple(eligible),
        floor=read.amount("floor", default=0),
        has_investment_decision=read.boolean("has_investment_decision"),
        # only an annual plan asks (PI-04, Art. 56); a medium-term plan is that plan
        in_medium_term_plan=read.boolean("in_medium_term_plan", default=None if annual else True),
        first_allocation_year=read.year("first_allocation_year"),
        handed_over_year=read.year("handed_over_year"),
        allocation_extension_years=read.count("allocation_extension_years", 0),
        previous=_previous(read, data.get("previous")),
    )


def _previous(read: _Reader, value: object) -> dict[str, int]:
    """`previous`: {source code: đồng of the approved version}; that the sources are in 'sources' is checked by
    `allocation.check_input`."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise read.fail("previous", "phải là một đối tượng {mã nguồn vốn: số tiền đã bố trí, đồng}", value)
    previous: dict[str, int] = {}
    for source_code, amount in value.items():
        if not isinstance(source_code, str) or not source_code.strip():
            raise read.fail("previous", "có mã nguồn vốn rỗng", source_code)
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            raise read.fail(f"previous.{source_code}", "phải là số nguyên không âm (đồng)", amount)
        previous[source_code] = amount
    return previous


def input_from_json(data: object) -> AllocationInput:
    """The contract's input: {"plan": {...}, "sources": [...], "projects": [...]}, each field checked.

    What holds across projects and sources (unique codes, known sources, floor not above need) is checked by
    `allocation.check_input`, which `allocate` runs: once is enough for 10,000 projects."""
    if not isinstance(data, Mapping):
        raise InvalidAllocationInput("Dữ liệu JSON phải là một đối tượng có các khóa 'plan', 'sources', 'projects'.")
    plan = _plan(data.get("plan"))
    lists = {}
    for key, what in (("sources", "nguồn vốn"), ("projects", "dự án")):
        value = data.get(key)
        if not isinstance(value, list):
            raise InvalidAllocationInput(f"Dữ liệu JSON phải có '{key}' là danh sách các {what}.")
        lists[key] = value
    sources = tuple(_source(item, position) for position, item in enumerate(lists["sources"], 1))
    return AllocationInput(plan, sources, _projects(lists["projects"], plan.kind is PlanKind.ANNUAL))


def result_to_json(result: AllocationResult) -> dict[str, object]:
    """The contract's output, plus the law applied, whether the optimum is proven, each project's level and reason,
    and each level's totals."""
    # the records are named tuples, unpacked; `_value_` is an enum member's value without the `value` property
    return {
        "allocations": [
            {"project": project, "source": source, "amount": amount} for project, source, amount in result.allocations
        ],
        "projects": [
            {
                "project": project,
                "tier": tier._value_,
                "need": need,
                "allocated": allocated,
                "shortfall": need - allocated,
                "explanation": explanation,
                "level": level,
                "reason": reason._value_,
            }
            for project, tier, need, allocated, level, reason, explanation in result.projects
        ],
        "violations": [
            {
                "project": item.project,
                "rule": item.rule,
                "explanation": item.explanation,
                "citation": item.citation,
                "verify": item.verify,
            }
            for item in result.violations
        ],
        "unallocated": dict(result.unallocated),
        "law": {"number": result.law.value, "citation": result.citation},
        "proven": result.proven,
        "levels": [
            {
                "level": item.level,
                "tiers": [tier.value for tier in item.tiers],
                "need": item.need,
                "allocated": item.allocated,
            }
            for item in result.levels
        ],
    }
