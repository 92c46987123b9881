"""The scenario table as provinces send it to the Ministry of Finance: for each quarter and the year, the previous
year's GRDP at comparable prices, the planned growth, the growth published (or estimated), and each component's
contribution, by component (and sector under it) and for GRDP. Numbers are written as numbers with their formats;
the sheet is filed in Vietnamese, whatever the reader's language."""

from __future__ import annotations

from django.utils import timezone

from tiendo.agencies.models import Installation
from tiendo.core.spreadsheets import print_on_a4, report_book
from tiendo.domain.growth import COMPONENT_NAMES

from .scenario_table import Table

PERIODS = ("Quý I", "Quý II", "Quý III", "Quý IV", "Cả năm")
COLUMNS = (
    ("GRDP năm trước (tỷ đồng, giá so sánh)", 14),
    ("Kịch bản tăng (%)", 10),
    ("Thực hiện / ước tăng (%)", 11),
    ("Đóng góp (điểm %)", 10),
)
FIRST_DATA_ROW = 7  # the GRDP row; components follow (0-based row index in the sheet)


def _province() -> str:
    installation = Installation.current()
    if installation is None:
        return ""
    province = installation.province
    name = f"{province.unit_type} {province.name}"
    return name[:1].upper() + name[1:]


def _names(table: Table) -> dict[str, str]:
    names = {"total": "TỔNG SẢN PHẨM TRÊN ĐỊA BÀN (GRDP)"}
    names.update({c: name[:1].upper() + name[1:] for c, name in COMPONENT_NAMES.items()})
    return names


def write_workbook(table: Table, target) -> int:
    """The table on one printable sheet; returns the number of rows written under the header."""
    style = report_book(target)
    book, head = style.book, style.head
    ws = book.add_worksheet("Kịch bản tăng trưởng")
    levels = {0: {"bold": True, "bg_color": "#E8EEF7"}, 1: {"bold": True}, 2: {"italic": True, "indent": 1}}
    label = {k: book.add_format({**v, "border": 1, "text_wrap": True, "valign": "top"}) for k, v in levels.items()}
    base = {k: book.add_format({**v, "border": 1, "num_format": "#,##0.0"}) for k, v in levels.items()}
    rate = {k: book.add_format({**v, "border": 1, "num_format": "0.00%"}) for k, v in levels.items()}
    points = {k: book.add_format({**v, "border": 1, "num_format": "0.00"}) for k, v in levels.items()}
    estimated = {k: book.add_format({**v, "border": 1, "num_format": "0.00%", "font_color": "#5F6B7A"}) for k, v in
                 levels.items()}  # fmt: skip
    scenario = table.scenario
    last = 1 + len(PERIODS) * len(COLUMNS)
    title = f"KỊCH BẢN TĂNG TRƯỞNG GRDP THEO QUÝ NĂM {scenario.year}"
    ws.merge_range(0, 0, 0, last, title, book.add_format({"bold": True, "font_size": 13, "align": "center"}))
    status = "đã thông qua" if scenario.status == scenario.Status.ADOPTED else "dự thảo"
    adopted = f" ngày {scenario.adopted_on:%d/%m/%Y}" if scenario.adopted_on else ""
    document = f" ({scenario.document})" if scenario.document else ""
    line = f"{_province()} · Phiên bản: {scenario.name}, {status}{adopted}{document}".strip(" ·")
    ws.merge_range(1, 0, 1, last, line, book.add_format({"italic": True, "align": "center"}))
    ws.write_string(2, 1, f"Mục tiêu tăng trưởng GRDP năm {scenario.year}")
    ws.write_number(2, 2, table.result.target_growth, book.add_format({"num_format": "0.00%", "bold": True}))
    ws.write_string(3, 0, f"Lập ngày {timezone.localdate():%d/%m/%Y}; số liệu thực hiện theo các bản công bố đang có "
                    f"hiệu lực ({table.elapsed} quý đã công bố).", style.note)  # fmt: skip
    top, header = 5, 6
    ws.merge_range(top, 0, header, 0, "STT", head)
    ws.merge_range(top, 1, header, 1, "Khu vực kinh tế", head)
    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 38)
    for p, period in enumerate(PERIODS):
        first = 2 + p * len(COLUMNS)
        ws.merge_range(top, first, top, first + len(COLUMNS) - 1, period, head)
        for offset, (caption, width) in enumerate(COLUMNS):
            ws.write_string(header, first + offset, caption, head)
            ws.set_column(first + offset, first + offset, width)
    ws.set_row(header, 45)
    names = _names(table)
    row = header
    number = 0
    for item in table.rows:
        row += 1
        level = item.level
        if level == 1:
            number += 1
        ws.write_string(row, 0, str(number) if level == 1 else "", label[level])
        ws.write_string(row, 1, names.get(item.key, item.label), label[level])
        for p, cell in enumerate(item.cells):
            first = 2 + p * len(COLUMNS)
            ws.write_number(row, first, item.base[p], base[level])
            _number_or_blank(ws, row, first + 1, cell.planned, rate[level])
            # an unpublished quarter has no actual (its contribution is the scenario's); the year is an estimate
            style_used = estimated[level] if p == 4 and table.elapsed < 4 else rate[level]
            _number_or_blank(ws, row, first + 2, cell.actual, style_used)
            _number_or_blank(ws, row, first + 3, cell.contribution, points[level])
    ws.write_string(row + 2, 1, "Ghi chú: tốc độ tăng so với cùng kỳ năm trước; đóng góp tính bằng điểm phần trăm "
                    "vào tăng trưởng GRDP; quý chưa công bố: đóng góp theo kịch bản; cả năm: ước tính với kịch bản "
                    "cho các quý chưa công bố.", style.note)  # fmt: skip
    _summary_lines(ws, row + 3, table, book)
    ws.freeze_panes(header + 1, 2)
    print_on_a4(ws, header)
    ws.repeat_rows(top, header)
    book.close()
    return row - header


def _number_or_blank(ws, row: int, col: int, value: float | None, fmt) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
    else:
        ws.write_number(row, col, value, fmt)


def _summary_lines(ws, row: int, table: Table, book) -> None:
    """Year to date, growth still required, the year's estimate against the target: label in B, number in C."""
    r = table.result
    rate = book.add_format({"num_format": "0.00%", "bold": True})
    points = book.add_format({"num_format": "0.00", "bold": True})
    lines = [
        ("Tăng trưởng GRDP lũy kế các quý đã công bố", r.ytd_growth, rate),
        ("Tốc độ tăng cần đạt bình quân các quý còn lại để đạt mục tiêu", r.required_growth_remaining, rate),
        ("Ước tăng trưởng cả năm (kịch bản cho các quý còn lại)", r.annual_estimate, rate),
        ("Chênh lệch so với mục tiêu (điểm %)", r.gap_points, points),
    ]
    for offset, (text, value, fmt) in enumerate(lines):
        ws.write_string(row + offset, 1, text)
        _number_or_blank(ws, row + offset, 2, value, fmt)


def workbook_name(table: Table) -> str:
    return f"kich-ban-tang-truong-{table.scenario.year}-{table.scenario.pk}.xlsx"
