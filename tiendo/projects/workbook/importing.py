"""The project workbook import, start to end: read every sheet, check every row, then write in one transaction.

A province's whole registry (a hundred thousand projects, over a million rows) imports in well under a minute:
rows are read a column at a time without a query each (`reading`), checked across rows and against the database
in a few chunked queries (`checking`), and written in bulk, by COPY on PostgreSQL (`writing`). Nothing is written
while any row has an error, unless the user asked for the valid rows to be written and the others returned in a
workbook of their own.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils import timezone

from tiendo.core.maintenance import analyze_after_commit
from tiendo.domain.tabular import CellError

from .checking import Checker, ImportResult
from .columns import SHEETS
from .export import Progress, rejected_workbook
from .reading import Lookups, parse_sheet, read_tables
from .writing import Writer


class _Importer:
    def __init__(
        self,
        user,
        *,
        partial: bool,
        dry_run: bool,
        today: date,
        progress: Progress | None,
        codes: Mapping[str, str] | None = None,
    ):
        self.user = user
        self.codes = codes
        self.partial = partial
        self.dry_run = dry_run
        self.today = today
        self.progress = progress
        self.done = 0
        self.total = 0
        self.result = ImportResult(dry_run=dry_run, partial=partial)

    def tick(self, count: int) -> None:
        self.done += count
        if self.progress and count:
            self.progress(min(self.done, self.total), self.total)

    def run(self, tables: dict[str, list[list[Any]]]) -> ImportResult:
        # Millions of small objects and no cycles: the cyclic collector would only rescan them again and again.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._run(tables)
        finally:
            if collecting:
                gc.enable()

    def _run(self, tables: dict[str, list[list[Any]]]) -> ImportResult:
        rows = sum(max(len(t) - 1, 0) for t in tables.values())
        self.result.rows = rows
        self.total = rows if self.dry_run else 2 * rows
        if self.progress:
            self.progress(0, self.total)
        lookups = Lookups(self.today, self.codes)
        sheet_errors: list[CellError] = []
        parsed = {
            sheet.name: parse_sheet(sheet, tables[sheet.name], lookups, sheet_errors, self.tick)
            for sheet in SHEETS
            if sheet.name in tables
        }
        plan = Checker(self.result, partial=self.partial, today=self.today).check(parsed, lookups)
        all_rows = [row for p in parsed.values() for row in p.rows]
        errors = sheet_errors + [e for row in all_rows for e in row.errors]
        self.result.errors = errors
        self.result.rejected = sum(1 for row in all_rows if row.errors)
        if sheet_errors:  # a bad header spoils its whole sheet
            self.result.rejected = len(all_rows)
        if errors and self.partial:
            self.result.rejected_workbook = rejected_workbook(parsed.values(), sheet_errors)
        if (errors and not self.partial) or sheet_errors:
            self.result.refused = True
            return self.result
        if not self.dry_run:
            Writer(self.user, self.tick).write(plan)
            analyze_after_commit(self.result.rows - self.result.rejected)  # fresh planner statistics
        if self.progress:
            self.progress(self.total, self.total)
        return self.result


def import_workbook(
    file,
    filename: str,
    user,
    *,
    partial: bool = False,
    dry_run: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
    codes: Mapping[str, str] | None = None,
) -> ImportResult:
    """Validate every row of every sheet, then write all of it in one transaction (or, partial, the valid rows).
    `codes` maps another installation's codes (communes, agencies, zones, sectors) to the codes here.

    Raises FileRejected when the file cannot be read at all; row problems come back in the result's errors.
    """
    started = time.perf_counter()
    today = today or timezone.localdate()
    tables = read_tables(file, filename)
    importer = _Importer(user, partial=partial, dry_run=dry_run, today=today, progress=progress, codes=codes)
    result = importer.run(tables)
    result.seconds = time.perf_counter() - started
    return result
