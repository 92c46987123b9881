"""`tiendo opendata …`: the open data (OC4IDS 0.9.5) from the command line, the same package and report as the
portal's pages.

  tiendo opendata oc4ids FILE.json [--validate] [--json]   write the package to a file ("-": standard output)
  tiendo opendata publish [--json]                         generate, validate and keep a publication (served)
  tiendo opendata coverage [--json] [--as USER]            the CoST IDS coverage of the latest publication

With --validate, a package with validation errors is not written (exit status 2, one Vietnamese sentence): a
file that does not conform should not reach anyone; the report is printed (--json) instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone, translation

from tiendo.core import access
from tiendo.core.commands import DataCommand, SentenceRefusals
from tiendo.domain.portal.oc4ids_coverage import Stage

from ...oc4ids import coverage, package, publishing, validation

INVALID = 2
NOTHING = "Chưa có dự án đầu tư công nào được công khai: gói dữ liệu OC4IDS cần ít nhất một dự án."


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _write(name: str, data: bytes) -> None:
    if name == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    path = Path(name)
    if not path.parent.is_dir():
        raise CommandError(f"Không có thư mục '{path.parent}' để ghi tệp.")
    try:
        path.write_bytes(data)
    except OSError as error:
        raise CommandError(f"Không ghi được tệp '{name}' ({error.strerror}).") from None


class Command(SentenceRefusals, DataCommand):
    help = "The public-investment projects as open data (OC4IDS 0.9.5): write, publish, coverage."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        write = sub.add_parser("oc4ids", help="write the OC4IDS project package to FILE.json ('-': standard output)")
        write.add_argument("file")
        write.add_argument("--validate", action="store_true", help="validate first; refuse to write if invalid")
        self.add_json_argument(write)
        publish = sub.add_parser("publish", help="generate, validate and keep a publication (the files served)")
        self.add_json_argument(publish)
        report = sub.add_parser("coverage", help="the CoST IDS coverage of each project of the latest publication")
        self.add_json_argument(report)
        self.add_actor_argument(report)

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")(options)

    def do_oc4ids(self, options):
        built = package.build()
        if not built.package["projects"]:
            raise CommandError(NOTHING)
        report = validation.validate(built.package) if options["validate"] else None
        summary = {
            "file": options["file"],
            "projects": len(built.package["projects"]),
            "size": len(built.data),
            "errors": report.errors if report else None,
            "warnings": report.warnings if report else None,
        }
        if report is not None and not report.valid:
            if options["json"]:
                self.emit(options, {**summary, "written": False, "report": report.items})
            raise CommandError(
                f"Gói dữ liệu OC4IDS có {report.errors} lỗi kiểm tra nên không ghi ra tệp '{options['file']}'; "
                "xem báo cáo ở trang Dữ liệu mở (OC4IDS) hoặc chạy lại với --json.",
                returncode=INVALID,
            )
        _write(options["file"], built.data)
        if options["file"] == "-":
            return  # the package itself is the output
        text = f"Đã ghi {summary['projects']} dự án ({_grouped(summary['size'])} byte) vào {options['file']}"
        if report is not None:
            text += f"; kiểm tra: {report.errors} lỗi, {report.warnings} cảnh báo"
        self.emit(options, {**summary, "written": True}, text + ".")

    def do_publish(self, options):
        try:
            outcome = publishing.publish(force=True)
        except publishing.NothingToPublish:
            raise CommandError(NOTHING) from None
        p = outcome.publication
        data = {
            "publication": p.pk,
            "created": outcome.created,
            "generated_at": p.generated_at,
            "projects": p.projects,
            "size": p.size,
            "sha256": p.sha256,
            "errors": p.errors,
            "warnings": p.report.get("warnings", 0),
            "served": p.errors == 0,
        }
        state = "Đã tạo bản công bố mới" if outcome.created else "Không có dự án nào thay đổi, giữ bản công bố"
        served = "được phục vụ tại /open-data/" if p.errors == 0 else "KHÔNG được phục vụ vì có lỗi kiểm tra"
        self.emit(
            options,
            data,
            f"{state} ngày {timezone.localtime(p.generated_at):%d/%m/%Y %H:%M}: {p.projects} dự án, "
            f"{_grouped(p.size)} byte, "
            f"{p.errors} lỗi, {data['warnings']} cảnh báo; {served}.",
        )

    def do_coverage(self, options):
        user = self.actor(options)
        if not access.can(user, "read_open_data"):
            raise CommandError(f"Không có quyền xem báo cáo dữ liệu mở: {user.username}.")
        latest = publishing.latest()
        if latest is None:
            raise CommandError("Chưa có bản công bố dữ liệu mở nào: chạy tiendo opendata publish trước.")
        table = coverage.table(latest)
        rows = [
            {
                "id": row.id,
                "code": row.code,
                "status": row.status,
                "identification": row.count(Stage.IDENTIFICATION),
                "preparation": row.count(Stage.PREPARATION),
                "completion": row.count(Stage.COMPLETION) if row.coverage.completion_due else None,
                "missing": sorted(element.value for element in row.coverage.to_complete()),
            }
            for row in table.rows
        ]
        totals = {stage.value: {"present": have, "possible": of} for stage, (have, of) in table.totals.items()}
        made = timezone.localtime(latest.generated_at)
        lines = [f"Độ phủ CoST IDS của bản công bố ngày {made:%d/%m/%Y %H:%M} ({len(rows)} dự án)"]
        with translation.override("vi"):
            for stage, (have, of) in table.totals.items():
                share = f"{100 * have / of:.0f}%" if of else "—"
                lines.append(f"  {coverage.STAGE_LABELS[stage]}: {have}/{of} ({share})")
        self.emit(options, {"publication": latest.pk, "totals": totals, "projects": rows}, "\n".join(lines))
