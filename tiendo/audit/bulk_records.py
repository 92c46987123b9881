"""Records into their table, and their history rows, through `bulk.insert_rows` (COPY on PostgreSQL).

The loaders (`*/loading.py`: the demo, a migration from another system) wrote with bulk_create and
simple_history's bulk helpers, whose per-object and per-value work (building each history row as a model, compiling
every value into an INSERT) cost several times the database's own. Here records (model instances, or rows of values
in a given field order when millions are made) become tuples and are checked column by column: a column whose
values all have the Python type it takes passes as it is (one pass in C over the column); any other value goes
through its field's `get_db_prep_save`, so a bad value still fails with the ORM's error (ValidationError,
ValueError) and nothing of the load stays (the caller's transaction). Keys are reserved first (the sequence on
PostgreSQL, the next rowids on SQLite), in the order bulk_create would have given them, so each history row names
its record and the records carry their keys afterwards.

A history row is what simple_history's `bulk_history_create` writes: the tracked fields' values, `history_type`,
the author (the record's `_history_user` if set, as `audit.models.acted_by` sets it, else the given actor), the
reason (the record's `_change_reason`, else the given one; empty is none) and the date (the record's
`_history_date`, else now).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import chain, islice
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import DateField, DateTimeField, Model
from django.utils import timezone

from tiendo.core.bulk import BATCH, insert_rows

_INTEGER = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}
_TEXT = {"CharField", "TextField", "EmailField", "SlugField", "URLField"}
_AS_IS: dict[str, type] = {
    **dict.fromkeys(_INTEGER, int),
    **dict.fromkeys(_TEXT, str),
    "BooleanField": bool,
    "DateField": date,  # exactly date: a datetime given for a date goes through the field
    "DecimalField": Decimal,
}
_NOT_GIVEN = object()


def _internal_type(field) -> str:
    return field.target_field.get_internal_type() if field.is_relation else field.get_internal_type()


class Columns:
    """How some fields of one model become a row: per column, the Python type that passes as it is, and the
    conversion of any other value (the field's get_db_prep_save; an aware datetime as the backend stores it)."""

    def __init__(self, fields: Sequence) -> None:
        self.fields = list(fields)
        self.names = [field.column for field in self.fields]
        self.attnames = [field.attname for field in self.fields]
        self.values_of = itemgetter(*self.attnames) if len(self.attnames) > 1 else _one(self.attnames[0])
        postgres = connection.vendor == "postgresql"
        self.checks: list[tuple[frozenset[type], Callable[[Sequence], list]]] = []
        for field in self.fields:
            kind = _internal_type(field)
            passes = frozenset({type(None), _AS_IS[kind]} if kind in _AS_IS else {type(None)})
            prepare = _datetime(field, postgres) if kind == "DateTimeField" else _prep(field)
            if kind == "DateField" and not postgres:
                # SQLite's date adapter is a Python function called for each value: write the text it would
                self.checks.append((frozenset({type(None)}), _iso_dates(prepare)))
            else:
                self.checks.append((passes, _each(prepare)))

    def convert(self, rows: list[tuple]) -> list[tuple]:
        """`rows` (values in field order) as the database takes them, column by column."""
        if not rows:
            return rows
        width = len(self.fields)
        if {len(row) for row in rows} != {width}:
            raise ValueError(f"every row needs {width} values ({', '.join(self.attnames)})")
        columns: list[Sequence] = list(zip(*rows, strict=True))
        changed = False
        for index, (passes, convert) in enumerate(self.checks):
            if not set(map(type, columns[index])) <= passes:
                columns[index] = convert(columns[index])
                changed = True
        return list(zip(*columns, strict=True)) if changed else rows


def _each(prepare: Callable[[Any], Any]) -> Callable[[Sequence], list]:
    return lambda column: [None if value is None else prepare(value) for value in column]


def _iso_dates(prepare: Callable[[Any], Any]) -> Callable[[Sequence], list]:
    """A column of dates as ISO text (what SQLite's adapter writes); any other value through the field."""

    def convert(column: Sequence) -> list:
        kinds = set(map(type, column))
        if kinds == {date}:
            return list(map(date.isoformat, column))
        if kinds <= {date, type(None)}:
            return [None if value is None else value.isoformat() for value in column]
        return [None if value is None else prepare(value) for value in column]

    return convert


def _one(attname: str) -> Callable[[dict], tuple]:
    return lambda values: (values[attname],)


def _prep(field) -> Callable[[Any], Any]:
    def prepare(value):
        return field.get_db_prep_save(value, connection)

    return prepare


def _datetime(field, postgres: bool) -> Callable[[Any], Any]:
    """An aware datetime as the backend's adapter would give it (SQLite: naive UTC, as str() writes it); any other
    value through the field."""

    def prepare(value):
        if type(value) is datetime and value.tzinfo is not None:
            return value if postgres else str(value.astimezone(UTC).replace(tzinfo=None))
        return field.get_db_prep_save(value, connection)

    return prepare


_COLUMNS: dict[tuple, Columns] = {}


def columns_of(model, attnames: Sequence[str] | None = None, *, with_key: bool = True) -> Columns:
    """The Columns of `model`'s concrete fields (or of `attnames`, in that order), cached per backend."""
    key = (model, tuple(attnames) if attnames else None, with_key, connection.vendor)
    if key not in _COLUMNS:
        by_attname = {field.attname: field for field in model._meta.concrete_fields}
        if attnames:
            unknown = [name for name in attnames if name not in by_attname]
            if unknown:
                raise ValueError(f"{model.__name__} has no column {', '.join(unknown)}")
            fields = [by_attname[name] for name in attnames]
        else:
            fields = [f for f in model._meta.concrete_fields if with_key or not f.primary_key]
        _COLUMNS[key] = Columns(fields)
    return _COLUMNS[key]


def reserve_keys(model, count: int) -> list[int]:
    """`count` new primary keys of `model`'s table, in the order the database would have given them to as many
    INSERTs (the identity sequence on PostgreSQL; past both the largest rowid and the AUTOINCREMENT counter on
    SQLite, on the caller's transaction, whose write lock keeps them free)."""
    if count <= 0:
        return []
    table, pk = model._meta.db_table, model._meta.pk.column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(table), pk, count],
            )
            return [key for (key,) in cursor.fetchall()]
        if connection.vendor != "sqlite":
            raise NotImplementedError(f"reserve_keys: no way to reserve keys on {connection.vendor}")
        cursor.execute(f"SELECT MAX({quote(pk)}) FROM {quote(table)}")
        largest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        start = max(largest, found[0] if found else 0) + 1
    return list(range(start, start + count))


