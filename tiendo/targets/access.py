"""Who sees and changes targets, scenarios, publications, figures and alerts, registered in the access layer.

Staff and officers read everything of the province's path; investors and the public read the indicators, the
targets (resolutions are public documents) and the figures a statistics office has published, never scenarios,
internal reports or alerts."""

from django.db.models import Q

from tiendo.core import access
from tiendo.domain import access as role_table

from .models import (
    Alert,
    ComponentAgency,
    EconomicSector,
    GrowthFigure,
    Indicator,
    IndicatorProject,
    IndicatorValue,
    Publication,
    Scenario,
    ScenarioCell,
    Target,
    Term,
)

PUBLISHED = Q(source=Publication.Source.STATISTICS)


def _reads_all(actor) -> bool:
    return role_table.target_scope(actor) == role_table.Scope.ALL


def _manages(actor, obj) -> bool:
    return role_table.can_manage_targets(actor)


def _catalogue(model, public_filter: Q | None = None):
    def visible(actor, user):
        if _reads_all(actor):
            return model.objects.all()
        return model.objects.filter(public_filter) if public_filter is not None else model.objects.all()

    return visible


def _published(model, publication: str):
    def visible(actor, user):
        if _reads_all(actor):
            return model.objects.all()
        return model.objects.filter(**{f"{publication}__source": Publication.Source.STATISTICS})

    return visible


def _staff_only(model):
    def visible(actor, user):
        return model.objects.all() if _reads_all(actor) else model.objects.none()

    return visible


def _alerts(actor, user):
    """The province's staff every alert; an officer those about its agency's sector."""
    if role_table.sees_everything(actor):
        return Alert.objects.all()
    if _reads_all(actor):
        return Alert.objects.filter(agency_id__in=actor.agency_ids)
    return Alert.objects.none()


def _reports_value(actor, value) -> bool:
    return role_table.can_report_indicator(actor, value.indicator.responsible_agency_id)


def register() -> None:
    access.register(Indicator, visible=_catalogue(Indicator, Q(active=True)), can_change=_manages)
    access.register(EconomicSector, visible=_catalogue(EconomicSector), can_change=_manages)
    access.register(Term, visible=_catalogue(Term), can_change=_manages)
    access.register(Target, visible=_catalogue(Target, Q(indicator__active=True)), can_change=_manages)
    access.register(Publication, visible=_catalogue(Publication, PUBLISHED), can_change=_manages)
    access.register(GrowthFigure, visible=_published(GrowthFigure, "publication"), can_change=_manages)
    access.register(IndicatorValue, visible=_published(IndicatorValue, "publication"), can_change=_reports_value)
    access.register(Scenario, visible=_staff_only(Scenario), can_change=_manages)
    access.register(ScenarioCell, visible=_staff_only(ScenarioCell), can_change=_manages)
    access.register(IndicatorProject, visible=_staff_only(IndicatorProject), can_change=_manages)
    access.register(ComponentAgency, visible=_staff_only(ComponentAgency), can_change=_manages)
    access.register(Alert, visible=_alerts, can_change=lambda actor, obj: role_table.can_send_target_alerts(actor))
    # an officer reports the figures of the indicators its agency answers for
    access.register_check(
        "report_indicator",
        lambda actor, indicator: role_table.can_report_indicator(actor, indicator.responsible_agency_id),
    )
