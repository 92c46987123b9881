"""A small province's public investment, seen on 15/06/2025, for the public-investment pages' tests.

- HD-PUB-1 (agency X, sector Giao thông, commune Thái Tân): a public road with English but no Chinese name, an
  investment decision, two capital sources, a milestone done and one late (completion due 31/12/2024), two
  progress reports; in the 2025 plan (version 0 approved: 40 tỷ local budget) and disbursed 10 tỷ in March. A draft
  adjustment (version 1) would give it 99 tỷ. The leaders decided its handling in a concluded review round (agreed:
  suspend), whose specialist's proposal, note, legal ground and the engine's findings are internal.
- HD-PUB-2 (agency Y, a former district "huyện Cũ" no longer valid): a school, preparing, not in the plan.
- HD-PRIV-1: an FDI factory (never public). HD-PUB-DEL: a public project deleted (never public).

Every internal text carries a marker starting with "MXI-" (or "MXIRULE") that must never reach a public page.
"""

from datetime import UTC, date, datetime

from tiendo.accounts.models import User
from tiendo.agencies.models import AdminUnit, Agency
from tiendo.directives.models import Directive
from tiendo.plans.models import Disbursement, Plan, PlanItem, PlanLine, PlanVersion, ProjectFunding, Source
from tiendo.projects.models import CapitalSource, Milestone, ProgressReport, Project, Sector
from tiendo.reviews.models import Finding, ReviewItem, ReviewRound, ScanRun

TODAY = date(2025, 6, 15)
B = 1_000_000_000

# internal texts: none of them may appear on a public page
HIDDEN = (
    "MXI-PROPOSAL-TEXT",
    "MXI-LEGAL-GROUND",
    "MXI-NOTE",
    "MXI-DECISION-TEXT",
    "MXIRULE",
    "MXI-FINDING",
    "MXI-OPEN-PROPOSAL",
    "MXI-ROUND-TITLE",
    "MXI-SIGNER",
    "MXI-CONCLUSION-TEXT",
    "MXI-MILESTONE-NOTE",
    "MXI-PROBLEMS",
    "MXI-PLAN-TITLE",
    "MXI-DRAFT-VERSION",
    "MXI-PLAN-NOTE",
    "MXI-EXPLANATION",
    "MXI-PRIVATE-PROJECT",
    "MXI-DELETED-PROJECT",
    "MXI-OFFICER",
    "mxi.officer@example.vn",
    "0912 345 678",
    "MXI-HEAD",
    "MXI-INVESTOR",
)


def _project(code, name, **fields):
    return Project.objects.create(code=code, name=name, kind=fields.pop("kind", "public"), **fields)


