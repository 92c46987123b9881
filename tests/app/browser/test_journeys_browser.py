"""The first hour's journeys in a real browser, at 1440 px and at 390 px, with the language switch on every page.

Pages are reached by their URL or by the buttons of their forms (found by the form's action, never by a label that
may be reworded), as a user with a bookmark would at 390 px where the main menu is collapsed. The checks read the
database for what a journey wrote, and the page for what the user must see (the Vietnamese messages).
"""

from datetime import date

import pytest
import xlsxwriter
from django.utils import timezone

from tests.app.conftest import PASSWORD
from tiendo.directives.models import Directive, ProgressUpdate, Task
from tiendo.jobs.models import Job
from tiendo.plans.models import Plan, PlanItem, PlanLine, PlanVersion, ProjectFunding, Source, SourceBudget
from tiendo.projects.models import ImportJob, Milestone, Project, Sector
from tiendo.projects.workbook.columns import MILESTONES, PROJECTS, REPORTS
from tiendo.reviews.models import ReviewItem, ReviewRound

BN = 1_000_000_000


# 1. Login and the language switch -----------------------------------------------------------------------------------


def test_login_and_languages(browser, installation, specialist):
    browser.step("login-page")
    browser.go("/")
    assert browser.finds("body.portal"), "an anonymous visitor at the root gets the public portal"
    browser.navigate_by(browser.find("footer a[href='/login/']"))  # its staff sign-in link
    assert browser.path == "/login/"
    browser.languages("Log in")

    browser.step("wrong-password")
    browser.fill("#id_username", "specialist")
    browser.fill("#id_password", "not-the-password")
    browser.submit("form:has(#id_password)")
    assert browser.path == "/login/" and browser.finds(".message.error")
    refusal = browser.find(".message.error").text
    assert "mật khẩu" in refusal and "password" not in refusal, refusal  # said in Vietnamese

    browser.step("login")
    browser.fill("#id_username", "specialist")
    browser.fill("#id_password", PASSWORD)
    browser.submit("form:has(#id_password)")
    assert browser.path == "/" and browser.finds("form[action='/logout/']")
    browser.step("home-languages")
    browser.languages()


# 2. Import a workbook with an error, fix it ---------------------------------------------------------------------

P_HEAD = ["STT", "Mã dự án", "Tên dự án", "Loại dự án", "Tình trạng", "Nhóm dự án", "Ngành, lĩnh vực", "Xã, phường",
          "Mã số thuế nhà đầu tư", "Tên nhà đầu tư", "Cơ quan phụ trách", "Tổng vốn đầu tư (tỷ đồng)",
          "Ngày quyết định chủ trương đầu tư"]  # fmt: skip
M_HEAD = ["Mã dự án", "Loại mốc", "Hạn ban đầu", "Hạn hiện tại", "Ngày hoàn thành", "Số hộ bị ảnh hưởng"]
R_HEAD = ["Mã dự án", "Kỳ báo cáo đến ngày", "Tiến độ thực hiện (%)", "Vốn đã giải ngân lũy kế (triệu đồng)",
          "Khó khăn, vướng mắc, kiến nghị"]  # fmt: skip


def _workbook(path, kind_of_second: str) -> str:
    rows = [
        [1, "DA-01", "Đường trục xã Thái Tân", "Đầu tư công", "Đang thực hiện", "Nhóm B", "CN", "Thái Tân", "", "",
         "HD-SKHDT", "120,5", "01/03/2021"],
        [2, "DA-02", "Nhà máy linh kiện Hoshino", kind_of_second, "", "", "CN", "HD-X1", "0800000001", "",
         "HD-SKHDT", "2300", "12/04/2022"],
    ]  # fmt: skip
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    for name, head, body in ((PROJECTS, P_HEAD, rows), (MILESTONES, M_HEAD, []), (REPORTS, R_HEAD, [])):
        sheet = book.add_worksheet(name)
        for r, row in enumerate([head, *body]):
            for c, value in enumerate(row):
                if value != "":
                    sheet.write_string(r, c, str(value))
    book.close()
    return str(path)


def _upload(browser, path: str) -> None:
    browser.go("/projects/import/")
    browser.languages()
    browser.find("form[enctype='multipart/form-data'] input[type=file][name=file]").send_keys(path)
    browser.submit("form[enctype='multipart/form-data']")
    assert browser.path.startswith("/projects/import/") and browser.path != "/projects/import/"
    browser.wait_for("#import-status .badge")
    browser.wait_until(lambda: not browser.finds("#import-status progress"), "the import never finished")


