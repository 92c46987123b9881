"""What the targets' alerts add to tiendo.domain.growth: the task text addressed to the agency that must answer
(the growth package writes it for "the responsible agency"), the GRDP shortfall's text listing the components
behind, which of two alerts of the same shortfall is worse, the default deadline in working days, and the public
investment disbursement the construction component assumes by a month of the year.

No clock, no database: the callers pass the day and the figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Final

from tiendo.domain.deadlines import parse_deadline
from tiendo.domain.growth import COMPONENT_NAMES, Shortfall, task_text
from tiendo.domain.growth.summary import points

__all__ = [
    "DEFAULT_ASSUMED_DISBURSEMENT",
    "DEFAULT_WORKING_DAYS",
    "addressed",
    "assumed_disbursement",
    "deadline_after",
    "grdp_shortfall_text",
    "with_deadline",
    "worse",
]

# The share of the year's public-investment plan (percent, cumulative) the scenario's construction growth assumes
# disbursed by the end of each quarter, unless the settings say otherwise (TIENDO_TARGETS_ASSUMED_DISBURSEMENT).
DEFAULT_ASSUMED_DISBURSEMENT: Final = (25.0, 50.0, 75.0, 95.0)
DEFAULT_WORKING_DAYS: Final = 10

# The growth package's generic addressees, replaced by the agency's name when one is known.
_GENERIC: Final = (
    ("Đề nghị cơ quan phụ trách lĩnh vực ", "Đề nghị {agency} "),
    ("Đề nghị cơ quan phụ trách ", "Đề nghị {agency} "),
    ("Đề nghị rà soát", "Đề nghị {agency} rà soát"),
)


def addressed(text: str, agency: str | None) -> str:
    """The task text with the request addressed to `agency` ("Đề nghị Sở Công Thương báo cáo…"); unchanged
    without an agency or when the text names no generic addressee."""
    if not agency:
        return text
    for generic, named in _GENERIC:
        if generic in text:
            return text.replace(generic, named.format(agency=agency), 1)
    return text


def grdp_shortfall_text(
    overall: Shortfall, components: Sequence[Shortfall], *, names: Mapping[str, str] | None = None
) -> str:
    """The GRDP quarter's shortfall with, after its figures, each component of the same quarter that fell short:
    "GRDP quý I/2026 tăng 9,85%, thấp hơn kịch bản (10,3%) 0,45 điểm phần trăm; trong đó khu vực công nghiệp – xây
    dựng thấp hơn kịch bản 1,2 điểm phần trăm. Đề nghị …"."""
    text = task_text(overall, names=names)
    behind = [s for s in components if s.component is not None and s.quarter == overall.quarter]
    if not behind:
        return text
    head, sep, rest = text.partition(". ")
    parts = [
        f"{(names or COMPONENT_NAMES).get(s.component or '', s.component)} thấp hơn kịch bản {points(s.gap_points)}"
        for s in behind
    ]
    return f"{head}; trong đó {'; '.join(parts)}{sep}{rest}"


def worse(new_gap: float, old_gap: float) -> bool:
    """Whether a later figure makes a shortfall worse: its gap (negative points, or the excess of a required growth
    as negative points) is lower by more than rounding (0.005 points)."""
    return new_gap < old_gap - 0.005


def deadline_after(day: date, working_days: int = DEFAULT_WORKING_DAYS) -> date:
    """`working_days` working days after `day` (Saturdays, Sundays and public holidays skipped), as a conclusion's
    "trong 10 ngày làm việc" is read."""
    if working_days < 1:
        raise ValueError("working days must be at least 1")
    found = parse_deadline(f"{working_days} ngày làm việc", day)
    assert found is not None and found.due is not None
    return found.due


def with_deadline(text: str, deadline: date) -> str:
    """The task text ending with its deadline ("…, trước ngày 24/04/2026."), unless it already names that day."""
    day = f"{deadline:%d/%m/%Y}"
    if day in text:
        return text
    return f"{text.rstrip().rstrip('.')}, trước ngày {day}."


def assumed_disbursement(month: int, quarter_levels: Sequence[float] = DEFAULT_ASSUMED_DISBURSEMENT) -> float:
    """The share of the year's plan (percent) assumed disbursed by the end of `month`: the quarters' levels at
    months 3, 6, 9 and 12, straight lines between them from 0 at the start of the year."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1–12, got {month}")
    if len(quarter_levels) != 4:
        raise ValueError("the assumed disbursement has one level per quarter")
    quarter, into = divmod(month, 3)
    if into == 0:
        return float(quarter_levels[quarter - 1])
    before = 0.0 if quarter == 0 else float(quarter_levels[quarter - 1])
    return before + (float(quarter_levels[quarter]) - before) * into / 3
