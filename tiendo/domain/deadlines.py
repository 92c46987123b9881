"""Deadlines as Vietnamese conclusions write them ("trước ngày 30/6", "trong Quý II", "chậm nhất trong 10 ngày").

A conclusion seldom repeats the year: "trước 15/12" means the next 15 December after the meeting, "trong tháng 3"
the next March. So every date is resolved from a reference date, the document's date, passed in by the caller:
this module never looks at the clock. A phrase counts as a deadline only when a deadline cue introduces it
("trước", "chậm nhất", "trong", "hoàn thành ...", "đến hết"): the years in "kế hoạch năm 2024", "nhiệm kỳ
2020-2025" or "tầm nhìn đến năm 2045" name a plan or a period, not a due date.

Patterns match the text as `normalize` leaves it, never its search key: "ngay" (at once) and "ngày" (day) differ
only by a mark.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from re import Match, Pattern

from tiendo.domain.text import normalize

__all__ = ["Deadline", "document_date", "find_deadline", "parse_deadline"]


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline as written; `due` is None when it cannot be dated ("ngay", "sớm", a standing task).

    `start` and `end` are offsets into the text searched, so that a page can highlight the phrase.
    """

    text: str
    due: date | None
    standing: bool
    start: int
    end: int


_FLAGS = re.IGNORECASE
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# What a cue may introduce, by kind of period.
_DAY, _WORD_DAY, _FIRST_MONTHS, _RELATIVE, _WEEK, _MONTH, _QUARTER, _YEAR, _MONTHLY = range(9)

# Periods, tried in this order at the end of a cue. Each starts with optional blanks so that parse_deadline can
# read a bare period ("tháng 3/2024") with the same patterns.
_PERIODS: tuple[tuple[int, Pattern[str]], ...] = (
    (_MONTHLY, re.compile(r"\s*ngày\s+(\d{1,2})\s+(?:hằng|hàng)\s+tháng(?!\w)", _FLAGS)),
    (
        _FIRST_MONTHS,
        re.compile(r"\s*(\d{1,2})\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(nay|\d{4}))?(?!\w|\s*[-–—]\s*\d)", _FLAGS),
    ),
    (
        _WORD_DAY,
        re.compile(r"\s*(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,|/)\s*(\d{4}))?(?![\w/])", _FLAGS),
    ),
    (
        _DAY,
        re.compile(
            r"\s*(?:(?:ngày|hôm)\s+)?(\d{1,2})\s*([/.\-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}|\d{2}))?(?!\d|\s*[/.\-]\s*\d)",
            _FLAGS,
        ),
    ),
    (_RELATIVE, re.compile(r"\s*(?:vòng\s+)?(\d{1,3})\s+(ngày\s+làm\s+việc|ngày|tuần|tháng|năm)(?!\w)", _FLAGS)),
    (_WEEK, re.compile(r"\s*tuần(?:\s+(này|tới|sau))?(?!\w|\s*\d)", _FLAGS)),
    (
        _MONTH,
        re.compile(
            r"\s*tháng\s+(?:(này|tới|sau)|(\d{1,2})(?:\s*(?:/|-|năm)\s*(\d{4}))?)(?![\w/]|\s*[-–—]\s*\d)"
            r"|\s*tháng(?=\s*[,.;)]|\s*$)",
            _FLAGS,
        ),
    ),
    (
        _QUARTER,
        re.compile(
            r"\s*quý\s+(?:(này|tới|sau)|(iv|i{1,3}|[1-4]))(?!\w)(?:\s*(?:/|-|năm)\s*(\d{4}))?(?![\w/]|\s*[-–—]\s*\d)"
            r"|\s*quý(?=\s*[,.;)]|\s*$)",
            _FLAGS,
        ),
    ),
    (
        _YEAR,
        re.compile(r"\s*năm\s+(?:(nay|tới|sau)|(\d{4}))(?![\w/]|\s*[-–—]\s*\d)|\s*năm(?=\s*[,.;)]|\s*$)", _FLAGS),
    ),
)
_DATED = frozenset(range(9)) - {_MONTHLY}
_NOT_RELATIVE = _DATED - {_RELATIVE, _WEEK}

