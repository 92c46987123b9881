"""Writing the import's plan in one transaction: new rows in bulk (COPY on PostgreSQL), changed rows with their history.

The ORM's per-object work (model instances, signals, the history library's copies) made a 100,000-project
workbook take 75 s; inserting with `cursor.executemany` the same rows the ORM would write brought it to 42 s
(docs/decisions/0002-import-writes-with-executemany.md); `core.bulk.insert_rows` writes them by COPY on
PostgreSQL, where executemany took ten times longer. The INSERT's columns are the model's concrete fields; a
record carries the fields of the column table (`columns`) and the model's defaults fill the rest, so a new
field needs no change here. Updates go through `bulk_update_with_history`, which keeps the edit history.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from tiendo.audit.bulk_records import reserve_keys
from tiendo.audit.versions import with_versions_moved
from tiendo.core.bulk import insert_rows
from tiendo.domain.text import search_key
from tiendo.enterprises.models import Enterprise

from ..models import Milestone, ProgressReport, Project
from .checking import Plan
from .columns import RELATIONS, attname
from .reading import chunks

BATCH = 4000

_HISTORY_VALUES = {
    "history_type": lambda user, now: "+",
    "history_date": lambda user, now: now,
    "history_user_id": lambda user, now: user.pk,
    "history_change_reason": lambda user, now: None,
}


class Writer:
    """Writes a plan as `user`; `tick(n)` is told of every batch of n rows written, for the progress bar."""

    def __init__(self, user, tick: Callable[[int], None]):
        self.user = user
        self.tick = tick

    def write(self, plan: Plan) -> None:
        user = self.user
        now = timezone.now()
        db_now = connection.ops.adapt_datetimefield_value(now)
        with transaction.atomic():
            investors: dict[str, int] = {}
            if plan.new_enterprises:
                enterprises = [
                    {"name": name, "tax_code": tax_code, "search_key": search_key(f"{name} {tax_code}")}
                    for tax_code, name in plan.new_enterprises.items()
                ]
                investors = self._insert_with_history(Enterprise, enterprises, lambda r: r["tax_code"], db_now)
            records = []
            for values in plan.project_creates:
                new_investor = values.pop("_new_investor", None)
                if new_investor:
                    values["investor"] = investors[new_investor]
                record = values
                for name in RELATIONS:
                    record[name + "_id"] = record.pop(name, None)
                record["search_key"] = Project.make_search_key(record["code"], record["name"], record["name_en"])
                record["created_at"] = db_now
                records.append(record)
            codes = self._insert_with_history(Project, records, lambda r: r["code"], db_now)
            if plan.project_updates:
                self._update(Project, plan.project_updates, investors, now)
            all_codes = self._codes(plan, codes)
            records = []
            for values in plan.milestone_creates:
                values["project_id"] = all_codes[values.pop("project_code")]
                records.append(values)
            self._insert_with_history(Milestone, records, lambda r: (r["project_id"], r["kind"]), db_now)
            if plan.milestone_updates:
                self._update(Milestone, plan.milestone_updates, {}, now)
            user_id = user.pk
            for values in plan.report_creates:
                values["project_id"] = all_codes[values.pop("project_code")]
                values["submitted_by_id"] = user_id
                values["submitted_at"] = db_now
            self._insert(ProgressReport, plan.report_creates, db_now)

    def _insert(self, model, records: list[dict[str, Any]], db_now, history: bool = False, ids: bool = False) -> None:
        """INSERT with `core.bulk.insert_rows` (COPY on PostgreSQL): the ORM's per-object work would cost more than
        the database's own. With `ids`, the records carry their primary key (reserved from the sequence)."""
        if not records:
            return
        opts = model._meta
        if history:
            fields = [f for f in opts.concrete_fields if f.attname != "history_id"]
            fixed = [f for f in fields if f.attname in _HISTORY_VALUES]
            fields = [f for f in fields if f.attname not in _HISTORY_VALUES]
            tail = tuple(_HISTORY_VALUES[f.attname](self.user, db_now) for f in fixed)
        else:
            fields = [f for f in opts.concrete_fields if ids or not f.primary_key]
            fixed, tail = [], ()
        names = [f.attname for f in fields]
        # Records of one list are built alike: fill what the first one lacks with the model's defaults.
        missing = {
            f.attname: f.get_default() if f.has_default() else (None if f.null else "")
            for f in fields
            if f.attname not in records[0]
        }
        if missing:
            for record in records:
                record.update(missing)
        getter = operator.itemgetter(*names)
        rows = (getter(record) + tail for record in records) if tail else map(getter, records)
        insert_rows(opts.db_table, [f.column for f in fields + fixed], rows, tick=None if history else self.tick)

    def _insert_with_history(self, model, records: list[dict[str, Any]], key, db_now) -> dict:
        """Insert new records, with their ids, and write their "created" history rows the same way."""
        if not records:
            return {}
        reserved = _reserve_ids(model, len(records))
        if reserved is not None:
            for record, pk in zip(records, reserved, strict=True):
                record["id"] = pk
            self._insert(model, records, db_now, ids=True)
            ids = {key(record): record["id"] for record in records}
        else:
            self._insert(model, records, db_now)
            ids = self._read_ids(model, records)
            for record in records:
                record["id"] = ids[key(record)]
        self._insert(model.history.model, records, db_now, history=True)
        return ids

    def _read_ids(self, model, records: list[dict[str, Any]]) -> dict:
        """The ids the database gave new records, found by their natural key."""
        ids: dict[Any, int] = {}
        if model is Project:
            for chunk in chunks([r["code"] for r in records]):
                ids.update(Project.objects.filter(code__in=chunk).values_list("code", "pk"))
        elif model is Enterprise:
            for chunk in chunks([r["tax_code"] for r in records]):
                ids.update(Enterprise.objects.filter(tax_code__in=chunk).values_list("tax_code", "pk"))
        else:
            for chunk in chunks(sorted({r["project_id"] for r in records})):
                rows = model.objects.filter(project_id__in=chunk).values_list("project_id", "kind", "pk")
                ids.update(((project_id, kind), pk) for project_id, kind, pk in rows)
        return ids

    def _codes(self, plan: Plan, created: dict[str, int]) -> dict[str, int]:
        wanted = {v["project_code"] for v in plan.milestone_creates} | {v["project_code"] for v in plan.report_creates}
        missing = sorted(wanted - created.keys())
        codes = dict(created)
        for chunk in chunks(missing):
            codes.update(Project.objects.filter(code__in=chunk).values_list("code", "pk"))
        return codes

    def _update(self, model, updates: dict[int, dict[str, Any]], investors: dict[str, int], now) -> None:
        fields: set[str] = set()
        objects = []
        for chunk in chunks(sorted(updates)):
            for obj in model.objects.filter(pk__in=chunk):
                changed = dict(updates[obj.pk])
                new_investor = changed.pop("_new_investor", None)
                if new_investor:
                    changed["investor"] = investors[new_investor]
                for name, value in changed.items():
                    setattr(obj, attname(name), value)
                    fields.add(name)
                if model is Project:
                    obj.search_key = Project.make_search_key(obj.code, obj.name, obj.name_en)
                objects.append(obj)
        if model is Project:
            fields.add("search_key")
        names = with_versions_moved(objects, model, sorted(fields))  # an edit form read before the import is stale
        for batch in chunks(objects, BATCH):
            bulk_update_with_history(batch, model, names, batch_size=BATCH, default_user=self.user, default_date=now)
            self.tick(len(batch))


def _reserve_ids(model, count: int) -> list[int] | None:
    """On PostgreSQL, `count` ids taken from the table's sequence (no other writer can get them, whatever runs at
    the same time), so new rows go in by COPY with their ids and need no read-back. Elsewhere None: SQLite gives
    the ids and the writer reads them back by each record's natural key."""
    return reserve_keys(model, count) if connection.vendor == "postgresql" else None
