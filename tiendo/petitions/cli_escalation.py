"""`tiendo petitions remind [--day dd/mm/yyyy] [--json] [--as USER]`: the escalation ladder of a day, as the
nightly `tiendo remind` runs it: reminders to officers, heads of agencies told, overdue petitions put on the
leaders' agenda, the leaders' tasks of answered petitions closed. Running it twice adds nothing."""

from django.core.management.base import CommandError
from django.utils import timezone

from tiendo.core import access
from tiendo.core.commands import parse_day

from . import escalation


def add_arguments(sub) -> None:
    remind = sub.add_parser("remind", help="the escalation ladder of a day (reminders, heads, leaders' agenda)")
    remind.add_argument("--day", default="", help="the day, dd/mm/yyyy (default: today)")
    remind.add_argument("--json", action="store_true", help="print the result as JSON")
    remind.add_argument("--as", dest="actor", default=None, help="user name acted as (default: admin)")
    remind.set_defaults(handler=remind_command)


def remind_command(command, options) -> None:
    day = parse_day(options["day"]) if options.get("day") else timezone.localdate()
    if day > timezone.localdate():
        raise CommandError(f"Ngày {day:%d/%m/%Y} chưa đến: không nhắc trước cho một ngày trong tương lai.")
    user = command.actor(options)
    if not access.can(user, "manage_petitions"):
        raise CommandError(f"Không có quyền chạy nhắc việc kiến nghị (chuyên viên, quản trị): {user.username}.")
    result = escalation.run(day, actor=user)
    command.emit(options, result.as_dict(), result.text())
