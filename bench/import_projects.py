"""Time the project import and export against python-calamine's raw read of the same workbook.

    python bench/import_projects.py --n 10000 [--profile] [--keep] [--workbook PATH]
    DATABASE_URL=postgres://… python bench/import_projects.py --n 10000 [--template]   # PostgreSQL

Generates N projects with 3 milestones and 10 progress reports each (xlsxwriter), reads every sheet with
python-calamine alone, imports into a fresh database, then exports. The database is SQLite in a temporary data
folder, or with DATABASE_URL a new PostgreSQL database made next to the one named (dropped at the end; with
`--template`, a copy of the one named, which must be empty and migrated).
`--workbook PATH` keeps the generated workbook there and reuses it in later runs (100,000 projects take minutes
to write).
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MILESTONE_KINDS = ["Giải phóng mặt bằng", "Khởi công", "Đi vào hoạt động"]
KINDS = ["Đầu tư công", "Trong nước", "FDI"]
STATUSES = ["Chuẩn bị đầu tư", "Đang thực hiện", "Đang hoạt động", "Tạm dừng"]
PROBLEMS = ["", "", "", "Vướng mắc giải phóng mặt bằng", "Chậm góp vốn điều lệ, đề nghị gia hạn"]


def generate(path: Path, n: int) -> int:
    """A workbook shaped like the export, with the headers a province uses; returns the number of data rows."""
    import xlsxwriter

    from tiendo.projects.workbook import MILESTONE_SHEET, PROJECT_SHEET, REPORT_SHEET_SPEC

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    start = date(2018, 1, 1)
    serial = (start - date(1899, 12, 30)).days
    ws = book.add_worksheet(PROJECT_SHEET.name)
    ws.write_row(0, 0, [c.title for c in PROJECT_SHEET.columns])
    for i in range(n):
        kind = KINDS[i % 3]
        public = kind == "Đầu tư công"
        row = [
            f"DA-{i:07d}",
            f"Dự án nhà máy số {i} tại khu công nghiệp",
            f"Factory project {i}",
            kind,
            STATUSES[i % 4],
            "Nhóm B" if public else "",
            "",
            "",
            "",
            "" if public else f"{800000000 + i % 5000:010d}",
            "" if public else f"Công ty TNHH Đầu tư số {i % 5000}",
            "",
            1_000_000_000 * (1 + i % 900),
            f"{i}/QĐ-UBND",
            None,
            f"{i}/GCN",
            None,
            12500.5 + i % 100,
            None,
            None,
            500_000_000,
            "Đã ký quỹ",
            20.9 + (i % 1000) / 10000,
            106.3 + (i % 1000) / 10000,
        ]
        r = i + 1
        for c, value in enumerate(row):
            if value is None:
                ws.write_number(r, c, serial + i % 2000, day)
            elif isinstance(value, str):
                if value:
                    ws.write_string(r, c, value)
            else:
                ws.write_number(r, c, value)
    ws = book.add_worksheet(MILESTONE_SHEET.name)
    ws.write_row(0, 0, [c.title for c in MILESTONE_SHEET.columns])
    r = 0
    for i in range(n):
        code = f"DA-{i:07d}"
        for k, kind in enumerate(MILESTONE_KINDS):
            r += 1
            ws.write_string(r, 0, code)
            ws.write_string(r, 1, kind)
            ws.write_number(r, 2, serial + 200 * (k + 1) + i % 300, day)
            ws.write_number(r, 3, serial + 260 * (k + 1) + i % 300, day)
            if k == 0:
                ws.write_row(r, 6, [20000.0, 15000.0, 40, 31, 25_000_000_000, 18_000_000_000])
    ws = book.add_worksheet(REPORT_SHEET_SPEC.name)
    ws.write_row(0, 0, [c.title for c in REPORT_SHEET_SPEC.columns])
    r = 0
    for i in range(n):
        code = f"DA-{i:07d}"
        for q in range(10):
            r += 1
            ws.write_string(r, 0, code)
            ws.write_number(r, 1, serial + 91 * (q + 1), day)
            ws.write_row(r, 2, [min(100.0, 8.5 * (q + 1)), 50_000_000 * (q + 1), 20 + q, 1_500_000_000, 120_000_000])
            if text := PROBLEMS[(i + q) % 5]:
                ws.write_string(r, 7, text)
    book.close()
    return n * 14


def raw_read(path: Path) -> tuple[int, float, float]:
    """Rows, wall seconds and this process's CPU seconds of python-calamine's read of every sheet."""
    from python_calamine import CalamineWorkbook

    cpu = time.process_time()
    started = time.perf_counter()
    book = CalamineWorkbook.from_path(str(path))
    rows = sum(len(book.get_sheet_by_name(name).to_python(skip_empty_area=False)) - 1 for name in book.sheet_names)
    return rows, time.perf_counter() - started, time.process_time() - cpu


def start_django(template: bool):
    """A temporary data folder, a scratch PostgreSQL database when DATABASE_URL names one (None on SQLite: the
    folder holds the database), then Django set up on them: (folder, the scratch database's dropper or None)."""
    folder = Path(tempfile.mkdtemp(prefix="tiendo-bench-"))
    os.environ["TIENDO_DATA_DIR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tiendo.settings"
    scratch = fresh_postgres(os.environ["DATABASE_URL"], template) if os.environ.get("DATABASE_URL") else None
    import django

    django.setup()
    return folder, scratch


def fresh_postgres(url: str, template: bool = False):
    """Point DATABASE_URL at a new database beside the one named (with `template`, a copy of it: an empty database
    already migrated saves the migration, minutes on a busy machine); returns the function that drops it."""
    import psycopg

    parts = urlsplit(url)
    original = parts.path.lstrip("/")
    name = f"{original}_bench{os.getpid()}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{original}"' if template else ""))
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000, help="number of projects")
    parser.add_argument("--profile", action="store_true", help="profile the import with cProfile")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--no-export", action="store_true", help="time the import only")
    parser.add_argument(
        "--template", action="store_true", help="copy the database DATABASE_URL names (empty, migrated)"
    )
    parser.add_argument("--workbook", type=Path, help="where to keep the generated workbook, reused if it exists")
    args = parser.parse_args()

    folder, scratch = start_django(args.template)
    from django.core.management import call_command
    from django.db import connection

    from tiendo.accounts.models import User
    from tiendo.projects.models import Project
    from tiendo.projects.workbook import export_workbook, import_workbook

    try:
        call_command("migrate", verbosity=0)
        user = User.objects.create(username="bench", role="admin")
        print(f"database: {connection.vendor}")
        workbook = args.workbook or folder / "projects.xlsx"
        started = time.perf_counter()
        if args.workbook and workbook.exists():
            rows = args.n * 14
        else:
            rows = generate(workbook, args.n)
        print(
            f"workbook: {args.n:,} projects, {rows:,} rows, {workbook.stat().st_size / 1e6:.1f} MB "
            f"in {time.perf_counter() - started:.1f} s"
        )

        read_rows, read_seconds, read_cpu = raw_read(workbook)
        print(
            f"raw read (python-calamine): {read_rows:,} rows in {read_seconds:.2f} s = "
            f"{read_rows / read_seconds:,.0f} rows/s; cpu {read_cpu:.2f} s"
        )

        cpu = time.process_time()
        started = time.perf_counter()
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            result = profiler.runcall(import_workbook, workbook, workbook.name, user)
            pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(30)
        else:
            result = import_workbook(workbook, workbook.name, user)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        assert not result.errors, result.errors[:5]
        assert result.created == args.n and result.reports == args.n * 10, result.as_dict(5)
        print(
            f"import: {rows:,} rows in {seconds:.2f} s = {rows / seconds:,.0f} rows/s "
            f"(import/raw read speed = {read_seconds / seconds:.2f}); cpu {cpu:.2f} s (cpu ratio {read_cpu / cpu:.2f})"
        )

        if args.no_export:
            return
        started = time.perf_counter()
        exported = folder / "export.xlsx"
        counts = export_workbook(Project.objects.all(), str(exported))
        seconds = time.perf_counter() - started
        total = sum(counts.values())
        print(f"export: {total:,} rows in {seconds:.2f} s = {total / seconds:,.0f} rows/s")
    finally:
        if scratch:
            connection.close()
            scratch()
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