def test_import_with_an_error_then_fixed(browser, installation, specialist, commune, enterprise_a, tmp_path):
    Sector.objects.create(code="CN", name="Công nghiệp chế biến")
    browser.step("login")
    browser.login("specialist", PASSWORD)

    browser.step("upload-with-error")
    _upload(browser, _workbook(tmp_path / "du-an.xlsx", "PPP"))
    job = ImportJob.objects.get()
    assert job.status == "rejected" and job.result["refused"]
    errors = browser.find("#import-status table:last-of-type").text
    assert "Giá trị không hợp lệ: 'PPP'" in errors, errors
    assert "3" in errors.split("Giá trị không hợp lệ")[0], "the error names the spreadsheet row (row 3)"
    assert not Project.objects.exists(), "a rejected file writes nothing"
    browser.step("status-languages")
    browser.languages()

    browser.step("upload-fixed")
    _upload(browser, _workbook(tmp_path / "du-an-da-sua.xlsx", "FDI"))
    assert ImportJob.objects.latest("pk").status == "done"
    assert set(Project.objects.values_list("code", flat=True)) == {"DA-01", "DA-02"}

    browser.step("project-list")
    browser.go("/projects/?q=DA-0")
    browser.languages()
    assert "DA-01" in browser.text and "DA-02" in browser.text


# 3. Scan, review round, leader's decision, the officer's follow-up ---------------------------------------------


@pytest.fixture
def late_projects(project_a, project_x):
    """The review tests' two late projects (an FDI plant of agency Y, a public road of agency X), late since 2023."""
    Project.objects.filter(pk=project_a.pk).update(policy_decision_date=date(2021, 3, 1))
    Milestone.objects.create(
        project=project_a, kind="construction_start", first_due=date(2021, 12, 31), current_due=date(2023, 3, 15)
    )
    Milestone.objects.create(
        project=project_x, kind="construction_start", first_due=date(2022, 3, 15), current_due=date(2023, 3, 15)
    )
    return project_a, project_x


def test_scan_review_decision_and_follow_up(browser, installation, late_projects, specialist, leader, officer_y):
    plant, _road = late_projects
    browser.step("specialist-login")
    browser.login("specialist", PASSWORD)

    browser.step("scan")
    browser.go("/reviews/")
    browser.languages()
    browser.submit("form[action='/reviews/scan/']")
    assert browser.path.startswith("/jobs/")
    browser.wait_until(lambda: Job.objects.get().finished, "the scan job never finished")
    assert Job.objects.get().status == Job.Status.DONE
    browser.go(browser.path)
    browser.languages()

    browser.step("behind-schedule-list")
    browser.go("/projects/?behind=any")
    browser.languages()
    assert plant.code in browser.text

    browser.step("open-round")
    browser.go("/reviews/new/")
    browser.languages()
    browser.fill("#id_title", "Rà soát dự án chậm tiến độ")
    browser.submit("form:has(#id_title)")
    review = ReviewRound.objects.get()
    assert browser.path == f"/reviews/{review.pk}/"
    browser.languages()

    browser.step("confirm-item")
    item = ReviewItem.objects.get(round=review, project=plant)
    row = f"#item-{item.pk}"
    browser.click(browser.find(f"{row} form.inline button[type=submit]"))  # htmx swaps the row in place
    browser.wait_for(f"{row}.review-confirmed")
    assert ReviewItem.objects.get(pk=item.pk).confirmed

    browser.step("submit-round")
    browser.submit(f"form[action='/reviews/{review.pk}/submit/']")
    assert ReviewRound.objects.get().state == ReviewRound.State.SUBMITTED

    browser.step("leader-decides")
    browser.login("leader", PASSWORD)
    browser.go(f"/reviews/{review.pk}/")
    browser.languages()
    browser.navigate_by(browser.find(f"{row} a[href$='#decision']"))
    assert browser.path == f"/reviews/items/{item.pk}/"
    browser.languages()
    assert browser.find("input[name=decision][value=agreed]").is_selected()
    title = browser.find("#id_task-0-title").get_attribute("value")
    assert title, "one follow-up task is proposed"
    browser.choose("#id_task-0-agency", "HD-STC")
    browser.submit(f"form[action='/reviews/items/{item.pk}/decide/']")
    item.refresh_from_db()
    assert item.decision == "agreed" and item.decided_by == leader
    task = Task.objects.get(project=plant)
    assert task.lead_agency.code == "HD-STC" and task.deadline > timezone.localdate()

    browser.step("officer-sees-task")
    browser.login("officer_y", PASSWORD)
    browser.go("/tasks/mine/")
    browser.languages()
    link = browser.find(f"a[href='/tasks/{task.pk}/']")
    browser.navigate_by(link)
    browser.languages()

    browser.step("officer-reports")
    browser.fill(f"form[action='/tasks/{task.pk}/progress/'] textarea[name=text]", "Đã gửi văn bản đôn đốc nhà đầu tư")
    browser.fill(f"form[action='/tasks/{task.pk}/progress/'] input[name=percent]", "40")
    browser.submit(f"form[action='/tasks/{task.pk}/progress/']")
    update = ProgressUpdate.objects.get(task=task)
    assert update.percent == 40 and update.author == officer_y
    assert browser.path == f"/tasks/{task.pk}/" and "Đã gửi văn bản đôn đốc nhà đầu tư" in browser.text


