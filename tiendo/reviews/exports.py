"""A review as the leaders' meeting reads it: the Excel list of every item and the PDF brief of the confirmed ones.

Rows come from one generator (`review_rows`), gravest handling first, so the workbook, the brief and the page
agree on order and wording. The workbook's headers are Vietnamese (it is filed); the brief follows the reader's
language for its labels while the data (names, citations, the specialist's sentences) stays as recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import F
from django.utils.translation import gettext as _

from tiendo.agencies.models import Installation
from tiendo.core.spreadsheets import print_on_a4, report_book
from tiendo.domain import schedule_rules
from tiendo.domain.projects import MilestoneKind
from tiendo.projects.models import MILESTONE_LABELS, Milestone

from .models import ReviewItem, ReviewRound
from .services import DECISION_VI

BRIEF_TITLE_VI = "BÁO CÁO KẾT QUẢ RÀ SOÁT CÁC DỰ ÁN CHẬM TIẾN ĐỘ"
PANGO_MISSING = "Máy chủ thiếu thư viện Pango để tạo PDF: cài libpango-1.0-0 libpangoft2-1.0-0"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"]
SCOPE_VI = {
    ReviewRound.Scope.ALL: "tất cả dự án đang thực hiện",
    ReviewRound.Scope.BUSINESS: "dự án đầu tư kinh doanh (trong nước và FDI)",
    ReviewRound.Scope.PUBLIC: "dự án đầu tư công",
}


class BriefUnavailable(Exception):
    """WeasyPrint could not load its system libraries: the message says which packages to install."""


def _day(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def label_of(code: str) -> schedule_rules.Text:
    try:
        return schedule_rules.ProposalCode(code).label
    except ValueError:
        return schedule_rules.Text(code, code, code)


def schedule_of(milestone: str, first: date | None, current: date | None, language: str = "vi") -> str:
    """The milestone's registered due date, then today's: "Khởi công xây dựng: 15/03/2022 → 15/03/2023"."""
    if not current:
        return ""
    dates = _day(current)
    if first and first != current:
        dates = f"{_day(first)} → {dates}"
    if not milestone:
        return dates
    kind = MilestoneKind(milestone)
    if language.startswith("vi"):
        name = schedule_rules.MILESTONE_VI[kind]
        name = name[:1].upper() + name[1:]
    else:
        name = str(MILESTONE_LABELS[kind])
    return f"{name}: {dates}"


def schedule_text(item: ReviewItem, language: str = "vi") -> str:
    return schedule_of(item.milestone, item.first_due, item.current_due, language)


# the registered end of a project when no finding names a milestone: its completion, else its start of operation
FINAL_MILESTONES = ("completion", "operation")


def registered_ends(project_ids: list[int]) -> dict[int, tuple[str, date | None, date | None]]:
    """The registered end of each project (completion, else start of operation): the schedule a row shows when no
    finding names a milestone (a project late only in its reports or its deposit)."""
    ends: dict[int, tuple[str, date | None, date | None]] = {}
    for start in range(0, len(project_ids), 900):
        rows = (
            Milestone.objects.filter(project_id__in=project_ids[start : start + 900], kind__in=FINAL_MILESTONES)
            .exclude(current_due=None)
            .values_list("project_id", "kind", "first_due", "current_due")
        )
        for pk, kind, first, current in rows:
            known = ends.get(pk)
            if known is None or (kind == "completion" and known[0] != "completion"):
                ends[pk] = (kind, first, current)
    return ends


def _end_text(ends: dict, project_id: int) -> str:
    return schedule_of(*ends[project_id], "vi") if project_id in ends else ""


def decision_vi(item: ReviewItem) -> str:
    if not item.decision:
        return ""
    head = DECISION_VI[ReviewItem.Decision(item.decision)]
    return f"{head}: {item.decision_text}" if item.decision_text else head


@dataclass
class Group:
    """One handling's items, in the order the leaders read them."""

    number: str  # I, II, ...
    code: str
    label: schedule_rules.Text
    items: list[ReviewItem]


def review_items(review: ReviewRound, *, confirmed_only: bool = False):
    items = review.items.select_related("project", "project__investor").defer("findings")
    if confirmed_only:
        items = items.filter(confirmed=True)
    return items.order_by("-rank", "proposal", F("days_behind").desc(nulls_last=True), "pk")


def review_groups(review: ReviewRound, *, confirmed_only: bool = False) -> list[Group]:
    groups: list[Group] = []
    for item in review_items(review, confirmed_only=confirmed_only).iterator(chunk_size=1000):
        if not groups or groups[-1].code != item.proposal:
            number = ROMAN[len(groups)] if len(groups) < len(ROMAN) else str(len(groups) + 1)
            groups.append(Group(number, item.proposal, label_of(item.proposal), []))
        groups[-1].items.append(item)
    return groups


