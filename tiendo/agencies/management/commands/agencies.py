from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.utils import timezone

from tiendo.agencies.access import get_agency_for_user
from tiendo.agencies.forms import AgencyProfileForm
from tiendo.agencies.models import Agency
from tiendo.agencies.reorganisation import ReorganisationError, merge_agencies
from tiendo.agencies.services import save_agency_profile
from tiendo.audit.history import history_entries
from tiendo.core import access as core_access
from tiendo.core.commands import DataCommand, invalid, parse_day


def agency_row(agency: Agency) -> dict:
    return {
        "code": agency.code,
        "name": agency.name,
        "name_en": agency.name_en,
        "name_zh": agency.name_zh,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "parent": agency.parent.code if agency.parent_id else None,
        "successor": agency.successor.code if agency.successor_id else None,
        "valid_from": agency.valid_from,
        "valid_to": agency.valid_to,
        "version": agency.version,
    }


class Command(DataCommand):
    help = "Agencies: list, show, update a profile, merge into a successor (the 2025 reorganisation)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="agencies in force on a date")
        listing.add_argument("--on", help="date (today by default)")
        listing.add_argument("--all", action="store_true", help="every agency, ended ones too")
        listing.add_argument("--kind", choices=Agency.Kind.values)
        listing.add_argument("--search", default="", help="diacritics optional: 'so ke hoach'")
        self.add_json_argument(listing)

        show = sub.add_parser("show", help="one agency with its history")
        show.add_argument("code")
        self.add_json_argument(show)
        self.add_actor_argument(show)

        update = sub.add_parser("update", help="change an agency's contact details")
        update.add_argument("code")
        for field in AgencyProfileForm.Meta.fields:
            update.add_argument(f"--{field.replace('_', '-')}", dest=field)
        self.add_version_argument(update)
        self.add_json_argument(update)
        self.add_actor_argument(update)

        merge = sub.add_parser("merge", help="end SOURCES the day before --date and move their open work")
        merge.add_argument("sources", nargs="+", help="codes of the agencies that end")
        merge.add_argument("--into", required=True, help="code of the successor")
        merge.add_argument("--date", required=True, help="effective date, e.g. 01/03/2025")
        merge.add_argument("--decision", required=True, help='e.g. "Nghị định 45/2025/NĐ-CP"')
        merge.add_argument("--note", default="")
        self.add_json_argument(merge)
        self.add_actor_argument(merge)

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")(options)

    def _get(self, code: str) -> Agency:
        try:
            return Agency.objects.select_related("parent", "successor").get(code=code)
        except Agency.DoesNotExist:
            raise CommandError(f"Không có cơ quan mã '{code}'.") from None

    def do_list(self, options):
        agencies = Agency.objects.select_related("parent", "successor").search(options["search"])
        if not options["all"]:
            agencies = agencies.valid_on(parse_day(options["on"]) if options["on"] else timezone.localdate())
        if options["kind"]:
            agencies = agencies.filter(kind=options["kind"])
        rows = [agency_row(a) for a in agencies.order_by("code")]
        self.emit(options, rows, "\n".join(f"{r['code']:<22} {r['name']}" for r in rows))

    def do_show(self, options):
        user = self.actor(options)
        agency = self._get(options["code"])
        data = agency_row(agency)
        if core_access.can(user, "read_agency_records", agency):
            data |= {
                "head": agency.head,
                "address": agency.address,
                "phone": agency.phone,
                "email": agency.email,
            }
            data["staff"] = list(agency.staff.filter(is_active=True).values_list("username", flat=True))
            data["history"] = [
                {
                    "when": e.when,
                    "who": e.who,
                    "action": e.action,
                    "reason": e.reason,
                    "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in e.changes],
                }
                for e in history_entries(agency)
            ]
        self.emit(options, data)

    def do_update(self, options):
        user = self.actor(options)
        try:
            agency = get_agency_for_user(user, options["code"], edit=True)
        except PermissionDenied:
            raise CommandError(f"{user.username} không có quyền sửa thông tin {options['code']}.") from None
        fields = AgencyProfileForm.Meta.fields
        data = {name: getattr(agency, name) for name in fields}
        data |= {name: options[name] for name in fields if options.get(name) is not None}
        data["version"] = options.get("expect_version")
        form = AgencyProfileForm(data, instance=agency)
        if not form.is_valid():
            raise invalid(form.errors)
        try:
            agency = save_agency_profile(form.save(commit=False), actor=user, expected_version=form.expected_version)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.emit(options, agency_row(agency), f"Đã cập nhật {agency.code}.")

    def do_merge(self, options):
        user = self.actor(options)
        if not core_access.can(user, "reorganise"):
            raise CommandError(f"{user.username} không có quyền sắp xếp tổ chức (cần vai trò quản trị).")
        sources = [self._get(code) for code in options["sources"]]
        target = self._get(options["into"])
        try:
            result = merge_agencies(
                sources, target, parse_day(options["date"]), options["decision"], actor=user, note=options["note"]
            )
        except ReorganisationError as error:
            raise CommandError(str(error)) from None
        data = {
            "effective": result.effective,
            "decision": result.decision,
            "into": target.code,
            "merged": [s.code for s in sources],
            "moved": result.moved,
        }
        self.emit(options, data, f"Đã sáp nhập {', '.join(data['merged'])} vào {target.code}: {result.moved}")
