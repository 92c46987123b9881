"""Importing the State Treasury's disbursement reports: good files, bad rows in Vietnamese, replacement, dry runs."""

from datetime import date

import pytest
from python_calamine import CalamineWorkbook
from test_disbursement_support import *  # noqa: F403
from test_disbursement_support import B, csv_file, xlsx_file

from tiendo.plans.disbursement import FileRejected, blank_template, import_disbursement, parse_month
from tiendo.plans.models import Disbursement

TODAY = date(2025, 2, 10)
HEADER = ["STT", "Mã dự án", "Nguồn vốn", "Tháng", "Giải ngân trong tháng (triệu đồng)"]


def run(plan, rows, user, **options):
    return import_disbursement(plan, csv_file(rows), "kbnn.csv", actor=user, today=TODAY, **options)


def amounts(plan):
    return {
        (d.project.code, d.source.code, d.month): d.amount
        for d in Disbursement.objects.filter(plan=plan).select_related("project", "source")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/2024", date(2024, 3, 1)),
        ("3/2024", date(2024, 3, 1)),
        ("2024-03", date(2024, 3, 1)),
        ("Tháng 3/2024", date(2024, 3, 1)),
        ("tháng 03 năm 2024", date(2024, 3, 1)),
        ("T3/2024", date(2024, 3, 1)),
        ("31/03/2024", date(2024, 3, 1)),
        (date(2024, 3, 31), date(2024, 3, 1)),
        (45382.0, date(2024, 3, 31).replace(day=1)),  # an Excel date cell read as a serial
    ],
)
def test_months_are_read_as_offices_write_them(text, expected):
    assert parse_month(text) == expected


@pytest.mark.parametrize("text", ["13/2024", "03/24", "tháng ba", "3", ""])
def test_a_bad_month_says_how_to_write_it(text):
    with pytest.raises(ValueError, match="Tháng không hợp lệ"):
        parse_month(text)


def test_a_good_file_records_each_month(plan_2024, specialist):
    rows = [
        HEADER,
        [1, "HD-2021-0001", "NSDP_CD", "01/2024", "1.500"],
        [2, "HD-2021-0001", "Thu tiền sử dụng đất", "01/2024", "500"],
        [3, "hd-dtc-0002", "NSDP_CD", "02/2024", "2.000,5"],
    ]
    result = run(plan_2024, rows, specialist)
    assert not result.errors, result.errors
    assert (result.created, result.updated, result.removed, result.refused) == (3, 0, 0, False)
    assert amounts(plan_2024) == {
        ("HD-2021-0001", "NSDP_CD", date(2024, 1, 1)): 1_500_000_000,
        ("HD-2021-0001", "NSDP_TSDD", date(2024, 1, 1)): 500_000_000,
        ("HD-DTC-0002", "NSDP_CD", date(2024, 2, 1)): 2_000_500_000,
    }
    record = Disbursement.objects.get(project__code="HD-2021-0001", source__code="NSDP_CD")
    assert record.imported_from == "kbnn.csv"
    last = record.history.latest()
    assert last.history_user == specialist and "kbnn.csv" in last.history_change_reason


def test_an_xlsx_report_with_title_rows_and_the_month_in_the_title(plan_2024, specialist):
    titles = [["KHO BẠC NHÀ NƯỚC"], ["BÁO CÁO GIẢI NGÂN VỐN ĐẦU TƯ CÔNG"], ["Kỳ báo cáo: tháng 03/2024"], []]
    rows = [
        ["Mã dự án", "Tên dự án", "Nguồn vốn", "Giải ngân trong tháng (đồng)"],
        ["HD-DTC-0003", "Nhà văn hóa", "NSDP_TSDD", 7_000_000],
    ]
    result = import_disbursement(plan_2024, xlsx_file(rows, titles), "kbnn.xlsx", actor=specialist, today=TODAY)
    assert not result.errors, result.errors
    assert amounts(plan_2024) == {("HD-DTC-0003", "NSDP_TSDD", date(2024, 3, 1)): 7_000_000}


