"""The enterprises services' bulk variants: enterprises loaded thousands at a time (the demo; a migration from
another system).

A user creates and edits an enterprise one at a time through `services`; a load writes thousands (20,000 for the
national demo), with their "created" history rows, through `audit.bulk_records` (COPY on PostgreSQL). Each
function is one transaction; the caller's keyword-only `actor` is the author of every history row (None: the
system's own load, which names nobody, as the demo's).
"""

from __future__ import annotations

from django.db import transaction

from tiendo.audit.bulk_records import add_records

from .models import Enterprise

BATCH = 2000


@transaction.atomic
def add_enterprises(enterprises: list[Enterprise], *, actor) -> list[Enterprise]:
    """New enterprises (their search keys computed by the caller), each with its "created" history row; the
    returned enterprises carry their keys."""
    return add_records(Enterprise, enterprises, actor=actor, batch=BATCH)
