"""A translated text is shown to the public only once a reviewer has read it against the Vietnamese it
translates; otherwise the Vietnamese stands in and the page says so. Plain Python: no Django."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from tiendo.domain.text import clean

# the languages an opportunity is translated into; Vietnamese is the original
TARGET_LANGUAGES: tuple[str, ...] = ("en", "zh")


class Status(StrEnum):
    MISSING = "missing"  # nobody translated it, or the translation is empty
    DRAFT = "draft"  # written, not yet reviewed, or the Vietnamese changed since it was reviewed
    REVIEWED = "reviewed"


def fingerprint(text: str) -> str:
    """What a translation was made from: a reviewed translation of an older Vietnamese text is a draft again."""
    return hashlib.sha256(clean(text).encode()).hexdigest()[:16]


def status(original: str, translated: str, reviewed: bool, made_from: str) -> Status:
    """The status of one field in one language. `made_from` is the fingerprint of the Vietnamese the translator
    (or the reviewer) read; an empty original needs no translation and counts as reviewed."""
    if not clean(original):
        return Status.REVIEWED
    if not clean(translated):
        return Status.MISSING
    if not reviewed or made_from != fingerprint(original):
        return Status.DRAFT
    return Status.REVIEWED


@dataclass(frozen=True)
class Shown:
    """What a public page prints for one field: the text, its language, and whether Vietnamese stands in."""

    text: str
    language: str
    stands_in: bool


def shown(original: str, translated: str, translation_status: Status, language: str) -> Shown:
    """The reviewed translation in `language`, or the Vietnamese original standing in for it."""
    if language == "vi" or not clean(original):
        return Shown(original, "vi", False)
    if translation_status == Status.REVIEWED:
        return Shown(translated, language, False)
    return Shown(original, "vi", True)


def portal_language(django_code: str) -> str:
    """Django's language code ("zh-hans") as the translations store it ("zh")."""
    return "zh" if django_code.startswith("zh") else django_code.split("-")[0]
