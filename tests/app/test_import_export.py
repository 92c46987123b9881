"""Import and export of the project registry: every validation error, the modes, the round trip, who may do it."""

import csv
import io
import json
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from tiendo.agencies.models import AdminUnit
from tiendo.domain.text import clean
from tiendo.enterprises.models import Enterprise
from tiendo.projects.models import ImportJob, Milestone, ProgressReport, Project, Sector
from tiendo.projects.workbook import (
    ERROR_HEADER,
    GUIDE_SHEET,
    MILESTONE_SHEET,
    MILESTONES,
    PROJECT_SHEET,
    PROJECTS,
    REPORT_SHEET,
    REPORT_SHEET_SPEC,
    REPORTS,
    FileRejected,
    blank_template,
    export_csv,
    export_workbook,
    import_workbook,
)
from tiendo.projects.workbook.export import NAME_BESIDE

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 30)

P_HEAD = ["STT", "Mã dự án", "Tên dự án", "Loại dự án", "Tình trạng", "Nhóm dự án", "Ngành, lĩnh vực", "Xã, phường",
          "Mã số thuế nhà đầu tư", "Tên nhà đầu tư", "Cơ quan phụ trách", "Tổng vốn đầu tư (tỷ đồng)",
          "Ngày quyết định chủ trương đầu tư", "Vĩ độ", "Kinh độ", "Tên tiếng Anh", "Diện tích đất (ha)"]  # fmt: skip
M_HEAD = ["Mã dự án", "Loại mốc", "Hạn ban đầu", "Hạn hiện tại", "Ngày hoàn thành", "Số hộ bị ảnh hưởng"]
R_HEAD = ["Mã dự án", "Kỳ báo cáo đến ngày", "Tiến độ thực hiện (%)", "Vốn đã giải ngân lũy kế (triệu đồng)",
          "Khó khăn, vướng mắc, kiến nghị"]  # fmt: skip


def base_sheets() -> dict:
    """A valid workbook: a public project with two milestones and two reports, and an FDI project."""
    return {
        PROJECTS: [
            list(P_HEAD),
            [1, "DA-01", "Đường trục xã Thái Tân", "Đầu tư công", "Đang thực hiện", "Nhóm B", "CN", "Thái Tân", "",
             "", "HD-SKHDT", "120,5", "01/03/2021", 20.937342, "106,314554", "Thai Tan road", ""],
            [2, "DA-02", "Nhà máy linh kiện Hoshino", "FDI", "", "", "Công nghiệp chế biến", "HD-X1", 800000001.0,
             "", "HD-SKHDT", 2300, date(2022, 4, 12), "", "", "", "1,5"],
        ],
        MILESTONES: [
            list(M_HEAD),
            ["DA-01", "Giải phóng mặt bằng", "30/06/2022", "30/06/2022", date(2022, 9, 1), 42],
            ["DA-01", "Hoàn thành", "2023-12-31", 45657, "", ""],
        ],
        REPORTS: [
            list(R_HEAD),
            ["DA-01", "31/03/2023", "20", "10.000", ""],
            ["DA-01", date(2023, 6, 30), 35.5, 30000, "Vướng mắc giải phóng mặt bằng"],
        ],
    }  # fmt: skip


def write_book(path, sheets: dict) -> str:
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, date):
                    ws.write_datetime(r, c, value, day)
                elif value not in ("", None):
                    ws.write(r, c, value)
    book.close()
    return str(path)


def cell(sheets, sheet, row, header, value):
    """Set one cell, addressed as the spreadsheet shows it (row 2 = the first data row)."""
    sheets[sheet][row - 1][sheets[sheet][0].index(header)] = value


@pytest.fixture
def setup(specialist, agency_x, commune, enterprise_a):
    Sector.objects.create(code="CN", name="Công nghiệp chế biến")
    return specialist


@pytest.fixture
def run(tmp_path, setup):
    def run_import(sheets, **options):
        path = write_book(tmp_path / f"book{len(list(tmp_path.iterdir()))}.xlsx", sheets)
        return import_workbook(path, "book.xlsx", setup, today=TODAY, **options)

    return run_import


