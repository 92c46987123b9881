"""The declared days shipped with tiendo (`data/declared_days.csv`: the days off and make-up working days the
Government declared for civil servants, each with its document), written through the calendar's service so a
fresh installation counts deadlines right from the first day. Idempotent: a day already kept (by date) is left as
the administrator has it, so a correction made on the page is never overwritten by a later load."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from .models import DeclaredDay
from .services import save_declared_day

DATA = Path(__file__).resolve().parent / "data" / "declared_days.csv"


@dataclass(frozen=True)
class DeclaredRow:
    day: date
    kind: str
    name: str
    document: str


def read_rows(path: Path = DATA) -> list[DeclaredRow]:
    """The file's rows (day dd/mm/yyyy, kind day_off|working_day, name, document), in date order."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            DeclaredRow(
                day=_day(row["day"]),
                kind=row["kind"].strip(),
                name=row["name"].strip(),
                document=row["document"].strip(),
            )
            for row in csv.DictReader(handle)
        ]
    return sorted(rows, key=lambda row: row.day)


def _day(text: str) -> date:
    day, month, year = (int(part) for part in text.strip().split("/"))
    return date(year, month, day)


@transaction.atomic
def load_declared_days(*, actor, path: Path = DATA) -> int:
    """Write the file's days missing from the calendar; how many were written (0 on a second run)."""
    kept = set(DeclaredDay.objects.values_list("day", flat=True))
    written = 0
    for row in read_rows(path):
        if row.day in kept:
            continue
        record = DeclaredDay(day=row.day, kind=row.kind, name=row.name, document=row.document)
        save_declared_day(record, actor=actor, reason="Nạp lịch ngày nghỉ, ngày làm bù do Chính phủ công bố")
        written += 1
    return written
