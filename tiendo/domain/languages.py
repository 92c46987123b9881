"""One text in tiendo's three languages (Vietnamese, English, Chinese), for the titles and labels the engines give.

It lives apart so that every vocabulary of the domain (the schedule rules, the plan checks, the severities) can use
it without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Text"]


@dataclass(frozen=True, slots=True)
class Text:
    """One text in tiendo's three languages; Vietnamese is the one documents cite."""

    vi: str
    en: str
    zh: str

    def get(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en if language.startswith("en") else self.vi
