"""Plans and their adjustment: a draft from the version in force, a new revenue estimate, the allocation by the
legal order of priority, lines set by hand, the checks, the comparison, the decision; pages and `tiendo plan`."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from tiendo.plans import services
from tiendo.plans.models import Plan, PlanItem, PlanLine, PlanVersion, ProjectFunding, Source, SourceBudget
from tiendo.projects.models import Project

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
BN = 1_000_000_000  # one tỷ đồng
TODAY = date(2025, 6, 16)


def on(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, 0, tzinfo=HCM), tick=False)


@pytest.fixture(autouse=True)
def june_2025():
    """Mid-June 2025: the 2025 annual plan is adjusted under the Law on Public Investment 58/2024."""
    with on(TODAY):
        yield


def says(response, pattern: str) -> bool:
    """The message in English (the msgid) or Vietnamese (once translated)."""
    return re.search(pattern, response.content.decode()) is not None


@pytest.fixture
def sources(db):
    local = Source.objects.create(code="NSDP", name="Ngân sách địa phương", level="local", order=1)
    central = Source.objects.create(code="NSTW", name="Ngân sách trung ương", level="central", order=0)
    return {
        "central": central,
        "CD": Source.objects.create(
            code="NSDP_CD", name="Vốn cân đối theo tiêu chí", parent=local, level="local", order=2
        ),
        "TSDD": Source.objects.create(
            code="NSDP_TSDD", name="Thu tiền sử dụng đất", name_en="Land-use revenue", parent=local, level="local",
            order=3,
        ),
    }  # fmt: skip


def _project(code, name, agency, commune, group, *, decided=True, first_year=None, total=100 * BN):
    project = Project.objects.create(
        code=code,
        name=name,
        kind="public",
        group=group,
        status="implementing",
        agency=agency,
        commune=commune,
        total_investment=total,
        policy_decision_number="12/NQ-HĐND" if decided else "",
        policy_decision_date=date(2021, 3, 1) if decided else None,
    )
    ProjectFunding.objects.create(
        project=project,
        investment_decision_number=f"{code[-2:]}/QĐ-UBND" if decided else "",
        investment_decision_date=date(2021, 6, 1) if decided else None,
        first_allocation_year=first_year,
    )
    return project


@pytest.fixture
def projects(agency_x, agency_y, commune):
    return {
        "P1": _project("HD-DTC-01", "Đường trục Bắc - Nam xã Thái Tân", agency_x, commune, "B", first_year=2022),
        "P2": _project("HD-DTC-02", "Trường tiểu học Thái Tân", agency_y, commune, "C", first_year=2024),
        "P3": _project("HD-DTC-03", "Nhà văn hóa xã Thái Tân", agency_x, commune, "C"),
        "P4": _project("HD-DTC-04", "Kè sông Thái Bình đoạn Thái Tân", agency_y, commune, "C", first_year=2024),
    }


# tier, need, eligible, lines of the approved version
ITEMS = {
    "P1": ("transitional_finishing", 40 * BN, ["NSDP_TSDD"], {"NSDP_TSDD": 40 * BN}),
    "P2": ("transitional_on_schedule", 50 * BN, ["NSDP_TSDD", "NSDP_CD"], {"NSDP_TSDD": 50 * BN}),
    "P3": ("new", 30 * BN, ["NSDP_TSDD", "NSDP_CD"], {"NSDP_TSDD": 10 * BN, "NSDP_CD": 20 * BN}),
    "P4": ("transitional_on_schedule", 20 * BN, ["NSDP_CD"], {"NSDP_CD": 20 * BN}),
}


def _version(plan, number, title, budgets, items, projects, sources, *, decision=("01/NQ-HĐND", date(2024, 12, 10))):
    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        purpose="initial",
        state="approved",
        title=title,
        decision_number=decision[0],
        decision_date=decision[1],
        decision_body="provincial_council",
    )
    by_code = {s.code: s for s in sources.values()}
    for code, amount in budgets.items():
        SourceBudget.objects.create(version=version, source=by_code[code], available=amount)
    for key, (tier, need, eligible, lines) in items.items():
        item = PlanItem.objects.create(
            version=version, project=projects[key], tier=tier, need=need, eligible_sources=eligible
        )
        for code, amount in lines.items():
            PlanLine.objects.create(version=version, item=item, source=by_code[code], amount=amount)
    return version


@pytest.fixture
def medium_term(projects, sources):
    plan = Plan.objects.create(
        kind="medium_term", first_year=2021, last_year=2025, title="Kế hoạch trung hạn 2021-2025"
    )
    big = {key: (tier, 5 * need, eligible, {c: 5 * a for c, a in lines.items()}) for key, (tier, need, eligible, lines)
           in ITEMS.items()}  # fmt: skip
    _version(plan, 1, "Kế hoạch trung hạn 2021-2025", {"NSDP_TSDD": 500 * BN, "NSDP_CD": 300 * BN}, big, projects,
             sources, decision=("20/NQ-HĐND", date(2021, 7, 20)))  # fmt: skip
    return plan


@pytest.fixture
def annual(medium_term, projects, sources):
    """The 2025 plan in force: land-use revenue 100 bn (all given), balanced capital 60 bn (40 given)."""
    plan = Plan.objects.create(
        kind="annual", first_year=2025, last_year=2025, medium_term=medium_term, title="Kế hoạch đầu tư công năm 2025"
    )
    _version(plan, 1, "Kế hoạch năm 2025", {"NSDP_TSDD": 100 * BN, "NSDP_CD": 60 * BN}, ITEMS, projects, sources)
    return plan


def amounts(version) -> dict[tuple[str, str], int]:
    return {
        (line.item.project.code, line.source.code): line.amount
        for line in PlanLine.objects.filter(version=version).select_related("item__project", "source")
    }


def given(version, project: str) -> int:
    return sum(a for (p, _s), a in amounts(version).items() if p == project)


# The workflow through the services ---------------------------------------------------------------------------------


def test_cutting_land_use_revenue_30_percent_cuts_the_lowest_tier_first(annual, specialist):
    draft = services.start_draft(annual, specialist)
    assert draft.state == "draft" and draft.based_on == annual.current_version() and draft.number == 2
    assert amounts(draft) == amounts(annual.current_version())
    services.cut_budget(draft, specialist, source="NSDP_TSDD", percent=Decimal(30), reason="Ước thu giảm")
    assert draft.budgets.get(source__code="NSDP_TSDD").available == 70 * BN
    run = services.run_allocation(draft, specialist)
    assert run.summary["projects"] == 4
    # (g) finishing first, then (h) on schedule in full; the new project (n) cannot be finished: nothing
    assert given(draft, "HD-DTC-01") == 40 * BN
    assert given(draft, "HD-DTC-02") == 50 * BN
    assert given(draft, "HD-DTC-04") == 20 * BN
    assert given(draft, "HD-DTC-03") == 0
    assert sum(amounts(draft).values()) == 110 * BN
    p3 = draft.items.get(project__code="HD-DTC-03")
    assert p3.explanation


def test_a_line_set_by_hand_is_kept_through_a_new_run(annual, specialist):
    draft = services.start_draft(annual, specialist)
    p3 = draft.items.get(project__code="HD-DTC-03")
    services.set_lines(draft, specialist, item=p3, amounts={"NSDP_CD": 25 * BN}, reason="Kết luận 12/TB-UBND")
    services.cut_budget(draft, specialist, source="NSDP_TSDD", percent=Decimal(30))
    services.run_allocation(draft, specialist)
    lines = amounts(draft)
    assert lines[("HD-DTC-03", "NSDP_CD")] == 25 * BN
    assert PlanLine.objects.get(item=p3, source__code="NSDP_CD").manual
    # the pin comes off its source first: 60 - 25 = 35 bn of balanced capital left for the others
    assert sum(a for (_p, s), a in lines.items() if s == "NSDP_CD") <= 60 * BN
    assert given(draft, "HD-DTC-01") == 40 * BN
    p3.refresh_from_db()
    assert "thủ công" in p3.explanation and p3.note == "Kết luận 12/TB-UBND"
    # back to automatic: the next run decides it again
    services.set_lines(draft, specialist, item=p3, amounts={"NSDP_CD": None}, reason="Bỏ ấn định")
    services.run_allocation(draft, specialist)
    assert not PlanLine.objects.filter(item=p3, manual=True).exists()


def test_approving_supersedes_the_base_version_and_keeps_the_history(annual, specialist):
    base = annual.current_version()
    draft = services.start_draft(annual, specialist)
    services.cut_budget(draft, specialist, source="NSDP_TSDD", percent=Decimal(30))
    services.run_allocation(draft, specialist)
    services.approve_draft(draft, specialist, number="45/NQ-HĐND", day=date(2025, 6, 12), body="provincial_council")
    base.refresh_from_db()
    draft.refresh_from_db()
    assert base.state == "superseded" and draft.state == "approved"
    assert annual.current_version() == draft
    assert draft.decision_number == "45/NQ-HĐND" and draft.approved_by == specialist
    row = draft.history.latest()
    assert row.history_user == specialist and "45/NQ-HĐND" in row.history_change_reason
    line_rows = PlanLine.history.filter(version_id=draft.pk)
    assert line_rows.exists() and all(r.history_user_id == specialist.pk for r in line_rows)
    assert all(r.history_change_reason for r in line_rows)
    with pytest.raises(ValidationError):
        services.cut_budget(draft, specialist, source="NSDP_TSDD", percent=Decimal(10))


# The workflow on the pages -----------------------------------------------------------------------------------------


def test_a_specialist_adjusts_the_plan_from_the_pages(annual, specialist, login):
    client = login(specialist)
    base = annual.current_version()
    page = client.get(reverse("plans:list"))
    assert page.status_code == 200 and says(page, "Kế hoạch đầu tư công năm 2025")
    page = client.get(reverse("plans:plan", args=[annual.pk]))
    assert page.status_code == 200 and says(page, "HD-DTC-03")

    response = client.post(reverse("plans:adjust", args=[annual.pk]), {"title": "Điều chỉnh giữa năm", "note": ""})
    draft = PlanVersion.objects.get(plan=annual, state="draft")
    assert response.status_code == 302 and response.url == reverse("plans:version", args=[draft.pk])
    assert client.get(response.url).status_code == 200

    page = client.get(reverse("plans:budgets", args=[draft.pk]))
    assert page.status_code == 200
    response = client.post(
        reverse("plans:budgets", args=[draft.pk]),
        {"s-NSDP_TSDD-cut": "30", "s-NSDP_CD-amount": "60.000.000.000", "reason": "Ước thu tiền sử dụng đất giảm"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert draft.budgets.get(source__code="NSDP_TSDD").available == 70 * BN

    response = client.post(reverse("plans:run", args=[draft.pk]), follow=True)
    assert response.status_code == 200 and given(draft, "HD-DTC-03") == 0

    p2 = draft.items.get(project__code="HD-DTC-02")
    page = client.get(reverse("plans:item", args=[p2.pk]))
    assert page.status_code == 200 and says(page, "NSDP_CD")
    response = client.post(
        reverse("plans:item", args=[p2.pk]),
        {"amount_NSDP_TSDD": "30.000.000.000", "amount_NSDP_CD": "", "auto_NSDP_CD": "on", "reason": "Theo đề nghị"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert PlanLine.objects.get(item=p2, source__code="NSDP_TSDD").amount == 30 * BN

    checks = client.get(reverse("plans:checks", args=[draft.pk]), headers={"HX-Request": "true"})
    assert checks.status_code == 200 and says(checks, "Điều 71") and says(checks, "Hội đồng nhân dân")

    page = client.get(reverse("plans:compare", args=[draft.pk]))
    assert page.status_code == 200 and says(page, "HD-DTC-03")
    page = client.get(
        reverse("plans:version", args=[draft.pk]), {"q": "truong tieu hoc"}, headers={"HX-Request": "true"}
    )
    assert page.status_code == 200 and says(page, "HD-DTC-02") and not says(page, "HD-DTC-01")

    assert client.get(reverse("plans:approve", args=[draft.pk])).status_code == 200
    response = client.post(
        reverse("plans:approve", args=[draft.pk]),
        {"number": "45/NQ-HĐND", "day": "12/06/2025", "body": "provincial_council", "override": ""},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    base.refresh_from_db()
    draft.refresh_from_db()
    assert base.state == "superseded" and draft.state == "approved"

    xlsx = client.get(reverse("plans:xlsx", args=[draft.pk]))
    assert xlsx.status_code == 200
    pdf = client.get(reverse("plans:pdf", args=[draft.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
