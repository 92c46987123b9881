"""Thin wrappers kept for the commands and API that fetch agencies and enterprises; the rules live in the access
layer (tiendo.core.access) and the role table (tiendo.domain.access)."""

from django.core.exceptions import PermissionDenied

from tiendo.agencies.models import Agency
from tiendo.core import access
from tiendo.enterprises.models import Enterprise


def get_agency_for_user(user, code: str, *, edit: bool = False) -> Agency:
    """An agency whose records (staff, history) the user may read, or change with edit=True."""
    agency = access.get_or_404(
        user, Agency, queryset=Agency.objects.select_related("parent", "successor", "admin_unit"), code=code
    )
    allowed = access.can_change(user, agency) if edit else access.can(user, "read_agency_records", agency)
    if not allowed:
        raise PermissionDenied
    return agency


def get_enterprise_for_user(user, pk: int, *, edit: bool = False, include_deleted: bool = False) -> Enterprise:
    """An investor reaches only their own enterprise; others get the same 404 as for a missing one."""
    queryset = Enterprise.objects.all() if include_deleted else Enterprise.objects.alive()
    if edit:
        return access.get_for_change_or_404(user, Enterprise, queryset=queryset, pk=pk)
    return access.get_or_404(user, Enterprise, queryset=queryset, pk=pk)


def enterprises_for_user(user):
    return access.visible(user, Enterprise).alive()
