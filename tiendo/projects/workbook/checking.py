"""The checks across rows and against the database, and the plan of what the import will write.

Each row's cells are already read (`reading`); here a project code used twice, a public project without a group,
an investor to create, a milestone of an unknown project, a report period in the future are found, and every
row that passes becomes a record to insert or a set of changed fields to update. Nothing is written: a file with
errors is refused whole (or, partial, its valid rows written) only after every sheet is checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tiendo.domain.tabular import CellError
from tiendo.domain.text import search_key

from ..models import Milestone, ProgressReport, Project
from .columns import (
    MILESTONE_BLANK,
    MILESTONE_FIELDS,
    MILESTONES,
    PROJECT_BLANK,
    PROJECT_FIELDS,
    PROJECTS,
    REPORT_BLANK,
    REPORT_FIELDS,
    REPORTS,
    attname,
)
from .reading import Lookups, Parsed, Row, chunks


@dataclass
class ImportResult:
    """What an import did (or, dry run, would do): the counts the pages and the command show, and every error."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    milestones: int = 0  # milestones created or changed
    milestones_unchanged: int = 0
    reports: int = 0  # progress reports added
    reports_unchanged: int = 0
    enterprises: int = 0  # investors created from a tax code and a name
    rejected: int = 0  # rows not written
    refused: bool = False  # nothing written: errors in all-or-nothing mode, or a header that cannot be read
    errors: list[CellError] = field(default_factory=list)
    seconds: float = 0.0
    dry_run: bool = False
    partial: bool = False
    rows: int = 0
    rejected_workbook: bytes | None = None

    def as_dict(self, error_limit: int | None = None) -> dict[str, Any]:
        errors = self.errors if error_limit is None else self.errors[:error_limit]
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "milestones": self.milestones,
            "milestones_unchanged": self.milestones_unchanged,
            "reports": self.reports,
            "reports_unchanged": self.reports_unchanged,
            "enterprises": self.enterprises,
            "rejected": self.rejected,
            "rows": self.rows,
            "dry_run": self.dry_run,
            "partial": self.partial,
            "refused": self.refused,
            "error_count": len(self.errors),
            "errors": [e.as_dict() for e in errors],
            "seconds": round(self.seconds, 3),
        }


@dataclass
class Plan:
    """What the import will write, worked out before any write."""

    new_enterprises: dict[str, str] = field(default_factory=dict)  # tax code -> name
    project_creates: list[dict[str, Any]] = field(default_factory=list)
    project_updates: dict[int, dict[str, Any]] = field(default_factory=dict)  # pk -> changed fields
    milestone_creates: list[dict[str, Any]] = field(default_factory=list)
    milestone_updates: dict[int, dict[str, Any]] = field(default_factory=dict)
    report_creates: list[dict[str, Any]] = field(default_factory=list)


def _error(parsed: Parsed, row: Row, field_name: str, message: str) -> None:
    letter, header = parsed.letters.get(field_name, ("", ""))
    row.errors.append(CellError(parsed.sheet.name, row.number, letter, header, message))


def _failed_fields(parsed: Parsed, row: Row) -> set[str]:
    """The fields of this row whose cells already carry an error."""
    if not row.errors:
        return set()
    letters = {error.column for error in row.errors}
    return {name for name, (letter, _header) in parsed.letters.items() if letter in letters}


