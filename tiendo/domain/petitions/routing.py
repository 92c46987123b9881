"""Which agency should answer a petition, suggested for the specialist to confirm (docs/legal/petitions.md PET-10),
and whether the text reads as a complaint or a denunciation that belongs to another procedure (PET-09).

The suggestion weighs three signals: an agency the text names (by its name or a common abbreviation, "Sở TN&MT",
"BQL các KCN", typed with or without diacritics), the agency of the petition's project, and the kind of agency the
topic calls for (land → natural resources and environment; a construction permit in an industrial zone → the
zones' board...). The reason is a code with parameters, so that each page can say it in its own language."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from tiendo.domain.petitions.states import Topic
from tiendo.domain.text import normalize, search_key

__all__ = [
    "AgencyRef",
    "Complaint",
    "Reason",
    "Role",
    "Scored",
    "Suggestion",
    "aliases_of",
    "looks_like_complaint",
    "roles_of",
    "suggest",
]


class Role(StrEnum):
    """What an agency does, as far as routing cares (read from its name: `roles_of`)."""

    LAND_ENVIRONMENT = "land_environment"  # natural resources & environment; agriculture & environment since 2025
    AGRICULTURE = "agriculture"
    TAX = "tax"
    CONSTRUCTION = "construction"
    ZONES_BOARD = "zones_board"  # the industrial (economic) zones' management board
    PLANNING_INVESTMENT = "planning_investment"
    FINANCE = "finance"  # took over planning and investment in 2025
    POWER = "power"
    WATER = "water"
    HOME_AFFAIRS = "home_affairs"  # took over labour in 2025
    LABOUR = "labour"
    INDUSTRY_TRADE = "industry_trade"
    CUSTOMS = "customs"
    TRANSPORT = "transport"
    BANK = "bank"
    PEOPLES_COMMITTEE = "peoples_committee"


# name fragments (search keys) → roles; the first matching fragments win nothing, all of them count
_ROLE_WORDS: Final[tuple[tuple[str, tuple[Role, ...]], ...]] = (
    ("tai nguyen va moi truong", (Role.LAND_ENVIRONMENT,)),
    ("nong nghiep va moi truong", (Role.LAND_ENVIRONMENT, Role.AGRICULTURE)),
    ("nong nghiep", (Role.AGRICULTURE,)),
    ("thue", (Role.TAX,)),
    ("xay dung", (Role.CONSTRUCTION,)),
    ("khu cong nghiep", (Role.ZONES_BOARD,)),
    ("khu kinh te", (Role.ZONES_BOARD,)),
    ("ke hoach va dau tu", (Role.PLANNING_INVESTMENT,)),
    ("tai chinh", (Role.FINANCE,)),
    ("dien luc", (Role.POWER,)),
    ("cap nuoc", (Role.WATER,)),
    ("nuoc sach", (Role.WATER,)),
    ("noi vu", (Role.HOME_AFFAIRS,)),
    ("lao dong", (Role.LABOUR,)),
    ("cong thuong", (Role.INDUSTRY_TRADE,)),
    ("hai quan", (Role.CUSTOMS,)),
    ("giao thong", (Role.TRANSPORT,)),
    ("ngan hang", (Role.BANK,)),
    ("uy ban nhan dan", (Role.PEOPLES_COMMITTEE,)),
)

_FIELD_WORDS: Final = frozenset(words for words, _roles in _ROLE_WORDS if " " not in words)  # "thue"

# the kinds of agency a topic calls for, best first; inside an industrial zone the board comes first where it has
# the competence (investment, construction permits, environment and infrastructure of the zone)
_TOPIC_ROLES: Final[dict[Topic, tuple[Role, ...]]] = {
    Topic.LAND: (Role.LAND_ENVIRONMENT,),
    Topic.SITE_CLEARANCE: (Role.LAND_ENVIRONMENT, Role.PEOPLES_COMMITTEE),
    Topic.TAX: (Role.TAX, Role.FINANCE),
    Topic.CONSTRUCTION_PERMIT: (Role.CONSTRUCTION,),
    Topic.INVESTMENT_PROCEDURE: (Role.PLANNING_INVESTMENT, Role.FINANCE),
    Topic.POWER_WATER: (Role.POWER, Role.WATER, Role.CONSTRUCTION, Role.INDUSTRY_TRADE),
    # the labour department while it exists (petitions before 2025), home affairs after the merger
    Topic.LABOUR: (Role.LABOUR, Role.HOME_AFFAIRS),
    Topic.ENVIRONMENT: (Role.LAND_ENVIRONMENT,),
    Topic.CUSTOMS: (Role.CUSTOMS,),
    Topic.CREDIT: (Role.BANK, Role.FINANCE),
    Topic.INFRASTRUCTURE: (Role.CONSTRUCTION, Role.TRANSPORT),
    Topic.INVESTMENT_ENQUIRY: (Role.PLANNING_INVESTMENT, Role.FINANCE),
    Topic.OTHER: (),
}
_ZONE_FIRST: Final = frozenset(
    {
        Topic.CONSTRUCTION_PERMIT,
        Topic.INVESTMENT_PROCEDURE,
        Topic.ENVIRONMENT,
        Topic.INFRASTRUCTURE,
        Topic.INVESTMENT_ENQUIRY,
    }
)

# the weights of the signals: a name in the text is the strongest evidence, the topic the weakest
NAMED: Final = 6
PROJECT: Final = 3
TOPIC_FIRST: Final = 2
TOPIC_OTHER: Final = 1
# topics only a specialised authority decides (a VAT refund is the tax office's, not the zone board's that follows
# the project): there the topic outweighs the project's agency
TOPIC_DECISIVE: Final = PROJECT + 1
_SPECIALISED: Final = frozenset({Topic.TAX, Topic.CUSTOMS, Topic.CREDIT})
KEYWORD: Final = 1
_KEYWORD_CAP: Final = 2

# words an agency's name starts with that say its type, not which one it is
_TYPE_WORDS: Final = ("so", "ban quan ly", "ban", "cuc", "chi cuc", "tong cong ty", "cong ty", "trung tam")
_TYPE_SHORT: Final = {"ban quan ly": "bql", "uy ban nhan dan": "ubnd"}
_PLACE = re.compile(r"\s+(?:tinh|thanh pho|tp)\s+\S.*$")
_LEGAL_FORM = re.compile(r"\b(?:tnhh|mtv|co phan|cp)\b")
_JOIN = re.compile(r"\s*[&\-/.]\s*")
_NOT_KEY = re.compile(r"[^a-z0-9 ]+")


def _key(text: str) -> str:
    """A comparable form: no diacritics, lowercase, "TN & MT", "TN-MT" and "TN&MT" all "tnmt"."""
    squashed = _JOIN.sub("", search_key(normalize(text)))
    return " ".join(_NOT_KEY.sub(" ", squashed).split())


def _initials(words: str) -> str:
    return "".join(word[0] for word in words.split() if word)


def aliases_of(name: str, short_name: str = "") -> tuple[str, ...]:
    """The ways a text may name an agency: its name, its short name, and the usual abbreviations ("Sở Tài
    nguyên và Môi trường" → "Sở TN&MT", "STNMT"; "Ban quản lý các khu công nghiệp" → "BQL các KCN", "BQL KCN";
    "Công ty Điện lực Hải Dương" → "Điện lực Hải Dương"). Without the province's name too."""
    found: list[str] = []
    for raw in (name, short_name):
        key = _key(raw)
        if key:
            found.append(key)
    base = _PLACE.sub("", search_key(normalize(name)))
    found.append(_key(base))
    prefix, rest = "", base
    for word in (*_TYPE_WORDS, "uy ban nhan dan"):
        if base == word or base.startswith(word + " "):
            prefix, rest = word, base[len(word) :].strip()
            break
    if prefix in ("cong ty", "tong cong ty"):
        rest = " ".join(_LEGAL_FORM.sub(" ", rest).split())
        found.append(_key(rest))
        found.append(" ".join(rest.split()[:2]))  # "điện lực" of "Công ty Điện lực Hải Dương"
    elif prefix and rest:
        short = _TYPE_SHORT.get(prefix, prefix)
        parts = [p for p in re.split(r"\s+va\s+|\s*[-,]\s*", rest) if p]
        if rest.startswith("cac "):
            # "các khu công nghiệp" → "các KCN" and "KCN"
            found += [f"{short} cac {_initials(rest[4:])}", f"{short} {_initials(rest[4:])}"]
        elif len(parts) > 1 or len(rest.split()) > 1:
            initials = "".join(_initials(part) for part in parts)
            found += [f"{short} {initials}", f"{_initials(prefix)}{initials}" if prefix == "so" else ""]
            if prefix != short:
                found.append(f"{short} {rest}")
    # an alias of one short word ("so", "ban") would match everywhere, and a name reduced to its field ("Thuế
    # thành phố Hải Phòng" → "thuế") says the field, not the agency (and "thuế" reads as "thuê đất" without marks)
    return tuple(
        dict.fromkeys(
            a for a in found if a and len(a.replace(" ", "")) >= 4 and a not in _TYPE_WORDS and a not in _FIELD_WORDS
        )
    )


