"""Where each indicator of a year stands: its year's and term's targets, its latest value in force and its status.

The status is tiendo.domain.growth's, called from here only (`status_of`, `grdp_standing`): an indicator's latest
value against its year target, and GRDP growth from the scenario arithmetic (the adopted scenario with the figures
in force), so the targets page, the indicator page and the scenario page judge alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from tiendo.core import access
from tiendo.core.templatetags.tiendo import number
from tiendo.domain import growth

from . import selectors, services
from .models import GrowthFigure, Indicator, IndicatorValue, Scenario, Target, Term

Status = growth.Status

# the shape says what the colour says, for those who do not see the colour and on a grey print
SHAPES = {
    Status.MET: "✓",
    Status.ON_TRACK: "●",
    Status.AT_RISK: "▲",
    Status.OFF_TRACK: "✕",
    Status.NO_DATA: "○",
}
WORDS = {
    Status.MET: pgettext_lazy("target status", "Met"),
    Status.ON_TRACK: pgettext_lazy("target status", "On track"),
    Status.AT_RISK: pgettext_lazy("target status", "At risk"),
    Status.OFF_TRACK: pgettext_lazy("target status", "Off track"),
    Status.NO_DATA: pgettext_lazy("target status", "No data"),
}
MAX_DECIMALS = 4
# the units as the pages write them: English readers see "billion VND", as on every other page of tiendo
UNIT_NAMES = {
    Indicator.Unit.PERCENT: "%",
    Indicator.Unit.BILLION_VND: gettext_lazy("billion VND"),
    Indicator.Unit.MILLION_VND: gettext_lazy("million VND"),
    Indicator.Unit.MILLION_USD: gettext_lazy("million USD"),
    Indicator.Unit.USD: "USD",
    Indicator.Unit.COUNT: pgettext_lazy("unit", "count"),
}


@dataclass(frozen=True)
class Mark:
    """A status as the page shows it: its shape, its word and the class that colours it."""

    status: Status

    @property
    def shape(self) -> str:
        return SHAPES[self.status]

    @property
    def word(self) -> str:
        return str(WORDS[self.status])

    @property
    def css(self) -> str:
        return f"target-{self.status.value}"


def decimals_of(value: Decimal | float) -> int:
    """The decimals a value needs to be written as stored, at most MAX_DECIMALS ("13", "13,5", "0,25")."""
    value = Decimal(str(value)).quantize(Decimal(1).scaleb(-MAX_DECIMALS)).normalize()
    return max(0, -value.as_tuple().exponent)


def plain(value: Decimal | float | None, decimals: int | None = None) -> str:
    """A number in the page's language with the decimals it needs ("13,5" in Vietnamese, "13.5" in English)."""
    if value is None:
        return "—"
    value = Decimal(str(value))
    return number(value, decimals_of(value) if decimals is None else decimals)


def unit_suffix(indicator: Indicator) -> str:
    if indicator.unit == Indicator.Unit.COUNT:
        return ""
    if indicator.unit == Indicator.Unit.PERCENT:
        return " %"
    return f" {unit_name(indicator.unit)}"


def unit_name(unit: str) -> str:
    return str(UNIT_NAMES.get(unit, unit))


def with_unit(indicator: Indicator, text: str) -> str:
    return f"{text}{unit_suffix(indicator)}"


def target_text(target: Target | None) -> str:
    """ "13–13,5 %", "8 %", or "—"."""
    if target is None:
        return "—"
    low = plain(target.low)
    text = low if target.high is None or target.high == target.low else f"{low}–{plain(target.high)}"
    return with_unit(target.indicator, text)


def value_text(indicator: Indicator, value: Decimal | float | None, decimals: int | None = None) -> str:
    return "—" if value is None else with_unit(indicator, plain(value, decimals))


def months_text(months: int) -> str:
    """ "6 tháng", "cả năm": the part of the year a value covers."""
    if months >= 12:
        return _("full year")
    return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}


def status_of(indicator: Indicator, target: Target | None, value: IndicatorValue | None) -> Status:
    """An indicator's status against its year target (tiendo.domain.growth.indicator_status); no target, no data."""
    if target is None:
        return Status.NO_DATA
    goal = growth.IndicatorTarget(
        low=float(target.low),
        high=None if target.high is None else float(target.high),
        direction=growth.Direction(indicator.direction),
        cumulative=indicator.accumulates,
    )
    reading = None if value is None else growth.Reading(float(value.value), value.months)
    return growth.indicator_status(goal, reading)


