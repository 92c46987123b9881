"""The imports read a column at a time: every row keeps its own value and message, whatever repeats down a column,
and the rows written (with their history) are the ones a row-by-row reading would write."""

from datetime import date

import pytest
from test_disbursement_support import *  # noqa: F403
from test_disbursement_support import xlsx_file
from test_import_export import PROJECTS, base_sheets, cell, setup, write_book  # noqa: F401

from tiendo.plans.disbursement import import_disbursement
from tiendo.plans.models import Disbursement
from tiendo.projects.models import Milestone, Project
from tiendo.projects.workbook import import_workbook, reading

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 30)


def _errors(result):
    return [(e.sheet, e.row, e.column, e.message) for e in result.errors]


def test_rows_read_in_blocks_keep_their_numbers_and_errors(tmp_path, setup, monkeypatch):  # noqa: F811
    sheets = base_sheets()
    sheets[PROJECTS].insert(2, [""] * len(sheets[PROJECTS][0]))  # a blank row between the two projects
    sheets[PROJECTS].append([3, "DA-03", "", "Loại lạ", "", "", "", "", "", "", "", "-5", "31/02/2021"])
    path = write_book(tmp_path / "book.xlsx", sheets)
    whole = import_workbook(path, "book.xlsx", setup, today=TODAY, dry_run=True)
    monkeypatch.setattr(reading, "BLOCK", 2)
    blocks = import_workbook(path, "book.xlsx", setup, today=TODAY, dry_run=True)
    assert _errors(blocks) == _errors(whole)
    assert [(e.row, e.column) for e in whole.errors] == [(5, "C"), (5, "D"), (5, "L"), (5, "M")]
    assert whole.errors[0].message == "Ô bắt buộc đang để trống."


def test_a_repeated_cell_is_reported_on_every_row_and_read_by_its_type(tmp_path, setup):  # noqa: F811
    sheets = base_sheets()
    cell(sheets, PROJECTS, 2, "Vĩ độ", True)  # a ticked box where a number belongs
    cell(sheets, PROJECTS, 3, "Vĩ độ", 1)  # equal to True in Python, but a good latitude
    cell(sheets, PROJECTS, 2, "Nhóm dự án", "Nhóm Z")
    cell(sheets, PROJECTS, 3, "Loại dự án", "Đầu tư công")
    cell(sheets, PROJECTS, 3, "Nhóm dự án", "Nhóm Z")
    path = write_book(tmp_path / "book.xlsx", sheets)
    result = import_workbook(path, "book.xlsx", setup, today=TODAY)
    where = {(e.row, e.column): e.message for e in result.errors}
    assert where[2, "N"] == "Số không hợp lệ: cần một số."
    assert (3, "N") not in where
    assert where[2, "F"].startswith("Giá trị không hợp lệ: 'Nhóm Z'") and where[2, "F"] == where[3, "F"]
    assert result.refused and not Project.objects.exists()


def test_new_projects_and_milestones_get_their_own_history_rows(tmp_path, setup):  # noqa: F811
    path = write_book(tmp_path / "book.xlsx", base_sheets())
    result = import_workbook(path, "book.xlsx", setup, today=TODAY)
    assert result.errors == [] and result.created == 2
    for project in Project.objects.all():
        (history,) = project.history.all()
        assert (history.code, history.name, history.history_type, history.history_user) == (
            project.code,
            project.name,
            "+",
            setup,
        )
    for milestone in Milestone.objects.all():
        (history,) = milestone.history.all()
        assert (history.project_id, history.kind, history.first_due) == (
            milestone.project_id,
            milestone.kind,
            milestone.first_due,
        )


def test_treasury_rows_repeating_a_bad_value_each_get_the_message(plan_2024, specialist):
    header = ["Mã dự án", "Nguồn vốn", "Tháng", "Giải ngân trong tháng (đồng)"]
    rows = [
        header,
        ["HD-2021-0001", "XSKT", "01/2024", 100],
        ["HD-DTC-0002", "XSKT", "01/2024", 100],
        ["HD-DTC-0002", "NSDP_CD", True, 100],
        ["HD-DTC-0003", "NSDP_CD", 1, 100],
        ["HD-DTC-0003", "NSDP_CD", "02/2024", 1.5],
    ]
    result = import_disbursement(plan_2024, xlsx_file(rows), "kbnn.xlsx", actor=specialist, today=date(2025, 2, 10))
    where = {(e.row, e.column): e.message for e in result.errors}
    assert where[2, "B"] == where[3, "B"] and "Không tìm thấy nguồn vốn 'XSKT'" in where[2, "B"]
    assert where[4, "C"] == "Tháng không hợp lệ: cần tháng/năm, không phải đúng/sai."
    assert where[5, "C"] == "Tháng không hợp lệ: '1.0' (ghi mm/yyyy, ví dụ 03/2025)."
    assert (6, "D") not in where  # 1.5 đồng: a number cell read by parse_amount
    assert result.refused and not Disbursement.objects.exists()


def test_treasury_amounts_are_written_with_their_history(plan_2024, specialist):
    rows = [
        ["Mã dự án", "Nguồn vốn", "Tháng", "Giải ngân trong tháng (triệu đồng)"],
        ["HD-2021-0001", "NSDP_CD", "01/2024", 100],
        ["HD-DTC-0002", "Thu tiền sử dụng đất", "02/2024", "2.000,5"],
    ]
    result = import_disbursement(plan_2024, xlsx_file(rows), "kbnn.xlsx", actor=specialist, today=date(2025, 2, 10))
    assert result.errors == [] and result.created == 2
    for record in Disbursement.objects.all():
        (history,) = Disbursement.history.filter(id=record.id)
        assert (history.amount, history.month, history.project_id, history.source_id) == (
            record.amount,
            record.month,
            record.project_id,
            record.source_id,
        )
        assert history.history_user == specialist and history.history_type == "+"
        assert history.history_change_reason == "Nhập giải ngân từ tệp kbnn.xlsx"
        assert record.imported_from == "kbnn.xlsx"
    assert sorted(Disbursement.objects.values_list("amount", flat=True)) == [100_000_000, 2_000_500_000]
