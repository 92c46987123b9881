"""Spreadsheet cells: every way a provincial office writes a date, an amount or a header reads the same."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiendo.domain.tabular import (
    CellError,
    column_letter,
    excel_serial,
    header_key,
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


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("31/12/2025", date(2025, 12, 31)),
        ("1/2/2025", date(2025, 2, 1)),
        ("01-02-2025", date(2025, 2, 1)),
        ("01.02.2025", date(2025, 2, 1)),
        (" 29/02/2024 ", date(2024, 2, 29)),
        ("2025-03-01", date(2025, 3, 1)),
        ("2025-03-01 00:00:00", date(2025, 3, 1)),
        ("2025-03-01T00:00:00", date(2025, 3, 1)),
        (45658, date(2025, 1, 1)),
        (45658.0, date(2025, 1, 1)),
        (45658.75, date(2025, 1, 1)),  # a time of day is dropped
        (date(2020, 5, 6), date(2020, 5, 6)),
        (datetime(2020, 5, 6, 0, 0), date(2020, 5, 6)),  # noqa: DTZ001 - python-calamine returns naive datetimes
    ],
)
def test_parse_date_reads_every_form(cell, expected):
    assert parse_date(cell) == expected


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("31/02/2025", "Ngày không tồn tại"),
        ("29/02/2025", "Ngày không tồn tại"),
        ("2025-13-01", "Ngày không tồn tại"),
        ("32/01/2025", "Ngày không tồn tại"),
        ("12/2025", "Ngày không hợp lệ"),
        ("01/02/25", "Ngày không hợp lệ"),
        ("hôm qua", "Ngày không hợp lệ"),
        ("", "Ngày không hợp lệ"),
        (0, "không phải là một ngày"),
        (-5.0, "không phải là một ngày"),
        (float("nan"), "không phải là một ngày"),
        (10_000_000, "không phải là một ngày"),
        (True, "Ngày không hợp lệ"),
    ],
)
def test_parse_date_rejects_with_a_vietnamese_message(cell, message):
    with pytest.raises(ValueError, match=message):
        parse_date(cell)


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)))
def test_every_date_reads_back_from_each_form(day):
    assert parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(excel_serial(day)) == day
    assert parse_date(float(excel_serial(day))) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year:04d}") == day


@pytest.mark.parametrize(
    ("cell", "unit", "expected"),
    [
        ("1.234.567", "đồng", 1_234_567),
        ("1234567", "đồng", 1_234_567),
        (1234567.0, "đồng", 1_234_567),
        (1234567, "đồng", 1_234_567),
        ("1,5", "tỷ đồng", 1_500_000_000),
        (1.5, "tỷ đồng", 1_500_000_000),
        (1.234, "tỷ đồng", 1_234_000_000),  # a number cell: the dot is a decimal point, not a thousands group
        ("1.234", "tỷ đồng", 1_234_000_000_000),  # typed text: the Vietnamese thousands group
        ("2.500", "triệu đồng", 2_500_000_000),
        (0.1, "triệu đồng", 100_000),
        ("200 triệu", "đồng", 200_000_000),  # a unit written in the cell wins
        ("", "tỷ", None),
        (1e16, "đồng", 10_000_000_000_000_000),
        ("0", "", 0),
    ],
)
def test_parse_amount(cell, unit, expected):
    if expected is None:
        with pytest.raises(ValueError, match="Số tiền không hợp lệ"):
            parse_amount(cell, unit)
    else:
        assert parse_amount(cell, unit) == expected


@pytest.mark.parametrize("cell", ["-5", -5.0, "abc", "1,2,3", True, float("inf")])
def test_parse_amount_rejects(cell):
    with pytest.raises(ValueError, match="Số tiền"):
        parse_amount(cell)


def test_negative_amounts_only_when_allowed():
    assert parse_amount("-1.000", negative=True) == -1000


def test_unknown_unit_is_reported():
    with pytest.raises(ValueError, match="Đơn vị tiền không hợp lệ"):
        unit_factor("đô la")
    assert unit_factor("Tỷ đồng") == 1_000_000_000
    assert unit_factor("") == 1


@given(st.integers(min_value=0, max_value=2**53))
def test_amounts_read_back_as_text_and_as_numbers(amount):
    grouped = f"{amount:,}".replace(",", ".")
    assert parse_amount(grouped) == amount
    assert parse_amount(str(amount)) == amount
    assert parse_amount(float(amount)) == amount


@given(st.integers(min_value=0, max_value=10**12))
def test_amounts_in_millions_survive_a_float_cell(amount):
    """Export in đồng, but a sheet in triệu đồng keeps whole đồng while the number fits a float exactly."""
    assert parse_amount(amount / 1_000_000, "triệu đồng") == amount


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("45,5", Decimal("45.50")),
        ("45.5%", Decimal("45.50")),
        (45.5, Decimal("45.50")),
        (100, Decimal("100.00")),
        ("0", Decimal("0.00")),
        (33.333, Decimal("33.33")),
        (0.455, Decimal("0.46")),
    ],
)
def test_parse_percent(cell, expected):
    assert parse_percent(cell) == expected


@pytest.mark.parametrize("cell", [-1, 100.01, "101%", "nhiều", "1,2,3"])
def test_parse_percent_rejects(cell):
    with pytest.raises(ValueError, match="Tỷ lệ|Số không hợp lệ"):
        parse_percent(cell)


@pytest.mark.parametrize(
    ("cell", "expected"), [("1.234", 1234), ("1 234", 1234), ("12", 12), (12.0, 12), (7, 7), ("0", 0)]
)
def test_parse_int(cell, expected):
    assert parse_int(cell) == expected


@pytest.mark.parametrize(
    ("cell", "message"),
    [("1,5", "số nguyên"), (1.5, "số nguyên"), ("-3", "từ 0"), ("12.34", "số nguyên"), (False, "số nguyên")],
)
def test_parse_int_rejects(cell, message):
    with pytest.raises(ValueError, match=message):
        parse_int(cell)


@pytest.mark.parametrize(
    ("cell", "places", "expected"),
    [
        ("21,123456", 6, Decimal("21.123456")),
        (21.1234567, 6, Decimal("21.123457")),
        ("1.234,5", 1, Decimal("1234.5")),
        ("1.234.567", 1, Decimal("1234567.0")),
        ("106.5", 6, Decimal("106.500000")),
    ],
)
def test_parse_decimal(cell, places, expected):
    assert parse_decimal(cell, places) == expected


def test_parse_decimal_checks_its_range():
    with pytest.raises(ValueError, match="không quá 90"):
        parse_decimal("91", 6, Decimal(-90), Decimal(90))
    with pytest.raises(ValueError, match="từ -90"):
        parse_decimal(-91.0, 6, Decimal(-90), Decimal(90))


@given(st.decimals(min_value=-180, max_value=180, places=6, allow_nan=False))
def test_coordinates_survive_a_float_cell(number):
    assert parse_decimal(float(number), 6) == number


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(" Dự án A ", "Dự án A"), (123.0, "123"), (7, "7"), (1.5, "1.5"), (date(2025, 1, 2), "02/01/2025")],
)
def test_parse_text(cell, expected):
    assert parse_text(cell) == expected


@pytest.mark.parametrize(
    ("text", "key", "unit"),
    [
        ("Tổng vốn đầu tư (tỷ đồng)", "tong von dau tu", "tỷ đồng"),
        ("tong von dau tu (ty dong)", "tong von dau tu", "ty dong"),
        ("  TỔNG VỐN ĐẦU TƯ  ", "tong von dau tu", ""),
        ("Mã dự án *", "ma du an", ""),
        ("Diện tích đất (m²)", "dien tich dat", "m²"),
        ("Tổng vốn đầu tư (đồng)", "tong von dau tu", "đồng"),
        (None, "", ""),
    ],
)
def test_headers_match_with_or_without_diacritics_and_carry_their_unit(text, key, unit):
    header = read_header(text)
    assert (header.key, header.unit) == (key, unit)
    if text:
        assert header_key(text) == key


@pytest.mark.parametrize(
    ("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letters(index, letter):
    assert column_letter(index) == letter


def test_blank_cells():
    assert is_blank(None) and is_blank("") and is_blank("  \t")
    assert not is_blank(0) and not is_blank("0")


def test_a_cell_error_says_where():
    error = CellError("Dự án", 5, "C", "Loại dự án", "Giá trị không hợp lệ")
    assert str(error) == "Dự án, dòng 5, cột C (Loại dự án): Giá trị không hợp lệ"
    assert error.as_dict()["row"] == 5


@pytest.mark.parametrize("text", ["1e400", "-1e400", "9" * 60])
def test_a_number_too_large_to_round_is_refused_not_a_crash(text):
    """Issue 13's leftover: "1e400" in a decimal column raised decimal.InvalidOperation (a 500 in an import)."""
    with pytest.raises(ValueError, match="quá lớn"):
        parse_decimal(text, 2)
    with pytest.raises(ValueError):
        parse_percent(text)
