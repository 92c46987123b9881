"""The services' bulk variants: plans as they were decided, loaded years at a time (the demo; a migration from
another system), re-exported by `services`.

A user changes a plan through a draft (`services.start_draft` ... `approve_draft`); a load records what was decided
long ago, version by version, with each history row dated the day it happened and naming the acting user. Tens of
thousands of items, lines and monthly disbursements would cost more in the ORM's per-object work than in the
database's own, so rows go in with executemany and their "created" history rows are copied by INSERT ... SELECT.
Each function is one transaction; the caller's `actor` is the author of every history row.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from functools import partial

from django.db import connection, transaction
from django.db.models import DateField, DateTimeField, JSONField
from simple_history.utils import bulk_create_with_history

from tiendo.audit.models import acted_by

from .models import Disbursement, Plan, PlanItem, PlanLine, PlanVersion, ProjectFunding, Source, SourceBudget

BATCH = 5000

BUDGET_COLUMNS = ("version_id", "source_id", "available", "note")
ITEM_COLUMNS = (
    "version_id",
    "project_id",
    "tier",
    "need",
    "floor",
    "eligible_sources",
    "capital_before",
    "transitional_into_next",
    "capital_added_on",
    "extended_until",
    "extension_decision",
    "explanation",
    "note",
    "explanation_message",
)
LINE_COLUMNS = ("version_id", "item_id", "source_id", "amount", "manual")
DISBURSEMENT_COLUMNS = ("plan_id", "project_id", "source_id", "month", "amount", "imported_from")
FUNDING_COLUMNS = (
    "project_id",
    "investment_decision_number",
    "investment_decision_date",
    "start_year",
    "finish_year",
    "first_allocation_year",
    "handed_over_year",
    "allocation_extension_years",
)


def _dated(record, actor, at: datetime, reason: str | None = None):
    """The record, marked so that its next save's history row names `actor`, is dated `at` and (given) says why."""
    return acted_by(record, actor, reason, at=at)


@transaction.atomic
def add_sources(sources: list[Source], *, actor, at: datetime) -> list[Source]:
    """New capital sources (their parents saved before), each with a "created" history row dated `at`."""
    for source in sources:
        source._history_date = at
    return bulk_create_with_history(sources, Source, default_user=actor)


@transaction.atomic
def record_plan(plan: Plan, *, actor, at: datetime) -> Plan:
    """A plan as it was set up on `at`: its "created" history row and its creation date say so."""
    _dated(plan, actor, at).save()
    Plan.objects.filter(pk=plan.pk).update(created_at=at)
    return plan


@transaction.atomic
def record_version(
    version: PlanVersion, *, actor, decided_at: datetime, drafted_at: datetime, superseding: str = ""
) -> PlanVersion:
    """A version in force as it was decided: approved by `actor` at `decided_at`, drafted at `drafted_at`; the
    version it was based on is superseded the same moment, with `superseding` as the reason."""
    version.state = PlanVersion.State.APPROVED
    version.created_by = version.approved_by = actor
    version.approved_at = decided_at
    _dated(version, actor, decided_at).save()
    base = version.based_on
    if base is not None:
        base.state = PlanVersion.State.SUPERSEDED
        _dated(base, actor, decided_at, superseding).save(update_fields=["state"])
    PlanVersion.objects.filter(pk=version.pk).update(created_at=drafted_at)
    return version


@transaction.atomic
def add_budgets(rows: list[tuple], *, actor, decided_at: dict[int, datetime]) -> int:
    """Capital available per source (rows in BUDGET_COLUMNS order), history dated by version ({version pk: when})."""
    _insert(SourceBudget, BUDGET_COLUMNS, rows, actor, decided_at, "version_id")
    return len(rows)


@transaction.atomic
def add_items(rows: list[tuple], *, actor, decided_at: dict[int, datetime]) -> dict[tuple[int, int], int]:
    """The projects of versions (rows in ITEM_COLUMNS order); returns {(version pk, project pk): item pk}."""
    _insert(PlanItem, ITEM_COLUMNS, rows, actor, decided_at, "version_id")
    return {
        (version_id, project_id): pk
        for version_id, project_id, pk in PlanItem.objects.filter(version__in=list(decided_at)).values_list(
            "version_id", "project_id", "pk"
        )
    }


@transaction.atomic
def add_lines(rows: list[tuple], *, actor, decided_at: dict[int, datetime]) -> int:
    """Capital per project and source (rows in LINE_COLUMNS order), history dated by version."""
    _insert(PlanLine, LINE_COLUMNS, rows, actor, decided_at, "version_id")
    return len(rows)


@transaction.atomic
def add_disbursements(rows: list[tuple], *, actor, reported_at: dict[date, datetime]) -> int:
    """What the Treasury reported paid (rows in DISBURSEMENT_COLUMNS order), history dated by the report of each
    month ({month: when it was imported})."""
    _insert(Disbursement, DISBURSEMENT_COLUMNS, rows, actor, reported_at, "month")
    return len(rows)


@transaction.atomic
def add_funding(rows: list[tuple], *, actor, at: datetime) -> int:
    """The funding facts of projects (rows in FUNDING_COLUMNS order), history dated `at`."""
    _insert(ProjectFunding, FUNDING_COLUMNS, rows, actor, {None: at})
    return len(rows)


def _insert(model, columns: tuple[str, ...], rows: list[tuple], actor, stamps: dict, group: str | None = None) -> None:
    """INSERT rows (values in `columns` order) with executemany, then copy them into their "created" history rows
    with INSERT ... SELECT, one group of rows at a time: `stamps` maps each value of the `group` column to its
    history date (group None: one date for all). The ORM's per-object work would cost more than the database's own
    (as in projects/workbook.py)."""
    if not rows:
        return
    user_id = actor.pk if actor is not None else None
    ops, quote = connection.ops, connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in columns]
    at = columns.index(group) if group else None
    groups: dict = defaultdict(list)
    for row in rows:
        groups[row[at] if at is not None else None].append(row)
    for index, f in enumerate(fields):
        if isinstance(f, JSONField):
            convert = partial(f.get_db_prep_save, connection=connection)
        elif isinstance(f, DateField) and not isinstance(f, DateTimeField):
            convert = ops.adapt_datefield_value
        else:
            continue
        for key, members in groups.items():
            groups[key] = [(*row[:index], convert(row[index]), *row[index + 1 :]) for row in members]
    table, history = quote(model._meta.db_table), quote(model.history.model._meta.db_table)
    names = ", ".join(quote(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"
    copy = (
        f"INSERT INTO {history} (id, {names}, history_date, history_type, history_user_id) "
        f"SELECT id, {names}, %s, '+', %s FROM {table} WHERE id > %s"
    )
    with connection.cursor() as cursor:
        for key in sorted(groups, key=lambda k: (k is None, k)):
            members = groups[key]
            cursor.execute(f"SELECT MAX(id) FROM {table}")
            before = cursor.fetchone()[0] or 0
            for start in range(0, len(members), BATCH):
                cursor.executemany(sql, members[start : start + BATCH])
            cursor.execute(copy, [ops.adapt_datetimefield_value(stamps[key]), user_id, before])
