"""The statistics office's release as a workbook: its sheets and columns, and the blank template with its guide.

Three sheets carry the data: "Báo cáo" (the release itself: one row), "GRDP" (growth by quarter and component,
and level-1 sector where given) and "Chỉ tiêu" (other indicators' values). The template adds a "Hướng dẫn" guide
and a "Danh mục" sheet of the codes the import reads (components, sectors, indicators); the import ignores both.
Headers are matched without diacritics and in any order, as in the other imports (tiendo.core.sheet_reading).
"""

from __future__ import annotations

from dataclasses import dataclass

from tiendo.core.spreadsheets import report_book
from tiendo.domain.text import search_key

from .models import Component, EconomicSector, Indicator

RELEASE_SHEET = "Báo cáo"
GROWTH_SHEET = "GRDP"
VALUES_SHEET = "Chỉ tiêu"
GUIDE_SHEET = "Hướng dẫn"
CODES_SHEET = "Danh mục"
HEADER_SEARCH_ROWS = 10  # a title above the header row is allowed


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    required: bool
    hint: str
    aliases: tuple[str, ...] = ()


RELEASE_COLUMNS = (
    Column("number", "Số hiệu", True, "Số hiệu văn bản, ví dụ 12/BC-TK.",
           ("Số", "Số văn bản", "Số báo cáo")),
    Column("published_on", "Ngày ban hành", True, "dd/mm/yyyy, ví dụ 06/04/2026; không sau hôm nay.",
           ("Ngày", "Ngày báo cáo", "Ngày công bố")),
    Column("issuer", "Cơ quan ban hành", True, "Ví dụ: Thống kê tỉnh Hải Phòng.", ("Cơ quan", "Đơn vị ban hành")),
    Column("title", "Trích yếu", False, "Tên báo cáo, ví dụ: Tình hình kinh tế - xã hội quý I năm 2026.",
           ("Tên báo cáo", "Tiêu đề")),
    Column("status", "Tình trạng số liệu", True, "Sơ bộ (ước tính) hoặc Chính thức.", ("Tình trạng", "Loại số liệu")),
    Column("source", "Loại nguồn", False, "Cơ quan thống kê (mặc định) hoặc Báo cáo sở, ngành.", ("Nguồn",)),
    Column("link", "Đường dẫn", False, "Địa chỉ trang hoặc tên tệp của văn bản (không bắt buộc).",
           ("Liên kết", "Tệp")),
)  # fmt: skip

GROWTH_COLUMNS = (
    Column("year", "Năm", True, "Năm của số liệu, ví dụ 2026."),
    Column("quarter", "Quý", True, "1, 2, 3, 4 (hoặc I, II, III, IV). Quý phải đã bắt đầu vào ngày ban hành."),
    Column("component", "Khu vực", True, "Mã hoặc tên khu vực (xem trang Danh mục), ví dụ Dịch vụ hoặc KV3.",
           ("Mã khu vực",)),
    Column("sector", "Ngành cấp 1", False, "Mã ngành cấp 1 thuộc khu vực (xem trang Danh mục); để trống nếu là số "
           "của cả khu vực.", ("Mã ngành", "Ngành")),
    Column("growth", "Tăng trưởng (%)", True, "Tăng so với cùng kỳ năm trước, theo phần trăm như báo cáo ghi: 9,85 "
           "là 9,85 %. Từ −100 đến 1.000.", ("Tốc độ tăng", "Tăng trưởng so cùng kỳ")),
    Column("level", "GRDP giá so sánh (tỷ đồng)", False, "Không bắt buộc: giá trị theo giá so sánh 2010, tỷ đồng.",
           ("GRDP giá so sánh", "Giá trị giá so sánh")),
)  # fmt: skip

VALUE_COLUMNS = (
    Column("indicator", "Mã chỉ tiêu", True, "Mã chỉ tiêu (xem trang Danh mục).", ("Chỉ tiêu",)),
    Column("name", "Tên chỉ tiêu", False, "Chỉ để đối chiếu, không được đọc."),
    Column("year", "Năm", True, "Năm của số liệu."),
    Column("months", "Số tháng", True, "Số tháng đầu năm số liệu bao gồm: 3 là quý I, 6 là 6 tháng, 12 là cả năm.",
           ("Kỳ (số tháng)", "Số tháng lũy kế")),
    Column("value", "Giá trị", True, "Theo đơn vị của chỉ tiêu (xem trang Danh mục); tỷ lệ ghi theo phần trăm.",
           ("Số liệu", "Thực hiện")),
    Column("note", "Ghi chú", False, "Không bắt buộc."),
)  # fmt: skip

