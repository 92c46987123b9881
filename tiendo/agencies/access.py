"""Who sees and changes agencies and units: the rules of tiendo.domain.access, registered in the access layer."""

from django.core.exceptions import PermissionDenied

from tiendo.core import access
from tiendo.domain import access as role_table

from .models import AdminUnit, Agency, Reorganisation


def register() -> None:
    access.register(
        Agency,
        visible=lambda actor, user: access.scoped(Agency.objects.all(), actor, role_table.directory_scope),
        can_change=lambda actor, agency: role_table.can_edit_agency_profile(actor, agency.pk),
    )
    access.register(
        AdminUnit,
        visible=lambda actor, user: access.scoped(AdminUnit.objects.all(), actor, role_table.directory_scope),
    )
    access.register(
        Reorganisation,
        visible=lambda actor, user: access.scoped(Reorganisation.objects.all(), actor, role_table.directory_scope),
        can_change=lambda actor, reorganisation: role_table.can_reorganise(actor),
    )
    # staff lists, contacts and history of an agency: its own officers (and its successors') and the staff
    access.register_check(
        "read_agency_records", lambda actor, agency: role_table.can_read_agency_records(actor, agency.pk)
    )


def get_agency_for_user(user, code: str, *, edit: bool = False) -> Agency:
    """An agency whose records (staff, history) the user may read, or change with edit=True."""
    agency = access.get_or_404(
        user, Agency, queryset=Agency.objects.select_related("parent", "successor", "admin_unit"), code=code
    )
    allowed = access.can_change(user, agency) if edit else access.can(user, "read_agency_records", agency)
    if not allowed:
        raise PermissionDenied
    return agency
