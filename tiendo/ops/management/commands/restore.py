import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connections

from tiendo.core.commands import DataCommand, unreadable
from tiendo.ops import backup


class Command(DataCommand):
    help = (
        "Restore an archive written by `tiendo backup`: its database and uploaded files replace this installation's "
        "(refused on a non-empty installation without --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="an archive written by `tiendo backup`")
        parser.add_argument("--force", action="store_true", help="overwrite an installation that has data")
        self.add_json_argument(parser)

    def handle(self, *args, file, force, **options):
        started = time.perf_counter()
        connections.close_all()  # the restore writes through its own connection; no open transaction in the way
        try:
            manifest = backup.restore_backup(
                Path(file),
                database=connections["default"].settings_dict,
                media_root=Path(settings.MEDIA_ROOT),
                force=force,
            )
        except backup.BackupError as error:
            raise unreadable(str(error)) from None
        connections.close_all()
        call_command("migrate", interactive=False, verbosity=0)  # an archive of an older tiendo is brought up to date
        summary = {
            "file": str(file),
            "seconds": round(time.perf_counter() - started, 2),
            "vendor": manifest["vendor"],
            "created_at": manifest["created_at"],
            "tiendo_version": manifest["tiendo_version"],
            "uploaded_files": len(manifest["files"]) - 1,
        }
        self.emit(
            options,
            summary,
            f"Đã khôi phục bản sao lưu lúc {manifest['created_at']} (tiendo {manifest['tiendo_version']}, "
            f"{summary['uploaded_files']} tệp tải lên) trong {summary['seconds']} giây.",
        )
