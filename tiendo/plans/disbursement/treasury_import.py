"""Importing the State Treasury's monthly disbursement report into an annual plan: the checks and the write.

The Treasury reports, per project and capital source, what was disbursed in the month and/or the cumulative
amount since the start of the plan year. tiendo stores the month's amount (`Disbursement`); a file that gives only
the cumulative amount is converted by differencing against the months before it (from the file, else from the
database), and the import says so. A month present in the file replaces everything recorded for that month of the
plan: the Treasury's report of a month is complete, so a project it no longer lists had nothing disbursed. The
history keeps every replaced and removed amount with the user and the file.

`import_disbursement` is the service: every row is checked first, then the months are written in one transaction
(all or nothing, unless partial) with the acting user on every history row.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from tiendo.audit.bulk_records import reserve_keys
from tiendo.audit.models import acted_by
from tiendo.core.bulk import insert_rows
from tiendo.core.maintenance import analyze_after_commit
from tiendo.core.sheet_reading import FileRejected
from tiendo.domain.money import format_vnd
from tiendo.domain.tabular import CellError
from tiendo.domain.text import search_key
from tiendo.projects.models import Project

from ..models import Disbursement, Plan, PlanLine
from .treasury_columns import plan_months
from .treasury_reading import Row, Sources, parse_table, read_tables

_BATCH = 2000


@dataclass
class DisbursementImport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0  # recorded amounts of a month in the file that the file no longer lists (or lists as 0)
    rejected: int = 0
    from_cumulative: int = 0  # rows whose month's amount was computed from the cumulative column
    months: list[date] = field(default_factory=list)
    total: int = 0  # disbursed in the file's months, after the import
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)
    refused: bool = False
    dry_run: bool = False
    partial: bool = False
    seconds: float = 0.0

    def as_dict(self, error_limit: int | None = None) -> dict[str, Any]:
        errors = self.errors if error_limit is None else self.errors[:error_limit]
        warnings = self.warnings if error_limit is None else self.warnings[:error_limit]
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "rejected": self.rejected,
            "from_cumulative": self.from_cumulative,
            "months": [m.strftime("%m/%Y") for m in self.months],
            "total": self.total,
            "dry_run": self.dry_run,
            "partial": self.partial,
            "refused": self.refused,
            "error_count": len(self.errors),
            "errors": [e.as_dict() for e in errors],
            "warning_count": len(self.warnings),
            "warnings": [w.as_dict() for w in warnings],
            "seconds": round(self.seconds, 3),
        }


def _allocated(plan: Plan) -> dict[tuple[int, int], int]:
    """(project, source) -> capital of the version in force."""
    version = plan.current_version()
    if version is None:
        return {}
    return {
        (pid, sid): amount
        for pid, sid, amount in PlanLine.objects.filter(version=version).values_list(
            "item__project_id", "source_id", "amount"
        )
    }


def _resolve_projects(rows: list[Row]) -> None:
    codes = sorted({code for row in rows if row.project for code in (row.project, row.project.upper())})
    found: dict[str, tuple[int, str, Any]] = {}
    for start in range(0, len(codes), 900):
        for pk, code, kind, deleted in Project.objects.filter(code__in=codes[start : start + 900]).values_list(
            "pk", "code", "kind", "deleted_at"
        ):
            found[code] = (pk, kind, deleted)
    by_key = {search_key(code): value for code, value in found.items()}
    for row in rows:
        if not row.project:
            continue
        hit = found.get(row.project) or by_key.get(search_key(row.project))
        if hit is None:
            row.error("project", f"Không có dự án mã '{row.project}' trong hệ thống.")
        elif hit[2] is not None:
            row.error("project", f"Dự án '{row.project}' đã bị xóa.")
        elif hit[1] != "public":
            row.error("project", f"Dự án '{row.project}' không phải dự án đầu tư công.")
        else:
            row.project_id = hit[0]


def _check(plan: Plan, rows: list[Row], result: DisbursementImport, today: date) -> None:
    """Rules across rows and against the database: months in the plan's window, one row per project, source and
    month, cumulative amounts that never fall; then the month's amount of each row."""
    first, last = plan_months(plan)
    this_month = today.replace(day=1)
    seen: dict[tuple[int, int, date], int] = {}
    for row in rows:
        if row.month is not None:
            if not first <= row.month <= last:
                row.error(
                    "month",
                    f"Tháng {row.month:%m/%Y} ngoài thời gian giải ngân của kế hoạch năm {plan.first_year} "
                    f"(từ 01/{plan.first_year} đến 12/{plan.first_year + 1}).",
                )
            elif row.month > this_month:
                row.error("month", f"Tháng {row.month:%m/%Y} chưa đến (hôm nay {today:%d/%m/%Y}).")
        if row.project_id and row.source_id and row.month and not row.errors:
            if row.key in seen:
                row.error("month", f"Dự án, nguồn vốn và tháng này lặp lại (đã có ở dòng {seen[row.key]}).")
            else:
                seen[row.key] = row.number
    good = [row for row in rows if not row.errors]
    file_months = {row.month for row in rows if row.month is not None and first <= row.month <= last}
    # What was disbursed before each file month, from the months the file does not replace
    earlier: dict[tuple[int, int], dict[date, int]] = defaultdict(dict)
    needs_history = [row for row in good if row.cumulative is not None]
    if needs_history:
        pairs = {(row.project_id, row.source_id) for row in needs_history}
        project_ids = sorted({p for p, _ in pairs})
        for start in range(0, len(project_ids), 900):
            recorded = Disbursement.objects.filter(
                plan=plan, project_id__in=project_ids[start : start + 900], month__lt=max(file_months)
            ).exclude(month__in=file_months)
            for pid, sid, month, amount in recorded.values_list("project_id", "source_id", "month", "amount"):
                if (pid, sid) in pairs:
                    earlier[pid, sid][month] = amount
    by_pair: dict[tuple[int, int], list[Row]] = defaultdict(list)
    for row in good:
        by_pair[row.project_id, row.source_id].append(row)
    for (pid, sid), pair_rows in by_pair.items():
        amounts = earlier.get((pid, sid), {})
        broken: Row | None = None  # a cumulative row in error: the months after it cannot be differenced
        for row in sorted(pair_rows, key=lambda r: r.month):
            if broken is not None and row.monthly is None:
                row.error(
                    "cumulative",
                    f"Không tính được số giải ngân trong tháng vì lũy kế tháng {broken.month:%m/%Y} "
                    f"(dòng {broken.number}) có lỗi.",
                )
                continue
            before = sum(amount for month, amount in amounts.items() if month < row.month)
            if row.monthly is not None:
                row.amount = row.monthly
                if row.cumulative is not None and before + row.monthly != row.cumulative:
                    result.warnings.append(
                        row.note(
                            "cumulative",
                            f"Lũy kế ({format_vnd(row.cumulative)}) khác số đã giải ngân đến hết tháng trước "
                            f"({format_vnd(before)}) cộng số trong tháng ({format_vnd(row.monthly)}); "
                            "đã ghi số trong tháng.",
                        )
                    )
            else:
                assert row.cumulative is not None
                if row.cumulative < before:
                    row.error(
                        "cumulative",
                        f"Lũy kế giảm: lũy kế đến hết tháng {row.month:%m/%Y} ({format_vnd(row.cumulative)}) nhỏ "
                        f"hơn số đã giải ngân đến hết tháng trước ({format_vnd(before)}).",
                    )
                    broken = row
                    continue
                row.amount = row.cumulative - before
                result.from_cumulative += 1
            amounts[row.month] = row.amount