def test_cumulative_amounts_are_turned_into_months(plan_2024, specialist):
    header = ["Mã dự án", "Nguồn vốn", "Kỳ báo cáo", "Lũy kế (tỷ đồng)"]
    rows = [header, ["HD-2021-0001", "NSDP_CD", "01/2024", 2], ["HD-2021-0001", "NSDP_CD", "03/2024", 9]]
    rows.append(["HD-2021-0001", "NSDP_CD", "02/2024", 5])
    result = run(plan_2024, rows, specialist)
    assert not result.errors and result.from_cumulative == 3
    assert amounts(plan_2024) == {
        ("HD-2021-0001", "NSDP_CD", date(2024, 1, 1)): 2 * B,
        ("HD-2021-0001", "NSDP_CD", date(2024, 2, 1)): 3 * B,
        ("HD-2021-0001", "NSDP_CD", date(2024, 3, 1)): 4 * B,
    }
    # April's cumulative report alone: the months before come from the database
    result = run(plan_2024, [header, ["HD-2021-0001", "NSDP_CD", "04/2024", 12]], specialist)
    assert not result.errors
    assert amounts(plan_2024)["HD-2021-0001", "NSDP_CD", date(2024, 4, 1)] == 3 * B


def test_both_columns_record_the_month_and_warn_when_the_cumulative_disagrees(plan_2024, specialist):
    header = ["Mã dự án", "Nguồn vốn", "Tháng", "Giải ngân trong tháng (tỷ đồng)", "Lũy kế (tỷ đồng)"]
    rows = [header, ["HD-2021-0001", "NSDP_CD", "01/2024", 2, 2], ["HD-2021-0001", "NSDP_CD", "02/2024", 3, 6]]
    result = run(plan_2024, rows, specialist)
    assert not result.errors and not result.refused
    assert len(result.warnings) == 1 and "Lũy kế" in result.warnings[0].message
    assert amounts(plan_2024)["HD-2021-0001", "NSDP_CD", date(2024, 2, 1)] == 3 * B


def test_bad_rows_are_reported_in_vietnamese_and_nothing_is_written(plan_2024, project_a, specialist):
    rows = [
        HEADER,
        [1, "HD-9999-0000", "NSDP_CD", "01/2024", "100"],  # unknown project
        [2, "HD-2021-0001", "XSKT", "01/2024", "100"],  # unknown source
        [3, "HD-2021-0001", "NSDP", "01/2024", "100"],  # a group of sources
        [4, "HD-2021-0001", "NSDP_CD", "13/2024", "100"],  # bad month
        [5, "HD-2021-0001", "NSDP_CD", "02/2026", "100"],  # outside the plan's months
        [6, "HD-2021-0001", "NSDP_CD", "03/2024", "-100"],  # negative
        [7, "HD-2022-0002", "NSDP_CD", "03/2024", "100"],  # not a public project
        [8, "HD-DTC-0002", "NSDP_CD", "04/2024", "100"],  # good
        [9, "HD-DTC-0002", "NSDP_CD", "04/2024", "100"],  # repeated
    ]
    result = run(plan_2024, rows, specialist)
    assert result.refused
    where = {(e.row, e.column): e.message for e in result.errors}
    assert "Không có dự án mã 'HD-9999-0000'" in where[2, "B"]
    assert "Không tìm thấy nguồn vốn 'XSKT'" in where[3, "C"]
    assert "nhóm nguồn vốn" in where[4, "C"]
    assert "Tháng không hợp lệ" in where[5, "D"]
    assert "ngoài thời gian giải ngân của kế hoạch năm 2024" in where[6, "D"]
    assert "không được âm" in where[7, "E"]
    assert "không phải dự án đầu tư công" in where[8, "B"]
    assert "lặp lại (đã có ở dòng 9)" in where[10, "D"]
    assert (9, "B") not in where
    assert str(result.errors[0]).startswith("kbnn.csv, dòng 2, cột B")
    assert not Disbursement.objects.exists()


def test_a_decreasing_cumulative_is_an_error(plan_2024, specialist):
    header = ["Mã dự án", "Nguồn vốn", "Tháng", "Lũy kế (tỷ đồng)"]
    rows = [
        header,
        ["HD-2021-0001", "NSDP_CD", "01/2024", 5],
        ["HD-2021-0001", "NSDP_CD", "02/2024", 4],
        ["HD-2021-0001", "NSDP_CD", "03/2024", 6],
    ]
    result = run(plan_2024, rows, specialist)
    assert result.refused
    messages = {e.row: e.message for e in result.errors}
    assert messages[3].startswith("Lũy kế giảm: lũy kế đến hết tháng 02/2024 (4 tỷ đồng) nhỏ hơn")
    assert "tháng 02/2024 (dòng 3) có lỗi" in messages[4]
    assert not Disbursement.objects.exists()


