from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from tiendo.accounts import throttling
from tiendo.accounts.models import ROLE_CHOICES, User
from tiendo.accounts.services import create_user
from tiendo.agencies.models import Agency
from tiendo.core import access as core_access
from tiendo.core.commands import DataCommand, invalid
from tiendo.enterprises.models import Enterprise


class Command(DataCommand):
    help = "Users: list them, create one with a role and an agency or enterprise, list and unlock login lockouts."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list")
        listing.add_argument("--role", choices=[r for r, _ in ROLE_CHOICES])
        listing.add_argument("--agency", help="agency code")
        self.add_json_argument(listing)
        create = sub.add_parser("create")
        create.add_argument("username")
        create.add_argument("--password", required=True)
        create.add_argument("--role", choices=[r for r, _ in ROLE_CHOICES], required=True)
        create.add_argument("--full-name", default="")
        create.add_argument("--email", default="")
        create.add_argument("--agency", help="agency code (officers)")
        create.add_argument("--enterprise", type=int, help="enterprise id (investors)")
        create.add_argument(
            "--agency-head", action="store_true", help="heads the agency: receives its overdue petitions"
        )
        self.add_json_argument(create)
        self.add_actor_argument(create)
        locked = sub.add_parser("locked", help="user names and addresses with failed logins (axes)")
        self.add_json_argument(locked)
        unlock = sub.add_parser("unlock", help="let a locked-out user name or address log in again")
        unlock.add_argument("username", nargs="?")
        unlock.add_argument("--ip", help="the locked-out address, e.g. 10.0.0.7")
        self.add_json_argument(unlock)
        self.add_actor_argument(unlock)

    def handle(self, *args, action, **options):
        if action == "list":
            users = User.objects.select_related("agency", "enterprise").order_by("username")
            if options["role"]:
                users = users.filter(role=options["role"])
            if options["agency"]:
                users = users.filter(agency__code=options["agency"])
            rows = [
                {
                    "username": u.username,
                    "full_name": u.full_name,
                    "role": u.role,
                    "active": u.is_active,
                    "agency": u.agency.code if u.agency_id else None,
                    "enterprise": u.enterprise_id,
                    "agency_head": u.is_agency_head,
                }
                for u in users
            ]
            self.emit(
                options,
                rows,
                "\n".join(f"{r['username']:<16} {r['role']:<11} {r['agency'] or ''}" for r in rows),
            )
            return
        if action == "locked":
            self._locked(options)
            return
        if action == "unlock":
            self._unlock(options)
            return
        actor = self.actor(options)
        if not core_access.can(actor, "manage_users"):
            raise CommandError(f"{actor.username} không có quyền tạo tài khoản.")
        user = User(
            username=options["username"],
            role=options["role"],
            full_name=options["full_name"],
            email=options["email"],
            is_agency_head=options.get("agency_head", False),
        )
        if options["agency"]:
            user.agency = Agency.objects.filter(code=options["agency"]).first()
            if user.agency is None:
                raise CommandError(f"Không có cơ quan mã '{options['agency']}'.")
        if options["enterprise"]:
            user.enterprise = Enterprise.objects.alive().filter(pk=options["enterprise"]).first()
            if user.enterprise is None:
                raise CommandError(f"Không có doanh nghiệp #{options['enterprise']}.")
        try:
            create_user(user, actor=actor, password=options["password"])
        except ValidationError as error:
            messages = error.message_dict.items() if hasattr(error, "error_dict") else [("password", error.messages)]
            raise invalid(dict(messages)) from None
        self.emit(options, {"username": user.username, "role": user.role}, f"Đã tạo tài khoản {user.username}.")

    def _locked(self, options):
        rows = throttling.failures()
        text = "\n".join(
            f"{'tài khoản' if r['by'] == 'username' else 'địa chỉ':<9} {r['value']:<24} {r['failures']:>3} lần sai"
            f"{'  (đang khoá)' if r['locked'] else ''}"
            for r in rows
        )
        self.emit(options, rows, text or "Không có lần đăng nhập sai nào đang được tính.")

    def _unlock(self, options):
        actor = self.actor(options)
        if not core_access.can(actor, "manage_users"):
            raise CommandError(f"{actor.username} không có quyền mở khoá đăng nhập.")
        username, ip = options["username"], options["ip"]
        if not username and not ip:
            raise CommandError("Cho biết tên đăng nhập hoặc --ip ĐỊA_CHỈ cần mở khoá.")
        removed = throttling.unlock(username=username, ip_address=ip)
        who = " và ".join(part for part in (username and f"tài khoản {username}", ip and f"địa chỉ {ip}") if part)
        text = f"Đã mở khoá {who} ({removed} bản ghi đăng nhập sai được xoá)."
        self.emit(options, {"username": username, "ip_address": ip, "removed": removed}, text)
