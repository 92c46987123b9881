"""The bodies a sentence names, left to right, the longest where they overlap (`_find_mentions`): known bodies,
departments, people's committees, places, names opened by a head noun, groups, roles, and "sở", "ban", "huyện"
referring back to the body last named.
"""

from __future__ import annotations

from dataclasses import dataclass

from tiendo.domain.extraction.names import (
    _ADMIN,
    _ADMIN_TAIL,
    _COMPANY_HEADS,
    _DEPARTMENT_FULL,
    _DEPARTMENT_LIST,
    _DEPARTMENT_SHORT,
    _DOMAIN,
    _DOMAIN_SEPARATOR,
    _GROUP,
    _HEAD,
    _LEADER_KEYS,
    _LOCALITY,
    _LONG_NAME_HEADS,
    _LONG_NAME_REACH,
    _NAME_STOP,
    _PLACE,
    _PLACE_KEYS,
    _PLURAL,
    _PRONOUN,
    _ROLE,
    _SECTOR,
    _STANDALONE_HEADS,
    _TOKEN,
    _department_of,
    _Lexicon,
    expand_abbreviations,
)
from tiendo.domain.extraction.verbs import _SUBJECT_CUE, _tags
from tiendo.domain.text import search_key


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
