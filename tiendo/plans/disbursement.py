"""Disbursement of an annual plan: the State Treasury's monthly reports imported, S-curves, slow projects and the
draft capital transfer.

The Treasury reports, per project and capital source, what was disbursed in the month and/or the cumulative
amount since the start of the plan year. tiendo stores the month's amount (`Disbursement`); a file that gives only
the cumulative amount is converted by differencing against the months before it (from the file, else from the
database), and the import says so. A month present in the file replaces everything recorded for that month of the
plan: the Treasury's report of a month is complete, so a project it no longer lists had nothing disbursed. The
history keeps every replaced and removed amount with the user and the file.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.http import Http404
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from tiendo.audit.versions import with_versions_moved
from tiendo.core import access as core_access
from tiendo.core.spreadsheets import print_on_a4, report_book
from tiendo.domain import access
from tiendo.domain import disbursement as rules
from tiendo.domain.money import format_number, format_vnd
from tiendo.domain.tabular import (
    CellError,
    column_letter,
    is_blank,
    parse_amount,
    parse_date,
    parse_text,
    read_header,
    unit_factor,
)
from tiendo.domain.text import search_key
from tiendo.projects.models import Project

# The project import's CSV reader (UTF-8 with or without BOM, comma or semicolon, the export's formula guard undone)
# and its refusal of unreadable files: one way to read what provinces upload.
from tiendo.projects.workbook import EXTENSIONS, FileRejected, _read_csv

from .charts import month_end
from .models import Disbursement, Plan, PlanItem, PlanLine, PlanVersion, Source

GUIDE_SHEET = "Hướng dẫn"
SOURCES_SHEET = "Danh mục nguồn vốn"
DATA_SHEET = "Giải ngân"
HEADER_SEARCH_ROWS = 20  # the Treasury's reports put a title and the unit above the header row
_BATCH = 2000

__all__ = [
    "EXTENSIONS",
    "DisbursementImport",
    "FileRejected",
    "blank_template",
    "import_disbursement",
    "parse_month",
]


# ---------------------------------------------------------------------------------------------------------------
# Columns


@dataclass(frozen=True)
class _Column:
    field: str
    header: str  # as the template writes it
    aliases: tuple[str, ...]  # other spellings seen in the Treasury's and the offices' files
    hint: str
    required: bool = False

    @property
    def keys(self) -> set[str]:
        return {read_header(h).key for h in (self.header, *self.aliases)}


COLUMNS = (
    _Column(
        "project", "Mã dự án", ("Mã DA", "Mã số dự án", "Mã dự án đầu tư"), "Bắt buộc. Mã dự án trong hệ thống.", True
    ),
    _Column("name", "Tên dự án", ("Tên dự án, công trình",), "Không bắt buộc, chỉ để đối chiếu; không được đọc."),
    _Column(
        "source",
        "Nguồn vốn",
        ("Mã nguồn vốn", "Nguồn", "Tên nguồn vốn"),
        "Bắt buộc. Mã hoặc tên nguồn vốn chi tiết (xem trang Danh mục nguồn vốn).",
        True,
    ),
    _Column(
        "month",
        "Tháng",
        ("Kỳ báo cáo", "Tháng báo cáo", "Tháng giải ngân", "Kỳ"),
        "Bắt buộc. Tháng giải ngân, ghi mm/yyyy (ví dụ 03/2025); cũng nhận ngày cuối kỳ (31/03/2025) hoặc "
        "'Tháng 3/2025'. Từ tháng 01 năm kế hoạch đến tháng 12 năm sau.",
        True,
    ),
    _Column(
        "monthly",
        "Giải ngân trong tháng",
        ("Số giải ngân trong tháng", "Giải ngân trong kỳ", "Số giải ngân", "Giải ngân", "Thực hiện trong tháng"),
        "Số tiền giải ngân trong tháng, theo đơn vị ghi trong ngoặc ở tiêu đề (đồng, triệu đồng, tỷ đồng). Cần cột "
        "này hoặc cột Lũy kế (hoặc cả hai).",
    ),
    _Column(
        "cumulative",
        "Lũy kế",
        (
            "Lũy kế giải ngân",
            "Giải ngân lũy kế",
            "Lũy kế từ đầu năm",
            "Lũy kế giải ngân từ đầu năm",
            "Lũy kế đến cuối tháng",
            "Lũy kế giải ngân đến cuối tháng",
        ),
        "Lũy kế giải ngân từ đầu năm kế hoạch đến hết tháng. Khi không có cột Giải ngân trong tháng, số trong tháng "
        "= lũy kế tháng này − số đã giải ngân đến hết tháng trước (trong tệp hoặc trong hệ thống). Lũy kế không "
        "được giảm.",
    ),
)
_BY_KEY = {key: column for column in COLUMNS for key in column.keys}
_MONTH_WORDS = re.compile(r"^(?:thang|t)\s*", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*(?:/|-|\.|nam)\s*(\d{4})")
_YEAR_MONTH = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})")


def parse_month(value: Any) -> date:
    """The first day of a month written "03/2025", "3-2025", "2025-03", "Tháng 3/2025", "T3/2025", or any day of it."""
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        return day.replace(day=1)
    if isinstance(value, bool):
        raise ValueError("Tháng không hợp lệ: cần tháng/năm, không phải đúng/sai.")
    if isinstance(value, int | float):
        if (isinstance(value, float) and not value.is_integer()) or value < 10_000:
            raise ValueError(f"Tháng không hợp lệ: '{value}' (ghi mm/yyyy, ví dụ 03/2025).")
        return parse_date(value).replace(day=1)  # an Excel date serial
    text = parse_text(value)
    key = _MONTH_WORDS.sub("", search_key(text)).strip()
    for pattern, order in ((_MONTH_YEAR, (1, 2)), (_YEAR_MONTH, (2, 1))):
        if match := pattern.fullmatch(key):
            month, year = int(match.group(order[0])), int(match.group(order[1]))
            if 1 <= month <= 12 and year >= 2000:
                return date(year, month, 1)
            raise ValueError(f"Tháng không hợp lệ: '{text}' (tháng từ 1 đến 12, ví dụ 03/2025).")
    try:
        return parse_date(text).replace(day=1)
    except ValueError:
        raise ValueError(f"Tháng không hợp lệ: '{text}' (ghi mm/yyyy, ví dụ 03/2025).") from None


def plan_months(plan: Plan) -> tuple[date, date]:
    """The months an annual plan's capital may be disbursed in: January of its year to December of the next
    (Law 58/2024 Art. 72: until 31/01 of the next year, or 31/12 for capital added after 30/09 or extended)."""
    return date(plan.first_year, 1, 1), date(plan.first_year + 1, 12, 1)


# ---------------------------------------------------------------------------------------------------------------
# Result


@dataclass
class DisbursementImport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0  # recorded amounts of a month in the file that the file no longer lists (or lists as 0)
    rejected: int = 0
    from_cumulative: int = 0  # rows whose month's amount was computed from the cumulative column
    months: list[date] = field(default_factory=list)
    total: int = 0  # disbursed in the file's months, after the import
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)
    refused: bool = False
    dry_run: bool = False
    partial: bool = False
    seconds: float = 0.0

    def as_dict(self, error_limit: int | None = None) -> dict[str, Any]:
        errors = self.errors if error_limit is None else self.errors[:error_limit]
        warnings = self.warnings if error_limit is None else self.warnings[:error_limit]
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "rejected": self.rejected,
            "from_cumulative": self.from_cumulative,
            "months": [m.strftime("%m/%Y") for m in self.months],
            "total": self.total,
            "dry_run": self.dry_run,
            "partial": self.partial,
            "refused": self.refused,
            "error_count": len(self.errors),
            "errors": [e.as_dict() for e in errors],
            "warning_count": len(self.warnings),
            "warnings": [w.as_dict() for w in warnings],
            "seconds": round(self.seconds, 3),
        }


# ---------------------------------------------------------------------------------------------------------------
# Reading


@dataclass
class _Table:
    sheet: str
    header_row: int  # 0-based index of the header in rows
    rows: list[list[Any]]


def _header_row(rows: list[list[Any]]) -> int | None:
    """The first row (among the top ones) naming a project-code column: the Treasury puts titles above it."""
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if any(_BY_KEY.get(read_header(c).key) is COLUMNS[0] for c in cells if isinstance(c, str)):
            return index
    return None


_STATED_MONTH = re.compile(r"(?:ky bao cao|thang)\D{0,12}?(\d{1,2})\s*[/-]\s*(\d{4})")


def _stated_month(rows: list[list[Any]]) -> date | None:
    """A report of one month often says so only in its title ("Kỳ báo cáo: tháng 03/2025"), not in a column."""
    for cells in rows:
        for cell in cells:
            if isinstance(cell, str) and (match := _STATED_MONTH.search(search_key(cell))):
                month, year = int(match.group(1)), int(match.group(2))
                if 1 <= month <= 12 and year >= 2000:
                    return date(year, month, 1)
    return None


def read_tables(file, filename: str) -> list[_Table]:
    """Every sheet with a disbursement header (.xlsx/.xls/.ods through python-calamine, or .csv)."""
    suffix = Path(filename).suffix.lower()
    if suffix not in EXTENSIONS:
        raise FileRejected(f"Không đọc được tệp '{filename}': chỉ nhận .xlsx, .xls, .ods hoặc .csv.")
    if suffix == ".csv":
        sheets = [(Path(filename).name, _read_csv(file))]
    else:
        from python_calamine import CalamineError, CalamineWorkbook

        try:
            if isinstance(file, str | Path):
                book = CalamineWorkbook.from_path(str(file))
            else:
                book = CalamineWorkbook.from_filelike(file)
            skip = {search_key(GUIDE_SHEET), search_key(SOURCES_SHEET)}
            sheets = [
                (name, book.get_sheet_by_name(name).to_python(skip_empty_area=False))
                for name in book.sheet_names
                if search_key(name) not in skip
            ]
            book.close()
        except (CalamineError, ValueError, OSError) as error:
            raise FileRejected(
                f"Không đọc được tệp '{filename}': tệp hỏng hoặc không phải bảng tính ({error})."
            ) from None
    tables = [_Table(name, index, rows) for name, rows in sheets if (index := _header_row(rows)) is not None]
    if not tables:
        raise FileRejected(
            f"Tệp '{filename}' không có dòng tiêu đề với cột 'Mã dự án' (trong {HEADER_SEARCH_ROWS} dòng đầu của "
            "mỗi trang tính). Hãy dùng tệp mẫu."
        )
    return tables


class _Sources:
    """Capital sources by code and by name (without diacritics); capital is disbursed on the leaves only."""

    def __init__(self):
        records = list(Source.objects.values_list("pk", "code", "name", "name_en", "parent_id"))
        parents = {parent for *_, parent in records if parent}
        self.codes = {pk: code for pk, code, *_ in records}
        self.by_key: dict[str, set[int]] = defaultdict(set)
        for pk, code, name, name_en, _parent in records:
            for text in (code, name, name_en):
                if text:
                    self.by_key[search_key(text)].add(pk)
        self.groups = parents

    def find(self, text: str) -> int:
        found = self.by_key.get(search_key(text), set())
        if not found:
            raise ValueError(f"Không tìm thấy nguồn vốn '{text}' (ghi mã hoặc tên trong danh mục nguồn vốn).")
        if len(found) > 1:
            raise ValueError(f"Có nhiều nguồn vốn cùng tên '{text}': hãy ghi mã.")
        pk = next(iter(found))
        if pk in self.groups:
            raise ValueError(f"'{text}' là nhóm nguồn vốn: hãy ghi nguồn vốn chi tiết.")
        return pk


@dataclass(slots=True)
class _Row:
    sheet: str
    number: int  # as the spreadsheet shows it
    letters: dict[str, tuple[str, str]]
    project: str = ""
    project_id: int | None = None
    source_id: int | None = None
    month: date | None = None
    monthly: int | None = None
    cumulative: int | None = None
    amount: int | None = None  # the month's amount to record
    errors: list[CellError] = field(default_factory=list)

    def error(self, field_name: str, message: str) -> None:
        letter, header = self.letters.get(field_name, ("", ""))
        self.errors.append(CellError(self.sheet, self.number, letter, header, message))

    def note(self, field_name: str, message: str) -> CellError:
        letter, header = self.letters.get(field_name, ("", ""))
        return CellError(self.sheet, self.number, letter, header, message)

    @property
    def key(self) -> tuple[int, int, date]:
        assert self.project_id is not None and self.source_id is not None and self.month is not None
        return (self.project_id, self.source_id, self.month)


def _parse_table(table: _Table, sources: _Sources, errors: list[CellError]) -> list[_Row]:
    header = table.rows[table.header_row]
    bound: dict[str, tuple[int, str]] = {}  # field -> (index, unit)
    letters: dict[str, tuple[str, str]] = {}
    header_number = table.header_row + 1
    for index, cell in enumerate(header):
        title = read_header(cell)
        column = _BY_KEY.get(title.key)
        if column is None:
            continue  # "STT", the office's own columns
        letter = column_letter(index)
        if column.field in bound:
            first = letters[column.field][0]
            errors.append(
                CellError(
                    table.sheet,
                    header_number,
                    letter,
                    title.text,
                    f"Cột '{column.header}' lặp lại (đã có ở cột {first}).",
                )
            )
            continue
        if column.field in ("monthly", "cumulative") and title.unit:
            try:
                unit_factor(title.unit)
            except ValueError as error:
                errors.append(CellError(table.sheet, header_number, letter, title.text, str(error)))
                continue
        bound[column.field] = (index, title.unit or "đồng")
        letters[column.field] = (letter, title.text)
    stated = None if "month" in bound else _stated_month(table.rows[: table.header_row])
    for column in COLUMNS:
        if column.required and column.field not in bound and not (column.field == "month" and stated):
            errors.append(
                CellError(table.sheet, header_number, "", column.header, f"Thiếu cột bắt buộc '{column.header}'.")
            )
    if "monthly" not in bound and "cumulative" not in bound:
        errors.append(
            CellError(
                table.sheet,
                header_number,
                "",
                "",
                "Thiếu cột số tiền: cần cột 'Giải ngân trong tháng' hoặc cột 'Lũy kế' (hoặc cả hai).",
            )
        )
    rows = []
    for offset, cells in enumerate(table.rows[table.header_row + 1 :]):
        if all(is_blank(c) for c in cells):
            continue
        row = _Row(table.sheet, header_number + offset + 1, letters, month=stated)

        cells = list(cells) + [None] * (len(header) - len(cells))

        def cell(field_name: str, cells: list[Any] = cells) -> Any:
            return cells[bound[field_name][0]]

        for field_name in ("project", "source", "month"):
            if field_name not in bound:
                continue
            value = cell(field_name)
            if is_blank(value):
                row.error(field_name, "Ô bắt buộc đang để trống.")
                continue
            try:
                if field_name == "project":
                    row.project = parse_text(value)
                elif field_name == "source":
                    row.source_id = sources.find(parse_text(value))
                else:
                    row.month = parse_month(value)
            except ValueError as error:
                row.error(field_name, str(error))
        for field_name in ("monthly", "cumulative"):
            if field_name not in bound or is_blank(value := cell(field_name)):
                continue
            try:
                setattr(row, field_name, parse_amount(value, bound[field_name][1]))
            except ValueError as error:
                row.error(field_name, str(error))
        if row.monthly is None and row.cumulative is None and not row.errors:
            row.error("monthly" if "monthly" in bound else "cumulative", "Thiếu số tiền giải ngân.")
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Checking and writing


def _allocated(plan: Plan) -> dict[tuple[int, int], int]:
    """(project, source) -> capital of the version in force."""
    version = plan.current_version()
    if version is None:
        return {}
    return {
        (pid, sid): amount
        for pid, sid, amount in PlanLine.objects.filter(version=version).values_list(
            "item__project_id", "source_id", "amount"
        )
    }


def _resolve_projects(rows: list[_Row]) -> None:
    codes = sorted({code for row in rows if row.project for code in (row.project, row.project.upper())})
    found: dict[str, tuple[int, str, Any]] = {}
    for start in range(0, len(codes), 900):
        for pk, code, kind, deleted in Project.objects.filter(code__in=codes[start : start + 900]).values_list(
            "pk", "code", "kind", "deleted_at"
        ):
            found[code] = (pk, kind, deleted)
    by_key = {search_key(code): value for code, value in found.items()}
    for row in rows:
        if not row.project:
            continue
        hit = found.get(row.project) or by_key.get(search_key(row.project))
        if hit is None:
            row.error("project", f"Không có dự án mã '{row.project}' trong hệ thống.")
        elif hit[2] is not None:
            row.error("project", f"Dự án '{row.project}' đã bị xóa.")
        elif hit[1] != "public":
            row.error("project", f"Dự án '{row.project}' không phải dự án đầu tư công.")
        else:
            row.project_id = hit[0]


def _check(plan: Plan, rows: list[_Row], result: DisbursementImport, today: date) -> None:
    """Rules across rows and against the database: months in the plan's window, one row per project, source and
    month, cumulative amounts that never fall; then the month's amount of each row."""
    first, last = plan_months(plan)
    this_month = today.replace(day=1)
    seen: dict[tuple[int, int, date], int] = {}
    for row in rows:
        if row.month is not None:
            if not first <= row.month <= last:
                row.error(
                    "month",
                    f"Tháng {row.month:%m/%Y} ngoài thời gian giải ngân của kế hoạch năm {plan.first_year} "
                    f"(từ 01/{plan.first_year} đến 12/{plan.first_year + 1}).",
                )
            elif row.month > this_month:
                row.error("month", f"Tháng {row.month:%m/%Y} chưa đến (hôm nay {today:%d/%m/%Y}).")
        if row.project_id and row.source_id and row.month and not row.errors:
            if row.key in seen:
                row.error("month", f"Dự án, nguồn vốn và tháng này lặp lại (đã có ở dòng {seen[row.key]}).")
            else:
                seen[row.key] = row.number
    good = [row for row in rows if not row.errors]
    file_months = {row.month for row in rows if row.month is not None and first <= row.month <= last}
    # What was disbursed before each file month, from the months the file does not replace
    earlier: dict[tuple[int, int], dict[date, int]] = defaultdict(dict)
    needs_history = [row for row in good if row.cumulative is not None]
    if needs_history:
        pairs = {(row.project_id, row.source_id) for row in needs_history}
        project_ids = sorted({p for p, _ in pairs})
        for start in range(0, len(project_ids), 900):
            recorded = Disbursement.objects.filter(
                plan=plan, project_id__in=project_ids[start : start + 900], month__lt=max(file_months)
            ).exclude(month__in=file_months)
            for pid, sid, month, amount in recorded.values_list("project_id", "source_id", "month", "amount"):
                if (pid, sid) in pairs:
                    earlier[pid, sid][month] = amount
    by_pair: dict[tuple[int, int], list[_Row]] = defaultdict(list)
    for row in good:
        by_pair[row.project_id, row.source_id].append(row)
    for (pid, sid), pair_rows in by_pair.items():
        amounts = earlier.get((pid, sid), {})
        broken: _Row | None = None  # a cumulative row in error: the months after it cannot be differenced
        for row in sorted(pair_rows, key=lambda r: r.month):
            if broken is not None and row.monthly is None:
                row.error(
                    "cumulative",
                    f"Không tính được số giải ngân trong tháng vì lũy kế tháng {broken.month:%m/%Y} "
                    f"(dòng {broken.number}) có lỗi.",
                )
                continue
            before = sum(amount for month, amount in amounts.items() if month < row.month)
            if row.monthly is not None:
                row.amount = row.monthly
                if row.cumulative is not None and before + row.monthly != row.cumulative:
                    result.warnings.append(
                        row.note(
                            "cumulative",
                            f"Lũy kế ({format_vnd(row.cumulative)}) khác số đã giải ngân đến hết tháng trước "
                            f"({format_vnd(before)}) cộng số trong tháng ({format_vnd(row.monthly)}); "
                            "đã ghi số trong tháng.",
                        )
                    )
            else:
                assert row.cumulative is not None
                if row.cumulative < before:
                    row.error(
                        "cumulative",
                        f"Lũy kế giảm: lũy kế đến hết tháng {row.month:%m/%Y} ({format_vnd(row.cumulative)}) nhỏ "
                        f"hơn số đã giải ngân đến hết tháng trước ({format_vnd(before)}).",
                    )
                    broken = row
                    continue
                row.amount = row.cumulative - before
                result.from_cumulative += 1
            amounts[row.month] = row.amount


