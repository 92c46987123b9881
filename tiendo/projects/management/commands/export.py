"""`tiendo export projects FILE`: the registry as a workbook that imports back unchanged, or a CSV of projects."""

import sys
import time
from pathlib import Path

from django.core.management.base import CommandError

from tiendo.core.commands import DataCommand, invalid
from tiendo.projects.access import projects_for_user
from tiendo.projects.forms import ProjectFilterForm
from tiendo.projects.workbook import KINDS, STATUSES, choice_reader, export_csv, export_workbook


class ProgressBar:
    """A one-line bar on stderr, redrawn at most ten times a second: no dependency for a few lines of output."""

    def __init__(self, stream, label: str, width: int = 30):
        self.stream = stream
        self.label = label
        self.width = width
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        share = done / total if total else 1.0
        filled = int(self.width * share)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {share:4.0%} {done:,}/{total:,}".replace(",", "."))
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


class Command(DataCommand):
    help = "Xuất danh mục dự án ra bảng tính .xlsx (nhập lại được) hoặc .csv: tiendo export projects FILE."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        projects = sub.add_parser("projects", help="dự án, mốc tiến độ và báo cáo tiến độ")
        projects.add_argument("file", help=".xlsx hoặc .csv")
        projects.add_argument("--kind", default="", help="loại dự án: Đầu tư công, Trong nước, FDI (hoặc mã)")
        projects.add_argument("--status", default="", help="tình trạng, ví dụ 'Đang thực hiện' (hoặc mã)")
        self.add_json_argument(projects)
        self.add_actor_argument(projects)

    def handle(self, *args, what, **options):
        user = self.actor(options)
        path = Path(options["file"])
        if path.suffix.lower() not in (".xlsx", ".csv"):
            raise CommandError("Tệp xuất phải có đuôi .xlsx hoặc .csv.")
        filters = {}
        for name, choices in (("kind", KINDS), ("status", STATUSES)):
            if options[name]:
                try:
                    filters[name] = choice_reader(choices)(options[name])
                except ValueError as error:
                    raise CommandError(f"--{name}: {error}") from None
        form = ProjectFilterForm(filters, user=user)
        projects = form.apply(projects_for_user(user))
        if form.errors:
            raise invalid(form.errors)
        started = time.perf_counter()
        if path.suffix.lower() == ".csv":
            with path.open("w", encoding="utf-8", newline="") as target:
                counts = {"projects": export_csv(projects, target)}
        else:
            progress = None if options["json"] else ProgressBar(sys.stderr, "Đang xuất")
            counts = export_workbook(projects, str(path), progress=progress)
        data = {**counts, "file": str(path), "seconds": round(time.perf_counter() - started, 3)}
        parts = [f"{counts['projects']} dự án"]
        if "milestones" in counts:
            parts += [f"{counts['milestones']} mốc tiến độ", f"{counts['reports']} báo cáo tiến độ"]
        self.emit(options, data, f"Đã xuất {', '.join(parts)} vào {path} ({data['seconds']:.1f} giây).")
