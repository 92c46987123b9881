"""The project registry as a workbook: one column table read by the import and written by the export.

Three sheets carry the data ("Dự án", "Mốc tiến độ", "Báo cáo tiến độ"); the export adds a printable "Báo cáo"
sheet and a "Hướng dẫn" sheet that the import ignores. Because both directions use the same table, exporting
and importing again changes nothing. The import validates every row of every sheet before it writes, then
writes in one transaction with bulk statements, so a file of a province's whole registry takes seconds.
"""

from __future__ import annotations

import csv
import gc
import io
import operator
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from tiendo.agencies.models import AdminUnit, Agency
from tiendo.audit.versions import with_versions_moved
from tiendo.core.sheet_reading import (
    EXTENSIONS,  # noqa: F401  (re-exported: importers of this module read the accepted extensions here)
    FileRejected,
    bind_header,
    choice_reader,
    memo,
    missing_columns,
    read_sheets,
    text_reader,
)
from tiendo.core.sheet_reading import read_csv as _read_csv  # noqa: F401  (plans.disbursement's old import)
from tiendo.core.sheet_reading import tax_code as read_tax_code
from tiendo.core.spreadsheets import print_on_a4
from tiendo.domain import projects as vocab
from tiendo.domain.tabular import (
    CellError,
    column_letter,
    excel_serial,
    is_blank,
    parse_amount,
    parse_date,
    parse_decimal,
    parse_int,
    parse_percent,
    parse_text,
    read_header,
    unit_factor,
)
from tiendo.domain.text import search_key
from tiendo.enterprises.models import Enterprise

from .models import Milestone, ProgressReport, Project, Sector, Zone

PROJECTS = "Dự án"
MILESTONES = "Mốc tiến độ"
REPORTS = "Báo cáo tiến độ"
REPORT_SHEET = "Báo cáo"
GUIDE_SHEET = "Hướng dẫn"
ERROR_HEADER = "Lỗi"
BATCH = 4000
_QUERY_CHUNK = 900  # below SQLite's oldest limit on query parameters
_MAX_PARAMS = 30_000  # parameters in one INSERT: SQLite allows 32,766, PostgreSQL 65,535

Progress = Callable[[int, int], None]

# Vietnamese labels first: the export writes the first spelling of each code, the import accepts them all.
KINDS = {
    "public": ("Đầu tư công", "public", "Dự án đầu tư công", "Công"),
    "private": ("Trong nước", "private", "Ngoài ngân sách", "Doanh nghiệp trong nước", "Tư nhân"),
    "fdi": ("FDI", "fdi", "Có vốn đầu tư nước ngoài", "Nước ngoài"),
}
STATUSES = {
    "preparing": ("Chuẩn bị đầu tư", "preparing", "Chuẩn bị"),
    "implementing": ("Đang thực hiện", "implementing", "Đang triển khai"),
    "operating": ("Đang hoạt động", "operating", "Đã đi vào hoạt động"),
    "completed": ("Hoàn thành", "completed", "Đã hoàn thành"),
    "suspended": ("Tạm dừng", "suspended", "Tạm ngừng"),
    "terminated": ("Chấm dứt", "terminated", "Đã chấm dứt"),
}
GROUPS = {
    "national": ("Quan trọng quốc gia", "national"),
    "A": ("Nhóm A", "A"),
    "B": ("Nhóm B", "B"),
    "C": ("Nhóm C", "C"),
}
DEPOSITS = {
    "not_required": ("Không phải ký quỹ", "not_required", "Không"),
    "required": ("Chưa ký quỹ", "required", "Phải ký quỹ"),
    "paid": ("Đã ký quỹ", "paid"),
    "refunded": ("Đã hoàn trả", "refunded", "Đã hoàn trả ký quỹ"),
    "forfeited": ("Đã nộp ngân sách", "forfeited", "Sung ngân sách"),
}
MILESTONE_KINDS = {
    "capital_contribution": ("Góp vốn", "capital_contribution", "Góp vốn điều lệ"),
    "site_clearance": ("Giải phóng mặt bằng", "site_clearance", "GPMB"),
    "land_handover": ("Bàn giao đất", "land_handover", "Giao đất"),
    "construction_start": ("Khởi công", "construction_start", "Khởi công xây dựng"),
    "operation": ("Đi vào hoạt động", "operation", "Vận hành", "Hoạt động"),
    "completion": ("Hoàn thành", "completion", "Hoàn thành dự án"),
}
assert set(KINDS) == {m.value for m in vocab.ProjectKind}
assert set(STATUSES) == {m.value for m in vocab.ProjectStatus}
assert set(GROUPS) == {m.value for m in vocab.ProjectGroup}
assert set(DEPOSITS) == {m.value for m in vocab.DepositStatus}
assert set(MILESTONE_KINDS) == {m.value for m in vocab.MilestoneKind}

AREA_UNITS = {"m2": Decimal(1), "m²": Decimal(1), "ha": Decimal(10_000)}


@dataclass(frozen=True)
class Column:
    """One column of a sheet: the model field it fills, its Vietnamese header and how a cell is read."""

    field: str
    header: str
    kind: str  # text, name, date, amount, area, decimal, int, percent, choice, ref, tax_code
    unit: str = ""
    required: bool = False
    keep: bool = False  # a blank cell keeps the current value (fields that always have one)
    max_length: int | None = None
    places: int = 0
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    choices: dict[str, tuple[str, ...]] | None = None
    hint: str = ""

    @property
    def title(self) -> str:
        return f"{self.header} ({self.unit})" if self.unit else self.header


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def key_name(self) -> str:
        return search_key(self.name)


def _choice_hint(choices: dict[str, tuple[str, ...]]) -> str:
    return "Một trong: " + "; ".join(labels[0] for labels in choices.values()) + " (hoặc mã tiếng Anh)."


