"""Every write of the targets app: one transaction each, keyword-only `actor`, history kept, stale edits refused.

A publication's figures never overwrite earlier ones: each new figure of a quarter (or part of a year) points to
the figure it replaces, so a revised quarter shows what it replaced. An adopted scenario is kept as it was; a
revision is a new version based on it."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version
from tiendo.core import access

from .models import (
    Component,
    EconomicSector,
    GrowthFigure,
    Indicator,
    IndicatorValue,
    Publication,
    Scenario,
    ScenarioCell,
    Target,
    Term,
)


@dataclass(frozen=True)
class NewGrowth:
    """A quarter's growth of a component (or of a level-1 sector under it), as a release gives it."""

    year: int
    quarter: int
    component: str
    growth: Decimal
    sector: EconomicSector | None = None
    level: Decimal | None = None


@dataclass(frozen=True)
class NewValue:
    """An indicator's value over the year's first `months` months, as a release or report gives it."""

    indicator: Indicator
    year: int
    months: int
    value: Decimal
    note: str = ""


# what runs once a publication's figures are committed, each given (publication, its years): the alerts' check
# registers itself here (tiendo.targets.alerting) so that recording stays independent of it
AFTER_PUBLICATION: list[Callable[[Publication, set[int]], None]] = []


def _require_manage(actor) -> None:
    if not access.can(actor, "manage_targets"):
        raise PermissionDenied


def _saved(record, *, actor, reason: str, expected_version: int | None, at: datetime | None = None):
    """Claim the version the editor read (a stale edit raises StaleVersion), validate, save, note the reason
    (`at`: the history is dated then, for a record loaded as it was decided long ago)."""
    if not access.can_change(actor, record) and record.pk is not None:
        raise PermissionDenied
    claim_version(record, expected_version)
    record.full_clean()
    acted_by(record, actor, reason, at=at).save()
    return record


@transaction.atomic
def save_indicator(
    indicator: Indicator, *, actor, reason: str = "", expected_version: int | None = None, at: datetime | None = None
):
    _require_manage(actor)
    return _saved(indicator, actor=actor, reason=reason, expected_version=expected_version, at=at)


@transaction.atomic
def save_term(term: Term, *, actor, reason: str = "", expected_version: int | None = None, at: datetime | None = None):
    _require_manage(actor)
    return _saved(term, actor=actor, reason=reason, expected_version=expected_version, at=at)


@transaction.atomic
def save_target(
    target: Target, *, actor, reason: str = "", expected_version: int | None = None, at: datetime | None = None
) -> Target:
    """A new target or a revision of one; a revision needs its reason (the history keeps what it replaced)."""
    _require_manage(actor)
    if target.pk is not None and not reason.strip():
        raise ValidationError({"reason": _("Say why the target is revised (e.g. the resolution that revises it).")})
    return _saved(target, actor=actor, reason=reason, expected_version=expected_version, at=at)


def _check_growth(item: NewGrowth) -> None:
    if item.quarter not in (1, 2, 3, 4):
        raise ValidationError(_("The quarter must be 1 to 4."))
    if item.growth < -1:
        raise ValidationError(_("A growth rate cannot be below −100 %."))
    if item.component not in Component.values:
        raise ValidationError(_("Unknown GRDP component: %(name)s.") % {"name": item.component})
    if item.sector is not None and item.sector.component != item.component:
        raise ValidationError(
            _("Sector %(sector)s is not under component %(component)s.")
            % {"sector": item.sector.code, "component": item.component}
        )


def current_growth(year: int, quarter: int, component: str, sector: EconomicSector | None) -> GrowthFigure | None:
    """The figure in force for one quarter of a component (or sector): the one no later figure replaced."""
    return (
        GrowthFigure.objects.filter(year=year, quarter=quarter, component=component, sector=sector)
        .filter(replaced_by__isnull=True)
        .first()
    )


def current_value(indicator: Indicator, year: int, months: int) -> IndicatorValue | None:
    return IndicatorValue.objects.filter(
        indicator=indicator, year=year, months=months, replaced_by__isnull=True
    ).first()


