"""Who a sentence assigns work to, and the work: the cues ("yêu cầu X", "X cần", "X chủ trì, phối hợp với Y"),
lists of bodies, the cooperating ones, and the action as a short phrase without its deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tiendo.domain.deadlines import Deadline
from tiendo.domain.extraction.mentions import _display, _Mention
from tiendo.domain.extraction.names import _BARE_GROUP, _GROUP_SUFFIX_AFTER, _TITLE, _TITLE_BEFORE
from tiendo.domain.extraction.verbs import _CONNECTOR, _MODALS, _SUBJECT_CUE, _starts_with_verb, _tags
from tiendo.domain.text import search_key

# "yêu cầu X ...", "đề nghị X ...", "giao X ...": the issuer assigns work to X.
_ASSIGN = re.compile(
    r"(?<!\w)(yêu\s+cầu|đề\s+nghị|giao(?:\s+nhiệm\s+vụ)?|phân\s+công|(?P<leader>chỉ\s+đạo|lưu\s+ý|nhắc\s+nhở))"
    r"(?:\s+(?:cho|đối\s+với))?(?!\w)",
    re.IGNORECASE,
)
# "chỉ đạo", "lưu ý" assign work only in a leader's mouth ("Chủ tịch UBND tỉnh chỉ đạo Sở ...").
_LEADER_BEFORE = re.compile(r"(?:chủ\s+tịch|bí\s+thư|đồng\s+chí|thủ\s+tướng|bộ\s+trưởng)[^,;.:]*$", re.IGNORECASE)
_NOT_ASSIGNING_BEFORE = re.compile(
    r"(?:^|\W)(?:theo|của|các|những|đúng|ứng|được|đã|bàn|chuyển|đang|sẽ|với|có|là|mọi|nhiều|thủ\s+tục|hồ\s+sơ|"
    r"kiến\s+nghị|trình)\s*$",
    re.IGNORECASE,
)
_LEAD_CHAIR = re.compile(
    r"\s*,?\s*chủ\s+trì(?:\s*,\s*|\s+|\s*và\s+)(?:phối\s+hợp|cùng)\s+(?:chặt\s+chẽ\s+)?(?:với\s+)?", re.IGNORECASE
)
_LEAD_CHAIR_ONLY = re.compile(r"\s*,?\s*chủ\s+trì\s*,?\s*", re.IGNORECASE)
_COOPERATE = re.compile(r"phối\s+hợp\s+(?:chặt\s+chẽ\s+)?(?:với|cùng)\s+", re.IGNORECASE)
_ASIDE = re.compile(r"\s*\([^()]{0,80}\)")
_TAIL_STOP = re.compile(r"\s+(?:và|cùng|với|trong|tại|theo|của|để|về|trên|khi|nếu|thì|là|có)(?!\w)", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:và\s+|cùng\s+)?|\s+và\s+|\s+cùng\s+", re.IGNORECASE)
_CLAUSE_OPENER = re.compile(
    r"(?:^|[\s,;:])(?:đồng\s+thời|trong\s+đó|ngoài\s+ra|riêng|bên\s+cạnh\s+đó|theo\s+đó|do\s+đó|vì\s+vậy|trước\s+mắt|"
    r"tiếp\s+theo|sau\s+đó|mặt\s+khác|cụ\s+thể|đặc\s+biệt|nhất\s+là|cùng\s+với\s+đó|trong\s+thời\s+gian\s+tới|"
    r"thời\s+gian\s+tới|đề\s+nghị|yêu\s+cầu)\s*$",
    re.IGNORECASE,
)
_ADDITIVE = re.compile(
    r"^\W*(?:đồng\s+thời|ngoài\s+ra|bên\s+cạnh\s+đó|mặt\s+khác|cùng\s+với\s+đó)(?!\w)", re.IGNORECASE
)
_ELABORATION = re.compile(
    r"^\W*(?:trong\s+đó|từ\s+đó|qua\s+đó|cụ\s+thể|nhất\s+là|đặc\s+biệt\s+là)(?!\w)\s*,?\s*", re.IGNORECASE
)
_LEADING_MODALS = re.compile(r"^(?:(?:cần\s+phải|cần|phải|có\s+trách\s+nhiệm)(?!\w)\s*)+", re.IGNORECASE)
_DO_CHAIR = re.compile(
    r"(?<!\w)do\s+(?:(?:đồng\s+chí|đ/c)\s+)?(?:(?:phó\s+)?(?:chủ\s+tịch|giám\s+đốc|bí\s+thư|thủ\s+trưởng|trưởng\s+ban)\s+)?$",
    re.IGNORECASE,
)
_CHAIRS_AFTER = re.compile(r"\s+(?:làm|là|giữ|chủ\s+trì)(?!\w)", re.IGNORECASE)
_DOUBLE_SPLIT = re.compile(r"(?:[,;]\s*|\s+)đồng\s+thời\s*,?\s+", re.IGNORECASE)
_QUOTE_END = re.compile(r"[\"”]\s*,")
# "yêu cầu các đơn vị thực hiện tốt một số nội dung sau:" introduces the tasks; it is none itself.
_LIST_INTRO = re.compile(r"(?:sau|như\s+sau|cụ\s+thể|gồm)\s*:?\s*$", re.IGNORECASE)
_DANGLING = re.compile(r"[,;]\s*(?:phấn\s+đấu\s+)?(?:hoàn\s+thành|hoàn\s+tất|xong)(?:\s+xong)?\s*$", re.IGNORECASE)
# Actions that are no task: praise, attitude, agreement.
_NOT_TASK = re.compile(
    r"^(?:tiep tuc |luon |khong ngung |hon nua )*(?:phat huy (?:tinh than|truyen thong|vai tro|ket qua|nhung ket qua|"
    r"thanh tich)|(?:giu vung|neu cao|nang cao) tinh than|(?:coi|xem|xac dinh) (?:day|do|viec nay|viec do|nhiem vu nay)"
    r" la|doan ket|no luc|co gang|ghi nhan|danh gia cao|bieu duong|khen ngoi|cam on|chuc mung|khang dinh|nhan manh|"
    r"cho rang|thong nhat|dong y|nhat tri|co ban dong y|cho biet|phat bieu|trinh bay|tham luan|chia se|bay to)"
)
_ACTION_LIMIT = 320


def _is_clause_start(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    if not before or before[-1] in ",;:(“\"'‘–-":
        return True
    return _CLAUSE_OPENER.search(before) is not None


@dataclass
class _Assignment:
    start: int  # where the assignment begins (its cue or its subject)
    action_start: int
    assignees: list[_Mention]
    cooperating: list[str] = field(default_factory=list)
    implicit: bool = False
    pronoun_only: bool = False


def _inside_quote(sentence: str, position: int) -> bool:
    """Whether a quotation opened before `position` is still open: the speaker's words end at its close."""
    before = sentence[:position]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _mentions_from(mentions: list[_Mention], offset: int) -> list[_Mention]:
    """Mentions re-based on a slice of the sentence that starts at `offset`."""
    return [_Mention(m.start - offset, m.end - offset, m.name, m.kind, m.family) for m in mentions if m.start >= offset]


