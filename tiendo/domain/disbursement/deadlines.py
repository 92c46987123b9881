"""When a year's capital must be disbursed (PI-11, PI-12, PI-13 in docs/legal/public-investment.md): 31 January
of the next year, 31 December of the next year for capital added after 30 September, never beyond that; the law
version is the one in force on the plan's decision day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

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
        text = (
            f"Vốn bổ sung ngày {_d(capital_added_on)}, sau ngày {_d(september)}, được thực hiện và giải ngân đến hết "
            f"ngày {_d(latest)}."
        )
    else:
        day, reason = normal, DeadlineReason.NORMAL
        text = f"Vốn kế hoạch năm {plan_year} được thực hiện và giải ngân đến hết ngày {_d(normal)}."
    error = None
    if extended_until is not None:
        if extended_until > latest:
            error = (
                f"Không được kéo dài thời gian thực hiện và giải ngân vốn kế hoạch năm {plan_year} đến ngày "
                f"{_d(extended_until)}: thời hạn kéo dài tối đa là hết ngày {_d(latest)}."
            )
        granted = min(extended_until, latest)
        if granted > day:
            who = (
                "Hội đồng nhân dân cùng cấp (vốn ngân sách địa phương) hoặc Thủ tướng Chính phủ (vốn ngân sách trung "
                "ương)"
                if law_2019
                else "Chủ tịch Ủy ban nhân dân cùng cấp (vốn ngân sách địa phương) hoặc Thủ tướng Chính phủ (vốn "
                "ngân sách trung ương)"
            )
            day, reason = granted, DeadlineReason.EXTENDED
            text = (
                f"Vốn kế hoạch năm {plan_year} được kéo dài thời gian thực hiện và giải ngân đến hết ngày "
                f"{_d(granted)} (thẩm quyền: {who}; không quá ngày {_d(latest)})."
            )
    if reason is DeadlineReason.EXTENDED or error is not None:
        c = public_citation("PI-12", day_of_law, "Điều 68", Confidence.UNCERTAIN, "Điều 72 khoản 2")
    else:
        c = public_citation("PI-11", day_of_law, "Điều 68", Confidence.UNCERTAIN, "Điều 72 khoản 1")
    return Deadline(day, reason, c.rule, c.citation, c.verify, text, error)


def medium_term_deadline(first_year: int, last_year: int, decided_on: date | None = None) -> Deadline:
    """PI-13: a medium-term plan's capital is disbursable until 31/01 of the next period's first year.

    Law 39/2019 Art. 68(1) says so [S]; under Law 58/2024 it is the last annual plan's deadline (Art. 72(1)), to
    verify.
    """
    day_of_law = decided_on or date(first_year, 1, 1)
    c = public_citation("PI-13", day_of_law, "Điều 68 khoản 1", Confidence.SECONDARY, "Điều 72 khoản 1")
    day = date(last_year + 1, 1, 31)
    text = f"Vốn kế hoạch đầu tư công trung hạn {first_year}–{last_year} được giải ngân đến hết ngày {_d(day)}."
    verify = c.verify or law_in_force(day_of_law) is not PUBLIC_2019
    return Deadline(day, DeadlineReason.MEDIUM_TERM, c.rule, c.citation, verify, text)
