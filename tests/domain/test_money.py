from decimal import ROUND_HALF_UP, Context, Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tiendo.domain.money import DONG, TRIEU, TY, format_number, format_vnd, parse_vnd


def test_unit_constants_are_in_dong() -> None:
    assert (DONG, TRIEU, TY) == (1, 10**6, 10**9)


@pytest.mark.parametrize(
    ("amount", "unit", "decimals", "shown"),
    [
        (1_234_567, "dong", None, "1.234.567 đồng"),
        (1_234_567_890, "trieu", None, "1.234,6 triệu đồng"),
        (1_234_567_890, "ty", None, "1,2 tỷ đồng"),
        (1_250_000_000, "ty", 1, "1,3 tỷ đồng"),
        (1_249_999_999, "ty", 1, "1,2 tỷ đồng"),
        (-1_250_000_000, "ty", 1, "-1,3 tỷ đồng"),
        (-1_249_999_999, "ty", 1, "-1,2 tỷ đồng"),
        (2_500_000, "trieu", 0, "3 triệu đồng"),
        (-2_500_000, "trieu", 0, "-3 triệu đồng"),
        (1_234_567, "trieu", 0, "1 triệu đồng"),
        (2_000_000_000, "ty", None, "2 tỷ đồng"),
        (2_000_000_000, "ty", 1, "2,0 tỷ đồng"),
        (2_000_000_000, "ty", 3, "2,000 tỷ đồng"),
        (1_234_567, "dong", 2, "1.234.567,00 đồng"),
        (1_234_567, "triệu đồng", 3, "1,235 triệu đồng"),
        (1_234_567_890, "tỷ", 2, "1,23 tỷ đồng"),
        (1_234_567_890, "Tỉ", None, "1,2 tỷ đồng"),
        (1_234_567_890, "đồng", None, "1.234.567.890 đồng"),
        (-1, "ty", None, "0 tỷ đồng"),
        (0, "dong", None, "0 đồng"),
        (0, "auto", None, "0 đồng"),
        (999, "auto", None, "999 đồng"),
        (-999_999, "auto", None, "-999.999 đồng"),
        (1_000_000, "auto", None, "1 triệu đồng"),
        (1_500_000, "auto", None, "1,5 triệu đồng"),
        (-5_000_000, "auto", None, "-5 triệu đồng"),
        (999_999_999, "auto", None, "1.000 triệu đồng"),
        (1_000_000_000, "auto", None, "1 tỷ đồng"),
        (1_234_567_890_123, "auto", None, "1.234,6 tỷ đồng"),
        (1_234_567_890_123, "auto", 2, "1.234,57 tỷ đồng"),
    ],
)
def test_format_vnd_shows_amounts(amount: int, unit: str, decimals: int | None, shown: str) -> None:
    assert format_vnd(amount, unit, decimals) == shown


@pytest.mark.parametrize(
    ("amount", "unit", "decimals", "error"),
    [
        (1_000, "usd", None, ValueError),
        (1_000, "nghìn", None, ValueError),
        (1_000, "dong", -1, ValueError),
        (1.5, "dong", None, TypeError),
        (Decimal("1000"), "dong", None, TypeError),
    ],
)
def test_format_vnd_refuses(amount: object, unit: str, decimals: int | None, error: type[Exception]) -> None:
    with pytest.raises(error):
        format_vnd(amount, unit, decimals)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (0, 0, "0"),
        (1_234_567, 0, "1.234.567"),
        (-1_234_567, 0, "-1.234.567"),
        (1_234, 2, "1.234,00"),
        (Decimal("1234.5"), 1, "1.234,5"),
        (Decimal("1234.25"), 1, "1.234,3"),
        (Decimal("-1234.25"), 1, "-1.234,3"),
        (Decimal("2.675"), 2, "2,68"),
        (Decimal("0.05"), 1, "0,1"),
        (Decimal("-0.04"), 1, "0,0"),
        (Decimal("999.96"), 1, "1.000,0"),
        (Decimal("1E+3"), 0, "1.000"),
        (Decimal("123456789012345678901234567890.5"), 0, "123.456.789.012.345.678.901.234.567.891"),
    ],
)
def test_format_number_writes_vietnamese_numbers(value: int | Decimal, decimals: int, shown: str) -> None:
    assert format_number(value, decimals) == shown


