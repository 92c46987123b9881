"""Strict decoding, nesting depth without recursion, and the characters no store accepts."""

import codecs
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiendo.domain.input_checks import (
    MAX_JSON_DEPTH,
    Refused,
    bad_character,
    check_text,
    decode_text,
    json_depth,
    load_json,
)

# JSON values, nested a few levels; strings of any character JSON can carry, surrogates excluded.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=30,
)


def depth_of(value) -> int:
    """The reference: how deep a parsed value nests, by recursion (fine for the small values generated)."""
    if isinstance(value, list):
        return 1 + max((depth_of(item) for item in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth_of(item) for item in value.values()), default=0)
    return 0


def strings_of(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in strings_of(item)]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in [key, *strings_of(item)]]
    return []


# Decoding -------------------------------------------------------------------------------------------------------


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_utf8_text_decodes_to_itself_with_or_without_its_mark(text):
    assert decode_text(text.encode()) == text
    assert decode_text(codecs.BOM_UTF8 + text.encode()) == text


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_utf16_and_utf32_with_a_mark_only_when_accepted(text):
    for encoding in ("utf-16", "utf-32"):
        data = text.encode(encoding)
        assert decode_text(data, accept_utf16=True) == text
        with pytest.raises(Refused, match="có dấu BOM"):
            decode_text(data)


@given(st.binary())
def test_any_bytes_are_decoded_or_refused_with_a_reason(data):
    try:
        text = decode_text(data)
    except Refused as refused:
        assert refused.reason and refused.about("Tệp 'a.csv'").startswith("Tệp 'a.csv' ")
    else:
        assert text.encode() in (data, data.removeprefix(codecs.BOM_UTF8)) and "\x00" not in text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("Sở Tài chính".encode("cp1258", "replace"), "byte 0xE0 không hợp lệ ở dòng 1"),
        (b"dong 1\ndong 2 \xe0\n", "byte 0xE0 không hợp lệ ở dòng 2"),
        (b"a\nb\x00", "ký tự NUL ở dòng 2"),
        ("Mã".encode("utf-16-le"), "ký tự NUL ở dòng 1"),  # UTF-16 without its mark
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "không đúng bảng mã"),  # a mark, then a lone surrogate
        (codecs.BOM_UTF32_LE + "x".encode("utf-32-le"), "bảng mã UTF-32"),
        (codecs.BOM_UTF16_BE + "x".encode("utf-16-be"), "bảng mã UTF-16"),
    ],
)
def test_unreadable_bytes_say_why(data, reason):
    with pytest.raises(Refused) as refused:
        decode_text(data, accept_utf16=b"\x00\xd8" in data)
    assert reason in refused.value.reason


# Characters ------------------------------------------------------------------------------------------------------


@given(st.text(), st.sampled_from(["\x00", "\ud800", "\udfff", "\udc00"]), st.text())
def test_a_nul_or_lone_surrogate_anywhere_is_found(before, bad, after):
    text = before + bad + after
    position = bad_character(text)
    assert position is not None and position <= len(before)
    with pytest.raises(Refused, match="ở vị trí"):
        check_text(text)


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_storable_text_passes(text):
    assert bad_character(text) is None and check_text(text) == text


# JSON ----------------------------------------------------------------------------------------------------------


@given(JSON_VALUES, st.sampled_from([None, 2]), st.booleans())
def test_depth_is_the_nesting_of_the_parsed_value(value, indent, ascii_only):
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    assert json_depth(text) == depth_of(value)


@given(JSON_VALUES)
def test_load_json_agrees_with_the_standard_parser_on_clean_input(value):
    text = json.dumps(value, ensure_ascii=False)
    if "\x00" in "".join(strings_of(value)):  # dumped as \u0000, which json.loads turns back into NUL
        with pytest.raises(Refused):
            load_json(text)
    else:
        assert load_json(text) == json.loads(text)


@settings(deadline=None, max_examples=30)
@given(st.integers(min_value=MAX_JSON_DEPTH + 1, max_value=20_000), st.sampled_from(["[", '{"a":']))
def test_deep_nesting_is_refused_before_parsing(depth, opening):
    closing = "]" if opening == "[" else "}"
    text = opening * depth + "1" + closing * depth
    with pytest.raises(Refused, match=f"{depth} tầng"):
        load_json(text)


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ('"[[[[["', 0),  # brackets inside a string do not count
        ('["\\"[[["]', 1),  # nor after an escaped quote
        ('["\\\\", [[]]]', 3),  # an escaped backslash ends before the quote
        ('[[["unterminated [[[[', 3),  # an open string: nothing after it is structure
        ("]]]][", 1),
        ("", 0),
    ],
)
def test_depth_skips_strings(text, depth):
    assert json_depth(text) == depth


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{", "không phải JSON hợp lệ: dòng 1, cột 2."),
        ('{"a": NaN}', "NaN"),
        ('{"a": -Infinity}', "-Infinity"),
        ('{"a": ' + "1" * 5000 + "}", "số quá dài"),
        ('{"a": "\\ud800"}', "nửa cặp thay thế"),
        ('{"\\u0000": 1}', "ký tự NUL"),
    ],
)
def test_json_refusals_say_why(text, reason):
    with pytest.raises(Refused) as refused:
        load_json(text)
    assert reason in refused.value.reason


def test_a_leading_byte_order_mark_is_ignored():
    assert load_json('\ufeff{"a": [1]}') == {"a": [1]}
