"""A Treasury report's file read into rows: the sheets with a disbursement header, each cell parsed.

The Treasury's reports put titles (and often the month) above the header row and name columns in several ways;
this module finds the header, binds the columns and parses each row, leaving the checks across rows and against
the database to treasury_import.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tiendo.core.sheet_reading import FileRejected, bind_header, find_header_row, missing_columns, read_sheets
from tiendo.domain.tabular import (
    CellError,
    Header,
    column_letter,
    is_blank,
    parse_amount,
    parse_text,
    unit_factor,
)
from tiendo.domain.text import search_key

from ..models import Source
from .treasury_columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    GUIDE_SHEET,
    HEADER_SEARCH_ROWS,
    SOURCES_SHEET,
    parse_month,
)


@dataclass
class Table:
    sheet: str
    header_row: int  # 0-based index of the header in rows
    rows: list[list[Any]]


def _names_projects(title: Header) -> bool:
    """The header row is the one naming a project-code column: the Treasury puts titles above it."""
    return COLUMN_BY_KEY.get(title.key) is COLUMNS[0]


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


def read_tables(file, filename: str) -> list[Table]:
    """Every sheet with a disbursement header (.xlsx/.xls/.ods through python-calamine, or .csv), but the template's
    guide and list of sources."""
    skip = {search_key(GUIDE_SHEET), search_key(SOURCES_SHEET)}
    sheets = read_sheets(
        file, filename, csv_sheet=Path(filename).name, name_of=lambda name: None if search_key(name) in skip else name
    )
    tables = [
        Table(name, index, rows)
        for name, rows in sheets.items()
        if (index := find_header_row(rows, _names_projects, HEADER_SEARCH_ROWS)) is not None
    ]
    if not tables:
        raise FileRejected(
            f"Tệp '{filename}' không có dòng tiêu đề với cột 'Mã dự án' (trong {HEADER_SEARCH_ROWS} dòng đầu của "
            "mỗi trang tính). Hãy dùng tệp mẫu."
        )
    return tables


class Sources:
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
class Row:
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


def _unit_problem(column, unit: str) -> str | None:
    """The amounts' unit, when the header states one the import does not know."""
    if column.field not in ("monthly", "cumulative") or not unit:
        return None
    try:
        unit_factor(unit)
    except ValueError as error:
        return str(error)
    return None


def parse_table(table: Table, sources: Sources, errors: list[CellError]) -> list[Row]:
    """Each row of a sheet parsed cell by cell; the sheet's own problems (its header) go to `errors`."""
    header = table.rows[table.header_row]
    header_number = table.header_row + 1
    found, _ = bind_header(
        table.sheet, header_number, header, COLUMN_BY_KEY.get, errors, unit_problem=_unit_problem, refused_counts=False
    )
    bound = {b.column.field: (b.index, b.title.unit or "đồng") for b in found}  # field -> (index, unit)
    letters = {b.column.field: (column_letter(b.index), b.title.text) for b in found}
    stated = None if "month" in bound else _stated_month(table.rows[: table.header_row])
    missing_columns(table.sheet, header_number, COLUMNS, {*bound, *(("month",) if stated else ())}, errors)
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
    numbers, kept = [], []
    width = len(header)
    first = bound["project"][0] if "project" in bound else 0
    for offset, cells in enumerate(table.rows[table.header_row + 1 :]):
        code = cells[first] if first < len(cells) else None
        if not (code.__class__ is str and code and not code.isspace()) and all(is_blank(c) for c in cells):
            continue
        numbers.append(header_number + offset + 1)
        kept.append(cells if len(cells) >= width else list(cells) + [None] * (width - len(cells)))
    # Column by column: the project codes, sources and months repeat down the sheet and are read once each; a
    # whole number of đồng is taken as it is. Each row's errors come in the order of the fields below.
    errs: list[list[CellError]] = [[] for _ in kept]
    readers = {"project": parse_text, "source": lambda value: sources.find(parse_text(value)), "month": parse_month}
    found_values: dict[str, list[Any]] = {}
    for field_name in ("project", "source", "month", "monthly", "cumulative"):
        if field_name not in bound:
            continue
        index, unit = bound[field_name]
        cells = [row[index] for row in kept]
        if field_name in readers:
            out = _read_required(cells, readers[field_name])
        else:
            out = _read_amounts(cells, unit)
        letter, title = letters[field_name]
        for i in [i for i, value in enumerate(out) if value.__class__ is _Failed]:
            errs[i].append(CellError(table.sheet, numbers[i], letter, title, out[i].message))
            out[i] = None
        found_values[field_name] = out
    none = [None] * len(kept)
    projects = found_values.get("project", [""] * len(kept))
    source_ids, months = found_values.get("source", none), found_values.get("month", [stated] * len(kept))
    monthlies, cumulatives = found_values.get("monthly", none), found_values.get("cumulative", none)
    rows = []
    missing_field = "monthly" if "monthly" in bound else "cumulative"
    for i, number in enumerate(numbers):
        row = Row(
            table.sheet,
            number,
            letters,
            project=projects[i] or "",
            source_id=source_ids[i],
            month=months[i] if months[i] is not None else stated,
            monthly=monthlies[i],
            cumulative=cumulatives[i],
            errors=errs[i],
        )
        if row.monthly is None and row.cumulative is None and not row.errors:
            row.error(missing_field, "Thiếu số tiền giải ngân.")
        rows.append(row)
    return rows


class _Failed:
    """A cell that could not be read, with the message saying why."""

    __slots__ = ("message",)

    def __init__(self, message: str):
        self.message = message


_REQUIRED = _Failed("Ô bắt buộc đang để trống.")


def _read_required(cells: list[Any], read) -> list[Any]:
    """A required column read once per distinct cell (of the same type: 1, 1.0 and True read differently)."""
    seen: dict[Any, Any] = {}
    out = []
    for cell in cells:
        key = cell if cell.__class__ is str else (cell.__class__, cell)  # 1 and 1.0 are written differently
        value = seen.get(key, seen)
        if value is seen:
            if is_blank(cell):
                value = _REQUIRED
            else:
                try:
                    value = read(cell)
                except ValueError as error:
                    value = _Failed(str(error))
            seen[key] = value
        out.append(value)
    return out


def _read_amounts(cells: list[Any], unit: str) -> list[Any]:
    """Amounts in the header's unit: a whole number cell at once, the others by parse_amount; a blank is None."""
    factor = unit_factor(unit)
    out = [int(c) * factor if c.__class__ is float and c >= 0 and c.is_integer() else _SLOW for c in cells]
    for i in [i for i, value in enumerate(out) if value is _SLOW]:
        cell = cells[i]
        if is_blank(cell):
            out[i] = None
            continue
        try:
            out[i] = parse_amount(cell, unit)
        except ValueError as error:
            out[i] = _Failed(str(error))
    return out


_SLOW = _Failed("")