@pytest.mark.parametrize(
    ("value", "decimals", "error"),
    [
        (Decimal("NaN"), 0, ValueError),
        (Decimal("-Infinity"), 0, ValueError),
        (1, -1, ValueError),
        (1.5, 0, TypeError),
        ("1", 0, TypeError),
    ],
)
def test_format_number_refuses_bad_values(value: object, decimals: int, error: type[Exception]) -> None:
    with pytest.raises(error):
        format_number(value, decimals)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "unit", "amount"),
    [
        ("1.234.567", "dong", 1_234_567),
        ("1 234 567", "dong", 1_234_567),
        ("1\u00a0234\u00a0567", "dong", 1_234_567),
        ("1234567", "dong", 1_234_567),
        ("1234567.0", "dong", 1_234_567),
        ("1234567.5", "dong", 1_234_568),
        ("1.234", "dong", 1_234),
        ("12.345", "dong", 12_345),
        ("1234.567", "dong", 1_235),
        ("0.500", "ty", 500_000_000),
        ("1.5", "ty", 1_500_000_000),
        ("1.234,5", "trieu", 1_234_500_000),
        ("1,5", "ty", 1_500_000_000),
        ("1,5", "tỷ", 1_500_000_000),
        ("1,5", "Tỉ", 1_500_000_000),
        ("1,5", "triệu đồng", 1_500_000),
        ("0,0000005", "trieu", 1),
        ("0,0000004", "trieu", 0),
        ("-0,0000005", "trieu", -1),
        ("1,5 tỷ", "dong", 1_500_000_000),
        ("1,5tỷ", "dong", 1_500_000_000),
        ("200 triệu đồng", "dong", 200_000_000),
        ("200 TRIỆU ĐỒNG", "dong", 200_000_000),
        ("150.000 đồng", "ty", 150_000),
        ("150.000đ", "ty", 150_000),
        ("1.234.567,00 ₫", "dong", 1_234_567),
        ("2 tỷ đồng", "dong", 2_000_000_000),
        ("2 ti", "dong", 2_000_000_000),
        ("150 nghìn", "dong", 150_000),
        ("  -1.234 đồng ", "dong", -1_234),
        ("−2,5 triệu", "dong", -2_500_000),
        ("+7", "dong", 7),
        ("0", "ty", 0),
    ],
)
def test_parse_vnd_reads_typed_amounts(text: str, unit: str, amount: int) -> None:
    assert parse_vnd(text, unit) == amount


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("abc", "dong", "Số tiền không hợp lệ: 'abc'"),
        ("", "dong", "Số tiền không hợp lệ"),
        ("   ", "dong", "Số tiền không hợp lệ"),
        ("1,2,3", "dong", "nhiều hơn một dấu thập phân"),
        ("1.5,3", "dong", "nhiều hơn một dấu thập phân"),
        ("1,234.5", "dong", "Số tiền không hợp lệ"),
        ("1.23.4", "dong", "Số tiền không hợp lệ"),
        ("1.234 567", "dong", "Số tiền không hợp lệ"),
        ("1.", "dong", "Số tiền không hợp lệ"),
        ("1,", "dong", "Số tiền không hợp lệ"),
        ("-", "dong", "Số tiền không hợp lệ"),
        ("1 2", "dong", "Số tiền không hợp lệ"),
        ("1e6", "dong", "Số tiền không hợp lệ"),
        ("5 usd", "dong", "Đơn vị tiền không hợp lệ: 'usd'"),
        ("tỷ 5", "dong", "Số tiền không hợp lệ"),
        ("٣", "dong", "Số tiền không hợp lệ"),
        ("5", "usd", "Đơn vị tiền không hợp lệ"),
    ],
)
def test_parse_vnd_refuses_bad_input_in_vietnamese(text: str, unit: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_vnd(text, unit)


def test_parse_vnd_refuses_what_is_not_text() -> None:
    with pytest.raises(TypeError):
        parse_vnd(1234)  # type: ignore[arg-type]


@given(st.integers())
def test_parse_reads_back_any_amount_in_dong(amount: int) -> None:
    assert parse_vnd(format_vnd(amount, "dong")) == amount


@given(
    amount=st.integers(min_value=-(10**18), max_value=10**18),
    unit=st.sampled_from([("trieu", TRIEU), ("ty", TY)]),
    decimals=st.one_of(st.none(), st.integers(min_value=0, max_value=12)),
)
def test_parse_reads_back_rounded_amount(amount: int, unit: tuple[str, int], decimals: int | None) -> None:
    name, factor = unit
    places = 1 if decimals is None else decimals
    error = abs(parse_vnd(format_vnd(amount, name, decimals)) - amount)
    assert 2 * error * 10**places <= factor


@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_parse_reads_back_auto_unit_within_rounding(amount: int) -> None:
    factor = TY if abs(amount) >= TY else TRIEU if abs(amount) >= TRIEU else DONG
    assert abs(parse_vnd(format_vnd(amount)) - amount) <= factor // 20


@given(st.integers(min_value=0, max_value=10**20))
def test_parse_reads_grouped_and_spreadsheet_numbers(amount: int) -> None:
    assert parse_vnd(f"{amount:,}".replace(",", ".")) == amount
    assert parse_vnd(f"{amount:,}".replace(",", " ")) == amount
    assert parse_vnd(f"{amount}.0") == amount


@given(
    value=st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-(10**15), max_value=10**15),
    unit=st.sampled_from([("dong", DONG), ("trieu", TRIEU), ("ty", TY)]),
)
def test_parse_reads_numbers_written_by_format_number(value: Decimal, unit: tuple[str, int]) -> None:
    name, factor = unit
    context = Context(prec=100)
    expected = context.multiply(value, factor).quantize(Decimal(1), rounding=ROUND_HALF_UP, context=context)
    assert parse_vnd(format_number(value, 6), name) == int(expected)


@given(
    value=st.one_of(st.integers(), st.decimals(allow_nan=False, allow_infinity=False)),
    decimals=st.integers(min_value=0, max_value=8),
)
def test_format_number_rounds_like_decimal_half_up(value: int | Decimal, decimals: int) -> None:
    assume(not isinstance(value, Decimal) or abs(value.adjusted()) < 200)
    context = Context(prec=1000)
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=context)
    english = f"{rounded:,.{decimals}f}"
    expected = english.replace(",", " ").replace(".", ",").replace(" ", ".")
    if rounded.is_zero():
        expected = expected.removeprefix("-")
    assert format_number(value, decimals) == expected


@given(st.text(max_size=30))
def test_parse_vnd_fails_only_with_value_error(text: str) -> None:
    try:
        amount = parse_vnd(text)
    except ValueError:
        return
    assert isinstance(amount, int)