def _warn_against_plan(plan: Plan, rows: list[_Row], result: DisbursementImport) -> None:
    """Amounts the plan does not explain: a project without capital from that source, or more than its capital."""
    allocated = _allocated(plan)
    if not allocated:
        return
    good = [row for row in rows if not row.errors]
    totals: dict[tuple[int, int], int] = defaultdict(int)
    file_keys = {row.key for row in good}
    pairs = {(row.project_id, row.source_id) for row in good}
    project_ids = sorted({p for p, _ in pairs})
    for start in range(0, len(project_ids), 900):
        for pid, sid, month, amount in Disbursement.objects.filter(
            plan=plan, project_id__in=project_ids[start : start + 900]
        ).values_list("project_id", "source_id", "month", "amount"):
            if (pid, sid) in pairs and (pid, sid, month) not in file_keys:
                totals[pid, sid] += amount
    last_row: dict[tuple[int, int], _Row] = {}
    for row in good:
        totals[row.project_id, row.source_id] += row.amount or 0
        last_row[row.project_id, row.source_id] = row
    for pair, row in last_row.items():
        capital = allocated.get(pair)
        if capital is None:
            result.warnings.append(
                row.note("source", "Dự án không có vốn từ nguồn này trong kế hoạch đang có hiệu lực.")
            )
        elif totals[pair] > capital:
            result.warnings.append(
                row.note(
                    "monthly" if row.monthly is not None else "cumulative",
                    f"Tổng đã giải ngân ({format_vnd(totals[pair])}) vượt vốn kế hoạch của nguồn này "
                    f"({format_vnd(capital)}).",
                )
            )


