"""Amounts in the reader's language: Chinese counts in 亿 and 万 (1 tỷ = 10 亿, 1 triệu = 100 万), and the three
forms of one amount denote the same number of đồng."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiendo.domain.money import format_vnd_in

# What each unit word is worth, and the digits' separators, per language.
_WORTH = {
    "tỷ đồng": 10**9,
    "triệu đồng": 10**6,
    "đồng": 1,
    "billion VND": 10**9,
    "million VND": 10**6,
    "VND": 1,
    "亿越南盾": 10**8,
    "万越南盾": 10**4,
    "越南盾": 1,
}


def _read(text: str, language: str) -> tuple[Decimal, Decimal]:
    """The amount a form denotes, and the half-step of its last digit (how far rounding may have moved it)."""
    number, _, unit = text.partition(" ")
    if language == "vi":
        number = number.replace(".", "").replace(",", ".")
    else:
        number = number.replace(",", "")
    value = Decimal(number)
    worth = _WORTH[unit]
    step = Decimal(1).scaleb(value.as_tuple().exponent) if value.as_tuple().exponent < 0 else Decimal(1)
    return value * worth, step * worth / 2


@pytest.mark.parametrize(
    ("amount", "unit", "shown"),
    [
        (1_287_600_000_000, "auto", "12,876 亿越南盾"),
        (1_000_000_000, "auto", "10 亿越南盾"),
        (150_000_000, "auto", "1.5 亿越南盾"),
        (123_456_789, "auto", "1.235 亿越南盾"),
        (1_000_000, "auto", "100 万越南盾"),
        (99_990_000, "auto", "9,999 万越南盾"),
        (5_000, "auto", "5,000 越南盾"),
        (10_001, "auto", "1.0001 万越南盾"),
        (159_950_000, "auto", "1.600 亿越南盾"),  # rounded: the zeros say how far (hypothesis found "1.6")
        (-2_500_000_000, "auto", "-25 亿越南盾"),
        (17_250_000_000, "ty", "173 亿越南盾"),
        (250_000_000, "trieu", "25,000 万越南盾"),
    ],
)
def test_chinese_amounts_count_in_yi_and_wan(amount: int, unit: str, shown: str) -> None:
    assert format_vnd_in(amount, "zh-hans", unit) == shown


def test_a_column_in_ty_keeps_its_precision_in_chinese() -> None:
    # one decimal of tỷ is one 亿: 17,3 tỷ đồng is 173 亿越南盾
    assert format_vnd_in(17_250_000_000, "vi", "ty", 1) == "17,3 tỷ đồng"
    assert format_vnd_in(17_250_000_000, "zh", "ty", 1) == "173 亿越南盾"
    assert format_vnd_in(17_250_000_000, "en", "ty", 1) == "17.3 billion VND"


def test_vietnamese_and_english_forms() -> None:
    assert format_vnd_in(1_287_600_000_000, "vi") == "1.287,6 tỷ đồng"
    assert format_vnd_in(1_287_600_000_000, "en") == "1,287.6 billion VND"
    assert format_vnd_in(250_000_000, "en") == "250 million VND"


def test_refuses_what_is_not_an_amount() -> None:
    with pytest.raises(TypeError):
        format_vnd_in(1.5, "zh")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        format_vnd_in(1, "zh", "gram")


@given(st.integers(min_value=-(10**16), max_value=10**16), st.sampled_from(["auto", "ty", "trieu", "dong"]))
def test_the_three_forms_denote_the_same_amount(amount: int, unit: str) -> None:
    readings = {language: _read(format_vnd_in(amount, language, unit), language) for language in ("vi", "en", "zh")}
    for value, half_step in readings.values():
        assert abs(value - amount) <= half_step  # each form is the amount, rounded at its last digit
    assert readings["vi"] == readings["en"]
    # the Chinese form is at least as precise as the Vietnamese one (or exact: "1.364 万" is 13.640 đồng to the đồng)
    assert readings["zh"][1] <= readings["vi"][1] or readings["zh"][0] == amount
