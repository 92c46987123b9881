"""Plans and their adjustment: a draft from the version in force, a new revenue estimate, the allocation by the
legal order of priority, lines set by hand, the checks, the comparison, the decision; pages and `tiendo plan`
(list, show, adjust, budget, run, set-line, check, compare, approve, discard, export)."""

import io
import json
import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from hypothesis import given as given_h
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from tiendo.domain.access import Role
from tiendo.plans import facts, selectors, services
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
    draft = services.start_draft(annual, actor=specialist)
    assert draft.state == "draft" and draft.based_on == annual.current_version() and draft.number == 2
    assert amounts(draft) == amounts(annual.current_version())
    services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(30), reason="Ước thu giảm")
    assert draft.budgets.get(source__code="NSDP_TSDD").available == 70 * BN
    run = services.run_allocation(draft, actor=specialist)
    assert run.summary["projects"] == 4
    # (g) finishing first, then (h) on schedule in full; the new project (n) cannot be finished: nothing
    assert given(draft, "HD-DTC-01") == 40 * BN
    assert given(draft, "HD-DTC-02") == 50 * BN
    assert given(draft, "HD-DTC-04") == 20 * BN
    assert given(draft, "HD-DTC-03") == 0
    assert sum(amounts(draft).values()) == 110 * BN
    p3 = draft.items.get(project__code="HD-DTC-03")
    assert p3.explanation


def test_cuts_only_keeps_every_project_at_or_below_the_approved_amount(annual, specialist):
    """P4 needs 40 bn and balanced capital has 20 bn the approved version left unallocated: a run raises P4 only
    when the draft releases that reserve (without it, it only shares the capital the approved version gave, with P2
    of its tier), and a cuts-only run does not even then."""
    approved = annual.current_version()
    for cuts_only, released, p4 in [(False, 0, None), (False, 20 * BN, 40 * BN), (True, 20 * BN, 20 * BN)]:
        draft = services.start_draft(annual, actor=specialist)
        PlanItem.objects.filter(version=draft, project__code="HD-DTC-04").update(need=40 * BN)
        services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(30), reason="Ước thu giảm")
        if released:
            services.release_reserve(draft, actor=specialist, source="NSDP_CD", amount=released, reason="Dùng dự phòng")
        run = services.run_allocation(draft, actor=specialist, cuts_only=cuts_only)
        assert run.summary["cuts_only"] is cuts_only
        if p4 is None:  # its share, in proportion to need, of the 70 bn its tier gets (P2 needs 50): about 31 bn
            assert 30 * BN < given(draft, "HD-DTC-04") < 32 * BN
            assert sum(a for (_p, s), a in amounts(draft).items() if s == "NSDP_CD") == 40 * BN
        else:
            assert given(draft, "HD-DTC-04") == p4
        if cuts_only:
            for code in ["HD-DTC-01", "HD-DTC-02", "HD-DTC-03", "HD-DTC-04"]:
                assert given(draft, code) <= given(approved, code), code
            assert "Chỉ cắt giảm" in draft.items.get(project__code="HD-DTC-04").explanation
            reasons = PlanLine.history.filter(version_id=draft.pk).values_list("history_change_reason", flat=True)
            assert any("chỉ cắt giảm" in (reason or "") for reason in reasons)
        services.discard_draft(draft, actor=specialist)


def test_cuts_only_from_the_command_line(annual, specialist):
    draft = services.start_draft(annual, actor=specialist)
    PlanItem.objects.filter(version=draft, project__code="HD-DTC-04").update(need=40 * BN)
    out = io.StringIO()
    call_command("plan", "run", str(draft.pk), "--cuts-only", "--json", "--as", specialist.username, stdout=out)
    assert json.loads(out.getvalue())["cuts_only"] is True
    assert given(draft, "HD-DTC-04") == 20 * BN


def test_a_line_a_run_removes_has_one_deleted_history_row_with_its_author_and_reason(annual, specialist):
    draft = services.start_draft(annual, actor=specialist)
    services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(30), reason="Ước thu giảm")
    before = set(draft.lines.values_list("pk", flat=True))
    run = services.run_allocation(draft, actor=specialist)
    removed = before - set(draft.lines.values_list("pk", flat=True))
    assert removed and run.deleted == len(removed)
    for pk in removed:
        rows = list(PlanLine.history.filter(id=pk, history_type="-"))
        assert len(rows) == 1, f"line {pk}: {len(rows)} deleted rows"
        assert rows[0].history_user == specialist and "Phân bổ vốn" in rows[0].history_change_reason


def test_a_line_set_by_hand_is_kept_through_a_new_run(annual, specialist):
    draft = services.start_draft(annual, actor=specialist)
    p3 = draft.items.get(project__code="HD-DTC-03")
    services.set_lines(draft, actor=specialist, item=p3, amounts={"NSDP_CD": 25 * BN}, reason="Kết luận 12/TB-UBND")
    services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(30))
    services.run_allocation(draft, actor=specialist)
    lines = amounts(draft)
    assert lines[("HD-DTC-03", "NSDP_CD")] == 25 * BN
    assert PlanLine.objects.get(item=p3, source__code="NSDP_CD").manual
    # the pin comes off its source first: 60 - 25 = 35 bn of balanced capital left for the others
    assert sum(a for (_p, s), a in lines.items() if s == "NSDP_CD") <= 60 * BN
    assert given(draft, "HD-DTC-01") == 40 * BN
    p3.refresh_from_db()
    assert "thủ công" in p3.explanation and p3.note == "Kết luận 12/TB-UBND"
    # back to automatic: the next run decides it again
    services.set_lines(draft, actor=specialist, item=p3, amounts={"NSDP_CD": None}, reason="Bỏ ấn định")
    services.run_allocation(draft, actor=specialist)
    assert not PlanLine.objects.filter(item=p3, manual=True).exists()