def _write(plan: Plan, rows: list[_Row], user, filename: str, result: DisbursementImport, partial: bool) -> None:
    good = [row for row in rows if not row.errors]
    months = sorted({row.month for row in good})
    # in partial mode a rejected row keeps what was recorded for its project, source and month
    kept = {row.key for row in rows if row.errors and row.project_id and row.source_id and row.month}
    wanted = {row.key: row.amount or 0 for row in good}
    reason = f"Nhập giải ngân từ tệp {filename}"[:100]
    origin = filename[:255]
    with transaction.atomic():
        existing = {
            (d.project_id, d.source_id, d.month): d
            for d in Disbursement.objects.select_for_update().filter(plan=plan, month__in=months)
        }
        creates, updates, removes = [], [], []
        for key, amount in wanted.items():
            old = existing.get(key)
            if old is None:
                if amount:
                    creates.append(
                        Disbursement(
                            plan=plan,
                            project_id=key[0],
                            source_id=key[1],
                            month=key[2],
                            amount=amount,
                            imported_from=origin,
                        )
                    )
                else:
                    result.unchanged += 1
            elif not amount:
                removes.append(old)
            elif old.amount != amount:
                old.amount = amount
                old.imported_from = origin
                updates.append(old)
            else:
                result.unchanged += 1
        removes += [d for key, d in existing.items() if key not in wanted and key not in kept]
        if creates:
            bulk_create_with_history(
                creates, Disbursement, batch_size=_BATCH, default_user=user, default_change_reason=reason
            )
        if updates:
            bulk_update_with_history(
                updates,
                Disbursement,
                ["amount", "imported_from"],
                batch_size=_BATCH,
                default_user=user,
                default_change_reason=reason,
            )
        for record in removes:  # one by one: a bulk delete would record its history without the user
            record._history_user = user
            record._change_reason = reason
            record.delete()
        result.created, result.updated, result.removed = len(creates), len(updates), len(removes)


