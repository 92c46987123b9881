"""`tiendo directives`: leaders' documents (conclusions, directives, letters) from the command line."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError

from tiendo.core import access as core_access
from tiendo.core.commands import ActionCommand
from tiendo.core.commands import read_text as read_input
from tiendo.directives import services
from tiendo.directives.access import get_directive_for_user
from tiendo.directives.api import DirectiveDetailOut, DirectiveOut, directive_for_output, directive_listing
from tiendo.directives.forms import DirectiveForm
from tiendo.directives.management.commands.tasks import day_option, failed, history_rows, rejected
from tiendo.directives.models import Directive

FIELDS = DirectiveForm.Meta.fields
# the form's field -> the option a user types
OPTIONS = {
    "kind": "--kind",
    "number": "--number",
    "issued_on": "--date",
    "issuer": "--issuer",
    "signer": "--signer",
    "title": "--title",
    "source": "--source",
    "text": "--text-file",
}
DENIED = {"create": "ghi văn bản chỉ đạo", "edit": "sửa văn bản chỉ đạo", "delete": "xóa văn bản chỉ đạo"}


def read_text(path: str) -> str:
    """The directive's full text from a UTF-8 file (as saved by Word or Notepad, with or without a BOM)."""
    try:
        return read_input(path)
    except CommandError as error:
        raise CommandError(f"--text-file: {error}", returncode=error.returncode) from None


class Command(ActionCommand):
    help = "Leaders' directives (conclusion notices, directives, letters): list, show, create, edit, delete."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="directives the user may see, newest first")
        listing.add_argument("--search", default="", help="number, title, issuer; diacritics optional")
        listing.add_argument("--kind", default="", help=", ".join(Directive.Kind.values))
        listing.add_argument("--limit", type=int, default=100)

        show = sub.add_parser("show", help="a directive with its tasks and their status today")
        show.add_argument("id")

        create = sub.add_parser("create", help="record a directive (specialists)")
        edit = sub.add_parser("edit", help="change a directive (specialists); options not given stay as they are")
        edit.add_argument("id")
        for p in (create, edit):
            p.add_argument("--kind", help=", ".join(Directive.Kind.values))
            p.add_argument("--number", help="as written, e.g. 45/TB-UBND")
            p.add_argument("--date", help="the date issued, dd/mm/yyyy")
            p.add_argument("--issuer", help="the issuing body")
            p.add_argument("--signer")
            p.add_argument("--title")
            p.add_argument("--source", help="a link or a file name")
            p.add_argument("--text-file", help="the full text, a UTF-8 text file")
        edit.add_argument("--reason", default="", help="why (kept in the history)")
        self.add_version_argument(edit)

        delete = sub.add_parser("delete", help="delete a directive without tasks (recoverable; specialists)")
        delete.add_argument("id")
        delete.add_argument("--reason", default="")

        for p in (listing, show, create, edit, delete):
            self.add_json_argument(p)
            self.add_actor_argument(p)

    denied = DENIED

    def missing(self, action, options) -> str:
        return f"văn bản #{options.get('id')}"

    def do_list(self, user, options):
        kind = options["kind"].strip()
        if kind and kind not in Directive.Kind.values:
            kinds = ", ".join(Directive.Kind.values)
            raise CommandError(f"--kind: loại văn bản không hợp lệ '{kind}' (dùng: {kinds}).")
        directives = directive_listing(user, options["search"], kind)
        rows = [DirectiveOut.from_orm(d).model_dump() for d in directives[: options["limit"]]]
        lines = [
            f"{r['id']:>6} {r['issued_on']:%d/%m/%Y} {r['number'] or '—':<16} {r['task_count']:>4} NV  {r['title']}"
            for r in rows
        ]
        self.emit(options, rows, "\n".join(lines) or "Không có văn bản nào.")

    def do_show(self, user, options):
        directive = directive_for_output(user, options["id"])
        data = DirectiveDetailOut.from_orm(directive).model_dump()
        data["history"] = history_rows(directive)
        self.emit(options, data)

    def do_create(self, user, options):
        if not core_access.can(user, "manage_tasks"):
            raise PermissionDenied
        self._save(user, options, Directive())

    def do_edit(self, user, options):
        if not core_access.can(user, "manage_tasks"):
            raise PermissionDenied
        self._save(user, options, get_directive_for_user(user, options["id"]))

    def _save(self, user, options, directive: Directive):
        data = {name: getattr(directive, name) for name in FIELDS}
        data["issued_on"] = directive.issued_on.isoformat() if directive.issued_on else ""
        for name in ("kind", "number", "issuer", "signer", "title", "source"):
            if options.get(name) is not None:
                data[name] = options[name]
        if options.get("date") is not None:
            data["issued_on"] = day_option(options, "date")
        if options.get("text_file"):
            data["text"] = read_text(options["text_file"])
        data["version"] = options.get("expect_version")
        form = DirectiveForm(data, instance=directive)
        if not form.is_valid():
            raise rejected(form, OPTIONS)
        try:
            directive = services.save_directive(
                form.save(commit=False),
                actor=user,
                reason=options.get("reason", ""),
                expected_version=form.expected_version,
            )
        except ValidationError as error:
            raise failed("Không lưu được văn bản", error) from None
        self.emit(
            options,
            DirectiveDetailOut.from_orm(directive_for_output(user, directive.pk)).model_dump(),
            f"Đã lưu văn bản #{directive.pk}.",
        )

    def do_delete(self, user, options):
        """As the page does: only a directive without live tasks goes, so no task loses its source."""
        if not core_access.can(user, "manage_tasks"):
            raise PermissionDenied
        directive = get_directive_for_user(user, options["id"])
        reason = options["reason"].strip()
        if not reason:
            raise CommandError("--reason: cần nêu lý do xóa văn bản.")
        tasks = directive.tasks.alive().count()
        if tasks:
            raise CommandError(
                f"Văn bản #{directive.pk} còn {tasks} nhiệm vụ: hãy xóa hoặc chuyển các nhiệm vụ đó trước."
            )
        services.delete_directive(directive, actor=user, reason=reason)
        directive.task_count = 0
        data = DirectiveOut.from_orm(directive).model_dump() | {"deleted_at": directive.deleted_at}
        self.emit(options, data, f"Đã xóa văn bản #{directive.pk} (quản trị viên có thể khôi phục).")
