"""Reading the spreadsheets provinces upload, whatever the import: one way to open, find and read them.

The project registry import and the Treasury's disbursement reports both accept .xlsx, .xlsm, .xls, .ods (read
with python-calamine) and .csv, refuse a file they cannot read with the same Vietnamese message, find their
columns by header whatever the spelling or order, and read cells with the parsers of `tiendo.domain.tabular`.
This module holds that common part, so a fix to how a file is opened or a header is matched reaches every import.
What a sheet means (its columns, its rules across rows, what is written) stays with the import that owns it.

Everything here raises `FileRejected` when the file as a whole cannot be used, and ValueError with a message a
user can act on when one cell cannot be read (the imports turn it into a CellError).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from tiendo.domain.input_checks import Refused, decode_text
from tiendo.domain.tabular import CellError, Header, column_letter, parse_text, read_header
from tiendo.domain.text import clean, search_key

__all__ = [
    "EXTENSIONS",
    "BoundColumn",
    "FileRejected",
    "HeaderColumn",
    "bind_header",
    "choice_reader",
    "find_header_row",
    "memo",
    "missing_columns",
    "read_csv",
    "read_sheets",
    "tax_code",
    "text_reader",
]

EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
_TAX_CODE = re.compile(r"\d{10}(-\d{3})?")

Rows = list[list[Any]]


class FileRejected(Exception):
    """The file cannot be read at all (wrong type, damaged, no known sheet)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------------------------------------------------------
# Opening a file


def read_sheets(
    file, filename: str, *, csv_sheet: str, name_of: Callable[[str], str | None] = lambda name: name
) -> dict[str, Rows]:
    """The rows of the sheets a caller wants, in the file's order, cells typed by python-calamine.

    `file` is a path or a binary file object; `filename` (as uploaded) decides the format. `name_of` maps a sheet
    name as written to the name the caller uses for it (say, without diacritics to the canonical spelling), or to
    None for a sheet to skip: a skipped sheet is never read, and of two sheets with the same name only the first
    is. A CSV file is one sheet, named `csv_sheet`. Raises FileRejected for another extension or a damaged file.
    """
    suffix = Path(filename).suffix.lower()
    if suffix not in EXTENSIONS:
        raise FileRejected(f"Không đọc được tệp '{filename}': chỉ nhận .xlsx, .xls, .ods hoặc .csv.")
    if suffix == ".csv":
        return {csv_sheet: read_csv(file)}
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        if isinstance(file, str | Path):
            book = CalamineWorkbook.from_path(str(file))
        else:
            book = CalamineWorkbook.from_filelike(file)
        tables: dict[str, Rows] = {}
        for name in book.sheet_names:
            canonical = name_of(name)
            if canonical is not None and canonical not in tables:
                tables[canonical] = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        book.close()
    except (CalamineError, ValueError, OSError) as error:
        raise FileRejected(f"Không đọc được tệp '{filename}': tệp hỏng hoặc không phải bảng tính ({error}).") from None
    return tables


