"""The gatekeepers: every view, API endpoint and command fetches records through these."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tiendo.agencies.models import Agency
from tiendo.domain import access
from tiendo.enterprises.models import Enterprise


def get_agency_for_user(user, code: str, *, edit: bool = False) -> Agency:
    """An agency whose records (staff, history) the user may read, or change with edit=True."""
    try:
        agency = Agency.objects.select_related("parent", "successor", "admin_unit").get(code=code)
    except Agency.DoesNotExist:
        raise Http404 from None
    rule = access.can_edit_agency_profile if edit else access.can_read_agency_records
    if not rule(user.actor, agency.pk):
        raise PermissionDenied
    return agency


def get_enterprise_for_user(user, pk: int, *, edit: bool = False, include_deleted: bool = False) -> Enterprise:
    """An investor reaches only their own enterprise; others get the same 404 as for a missing one."""
    rule = access.can_edit_enterprise if edit else access.can_read_enterprise
    if not rule(user.actor, pk):
        raise Http404
    queryset = Enterprise.objects.all() if include_deleted else Enterprise.objects.alive()
    try:
        return queryset.get(pk=pk)
    except Enterprise.DoesNotExist:
        raise Http404 from None


def enterprises_for_user(user):
    actor = user.actor
    if access.can_list_enterprises(actor):
        return Enterprise.objects.alive()
    if actor.enterprise_id:
        return Enterprise.objects.alive().filter(pk=actor.enterprise_id)
    return Enterprise.objects.none()
