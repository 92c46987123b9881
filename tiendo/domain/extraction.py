"""Tasks proposed from the text of a meeting conclusion (thông báo kết luận) or a news report of a meeting.

An officer pastes or uploads the text; we propose who must do what by when, and the officer confirms. So the
rules aim at a short list an officer can check, not at a parse of every sentence. They are transparent on
purpose: a wrong proposal must be explainable by a rule someone can read and change.

Who: agencies are found by a gazetteer of provincial departments (with their abbreviations: "Sở KH&ĐT"), by the
head nouns agencies' names start with ("Ban Quản lý ...", "Công an tỉnh"), by the names the caller's database
knows, and by the plural groups conclusions address ("các sở, ngành, địa phương"). An agency is an assignee only
where the sentence assigns it work: after "yêu cầu", "đề nghị", "giao", or as the subject of "cần", "phải",
"chủ trì", "phối hợp"...; the leader who speaks and the body a report goes to are not. Sentences without an
assignee of their own inherit the previous one ("Trước mắt cần tiếp tục ...") or the heading of their list item
("2. Sở Tài chính:"), and are marked implicit.

What: the verb phrase after the assignee, without the deadline. underthesea's part-of-speech tagger decides
whether a sentence without a subject starts with a verb, which is what makes it a continued task rather than a
description ("Tập trung nghiệm thu ..." versus "Phương án xử lý phải ...").

When: `tiendo.domain.deadlines`, on the task's own words, resolved from the document's date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from tiendo.domain.deadlines import Deadline, find_deadline
from tiendo.domain.deadlines import document_date as guess_document_date
from tiendo.domain.text import normalize, search_key

__all__ = [
    "Extraction",
    "KnownBody",
    "ProposedTask",
    "body_key",
    "expand_abbreviations",
    "extract",
    "match_known",
    "to_json",
]


@dataclass(frozen=True, slots=True)
class KnownBody:
    """An agency the database knows, under every name a text may use for it (former names included)."""

    key: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProposedTask:
    """One assignee's share of one assignment; `start`/`end` locate its sentence in the normalised text."""

    assignee: str
    cooperating: tuple[str, ...]
    action: str
    deadline_text: str | None
    deadline: date | None
    standing: bool
    sentence: str
    start: int
    end: int
    agency: str | None
    implicit: bool


@dataclass(frozen=True, slots=True)
class Extraction:
    document_date: date | None
    tasks: tuple[ProposedTask, ...]


# --- Names -----------------------------------------------------------------------------------------------------

_UPPER_LETTERS = "".join(chr(c) for c in range(0x41, 0x1F00) if chr(c).isupper() and chr(c).isalpha())
_UPPER = "[" + re.escape(_UPPER_LETTERS) + "]"

# Provincial departments: the part of the name after "Sở", and the abbreviations texts use for it.
_DEPARTMENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Kế hoạch và Đầu tư", ("KH&ĐT", "KHĐT", "KH-ĐT", "KH và ĐT")),
    ("Tài chính", ("TC",)),
    ("Xây dựng", ("XD",)),
    ("Giao thông vận tải", ("GTVT", "GT-VT", "GT&VT")),
    ("Công Thương", ("CT",)),
    ("Nông nghiệp và Phát triển nông thôn", ("NN&PTNT", "NNPTNT", "NN-PTNT", "NN và PTNT")),
    ("Nông nghiệp và Môi trường", ("NN&MT", "NNMT")),
    ("Tài nguyên và Môi trường", ("TN&MT", "TNMT", "TN-MT", "TN và MT")),
    ("Tư pháp", ()),
    ("Nội vụ", ("NV",)),
    ("Ngoại vụ", ()),
    ("Y tế", ("YT",)),
    ("Giáo dục và Đào tạo", ("GD&ĐT", "GDĐT", "GD-ĐT")),
    ("Lao động - Thương binh và Xã hội", ("LĐ-TB&XH", "LĐTB&XH", "LĐTBXH", "LĐ,TB&XH")),
    ("Văn hóa, Thể thao và Du lịch", ("VH,TT&DL", "VHTT&DL", "VHTTDL", "VH-TT&DL", "VH, TT&DL")),
    ("Văn hóa và Thể thao", ("VH&TT",)),
    ("Du lịch", ()),
    ("Thông tin và Truyền thông", ("TT&TT", "TTTT", "TT-TT")),
    ("Khoa học và Công nghệ", ("KH&CN", "KHCN")),
    ("Dân tộc và Tôn giáo", ("DT&TG",)),
)
# "ngành y tế" is the health department; a sector named by its first words when that is unambiguous.
_SECTOR_SHORT = {
    "Giáo dục và Đào tạo": ("giáo dục",),
    "Giao thông vận tải": ("giao thông",),
    "Lao động - Thương binh và Xã hội": ("lao động",),
    "Văn hóa, Thể thao và Du lịch": ("văn hóa",),
    "Nông nghiệp và Phát triển nông thôn": ("nông nghiệp",),
}

_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("BQLDA", "Ban Quản lý dự án"),
    ("BQL", "Ban Quản lý"),
    ("KCN", "khu công nghiệp"),
    ("CCN", "cụm công nghiệp"),
    ("KBNN", "Kho bạc Nhà nước"),
    ("BHXH", "Bảo hiểm xã hội"),
    ("NHNN", "Ngân hàng Nhà nước"),
    ("CHQS", "Chỉ huy Quân sự"),
    ("BĐBP", "Bộ đội Biên phòng"),
    ("ĐBQH", "Đại biểu Quốc hội"),
    ("LĐLĐ", "Liên đoàn Lao động"),
    ("PT-TH", "Phát thanh và Truyền hình"),
    ("PTTH", "Phát thanh và Truyền hình"),
    ("VP", "Văn phòng"),
    ("TP.", "thành phố"),
    ("TP", "thành phố"),
    ("TX.", "thị xã"),
    ("TX", "thị xã"),
)
_ABBREVIATION = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(short) for short, _ in _ABBREVIATIONS) + r")(?![\w&])",
)
_EXPANSION = dict(_ABBREVIATIONS)