def _prepare(model, records: list) -> None:
    """What bulk_create does to each record before writing it: a related record saved since it was set gives its
    key, and auto_now(_add) dates are stamped."""
    relations = [f for f in model._meta.concrete_fields if f.is_relation]
    stamped = [f for f in model._meta.concrete_fields if isinstance(f, DateField) and (f.auto_now or f.auto_now_add)]
    for record in records:
        cache = record._state.fields_cache
        if cache:
            for field in relations:
                related = cache.get(field.name)
                if related is not None and getattr(record, field.attname) is None:
                    if related.pk is None:
                        raise ValueError(f"{model.__name__}: its {field.name} is not saved yet")
                    setattr(record, field.attname, related.pk)
        for field in stamped:
            field.pre_save(record, True)


def add_records(
    model: type[Model],
    records: list,
    *,
    actor=None,
    reason: str | None = None,
    history: bool = True,
    keys: bool = True,
    batch: int = BATCH,
) -> list:
    """INSERT `records` (new instances of `model`) and, with `history`, their "created" history rows; the records
    get their keys (a key already given is kept; unless `keys` is False and no history is kept: the database then
    numbers them). Returns the records."""
    if not records:
        return records
    _prepare(model, records)
    keyed = keys or history
    if keyed:
        pk = model._meta.pk.attname
        keyless = [record for record in records if getattr(record, pk) is None]
        for record, key in zip(keyless, reserve_keys(model, len(keyless)), strict=True):
            setattr(record, pk, key)
    columns = columns_of(model, with_key=keyed)
    rows = columns.convert(list(map(columns.values_of, [record.__dict__ for record in records])))
    insert_rows(model._meta.db_table, columns.names, rows, batch=batch)
    for record in records:
        record._state.adding = False
        record._state.db = connection.alias
    if history:
        _history(model, columns, rows, "+", _authors(records, actor, reason), batch)
    return records


def add_rows(
    model: type[Model], attnames: Sequence[str], rows: Iterable[Sequence], *, actor=None, batch: int = BATCH
) -> list[int]:
    """INSERT new records given as values in `attnames` order (no key among them), for loads that make too many
    to build a model for each, each with its "created" history row by `actor`. A field left out takes what a new
    instance would hold (its default; now for an auto_now date). Returns their keys, in order."""
    columns = columns_of(model)
    fill = _filler(model, columns, attnames)
    values = list(rows)
    keys = reserve_keys(model, len(values))
    converted = columns.convert([fill(row, key) for key, row in zip(keys, values, strict=True)])
    insert_rows(model._meta.db_table, columns.names, converted, batch=batch)
    _history(model, columns, converted, "+", _authors(None, actor, None), batch)
    return keys


def insert_values(model: type[Model], attnames: Sequence[str], rows: Iterable[Sequence], *, batch: int = BATCH) -> int:
    """INSERT rows of a model that keeps no history, given as values in `attnames` order, filled and checked as
    add_rows does, `batch` at a time (a stream is never held whole; the database numbers them). Returns how many."""
    columns = columns_of(model, with_key=False)
    fill = _filler(model, columns, attnames)
    converted = chain.from_iterable(
        columns.convert([fill(row, None) for row in chunk]) for chunk in _chunks(rows, batch)
    )
    return insert_rows(model._meta.db_table, columns.names, converted, batch=batch)