class Checker:
    """Fills the result's counts and the rows' errors, and returns the plan of the writes."""

    def __init__(self, result: ImportResult, *, partial: bool, today: date):
        self.result = result
        self.partial = partial
        self.today = today

    def check(self, parsed: dict[str, Parsed], lookups: Lookups) -> Plan:
        plan = Plan()
        projects = parsed.get(PROJECTS)
        milestones = parsed.get(MILESTONES)
        reports = parsed.get(REPORTS)
        codes: set[str] = set()
        for p in (projects, milestones, reports):
            if p:
                key = "code" if p is projects else "project"
                codes.update(row.values[key] for row in p.rows if row.values.get(key))
        existing = self._existing_projects(sorted(codes))
        file_projects: dict[str, Row] = {}
        if projects:
            self._check_projects(projects, existing, lookups, plan, file_projects)
        project_ids = {code: values["id"] for code, values in existing.items() if values["deleted_at"] is None}
        if milestones:
            self._check_milestones(milestones, existing, project_ids, file_projects, plan)
        if reports:
            self._check_reports(reports, existing, project_ids, file_projects, plan)
        return plan

    def _existing_projects(self, codes: list[str]) -> dict[str, dict[str, Any]]:
        fields = ["id", "deleted_at", *[attname(f) for f in PROJECT_FIELDS]]
        found = {}
        for chunk in chunks(codes):
            for values in Project.objects.filter(code__in=chunk).values(*fields):
                found[values["code"]] = values
        return found

    def _check_projects(self, parsed: Parsed, existing, lookups: Lookups, plan: Plan, file_projects) -> None:
        result = self.result
        present = parsed.present
        has_investor = bool(present & {"investor_tax_code", "investor_name"})
        new_names: dict[str, str] = {}
        for row in parsed.rows:
            values = row.values
            code = values.get("code")
            if code:
                if code in file_projects:
                    first = file_projects[code].number
                    _error(parsed, row, "code", f"Mã dự án '{code}' lặp lại (đã có ở dòng {first}).")
                    continue
                file_projects[code] = row
            old = existing.get(code) if code else None
            if old and old["deleted_at"] is not None:
                _error(parsed, row, "code", f"Dự án '{code}' đã bị xóa: hãy khôi phục trước khi nhập.")
            # Rules across columns run even when other cells of the row are wrong, so that one upload reports
            # every problem; a rule is skipped only when a column it reads could not be read itself.
            failed = _failed_fields(parsed, row)
            investor_fields = {"investor_tax_code", "investor_name"}
            if has_investor and not failed & investor_fields:
                self._resolve_investor(parsed, row, lookups, new_names)
                failed = _failed_fields(parsed, row)
            merged = {**({f: old[attname(f)] for f in PROJECT_FIELDS} if old else PROJECT_BLANK), **values}
            kind, group = merged.get("kind"), merged.get("group") or ""
            if not failed & {"kind", "group"}:
                if kind == "public" and not group:
                    message = "Dự án đầu tư công phải ghi nhóm dự án (A, B, C hoặc quan trọng quốc gia)."
                    _error(parsed, row, "group", message)
                elif kind in ("private", "fdi") and group:
                    _error(parsed, row, "group", "Chỉ dự án đầu tư công mới có nhóm dự án.")
            investor_known = merged.get("investor") or values.get("_new_investor")
            if (
                "kind" not in failed
                and not failed & investor_fields
                and kind in ("private", "fdi")
                and not investor_known
            ):
                field_name = "investor_tax_code" if "investor_tax_code" in present else "investor_name"
                _error(parsed, row, field_name, "Dự án ngoài ngân sách, FDI phải ghi nhà đầu tư.")
            if row.errors:
                continue
            changes = {f: values[f] for f in PROJECT_FIELDS if f in values}
            if values.get("_new_investor"):
                changes["investor"] = None
            if old is None:
                result.created += 1
                merged["_new_investor"] = values.get("_new_investor")
                plan.project_creates.append(merged)
            else:
                changed = {f: v for f, v in changes.items() if old[attname(f)] != v}
                if values.get("_new_investor"):
                    changed["_new_investor"] = values["_new_investor"]
                if changed:
                    result.updated += 1
                    plan.project_updates[old["id"]] = changed
                else:
                    result.unchanged += 1
        # Only investors of rows that will be written: a rejected row creates nobody.
        used = {v.get("_new_investor") for v in [*plan.project_creates, *plan.project_updates.values()]}
        plan.new_enterprises = {tax_code: name for tax_code, name in new_names.items() if tax_code in used}
        result.enterprises = len(plan.new_enterprises)

    def _resolve_investor(self, parsed: Parsed, row: Row, lookups: Lookups, new_names: dict[str, str]) -> None:
        values = row.values
        tax_code = values.pop("investor_tax_code", None) or ""
        name = values.pop("investor_name", None) or ""
        if tax_code:
            if tax_code in lookups.tax_codes:
                values["investor"] = lookups.tax_codes[tax_code]
            elif tax_code in lookups.deleted_tax_codes:
                _error(parsed, row, "investor_tax_code", f"Doanh nghiệp mã số thuế {tax_code} đã bị xóa.")
            elif name:
                new_names.setdefault(tax_code, name)
                values["investor"] = None
                values["_new_investor"] = tax_code
            else:
                _error(
                    parsed,
                    row,
                    "investor_tax_code",
                    f"Chưa có doanh nghiệp mã số thuế {tax_code}: ghi thêm tên nhà đầu tư để tạo mới.",
                )
        elif name:
            found = lookups.enterprise_names.get(search_key(name), [])
            if len(found) == 1:
                values["investor"] = found[0]
            elif not found:
                _error(parsed, row, "investor_name", f"Không tìm thấy nhà đầu tư '{name}': ghi mã số thuế để tạo mới.")
            else:
                _error(parsed, row, "investor_name", f"Có nhiều doanh nghiệp tên '{name}': hãy ghi mã số thuế.")
        else:
            values["investor"] = None

    def _known_project(self, parsed, row, code, existing, file_projects) -> bool:
        """A milestone or report needs its project in this file (without errors) or in the database."""
        if code in file_projects:
            project_row = file_projects[code]
            if project_row.errors and self.partial:
                _error(
                    parsed,
                    row,
                    "project",
                    f"Dòng dự án '{code}' (trang {PROJECTS}, dòng {project_row.number}) có lỗi nên dòng này "
                    "cũng không được ghi.",
                )
                return False
            return True
        old = existing.get(code)
        if old is None:
            _error(parsed, row, "project", f"Không có dự án mã '{code}' trong tệp hay trong hệ thống.")
            return False
        if old["deleted_at"] is not None:
            _error(parsed, row, "project", f"Dự án '{code}' đã bị xóa.")
            return False
        return True

    def _check_milestones(self, parsed: Parsed, existing, project_ids, file_projects, plan: Plan) -> None:
        result = self.result
        present = parsed.present
        old_milestones: dict[tuple[int, str], dict[str, Any]] = {}
        ids = sorted(set(project_ids.values()))
        for chunk in chunks(ids):
            for values in Milestone.objects.filter(project_id__in=chunk).values(
                "id", "project_id", "kind", *MILESTONE_FIELDS
            ):
                old_milestones[values["project_id"], values["kind"]] = values
        seen: dict[tuple[str, str], int] = {}
        for row in parsed.rows:
            values = row.values
            code, kind = values.get("project"), values.get("kind")
            if code and kind:
                if (code, kind) in seen:
                    message = f"Mốc này của dự án '{code}' lặp lại (đã có ở dòng {seen[code, kind]})."
                    _error(parsed, row, "kind", message)
                else:
                    seen[code, kind] = row.number
            if row.errors or not self._known_project(parsed, row, code, existing, file_projects):
                continue
            pk = project_ids.get(code)
            old = old_milestones.get((pk, kind)) if pk else None
            merged = {**(old if old else MILESTONE_BLANK), **values}
            if "current_due" in present and values.get("current_due") is None:
                values["current_due"] = merged["current_due"] = merged["first_due"]
            first, current = merged.get("first_due"), merged.get("current_due")
            if first and current and current < first:
                _error(
                    parsed,
                    row,
                    "current_due",
                    f"Hạn hiện tại ({current:%d/%m/%Y}) không được trước hạn ban đầu ({first:%d/%m/%Y}).",
                )
                continue
            if old is None:
                if merged["current_due"] is None:
                    merged["current_due"] = merged["first_due"]
                merged["project_code"], merged["kind"] = code, kind
                plan.milestone_creates.append(merged)
                result.milestones += 1
            else:
                changes = {f: values[f] for f in MILESTONE_FIELDS if f in values}
                changed = {f: v for f, v in changes.items() if old[f] != v}
                if changed:
                    plan.milestone_updates[old["id"]] = changed
                    result.milestones += 1
                else:
                    result.milestones_unchanged += 1

    def _check_reports(self, parsed: Parsed, existing, project_ids, file_projects, plan: Plan) -> None:
        result = self.result
        latest: dict[tuple[int, date], dict[str, Any]] = {}
        ids = sorted(set(project_ids.values()))
        for chunk in chunks(ids):
            reports = ProgressReport.objects.filter(project_id__in=chunk).order_by("project_id", "period_end", "pk")
            for values in reports.values("project_id", "period_end", *REPORT_FIELDS):
                latest[values["project_id"], values["period_end"]] = values
        totals = {code: old["total_investment"] for code, old in existing.items()}
        for code, row in file_projects.items():
            if "total_investment" in row.values:
                totals[code] = row.values["total_investment"]
        seen: dict[tuple[str, date], int] = {}
        for row in parsed.rows:
            values = row.values
            code, period_end = values.get("project"), values.get("period_end")
            if code and period_end:
                if (code, period_end) in seen:
                    _error(
                        parsed,
                        row,
                        "period_end",
                        f"Kỳ báo cáo này của dự án '{code}' lặp lại (đã có ở dòng {seen[code, period_end]}).",
                    )
                else:
                    seen[code, period_end] = row.number
                if period_end > self.today:
                    _error(parsed, row, "period_end", "Kỳ báo cáo chưa kết thúc (sau ngày hôm nay).")
            disbursed, total = values.get("disbursed_to_date"), totals.get(code)
            if disbursed and total and disbursed > 2 * total:
                _error(
                    parsed,
                    row,
                    "disbursed_to_date",
                    "Vốn giải ngân lớn hơn hai lần tổng vốn đầu tư: kiểm tra lại đơn vị (đồng, triệu, tỷ).",
                )
            if row.errors or not self._known_project(parsed, row, code, existing, file_projects):
                continue
            report = {**REPORT_BLANK, **values}
            pk = project_ids.get(code)
            old = latest.get((pk, period_end)) if pk else None
            if old is not None and all(old[f] == report[f] for f in REPORT_FIELDS if f in values):
                result.reports_unchanged += 1
                continue
            report["project_code"], report["period_end"] = code, period_end
            plan.report_creates.append(report)
            result.reports += 1