def import_disbursement(
    plan: Plan,
    file,
    filename: str,
    user,
    *,
    dry_run: bool = False,
    partial: bool = False,
    today: date | None = None,
) -> DisbursementImport:
    """Check every row of a Treasury report, then (all or nothing, unless partial) record each month it holds.

    Raises FileRejected when the file cannot be read at all; rows with problems are reported in the result."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    result = DisbursementImport(dry_run=dry_run, partial=partial)
    if plan.kind != Plan.Kind.ANNUAL:
        raise FileRejected("Chỉ nhập giải ngân cho kế hoạch đầu tư công năm (không phải kế hoạch trung hạn).")
    tables = read_tables(file, filename)
    sources = _Sources()
    sheet_errors: list[CellError] = []
    rows = [row for table in tables for row in _parse_table(table, sources, sheet_errors)]
    result.rows = len(rows)
    _resolve_projects(rows)
    if not sheet_errors:
        _check(plan, rows, result, today)
        _warn_against_plan(plan, rows, result)
    result.errors = sheet_errors + [error for row in rows for error in row.errors]
    result.rejected = len(rows) if sheet_errors else sum(1 for row in rows if row.errors)
    result.months = sorted({row.month for row in rows if not row.errors and row.month})
    if sheet_errors or (result.errors and not partial) or not rows:
        result.refused = bool(result.errors) or not rows
        if not rows and not result.errors:
            result.errors.append(
                CellError(tables[0].sheet, tables[0].header_row + 2, "", "", "Tệp không có dòng dữ liệu nào.")
            )
        result.seconds = time.perf_counter() - started
        return result
    if dry_run:
        _count_dry_run(plan, rows, result)
    else:
        _write(plan, rows, user, filename, result, partial)
    result.total = sum(row.amount or 0 for row in rows if not row.errors)
    result.seconds = time.perf_counter() - started
    return result


def _count_dry_run(plan: Plan, rows: list[_Row], result: DisbursementImport) -> None:
    """What an import would do, without writing."""
    good = [row for row in rows if not row.errors]
    kept = {row.key for row in rows if row.errors and row.project_id and row.source_id and row.month}
    wanted = {row.key: row.amount or 0 for row in good}
    existing = {
        (pid, sid, month): amount
        for pid, sid, month, amount in Disbursement.objects.filter(plan=plan, month__in=result.months).values_list(
            "project_id", "source_id", "month", "amount"
        )
    }
    for key, amount in wanted.items():
        old = existing.get(key)
        if old is None:
            result.created += 1 if amount else 0
            result.unchanged += 0 if amount else 1
        elif not amount:
            result.removed += 1
        elif old != amount:
            result.updated += 1
        else:
            result.unchanged += 1
    result.removed += sum(1 for key in existing if key not in wanted and key not in kept)


# ---------------------------------------------------------------------------------------------------------------
# The blank template


def blank_template(target, plan: Plan | None = None) -> None:
    """The Treasury report's columns, a guide, and the list of capital sources with the codes the import reads."""
    report = report_book(target)
    book = report.book
    money = book.add_format({"num_format": "#,##0"})
    ws = book.add_worksheet(DATA_SHEET)
    headers = ["STT", "Mã dự án", "Tên dự án", "Nguồn vốn", "Tháng", "Giải ngân trong tháng (đồng)", "Lũy kế (đồng)"]
    widths = [6, 18, 48, 18, 10, 24, 22]
    for index, (text, width) in enumerate(zip(headers, widths, strict=True)):
        ws.write_string(0, index, text, report.head)
        ws.set_column(index, index, width, money if index >= 5 else None)
    ws.freeze_panes(1, 0)
    guide = book.add_worksheet(GUIDE_SHEET)
    guide.set_column(0, 0, 30)
    guide.set_column(1, 1, 10)
    guide.set_column(2, 2, 100)
    title = "HƯỚNG DẪN NHẬP SỐ GIẢI NGÂN VỐN ĐẦU TƯ CÔNG"
    if plan is not None:
        title += f" — {plan.title}"
    guide.write_string(0, 0, title, report.title)
    lines = [
        "Mỗi dòng: một dự án, một nguồn vốn, một tháng, theo số liệu Kho bạc Nhà nước. Dòng tiêu đề có thể nằm dưới "
        f"các dòng tên báo cáo (trong {HEADER_SEARCH_ROWS} dòng đầu); không cần theo thứ tự cột; cột lạ (STT, "
        "ghi chú) được bỏ qua. Có thể nhập nhiều tháng trong một tệp.",
        "Số tiền theo đơn vị ghi trong ngoặc ở tiêu đề: (đồng), (triệu đồng) hoặc (tỷ đồng); ghi 1.234.567 hoặc "
        "1234567; không được âm.",
        "Chỉ có cột Lũy kế: số giải ngân trong tháng được tính bằng lũy kế tháng đó trừ số đã giải ngân đến hết "
        "tháng trước (các tháng trước trong tệp, nếu không có thì trong hệ thống). Lũy kế giảm là lỗi. Có cả hai "
        "cột: ghi số trong tháng và cảnh báo khi lũy kế không khớp.",
        "Mỗi tháng có trong tệp thay thế toàn bộ số liệu đã nhập của tháng đó cho kế hoạch này: dự án không còn "
        "trong tệp được coi là không giải ngân trong tháng. Số cũ vẫn được lưu trong lịch sử.",
        "Mọi dòng được kiểm tra trước; có lỗi thì không ghi gì (trừ khi chọn ghi phần hợp lệ). Có thể chọn chỉ "
        "kiểm tra, không ghi.",
    ]
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    row = 1
    for line in lines:
        guide.merge_range(row, 0, row, 2, line, wrap)
        guide.set_row(row, 45)
        row += 1
    row += 1
    guide.write_row(row, 0, ["Cột", "Bắt buộc", "Cách ghi"], report.head)
    for column in COLUMNS:
        row += 1
        names = column.header + (f" (hoặc: {', '.join(column.aliases)})" if column.aliases else "")
        guide.write_row(row, 0, [names, "Có" if column.required else "", column.hint], wrap)
    sources = book.add_worksheet(SOURCES_SHEET)
    sources.write_row(0, 0, ["Mã nguồn vốn", "Tên nguồn vốn", "Thuộc"], report.head)
    sources.set_column(0, 0, 18)
    sources.set_column(1, 2, 50)
    groups = set(Source.objects.exclude(parent=None).values_list("parent_id", flat=True))
    names = dict(Source.objects.values_list("pk", "name"))
    row = 0
    for pk, code, name, parent in Source.objects.filter(active=True).values_list("pk", "code", "name", "parent_id"):
        if pk in groups:
            continue
        row += 1
        sources.write_row(row, 0, [code, name, names.get(parent, "")])
    book.close()


# ---------------------------------------------------------------------------------------------------------------
# What a page shows: the scope, the S-curve of a plan, a source or a project


