"""Likely duplicates of a petition: the same difficulty sent again, by another channel, or by another enterprise of
the same zone (docs/legal/petitions.md PET-07). A group gets one answer, so the specialist merges them; this module
only proposes, with a score and the reasons behind it.

The text counts most (overlap of three-word shingles over the diacritic-free search keys, so "Sở TN&MT" typed
with or without marks compares equal); the same enterprise, a shared project and the same topic add to it. Only
petitions received within `window_days` of each other are compared."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from tiendo.domain.text import normalize, search_key

__all__ = ["Candidate", "Match", "find_duplicates", "shingles", "text_similarity"]

TEXT_WEIGHT: Final = 0.6
ENTERPRISE_WEIGHT: Final = 0.2
PROJECT_WEIGHT: Final = 0.1
TOPIC_WEIGHT: Final = 0.1
DEFAULT_THRESHOLD: Final = 0.45
DEFAULT_WINDOW_DAYS: Final = 90
SHINGLE: Final = 3

# words too common in petitions to tell two of them apart
_STOP: Final = frozenset(
    "va cua cho la cac nhung duoc da se co khong trong tai voi theo ve de nay do mot nhu tu den thi doanh nghiep "
    "cong ty chung toi kinh de nghi kien nghi phan anh".split()
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A petition as the comparison sees it. `text` is the title and the text (any spelling)."""

    id: int
    received_on: date
    text: str
    topic: str = ""
    enterprise_id: int | None = None
    project_ids: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class Match:
    """A likely duplicate: its id, a score in [0, 1], and the reasons as codes with a parameter
    ("similar_text" with the percentage of shared wording, "same_enterprise", "same_project", "same_topic")."""

    id: int
    score: float
    reasons: tuple[tuple[str, str], ...]


def shingles(text: str, size: int = SHINGLE) -> frozenset[tuple[str, ...]]:
    """The text's runs of `size` meaningful words (all its words as one run when it is shorter)."""
    words = [w for w in search_key(normalize(text or "")).split() if w.isalnum() and w not in _STOP]
    if len(words) < size:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def text_similarity(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """Dice's coefficient of two shingle sets: 1 for the same wording, 0 for nothing shared."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def find_duplicates(
    petition: Candidate,
    candidates: Iterable[Candidate],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: int = DEFAULT_WINDOW_DAYS,
    limit: int = 10,
) -> list[Match]:
    """Candidates scoring at least `threshold`, best first (ties: the earlier petition first). The petition itself
    and those received more than `window_days` before or after it are left out."""
    if not 0 <= threshold <= 1:
        raise ValueError("threshold must be between 0 and 1")
    if window_days < 0:
        raise ValueError("window_days must not be negative")
    own = shingles(petition.text)
    found: list[tuple[float, date, int, Match]] = []
    for other in candidates:
        if other.id == petition.id or abs((other.received_on - petition.received_on).days) > window_days:
            continue
        similar = text_similarity(own, shingles(other.text))
        score = TEXT_WEIGHT * similar
        reasons: list[tuple[str, str]] = []
        if similar > 0:
            reasons.append(("similar_text", str(round(similar * 100))))
        if petition.enterprise_id is not None and other.enterprise_id == petition.enterprise_id:
            score += ENTERPRISE_WEIGHT
            reasons.append(("same_enterprise", ""))
        if petition.project_ids & other.project_ids:
            score += PROJECT_WEIGHT
            reasons.append(("same_project", ""))
        if petition.topic and other.topic == petition.topic:
            score += TOPIC_WEIGHT
            reasons.append(("same_topic", petition.topic))
        score = round(min(score, 1.0), 4)
        if score >= threshold and score > 0:
            found.append((-score, other.received_on, other.id, Match(other.id, score, tuple(reasons))))
    found.sort(key=lambda item: (item[0], item[1], item[2]))
    return [item[3] for item in found[: max(limit, 0)]]
