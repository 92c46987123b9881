"""The gatekeepers for plans: every page, API endpoint and command fetches plans, versions and items through these."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tiendo.domain import access

from .models import Plan, PlanItem, PlanLine, PlanVersion


def plans_for_user(user):
    if not access.can_read_plans(user.actor):
        return Plan.objects.none()
    return Plan.objects.all()


def get_plan_for_user(user, pk) -> Plan:
    try:
        return plans_for_user(user).get(pk=pk)
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_version_for_user(user, pk, *, edit: bool = False) -> PlanVersion:
    """A version the user may read; edit=True: a draft the user may change (else PermissionDenied)."""
    try:
        version = PlanVersion.objects.select_related("plan", "based_on").get(pk=pk, plan__in=plans_for_user(user))
    except (PlanVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if edit and not access.can_manage_plans(user.actor):
        raise PermissionDenied
    return version


def items_for_user(user, version: PlanVersion):
    """The projects of a version the user may see: all of them for the province's staff, an officer's own."""
    items = PlanItem.objects.filter(version=version)
    actor = user.actor
    if actor.role in access.READ_ALL:
        return items
    if actor.role == access.Role.OFFICER:
        return items.filter(project__agency_id__in=actor.agency_ids)
    return items.none()


def lines_for_user(user, version: PlanVersion):
    lines = PlanLine.objects.filter(version=version)
    actor = user.actor
    if actor.role in access.READ_ALL:
        return lines
    if actor.role == access.Role.OFFICER:
        return lines.filter(item__project__agency_id__in=actor.agency_ids)
    return lines.none()
