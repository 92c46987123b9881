"""Checks on text that comes from outside (files, request bodies, parameters) before anything parses or stores it.

Python's json parser recurses (thousands of nested brackets raise RecursionError), decoding with a guessed codec
turns a Windows-1258 file into nonsense, and a lone surrogate or a NUL character reaches the database and fails
there (SQLite and psycopg cannot encode a surrogate; PostgreSQL refuses NUL in text). So: decode strictly, measure
nesting without recursion, and refuse those characters, each with one Vietnamese sentence saying why.
"""

import codecs
import json
import re
from collections.abc import Iterator

__all__ = [
    "MAX_JSON_DEPTH",
    "Refused",
    "bad_character",
    "check_text",
    "decode_text",
    "json_depth",
    "load_json",
]

MAX_JSON_DEPTH = 64  # the deepest real input (a plan's sources tree) is under 10

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_NUL = "chứa ký tự NUL ở dòng {line}: không phải văn bản UTF-8 (tệp nhị phân, hoặc UTF-16 không có BOM?)."
_BAD_CHARACTER = re.compile("[\x00\ud800-\udfff]")
# A complete JSON string (escapes included), a bracket, or a quote that opens a string never closed.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{}]|"', re.S)


class Refused(ValueError):
    """Input refused before parsing. `reason` is a Vietnamese predicate ("không phải văn bản UTF-8: ..."); the
    caller names the subject: `about("Tệp 'a.json'")` is the sentence for the user."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    def about(self, subject: str) -> str:
        return f"{subject} {self.reason}"


def decode_text(data: bytes, *, accept_utf16: bool = False) -> str:
    """UTF-8 text, with or without its byte-order mark; UTF-16/32 only with a mark and when `accept_utf16`.

    Never guesses: a file in another code page is refused (naming the first bad byte and its line), not read as
    nonsense. Text with NUL characters is refused too (a binary file, or UTF-16 without its mark)."""
    encoding = "utf-8"
    for mark, codec, name in _MARKS:
        if data.startswith(mark):
            if name != "UTF-8" and not accept_utf16:
                raise Refused(f"được lưu với bảng mã {name} (có dấu BOM); hãy lưu lại với bảng mã UTF-8.")
            data, encoding = data[len(mark) :], codec
            break
    if encoding == "utf-8" and b"\x00" in data:  # said first: UTF-16 without its mark also fails as UTF-8
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise Refused(_NUL.format(line=line))
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding != "utf-8":
            raise Refused(f"có dấu BOM {encoding.upper()} nhưng nội dung không đúng bảng mã đó.") from None
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise Refused(
            f"không phải văn bản UTF-8: byte 0x{byte:02X} không hợp lệ ở dòng {line}; hãy lưu lại với bảng mã UTF-8."
        ) from None
    if "\x00" in text:
        raise Refused(_NUL.format(line=text.count("\n", 0, text.index("\x00")) + 1))
    return text


def bad_character(text: str) -> int | None:
    """Where the first NUL or lone surrogate is, or None: neither can be stored."""
    found = _BAD_CHARACTER.search(text)
    return found.start() if found else None


def check_text(text: str) -> str:
    """The text itself, or Refused naming the bad character and where it is."""
    position = bad_character(text)
    if position is None:
        return text
    kind = "ký tự NUL" if text[position] == "\x00" else "ký tự Unicode không hợp lệ (nửa cặp thay thế)"
    raise Refused(f"chứa {kind} ở vị trí {position + 1}.")


def json_depth(text: str) -> int:
    """How deep the brackets of a JSON text nest, counted without recursion (brackets inside strings skipped).

    Malformed text gets a number too; the parser reports its syntax afterwards."""
    depth = deepest = 0
    for token in _JSON_TOKEN.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif bracket in "]}":
            depth = max(depth - 1, 0)
        elif bracket == '"':  # a string that never closes: nothing after it is structure
            break
    return deepest


def _strings(value: object) -> Iterator[str]:
    """Every string of a parsed JSON value, keys included, without recursion."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _no_constant(name: str) -> object:
    raise Refused(f"chứa {name} trong JSON: hãy dùng một số.")


def load_json(text: str, *, max_depth: int = MAX_JSON_DEPTH) -> object:
    """Parse JSON that cannot crash the parser or what stores it: bounded nesting, no NaN or Infinity, integers
    of a sane length, no NUL or lone surrogate in any string (escaped ones included)."""
    text = text.removeprefix("\ufeff")
    depth = json_depth(text)
    if depth > max_depth:
        raise Refused(f"có JSON lồng nhau quá sâu ({depth} tầng, tối đa {max_depth}).")
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise Refused(f"không phải JSON hợp lệ: dòng {error.lineno}, cột {error.colno}.") from None
    except ValueError as error:  # an integer literal longer than Python converts (4,300 digits)
        if isinstance(error, Refused):
            raise
        raise Refused("chứa một số quá dài trong JSON.") from None
    for string in _strings(value):
        check_text(string)
    return value