def _mention_at(text: str, position: int, by_start: dict[int, _Mention]) -> _Mention | None:
    while position < len(text) and text[position].isspace():
        position += 1
    mention = by_start.get(position)
    if mention is None:
        title = _TITLE.match(text, position)
        if title is not None:
            mention = by_start.get(title.end())
    return mention


def _parse_list(text: str, position: int, mentions: list[_Mention]) -> tuple[list[_Mention], int]:
    """Bodies listed from `position` on ("Sở Tài chính, Sở Xây dựng và UBND các huyện"), and where the list ends."""
    by_start = {mention.start: mention for mention in mentions}
    items: list[_Mention] = []
    mention = _mention_at(text, position, by_start)
    while mention is not None:
        if mention.kind in ("group", "role"):
            tail = _noun_tail(text, mention.end)
            if tail > mention.end:
                name = _display(text[mention.start : tail])
                mention = _Mention(mention.start, tail, name.lower() if mention.kind == "role" else name, mention.kind)
        items.append(mention)
        position = mention.end
        aside = _ASIDE.match(text, position)
        if aside is not None:
            position = aside.end()
        separator = _LIST_SEPARATOR.match(text, position)
        if separator is None:
            break
        mention = _mention_at(text, separator.end(), by_start)
    return items, position


def _noun_tail(text: str, position: int) -> int:
    """Where a group's name ends when nouns qualify it ("các cơ quan báo chí tăng cường ..."), by the tagger."""
    rest = text[position : position + 80]
    if not rest[:1].isspace() or not rest[1:2].islower():
        return position
    if _SUBJECT_CUE.match(text, position) or _MODALS.match(rest.lstrip()) or _TAIL_STOP.match(rest):
        return position
    clause = re.split(r"[,;:.()“”\"]", rest)[0].strip()
    tags = _tags(clause)
    nouns = 0
    while nouns < min(len(tags) - 1, 3) and tags[nouns][1] in ("N", "Np", "Nc", "Ny", "Nu"):
        nouns += 1
    end = position
    for word, _ in tags[:nouns]:
        found = text.find(word, end)
        if found < 0 or found - end > 2:
            return position
        end = found + len(word)
    suffix = _GROUP_SUFFIX_AFTER.match(text, end)  # "các cơ quan báo chí của tỉnh"
    stop = suffix.end() if suffix is not None else end
    following = _tags(text[stop : stop + 30].strip()) if stop > end else tags[nouns:]
    if not nouns or not following or not following[0][1].startswith("V"):
        return position
    return stop


