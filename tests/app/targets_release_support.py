"""What the targets import, command and API tests share: the catalogue (GRDP growth, budget revenue answered for by
agency X, two sectors) and workbooks filled the way a specialist fills the template."""

import io
from datetime import date
from decimal import Decimal

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from tiendo.targets import services
from tiendo.targets.models import Component, EconomicSector, Indicator, Publication
from tiendo.targets.release_sheets import blank_template

TODAY = date(2026, 7, 20)
FIRST = {"Số hiệu": "12/BC-TK", "Ngày ban hành": "06/04/2026", "Cơ quan ban hành": "Thống kê tỉnh Hải Phòng",
         "Trích yếu": "Tình hình kinh tế - xã hội quý I năm 2026", "Tình trạng số liệu": "Sơ bộ"}  # fmt: skip
QUARTER_1 = [
    [2026, "I", "KV1", "", "3,10", ""],
    [2026, "I", "KV2", "", "15,50", "28.123,5"],
    [2026, "I", "Dịch vụ", "", "9,20", ""],
    [2026, "I", "product_taxes", "", 8.5, ""],
]


@pytest.fixture
def grdp(db):
    return Indicator.objects.create(code=Indicator.GRDP_GROWTH, name="Tốc độ tăng trưởng GRDP", unit="percent")


@pytest.fixture
def revenue(db, agency_x):
    return Indicator.objects.create(
        code="budget_revenue",
        name="Thu ngân sách nhà nước trên địa bàn",
        unit="billion_vnd",
        accumulates=True,
        responsible_agency=agency_x,
    )


@pytest.fixture
def sectors(db):
    return [
        EconomicSector.objects.create(code="C", component=Component.INDUSTRY_CONSTRUCTION, name="Công nghiệp chế biến"),
        EconomicSector.objects.create(code="F", component=Component.INDUSTRY_CONSTRUCTION, name="Xây dựng"),
    ]


def template_bytes() -> bytes:
    target = io.BytesIO()
    blank_template(target)
    return target.getvalue()


def filled(rows: dict[str, list[list]], template: bytes | None = None) -> io.BytesIO:
    """The template with `rows` added under each sheet's header: every sheet of the template copied as read
    (guide and codes too), then the rows; a sheet `rows` names that the template lacks is added."""
    book_in = CalamineWorkbook.from_filelike(io.BytesIO(template or template_bytes()))
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    sheets = {name: book_in.get_sheet_by_name(name).to_python() for name in book_in.sheet_names}
    for name in rows:
        sheets.setdefault(name, [])
    for name, table in sheets.items():
        ws = book.add_worksheet(name)
        for r, line in enumerate(table + rows.get(name, [])):
            for c, cell in enumerate(line):
                if cell not in ("", None):
                    ws.write(r, c, cell)
    book.close()
    out.seek(0)
    return out


def release(fields: dict | None = None, growth: list[list] | None = None, values: list[list] | None = None):
    """A filled template: the release row (by header), GRDP rows and indicator rows in the template's order."""
    from tiendo.targets.release_sheets import RELEASE_COLUMNS

    fields = FIRST if fields is None else fields
    row = [fields.get(c.header, "") for c in RELEASE_COLUMNS]
    return filled({"Báo cáo": [row] if fields else [], "GRDP": growth or [], "Chỉ tiêu": values or []})


def record_first(actor) -> Publication:
    """The release of 06/04/2026 (12/BC-TK) recorded through the service: Q1 with services at 9.20 %."""
    growth = [
        services.NewGrowth(2026, 1, c, Decimal(g))
        for c, g in zip(Component.values, ("0.031", "0.155", "0.092", "0.085"), strict=True)
    ]
    publication = Publication(number="12/BC-TK", published_on=date(2026, 4, 6), issuer="Thống kê tỉnh Hải Phòng")
    return services.record_publication(publication, actor=actor, growth=growth)
