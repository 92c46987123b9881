"""Reading an uploaded workbook into checked rows: each known sheet found, its header matched to the column table,
every cell read into a Python value or a CellError, with no query per row.

The generic part (opening .xlsx/.xls/.ods/.csv, matching headers, text, choice and tax-code cells) is the
toolkit's `tiendo.core.sheet_reading`; what is particular to the registry lives here: which sheets count, the
units an amount or area header may state, and the sectors, communes, zones, agencies and enterprises a cell may
name, fetched once into `Lookups`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tiendo.agencies.models import AdminUnit, Agency
from tiendo.core.sheet_reading import (
    FileRejected,
    bind_header,
    choice_reader,
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

    def __init__(self, what: str, codes: Mapping[str, str] | None = None):
        self.what = what
        # another installation's codes and the codes here they stand for (`tiendo import projects --codes`)
        self.codes_here = {search_key(theirs): ours for theirs, ours in (codes or {}).items()}
        self.by_code: dict[str, int] = {}
        self.by_name: dict[str, list[tuple[int, bool]]] = {}
        self.codes: dict[int, str] = {}

    def add(self, pk: int, code: str, names: Iterable[str], current: bool = True) -> None:
        self.codes[pk] = code
        self.by_code.setdefault(search_key(code), pk)
        for name in {search_key(n) for n in names if n}:
            self.by_name.setdefault(name, []).append((pk, current))

    def find(self, text: str) -> int:
        written = text
        text = self.codes_here.get(search_key(text), text)
        key = search_key(text)
        if (pk := self.by_code.get(key)) is not None:
            return pk
        found = self.by_name.get(key, [])
        if len(found) > 1:
            found = [f for f in found if f[1]] or found
        if not found:
            shown = written if text == written else f"{written}' → '{text}"
            raise ValueError(f"Không tìm thấy {self.what} '{shown}' (ghi mã hoặc tên đã có trong hệ thống).")
        if len({pk for pk, _ in found}) > 1:
            raise ValueError(f"Có nhiều {self.what} cùng tên '{text}': hãy ghi mã.")
        return found[0][0]


class Lookups:
    """Sectors, communes, zones, agencies and enterprises by code and by name: no query per row."""

    def __init__(self, today: date, codes: Mapping[str, str] | None = None):
        self.sector = RefTable("ngành, lĩnh vực", codes)
        for pk, code, name in Sector.objects.values_list("pk", "code", "name"):
            self.sector.add(pk, code, [name])
        self.zone = RefTable("khu, cụm công nghiệp", codes)
        for pk, code, name in Zone.objects.values_list("pk", "code", "name"):
            self.zone.add(pk, code, [name])
        self.commune = RefTable("đơn vị hành chính", codes)
        units = AdminUnit.objects.values_list("pk", "code", "name", "unit_type", "level", "valid_from", "valid_to")
        for pk, code, name, unit_type, level, start, end in units:
            names = [f"{unit_type} {name}"] + ([name] if level != "province" else [])
            self.commune.add(pk, code, names, _current(start, end, today))
        self.agency = RefTable("cơ quan", codes)
        for pk, code, name, short, name_en, start, end in Agency.objects.values_list(
            "pk", "code", "name", "short_name", "name_en", "valid_from", "valid_to"
        ):
            self.agency.add(pk, code, [name, short, name_en], _current(start, end, today))
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
# Reading a column at once
#
# A column's cells are read together: the usual cells (a date cell in a date column, a whole number in an amount
# column, plain text) by one list comprehension, the cells of a column whose values repeat (choices, references,
# percentages, decimals, tax codes, names) once per distinct value, and only the others (blanks, text to parse,
# errors) one at a time by the column's full reader. Each cell gets the value, the message, or the blank the full
# reader would have given it alone.


class _Mark:
    """What a cell read to, when it is not a value: still to read one at a time, blank, or an error message."""

    __slots__ = ("message",)

    def __init__(self, message: str = ""):
        self.message = message


_SLOW = _Mark()  # the fast path did not take it: read it alone
_BLANK = _Mark()
ABSENT = _Mark()  # in a row's values: no value (a blank that keeps the current one, or a cell in error)


def _reader(column: Column, unit: str, lookups: Lookups) -> Callable[[Any], Any]:
    """The full reader of one non-blank cell of this column, raising ValueError with a Vietnamese message."""
    kind = column.kind
    if kind in ("text", "name"):
        return text_reader(column.max_length, kind == "name")
    if kind == "date":
        return parse_date
    if kind == "amount":
        unit = unit or column.unit
        return lambda cell: parse_amount(cell, unit)
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
        return parse_int
    if kind == "percent":
        return parse_percent
    if kind == "choice":
        return choice_reader(column.choices or {})
    if kind == "ref":
        table: RefTable = getattr(lookups, column.field)
        return lambda cell: table.find(parse_text(cell))
    if kind == "tax_code":
        return read_tax_code
    raise AssertionError(kind)


def _read_one(cell: Any, read: Callable[[Any], Any]) -> Any:
    if cell == "" or cell is None or (cell.__class__ is str and cell.isspace()):
        return _BLANK
    try:
        return read(cell)
    except ValueError as error:
        return _Mark(str(error))


# Columns read once per distinct value. Choices, references and percentages were always read so (a cell equal to
# another, True and 1.0 included, reads alike); the others are "exact": a cell reads alike only to another of the
# same type (1, 1.0 and True are written differently in a message).
_BY_VALUE = {"choice": False, "ref": False, "percent": False, "decimal": True, "area": True, "tax_code": True}
_BY_VALUE["name"] = True


class ColumnReader:
    """Reads the cells of one bound column, a block of rows at a time (distinct values are remembered across
    blocks)."""

    def __init__(self, column: Column, unit: str, lookups: Lookups):
        self.column = column
        self.kind = column.kind
        self.read = _reader(column, unit, lookups)
        self.seen: dict[Any, Any] = {}
        self.longest = column.max_length or 1 << 30
        self.factor = unit_factor(unit or column.unit) if column.kind == "amount" else 1

    def __call__(self, cells: Sequence[Any]) -> tuple[list[Any], list[int]]:
        """The value of each cell, or a _Mark (_BLANK, or an error's message); and the positions of the marks
        (and maybe of some values)."""
        kind = self.kind
        if kind in _BY_VALUE:
            out = self._by_value(cells, _BY_VALUE[kind])
            return out, [i for i, v in enumerate(out) if v.__class__ is _Mark]
        if kind == "text":
            longest = self.longest
            out = [c.strip() if c.__class__ is str and len(c) <= longest else _SLOW for c in cells]
            slow = [i for i, v in enumerate(out) if v is _SLOW or v == ""]
        elif kind == "date":
            out = [c if c.__class__ is date else _SLOW for c in cells]
            slow = [i for i, v in enumerate(out) if v is _SLOW]
        elif kind in ("amount", "int"):
            factor = self.factor
            out = [int(c) * factor if c.__class__ is float and c >= 0 and c.is_integer() else _SLOW for c in cells]
            slow = [i for i, v in enumerate(out) if v is _SLOW]
        else:
            raise AssertionError(kind)
        read = self.read
        for i in slow:
            out[i] = _read_one(cells[i], read)
        return out, slow

    def _by_value(self, cells: Sequence[Any], exact: bool) -> list[Any]:
        seen, read, out = self.seen, self.read, []
        append = out.append
        for cell in cells:
            key = cell if not exact or cell.__class__ is str else (cell.__class__, cell)
            try:
                value = seen[key]
            except KeyError:
                value = seen[key] = _read_one(cell, read)
            except TypeError:  # unhashable: never from a workbook, but be safe
                value = _read_one(cell, read)
            append(value)
        return out


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


BLOCK = 5000  # rows read at once: the progress bar moves every block


def parse_sheet(
    sheet: Sheet, table: list[list[Any]], lookups: Lookups, errors: list[CellError], tick: Callable[[int], None]
) -> Parsed:
    header = table[0] if table else []
    by_key = {header_key_of(c): c for c in sheet.columns}
    found, seen = bind_header(sheet.name, 1, header, by_key.get, errors, unit_problem=_check_unit)
    letters = {b.column.field: (b.letter, b.title.text) for b in found}
    missing_columns(sheet.name, 1, sheet.columns, seen, errors)
    plan = [
        (
            b.index,
            b.column.field,
            ColumnReader(b.column, b.title.unit, lookups),
            b.column.required,
            b.column.keep,
            "" if b.column.kind in ("text", "name", "choice") else None,
            (column_letter(b.index), b.column.header),
        )
        for b in found
    ]
    fields = [field_name for _, field_name, *_ in plan]
    rows: list[Row] = []
    width = len(header)
    for start in range(1, len(table), BLOCK):
        block = table[start : start + BLOCK]
        rows += _parse_block(sheet.name, block, start + 1, width, plan, fields)
        tick(len(block))
    return Parsed(sheet, list(header), set(letters), rows, letters)


def _parse_block(name: str, block, first_number: int, width: int, plan, fields: list[str]) -> list[Row]:
    """The rows of a block of the sheet (blank rows left out), read column by column; each row's errors in the
    order of its columns."""
    numbers, kept = [], []
    for offset, cells in enumerate(block):
        if not any(cells):
            continue
        head = cells[0]
        if (head is None or (head.__class__ is str and not head.strip())) and all(is_blank(c) for c in cells):
            continue
        if len(cells) < width:
            cells = list(cells) + [""] * (width - len(cells))
        numbers.append(first_number + offset)
        kept.append(cells)
    if not kept:
        return []
    columns = list(zip(*kept, strict=False)) if plan else []
    row_errors: dict[int, list[CellError]] = {}
    holes: set[int] = set()
    outs = []
    for index, _field, read, required, keep, empty, where in plan:
        out, maybe = read(columns[index])
        for i in maybe:
            mark = out[i]
            if mark.__class__ is not _Mark:
                continue
            if mark is _BLANK:
                if required:
                    message = "Ô bắt buộc đang để trống."
                elif keep:
                    out[i] = ABSENT
                    holes.add(i)
                    continue
                else:
                    out[i] = empty
                    continue
            else:
                message = mark.message
            out[i] = ABSENT
            holes.add(i)
            row_errors.setdefault(i, []).append(CellError(name, numbers[i], *where, message))
        outs.append(out)
    if outs:
        values = [dict(zip(fields, row, strict=True)) for row in zip(*outs, strict=True)]
    else:
        values = [{} for _ in kept]
    for i in holes:
        values[i] = {k: v for k, v in values[i].items() if v is not ABSENT}
    return [
        Row(number, cells, row_values, row_errors.get(i) or [])
        for i, (number, cells, row_values) in enumerate(zip(numbers, kept, values, strict=True))
    ]


def header_key_of(column: Column) -> str:
    return read_header(column.header).key
