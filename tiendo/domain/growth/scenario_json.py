"""The growth scenario read from JSON and its figures written to it (docs/contracts/growth-scenario.md).

Every refusal is one Vietnamese sentence naming the field ("base.services", "actual_growth.industry[2]"), as the
command line shows it. Unknown keys are ignored. `actual_growth` left out, null or {} means no quarter published;
`scenario` left out or null means none. The schema is docs/growth-scenario.schema.json.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Final

from tiendo.domain.growth.scenario import (
    ACTUAL_ROW,
    BASE_ROW,
    GROWTH_ROW,
    QUARTERS,
    InvalidScenario,
    QuarterResult,
    Row,
    ScenarioInput,
    ScenarioResult,
)

__all__ = ["InvalidScenario", "result_to_json", "scenario_from_json"]

OUTPUT_KEYS: Final = (
    "year",
    "elapsed_quarters",
    "quarters",
    "ytd_growth",
    "required_growth_remaining",
    "annual_estimate",
    "gap_points",
    "contributions",
)


def _is_number(value: object) -> bool:
    """A finite JSON number that a float holds (a boolean is not a number; an integer of 400 digits is none)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return abs(value) < 1e300 if isinstance(value, int) else math.isfinite(value)


def _numbers(value: object, field: str, sentence: str, length: int | None = None) -> Row:
    """A JSON array of finite numbers (booleans are not numbers), else `sentence` about `field`."""
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise InvalidScenario(sentence.format(field=field))
    for position, item in enumerate(value):
        if not _is_number(item):
            raise InvalidScenario(f'Trường "{field}[{position}]" phải là một số, giá trị {_show(item)}.')
    return tuple(float(item) for item in value)


def _rows(data: Mapping[str, object], name: str, sentence: str, length: int | None) -> dict[str, Row] | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidScenario(f'Trường "{name}" phải là một đối tượng {{khu vực: danh sách số}}.')
    return {str(c): _numbers(row, f"{name}.{c}", sentence, length) for c, row in value.items()}


def _show(value: object) -> str:
    text = "null" if value is None else repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 40 else text[:37] + "..."


def scenario_from_json(data: object) -> ScenarioInput:
    """The contract's input, checked: `InvalidScenario` with one Vietnamese sentence naming the field otherwise."""
    if not isinstance(data, Mapping):
        raise InvalidScenario('Dữ liệu JSON phải là một đối tượng có các trường "year", "target_growth" và "base".')
    if "year" not in data:
        raise InvalidScenario('Thiếu trường "year" (năm của kịch bản).')
    year = data["year"]
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidScenario(f'Trường "year" phải là một năm (số nguyên từ 1900 đến 2200), giá trị {_show(year)}.')
    if "target_growth" not in data:
        raise InvalidScenario('Thiếu trường "target_growth" (mục tiêu tăng trưởng GRDP cả năm, 0.13 là 13%).')
    target = data["target_growth"]
    if not _is_number(target):
        raise InvalidScenario(
            f'Trường "target_growth" phải là một số (0.13 là mục tiêu tăng 13%), giá trị {_show(target)}.'
        )
    if data.get("base") is None:
        raise InvalidScenario('Thiếu trường "base" (GRDP năm trước theo quý và khu vực, tỷ đồng giá so sánh).')
    base = _rows(data, "base", BASE_ROW, QUARTERS)
    assert base is not None
    actual = _rows(data, "actual_growth", ACTUAL_ROW, None) or {}
    scenario = _rows(data, "scenario", GROWTH_ROW, QUARTERS)
    return ScenarioInput(year, float(target), base, actual, scenario)


def _quarter_json(quarter: QuarterResult) -> dict[str, object]:
    return {
        "quarter": quarter.quarter,
        "source": quarter.source.value,
        "growth": quarter.growth,
        "contributions": None if quarter.contributions is None else dict(quarter.contributions),
    }


def result_to_json(result: ScenarioResult) -> dict[str, object]:
    """The contract's output, its keys exactly and in its order."""
    return {
        "year": result.year,
        "elapsed_quarters": result.elapsed_quarters,
        "quarters": [_quarter_json(q) for q in result.quarters],
        "ytd_growth": result.ytd_growth,
        "required_growth_remaining": result.required_growth_remaining,
        "annual_estimate": result.annual_estimate,
        "gap_points": result.gap_points,
        "contributions": None if result.contributions is None else dict(result.contributions),
    }
