"""How the exported workbook looks to a person: the formats every sheet shares, the printable "Báo cáo" sheet
and the "Hướng dẫn" guide sheet. The import reads neither of these two sheets; the guide is written from the
column table, so it explains every column the import accepts.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from tiendo.core.spreadsheets import print_on_a4
from tiendo.domain.tabular import excel_serial

from ..models import ProgressReport
from .columns import GUIDE_SHEET, KIND_NAMES, KINDS, REPORT_SHEET, SHEETS, STATUSES


class Formats:
    """The cell formats of the data sheets and the guide: a bold header, dates, amounts, text."""

    def __init__(self, book):
        self.bold = book.add_format(
            {"bold": True, "bg_color": "#E8EEF7", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.date = book.add_format({"num_format": "dd/mm/yyyy"})
        self.amount = book.add_format({"num_format": "#,##0"})
        self.text = book.add_format({"num_format": "@"})


def report_sheet(book, projects) -> None:
    """A sheet a specialist can print: names instead of codes, amounts in triệu đồng, landscape A4."""
    ws = book.add_worksheet(REPORT_SHEET)
    title = book.add_format({"bold": True, "font_size": 14})
    head = book.add_format(
        {"bold": True, "bg_color": "#E8EEF7", "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter"}
    )
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    money = book.add_format({"border": 1, "num_format": "#,##0", "valign": "top"})
    percent = book.add_format({"border": 1, "num_format": "0.0", "valign": "top"})
    day = book.add_format({"border": 1, "num_format": "dd/mm/yyyy", "valign": "top"})
    headers = [
        ("STT", 6),
        ("Mã dự án", 14),
        ("Tên dự án", 44),
        ("Loại dự án", 12),
        ("Tình trạng", 16),
        ("Nhà đầu tư / chủ đầu tư", 32),
        ("Địa điểm", 22),
        ("Tổng vốn đầu tư (triệu đồng)", 16),
        ("Giải ngân lũy kế (triệu đồng)", 16),
        ("Tiến độ (%)", 9),
        ("Kỳ báo cáo gần nhất", 12),
    ]
    ws.write(0, 0, "DANH MỤC DỰ ÁN ĐẦU TƯ", title)
    ws.write(1, 0, f"Ngày lập: {timezone.localdate():%d/%m/%Y}. Số tiền tính bằng triệu đồng.")
    for col, (text, width) in enumerate(headers):
        ws.write_string(3, col, text, head)
        ws.set_column(col, col, width)
    ws.set_row(3, 32)
    ws.freeze_panes(4, 3)
    print_on_a4(ws, 3)
    labels = {code: labels[0] for code, labels in KINDS.items()}
    statuses = {code: labels[0] for code, labels in STATUSES.items()}
    latest: dict[int, tuple[date, Decimal, int]] = {}
    reports = ProgressReport.objects.filter(project__in=projects.values("pk")).order_by(
        "project_id", "period_end", "pk"
    )
    for pid, period_end, progress, disbursed in reports.values_list(
        "project_id", "period_end", "physical_progress", "disbursed_to_date"
    ).iterator(chunk_size=5000):
        latest[pid] = (period_end, progress, disbursed)
    rows = projects.order_by("code").values_list(
        "pk",
        "code",
        "name",
        "kind",
        "status",
        "investor__name",
        "agency__name",
        "commune__unit_type",
        "commune__name",
        "total_investment",
    )
    row = 4
    for number, (pk, code, name, kind, status, investor, agency, unit_type, commune, total) in enumerate(
        rows.iterator(chunk_size=5000), start=1
    ):
        row = number + 3
        ws.write_number(row, 0, number, cell)
        ws.write_string(row, 1, code, cell)
        ws.write_string(row, 2, name, cell)
        ws.write_string(row, 3, labels.get(kind, kind), cell)
        ws.write_string(row, 4, statuses.get(status, status), cell)
        ws.write_string(row, 5, investor or agency or "", cell)
        ws.write_string(row, 6, f"{unit_type} {commune}" if commune else "", cell)
        ws.write_number(row, 7, total / 1_000_000, money)
        last = latest.get(pk)
        if last:
            ws.write_number(row, 8, last[2] / 1_000_000, money)
            ws.write_number(row, 9, float(last[1]), percent)
            ws.write_number(row, 10, excel_serial(last[0]), day)
        else:
            for col in (8, 9, 10):
                ws.write_blank(row, col, None, cell)


def guide_sheet(book, formats: Formats) -> None:
    """How to fill in each column; the import never reads this sheet."""
    ws = book.add_worksheet(GUIDE_SHEET)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 42)
    ws.set_column(2, 2, 10)
    ws.set_column(3, 3, 14)
    ws.set_column(4, 4, 90)
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    lines = [
        "Tệp gồm ba trang tính dữ liệu: Dự án, Mốc tiến độ, Báo cáo tiến độ (có thể chỉ có một hoặc hai trang). "
        "Giữ nguyên dòng tiêu đề (dòng 1); không cần theo thứ tự cột; cột lạ (STT, ghi chú riêng) được bỏ qua.",
        "Ngày ghi dd/mm/yyyy (31/12/2025), yyyy-mm-dd hoặc ô kiểu ngày của Excel. Số tiền ghi 1.234.567 hoặc "
        "1234567, theo đơn vị ghi trong ngoặc ở tiêu đề: (đồng), (triệu đồng) hoặc (tỷ đồng).",
        "Ô để trống xóa giá trị cũ, trừ các cột ghi 'để trống: giữ nguyên'. Cột không có trong tệp thì giữ nguyên.",
        "Mọi dòng được kiểm tra trước; có lỗi thì không ghi gì (hoặc, khi chọn ghi phần hợp lệ, các dòng lỗi được "
        "trả lại trong một tệp có thêm cột 'Lỗi'). Trang Hướng dẫn và trang Báo cáo không được đọc khi nhập.",
        "Tệp CSV chỉ chứa trang Dự án (mã UTF-8, phân cách bằng dấu phẩy hoặc chấm phẩy).",
    ]
    ws.write_string(0, 0, "HƯỚNG DẪN NHẬP DỮ LIỆU DỰ ÁN", formats.bold)
    row = 1
    for line in lines:
        ws.merge_range(row, 0, row, 4, line, wrap)
        ws.set_row(row, 32)
        row += 1
    row += 1
    ws.write_row(row, 0, ["Trang tính", "Cột", "Bắt buộc", "Kiểu", "Cách ghi"], formats.bold)
    for sheet in SHEETS:
        for column in sheet.columns:
            row += 1
            ws.write_row(
                row,
                0,
                [sheet.name, column.title, "Có" if column.required else "", KIND_NAMES[column.kind], column.hint],
                wrap,
            )