def test_approving_supersedes_the_base_version_and_keeps_the_history(annual, specialist):
    base = annual.current_version()
    draft = services.start_draft(annual, actor=specialist)
    services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(30))
    services.run_allocation(draft, actor=specialist)
    services.approve_draft(
        draft, actor=specialist, number="45/NQ-HĐND", day=date(2025, 6, 12), body="provincial_council"
    )
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
        services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(10))


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


# Checks, comparison, approval ---------------------------------------------------------------------------------------


@pytest.fixture
def draft(annual, specialist):
    return services.start_draft(annual, actor=specialist)


def test_a_line_above_the_need_is_an_error_that_blocks_approval_unless_overridden(draft, specialist, login):
    p1 = draft.items.get(project__code="HD-DTC-01")
    services.set_lines(draft, actor=specialist, item=p1, amounts={"NSDP_TSDD": 60 * BN}, reason="Theo chỉ đạo")
    breaches = selectors.breaches(draft)
    over = [b for b in breaches if b.rule == "OVER_NEED"]
    assert len(over) == 1 and over[0].severity == "error" and over[0].item_id == p1.pk and over[0].citation
    page = login(specialist).get(reverse("plans:version", args=[draft.pk]))
    assert says(page, "OVER_NEED") and says(page, reverse("plans:item", args=[p1.pk]))

    with pytest.raises(ValidationError, match="error severity|nghiêm trọng|lỗi"):
        services.approve_draft(
            draft, actor=specialist, number="9/NQ-HĐND", day=date(2025, 6, 1), body="provincial_council"
        )
    draft.refresh_from_db()
    assert draft.state == "draft"
    response = login(specialist).post(
        reverse("plans:approve", args=[draft.pk]),
        {"number": "9/NQ-HĐND", "day": "01/06/2025", "body": "provincial_council", "override": ""},
    )
    assert response.status_code == 400 and says(response, "OVER_NEED")
    response = login(specialist).post(
        reverse("plans:approve", args=[draft.pk]),
        {"number": "9/NQ-HĐND", "day": "01/06/2025", "body": "provincial_council", "override": "HĐND đã quyết"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == "approved"
    reason = draft.history.latest().history_change_reason
    assert "OVER_NEED" in reason and "HĐND đã quyết" in reason


def test_an_adjustment_recorded_by_a_body_that_may_not_decide_it_is_refused(draft, specialist):
    services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(30))
    services.run_allocation(draft, actor=specialist)
    _breaches, decider = facts.checks(draft)
    assert decider.body == "provincial_council"
    with pytest.raises(ValidationError):
        services.approve_draft(
            draft, actor=specialist, number="9/QĐ-UBND", day=date(2025, 6, 1), body="provincial_committee"
        )
    services.approve_draft(draft, actor=specialist, number="9/NQ-HĐND", day=date(2025, 6, 1), body="provincial_council")


def test_central_capital_moved_in_a_medium_term_plan_is_for_the_prime_minister_whom_the_form_preselects(
    medium_term, sources, specialist, login
):
    base = medium_term.current_version()
    SourceBudget.objects.create(version=base, source=sources["central"], available=100 * BN)
    for code, amount in (("HD-DTC-01", 60 * BN), ("HD-DTC-04", 40 * BN)):
        PlanLine.objects.create(
            version=base, item=base.items.get(project__code=code), source=sources["central"], amount=amount
        )
    draft = services.start_draft(medium_term, actor=specialist)
    for code, amount in (("HD-DTC-01", 40 * BN), ("HD-DTC-04", 60 * BN)):
        services.set_lines(draft, actor=specialist, item=draft.items.get(project__code=code), amounts={"NSTW": amount},
                           reason="Điều chỉnh vốn ngân sách trung ương")  # fmt: skip
    _breaches, decider = facts.checks(draft)
    assert decider.body == PlanVersion.Body.PRIME_MINISTER == "prime_minister"
    assert facts.BODY_FROM[facts.BODY_OF[decider.body]] == decider.body
    page = login(specialist).get(reverse("plans:approve", args=[draft.pk]))
    assert says(page, r'<option value="prime_minister" selected>')
    services.approve_draft(draft, actor=specialist, number="123/QĐ-TTg", day=date(2025, 6, 1), body="prime_minister",
                           override="Nguồn NSTW chưa khai báo cho dự án trong dữ liệu thử")  # fmt: skip
    draft.refresh_from_db()
    assert draft.state == "approved" and draft.decision_body == "prime_minister"


def test_the_comparison_counts_increases_and_cuts_per_source_and_owner(draft, specialist, agency_x, login):
    services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(30))
    services.run_allocation(draft, actor=specialist)
    result = selectors.comparison(draft)
    assert result.totals["before"] == 140 * BN and result.totals["after"] == 110 * BN
    assert result.totals["cut"] - result.totals["increase"] == 30 * BN
    by_source = {g["name"]: g for g in result.by_source}
    assert by_source["NSDP_TSDD"]["before"] == 100 * BN and by_source["NSDP_TSDD"]["after"] == 70 * BN
    by_owner = {g["name"]: g for g in result.by_agency}
    assert by_owner[agency_x.short_name]["before"] == 70 * BN and by_owner[agency_x.short_name]["after"] == 40 * BN
    page = login(specialist).get(reverse("plans:compare", args=[draft.pk]), {"kind": "removed"})
    assert page.status_code == 200 and says(page, "HD-DTC-03") and not says(page, "HD-DTC-04")