def _cooperating(words: str, mentions: list[_Mention]) -> list[str]:
    """The bodies a task is to be done with: those listed after "phối hợp với"."""
    names: list[str] = []
    for cue in _COOPERATE.finditer(words):
        listed, end = _parse_list(words, cue.end(), mentions)
        if listed:
            names.extend(m.name for m in listed if m.kind != "leader" and m.name not in names)
            bare = None
        else:
            bare = _BARE_GROUP.match(words, cue.end())
        if bare is not None:
            names.append(bare.group())
    return names


def _do_chair(sentence: str, mentions: list[_Mention]) -> _Mention | None:
    """ "... do đồng chí Chủ tịch UBND tỉnh làm Trưởng ban": the body whose head leads the new team."""
    for mention in mentions:
        if mention.kind != "body":
            continue
        if _DO_CHAIR.search(sentence, max(0, mention.start - 45), mention.start) and _CHAIRS_AFTER.match(
            sentence, mention.end
        ):
            return mention
    return None


def _assignments(sentence: str, mentions: list[_Mention], lenient: bool) -> list[_Assignment]:
    """Who the sentence assigns work to: after "yêu cầu", "đề nghị", "giao", or as the subject of "cần" etc.

    `lenient` where any verb assigns work to the body that opens the sentence: a list item, or a paragraph after
    "... kết luận như sau:" ("Sở Tài chính tham mưu ...").
    """
    found: list[_Assignment] = []
    used: set[int] = set()
    for cue in _ASSIGN.finditer(sentence):
        if _NOT_ASSIGNING_BEFORE.search(sentence, 0, cue.start()):
            continue
        if _speaker_is_an_agency(sentence, cue.start(), mentions):
            continue
        if cue.group("leader") and not _LEADER_BEFORE.search(sentence, 0, cue.start()):
            continue
        listed, end = _parse_list(sentence, cue.end(), mentions)
        listed = [m for m in listed if m.kind != "leader"]
        if listed:
            assignment = _Assignment(cue.start(), end, listed)
            _chair(sentence, assignment, mentions)
            used.update(m.start for m in listed)
            found.append(assignment)
        elif cue.group(1).lower().startswith(("yêu", "đề")) and _starts_with_verb(sentence[cue.end() :]):
            found.append(_Assignment(cue.start(), cue.end(), [], implicit=True))
    for mention in mentions:
        if (
            mention.start in used
            or mention.kind == "leader"
            or any(a.start <= mention.start < a.action_start for a in found)
        ):
            continue
        subject_start = mention.start
        title = _TITLE_BEFORE.search(sentence, 0, mention.start)
        if title is not None:
            subject_start = title.start()
        if not _is_clause_start(sentence, subject_start):
            continue
        listed, end = _parse_list(sentence, mention.start, mentions)
        listed = [m for m in listed if m.kind != "leader"]
        if not listed or any(m.start in used for m in listed):
            continue
        subject_cue = _SUBJECT_CUE.match(sentence, end)
        if subject_cue is None and not (lenient and subject_start <= 1 and _starts_with_verb(sentence[end:])):
            continue
        assignment = _Assignment(subject_start, end, listed)
        assignment.pronoun_only = all(m.kind == "pronoun" for m in listed)
        _chair(sentence, assignment, mentions)
        used.update(m.start for m in listed)
        found.append(assignment)
    found.sort(key=lambda a: a.start)
    return found


