"""The one column table of the project workbook: what each sheet holds, read by the import, written by the export
and the blank template, explained by the guide sheet.

Everything the import and the export need to know about a field comes from here: its header, how a cell is read
(`Column.kind`, limits, choices), whether a blank keeps the current value, and the model field it fills. The
lists of model fields the import compares, inserts and updates, and the fields the export selects, are derived
from the table below, so a new field on Project, Milestone or ProgressReport is added to its sheet here (and to
the model with its migration) and nowhere else in the workbook package.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tiendo.domain import projects as vocab
from tiendo.domain.text import search_key

from ..models import Milestone, ProgressReport, Project

PROJECTS = "Dự án"
MILESTONES = "Mốc tiến độ"
REPORTS = "Báo cáo tiến độ"
REPORT_SHEET = "Báo cáo"
GUIDE_SHEET = "Hướng dẫn"
ERROR_HEADER = "Lỗi"

# Vietnamese labels first: the export writes the first spelling of each code, the import accepts them all. The
# first spelling is the screens' Vietnamese label (tests/app/test_export_names.py keeps them equal); the older
# first spellings stay accepted, so workbooks exported before still import.
KINDS = {
    "public": ("Đầu tư công", "public", "Dự án đầu tư công", "Công"),
    "private": (
        "Đầu tư trong nước (tư nhân)",
        "private",
        "Trong nước",
        "Ngoài ngân sách",
        "Doanh nghiệp trong nước",
        "Tư nhân",
    ),
    "fdi": ("Đầu tư trực tiếp nước ngoài (FDI)", "fdi", "FDI", "Có vốn đầu tư nước ngoài", "Nước ngoài"),
}
STATUSES = {
    "preparing": ("Chuẩn bị đầu tư", "preparing", "Chuẩn bị"),
    "implementing": ("Đang thực hiện", "implementing", "Đang triển khai"),
    "operating": ("Đã đi vào hoạt động", "operating", "Đang hoạt động"),
    "completed": ("Đã hoàn thành", "completed", "Hoàn thành"),
    "suspended": ("Tạm ngừng hoạt động", "suspended", "Tạm dừng", "Tạm ngừng"),
    "terminated": ("Chấm dứt hoạt động", "terminated", "Chấm dứt", "Đã chấm dứt"),
}
GROUPS = {
    "national": ("Quan trọng quốc gia", "national"),
    "A": ("Nhóm A", "A"),
    "B": ("Nhóm B", "B"),
    "C": ("Nhóm C", "C"),
}
DEPOSITS = {
    "not_required": ("Không phải ký quỹ", "not_required", "Không"),
    "required": ("Phải ký quỹ, chưa nộp", "required", "Chưa ký quỹ", "Phải ký quỹ"),
    "paid": ("Đã ký quỹ", "paid"),
    "refunded": ("Đã hoàn trả", "refunded", "Đã hoàn trả ký quỹ"),
    "forfeited": ("Đã nộp vào ngân sách nhà nước", "forfeited", "Đã nộp ngân sách", "Sung ngân sách"),
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
    kind: str  # text, name, date, amount, area, decimal, int, percent, choice, ref, tax_code (see KIND_NAMES)
    unit: str = ""
    required: bool = False
    keep: bool = False  # a blank cell keeps the current value (fields that always have one)
    max_length: int | None = None
    places: int = 0
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    choices: dict[str, tuple[str, ...]] | None = None
    hint: str = ""
    stored_as: str = ""  # the model field, when several columns fill one (the investor's tax code and name)

    @property
    def title(self) -> str:
        return f"{self.header} ({self.unit})" if self.unit else self.header


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the columns that find the record a row updates

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
            stored_as="investor",
        ),
        Column(
            "investor_name",
            "Tên nhà đầu tư",
            "name",
            max_length=255,
            hint="Dùng khi chưa có mã số thuế: tìm doanh nghiệp theo tên; không đổi tên doanh nghiệp đã có.",
            stored_as="investor",
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


# ---------------------------------------------------------------------------------------------------------------
# Derived from the table: the model fields each sheet fills


def stored_fields(sheet: Sheet, *, key: bool = True) -> list[str]:
    """The model fields a sheet's columns fill, in column order, those several columns share last (the investor);
    without the key columns when `key` is false (a milestone's project and kind say which record, they do not
    change)."""
    fields = [c.field for c in sheet.columns if not c.stored_as and (key or c.field not in sheet.key)]
    for column in sheet.columns:
        if column.stored_as and column.stored_as not in fields:
            fields.append(column.stored_as)
    return fields


PROJECT_FIELDS = stored_fields(PROJECT_SHEET)
MILESTONE_FIELDS = stored_fields(MILESTONE_SHEET, key=False)
REPORT_FIELDS = stored_fields(REPORT_SHEET_SPEC, key=False)
# Foreign keys of a project: the "ref" columns (a code or name looked up) and the fields several columns fill.
RELATIONS = tuple(
    dict.fromkeys(
        [c.field for c in PROJECT_SHEET.columns if c.kind == "ref"]
        + [c.stored_as for c in PROJECT_SHEET.columns if c.stored_as]
    )
)
REF_FIELDS = frozenset(c.field for c in PROJECT_SHEET.columns if c.kind == "ref")


def attname(name: str) -> str:
    """The database column of a project field: `sector` is stored as `sector_id`."""
    return f"{name}_id" if name in RELATIONS else name


# What the export reads of each project: its id and every field the sheet shows.
PROJECT_VALUES = ["id", *(attname(f) for f in PROJECT_FIELDS)]


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


PROJECT_BLANK = _blank(Project, PROJECT_FIELDS)
MILESTONE_BLANK = _blank(Milestone, MILESTONE_FIELDS)
REPORT_BLANK = _blank(ProgressReport, REPORT_FIELDS)


# ---------------------------------------------------------------------------------------------------------------
# What each kind of column looks like: its width in the export and its name in the guide sheet

KIND_WIDTHS = {
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
KIND_NAMES = {
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
assert {c.kind for sheet in SHEETS for c in sheet.columns} <= set(KIND_NAMES) == set(KIND_WIDTHS)