# Words that open an agency's name. A name goes on with capitalised words ("Sở Du lịch", "Công ty Cổ phần X").
_HEADS = (
    "Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc", "Ủy ban Kiểm tra", "Mặt trận Tổ quốc",
    "Ban cán sự đảng", "Ban Cán sự đảng", "Ban Quản lý dự án", "Ban quản lý dự án", "Ban Quản lý", "Ban Chỉ đạo",
    "Ban", "Bộ Chỉ huy", "Bộ", "Văn phòng", "Công an", "Thanh tra", "Tổng cục", "Chi cục", "Cục",
    "Kho bạc Nhà nước", "Kho bạc", "Ngân hàng", "Bảo hiểm xã hội", "Trung tâm", "Tổng công ty", "Công ty",
    "Tập đoàn", "Đài", "Báo", "Viện", "Bệnh viện", "Trường", "Liên đoàn", "Liên minh", "Hội", "Tỉnh đoàn",
    "Đoàn", "Đảng ủy", "Đảng đoàn", "Huyện ủy", "Thành ủy", "Thị ủy", "Điện lực", "Quỹ", "Cảng vụ",
    "Chi nhánh", "Hạt", "Phòng", "Sở", "Ủy ban", "BQLDA", "BQL", "KBNN", "BHXH", "NHNN", "UBMTTQ", "MTTQ", "VP",
)  # fmt: skip
# Heads that make a name on their own, and heads whose names run through lowercase words to a place
# ("Ban Quản lý dự án đầu tư xây dựng tỉnh").
_STANDALONE_HEADS = frozenset({"Tỉnh đoàn", "Bảo hiểm xã hội", "BHXH", "Kho bạc Nhà nước", "KBNN", "Thanh tra"})
_LONG_NAME_HEADS = frozenset(
    {"Ban Quản lý dự án", "Ban quản lý dự án", "Ban Quản lý", "Ban Chỉ đạo", "BQLDA", "BQL", "Trung tâm", "Chi cục"}
)
# Companies' names run through lowercase words to a proper name ("Công ty Cổ phần Kinh doanh nước sạch Hải Dương").
_COMPANY_HEADS = frozenset({"Công ty", "Tổng công ty", "Tập đoàn"})
_HEAD = re.compile(r"(?<!\w)(" + "|".join(re.escape(head) for head in _HEADS) + r")(?!\w)")
_ADMIN = re.compile(r"(?<!\w)(?:Thường trực\s+)?(?:Ủy ban nhân dân|ỦY BAN NHÂN DÂN|UBND|Hội đồng nhân dân|HĐND)(?!\w)")
_LEVEL = (
    r"(?i:cấp\s+(?:tỉnh|huyện|xã)|tỉnh|huyện|thành\s+phố|thị\s+xã|quận|xã|phường|thị\s+trấn|địa\s+phương)|TP\.?|TX\.?"
)
_CAP_RUN = r"(?:\s+(?:" + _UPPER + r"[\w]*|\d+))*"
_ADMIN_TAIL = re.compile(
    r"\s+(?:(?i:các)\s+)?(?:" + _LEVEL + r")(?!\w)" + _CAP_RUN
    + r"(?:\s*(?:,\s*(?:(?i:và)\s+)?|\s+(?i:và)\s+)(?:(?i:các)\s+)?(?:" + _LEVEL + r")(?!\w)" + _CAP_RUN + r")*"
    + r"(?:\s+(?i:có\s+liên\s+quan|liên\s+quan|trên\s+địa\s+bàn(?:\s+tỉnh)?))?"
)  # fmt: skip
_LOCALITY = re.compile(
    r"\s+(?:(?i:tỉnh|huyện|thành\s+phố|thị\s+xã|quận|cấp\s+tỉnh|cấp\s+huyện)|TP\.?|TX\.?)(?!\w)"
    + r"(?:\s+" + _UPPER + r"\w*(?:\s+" + _UPPER + r"\w*)*)?"
)  # fmt: skip
_TOKEN = re.compile(r"[^\S\n]+([^\W_]+(?:[&\-][^\W_]+)*|&|-|–)")
_NAME_STOP = frozenset(
    "cần phải chủ trì phối hợp khẩn trương có chịu sớm tập trung chủ động đã đang sẽ và các của với để "
    "tại theo trên là được thì làm tỉnh huyện thành thị quận xã phường cấp".split()
)
_LONG_NAME_REACH = 9

