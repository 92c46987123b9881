"""`tiendo workdays list/add/remove/load/count`: the working-day calendar from the command line, through the same
service and access layer as the page (only an administrator adds or removes a day); --json for scripts."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.utils import timezone

from tiendo.audit.versions import StaleVersion
from tiendo.core.commands import DataCommand, SentenceRefusals, parse_day

from ...listing import count_working_days, year_days
from ...loading import load_declared_days
from ...models import DeclaredDay
from ...services import delete_declared_day, save_declared_day

KINDS = {"day_off": "ngày nghỉ", "working_day": "ngày làm bù", "holiday": "ngày lễ, Tết"}


class Command(SentenceRefusals, DataCommand):
    help = "The working-day calendar: statutory holidays and the days off and make-up working days declared."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="a year's holidays and declared days")
        listing.add_argument("--year", type=int, default=None, help="the year (default: this year)")
        self._common(listing)
        add = sub.add_parser("add", help="declare a day off or a make-up working day (administrator)")
        add.add_argument("day", help="dd/mm/yyyy")
        add.add_argument("--kind", required=True, choices=["day_off", "working_day"])
        add.add_argument("--name", required=True)
        add.add_argument("--document", default="", help="the deciding document (required)")
        add.add_argument("--note", default="")
        self._common(add)
        remove = sub.add_parser("remove", help="remove a declared day, saying why (administrator)")
        remove.add_argument("day", help="dd/mm/yyyy")
        remove.add_argument("--reason", default="")
        self.add_version_argument(remove)
        self._common(remove)
        load = sub.add_parser("load", help="load the days declared 2023-2026 shipped with tiendo (idempotent)")
        self._common(load)
        count = sub.add_parser("count", help="the deadline N working days after a date, with the days skipped")
        count.add_argument("--from", dest="start", required=True, help="dd/mm/yyyy (the day of receipt)")
        count.add_argument("--days", type=int, required=True)
        self._common(count)

    def _common(self, parser):
        self.add_json_argument(parser)
        self.add_actor_argument(parser)

    def handle(self, *args, action, **options):
        user = self.actor(options)
        try:
            getattr(self, f"do_{action}")(user, options)
        except PermissionDenied:
            raise CommandError(f"Không có quyền sửa lịch ngày làm việc (quản trị viên): {user.username}.") from None
        except StaleVersion as stale:
            raise CommandError(stale.messages[0]) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

    def do_list(self, user, options):
        year = options.get("year") or timezone.localdate().year
        days = year_days(year)
        data = [{"day": d.day, "kind": d.kind, "name": d.name, "document": d.document, "note": d.note} for d in days]
        lines = [
            f"{d.day:%d/%m/%Y} {KINDS[d.kind]:<14} {d.name}" + (f" — {d.document}" if d.record else "") for d in days
        ]
        self.emit(options, {"year": year, "days": data}, "\n".join(lines) or f"Năm {year}: không có ngày nào.")

    def do_add(self, user, options):
        record = DeclaredDay(
            day=parse_day(options["day"]),
            kind=options["kind"],
            name=options["name"],
            document=options["document"],
            note=options["note"],
        )
        if not record.document.strip():
            raise CommandError("Ghi văn bản quyết định (--document), ví dụ Thông báo 6150/TB-BLĐTBXH.")
        if DeclaredDay.objects.filter(day=record.day).exists():
            raise CommandError(f"Ngày {record.day:%d/%m/%Y} đã có trong lịch: xóa trước rồi thêm lại.")
        record = save_declared_day(record, actor=user, reason=options["note"])
        self.emit(
            options,
            {"day": record.day, "kind": record.kind, "name": record.name, "document": record.document},
            f"Đã thêm {record.day:%d/%m/%Y}: {record.name} ({record.document}).",
        )

    def do_remove(self, user, options):
        day = parse_day(options["day"])
        record = DeclaredDay.objects.filter(day=day).first()
        if record is None:
            raise CommandError(f"Không có ngày {day:%d/%m/%Y} trong các ngày được công bố.")
        expected = options.get("expect_version")
        if expected is not None and expected != record.version:
            raise CommandError(
                f"Ngày {day:%d/%m/%Y} đã được sửa sau khi bạn xem (phiên bản {record.version}, không phải {expected})."
            )
        delete_declared_day(record, actor=user, reason=options["reason"])
        self.emit(options, {"day": day, "removed": True}, f"Đã xóa {day:%d/%m/%Y} khỏi lịch.")

    def do_load(self, user, options):
        written = load_declared_days(actor=user)
        self.emit(options, {"written": written}, f"Đã nạp {written} ngày được công bố.")

    def do_count(self, user, options):
        if options["days"] < 0 or options["days"] > 3650:
            raise CommandError("Số ngày làm việc phải từ 0 đến 3650.")
        result = count_working_days(parse_day(options["start"]), options["days"])
        skipped = ", ".join(f"{d:%d/%m/%Y}" for d in result.skipped)
        self.emit(
            options,
            {"from": result.start, "days": result.days, "due": result.due, "skipped": result.skipped},
            f"{result.days} ngày làm việc kể từ {result.start:%d/%m/%Y}: hạn {result.due:%d/%m/%Y}."
            + (f"\nBỏ qua các ngày nghỉ: {skipped}." if skipped else ""),
        )
