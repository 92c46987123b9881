"""`tiendo petitions report --year 2026 --half 1` (Decree 20's six-monthly report) and `tiendo petitions agencies
--from 01/01/2026 --to 30/06/2026` (the per-agency table): the pages' figures (tiendo.petitions.stats), --json,
--xlsx FILE for the workbook, --as USER (an officer gets its own agency's rows)."""

from datetime import date

from django.utils import timezone

from tiendo.domain.petitions.report import RESULTS, Period

from . import stats
from .cli_petitions import _common, _day, guarded
from .stats import RESULT_LABELS_VI


def add_arguments(sub) -> None:
    report = sub.add_parser("report", help="the six-monthly report (Decree 20): counts by channel, kind, topic, result")
    _common(report)
    report.add_argument("--year", type=int, default=None, help="default: this year")
    report.add_argument("--half", type=int, default=None, choices=(1, 2), help="1: 1/1–30/6, 2: 1/7–31/12")
    report.add_argument("--xlsx", default="", help="also write the workbook to this file")
    report.set_defaults(handler=report_command)

    agencies = sub.add_parser("agencies", help="per responsible agency: received, answered on time, late, ...")
    _common(agencies)
    agencies.add_argument("--from", dest="start", default="", help="dd/mm/yyyy (default: 1 January)")
    agencies.add_argument("--to", dest="end", default="", help="dd/mm/yyyy (default: today)")
    agencies.add_argument("--xlsx", default="", help="also write the workbook to this file")
    agencies.set_defaults(handler=agencies_command)


def report_command(command, options) -> None:
    today = timezone.localdate()
    year = options["year"] or today.year
    half = options["half"] or (1 if today.month <= 6 else 2)

    def run(user):
        named = stats.build_half_year(user, year, half, today=today)
        if options["xlsx"]:
            stats.write_half_year_workbook(named, options["xlsx"])
        return named

    _, named = guarded(command, options, "xem báo cáo kiến nghị", run)
    r = named.report
    lines = [
        f"Báo cáo 6 tháng {'đầu' if half == 1 else 'cuối'} năm {year} "
        f"({r.period.start:%d/%m/%Y}–{r.period.end:%d/%m/%Y}):",
        f"tiếp nhận {r.received}, kỳ trước chuyển sang {r.carried_over}, chuyển cơ quan có thẩm quyền {r.forwarded}.",
    ]
    lines += [f"{RESULT_LABELS_VI[key]}: {r.results[key]}" for key in RESULTS]
    command.emit(options, named.as_dict(), "\n".join(lines))


def agencies_command(command, options) -> None:
    today = timezone.localdate()

    def run(user):
        end = _day(options["end"]) or today
        start = _day(options["start"]) or date(end.year, 1, 1)
        if start > end:
            from django.core.exceptions import ValidationError

            raise ValidationError("Ngày đầu kỳ sau ngày cuối kỳ.")
        named = stats.build_agency_table(user, Period(start, end), today=today)
        if options["xlsx"]:
            stats.write_agency_workbook(named, options["xlsx"])
        return named

    _, named = guarded(command, options, "xem bảng kiến nghị theo cơ quan", run)
    lines = [
        f"{named.names_vi[row.agency]}: tiếp nhận {row.received}, trả lời {row.answered} "
        f"(đúng hạn {row.on_time}, quá hạn {row.late}), đang quá hạn {row.open_overdue}"
        for row in named.table.rows
    ]
    command.emit(options, named.as_dict(), "\n".join(lines) or "Không có kiến nghị trong kỳ.")