_UNITS = (
    r"(?:tổ\s+chức\s+chính\s+trị\s*-\s*xã\s+hội|ban\s+quản\s+lý\s+dự\s+án|lực\s+lượng\s+chức\s+năng|"
    r"phòng\s+chuyên\s+môn|phòng,?\s+ban|cơ\s+quan|đơn\s+vị|địa\s+phương|đoàn\s+thể|tổ\s+chức|doanh\s+nghiệp|"
    r"thị\s+xã|thành\s+phố|thị\s+trấn|chủ\s+đầu\s+tư|nhà\s+đầu\s+tư|nhà\s+thầu|cấp\s+ủy|chính\s+quyền|"
    r"huyện\s+ủy|thị\s+ủy|thành\s+ủy|đảng\s+ủy|hợp\s+tác\s+xã|lực\s+lượng|cơ\s+sở|bệnh\s+viện|trường|"
    r"sở|ban|ngành|cấp|huyện|xã|phường|bộ|hội|phòng)(?!\w)"
)
_GROUP_SEPARATOR = r"(?:\s*,\s*(?:và\s+|cùng\s+)?|\s+và\s+|\s+cùng\s+)(?:các\s+)?"
_GROUP_SUFFIX = (
    r"(?:\s+(?:có\s+liên\s+quan|liên\s+quan|chức\s+năng|trên\s+địa\s+bàn(?:\s+tỉnh)?|thuộc\s+tỉnh|trực\s+thuộc|"
    r"của\s+tỉnh|[Tt]rung\s+ương|cấp\s+tỉnh|cấp\s+huyện|cấp\s+xã|khác))*"
)
# "các sở, ngành, địa phương": a plural group is one assignee.
_GROUP = re.compile(
    r"(?<!\w)(?:[Cc]ác|[Nn]hững)\s+" + _UNITS + r"(?:" + _GROUP_SEPARATOR + _UNITS + r")*" + _GROUP_SUFFIX
)
_GROUP_SUFFIX_AFTER = re.compile(_GROUP_SUFFIX)
_PLURAL = re.compile(r"(?<!\w)(?:[Cc]ác|[Nn]hững)\s")
# "phối hợp với sở, ban, ngành, địa phương": without "các" only as a list of at least two.
_BARE_GROUP = re.compile(r"(?<!\w)" + _UNITS + r"(?:" + _GROUP_SEPARATOR + _UNITS + r")+" + _GROUP_SUFFIX)
# Roles on a construction site: "đề nghị chủ đầu tư, nhà thầu tập trung ...".
_ROLE = re.compile(
    r"(?<!\w)(?:chủ\s+đầu\s+tư|nhà\s+thầu(?:\s+thi\s+công)?|đơn\s+vị\s+tư\s+vấn(?:\s+giám\s+sát)?|đơn\s+vị\s+thi\s+công|"
    r"nhà\s+đầu\s+tư)(?!\w)(?:\s+(?:dự\s+án|các\s+dự\s+án)(?!\w))?",
    re.IGNORECASE,
)
# "sở", "ban", "huyện" standing for the department, board or place last named ("Đồng thời, sở cần ...").
_PRONOUN = re.compile(
    r"(?<!\w)(?<!cơ\s)(?<!trụ\s)(?:(?P<sở>sở)(?!\w)(?!\s+(?:hữu|thích|tại|dĩ|trường|cứ|ngành)(?!\w))(?!\s*,\s*(?:ban|ngành))"
    r"|(?P<ban>ban)|(?P<place>huyện|thị\s+xã|thành\s+phố))(?!\w)",
    re.IGNORECASE,
)
# A district named without its people's committee: "yêu cầu huyện Nam Sách ...".
_PLACE = re.compile(r"(?<!\w)(?:(?i:huyện|thị\s+xã|thành\s+phố)|TP\.?|TX\.?)(?!\w)(?:\s+" + _UPPER + r"\w*)+")
_PLACE_KEYS = ("huyen ", "thi xa ", "thanh pho ")
# Bodies that hold the meeting and speak; never assignees.
_LEADER_KEYS = ("ban thuong vu", "thuong truc tinh uy", "thuong truc huyen uy", "ban chap hanh", "hoi nghi")
_TITLE_WORDS = (
    r"(?:(?:đồng\s+chí|đ/c)\s+)?(?:(?:phó\s+)?(?:giám\s+đốc|chủ\s+tịch|thủ\s+trưởng|trưởng\s+ban|chánh\s+văn\s+phòng|"
    r"chánh\s+thanh\s+tra|cục\s+trưởng|chi\s+cục\s+trưởng|tổng\s+giám\s+đốc|bí\s+thư|trưởng\s+phòng|"
    r"chỉ\s+huy\s+trưởng)|lãnh\s+đạo|người\s+đứng\s+đầu)\s+"
)
_TITLE = re.compile(_TITLE_WORDS, re.IGNORECASE)
_TITLE_BEFORE = re.compile(r"(?<!\w)" + _TITLE_WORDS + "$", re.IGNORECASE)


def _flex(name: str) -> str:
    """A pattern for a name however its parts are joined: "Kế hoạch và Đầu tư", "Kế hoạch - Đầu tư"."""
    words = [word for word in re.split(r"[\s,\-–&]+", name) if word and word.lower() != "và"]
    return r"(?:\s*[,\-–&]\s*|\s+)(?:và\s+)?".join(re.escape(word) for word in words)


def _abbreviation_pattern(short: str) -> str:
    parts = re.split(r"(&|-|,|\s+và\s+)", short)
    out = []
    for part in parts:
        if part in ("&", " và ") or part.strip() == "và":
            out.append(r"\s*(?:&|và)\s*")
        elif part in ("-", ","):
            out.append(r"\s*[-–,]?\s*")
        elif part:
            out.append(re.escape(part))
    return "".join(out)


