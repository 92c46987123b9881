"""Spreadsheet cells as provincial offices fill them in, read into Python values with Vietnamese error messages.

A cell reaches us typed by python-calamine (float, int, date, datetime, str) or as text from a CSV file; the
same parser accepts both, so an amount typed "1.234.567" and one stored as the number 1234567.0 read alike.
Parsers raise ValueError with a message a user can act on; the import turns it into a CellError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from tiendo.domain.money import parse_vnd
from tiendo.domain.text import clean, search_key

__all__ = [
    "CellError",
    "Header",
    "column_letter",
    "excel_serial",
    "header_key",
    "is_blank",
    "parse_amount",
    "parse_date",
    "parse_decimal",
    "parse_int",
    "parse_percent",
    "parse_text",
    "read_header",
    "unit_factor",
]

# Excel's day zero in the 1900 date system (the 1900 leap-year bug makes it 30/12/1899, not 31/12/1899).
_EXCEL_EPOCH = date(1899, 12, 30)
_MAX_SERIAL = (date(9999, 12, 31) - _EXCEL_EPOCH).days
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
_UNIT = re.compile(r"\(([^()]*)\)\s*\*?\s*$")
_GROUPED_INT = re.compile(r"[+-]?[1-9]\d{0,2}(?:([. ])\d{3})(?:\1\d{3})*")
_PLAIN_INT = re.compile(r"[+-]?\d+")

Cell = object  # what a reader hands over: str, int, float, bool, date, datetime, or None


@dataclass(frozen=True)
class CellError:
    """One problem in an uploaded file, located the way the user sees the spreadsheet."""

    sheet: str
    row: int  # 1-based, the header is row 1
    column: str  # the column letter ("C"), empty when the problem is the whole row or sheet
    header: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = f"{self.sheet}, dòng {self.row}"
        if self.column:
            where += f", cột {self.column}"
        if self.header:
            where += f" ({self.header})"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Header:
    """A column title: its matching key without diacritics and the unit stated in parentheses, if any."""

    text: str
    key: str
    unit: str


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 -> A, 26 -> AA."""
    if index < 0:
        raise ValueError(f"index must be >= 0, got {index}")
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def header_key(text: str) -> str:
    """Match headers however they are typed: "Tổng vốn (tỷ đồng)" and "tong von" have the same key."""
    return search_key(_UNIT.sub("", text.strip()).rstrip(" *"))


def read_header(text: object) -> Header:
    """Split a header cell into its key and the unit written in its last parentheses."""
    raw = "" if text is None else str(text).strip()
    match = _UNIT.search(raw)
    unit = clean(match.group(1)) if match else ""
    return Header(raw, header_key(raw), unit)


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_text(value: Cell) -> str:
    """Text as typed, trimmed; a number typed into a text column (a code like 123) reads as "123"."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        raise ValueError("Giá trị không hợp lệ: cần chữ, không phải đúng/sai.")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime | date):
        return _as_date(value).strftime("%d/%m/%Y")
    raise ValueError(f"Giá trị không hợp lệ: {value!r}")


def excel_serial(day: date) -> int:
    """The number Excel stores for a date (1900 date system)."""
    return (day - _EXCEL_EPOCH).days


def _as_date(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"Ngày không tồn tại: '{text}'.") from None


def parse_date(value: Cell) -> date:
    """Read dd/mm/yyyy (also d/m/yyyy, with - or .), ISO yyyy-mm-dd, an Excel serial number or a date cell."""
    if isinstance(value, datetime | date):
        return _as_date(value)
    if isinstance(value, bool):
        raise ValueError("Ngày không hợp lệ: cần một ngày, không phải đúng/sai.")
    if isinstance(value, int | float):
        if value != value or not 1 <= value <= _MAX_SERIAL:  # NaN or out of Excel's range
            raise ValueError(f"Ngày không hợp lệ: số {value!r} không phải là một ngày của Excel.")
        return _EXCEL_EPOCH + timedelta(days=int(value))
    if not isinstance(value, str):
        raise ValueError(f"Ngày không hợp lệ: {value!r}")
    text = value.strip()
    if match := _DMY.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        return _make_date(year, month, day, text)
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return _make_date(year, month, day, text)
    raise ValueError(f"Ngày không hợp lệ: '{text}' (dùng dd/mm/yyyy, ví dụ 31/12/2025).")


@lru_cache(maxsize=64)
def unit_factor(unit: str) -> int:
    """Đồng per unit named in a header: "đồng" 1, "triệu đồng" 1,000,000, "tỷ đồng" 1,000,000,000."""
    try:
        return parse_vnd("1", unit or "đồng")
    except ValueError:
        raise ValueError(f"Đơn vị tiền không hợp lệ: '{unit}' (dùng đồng, triệu đồng hoặc tỷ đồng).") from None


def _number_text(value: float | int) -> str:
    """A numeric cell written the Vietnamese way ("," before decimals) so parse_vnd cannot take "." for thousands."""
    if isinstance(value, int):
        return str(value)
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text.replace(".", ",")


def parse_amount(value: Cell, unit: str = "đồng", *, negative: bool = False) -> int:
    """An amount in the header's unit as integer đồng: "1.234.567", "1,5" (tỷ), or a number cell."""
    factor = unit_factor(unit)
    if isinstance(value, bool):
        raise ValueError("Số tiền không hợp lệ: cần một số.")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("Số tiền không hợp lệ.")
        amount = int(value) * factor if value.is_integer() else parse_vnd(_number_text(value), unit or "đồng")
    elif isinstance(value, int):
        amount = value * factor
    elif isinstance(value, str):
        try:
            amount = parse_vnd(value, unit or "đồng")
        except ValueError:
            raise ValueError(f"Số tiền không hợp lệ: '{value.strip()}' (ví dụ 1.234.567 hoặc 1234567).") from None
    else:
        raise ValueError(f"Số tiền không hợp lệ: {value!r}")
    if amount < 0 and not negative:
        raise ValueError("Số tiền không được âm.")
    return amount


