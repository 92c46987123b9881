from django.core.management.base import CommandError
from django.utils import timezone

from tiendo.agencies.models import AdminUnit
from tiendo.agencies.reorganisation import ReorganisationError, merge_units
from tiendo.core import access as core_access
from tiendo.core.commands import DataCommand, parse_day


class Command(DataCommand):
    help = "Administrative units: list them on a date, merge a province (or commune) into another."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list")
        listing.add_argument("--on", help="date (today by default)")
        listing.add_argument("--level", choices=AdminUnit.Level.values)
        listing.add_argument("--search", default="")
        self.add_json_argument(listing)
        merge = sub.add_parser("merge")
        merge.add_argument("sources", nargs="+")
        merge.add_argument("--into", required=True)
        merge.add_argument("--date", required=True)
        merge.add_argument("--decision", required=True)
        self.add_json_argument(merge)
        self.add_actor_argument(merge)

    def handle(self, *args, action, **options):
        if action == "list":
            units = AdminUnit.objects.select_related("parent").search(options["search"])
            units = units.valid_on(parse_day(options["on"]) if options["on"] else timezone.localdate())
            if options["level"]:
                units = units.filter(level=options["level"])
            rows = [
                {
                    "code": u.code,
                    "name": u.name,
                    "type": u.unit_type,
                    "level": u.level,
                    "parent": u.parent.code if u.parent_id else None,
                    "valid_from": u.valid_from,
                    "valid_to": u.valid_to,
                }
                for u in units.order_by("code")
            ]
            self.emit(options, rows, "\n".join(f"{r['code']:<16} {r['type']} {r['name']}" for r in rows))
            return
        user = self.actor(options)
        if not core_access.can(user, "reorganise"):
            raise CommandError(f"{user.username} không có quyền sắp xếp đơn vị hành chính.")
        units = {u.code: u for u in AdminUnit.objects.filter(code__in=[*options["sources"], options["into"]])}
        missing = [c for c in [*options["sources"], options["into"]] if c not in units]
        if missing:
            raise CommandError(f"Không có đơn vị hành chính mã: {', '.join(missing)}.")
        try:
            result = merge_units(
                [units[c] for c in options["sources"]],
                units[options["into"]],
                parse_day(options["date"]),
                options["decision"],
                actor=user,
            )
        except ReorganisationError as error:
            raise CommandError(str(error)) from None
        self.emit(options, {"into": options["into"], "merged": options["sources"], "moved": result.moved})
