"""Time the Treasury disbursement import against python-calamine's raw read of the same report.

    python bench/import_disbursement.py --n 10000 [--months 12] [--profile] [--workbook PATH]
    DATABASE_URL=postgres://… python bench/import_disbursement.py --n 10000 [--template]   # PostgreSQL

Makes N public projects, two capital sources and the 2024 annual plan in a fresh database (SQLite in a temporary
data folder, or with DATABASE_URL a new PostgreSQL database beside the one named, dropped at the end), writes a
Treasury report of every project's monthly disbursement from two sources over `--months` months (N x 2 x months
rows; half the rows give the month's amount, half only the cumulative amount), reads it with python-calamine alone,
then imports it into the plan (every row checked, then written in one transaction).
"""

import argparse
import os
import shutil
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TODAY = date(2025, 2, 10)
HEADER = ["STT", "Mã dự án", "Tên dự án", "Nguồn vốn", "Tháng", "Giải ngân trong tháng (đồng)", "Lũy kế (đồng)"]


def generate(path: Path, n: int, months: int) -> int:
    """A Treasury report: title rows, the header, one row per project, source and month; returns the data rows."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = book.add_worksheet("Giải ngân")
    ws.write_string(0, 0, "BÁO CÁO TÌNH HÌNH GIẢI NGÂN VỐN ĐẦU TƯ CÔNG")
    ws.write_row(2, 0, HEADER)
    r = 2
    for i in range(n):
        code = f"DT-{i:07d}"
        for source in ("NSDP_CD", "Thu tiền sử dụng đất"):
            total = 0
            for m in range(months):
                r += 1
                amount = 10_000_000 * (1 + (i + m) % 50)
                total += amount
                month = f"{m % 12 + 1:02d}/{2024 + m // 12}"
                row = [r - 2, code, f"Công trình số {i}", source, month]
                if i % 2:
                    row += [amount, total]
                else:
                    row += ["", total]
                ws.write_row(r, 0, row)
    book.close()
    return r - 2


def setup(n: int):
    """The user, the sources, the plan and N public projects, written in bulk."""
    from tiendo.accounts.models import User
    from tiendo.plans.models import Plan, Source
    from tiendo.projects.models import Project

    user = User.objects.create(username="bench", role="admin")
    local = Source.objects.create(code="NSDP", name="Ngân sách địa phương", level="local", order=1)
    Source.objects.create(code="NSDP_CD", name="Cân đối theo tiêu chí", parent=local, level="local", order=2)
    Source.objects.create(code="NSDP_TSDD", name="Thu tiền sử dụng đất", parent=local, level="local", order=3)
    plan = Plan.objects.create(kind="annual", first_year=2024, last_year=2024, title="Kế hoạch năm 2024")
    for start in range(0, n, 5000):
        Project.objects.bulk_create(
            Project(code=f"DT-{i:07d}", name=f"Công trình số {i}", kind="public", group="C", status="implementing")
            for i in range(start, min(n, start + 5000))
        )
    return user, plan


def raw_read(path: Path) -> tuple[int, float, float]:
    """Rows, wall seconds and this process's CPU seconds of python-calamine's read of every sheet."""
    from python_calamine import CalamineWorkbook

    cpu = time.process_time()
    started = time.perf_counter()
    book = CalamineWorkbook.from_path(str(path))
    rows = sum(len(book.get_sheet_by_name(name).to_python(skip_empty_area=False)) - 3 for name in book.sheet_names)
    return rows, time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000, help="number of projects")
    parser.add_argument("--months", type=int, default=12, help="months in the report (from 01/2024)")
    parser.add_argument("--profile", action="store_true", help="profile the import with cProfile")
    parser.add_argument(
        "--template", action="store_true", help="copy the database DATABASE_URL names (empty, migrated)"
    )
    parser.add_argument("--workbook", type=Path, help="where to keep the generated report, reused if it exists")
    args = parser.parse_args()

    from import_projects import start_django

    folder, scratch = start_django(args.template)
    from django.core.management import call_command
    from django.db import connection

    from tiendo.plans.disbursement import import_disbursement

    try:
        call_command("migrate", verbosity=0)
        user, plan = setup(args.n)
        print(f"database: {connection.vendor}")
        workbook = args.workbook or folder / "kbnn.xlsx"
        started = time.perf_counter()
        if not (args.workbook and workbook.exists()):
            generate(workbook, args.n, args.months)
        rows = args.n * 2 * args.months
        print(f"report: {args.n:,} projects, {rows:,} rows in {time.perf_counter() - started:.1f} s")

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
            result = profiler.runcall(import_disbursement, plan, workbook, workbook.name, actor=user, today=TODAY)
            pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(30)
        else:
            result = import_disbursement(plan, workbook, workbook.name, actor=user, today=TODAY)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        assert not result.errors, result.errors[:5]
        assert result.created == rows, result.as_dict(5)
        print(
            f"import: {rows:,} rows in {seconds:.2f} s = {rows / seconds:,.0f} rows/s "
            f"(import/raw read speed = {read_seconds / seconds:.2f}); cpu {cpu:.2f} s (cpu ratio {read_cpu / cpu:.2f})"
        )
    finally:
        if scratch:
            connection.close()
            scratch()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
