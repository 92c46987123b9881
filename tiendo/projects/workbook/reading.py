"""Reading an uploaded workbook into checked rows: each known sheet found, its header matched to the column table,
every cell read into a Python value or a CellError, with no query per row.

The generic part (opening .xlsx/.xls/.ods/.csv, matching headers, text, choice and tax-code cells) is the
toolkit's `tiendo.core.sheet_reading`; what is particular to the registry lives here: which sheets count, the
units an amount or area header may state, and the sectors, communes, zones, agencies and enterprises a cell may
name, fetched once into `Lookups`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tiendo.agencies.models import AdminUnit, Agency
from tiendo.core.sheet_reading import (
    FileRejected,
    bind_header,
    choice_reader,
    memo,
    missing_columns,
    read_sheets,
    text_reader,
)
from tiendo.core.sheet_reading import (
    tax_code as read_tax_code,
)
from tiendo.domain.tabular import (
    CellError,
    column_letter,
    is_blank,
    parse_amount,
    parse_date,
    parse_decimal,
    parse_int,
    parse_percent,
    parse_text,
    read_header,
    unit_factor,
)
from tiendo.domain.text import search_key
from tiendo.enterprises.models import Enterprise

from ..models import Sector, Zone
from .columns import AREA_UNITS, MILESTONES, PROJECTS, REPORTS, SHEETS, Column, Sheet

QUERY_CHUNK = 900  # below SQLite's oldest limit on query parameters


def chunks(items: list, size: int = QUERY_CHUNK) -> Iterator[list]:
    """Slices of a list: for `IN (...)` queries within the database's parameter limit, and batches of writes."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def read_tables(file, filename: str) -> dict[str, list[list[Any]]]:
    """Rows of each known sheet (header first), from .xlsx/.xls/.ods with python-calamine or .csv (projects only)."""
    wanted = {sheet.key_name: sheet.name for sheet in SHEETS}
    tables = read_sheets(file, filename, csv_sheet=PROJECTS, name_of=lambda name: wanted.get(search_key(name)))
    if not tables:
        raise FileRejected(
            f"Tệp '{filename}' không có trang tính nào tên '{PROJECTS}', '{MILESTONES}' hoặc '{REPORTS}'."
        )
    return tables


# ---------------------------------------------------------------------------------------------------------------
# Lookups: everything a row may refer to, fetched once


class RefTable:
    """Codes and names of one kind of record, searched without diacritics; a name used twice is ambiguous."""

    def __init__(self, what: str):
        self.what = what
        self.by_code: dict[str, int] = {}
        self.by_name: dict[str, list[tuple[int, bool]]] = {}
        self.codes: dict[int, str] = {}

    def add(self, pk: int, code: str, names: Iterable[str], current: bool = True) -> None:
        self.codes[pk] = code
        self.by_code.setdefault(search_key(code), pk)
        for name in {search_key(n) for n in names if n}:
            self.by_name.setdefault(name, []).append((pk, current))

    def find(self, text: str) -> int:
        key = search_key(text)
        if (pk := self.by_code.get(key)) is not None:
            return pk
        found = self.by_name.get(key, [])
        if len(found) > 1:
            found = [f for f in found if f[1]] or found
        if not found:
            raise ValueError(f"Không tìm thấy {self.what} '{text}' (ghi mã hoặc tên đã có trong hệ thống).")
        if len({pk for pk, _ in found}) > 1:
            raise ValueError(f"Có nhiều {self.what} cùng tên '{text}': hãy ghi mã.")
        return found[0][0]


class Lookups:
    """Sectors, communes, zones, agencies and enterprises by code and by name: no query per row."""

    def __init__(self, today: date):
        self.sector = RefTable("ngành, lĩnh vực")
        for pk, code, name in Sector.objects.values_list("pk", "code", "name"):
            self.sector.add(pk, code, [name])
        self.zone = RefTable("khu, cụm công nghiệp")
        for pk, code, name in Zone.objects.values_list("pk", "code", "name"):
            self.zone.add(pk, code, [name])
        self.commune = RefTable("đơn vị hành chính")
        units = AdminUnit.objects.values_list("pk", "code", "name", "unit_type", "level", "valid_from", "valid_to")
        for pk, code, name, unit_type, level, start, end in units:
            names = [f"{unit_type} {name}"] + ([name] if level != "province" else [])
            self.commune.add(pk, code, names, _current(start, end, today))
        self.agency = RefTable("cơ quan")
        for pk, code, name, short, start, end in Agency.objects.values_list(
            "pk", "code", "name", "short_name", "valid_from", "valid_to"
        ):
            self.agency.add(pk, code, [name, short], _current(start, end, today))
        self.tax_codes: dict[str, int] = {}
        self.enterprise_names: dict[str, list[int]] = {}
        self.enterprises: dict[int, tuple[str, str]] = {}
        self.deleted_tax_codes: set[str] = set()
        for pk, tax_code, name, deleted_at in Enterprise.objects.values_list("pk", "tax_code", "name", "deleted_at"):
            if deleted_at is not None:
                if tax_code:
                    self.deleted_tax_codes.add(tax_code)
                continue
            self.enterprises[pk] = (tax_code, name)
            if tax_code:
                self.tax_codes[tax_code] = pk
            self.enterprise_names.setdefault(search_key(name), []).append(pk)