@dataclass(frozen=True)
class Scope:
    """The part of a plan a page shows: every project, an officer's agencies', one project, one source."""

    agency_ids: frozenset[int] | None = None  # None: every agency
    project_id: int | None = None
    source_id: int | None = None

    def restrict(self, queryset, project: str):
        """Keep the rows of the projects in scope; `project` is the path to the project ("item__project__")."""
        if self.agency_ids is not None:
            queryset = queryset.filter(**{f"{project}agency_id__in": self.agency_ids})
        if self.project_id is not None:
            queryset = queryset.filter(**{f"{project}id": self.project_id})
        return queryset

    def lines(self, version: PlanVersion | None):
        if version is None:
            return PlanLine.objects.none()
        lines = self.restrict(PlanLine.objects.filter(version=version), "item__project__")
        return lines.filter(source_id=self.source_id) if self.source_id else lines

    def items(self, version: PlanVersion | None):
        if version is None:
            return PlanItem.objects.none()
        items = self.restrict(PlanItem.objects.filter(version=version), "project__")
        if self.source_id:
            items = items.filter(
                pk__in=PlanLine.objects.filter(version=version, source_id=self.source_id).values("item_id")
            )
        return items

    def disbursements(self, plan: Plan):
        rows = self.restrict(Disbursement.objects.filter(plan=plan), "project__")
        return rows.filter(source_id=self.source_id) if self.source_id else rows

    def but(self, **changes) -> Scope:
        values = {"agency_ids": self.agency_ids, "project_id": self.project_id, "source_id": self.source_id}
        return Scope(**(values | changes))


def scope_for(user, **narrower) -> Scope:
    """The province's staff see every project; an officer the projects of its agency (and its predecessors)."""
    kind = core_access.scope(user, access.plan_scope)
    if kind == access.Scope.ALL:
        return Scope(**narrower)
    if kind == access.Scope.AGENCY:
        return Scope(agency_ids=frozenset(core_access.actor_of(user).agency_ids), **narrower)
    raise Http404


def target_path(plan: Plan) -> tuple[rules.TargetPoint, ...]:
    """The plan's own target path ([["MM-DD", percent], ...]; a day earlier than the one before it is in the next
    year, e.g. "01-31" after "12-31"), or the province's default when it has none or it cannot be read."""
    if not plan.target_path:
        return rules.DEFAULT_TARGET_PATH
    try:
        points, previous = [], (0, 0)
        for day_text, percent in plan.target_path:
            month, day = (int(part) for part in str(day_text).split("-"))
            next_year = bool(points and (points[-1].next_year or (month, day) <= previous))
            points.append(rules.TargetPoint(month, day, Decimal(str(percent)), next_year=next_year))
            previous = (month, day)
        path = tuple(points)
        rules.target_percent(date(plan.first_year, 6, 30), plan.first_year, path)  # checks the order
    except (ValueError, TypeError, InvalidOperation):
        return rules.DEFAULT_TARGET_PATH
    return path


def item_deadline(plan: Plan, version: PlanVersion | None, capital_added_on, extended_until) -> rules.Deadline:
    decided_on = version.decision_date if version is not None else None
    return rules.deadline(plan.first_year, capital_added_on, extended_until, decided_on)


def share(part: int, whole: int) -> Decimal | None:
    """part / whole in percent with 2 decimals (half up); None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class MonthRow:
    month: date
    disbursed: int | None  # None: not reported yet
    cumulative: int | None
    percent: Decimal | None
    target: Decimal | None

    @property
    def gap(self) -> Decimal | None:
        """Percentage points above (+) or below (−) the target path at the month's end."""
        return None if self.percent is None or self.target is None else self.percent - self.target


@dataclass
class Curve:
    plan: Plan
    version: PlanVersion | None
    as_of: date
    allocated: int
    disbursed: int  # to the as-of month
    months: list[MonthRow]
    deadlines: list[rules.Deadline]  # every deadline of the capital shown, the normal one first
    target: list[tuple[date, Decimal]]  # the target path's points
    target_now: Decimal | None
    last_report: date | None  # the last month the Treasury reported for the plan

    @property
    def rate(self) -> Decimal | None:
        return share(self.disbursed, self.allocated)

    @property
    def gap_now(self) -> Decimal | None:
        """Percentage points above (+) or below (−) the target path on the as-of day."""
        rate = self.rate
        return None if rate is None or self.target_now is None else rate - self.target_now

    @property
    def remaining(self) -> int:
        return max(self.allocated - self.disbursed, 0)

    @property
    def deadline(self) -> date:
        return max(d.day for d in self.deadlines)

    @property
    def start(self) -> date:
        return date(self.plan.first_year, 1, 1)

    @property
    def end(self) -> date:
        return max(self.deadline, month_end(self.months[-1].month) if self.months else self.deadline)

    def points(self) -> list[tuple[date, Decimal]]:
        return [(month_end(row.month), row.percent) for row in self.months if row.percent is not None]


def month_totals(rows) -> dict[date, int]:
    """{month: amount} in one grouped query (the model's default ordering would split the groups)."""
    return dict(rows.order_by().values("month").annotate(total=Sum("amount")).values_list("month", "total"))


def last_report(plan: Plan) -> date | None:
    return Disbursement.objects.filter(plan=plan).aggregate(last=Max("month"))["last"]


def _next_month(month: date) -> date:
    return (month_end(month) + timedelta(days=1)).replace(day=1)


def _special_deadlines(scope: Scope, version: PlanVersion | None, year: int):
    """(capital added on, extended until) of the items whose deadline is not the normal one."""
    return (
        scope.items(version)
        .filter(Q(capital_added_on__gt=date(year, 9, 30)) | Q(extended_until__isnull=False))
        .order_by()
    )


def plan_curve(plan: Plan, scope: Scope, as_of: date, *, version: PlanVersion | None = None) -> Curve:
    """Allocated (the version in force) against disbursed month by month, as of a day, with the target path and
    the legal deadlines of the capital in scope."""
    version = version or plan.current_version()
    allocated = scope.lines(version).aggregate(total=Sum("amount"))["total"] or 0
    monthly = month_totals(scope.disbursements(plan).filter(month__lte=as_of.replace(day=1)))
    special = set(_special_deadlines(scope, version, plan.first_year).values_list("capital_added_on", "extended_until"))
    return _curve(plan, version, as_of, allocated, monthly, special, last_report(plan))


def _curve(plan, version, as_of, allocated, monthly, special, reported) -> Curve:
    """The curve from what was fetched: capital, {month: disbursed}, the late deadlines' facts, the last report."""
    year = plan.first_year
    this_month = as_of.replace(day=1)
    shown_until = min(this_month, reported) if reported else None
    normal = item_deadline(plan, version, None, None)
    deadlines = {normal.day: normal}
    for added, extended in sorted(special, key=lambda pair: (pair[0] or date.min, pair[1] or date.min)):
        found = item_deadline(plan, version, added, extended)
        deadlines.setdefault(found.day, found)
    ordered = sorted(deadlines.values(), key=lambda d: d.day)
    points = (
        rules.cumulative_series({m: a for m, a in monthly.items() if m <= shown_until}, allocated, year, shown_until)
        if shown_until
        else []
    )
    path = target_path(plan)
    rows = [
        MonthRow(
            p.month,
            p.amount,
            p.cumulative,
            p.percent if allocated else None,
            _target(month_end(p.month), year, path),
        )
        for p in points
    ]
    month = _next_month(rows[-1].month) if rows else date(year, 1, 1)
    while month <= ordered[-1].day:
        rows.append(MonthRow(month, None, None, None, _target(month_end(month), year, path)))
        month = _next_month(month)
    return Curve(
        plan=plan,
        version=version,
        as_of=as_of,
        allocated=allocated,
        disbursed=sum(monthly.values()),
        months=rows,
        deadlines=ordered,
        target=[(point.on(year), point.percent) for point in path],
        target_now=_target(as_of, year, path),
        last_report=reported,
    )


