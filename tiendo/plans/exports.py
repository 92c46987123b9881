"""A plan version as the People's Council's appendices print it: the Excel table and the PDF of the same rows.

Rows come from one generator (`appendix_rows`): the total, then per capital source (I, II...) and within it per
tier of priority (the law's letter: a, b, c...), each with its subtotal, then the projects. Columns as in the
appendices attached to a provincial People's Council resolution: approved plan, increase, cut, plan after the
adjustment, in million đồng. The appendix is filed in Vietnamese, whatever the reader's language.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone, translation

from tiendo.agencies.models import Installation
from tiendo.core.spreadsheets import print_on_a4, report_book
from tiendo.domain.allocation import POINTS_2024, TIER_LABELS, Tier
from tiendo.domain.money import TRIEU, format_vnd

from .bodies import body_name
from .models import TIERS, PlanItem, PlanLine, PlanVersion, Source

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI"]
PANGO_MISSING = "Máy chủ thiếu thư viện Pango để tạo PDF: cài libpango-1.0-0 libpangoft2-1.0-0"
AMOUNTS = ("before", "increase", "cut", "after")


class PdfUnavailable(Exception):
    """WeasyPrint could not load its system libraries: the message says which packages to install."""


@dataclass
class Row:
    kind: str  # total, source, tier, project
    number: str
    name: str
    place: str = ""
    decision: str = ""
    decision_date: date | None = None
    total_investment: int | None = None
    before: int = 0
    increase: int = 0
    cut: int = 0
    after: int = 0
    note: str = ""

    def add(self, other: Row) -> None:
        for name in AMOUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Appendix:
    version: PlanVersion
    base: PlanVersion | None
    rows: list[Row] = field(default_factory=list)
    sources: list[Row] = field(default_factory=list)  # the source subtotals, for the PDF's summary

    @property
    def total(self) -> Row:
        return self.rows[0]


def _day(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _tier_title(tier: str) -> str:
    return TIER_LABELS[Tier(tier)]


def _project_rows(version: PlanVersion, base: PlanVersion | None) -> dict[tuple[int, str], list[Row]]:
    """{(source pk, tier): project rows} over the lines of the version and of its base (four queries)."""
    versions = [version.pk] + ([base.pk] if base else [])
    facts: dict[int, dict] = {}
    for row in PlanItem.objects.filter(version__in=versions).values(
        "version_id",
        "project_id",
        "tier",
        "note",
        "project__code",
        "project__name",
        "project__commune__unit_type",
        "project__commune__name",
        "project__total_investment",
        "project__funding__investment_decision_number",
        "project__funding__investment_decision_date",
    ):
        if row["version_id"] == version.pk or row["project_id"] not in facts:
            facts[row["project_id"]] = row
    before: dict[tuple[int, int], int] = defaultdict(int)
    after: dict[tuple[int, int], int] = defaultdict(int)
    for version_id, project_id, source_id, amount in PlanLine.objects.filter(version__in=versions).values_list(
        "version_id", "item__project_id", "source_id", "amount"
    ):
        if version_id == version.pk:
            after[(project_id, source_id)] += amount
        if base is None or version_id == base.pk:
            before[(project_id, source_id)] += amount
    groups: dict[tuple[int, str], list[Row]] = defaultdict(list)
    for project_id, source_id in sorted(set(before) | set(after), key=lambda k: facts[k[0]]["project__code"]):
        old, new = before.get((project_id, source_id), 0), after.get((project_id, source_id), 0)
        if not old and not new:
            continue
        f = facts[project_id]
        commune = " ".join(filter(None, [f["project__commune__unit_type"], f["project__commune__name"]]))
        note = ""
        if base is not None and not old:
            note = "Bổ sung mới"
        elif base is not None and not new:
            note = "Không bố trí vốn"
        if f["note"] and f["version_id"] == version.pk:
            note = f"{note}. {f['note']}" if note else f["note"]
        groups[(source_id, f["tier"])].append(
            Row(
                kind="project",
                number="",
                name=f"{f['project__name']} ({f['project__code']})",
                place=commune,
                decision=f["project__funding__investment_decision_number"] or "",
                decision_date=f["project__funding__investment_decision_date"],
                total_investment=f["project__total_investment"] or None,
                before=old,
                increase=max(new - old, 0),
                cut=max(old - new, 0),
                after=new,
                note=note,
            )
        )
    return groups


def appendix(version: PlanVersion) -> Appendix:
    """The rows of the appendix: total, sources (I, II...), tiers (the law's letters), projects (1, 2...)."""
    base = version.based_on if version.based_on_id else None
    groups = _project_rows(version, base)
    result = Appendix(version, base)
    total = Row("total", "", "TỔNG SỐ")
    result.rows.append(total)
    source_ids = sorted({source_id for source_id, _tier in groups})
    sources = {s.pk: s for s in Source.objects.filter(pk__in=source_ids)}
    ordered = sorted(source_ids, key=lambda pk: (sources[pk].order, sources[pk].code))
    for index, source_id in enumerate(ordered):
        source = sources[source_id]
        number = ROMAN[index] if index < len(ROMAN) else str(index + 1)
        source_row = Row("source", number, f"{source.name} ({source.code})")
        result.rows.append(source_row)
        result.sources.append(source_row)
        for tier in TIERS:
            projects = groups.get((source_id, tier))
            if not projects:
                continue
            tier_row = Row("tier", POINTS_2024[Tier(tier)], _tier_title(tier))
            result.rows.append(tier_row)
            for n, row in enumerate(projects, start=1):
                row.number = str(n)
                tier_row.add(row)
                result.rows.append(row)
            source_row.add(tier_row)
        total.add(source_row)
    return result


def appendix_rows(version: PlanVersion) -> Iterator[Row]:
    yield from appendix(version).rows


def title_lines(version: PlanVersion) -> tuple[str, str]:
    """("KẾ HOẠCH ĐẦU TƯ CÔNG NĂM 2024 ĐIỀU CHỈNH", "(Kèm theo Nghị quyết số ... ngày ... của HĐND tỉnh)"); a city's
    council is "HĐND thành phố" (bodies.body_name)."""
    plan = version.plan
    what = f"NĂM {plan.first_year}" if plan.kind == plan.Kind.ANNUAL else f"TRUNG HẠN GIAI ĐOẠN {plan.period}"
    head = f"KẾ HOẠCH ĐẦU TƯ CÔNG {what}"
    if version.based_on_id:
        head += " ĐIỀU CHỈNH" if version.purpose == PlanVersion.Purpose.ADJUSTMENT else " (ĐIỀU CHUYỂN VỐN)"
    if version.decision_number:
        body = body_name(version)
        attached = f"(Kèm theo văn bản số {version.decision_number} ngày {_day(version.decision_date)}"
        attached += f" của {body})" if body else ")"
    else:
        attached = f"(Dự thảo: {version.title}, lập ngày {_day(timezone.localdate())})"
    return head, attached


# ---------------------------------------------------------------------------------------------------------------
# The workbook

HEADERS = [
    ("STT", 6),
    ("Danh mục dự án", 46),
    ("Địa điểm XD", 18),
    ("Số quyết định", 16),
    ("Ngày, tháng, năm", 12),
    ("TMĐT", 14),
    ("Kế hoạch được duyệt", 14),
    ("Điều chỉnh tăng", 13),
    ("Điều chỉnh giảm", 13),
    ("Kế hoạch sau điều chỉnh", 14),
    ("Ghi chú", 26),
]


def write_workbook(version: PlanVersion, target) -> int:
    """The appendix on one printable sheet; amounts in million đồng (exact, shown without decimals). Returns the
    number of project rows."""
    style = report_book(target)
    book, head = style.book, style.head
    ws = book.add_worksheet("Phụ lục")
    money = book.add_format({"border": 1, "num_format": "#,##0", "valign": "top"})
    text, center = style.text, book.add_format({"border": 1, "align": "center", "valign": "top"})
    levels = {
        "total": {"bold": True, "bg_color": "#E8EEF7"},
        "source": {"bold": True, "bg_color": "#F3F5F8"},
        "tier": {"bold": True, "italic": True},
    }
    formats = {
        kind: (
            book.add_format({**extra, "border": 1, "text_wrap": True, "valign": "top"}),
            book.add_format({**extra, "border": 1, "num_format": "#,##0", "valign": "top"}),
            book.add_format({**extra, "border": 1, "align": "center", "valign": "top"}),
        )
        for kind, extra in levels.items()
    }
    formats["project"] = (text, money, center)

    title, attached = title_lines(version)
    last = len(HEADERS) - 1
    ws.merge_range(0, 0, 0, last, title, book.add_format({"bold": True, "font_size": 13, "align": "center"}))
    ws.merge_range(1, 0, 1, last, attached, book.add_format({"italic": True, "align": "center"}))
    ws.merge_range(2, 0, 2, last, "Đơn vị: triệu đồng", book.add_format({"italic": True, "align": "right"}))
    top, header_row = 4, 5
    for col, (caption, width) in enumerate(HEADERS):
        ws.set_column(col, col, width)
        if col in (3, 4, 5):
            ws.write_string(header_row, col, caption, head)
        else:
            ws.merge_range(top, col, header_row, col, caption, head)
    ws.merge_range(top, 3, top, 5, "Quyết định đầu tư", head)
    ws.set_row(header_row, 30)

    row = header_row
    projects = 0
    for item in appendix_rows(version):
        row += 1
        label, amount, middle = formats[item.kind]
        ws.write_string(row, 0, item.number, middle)
        ws.write_string(row, 1, item.name, label)
        ws.write_string(row, 2, item.place, label)
        ws.write_string(row, 3, item.decision, label)
        ws.write_string(row, 4, _day(item.decision_date), middle)
        if item.total_investment is not None:
            ws.write_number(row, 5, item.total_investment / TRIEU, amount)
        else:
            ws.write_blank(row, 5, None, amount)
        for col, name in enumerate(AMOUNTS, start=6):
            ws.write_number(row, col, getattr(item, name) / TRIEU, amount)
        ws.write_string(row, 10, item.note, label)
        projects += item.kind == "project"
    ws.freeze_panes(header_row + 1, 2)
    print_on_a4(ws, header_row)
    ws.repeat_rows(top, header_row)
    book.close()
    return projects


def workbook_name(version: PlanVersion) -> str:
    return f"ke-hoach-{version.plan_id}-phien-ban-{version.number}.xlsx"


def pdf_name(version: PlanVersion) -> str:
    return f"ke-hoach-{version.plan_id}-phien-ban-{version.number}.pdf"


# ---------------------------------------------------------------------------------------------------------------
# The PDF


def _issuer() -> str:
    installation = Installation.current()
    if installation is None:
        return ""
    province = installation.province
    return f"Ủy ban nhân dân {province.unit_type} {province.name}".upper()


@contextmanager
def _without_cycle_collection():
    """WeasyPrint builds some hundred thousand boxes, styles and Pango objects for a long appendix, and Python's
    cycle collector walks all of them again and again as they pile up: a third of the time of a 2,283-row appendix.
    Reference counting frees what it can meanwhile; the collector resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def render_pdf(version: PlanVersion) -> bytes:
    """The appendix and a summary by source as PDF; PdfUnavailable when WeasyPrint's libraries are missing."""
    try:
        from weasyprint import HTML
    except (OSError, ImportError) as error:  # WeasyPrint loads Pango with ctypes when imported
        raise PdfUnavailable(PANGO_MISSING) from error
    table = appendix(version)
    title, attached = title_lines(version)
    context = {
        "version": version,
        "appendix": table,
        "title": title,
        "attached": attached,
        "issuer": _issuer(),
        "today": timezone.localdate(),
        "total_text": format_vnd(table.total.after),
    }
    with translation.override("vi"):
        html = render_to_string("plans/tables.html", context)
    with _without_cycle_collection():
        return HTML(string=html).write_pdf()
