"""Agencies' names: the gazetteer of provincial departments and their abbreviations, the head nouns that open a
body's name, the plural groups and roles, the patterns that find them, and the bodies the caller's database knows
(`match_known`, a trie of their names). `body_key` is what two names of one body share.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tiendo.domain.extraction.records import KnownBody
from tiendo.domain.text import normalize, search_key

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
