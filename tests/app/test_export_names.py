"""The Excel exports read as the screens do: names beside the codes people do not know (HD-SKHDT, KCN, HD-X1), the
screens' words for statuses and kinds, and still importable as they are."""

import io
from datetime import date

import pytest
from django.utils import translation
from python_calamine import CalamineWorkbook

from tiendo.directives import reports as task_reports
from tiendo.directives.models import STATUS_LABELS as TASK_STATUS_LABELS
from tiendo.domain.tasks import TaskStatus
from tiendo.projects import models as project_models
from tiendo.projects.models import Project, Sector
from tiendo.projects.workbook import PROJECTS, export_csv, export_workbook, import_workbook
from tiendo.projects.workbook import columns as spec

pytestmark = pytest.mark.django_db

TABLES = [
    (spec.KINDS, project_models.KIND_LABELS),
    (spec.STATUSES, project_models.STATUS_LABELS),
    (spec.GROUPS, project_models.GROUP_LABELS),
    (spec.DEPOSITS, project_models.DEPOSIT_LABELS),
    (spec.MILESTONE_KINDS, project_models.MILESTONE_LABELS),
]


@pytest.mark.parametrize(("table", "labels"), TABLES)
def test_the_export_writes_the_screens_vietnamese_label_of_every_choice(table, labels):
    with translation.override("vi"):
        assert {code: spellings[0] for code, spellings in table.items()} == {
            code: str(label) for code, label in labels.items()
        }


@pytest.mark.parametrize("old", ["Tạm dừng", "Chấm dứt", "Đang hoạt động", "Hoàn thành"])
def test_the_words_exported_before_still_import(old):
    assert any(old in spellings for spellings in spec.STATUSES.values())


def _sheet(path, name):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def test_the_project_export_writes_names_beside_codes_and_the_screens_status(tmp_path, project_x, project_a):
    Sector.objects.create(code="GT", name="Giao thông")
    Project.objects.filter(pk=project_x.pk).update(sector=Sector.objects.get(code="GT"), status="suspended")
    path = tmp_path / "projects.xlsx"
    export_workbook(Project.objects.all(), str(path), report=False)
    header, *rows = _sheet(path, PROJECTS)
    row = next(dict(zip(header, r, strict=True)) for r in rows if r[0] == "HD-2021-0001")
    assert row["Cơ quan phụ trách"] == "HD-SKHDT"
    assert row["Tên cơ quan phụ trách"] == "Sở Kế hoạch và Đầu tư tỉnh Hải Dương"
    assert row["Ngành, lĩnh vực"] == "GT" and row["Tên ngành, lĩnh vực"] == "Giao thông"
    assert row["Xã, phường"] == "HD-X1" and row["Tên xã, phường"] == "xã Thái Tân"
    assert row["Tình trạng"] == "Tạm ngừng hoạt động"  # as on the project page
    fdi = next(dict(zip(header, r, strict=True)) for r in rows if r[0] == "HD-2022-0002")
    assert fdi["Loại dự án"] == "Đầu tư trực tiếp nước ngoài (FDI)"


def test_the_exported_workbook_with_names_imports_back_unchanged(tmp_path, specialist, project_x, project_a):
    path = tmp_path / "projects.xlsx"
    export_workbook(Project.objects.all(), str(path))
    values = list(Project.objects.order_by("code").values())
    result = import_workbook(path, "projects.xlsx", specialist, today=date(2024, 10, 10))
    assert result.errors == []
    assert (result.created, result.updated) == (0, 0)
    assert list(Project.objects.order_by("code").values()) == values


def test_the_csv_export_has_the_names_too(project_x):
    target = io.StringIO()
    export_csv(Project.objects.all(), target)
    text = target.getvalue()
    assert "Tên cơ quan phụ trách" in text and "Sở Kế hoạch và Đầu tư tỉnh Hải Dương" in text


def test_the_task_summary_workbook_uses_the_screens_status_words():
    headers = [title for title, _width in task_reports.HEADERS]
    with translation.override("vi"):
        for status in (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE, TaskStatus.IN_PROGRESS, TaskStatus.OVERDUE):
            assert str(TASK_STATUS_LABELS[status]) in headers