def _filler(model, columns: Columns, attnames: Sequence[str]) -> Callable[[Sequence, Any], tuple]:
    """A row in `attnames` order (and its key) as a whole row of `columns`: each field left out takes what a new
    instance would hold (its default, made again for each row when it is a callable; now for an auto_now date)."""
    given = {name: index for index, name in enumerate(attnames)}
    unknown = [name for name in attnames if name not in columns.attnames or name == model._meta.pk.attname]
    if unknown:
        raise ValueError(f"{model.__name__}: no column to give {', '.join(unknown)}")
    width = len(attnames)
    made: list[Callable[[], Any]] = []
    constants: list = []
    places: list[tuple[str, int]] = []
    for field in columns.fields:
        if field.primary_key:
            places.append(("key", 0))
        elif field.attname in given:
            places.append(("given", given[field.attname]))
        elif isinstance(field, DateField) and (field.auto_now or field.auto_now_add):
            places.append(("constant", len(constants)))
            constants.append(timezone.now() if isinstance(field, DateTimeField) else timezone.localdate())
        elif field.has_default() and callable(field.default):
            places.append(("made", len(made)))
            made.append(field.default)
        else:
            places.append(("constant", len(constants)))
            constants.append(field.get_default())
    # each column picked from (key, *given values, *made defaults, *constants)
    start = {"key": 0, "given": 1, "made": 1 + width, "constant": 1 + width + len(made)}
    pick = itemgetter(*[start[kind] + index for kind, index in places])

    def fill(row: Sequence, key) -> tuple:
        if len(row) != width:
            raise ValueError(f"every row needs {width} values ({', '.join(attnames)})")
        return pick((key, *row, *[make() for make in made], *constants))

    return fill


def _chunks(rows: Iterable[Sequence], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while chunk := [tuple(row) for row in islice(iterator, size)]:
        yield chunk


def add_history(
    model: type[Model], records: Iterable, *, history_type: str, actor=None, reason: str | None = None, batch=BATCH
) -> int:
    """History rows of `records` as they stand (history_type "~" after an update written otherwise); returns how
    many."""
    records = list(records)
    columns = columns_of(model)
    rows = columns.convert(list(map(columns.values_of, [record.__dict__ for record in records])))
    _history(model, columns, rows, history_type, _authors(records, actor, reason), batch)
    return len(rows)


def _authors(records: list | None, actor, reason: str | None) -> Iterator[tuple[int | None, str | None, Any]]:
    """(author's key, reason, date or None for now) of each history row: the record's own marks, else the given
    ones (endless when there are no records: every row has the given ones)."""
    user_id = actor.pk if actor is not None else None
    if records is None:
        while True:
            yield user_id, reason, None
    for record in records:
        values = record.__dict__
        user = values.get("_history_user", _NOT_GIVEN)
        yield (
            user_id if user is _NOT_GIVEN else (user.pk if user is not None else None),
            values.get("_change_reason") or reason,
            values.get("_history_date"),
        )


def _history(model, columns: Columns, rows: list[tuple], kind: str, authors: Iterator, batch: int) -> None:
    """The history rows of records whose rows (in `columns`, converted) were just written."""
    historical = model.history.model  # type: ignore[attr-defined]
    tracked = [f.attname for f in historical.tracked_fields]
    position = {attname: index for index, attname in enumerate(columns.attnames)}
    take = itemgetter(*[position[name] for name in tracked])
    by_attname = {f.attname: f for f in historical._meta.concrete_fields}
    extra = ("history_date", "history_change_reason", "history_type", "history_user_id")
    names = [by_attname[name].column for name in (*tracked, *extra)]
    stamp = columns_of(historical, ["history_date"])
    (now,) = stamp.convert([(timezone.now(),)])[0]

    def rows_of():
        for row, (user_id, reason, at) in zip(rows, authors, strict=False):
            yield (*take(row), now if at is None else stamp.convert([(at,)])[0][0], reason, kind, user_id)

    insert_rows(historical._meta.db_table, names, rows_of(), batch=batch)


def update_records(model: type[Model], records: Sequence, fields: Sequence[str], *, batch: int = BATCH) -> int:
    """UPDATE only `fields` (names) of saved `records`, each value checked as add_records does: one statement per
    record, sent together (executemany; a pipeline on PostgreSQL) on the caller's transaction. No history: call
    add_history for it. Returns how many."""
    pk = model._meta.pk
    attnames = [model._meta.get_field(name).attname for name in fields]
    columns = columns_of(model, [*attnames, pk.attname])
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(name)} = %s" for name in columns.names[:-1])
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(pk.column)} = %s"
    rows = columns.convert(list(map(columns.values_of, [record.__dict__ for record in records])))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.executemany(sql, rows[start : start + batch])
    return len(rows)
