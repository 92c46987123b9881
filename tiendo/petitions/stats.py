"""The petitions' reports over the records: the per-agency table and the six-monthly report (the arithmetic is
tiendo.domain.petitions.report's), each with its workbook. Who sees which rows is the access layer's: the
province's staff every agency, an officer its own agency's petitions (as the responsible agency), an investor or
a visitor none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from tiendo.agencies.models import Agency
from tiendo.core import access
from tiendo.core.spreadsheets import print_on_a4, report_book
from tiendo.domain import access as role_table
from tiendo.domain.petitions.report import (
    RESULTS,
    AgencyTable,
    Facts,
    HalfYearReport,
    Period,
    agency_table,
    half_year_report,
)
from tiendo.domain.text import search_key
from tiendo.workdays.calendar import work_calendar

from .models import Channel, Kind, Petition, Topic

CAPABILITY = "read_petition_reports"

RESULT_LABELS_VI = {
    "answered_on_time": "Đã trả lời đúng hạn",
    "answered_late": "Đã trả lời quá hạn",
    "open_in_time": "Đang xử lý, trong hạn",
    "open_overdue": "Đang xử lý, quá hạn",
    "not_accepted": "Không tiếp nhận, hướng dẫn nơi khác",
    "merged": "Gộp vào kiến nghị trùng",
    "withdrawn": "Rút kiến nghị",
}


def report_petitions(user):
    """The petitions a user's reports count: all for staff, an officer's agency's as the responsible agency."""
    kind = access.scope(user, role_table.petition_scope)
    petitions = access.visible(user, Petition)
    if kind == role_table.Scope.ALL:
        return petitions
    if kind == role_table.Scope.AGENCY:
        return Petition.objects.filter(pk__in=petitions.values("pk"), agency_id__in=access.actor_of(user).agency_ids)
    raise PermissionDenied


_FIELDS = (
    "agency_id", "received_on", "state", "kind", "topic", "channel", "due_on", "answered_on", "rating", "rated_on",
)  # fmt: skip


def facts_of(petitions) -> list[Facts]:
    return [
        Facts(
            agency=row["agency_id"],
            received_on=row["received_on"],
            state=row["state"],
            kind=row["kind"],
            topic=row["topic"],
            channel=row["channel"],
            due_on=row["due_on"],
            answered_on=row["answered_on"],
            rating=row["rating"],
            rated_on=row["rated_on"],
        )
        for row in petitions.values(*_FIELDS)
    ]


def _agencies(ids) -> dict[int, Agency]:
    return {a.pk: a for a in Agency.objects.filter(pk__in=[i for i in ids if i is not None])}


@dataclass
class NamedTable:
    table: AgencyTable
    names: dict[Any, str]  # agency id -> name in the page's language
    names_vi: dict[Any, str]
    codes: dict[Any, str]

    def rows(self):
        return [(self.names[row.agency], self.codes[row.agency], row) for row in self.table.rows]

    def as_dict(self) -> dict[str, Any]:
        def one(row) -> dict[str, Any]:
            return {
                "received": row.received,
                "answered": row.answered,
                "answered_on_time": row.on_time,
                "answered_late": row.late,
                "open_overdue": row.open_overdue,
                "average_working_days": None if row.average_days is None else str(row.average_days),
                "rated": row.rated,
                "satisfied": row.satisfied,
                "satisfaction_percent": None if row.satisfaction is None else str(row.satisfaction),
            }

        return {
            "from": self.table.period.start,
            "to": self.table.period.end,
            "day": self.table.day,
            "rows": [
                {"agency": self.codes[row.agency] or None, "name": self.names_vi[row.agency], **one(row)}
                for row in self.table.rows
            ],
            "total": one(self.table.total),
        }


def _unrouted() -> str:
    return str(translation.gettext("Not yet routed"))


def build_agency_table(user, period: Period, today: date | None = None) -> NamedTable:
    today = today or timezone.localdate()
    petitions = report_petitions(user).filter(received_on__lte=period.end)
    facts = facts_of(petitions)
    years = {period.start.year, period.end.year, *(f.received_on.year for f in facts)}
    calendar = work_calendar(years)
    agencies = _agencies({f.agency for f in facts})
    names = {pk: a.display_name for pk, a in agencies.items()} | {None: _unrouted()}
    names_vi = {pk: a.name for pk, a in agencies.items()} | {None: "Chưa giao cơ quan"}
    codes = {pk: a.code for pk, a in agencies.items()} | {None: ""}

    def order(row):
        return (-row.open_overdue, -row.late, -row.received, search_key(names[row.agency]))

    table = agency_table(facts, period, today, calendar, sort_key=order)
    return NamedTable(table, names, names_vi, codes)


