"""tiendo.core.bulk: the same rows land whether the database takes them by COPY or by executemany."""

from datetime import date

import pytest
from django.db import connection

from tiendo.core.bulk import insert_rows

pytestmark = pytest.mark.django_db


def test_rows_land_with_their_values_and_ticks():
    ticks = []
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bulk_probe (id integer, label varchar(50), due date, note text)")
    rows = [(i, f"Sở số {i}", date(2026, 1, 1 + i % 28), None if i % 2 else "có") for i in range(10)]
    written = insert_rows("bulk_probe", ["id", "label", "due", "note"], iter(rows), tick=ticks.append, batch=4)
    assert written == 10 and ticks == [4, 4, 2]
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, label, due, note FROM bulk_probe ORDER BY id")
        back = cursor.fetchall()
    assert [(i, label, str(due), note) for i, label, due, note in back] == [
        (i, label, due.isoformat(), note) for i, label, due, note in rows
    ]


def test_nothing_to_write_writes_nothing():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bulk_empty (id integer)")
    assert insert_rows("bulk_empty", ["id"], []) == 0


def test_a_lazy_source_may_ask_the_database():
    """On PostgreSQL a generator that queried the connection during COPY would wait for it forever."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bulk_lazy (id integer, n integer)")

    def rows():
        for i in range(3):
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM bulk_lazy")
                yield (i, cursor.fetchone()[0])

    assert insert_rows("bulk_lazy", ["id", "n"], rows()) == 3
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, n FROM bulk_lazy ORDER BY id")
        assert cursor.fetchall() == [(0, 0), (1, 0), (2, 0)]


def test_the_progress_callback_may_ask_the_database():
    """A background import's progress bar saves the job's progress between batches, on the same connection."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bulk_ticks (id integer)")
    seen = []

    def tick(count):
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM bulk_ticks")
            seen.append((count, cursor.fetchone()[0]))

    assert insert_rows("bulk_ticks", ["id"], [(i,) for i in range(5)], tick=tick, batch=2) == 5
    assert seen == [(2, 2), (2, 4), (1, 5)]
