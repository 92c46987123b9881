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
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from tiendo.domain.money import format_vnd
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
from tiendo.web.spreadsheets import report_book

from .models import Disbursement, Plan, PlanLine, Source

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