def test_missing_columns_refuse_the_file(plan_2024, specialist):
    result = run(plan_2024, [["Mã dự án", "Tháng"], ["HD-2021-0001", "01/2024"]], specialist)
    assert result.refused
    messages = " ".join(e.message for e in result.errors)
    assert "Thiếu cột bắt buộc 'Nguồn vốn'" in messages and "Thiếu cột số tiền" in messages


def test_a_file_without_a_header_is_rejected(plan_2024, specialist):
    with pytest.raises(FileRejected, match="Mã dự án"):
        run(plan_2024, [["a", "b"], ["1", "2"]], specialist)


def test_reimporting_a_month_replaces_it_and_keeps_the_history(plan_2024, specialist):
    first = [
        HEADER,
        [1, "HD-2021-0001", "NSDP_CD", "01/2024", "100"],
        [2, "HD-DTC-0002", "NSDP_CD", "01/2024", "200"],
        [3, "HD-DTC-0002", "NSDP_CD", "02/2024", "300"],
    ]
    run(plan_2024, first, specialist)
    corrected = [
        HEADER,
        [1, "HD-2021-0001", "NSDP_CD", "01/2024", "150"],
        [2, "HD-DTC-0003", "NSDP_TSDD", "01/2024", "50"],
    ]
    result = run(plan_2024, corrected, specialist)
    assert (result.created, result.updated, result.removed, result.unchanged) == (1, 1, 1, 0)
    assert amounts(plan_2024) == {
        ("HD-2021-0001", "NSDP_CD", date(2024, 1, 1)): 150_000_000,
        ("HD-DTC-0003", "NSDP_TSDD", date(2024, 1, 1)): 50_000_000,
        ("HD-DTC-0002", "NSDP_CD", date(2024, 2, 1)): 300_000_000,  # February was not in the file: kept
    }
    history = Disbursement.history.filter(project__code="HD-DTC-0002", month=date(2024, 1, 1)).order_by("history_date")
    assert [h.history_type for h in history] == ["+", "-"]
    assert history.last().history_user == specialist
    again = run(plan_2024, corrected, specialist)
    assert (again.created, again.updated, again.removed, again.unchanged) == (0, 0, 0, 2)


def test_a_dry_run_writes_nothing_but_says_what_it_would_do(plan_2024, specialist):
    result = run(plan_2024, [HEADER, [1, "HD-2021-0001", "NSDP_CD", "01/2024", "100"]], specialist, dry_run=True)
    assert result.dry_run and result.created == 1 and not result.refused
    assert not Disbursement.objects.exists()


def test_partial_mode_writes_the_good_rows(plan_2024, specialist):
    rows = [HEADER, [1, "HD-2021-0001", "NSDP_CD", "01/2024", "100"], [2, "HD-X", "NSDP_CD", "01/2024", "1"]]
    result = run(plan_2024, rows, specialist, partial=True)
    assert not result.refused and result.rejected == 1 and result.created == 1
    assert len(amounts(plan_2024)) == 1


def test_more_than_the_plan_gives_is_a_warning(plan_2024, specialist):
    rows = [HEADER, [1, "HD-DTC-0003", "NSDP_TSDD", "01/2024", "11.000"], [2, "HD-DTC-0003", "NSDP_CD", "01/2024", "1"]]
    result = run(plan_2024, rows, specialist)
    assert not result.refused
    messages = " ".join(w.message for w in result.warnings)
    assert "vượt vốn kế hoạch" in messages and "không có vốn từ nguồn này" in messages


def test_the_blank_template_has_the_columns_the_import_reads_and_a_guide(plan_2024, specialist, tmp_path):
    path = tmp_path / "mau.xlsx"
    with open(path, "wb") as target:
        blank_template(target, plan_2024)
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["Giải ngân", "Hướng dẫn", "Danh mục nguồn vốn"]
    sources = book.get_sheet_by_name("Danh mục nguồn vốn").to_python()
    assert [row[0] for row in sources[1:]] == ["NSDP_CD", "NSDP_TSDD"]
    # the template filled in imports
    import xlsxwriter

    header = book.get_sheet_by_name("Giải ngân").to_python()[0]
    filled = tmp_path / "filled.xlsx"
    out = xlsxwriter.Workbook(str(filled))
    ws = out.add_worksheet("Giải ngân")
    ws.write_row(0, 0, header)
    ws.write_row(1, 0, [1, "HD-2021-0001", "", "NSDP_CD", "01/2024", 5_000_000])
    out.close()
    result = import_disbursement(plan_2024, str(filled), "filled.xlsx", actor=specialist, today=TODAY)
    assert not result.errors and result.created == 1