# 4. Plan cut, run, compare, approve ------------------------------------------------------------------------------


def _plan_project(code, name, agency, commune, group, first_year):
    project = Project.objects.create(
        code=code, name=name, kind="public", group=group, status="implementing", agency=agency, commune=commune,
        total_investment=100 * BN, policy_decision_number="12/NQ-HĐND", policy_decision_date=date(2021, 3, 1),
    )  # fmt: skip
    ProjectFunding.objects.create(
        project=project, investment_decision_number=f"{code[-2:]}/QĐ-UBND",
        investment_decision_date=date(2021, 6, 1), first_allocation_year=first_year,
    )  # fmt: skip
    return project


@pytest.fixture
def annual_plan(agency_x, agency_y, commune):
    """This year's plan in force under its 5-year plan: land-use revenue 100 bn (all given), balanced capital 60 bn
    (40 given); the test plans' four projects (tiers from finishing to new)."""
    year = timezone.localdate().year
    local = Source.objects.create(code="NSDP", name="Ngân sách địa phương", level="local", order=1)
    sources = {
        "NSDP_CD": Source.objects.create(code="NSDP_CD", name="Vốn cân đối theo tiêu chí", parent=local,
                                         level="local", order=2),
        "NSDP_TSDD": Source.objects.create(code="NSDP_TSDD", name="Thu tiền sử dụng đất", parent=local,
                                           level="local", order=3),
    }  # fmt: skip
    items = {
        ("HD-DTC-01", "Đường trục Bắc - Nam xã Thái Tân", agency_x, "B", year - 3):
            ("transitional_finishing", 40 * BN, ["NSDP_TSDD"], {"NSDP_TSDD": 40 * BN}),
        ("HD-DTC-02", "Trường tiểu học Thái Tân", agency_y, "C", year - 1):
            ("transitional_on_schedule", 50 * BN, ["NSDP_TSDD", "NSDP_CD"], {"NSDP_TSDD": 50 * BN}),
        ("HD-DTC-03", "Nhà văn hóa xã Thái Tân", agency_x, "C", None):
            ("new", 30 * BN, ["NSDP_TSDD", "NSDP_CD"], {"NSDP_TSDD": 10 * BN, "NSDP_CD": 20 * BN}),
        ("HD-DTC-04", "Kè sông Thái Bình đoạn Thái Tân", agency_y, "C", year - 1):
            ("transitional_on_schedule", 20 * BN, ["NSDP_CD"], {"NSDP_CD": 20 * BN}),
    }  # fmt: skip
    projects = {key: _plan_project(*key[:2], key[2], commune, key[3], key[4]) for key in items}
    medium = Plan.objects.create(kind="medium_term", first_year=year, last_year=year + 4,
                                 title=f"Kế hoạch trung hạn {year}-{year + 4}")  # fmt: skip
    plan = Plan.objects.create(kind="annual", first_year=year, last_year=year, medium_term=medium,
                               title=f"Kế hoạch đầu tư công năm {year}")  # fmt: skip
    for target, scale, budgets, decided in (
        (medium, 5, {"NSDP_TSDD": 500 * BN, "NSDP_CD": 300 * BN}, date(year - 1, 7, 20)),
        (plan, 1, {"NSDP_TSDD": 100 * BN, "NSDP_CD": 60 * BN}, date(year - 1, 12, 10)),
    ):
        version = PlanVersion.objects.create(
            plan=target, number=1, purpose="initial", state="approved", title=target.title,
            decision_number="01/NQ-HĐND", decision_date=decided, decision_body="provincial_council",
        )  # fmt: skip
        for code, amount in budgets.items():
            SourceBudget.objects.create(version=version, source=sources[code], available=amount)
        for key, (tier, need, eligible, lines) in items.items():
            item = PlanItem.objects.create(version=version, project=projects[key], tier=tier, need=scale * need,
                                           eligible_sources=eligible)  # fmt: skip
            for code, amount in lines.items():
                PlanLine.objects.create(version=version, item=item, source=sources[code], amount=scale * amount)
    return plan