@transaction.atomic
def record_publication(
    publication: Publication,
    *,
    actor,
    growth: Iterable[NewGrowth] = (),
    values: Iterable[NewValue] = (),
    at: datetime | None = None,
) -> Publication:
    """A publication and its figures, all or nothing. Each figure replaces the one in force for its period, which
    stays in the record; an officer may record its own indicators' values, only those who manage targets may
    record GRDP figures or another agency's values."""
    growth, values = list(growth), list(values)
    if growth and not access.can(actor, "manage_targets"):
        raise PermissionDenied
    for item in values:
        if not access.can(actor, "report_indicator", item.indicator):
            raise PermissionDenied
    if not growth and not values:
        raise ValidationError(_("The publication has no figure."))
    publication.recorded_by = actor
    acted_by(publication, actor, at=at)
    publication.full_clean()
    publication.save()
    seen: set[tuple] = set()
    for item in growth:
        _check_growth(item)
        key = (item.year, item.quarter, item.component, item.sector.pk if item.sector else None)
        if key in seen:
            raise ValidationError(_("The same quarter and component appear twice in one publication."))
        seen.add(key)
        figure = GrowthFigure(
            publication=publication,
            year=item.year,
            quarter=item.quarter,
            component=item.component,
            sector=item.sector,
            growth=item.growth,
            level=item.level,
            replaces=current_growth(item.year, item.quarter, item.component, item.sector),
        )
        acted_by(figure, actor, at=at).save()
    for item in values:
        if not 1 <= item.months <= 12:
            raise ValidationError(_("The months covered must be 1 to 12."))
        key = (item.indicator.pk, item.year, item.months)
        if key in seen:
            raise ValidationError(_("The same indicator and period appear twice in one publication."))
        seen.add(key)
        value = IndicatorValue(
            indicator=item.indicator,
            publication=publication,
            year=item.year,
            months=item.months,
            value=item.value,
            note=item.note,
            replaces=current_value(item.indicator, item.year, item.months),
        )
        acted_by(value, actor, at=at).save()
    years = {item.year for item in growth} | {item.year for item in values}
    for hook in AFTER_PUBLICATION:
        transaction.on_commit(partial(hook, publication, years))
    return publication


@dataclass(frozen=True)
class Cell:
    component: str
    quarter: int
    base: Decimal
    growth: Decimal
    sector: EconomicSector | None = None


@transaction.atomic
def save_scenario(
    scenario: Scenario,
    cells: Iterable[Cell],
    *,
    actor,
    reason: str = "",
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Scenario:
    """A draft scenario with all its cells (each component's four quarters, and sectors' where given); an adopted
    one is never rewritten: revise it instead."""
    _require_manage(actor)
    if scenario.pk is not None:
        stored = Scenario.objects.get(pk=scenario.pk)
        if stored.status == Scenario.Status.ADOPTED:
            raise ValidationError(_("An adopted scenario is kept as it was: make a revision of it instead."))
    cells = list(cells)
    components = {c.component for c in cells if c.sector is None}
    if components != set(Component.values):
        raise ValidationError(_("A scenario needs the four components of GRDP."))
    for component in components:
        quarters = sorted(c.quarter for c in cells if c.component == component and c.sector is None)
        if quarters != [1, 2, 3, 4]:
            raise ValidationError(_("Each component needs its four quarters."))
    for cell in cells:
        if cell.base < 0:
            raise ValidationError(_("The previous year's GRDP cannot be negative."))
        if cell.growth < -1:
            raise ValidationError(_("A growth rate cannot be below −100 %."))
        if cell.sector is not None and cell.sector.component != cell.component:
            raise ValidationError(_("Sector %(sector)s is not under its component.") % {"sector": cell.sector.code})
    _saved(scenario, actor=actor, reason=reason, expected_version=expected_version, at=at)
    scenario.cells.all().delete()
    rows = [
        ScenarioCell(
            scenario=scenario, component=c.component, sector=c.sector, quarter=c.quarter, base=c.base, growth=c.growth
        )
        for c in cells
    ]
    for row in rows:
        acted_by(row, actor, at=at).save()
    return scenario


@transaction.atomic
def adopt_scenario(
    scenario: Scenario, *, actor, adopted_on, document: str = "", expected_version=None, at: datetime | None = None
) -> Scenario:
    """The version the province sends or adopts: kept from then on as it was."""
    _require_manage(actor)
    if scenario.status == Scenario.Status.ADOPTED:
        raise ValidationError(_("This scenario is already adopted."))
    scenario.status = Scenario.Status.ADOPTED
    scenario.adopted_on = adopted_on
    if document:
        scenario.document = document
    return _saved(scenario, actor=actor, reason=_("Adopted"), expected_version=expected_version, at=at)


@transaction.atomic
def revise_scenario(based_on: Scenario, *, actor, name: str) -> Scenario:
    """A new draft with the same cells, based on `based_on`, to change and adopt in its turn."""
    _require_manage(actor)
    revision = Scenario(
        year=based_on.year,
        name=name,
        target_growth=based_on.target_growth,
        based_on=based_on,
        created_by=actor,
    )
    cells = [Cell(c.component, c.quarter, c.base, c.growth, c.sector) for c in based_on.cells.select_related("sector")]
    return save_scenario(revision, cells, actor=actor, reason=_("Revision of %(name)s") % {"name": based_on.name})


def adopted_scenario(year: int) -> Scenario | None:
    """The scenario in force for a year: the latest adopted one, else the latest draft."""
    scenarios = Scenario.objects.filter(year=year)
    return (
        scenarios.filter(status=Scenario.Status.ADOPTED).order_by("-adopted_on", "-pk").first()
        or scenarios.order_by("-pk").first()
    )


@transaction.atomic
def save_sector(sector: EconomicSector, *, actor, reason: str = "", at: datetime | None = None) -> EconomicSector:
    """A level-1 sector of the economy under its component, with the department that answers for it."""
    _require_manage(actor)
    sector.full_clean()
    acted_by(sector, actor, reason, at=at).save()
    return sector