# ---------------------------------------------------------------------------------------------------------------
# The workbook

HEADERS = [
    ("STT", 6),
    ("Mã dự án", 16),
    ("Tên dự án", 40),
    ("Nhà đầu tư", 30),
    ("Tiến độ đăng ký", 24),
    ("Số ngày chậm", 10),
    ("Căn cứ pháp lý", 44),
    ("Đề xuất xử lý", 48),
    ("Ý kiến chuyên viên", 28),
    ("Quyết định", 36),
]


def review_rows(review: ReviewRound) -> Iterator[tuple[Group, int, list]]:
    """(group, number within the group, cells in the order of HEADERS) for every item of the round."""
    groups = review_groups(review)
    ends = registered_ends([i.project_id for group in groups for i in group.items if not i.current_due])
    for group in groups:
        for number, item in enumerate(group.items, start=1):
            project = item.project
            opinion = "Đã xác nhận" if item.confirmed else "Chưa xác nhận"
            if item.note:
                opinion += f". {item.note}"
            yield (
                group,
                number,
                [
                    number,
                    project.code,
                    project.name,
                    project.investor.name if project.investor_id else "",
                    schedule_text(item) or _end_text(ends, item.project_id),
                    item.days_behind,
                    item.legal_ground,
                    item.proposal_text,
                    opinion,
                    decision_vi(item),
                ],
            )


def describe_vi(review: ReviewRound) -> str:
    return (
        f"Tình hình đến ngày {_day(review.as_of)}; phạm vi: {SCOPE_VI.get(review.scope, review.scope)}; "
        f"{review.projects} dự án được rà soát."
    )


def write_workbook(review: ReviewRound, target) -> int:
    """Every item of the round on one printable sheet, grouped by handling (gravest first); returns the rows."""
    style = report_book(target)
    book, title, note, head, text, count = (
        style.book,
        style.title,
        style.note,
        style.head,
        style.text,
        style.count,
    )
    ws = book.add_worksheet("Rà soát")
    group_format = book.add_format({"bold": True, "bg_color": "#F3F5F8", "border": 1, "top": 2})

    ws.write_string(0, 0, "KẾT QUẢ RÀ SOÁT CÁC DỰ ÁN CHẬM TIẾN ĐỘ", title)
    ws.write_string(1, 0, review.title)
    ws.write_string(2, 0, describe_vi(review), note)
    header_row = 4
    for col, (caption, width) in enumerate(HEADERS):
        ws.write_string(header_row, col, caption, head)
        ws.set_column(col, col, width)
    ws.set_row(header_row, 32)

    row = header_row
    written = 0
    current = None
    for group, _number, cells in review_rows(review):
        if group is not current:
            current = group
            row += 1
            caption = f"{group.number}. {group.label.vi} ({len(group.items)} dự án)"
            ws.merge_range(row, 0, row, len(HEADERS) - 1, caption, group_format)
        row += 1
        written += 1
        for col, value in enumerate(cells):
            if value is None or value == "":
                ws.write_blank(row, col, None, text)
            elif isinstance(value, int):
                ws.write_number(row, col, value, count)
            else:
                ws.write_string(row, col, value, text)

    ws.freeze_panes(header_row + 1, 3)
    ws.autofilter(header_row, 0, max(row, header_row), len(HEADERS) - 1)
    print_on_a4(ws, header_row)
    book.close()
    return written


def workbook_name(review: ReviewRound) -> str:
    return f"ra-soat-{review.pk}-{review.as_of:%Y-%m-%d}.xlsx"


def brief_name(review: ReviewRound, language: str = "vi", *, draft: bool = False) -> str:
    suffix = "" if language.startswith("vi") else f"-{language[:2]}"
    head = "du-thao-bao-cao-ra-soat" if draft else "bao-cao-ra-soat"
    return f"{head}-{review.pk}-{review.as_of:%Y-%m-%d}{suffix}.pdf"


# ---------------------------------------------------------------------------------------------------------------
# The brief


def _issuer(language: str) -> tuple[str, str, str]:
    """(the province's People's Committee, the operating department, the place) for the title block."""
    installation = Installation.current()
    if installation is None:
        return "", "", ""
    province = installation.province
    agency = installation.owner_agency
    if language.startswith("vi"):
        committee = f"Ủy ban nhân dân {province.unit_type} {province.name}"
        department = ""
        if agency is not None:
            department = agency.name
            suffix = f" {province.unit_type} {province.name}"
            if department.lower().endswith(suffix.lower()):
                department = department[: -len(suffix)]
        return committee.upper(), department.upper(), province.name
    place = province.display_name
    committee = _("People's Committee of %(province)s") % {"province": place}
    return committee, agency.display_name if agency is not None else "", place