def test_plan_cut_run_compare_approve(browser, installation, annual_plan, specialist):
    base = annual_plan.current_version()
    browser.step("login")
    browser.login("specialist", PASSWORD)

    browser.step("plan")
    browser.go(f"/plans/{annual_plan.pk}/")
    browser.languages()
    form = f"form[action='/plans/{annual_plan.pk}/adjust/']"
    browser.open_details(f"{form} button[type=submit]")
    browser.fill(f"{form} input[name=title]", "Điều chỉnh giữa năm")
    browser.submit(form)
    draft = PlanVersion.objects.get(plan=annual_plan, state="draft")
    assert browser.path == f"/plans/versions/{draft.pk}/"
    browser.languages()

    browser.step("cut")
    browser.go(f"/plans/versions/{draft.pk}/budgets/")
    browser.languages()
    browser.fill("input[name='s-NSDP_TSDD-cut']", "30")
    browser.fill("input[name=reason]", "Ước thu tiền sử dụng đất giảm 30%")
    browser.submit("form:has(input[name='s-NSDP_TSDD-cut'])")
    assert draft.budgets.get(source__code="NSDP_TSDD").available == 70 * BN

    browser.step("run")
    browser.go(f"/plans/versions/{draft.pk}/")
    browser.submit(f"form[action='/plans/versions/{draft.pk}/run/']")
    cut = PlanLine.objects.filter(version=draft, source__code="NSDP_TSDD").values_list("amount", flat=True)
    assert 0 < sum(cut) <= 70 * BN, "the run allocates the land-use revenue left after the cut, no more"
    assert browser.path == f"/plans/versions/{draft.pk}/"
    browser.languages()

    browser.step("compare")
    browser.go(f"/plans/versions/{draft.pk}/compare/")
    browser.languages()
    assert "HD-DTC-03" in browser.text, "the comparison lists the project the cut removed"

    browser.step("approve")
    browser.go(f"/plans/versions/{draft.pk}/approve/")
    browser.languages()
    browser.fill("input[name=number]", "45/NQ-HĐND")
    browser.fill("input[name=day]", timezone.localdate().strftime("%d/%m/%Y"))
    browser.choose("select[name=body]", "provincial_council")
    if browser.finds("[name=override]"):
        browser.fill("[name=override]", "Thu ngân sách giảm, Hội đồng nhân dân quyết định giữ nguyên")
    browser.submit("form:has(input[name=number])")
    draft.refresh_from_db()
    base.refresh_from_db()
    assert (draft.state, base.state) == ("approved", "superseded"), browser.text[:2000]
    assert browser.path == f"/plans/versions/{draft.pk}/"
    browser.languages()


# 5. Extraction -> accept -------------------------------------------------------------------------------------------

MEETING = """Sáng 21/2, các đồng chí Thường trực Tỉnh uỷ làm việc với Sở Kế hoạch và Đầu tư để nghe báo cáo kế hoạch \
triển khai nhiệm vụ công tác năm 2024.
Đồng chí Bí thư Tỉnh uỷ yêu cầu Sở Kế hoạch và Đầu tư xây dựng kế hoạch điều chỉnh đầu tư công trung hạn 2021-2025, \
kế hoạch điều chỉnh năm 2024 và giai đoạn tiếp theo phù hợp với tình hình thực tế.
Giao Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư cân đối nguồn vốn, báo cáo UBND tỉnh trước ngày 30/6/2024.
"""


def test_extraction_accepted_into_a_directive(browser, installation, specialist, agency_x, agency_y):
    browser.step("login")
    browser.login("specialist", PASSWORD)

    browser.step("paste")
    browser.go("/directives/extract/")
    browser.languages()
    browser.fill("textarea[name=text]", MEETING)
    browser.submit("form:has(textarea[name=text])")

    browser.step("proposals")
    proposals = browser.finds(".proposal[id^='p-']")
    assert len(proposals) == 2, browser.text[:2000]
    assert browser.finds("mark#s-0") and browser.finds("mark#s-1"), "each proposal's sentence is highlighted"
    for box in browser.finds("input[type=checkbox][name$='-include']"):
        if not box.is_selected():
            browser.click(box)
    browser.fill("input[name='directive-title']", "Làm việc với Sở Kế hoạch và Đầu tư")
    browser.submit("form:has(input[name=step][value=accept])")

    browser.step("directive")
    directive = Directive.objects.get(title="Làm việc với Sở Kế hoạch và Đầu tư")
    assert browser.path == f"/directives/{directive.pk}/"
    assert directive.issued_on == date(2024, 2, 21)
    finance = directive.tasks.get(lead_agency=agency_y)
    assert finance.deadline == date(2024, 6, 30)
    assert directive.tasks.count() == 2 and finance.title in browser.text
    browser.languages()