# Cues that introduce a period, with what each may introduce and whether it means "before the period starts".
_CUES: tuple[tuple[Pattern[str], frozenset[int], bool], ...] = (
    (
        re.compile(r"chậm\s+nhất(?:\s+(?:là|vào|trước|trong|đến))*(?:\s+(?:hết|cuối))?", _FLAGS),
        _DATED | {_MONTHLY},
        False,
    ),
    (re.compile(r"(?:cho\s+)?(?:đến|tới)\s+(?:hết|cuối)", _FLAGS), _NOT_RELATIVE, False),
    (re.compile(r"trước\s+cuối", _FLAGS), _NOT_RELATIVE, False),
    (re.compile(r"trước", _FLAGS), _NOT_RELATIVE | {_MONTHLY}, True),
    (re.compile(r"(?:ngay\s+)?trong\s+vòng", _FLAGS), frozenset({_RELATIVE, _WEEK}), False),
    (re.compile(r"(?:ngay\s+)?trong(?:\s+(?:cuối|hết))?", _FLAGS), _DATED, False),
    (re.compile(r"hết|vào\s+cuối", _FLAGS), _NOT_RELATIVE, False),
    (
        re.compile(r"(?:thời\s+hạn|hạn\s+chót)(?:\s+hoàn\s+thành)?(?:\s*:)?(?:\s*(?:là|trước|đến|trong))?", _FLAGS),
        _DATED,
        False,
    ),
)
_CUE_START = re.compile(r"(?<!\w)(?:chậm|cho|đến|tới|trước|ngay|trong|hết|vào|thời|hạn)(?!\w)", _FLAGS)
# "hoàn thành ... năm 2021": a completion verb, a few words, then the period itself.
_COMPLETION = re.compile(
    r"(?<!\w)(?:hoàn\s+thành|hoàn\s+tất|xong|đưa\s+vào\s+(?:sử\s+dụng|hoạt\s+động|vận\s+hành|khai\s+thác))(?!\w)",
    _FLAGS,
)
_NEXT_WORD = re.compile(r"\s+(?:vào\s+|trong\s+)?(?:(?:cuối|hết)\s+)?(?=\S)")
_SKIP_WORD = re.compile(r"\s+[^\s,;:.()!?“”\"]+")
_COMPLETION_REACH = 8

# Phrases that cannot be dated, by precedence.
_URGENT: tuple[tuple[str, Pattern[str]], ...] = (
    ("ngay", re.compile(r"(?<!\w)ngay(?!\w)(?!\s+(?:cả|tại|thẳng|ngắn|từ|bên|sát|cạnh|đây|đó)(?!\w))", _FLAGS)),
    # "phát hiện sớm", "cảnh báo sớm" say how, not when.
    ("sớm", re.compile(r"(?<!\w)(?<!từ\s)(?<!hiện\s)(?<!báo\s)(?<!thiệp\s)(?<!đoán\s)sớm(?!\w)", _FLAGS)),
    ("khẩn trương", re.compile(r"(?<!\w)khẩn\s+trương(?!\w)", _FLAGS)),
)
_STANDING = re.compile(
    r"(?<!\w)(?<!chi\s)(?<!phí\s)(?<!vốn\s)(?<!toán\s)(?:thường\s+xuyên|định\s+kỳ(?:\s+(?:hằng|hàng)\s+(?:ngày|tuần|tháng|quý|năm))?|(?:hằng|hàng)\s+(?:ngày|tuần|tháng|quý|năm))(?!\w)",
    _FLAGS,
)