@dataclass
class GrdpStanding:
    """The GRDP growth of a year as the scenario arithmetic sees it (growth rates here in percent)."""

    scenario: Scenario | None
    result: growth.ScenarioResult | None
    status: Status
    problem: str = ""

    @property
    def months(self) -> int:
        return 3 * self.result.elapsed_quarters if self.result else 0

    @property
    def ytd(self) -> float | None:
        return None if self.result is None or self.result.ytd_growth is None else self.result.ytd_growth * 100

    @property
    def estimate(self) -> float | None:
        if self.result is None or self.result.annual_estimate is None:
            return None
        return self.result.annual_estimate * 100

    @property
    def required(self) -> float | None:
        if self.result is None or self.result.required_growth_remaining is None:
            return None
        return self.result.required_growth_remaining * 100

    @staticmethod
    def _percent(value: float | None) -> str:
        return "—" if value is None else f"{plain(value, 2)} %"

    @property
    def ytd_shown(self) -> str:
        return self._percent(self.ytd)

    @property
    def required_shown(self) -> str:
        return self._percent(self.required)

    @property
    def estimate_shown(self) -> str:
        return self._percent(self.estimate)


def grdp_standing(year: int, user) -> GrdpStanding:
    """The year's GRDP growth from the adopted scenario (else the latest draft) and the visible figures in force."""
    scenario = services.adopted_scenario(year)
    if scenario is not None and not access.visible(user, Scenario).filter(pk=scenario.pk).exists():
        scenario = None
    if scenario is None:
        return GrdpStanding(None, None, Status.NO_DATA)
    figures = selectors.figures_in_force(year, access.visible(user, GrowthFigure))
    try:
        result = growth.compute(growth.scenario_from_json(selectors.scenario_payload(scenario, figures)))
    except growth.InvalidScenario as problem:
        return GrdpStanding(scenario, None, Status.NO_DATA, str(problem))
    return GrdpStanding(scenario, result, growth.grdp_status(result))


@dataclass
class Row:
    """One indicator on the year's page."""

    indicator: Indicator
    target: Target | None
    term_target: Target | None
    term_year_target: Target | None
    value: IndicatorValue | None
    status: Status
    grdp: GrdpStanding | None = None
    value_shown: str = ""
    months: int = 0
    estimate_shown: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def mark(self) -> Mark:
        return Mark(self.status)

    @property
    def target_shown(self) -> str:
        return target_text(self.target)

    @property
    def term_target_shown(self) -> str:
        return target_text(self.term_target)

    @property
    def term_year_shown(self) -> str:
        return target_text(self.term_year_target)

    @property
    def months_shown(self) -> str:
        return months_text(self.months) if self.months else ""


def term_of(year: int) -> Term | None:
    return Term.objects.filter(first_year__lte=year, last_year__gte=year).first()


def latest_values(year: int, user, indicators=None) -> dict[int, IndicatorValue]:
    """{indicator id: the value in force covering the most months of the year}."""
    values = access.visible(user, IndicatorValue).filter(year=year, replaced_by__isnull=True)
    if indicators is not None:
        values = values.filter(indicator__in=indicators)
    latest: dict[int, IndicatorValue] = {}
    for value in values.select_related("publication").order_by("months", "pk"):
        latest[value.indicator_id] = value
    return latest


def year_rows(year: int, user) -> list[Row]:
    """Every active indicator the user sees, with the year's targets, latest value and status."""
    indicators = list(
        access.visible(user, Indicator)
        .filter(active=True)
        .select_related("responsible_agency")
        .order_by("position", "code")
    )
    term = term_of(year)
    targets = access.visible(user, Target).filter(indicator__in=indicators).select_related("indicator", "term")
    by_kind: dict[tuple[str, int], Target] = {}
    for target in targets.filter(year=year):
        by_kind[(target.kind, target.indicator_id)] = target
    if term is not None:
        for target in targets.filter(kind=Target.Kind.TERM, term=term):
            by_kind[(Target.Kind.TERM, target.indicator_id)] = target
    latest = latest_values(year, user, indicators)
    rows = []
    for indicator in indicators:
        target = by_kind.get((Target.Kind.YEAR, indicator.pk))
        value = latest.get(indicator.pk)
        row = Row(
            indicator=indicator,
            target=target,
            term_target=by_kind.get((Target.Kind.TERM, indicator.pk)),
            term_year_target=by_kind.get((Target.Kind.TERM_YEAR, indicator.pk)),
            value=value,
            status=status_of(indicator, target, value),
        )
        if value is not None:
            row.value_shown, row.months = value_text(indicator, value.value), value.months
        if indicator.code == Indicator.GRDP_GROWTH:
            _with_grdp(row, grdp_standing(year, user))
        rows.append(row)
    return rows


def _with_grdp(row: Row, standing: GrdpStanding) -> None:
    """GRDP growth takes its status, value so far and estimate from the scenario arithmetic when there is one."""
    row.grdp = standing
    if standing.result is None:
        return
    row.status = standing.status
    if standing.ytd is not None:
        row.value_shown, row.months = value_text(row.indicator, standing.ytd, 2), standing.months
    if standing.estimate is not None:
        row.estimate_shown = value_text(row.indicator, standing.estimate, 2)
