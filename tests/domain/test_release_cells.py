"""A statistics release's cells as the office writes them: growth in percent with a decimal comma, quarters in Roman
numerals, thousands grouped by dots; absurd or endless numbers refused with a sentence, never passed on."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiendo.domain import release_cells as cells


@pytest.mark.parametrize(
    ("cell", "fraction"),
    [("9,85", "0.0985"), ("9.85", "0.0985"), (9.85, "0.0985"), ("9,85 %", "0.0985"), ("-2,5", "-0.025"),
     (0, "0"), ("-100", "-1"), ("1000", "10"), ("12,3456", "0.123456"), ("1,0000004", "0.010000")],
)  # fmt: skip
def test_growth_in_percent_becomes_a_fraction(cell, fraction):
    assert cells.parse_growth_percent(cell) == Decimal(fraction)


@pytest.mark.parametrize(
    ("cell", "message"),
    [("1e400", "quá lớn"), (float("inf"), "vô hạn"), (float("nan"), "vô hạn"), ("-100,01", "không hợp lý"),
     ("1000,5", "không hợp lý"), ("chín", "không hợp lệ"), (True, "đúng/sai"), ("NaN", "không hợp lệ"),
     ("Infinity", "không hợp lệ"), ("", "không hợp lệ")],
)  # fmt: skip
def test_absurd_growth_is_refused_with_a_sentence(cell, message):
    with pytest.raises(ValueError, match=message):
        cells.parse_growth_percent(cell)


def test_tiny_exponents_round_to_zero_rather_than_fail():
    assert cells.parse_growth_percent("1e-400") == Decimal("0")


@pytest.mark.parametrize(
    ("cell", "number"),
    [("5.300", "5300"), ("1.234.567", "1234567"), ("1.234,5", "1234.5"), ("0.500", "0.500"), ("-2.500", "-2500"),
     ("9.85", "9.85"), ("12.3456", "12.3456"), (" 7 300 ", "7300"), ("5\u00a0300,25", "5300.25")],
)  # fmt: skip
def test_numbers_read_the_vietnamese_way(cell, number):
    assert cells.read_number(cell) == Decimal(number)


@pytest.mark.parametrize(
    ("cell", "quarter"), [(1, 1), (4.0, 4), ("I", 1), ("iv", 4), ("Quý III", 3), ("QUÝ II", 2), ("Q2", 2), ("3", 3)]
)
def test_quarters_as_written(cell, quarter):
    assert cells.parse_quarter(cell) == quarter


@pytest.mark.parametrize("cell", [0, 5, "V", "Quý 5", 1.5, "quý"])
def test_quarters_that_do_not_exist(cell):
    with pytest.raises(ValueError, match="Quý"):
        cells.parse_quarter(cell)


def test_values_follow_their_unit():
    assert cells.parse_value("5.300,5", "billion_vnd") == Decimal("5300.5")
    assert cells.parse_value("-12", "million_usd") == Decimal("-12")  # a trade balance may fall below zero
    with pytest.raises(ValueError, match="số nguyên không âm"):
        cells.parse_value("12,5", "count")
    with pytest.raises(ValueError, match="số nguyên không âm"):
        cells.parse_value(-1, "count")
    with pytest.raises(ValueError, match="Tỷ lệ"):
        cells.parse_value(1500, "percent")
    with pytest.raises(ValueError, match="quá lớn"):
        cells.parse_value("1e17", "billion_vnd")
    with pytest.raises(ValueError, match="không được âm"):
        cells.parse_level(-1)
    assert cells.parse_level("28.123,4567") == Decimal("28123.457")


def test_years_months_and_periods():
    assert cells.parse_year(2026.0) == 2026
    with pytest.raises(ValueError, match="Năm 1999"):
        cells.parse_year(1999)
    with pytest.raises(ValueError, match="số nguyên"):
        cells.parse_year(2026.5)
    assert cells.parse_months("12") == 12
    with pytest.raises(ValueError, match="Số tháng 13"):
        cells.parse_months(13)
    assert cells.period_started(2026, 4, date(2026, 4, 1)) and not cells.period_started(2026, 4, date(2026, 3, 31))


def test_formats():
    assert cells.format_percent(Decimal("0.092")) == "9,20 %"
    assert cells.format_percent(Decimal("-0.0255")) == "-2,55 %"
    assert cells.format_plain(Decimal("5300.0000")) == "5.300"
    assert cells.format_plain(Decimal("1234567.25")) == "1.234.567,25"


@given(st.decimals(min_value=-100, max_value=1000, places=4))
def test_a_growth_written_the_offices_way_reads_back(percent):
    written = cells.format_plain(percent, 4)
    assert cells.parse_growth_percent(written) == (percent / 100).quantize(Decimal("0.000001"))