def _warn_against_plan(plan: Plan, rows: list[Row], result: DisbursementImport) -> None:
    """Amounts the plan does not explain: a project without capital from that source, or more than its capital."""
    allocated = _allocated(plan)
    if not allocated:
        return
    good = [row for row in rows if not row.errors]
    totals: dict[tuple[int, int], int] = defaultdict(int)
    file_keys = {row.key for row in good}
    pairs = {(row.project_id, row.source_id) for row in good}
    project_ids = sorted({p for p, _ in pairs})
    for start in range(0, len(project_ids), 900):
        for pid, sid, month, amount in Disbursement.objects.filter(
            plan=plan, project_id__in=project_ids[start : start + 900]
        ).values_list("project_id", "source_id", "month", "amount"):
            if (pid, sid) in pairs and (pid, sid, month) not in file_keys:
                totals[pid, sid] += amount
    last_row: dict[tuple[int, int], Row] = {}
    for row in good:
        totals[row.project_id, row.source_id] += row.amount or 0
        last_row[row.project_id, row.source_id] = row
    for pair, row in last_row.items():
        capital = allocated.get(pair)
        if capital is None:
            result.warnings.append(
                row.note("source", "Dự án không có vốn từ nguồn này trong kế hoạch đang có hiệu lực.")
            )
        elif totals[pair] > capital:
            result.warnings.append(
                row.note(
                    "monthly" if row.monthly is not None else "cumulative",
                    f"Tổng đã giải ngân ({format_vnd(totals[pair])}) vượt vốn kế hoạch của nguồn này "
                    f"({format_vnd(capital)}).",
                )
            )


