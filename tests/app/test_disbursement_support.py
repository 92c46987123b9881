"""A small province's 2024 plan for the disbursement and dashboard tests: sources, projects, plan lines.

Other test files import these fixtures (`from test_disbursement_support import *`).

Capital of the approved 2024 plan (version 1), in billion VND:
    HD-2021-0001 (agency X, commune Thái Tân): NSDP_CD 40, NSDP_TSDD 20   tier transitional_finishing
    HD-DTC-0002  (agency Y, commune Thái Tân): NSDP_CD 30                 tier transitional_on_schedule
    HD-DTC-0003  (agency X, commune Thái Tân): NSDP_TSDD 10               tier new
"""

import io
from datetime import date

import pytest

from tiendo.plans.models import Plan, PlanItem, PlanLine, PlanVersion, Source, SourceBudget
from tiendo.projects.models import Project

B = 1_000_000_000

__all__ = ["B", "csv_file", "plan_2024", "public_projects", "sources", "xlsx_file"]


@pytest.fixture
def sources(db):
    local = Source.objects.create(code="NSDP", name="Ngân sách địa phương", level="local", order=1)
    cd = Source.objects.create(
        code="NSDP_CD",
        name="Cân đối ngân sách địa phương theo tiêu chí",
        name_en="Local budget balanced by criteria",
        parent=local,
        level="local",
        order=2,
    )
    land = Source.objects.create(
        code="NSDP_TSDD",
        name="Thu tiền sử dụng đất",
        name_en="Land-use revenue",
        parent=local,
        level="local",
        order=3,
    )
    return {"NSDP": local, "NSDP_CD": cd, "NSDP_TSDD": land}


@pytest.fixture
def public_projects(project_x, agency_x, agency_y, commune):
    p2 = Project.objects.create(
        code="HD-DTC-0002",
        name="Trường THCS Thái Tân",
        kind="public",
        group="C",
        status="implementing",
        agency=agency_y,
        commune=commune,
        total_investment=45 * B,
    )
    p3 = Project.objects.create(
        code="HD-DTC-0003",
        name="Nhà văn hóa thôn Đông",
        kind="public",
        group="C",
        status="implementing",
        agency=agency_x,
        commune=commune,
        total_investment=12 * B,
    )
    return {"HD-2021-0001": project_x, "HD-DTC-0002": p2, "HD-DTC-0003": p3}


@pytest.fixture
def plan_2024(sources, public_projects, specialist):
    medium = Plan.objects.create(
        kind="medium_term", first_year=2021, last_year=2025, title="Kế hoạch trung hạn 2021-2025"
    )
    medium_version = PlanVersion.objects.create(
        plan=medium, number=1, purpose="initial", state="approved", title="Kế hoạch trung hạn 2021-2025"
    )
    plan = Plan.objects.create(
        kind="annual", first_year=2024, last_year=2024, medium_term=medium, title="Kế hoạch đầu tư công năm 2024"
    )
    version = PlanVersion.objects.create(
        plan=plan,
        number=1,
        purpose="initial",
        state="approved",
        title="Kế hoạch đầu tư công năm 2024",
        decision_number="50/NQ-HĐND",
        decision_date=date(2023, 12, 10),
        decision_body="provincial_council",
    )
    SourceBudget.objects.create(version=version, source=sources["NSDP_CD"], available=70 * B)
    SourceBudget.objects.create(version=version, source=sources["NSDP_TSDD"], available=30 * B)
    layout = {
        "HD-2021-0001": ("transitional_finishing", {"NSDP_CD": 40 * B, "NSDP_TSDD": 20 * B}),
        "HD-DTC-0002": ("transitional_on_schedule", {"NSDP_CD": 30 * B}),
        "HD-DTC-0003": ("new", {"NSDP_TSDD": 10 * B}),
    }
    medium_layout = {"HD-2021-0001": 200 * B, "HD-DTC-0002": 80 * B, "HD-DTC-0003": 10 * B}
    for code, (tier, lines) in layout.items():
        project = public_projects[code]
        item = PlanItem.objects.create(
            version=version,
            project=project,
            tier=tier,
            need=sum(lines.values()),
            eligible_sources=list(lines),
        )
        for source, amount in lines.items():
            PlanLine.objects.create(version=version, item=item, source=sources[source], amount=amount)
        medium_item = PlanItem.objects.create(
            version=medium_version, project=project, tier=tier, need=medium_layout[code], eligible_sources=list(lines)
        )
        PlanLine.objects.create(
            version=medium_version, item=medium_item, source=sources["NSDP_CD"], amount=medium_layout[code]
        )
    return plan


def csv_file(rows: list[list[object]]) -> io.BytesIO:
    text = "\n".join(";".join(str(cell) for cell in row) for row in rows)
    return io.BytesIO(text.encode("utf-8"))


def xlsx_file(rows: list[list[object]], title_rows: list[list[object]] = ()) -> io.BytesIO:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = book.add_worksheet("Báo cáo KBNN")
    for index, row in enumerate([*title_rows, *rows]):
        ws.write_row(index, 0, row)
    book.close()
    buffer.seek(0)
    return buffer


def test_the_plan_in_force_holds_the_three_projects(plan_2024):
    version = plan_2024.current_version()
    assert version.items.count() == 3
    assert sum(version.lines.values_list("amount", flat=True)) == 100 * B