PROJECT_SHEET = Sheet(
    PROJECTS,
    (
        Column(
            "code",
            "Mã dự án",
            "text",
            required=True,
            max_length=40,
            hint="Bắt buộc. Mã duy nhất của dự án: dự án đã có thì được cập nhật, chưa có thì được thêm mới.",
        ),
        Column("name", "Tên dự án", "name", required=True, max_length=500, hint="Bắt buộc."),
        Column("name_en", "Tên tiếng Anh", "text", max_length=500),
        Column("kind", "Loại dự án", "choice", required=True, choices=KINDS, hint="Bắt buộc. " + _choice_hint(KINDS)),
        Column(
            "status",
            "Tình trạng",
            "choice",
            keep=True,
            choices=STATUSES,
            hint=_choice_hint(STATUSES) + " Để trống: giữ nguyên (dự án mới: Chuẩn bị đầu tư).",
        ),
        Column(
            "group",
            "Nhóm dự án",
            "choice",
            choices=GROUPS,
            hint="Chỉ dự án đầu tư công (bắt buộc với loại này). " + _choice_hint(GROUPS),
        ),
        Column("sector", "Ngành, lĩnh vực", "ref", hint="Mã hoặc tên ngành, lĩnh vực đã có trong hệ thống."),
        Column("commune", "Xã, phường", "ref", hint="Mã hoặc tên đơn vị hành chính (tên trùng nhau thì dùng mã)."),
        Column("zone", "Khu, cụm công nghiệp", "ref", hint="Mã hoặc tên khu, cụm công nghiệp."),
        Column(
            "investor_tax_code",
            "Mã số thuế nhà đầu tư",
            "tax_code",
            hint="10 chữ số (hoặc 10 chữ số, gạch ngang, 3 chữ số). Mã số thuế chưa có trong hệ thống và có "
            "tên nhà đầu tư thì doanh nghiệp được tạo mới.",
        ),
        Column(
            "investor_name",
            "Tên nhà đầu tư",
            "name",
            max_length=255,
            hint="Dùng khi chưa có mã số thuế: tìm doanh nghiệp theo tên; không đổi tên doanh nghiệp đã có.",
        ),
        Column(
            "agency",
            "Cơ quan phụ trách",
            "ref",
            hint="Mã hoặc tên cơ quan: chủ đầu tư dự án công, cơ quan theo dõi dự án ngoài ngân sách.",
        ),
        Column(
            "total_investment",
            "Tổng vốn đầu tư",
            "amount",
            unit="đồng",
            keep=True,
            hint="Đơn vị ghi trong ngoặc ở tiêu đề: đồng, triệu đồng hoặc tỷ đồng. Ví dụ 1.234.567.",
        ),
        Column("policy_decision_number", "Số quyết định chủ trương đầu tư", "text", max_length=80),
        Column("policy_decision_date", "Ngày quyết định chủ trương đầu tư", "date"),
        Column("certificate_number", "Số giấy chứng nhận đăng ký đầu tư", "text", max_length=80),
        Column("certificate_date", "Ngày cấp giấy chứng nhận đăng ký đầu tư", "date"),
        Column(
            "land_area_m2",
            "Diện tích đất",
            "area",
            unit="m²",
            places=1,
            minimum=Decimal(0),
            maximum=Decimal("9999999999999.9"),
            hint="Đơn vị m² hoặc ha (ghi trong ngoặc ở tiêu đề).",
        ),
        Column("land_decision_date", "Ngày quyết định giao đất, cho thuê đất", "date"),
        Column("land_handover_date", "Ngày bàn giao đất", "date"),
        Column("deposit_amount", "Số tiền ký quỹ", "amount", unit="đồng", keep=True),
        Column(
            "deposit_status", "Tình trạng ký quỹ", "choice", keep=True, choices=DEPOSITS, hint=_choice_hint(DEPOSITS)
        ),
        Column(
            "latitude",
            "Vĩ độ",
            "decimal",
            places=6,
            minimum=Decimal(-90),
            maximum=Decimal(90),
            hint="Số thập phân, ví dụ 20,937342.",
        ),
        Column(
            "longitude",
            "Kinh độ",
            "decimal",
            places=6,
            minimum=Decimal(-180),
            maximum=Decimal(180),
            hint="Số thập phân, ví dụ 106,314554.",
        ),
    ),
    ("code",),
)
MILESTONE_SHEET = Sheet(
    MILESTONES,
    (
        Column(
            "project",
            "Mã dự án",
            "text",
            required=True,
            max_length=40,
            hint="Bắt buộc. Dự án có trong trang Dự án hoặc đã có trong hệ thống.",
        ),
        Column(
            "kind",
            "Loại mốc",
            "choice",
            required=True,
            choices=MILESTONE_KINDS,
            hint="Bắt buộc; mỗi dự án một dòng cho mỗi loại mốc. " + _choice_hint(MILESTONE_KINDS),
        ),
        Column("first_due", "Hạn ban đầu", "date", hint="Theo quyết định, giấy chứng nhận đầu tiên."),
        Column("current_due", "Hạn hiện tại", "date", hint="Sau điều chỉnh, gia hạn; để trống: bằng hạn ban đầu."),
        Column("done", "Ngày hoàn thành", "date"),
        Column("note", "Ghi chú", "text", max_length=500),
        Column(
            "clearance_area_m2",
            "Diện tích cần giải phóng mặt bằng",
            "area",
            unit="m²",
            places=1,
            minimum=Decimal(0),
            maximum=Decimal("9999999999999.9"),
        ),
        Column(
            "cleared_area_m2",
            "Diện tích đã giải phóng mặt bằng",
            "area",
            unit="m²",
            places=1,
            minimum=Decimal(0),
            maximum=Decimal("9999999999999.9"),
        ),
        Column("households", "Số hộ bị ảnh hưởng", "int"),
        Column("households_cleared", "Số hộ đã bàn giao mặt bằng", "int"),
        Column("compensation_planned", "Kinh phí bồi thường dự kiến", "amount", unit="đồng"),
        Column("compensation_paid", "Kinh phí bồi thường đã chi trả", "amount", unit="đồng"),
    ),
    ("project", "kind"),
)
REPORT_SHEET_SPEC = Sheet(
    REPORTS,
    (
        Column(
            "project",
            "Mã dự án",
            "text",
            required=True,
            max_length=40,
            hint="Bắt buộc. Dự án có trong trang Dự án hoặc đã có trong hệ thống.",
        ),
        Column(
            "period_end",
            "Kỳ báo cáo đến ngày",
            "date",
            required=True,
            hint="Bắt buộc; mỗi dự án một dòng cho mỗi kỳ; không được sau ngày hôm nay.",
        ),
        Column(
            "physical_progress", "Tiến độ thực hiện", "percent", unit="%", required=True, hint="Bắt buộc; từ 0 đến 100."
        ),
        Column("disbursed_to_date", "Vốn đã giải ngân lũy kế", "amount", unit="đồng", keep=True),
        Column("jobs", "Số lao động", "int"),
        Column("revenue", "Doanh thu trong kỳ", "amount", unit="đồng"),
        Column("taxes_paid", "Nộp ngân sách trong kỳ", "amount", unit="đồng"),
        Column("problems", "Khó khăn, vướng mắc, kiến nghị", "text"),
    ),
    ("project", "period_end"),
)
SHEETS = (PROJECT_SHEET, MILESTONE_SHEET, REPORT_SHEET_SPEC)

PROJECT_FIELDS = [c.field for c in PROJECT_SHEET.columns if not c.field.startswith("investor_")] + ["investor"]
MILESTONE_FIELDS = [c.field for c in MILESTONE_SHEET.columns if c.field not in ("project", "kind")]
REPORT_FIELDS = [c.field for c in REPORT_SHEET_SPEC.columns if c.field not in ("project", "period_end")]
_REF_FIELDS = {"sector", "commune", "zone", "agency"}
_RELATIONS = ("sector", "commune", "zone", "agency", "investor")


