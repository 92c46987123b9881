"""`tiendo task_summary`: the per-agency task summary of the page, as text, JSON or a workbook."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.core.commands import DataCommand, parse_day
from tiendo.directives.access import directives_for_user
from tiendo.directives.models import Directive
from tiendo.directives.reports import (
    COUNTS,
    LIGHT_NAMES_VI,
    Period,
    SummaryQuery,
    build_summary,
    write_workbook,
)

HEADS = ("Tổng", "HT đúng hạn", "HT trễ hạn", "Trong hạn", "Quá hạn", "Thường xuyên")


class Command(DataCommand):
    help = (
        "Bảng tổng hợp nhiệm vụ theo cơ quan chủ trì (tổng số, hoàn thành đúng hạn, hoàn thành trễ hạn, đang "
        "thực hiện trong hạn, chưa hoàn thành quá hạn, thường xuyên) cho một kỳ; mặc định từ đầu năm đến hôm nay."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", default="", help="ngày đầu kỳ (dd/mm/yyyy), mặc định 01/01")
        parser.add_argument("--to", dest="end", default="", help="ngày cuối kỳ (dd/mm/yyyy), mặc định hôm nay")
        parser.add_argument("--directive", default="", help="chỉ các nhiệm vụ của văn bản có mã số (id) này")
        parser.add_argument("--original", action="store_true", help="đánh giá theo thời hạn giao ban đầu")
        kinds = ", ".join(Agency.Kind.values)
        parser.add_argument("--kind", default="", help=f"loại cơ quan chủ trì: {kinds}")
        parser.add_argument("--sort", default="overdue", choices=["overdue", "name"], help="thứ tự dòng")
        parser.add_argument("--xlsx", default="", metavar="FILE", help="ghi bảng ra tệp .xlsx")
        self.add_json_argument(parser)
        parser.add_argument("--as", dest="actor", default="admin", help="xem với quyền của người dùng này")

    def handle(self, *args, **options):
        user = self.actor(options)
        query = self.query(user, options)
        try:
            report = build_summary(user, query)
        except PermissionDenied:
            raise CommandError(f"Người dùng '{user.username}' không được xem bảng tổng hợp nhiệm vụ.") from None
        data = report.as_dict()
        if options["xlsx"]:
            path = Path(options["xlsx"])
            if path.suffix.lower() != ".xlsx":
                raise CommandError("Tệp xuất phải có đuôi .xlsx.")
            with path.open("wb") as target:
                write_workbook(report, target)
            data["file"] = str(path)
        self.emit(options, data, self.text(report, data.get("file")))

    def query(self, user, options) -> SummaryQuery:
        today = timezone.localdate()
        start = parse_day(options["start"]) if options["start"] else None
        end = parse_day(options["end"]) if options["end"] else None
        if start and end and start > end:
            raise CommandError(f"Ngày đầu kỳ {start:%d/%m/%Y} sau ngày cuối kỳ {end:%d/%m/%Y}.")
        if start and not end and start > today:
            raise CommandError(f"Kỳ bắt đầu sau hôm nay ({start:%d/%m/%Y}): hãy cho cả ngày cuối kỳ (--to).")
        start = start or (end.replace(month=1, day=1) if end else today.replace(month=1, day=1))
        end = end or today
        directive = None
        if options["directive"]:
            try:
                directive = directives_for_user(user).get(pk=int(options["directive"]))
            except (ValueError, Directive.DoesNotExist):
                raise CommandError(f"Không có văn bản mã số '{options['directive']}' (hoặc không được xem).") from None
        kind = options["kind"]
        if kind and kind not in Agency.Kind.values:
            raise CommandError(
                f"Loại cơ quan không hợp lệ: '{kind}' (dùng một trong: {', '.join(Agency.Kind.values)})."
            )
        return SummaryQuery(
            Period(start, end), original=options["original"], directive=directive, kind=kind, sort=options["sort"]
        )

    def text(self, report, file) -> str:
        query = report.query
        lines = [
            f"Tổng hợp nhiệm vụ từ {query.period.start:%d/%m/%Y} đến {query.period.end:%d/%m/%Y}, "
            f"tình trạng đến hết ngày {report.day:%d/%m/%Y}, "
            + ("theo thời hạn ban đầu." if query.original else "theo thời hạn hiện hành."),
            "",
        ]
        width = max([len(row.name_vi) for row in [*report.rows, report.total]] + [10])
        width = min(width, 60)
        head = f"{'Cơ quan chủ trì':<{width}} " + " ".join(f"{h:>12}" for h in HEADS) + f" {'% quá hạn':>10}  Đèn"
        lines += [head, "-" * len(head)]
        for row in [*report.rows, report.total]:
            counts = " ".join(f"{getattr(row.summary, name):>12}" for name in COUNTS)
            share = f"{row.overdue_share * 100:.1f}".replace(".", ",")
            lines.append(f"{row.name_vi[:width]:<{width}} {counts} {share:>10}  {LIGHT_NAMES_VI[row.light]}")
        if not report.rows:
            lines.append("(không có nhiệm vụ nào trong kỳ)")
        if file:
            lines += ["", f"Đã ghi bảng tổng hợp vào {file}."]
        return "\n".join(lines)
