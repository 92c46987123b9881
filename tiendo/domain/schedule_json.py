"""Projects' schedule facts read from JSON, and findings written to it (docs/contracts/rules-check.md).

A key left out is UNKNOWN; `null` is an answer ("not happened", "none"). Unknown keys are ignored. Errors name
the project and the field in Vietnamese, as the command line shows them. The schema is docs/rules-check.schema.json.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import Final, TypeVar

from tiendo.domain.projects import ExtensionReason, MilestoneKind, ProjectGroup, ProjectKind
from tiendo.domain.schedule_rules import (
    UNKNOWN,
    AnnualCapital,
    DateFact,
    Deposit,
    Extension,
    Finding,
    Land,
    Milestone,
    ProjectFacts,
    Report,
    ReportKind,
    Sanction,
    Unknown,
    propose,
)

__all__ = ["InvalidFacts", "project_from_json", "projects_from_json", "result_to_json"]

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_PERIODS: Final = {
    ReportKind.QUARTERLY: (re.compile(r"\d{4}-Q[1-4]"), "YYYY-Qn"),
    ReportKind.ANNUAL: (re.compile(r"\d{4}"), "YYYY"),
    ReportKind.SUPERVISION_HALF_YEAR: (re.compile(r"\d{4}-H1"), "YYYY-H1"),
    ReportKind.SUPERVISION_ANNUAL: (re.compile(r"\d{4}"), "YYYY"),
}


class InvalidFacts(ValueError):
    """The input does not say what the contract asks; the message is the Vietnamese line users read."""


class _Reader:
    """Reads one project's object; every error names the project code and the field."""

    def __init__(self, code: str) -> None:
        self.code = code

    def fail(self, field: str, problem: str, where: str, value: object) -> InvalidFacts:
        place = f" — ở {where}" if where else ""
        return InvalidFacts(f"Dự án {self.code}: '{field}' {problem}{place}, giá trị {_show(value)}.")

    def day(self, data: Mapping[str, object], field: str, where: str = "") -> DateFact:
        if field not in data:
            return UNKNOWN
        value = data[field]
        if value is None:
            return None
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(field, "không phải ngày hợp lệ (YYYY-MM-DD)", where, value)

    def required_day(self, data: Mapping[str, object], field: str, where: str) -> date:
        value = self.day(data, field, where)
        if not isinstance(value, date):
            raise self.fail(field, "là bắt buộc (ngày YYYY-MM-DD)", where, data.get(field))
        return value

    def integer(
        self, data: Mapping[str, object], field: str, where: str = "", nullable: bool = False
    ) -> int | None | Unknown:
        if field not in data:
            return UNKNOWN
        value = data[field]
        if value is None:
            if nullable:
                return None
            return UNKNOWN
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(field, "phải là số nguyên không âm", where, value)
        return value

    def year(self, data: Mapping[str, object], field: str, where: str = "") -> int | None | Unknown:
        value = self.integer(data, field, where, nullable=True)
        if isinstance(value, int) and not 1900 <= value <= 2200:
            raise self.fail(field, "phải là một năm (1900–2200)", where, value)
        return value

    def boolean(self, data: Mapping[str, object], field: str, where: str = "") -> bool | Unknown:
        value = data.get(field)
        if value is None:
            return UNKNOWN
        if not isinstance(value, bool):
            raise self.fail(field, "phải là true hoặc false", where, value)
        return value

    def choice(self, data: Mapping[str, object], field: str, vocabulary: type[E], where: str = "") -> E | Unknown:
        value = data.get(field)
        if value is None:
            return UNKNOWN
        try:
            if not isinstance(value, str):
                raise ValueError(value)
            return vocabulary(value)
        except ValueError:
            allowed = ", ".join(member.value for member in vocabulary)
            raise self.fail(field, f"phải là một trong: {allowed}", where, value) from None

    def obj(self, data: Mapping[str, object], field: str, where: str = "") -> Mapping[str, object] | None:
        value = data.get(field)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise self.fail(field, "phải là một đối tượng JSON", where, value)
        return value

    def items(
        self, data: Mapping[str, object], field: str, read: Callable[[Mapping[str, object], str], T]
    ) -> tuple[T, ...] | Unknown:
        value = data.get(field)
        if value is None:
            return UNKNOWN
        if not isinstance(value, list):
            raise self.fail(field, "phải là một danh sách", "", value)
        out: list[T] = []
        for position, item in enumerate(value):
            where = f"{field}[{position}]"
            if not isinstance(item, Mapping):
                raise self.fail(field, "phải là danh sách các đối tượng JSON", where, item)
            out.append(read(item, where))
        return tuple(out)

    def milestone(self, data: Mapping[str, object], where: str) -> Milestone:
        kind = self.choice(data, "kind", MilestoneKind, where)
        if kind is UNKNOWN:
            raise self.fail("kind", "là bắt buộc", where, data.get("kind"))
        first, current, done = (self.day(data, name, where) for name in ("first_due", "current_due", "done"))
        return Milestone(
            kind,
            first if isinstance(first, date) else None,
            current if isinstance(current, date) else None,
            done if isinstance(done, date) else None,
            done_known=done is not UNKNOWN,
        )

    def extension(self, data: Mapping[str, object], where: str) -> Extension:
        decided = self.day(data, "decided", where)
        months = self.integer(data, "months", where)
        return Extension(
            decided if isinstance(decided, date) else UNKNOWN,
            months if isinstance(months, int) else UNKNOWN,
            self.choice(data, "reason", ExtensionReason, where),
        )

    def sanction(self, data: Mapping[str, object], where: str) -> Sanction:
        rule = data.get("rule")
        if not isinstance(rule, str) or not rule.strip():
            raise self.fail("rule", "là bắt buộc (mã quy tắc, ví dụ SANC-02)", where, rule)
        return Sanction(self.required_day(data, "decided", where), rule.strip())

    def report(self, data: Mapping[str, object], where: str) -> Report:
        kind = self.choice(data, "kind", ReportKind, where)
        if kind is UNKNOWN:
            raise self.fail("kind", "là bắt buộc", where, data.get("kind"))
        period = data.get("period")
        pattern, shape = _PERIODS[kind]
        if not isinstance(period, str) or not pattern.fullmatch(period):
            raise self.fail("period", f"của báo cáo {kind.value} phải có dạng {shape}", where, period)
        return Report(kind, period, self.day(data, "submitted", where))

    def report_kinds(self, data: Mapping[str, object]) -> frozenset[ReportKind]:
        value = data.get("report_kinds")
        if value is None:
            return frozenset(ReportKind)
        if not isinstance(value, list):
            raise self.fail("report_kinds", "phải là một danh sách loại báo cáo", "", value)
        kinds = [self.choice({"report_kinds": item}, "report_kinds", ReportKind) for item in value]
        return frozenset(kind for kind in kinds if kind is not UNKNOWN)

    def capital(self, data: Mapping[str, object], where: str) -> AnnualCapital:
        year = self.year(data, "year", where)
        if not isinstance(year, int):
            raise self.fail("year", "là bắt buộc", where, data.get("year"))
        planned, disbursed = self.integer(data, "planned", where), self.integer(data, "disbursed", where)
        return AnnualCapital(
            year,
            planned if isinstance(planned, int) else UNKNOWN,
            disbursed if isinstance(disbursed, int) else UNKNOWN,
            self.boolean(data, "added_after_september", where),
            self.day(data, "extended_until", where),
        )