def _write(plan: Plan, rows: list[Row], filename: str, result: DisbursementImport, *, actor) -> None:
    """Record the file's months in one transaction, the actor and the file on every history row."""
    good = [row for row in rows if not row.errors]
    months = sorted({row.month for row in good})
    # in partial mode a rejected row keeps what was recorded for its project, source and month
    kept = {row.key for row in rows if row.errors and row.project_id and row.source_id and row.month}
    wanted = {row.key: row.amount or 0 for row in good}
    reason = f"Nhập giải ngân từ tệp {filename}"[:100]
    origin = filename[:255]
    with transaction.atomic():
        existing = {
            (d.project_id, d.source_id, d.month): d
            for d in Disbursement.objects.select_for_update().filter(plan=plan, month__in=months)
        }
        creates, updates, removes = [], [], []
        for key, amount in wanted.items():
            old = existing.get(key)
            if old is None:
                if amount:
                    creates.append((plan.pk, *key, amount, origin))
                else:
                    result.unchanged += 1
            elif not amount:
                removes.append(old)
            elif old.amount != amount:
                old.amount = amount
                old.imported_from = origin
                updates.append(old)
            else:
                result.unchanged += 1
        removes += [d for key, d in existing.items() if key not in wanted and key not in kept]
        if creates:
            _insert_with_history(plan, creates, actor=actor, reason=reason)
        if updates:
            bulk_update_with_history(
                updates,
                Disbursement,
                ["amount", "imported_from"],
                batch_size=_BATCH,
                default_user=actor,
                default_change_reason=reason,
            )
        for record in removes:  # one by one: a bulk delete would record its history without the user
            acted_by(record, actor, reason).delete()
        result.created, result.updated, result.removed = len(creates), len(updates), len(removes)


_COLUMNS = ("plan_id", "project_id", "source_id", "month", "amount", "imported_from")