def test_the_excel_appendix_totals_by_source_and_tier(draft, specialist, login):
    services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(30))
    services.run_allocation(draft, actor=specialist)
    response = login(specialist).get(reverse("plans:xlsx", args=[draft.pk]))
    assert response.status_code == 200
    rows = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content))).get_sheet_by_index(0)
    rows = rows.to_python()
    headers = rows[4] + rows[5]
    assert "Kế hoạch được duyệt" in headers and "Điều chỉnh giảm" in headers and "TMĐT" in headers
    table = {row[1]: row for row in rows[6:]}
    total = table["TỔNG SỐ"]
    approved, increase, cut, after = total[6:10]  # million đồng
    assert approved == 140_000 and after == 110_000 and cut - increase == 30_000
    land = table["Thu tiền sử dụng đất (NSDP_TSDD)"]
    assert land[0] == "II" and land[6] == 100_000 and land[9] == 70_000
    new = [row for row in rows if row[1] == "Dự án khởi công mới"]
    assert [row[0] for row in new] == ["n", "n"] and sum(row[8] for row in new) == 30_000
    p3 = [row for row in rows if "(HD-DTC-03)" in str(row[1])]
    assert {row[10] for row in p3} == {"Không bố trí vốn"}
    assert p3[0][3] == "03/QĐ-UBND" and p3[0][4] == "01/06/2021" and p3[0][5] == 100_000


def test_the_pdf_tables_start_with_pdf_and_are_kept_until_the_version_changes(draft, specialist, login):
    client = login(specialist)
    first = client.get(reverse("plans:pdf", args=[draft.pk]))
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    assert client.get(reverse("plans:pdf", args=[draft.pk])).content == first.content
    services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(10))
    assert client.get(reverse("plans:pdf", args=[draft.pk])).content.startswith(b"%PDF")


# Permissions --------------------------------------------------------------------------------------------------------


def test_an_officer_sees_only_its_agency_projects_and_cannot_adjust(annual, officer_x, login):
    client = login(officer_x)
    version = annual.current_version()
    page = client.get(reverse("plans:plan", args=[annual.pk]))
    assert page.status_code == 200
    assert says(page, "HD-DTC-01") and says(page, "HD-DTC-03")
    assert not says(page, "HD-DTC-02") and not says(page, "HD-DTC-04")
    assert not says(page, reverse("plans:adjust", args=[annual.pk]))
    page = client.get(reverse("plans:version", args=[version.pk]))
    assert page.status_code == 200 and not says(page, "HD-DTC-02") and not says(page, "NSDP_CD.*60")
    other = version.items.get(project__code="HD-DTC-02")
    own = version.items.get(project__code="HD-DTC-01")
    assert client.get(reverse("plans:item", args=[other.pk])).status_code == 404
    assert client.get(reverse("plans:item", args=[own.pk])).status_code == 200
    for name in ("compare", "xlsx", "pdf", "checks"):
        assert client.get(reverse(f"plans:{name}", args=[version.pk])).status_code == 403, name
    assert client.post(reverse("plans:adjust", args=[annual.pk])).status_code == 403
    assert not PlanVersion.objects.filter(state="draft").exists()


def test_the_plan_pages_link_to_the_dashboard_and_to_each_annual_plans_disbursement(
    annual, medium_term, specialist, officer_x, login
):
    disbursement = reverse("plans:disbursement", args=[annual.pk])
    slow = reverse("plans:disbursement_slow", args=[annual.pk])
    treasury = reverse("plans:disbursement_import", args=[annual.pk])
    dashboard = reverse("plans:dashboard")
    client = login(specialist)
    for page in (reverse("plans:list"), reverse("plans:plan", args=[annual.pk])):
        html = client.get(page).content.decode()
        assert all(f'href="{url}' in html for url in (disbursement, slow, treasury, dashboard)), page
    html = client.get(reverse("plans:plan", args=[annual.pk])).content.decode()
    assert f'href="{dashboard}?year=2025"' in html
    html = client.get(reverse("plans:plan", args=[medium_term.pk])).content.decode()
    assert f'href="{dashboard}"' in html and "/disbursement/" not in html
    html = client.get(reverse("plans:version", args=[annual.current_version().pk])).content.decode()
    assert f'href="{dashboard}?year=2025"' in html
    assert f'href="{reverse("plans:list")}"' in client.get(dashboard).content.decode()
    for url in (disbursement, slow, treasury):
        assert client.get(url).status_code == 200
    # an officer follows the disbursement pages of its agency; the Treasury import is the specialists'
    html = login(officer_x).get(reverse("plans:list")).content.decode()
    assert f'href="{disbursement}"' in html and f'href="{slow}"' in html and treasury not in html


