"""`tiendo import projects FILE`: the registry workbook (or a CSV of projects) checked row by row, then written."""

import sys
from pathlib import Path

from django.core.files import File
from django.core.management.base import CommandError

from tiendo.core import access as core_access
from tiendo.core.commands import DataCommand, read_text, unreadable
from tiendo.jobs.cli import add_background_arguments, follow, wants_background
from tiendo.projects.jobs import queue_import
from tiendo.projects.models import ImportJob
from tiendo.projects.workbook import FileRejected, import_workbook

from .export import ProgressBar

ERRORS_SHOWN = 50


class Command(DataCommand):
    help = "Nhập danh mục dự án từ bảng tính (.xlsx, .xls, .ods) hoặc CSV: tiendo import projects FILE."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        projects = sub.add_parser("projects", help="dự án, mốc tiến độ và báo cáo tiến độ")
        projects.add_argument("file", help=".xlsx, .xls, .ods hoặc .csv")
        projects.add_argument("--partial", action="store_true", help="ghi các dòng hợp lệ, trả lại các dòng lỗi")
        projects.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        projects.add_argument("--rejected", help="tệp ghi các dòng lỗi (mặc định: FILE-loi.xlsx, với --partial)")
        projects.add_argument(
            "--codes",
            help="tệp CSV hai cột: mã trong tệp nhập (của hệ thống khác) và mã tương ứng ở đây "
            "(xã, cơ quan, khu, ngành)",
        )
        self.add_json_argument(projects)
        self.add_actor_argument(projects)
        add_background_arguments(projects)

    def handle(self, *args, what, **options):
        user = self.actor(options)
        if not core_access.can(user, "import_projects"):
            raise CommandError(f"Người dùng '{user.username}' không có quyền nhập dữ liệu dự án.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp '{path}'.")
        codes = read_codes(options["codes"]) if options["codes"] else None
        if wants_background(options):
            if codes:
                raise CommandError("--codes chưa dùng được khi nhập nền (--background): bỏ --background.")
            return self._queue(path, user, options)
        progress = None if options["json"] else ProgressBar(sys.stderr, "Đang nhập")
        try:
            result = import_workbook(
                path,
                path.name,
                user,
                partial=options["partial"],
                dry_run=options["dry_run"],
                progress=progress,
                codes=codes,
            )
        except FileRejected as error:
            raise unreadable(error.message) from None
        data = result.as_dict()
        if result.rejected_workbook:
            target = Path(options["rejected"] or path.with_name(f"{path.stem}-loi.xlsx"))
            target.write_bytes(result.rejected_workbook)
            data["rejected_file"] = str(target)
        self.emit(options, data, self._summary(data))
        if result.refused:
            lines = [str(error) for error in result.errors[:ERRORS_SHOWN]]
            if len(result.errors) > ERRORS_SHOWN:
                lines.append(f"... và {len(result.errors) - ERRORS_SHOWN} lỗi khác.")
            raise CommandError(f"Tệp bị từ chối, không ghi gì: {len(result.errors)} lỗi.\n" + "\n".join(lines))

    def _queue(self, path: Path, user, options) -> None:
        """Hand the file to the worker, as the upload page does; --wait follows it and prints the outcome."""
        with path.open("rb") as handle:
            upload = queue_import(
                File(handle, name=path.name),
                actor=user,
                name=path.name,
                partial=options["partial"],
                dry_run=options["dry_run"],
            )
        job = follow(self, options, upload.job)
        upload.refresh_from_db()
        if job.finished and upload.status == ImportJob.Status.REJECTED:
            raise CommandError(f"Tệp bị từ chối, không ghi gì: {upload.result.get('error_count', 0)} lỗi.")

    def _summary(self, data) -> str:
        verb = "Kiểm tra (không ghi)" if data["dry_run"] else "Đã nhập"
        text = (
            f"{verb}: {data['created']} dự án mới, {data['updated']} dự án cập nhật, {data['unchanged']} không đổi; "
            f"{data['milestones']} mốc tiến độ, {data['reports']} báo cáo tiến độ, {data['enterprises']} nhà đầu tư "
            f"mới; {data['rejected']} dòng bị loại; {data['seconds']:.1f} giây."
        )
        if data.get("rejected_file"):
            text += f"\nCác dòng lỗi: {data['rejected_file']}"
        return text


def read_codes(name: str) -> dict[str, str]:
    """Another installation's codes and the codes here, one pair a line ("HP-KT-01;10507", or with a comma)."""
    text = read_text(name)
    pairs: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = [cell.strip() for cell in (line.split(";") if ";" in line else line.split(","))]
        if len(cells) != 2 or not all(cells):
            raise CommandError(f"Tệp mã '{name}', dòng {number}: cần hai ô (mã trong tệp nhập; mã ở đây).")
        theirs, ours = cells
        if theirs in pairs and pairs[theirs] != ours:
            raise CommandError(f"Tệp mã '{name}', dòng {number}: mã '{theirs}' đã được ghi với '{pairs[theirs]}'.")
        pairs[theirs] = ours
    if not pairs:
        raise CommandError(f"Tệp mã '{name}' không có cặp mã nào.")
    return pairs