_DEPARTMENT_NAMES = {domain: "Sở " + domain for domain, _ in _DEPARTMENTS}
_DEPARTMENT_FULL = re.compile(
    r"(?<!\w)(?i:sở)\s+(?:"
    + "|".join(
        f"(?P<d{index}>(?i:{_flex(domain)}))"
        for index, (domain, _) in sorted(enumerate(_DEPARTMENTS), key=lambda item: -len(item[1][0]))
    )
    + r")(?!\w)"
)
_DEPARTMENT_SHORT = re.compile(
    r"(?<!\w)(?i:sở)\s+(?:"
    + "|".join(
        f"(?P<d{index}>{'|'.join(_abbreviation_pattern(short) for short in sorted(shorts, key=len, reverse=True))})"
        for index, (_, shorts) in enumerate(_DEPARTMENTS)
        if shorts
    )
    + r")(?![\w&])"
)
_SECTOR = re.compile(
    r"(?<!\w)(?i:ngành)\s+(?:"
    + "|".join(
        f"(?P<d{index}>(?i:{'|'.join([_flex(domain), *(_flex(short) for short in _SECTOR_SHORT.get(domain, ()))])}))"
        for index, (domain, _) in sorted(enumerate(_DEPARTMENTS), key=lambda item: -len(item[1][0]))
    )
    + r")(?!\w)"
)


_DEPARTMENT_LIST = re.compile(r"(?<!\w)(?i:các\s+sở)\s*:?\s*")
_DOMAIN = re.compile(
    "(?:"
    + "|".join(
        f"(?P<d{index}>{_flex(domain)})"
        for index, (domain, _) in sorted(enumerate(_DEPARTMENTS), key=lambda item: -len(item[1][0]))
    )
    + r")(?!\w)"
)
_DOMAIN_SEPARATOR = re.compile(r"\s*,\s*(?:và\s+)?|\s+và\s+")


def _department_of(match: re.Match[str]) -> str:
    """The full name of the department a match of the patterns above names (its group is "d" + its index)."""
    group = match.lastgroup or ""
    return _DEPARTMENT_NAMES[_DEPARTMENTS[int(group[1:])][0]] if group else match.group()


def expand_abbreviations(name: str) -> str:
    """Write a body's name out in full: "Sở KH&ĐT" -> "Sở Kế hoạch và Đầu tư", "UBND tỉnh" -> "Ủy ban nhân dân tỉnh"."""
    name = " ".join(normalize(name).split())
    for pattern in (_DEPARTMENT_SHORT, _DEPARTMENT_FULL, _SECTOR):
        name = pattern.sub(_department_of, name)
    return _ABBREVIATION.sub(lambda match: _EXPANSION[match.group(1)], name)


def body_key(name: str) -> str:
    """What two names of one body share: written out, without marks, "và" or the province ("... tỉnh Hải Dương")."""
    words = [word for word in re.split(r"[^\w]+", search_key(expand_abbreviations(name))) if word and word != "va"]
    for index in range(len(words) - 1, 1, -1):
        if words[index] == "tinh" and len(words) - index - 1 <= 3:
            words = words[:index]
            break
    return " ".join(words)


_WORD = re.compile(r"[^\W_]+")
_NAME_GAP = re.compile(r"[\s,\-–&]*")
_Trie = dict[str, "_Trie | bool"]
_END = "\x00"  # the key that marks the end of a name in the trie


def _word_key(word: str) -> str | None:
    """How a word of a name is compared: acronyms exactly ("CA" is no "ca"), other words in lowercase."""
    if word.lower() == "và":
        return None
    return "=" + word if len(word) > 1 and word.isupper() else word.lower()


@dataclass(frozen=True)
class _Lexicon:
    """The caller's bodies, once per list: a trie of their names' words to find them, an index to match them."""

    trie: _Trie
    index: dict[str, str]

    def agency(self, name: str) -> str | None:
        key = body_key(name)
        found = self.index.get(key)
        if found is None and key.startswith(_PLACE_KEYS):  # "huyện Nam Sách" is its people's committee
            found = self.index.get("uy ban nhan dan " + key)
        return found

    def find(self, text: str) -> list[tuple[int, int]]:
        """Spans of the known names in `text`, the longest at each start."""
        if not self.trie:
            return []
        words = [(match.start(), match.end(), match.group()) for match in _WORD.finditer(text)]
        spans: list[tuple[int, int]] = []
        for first in range(len(words)):
            node: _Trie = self.trie
            longest = None
            for position in range(first, len(words)):
                start, end, word = words[position]
                if position > first and _NAME_GAP.fullmatch(text, words[position - 1][1], start) is None:
                    break
                key = _word_key(word)
                if key is None:
                    continue
                following = node.get(key)
                if following is None and key.startswith("="):
                    following = node.get(word.lower())  # "SỞ TÀI CHÍNH" in a header
                if not isinstance(following, dict):
                    break
                node = following
                if _END in node:
                    longest = end
            if longest is not None:
                spans.append((words[first][0], longest))
        return spans


@lru_cache(maxsize=8)
def _lexicon(known: tuple[KnownBody, ...]) -> _Lexicon:
    index: dict[str, str] = {}
    for body in known:  # current names first: a former name never hides the body that bears it now
        if body.names:
            index.setdefault(body_key(body.names[0]), body.key)
    for body in known:
        for name in body.names[1:]:
            index.setdefault(body_key(name), body.key)
    index.pop("", None)
    trie: _Trie = {}
    for body in known:
        for name in body.names:
            keys = [key for key in map(_word_key, _WORD.findall(normalize(name))) if key is not None]
            if not keys or sum(len(key.lstrip("=")) for key in keys) < 3:
                continue  # too short to tell from an ordinary word
            node = trie
            for key in keys:
                child = node.setdefault(key, {})
                assert isinstance(child, dict)
                node = child
            node[_END] = True
    return _Lexicon(trie, index)


