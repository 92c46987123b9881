"""The standard per-agency task summary and the traffic lights built on it (issue 4, item 3).

Period semantics, the same on the page, in the workbook and in `tiendo task_summary`:

- the tasks counted for a period [start, end] are those *live during the period*: assigned on or before `end`
  (`Task.assigned_on`) and not completed before `start` (still open, or completed on `start` or later);
- each is judged at the end of the period, or today if the period has not ended (`min(end, today)`), by the
  rules of `tiendo.domain.tasks.status_on`: work completed after that day counts as not done in the period;
- by default against today's deadline (after approved extensions); `original=True` judges against the deadline
  first given, since reports use both;
- a row per lead agency: cooperating agencies answer for their part to the lead, so a task counts once.

The counts are made in the database in one grouped query (`Task.objects.with_status(day)` + `Count(filter=...)`),
so the table stays fast with tens of thousands of tasks; a test keeps them equal to `tiendo.domain.tasks.summarise`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from tiendo.agencies.models import AdminUnit, Agency
from tiendo.core import access as core_access
from tiendo.core.spreadsheets import print_on_a4, report_book
from tiendo.domain.access import Scope, task_scope
from tiendo.domain.tasks import Light, Summary, TaskStatus, light
from tiendo.domain.text import search_key

from .access import tasks_for_user
from .models import Directive

COUNTS = ("total", "done_on_time", "done_late", "in_progress", "overdue", "standing")
SORTS = ("overdue", "name")
COUNT_LABELS = {
    "total": _("Total"),
    "done_on_time": _("Done on time"),
    "done_late": _("Done late"),
    "in_progress": _("In progress"),
    "overdue": _("Overdue"),
    "standing": _("Standing"),
}
LIGHT_LABELS = {Light.GREEN: _("Green"), Light.YELLOW: _("Yellow"), Light.RED: _("Red")}
LIGHT_NAMES_VI = {Light.GREEN: "Xanh", Light.YELLOW: "Vàng", Light.RED: "Đỏ"}


@dataclass(frozen=True, eq=False)
class ExtraCount:
    """Records of an app above directives that count in the agencies' lights (petitions: the overdue ones):
    `count(period, day, agency_ids)` gives {agency_id: (counted, overdue)} for the agencies in `agency_ids` (None:
    all) — counted in the period, overdue at the end of `day`; an overdue one weighs in the light as an overdue
    task does. `label` heads the table's column of the overdue ones, `label_vi` the workbook's."""

    name: str
    label: Any
    label_vi: str
    count: Callable[[Any, date, Any], dict[int, tuple[int, int]]]


# filled by the apps' ready(); with nothing registered, or nothing counted, the table is the tasks' alone
EXTRA_COUNTS: list[ExtraCount] = []

# local government: communes and wards (and, before 07/2025, districts) answer to the province as localities
LOCAL_LEVELS = (AdminUnit.Level.COMMUNE, AdminUnit.Level.DISTRICT)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def year_to_date(cls, today: date) -> Period:
        return cls(date(today.year, 1, 1), today)

    def judged_on(self, today: date) -> date:
        """A period not yet over is judged on what is known today."""
        return min(self.end, today)


@dataclass(frozen=True)
class SummaryQuery:
    period: Period
    original: bool = False
    directive: Directive | None = None
    kind: str = ""
    sort: str = "overdue"


@dataclass
class Row:
    agency_id: int | None
    code: str
    name: str  # in the page's language
    name_vi: str  # for the workbook, whose headers are Vietnamese
    kind: str
    local: bool
    summary: Summary
    light: Light
    links: dict[str, str] = field(default_factory=dict)
    html: dict[str, str] = field(default_factory=dict)  # the page's pieces of this row (reports_html.py)
    extras: dict[str, tuple[int, int]] = field(default_factory=dict)  # EXTRA_COUNTS': name -> (counted, overdue)

    @property
    def done_on_time_share(self) -> float | None:
        """Done on time among the tasks done; none when nothing is done yet."""
        done = self.summary.done
        return self.summary.done_on_time / done if done else None

    @property
    def overdue_share(self) -> float:
        return self.summary.overdue_share

    @property
    def done_on_time_percent(self) -> Decimal | None:
        """Exact, for the page's number filter (which rounds half away from zero)."""
        done = self.summary.done
        return Decimal(100 * self.summary.done_on_time) / done if done else None

    @property
    def overdue_percent(self) -> Decimal:
        judged = self.summary.total - self.summary.standing
        return Decimal(100 * self.summary.overdue) / judged if judged else Decimal(0)

    @property
    def cells(self) -> list[tuple[int, str]]:
        """Each count with the task-board link that lists it (none for a zero)."""
        return [(value, self.links.get(name, "") if value else "") for name, value in self.counts()]

    @property
    def labelled_cells(self) -> list[tuple[str, int, str]]:
        return [(COUNT_LABELS[name], value, self.links.get(name, "") if value else "") for name, value in self.counts()]

    def counts(self) -> list[tuple[str, int]]:
        return [(name, getattr(self.summary, name)) for name in COUNTS]

    @property
    def light_label(self):
        return LIGHT_LABELS[self.light]

    def as_dict(self) -> dict[str, Any]:
        counts = {name: getattr(self.summary, name) for name in COUNTS}
        return {
            "code": self.code,
            "name": self.name_vi,
            "kind": self.kind,
            "local": self.local,
            **counts,
            "done_on_time_share": _round(self.done_on_time_share),
            "overdue_share": _round(self.overdue_share),
            **{f"{name}_counted": counted for name, (counted, _overdue) in self.extras.items()},
            **{f"{name}_overdue": overdue for name, (_counted, overdue) in self.extras.items()},
            "light": self.light.value,
        }

    def extra_overdue(self, name: str) -> int:
        return self.extras.get(name, (0, 0))[1]