def roles_of(name: str) -> frozenset[Role]:
    """The roles an agency's name says it has ("Sở Nông nghiệp và Môi trường": land and environment, agriculture)."""
    key = search_key(normalize(name))
    roles: set[Role] = set()
    for words, found in _ROLE_WORDS:
        if re.search(rf"(?<![a-z]){re.escape(words)}(?![a-z])", key):
            roles.update(found)
    return frozenset(roles)


@dataclass(frozen=True, slots=True)
class AgencyRef:
    """An agency as routing sees it. `aliases` and `keywords` are search keys or plain text (both are keyed)."""

    id: int
    name: str
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    roles: frozenset[Role] = field(default_factory=frozenset)

    @classmethod
    def of(cls, id: int, name: str, short_name: str = "", keywords: Iterable[str] = ()) -> AgencyRef:
        """Aliases and roles read from the name."""
        return cls(id, name, aliases_of(name, short_name), tuple(keywords), roles_of(name))


@dataclass(frozen=True, slots=True)
class Reason:
    """Why an agency is suggested: a code the interface translates and the words it fills in."""

    code: str  # "named" | "project" | "concerned" | "topic" | "keywords"
    params: tuple[tuple[str, str], ...] = ()

    def param(self, name: str) -> str:
        return dict(self.params).get(name, "")