# The meeting date in a lead sentence ("Sáng 21/2, ...") or the place-and-date line of a formal document.
_LEAD = re.compile(
    r"(?:^|\n|[.!?]\s|\s[-–—]\s)\s*(?:\(?[^\n()]{0,40}\)?\s*[-–—]\s*)?"
    r"(?:(?:tại|trong)\s+(?:phiên\s+họp|cuộc\s+họp|hội\s+nghị|buổi\s+làm\s+việc|kỳ\s+họp)[^\n,.;]{0,30}?\s+)?"
    r"(?:ngày|sáng|chiều|tối|trưa|hôm\s+nay|sáng\s+nay|chiều\s+nay|tối\s+nay|vào\s+ngày)\s*(?:ngày\s+)?\(?\s*"
    r"(?:(\d{1,2})\s*([/.\-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}))?|(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?)"
    r"(?![\d/])\s*\)?(?:\s*[,:]|\s+(?:tại|ở)\s)",
    _FLAGS,
)
_HEADER = re.compile(
    r"(?:^|\n|\s{2,}|số:?\s*\S+\s+)[^\S\n]*(?P<place>[^\W\d_][^\W\d_.]*(?:\.?[^\S\n]*[^\W\d_]+){0,5}),[^\S\n]*"
    r"ngày\s+(\d{1,2})\s*(?:tháng\s+|[/.\-]\s*)(\d{1,2})\s*(?:năm\s+|[/.\-]\s*)(\d{4})",
    _FLAGS,
)
_HEADER_REACH = 1500
# A lead that cites the notice itself: "UBND tỉnh vừa có Thông báo số 112/TB-VP ngày 20/5/2024 kết luận ...".
_CITED_NOTICE = re.compile(
    r"(?:thông\s+báo|kết\s+luận)\s+(?:số\s+)?\S*\d\S*\s+(?:ngày\s+)?(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})",
    _FLAGS,
)
_CITED_REACH = 400
_YEAR_MENTION = re.compile(r"(?<!\w)năm\s+((?:19|20)\d{2})(?!\s*[-–—]\s*\d|\d)", _FLAGS)
_PERIOD_BEFORE = re.compile(
    r"(?:đến|tới|từ|tầm\s+nhìn|giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ|[-–—]|\d)\s*$",
    _FLAGS,
)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(start: date, months: int) -> date:
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _add_working_days(start: date, days: int) -> date:
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def _day_on_or_after(day: int, month: int, reference: date) -> date | None:
    """The first such day not before the reference: 29/02 waits for a leap year."""
    for year in range(reference.year, reference.year + 9):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found >= reference:
            return found
    return None


