"""The law versions the rules cite, with their dates in force, and the citations built from them.

A finding cites the version in force on the day it judges (see `Rule.cite_on`); a version whose text tiendo has
not read (`text_known=False`) makes its findings ask to verify. The dates and articles are those of
docs/legal/README.md (effective-date matrix) and of each family's page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from tiendo.domain.schedule_rules.vocabulary import Confidence


@dataclass(frozen=True, slots=True)
class Law:
    name: str  # as citations write it: "Luật Đầu tư 2020"
    number: str
    start: date
    end: date | None = None  # last day in force
    text_known: bool = True  # False: tiendo has not read this version; its findings ask to verify


INVESTMENT_2020 = Law("Luật Đầu tư 2020", "61/2020/QH14", date(2021, 1, 1), date(2026, 2, 28))
INVESTMENT_2025 = Law("Luật Đầu tư 2025", "143/2025/QH15", date(2026, 3, 1), text_known=False)
DECREE_31 = Law("Nghị định 31/2021/NĐ-CP", "31/2021/NĐ-CP", date(2021, 3, 26), date(2026, 2, 28))
DECREE_UNDER_2025 = Law(
    "Nghị định hướng dẫn Luật Đầu tư 2025", "96/2026/NĐ-CP (chưa kiểm chứng)", date(2026, 3, 1), text_known=False
)
LAND_2013 = Law("Luật Đất đai 2013", "45/2013/QH13", date(2014, 7, 1), date(2024, 7, 31))
LAND_2024 = Law("Luật Đất đai 2024", "31/2024/QH15", date(2024, 8, 1))
PUBLIC_2019 = Law("Luật Đầu tư công 2019", "39/2019/QH14", date(2020, 1, 1), date(2024, 12, 31))
PUBLIC_2024 = Law("Luật Đầu tư công 2024", "58/2024/QH15", date(2025, 1, 1), date(2025, 6, 30))
PUBLIC_2024_AMENDED = Law(
    "Luật Đầu tư công 2024 (sửa đổi bởi Luật 90/2025/QH15)", "58/2024/QH15", date(2025, 7, 1), text_known=False
)
DECREE_122 = Law("Nghị định 122/2021/NĐ-CP", "122/2021/NĐ-CP", date(2022, 1, 1))
DECREE_29 = Law("Nghị định 29/2021/NĐ-CP", "29/2021/NĐ-CP", date(2021, 3, 26))
SCHEDULE = Law("", "", date.min)  # the project's own approved schedule, not a law

TO_VERIFY: Final = "căn cứ cần kiểm tra lại"


@dataclass(frozen=True, slots=True)
class Cite:
    """The rule id and article one law version gives; built by `cite` so the text is made once."""

    rule: str
    law: Law
    article: str
    confidence: Confidence
    citation: str
    verify: bool


def cite(rule: str, law: Law, article: str, confidence: Confidence, read_as: Law | None = None) -> Cite:
    """A citation; `read_as` cites that older law's article while `law`'s own text is missing (INV-00)."""
    if read_as is not None:
        text = f"{read_as.name}, {article} (cần đối chiếu {law.name} {law.number})"
    elif not law.text_known:
        text = f"{law.name}, {article} (cần đối chiếu văn bản sửa đổi)"
    else:
        text = f"{law.name}, {article}" if law.name else article
    verify = confidence.to_verify or not law.text_known
    if confidence.to_verify:
        text += f" — {TO_VERIFY}"
    return Cite(rule, law, article, confidence, text, verify)


UNREAD: Final = (INVESTMENT_2025, DECREE_UNDER_2025, PUBLIC_2024_AMENDED)
_MARKS: Final = (
    *(f" (cần đối chiếu {law.name} {law.number})" for law in UNREAD),
    " (cần đối chiếu văn bản sửa đổi)",
    f" — {TO_VERIFY}",
)


def without_marks(citation: str) -> str:
    """A citation as an official document prints it: the law and article, without tiendo's notes to verify (the
    specialist's draft lists those; `cite` writes them, so they are removed exactly)."""
    for mark in _MARKS:
        citation = citation.replace(mark, "")
    return citation


def investment_law(rule: str, article: str, confidence: Confidence, decree: bool = False) -> tuple[Cite, ...]:
    """INV-00: a Law on Investment 2020 article (or Decree 31's), to verify against Law 143/2025 from 01/03/2026."""
    before, after = (DECREE_31, DECREE_UNDER_2025) if decree else (INVESTMENT_2020, INVESTMENT_2025)
    return (cite(rule, before, article, confidence), cite(rule, after, article, confidence, read_as=before))


def public_investment_law(rule: str, article_2019: str, c2019: Confidence, article_2024: str) -> tuple[Cite, ...]:
    """The Law on Public Investment 2019, then 58/2024 from 01/01/2025, amended by Law 90/2025 from 01/07/2025."""
    return (
        cite(rule, PUBLIC_2019, article_2019, c2019),
        cite(rule, PUBLIC_2024, article_2024, Confidence.VERIFIED),
        cite(rule, PUBLIC_2024_AMENDED, article_2024, Confidence.VERIFIED),
    )
