"""The one way enterprises change, shared by the pages, the API and the commands."""

from django.db import transaction

from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version

from .models import Enterprise


@transaction.atomic
def save_enterprise(
    enterprise: Enterprise, *, actor, reason: str = "", expected_version: int | None = None
) -> Enterprise:
    claim_version(enterprise, expected_version)
    acted_by(enterprise, actor, reason)
    enterprise.full_clean()
    enterprise.save()
    return enterprise


@transaction.atomic
def delete_enterprise(enterprise: Enterprise, *, actor, reason: str = "") -> None:
    """Hide the enterprise; it can be restored from the list of deleted enterprises."""
    enterprise.soft_delete(actor, reason)


@transaction.atomic
def restore_enterprise(enterprise: Enterprise, *, actor, reason: str = "") -> None:
    enterprise.restore(actor, reason)