def _target(day: date, year: int, path) -> Decimal:
    return rules.target_percent(day, year, path)


def source_curves(
    plan: Plan, scope: Scope, as_of: date, version: PlanVersion | None = None
) -> list[tuple[Source, Curve]]:
    """One curve per source with capital in the version: three grouped queries for all the sources."""
    version = version or plan.current_version()
    allocated = dict(
        scope.lines(version)
        .order_by()
        .values("source_id")
        .annotate(total=Sum("amount"))
        .values_list("source_id", "total")
    )
    monthly: dict[int, dict[date, int]] = defaultdict(dict)
    rows = (
        scope.disbursements(plan)
        .filter(month__lte=as_of.replace(day=1))
        .order_by()
        .values("source_id", "month")
        .annotate(total=Sum("amount"))
        .values_list("source_id", "month", "total")
    )
    for source_id, month, total in rows:
        monthly[source_id][month] = total
    special: dict[int, set] = defaultdict(set)
    late = _special_deadlines(scope, version, plan.first_year).values_list(
        "lines__source_id", "capital_added_on", "extended_until"
    )
    for source_id, added, extended in late:
        special[source_id].add((added, extended))
    reported = last_report(plan)
    sources = Source.objects.filter(pk__in=list(allocated)).order_by("order", "code")
    return [
        (s, _curve(plan, version, as_of, allocated[s.pk], monthly.get(s.pk, {}), special.get(s.pk, set()), reported))
        for s in sources
    ]


@dataclass
class ProjectRow:
    item: PlanItem
    capital: int
    paid: int

    @property
    def project(self):
        return self.item.project

    @property
    def rate(self) -> Decimal | None:
        return share(self.paid, self.capital)


def project_rows(plan: Plan, scope: Scope, version: PlanVersion | None, as_of: date, q: str = "") -> list[ProjectRow]:
    """The projects in scope with their capital and what they disbursed, least disbursed share first (two grouped
    queries, not a subquery per project)."""
    items = scope.items(version).select_related("project", "project__agency")
    if key := search_key(q):
        items = items.filter(Q(project__search_key__contains=key) | Q(project__code__icontains=q.strip()))
    capital = dict(
        scope.lines(version).order_by().values("item_id").annotate(total=Sum("amount")).values_list("item_id", "total")
    )
    paid = dict(
        scope.disbursements(plan)
        .filter(month__lte=as_of.replace(day=1))
        .order_by()
        .values("project_id")
        .annotate(total=Sum("amount"))
        .values_list("project_id", "total")
    )
    rows = [ProjectRow(item, capital.get(item.pk, 0), paid.get(item.project_id, 0)) for item in items]
    rows.sort(key=lambda r: (r.rate if r.rate is not None else Decimal(1000), -r.capital, r.item.project.code))
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Slow projects


PROJECTIONS = {rules.Projection.LINEAR.value, rules.Projection.TARGET_PATH.value}


def default_thresholds(plan: Plan | None = None, **overrides) -> rules.Thresholds:
    """The province's thresholds from the settings (TIENDO_DISB_*), the plan's target path, and any overrides."""
    zero_after = getattr(settings, "TIENDO_DISB_ZERO_AFTER", "30/06")
    day, month = (int(part) for part in str(zero_after).split("/")[:2])
    values: dict[str, Any] = {
        "behind_points": Decimal(str(getattr(settings, "TIENDO_DISB_BEHIND_POINTS", 20))),
        "stalled_months": int(getattr(settings, "TIENDO_DISB_STALLED_MONTHS", 3)),
        "zero_after": (month, day),
        "projection": rules.Projection(getattr(settings, "TIENDO_DISB_PROJECTION", "linear")),
    }
    if plan is not None:
        values["path"] = target_path(plan)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return rules.Thresholds(**values)


@dataclass
class ProjectPace:
    """One project's pace as of a day, with what the slow list and the transfer need to show and move."""

    item: PlanItem
    result: rules.PaceResult
    by_source: dict[int, tuple[int, int]]  # source pk -> (allocated, disbursed)
    deadline: rules.Deadline
    last_month: date | None

    @property
    def slow(self) -> bool:
        return self.result.pace in SLOW_PACES


SLOW_PACES = (rules.Pace.STALLED, rules.Pace.SLOW, rules.Pace.AT_RISK)


def paces(plan: Plan, scope: Scope, as_of: date, thresholds: rules.Thresholds, *, version=None) -> list[ProjectPace]:
    """Judge every project of the version in force in scope: three grouped queries, then the pure rules."""
    version = version or plan.current_version()
    if version is None:
        return []
    until = as_of.replace(day=1)
    items = list(
        scope.items(version).select_related("project", "project__agency", "project__funding").order_by("project__code")
    )
    capital: dict[int, dict[int, int]] = defaultdict(dict)
    for item_id, source_id, amount in scope.lines(version).values_list("item_id", "source_id", "amount"):
        capital[item_id][source_id] = amount
    paid: dict[int, dict[int, int]] = defaultdict(dict)
    last: dict[int, date] = {}
    rows = (
        scope.disbursements(plan)
        .filter(month__lte=until)
        .order_by()
        .values("project_id", "source_id")
        .annotate(total=Sum("amount"), last=Max("month", filter=Q(amount__gt=0)))
    )
    for row in rows:
        paid[row["project_id"]][row["source_id"]] = row["total"]
        if row["last"] and (row["project_id"] not in last or row["last"] > last[row["project_id"]]):
            last[row["project_id"]] = row["last"]
    found = []
    for item in items:
        lines = capital.get(item.pk, {})
        spent = paid.get(item.project_id, {})
        due = item_deadline(plan, version, item.capital_added_on, item.extended_until)
        added = (
            item.capital_added_on if item.capital_added_on and item.capital_added_on.year == plan.first_year else None
        )
        facts = rules.ProjectDisbursement(
            code=item.project.code,
            allocated=sum(lines.values()),
            disbursed=sum(spent.values()),
            last_disbursed_on=last.get(item.project_id),
            deadline=due.day,
            available_from=added,
        )
        result = rules.classify(facts, plan.first_year, as_of, thresholds)
        by_source = {sid: (amount, spent.get(sid, 0)) for sid, amount in lines.items()}
        for sid, amount in spent.items():
            by_source.setdefault(sid, (0, amount))
        found.append(ProjectPace(item, result, by_source, due, last.get(item.project_id)))
    return found


def slow_projects(plan: Plan, scope: Scope, as_of: date, thresholds: rules.Thresholds) -> list[ProjectPace]:
    """Stalled first, then slow, then at risk; within each the furthest behind the target first."""
    order = {pace: index for index, pace in enumerate(SLOW_PACES)}
    found = [p for p in paces(plan, scope, as_of, thresholds) if p.slow]
    found.sort(key=lambda p: (order[p.result.pace], -p.result.gap, -p.result.undisbursable, p.item.project.code))
    return found


def project_status(plan: Plan, item: PlanItem, as_of: date, thresholds: rules.Thresholds) -> ProjectPace | None:
    scope = Scope(project_id=item.project_id)
    found = paces(plan, scope, as_of, thresholds, version=item.version)
    return found[0] if found else None


