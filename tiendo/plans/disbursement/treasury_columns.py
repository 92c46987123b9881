"""The columns of the State Treasury's monthly disbursement report as tiendo reads them, and its months.

The import, the blank template and the import page's guide all describe the same columns; they are declared here
once, with the other spellings seen in the Treasury's and the offices' files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tiendo.domain.tabular import parse_date, parse_text, read_header
from tiendo.domain.text import search_key

from ..models import Plan

GUIDE_SHEET = "Hướng dẫn"
SOURCES_SHEET = "Danh mục nguồn vốn"
DATA_SHEET = "Giải ngân"
HEADER_SEARCH_ROWS = 20  # the Treasury's reports put a title and the unit above the header row


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # as the template writes it
    aliases: tuple[str, ...]  # other spellings seen in the Treasury's and the offices' files
    hint: str
    required: bool = False

    @property
    def keys(self) -> set[str]:
        return {read_header(h).key for h in (self.header, *self.aliases)}


COLUMNS = (
    Column(
        "project", "Mã dự án", ("Mã DA", "Mã số dự án", "Mã dự án đầu tư"), "Bắt buộc. Mã dự án trong hệ thống.", True
    ),
    Column("name", "Tên dự án", ("Tên dự án, công trình",), "Không bắt buộc, chỉ để đối chiếu; không được đọc."),
    Column(
        "source",
        "Nguồn vốn",
        ("Mã nguồn vốn", "Nguồn", "Tên nguồn vốn"),
        "Bắt buộc. Mã hoặc tên nguồn vốn chi tiết (xem trang Danh mục nguồn vốn).",
        True,
    ),
    Column(
        "month",
        "Tháng",
        ("Kỳ báo cáo", "Tháng báo cáo", "Tháng giải ngân", "Kỳ"),
        "Bắt buộc. Tháng giải ngân, ghi mm/yyyy (ví dụ 03/2025); cũng nhận ngày cuối kỳ (31/03/2025) hoặc "
        "'Tháng 3/2025'. Từ tháng 01 năm kế hoạch đến tháng 12 năm sau.",
        True,
    ),
    Column(
        "monthly",
        "Giải ngân trong tháng",
        ("Số giải ngân trong tháng", "Giải ngân trong kỳ", "Số giải ngân", "Giải ngân", "Thực hiện trong tháng"),
        "Số tiền giải ngân trong tháng, theo đơn vị ghi trong ngoặc ở tiêu đề (đồng, triệu đồng, tỷ đồng). Cần cột "
        "này hoặc cột Lũy kế (hoặc cả hai).",
    ),
    Column(
        "cumulative",
        "Lũy kế",
        (
            "Lũy kế giải ngân",
            "Giải ngân lũy kế",
            "Lũy kế từ đầu năm",
            "Lũy kế giải ngân từ đầu năm",
            "Lũy kế đến cuối tháng",
            "Lũy kế giải ngân đến cuối tháng",
        ),
        "Lũy kế giải ngân từ đầu năm kế hoạch đến hết tháng. Khi không có cột Giải ngân trong tháng, số trong tháng "
        "= lũy kế tháng này − số đã giải ngân đến hết tháng trước (trong tệp hoặc trong hệ thống). Lũy kế không "
        "được giảm.",
    ),
)
COLUMN_BY_KEY = {key: column for column in COLUMNS for key in column.keys}
_MONTH_WORDS = re.compile(r"^(?:thang|t)\s*", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*(?:/|-|\.|nam)\s*(\d{4})")
_YEAR_MONTH = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})")


def parse_month(value: Any) -> date:
    """The first day of a month written "03/2025", "3-2025", "2025-03", "Tháng 3/2025", "T3/2025", or any day of it."""
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        return day.replace(day=1)
    if isinstance(value, bool):
        raise ValueError("Tháng không hợp lệ: cần tháng/năm, không phải đúng/sai.")
    if isinstance(value, int | float):
        if (isinstance(value, float) and not value.is_integer()) or value < 10_000:
            raise ValueError(f"Tháng không hợp lệ: '{value}' (ghi mm/yyyy, ví dụ 03/2025).")
        return parse_date(value).replace(day=1)  # an Excel date serial
    text = parse_text(value)
    key = _MONTH_WORDS.sub("", search_key(text)).strip()
    for pattern, order in ((_MONTH_YEAR, (1, 2)), (_YEAR_MONTH, (2, 1))):
        if match := pattern.fullmatch(key):
            month, year = int(match.group(order[0])), int(match.group(order[1]))
            if 1 <= month <= 12 and year >= 2000:
                return date(year, month, 1)
            raise ValueError(f"Tháng không hợp lệ: '{text}' (tháng từ 1 đến 12, ví dụ 03/2025).")
    try:
        return parse_date(text).replace(day=1)
    except ValueError:
        raise ValueError(f"Tháng không hợp lệ: '{text}' (ghi mm/yyyy, ví dụ 03/2025).") from None


def plan_months(plan: Plan) -> tuple[date, date]:
    """The months an annual plan's capital may be disbursed in: January of its year to December of the next
    (Law 58/2024 Art. 72: until 31/01 of the next year, or 31/12 for capital added after 30/09 or extended)."""
    return date(plan.first_year, 1, 1), date(plan.first_year + 1, 12, 1)