def _current(start: date | None, end: date | None, today: date) -> bool:
    return (start is None or start <= today) and (end is None or end >= today)


# ---------------------------------------------------------------------------------------------------------------
# Cell readers bound to a header


def _reader(column: Column, unit: str, lookups: Lookups) -> Callable[[Any], Any]:
    """A function that reads one cell of this column, raising ValueError with a Vietnamese message."""
    kind = column.kind
    if kind == "text":
        slow_text, longest = text_reader(column.max_length, False), column.max_length or 1 << 30
        return lambda cell: cell.strip() if cell.__class__ is str and len(cell) <= longest else slow_text(cell)
    if kind == "name":
        return text_reader(column.max_length, True)
    if kind == "date":
        return lambda cell: cell if cell.__class__ is date else parse_date(cell)
    if kind == "amount":
        unit = unit or column.unit
        factor = unit_factor(unit)
        return lambda cell: (
            int(cell) * factor
            if cell.__class__ is float and cell >= 0 and cell.is_integer()
            else parse_amount(cell, unit)
        )
    if kind == "area":
        factor = AREA_UNITS[unit or "m²"]
        places, low, high = column.places, column.minimum, column.maximum
        if factor == 1:
            return lambda cell: parse_decimal(cell, places, low, high)
        return lambda cell: parse_decimal(parse_decimal(cell, 6) * factor, places, low, high)
    if kind == "decimal":
        places, low, high = column.places, column.minimum, column.maximum
        return lambda cell: parse_decimal(cell, places, low, high)
    if kind == "int":
        return lambda cell: (
            int(cell) if cell.__class__ is float and cell >= 0 and cell.is_integer() else parse_int(cell)
        )
    if kind == "percent":
        return memo(parse_percent)
    if kind == "choice":
        return memo(choice_reader(column.choices or {}))
    if kind == "ref":
        table: RefTable = getattr(lookups, column.field)
        return memo(lambda cell: table.find(parse_text(cell)))
    if kind == "tax_code":
        return read_tax_code
    raise AssertionError(kind)


def _check_unit(column: Column, unit: str) -> str | None:
    """A message when the unit in a header cannot be used for this column."""
    if not unit:
        return None
    if column.kind == "amount":
        try:
            unit_factor(unit)
        except ValueError as error:
            return str(error)
    if column.kind == "area" and unit not in AREA_UNITS:
        return f"Đơn vị diện tích không hợp lệ: '{unit}' (dùng m² hoặc ha)."
    return None


# ---------------------------------------------------------------------------------------------------------------
# Rows


@dataclass(slots=True)
class Row:
    number: int  # as the spreadsheet shows it
    cells: list[Any]
    values: dict[str, Any]
    errors: list[CellError] = field(default_factory=list)


@dataclass
class Parsed:
    sheet: Sheet
    header: list[Any]
    present: set[str]  # fields whose column is in the file
    rows: list[Row]
    letters: dict[str, tuple[str, str]]  # field -> (column letter, header as written)


def parse_sheet(
    sheet: Sheet, table: list[list[Any]], lookups: Lookups, errors: list[CellError], tick: Callable[[int], None]
) -> Parsed:
    header = table[0] if table else []
    by_key = {header_key_of(c): c for c in sheet.columns}
    found, seen = bind_header(sheet.name, 1, header, by_key.get, errors, unit_problem=_check_unit)
    letters = {b.column.field: (b.letter, b.title.text) for b in found}
    bound = [(b.index, b.column, _reader(b.column, b.title.unit, lookups)) for b in found]
    missing_columns(sheet.name, 1, sheet.columns, seen, errors)
    rows: list[Row] = []
    name = sheet.name
    width = len(header)
    plan = [
        (index, c.field, read, c.required, c.keep, "" if c.kind in ("text", "name", "choice") else None)
        for index, c, read in bound
    ]
    where = {index: (column_letter(index), c.header) for index, c, _ in bound}
    for offset, cells in enumerate(table[1:]):
        if offset % 5000 == 4999:
            tick(5000)
        if not any(cells) or (is_blank(cells[0]) and all(is_blank(c) for c in cells)):
            continue
        number = offset + 2
        if len(cells) < width:
            cells = list(cells) + [""] * (width - len(cells))
        values: dict[str, Any] = {}
        row_errors: list[CellError] = []
        for index, field_name, read, required, keep, empty in plan:
            cell = cells[index]
            if cell == "" or cell is None or (cell.__class__ is str and cell.isspace()):
                if required:
                    row_errors.append(CellError(name, number, *where[index], "Ô bắt buộc đang để trống."))
                elif not keep:
                    values[field_name] = empty
                continue
            try:
                values[field_name] = read(cell)
            except ValueError as error:
                row_errors.append(CellError(name, number, *where[index], str(error)))
        rows.append(Row(number, cells, values, row_errors))
    tick((len(table) - 1) % 5000 if table else 0)
    return Parsed(sheet, list(header), set(letters), rows, letters)


def header_key_of(column: Column) -> str:
    return read_header(column.header).key
