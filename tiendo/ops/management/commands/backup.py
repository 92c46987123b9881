import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from tiendo.core.commands import UNREADABLE, DataCommand, unreadable
from tiendo.ops import backup


class Command(DataCommand):
    help = (
        "Write one archive (.tar.gz) with a consistent snapshot of the database, the uploaded files and a manifest; "
        "given a folder, name it tiendo-YYYYMMDD-HHMMSS.tar.gz there, and with --keep-days delete older ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write, or a folder to write tiendo-<date-time>.tar.gz into")
        parser.add_argument(
            "--keep-days",
            type=int,
            metavar="N",
            help="after a successful backup, delete the folder's tiendo-*.tar.gz archives older than N days",
        )
        self.add_json_argument(parser)

    def handle(self, *args, file, keep_days, **options):
        if keep_days is not None and keep_days < 1:
            raise CommandError("--keep-days phải từ 1 trở lên.", returncode=UNREADABLE)
        path = Path(file)
        if path.is_dir() or file.endswith(("/", "\\")):
            path = path / f"tiendo-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        started = time.perf_counter()
        try:
            manifest = backup.create_backup(path, media_root=Path(settings.MEDIA_ROOT))
        except backup.BackupError as error:
            raise unreadable(str(error)) from None
        removed = _prune(path, keep_days) if keep_days else []
        size = path.stat().st_size
        summary = {
            "file": str(path),
            "size": size,
            "seconds": round(time.perf_counter() - started, 2),
            "vendor": manifest["vendor"],
            "uploaded_files": len(manifest["files"]) - 1,
            "created_at": manifest["created_at"],
            "removed": [str(p) for p in removed],
        }
        text = (
            f"Đã sao lưu vào {path} ({size / 1e6:.1f} MB: cơ sở dữ liệu {manifest['vendor']} và "
            f"{summary['uploaded_files']} tệp tải lên) trong {summary['seconds']} giây."
        )
        if removed:
            text += f" Đã xoá {len(removed)} bản sao lưu cũ hơn {keep_days} ngày."
        self.emit(options, summary, text)


def _prune(written: Path, keep_days: int) -> list[Path]:
    """The folder's older archives (by the name `tiendo backup` gives them), never the one just written."""
    limit = time.time() - keep_days * 86400
    old = [
        p for p in written.parent.glob("tiendo-*.tar.gz") if p.is_file() and p != written and p.stat().st_mtime < limit
    ]
    for p in old:
        p.unlink()
    return sorted(old)
