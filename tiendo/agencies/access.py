"""Who sees and changes agencies and units: the rules of tiendo.domain.access, registered in the access layer."""

from tiendo.core import access
from tiendo.domain import access as rules

from .models import AdminUnit, Agency, Reorganisation


def register() -> None:
    access.register(
        Agency,
        visible=lambda actor, user: access.scoped(Agency.objects.all(), actor, rules.directory_scope),
        can_change=lambda actor, agency: rules.can_edit_agency_profile(actor, agency.pk),
    )
    access.register(
        AdminUnit,
        visible=lambda actor, user: access.scoped(AdminUnit.objects.all(), actor, rules.directory_scope),
    )
    access.register(
        Reorganisation,
        visible=lambda actor, user: access.scoped(Reorganisation.objects.all(), actor, rules.directory_scope),
        can_change=lambda actor, reorganisation: rules.can_reorganise(actor),
    )
    # staff lists, contacts and history of an agency: its own officers (and its successors') and the staff
    access.register_check("read_agency_records", lambda actor, agency: rules.can_read_agency_records(actor, agency.pk))
