"""Who sees and changes plans, versions, budgets, items, lines and disbursement, registered in the access layer;
the helpers below are thin wrappers over it."""

from django.core.exceptions import PermissionDenied

from tiendo.core import access
from tiendo.domain import access as role_table

from .models import Disbursement, Plan, PlanItem, PlanLine, PlanVersion, Source, SourceBudget


def _plans(actor):
    # every plan's page is readable by an officer; what it shows of projects is narrowed item by item
    return Plan.objects.all() if role_table.can_read_plans(actor) else Plan.objects.none()


def _manages(actor, obj) -> bool:
    return role_table.can_manage_plans(actor)


def _project_rows(model, agency_field: str, plan_field: str):
    def visible(actor, user):
        rows = model.objects.filter(**{f"{plan_field}__in": _plans(actor).values("pk")})
        return access.scoped(rows, actor, role_table.plan_scope, agency=agency_field)

    return visible


def register() -> None:
    access.register(Plan, visible=lambda actor, user: _plans(actor), can_change=_manages)
    access.register(
        PlanVersion,
        visible=lambda actor, user: PlanVersion.objects.filter(plan__in=_plans(actor).values("pk")),
        can_change=_manages,
    )
    access.register(
        SourceBudget,
        visible=lambda actor, user: SourceBudget.objects.filter(version__plan__in=_plans(actor).values("pk")),
        can_change=_manages,
    )
    access.register(
        PlanItem, visible=_project_rows(PlanItem, "project__agency_id", "version__plan"), can_change=_manages
    )
    access.register(
        PlanLine, visible=_project_rows(PlanLine, "item__project__agency_id", "version__plan"), can_change=_manages
    )
    access.register(
        Disbursement, visible=_project_rows(Disbursement, "project__agency_id", "plan"), can_change=_manages
    )
    access.register(
        Source, visible=lambda actor, user: access.scoped(Source.objects.all(), actor, role_table.directory_scope)
    )


def plans_for_user(user):
    return access.visible(user, Plan)


def get_plan_for_user(user, pk) -> Plan:
    return access.get_or_404(user, Plan, pk=pk)


def get_version_for_user(user, pk, *, edit: bool = False) -> PlanVersion:
    """A version the user may read; edit=True: a draft the user may change (else PermissionDenied)."""
    queryset = PlanVersion.objects.select_related("plan", "based_on")
    if edit:
        return access.get_for_change_or_404(user, PlanVersion, forbidden=PermissionDenied, queryset=queryset, pk=pk)
    return access.get_or_404(user, PlanVersion, queryset=queryset, pk=pk)


def items_for_user(user, version: PlanVersion):
    """The projects of a version the user may see: all of them for the province's staff, an officer's own."""
    return access.visible(user, PlanItem).filter(version=version)