def slow_workbook(plan: Plan, found, as_of, thresholds, target) -> None:
    """The slow list as a printable workbook (amounts in million VND), with the thresholds used."""
    report = report_book(target)
    book = report.book
    ws = book.add_worksheet("Dự án giải ngân chậm")
    money = book.add_format({"border": 1, "num_format": "#,##0", "valign": "top"})
    percent = book.add_format({"border": 1, "num_format": "0.00", "valign": "top"})
    day = book.add_format({"border": 1, "num_format": "dd/mm/yyyy", "valign": "top"})
    ws.write(0, 0, f"DANH SÁCH DỰ ÁN GIẢI NGÂN CHẬM — {plan.title.upper()}", report.title)
    zero_day, zero_month = thresholds.zero_after[1], thresholds.zero_after[0]
    ws.write(
        1,
        0,
        f"Số liệu giải ngân đến ngày {as_of:%d/%m/%Y}. Chậm: thấp hơn lộ trình mục tiêu từ "
        f"{format_number(thresholds.behind_points, 2)} điểm phần trăm; đình trệ: {thresholds.stalled_months} "
        f"tháng liền không giải ngân, hoặc chưa giải ngân sau ngày {zero_day:02d}/{zero_month:02d}. "
        "Số tiền: triệu đồng.",
        report.note,
    )
    headers = [
        ("STT", 6),
        ("Mã dự án", 16),
        ("Tên dự án", 42),
        ("Chủ đầu tư", 28),
        ("Tình trạng", 16),
        ("Vốn giao", 14),
        ("Đã giải ngân", 14),
        ("Tỷ lệ (%)", 9),
        ("Mục tiêu (%)", 9),
        ("Thấp hơn mục tiêu (điểm %)", 11),
        ("Dự kiến giải ngân đến hạn", 14),
        ("Có nguy cơ không giải ngân hết", 14),
        ("Hạn giải ngân", 12),
        ("Lý do", 60),
    ]
    for col, (text, width) in enumerate(headers):
        ws.write_string(3, col, text, report.head)
        ws.set_column(col, col, width)
    ws.set_row(3, 45)
    ws.freeze_panes(4, 3)
    print_on_a4(ws, 3)
    for number, p in enumerate(found, start=1):
        row, r, project = number + 3, p.result, p.item.project
        ws.write_number(row, 0, number, report.count)
        ws.write_string(row, 1, project.code, report.text)
        ws.write_string(row, 2, project.name, report.text)
        ws.write_string(row, 3, project.agency.name if project.agency_id else "", report.text)
        ws.write_string(row, 4, r.pace.label.vi, report.text)
        for col, amount in ((5, r.allocated), (6, r.disbursed), (10, r.projected), (11, r.undisbursable)):
            ws.write_number(row, col, amount / 1_000_000, money)
        for col, value in ((7, r.percent), (8, r.target), (9, r.gap)):
            ws.write_number(row, col, float(value), percent)
        ws.write_datetime(row, 12, datetime.combine(r.deadline, datetime.min.time()), day)
        ws.write_string(row, 13, " ".join(r.reasons), report.text)
    book.close()


# ---------------------------------------------------------------------------------------------------------------
# The draft capital transfer (điều chuyển vốn)


@dataclass
class TransferProposal:
    """What a transfer proposal moved: the draft it created, and the sums the page and the command show."""

    as_of: date
    version: PlanVersion | None  # None: nothing could be moved, no draft was created
    released: dict[str, int]  # source code -> capital the slow projects could release
    placed: dict[str, int]  # source code -> given to receivers (taken from the donors)
    donors: list[dict[str, Any]]
    receivers: list[dict[str, Any]]
    violations: list[dict[str, str]]
    seconds: float = 0.0

    @property
    def unplaced(self) -> dict[str, int]:
        """Released but not placed: it stays with the donors, for the authorities to decide on."""
        return {code: amount - self.placed.get(code, 0) for code, amount in self.released.items()}

    @property
    def total_released(self) -> int:
        return sum(self.released.values())

    @property
    def total_placed(self) -> int:
        return sum(self.placed.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "version": self.version.pk if self.version else None,
            "title": self.version.title if self.version else None,
            "released": self.released,
            "placed": self.placed,
            "unplaced": self.unplaced,
            "total_released": self.total_released,
            "total_placed": self.total_placed,
            "donors": self.donors,
            "receivers": self.receivers,
            "violations": self.violations,
            "seconds": round(self.seconds, 3),
        }