def _blank(model, fields: list[str]) -> dict[str, Any]:
    """What a new record holds in the fields a sheet leaves out: the model's default, else null or ""."""
    blank = {}
    for name in fields:
        model_field = model._meta.get_field(name)
        if model_field.has_default():
            blank[name] = model_field.get_default()
        else:
            blank[name] = None if model_field.null else ""
    return blank


_PROJECT_BLANK = _blank(Project, PROJECT_FIELDS)
_MILESTONE_BLANK = _blank(Milestone, MILESTONE_FIELDS)
_REPORT_BLANK = _blank(ProgressReport, REPORT_FIELDS)


# ---------------------------------------------------------------------------------------------------------------
# Results


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    milestones: int = 0  # milestones created or changed
    milestones_unchanged: int = 0
    reports: int = 0  # progress reports added
    reports_unchanged: int = 0
    enterprises: int = 0  # investors created from a tax code and a name
    rejected: int = 0  # rows not written
    refused: bool = False  # nothing written: errors in all-or-nothing mode, or a header that cannot be read
    errors: list[CellError] = field(default_factory=list)
    seconds: float = 0.0
    dry_run: bool = False
    partial: bool = False
    rows: int = 0
    rejected_workbook: bytes | None = None

    def as_dict(self, error_limit: int | None = None) -> dict[str, Any]:
        errors = self.errors if error_limit is None else self.errors[:error_limit]
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "milestones": self.milestones,
            "milestones_unchanged": self.milestones_unchanged,
            "reports": self.reports,
            "reports_unchanged": self.reports_unchanged,
            "enterprises": self.enterprises,
            "rejected": self.rejected,
            "rows": self.rows,
            "dry_run": self.dry_run,
            "partial": self.partial,
            "refused": self.refused,
            "error_count": len(self.errors),
            "errors": [e.as_dict() for e in errors],
            "seconds": round(self.seconds, 3),
        }


# ---------------------------------------------------------------------------------------------------------------
# Reading


def read_tables(file, filename: str) -> dict[str, list[list[Any]]]:
    """Rows of each known sheet (header first), from .xlsx/.xls/.ods with python-calamine or .csv (projects only)."""
    wanted = {sheet.key_name: sheet.name for sheet in SHEETS}
    tables = read_sheets(file, filename, csv_sheet=PROJECTS, name_of=lambda name: wanted.get(search_key(name)))
    if not tables:
        raise FileRejected(
            f"Tệp '{filename}' không có trang tính nào tên '{PROJECTS}', '{MILESTONES}' hoặc '{REPORTS}'."
        )
    return tables


# ---------------------------------------------------------------------------------------------------------------
# Lookups: everything a row may refer to, fetched once


class _Table:
    """Codes and names of one kind of record, searched without diacritics; a name used twice is ambiguous."""

    def __init__(self, what: str):
        self.what = what
        self.by_code: dict[str, int] = {}
        self.by_name: dict[str, list[tuple[int, bool]]] = {}
        self.codes: dict[int, str] = {}

    def add(self, pk: int, code: str, names: Iterable[str], current: bool = True) -> None:
        self.codes[pk] = code
        self.by_code.setdefault(search_key(code), pk)
        for name in {search_key(n) for n in names if n}:
            self.by_name.setdefault(name, []).append((pk, current))

    def find(self, text: str) -> int:
        key = search_key(text)
        if (pk := self.by_code.get(key)) is not None:
            return pk
        found = self.by_name.get(key, [])
        if len(found) > 1:
            found = [f for f in found if f[1]] or found
        if not found:
            raise ValueError(f"Không tìm thấy {self.what} '{text}' (ghi mã hoặc tên đã có trong hệ thống).")
        if len({pk for pk, _ in found}) > 1:
            raise ValueError(f"Có nhiều {self.what} cùng tên '{text}': hãy ghi mã.")
        return found[0][0]


class Lookups:
    """Sectors, communes, zones, agencies and enterprises by code and by name: no query per row."""

    def __init__(self, today: date):
        self.sector = _Table("ngành, lĩnh vực")
        for pk, code, name in Sector.objects.values_list("pk", "code", "name"):
            self.sector.add(pk, code, [name])
        self.zone = _Table("khu, cụm công nghiệp")
        for pk, code, name in Zone.objects.values_list("pk", "code", "name"):
            self.zone.add(pk, code, [name])
        self.commune = _Table("đơn vị hành chính")
        units = AdminUnit.objects.values_list("pk", "code", "name", "unit_type", "level", "valid_from", "valid_to")
        for pk, code, name, unit_type, level, start, end in units:
            names = [f"{unit_type} {name}"] + ([name] if level != "province" else [])
            self.commune.add(pk, code, names, _current(start, end, today))
        self.agency = _Table("cơ quan")
        for pk, code, name, short, start, end in Agency.objects.values_list(
            "pk", "code", "name", "short_name", "valid_from", "valid_to"
        ):
            self.agency.add(pk, code, [name, short], _current(start, end, today))
        self.tax_codes: dict[str, int] = {}
        self.enterprise_names: dict[str, list[int]] = {}
        self.enterprises: dict[int, tuple[str, str]] = {}
        self.deleted_tax_codes: set[str] = set()
        for pk, tax_code, name, deleted_at in Enterprise.objects.values_list("pk", "tax_code", "name", "deleted_at"):
            if deleted_at is not None:
                if tax_code:
                    self.deleted_tax_codes.add(tax_code)
                continue
            self.enterprises[pk] = (tax_code, name)
            if tax_code:
                self.tax_codes[tax_code] = pk
            self.enterprise_names.setdefault(search_key(name), []).append(pk)


def _current(start: date | None, end: date | None, today: date) -> bool:
    return (start is None or start <= today) and (end is None or end >= today)


# ---------------------------------------------------------------------------------------------------------------
# Cell readers bound to a header


