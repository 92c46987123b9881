"""The cells of a statistics office's release as the office writes them, read into values with Vietnamese errors.

Growth is written in percent with a decimal comma ("9,85", "9,85 %" or the number 9.85) and kept as a fraction
(0.0985); a level of GRDP at comparable prices is in billion đồng; quarters are written 1, "I", "Quý I" or "Q1".
Every reader raises ValueError with a sentence the user can act on. Magnitudes are bounded before rounding, so a
cell like "1e400" is refused as a number too large, never passed on (the database would refuse it, or a rounding
would raise an arithmetic error instead of a message).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "GROWTH_MAX_PERCENT",
    "GROWTH_MIN_PERCENT",
    "format_percent",
    "format_plain",
    "parse_growth_percent",
    "parse_level",
    "parse_months",
    "parse_quarter",
    "parse_value",
    "parse_year",
    "period_started",
    "read_number",
]

GROWTH_MIN_PERCENT = Decimal(-100)  # a component cannot shrink by more than all of it
GROWTH_MAX_PERCENT = Decimal(1000)  # beyond tenfold growth a cell is a typing error (a level typed as a growth)
_MAX_ADJUSTED = 15  # 10^16: more than any figure of a province, below the database's 20 digits
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(r"(?:quy|q|quarter)?\s*\.?\s*([1-4]|i{1,3}|iv)", re.IGNORECASE)
_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(?:\.\d{3})+")
_QUY = str.maketrans({"ý": "y", "Ý": "Y"})


def read_number(cell: object) -> Decimal:
    """A number as typed ("1.234,5", "9,85", "9.85", "9,85%") or a number cell; bounded in magnitude. As in
    Vietnamese writing, a dot before groups of three digits separates thousands: "5.300" is 5300."""
    if isinstance(cell, bool):
        raise ValueError("Số không hợp lệ: cần một số, không phải đúng/sai.")
    if isinstance(cell, float):
        if cell != cell or cell in (float("inf"), float("-inf")):
            raise ValueError("Số không hợp lệ (vô hạn hoặc không phải số).")
        number = Decimal(repr(cell))
    elif isinstance(cell, int):
        number = Decimal(cell)
    elif isinstance(cell, Decimal):
        number = cell
    elif isinstance(cell, str):
        text = cell.strip().replace("\u00a0", "").replace(" ", "").removesuffix("%")
        if text.count(",") == 1 and "." in text:  # "1.234,5": dots group thousands
            text = text.replace(".", "")
        elif _GROUPED.fullmatch(text):  # "5.300", "1.234.567": a dot before three digits groups them
            text = text.replace(".", "")
        text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"Số không hợp lệ: '{cell.strip()}' (ví dụ 9,85 hoặc 1.234,5).") from None
    else:
        raise ValueError(f"Số không hợp lệ: {cell!r}")
    if not number.is_finite():
        raise ValueError(f"Số không hợp lệ: '{cell}'.")
    if number and number.adjusted() > _MAX_ADJUSTED:
        raise ValueError(f"Số quá lớn: '{cell}'.")
    return number


def _rounded(number: Decimal, places: int) -> Decimal:
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def parse_growth_percent(cell: object) -> Decimal:
    """Growth over the same period of the previous year, written in percent (9,85 means 9.85 %), as a fraction
    rounded to the 6 places the database keeps. Below −100 % or above 1000 % is refused."""
    number = read_number(cell)
    if not GROWTH_MIN_PERCENT <= number <= GROWTH_MAX_PERCENT:
        raise ValueError(
            f"Tăng trưởng {format_plain(number)} % không hợp lý: phải từ −100 % đến 1.000 % "
            "(ghi theo phần trăm, ví dụ 9,85)."
        )
    return _rounded(number / 100, 6)


def parse_level(cell: object) -> Decimal:
    """GRDP at comparable prices in billion đồng (3 decimal places), not negative."""
    number = read_number(cell)
    if number < 0:
        raise ValueError("GRDP theo giá so sánh không được âm.")
    return _rounded(number, 3)


def parse_value(cell: object, unit: str) -> Decimal:
    """An indicator's value in its unit (4 decimal places): a percentage from −100 to 1000, a count a whole
    number not below zero."""
    number = read_number(cell)
    if unit == "percent" and not GROWTH_MIN_PERCENT <= number <= GROWTH_MAX_PERCENT:
        raise ValueError(f"Tỷ lệ {format_plain(number)} % không hợp lý: phải từ −100 % đến 1.000 %.")
    if unit == "count" and (number < 0 or number != number.to_integral_value()):
        raise ValueError(f"Cần một số nguyên không âm (đang là {format_plain(number)}).")
    return _rounded(number, 4)


def _whole(cell: object, what: str) -> int:
    number = read_number(cell)
    if number != number.to_integral_value():
        raise ValueError(f"{what} phải là số nguyên (đang là {format_plain(number)}).")
    return int(number)


def parse_year(cell: object, first: int = 2000, last: int = 2100) -> int:
    year = _whole(cell, "Năm")
    if not first <= year <= last:
        raise ValueError(f"Năm {year} ngoài khoảng {first}–{last}.")
    return year


def parse_quarter(cell: object) -> int:
    """1 to 4, written 1, "I", "Quý I", "Q1"."""
    if isinstance(cell, str):
        match = _QUARTER.fullmatch(cell.strip().translate(_QUY))
        if match is None:
            raise ValueError(f"Quý không hợp lệ: '{cell.strip()}' (ghi 1, 2, 3, 4 hoặc I, II, III, IV).")
        text = match.group(1).lower()
        return _ROMAN[text] if text in _ROMAN else int(text)
    quarter = _whole(cell, "Quý")
    if not 1 <= quarter <= 4:
        raise ValueError(f"Quý {quarter} không có: ghi từ 1 đến 4.")
    return quarter


def parse_months(cell: object) -> int:
    """How many of the year's first months a value covers: 1 to 12 (3 is the first quarter, 12 the year)."""
    months = _whole(cell, "Số tháng")
    if not 1 <= months <= 12:
        raise ValueError(f"Số tháng {months} không hợp lệ: ghi từ 1 đến 12 (3 là quý I, 12 là cả năm).")
    return months


def period_started(year: int, first_month: int, day: date) -> bool:
    """Whether a period beginning in `first_month` of `year` had begun by `day`: a release cannot give a figure of a
    period that had not started (an estimate of a quarter under way is common)."""
    return date(year, first_month, 1) <= day


def format_plain(number: Decimal, places: int | None = None) -> str:
    """A number the Vietnamese way ("1.234,5"): `places` decimals, else as many as it has (at most 4)."""
    if places is None:
        exponent = number.normalize().as_tuple().exponent
        places = min(max(0, -exponent), 4) if isinstance(exponent, int) else 0
    value = _rounded(number, places)
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + fraction if fraction else "")


def format_percent(fraction: Decimal) -> str:
    """A growth fraction as the office writes it: 0.092 → "9,20 %"."""
    return f"{format_plain(fraction * 100, 2)} %"
