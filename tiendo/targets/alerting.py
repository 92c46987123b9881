"""The check that turns the figures in force into proposed alerts (issue 15, point 5): a published quarter below
the scenario by more than TIENDO_TARGETS_SHORTFALL_POINTS percentage points (GRDP and each component), a growth
required of the remaining quarters beyond the highest quarter the scenario plans, another indicator at risk or off
track. The detection is tiendo.domain.growth's; this module reads the figures, names the responsible agency and
keeps one alert per shortfall: a re-run never repeats one, a later release that worsens a still-proposed alert
updates its figures (its history keeps the earlier ones).

It runs after a publication is recorded (services.AFTER_PUBLICATION, once the transaction commits) and from
`tiendo targets check`."""

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction

from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version
from tiendo.domain import growth
from tiendo.domain import growth_alerts as rules
from tiendo.domain.growth.summary import COMPONENT_NAMES

from . import selectors, services
from .models import Alert, Component, ComponentAgency, EconomicSector, Indicator, IndicatorValue, Target

logger = logging.getLogger(__name__)

# an indicator's unit as the task text prints it; "%" means the domain's fractions (stored as percent numbers)
UNIT_TEXT = {
    Indicator.Unit.PERCENT: "%",
    Indicator.Unit.BILLION_VND: "tỷ đồng",
    Indicator.Unit.MILLION_VND: "triệu đồng",
    Indicator.Unit.MILLION_USD: "triệu USD",
    Indicator.Unit.USD: "USD",
    Indicator.Unit.COUNT: "",
}


def shortfall_points() -> float:
    """How far below the scenario a quarter may fall (percentage points) before it is an alert."""
    return float(getattr(settings, "TIENDO_TARGETS_SHORTFALL_POINTS", 0.5))


def component_agencies() -> dict[str, object]:
    """{component: the agency answering for it}: the mapping's row, else the first of its sectors naming one."""
    agencies: dict[str, object] = {
        row.component: row.agency for row in ComponentAgency.objects.select_related("agency")
    }
    sectors = EconomicSector.objects.filter(responsible_agency__isnull=False).select_related("responsible_agency")
    for sector in sectors.order_by("component", "position", "code"):
        agencies.setdefault(sector.component, sector.responsible_agency)
    return agencies


@dataclass
class Proposal:
    """One shortfall as it would be stored: its key, its agency, figures and text, and how bad it is (`gap`,
    lower is worse) to tell whether a later release worsened it."""

    kind: str
    indicator: Indicator
    year: int
    gap: float
    text: str
    agency: object = None
    quarter: int = 0
    months: int = 0
    component: str = ""
    figures: dict = field(default_factory=dict)

    @property
    def key(self) -> dict:
        return {
            "kind": self.kind,
            "indicator": self.indicator,
            "year": self.year,
            "quarter": self.quarter,
            "months": self.months,
            "component": self.component,
        }


def _round(value: float | None, places: int = 6) -> float | None:
    return None if value is None else round(value, places)


def _grdp_proposals(year: int, threshold: float) -> list[Proposal]:
    grdp = Indicator.objects.filter(code=Indicator.GRDP_GROWTH).select_related("responsible_agency").first()
    scenario = services.adopted_scenario(year)
    if grdp is None or scenario is None or not scenario.cells.exists():
        return []
    figures = selectors.figures_in_force(year)
    try:
        result = growth.compute(growth.scenario_from_json(selectors.scenario_payload(scenario, figures)))
    except growth.InvalidScenario:
        logger.warning("The scenario %s of %s cannot be computed: no GRDP alert", scenario.pk, year)
        return []
    found = growth.grdp_alerts(result, threshold_points=threshold)
    agencies = component_agencies()
    common = {"scenario": scenario.name, "threshold_points": threshold}
    proposals = []
    for alert in found:
        if isinstance(alert, growth.Shortfall):
            source = figures.get((alert.component or Component.INDUSTRY_CONSTRUCTION, alert.quarter))
            numbers = {
                "actual": _round(alert.actual),
                "planned": _round(alert.planned),
                "gap_points": _round(alert.gap_points, 4),
                "effect_points": _round(alert.effect_points, 4),
                "publication": str(source.publication) if source else "",
                **common,
            }
            if alert.component is None:
                agency = grdp.responsible_agency
                others = [a for a in found if isinstance(a, growth.Shortfall) and a.component is not None]
                text = rules.grdp_shortfall_text(alert, others)
                numbers["components"] = {
                    a.component: _round(a.gap_points, 4) for a in others if a.quarter == alert.quarter
                }
            else:
                agency = agencies.get(alert.component) or grdp.responsible_agency
                text = growth.task_text(alert)
            proposals.append(
                Proposal(
                    Alert.Kind.QUARTER_SHORTFALL,
                    grdp,
                    year,
                    alert.gap_points,
                    rules.addressed(text, agency.name if agency else None),
                    agency,
                    quarter=alert.quarter,
                    component=alert.component or "",
                    figures=numbers,
                )
            )
        else:
            numbers = {
                "required": _round(alert.required),
                "highest_planned": _round(alert.highest_planned),
                "excess_points": _round(alert.excess_points, 4),
                "target_growth": _round(alert.target_growth),
                "remaining": list(alert.remaining),
                "ytd_growth": _round(alert.ytd_growth),
                "annual_estimate": _round(alert.annual_estimate),
                **common,
            }
            agency = grdp.responsible_agency
            text = rules.addressed(growth.task_text(alert), agency.name if agency else None)
            proposals.append(
                Proposal(
                    Alert.Kind.REQUIRED_TOO_HIGH,
                    grdp,
                    year,
                    -alert.excess_points,
                    text,
                    agency,
                    quarter=result.elapsed_quarters,
                    figures=numbers,
                )
            )
    return proposals


