"""When a year's capital must be disbursed (PI-11, PI-12, PI-13 in docs/legal/public-investment.md): 31 January
of the next year, 31 December of the next year for capital added after 30 September, never beyond that; the law
version is the one in force on the plan's decision day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tiendo.domain.disbursement.messages import msg
from tiendo.domain.messages import Message
from tiendo.domain.plan_checks import law_in_force, public_citation  # Tier: re-exported for transfers
from tiendo.domain.schedule_rules import PUBLIC_2019, Confidence


def _d(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# ---------------------------------------------------------------------------------------------------------------
# Deadlines (PI-11, PI-12, PI-13)


class DeadlineReason(StrEnum):
    NORMAL = "normal"  # 31/01 of the next year
    ADDED_AFTER_SEPTEMBER = "added_after_september"  # 31/12 of the next year
    EXTENDED = "extended"  # an extension granted, at most 31/12 of the next year
    MEDIUM_TERM = "medium_term"  # the tail of a medium-term plan


@dataclass(frozen=True, slots=True)
class Deadline:
    """The last day capital may be disbursed, why, and under which article."""

    day: date
    reason: DeadlineReason
    rule: str  # PI-11, PI-12 or PI-13
    citation: str
    verify: bool
    explanation: str  # Vietnamese
    error: str | None = None  # an extension asked beyond what the law allows (PI-12), in Vietnamese
    message: Message | None = None  # the explanation, to render in any language
    error_message: Message | None = None

    def reasoning(self, language: str) -> str:
        return self.message.render(language) if self.message is not None else self.explanation

    def error_in(self, language: str) -> str | None:
        return self.error_message.render(language) if self.error_message is not None else self.error


def deadline(
    plan_year: int,
    capital_added_on: date | None = None,
    extended_until: date | None = None,
    decided_on: date | None = None,
) -> Deadline:
    """Law on Public Investment 2024 Art. 72 (2019: Art. 68): when a year's capital stops being disbursable.

    `capital_added_on`: the day the competent authority added this capital (after 30/09 of the plan year: until
    31/12 of the next year). `extended_until`: an extension granted (capped at 31/12 of the next year; asking more
    is an `error`). `decided_on` picks the law version (None: 1 January of the plan year).
    """
    day_of_law = decided_on or date(plan_year, 1, 1)
    law_2019 = law_in_force(day_of_law) is PUBLIC_2019
    normal, latest = date(plan_year + 1, 1, 31), date(plan_year + 1, 12, 31)
    september = date(plan_year, 9, 30)
    if capital_added_on is not None and capital_added_on > september:
        day, reason = latest, DeadlineReason.ADDED_AFTER_SEPTEMBER
        text = msg("db.deadline.added", added=capital_added_on, september=september, latest=latest)
    else:
        day, reason = normal, DeadlineReason.NORMAL
        text = msg("db.deadline.normal", year=plan_year, day=normal)
    error: Message | None = None
    if extended_until is not None:
        if extended_until > latest:
            error = msg("db.deadline.too_long", year=plan_year, asked=extended_until, latest=latest)
        granted = min(extended_until, latest)
        if granted > day:
            who = msg("db.who.2019" if law_2019 else "db.who.2024")
            day, reason = granted, DeadlineReason.EXTENDED
            text = msg("db.deadline.extended", year=plan_year, granted=granted, who=who, latest=latest)
    if reason is DeadlineReason.EXTENDED or error is not None:
        c = public_citation("PI-12", day_of_law, "Điều 68", Confidence.UNCERTAIN, "Điều 72 khoản 2")
    else:
        c = public_citation("PI-11", day_of_law, "Điều 68", Confidence.UNCERTAIN, "Điều 72 khoản 1")
    vi_error = error.vi if error is not None else None
    return Deadline(day, reason, c.rule, c.citation, c.verify, text.vi, vi_error, text, error)


def medium_term_deadline(first_year: int, last_year: int, decided_on: date | None = None) -> Deadline:
    """PI-13: a medium-term plan's capital is disbursable until 31/01 of the next period's first year.

    Law 39/2019 Art. 68(1) says so [S]; under Law 58/2024 it is the last annual plan's deadline (Art. 72(1)), to
    verify.
    """
    day_of_law = decided_on or date(first_year, 1, 1)
    c = public_citation("PI-13", day_of_law, "Điều 68 khoản 1", Confidence.SECONDARY, "Điều 72 khoản 1")
    day = date(last_year + 1, 1, 31)
    text = msg("db.deadline.medium_term", first=first_year, last=last_year, day=day)
    verify = c.verify or law_in_force(day_of_law) is not PUBLIC_2019
    return Deadline(day, DeadlineReason.MEDIUM_TERM, c.rule, c.citation, verify, text.vi, message=text)
