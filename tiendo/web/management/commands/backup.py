import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from tiendo.web import backup
from tiendo.web.commands import DataCommand


class Command(DataCommand):
    help = "Write one archive (.tar.gz) with a consistent snapshot of the database, the uploaded files and a manifest."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write, e.g. /var/backups/tiendo/tiendo-2026-12-07.tar.gz")
        self.add_json_argument(parser)

    def handle(self, *args, file, **options):
        started = time.perf_counter()
        try:
            manifest = backup.create_backup(Path(file), media_root=Path(settings.MEDIA_ROOT))
        except backup.BackupError as error:
            raise CommandError(str(error), returncode=2) from None
        size = Path(file).stat().st_size
        summary = {
            "file": str(file),
            "size": size,
            "seconds": round(time.perf_counter() - started, 2),
            "vendor": manifest["vendor"],
            "uploaded_files": len(manifest["files"]) - 1,
            "created_at": manifest["created_at"],
        }
        self.emit(
            options,
            summary,
            f"Đã sao lưu vào {file} ({size / 1e6:.1f} MB: cơ sở dữ liệu {manifest['vendor']} và "
            f"{summary['uploaded_files']} tệp tải lên) trong {summary['seconds']} giây.",
        )