def _decimal(value: Cell) -> Decimal:
    if isinstance(value, bool):
        raise ValueError("Số không hợp lệ: cần một số.")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("Số không hợp lệ.")
        return Decimal(repr(value))
    if isinstance(value, int | Decimal):
        number = Decimal(value)
        if not number.is_finite():
            raise ValueError("Số không hợp lệ.")
        return number
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        if text.count(",") == 1 and "." in text:  # "1.234,5": dots group thousands
            text = text.replace(".", "")
        elif text.count(".") > 1:  # "1.234.567"
            text = text.replace(".", "")
        text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"Số không hợp lệ: '{value.strip()}'.") from None
        if not number.is_finite():
            raise ValueError(f"Số không hợp lệ: '{value.strip()}'.")
        return number
    raise ValueError(f"Số không hợp lệ: {value!r}")


def _rounded(number: Decimal, places: int) -> Decimal:
    """Rounded to `places`; a number too large to hold that many places ("1e400") is refused, not a crash."""
    try:
        return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise ValueError(f"Số quá lớn (đang là {number}).") from None


def parse_decimal(value: Cell, places: int, minimum: Decimal | None = None, maximum: Decimal | None = None) -> Decimal:
    """A decimal number rounded to the places the database keeps ("1.234,5", "1234.5" or a number cell)."""
    number = _rounded(_decimal(value), places)
    if minimum is not None and number < minimum:
        raise ValueError(f"Số phải từ {minimum} trở lên (đang là {number}).")
    if maximum is not None and number > maximum:
        raise ValueError(f"Số phải không quá {maximum} (đang là {number}).")
    return number


def parse_percent(value: Cell) -> Decimal:
    """Percentage points from 0 to 100 ("45,5", "45.5%", 45.5); a cell holding 0.455 means 0.455 %, not 45.5 %."""
    if isinstance(value, str):
        value = value.strip().removesuffix("%")
    number = _rounded(_decimal(value), 2)
    if not Decimal(0) <= number <= Decimal(100):
        raise ValueError(f"Tỷ lệ phải từ 0 đến 100% (đang là {number}).")
    return number


def parse_int(value: Cell, minimum: int | None = 0) -> int:
    """A whole number ("1.234", "1234" or a number cell); counts are never negative unless said so."""
    if isinstance(value, bool):
        raise ValueError("Số không hợp lệ: cần một số nguyên.")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"Cần một số nguyên (đang là {value!r}).")
        number = int(value)
    elif isinstance(value, int):
        number = value
    elif isinstance(value, str):
        text = value.strip().replace("\u00a0", " ")
        if _GROUPED_INT.fullmatch(text):
            number = int(text.replace(".", "").replace(" ", ""))
        elif _PLAIN_INT.fullmatch(text):
            number = int(text)
        else:
            raise ValueError(f"Cần một số nguyên (đang là '{text}').")
    else:
        raise ValueError(f"Số không hợp lệ: {value!r}")
    if minimum is not None and number < minimum:
        raise ValueError(f"Số phải từ {minimum} trở lên (đang là {number}).")
    return number