SHEETS = {RELEASE_SHEET: RELEASE_COLUMNS, GROWTH_SHEET: GROWTH_COLUMNS, VALUES_SHEET: VALUE_COLUMNS}

STATUS_LABELS = {
    "preliminary": ("Sơ bộ", "Ước tính", "Ước", "Preliminary", "Estimate"),
    "official": ("Chính thức", "Official"),
}
SOURCE_LABELS = {
    "statistics": ("Cơ quan thống kê", "Thống kê", "Cục Thống kê", "Statistics"),
    "department": ("Báo cáo sở, ngành", "Sở, ngành", "Báo cáo sở", "Department"),
}
COMPONENT_LABELS = {
    Component.AGRICULTURE: ("Nông, lâm nghiệp và thủy sản", "KV1", "Khu vực I", "Nông lâm thủy sản", "agriculture"),
    Component.INDUSTRY_CONSTRUCTION: ("Công nghiệp và xây dựng", "KV2", "Khu vực II", "industry_construction"),
    Component.SERVICES: ("Dịch vụ", "KV3", "Khu vực III", "services"),
    Component.PRODUCT_TAXES: (
        "Thuế sản phẩm trừ trợ cấp sản phẩm", "Thuế SP", "Thuế sản phẩm", "product_taxes",
    ),
}  # fmt: skip
UNIT_LABELS = {
    "percent": "%",
    "billion_vnd": "tỷ đồng",
    "million_vnd": "triệu đồng",
    "million_usd": "triệu USD",
    "usd": "USD",
    "count": "",
}


def sheet_name(name: str) -> str | None:
    """The sheet a name as written stands for ("bao cao", "CHỈ TIÊU"), or None for a sheet the import ignores."""
    key = search_key(name)
    return next((sheet for sheet in SHEETS if search_key(sheet) == key), None)


def column_finder(columns: tuple[Column, ...]):
    """A header key → its column (by header or alias), or None for a column the import does not read."""
    from tiendo.domain.tabular import header_key

    by_key = {header_key(text): c for c in columns for text in (c.header, *c.aliases)}
    return by_key.get


def blank_template(target) -> None:
    """The three data sheets with their headers and an example row, the guide, and the codes the import reads."""
    report = report_book(target)
    book = report.book
    text = book.add_format({"num_format": "@"})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    percent = book.add_format({"num_format": "0.00"})
    billions = book.add_format({"num_format": "#,##0.000"})
    release = book.add_worksheet(RELEASE_SHEET)
    for index, column in enumerate(RELEASE_COLUMNS):
        release.write_string(0, index, column.header, report.head)
        release.set_column(index, index, 40 if column.field in ("title", "issuer", "link") else 18)
    release.set_column(0, 0, 18, text)
    release.set_column(1, 1, 16, day)
    growth = book.add_worksheet(GROWTH_SHEET)
    for index, column in enumerate(GROWTH_COLUMNS):
        growth.write_string(0, index, column.header, report.head)
    growth.set_column(0, 1, 8)
    growth.set_column(2, 2, 34, text)
    growth.set_column(3, 3, 16, text)
    growth.set_column(4, 4, 16, percent)
    growth.set_column(5, 5, 22, billions)
    values = book.add_worksheet(VALUES_SHEET)
    for index, column in enumerate(VALUE_COLUMNS):
        values.write_string(0, index, column.header, report.head)
    values.set_column(0, 0, 22, text)
    values.set_column(1, 1, 44)
    values.set_column(2, 3, 10)
    values.set_column(4, 4, 18)
    values.set_column(5, 5, 30)
    for ws in (release, growth, values):
        ws.freeze_panes(1, 0)
    _guide(book, report)
    _codes(book, report)
    book.close()


