"""The blank Treasury report template: the columns the import reads, a guide, and the capital sources' codes."""

from __future__ import annotations

from tiendo.core.spreadsheets import report_book

from ..models import Plan, Source
from .treasury_columns import COLUMNS, DATA_SHEET, GUIDE_SHEET, HEADER_SEARCH_ROWS, SOURCES_SHEET


def blank_template(target, plan: Plan | None = None) -> None:
    """The Treasury report's columns, a guide, and the list of capital sources with the codes the import reads."""
    report = report_book(target)
    book = report.book
    money = book.add_format({"num_format": "#,##0"})
    ws = book.add_worksheet(DATA_SHEET)
    headers = ["STT", "Mã dự án", "Tên dự án", "Nguồn vốn", "Tháng", "Giải ngân trong tháng (đồng)", "Lũy kế (đồng)"]
    widths = [6, 18, 48, 18, 10, 24, 22]
    for index, (text, width) in enumerate(zip(headers, widths, strict=True)):
        ws.write_string(0, index, text, report.head)
        ws.set_column(index, index, width, money if index >= 5 else None)
    ws.freeze_panes(1, 0)
    guide = book.add_worksheet(GUIDE_SHEET)
    guide.set_column(0, 0, 30)
    guide.set_column(1, 1, 10)
    guide.set_column(2, 2, 100)
    title = "HƯỚNG DẪN NHẬP SỐ GIẢI NGÂN VỐN ĐẦU TƯ CÔNG"
    if plan is not None:
        title += f" — {plan.title}"
    guide.write_string(0, 0, title, report.title)
    lines = [
        "Mỗi dòng: một dự án, một nguồn vốn, một tháng, theo số liệu Kho bạc Nhà nước. Dòng tiêu đề có thể nằm dưới "
        f"các dòng tên báo cáo (trong {HEADER_SEARCH_ROWS} dòng đầu); không cần theo thứ tự cột; cột lạ (STT, "
        "ghi chú) được bỏ qua. Có thể nhập nhiều tháng trong một tệp.",
        "Số tiền theo đơn vị ghi trong ngoặc ở tiêu đề: (đồng), (triệu đồng) hoặc (tỷ đồng); ghi 1.234.567 hoặc "
        "1234567; không được âm.",
        "Chỉ có cột Lũy kế: số giải ngân trong tháng được tính bằng lũy kế tháng đó trừ số đã giải ngân đến hết "
        "tháng trước (các tháng trước trong tệp, nếu không có thì trong hệ thống). Lũy kế giảm là lỗi. Có cả hai "
        "cột: ghi số trong tháng và cảnh báo khi lũy kế không khớp.",
        "Mỗi tháng có trong tệp thay thế toàn bộ số liệu đã nhập của tháng đó cho kế hoạch này: dự án không còn "
        "trong tệp được coi là không giải ngân trong tháng. Số cũ vẫn được lưu trong lịch sử.",
        "Mọi dòng được kiểm tra trước; có lỗi thì không ghi gì (trừ khi chọn ghi phần hợp lệ). Có thể chọn chỉ "
        "kiểm tra, không ghi.",
    ]
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    row = 1
    for line in lines:
        guide.merge_range(row, 0, row, 2, line, wrap)
        guide.set_row(row, 45)
        row += 1
    row += 1
    guide.write_row(row, 0, ["Cột", "Bắt buộc", "Cách ghi"], report.head)
    for column in COLUMNS:
        row += 1
        names = column.header + (f" (hoặc: {', '.join(column.aliases)})" if column.aliases else "")
        guide.write_row(row, 0, [names, "Có" if column.required else "", column.hint], wrap)
    sources = book.add_worksheet(SOURCES_SHEET)
    sources.write_row(0, 0, ["Mã nguồn vốn", "Tên nguồn vốn", "Thuộc"], report.head)
    sources.set_column(0, 0, 18)
    sources.set_column(1, 2, 50)
    groups = set(Source.objects.exclude(parent=None).values_list("parent_id", flat=True))
    names = dict(Source.objects.values_list("pk", "name"))
    row = 0
    for pk, code, name, parent in Source.objects.filter(active=True).values_list("pk", "code", "name", "parent_id"):
        if pk in groups:
            continue
        row += 1
        sources.write_row(row, 0, [code, name, names.get(parent, "")])
    book.close()
