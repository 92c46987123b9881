"""The planner's statistics after a bulk change: without them PostgreSQL guesses that a freshly filled table is
empty and picks plans for a few rows (a nested loop over 4,000 projects took `/projects/?overdue=on` from 60 ms to
850 ms on the province demo). Autovacuum would catch up eventually, but an installation cannot count on it (it may
be off, or a big import lands just before the morning's use), so the demo, a large import and the nightly
`tiendo analyze` refresh them themselves."""

from collections.abc import Iterable

from django.db import connections, transaction

# An import that wrote at least this many rows refreshes the statistics once it is committed (a few seconds at a
# national scale on PostgreSQL; below it, the change is too small to mislead the planner).
ANALYZE_AFTER_ROWS = 1000


def analyze(tables: Iterable[str] | None = None, *, using: str = "default") -> None:
    """ANALYZE the given tables, or the whole database; on SQLite also `PRAGMA optimize` (its own advice for a
    long-lived database). It reads samples and writes only statistics: safe while the site is in use."""
    connection = connections[using]
    names = [connection.ops.quote_name(table) for table in tables or ()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(names) if names else "ANALYZE")
        else:
            for statement in [f"ANALYZE {name}" for name in names] or ["ANALYZE"]:
                cursor.execute(statement)
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA optimize")


def analyze_after_commit(rows: int | None = None, tables: Iterable[str] | None = None) -> bool:
    """ANALYZE once the current transaction commits (at once outside one), when `rows` is None (a bulk load such
    as the demo) or at least ANALYZE_AFTER_ROWS; nothing if the transaction rolls back. True when one is planned."""
    if rows is not None and rows < ANALYZE_AFTER_ROWS:
        return False
    names = list(tables) if tables is not None else None
    transaction.on_commit(lambda: analyze(names))
    return True
