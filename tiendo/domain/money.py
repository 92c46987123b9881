"""Money as an integer number of đồng, read and written the way Vietnamese forms and spreadsheets do.

Storage is exact integers; only display rounds. Vietnamese writes "1.234.567,5": "." groups thousands and
"," is the decimal separator. All rounding is half away from zero on integers, so no float error creeps in.
"""

import re
from decimal import Decimal

from tiendo.domain.text import clean, search_key

__all__ = ["DONG", "TRIEU", "TY", "format_number", "format_vnd", "format_vnd_in", "parse_vnd"]

DONG = 1
TRIEU = 1_000_000
TY = 1_000_000_000
_NGHIN = 1_000

# Unit words by their search key, so "Tỷ", "tỉ", "ty" and "tỷ đồng" all read alike.
_UNITS: dict[str, int] = {
    "dong": DONG,
    "d": DONG,
    "₫": DONG,
    "vnd": DONG,
    "nghin": _NGHIN,
    "nghin dong": _NGHIN,
    "ngan": _NGHIN,
    "ngan dong": _NGHIN,
    "trieu": TRIEU,
    "trieu dong": TRIEU,
    "ty": TY,
    "ty dong": TY,
    "ti": TY,
    "ti dong": TY,
}
_UNIT_NAMES = {DONG: "đồng", TRIEU: "triệu đồng", TY: "tỷ đồng"}
_DEFAULT_DECIMALS = {DONG: 0, TRIEU: 1, TY: 1}

# Sign, number (digits with "." "," or space), then an optional unit word.
_AMOUNT = re.compile(r"([+\-−]?) ?([0-9][0-9., ]*?) ?([^0-9., ][^0-9]*)?")
# Digits alone, or grouped by threes with one kind of separator ("1.234.567", "1 234 567").
_WHOLE = re.compile(r"[0-9]+|[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[1-9][0-9]{0,2}(?: [0-9]{3})+")
_FRACTION = re.compile(r"[0-9]+")


