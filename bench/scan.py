"""Time the whole `tiendo scan` (reading, evaluating, storing the findings) against a raw driver read of its rows.

    DATABASE_URL=postgres://... TIENDO_DATA_DIR=... python bench/scan.py [--as-of 2026-12-01] [--runs 3]
    python bench/scan.py --night 200      # also the incremental scan (`--changed`) after 200 projects changed

Per run, in the same process: (1) the reference, the same SQL the scan sends (projects in chunks of CHUNK by id,
then each chunk's milestones, adjustments and reports) read by a bare driver cursor (psycopg, or sqlite3 with
Django's date functions) to tuples and nothing else; (2) `tiendo scan --as-of D --json` called whole, including
storing every finding and the command's summary, inside a transaction rolled back afterwards so that runs do not
pile up (the commit is left out). With --night N, the whole incremental scan (`tiendo scan --changed`) of the next
day after N running projects changed (a milestone moved through its save, with history, and a report submitted),
checked against a full scan of that day: the same findings, or the bench fails. Prints min and median of the runs
and the ratios.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiendo.settings")


class Rollback(Exception):
    pass


def raw_connection():
    """A connection of the bare driver to the same database as Django's."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        import psycopg

        return psycopg.connect(
            dbname=settings["NAME"],
            user=settings["USER"],
            password=settings["PASSWORD"],
            host=settings["HOST"] or None,
            port=settings["PORT"] or None,
        )
    import sqlite3

    from django.db.backends.sqlite3._functions import register

    raw = sqlite3.connect(settings["NAME"], detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    register(raw)  # the date functions the reports' query uses
    return raw


def raw_read(raw) -> tuple[int, int]:
    """The scan's queries, chunk by chunk, through the bare driver: (projects, rows read)."""
    from django.db import connection

    from tiendo.reviews.facts import chunk_queries, running_projects

    def sql(queryset):
        text, params = queryset.query.get_compiler(using=queryset.db).as_sql()
        return (text if connection.vendor == "postgresql" else text.replace("%s", "?")), params

    cursor = raw.cursor()
    projects = running_projects()
    last = count = rows_read = 0
    while True:
        cursor.execute(*sql(chunk_queries(projects, last)))
        rows = cursor.fetchall()
        if not rows:
            return count, rows_read
        count += len(rows)
        rows_read += len(rows)
        last = rows[-1][0]
        for query in chunk_queries(None, span=(rows[0][0], last)):
            cursor.execute(*sql(query))
            rows_read += len(cursor.fetchall())


def whole_scan(day: date, actor: str, *extra: str) -> dict:
    import json

    from django.core.management import call_command

    out = StringIO()
    call_command("scan", "--as-of", day.isoformat(), "--json", "--as", actor, *extra, stdout=out)
    return json.loads(out.getvalue())


def findings_of(run_id: int) -> list[tuple]:
    from tiendo.reviews.models import Finding

    fields = ("project_id", "rule", "severity", "citation", "days_behind", "proposal", "explanation", "verify")
    rows = Finding.objects.filter(run_id=run_id).values_list(*fields, "facts")
    return sorted(((*row[:-1], repr(sorted(row[-1].items()))) for row in rows), key=repr)


def change_night(count: int, day: date, seed: int = 13) -> int:
    """A night's changes on `count` running projects: one milestone moved a month (its save keeps history) and a
    progress report submitted on half of them."""
    from tiendo.projects.models import Milestone, ProgressReport
    from tiendo.reviews.facts import running_projects

    ids = sorted(running_projects().values_list("pk", flat=True))
    chosen = random.Random(seed).sample(ids, min(count, len(ids)))
    milestones = {m.project_id: m for m in Milestone.objects.filter(project_id__in=chosen, current_due__isnull=False)}
    for number, pk in enumerate(chosen):
        milestone = milestones.get(pk)
        if milestone:
            milestone.current_due += timedelta(days=30)
            milestone.save()
        if number % 2:
            ProgressReport.objects.create(
                project_id=pk, period_end=date(day.year, 9, 30), physical_progress=50, submitted_at=time_now()
            )
    return len(chosen)


def time_now():
    from django.utils import timezone

    return timezone.now()


def summary(name: str, seconds: list[float]) -> str:
    return f"{name:<34} min {min(seconds):7.3f} s   median {statistics.median(seconds):7.3f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", default="", help="yyyy-mm-dd (default today)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--as", dest="actor", default="admin", help="the user the scan runs as")
    parser.add_argument("--night", type=int, default=0, help="also the incremental scan after N projects changed")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone

    day = date.fromisoformat(args.as_of) if args.as_of else timezone.localdate()
    raw = raw_connection()
    print(f"{connection.vendor}, as of {day:%d/%m/%Y}, load average {os.getloadavg()[0]:.2f}")
    reads, scans, nights, fulls = [], [], [], []
    for number in range(1, args.runs + 1):
        started = time.perf_counter()
        projects, rows = raw_read(raw)
        reads.append(time.perf_counter() - started)
        try:
            with transaction.atomic():
                started = time.perf_counter()
                data = whole_scan(day, args.actor)
                scans.append(time.perf_counter() - started)
                if args.night:
                    changed = change_night(args.night, day)
                    started = time.perf_counter()
                    night = whole_scan(day + timedelta(days=1), args.actor, "--changed")
                    nights.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    full = whole_scan(day + timedelta(days=1), args.actor)
                    fulls.append(time.perf_counter() - started)
                    same = findings_of(night["run"]) == findings_of(full["run"])
                    if not same or night["findings"] != full["findings"]:
                        raise SystemExit("the incremental scan's findings differ from a full scan's")
                raise Rollback
        except Rollback:
            pass
        line = f"run {number}: raw read {reads[-1]:.3f} s ({projects:,} projects, {rows:,} rows), "
        line += f"tiendo scan {scans[-1]:.3f} s ({data['findings']:,} findings), ratio {scans[-1] / reads[-1]:.2f}"
        if args.night:
            line += (
                f"; night of {changed} changes: --changed {nights[-1]:.3f} s ({night['evaluated']:,} projects "
                f"evaluated) vs full {fulls[-1]:.3f} s, same findings"
            )
        print(line, flush=True)
    print(summary("raw driver read", reads))
    print(summary("tiendo scan (whole, storing)", scans))
    ratios = [s / r for s, r in zip(scans, reads, strict=True)]
    print(f"ratio scan / raw read               min {min(ratios):7.2f}     median {statistics.median(ratios):7.2f}")
    if args.night:
        print(summary("tiendo scan --changed (a night)", nights))
        print(summary("tiendo scan, full, next day", fulls))
        ratios = [n / r for n, r in zip(nights, reads, strict=True)]
        print(f"ratio --changed / raw read (full)   min {min(ratios):7.2f}     median {statistics.median(ratios):7.2f}")
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