@dataclass
class NamedHalfYear:
    report: HalfYearReport
    year: int
    half: int
    names: dict[Any, str]
    names_vi: dict[Any, str]
    codes: dict[Any, str]

    def agency_rows(self):
        rows = [(self.names[pk], self.codes[pk], counts) for pk, counts in self.report.by_agency.items()]
        return sorted(rows, key=lambda r: (-r[2]["received"], search_key(r[0])))

    def labelled(self, counts: dict[str, int], choices) -> list[tuple[str, str, int]]:
        """(value, label, count) for every choice, in the choices' order, then anything unknown."""
        labels = dict(choices)
        rows = [(value, str(label), counts.get(value, 0)) for value, label in labels.items()]
        return rows + [(value, value or "—", count) for value, count in counts.items() if value not in labels]

    def as_dict(self) -> dict[str, Any]:
        r = self.report
        return {
            "year": self.year,
            "half": self.half,
            "from": r.period.start,
            "to": r.period.end,
            "day": r.day,
            "received": r.received,
            "carried_over": r.carried_over,
            "forwarded": r.forwarded,
            "by_channel": r.by_channel,
            "by_kind": {key or "unclassified": value for key, value in r.by_kind.items()},
            "by_topic": r.by_topic,
            "by_agency": [
                {"agency": self.codes[pk] or None, "name": self.names_vi[pk], **counts}
                for pk, counts in r.by_agency.items()
            ],
            "results": r.results,
        }


def build_half_year(user, year: int, half: int, today: date | None = None) -> NamedHalfYear:
    today = today or timezone.localdate()
    period = Period.half(year, half)
    facts = facts_of(report_petitions(user).filter(received_on__lte=period.end))
    report = half_year_report(facts, period, today)
    agencies = _agencies(report.by_agency)
    names = {pk: a.display_name for pk, a in agencies.items()} | {None: _unrouted()}
    names_vi = {pk: a.name for pk, a in agencies.items()} | {None: "Chưa giao cơ quan"}
    codes = {pk: a.code for pk, a in agencies.items()} | {None: ""}
    return NamedHalfYear(report, year, half, names, names_vi, codes)


# Workbooks -----------------------------------------------------------------------------------------------------

AGENCY_HEADERS = [
    ("STT", 6), ("Cơ quan chủ trì giải quyết", 44), ("Tiếp nhận trong kỳ", 12), ("Đã trả lời trong kỳ", 12),
    ("Trả lời đúng hạn", 12), ("Trả lời quá hạn", 12), ("Đang xử lý, quá hạn", 12),
    ("Số ngày làm việc trung bình để trả lời", 14), ("Số đánh giá", 10), ("Hài lòng", 10), ("Tỷ lệ hài lòng (%)", 11),
]  # fmt: skip


def _agency_cells(row) -> list[Any]:
    return [
        row.received, row.answered, row.on_time, row.late, row.open_overdue,
        None if row.average_days is None else float(row.average_days), row.rated, row.satisfied,
        None if row.satisfaction is None else float(row.satisfaction),
    ]  # fmt: skip


def _write_row(ws, at: int, cells: list[Any], text, count, decimal) -> None:
    for col, value in enumerate(cells):
        if value is None:
            ws.write_blank(at, col, None, count)
        elif isinstance(value, str):
            ws.write_string(at, col, value, text)
        elif isinstance(value, float):
            ws.write_number(at, col, value, decimal)
        else:
            ws.write_number(at, col, value, count)