def _guide(book, report) -> None:
    guide = book.add_worksheet(GUIDE_SHEET)
    guide.set_column(0, 0, 30)
    guide.set_column(1, 1, 10)
    guide.set_column(2, 2, 100)
    guide.write_string(0, 0, "HƯỚNG DẪN NHẬP SỐ LIỆU THỐNG KÊ (GRDP VÀ CÁC CHỈ TIÊU)", report.title)
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    lines = [
        f"Mỗi tệp là một văn bản (báo cáo) của cơ quan thống kê: trang “{RELEASE_SHEET}” ghi văn bản đó (một dòng), "
        f"trang “{GROWTH_SHEET}” ghi tốc độ tăng GRDP theo quý và khu vực (và ngành cấp 1 nếu có), trang "
        f"“{VALUES_SHEET}” ghi số liệu các chỉ tiêu khác. Có thể để trống một trong hai trang số liệu, không được "
        "để trống cả hai.",
        "Tăng trưởng ghi theo phần trăm như báo cáo ghi: 9,85 là tăng 9,85 % so với cùng kỳ năm trước; giảm ghi "
        "số âm (−2,5). Không định dạng ô theo kiểu phần trăm của Excel (ô 9,85 % sẽ được đọc là 0,0985 %).",
        f"Tốc độ tăng GRDP chung của tỉnh (cả nền kinh tế) ghi ở trang “{VALUES_SHEET}” với mã chỉ tiêu "
        "grdp_growth, số tháng 3, 6, 9 hoặc 12 (quý I, 6 tháng, 9 tháng, cả năm).",
        "Số liệu mới của một quý (hoặc một kỳ của chỉ tiêu) thay thế số đang dùng nhưng không xóa nó: số cũ vẫn "
        "được lưu, kèm văn bản đã công bố nó. Một văn bản đã nhập (cùng số hiệu, ngày và cơ quan) không nhập lại.",
        "Mọi dòng được kiểm tra trước: có bất kỳ lỗi nào thì không ghi gì; danh sách lỗi nêu trang, dòng và cột. "
        "Có thể chọn chỉ kiểm tra để xem số liệu nào sẽ được ghi và thay thế số nào, rồi mới xác nhận.",
        f"Dòng tiêu đề có thể nằm dưới tên bảng (trong {HEADER_SEARCH_ROWS} dòng đầu), cột theo thứ tự bất kỳ, "
        "cột lạ (STT, ghi chú riêng) được bỏ qua. Trang Hướng dẫn và Danh mục không được đọc.",
        "Chuyên viên, lãnh đạo Sở quản lý chỉ tiêu được nhập số GRDP và mọi chỉ tiêu; cán bộ sở, ngành chỉ nhập "
        "số liệu các chỉ tiêu do cơ quan mình chịu trách nhiệm.",
    ]
    row = 1
    for line in lines:
        guide.merge_range(row, 0, row, 2, line, wrap)
        guide.set_row(row, 48)
        row += 1
    for sheet, columns in SHEETS.items():
        row += 1
        guide.write_string(row, 0, f"Trang “{sheet}”", report.head)
        row += 1
        guide.write_row(row, 0, ["Cột", "Bắt buộc", "Cách ghi"], report.head)
        for column in columns:
            row += 1
            names = column.header + (f" (hoặc: {', '.join(column.aliases)})" if column.aliases else "")
            guide.write_row(row, 0, [names, "Có" if column.required else "", column.hint], wrap)


def _codes(book, report) -> None:
    codes = book.add_worksheet(CODES_SHEET)
    codes.set_column(0, 0, 24)
    codes.set_column(1, 1, 50)
    codes.set_column(2, 3, 30)
    codes.write_row(0, 0, ["Mã khu vực", "Tên khu vực", "Cũng đọc được"], report.head)
    row = 0
    for labels in COMPONENT_LABELS.values():
        row += 1
        codes.write_row(row, 0, [labels[1], labels[0], ", ".join(labels[2:])])
    row += 2
    codes.write_row(row, 0, ["Mã ngành cấp 1", "Tên ngành", "Thuộc khu vực"], report.head)
    for sector in EconomicSector.objects.order_by("component", "position", "code"):
        row += 1
        codes.write_row(row, 0, [sector.code, sector.name, COMPONENT_LABELS[Component(sector.component)][0]])
    row += 2
    codes.write_row(row, 0, ["Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị", "Cộng dồn trong năm"], report.head)
    for indicator in Indicator.objects.filter(active=True).order_by("position", "code"):
        row += 1
        unit = UNIT_LABELS.get(indicator.unit, "") or "số"
        codes.write_row(row, 0, [indicator.code, indicator.name, unit, "Có" if indicator.accumulates else ""])
