from django.core.management.base import CommandError
from django.utils import timezone

from tiendo.core.commands import DataCommand, parse_day
from tiendo.directives import reminders

OUTCOMES = {
    reminders.SENT: "đã gửi",
    reminders.SKIPPED: "bỏ qua (hôm nay đã gửi)",
    reminders.FAILED: "LỖI",
    reminders.NO_RECIPIENTS: "không có người nhận (chưa có địa chỉ e-mail)",
    reminders.DRY_RUN: "sẽ gửi (chạy thử)",
}


class Command(DataCommand):
    help = (
        "Daily reminders: e-mail each lead agency one digest of its tasks due soon and overdue, and record in-app "
        "notifications. Run it once a day (cron or a systemd timer); a second run on the same day sends nothing again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to remind for, dd/mm/yyyy or yyyy-mm-dd (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="show what would be sent; send and record nothing")
        self.add_json_argument(parser)

    def handle(self, *args, **options):
        day = parse_day(options["date"]) if options["date"] else timezone.localdate()
        result = reminders.run(day, dry_run=options["dry_run"])
        self.emit(options, result.as_dict(), self.text(result))
        if failed := result.failed:
            names = "; ".join(f"{d.agency.code} ({d.error})" for d in failed)
            raise CommandError(
                f"Không gửi được thư nhắc việc cho {len(failed)} cơ quan: {names}. "
                "Các thư này chưa được ghi là đã gửi; chạy lại lệnh để gửi lại (thư đã gửi sẽ không gửi lần nữa)."
            )

    def text(self, result: reminders.Run) -> str:
        head = f"Nhắc việc ngày {result.day:%d/%m/%Y} (sắp đến hạn: trong {result.within} ngày)"
        if result.dry_run:
            head += " — chạy thử, không gửi và không ghi gì"
        extras = [text for _data, text in result.extras.values() if text]
        if not result.digests:
            return "\n".join([f"{head}\nKhông có nhiệm vụ nào sắp đến hạn hoặc quá hạn.", *extras])
        lines = [head]
        for d in result.digests:
            outcome = OUTCOMES[d.outcome] + (f": {d.error}" if d.error else "")
            recipients = ", ".join(d.recipients) or "—"
            lines.append(
                f"{d.agency.code:<14} sắp đến hạn {len(d.due_soon):>3}  quá hạn {len(d.overdue):>3}  "
                f"người nhận: {recipients}  → {outcome}"
            )
        if not result.dry_run:
            lines.append(f"Thông báo mới trong ứng dụng: {result.notifications}")
        return "\n".join([*lines, *extras])