def _show(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


def project_from_json(data: Mapping[str, object], position: int = 0) -> ProjectFacts:
    """One project of the contract's input; `position` (from 1) names a project that has no code."""
    code = data.get("code")
    if not isinstance(code, str) or not code.strip():
        raise InvalidFacts(f"Dự án thứ {position} trong 'projects': thiếu 'code' (mã dự án).")
    read = _Reader(code.strip())
    group: ProjectGroup | None | Unknown = UNKNOWN
    if "group" in data:
        group = None if data["group"] is None else read.choice(data, "group", ProjectGroup)
    land_data, deposit_data = read.obj(data, "land"), read.obj(data, "deposit")
    land = Land()
    if land_data is not None:
        land = Land(
            read.day(land_data, "handed_over", "land"),
            read.day(land_data, "in_use_since", "land"),
            read.day(land_data, "extension_until", "land"),
            read.boolean(land_data, "force_majeure", "land"),
        )
    deposit = Deposit()
    if deposit_data is not None:
        required = read.boolean(deposit_data, "required", "deposit")
        deposit = Deposit(required, read.boolean(deposit_data, "paid", "deposit"))
    state_delay = read.integer(data, "state_delay_days")
    extension_years = read.integer(data, "allocation_extension_years")
    total = read.integer(data, "total_investment")
    return ProjectFacts(
        code=read.code,
        kind=read.choice(data, "kind", ProjectKind),
        group=group,
        policy_approval_date=read.day(data, "policy_approval_date"),
        certificate_date=read.day(data, "certificate_date"),
        milestones=read.items(data, "milestones", read.milestone),
        extensions=read.items(data, "extensions", read.extension),
        state_delay_days=state_delay if isinstance(state_delay, int) else UNKNOWN,
        land=land,
        deposit=deposit,
        sanctions=read.items(data, "sanctions", read.sanction),
        stopped_since=read.day(data, "stopped_since"),
        investor_reachable=read.boolean(data, "investor_reachable"),
        reports=read.items(data, "reports", read.report),
        report_kinds=read.report_kinds(data),
        reporting_since=read.day(data, "reporting_since"),
        first_allocation_year=read.year(data, "first_allocation_year"),
        handed_over_year=read.year(data, "handed_over_year"),
        allocation_extension_years=extension_years if isinstance(extension_years, int) else UNKNOWN,
        total_investment=total if isinstance(total, int) else UNKNOWN,
        annual_capital=read.items(data, "annual_capital", read.capital),
    )


def projects_from_json(data: object) -> list[ProjectFacts]:
    """The contract's input: {"projects": [...]}, each project's code once."""
    projects = data.get("projects") if isinstance(data, Mapping) else None
    if not isinstance(projects, list):
        raise InvalidFacts("Dữ liệu JSON phải là một đối tượng có khóa 'projects' là danh sách các dự án.")
    out: list[ProjectFacts] = []
    seen: set[str] = set()
    for position, item in enumerate(projects, 1):
        if not isinstance(item, Mapping):
            raise InvalidFacts(f"Dự án thứ {position} trong 'projects' phải là một đối tượng JSON.")
        project = project_from_json(item, position)
        if project.code in seen:
            raise InvalidFacts(f"Mã dự án '{project.code}' xuất hiện nhiều lần trong 'projects'.")
        seen.add(project.code)
        out.append(project)
    return out


def result_to_json(as_of: date, findings: Sequence[Finding]) -> dict[str, object]:
    """The contract's output, plus each project's ranked proposals (only projects with findings appear)."""
    by_project: dict[str, list[Finding]] = {}
    for finding in findings:
        by_project.setdefault(finding.project, []).append(finding)
    return {
        "as_of": as_of.isoformat(),
        "findings": [finding.to_json() for finding in findings],
        "proposals": [
            {"project": code, "proposals": [proposal.to_json() for proposal in propose(found)]}
            for code, found in by_project.items()
        ],
    }