def _insert_with_history(plan: Plan, creates: list[tuple], *, actor, reason: str) -> None:
    """New amounts (rows in _COLUMNS order) and their "created" history rows, in bulk (COPY on PostgreSQL): the
    ORM's objects cost many times the database's own work. On PostgreSQL the ids are taken from the sequence first;
    on SQLite the rows are read back by their unique key (plan, project, source, month)."""
    history = Disbursement.history.model
    adapt = connection.ops.adapt_datefield_value
    if connection.vendor == "postgresql":
        rows = [(pk, *row) for pk, row in zip(reserve_keys(Disbursement, len(creates)), creates, strict=True)]
        insert_rows(Disbursement._meta.db_table, ("id", *_COLUMNS), rows)
    else:
        insert_rows(Disbursement._meta.db_table, _COLUMNS, [(*row[:3], adapt(row[3]), *row[4:]) for row in creates])
        months = sorted({row[3] for row in creates})
        recorded = Disbursement.objects.filter(plan=plan, month__in=months)
        ids = {
            (project_id, source_id, month): pk
            for pk, project_id, source_id, month in recorded.values_list("pk", "project_id", "source_id", "month")
        }
        rows = [(ids[row[1:4]], *row) for row in creates]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    stamp = (now, "+", actor.pk if actor is not None else None, reason)
    insert_rows(
        history._meta.db_table,
        ("id", *_COLUMNS, "history_date", "history_type", "history_user_id", "history_change_reason"),
        [(*row[:4], adapt(row[4]), *row[5:], *stamp) for row in rows],
    )


def import_disbursement(
    plan: Plan,
    file,
    filename: str,
    *,
    actor,
    dry_run: bool = False,
    partial: bool = False,
    today: date | None = None,
) -> DisbursementImport:
    """Check every row of a Treasury report, then (all or nothing, unless partial) record each month it holds.

    Raises FileRejected when the file cannot be read at all; rows with problems are reported in the result."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    result = DisbursementImport(dry_run=dry_run, partial=partial)
    if plan.kind != Plan.Kind.ANNUAL:
        raise FileRejected("Chỉ nhập giải ngân cho kế hoạch đầu tư công năm (không phải kế hoạch trung hạn).")
    tables = read_tables(file, filename)
    sources = Sources()
    sheet_errors: list[CellError] = []
    rows = [row for table in tables for row in parse_table(table, sources, sheet_errors)]
    result.rows = len(rows)
    _resolve_projects(rows)
    if not sheet_errors:
        _check(plan, rows, result, today)
        _warn_against_plan(plan, rows, result)
    result.errors = sheet_errors + [error for row in rows for error in row.errors]
    result.rejected = len(rows) if sheet_errors else sum(1 for row in rows if row.errors)
    result.months = sorted({row.month for row in rows if not row.errors and row.month})
    if sheet_errors or (result.errors and not partial) or not rows:
        result.refused = bool(result.errors) or not rows
        if not rows and not result.errors:
            result.errors.append(
                CellError(tables[0].sheet, tables[0].header_row + 2, "", "", "Tệp không có dòng dữ liệu nào.")
            )
        result.seconds = time.perf_counter() - started
        return result
    if dry_run:
        _count_dry_run(plan, rows, result)
    else:
        _write(plan, rows, filename, result, actor=actor)
        analyze_after_commit(result.created + result.updated + result.removed)  # fresh planner statistics
    result.total = sum(row.amount or 0 for row in rows if not row.errors)
    result.seconds = time.perf_counter() - started
    return result


def _count_dry_run(plan: Plan, rows: list[Row], result: DisbursementImport) -> None:
    """What an import would do, without writing."""
    good = [row for row in rows if not row.errors]
    kept = {row.key for row in rows if row.errors and row.project_id and row.source_id and row.month}
    wanted = {row.key: row.amount or 0 for row in good}
    existing = {
        (pid, sid, month): amount
        for pid, sid, month, amount in Disbursement.objects.filter(plan=plan, month__in=result.months).values_list(
            "project_id", "source_id", "month", "amount"
        )
    }
    for key, amount in wanted.items():
        old = existing.get(key)
        if old is None:
            result.created += 1 if amount else 0
            result.unchanged += 0 if amount else 1
        elif not amount:
            result.removed += 1
        elif old != amount:
            result.updated += 1
        else:
            result.unchanged += 1
    result.removed += sum(1 for key in existing if key not in wanted and key not in kept)
