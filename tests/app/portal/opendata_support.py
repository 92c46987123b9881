"""A realistic set of public-investment records for the open-data tests: a road under construction (two budgets,
decisions, an extended completion, site clearance, progress reports, monthly disbursement), a completed school in
a ward with its official code (ODA), a cancelled project, one in identification; and what must never be published:
a private project, a deleted public one, and internal texts (SECRET-…) on the published ones."""

from datetime import UTC, date, datetime

from django.utils import timezone

from tiendo.agencies.models import AdminUnit, Agency
from tiendo.plans.models import Disbursement, Plan, PlanVersion, ProjectFunding, Source
from tiendo.projects.models import (
    CapitalSource,
    LegalDocument,
    Milestone,
    ProgressReport,
    Project,
    ScheduleAdjustment,
    Sector,
)

SECRETS = ("SECRET-PROBLEM", "SECRET-NOTE", "SECRET-SUMMARY", "SECRET-HEAD", "SECRET-PRIVATE", "SECRET-DELETED")


def _report(project, end, percent, paid, problems=""):
    return ProgressReport.objects.create(
        project=project, period_end=end, physical_progress=percent, disbursed_to_date=paid, problems=problems,
        submitted_at=datetime(end.year, end.month, end.day, tzinfo=UTC),
    )  # fmt: skip


def make_records(province, people_committee, agency_x, commune, enterprise_a) -> dict:
    Agency.objects.filter(pk=agency_x.pk).update(
        address="Số 58 Quang Trung, phường Trần Hưng Đạo", email="skhdt@haiduong.gov.vn", head="SECRET-HEAD Nguyễn"
    )
    ward = AdminUnit.objects.create(code="10507", name="Trần Hưng Đạo", unit_type="phường", level="commune",
                                    parent=province)  # fmt: skip
    transport = Sector.objects.create(code="GT", name="Giao thông", name_en="Transport")
    education = Sector.objects.create(code="GD", name="Giáo dục và đào tạo")
    central = Source.objects.create(code="NSTW", name="Ngân sách trung ương", level="central", order=1)
    local = Source.objects.create(code="NSDP", name="Ngân sách địa phương", level="local", order=2)
    oda = Source.objects.create(code="NSTW_ODA", name="Vốn nước ngoài", level="central", foreign=True, order=3)
    plan = Plan.objects.create(kind="annual", first_year=2024, last_year=2024, title="Kế hoạch năm 2024")
    # the plan as the People's Council decided it: only a decided plan's disbursement is published
    PlanVersion.objects.create(
        plan=plan, number=0, purpose="initial", state="approved", title="Giao kế hoạch năm 2024",
        decision_number="61/NQ-HĐND", decision_date=date(2023, 12, 10), decision_body="provincial_council",
    )  # fmt: skip

    road = Project.objects.create(
        code="HD-2021-0001", name="Cải tạo, nâng cấp đường tỉnh 391 đoạn qua xã Thái Tân", kind="public", group="B",
        status="implementing", sector=transport, agency=agency_x, commune=commune, latitude="20.950000",
        longitude="106.330000", total_investment=120_000_000_000, policy_decision_number="15/NQ-HĐND",
        policy_decision_date=date(2021, 3, 1),
    )  # fmt: skip
    Milestone.objects.create(
        project=road, kind="site_clearance", first_due=date(2022, 6, 30), current_due=date(2022, 6, 30),
        done=date(2022, 9, 1), clearance_area_m2=41759, households=113, note="SECRET-NOTE",
    )  # fmt: skip
    completion = Milestone.objects.create(
        project=road, kind="completion", first_due=date(2023, 12, 31), current_due=date(2026, 12, 31)
    )
    ScheduleAdjustment.objects.create(
        milestone=completion, document_number="120/QĐ-UBND", decided_on=date(2023, 11, 20), old_due=date(2023, 12, 31),
        new_due=date(2026, 12, 31), reason="state_land_delay",
    )  # fmt: skip
    _report(road, date(2023, 3, 31), 20, 10_000_000_000, "SECRET-PROBLEM vướng mặt bằng")
    _report(road, date(2023, 6, 30), 35, 30_000_000_000)
    CapitalSource.objects.create(project=road, source="central_budget", amount=70_000_000_000)
    CapitalSource.objects.create(project=road, source="local_budget", amount=50_000_000_000)
    LegalDocument.objects.create(project=road, kind="policy", number="15/NQ-HĐND", date=date(2021, 3, 1),
                                 issuer="Hội đồng nhân dân tỉnh", summary="SECRET-SUMMARY")  # fmt: skip
    LegalDocument.objects.create(project=road, kind="other", number="2200/QĐ-UBND", date=date(2021, 9, 10),
                                 issuer="Ủy ban nhân dân tỉnh")  # fmt: skip
    ProjectFunding.objects.create(
        project=road, investment_decision_number="2200/QĐ-UBND", investment_decision_date=date(2021, 9, 10),
        start_year=2021, finish_year=2026,
    )  # fmt: skip
    for month, source, amount in ((1, central, 2_000_000_000), (1, local, 1_000_000_000), (2, local, 500_000_000)):
        Disbursement.objects.create(plan=plan, project=road, source=source, month=date(2024, month, 1), amount=amount)

    school = Project.objects.create(
        code="HD-2019-0002", name="Trường THCS Trần Hưng Đạo", kind="public", group="C", status="completed",
        sector=education, agency=people_committee, commune=ward, total_investment=40_000_000_000,
        policy_decision_date=date(2019, 2, 1),
    )  # fmt: skip
    Milestone.objects.create(project=school, kind="construction_start", first_due=date(2019, 9, 1),
                             current_due=date(2019, 9, 1), done=date(2019, 9, 3))  # fmt: skip
    Milestone.objects.create(project=school, kind="completion", first_due=date(2021, 6, 30),
                             current_due=date(2021, 6, 30), done=date(2021, 6, 20))  # fmt: skip
    _report(school, date(2021, 6, 30), 100, 39_500_000_000)
    CapitalSource.objects.create(project=school, source="oda", amount=25_000_000_000)
    CapitalSource.objects.create(project=school, source="local_budget", amount=15_000_000_000)
    Disbursement.objects.create(plan=plan, project=school, source=oda, month=date(2024, 3, 1), amount=300_000_000)

    cancelled = Project.objects.create(code="HD-2020-0003", name="Chợ trung tâm xã Thái Tân", kind="public",
                                       status="terminated", agency=agency_x, commune=commune)  # fmt: skip
    idea = Project.objects.create(code="HD-2025-0004", name="Trạm y tế xã Thái Tân", kind="public", group="C",
                                  status="preparing", agency=agency_x)  # fmt: skip

    Project.objects.create(code="HD-PRIV-0005", name="SECRET-PRIVATE nhà máy", kind="private", status="implementing",
                           agency=agency_x, investor=enterprise_a)  # fmt: skip
    deleted = Project.objects.create(code="HD-2022-0006", name="SECRET-DELETED đường", kind="public",
                                     status="implementing", agency=agency_x)  # fmt: skip
    Project.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    return {"road": road, "school": school, "cancelled": cancelled, "idea": idea, "plan": plan, "ward": ward}