def read_csv(file) -> Rows:
    """UTF-8 with or without a byte-order mark, comma or semicolon; undo the exports' formula guard."""
    raw = Path(file).read_bytes() if isinstance(file, str | Path) else file.read()
    try:
        text = decode_text(raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass"))
    except Refused as refused:
        raise FileRejected(refused.about("Tệp CSV")) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return [[_unguard(cell) for cell in row] for row in rows]


def _unguard(cell: str) -> str:
    """The CSV exports write '=x as a guard against formula injection: read x back."""
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@" else cell


# ---------------------------------------------------------------------------------------------------------------
# Headers


class HeaderColumn(Protocol):
    """What header matching needs of an import's column description."""

    @property
    def field(self) -> str: ...

    @property
    def header(self) -> str: ...

    @property
    def required(self) -> bool: ...


@dataclass(frozen=True)
class BoundColumn:
    """A column of the file matched to a column of the import: where it is and the unit its header states."""

    index: int  # 0-based position in the row
    column: Any  # the import's column description
    title: Header  # the header as written, its key and unit

    @property
    def letter(self) -> str:
        return column_letter(self.index)


def find_header_row(rows: Sequence[Sequence[Any]], is_header: Callable[[Header], bool], limit: int) -> int | None:
    """The first of the top `limit` rows with a header cell `is_header` accepts: reports put titles above it."""
    for index, cells in enumerate(rows[:limit]):
        if any(is_header(read_header(c)) for c in cells if isinstance(c, str)):
            return index
    return None


def bind_header(
    sheet: str,
    row_number: int,
    header: Iterable[Any],
    find: Callable[[str], Any],
    errors: list[CellError],
    *,
    unit_problem: Callable[[Any, str], str | None] | None = None,
    refused_counts: bool = True,
) -> tuple[list[BoundColumn], dict[str, int]]:
    """Match the cells of a header row to an import's columns, in any order, ignoring columns it does not know.

    `find` takes a header key (`read_header(cell).key`) and returns the column, or None for "STT", the error
    column of a returned file and the office's own columns. A column written twice, or whose header states a
    unit `unit_problem` refuses (it returns a message), adds a CellError at `row_number` and is not bound.
    Returns the bound columns in file order, and the position of the first cell naming each field. A column
    refused for its unit still counts as present (a later one of its field is a repeat, and it is not missing:
    see `missing_columns`), unless `refused_counts=False`: then a later column of the field is read instead, so
    the errors name only the real problem (the Treasury import).
    """
    bound: list[BoundColumn] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(header):
        title = read_header(cell)
        column = find(title.key)
        if column is None:
            continue
        letter = column_letter(index)
        if column.field in seen:
            first = column_letter(seen[column.field])
            message = f"Cột '{column.header}' lặp lại (đã có ở cột {first})."
            errors.append(CellError(sheet, row_number, letter, title.text, message))
            continue
        problem = unit_problem(column, title.unit) if unit_problem is not None else None
        if problem is None or refused_counts:
            seen[column.field] = index
        if problem:
            errors.append(CellError(sheet, row_number, letter, title.text, problem))
            continue
        bound.append(BoundColumn(index, column, title))
    return bound, seen


def missing_columns(
    sheet: str, row_number: int, columns: Iterable[HeaderColumn], present: Iterable[str], errors: list[CellError]
) -> None:
    """A CellError for each required column whose field is not in `present`."""
    present = set(present)
    for column in columns:
        if column.required and column.field not in present:
            errors.append(CellError(sheet, row_number, "", column.header, f"Thiếu cột bắt buộc '{column.header}'."))


# ---------------------------------------------------------------------------------------------------------------
# Cell readers that are not about one import


def choice_reader(choices: dict[str, tuple[str, ...]]) -> Callable[[Any], str]:
    """Read a code from any of its labels (without diacritics); the first label of each is the one shown."""
    by_key = {search_key(label): code for code, labels in choices.items() for label in labels}
    shown = "; ".join(labels[0] for labels in choices.values())

    def read(cell):
        code = by_key.get(search_key(parse_text(cell)))
        if code is None:
            raise ValueError(f"Giá trị không hợp lệ: '{parse_text(cell)}'. Chọn một trong: {shown}.")
        return code

    return read


def text_reader(max_length: int | None, name: bool) -> Callable[[Any], str]:
    """Text trimmed (a name also has its inner spaces cleaned), refused when longer than the field holds."""

    def read(cell):
        text = clean(parse_text(cell)) if name else parse_text(cell)
        if max_length and len(text) > max_length:
            raise ValueError(f"Quá dài: {len(text)} ký tự (tối đa {max_length}).")
        return text

    return read


def tax_code(cell) -> str:
    """A Vietnamese tax code: 10 digits, or 10 digits, a hyphen and 3 digits for a branch."""
    if isinstance(cell, float | int) and not isinstance(cell, bool) and float(cell).is_integer():
        text = str(int(cell)).zfill(10)  # a number cell lost the leading zero
    else:
        text = parse_text(cell).replace(" ", "")
    if not _TAX_CODE.fullmatch(text):
        raise ValueError(f"Mã số thuế không hợp lệ: '{text}' (10 chữ số, hoặc 10 chữ số-3 chữ số với chi nhánh).")
    return text


def memo(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Codes and labels repeat down a column: read each distinct cell once (errors too)."""
    seen: dict[Any, Any] = {}

    def cached(cell):
        try:
            result = seen[cell]
        except KeyError:
            try:
                result = seen[cell] = (True, read(cell))
            except ValueError as error:
                result = seen[cell] = (False, str(error))
        except TypeError:  # unhashable: never from a reader, but be safe
            return read(cell)
        if result[0]:
            return result[1]
        raise ValueError(result[1])

    return cached
