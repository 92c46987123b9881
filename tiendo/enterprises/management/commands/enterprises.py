from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.http import Http404

from tiendo.audit.history import history_entries
from tiendo.core import access as core_access
from tiendo.core.commands import DataCommand, invalid
from tiendo.enterprises.access import enterprises_for_user, get_enterprise_for_user
from tiendo.enterprises.forms import EnterpriseForm
from tiendo.enterprises.models import Enterprise
from tiendo.enterprises.services import delete_enterprise, restore_enterprise, save_enterprise

FIELDS = EnterpriseForm.Meta.fields


def enterprise_row(e: Enterprise) -> dict:
    return {"id": e.pk, **{name: getattr(e, name) for name in FIELDS}, "deleted_at": e.deleted_at, "version": e.version}


class Command(DataCommand):
    help = "Enterprises (investors, project owners): list, show, create, update, delete, restore."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list")
        listing.add_argument("--search", default="")
        listing.add_argument("--deleted", action="store_true")
        for name in ("show", "delete", "restore"):
            p = sub.add_parser(name)
            p.add_argument("id", type=int)
            self.add_json_argument(p)
            self.add_actor_argument(p)
        for name in ("create", "update"):
            p = sub.add_parser(name)
            if name == "update":
                p.add_argument("id", type=int)
                self.add_version_argument(p)
            for field in FIELDS:
                p.add_argument(f"--{field.replace('_', '-')}", dest=field)
            self.add_json_argument(p)
            self.add_actor_argument(p)
        self.add_json_argument(listing)
        self.add_actor_argument(listing)

    def handle(self, *args, action, **options):
        user = self.actor(options)
        try:
            getattr(self, f"do_{action}")(user, options)
        except Http404:
            raise CommandError(f"Không tìm thấy doanh nghiệp #{options.get('id')} (hoặc không có quyền).") from None

    def do_list(self, user, options):
        enterprises = enterprises_for_user(user)
        if options["deleted"]:
            enterprises = core_access.visible(user, Enterprise).deleted()
        enterprises = enterprises.search(options["search"])
        rows = [enterprise_row(e) for e in enterprises.order_by("name")]
        self.emit(options, rows, "\n".join(f"{r['id']:>6} {r['tax_code']:<12} {r['name']}" for r in rows))

    def do_show(self, user, options):
        enterprise = get_enterprise_for_user(user, options["id"], include_deleted=True)
        data = enterprise_row(enterprise)
        data["history"] = [
            {
                "when": e.when,
                "who": e.who,
                "action": e.action,
                "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in e.changes],
            }
            for e in history_entries(enterprise)
        ]
        self.emit(options, data)

    def _save(self, user, options, instance):
        data = {name: getattr(instance, name) for name in FIELDS}
        data |= {name: options[name] for name in FIELDS if options.get(name) is not None}
        data["version"] = options.get("expect_version")
        form = EnterpriseForm(data, instance=instance)
        if not form.is_valid():
            raise invalid(form.errors)
        try:
            enterprise = save_enterprise(form.save(commit=False), actor=user, expected_version=form.expected_version)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.emit(options, enterprise_row(enterprise), f"Đã lưu doanh nghiệp #{enterprise.pk}.")

    def do_create(self, user, options):
        if not core_access.can(user, "manage_enterprises"):
            raise CommandError(f"{user.username} không có quyền tạo doanh nghiệp.")
        self._save(user, options, Enterprise())

    def do_update(self, user, options):
        if not core_access.can(user, "manage_enterprises"):
            raise CommandError(f"{user.username} không có quyền sửa toàn bộ thông tin doanh nghiệp.")
        self._save(user, options, get_enterprise_for_user(user, options["id"], edit=True))

    def do_delete(self, user, options):
        if not core_access.can(user, "manage_enterprises"):
            raise CommandError(f"{user.username} không có quyền xóa doanh nghiệp.")
        enterprise = get_enterprise_for_user(user, options["id"])
        try:
            delete_enterprise(enterprise, actor=user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.emit(options, enterprise_row(enterprise), f"Đã xóa (có thể khôi phục) doanh nghiệp #{enterprise.pk}.")

    def do_restore(self, user, options):
        if not core_access.can(user, "manage_enterprises"):
            raise CommandError(f"{user.username} không có quyền khôi phục doanh nghiệp.")
        enterprise = get_enterprise_for_user(user, options["id"], include_deleted=True)
        restore_enterprise(enterprise, actor=user)
        self.emit(options, enterprise_row(enterprise), f"Đã khôi phục doanh nghiệp #{enterprise.pk}.")