def match_known(name: str, known: Sequence[KnownBody]) -> str | None:
    """The key of the known body a name designates, by any of its names, abbreviated or not."""
    return _lexicon(tuple(known)).agency(name)


# --- Mentions --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    name: str
    kind: str  # "body", "group", "role", "leader" or "pronoun"
    family: str = ""  # "sở", "ban" or "place": what "sở", "ban", "huyện" may refer back to


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


def _name_end(text: str, position: int, head: str) -> int | None:
    """Where a name opened by `head` ends, or None when no name follows.

    Vietnamese capitalises the first syllable of each word of a name ("Sở Du lịch", "Công ty Cổ phần Đầu tư"):
    a capitalised syllable may take one lowercase syllable after it, unless it continues a run of capitalised
    ones ("Hải Dương") or is an acronym. A place ("tỉnh", "huyện Gia Lộc") closes the name.
    """
    end, found, in_proper_name, lowercase_allowed = position, False, False, False
    while True:
        token = _TOKEN.match(text, end)
        if token is None:
            break
        word = token.group(1)
        if word in ("và", "-", "–", "&"):
            following = _TOKEN.match(text, token.end())
            if not found or following is None or not _is_capitalised(following.group(1)):
                break
            if _HEAD.match(text, following.start(1)) or _ADMIN.match(text, following.start(1)):
                break  # "Sở Xây dựng và Kho bạc Nhà nước tỉnh": a second body
            end, in_proper_name, lowercase_allowed = token.end(), False, False
            continue
        if _is_capitalised(word):
            acronym = len(word) > 1 and word.isupper()
            lowercase_allowed = not acronym and not in_proper_name
            end, found, in_proper_name = token.end(), True, True
            continue
        if lowercase_allowed and word not in _NAME_STOP:
            end, in_proper_name, lowercase_allowed = token.end(), False, False
            continue
        break
    locality = _LOCALITY.match(text, end)
    if locality is not None:
        return locality.end()
    if found or head in _STANDALONE_HEADS or head in _LONG_NAME_HEADS or head in _COMPANY_HEADS:
        reach = end
        for _ in range(_LONG_NAME_REACH):
            locality = _LOCALITY.match(text, reach)
            if locality is not None and reach > end:
                # "Đảng ủy Khối các cơ quan tỉnh": nouns up to a place belong to the name; a verb does not
                # ("Sở Y tế rà soát các bệnh viện tỉnh"), except in names that are known to hold one.
                between = text[end:reach].strip()
                if head in _LONG_NAME_HEADS or not any(tag.startswith(("V", "A")) for _, tag in _tags(between)):
                    return locality.end()
                break
            token = _TOKEN.match(text, reach)
            if token is None or token.group(1) in _NAME_STOP - {"các", "và"} or token.group(1) in ("-", "–", "&"):
                break
            if head not in _LONG_NAME_HEADS and head not in _COMPANY_HEADS and reach - end > 40:
                break
            if head in _COMPANY_HEADS and _is_capitalised(token.group(1)):
                while token is not None and _is_capitalised(token.group(1)):
                    reach = token.end()
                    token = _TOKEN.match(text, reach)
                return reach
            reach = token.end()
    if found or head in _STANDALONE_HEADS:
        return end
    return None


def _display(text: str) -> str:
    name = expand_abbreviations(text)
    return name[0].lower() + name[1:] if name[:4] in ("Các ", "Những") else name


def _family(name: str) -> str:
    key = search_key(name)
    if key.startswith("so "):
        return "sở"
    if key.startswith("ban ") and not key.startswith(_LEADER_KEYS):
        return "ban"
    if key.startswith(_PLACE_KEYS) or key.startswith(tuple("uy ban nhan dan " + place for place in _PLACE_KEYS)):
        return "place"
    return ""


def _find_mentions(text: str, lexicon: _Lexicon, last: dict[str, str]) -> tuple[list[_Mention], dict[str, str]]:
    """The bodies a sentence names, left to right, the longest where they overlap.

    `last` holds the department, board and place named last before the sentence, which "sở", "ban" and "huyện"
    refer to; the result passes it on, updated.
    """
    found: list[tuple[int, int, int, _Mention]] = []

    def add(priority: int, start: int, end: int, name: str, kind: str = "body") -> None:
        if kind == "body":
            key = search_key(name)
            if key.startswith(_LEADER_KEYS) or key == "tinh uy":
                kind = "leader"
        family = _family(name) if kind == "body" else ""
        found.append((start, -end, priority, _Mention(start, end, name, kind, family)))

    for known_start, known_end in lexicon.find(text):
        add(0, known_start, known_end, expand_abbreviations(text[known_start:known_end]))
    for pattern in (_DEPARTMENT_FULL, _DEPARTMENT_SHORT, _SECTOR):
        for match in pattern.finditer(text):
            add(1, match.start(), match.end(), _department_of(match))
    for listing in _DEPARTMENT_LIST.finditer(text):  # "các Sở: Tài chính, Xây dựng": one body each
        position, start = listing.end(), listing.start()
        while (domain := _DOMAIN.match(text, position)) is not None:
            add(1, start, domain.end(), _department_of(domain))
            separator = _DOMAIN_SEPARATOR.match(text, domain.end())
            if separator is None:
                break
            position = start = separator.end()
    for match in _ADMIN.finditer(text):
        tail = _ADMIN_TAIL.match(text, match.end())
        if tail is not None:
            add(2, match.start(), tail.end(), _display(text[match.start() : tail.end()]))
    for match in _PLACE.finditer(text):
        name = _display(match.group())
        add(2, match.start(), match.end(), name[0].lower() + name[1:])
    for match in _HEAD.finditer(text):
        end = _name_end(text, match.end(), match.group())
        if end is not None:
            add(3, match.start(), end, _display(text[match.start() : end]))
    for plural in _PLURAL.finditer(text):  # at every "các": a group may start inside a longer one
        group = _GROUP.match(text, plural.start())
        if group is not None:
            add(4, group.start(), group.end(), _display(group.group()), "group")
    for match in _ROLE.finditer(text):
        add(5, match.start(), match.end(), _display(match.group()).lower(), "role")
    for match in _PRONOUN.finditer(text):
        if text[match.end() :].lstrip()[:1].isupper():
            continue  # the start of a name this module does not know
        if match.lastgroup != "sở" and _SUBJECT_CUE.match(text, match.end()) is None:
            continue  # "ban hành", "cấp huyện": only a subject that is told what to do refers back
        found.append(
            (match.start(), -match.end(), 6, _Mention(match.start(), match.end(), "", "pronoun", str(match.lastgroup)))
        )
    found.sort(key=lambda item: item[:3])
    last = dict(last)
    mentions: list[_Mention] = []
    reached = 0
    for start, _, _, mention in found:
        if start < reached:
            continue
        if mention.kind == "pronoun":
            if mention.family not in last:
                continue
            mention = _Mention(mention.start, mention.end, last[mention.family], "pronoun", mention.family)
        elif mention.family:
            last[mention.family] = mention.name
        mentions.append(mention)
        reached = mention.end
    return mentions, last