def build(*, agency_x, agency_y, commune, province, enterprise_a):
    """The world above; returns its records by name."""
    Agency.objects.filter(pk=agency_x.pk).update(head="MXI-HEAD Nguyễn Văn Trưởng")
    officer = User.objects.create(
        username="mxi_officer", full_name="MXI-OFFICER Trần Thị Cán Bộ", email="mxi.officer@example.vn",
        phone="0912 345 678", role="officer", agency=agency_x,
    )  # fmt: skip
    leader = User.objects.create(username="mxi_leader", full_name="MXI-OFFICER Lãnh Đạo", role="leader")
    roads = Sector.objects.create(code="GT", name="Giao thông", name_en="Transport", name_zh="交通")
    schools = Sector.objects.create(code="GD", name="Giáo dục", name_en="Education", name_zh="教育")
    old_district = AdminUnit.objects.create(
        code="HD-OLD", name="Cũ", unit_type="huyện", level="commune", parent=province, valid_to=date(2025, 6, 1)
    )  # gone before TODAY, still named by a project
    road = _project(
        "HD-PUB-1", "Đường trục xã Thái Tân", name_en="Thai Tan commune road", group="B", status="implementing",
        sector=roads, commune=commune, agency=agency_x, total_investment=120 * B,
        policy_decision_number="15/NQ-HĐND", policy_decision_date=date(2021, 3, 1),
    )  # fmt: skip
    school = _project(
        "HD-PUB-2", "Trường mầm non Cũ", name_en="Cu kindergarten", name_zh="旧幼儿园", group="C",
        status="preparing", sector=schools, commune=old_district, agency=agency_y, total_investment=30 * B,
    )  # fmt: skip
    _project(
        "HD-PRIV-1", "MXI-PRIVATE-PROJECT nhà máy", kind="fdi", status="implementing", agency=agency_x,
        investor=enterprise_a, commune=commune, total_investment=500 * B,
    )  # fmt: skip
    deleted = _project("HD-PUB-DEL", "MXI-DELETED-PROJECT cầu", status="preparing", agency=agency_x)
    Project.objects.filter(pk=deleted.pk).update(deleted_at=datetime(2025, 1, 2, tzinfo=UTC))
    ProjectFunding.objects.create(
        project=road, investment_decision_number="2200/QĐ-UBND", investment_decision_date=date(2021, 7, 18),
        start_year=2021, finish_year=2025,
    )  # fmt: skip
    CapitalSource.objects.create(project=road, source="local_budget", amount=80 * B)
    CapitalSource.objects.create(project=road, source="central_budget", amount=40 * B)
    Milestone.objects.create(
        project=road, kind="site_clearance", first_due=date(2022, 6, 30), current_due=date(2022, 6, 30),
        done=date(2022, 9, 1), note="MXI-MILESTONE-NOTE",
    )  # fmt: skip
    late = Milestone.objects.create(
        project=road, kind="completion", first_due=date(2023, 12, 31), current_due=date(2024, 12, 31)
    )
    for end, percent, paid in ((date(2024, 3, 31), 20, 10 * B), (date(2024, 12, 31), 45, 50 * B)):
        ProgressReport.objects.create(
            project=road, period_end=end, physical_progress=percent, disbursed_to_date=paid,
            problems="MXI-PROBLEMS vướng mặt bằng", submitted_by=officer, submitted_at=datetime(2025, 1, 5, tzinfo=UTC),
        )  # fmt: skip

    local = Source.objects.create(code="NSDP", name="Ngân sách địa phương", name_en="Local budget", level="local")
    plan = Plan.objects.create(kind="annual", first_year=2025, last_year=2025, title="MXI-PLAN-TITLE 2025")
    approved = PlanVersion.objects.create(
        plan=plan, number=0, purpose="initial", state="approved", title="MXI-PLAN-TITLE v0",
        decision_number="61/NQ-HĐND", decision_date=date(2024, 12, 10), decision_body="provincial_council",
        note="MXI-PLAN-NOTE",
    )  # fmt: skip
    draft = PlanVersion.objects.create(
        plan=plan, number=1, state="draft", title="MXI-DRAFT-VERSION", based_on=approved, purpose="adjustment"
    )
    for version, amount in ((approved, 40 * B), (draft, 99 * B)):
        item = PlanItem.objects.create(
            version=version, project=road, tier="transitional_on_schedule", need=amount,
            explanation="MXI-EXPLANATION", note="MXI-NOTE hand change",
        )  # fmt: skip
        PlanLine.objects.create(version=version, item=item, source=local, amount=amount)
    Disbursement.objects.create(plan=plan, project=road, source=local, month=date(2025, 3, 1), amount=10 * B)

    conclusion = Directive.objects.create(
        kind="conclusion", number="15/TB-UBND", issued_on=date(2025, 5, 20), issuer="UBND tỉnh",
        signer="MXI-SIGNER", title="MXI-ROUND-TITLE kết luận", text="MXI-CONCLUSION-TEXT",
    )  # fmt: skip
    closed = ReviewRound.objects.create(
        title="MXI-ROUND-TITLE quý I", as_of=date(2025, 4, 1), state="closed", opened_by=officer, note="MXI-NOTE",
        conclusion=conclusion,
    )  # fmt: skip
    findings = [{"rule": "MXIRULE-01", "explanation": "MXI-FINDING chậm tiến độ", "proposal": "suspend"}]
    ReviewItem.objects.create(
        round=closed, project=road, findings=findings, days_behind=120, proposal="suspend",
        proposal_text="MXI-PROPOSAL-TEXT", legal_ground="MXI-LEGAL-GROUND", confirmed=True, note="MXI-NOTE",
        decision="agreed", decision_text="MXI-DECISION-TEXT", decided_by=leader,
        decided_at=datetime(2025, 5, 20, 9, tzinfo=UTC),
    )  # fmt: skip
    open_round = ReviewRound.objects.create(title="MXI-ROUND-TITLE quý II", as_of=date(2025, 6, 1), opened_by=officer)
    ReviewItem.objects.create(
        round=open_round, project=school, proposal="remind", proposal_text="MXI-OPEN-PROPOSAL", legal_ground="x",
        note="MXI-NOTE",
    )  # fmt: skip
    run = ScanRun.objects.create(as_of=TODAY, finished_at=datetime(2025, 6, 15, tzinfo=UTC))
    Finding.objects.create(
        run=run, project=road, rule="MXIRULE-02", severity="high", citation="MXI-LEGAL-GROUND", proposal="terminate",
        explanation="MXI-FINDING",
    )  # fmt: skip
    return {"road": road, "school": school, "late": late, "plan": plan, "officer": officer}
