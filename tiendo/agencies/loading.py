"""The agencies services' bulk variants: what a load (the demo; a migration from another system) writes about
agencies in one go after their history was recorded, such as who keeps the records of agencies that ended.

Each function is one transaction; the caller's keyword-only `actor` is the author of every history row.
"""

from __future__ import annotations

from django.db import transaction

from tiendo.audit.models import acted_by

from .models import Agency


@transaction.atomic
def name_record_keepers(keepers: list[tuple[Agency, int, str]], *, actor) -> int:
    """Agencies that ended without a successor, each given the agency that keeps its records: each is (the agency
    as read, the keeper's key, why). Only the successor column is written (the row version stays as it was), with
    a history row by `actor` giving the reason. Returns how many were named."""
    for agency, keeper, reason in keepers:
        agency.successor_id = keeper
        acted_by(agency, actor, reason).save(update_fields=["successor"])
    return len(keepers)
