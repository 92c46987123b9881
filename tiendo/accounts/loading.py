"""The accounts services' bulk variants: user accounts loaded hundreds at a time (the demo; a migration from
another system).

An administrator creates accounts one at a time, each with its own password; a load writes a whole staff with one
starting password, hashed once (hashing is slow on purpose, so once per account would cost more than the load),
rows and their "created" history rows through `audit.bulk_records` (COPY on PostgreSQL). Each function is one
transaction; the caller's keyword-only `actor` is the author of every history row (None: the system's own load,
which names nobody, as the demo's).
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import transaction

from tiendo.audit.bulk_records import add_records

from .models import User

BATCH = 2000


@transaction.atomic
def add_users(users: list[User], *, password: str, actor) -> list[User]:
    """New accounts, as the caller set them up (role, agency or enterprise, staff flags), all given `password`
    (hashed once, each with the same hash; the history never keeps it), each with its "created" history row; the
    returned users carry their keys."""
    hashed = make_password(password)
    for user in users:
        user.password = hashed
    return add_records(User, users, actor=actor, batch=BATCH)
