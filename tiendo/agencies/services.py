"""The one way an agency's own details change (structure changes go through reorganisation.py)."""

from django.db import transaction

from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version

from .models import Agency


@transaction.atomic
def save_agency_profile(agency: Agency, *, actor, reason: str = "", expected_version: int | None = None) -> Agency:
    """The agency's head, address, phone and e-mail: the page and `tiendo agencies update` both save through here."""
    claim_version(agency, expected_version)
    acted_by(agency, actor, reason).save()
    return agency