def _chair(sentence: str, assignment: _Assignment, mentions: list[_Mention]) -> None:
    """ "X chủ trì, phối hợp với Y, Z ...": Y and Z cooperate, and the action starts after them."""
    lead = _LEAD_CHAIR.match(sentence, assignment.action_start)
    if lead is not None:
        listed, end = _parse_list(sentence, lead.end(), mentions)
        if not listed:
            bare = _BARE_GROUP.match(sentence, lead.end())
            if bare is not None:
                assignment.cooperating.append(bare.group())
                assignment.action_start = bare.end()
                return
        assignment.cooperating.extend(m.name for m in listed if m.kind != "leader")
        assignment.action_start = end
        return
    only = _LEAD_CHAIR_ONLY.match(sentence, assignment.action_start)
    if only is not None and _starts_with_verb(sentence[only.end() :]):
        assignment.action_start = only.end()


def _speaker_is_an_agency(sentence: str, position: int, mentions: list[_Mention]) -> bool:
    """ "Sở Tài chính đề nghị UBND tỉnh ...": an agency's own request reported, not an assignment to UBND tỉnh."""
    before = [m for m in mentions if m.end <= position]
    if not before:
        return False
    speaker = before[-1]
    gap = sentence[speaker.end : position]
    if len(gap.split()) > 2 or re.search(r"[,;:]", gap):
        return False
    if re.search(r"(?:chủ\s+tịch|bí\s+thư|lãnh\s+đạo|thường\s+trực|trưởng)\s*$", sentence[: speaker.start], re.I):
        return False
    key = search_key(speaker.name)
    return speaker.kind in ("body", "pronoun") and not key.startswith(
        ("uy ban nhan dan tinh", "hoi dong nhan dan tinh", "thuong truc")
    )


def _split_double(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "..., đồng thời hướng dẫn ...": a second task for the same assignee in one sentence."""
    pieces: list[tuple[int, int]] = []
    begin = start
    for match in _DOUBLE_SPLIT.finditer(sentence, start, end):
        rest = sentence[match.end() : end]
        if match.start() > begin and _starts_with_verb(rest) and not _ASSIGN.match(rest):
            pieces.append((begin, match.start()))
            begin = match.end()
    pieces.append((begin, end))
    return pieces


def _action(words: str, deadline: Deadline | None) -> str:
    """The task in a short phrase: the assignee's words without the deadline and the leading "cần", "phải"."""
    if deadline is not None and not deadline.standing and deadline.text != "khẩn trương":
        before = words[: deadline.start]
        if deadline.text not in ("ngay", "sớm"):
            before = _DANGLING.sub("", before)
        words = before + words[deadline.end :]
    words = " ".join(words.split())
    words = re.sub(r"\s+([,;.])", r"\1", words)
    words = _CONNECTOR.sub("", words.lstrip(" ,;:-–"))
    words = _LEADING_MODALS.sub("", words).strip()
    words = words.strip(" ,;:.…\"“”'")
    while words.endswith("...") or words.endswith(".."):
        words = words.rstrip(".").rstrip()
    words = re.sub(r"[,;]\s*$", "", words)
    if words[:1].isupper() and words[1:2].islower():
        words = words[0].lower() + words[1:]
    if len(words) > _ACTION_LIMIT:
        cut = max(words.rfind(";", 0, _ACTION_LIMIT), words.rfind(",", 0, _ACTION_LIMIT))
        words = words[: cut if cut > 40 else _ACTION_LIMIT].rstrip(" ,;")
    return words