@dataclass(frozen=True, slots=True)
class Scored:
    agency_id: int
    score: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    agency_id: int
    reason: Reason
    score: int
    runners_up: tuple[Scored, ...] = ()


def _mentions(text_key: str, phrase: str) -> bool:
    return bool(phrase) and f" {phrase} " in f" {text_key} "


def _topic_roles(topic: Topic, in_zone: bool) -> tuple[Role, ...]:
    roles = _TOPIC_ROLES.get(topic, ())
    if in_zone and topic in _ZONE_FIRST:
        return (Role.ZONES_BOARD, *roles)
    return roles


def suggest(
    text: str,
    topic: Topic | str,
    agencies: Sequence[AgencyRef],
    *,
    project_agency_ids: Iterable[int] = (),
    concerned_agency_ids: Iterable[int] = (),
    in_industrial_zone: bool = False,
    runners_up: int = 3,
) -> Suggestion | None:
    """The best agency for a petition with its strongest reason and the next ones; None when nothing points
    anywhere (the specialist chooses). `concerned_agency_ids` are those marked concerned at receipt (they weigh
    like the project's agency). Ties go to the agency listed first."""
    try:
        topic = Topic(topic)
    except ValueError:
        topic = Topic.OTHER
    text_key = _key(text)
    project_ids = set(project_agency_ids)
    concerned_ids = set(concerned_agency_ids)
    wanted = _topic_roles(topic, in_industrial_zone)
    scored: list[tuple[int, int, Scored]] = []
    for order, agency in enumerate(agencies):
        score, reasons = 0, []
        named = next((a for a in agency.aliases if _mentions(text_key, _key(a))), None)
        if named:
            score += NAMED
            reasons.append(Reason("named", (("name", agency.name),)))
        if agency.id in project_ids:
            score += PROJECT
            reasons.append(Reason("project", (("name", agency.name),)))
        elif agency.id in concerned_ids:
            score += PROJECT
            reasons.append(Reason("concerned", (("name", agency.name),)))
        rank = next((i for i, duty in enumerate(wanted) if duty in agency.roles), None)
        if rank is not None:
            first = TOPIC_DECISIVE if topic in _SPECIALISED else TOPIC_FIRST
            score += first if rank == 0 else TOPIC_OTHER
            reasons.append(Reason("topic", (("topic", topic.value),)))
        words = [w for w in agency.keywords if _mentions(text_key, _key(w))]
        if words:
            score += min(len(words), _KEYWORD_CAP) * KEYWORD
            reasons.append(Reason("keywords", (("words", ", ".join(words[:3])),)))
        if score:
            scored.append((-score, order, Scored(agency.id, score, tuple(reasons))))
    if not scored:
        return None
    scored.sort(key=lambda item: (item[0], item[1]))
    best = scored[0][2]
    rest = tuple(item[2] for item in scored[1 : 1 + max(runners_up, 0)])
    return Suggestion(best.agency_id, best.reasons[0], best.score, rest)