def year_target(indicator: Indicator, year: int) -> Target | None:
    """The year's target as the People's Council sets it, else the term plan's figure for the year."""
    targets = Target.objects.filter(indicator=indicator, year=year)
    return targets.filter(kind=Target.Kind.YEAR).first() or targets.filter(kind=Target.Kind.TERM_YEAR).first()


def latest_value(indicator: Indicator, year: int) -> IndicatorValue | None:
    """The value in force covering the most months of the year."""
    values = IndicatorValue.objects.filter(indicator=indicator, year=year, replaced_by__isnull=True)
    return values.select_related("publication").order_by("-months", "-pk").first()


def _float(value: Decimal | None, percent: bool) -> float | None:
    if value is None:
        return None
    return float(value) / 100 if percent else float(value)


def _indicator_proposals(year: int) -> list[Proposal]:
    proposals = []
    indicators = Indicator.objects.filter(active=True).exclude(code=Indicator.GRDP_GROWTH)
    for indicator in indicators.select_related("responsible_agency"):
        target, value = year_target(indicator, year), latest_value(indicator, year)
        if target is None or value is None:
            continue
        percent = indicator.unit == Indicator.Unit.PERCENT
        goal = growth.IndicatorTarget(
            low=_float(target.low, percent),
            high=_float(target.high, percent),
            direction=growth.Direction(indicator.direction),
            cumulative=indicator.accumulates,
        )
        reading = growth.Reading(_float(value.value, percent), value.months)
        behind = growth.indicator_alert(indicator.name, goal, reading, unit=UNIT_TEXT.get(indicator.unit, ""))
        if behind is None:
            continue
        ahead = behind.value - behind.expected
        if goal.direction is growth.Direction.LOWER:
            ahead = -ahead
        gap = 100 * ahead / (abs(behind.expected) or 1.0)  # percent of what was due: lower is worse
        agency = indicator.responsible_agency
        proposals.append(
            Proposal(
                Alert.Kind.INDICATOR_BEHIND,
                indicator,
                year,
                gap,
                rules.addressed(growth.task_text(behind), agency.name if agency else None),
                agency,
                months=value.months,
                figures={
                    "status": str(behind.status),
                    "value": _round(behind.value),
                    "expected": _round(behind.expected),
                    "target_low": _round(goal.low),
                    "target_high": _round(goal.high),
                    "unit": UNIT_TEXT.get(indicator.unit, ""),
                    "shortfall_percent": _round(gap, 4),
                    "publication": str(value.publication),
                    "document": target.document,
                },
            )
        )
    return proposals


def _store(proposal: Proposal, actor) -> tuple[Alert, str]:
    """The alert of a shortfall: created, updated (still proposed and worse) or unchanged."""
    alert = Alert.objects.select_for_update().filter(**proposal.key).first()
    if alert is None:
        alert = Alert(
            **proposal.key,
            agency=proposal.agency,
            figures={**proposal.figures, "gap": proposal.gap},
            text=proposal.text,
        )
        try:
            with transaction.atomic():
                acted_by(alert, actor, "Đề xuất từ kiểm tra chỉ tiêu").save()
        except IntegrityError:  # another check stored it meanwhile
            return Alert.objects.get(**proposal.key), "unchanged"
        return alert, "new"
    old_gap = alert.figures.get("gap")
    if alert.state != Alert.State.PROPOSED or (old_gap is not None and not rules.worse(proposal.gap, old_gap)):
        return alert, "unchanged"
    claim_version(alert, None)
    alert.figures = {
        **proposal.figures,
        "gap": proposal.gap,
        "previous": {k: v for k, v in alert.figures.items() if k != "previous"},
    }
    alert.text = proposal.text
    if alert.agency_id is None:
        alert.agency = proposal.agency
    acted_by(alert, actor, "Số liệu công bố sau làm thiếu hụt sâu hơn").save()
    return alert, "updated"


@transaction.atomic
def check_alerts(year: int, *, actor=None) -> list[Alert]:
    """Every shortfall of the year as an alert (each with `.outcome`: "new", "updated" or "unchanged"), GRDP's
    first. A detection, not a decision: anyone whose figures triggered it may run it; sending is checked."""
    proposals = _grdp_proposals(year, shortfall_points()) + _indicator_proposals(year)
    stored = []
    for proposal in proposals:
        alert, outcome = _store(proposal, actor)
        alert.outcome = outcome
        stored.append(alert)
    return stored


def after_publication(publication, years: set[int]) -> None:
    """Run once a publication's figures are committed: its years' check, as its recorder. A failing check does
    not undo the publication; it is logged and `tiendo targets check` runs it again."""
    for year in sorted(years):
        try:
            check_alerts(year, actor=publication.recorded_by)
        except Exception:
            logger.exception("The targets' alerts check of %s failed after publication %s", year, publication.pk)


def register() -> None:
    if after_publication not in services.AFTER_PUBLICATION:
        services.AFTER_PUBLICATION.append(after_publication)


__all__ = ["COMPONENT_NAMES", "Proposal", "check_alerts", "component_agencies", "register", "shortfall_points"]