@dataclass
class SummaryReport:
    query: SummaryQuery
    day: date  # the day the statuses are judged on
    rows: list[Row]
    total: Row
    yellow_from: float
    red_from: float
    html: dict[str, str] = field(default_factory=dict)  # the page's rendered blocks (views_reports.py)
    extras: list[ExtraCount] = field(default_factory=list)  # those with something counted in this report

    @property
    def agencies(self) -> list[Row]:
        return [row for row in self.rows if not row.local]

    @property
    def communes(self) -> list[Row]:
        return [row for row in self.rows if row.local]

    def light_counts(self, rows: list[Row] | None = None) -> dict[str, int]:
        counts = {value.value: 0 for value in Light}
        for row in self.rows if rows is None else rows:
            counts[row.light.value] += 1
        return counts

    def as_dict(self) -> dict[str, Any]:
        query = self.query
        return {
            "from": query.period.start,
            "to": query.period.end,
            "day": self.day,
            "original": query.original,
            "directive": query.directive.pk if query.directive else None,
            "kind": query.kind or None,
            "thresholds": {"yellow_from": self.yellow_from, "red_from": self.red_from},
            "rows": [row.as_dict() for row in self.rows],
            "total": {k: v for k, v in self.total.as_dict().items() if k not in ("code", "name", "kind", "local")},
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def thresholds() -> tuple[float, float]:
    """The light thresholds of this installation (TIENDO_LIGHT_YELLOW_FROM, TIENDO_LIGHT_RED_FROM)."""
    return (
        float(getattr(settings, "TIENDO_LIGHT_YELLOW_FROM", 0.0)),
        float(getattr(settings, "TIENDO_LIGHT_RED_FROM", 0.2)),
    )


def summary_tasks_for_user(user):
    """The tasks whose counts a user may see: all for the province's staff, an officer's own agency's lead tasks.

    An officer also sees tasks where the agency only cooperates, but the table counts tasks by lead agency and
    another agency's row is not the officer's to see.
    """
    kind = core_access.scope(user, task_scope)
    if kind == Scope.ALL:
        return tasks_for_user(user)
    if kind == Scope.AGENCY:
        return tasks_for_user(user).filter(lead_agency_id__in=core_access.actor_of(user).agency_ids)
    raise PermissionDenied


def live_during(tasks, period: Period):
    """Assigned by the end of the period and not completed before it began."""
    return tasks.filter(assigned_on__lte=period.end).filter(
        Q(completed_on__isnull=True) | Q(completed_on__gte=period.start)
    )


def count_by_agency(tasks, day: date, *, original: bool = False) -> dict[int, Summary]:
    """One grouped query: each lead agency's tasks by their status at the end of `day`."""
    per_status = {status.value: Count("pk", filter=Q(status=status.value)) for status in TaskStatus}
    rows = (
        tasks.with_status(day, original=original)
        .order_by()
        .values("lead_agency")
        .annotate(total=Count("pk"), **per_status)
    )
    return {row["lead_agency"]: Summary(**{name: row[name] for name in COUNTS}) for row in rows}


def extra_counts(user, query: SummaryQuery, day: date) -> dict[ExtraCount, dict[int, tuple[int, int]]]:
    """The registered apps' counts by agency, in the user's scope; none for a directive's tasks alone."""
    if query.directive is not None or not EXTRA_COUNTS:
        return {}
    agency_ids: Any = None
    if core_access.scope(user, task_scope) != Scope.ALL:
        agency_ids = sorted(core_access.actor_of(user).agency_ids)
    if query.kind:
        of_kind = Agency.objects.filter(kind=query.kind)
        agency_ids = of_kind.values("pk") if agency_ids is None else of_kind.filter(pk__in=agency_ids).values("pk")
    found = {extra: extra.count(query.period, day, agency_ids) for extra in EXTRA_COUNTS}
    return {extra: counts for extra, counts in found.items() if counts}


def combined_light(summary: Summary, extras: dict[str, tuple[int, int]], yellow_from: float, red_from: float):
    """The light of an agency's tasks and its other counted records: an overdue petition weighs as an overdue
    task. With no other record, the tasks' light as it always was."""
    counted = sum(c for c, _o in extras.values())
    if not counted:
        return light(summary, yellow_from, red_from)
    overdue = sum(o for _c, o in extras.values())
    both = replace(
        summary,
        total=summary.total + counted,
        overdue=summary.overdue + overdue,
        in_progress=summary.in_progress + counted - overdue,
    )
    return light(both, yellow_from, red_from)


def _light_share(row: Row) -> float:
    """The share the light is set by: the tasks' own, or with the other counted records (an overdue petition
    weighs as an overdue task)."""
    counted = sum(c for c, _o in row.extras.values())
    if not counted:
        return row.overdue_share
    judged = row.summary.total - row.summary.standing + counted
    return (row.summary.overdue + sum(o for _c, o in row.extras.values())) / judged


def build_summary(user, query: SummaryQuery, today: date | None = None) -> SummaryReport:
    """The rows a user may see for the query, sorted, with a totals row and each row's light."""
    today = today or timezone.localdate()
    day = query.period.judged_on(today)
    tasks = live_during(summary_tasks_for_user(user), query.period)
    if query.directive is not None:
        tasks = tasks.filter(directive=query.directive)
    if query.kind:
        tasks = tasks.filter(lead_agency__kind=query.kind)
    counts = count_by_agency(tasks, day, original=query.original)
    others = extra_counts(user, query, day)
    by_agency: dict[int, dict[str, tuple[int, int]]] = {}
    for extra, found in others.items():
        for agency_id, pair in found.items():
            by_agency.setdefault(agency_id, {})[extra.name] = pair
    yellow_from, red_from = thresholds()
    agencies = Agency.objects.filter(pk__in=set(counts) | set(by_agency)).select_related("admin_unit")
    names = [extra.name for extra in others]
    rows = []
    for agency in agencies:
        summary = counts.get(agency.pk) or Summary()
        extras = {name: by_agency.get(agency.pk, {}).get(name, (0, 0)) for name in names}
        rows.append(
            Row(
                agency_id=agency.pk,
                code=agency.code,
                name=agency.display_name,
                name_vi=agency.name,
                kind=agency.kind,
                local=is_local(agency),
                summary=summary,
                light=combined_light(summary, extras, yellow_from, red_from),
                extras=extras,
            )
        )
    if query.sort == "name":
        rows.sort(key=lambda row: (search_key(row.name), row.name, row.code))
    else:
        rows.sort(key=lambda row: (-_light_share(row), -row.summary.overdue, search_key(row.name), row.code))
    total = Summary()
    extra_totals = dict.fromkeys(names, (0, 0))
    for row in rows:
        total.merge(row.summary)
        for name, (counted, overdue) in row.extras.items():
            extra_totals[name] = (extra_totals[name][0] + counted, extra_totals[name][1] + overdue)
    total_light = combined_light(total, extra_totals, yellow_from, red_from)
    total_row = Row(None, "", "", "Tổng cộng", "", False, total, total_light, extras=extra_totals)
    return SummaryReport(query, day, rows, total_row, yellow_from, red_from, extras=list(others))


def is_local(agency: Agency) -> bool:
    """A commune's or ward's People's Committee (or a district's, where districts existed)."""
    if agency.kind == Agency.Kind.COMMUNE:
        return True
    unit = agency.admin_unit
    return agency.kind == Agency.Kind.PEOPLES_COMMITTEE and unit is not None and unit.level in LOCAL_LEVELS


# ---------------------------------------------------------------------------------------------------------------
# The workbook

HEADERS = [
    ("STT", 6),
    ("Mã cơ quan", 14),
    ("Cơ quan chủ trì", 44),
    ("Tổng số nhiệm vụ", 11),
    ("Hoàn thành đúng hạn", 12),
    ("Hoàn thành quá hạn", 12),
    ("Đang thực hiện, trong hạn", 13),  # the screens' words (STATUS_LABELS in Vietnamese)
    ("Quá hạn", 13),
    ("Nhiệm vụ thường xuyên", 12),
    ("Tỷ lệ hoàn thành đúng hạn (trên số đã hoàn thành)", 15),
    ("Tỷ lệ quá hạn", 11),
    ("Mức cảnh báo", 11),
]


def headers(report: SummaryReport) -> list[tuple[str, int]]:
    """HEADERS, with a column of each registered app's overdue records before the light when any is counted."""
    return [*HEADERS[:-1], *((extra.label_vi, 12) for extra in report.extras), HEADERS[-1]]


def table_rows(report: SummaryReport):
    """The workbook's body, in the order of headers(report): numbers as numbers, shares as fractions."""
    for number, row in enumerate(report.rows, start=1):
        yield [number, row.code, row.name_vi, *_cells(row, report)]


def _cells(row: Row, report: SummaryReport | None = None) -> list[Any]:
    s = row.summary
    extras = [row.extra_overdue(extra.name) for extra in report.extras] if report is not None else []
    return [
        s.total,
        s.done_on_time,
        s.done_late,
        s.in_progress,
        s.overdue,
        s.standing,
        row.done_on_time_share,
        row.overdue_share,
        *extras,
        LIGHT_NAMES_VI[row.light],
    ]


def describe_vi(report: SummaryReport) -> list[str]:
    """The lines under the title: period, day judged, deadline used, filters."""
    query = report.query
    lines = [
        f"Từ ngày {query.period.start:%d/%m/%Y} đến ngày {query.period.end:%d/%m/%Y}; "
        f"tình trạng tính đến hết ngày {report.day:%d/%m/%Y}; "
        + ("theo thời hạn giao ban đầu." if query.original else "theo thời hạn hiện hành (kể cả gia hạn đã duyệt).")
    ]
    filters = []
    if query.directive is not None:
        filters.append(f"văn bản {query.directive}")
    if query.kind:
        with translation.override("vi"):
            filters.append(f"loại cơ quan: {Agency.Kind(query.kind).label}")
    if filters:
        lines.append("Lọc theo " + "; ".join(filters) + ".")
    lines.append(
        "Nhiệm vụ tính trong kỳ: giao đến hết ngày cuối kỳ và chưa hoàn thành trước ngày đầu kỳ. "
        "Tỷ lệ quá hạn tính trên số nhiệm vụ có thời hạn (không kể nhiệm vụ thường xuyên)."
    )
    return lines


def write_workbook(report: SummaryReport, target) -> int:
    """The summary as a printable .xlsx (landscape A4, title with the period, totals row); returns the rows."""
    style = report_book(target)
    book, title, note, head, text, count = (
        style.book,
        style.title,
        style.note,
        style.head,
        style.text,
        style.count,
    )
    ws = book.add_worksheet("Tổng hợp nhiệm vụ")
    share = book.add_format({"border": 1, "num_format": "0.0%", "valign": "top"})
    bold = {"bold": True, "bg_color": "#F3F5F8", "top": 2}
    total_text = book.add_format({**bold, "border": 1})
    total_count = book.add_format({**bold, "border": 1, "num_format": "#,##0"})
    total_share = book.add_format({**bold, "border": 1, "num_format": "0.0%"})
    light_formats = {
        name: book.add_format({"border": 1, "bold": True, "align": "center", "bg_color": bg, "font_color": fg})
        for name, bg, fg in (
            ("Xanh", "#E3F4E8", "#1B7F3B"),
            ("Vàng", "#FFF4D6", "#8A5300"),
            ("Đỏ", "#FBE9E7", "#B3261E"),
        )
    }

    ws.write_string(0, 0, "BẢNG TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO", title)
    lines = describe_vi(report)
    for offset, line in enumerate(lines, start=1):
        ws.write_string(offset, 0, line, note if offset == len(lines) else None)
    header_row = len(lines) + 2
    for col, (caption, width) in enumerate(headers(report)):
        ws.write_string(header_row, col, caption, head)
        ws.set_column(col, col, width)
    ws.set_row(header_row, 48)

    def write(number: int, cells: list[Any], fmt_text, fmt_count, fmt_share) -> None:
        for col, value in enumerate(cells):
            if col == len(cells) - 1:
                ws.write_string(number, col, value, light_formats[value])
            elif value is None:
                ws.write_blank(number, col, None, fmt_share)
            elif isinstance(value, str):
                ws.write_string(number, col, value, fmt_text)
            elif isinstance(value, float):
                ws.write_number(number, col, value, fmt_share)
            else:
                ws.write_number(number, col, value, fmt_count)

    first = header_row + 1
    written = 0
    for written, cells in enumerate(table_rows(report), start=1):
        write(first + written - 1, cells, text, count, share)
    total_at = first + written
    total_cells = ["", "", report.total.name_vi, *_cells(report.total, report)]
    write(total_at, total_cells, total_text, total_count, total_share)

    ws.freeze_panes(first, 3)
    print_on_a4(ws, header_row)
    book.close()
    return written


def download_name(period: Period) -> str:
    return f"tong-hop-nhiem-vu-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.xlsx"