# ---- complaints and denunciations (PET-09) ----

REDIRECT_COMPLAINT: Final = (
    "Nội dung này là khiếu nại đối với quyết định hành chính hoặc hành vi hành chính, không thuộc phạm vi tiếp nhận "
    "phản ánh, kiến nghị về quy định hành chính theo Nghị định số 20/2008/NĐ-CP. Đề nghị gửi đơn khiếu nại lần đầu "
    "đến người đã ban hành quyết định hoặc thủ trưởng cơ quan có người thực hiện hành vi bị khiếu nại, theo Luật "
    "Khiếu nại năm 2011."
)
REDIRECT_DENUNCIATION: Final = (
    "Nội dung này là tố cáo hành vi vi phạm pháp luật, không thuộc phạm vi tiếp nhận phản ánh, kiến nghị về quy định "
    "hành chính theo Nghị định số 20/2008/NĐ-CP. Đề nghị gửi đơn tố cáo đến người đứng đầu cơ quan, tổ chức quản lý "
    "người bị tố cáo hoặc cơ quan thanh tra có thẩm quyền, theo Luật Tố cáo năm 2018."
)

_COMPLAINT_PHRASES: Final = ("khieu nai", "khieu kien", "don khieu nai")
_DENUNCIATION_PHRASES: Final = ("to cao", "to giac", "don to cao")
# "không khiếu nại", "chưa muốn tố cáo": a mention, not a complaint (a negation among the three words before)
_NEGATION: Final = frozenset({"khong", "chua", "chang"})


@dataclass(frozen=True, slots=True)
class Complaint:
    """The text's reading: a complaint, a denunciation or neither, the words that decided it, the sentence to
    propose to the petitioner (empty when neither)."""

    kind: str  # "complaint" | "denunciation" | ""
    words: tuple[str, ...] = ()
    redirect: str = ""

    def __bool__(self) -> bool:
        return bool(self.kind)


def _hits(key: str, phrases: Iterable[str]) -> list[str]:
    found = []
    padded = f" {key} "
    for phrase in phrases:
        for match in re.finditer(rf"(?<= ){re.escape(phrase)}(?= )", padded):
            if _NEGATION & set(padded[: match.start()].split()[-3:]):
                continue
            found.append(phrase)
            break
    return found


def looks_like_complaint(text: str) -> Complaint:
    """Whether the text asks to review a decision or act (a complaint) or reports a violation (a denunciation);
    the denunciation wins when both appear, its procedure protecting the denouncer."""
    key = _key(text)
    denunciation = _hits(key, _DENUNCIATION_PHRASES)
    if denunciation:
        return Complaint("denunciation", tuple(denunciation), REDIRECT_DENUNCIATION)
    complaint = _hits(key, _COMPLAINT_PHRASES)
    if complaint:
        return Complaint("complaint", tuple(complaint), REDIRECT_COMPLAINT)
    return Complaint("")