# --- Sentences -------------------------------------------------------------------------------------------------

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


# --- Assignments -----------------------------------------------------------------------------------------------

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
# After a subject: "X cần", "X phải", "X chủ trì, phối hợp với Y", "Y phối hợp".
_SUBJECT_CUE = re.compile(
    r"\s+(?:(?:cũng|vẫn)\s+)?(?:(?:cần\s+)?tiếp\s+tục\s+)?(cần\s+phải|cần(?!\s+thiết)|phải|có\s+trách\s+nhiệm|"
    r"chịu\s+trách\s+nhiệm|khẩn\s+trương|sớm|chủ\s+trì|phối\s+hợp|tập\s+trung|chủ\s+động|kịp\s+thời|"
    r"nghiêm\s+túc|tích\s+cực|quyết\s+liệt|căn\s+cứ|thường\s+xuyên|định\s+kỳ)(?!\w)"
    r"(?!\s+(?:cuộc|buổi|hội\s+nghị|phiên|kỳ\s+họp|tại|và\s+phát\s+biểu)(?!\w))",
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
_CONNECTOR = re.compile(
    r"^\W*(?:(?:đồng\s+thời|trước\s+mắt|cùng\s+với\s+đó|cùng\s+với|bên\s+cạnh\s+đó|ngoài\s+ra|mặt\s+khác|tiếp\s+theo|"
    r"sau\s+đó|đặc\s+biệt\s+là|đặc\s+biệt|nhất\s+là|trong\s+thời\s+gian\s+tới|thời\s+gian\s+tới|về\s+lâu\s+dài|"
    r"trên\s+cơ\s+sở\s+đó|do\s+đó|vì\s+vậy|theo\s+đó|song\s+song\s+với\s+đó|song\s+song|riêng)(?!\w)\s*,?\s*)+",
    re.IGNORECASE,
)
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
_MODALS = re.compile(
    r"^(?:(?:cần\s+phải|cần(?!\s+thiết)|phải|tiếp\s+tục|khẩn\s+trương|chủ\s+động|tích\s+cực|quyết\s+liệt|kịp\s+thời|"
    r"sớm|nghiêm\s+túc|thường\s+xuyên|cũng|ngay|tập\s+trung|đẩy\s+mạnh|tăng\s+cường|có\s+trách\s+nhiệm)(?!\w)\s*,?\s*)+",
    re.IGNORECASE,
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
# Verbs the tagger may read as nouns when they open a sentence.
_ACTION_WORDS = frozenset(
    "chủ trì tham mưu rà soát giải ngân hướng dẫn đôn đốc kiểm tra triển khai tổ chức xây dựng hoàn thiện hoàn thành "
    "báo cáo đề xuất nghiên cứu phối hợp theo dõi xử lý thẩm định bố trí lập thực hiện quan tâm khẩn trương "
    "nghiệm thu thanh tra giám sát cập nhật tiếp nhận ban hành trình lãnh đạo chỉ đạo".split()
)
_ACTION_LIMIT = 320


@lru_cache(maxsize=4096)
def _tags(words: str) -> tuple[tuple[str, str], ...]:
    """underthesea's part-of-speech tags, imported on first use so that importing this module stays cheap."""
    try:
        from underthesea import pos_tag
    except ImportError:  # pragma: no cover - underthesea is a dependency
        return ()
    return tuple((str(word), str(tag)) for word, tag in pos_tag(words))


def _starts_with_verb(text: str) -> bool:
    """Whether a clause opens with an action: a modal ("cần", "khẩn trương") or a verb by underthesea's tagger."""
    text = _CONNECTOR.sub("", text.lstrip(' ,;:-–"“')).lstrip()
    if not text:
        return False
    if _MODALS.match(text):
        return True
    words = text.split()[:6]
    if " ".join(words[:2]).lower() in _ACTION_WORDS or words[0].lower() in _ACTION_WORDS:
        return True
    first = " ".join(words)
    if first[1:2].islower():
        first = first[:1].lower() + first[1:]
    first = re.split(r"[,;:.()]", first)[0].strip() or first
    tags = _tags(first)
    return bool(tags) and tags[0][1].startswith("V")


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


@dataclass
class _Draft:
    assignee: _Mention
    cooperating: list[str]
    action: str
    deadline: Deadline | None
    start: int
    end: int
    implicit: bool


class _Reader:
    """Reads a document sentence by sentence, carrying the context that later sentences lean on."""

    def __init__(self, text: str, reference: date | None, lexicon: _Lexicon) -> None:
        self.text = text
        self.reference = reference
        self.lexicon = lexicon
        self.last: dict[str, str] = {}
        self.previous: list[_Draft] = []
        # The assignees of a list heading, its list level, and whether unmarked paragraphs may continue it.
        self.heading: tuple[list[_Mention], int | None, bool] | None = None
        self.directive = False  # after "... kết luận như sau:" a body that opens a sentence is being assigned
        self.drafts: list[_Draft] = []
        self.captions = True

    def read(self) -> list[_Draft]:
        stop = _STOP_LINE.search(self.text)
        blocks = _blocks(self.text, stop.start() if stop else len(self.text))
        # Lines without a final stop are titles and captions, unless no line has one (a pasted sentence).
        self.captions = any(self._last_character(block) in _TERMINAL for block in blocks)
        for block in blocks:
            self.read_block(block)
        return self.drafts

    def _last_character(self, block: _Block) -> str:
        return self.text[block.start : block.end].rstrip().rstrip(_CLOSERS)[-1:]

    def read_block(self, block: _Block) -> None:
        text = self.text
        self.previous = []
        last = self._last_character(block)
        if self.heading is not None:
            _, level, plain_continues = self.heading
            if block.level is not None and level is not None and block.level <= level:
                self.heading = None
            elif block.level is None and not (plain_continues and _starts_with_verb(text[block.start : block.end])):
                self.heading = None
        if block.level is None and last not in _TERMINAL and self.captions:
            self.scan_names(block.start, block.end)  # a caption or a title: no task, but names for "sở"
            return
        body_start = self.read_heading(block)
        inline_heading = body_start != block.start
        first_in_item = block.level is not None or inline_heading
        for start, end in _sentences(text, body_start, block.end):
            opens_item = first_in_item and start == body_start
            self.read_sentence(start, end, opens_item or self.directive, inline_heading and start == body_start)
            if _DIRECTIVE_INTRO.search(text[start:end]):
                self.directive = True

    def scan_names(self, start: int, end: int) -> None:
        _, self.last = _find_mentions(self.text[start:end], self.lexicon, self.last)

    def read_heading(self, block: _Block) -> int:
        """ "2. Sở Tài chính:" or "- Giao UBND các huyện, thị xã:" makes the bodies the item's assignees."""
        text = self.text[block.start : block.end]
        opener = re.match(r"\s*(?:(?:giao|đề\s+nghị|yêu\s+cầu|đối\s+với)\s+)?", text, re.IGNORECASE)
        position = opener.end() if opener else 0
        mentions, last = _find_mentions(text, self.lexicon, self.last)
        assignees, end = _parse_list(text, position, mentions)
        colon = re.match(r"\s*(?:\([^)]*\))?\s*:", text[end:]) if assignees else None
        if colon is None:
            if text.rstrip().endswith(":"):
                # "Chủ tịch UBND tỉnh giao Sở Y tế:" introduces the items that follow; a topic heading
                # ("1. Về công tác giải phóng mặt bằng:") ends the previous one.
                cues = list(_ASSIGN.finditer(text))
                listed, end = _parse_list(text, cues[-1].end(), mentions) if cues else ([], 0)
                if listed and not text[end:].strip(" :\t"):
                    self.heading = ([m for m in listed if m.kind != "leader"], block.level, False)
                elif block.level is not None:
                    self.heading = None
            return block.start
        self.last = last
        self.heading = ([m for m in assignees if m.kind != "leader"], block.level, True)
        return block.start + end + colon.end()

    def read_sentence(self, start: int, end: int, lenient: bool, inline_heading: bool) -> None:
        sentence = self.text[start:end]
        if _SKIP_SENTENCE.search(sentence):
            self.scan_names(start, end)
            self.previous = []
            return
        mentions, self.last = _find_mentions(sentence, self.lexicon, self.last)
        # Right after an assignment, "Công an tỉnh xây dựng phương án ..." goes on assigning, verb alone.
        assignments = _assignments(sentence, mentions, lenient or bool(self.previous))
        if not assignments:
            elaboration = _ELABORATION.match(sentence)
            if elaboration and self.previous:
                self.merge(self.previous, sentence, elaboration.end(), len(sentence), start, end, mentions)
                return
            title = _TITLE.match(sentence.lstrip())
            opening = (len(sentence) - len(sentence.lstrip())) + (title.end() if title else 0)
            opens_with_body = any(m.start <= opening + 2 and m.kind != "pronoun" for m in mentions)
            if not opens_with_body and _starts_with_verb(sentence):
                assignments = [_Assignment(0, 0, [], implicit=True)]
        drafts: list[_Draft] = []
        for index, assignment in enumerate(assignments):
            if not assignment.assignees:
                chair = _do_chair(sentence, mentions)
                assignment.assignees = [chair] if chair else self.inherited()
                assignment.implicit = not (inline_heading and not self.previous and self.heading is not None)
                if not assignment.assignees:
                    continue
            segment_end = assignments[index + 1].start if index + 1 < len(assignments) else len(sentence)
            if (
                assignment.pronoun_only
                and len(self.previous) == 1
                and self.previous[0].assignee.name == assignment.assignees[0].name
                and not _ADDITIVE.match(sentence)
                and find_deadline(sentence[assignment.action_start : segment_end], self.reference) is None
            ):
                self.merge(self.previous, sentence, assignment.action_start, segment_end, start, end, mentions)
                return
            prefix = sentence[: assignment.start] if index == 0 else ""
            drafts.extend(self.drafts_for(assignment, sentence, segment_end, prefix, start, end, mentions))
        self.previous = drafts
        self.drafts.extend(drafts)

    def inherited(self) -> list[_Mention]:
        if self.previous:
            seen: dict[str, _Mention] = {}
            for draft in self.previous:
                seen.setdefault(draft.assignee.name, draft.assignee)
            return list(seen.values())
        if self.heading is not None:
            return list(self.heading[0])
        return []

    def merge(
        self,
        drafts: list[_Draft],
        sentence: str,
        begin: int,
        finish: int,
        start: int,
        end: int,
        mentions: list[_Mention],
    ) -> None:
        """A sentence that details the previous task ("Trong đó, cần ...") adds to it rather than making one."""
        words = sentence[begin:finish]
        deadline = find_deadline(words, self.reference)
        action = _action(words, deadline)
        cooperating = _cooperating(words, _mentions_from(mentions, begin))
        for draft in drafts:
            if action and not _NOT_TASK.match(search_key(action)):
                draft.action = f"{draft.action}; {action}" if draft.action else action
            draft.cooperating.extend(name for name in cooperating if name not in draft.cooperating)
            if draft.deadline is None and deadline is not None:
                draft.deadline = deadline
            draft.end = end

    def drafts_for(
        self,
        assignment: _Assignment,
        sentence: str,
        segment_end: int,
        prefix: str,
        start: int,
        end: int,
        mentions: list[_Mention],
    ) -> list[_Draft]:
        pieces = _split_double(sentence, assignment.action_start, segment_end)
        drafts: list[_Draft] = []
        for piece_start, piece_end in pieces:
            words = sentence[piece_start:piece_end]
            quote = _QUOTE_END.search(words)
            if quote is not None and _inside_quote(sentence, piece_start):
                words = words[: quote.start()]
            if sentence.rstrip().endswith(":") and _LIST_INTRO.search(words):
                continue
            deadline = find_deadline(words, self.reference)
            if deadline is None and prefix:
                early = find_deadline(prefix, self.reference)
                if early is not None and early.due is not None and early.start <= 2:
                    deadline = early
            action = _action(words, deadline)
            if not action or _NOT_TASK.match(search_key(action)):
                continue
            cooperating = list(assignment.cooperating)
            for name in _cooperating(words, _mentions_from(mentions, piece_start)):
                if name not in cooperating:
                    cooperating.append(name)
            for assignee in assignment.assignees:
                if assignee.kind == "leader":
                    continue
                others = [name for name in cooperating if name != assignee.name]
                drafts.append(_Draft(assignee, others, action, deadline, start, end, assignment.implicit))
        return drafts


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


# --- The result ------------------------------------------------------------------------------------------------


def _task(draft: _Draft, text: str, lexicon: _Lexicon) -> ProposedTask:
    deadline = draft.deadline
    return ProposedTask(
        assignee=draft.assignee.name,
        cooperating=tuple(draft.cooperating),
        action=draft.action,
        deadline_text=deadline.text if deadline else None,
        deadline=deadline.due if deadline else None,
        standing=deadline.standing if deadline else False,
        sentence=" ".join(text[draft.start : draft.end].split()),
        start=draft.start,
        end=draft.end,
        agency=lexicon.agency(draft.assignee.name) if draft.assignee.kind != "group" else None,
        implicit=draft.implicit,
    )


def extract(text: str, document_date: date | None = None, known: Sequence[KnownBody] = ()) -> Extraction:
    """Propose tasks from a conclusion's text; offsets refer to `normalize(text)`.

    Without `document_date` the date is guessed from the text, and deadlines without a year are resolved from
    it; a wrong or missing guess only leaves such deadlines undated.
    """
    normal = normalize(text or "")
    reference = document_date or guess_document_date(normal)
    lexicon = _lexicon(tuple(known))
    drafts = _Reader(normal, reference, lexicon).read()
    tasks: list[ProposedTask] = []
    seen: set[tuple[str, str, int]] = set()
    for draft in drafts:
        task = _task(draft, normal, lexicon)
        identity = (search_key(task.assignee), search_key(task.action), task.start)
        if identity not in seen:
            seen.add(identity)
            tasks.append(task)
    return Extraction(reference, tuple(tasks))


def to_json(extraction: Extraction) -> dict[str, object]:
    """The `tiendo extract --json` shape: ISO dates, and "agency" only where a known body matched."""
    tasks: list[dict[str, object]] = []
    for task in extraction.tasks:
        item: dict[str, object] = {
            "assignee": task.assignee,
            "cooperating": list(task.cooperating),
            "action": task.action,
            "deadline_text": task.deadline_text,
            "deadline": task.deadline.isoformat() if task.deadline else None,
            "sentence": task.sentence,
            "standing": task.standing,
            "implicit": task.implicit,
        }
        if task.agency is not None:
            item["agency"] = task.agency
        tasks.append(item)
    return {
        "document_date": extraction.document_date.isoformat() if extraction.document_date else None,
        "tasks": tasks,
    }
