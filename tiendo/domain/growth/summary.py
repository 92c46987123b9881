"""The growth figures in Vietnamese prose: the monthly report's paragraph on GRDP and each alert's task text.

Numbers are written the Vietnamese way ("9,85%": comma decimal, two places at most, trailing zeros dropped, rounded
half away from zero), quarters in Roman numerals ("quý II/2026"), the published part of the year as reports name
it ("quý I", "6 tháng đầu năm", "9 tháng", "cả năm"). Growth rates are fractions; points are percentage points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Final

from tiendo.domain.growth.alerts import Alert, IndicatorBehind, RequiredTooHigh, Shortfall
from tiendo.domain.growth.scenario import ScenarioResult
from tiendo.domain.growth.status import Direction, IndicatorTarget, Status
from tiendo.domain.money import format_number

__all__ = [
    "COMPONENT_NAMES",
    "ROMAN",
    "draft_paragraph",
    "months_name",
    "number",
    "percent",
    "period_name",
    "points",
    "task_text",
]

COMPONENT_NAMES: Final[Mapping[str, str]] = {
    "agriculture": "khu vực nông, lâm nghiệp và thủy sản",
    "industry_construction": "khu vực công nghiệp – xây dựng",
    "services": "khu vực dịch vụ",
    "product_taxes": "thuế sản phẩm trừ trợ cấp sản phẩm",
}
ROMAN: Final = ("I", "II", "III", "IV")
_BEHIND: Final = {Status.AT_RISK: "có nguy cơ không đạt mục tiêu", Status.OFF_TRACK: "chậm so với tiến độ cần đạt"}
_PERIODS: Final = {1: "quý I/{year}", 2: "6 tháng đầu năm {year}", 3: "9 tháng năm {year}", 4: "năm {year}"}


def number(value: float, places: int = 2, *, trim: bool = True) -> str:
    """A float the Vietnamese way: "1.234,5" (at most `places` decimals; trailing zeros dropped unless not `trim`,
    as a table's column keeps them)."""
    text = format_number(Decimal(repr(round(value, 12))), places)
    if trim and "," in text:
        text = text.rstrip("0").rstrip(",")
    return text.removeprefix("-") if text.strip("-0,") == "" else text


def percent(fraction: float, *, trim: bool = True) -> str:
    """A growth rate given as a fraction: 0.0985 → "9,85%"."""
    return number(fraction * 100, trim=trim) + "%"


def points(value: float) -> str:
    """Percentage points, unsigned: "0,45 điểm phần trăm"."""
    return number(abs(value)) + " điểm phần trăm"


def period_name(quarters: int, year: int) -> str:
    """The first `quarters` quarters of the year as reports name them: "quý I/2026", "6 tháng đầu năm 2026"."""
    return _PERIODS[quarters].format(year=year)


def months_name(months: int) -> str:
    """The first `months` months of a year: "tháng 1", "quý I", "6 tháng đầu năm", "9 tháng", "cả năm"."""
    return {1: "tháng 1", 3: "quý I", 6: "6 tháng đầu năm", 12: "cả năm"}.get(months, f"{months} tháng")


def _quarters_list(quarters: Sequence[int]) -> str:
    names = [ROMAN[q - 1] for q in quarters]
    if len(names) == 1:
        return f"quý {names[0]}"
    if len(names) == 4:
        return "cả bốn quý"
    return "các quý " + ", ".join(names[:-1]) + " và " + names[-1]


def _name(component: str, names: Mapping[str, str] | None) -> str:
    return (names or COMPONENT_NAMES).get(component, component)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _against(gap_points: float, what: str) -> str:
    """ "thấp hơn kịch bản 0,45 điểm phần trăm" / "cao hơn …" / "bằng …" (equal when it rounds to 0)."""
    if number(abs(gap_points)) == "0":
        return f"bằng {what}"
    return f"{'cao' if gap_points > 0 else 'thấp'} hơn {what} {points(gap_points)}"


def _closing(result: ScenarioResult) -> str:
    target = percent(result.target_growth)
    if result.required_growth_remaining is None:
        assert result.gap_points is not None
        reached = "đạt" if result.gap_points >= 0 else "không đạt"
        return f"So với mục tiêu tăng {target} cả năm, kết quả {reached} ({_against(result.gap_points, 'mục tiêu')})."
    left = _quarters_list(result.remaining)
    mean = " bình quân" if len(result.remaining) > 1 else ""
    required = result.required_growth_remaining
    if required < 0:
        text = f"Mục tiêu tăng {target} cả năm vẫn đạt nếu {left} giảm không quá {percent(-required)} so với cùng kỳ"
    else:
        text = f"Để đạt mục tiêu tăng {target} cả năm, {left} cần tăng{mean} {percent(required)}"
    if result.annual_estimate is not None and result.gap_points is not None and result.elapsed_quarters:
        text += (
            f"; nếu {left} đạt kịch bản, cả năm ước tăng {percent(result.annual_estimate)}, "
            f"{_against(result.gap_points, 'mục tiêu')}"
        )
    return text + "."


def draft_paragraph(result: ScenarioResult, *, names: Mapping[str, str] | None = None) -> str:
    """The paragraph on GRDP growth for the monthly socio-economic report. `names` gives the components' Vietnamese
    names (default `COMPONENT_NAMES`; an unknown component prints as its key)."""
    year, elapsed = result.year, result.elapsed_quarters
    if not elapsed:
        head = f"Chưa có số liệu GRDP quý nào của năm {year} được công bố."
        if result.planned_annual is None:
            return head + " " + _closing(result)
        assert result.gap_points is not None
        return (
            f"{head} Theo kịch bản, GRDP năm {year} tăng {percent(result.planned_annual)}, "
            f"{_against(result.gap_points, 'mục tiêu')}. " + _closing(result)
        )
    assert result.ytd_growth is not None and result.ytd_contributions is not None
    assert result.ytd_component_growth is not None
    sentence = f"GRDP {period_name(elapsed, year)} ước tăng {percent(result.ytd_growth)}"
    planned_ytd = result.planned_ytd_growth
    if planned_ytd is not None:
        sentence += ", " + _against((result.ytd_growth - planned_ytd) * 100, "kịch bản")
    planned_own = result.planned_ytd_component_growth
    parts = []
    for c in result.components:
        part = f"{_name(c, names)} tăng {percent(result.ytd_component_growth[c])}"
        if planned_own is not None:
            part += f" (kịch bản {percent(planned_own[c])})"
        parts.append(part + f", đóng góp {number(result.ytd_contributions[c])} điểm phần trăm")
    return f"{sentence}. Trong đó, {'; '.join(parts)}. {_closing(result)}"


def _value(value: float, unit: str) -> str:
    return percent(value) if unit == "%" else f"{number(value)} {unit}".rstrip()


def _target_text(target: IndicatorTarget, unit: str) -> str:
    if target.high is None or target.high == target.low:
        return _value(target.low, unit)
    low = percent(target.low).removesuffix("%") if unit == "%" else number(target.low)
    return f"{low}–{_value(target.high, unit)}"


def task_text(alert: Alert, *, names: Mapping[str, str] | None = None) -> str:
    """What the responsible department is asked to do about an alert, with its figures (Vietnamese)."""
    if isinstance(alert, Shortfall):
        quarter = f"quý {ROMAN[alert.quarter - 1]}/{alert.year}"
        planned = f"kịch bản ({percent(alert.planned)}) {points(alert.gap_points)}"
        if alert.component is None:
            return (
                f"GRDP {quarter} tăng {percent(alert.actual)}, thấp hơn {planned}. Đề nghị rà soát nguyên nhân "
                f"theo từng khu vực và đề xuất giải pháp bù đắp phần thiếu hụt trong các quý còn lại."
            )
        effect = ""
        if number(abs(alert.effect_points)) != "0":
            effect = f", làm tăng trưởng GRDP của quý thấp hơn kịch bản {points(alert.effect_points)}"
        return (
            f"{_capital(_name(alert.component, names))} {quarter} tăng {percent(alert.actual)}, thấp hơn {planned}"
            f"{effect}. Đề nghị cơ quan phụ trách lĩnh vực báo cáo nguyên nhân và giải pháp để đạt kịch bản trong các "
            f"quý còn lại."
        )
    if isinstance(alert, RequiredTooHigh):
        so_far = "" if alert.ytd_growth is None else f"Tăng trưởng GRDP đến nay đạt {percent(alert.ytd_growth)}; "
        so_far = so_far or "Chưa có quý nào được công bố; "
        return (
            f"{so_far}để đạt mục tiêu tăng {percent(alert.target_growth)} năm {alert.year}, "
            f"{_quarters_list(alert.remaining)} cần tăng{' bình quân' if len(alert.remaining) > 1 else ''} "
            f"{percent(alert.required)}, cao hơn mức tăng cao nhất của kịch bản ({percent(alert.highest_planned)}) "
            f"{points(alert.excess_points)}. Đề nghị rà soát, cập nhật kịch bản tăng trưởng và đề xuất giải pháp "
            f"thúc đẩy tăng trưởng các quý còn lại."
        )
    return _indicator_text(alert)


def _indicator_text(alert: IndicatorBehind) -> str:
    target, unit = alert.target, alert.unit
    side = "thấp" if target.direction is Direction.HIGHER else "cao"
    bar = f"mục tiêu năm {_target_text(target, unit)}"
    if target.cumulative and alert.months < 12:
        bar = f"{number(target.share(alert.months) * 100)}% {bar}"
    judged = "không đạt mục tiêu" if alert.months == 12 else _BEHIND[alert.status]
    return (
        f"Chỉ tiêu “{alert.indicator}” {months_name(alert.months)} đạt {_value(alert.value, unit)}, {side} hơn mức "
        f"cần đạt ({_value(alert.expected, unit)}, {bar}): {judged}. Đề nghị cơ quan phụ trách báo cáo nguyên nhân "
        f"và giải pháp để hoàn thành chỉ tiêu."
    )
