"""The one way enterprises change, shared by the pages, the API and the commands."""

from django.db import transaction

from tiendo.audit.versions import claim_version

from .models import Enterprise


@transaction.atomic
def save_enterprise(
    enterprise: Enterprise, actor, reason: str = "", *, expected_version: int | None = None
) -> Enterprise:
    claim_version(enterprise, expected_version)
    enterprise._history_user = actor
    enterprise._change_reason = reason
    enterprise.full_clean()
    enterprise.save()
    return enterprise
