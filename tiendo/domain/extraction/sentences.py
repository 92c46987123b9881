"""Sentence segmentation: a document's paragraphs and list items (with their list level), the sentences inside
them, where the document stops ("Nơi nhận"), and the sentences that introduce or only report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKER = re.compile(
    r"[^\S\n]*(?:(?P<number>\d{1,2}(?:\.\d{1,2})*)\s*[.):]|(?P<roman>[IVX]{1,5})\s*[.)]|(?P<letter>[a-zđ])\s*[.)]|"
    r"\(\s*(?P<paren>\d{1,2}|[a-zđ])\s*\)|(?P<dash>[-–—•*·▪●○◦])|(?P<plus>\+))[^\S\n]+"
)
_TERMINAL = ".!?…:;"
_CLOSERS = "\"”’'»)]"
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s)")
_NOT_SENTENCE_ENDS = frozenset(
    "TP Tp TX Q P TS ThS PGS GS BS KS Th.S TT Ô Bà Đ/c đ/c St v.v NĐ-CP Số số".split()
)  # fmt: skip
_STOP_LINE = re.compile(r"^\s*(?:Nơi\s+nhận|NƠI\s+NHẬN)\s*:?", re.MULTILINE)
_DIRECTIVE_INTRO = re.compile(r"(?:kết\s+luận|chỉ\s+đạo|như\s+sau)[^.:]*:\s*$", re.IGNORECASE)
_SKIP_SENTENCE = re.compile(
    r"^\W*(?:theo\s+báo\s+cáo|báo\s+cáo\s+cho\s+biết|theo\s+đánh\s+giá)|thông\s+báo\s+(?:để|ý\s+kiến)|"
    r"biết,?\s+(?:và\s+)?thực\s+hiện\s*\W*$|(?:xin\s+)?trân\s+trọng\s+thông\s+báo",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Block:
    start: int  # after the list marker
    end: int
    level: int | None  # list level of the marker; None for a plain paragraph


def _marker_level(match: re.Match[str]) -> int:
    if match.group("roman"):
        return 0
    if match.group("number"):
        return 1 + match.group("number").count(".")
    if match.group("letter") or match.group("paren"):
        return 4
    return 5 if match.group("dash") else 6


def _blocks(text: str, end: int) -> list[_Block]:
    """Paragraphs and list items; a line that starts in lowercase continues the line before (PDF wrapping)."""
    blocks: list[_Block] = []
    position = 0
    current: list[int] | None = None  # [start, end, level or -1]
    for line in text[:end].split("\n"):
        line_start, line_end = position, position + len(line)
        position = line_end + 1
        stripped = line.strip()
        if not stripped:
            if current is not None:
                blocks.append(_Block(current[0], current[1], None if current[2] < 0 else current[2]))
                current = None
            continue
        marker = _MARKER.match(line)
        if (
            current is not None
            and marker is None
            and stripped[:1].islower()
            and text[current[1] - 1 : current[1]] not in _TERMINAL
        ):
            current[1] = line_start + len(line.rstrip())
            continue
        if current is not None:
            blocks.append(_Block(current[0], current[1], None if current[2] < 0 else current[2]))
        body_start = line_start + (marker.end() if marker is not None else len(line) - len(line.lstrip()))
        current = [body_start, line_start + len(line.rstrip()), _marker_level(marker) if marker is not None else -1]
    if current is not None:
        blocks.append(_Block(current[0], current[1], None if current[2] < 0 else current[2]))
    return blocks


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        after = match.end()
        while after < end and text[after].isspace():
            after += 1
        if after >= end:
            break
        following = text[after]
        if not (following.isupper() or following.isdigit() or following in "“\"‘'(-–•"):
            continue
        word = text[begin : match.start()].rsplit(None, 1)[-1] if text[begin : match.start()].strip() else ""
        if match.group() == "." and (word in _NOT_SENTENCE_ENDS or (len(word) == 1 and word.isupper())):
            continue
        spans.append((begin, match.end()))
        begin = after
    if text[begin:end].strip():
        spans.append((begin, end))
    return spans
