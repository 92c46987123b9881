"""The agencies services' bulk variants: what a load (the demo; a migration from another system) writes about
administrative units, agencies and the installation in one go, and about agencies that ended after their history
was recorded, such as who keeps their records.

A user edits an agency one at a time through `services`; a load writes the whole map of a province or the nation,
units and agencies parents first, with their "created" history rows, through `audit.bulk_records` (COPY on
PostgreSQL). Each function is one transaction; the caller's keyword-only `actor` is the author of every history
row (None: the system's own load, which names nobody, as the demo's).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from tiendo.audit.bulk_records import add_records
from tiendo.audit.models import acted_by

from .models import AdminUnit, Agency, Installation

BATCH = 2000


@transaction.atomic
def add_admin_units(
    units: list[AdminUnit], *, formed_from: Iterable[tuple[AdminUnit, AdminUnit]] = (), actor
) -> list[AdminUnit]:
    """New administrative units (their search keys computed by the caller), each with its "created" history row.
    A unit's parent may be another of the new units: parents are written before their children, so each history row
    names its parent. `formed_from` pairs (a unit, an earlier unit it was formed from) are written last. Returns the
    units, which carry their keys."""
    _add_parents_first(units, AdminUnit, actor)
    through = AdminUnit.formed_from.through
    through.objects.bulk_create(
        [through(from_adminunit_id=unit.pk, to_adminunit_id=earlier.pk) for unit, earlier in formed_from],
        batch_size=BATCH,
    )
    return units


@transaction.atomic
def add_agencies(agencies: list[Agency], *, actor) -> list[Agency]:
    """New agencies (their search keys computed by the caller), each with its "created" history row; a parent among
    the new agencies is written before its children. Returns the agencies, which carry their keys."""
    return _add_parents_first(agencies, Agency, actor)


@transaction.atomic
def set_up_installation(province: AdminUnit, owner_agency: Agency | None, *, actor) -> Installation:
    """The province this tiendo serves and the agency that runs it, with its "created" history row by `actor`."""
    installation = Installation(province=province, owner_agency=owner_agency)
    acted_by(installation, actor, None).save()
    return installation


@transaction.atomic
def name_record_keepers(keepers: list[tuple[Agency, int, str]], *, actor) -> int:
    """Agencies that ended without a successor, each given the agency that keeps its records: each is (the agency
    as read, the keeper's key, why). Only the successor column is written (the row version stays as it was), with
    a history row by `actor` giving the reason. Returns how many were named."""
    for agency, keeper, reason in keepers:
        agency.successor_id = keeper
        acted_by(agency, actor, reason).save(update_fields=["successor"])
    return len(keepers)


def _add_parents_first(records: list, model, actor) -> list:
    """Write the records generation by generation (those whose parent is not among them first, then their children,
    and so on; the given order kept within each), so a child's parent has its key when the child is written."""
    for generation in _generations(records, model):
        add_records(model, generation, actor=actor, batch=BATCH)
        _ensure_keys(generation, model)
    return records


def _generations(records: list, model) -> list[list]:
    parent_field = model._meta.get_field("parent")
    among = {id(record) for record in records}
    depths: dict[int, int] = {}

    def depth(record) -> int:
        if id(record) not in depths:
            parent = parent_field.get_cached_value(record, None)
            depths[id(record)] = 1 + depth(parent) if parent is not None and id(parent) in among else 0
        return depths[id(record)]

    generations: dict[int, list] = {}
    for record in records:
        generations.setdefault(depth(record), []).append(record)
    return [generations[d] for d in sorted(generations)]


def _ensure_keys(records: list, model) -> None:
    """SQLite and PostgreSQL return primary keys from bulk_create; elsewhere, read them back by code."""
    missing = [record for record in records if record.pk is None]
    if missing:
        keys = dict(model.objects.filter(code__in=[r.code for r in missing]).values_list("code", "pk"))
        for record in missing:
            record.pk = keys[record.code]
            record._state.adding = False