def _reader(column: Column, unit: str, lookups: Lookups) -> Callable[[Any], Any]:
    """A function that reads one cell of this column, raising ValueError with a Vietnamese message."""
    kind = column.kind
    if kind == "text":
        slow_text, longest = text_reader(column.max_length, False), column.max_length or 1 << 30
        return lambda cell: cell.strip() if cell.__class__ is str and len(cell) <= longest else slow_text(cell)
    if kind == "name":
        return text_reader(column.max_length, True)
    if kind == "date":
        return lambda cell: cell if cell.__class__ is date else parse_date(cell)
    if kind == "amount":
        unit = unit or column.unit
        factor = unit_factor(unit)
        return lambda cell: (
            int(cell) * factor
            if cell.__class__ is float and cell >= 0 and cell.is_integer()
            else parse_amount(cell, unit)
        )
    if kind == "area":
        factor = AREA_UNITS[unit or "m²"]
        places, low, high = column.places, column.minimum, column.maximum
        if factor == 1:
            return lambda cell: parse_decimal(cell, places, low, high)
        return lambda cell: parse_decimal(parse_decimal(cell, 6) * factor, places, low, high)
    if kind == "decimal":
        places, low, high = column.places, column.minimum, column.maximum
        return lambda cell: parse_decimal(cell, places, low, high)
    if kind == "int":
        return lambda cell: (
            int(cell) if cell.__class__ is float and cell >= 0 and cell.is_integer() else parse_int(cell)
        )
    if kind == "percent":
        return memo(parse_percent)
    if kind == "choice":
        return memo(choice_reader(column.choices or {}))
    if kind == "ref":
        table: _Table = getattr(lookups, column.field)
        return memo(lambda cell: table.find(parse_text(cell)))
    if kind == "tax_code":
        return read_tax_code
    raise AssertionError(kind)


def _check_unit(column: Column, unit: str) -> str | None:
    """A message when the unit in a header cannot be used for this column."""
    if not unit:
        return None
    if column.kind == "amount":
        try:
            unit_factor(unit)
        except ValueError as error:
            return str(error)
    if column.kind == "area" and unit not in AREA_UNITS:
        return f"Đơn vị diện tích không hợp lệ: '{unit}' (dùng m² hoặc ha)."
    return None


# ---------------------------------------------------------------------------------------------------------------
# Validation


@dataclass(slots=True)
class _Row:
    number: int  # as the spreadsheet shows it
    cells: list[Any]
    values: dict[str, Any]
    errors: list[CellError] = field(default_factory=list)


@dataclass
class _Parsed:
    sheet: Sheet
    header: list[Any]
    present: set[str]  # fields whose column is in the file
    rows: list[_Row]
    letters: dict[str, tuple[str, str]]  # field -> (column letter, header as written)


def _parse_sheet(
    sheet: Sheet, table: list[list[Any]], lookups: Lookups, errors: list[CellError], tick: Callable[[int], None]
) -> _Parsed:
    header = table[0] if table else []
    by_key = {header_key_of(c): c for c in sheet.columns}
    found, seen = bind_header(sheet.name, 1, header, by_key.get, errors, unit_problem=_check_unit)
    letters = {b.column.field: (b.letter, b.title.text) for b in found}
    bound = [(b.index, b.column, _reader(b.column, b.title.unit, lookups)) for b in found]
    missing_columns(sheet.name, 1, sheet.columns, seen, errors)
    rows: list[_Row] = []
    name = sheet.name
    width = len(header)
    plan = [
        (index, c.field, read, c.required, c.keep, "" if c.kind in ("text", "name", "choice") else None)
        for index, c, read in bound
    ]
    where = {index: (column_letter(index), c.header) for index, c, _ in bound}
    for offset, cells in enumerate(table[1:]):
        if offset % 5000 == 4999:
            tick(5000)
        if not any(cells) or (is_blank(cells[0]) and all(is_blank(c) for c in cells)):
            continue
        number = offset + 2
        if len(cells) < width:
            cells = list(cells) + [""] * (width - len(cells))
        values: dict[str, Any] = {}
        row_errors: list[CellError] = []
        for index, field_name, read, required, keep, empty in plan:
            cell = cells[index]
            if cell == "" or cell is None or (cell.__class__ is str and cell.isspace()):
                if required:
                    row_errors.append(CellError(name, number, *where[index], "Ô bắt buộc đang để trống."))
                elif not keep:
                    values[field_name] = empty
                continue
            try:
                values[field_name] = read(cell)
            except ValueError as error:
                row_errors.append(CellError(name, number, *where[index], str(error)))
        rows.append(_Row(number, cells, values, row_errors))
    tick((len(table) - 1) % 5000 if table else 0)
    return _Parsed(sheet, list(header), set(letters), rows, letters)


def header_key_of(column: Column) -> str:
    return read_header(column.header).key


@dataclass
class _Plan:
    """What the import will write, worked out before any write."""

    new_enterprises: dict[str, str] = field(default_factory=dict)  # tax code -> name
    project_creates: list[dict[str, Any]] = field(default_factory=list)
    project_updates: dict[int, dict[str, Any]] = field(default_factory=dict)  # pk -> changed fields
    milestone_creates: list[dict[str, Any]] = field(default_factory=list)
    milestone_updates: dict[int, dict[str, Any]] = field(default_factory=dict)
    report_creates: list[dict[str, Any]] = field(default_factory=list)


def _error(parsed: _Parsed, row: _Row, field_name: str, message: str) -> None:
    letter, header = parsed.letters.get(field_name, ("", ""))
    row.errors.append(CellError(parsed.sheet.name, row.number, letter, header, message))


def _failed_fields(parsed: _Parsed, row: _Row) -> set[str]:
    """The fields of this row whose cells already carry an error."""
    letters = {error.column for error in row.errors}
    return {name for name, (letter, _header) in parsed.letters.items() if letter in letters}