def _round_half_away(numerator: int, denominator: int) -> int:
    """Divide and round like an accountant: 1,25 -> 1,3 and -1,25 -> -1,3."""
    quotient, remainder = divmod(abs(numerator), denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    return quotient if numerator >= 0 else -quotient


def _format_fraction(numerator: int, denominator: int, decimals: int) -> str:
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    scale = 10**decimals
    scaled = _round_half_away(numerator * scale, denominator)
    whole, fraction = divmod(abs(scaled), scale)
    text = ("-" if scaled < 0 else "") + f"{whole:,}".replace(",", ".")
    if decimals:
        text += "," + str(fraction).zfill(decimals)
    return text


def _unit_factor(unit: str) -> int:
    factor = _UNITS.get(search_key(unit))
    if factor is None:
        raise ValueError(f"Đơn vị tiền không hợp lệ: {unit!r}")
    return factor


def format_number(value: int | Decimal, decimals: int = 0) -> str:
    """Write a number the Vietnamese way ("1.234,5"), rounding half away from zero."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"Số không hợp lệ: {value!r}")
        numerator, denominator = value.as_integer_ratio()
    elif isinstance(value, int):
        numerator, denominator = value, 1
    else:
        raise TypeError(f"format_number takes int or Decimal, not {type(value).__name__}")
    return _format_fraction(numerator, denominator, decimals)


def format_vnd(amount: int, unit: str = "auto", decimals: int | None = None) -> str:
    """Show an amount in đồng, triệu or tỷ as Vietnamese reports do.

    Without explicit decimals a fraction of zero is dropped ("2 tỷ đồng"); with them the width is kept.
    """
    if not isinstance(amount, int):
        raise TypeError(f"format_vnd takes an int number of đồng, not {type(amount).__name__}")
    if unit == "auto":
        factor = TY if abs(amount) >= TY else TRIEU if abs(amount) >= TRIEU else DONG
    else:
        factor = _unit_factor(unit)
        if factor not in _UNIT_NAMES:
            raise ValueError(f"Đơn vị tiền không hợp lệ: {unit!r}")
    places = _DEFAULT_DECIMALS[factor] if decimals is None else decimals
    number = _format_fraction(amount, factor, places)
    if decimals is None and places:
        number = number.removesuffix("," + "0" * places)
    return f"{number} {_UNIT_NAMES[factor]}"


# Chinese counts by 万 (10⁴) and 亿 (10⁸): 1 tỷ đồng = 10 亿越南盾, 1 triệu đồng = 100 万越南盾.
_WAN = 10_000
_YI = 100_000_000
_UNITS_EN = {DONG: "VND", TRIEU: "million VND", TY: "billion VND"}
_UNITS_ZH = {DONG: "越南盾", _WAN: "万越南盾", _YI: "亿越南盾"}
# A Vietnamese unit asked for a column maps to the Chinese unit, and its decimals to as many significant places.
_ZH_FOR = {DONG: (DONG, 0, 0), TRIEU: (_WAN, 2, 0), TY: (_YI, 1, 0)}


def _zh_auto(amount: int) -> tuple[int, int]:
    """The Chinese unit of an amount and its decimals, at least as precise as the Vietnamese form."""
    size = abs(amount)
    if size >= 10 * _YI:
        return _YI, 0  # 1.287,6 tỷ = 12.876 亿
    if size >= _YI:
        return _YI, 3  # 123,5 triệu = 1,235 亿
    if size >= TRIEU:
        return _WAN, 0  # 1,2 triệu = 123 万
    if size >= _WAN:
        return _WAN, 4  # exact, as Vietnamese writes đồng below a million
    return DONG, 0


def _english_digits(text: str) -> str:
    """Vietnamese "1.234,5" becomes "1,234.5" for English and Chinese readers."""
    return text.replace(".", "\0").replace(",", ".").replace("\0", ",")


def format_vnd_in(amount: int, language: str, unit: str = "auto", decimals: int | None = None) -> str:
    """An amount in the reader's language: "1.287,6 tỷ đồng", "1,287.6 billion VND", "12,876 亿越南盾".

    Chinese counts in 亿 (from 1 亿 = 100 triệu) and 万 below, the way Chinese figures are written; a unit asked
    for (a column in tỷ or triệu) becomes 亿 or 万 with the same precision. Vietnamese is the default language.
    """
    if language.startswith("en"):
        text = format_vnd(amount, unit, decimals)
        number, _, unit_words = text.partition(" ")
        factor = {name: f for f, name in _UNIT_NAMES.items()}[unit_words]
        return f"{_english_digits(number)} {_UNITS_EN[factor]}"
    if not language.startswith("zh"):
        return format_vnd(amount, unit, decimals)
    if not isinstance(amount, int):
        raise TypeError(f"format_vnd takes an int number of đồng, not {type(amount).__name__}")
    if unit == "auto":
        factor, places = _zh_auto(amount)
        places = places if decimals is None else decimals
    else:
        vi_factor = _unit_factor(unit)
        if vi_factor not in _ZH_FOR:
            raise ValueError(f"Đơn vị tiền không hợp lệ: {unit!r}")
        factor, shift, default = _ZH_FOR[vi_factor]
        places = default if decimals is None else max(decimals - shift, 0)
    number = _format_fraction(amount, factor, places)
    # trailing zeros go only when the figure is exact: "1,5 亿" is 150,000,000 đồng, but 159,950,000 đồng is
    # "1,600 亿", rounded at the third place like "160 triệu" at the unit, not "1,6 亿" (a reader's ±5 triệu)
    if decimals is None and places and amount % (factor // 10**places or 1) == 0:
        whole, _, fraction = number.partition(",")
        while fraction.endswith("0") and amount % (factor // 10 ** (len(fraction) - 1) or 1) == 0:
            fraction = fraction[:-1]
        number = f"{whole},{fraction}" if fraction else whole
    return f"{_english_digits(number)} {_UNITS_ZH[factor]}"


def parse_vnd(text: str, unit: str = "dong") -> int:
    """Read an amount typed in a form or a spreadsheet cell as an integer number of đồng.

    "." followed by exactly three digits after one to three digits groups thousands ("1.234" is 1234); any
    other single "." is a decimal point, as in "1234567.0" from a spreadsheet; "," is always decimal.
    A unit word after the number ("1,5 tỷ", "200 triệu đồng") wins over the unit argument.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_vnd takes a str, not {type(text).__name__}")
    factor = _unit_factor(unit)
    invalid = f"Số tiền không hợp lệ: {text!r}"
    match = _AMOUNT.fullmatch(clean(text))
    if match is None:
        raise ValueError(invalid)
    sign, number, unit_word = match.groups()
    if unit_word is not None:
        factor = _unit_factor(unit_word)
    if number.count(",") > 1:
        raise ValueError(f"{invalid} (nhiều hơn một dấu thập phân)")
    whole, comma, fraction = number.partition(",")
    if whole.count(".") == 1 and " " not in whole:
        head, point, tail = whole.partition(".")
        if not (len(tail) == 3 and 1 <= len(head) <= 3 and not head.startswith("0")):
            if comma:
                raise ValueError(f"{invalid} (nhiều hơn một dấu thập phân)")
            whole, comma, fraction = head, point, tail
    if not _WHOLE.fullmatch(whole) or (comma and not _FRACTION.fullmatch(fraction)):
        raise ValueError(invalid)
    digits = int(whole.replace(".", "").replace(" ", "") + fraction)
    amount = _round_half_away(digits * factor, 10 ** len(fraction))
    return -amount if sign in ("-", "−") else amount
