"""What tiendo's data commands share: --json output, --as USER for permissions and history, Vietnamese errors."""

import json
import sys
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Model
from django.http import Http404

from tiendo.core import access
from tiendo.domain.input_checks import Refused, decode_text, load_json
from tiendo.domain.tabular import parse_date


class SentenceRefusals:
    """From the command line a refusal is its Vietnamese sentence alone on standard error (the contracts' shape:
    one sentence naming the field), without Django's "CommandError:" in front; called from code, or with
    --traceback, the error is raised as usual."""

    def run_from_argv(self, argv):
        self._from_command_line = True
        super().run_from_argv(argv)  # type: ignore[misc]

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)  # type: ignore[misc]
        except CommandError as error:
            if not getattr(self, "_from_command_line", False) or options.get("traceback"):
                raise
            self.stderr.write(str(error))  # type: ignore[attr-defined]
            sys.exit(error.returncode)


class DataCommand(BaseCommand):
    def add_json_argument(self, parser):
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def add_actor_argument(self, parser):
        parser.add_argument(
            "--as",
            dest="actor",
            default=None,
            help="user name the change is made as (history); default: 'admin', or the only active administrator",
        )

    def add_version_argument(self, parser):
        parser.add_argument("--expect-version", type=int, help="refuse if the record is no longer at this version")

    def actor(self, options):
        User = get_user_model()
        if options.get("actor") is None:
            return default_actor()
        try:
            return User.objects.get(username=options["actor"], is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"Không có người dùng đang hoạt động tên '{options['actor']}'.") from None

    def emit(self, options, data, text: str = "") -> None:
        if options.get("json"):
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))
        else:
            self.stdout.write(text or json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))


class ActionCommand(DataCommand):
    """A command with subcommands, each a `do_<action>(user, options)` method; a record the user may not see and
    an action the role may not take are refused in Vietnamese, naming the record or the action."""

    denied: Mapping[str, str] = {}  # action -> what the user may not do, e.g. "sửa nhiệm vụ"

    def missing(self, action: str, options) -> str:
        """The record asked for, e.g. "nhiệm vụ #12"."""
        raise NotImplementedError

    def handle(self, *args, action, **options):
        user = self.actor(options)
        try:
            getattr(self, f"do_{action}")(user, options)
        except Http404:
            raise CommandError(f"Không tìm thấy {self.missing(action, options)} (hoặc không có quyền).") from None
        except PermissionDenied:
            raise CommandError(f"Không có quyền {self.denied[action]}: {user.username}.") from None


def default_actor():
    """Who a command acts as without --as: the account named 'admin' (the demo's), else the installation's only
    active administrator (the one `tiendo setup` created); several or none are refused, saying what to do."""
    User = get_user_model()
    active = User.objects.filter(is_active=True)
    named = active.filter(username="admin").first()
    if named is not None:
        return named
    admins = list(access.users_with("manage_users").order_by("username")[:6])  # the administrators
    if len(admins) == 1:
        return admins[0]
    if not admins:
        raise CommandError(
            "Chưa có quản trị viên nào đang hoạt động: chạy tiendo setup --province TỈNH --admin TÊN trước, "
            "hoặc ghi --as TÊN người thực hiện."
        )
    names = ", ".join(admin.username for admin in admins[:5]) + (", ..." if len(admins) > 5 else "")
    raise CommandError(f"Có nhiều quản trị viên ({names}): ghi --as TÊN để chọn người thực hiện thay đổi.")


def invalid(errors: Mapping[str, Iterable[str]]) -> CommandError:
    """A form's (or a model's) validation errors as one line: "field: message; field: message"."""
    return CommandError("; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items()))


def parse_day(value: str) -> date:
    """Accept 2025-03-01 and 01/03/2025, as users type both: the same reader as the workbook import."""
    try:
        return parse_date(value)
    except ValueError:
        raise CommandError(f"Ngày không hợp lệ: '{value}' (dùng dd/mm/yyyy hoặc yyyy-mm-dd).") from None


def _json_default(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Model):
        return str(value)
    raise TypeError(type(value))


UNREADABLE = 2  # exit status for a file refused before its content is checked: encoding, byte-order mark, nesting


def unreadable(message: str) -> CommandError:
    """A refused input file: one sentence on stderr and exit status 2, not a traceback."""
    return CommandError(message, returncode=UNREADABLE)


def _where(name: str) -> str:
    return "Dữ liệu vào" if name == "-" else f"Tệp '{name}'"


def read_text(name: str) -> str:
    """A text file (or standard input, for "-") decoded strictly as UTF-8, its byte-order mark allowed. Any other
    encoding is refused, never guessed."""
    if name == "-":
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8", "surrogatepass")
    else:
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp '{name}'.")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise unreadable(f"Không đọc được tệp '{name}' ({error.strerror}).") from None
    try:
        return decode_text(data)
    except Refused as refused:
        raise unreadable(refused.about(_where(name))) from None


def read_json(name: str) -> object:
    """The file's JSON (or standard input's, for "-"): strict UTF-8, bounded nesting, no NaN, no NUL or lone
    surrogate; a Vietnamese line (with the place of a syntax error) and exit status 2 otherwise."""
    text = read_text(name)
    try:
        return load_json(text)
    except Refused as refused:
        raise unreadable(refused.about(_where(name))) from None