def write_agency_workbook(named: NamedTable, target) -> None:
    style = report_book(target)
    book = style.book
    decimal = book.add_format({"border": 1, "num_format": "0.0", "valign": "top"})
    bold = book.add_format({"border": 1, "bold": True, "bg_color": "#F3F5F8"})
    ws = book.add_worksheet("Kiến nghị theo cơ quan")
    table = named.table
    ws.write_string(0, 0, "TÌNH HÌNH GIẢI QUYẾT PHẢN ÁNH, KIẾN NGHỊ CỦA DOANH NGHIỆP THEO CƠ QUAN", style.title)
    ws.write_string(
        1, 0,
        f"Từ ngày {table.period.start:%d/%m/%Y} đến ngày {table.period.end:%d/%m/%Y}; "
        f"kiến nghị đang xử lý tính đến hết ngày {table.day:%d/%m/%Y}.",
    )  # fmt: skip
    ws.write_string(
        2, 0, "Đúng hạn: ngày trả lời không muộn hơn thời hạn đang có hiệu lực (đã cộng thời gian chờ doanh nghiệp "
        "bổ sung). Số ngày làm việc tính theo lịch làm việc (trừ ngày nghỉ lễ, Tết và ngày nghỉ bù).", style.note,
    )  # fmt: skip
    header = 4
    for col, (caption, width) in enumerate(AGENCY_HEADERS):
        ws.write_string(header, col, caption, style.head)
        ws.set_column(col, col, width)
    ws.set_row(header, 48)
    at = header
    for number, row in enumerate(table.rows, start=1):
        at = header + number
        _write_row(ws, at, [number, named.names_vi[row.agency], *_agency_cells(row)], style.text, style.count, decimal)
    _write_row(ws, at + 1, ["", "Tổng cộng", *_agency_cells(table.total)], bold, bold, bold)
    ws.freeze_panes(header + 1, 2)
    print_on_a4(ws, header)
    book.close()


def agency_download_name(period: Period) -> str:
    return f"kien-nghi-theo-co-quan-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.xlsx"


def _vi_choices(choices) -> list[tuple[str, str]]:
    with translation.override("vi"):
        return [(value, str(label)) for value, label in choices]


def write_half_year_workbook(named: NamedHalfYear, target) -> None:
    """Decree 20's six-monthly report: the totals, then by channel, kind, topic, the results and each agency."""
    style = report_book(target)
    book = style.book
    ws = book.add_worksheet(f"6 tháng {named.half}-{named.year}")
    r = named.report
    half = "đầu năm" if named.half == 1 else "cuối năm"
    ws.write_string(0, 0, f"BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ 6 THÁNG {half.upper()} {named.year}",
                    style.title)  # fmt: skip
    ws.write_string(
        1, 0, f"Kỳ báo cáo từ ngày {r.period.start:%d/%m/%Y} đến ngày {r.period.end:%d/%m/%Y} "
        f"(Nghị định 20/2008/NĐ-CP); kết quả tính đến hết ngày {r.day:%d/%m/%Y}.", style.note,
    )  # fmt: skip
    ws.set_column(0, 0, 48)
    ws.set_column(1, 9, 12)
    at = 3

    def section(title: str, rows: list[tuple[str, int]]) -> None:
        nonlocal at
        ws.write_string(at, 0, title, style.head)
        ws.write_string(at, 1, "Số lượng", style.head)
        for label, count in rows:
            at += 1
            ws.write_string(at, 0, label, style.text)
            ws.write_number(at, 1, count, style.count)
        at += 2

    section("Tổng hợp", [
        ("Tiếp nhận trong kỳ", r.received), ("Kỳ trước chuyển sang (đang xử lý)", r.carried_over),
        ("Chuyển cơ quan có thẩm quyền", r.forwarded),
    ])  # fmt: skip
    section("Theo kênh tiếp nhận", [(label, r.by_channel.get(v, 0)) for v, label in _vi_choices(Channel.choices)])
    kinds = [(label, r.by_kind.get(v, 0)) for v, label in _vi_choices(Kind.choices)]
    section("Theo loại (Điều 9 Nghị định 20)", [*kinds, ("Chưa phân loại", r.by_kind.get("", 0))])
    section("Theo lĩnh vực", [(label, r.by_topic.get(v, 0)) for v, label in _vi_choices(Topic.choices)])
    section("Theo kết quả", [(RESULT_LABELS_VI[key], r.results[key]) for key in RESULTS])
    headers = ["Cơ quan", "Tiếp nhận", *(RESULT_LABELS_VI[key] for key in RESULTS)]
    for col, caption in enumerate(headers):
        ws.write_string(at, col, caption, style.head)
    ws.set_row(at, 48)
    for name_vi, counts in sorted(
        ((named.names_vi[pk], counts) for pk, counts in r.by_agency.items()), key=lambda x: -x[1]["received"]
    ):
        at += 1
        ws.write_string(at, 0, name_vi, style.text)
        for col, key in enumerate(("received", *RESULTS), start=1):
            ws.write_number(at, col, counts[key], style.count)
    print_on_a4(ws, 0)
    book.close()


def half_year_download_name(year: int, half: int) -> str:
    return f"bao-cao-kien-nghi-6-thang-{half}-{year}.xlsx"
