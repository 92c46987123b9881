"""The enterprises services' bulk variants: enterprises loaded thousands at a time (the demo; a migration from
another system).

A user creates and edits an enterprise one at a time through `services`; a load writes thousands, with bulk_create
and simple_history's bulk helper. Each function is one transaction; the caller's keyword-only `actor` is the author
of every history row (None: the system's own load, which names nobody, as the demo's).
"""

from __future__ import annotations

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from .models import Enterprise

BATCH = 2000


@transaction.atomic
def add_enterprises(enterprises: list[Enterprise], *, actor) -> list[Enterprise]:
    """New enterprises (their search keys computed by the caller), each with its "created" history row; the
    returned enterprises carry their keys."""
    return bulk_create_with_history(enterprises, Enterprise, batch_size=BATCH, default_user=actor)
