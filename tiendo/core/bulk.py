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
    written = 0
    if connection.vendor == "postgresql":
        # Drawn in full before COPY starts: while COPY holds the connection, a lazy source that asked the database
        # anything (a queryset, a lookup) would wait for it forever.
        rows = list(rows)
    iterator = iter(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                while chunk := list(islice(iterator, batch)):
                    for row in chunk:
                        copy.write_row(row)
                    written += len(chunk)
                    if tick:
                        tick(len(chunk))
            return written
        sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        while chunk := list(islice(iterator, batch)):
            cursor.executemany(sql, chunk)
            written += len(chunk)
            if tick:
                tick(len(chunk))
    return written
