"""Many rows into one table at once: COPY on PostgreSQL, executemany elsewhere.

The ORM's per-object work costs more than the database's own for imports and the demo (decision 0002); on
PostgreSQL, COPY costs a fraction of even executemany's INSERTs (one statement, no per-row round trip and plan).
Values are given in `columns` order, already as the database takes them (`connection.ops.adapt_*` where Django
would adapt: JSON as text, dates as the backend wants them). Runs on the caller's connection and transaction, so
an import stays all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import islice

from django.db import connection

BATCH = 4000


def insert_rows(
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence],
    *,
    tick: Callable[[int], None] | None = None,
    batch: int = BATCH,
) -> int:
    """INSERT `rows` into `table` (database names, not model names); returns how many. `tick(n)` is told of every
    batch of n rows written (a progress bar)."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    copy = connection.vendor == "postgresql"
    sql = (
        f"COPY {quote(table)} ({names}) FROM STDIN"
        if copy
        else f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
    )
    written = 0
    iterator = iter(rows)
    with connection.cursor() as cursor:
        # One COPY per batch, each batch drawn before it starts and `tick` called after it ends: while COPY holds
        # the connection, anything that asked the database (a lazy row source, a progress bar saving the job's
        # progress) would wait for it forever.
        while chunk := list(islice(iterator, batch)):
            if copy:
                with cursor.cursor.copy(sql) as stream:
                    for row in chunk:
                        stream.write_row(row)
            else:
                cursor.executemany(sql, chunk)
            written += len(chunk)
            if tick:
                tick(len(chunk))
    return written