def test_an_investor_gets_nothing(annual, investor_a, login):
    client = login(investor_a)
    version = annual.current_version()
    assert client.get(reverse("plans:list")).status_code == 403
    assert client.get(reverse("plans:plan", args=[annual.pk])).status_code == 404
    assert client.get(reverse("plans:version", args=[version.pk])).status_code == 404
    item = version.items.first()
    assert client.get(reverse("plans:item", args=[item.pk])).status_code == 404


def test_a_leader_reads_everything_and_changes_nothing(draft, leader, login):
    client = login(leader)
    page = client.get(reverse("plans:version", args=[draft.pk]))
    assert page.status_code == 200 and says(page, "HD-DTC-02")
    assert not says(page, reverse("plans:run", args=[draft.pk]))
    assert client.get(reverse("plans:compare", args=[draft.pk])).status_code == 200
    assert client.post(reverse("plans:run", args=[draft.pk])).status_code == 403
    assert client.get(reverse("plans:budgets", args=[draft.pk])).status_code == 403
    assert client.post(reverse("plans:approve", args=[draft.pk]), {"number": "1"}).status_code == 403
    assert client.post(reverse("plans:discard", args=[draft.pk])).status_code == 403
    item = draft.items.first()
    response = client.post(reverse("plans:item", args=[item.pk]), {"reason": "x"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.run_allocation(draft, actor=leader)
    draft.refresh_from_db()
    assert draft.state == "draft" and not draft.allocation


# Bad input ----------------------------------------------------------------------------------------------------------


def test_bad_amounts_are_refused_with_a_message_and_change_nothing(draft, specialist, login):
    client = login(specialist)
    url = reverse("plans:budgets", args=[draft.pk])
    before = sorted(draft.budgets.values_list("source__code", "available"))
    response = client.post(url, {"s-NSDP_TSDD-amount": "-5"})
    assert response.status_code == 400 and says(response, "cannot be negative|không được âm")
    response = client.post(url, {"s-NSDP_TSDD-amount": "mười tỷ"})
    assert response.status_code == 400 and says(response, "Enter an amount|nhập số tiền")
    response = client.post(url, {"s-NSDP_TSDD-cut": "120"})
    assert response.status_code == 400
    response = client.post(url, {"s-NSDP_TSDD-amount": "5", "s-NSDP_TSDD-cut": "5"})
    assert response.status_code == 400 and says(response, "not both|cả hai")
    assert response.status_code == 400
    assert sorted(draft.budgets.values_list("source__code", "available")) == before
    with pytest.raises(ValidationError, match="XYZ"):
        services.set_budgets(draft, actor=specialist, amounts={"XYZ": 5})
    with pytest.raises(ValidationError):
        services.set_budgets(draft, actor=specialist, amounts={"NSDP_TSDD": -5})

    item = draft.items.get(project__code="HD-DTC-01")
    lines = amounts(draft)
    response = client.post(reverse("plans:item", args=[item.pk]), {"amount_NSDP_TSDD": "1.000", "reason": ""})
    assert response.status_code == 400 and says(response, "required|bắt buộc")
    response = client.post(reverse("plans:item", args=[item.pk]), {"amount_NSDP_TSDD": "-1", "reason": "x"})
    assert response.status_code == 400
    assert amounts(draft) == lines

    response = client.post(
        reverse("plans:approve", args=[draft.pk]), {"number": "", "day": "01/06/2025", "body": "provincial_council"}
    )
    assert response.status_code == 400 and says(response, "required|bắt buộc")
    response = client.post(
        reverse("plans:approve", args=[draft.pk]), {"number": "1/NQ", "day": "01/06/2030", "body": "provincial_council"}
    )
    assert response.status_code == 400 and says(response, "future|tương lai")
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_a_discarded_draft_changes_no_more_and_the_plan_keeps_its_version(draft, specialist, annual, login):
    response = login(specialist).post(reverse("plans:discard", args=[draft.pk]), {"reason": "Làm lại"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == "discarded" and "Làm lại" in draft.history.latest().history_change_reason
    assert annual.current_version().number == 1
    with pytest.raises(ValidationError):
        services.run_allocation(draft, actor=specialist)


def test_a_draft_based_on_a_superseded_version_cannot_be_approved(annual, specialist):
    first = services.start_draft(annual, actor=specialist)
    second = services.start_draft(annual, actor=specialist)
    services.approve_draft(first, actor=specialist, number="1/NQ", day=date(2025, 6, 1), body="provincial_council")
    with pytest.raises(ValidationError, match="no longer in force|không còn hiệu lực"):
        services.approve_draft(second, actor=specialist, number="2/NQ", day=date(2025, 6, 2), body="provincial_council")


def test_the_project_table_filters_by_source_tier_owner_commune_and_search(annual, agency_y, specialist, login):
    client = login(specialist)
    url = reverse("plans:plan", args=[annual.pk])
    htmx = {"HX-Request": "true"}

    def codes(**query):
        page = client.get(url, query, headers=htmx)
        assert page.status_code == 200
        return set(re.findall(r"HD-DTC-0\d", page.content.decode()))

    assert codes() == {"HD-DTC-01", "HD-DTC-02", "HD-DTC-03", "HD-DTC-04"}
    assert codes(source="NSDP_CD") == {"HD-DTC-02", "HD-DTC-03", "HD-DTC-04"}
    assert codes(tier="new") == {"HD-DTC-03"}
    assert codes(agency=str(agency_y.pk)) == {"HD-DTC-02", "HD-DTC-04"}
    assert codes(q="KE SONG THAI BINH") == {"HD-DTC-04"}


# Efficiency ---------------------------------------------------------------------------------------------------------


def _add_projects(version, agency, commune, sources, n):
    """n more projects on balanced capital, each with a line, to see that no page or run reads them one by one."""
    cd = sources["CD"]
    start = version.items.count()
    for i in range(n):
        project = _project(f"HD-DTC-{100 + start + i}", f"Dự án bổ sung {i}", agency, commune, "C", first_year=2024)
        item = PlanItem.objects.create(
            version=version, project=project, tier="transitional_on_schedule", need=BN, eligible_sources=["NSDP_CD"]
        )
        PlanLine.objects.create(version=version, item=item, source=cd, amount=BN)


def _queries(callable_):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured)


def test_the_version_page_and_a_run_read_each_table_once_whatever_the_size(
    annual, specialist, agency_x, commune, sources, login
):
    client = login(specialist)
    draft = services.start_draft(annual, actor=specialist)

    def page():
        assert client.get(reverse("plans:version", args=[draft.pk])).status_code == 200

    def run():
        services.run_allocation(draft, actor=specialist)

    _add_projects(draft, agency_x, commune, sources, 20)
    run()
    page()  # the installation's name is read once per process (context processor cache)
    small = _queries(page), _queries(run)
    _add_projects(draft, agency_x, commune, sources, 40)
    run()  # the first run after adding writes their explanations; the next ones only compare
    large = _queries(page), _queries(run)
    assert large == small


def test_setting_lines_by_hand_with_htmx_swaps_the_lines_and_tells_the_page(draft, specialist, login):
    client = login(specialist)
    p1 = draft.items.get(project__code="HD-DTC-01")
    url = reverse("plans:item", args=[p1.pk])
    response = client.post(url, {"amount_NSDP_TSDD": "60 tỷ", "reason": "Theo chỉ đạo"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and response["HX-Trigger"] == "plans-changed"
    assert says(response, 'id="lines"') and says(response, "OVER_NEED") and not says(response, "<html")
    response = client.post(url, {"amount_NSDP_TSDD": "60 tỷ", "reason": ""}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "HX-Trigger" not in response and says(response, "required|bắt buộc")
    checks = client.get(reverse("plans:checks", args=[draft.pk]), headers={"HX-Request": "true"})
    assert says(checks, "OVER_NEED")


def test_the_admin_lists_sources_plans_and_versions_read_mostly(annual, admin_user, login):
    client = login(admin_user)
    for model in ("source", "plan", "planversion"):
        assert client.get(reverse(f"admin:plans_{model}_changelist")).status_code == 200, model
    version = annual.current_version()
    assert client.get(reverse("admin:plans_planversion_change", args=[version.pk])).status_code == 200
    assert client.get(reverse("admin:plans_planversion_history", args=[version.pk])).status_code == 200
    assert client.get(reverse("admin:plans_planversion_add")).status_code == 403


@pytest.fixture
def back_to_vietnamese(settings):
    """A request in another language leaves it active in the thread: later tests read names in Vietnamese."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_plan_pages_render_in_every_language(draft, specialist, login, language, settings, back_to_vietnamese):
    client = login(specialist)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    item = draft.items.first()
    for url in (
        reverse("plans:list"),
        reverse("plans:plan", args=[draft.plan_id]),
        reverse("plans:version", args=[draft.pk]),
        reverse("plans:budgets", args=[draft.pk]),
        reverse("plans:approve", args=[draft.pk]),
        reverse("plans:compare", args=[draft.pk]),
        reverse("plans:item", args=[item.pk]),
    ):
        assert client.get(url).status_code == 200, url


# Lines follow the approved plan where the law leaves the choice ----------------------------------------------------

amount_st = st.integers(min_value=0, max_value=50)


@given_h(
    solver=st.dictionaries(st.tuples(st.integers(1, 4), st.sampled_from([1, 2, 3])), amount_st, max_size=12),
    previous=st.dictionaries(st.tuples(st.integers(1, 4), st.sampled_from([1, 2, 3])), amount_st, max_size=12),
    leftover=st.dictionaries(st.sampled_from([1, 2, 3]), amount_st),
)
def test_following_the_approved_lines_keeps_every_total_and_spends_no_more_than_there_is(solver, previous, leftover):
    pool = (1, 2, 3)
    items = sorted({i for i, _s in solver} | {1})
    amounts = {key: a for key, a in solver.items() if key[0] in items}
    before_left = dict(leftover)
    result = facts.follow_previous(amounts, {pool: items}, previous, leftover)
    for i in items:
        assert sum(a for (j, _s), a in result.items() if j == i) == sum(a for (j, _s), a in amounts.items() if j == i)
    for s in pool:
        used, had = (
            sum(a for (_i, t), a in result.items() if t == s),
            sum(a for (_i, t), a in amounts.items() if t == s),
        )
        assert used + leftover.get(s, 0) == had + before_left.get(s, 0) and leftover.get(s, 0) >= 0
    assert all(a > 0 for a in result.values())


def test_a_project_keeps_its_source_when_another_would_do_as_well(draft, specialist):
    """P2 (balanced capital or land-use revenue) had 50 bn of land-use revenue: after a 30% cut the solver may take
    it from either source; the run keeps it on land-use revenue as far as that capital allows."""
    services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(30))
    services.run_allocation(draft, actor=specialist)
    lines = amounts(draft)
    assert lines[("HD-DTC-01", "NSDP_TSDD")] == 40 * BN
    assert lines[("HD-DTC-02", "NSDP_TSDD")] == 30 * BN and lines[("HD-DTC-02", "NSDP_CD")] == 20 * BN


@pytest.mark.parametrize("p4_sources", [["NSDP_CD"], ["NSDP_TSDD", "NSDP_CD"]])
def test_cutting_one_source_leaves_the_lines_on_the_others_as_they_were(draft, specialist, p4_sources):
    """Land-use revenue cut 30%, cuts only: P4 (balanced capital, or either source) keeps its 20 bn of balanced
    capital, P1 its 40 bn of land-use revenue; P2 keeps what land-use revenue has left and takes the rest from
    balanced capital; only the new project P3, which no longer fits, loses its lines."""
    PlanItem.objects.filter(version=draft, project__code="HD-DTC-04").update(eligible_sources=p4_sources)
    approved = amounts(draft.based_on)
    services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(30))
    services.run_allocation(draft, actor=specialist, cuts_only=True)
    lines = amounts(draft)
    assert lines == {
        ("HD-DTC-01", "NSDP_TSDD"): 40 * BN,
        ("HD-DTC-02", "NSDP_TSDD"): 30 * BN,
        ("HD-DTC-02", "NSDP_CD"): 20 * BN,
        ("HD-DTC-04", "NSDP_CD"): 20 * BN,
    }
    unchanged = {key for key, amount in approved.items() if lines.get(key) == amount}
    assert unchanged == {("HD-DTC-01", "NSDP_TSDD"), ("HD-DTC-04", "NSDP_CD")}


def test_the_solver_is_given_the_approved_lines_by_source_code_without_the_pinned_ones(draft, specialist):
    line = PlanLine.objects.get(version=draft, item__project__code="HD-DTC-03", source__code="NSDP_CD")
    line.manual = True
    line.save()
    problem = facts.allocation_problem(draft)
    previous = {p.code: dict(p.previous) for p in problem.projects}
    assert previous["HD-DTC-02"] == {"NSDP_TSDD": 50 * BN}
    assert previous["HD-DTC-03"] == {"NSDP_TSDD": 10 * BN}  # its balanced capital is set by hand
    assert previous["HD-DTC-04"] == {"NSDP_CD": 20 * BN}


def test_a_new_draft_starts_with_every_line_open_to_the_allocation(annual, specialist):
    PlanLine.objects.filter(version=annual.current_version()).update(manual=True)
    draft = services.start_draft(annual, actor=specialist)
    assert amounts(draft) == amounts(annual.current_version())
    assert not draft.lines.filter(manual=True).exists()


# The command line ------------------------------------------------------------------------------------------------


def run_cli(capsys, *args):
    capsys.readouterr()
    call_command("plan", *args, "--json")
    return json.loads(capsys.readouterr().out)


def refused(match, *args):
    with pytest.raises(CommandError, match=match) as caught:
        call_command("plan", *args)
    return str(caught.value)


def test_the_whole_adjustment_from_the_command_line(capsys, annual, specialist, installation, tmp_path):
    plans = run_cli(capsys, "list", "--as", "specialist")
    assert [p["title"] for p in plans] == ["Kế hoạch trung hạn 2021-2025", "Kế hoạch đầu tư công năm 2025"]
    assert plans[1]["total"] == 140 * BN and plans[1]["in_force"]["number"] == 1

    draft = run_cli(capsys, "adjust", str(annual.pk), "--title", "Điều chỉnh giữa năm 2025", "--as", "specialist")
    assert draft["state"] == "draft" and draft["title"] == "Điều chỉnh giữa năm 2025"
    pk = str(draft["id"])
    budget = run_cli(capsys, "budget", pk, "--source", "NSDP_TSDD", "--cut", "30", "--as", "specialist")
    assert budget["available"] == 70 * BN
    budget = run_cli(capsys, "budget", pk, "--source", "NSDP_CD", "--amount", "60.000.000.000", "--as", "specialist")
    assert budget["available"] == 60 * BN

    result = run_cli(capsys, "run", pk, "--as", "specialist")
    assert result["projects"] == 4 and result["unallocated"]["NSDP_TSDD"] == 0
    version = PlanVersion.objects.get(pk=pk)
    assert given(version, "HD-DTC-03") == 0 and given(version, "HD-DTC-01") == 40 * BN

    line = run_cli(capsys, "set-line", pk, "--project", "HD-DTC-03", "--source", "NSDP_CD", "--amount", "30 tỷ",
               "--reason", "Kết luận số 12/TB-UBND", "--as", "specialist")  # fmt: skip
    expected = {"version": int(pk), "project": "HD-DTC-03", "source": "NSDP_CD", "amount": 30 * BN, "manual": True}
    assert line == expected | {"row_version": 1}
    run_cli(capsys, "run", pk, "--as", "specialist")
    assert amounts(version)[("HD-DTC-03", "NSDP_CD")] == 30 * BN

    shown = run_cli(capsys, "show", pk, "--as", "specialist")
    assert shown["projects"] == 4 and {b["source"] for b in shown["budgets"]} == {"NSDP_TSDD", "NSDP_CD"}
    checks = run_cli(capsys, "check", pk, "--as", "specialist")
    assert checks["decider"]["body"] == "provincial_council"
    compared = run_cli(capsys, "compare", pk, "--as", "specialist")
    assert compared["totals"]["before"] == 140 * BN and compared["totals"]["after"] == sum(amounts(version).values())
    p3 = {r["source"]: (r["before"], r["after"], r["kind"]) for r in compared["lines"] if r["project"] == "HD-DTC-03"}
    assert p3 == {"NSDP_TSDD": (10 * BN, 0, "removed"), "NSDP_CD": (20 * BN, 30 * BN, "increase")}

    approved = run_cli(capsys, "approve", pk, "--number", "45/NQ-HĐND", "--date", "12/06/2025", "--body",
                   "provincial_council", "--as", "specialist")  # fmt: skip
    assert approved["state"] == "approved"
    assert PlanVersion.objects.get(pk=draft["id"]).based_on.state == "superseded"

    out = tmp_path / "phu-luc.xlsx"
    assert run_cli(capsys, "export", pk, "--xlsx", str(out), "--as", "specialist")["rows"] >= 4
    assert CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    pdf = tmp_path / "phu-luc.pdf"
    run_cli(capsys, "export", pk, "--pdf", str(pdf), "--as", "specialist")
    assert pdf.read_bytes().startswith(b"%PDF")
    # every change carries its author and a reason
    rows = PlanLine.history.filter(version_id=int(pk))
    assert rows.exists() and all(r.history_user_id == specialist.pk and r.history_change_reason for r in rows)


def test_the_command_line_refuses_in_vietnamese_and_changes_nothing(annual, specialist, leader, officer_x, investor_a):
    draft = services.start_draft(annual, actor=specialist)
    pk = str(draft.pk)
    before = amounts(draft), list(draft.budgets.values_list("available", flat=True))
    refused("không hợp lệ '-5'", "budget", pk, "--source", "NSDP_TSDD", "--amount", "-5", "--as", "specialist")
    refused("không hợp lệ 'nhiều'", "budget", pk, "--source", "NSDP_TSDD", "--amount", "nhiều", "--as", "specialist")
    refused("không có nguồn vốn mã 'XYZ'", "budget", pk, "--source", "XYZ", "--amount", "5", "--as", "specialist")
    refused("--cut", "budget", pk, "--source", "NSDP_TSDD", "--cut", "130", "--as", "specialist")
    refused("--reason", "set-line", pk, "--project", "HD-DTC-01", "--source", "NSDP_TSDD", "--amount", "1", "--as",
            "specialist")  # fmt: skip
    refused("không có trong phiên bản", "set-line", pk, "--project", "HD-X", "--source", "NSDP_TSDD", "--amount", "1",
            "--reason", "x", "--as", "specialist")  # fmt: skip
    refused("--number", "approve", pk, "--date", "12/06/2025", "--body", "provincial_council", "--as", "specialist")
    refused("--body", "approve", pk, "--number", "1/NQ", "--date", "12/06/2025", "--body", "king", "--as",
            "specialist")  # fmt: skip
    refused("Ngày không hợp lệ", "approve", pk, "--number", "1/NQ", "--date", "32/13/2025", "--as", "specialist")
    refused("Không có quyền lập dự thảo", "adjust", str(annual.pk), "--as", "leader")
    refused("Không có quyền chạy phân bổ", "run", pk, "--as", "officer_x")
    refused("Không tìm thấy phiên bản kế hoạch", "show", pk, "--as", "investor_a")
    refused("Không có quyền xem kết quả kiểm tra", "check", pk, "--as", "officer_x")
    refused("Không tìm thấy phiên bản kế hoạch #999", "show", "999", "--as", "specialist")
    after = amounts(draft), list(draft.budgets.values_list("available", flat=True))
    assert after == before
    services.approve_draft(draft, actor=specialist, number="2/NQ", day=date(2025, 6, 1), body="provincial_council")
    refused("Only a draft|Chỉ dự thảo|chỉ", "budget", pk, "--source", "NSDP_TSDD", "--cut", "10", "--as", "specialist")


def test_an_officer_sees_its_agency_projects_only(capsys, annual, officer_x):
    version = annual.current_version()
    shown = run_cli(capsys, "show", str(version.pk), "--as", "officer_x")
    assert {i["project"] for i in shown["items"]} == {"HD-DTC-01", "HD-DTC-03"}
    assert "budgets" not in shown
    assert run_cli(capsys, "list", "--as", "officer_x")[1]["total"] is None


def test_cut_by_percent_is_exact_to_the_dong(annual, specialist):
    draft = services.start_draft(annual, actor=specialist)
    services.set_budgets(draft, actor=specialist, amounts={"NSDP_TSDD": 1_000_000_001})
    services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal("12.5"))
    assert draft.budgets.get(source__code="NSDP_TSDD").available == 875_000_001


def _specialist_named(name: str, username: str):
    from conftest import _user

    user = _user(username, Role.SPECIALIST)
    user.full_name = name
    user.save()
    return user


def test_a_stale_plan_line_save_changes_nothing_and_says_who_changed_it(draft, specialist):
    from django.test import Client

    services.run_allocation(draft, actor=specialist)
    item = draft.items.get(project__code="HD-DTC-02")
    first, second = Client(), Client()
    first.force_login(_specialist_named("Nguyễn Văn A", "nguyenvana"))
    second.force_login(specialist)
    url = reverse("plans:item", args=[item.pk])
    read_first, read_second = first.get(url), second.get(url)
    hidden = {f.html_name: f.value() for f in read_second.context["form"].hidden_fields()}
    assert hidden and all(v is not None for v in hidden.values())
    fields_first = {f.html_name: f.value() for f in read_first.context["form"].hidden_fields()}
    saved = first.post(url, fields_first | {"amount_NSDP_TSDD": "11.000.000.000", "reason": "Theo A"})
    assert saved.status_code == 302
    stale_htmx = second.post(
        url, hidden | {"amount_NSDP_TSDD": "22.000.000.000", "reason": "Theo B"}, headers={"HX-Request": "true"}
    )
    assert stale_htmx.status_code == 200 and says(stale_htmx, "Nguyễn Văn A") and "HX-Trigger" not in stale_htmx
    assert 'value="22.000.000.000"' in stale_htmx.content.decode()  # the entries stay to re-apply
    stale = second.post(url, hidden | {"amount_NSDP_TSDD": "22.000.000.000", "reason": "Theo B"})
    assert stale.status_code == 400 and says(stale, "Nguyễn Văn A")
    assert PlanLine.objects.get(item=item, source__code="NSDP_TSDD").amount == 11 * BN
    again = second.post(url, {f.html_name: f.value() for f in stale.context["form"].hidden_fields()}
                        | {"amount_NSDP_TSDD": "22.000.000.000", "reason": "Theo B"})  # fmt: skip
    assert again.status_code == 302
    assert PlanLine.objects.get(item=item, source__code="NSDP_TSDD").amount == 22 * BN


def test_a_stale_budget_save_changes_nothing(draft, specialist):
    from django.test import Client

    first, second = Client(), Client()
    first.force_login(_specialist_named("Nguyễn Văn A", "nguyenvana"))
    second.force_login(specialist)
    url = reverse("plans:budgets", args=[draft.pk])
    first.get(url), second.get(url)
    read = draft.budgets.get(source__code="NSDP_CD").row_version
    saved = first.post(url, {"s-NSDP_CD-amount": "61.000.000.000", "s-NSDP_CD-version": read, "reason": "A"})
    assert saved.status_code == 302
    stale = second.post(url, {"s-NSDP_CD-amount": "62.000.000.000", "s-NSDP_CD-version": read, "reason": "B"})
    assert stale.status_code == 400 and says(stale, "Nguyễn Văn A")
    assert draft.budgets.get(source__code="NSDP_CD").available == 61 * BN
    with pytest.raises(ValidationError):
        services.set_budgets(draft, actor=specialist, amounts={"NSDP_CD": 63 * BN}, expected_versions={"NSDP_CD": read})
    services.set_budgets(draft, actor=specialist, amounts={"NSDP_CD": 63 * BN}, expected_versions={"NSDP_CD": read + 1})
    assert draft.budgets.get(source__code="NSDP_CD").available == 63 * BN


def test_plan_pages_render_a_project_without_agency_or_commune(annual, specialist, leader, admin_user, login):
    """A project whose agency was emptied (the bug of issue 11) must not take the plan pages down."""
    Project.objects.filter(code="HD-DTC-03").update(agency=None, commune=None)
    version = annual.current_version()
    item = version.items.get(project__code="HD-DTC-03")
    for user in (specialist, leader, admin_user):
        client = login(user)
        for url in (
            reverse("plans:plan", args=[annual.pk]),
            reverse("plans:version", args=[version.pk]),
            reverse("plans:item", args=[item.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 200, (user.username, url)
        assert says(client.get(reverse("plans:plan", args=[annual.pk])), "HD-DTC-03")


def test_set_line_from_the_command_line_refuses_a_stale_expected_version(draft, specialist, capsys):
    services.run_allocation(draft, actor=specialist)
    line = PlanLine.objects.filter(version=draft, item__project__code="HD-DTC-02", source__code="NSDP_TSDD").get()
    args = ["set-line", str(draft.pk), "--project", "HD-DTC-02", "--source", "NSDP_TSDD", "--reason", "KL 12"]
    first = run_cli(capsys, *args, "--amount", "12 tỷ", "--expect-version", str(line.row_version), "--as", "specialist")
    assert first["row_version"] == line.row_version + 1
    with pytest.raises(CommandError, match="thay đổi"):
        call_command(
            "plan", *args, "--amount", "13 tỷ", "--expect-version", str(line.row_version), "--as", "specialist"
        )
    assert PlanLine.objects.get(pk=line.pk).amount == 12 * BN