def _shares(total: int, weights: list[int]) -> list[int]:
    """total shared in proportion to the weights, in whole đồng, the largest remainders first."""
    whole = sum(weights)
    if not whole:
        return [0] * len(weights)
    parts = [total * w // whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _allocation_projects(plan: Plan, version: PlanVersion, receivers, items: dict[str, PlanItem]):
    """The receivers as the allocation module's projects: their tier, group and eligibility (PI-04, PI-06)."""
    from tiendo.domain import allocation

    in_medium_term = None
    if plan.medium_term_id and (medium := plan.medium_term.current_version()) is not None:
        in_medium_term = set(medium.items.values_list("project_id", flat=True))
    projects = []
    for receiver in receivers:
        if not receiver.eligible_sources:
            continue
        item = items[receiver.project]
        project = item.project
        funding = getattr(project, "funding", None)
        projects.append(
            allocation.Project(
                code=project.code,
                group=allocation.ProjectGroup(project.group or "C"),
                tier=allocation.Tier(receiver.tier.value),
                need=receiver.need,
                eligible_sources=tuple(receiver.eligible_sources),
                has_investment_decision=funding.has_investment_decision if funding else True,
                in_medium_term_plan=in_medium_term is None or project.pk in in_medium_term,
                first_allocation_year=funding.first_allocation_year if funding else None,
                handed_over_year=funding.handed_over_year if funding else None,
                allocation_extension_years=funding.allocation_extension_years if funding else 0,
            )
        )
    return allocation, projects


def _codes(codes: list[str], shown: int = 10) -> str:
    """ "A, B, C" or "A, B, … và 12 dự án khác": a pooled source can have hundreds of donors."""
    if len(codes) <= shown:
        return ", ".join(codes)
    return f"{', '.join(codes[:shown])} và {len(codes) - shown} dự án khác"


def _vnd_parts(amounts: dict[str, int]) -> str:
    return ", ".join(f"{code} {format_vnd(amount)}" for code, amount in sorted(amounts.items()) if amount)


def propose_transfer(
    plan: Plan, actor, *, as_of: date | None = None, thresholds: rules.Thresholds | None = None
) -> TransferProposal:
    """Move the capital slow projects will not disburse to projects on pace that can absorb it, by the legal order
    of priority (the allocation module), into a new draft version (purpose: transfer) of the version in force.

    Donors give, per source, only what the receivers take, in proportion to what each could release; the rest
    stays with them (reported as unplaced). Every changed line is set by hand, so that a later allocation run of
    the draft keeps the transfer, and every changed item explains who gives, who receives and why."""
    from . import services  # the drafts' service; imported here as it is the heavier module

    started = time.perf_counter()
    if not core_access.can(actor, "manage_plans"):
        raise PermissionDenied
    if plan.kind != Plan.Kind.ANNUAL:
        raise ValidationError("Chỉ điều chuyển vốn trong kế hoạch đầu tư công năm.")
    as_of = as_of or timezone.localdate()
    thresholds = thresholds or default_thresholds(plan)
    version = plan.current_version()
    if version is None:
        raise ValidationError("Kế hoạch chưa có phiên bản được phê duyệt để điều chuyển vốn.")
    judged = paces(plan, Scope(), as_of, thresholds, version=version)
    codes = dict(Source.objects.values_list("pk", "code"))
    source_ids = {code: pk for pk, code in codes.items()}
    items = {p.item.project.code: p.item for p in judged}
    by_code = {p.item.project.code: p for p in judged}
    # PI-03: a receiver never goes above what the medium-term plan still leaves it (the allocation run's own cap)
    from .facts import _remainders

    remainders = _remainders(plan)
    project_left = remainders[0] if remainders else None

    def remaining_need(p: ProjectPace) -> int:
        need = p.item.need
        if project_left is not None:
            need = min(need, max(project_left.get(p.item.project_id, 0), 0))
        return max(need - p.result.allocated, 0)

    candidates = rules.transfer_candidates(
        [
            rules.TransferProject(
                code=p.item.project.code,
                tier=rules.Tier(p.item.tier),
                allocations=tuple(
                    rules.SourceAllocation(codes[sid], allocated, disbursed)
                    for sid, (allocated, disbursed) in sorted(p.by_source.items())
                ),
                pace=p.result,
                remaining_need=remaining_need(p),
                eligible_sources=tuple(p.item.eligible_sources) or None,
            )
            for p in judged
        ]
    )
    released = dict(candidates.released)
    proposal = TransferProposal(as_of, None, released, {}, [], [], [])
    receivers = [r for r in candidates.receivers if r.eligible_sources]
    given: dict[str, dict[str, int]] = defaultdict(dict)  # receiver -> source -> amount
    explanations: dict[str, str] = {}
    solver_seconds = 0.0
    if released and receivers:
        allocation, projects = _allocation_projects(plan, version, receivers, items)
        solve_started = time.perf_counter()
        result = allocation.allocate(
            allocation.Plan(allocation.PlanKind.ANNUAL, year=plan.first_year, decided_on=version.decision_date),
            [allocation.Source(code, code, amount) for code, amount in released.items()],
            projects,
        )
        for a in result.allocations:
            if a.amount > 0:
                given[a.project][a.source] = given[a.project].get(a.source, 0) + a.amount
        solver_seconds = time.perf_counter() - solve_started
        explanations = {p.project: p.explanation for p in result.projects}
        proposal.violations = [
            {"project": v.project, "rule": v.rule, "explanation": v.explanation} for v in result.violations
        ]
    placed: dict[str, int] = defaultdict(int)
    for amounts in given.values():
        for code, amount in amounts.items():
            placed[code] += amount
    proposal.placed = dict(placed)
    # each donor gives, per source, its share of what was placed
    donors_of: dict[str, list] = defaultdict(list)
    for donor in candidates.donors:
        if donor.released:
            donors_of[donor.source].append(donor)
    taken: dict[str, dict[str, int]] = defaultdict(dict)  # donor -> source -> amount
    for code, donors in donors_of.items():
        for donor, amount in zip(donors, _shares(placed.get(code, 0), [d.released for d in donors]), strict=True):
            if amount:
                taken[donor.project][code] = amount
    receivers_of_source = defaultdict(list)
    for receiver, amounts in given.items():
        for code in amounts:
            receivers_of_source[code].append(receiver)
    donors_of_source = {
        code: [d.project for d in donors if taken[d.project].get(code)] for code, donors in donors_of.items()
    }
    for donor in candidates.donors:
        if not donor.released:
            continue
        p = by_code[donor.project]
        proposal.donors.append(
            {
                "project": donor.project,
                "name": p.item.project.name,
                "pace": p.result.pace.value,
                "source": donor.source,
                "allocated": donor.allocated,
                "disbursed": donor.disbursed,
                "released": donor.released,
                "taken": taken[donor.project].get(donor.source, 0),
                "reasons": list(p.result.reasons),
            }
        )
    for receiver in candidates.receivers:
        p = by_code[receiver.project]
        proposal.receivers.append(
            {
                "project": receiver.project,
                "name": p.item.project.name,
                "tier": receiver.tier.value,
                "need": receiver.need,
                "capacity": receiver.capacity,
                "remaining_need": receiver.remaining_need,
                "percent": float(p.result.percent),
                "given": sum(given.get(receiver.project, {}).values()),
                "by_source": given.get(receiver.project, {}),
                "explanation": explanations.get(
                    receiver.project, "Không có nguồn vốn được giải phóng mà dự án được dùng."
                ),
            }
        )
    if not placed:
        proposal.seconds = time.perf_counter() - started
        return proposal

    day = as_of.strftime("%d/%m/%Y")
    with transaction.atomic():
        note = (
            f"Đề xuất điều chuyển vốn từ các dự án giải ngân chậm sang các dự án giải ngân tốt, theo số giải ngân đến "
            f"ngày {day}: giải phóng {format_vnd(proposal.total_released)}, điều chuyển "
            f"{format_vnd(proposal.total_placed)}."
        )
        draft = services.start_draft(plan, actor, purpose=PlanVersion.Purpose.TRANSFER, note=note)
        reason = f"Điều chuyển vốn theo giải ngân đến ngày {day}"
        draft_items = {i.project_id: i for i in draft.items.select_related("project")}
        lines = {(line.item.project_id, line.source_id): line for line in draft.lines.select_related("item")}
        creates, updates, removes, changed_items = [], [], [], {}
        for donor, amounts in taken.items():
            item = draft_items[items[donor].project_id]
            for code, amount in amounts.items():
                line = lines[item.project_id, source_ids[code]]
                line.amount -= amount
                line.manual = True
                (removes if line.amount == 0 else updates).append(line)
            p = by_code[donor]
            to = sorted({r for code in amounts for r in receivers_of_source[code]})
            item.explanation = (
                f"Điều chuyển giảm {format_vnd(sum(amounts.values()))} ({_vnd_parts(amounts)}) do dự án "
                f"{p.result.pace.label.vi} đến ngày {day}: {' '.join(p.result.reasons)} Vốn chuyển cho dự án: "
                f"{_codes(to)}."
            )
            item.note = f"Điều chuyển vốn ngày {day}: giảm {format_vnd(sum(amounts.values()))}."[:500]
            changed_items[item.pk] = item
        for receiver, amounts in given.items():
            item = draft_items[items[receiver].project_id]
            for code, amount in amounts.items():
                line = lines.get((item.project_id, source_ids[code]))
                if line is None:
                    creates.append(
                        PlanLine(version=draft, item=item, source_id=source_ids[code], amount=amount, manual=True)
                    )
                else:
                    line.amount += amount
                    line.manual = True
                    updates.append(line)
            p = by_code[receiver]
            r = next(r for r in receivers if r.project == receiver)
            sources_from = sorted({d for code in amounts for d in donors_of_source.get(code, [])})
            item.explanation = (
                f"Nhận điều chuyển {format_vnd(sum(amounts.values()))} ({_vnd_parts(amounts)}) từ dự án "
                f"{_codes(sources_from)}: dự án giải ngân {format_number(p.result.percent, 2)}% vốn giao, đạt mục "
                f"tiêu {format_number(p.result.target, 2)}% của tỉnh tại ngày {day}; theo tốc độ hiện nay có thể giải "
                f"ngân thêm {format_vnd(r.capacity)}, còn nhu cầu {format_vnd(r.remaining_need)}. "
                f"{explanations.get(receiver, '')}"
            ).strip()
            item.note = f"Điều chuyển vốn ngày {day}: tăng {format_vnd(sum(amounts.values()))}."[:500]
            changed_items[item.pk] = item
        history = {"default_user": actor, "default_change_reason": reason}
        if creates:
            bulk_create_with_history(creates, PlanLine, **history)
        if updates:
            fields = with_versions_moved(updates, PlanLine, ["amount", "manual"])
            bulk_update_with_history(updates, PlanLine, fields, **history)
        for line in removes:
            line._history_user, line._change_reason = actor, reason
            line.delete()
        bulk_update_with_history(list(changed_items.values()), PlanItem, ["explanation", "note"], **history)
        proposal.seconds = time.perf_counter() - started
        draft.allocation = {
            "run_at": timezone.now().isoformat(timespec="seconds"),
            "by": actor.username,
            "seconds": round(proposal.seconds, 3),
            "solver_seconds": round(solver_seconds, 3),
            "projects": len(receivers),
            "manual_lines": len(creates) + len(updates),
            "allocated": proposal.placed,
            "status": "transfer",
            "transfer": {k: v for k, v in proposal.as_dict().items() if k not in ("version", "title")}
            | {"as_of": as_of.isoformat()},
        }
        draft._history_user, draft._change_reason = actor, reason
        draft.save(update_fields=["allocation"])
    proposal.version = draft
    return proposal