def _chunks(items: list, size: int = _QUERY_CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Importer:
    def __init__(self, user, *, partial: bool, dry_run: bool, today: date, progress: Progress | None):
        self.user = user
        self.partial = partial
        self.dry_run = dry_run
        self.today = today
        self.progress = progress
        self.done = 0
        self.total = 0
        self.result = ImportResult(dry_run=dry_run, partial=partial)

    def tick(self, count: int) -> None:
        self.done += count
        if self.progress and count:
            self.progress(min(self.done, self.total), self.total)

    def run(self, tables: dict[str, list[list[Any]]]) -> ImportResult:
        # Millions of small objects and no cycles: the cyclic collector would only rescan them again and again.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._run(tables)
        finally:
            if collecting:
                gc.enable()

    def _run(self, tables: dict[str, list[list[Any]]]) -> ImportResult:
        rows = sum(max(len(t) - 1, 0) for t in tables.values())
        self.result.rows = rows
        self.total = rows if self.dry_run else 2 * rows
        if self.progress:
            self.progress(0, self.total)
        lookups = Lookups(self.today)
        sheet_errors: list[CellError] = []
        parsed = {
            sheet.name: _parse_sheet(sheet, tables[sheet.name], lookups, sheet_errors, self.tick)
            for sheet in SHEETS
            if sheet.name in tables
        }
        plan = self._check(parsed, lookups)
        all_rows = [row for p in parsed.values() for row in p.rows]
        errors = sheet_errors + [e for row in all_rows for e in row.errors]
        self.result.errors = errors
        self.result.rejected = sum(1 for row in all_rows if row.errors)
        if sheet_errors:  # a bad header spoils its whole sheet
            self.result.rejected = len(all_rows)
        if errors and self.partial:
            self.result.rejected_workbook = rejected_workbook(parsed.values(), sheet_errors)
        if (errors and not self.partial) or sheet_errors:
            self.result.refused = True
            return self.result
        if not self.dry_run:
            self._write(plan)
        if self.progress:
            self.progress(self.total, self.total)
        return self.result

    # -- checks across rows and against the database -----------------------------------------------------

    def _check(self, parsed: dict[str, _Parsed], lookups: Lookups) -> _Plan:
        plan = _Plan()
        projects = parsed.get(PROJECTS)
        milestones = parsed.get(MILESTONES)
        reports = parsed.get(REPORTS)
        codes: set[str] = set()
        for p in (projects, milestones, reports):
            if p:
                key = "code" if p is projects else "project"
                codes.update(row.values[key] for row in p.rows if row.values.get(key))
        existing = self._existing_projects(sorted(codes))
        file_projects: dict[str, _Row] = {}
        if projects:
            self._check_projects(projects, existing, lookups, plan, file_projects)
        project_ids = {code: values["id"] for code, values in existing.items() if values["deleted_at"] is None}
        if milestones:
            self._check_milestones(milestones, existing, project_ids, file_projects, plan)
        if reports:
            self._check_reports(reports, existing, project_ids, file_projects, plan)
        return plan

    def _existing_projects(self, codes: list[str]) -> dict[str, dict[str, Any]]:
        fields = ["id", "deleted_at", *[_attname(f) for f in PROJECT_FIELDS]]
        found = {}
        for chunk in _chunks(codes):
            for values in Project.objects.filter(code__in=chunk).values(*fields):
                found[values["code"]] = values
        return found

    def _check_projects(self, parsed: _Parsed, existing, lookups: Lookups, plan: _Plan, file_projects) -> None:
        result = self.result
        present = parsed.present
        has_investor = bool(present & {"investor_tax_code", "investor_name"})
        new_names: dict[str, str] = {}
        for row in parsed.rows:
            values = row.values
            code = values.get("code")
            if code:
                if code in file_projects:
                    first = file_projects[code].number
                    _error(parsed, row, "code", f"Mã dự án '{code}' lặp lại (đã có ở dòng {first}).")
                    continue
                file_projects[code] = row
            old = existing.get(code) if code else None
            if old and old["deleted_at"] is not None:
                _error(parsed, row, "code", f"Dự án '{code}' đã bị xóa: hãy khôi phục trước khi nhập.")
            # Rules across columns run even when other cells of the row are wrong, so that one upload reports
            # every problem; a rule is skipped only when a column it reads could not be read itself.
            failed = _failed_fields(parsed, row)
            investor_fields = {"investor_tax_code", "investor_name"}
            if has_investor and not failed & investor_fields:
                self._resolve_investor(parsed, row, lookups, new_names)
                failed = _failed_fields(parsed, row)
            merged = {**({f: old[_attname(f)] for f in PROJECT_FIELDS} if old else _PROJECT_BLANK), **values}
            kind, group = merged.get("kind"), merged.get("group") or ""
            if not failed & {"kind", "group"}:
                if kind == "public" and not group:
                    message = "Dự án đầu tư công phải ghi nhóm dự án (A, B, C hoặc quan trọng quốc gia)."
                    _error(parsed, row, "group", message)
                elif kind in ("private", "fdi") and group:
                    _error(parsed, row, "group", "Chỉ dự án đầu tư công mới có nhóm dự án.")
            investor_known = merged.get("investor") or values.get("_new_investor")
            if (
                "kind" not in failed
                and not failed & investor_fields
                and kind in ("private", "fdi")
                and not investor_known
            ):
                field_name = "investor_tax_code" if "investor_tax_code" in present else "investor_name"
                _error(parsed, row, field_name, "Dự án ngoài ngân sách, FDI phải ghi nhà đầu tư.")
            if row.errors:
                continue
            changes = {f: values[f] for f in PROJECT_FIELDS if f in values}
            if values.get("_new_investor"):
                changes["investor"] = None
            if old is None:
                result.created += 1
                merged["_new_investor"] = values.get("_new_investor")
                plan.project_creates.append(merged)
            else:
                changed = {f: v for f, v in changes.items() if old[_attname(f)] != v}
                if values.get("_new_investor"):
                    changed["_new_investor"] = values["_new_investor"]
                if changed:
                    result.updated += 1
                    plan.project_updates[old["id"]] = changed
                else:
                    result.unchanged += 1
        # Only investors of rows that will be written: a rejected row creates nobody.
        used = {v.get("_new_investor") for v in [*plan.project_creates, *plan.project_updates.values()]}
        plan.new_enterprises = {tax_code: name for tax_code, name in new_names.items() if tax_code in used}
        result.enterprises = len(plan.new_enterprises)

    def _resolve_investor(self, parsed: _Parsed, row: _Row, lookups: Lookups, new_names: dict[str, str]) -> None:
        values = row.values
        tax_code = values.pop("investor_tax_code", None) or ""
        name = values.pop("investor_name", None) or ""
        if tax_code:
            if tax_code in lookups.tax_codes:
                values["investor"] = lookups.tax_codes[tax_code]
            elif tax_code in lookups.deleted_tax_codes:
                _error(parsed, row, "investor_tax_code", f"Doanh nghiệp mã số thuế {tax_code} đã bị xóa.")
            elif name:
                new_names.setdefault(tax_code, name)
                values["investor"] = None
                values["_new_investor"] = tax_code
            else:
                _error(
                    parsed,
                    row,
                    "investor_tax_code",
                    f"Chưa có doanh nghiệp mã số thuế {tax_code}: ghi thêm tên nhà đầu tư để tạo mới.",
                )
        elif name:
            found = lookups.enterprise_names.get(search_key(name), [])
            if len(found) == 1:
                values["investor"] = found[0]
            elif not found:
                _error(parsed, row, "investor_name", f"Không tìm thấy nhà đầu tư '{name}': ghi mã số thuế để tạo mới.")
            else:
                _error(parsed, row, "investor_name", f"Có nhiều doanh nghiệp tên '{name}': hãy ghi mã số thuế.")
        else:
            values["investor"] = None

    def _known_project(self, parsed, row, code, existing, file_projects) -> bool:
        """A milestone or report needs its project in this file (without errors) or in the database."""
        if code in file_projects:
            project_row = file_projects[code]
            if project_row.errors and self.partial:
                _error(
                    parsed,
                    row,
                    "project",
                    f"Dòng dự án '{code}' (trang {PROJECTS}, dòng {project_row.number}) có lỗi nên dòng này "
                    "cũng không được ghi.",
                )
                return False
            return True
        old = existing.get(code)
        if old is None:
            _error(parsed, row, "project", f"Không có dự án mã '{code}' trong tệp hay trong hệ thống.")
            return False
        if old["deleted_at"] is not None:
            _error(parsed, row, "project", f"Dự án '{code}' đã bị xóa.")
            return False
        return True

    def _check_milestones(self, parsed: _Parsed, existing, project_ids, file_projects, plan: _Plan) -> None:
        result = self.result
        present = parsed.present
        old_milestones: dict[tuple[int, str], dict[str, Any]] = {}
        ids = sorted(set(project_ids.values()))
        for chunk in _chunks(ids):
            for values in Milestone.objects.filter(project_id__in=chunk).values(
                "id", "project_id", "kind", *MILESTONE_FIELDS
            ):
                old_milestones[values["project_id"], values["kind"]] = values
        seen: dict[tuple[str, str], int] = {}
        for row in parsed.rows:
            values = row.values
            code, kind = values.get("project"), values.get("kind")
            if code and kind:
                if (code, kind) in seen:
                    message = f"Mốc này của dự án '{code}' lặp lại (đã có ở dòng {seen[code, kind]})."
                    _error(parsed, row, "kind", message)
                else:
                    seen[code, kind] = row.number
            if row.errors or not self._known_project(parsed, row, code, existing, file_projects):
                continue
            pk = project_ids.get(code)
            old = old_milestones.get((pk, kind)) if pk else None
            merged = {**(old if old else _MILESTONE_BLANK), **values}
            if "current_due" in present and values.get("current_due") is None:
                values["current_due"] = merged["current_due"] = merged["first_due"]
            first, current = merged.get("first_due"), merged.get("current_due")
            if first and current and current < first:
                _error(
                    parsed,
                    row,
                    "current_due",
                    f"Hạn hiện tại ({current:%d/%m/%Y}) không được trước hạn ban đầu ({first:%d/%m/%Y}).",
                )
                continue
            changes = {f: values[f] for f in MILESTONE_FIELDS if f in values}
            if old is None:
                if merged["current_due"] is None:
                    merged["current_due"] = merged["first_due"]
                merged["project_code"], merged["kind"] = code, kind
                plan.milestone_creates.append(merged)
                result.milestones += 1
            else:
                changed = {f: v for f, v in changes.items() if old[f] != v}
                if changed:
                    plan.milestone_updates[old["id"]] = changed
                    result.milestones += 1
                else:
                    result.milestones_unchanged += 1

    def _check_reports(self, parsed: _Parsed, existing, project_ids, file_projects, plan: _Plan) -> None:
        result = self.result
        latest: dict[tuple[int, date], dict[str, Any]] = {}
        ids = sorted(set(project_ids.values()))
        for chunk in _chunks(ids):
            reports = ProgressReport.objects.filter(project_id__in=chunk).order_by("project_id", "period_end", "pk")
            for values in reports.values("project_id", "period_end", *REPORT_FIELDS):
                latest[values["project_id"], values["period_end"]] = values
        totals = {code: old["total_investment"] for code, old in existing.items()}
        for code, row in file_projects.items():
            if "total_investment" in row.values:
                totals[code] = row.values["total_investment"]
        seen: dict[tuple[str, date], int] = {}
        for row in parsed.rows:
            values = row.values
            code, period_end = values.get("project"), values.get("period_end")
            if code and period_end:
                if (code, period_end) in seen:
                    _error(
                        parsed,
                        row,
                        "period_end",
                        f"Kỳ báo cáo này của dự án '{code}' lặp lại (đã có ở dòng {seen[code, period_end]}).",
                    )
                else:
                    seen[code, period_end] = row.number
                if period_end > self.today:
                    _error(parsed, row, "period_end", "Kỳ báo cáo chưa kết thúc (sau ngày hôm nay).")
            disbursed, total = values.get("disbursed_to_date"), totals.get(code)
            if disbursed and total and disbursed > 2 * total:
                _error(
                    parsed,
                    row,
                    "disbursed_to_date",
                    "Vốn giải ngân lớn hơn hai lần tổng vốn đầu tư: kiểm tra lại đơn vị (đồng, triệu, tỷ).",
                )
            if row.errors or not self._known_project(parsed, row, code, existing, file_projects):
                continue
            report = {**_REPORT_BLANK, **values}
            pk = project_ids.get(code)
            old = latest.get((pk, period_end)) if pk else None
            if old is not None and all(old[f] == report[f] for f in REPORT_FIELDS if f in values):
                result.reports_unchanged += 1
                continue
            report["project_code"], report["period_end"] = code, period_end
            plan.report_creates.append(report)
            result.reports += 1

    # -- writing -------------------------------------------------------------------------------------------

    def _write(self, plan: _Plan) -> None:
        user = self.user
        now = timezone.now()
        db_now = connection.ops.adapt_datetimefield_value(now)
        with transaction.atomic():
            investors: dict[str, int] = {}
            if plan.new_enterprises:
                enterprises = [
                    {"name": name, "tax_code": tax_code, "search_key": search_key(f"{name} {tax_code}")}
                    for tax_code, name in plan.new_enterprises.items()
                ]
                investors = self._insert_with_history(Enterprise, enterprises, lambda r: r["tax_code"], db_now)
            records = []
            for values in plan.project_creates:
                new_investor = values.pop("_new_investor", None)
                if new_investor:
                    values["investor"] = investors[new_investor]
                record = values
                for name in _RELATIONS:
                    record[name + "_id"] = record.pop(name, None)
                record["search_key"] = Project.make_search_key(record["code"], record["name"], record["name_en"])
                record["created_at"] = db_now
                records.append(record)
            codes = self._insert_with_history(Project, records, lambda r: r["code"], db_now)
            if plan.project_updates:
                self._update(Project, plan.project_updates, investors, now)
            all_codes = self._codes(plan, codes)
            records = []
            for values in plan.milestone_creates:
                values["project_id"] = all_codes[values.pop("project_code")]
                records.append(values)
            self._insert_with_history(Milestone, records, lambda r: (r["project_id"], r["kind"]), db_now)
            if plan.milestone_updates:
                self._update(Milestone, plan.milestone_updates, {}, now)
            user_id = user.pk
            for values in plan.report_creates:
                values["project_id"] = all_codes[values.pop("project_code")]
                values["submitted_by_id"] = user_id
                values["submitted_at"] = db_now
            self._insert(ProgressReport, plan.report_creates, db_now)

    def _insert(self, model, records: list[dict[str, Any]], db_now, history: bool = False) -> None:
        """INSERT with executemany: the ORM's per-object work would cost more than the database's own."""
        if not records:
            return
        opts = model._meta
        if history:
            fields = [f for f in opts.concrete_fields if f.attname != "history_id"]
            fixed = [f for f in fields if f.attname in _HISTORY_VALUES]
            fields = [f for f in fields if f.attname not in _HISTORY_VALUES]
            tail = tuple(_HISTORY_VALUES[f.attname](self.user, db_now) for f in fixed)
        else:
            fields = [f for f in opts.concrete_fields if not f.primary_key]
            fixed, tail = [], ()
        names = [f.attname for f in fields]
        # Records of one list are built alike: fill what the first one lacks with the model's defaults.
        missing = {
            f.attname: f.get_default() if f.has_default() else (None if f.null else "")
            for f in fields
            if f.attname not in records[0]
        }
        if missing:
            for record in records:
                record.update(missing)
        getter = operator.itemgetter(*names)
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields + fixed)
        sql = (
            f"INSERT INTO {quote(opts.db_table)} ({columns}) VALUES ({', '.join(['%s'] * (len(fields) + len(fixed)))})"
        )
        with connection.cursor() as cursor:
            for batch in _chunks(records, BATCH):
                cursor.executemany(sql, [getter(record) + tail for record in batch])
                if not history:
                    self.tick(len(batch))

    def _insert_with_history(self, model, records: list[dict[str, Any]], key, db_now) -> dict:
        """Insert new records, read back their ids, and write their "created" history rows the same way."""
        if not records:
            return {}
        self._insert(model, records, db_now)
        ids: dict[Any, int] = {}
        if model is Project:
            for chunk in _chunks([r["code"] for r in records]):
                ids.update(Project.objects.filter(code__in=chunk).values_list("code", "pk"))
        elif model is Enterprise:
            for chunk in _chunks([r["tax_code"] for r in records]):
                ids.update(Enterprise.objects.filter(tax_code__in=chunk).values_list("tax_code", "pk"))
        else:
            for chunk in _chunks(sorted({r["project_id"] for r in records})):
                rows = model.objects.filter(project_id__in=chunk).values_list("project_id", "kind", "pk")
                ids.update(((project_id, kind), pk) for project_id, kind, pk in rows)
        for record in records:
            record["id"] = ids[key(record)]
        self._insert(model.history.model, records, db_now, history=True)
        return ids

    def _codes(self, plan: _Plan, created: dict[str, int]) -> dict[str, int]:
        wanted = {v["project_code"] for v in plan.milestone_creates} | {v["project_code"] for v in plan.report_creates}
        missing = sorted(wanted - created.keys())
        codes = dict(created)
        for chunk in _chunks(missing):
            codes.update(Project.objects.filter(code__in=chunk).values_list("code", "pk"))
        return codes

    def _update(self, model, updates: dict[int, dict[str, Any]], investors: dict[str, int], now) -> None:
        fields: set[str] = set()
        objects = []
        for chunk in _chunks(sorted(updates)):
            for obj in model.objects.filter(pk__in=chunk):
                changed = dict(updates[obj.pk])
                new_investor = changed.pop("_new_investor", None)
                if new_investor:
                    changed["investor"] = investors[new_investor]
                for name, value in changed.items():
                    setattr(obj, _attname(name), value)
                    fields.add(name)
                if model is Project:
                    obj.search_key = Project.make_search_key(obj.code, obj.name, obj.name_en)
                objects.append(obj)
        if model is Project:
            fields.add("search_key")
        names = with_versions_moved(objects, model, sorted(fields))  # an edit form read before the import is stale
        for batch in _chunks(objects, BATCH):
            bulk_update_with_history(batch, model, names, batch_size=BATCH, default_user=self.user, default_date=now)
            self.tick(len(batch))


