"""The accounts services' bulk variants: user accounts loaded hundreds at a time (the demo; a migration from
another system).

An administrator creates accounts one at a time, each with its own password; a load writes a whole staff with one
starting password, hashed once (hashing is slow on purpose, so once per account would cost more than the load).
Each function is one transaction; the caller's keyword-only `actor` is the author of every history row (None: the
system's own load, which names nobody, as the demo's).
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import transaction
from simple_history.utils import bulk_create_with_history

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
    return bulk_create_with_history(users, User, batch_size=BATCH, default_user=actor)