@pytest.fixture(autouse=True)
def _fast(settings, tmp_path):
    """Uploads in a temporary folder, jobs run in the request, and personas without the slow password hash."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def history_count() -> int:
    return Project.history.count() + Milestone.history.count() + Enterprise.history.count()


# --- the happy path ----------------------------------------------------------------------------------------------


def test_import_creates_projects_milestones_and_reports_with_history(run, specialist, enterprise_a, commune):
    result = run(base_sheets())
    assert result.errors == []
    assert (result.created, result.updated, result.milestones, result.reports) == (2, 0, 2, 2)
    road = Project.objects.get(code="DA-01")
    assert road.total_investment == 120_500_000_000  # "120,5" tỷ đồng
    assert road.policy_decision_date == date(2021, 3, 1)
    assert road.commune == commune and road.sector.code == "CN" and road.agency.code == "HD-SKHDT"
    assert road.latitude == Decimal("20.937342") and road.longitude == Decimal("106.314554")
    assert road.search_key == Project.make_search_key("DA-01", road.name, "Thai Tan road")
    assert road.history.get().history_user == specialist and road.history.get().history_type == "+"
    plant = Project.objects.get(code="DA-02")
    assert plant.investor == enterprise_a  # the tax code 0800000001 lost its leading zero in a number cell
    assert plant.status == "preparing" and plant.land_area_m2 == Decimal("15000.0")
    assert plant.total_investment == 2_300_000_000_000
    clearance = road.milestones.get(kind="site_clearance")
    assert (clearance.first_due, clearance.done, clearance.households) == (date(2022, 6, 30), date(2022, 9, 1), 42)
    assert clearance.history.get().history_user == specialist
    completion = road.milestones.get(kind="completion")
    assert completion.first_due == date(2023, 12, 31) and completion.current_due == date(2024, 12, 31)
    reports = list(road.progress_reports.order_by("period_end"))
    assert [r.disbursed_to_date for r in reports] == [10_000_000_000, 30_000_000_000]
    assert reports[1].physical_progress == Decimal("35.50") and reports[1].submitted_by == specialist


def test_import_updates_by_code_and_records_one_history_row(run, specialist):
    run(base_sheets())
    sheets = base_sheets()
    cell(sheets, PROJECTS, 2, "Tổng vốn đầu tư (tỷ đồng)", "150")
    cell(sheets, PROJECTS, 2, "Tình trạng", "")  # blank: keep the status
    result = run(sheets)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert (result.milestones, result.milestones_unchanged, result.reports, result.reports_unchanged) == (0, 2, 0, 2)
    road = Project.objects.get(code="DA-01")
    assert road.total_investment == 150_000_000_000 and road.status == "implementing"
    latest = road.history.latest()
    assert latest.history_type == "~" and latest.history_user == specialist and road.history.count() == 2
    assert road.version == 2 and latest.version == 2  # an edit form read before the import is stale after it
    assert Project.objects.get(code="DA-02").version == 1  # unchanged rows keep theirs


def test_a_changed_report_is_added_not_edited_and_the_export_keeps_the_latest(run, tmp_path):
    run(base_sheets())
    sheets = base_sheets()
    cell(sheets, REPORTS, 3, "Tiến độ thực hiện (%)", 40)
    result = run(sheets)
    assert (result.reports, result.reports_unchanged) == (1, 1)
    road = Project.objects.get(code="DA-01")
    assert road.progress_reports.filter(period_end=date(2023, 6, 30)).count() == 2
    export_workbook(Project.objects.all(), str(tmp_path / "out.xlsx"))
    reports = read_back(tmp_path / "out.xlsx")[REPORTS]
    assert [(row[1], row[2]) for row in reports[1:]] == [(date(2023, 3, 31), 20.0), (date(2023, 6, 30), 40.0)]


def test_a_changed_milestone_is_updated_with_history(run, specialist):
    run(base_sheets())
    sheets = base_sheets()
    cell(sheets, MILESTONES, 3, "Hạn hiện tại", "31/03/2025")
    cell(sheets, MILESTONES, 2, "Số hộ bị ảnh hưởng", "")
    result = run(sheets)
    assert (result.milestones, result.milestones_unchanged, result.updated) == (2, 0, 0)
    completion = Milestone.objects.get(kind="completion")
    assert completion.current_due == date(2025, 3, 31) and completion.first_due == date(2023, 12, 31)
    assert Milestone.objects.get(kind="site_clearance").households is None
    latest = completion.history.latest()
    assert latest.history_type == "~" and latest.history_user == specialist


def test_an_unknown_tax_code_with_a_name_creates_the_investor(run, specialist):
    sheets = base_sheets()
    cell(sheets, PROJECTS, 3, "Mã số thuế nhà đầu tư", "0800000099")
    cell(sheets, PROJECTS, 3, "Tên nhà đầu tư", "Công ty TNHH  Mới")
    result = run(sheets)
    assert result.errors == [] and result.enterprises == 1
    investor = Project.objects.get(code="DA-02").investor
    assert (investor.tax_code, investor.name, investor.country) == ("0800000099", "Công ty TNHH Mới", "VN")
    assert investor.history.get().history_user == specialist
    assert investor.search_key == "cong ty tnhh moi 0800000099"


def test_columns_left_out_keep_their_values_and_the_guide_sheet_is_ignored(run):
    run(base_sheets())
    sheets = {PROJECTS: [["Mã dự án", "Tên dự án", "Loại dự án", "Nhóm dự án"],
                         ["DA-01", "Đường trục xã Thái Tân (mới)", "Đầu tư công", "B"]],
              GUIDE_SHEET: [["anything"], ["=1+1"]]}  # fmt: skip
    result = run(sheets)
    assert result.errors == [] and result.updated == 1
    road = Project.objects.get(code="DA-01")
    assert road.total_investment == 120_500_000_000 and road.agency.code == "HD-SKHDT"


# --- every kind of validation error ----------------------------------------------------------------------------


def _drop_column(sheets, sheet, header):
    index = sheets[sheet][0].index(header)
    for row in sheets[sheet]:
        del row[index]


def _add_row(sheet, row):
    return lambda s: s[sheet].append(row)


ERROR_CASES = [
    ("missing required column", lambda s: _drop_column(s, PROJECTS, "Loại dự án"), PROJECTS, 1, "",
     "Thiếu cột bắt buộc 'Loại dự án'"),
    ("duplicate column", lambda s: [r.append(r[1]) for r in s[PROJECTS]], PROJECTS, 1, "R", "lặp lại"),
    ("unknown unit in a header", lambda s: s[PROJECTS][0].__setitem__(11, "Tổng vốn đầu tư (USD)"), PROJECTS, 1, "L",
     "Đơn vị tiền không hợp lệ"),
    ("unknown area unit", lambda s: s[PROJECTS][0].__setitem__(16, "Diện tích đất (sào)"), PROJECTS, 1, "Q",
     "Đơn vị diện tích"),
    ("required cell blank", lambda s: cell(s, PROJECTS, 2, "Tên dự án", "  "), PROJECTS, 2, "C", "bắt buộc"),
    ("bad date", lambda s: cell(s, PROJECTS, 2, "Ngày quyết định chủ trương đầu tư", "1/3"), PROJECTS, 2, "M",
     "Ngày không hợp lệ"),
    ("impossible date", lambda s: cell(s, MILESTONES, 2, "Hạn ban đầu", "31/02/2025"), MILESTONES, 2, "C",
     "Ngày không tồn tại"),
    ("bad amount", lambda s: cell(s, PROJECTS, 2, "Tổng vốn đầu tư (tỷ đồng)", "một trăm"), PROJECTS, 2, "L",
     "Số tiền không hợp lệ"),
    ("negative amount", lambda s: cell(s, PROJECTS, 2, "Tổng vốn đầu tư (tỷ đồng)", -5), PROJECTS, 2, "L",
     "không được âm"),
    ("bad number", lambda s: cell(s, PROJECTS, 2, "Vĩ độ", "bắc"), PROJECTS, 2, "N", "Số không hợp lệ"),
    ("latitude out of range", lambda s: cell(s, PROJECTS, 2, "Vĩ độ", 91), PROJECTS, 2, "N", "không quá 90"),
    ("not a whole number", lambda s: cell(s, MILESTONES, 2, "Số hộ bị ảnh hưởng", 4.5), MILESTONES, 2, "F",
     "số nguyên"),
    ("percent over 100", lambda s: cell(s, REPORTS, 2, "Tiến độ thực hiện (%)", 120), REPORTS, 2, "C",
     "từ 0 đến 100"),
    ("unknown choice", lambda s: cell(s, PROJECTS, 2, "Loại dự án", "PPP"), PROJECTS, 2, "D",
     "Giá trị không hợp lệ: 'PPP'"),
    ("unknown milestone kind", lambda s: cell(s, MILESTONES, 2, "Loại mốc", "Khánh thành"), MILESTONES, 2, "B",
     "Chọn một trong"),
    ("unknown reference", lambda s: cell(s, PROJECTS, 2, "Ngành, lĩnh vực", "Du lịch"), PROJECTS, 2, "G",
     "Không tìm thấy ngành, lĩnh vực 'Du lịch'"),
    ("unknown agency", lambda s: cell(s, PROJECTS, 2, "Cơ quan phụ trách", "HD-XYZ"), PROJECTS, 2, "K",
     "Không tìm thấy cơ quan"),
    ("ambiguous reference", lambda s: AdminUnit.objects.create(code="HD-X9", name="Thái Tân", unit_type="xã",
                                                               level="commune"), PROJECTS, 2, "H", "Có nhiều"),
    ("bad tax code", lambda s: cell(s, PROJECTS, 3, "Mã số thuế nhà đầu tư", "08-123"), PROJECTS, 3, "I",
     "Mã số thuế không hợp lệ"),
    ("unknown tax code without a name", lambda s: cell(s, PROJECTS, 3, "Mã số thuế nhà đầu tư", "0899999999"),
     PROJECTS, 3, "I", "ghi thêm tên nhà đầu tư"),
    ("unknown investor name", lambda s: (cell(s, PROJECTS, 3, "Mã số thuế nhà đầu tư", ""),
                                         cell(s, PROJECTS, 3, "Tên nhà đầu tư", "Công ty Không Có")), PROJECTS, 3,
     "J", "Không tìm thấy nhà đầu tư"),
    ("text too long", lambda s: cell(s, PROJECTS, 2, "Mã dự án", "X" * 41), PROJECTS, 2, "B", "Quá dài"),
    ("public project without a group", lambda s: cell(s, PROJECTS, 2, "Nhóm dự án", ""), PROJECTS, 2, "F",
     "phải ghi nhóm"),
    ("private project with a group", lambda s: cell(s, PROJECTS, 3, "Nhóm dự án", "C"), PROJECTS, 3, "F",
     "Chỉ dự án đầu tư công"),
    ("private project without an investor", lambda s: cell(s, PROJECTS, 3, "Mã số thuế nhà đầu tư", ""), PROJECTS,
     3, "I", "phải ghi nhà đầu tư"),
    ("duplicate project code", _add_row(PROJECTS, [3, "DA-01", "Trùng", "Đầu tư công", "", "Nhóm C"]), PROJECTS, 4,
     "B", "lặp lại (đã có ở dòng 2)"),
    ("duplicate milestone", _add_row(MILESTONES, ["DA-01", "GPMB", "01/01/2022"]), MILESTONES, 4, "B",
     "lặp lại (đã có ở dòng 2)"),
    ("duplicate report", _add_row(REPORTS, ["DA-01", "2023-03-31", 21]), REPORTS, 4, "B", "lặp lại"),
    ("milestone of an unknown project", _add_row(MILESTONES, ["DA-99", "Khởi công", "01/01/2022"]), MILESTONES, 4,
     "A", "Không có dự án mã 'DA-99'"),
    ("report of an unknown project", _add_row(REPORTS, ["DA-99", "31/03/2023", 5]), REPORTS, 4, "A",
     "Không có dự án"),
    ("current due before first due", lambda s: cell(s, MILESTONES, 2, "Hạn hiện tại", "01/01/2022"), MILESTONES, 2,
     "D", "không được trước hạn ban đầu"),
    ("report for a period not ended", lambda s: cell(s, REPORTS, 2, "Kỳ báo cáo đến ngày", "01/07/2025"), REPORTS, 2,
     "B", "chưa kết thúc"),
    ("disbursed more than twice the investment", lambda s: cell(s, REPORTS, 2, "Vốn đã giải ngân lũy kế (triệu đồng)",
                                                                "300.000"), REPORTS, 2, "D", "hai lần"),
    ("deleted project", lambda s: Project.objects.create(code="DA-01", name="Cũ", kind="public", group="B",
                                                         deleted_at="2024-01-01T00:00:00Z"), PROJECTS, 2, "B",
     "đã bị xóa"),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "sheet", "row", "column", "message"), [c[1:] for c in ERROR_CASES],
                         ids=[c[0] for c in ERROR_CASES])  # fmt: skip
def test_every_problem_is_reported_where_it_is_and_nothing_is_written(run, mutate, sheet, row, column, message):
    sheets = base_sheets()
    mutate(sheets)
    before = (Project.objects.count(), Milestone.objects.count(), ProgressReport.objects.count(), history_count())
    result = run(sheets)
    assert result.refused
    found = [(e.sheet, e.row, e.column) for e in result.errors if message in e.message]
    assert (sheet, row, column) in found, [str(e) for e in result.errors]
    after = (Project.objects.count(), Milestone.objects.count(), ProgressReport.objects.count(), history_count())
    assert after == before


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path, setup):
    path = tmp_path / "notes.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(FileRejected, match="Không đọc được tệp"):
        import_workbook(path, "notes.xlsx", setup)
    with pytest.raises(FileRejected, match="chỉ nhận"):
        import_workbook(path, "notes.pdf", setup)
    other = write_book(tmp_path / "other.xlsx", {"Sheet1": [["a"]]})
    with pytest.raises(FileRejected, match="không có trang tính"):
        import_workbook(other, "other.xlsx", setup)


# --- modes ---------------------------------------------------------------------------------------------------


def test_partial_writes_the_valid_rows_and_returns_the_rejected_ones(run):
    sheets = base_sheets()
    cell(sheets, PROJECTS, 2, "Loại dự án", "PPP")  # DA-01 is rejected, and so are its milestones and reports
    sheets[REPORTS].append(["DA-02", "31/12/2024", 5, 0, ""])
    result = run(sheets, partial=True)
    assert not result.refused
    assert (result.created, result.milestones, result.reports, result.rejected) == (1, 0, 1, 5)
    assert set(Project.objects.values_list("code", flat=True)) == {"DA-02"}
    book = CalamineWorkbook.from_filelike(io.BytesIO(result.rejected_workbook))
    projects = book.get_sheet_by_name(PROJECTS).to_python()
    assert projects[0][-1] == ERROR_HEADER and projects[1][1] == "DA-01"
    assert "Giá trị không hợp lệ: 'PPP'" in projects[1][-1] and len(projects) == 2
    milestones = book.get_sheet_by_name(MILESTONES).to_python()
    assert len(milestones) == 3 and "có lỗi nên dòng này" in milestones[1][-1]
    assert milestones[1][2] == date(2022, 6, 30) or milestones[1][2] == "30/06/2022"


def test_the_rejected_rows_import_once_corrected(run, tmp_path, setup):
    sheets = base_sheets()
    cell(sheets, PROJECTS, 2, "Loại dự án", "PPP")
    result = run(sheets, partial=True)
    path = tmp_path / "loi.xlsx"
    path.write_bytes(result.rejected_workbook)
    book = CalamineWorkbook.from_path(str(path))
    fixed = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    fixed[PROJECTS][1][3] = "Đầu tư công"
    again = run(fixed)
    assert again.errors == [] and again.created == 1 and again.milestones == 2 and again.reports == 2


def test_dry_run_counts_and_writes_nothing(run):
    before = history_count()
    result = run(base_sheets(), dry_run=True)
    assert result.errors == [] and result.dry_run
    assert (result.created, result.milestones, result.reports) == (2, 2, 2)
    assert Project.objects.count() == 0 and history_count() == before


def test_progress_is_reported_to_the_end(run):
    calls = []
    run(base_sheets(), progress=lambda done, total: calls.append((done, total)))
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1] > 0
    assert all(a[0] <= b[0] for a, b in zip(calls, calls[1:], strict=False))


# --- export and the round trip ----------------------------------------------------------------------------------


def read_back(path) -> dict:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_export_then_import_changes_nothing(run, tmp_path, setup, project_x, project_a):
    run(base_sheets())
    path = tmp_path / "export.xlsx"
    counts = export_workbook(Project.objects.all(), str(path))
    assert counts == {"projects": 4, "milestones": 4, "reports": 4}
    before = history_count()
    values = list(Project.objects.order_by("code").values())
    result = import_workbook(path, "export.xlsx", setup, today=TODAY)
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 4)
    assert (result.milestones, result.reports, result.enterprises) == (0, 0, 0)
    assert history_count() == before and ProgressReport.objects.count() == 4
    assert list(Project.objects.order_by("code").values()) == values


def test_export_has_the_import_headers_a_printable_report_and_a_guide(tmp_path, project_x, project_a):
    path = tmp_path / "export.xlsx"
    export_workbook(Project.objects.all(), str(path))
    sheets = read_back(path)
    assert list(sheets) == [PROJECTS, MILESTONES, REPORTS, REPORT_SHEET, GUIDE_SHEET]
    # every import column, in order, with the names of the coded ones beside them (the import skips those)
    assert [t for t in sheets[PROJECTS][0] if t not in NAME_BESIDE.values()] == [c.title for c in PROJECT_SHEET.columns]
    assert sheets[PROJECTS][0].index("Tên cơ quan phụ trách") == sheets[PROJECTS][0].index("Cơ quan phụ trách") + 1
    assert sheets[MILESTONES][0] == [c.title for c in MILESTONE_SHEET.columns]
    assert sheets[REPORTS][0] == [c.title for c in REPORT_SHEET_SPEC.columns]
    assert sheets[PROJECTS][1][:4] == ["HD-2021-0001", "Đường trục Bắc - Nam xã Thái Tân", "", "Đầu tư công"]
    report = sheets[REPORT_SHEET]
    assert report[0][0] == "DANH MỤC DỰ ÁN ĐẦU TƯ" and report[4][1] == "HD-2021-0001"
    assert report[4][7] == 120_000  # triệu đồng
    assert report[4][9] == 35.0  # the latest report's progress
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet4.xml").decode()
    assert 'state="frozen"' in xml and 'orientation="landscape"' in xml and 'fitToPage="1"' in xml
    assert '<col min="3" max="3"' in xml


def test_the_blank_template_has_headers_and_imports_to_nothing(tmp_path, setup):
    path = tmp_path / "mau.xlsx"
    blank_template(str(path))
    sheets = read_back(path)
    assert list(sheets) == [PROJECTS, MILESTONES, REPORTS, GUIDE_SHEET]
    assert len(sheets[PROJECTS]) == 1
    assert any("Mã dự án" in str(row) for row in sheets[GUIDE_SHEET])
    result = import_workbook(path, "mau.xlsx", setup)
    assert result.errors == [] and result.created == 0


# --- CSV -----------------------------------------------------------------------------------------------------


def test_csv_import_with_a_bom_and_semicolons(tmp_path, setup, enterprise_a):
    text = (
        "\ufeffMã dự án;Tên dự án;Loại dự án;Mã số thuế nhà đầu tư;Tổng vốn đầu tư (triệu đồng);Ngày cấp giấy chứng "
        "nhận đăng ký đầu tư\nDA-09;Nhà máy may;Trong nước;0800000001;1.234.567;05/06/2024\n"
    )
    path = tmp_path / "du-an.csv"
    path.write_bytes(text.encode("utf-8"))
    result = import_workbook(path, "du-an.csv", setup)
    assert result.errors == [] and result.created == 1
    project = Project.objects.get(code="DA-09")
    assert project.total_investment == 1_234_567_000_000 and project.certificate_date == date(2024, 6, 5)
    assert project.investor == enterprise_a


def test_csv_export_guards_against_formulas_and_imports_back(tmp_path, setup, project_a):
    project_a.name = "=HYPERLINK(1)"
    project_a.save()
    buffer = io.StringIO()
    export_csv(Project.objects.all(), buffer)
    rows = list(csv.reader(io.StringIO(buffer.getvalue().removeprefix("\ufeff"))))
    assert rows[1][1] == "'=HYPERLINK(1)"
    path = tmp_path / "back.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    result = import_workbook(path, "back.csv", setup)
    assert result.errors == [] and result.unchanged == 1


# --- property: random valid rows survive import -> export -> import ---------------------------------------------

_words = st.sampled_from(["Nhà máy", "đường", "Khu", "công nghiệp", "Thái Tân", "hòa", "thủy", "ĐIỆN", "số 5", "A&B"])
_names = st.lists(_words, min_size=1, max_size=5).map(" ".join)
_days = st.dates(min_value=date(1995, 1, 1), max_value=date(2040, 12, 31))


@st.composite
def projects(draw):
    kind = draw(st.sampled_from(["Đầu tư công", "Trong nước", "FDI", "public", "fdi"]))
    public = kind in ("Đầu tư công", "public")
    total = draw(st.integers(min_value=0, max_value=10**15))
    row = {
        "Mã dự án": draw(st.from_regex(r"[A-Z]{2}-[0-9]{1,6}", fullmatch=True)),
        "Tên dự án": draw(_names),
        "Loại dự án": kind,
        "Tình trạng": draw(st.sampled_from(["Đang thực hiện", "Tạm dừng", "completed", "Chuẩn bị đầu tư"])),
        "Nhóm dự án": draw(st.sampled_from(["Nhóm A", "B", "Quan trọng quốc gia"])) if public else "",
        "Mã số thuế nhà đầu tư": "" if public else "0800000001",
        "Tổng vốn đầu tư (đồng)": draw(st.sampled_from([total, f"{total:,}".replace(",", "."), str(total)])),
        "Ngày cấp giấy chứng nhận đăng ký đầu tư": draw(st.one_of(st.just(""), _days)),
        "Diện tích đất (m²)": draw(st.one_of(st.just(""), st.decimals(0, 10**6, places=1).map(float))),
        "Vĩ độ": draw(st.one_of(st.just(""), st.decimals(-90, 90, places=6).map(float))),
        "Số tiền ký quỹ (đồng)": draw(st.integers(min_value=0, max_value=10**12)),
    }
    first = draw(_days)
    milestones = [
        {"Loại mốc": kind, "Hạn ban đầu": first, "Hạn hiện tại": first + timedelta(days=draw(st.integers(0, 900))),
         "Ngày hoàn thành": draw(st.one_of(st.just(""), _days)), "Số hộ bị ảnh hưởng": draw(st.integers(0, 5000)),
         "Ghi chú": draw(st.one_of(st.just(""), _names))}
        for kind in draw(st.lists(st.sampled_from(["Khởi công", "GPMB", "Hoàn thành", "operation"]), unique=True,
                                  max_size=3))
    ]  # fmt: skip
    reports = [
        {"Kỳ báo cáo đến ngày": end, "Tiến độ thực hiện (%)": float(draw(st.decimals(0, 100, places=2))),
         "Vốn đã giải ngân lũy kế (đồng)": draw(st.integers(0, 2 * total)), "Số lao động": draw(st.integers(0, 9999)),
         "Khó khăn, vướng mắc, kiến nghị": draw(st.one_of(st.just(""), _names))}
        for end in draw(st.lists(st.dates(date(2015, 1, 1), TODAY), unique=True, max_size=3))
    ]  # fmt: skip
    return row, milestones, reports


def _as_sheets(drawn) -> dict:
    rows, milestones, reports = [], [], []
    seen = set()
    for project, project_milestones, project_reports in drawn:
        if project["Mã dự án"] in seen:
            continue
        seen.add(project["Mã dự án"])
        rows.append(project)
        milestones += [{"Mã dự án": project["Mã dự án"], **m} for m in project_milestones]
        reports += [{"Mã dự án": project["Mã dự án"], **r} for r in project_reports]
    sheets = {}
    for name, records in ((PROJECTS, rows), (MILESTONES, milestones), (REPORTS, reports)):
        if records:
            headers = list(records[0])
            sheets[name] = [headers] + [[r.get(h, "") for h in headers] for r in records]
    return sheets


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=st.lists(projects(), min_size=1, max_size=3))
def test_random_valid_rows_survive_import_export_import(tmp_path_factory, setup, drawn):
    Project.objects.all().delete()
    folder = tmp_path_factory.mktemp("roundtrip")
    sheets = _as_sheets(drawn)
    path = write_book(folder / "in.xlsx", sheets)
    first = import_workbook(path, "in.xlsx", setup, today=TODAY)
    assert first.errors == [], [str(e) for e in first.errors]
    for record in (dict(zip(sheets[PROJECTS][0], row, strict=True)) for row in sheets[PROJECTS][1:]):
        project = Project.objects.get(code=record["Mã dự án"])
        assert project.name == clean(record["Tên dự án"])
        assert project.total_investment == int(str(record["Tổng vốn đầu tư (đồng)"]).replace(".", ""))
    values = (list(Project.objects.order_by("code").values()), list(Milestone.objects.order_by("pk").values()),
              list(ProgressReport.objects.order_by("pk").values()))  # fmt: skip
    histories = history_count()
    exported = folder / "out.xlsx"
    export_workbook(Project.objects.all(), str(exported), report=False)
    second = import_workbook(exported, "out.xlsx", setup, today=TODAY)
    assert second.errors == []
    assert (second.created, second.updated, second.milestones, second.reports) == (0, 0, 0, 0)
    assert history_count() == histories
    assert values == (list(Project.objects.order_by("code").values()), list(Milestone.objects.order_by("pk").values()),
                      list(ProgressReport.objects.order_by("pk").values()))  # fmt: skip


# --- pages ------------------------------------------------------------------------------------------------------


def upload(client, sheets, tmp_path, **fields):
    path = write_book(tmp_path / "upload.xlsx", sheets)
    with open(path, "rb") as handle:
        return client.post(reverse("projects:import"), {"file": handle, **fields})


@pytest.mark.parametrize("persona", ["officer_x", "investor_a", "leader"])
def test_only_specialists_and_admins_may_import(request, login, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("projects:import")).status_code == 403
    assert client.get(reverse("projects:import_template")).status_code == 403


def test_specialist_uploads_and_sees_the_result(login, setup, tmp_path):
    client = login(setup)
    assert client.get(reverse("projects:import")).status_code == 200
    response = upload(client, base_sheets(), tmp_path)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("projects:import_status", args=[job.pk])
    assert job.status == "done" and job.result["created"] == 2 and job.processed_rows == job.total_rows > 0
    page = client.get(response.url).content.decode()
    assert "<progress" not in page and 'hx-trigger="every 1s"' not in page
    partial = client.get(response.url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and 'id="import-status"' in partial
    assert Project.objects.count() == 2


def test_a_rejected_upload_lists_its_errors_and_offers_the_rejected_rows(login, setup, tmp_path):
    client = login(setup)
    sheets = base_sheets()
    cell(sheets, PROJECTS, 2, "Loại dự án", "PPP")
    upload(client, sheets, tmp_path, partial="on")
    job = ImportJob.objects.get()
    assert job.status == "done" and job.rejected_file
    page = client.get(reverse("projects:import_status", args=[job.pk])).content.decode()
    assert (
        "Giá trị không hợp lệ: &#x27;PPP&#x27;" in page and reverse("projects:import_rejected", args=[job.pk]) in page
    )
    download = client.get(reverse("projects:import_rejected", args=[job.pk]))
    rows = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(download.streaming_content)))
    assert rows.get_sheet_by_name(PROJECTS).to_python()[0][-1] == ERROR_HEADER
    upload(client, sheets, tmp_path)
    refused = ImportJob.objects.latest("pk")
    assert refused.status == "rejected" and refused.result["refused"] and not refused.rejected_file


def test_a_running_job_polls_with_a_progress_bar(login, setup):
    job = ImportJob.objects.create(uploaded_by=setup, file="imports/x.xlsx", original_name="x.xlsx",
                                   status="running", total_rows=200, processed_rows=50)  # fmt: skip
    page = login(setup).get(reverse("projects:import_status", args=[job.pk]), headers={"HX-Request": "true"})
    html = page.content.decode()
    assert 'hx-trigger="every 1s"' in html and '<progress max="100" value="25">' in html


def test_an_unreadable_upload_is_rejected_with_its_reason(login, setup):
    client = login(setup)
    client.post(reverse("projects:import"), {"file": SimpleUploadedFile("hong.xlsx", b"not a workbook")})
    job = ImportJob.objects.get()
    assert job.status == "rejected" and "Không đọc được tệp" in job.result["errors"][0]["message"]
    assert "Không đọc được tệp" in client.get(reverse("projects:import_status", args=[job.pk])).content.decode()


def test_upload_refuses_other_file_types(login, setup):
    response = login(setup).post(reverse("projects:import"), {"file": io.BytesIO(b"x")})
    assert response.status_code == 200 and ImportJob.objects.count() == 0


def test_template_download(login, setup):
    response = login(setup).get(reverse("projects:import_template"))
    assert response.status_code == 200 and "mau-nhap-du-an.xlsx" in response["Content-Disposition"]
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheet_names == [PROJECTS, MILESTONES, REPORTS, GUIDE_SHEET]


def test_export_download_keeps_the_filters_and_the_users_visibility(login, specialist, officer_y, project_x,
                                                                    project_a):  # fmt: skip
    response = login(specialist).get(reverse("projects:export") + "?kind=public")
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    assert [row[0] for row in book.get_sheet_by_name(PROJECTS).to_python()[1:]] == ["HD-2021-0001"]
    assert len(book.get_sheet_by_name(REPORTS).to_python()) == 3
    response = login(officer_y).get(reverse("projects:export"))  # agency Y follows project A only
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    assert [row[0] for row in book.get_sheet_by_name(PROJECTS).to_python()[1:]] == ["HD-2022-0002"]
    response = login(officer_y).get(reverse("projects:export") + "?format=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "HD-2022-0002" in text and "HD-2021-0001" not in text


# --- command line ------------------------------------------------------------------------------------------------


def test_cli_imports_with_json(tmp_path, capsys, setup):
    path = write_book(tmp_path / "cli.xlsx", base_sheets())
    call_command("import", "projects", path, "--as", "specialist", "--json")
    data = json.loads(capsys.readouterr().out)
    assert (data["created"], data["milestones"], data["reports"], data["errors"]) == (2, 2, 2, [])
    call_command("import", "projects", path, "--as", "specialist", "--dry-run")
    captured = capsys.readouterr()
    assert "0 dự án mới" in captured.out and "2 không đổi" in captured.out and "Đang nhập" in captured.err


def test_cli_rejects_a_bad_file_with_the_errors(tmp_path, capsys, setup):
    sheets = base_sheets()
    cell(sheets, PROJECTS, 2, "Loại dự án", "PPP")
    path = write_book(tmp_path / "bad.xlsx", sheets)
    with pytest.raises(CommandError, match=r"Tệp bị từ chối.*\n.*Dự án, dòng 2, cột D"):
        call_command("import", "projects", path, "--as", "specialist", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["errors"][0] == {"sheet": "Dự án", "row": 2, "column": "D", "header": "Loại dự án",
                                 "message": data["errors"][0]["message"]}  # fmt: skip
    call_command("import", "projects", path, "--as", "specialist", "--partial", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["created"] == 1 and data["rejected_file"].endswith("bad-loi.xlsx")
    assert Project.objects.count() == 1


def test_cli_refuses_officers_and_missing_files(tmp_path, setup, officer_x):
    path = write_book(tmp_path / "x.xlsx", base_sheets())
    with pytest.raises(CommandError, match="không có quyền"):
        call_command("import", "projects", path, "--as", "officer_x")
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import", "projects", str(tmp_path / "none.xlsx"), "--as", "specialist")


def test_cli_export_with_filters(tmp_path, capsys, admin_user, project_x, project_a):
    path = tmp_path / "out.xlsx"
    call_command("export", "projects", str(path), "--kind", "FDI", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["projects"] == 1 and data["milestones"] == 0
    assert [row[0] for row in read_back(path)[PROJECTS][1:]] == ["HD-2022-0002"]
    with pytest.raises(CommandError, match="--status"):
        call_command("export", "projects", str(path), "--status", "bay")
    call_command("export", "projects", str(tmp_path / "out.csv"))
    assert "2 dự án" in capsys.readouterr().out


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_an_upload_is_queued_for_the_worker(login, setup, tmp_path):
    """With the database queue, the upload only queues the job: the page polls until a worker has run it."""
    from django_tasks_db.models import DBTaskResult

    client = login(setup)
    upload(client, base_sheets(), tmp_path)
    imported = ImportJob.objects.get()
    assert imported.status == "queued" and imported.job.status == "queued" and Project.objects.count() == 0
    assert DBTaskResult.objects.get().args_kwargs == {"args": [imported.job.pk], "kwargs": {}}
    page = client.get(reverse("projects:import_status", args=[imported.pk]), headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in page.content.decode()


def test_one_upload_reports_cell_errors_and_rule_errors_of_the_same_row(specialist, tmp_path):
    """A wrong date does not hide that the FDI project has no investor: both come back at once."""
    import xlsxwriter

    from tiendo.projects.models import Project
    from tiendo.projects.workbook import import_workbook

    path = tmp_path / "two-problems.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Dự án")
    sheet.write_row(0, 0, ["Mã dự án", "Tên dự án", "Loại dự án", "Ngày cấp giấy chứng nhận đăng ký đầu tư"])
    sheet.write_row(1, 0, ["HD-2024-0500", "Nhà máy thử nghiệm", "FDI", "31/02/2024"])
    book.close()
    result = import_workbook(str(path), path.name, specialist)
    messages = sorted(error.message for error in result.errors)
    assert len(messages) == 2, messages
    assert any("31/02/2024" in m for m in messages) and any("nhà đầu tư" in m for m in messages)
    assert not Project.objects.exists()