_HISTORY_VALUES = {
    "history_type": lambda user, now: "+",
    "history_date": lambda user, now: now,
    "history_user_id": lambda user, now: user.pk,
    "history_change_reason": lambda user, now: None,
}


def _attname(name: str) -> str:
    return f"{name}_id" if name in _REF_FIELDS or name == "investor" else name


def import_workbook(
    file,
    filename: str,
    user,
    *,
    partial: bool = False,
    dry_run: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate every row of every sheet, then write all of it in one transaction (or, partial, the valid rows).

    Raises FileRejected when the file cannot be read at all; row problems come back in the result's errors.
    """
    started = time.perf_counter()
    today = today or timezone.localdate()
    tables = read_tables(file, filename)
    importer = _Importer(user, partial=partial, dry_run=dry_run, today=today, progress=progress)
    result = importer.run(tables)
    result.seconds = time.perf_counter() - started
    return result


# ---------------------------------------------------------------------------------------------------------------
# Writing workbooks


class _Formats:
    def __init__(self, book):
        self.bold = book.add_format(
            {"bold": True, "bg_color": "#E8EEF7", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.date = book.add_format({"num_format": "dd/mm/yyyy"})
        self.amount = book.add_format({"num_format": "#,##0"})
        self.text = book.add_format({"num_format": "@"})


_WIDTHS = {
    "text": 18,
    "name": 40,
    "date": 12,
    "amount": 18,
    "area": 14,
    "decimal": 12,
    "int": 10,
    "percent": 10,
    "choice": 18,
    "ref": 16,
    "tax_code": 14,
}


def _data_sheet(book, formats: _Formats, sheet: Sheet, rows: Iterable[list[Any]], extra: list[str] = ()) -> int:
    """One of the three data sheets: the header row, then typed cells (dates as dates, amounts as numbers)."""
    ws = book.add_worksheet(sheet.name)
    headers = [c.title for c in sheet.columns] + list(extra)
    ws.write_row(0, 0, headers, formats.bold)
    ws.freeze_panes(1, 0)
    for index, column in enumerate(sheet.columns):
        ws.set_column(index, index, _WIDTHS[column.kind] if column.field != "code" else 16)
    for index in range(len(sheet.columns), len(headers)):
        ws.set_column(index, index, 60)
    return _write_rows(ws, formats, rows, 1)


def _write_rows(ws, formats: _Formats, rows: Iterable[list[Any]], first: int) -> int:
    write_number, write_string, date_format = ws.write_number, ws.write_string, formats.date
    count = 0
    for number, row in enumerate(rows, start=first):
        count += 1
        for col, value in enumerate(row):
            if value is None or value == "":
                continue
            cls = value.__class__
            if cls is str:
                write_string(number, col, value)
            elif cls is int or cls is float:
                write_number(number, col, value)
            elif cls is Decimal:
                write_number(number, col, float(value))
            elif cls is date:
                write_number(number, col, excel_serial(value), date_format)
            elif cls is datetime:
                write_number(number, col, excel_serial(value.date()), date_format)
            elif cls is bool:
                write_string(number, col, "Có" if value else "Không")
            else:
                write_string(number, col, str(value))
    return count


class _Names:
    """Codes and labels the export writes: the same spellings the import reads back."""

    def __init__(self):
        self.sector = dict(Sector.objects.values_list("pk", "code"))
        self.zone = dict(Zone.objects.values_list("pk", "code"))
        self.commune = dict(AdminUnit.objects.values_list("pk", "code"))
        self.agency = dict(Agency.objects.values_list("pk", "code"))
        self.enterprise = {
            pk: (tax, name) for pk, tax, name in Enterprise.objects.values_list("pk", "tax_code", "name")
        }
        self.labels = {
            c.field: {code: labels[0] for code, labels in c.choices.items()} for c in PROJECT_SHEET.columns if c.choices
        }


_PROJECT_VALUES = [
    "id",
    "code",
    "name",
    "name_en",
    "kind",
    "status",
    "group",
    "sector_id",
    "commune_id",
    "zone_id",
    "investor_id",
    "agency_id",
    "total_investment",
    "policy_decision_number",
    "policy_decision_date",
    "certificate_number",
    "certificate_date",
    "land_area_m2",
    "land_decision_date",
    "land_handover_date",
    "deposit_amount",
    "deposit_status",
    "latitude",
    "longitude",
]


def _project_cells(values: dict[str, Any], names: _Names) -> list[Any]:
    investor = names.enterprise.get(values["investor_id"], ("", "")) if values["investor_id"] else ("", "")
    cells = []
    for column in PROJECT_SHEET.columns:
        f = column.field
        if f == "investor_tax_code":
            cells.append(investor[0])
        elif f == "investor_name":
            cells.append(investor[1])
        elif f in _REF_FIELDS:
            pk = values[f + "_id"]
            cells.append(getattr(names, f).get(pk, "") if pk else "")
        elif column.choices:
            cells.append(names.labels[f].get(values[f], values[f]) if values[f] else "")
        else:
            cells.append(values[f])
    return cells


def export_tables(
    projects,
) -> tuple[Iterator[list[Any]], Callable[[], Iterator[list[Any]]], Callable[[], Iterator[list[Any]]]]:
    """Rows of the three data sheets for a queryset of projects, in the column order of the spec."""
    names = _Names()
    projects = projects.order_by("code")

    def project_rows():
        for values in projects.values(*_PROJECT_VALUES).iterator(chunk_size=5000):
            yield _project_cells(values, names)

    def milestone_rows():
        milestones = Milestone.objects.filter(project__in=projects.values("pk")).order_by("project__code", "kind")
        kind_labels = {code: labels[0] for code, labels in MILESTONE_KINDS.items()}
        for values in milestones.values("project__code", "kind", *MILESTONE_FIELDS).iterator(chunk_size=5000):
            yield [values["project__code"], kind_labels[values["kind"]], *(values[f] for f in MILESTONE_FIELDS)]

    def report_rows():
        """The latest report of each period: reports are superseded, not edited."""
        reports = ProgressReport.objects.filter(project__in=projects.values("pk")).order_by(
            "project__code", "period_end", "pk"
        )
        previous = None
        for values in reports.values("project__code", "period_end", *REPORT_FIELDS).iterator(chunk_size=5000):
            row = [values["project__code"], values["period_end"], *(values[f] for f in REPORT_FIELDS)]
            if previous is not None and previous[:2] != row[:2]:
                yield previous
            previous = row
        if previous is not None:
            yield previous

    return project_rows(), milestone_rows, report_rows


def export_workbook(projects, target, *, report: bool = True, progress: Progress | None = None) -> dict[str, int]:
    """Write the three data sheets (re-importable as they are), the printable report and the guide."""
    import xlsxwriter

    book = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "in_memory": False,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    formats = _Formats(book)
    project_rows, milestone_rows, report_rows = export_tables(projects)
    counts = {}
    counts["projects"] = _data_sheet(book, formats, PROJECT_SHEET, project_rows)
    if progress:
        progress(1, 4)
    counts["milestones"] = _data_sheet(book, formats, MILESTONE_SHEET, milestone_rows())
    if progress:
        progress(2, 4)
    counts["reports"] = _data_sheet(book, formats, REPORT_SHEET_SPEC, report_rows())
    if progress:
        progress(3, 4)
    if report:
        _report_sheet(book, projects)
    _guide_sheet(book, formats)
    book.close()
    if progress:
        progress(4, 4)
    return counts


def export_csv(projects, target) -> int:
    """The projects sheet as CSV (UTF-8 with a byte-order mark for Excel), guarded against formula injection."""
    project_rows, _, _ = export_tables(projects)
    writer = csv.writer(target)
    target.write("\ufeff")
    writer.writerow([c.title for c in PROJECT_SHEET.columns])
    count = 0
    for row in project_rows:
        writer.writerow([_csv_cell(v) for v in row])
        count += 1
    return count


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value[:1] in ("=", "+", "-", "@") else value
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def blank_template(target) -> None:
    """The workbook with headers only, plus the guide: what a province fills in and uploads."""
    export_workbook(Project.objects.none(), target, report=False)


def _report_sheet(book, projects) -> None:
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


def _guide_sheet(book, formats: _Formats) -> None:
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
    kinds = {
        "text": "Chữ",
        "name": "Chữ",
        "date": "Ngày",
        "amount": "Số tiền",
        "area": "Diện tích",
        "decimal": "Số",
        "int": "Số nguyên",
        "percent": "Tỷ lệ %",
        "choice": "Danh mục",
        "ref": "Mã hoặc tên",
        "tax_code": "Mã số thuế",
    }
    for sheet in SHEETS:
        for column in sheet.columns:
            row += 1
            ws.write_row(
                row,
                0,
                [sheet.name, column.title, "Có" if column.required else "", kinds[column.kind], column.hint],
                wrap,
            )


def rejected_workbook(parsed: Iterable[_Parsed], sheet_errors: list[CellError]) -> bytes:
    """The rows that were not written, as they were uploaded, with an extra 'Lỗi' column saying why."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    formats = _Formats(book)
    for p in parsed:
        bad = [row for row in p.rows if row.errors]
        header_problems = [e for e in sheet_errors if e.sheet == p.sheet.name]
        if header_problems:
            bad = p.rows
        if not bad:
            continue
        ws = book.add_worksheet(p.sheet.name)
        header = [read_header(h).text for h in p.header]
        ws.write_row(0, 0, header + [ERROR_HEADER], formats.bold)
        ws.freeze_panes(1, 0)
        ws.set_column(len(header), len(header), 80)
        width = len(header)
        cells_rows = []
        for row in bad:
            messages = "; ".join(
                f"{e.column + ': ' if e.column else ''}{e.message}" for e in header_problems + row.errors
            )
            cells_rows.append([*row.cells[:width], *[""] * (width - len(row.cells)), messages])
        _write_rows(ws, formats, cells_rows, 1)
    if not book.worksheets():
        book.add_worksheet(PROJECTS)
    book.close()
    return buffer.getvalue()