def _resolve(kind: int, match: Match[str], reference: date | None, before: bool) -> tuple[bool, date | None]:
    """Read one period: (is it a valid period at all, its due date when it can be dated)."""
    groups = match.groups()
    if kind in (_DAY, _WORD_DAY):
        day, month = int(groups[0]), int(groups[2] if kind == _DAY else groups[1])
        year = _year(groups[3] if kind == _DAY else groups[2])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return False, None
        if year is None:
            if day > calendar.monthrange(2024, month)[1]:
                return False, None
            return True, None if reference is None else _day_on_or_after(day, month, reference)
        try:
            return True, date(year, month, day)
        except ValueError:
            return False, None
    if kind == _MONTHLY:
        return 1 <= int(groups[0]) <= 31, None
    if kind == _FIRST_MONTHS:
        count, half, year_text = int(groups[0]), groups[1].lower(), groups[2]
        if not 1 <= count <= 12:
            return False, None
        month = count if half == "đầu" else 12
        year = reference.year if reference and year_text and year_text.lower() == "nay" else _year(year_text)
        if year is None:
            if reference is None:
                return True, None
            year = reference.year if _last_day(reference.year, month) >= reference else reference.year + 1
        return True, _last_day(year, month)
    if kind in (_RELATIVE, _WEEK):
        if reference is None:
            return True, None
        if kind == _WEEK:
            return True, reference + timedelta(days=14 if groups[0] and groups[0].lower() in ("tới", "sau") else 7)
        count, unit = int(groups[0]), " ".join(groups[1].lower().split())
        if count == 0:
            return False, None
        if unit == "ngày làm việc":
            return True, _add_working_days(reference, count)
        if unit == "ngày":
            return True, reference + timedelta(days=count)
        if unit == "tuần":
            return True, reference + timedelta(weeks=count)
        return True, _add_months(reference, count * (12 if unit == "năm" else 1))
    # A month, a quarter or a year: its last day, or with "trước" the day before it starts.
    word = groups[0].lower() if groups[0] else ""
    step = 1 if word in ("tới", "sau") else 0
    if kind == _YEAR:
        if groups[1] is None:
            if reference is None:
                return True, None
            year = reference.year + step
        else:
            year = int(groups[1])
        return True, date(year - 1, 12, 31) if before else date(year, 12, 31)
    explicit = _year(groups[2])
    if groups[1] is None:  # "tháng này", "trong quý": the reference's own period, or the next one
        if reference is None:
            return True, None
        if kind == _MONTH:
            first = _add_months(reference.replace(day=1), step)
            span = 0
        else:
            index = (reference.month - 1) // 3 + step
            first = date(reference.year + index // 4, index % 4 * 3 + 1, 1)
            span = 2
        first_month, last_month, explicit = first.month, first.month + span, first.year
    elif kind == _MONTH:
        first_month = last_month = int(groups[1])
        if not 1 <= first_month <= 12:
            return False, None
    else:
        number = groups[1].lower()
        quarter = _ROMAN.get(number) or int(number)
        first_month, last_month = 3 * quarter - 2, 3 * quarter
    if explicit is None:
        if reference is None:
            return True, None
        explicit = reference.year if _last_day(reference.year, last_month) >= reference else reference.year + 1
    if before:
        return True, date(explicit, first_month, 1) - timedelta(days=1)
    return True, _last_day(explicit, last_month)


def _period_at(
    text: str, position: int, kinds: frozenset[int], reference: date | None, before: bool
) -> tuple[int, date | None, bool] | None:
    """The period starting at `position`: (its end, its due date, standing); None when there is none."""
    for kind, pattern in _PERIODS:
        if kind not in kinds:
            continue
        match = pattern.match(text, position)
        if match is None or match.end() == position:
            continue
        valid, due = _resolve(kind, match, reference, before)
        if valid:
            return match.end(), due, kind == _MONTHLY
    return None


def _matching_text(text: str) -> tuple[str, list[int] | None]:
    """The text to match on, normalised, and where each of its characters starts in `text` when that differs.

    Normalising NFD input shortens it; the offsets a caller gets back must still point into what it passed.
    """
    normal = normalize(text)
    if len(normal) == len(text):
        return normal, None
    pieces: list[str] = []
    positions: list[int] = []
    index = 0
    while index < len(text):
        following = index + 1
        while following < len(text) and unicodedata.combining(text[following]):
            following += 1
        piece = unicodedata.normalize("NFC", text[index:following])
        pieces.append(piece)
        positions.extend([index] * len(piece))
        index = following
    positions.append(len(text))
    composed = "".join(pieces)
    normal = normalize(composed)
    if len(normal) != len(composed):  # pragma: no cover - normalize keeps the length of NFC text
        return text, None
    return normal, positions


def _located(found: Deadline | None, positions: list[int] | None) -> Deadline | None:
    if found is None or positions is None:
        return found
    return replace(found, start=positions[found.start], end=positions[found.end])


def _dated(text: str, reference: date | None, skip_past: bool) -> Deadline | None:
    for cue in _CUE_START.finditer(text):
        for pattern, kinds, before in _CUES:
            match = pattern.match(text, cue.start())
            if match is None or (match.end() < len(text) and text[match.end()].isalnum()):
                continue
            found = _period_at(text, match.end(), kinds, reference, before)
            if found is None:
                continue
            end, due, standing = found
            if skip_past and reference is not None and due is not None and due < reference:
                break
            return Deadline(text[match.start() : end].strip(), due, standing, match.start(), end)
    for verb in _COMPLETION.finditer(text):
        position = verb.end()
        for _ in range(_COMPLETION_REACH):
            lead = _NEXT_WORD.match(text, position)
            if lead is not None:
                found = _period_at(text, lead.end(), _NOT_RELATIVE, reference, False)
                if found is not None:
                    end, due, standing = found
                    if skip_past and reference is not None and due is not None and due < reference:
                        break
                    start = lead.start() + len(lead.group()) - len(lead.group().lstrip())
                    return Deadline(text[start:end].strip(), due, standing, start, end)
            word = _SKIP_WORD.match(text, position)
            if word is None:
                break
            position = word.end()
    return None


def _undated(text: str) -> Deadline | None:
    for label, pattern in _URGENT:
        match = pattern.search(text)
        if match is not None:
            return Deadline(label, None, False, match.start(), match.end())
    standing = _STANDING.search(text)
    if standing is not None:
        return Deadline(standing.group(), None, True, standing.start(), standing.end())
    return None


def find_deadline(sentence: str, reference: date | None = None) -> Deadline | None:
    """The deadline a sentence sets, if a deadline cue introduces one.

    A dated deadline wins over "ngay" or "sớm"; the first dated one wins over later ones (it is the first
    milestone). A dated phrase that falls before the reference date describes the past ("dự án phê duyệt trước
    năm 2020"), so it is passed over.
    """
    text, positions = _matching_text(sentence)
    return _located(_dated(text, reference, skip_past=True) or _undated(text), positions)


def parse_deadline(text: str, reference: date | None = None) -> Deadline | None:
    """Read a phrase that is itself a deadline, with or without its cue: "trước ngày 30/6/2024", "Quý 3", "ngay"."""
    matching, positions = _matching_text(text)
    start = len(matching) - len(matching.lstrip())
    found = _period_at(matching, start, _DATED | {_MONTHLY}, reference, False)
    if found is not None:
        end, due, standing = found
        return _located(Deadline(matching[start:end].strip(), due, standing, start, end), positions)
    return _located(_dated(matching, reference, skip_past=False) or _undated(matching), positions)


def _latest_single_year(text: str) -> int | None:
    """The most recent year the text names on its own ("năm 2024"), not as part of a period ("đến năm 2045")."""
    years = [
        int(match.group(1))
        for match in _YEAR_MENTION.finditer(text)
        if not _PERIOD_BEFORE.search(text, max(0, match.start() - 12), match.start())
    ]
    return max(years, default=None)


def document_date(text: str) -> date | None:
    """Guess when a conclusion was issued, or the meeting it reports was held.

    The place-and-date line of a formal notice ("Hải Dương, ngày 05 tháng 3 năm 2024") comes first; then a lead
    sentence that opens with the date ("Ngày 26/11/2020, ...", "Sáng 21/2, ..."); then a notice the lead cites
    ("vừa có Thông báo số 112/TB-VP ngày 20/5/2024"). A lead date without a year takes the latest year the text
    names on its own. A date alone on a line, as a portal prints today's date
    in its header, is not the document's.
    """
    text = normalize(text)
    for header in _HEADER.finditer(text, 0, _HEADER_REACH):
        if not header.group("place")[0].isupper():
            continue
        try:
            return date(int(header.group(4)), int(header.group(3)), int(header.group(2)))
        except ValueError:
            continue
    for lead in _LEAD.finditer(text):
        groups = lead.groups()
        if groups[0] is not None:
            day, month, year_text = int(groups[0]), int(groups[2]), groups[3]
        else:
            day, month, year_text = int(groups[4]), int(groups[5]), groups[6]
        year = _year(year_text) or _latest_single_year(text)
        if year is None:
            continue
        try:
            return date(year, month, day)
        except ValueError:
            continue
    cited = _CITED_NOTICE.search(text, 0, _CITED_REACH)
    if cited is not None:
        try:
            return date(int(cited.group(4)), int(cited.group(3)), int(cited.group(1)))
        except ValueError:
            pass
    return None
