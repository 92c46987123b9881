"""The socio-economic targets' arithmetic: the quarterly GRDP growth scenario (docs/contracts/growth-scenario.md;
docs/targets.md), its sectors rolled up, the status of a target, the alerts and the report's Vietnamese prose.

The package, in the order the work is done: `scenario` (the input, `compute` and the result), `scenario_json` (the
contract's JSON in and out), `rollup` (level-1 sectors to components), `status` (met / on track / at risk / off
track / no data), `alerts` (shortfalls against the scenario, a required growth out of reach, an indicator behind)
and `summary` (the monthly report's paragraph, the alerts' task texts). Everything public is importable from
`tiendo.domain.growth`.
"""

from __future__ import annotations

from tiendo.domain.growth.alerts import (
    Alert,
    IndicatorBehind,
    RequiredTooHigh,
    Shortfall,
    grdp_alerts,
    indicator_alert,
)
from tiendo.domain.growth.rollup import (
    SECTION_COMPONENT,
    component_of_section,
    roll_up,
    roll_up_quarters,
    roll_up_sections,
)
from tiendo.domain.growth.scenario import (
    COMPONENTS,
    QUARTERS,
    InvalidScenario,
    QuarterResult,
    ScenarioInput,
    ScenarioResult,
    Source,
    compute,
)
from tiendo.domain.growth.scenario_json import result_to_json, scenario_from_json
from tiendo.domain.growth.status import (
    Direction,
    IndicatorTarget,
    Reading,
    Status,
    grdp_ceiling,
    grdp_status,
    indicator_status,
)
from tiendo.domain.growth.summary import COMPONENT_NAMES, draft_paragraph, task_text

__all__ = [
    "COMPONENTS",
    "COMPONENT_NAMES",
    "QUARTERS",
    "SECTION_COMPONENT",
    "Alert",
    "Direction",
    "IndicatorBehind",
    "IndicatorTarget",
    "InvalidScenario",
    "QuarterResult",
    "Reading",
    "RequiredTooHigh",
    "ScenarioInput",
    "ScenarioResult",
    "Shortfall",
    "Source",
    "Status",
    "component_of_section",
    "compute",
    "draft_paragraph",
    "grdp_alerts",
    "grdp_ceiling",
    "grdp_status",
    "indicator_alert",
    "indicator_status",
    "result_to_json",
    "roll_up",
    "roll_up_quarters",
    "roll_up_sections",
    "scenario_from_json",
    "task_text",
]
