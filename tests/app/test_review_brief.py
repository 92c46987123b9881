"""The leaders' brief: a short summary and a dense annex, the registered schedule on every row, no unverified
citation marker in the official version, the job's steps, and who may produce the official brief and the draft."""

import io
import json
import math
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from tiendo.domain.schedule_rules.laws import TO_VERIFY
from tiendo.jobs.models import Job
from tiendo.jobs.queue import Report
from tiendo.projects.models import Milestone, Project
from tiendo.reviews import brief, exports, jobs, services
from tiendo.reviews.models import ReviewItem

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
AS_OF = date(2026, 6, 1)  # after 01/03/2026: the Law on Investment 2025, whose text and decree tiendo has not read


def on(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, 0, tzinfo=HCM), tick=False)


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def late_business(project_a):
    """FDI: construction start due 31/12/2021, extended to 15/03/2023, not done; no report ever sent."""
    Project.objects.filter(pk=project_a.pk).update(policy_decision_date=date(2021, 3, 1))
    Milestone.objects.create(
        project=project_a, kind="construction_start", first_due=date(2021, 12, 31), current_due=date(2023, 3, 15)
    )
    return project_a


@pytest.fixture
def reports_only(enterprise_b, agency_y, commune):
    """A business project on schedule (completion registered for 31/12/2027, first registered 30/06/2027) that
    never reported: its findings name no milestone, the row shows its registered completion."""
    project = Project.objects.create(
        code="HD-2023-0005", name="Kho lạnh Thái Tân", kind="private", status="implementing", investor=enterprise_b,
        agency=agency_y, commune=commune, certificate_number="2121000555", certificate_date=date(2023, 1, 10),
    )  # fmt: skip
    Milestone.objects.create(
        project=project, kind="completion", first_due=date(2027, 6, 30), current_due=date(2027, 12, 31)
    )
    return project


@pytest.fixture
def review(installation, late_business, reports_only, project_x, specialist):
    with on(date(2026, 6, 5)):
        review = services.open_round(actor=specialist, title="Rà soát quý II/2026", as_of=AS_OF)
        services.confirm_items(review, actor=specialist)
    return review


def test_the_official_brief_prints_no_unverified_marker_and_the_draft_boxes_them(review):
    findings = [f for item in review.items.all() for f in item.findings]
    assert any("96/2026/NĐ-CP (chưa kiểm chứng)" in f["citation"] for f in findings)  # the engine's own words
    official = brief.brief_html(review, "vi")
    for marker in ("chưa kiểm chứng", "cần đối chiếu", TO_VERIFY, "Căn cứ cần kiểm tra trước khi trình"):
        assert marker not in official, marker
    assert "Nghị định 31/2021/NĐ-CP, Điều 102" in official  # the unverified rule named by its law and article
    draft = brief.brief_html(review, "vi", draft=True)
    assert "Căn cứ cần kiểm tra trước khi trình" in draft and "DỰ THẢO" in draft
    assert "Nghị định 31/2021/NĐ-CP, Điều 102 (cần đối chiếu" in draft and "96/2026/NĐ-CP (chưa kiểm chứng)" in draft


def test_every_row_shows_a_registered_schedule(review, late_business, reports_only, project_x):
    rows = {row.code: row for row in brief.brief_data(review, "vi", draft=False)["rows"]}
    assert rows["HD-2022-0002"].schedule == "Khởi công xây dựng: 31/12/2021 → 15/03/2023"  # the late milestone
    assert rows["HD-2023-0005"].schedule == "Hoàn thành dự án: 30/06/2027 → 31/12/2027"  # the registered end
    assert all(row.schedule for row in rows.values())
    with translation.override("en"):
        english = {row.code: row for row in brief.brief_data(review, "en", draft=False)["rows"]}
    assert english["HD-2023-0005"].schedule == "Completion: 30/06/2027 → 31/12/2027"
    workbook = {cells[1]: cells for _group, _n, cells in exports.review_rows(review)}
    assert workbook["HD-2023-0005"][4] == "Hoàn thành dự án: 30/06/2027 → 31/12/2027"


def test_the_summary_names_the_set_reviewed_the_counts_and_the_decisions_asked(review):
    data = brief.brief_data(review, "vi", draft=False)
    assert data["total"] == review.items.count() == 3 and data["awaiting_total"] == 3
    assert "“Đang thực hiện”" in data["reviewed_set"] and "“Tạm ngừng hoạt động”" in data["reviewed_set"]
    assert sum(h.projects for h in data["handlings"]) == 3
    assert [(h.first_row, h.last_row) for h in data["handlings"]][0][0] == 1
    assert data["behind"] == 2  # the FDI plant's construction start and the public road's completion
    assert sum(counts[0] for _name, counts in data["agencies"]) == 3 and data["others"] is None
    html = brief.brief_html(review, "vi")
    assert "Số dự án được rà soát tính đến ngày 01/06/2026: <strong>3</strong>" in html
    assert "Nội dung đề nghị lãnh đạo quyết định" in html and "HD-2022-0002" in html
    assert "1. Key figures" in brief.brief_html(review, "en")
    assert "主要数据" in brief.brief_html(review, "zh-hans")


def test_three_hundred_projects_fit_in_a_few_summary_pages_and_a_dense_annex(review, specialist, enterprise_b):
    template = ReviewItem.objects.get(round=review, project__code="HD-2022-0002")
    projects = Project.objects.bulk_create(
        Project(code=f"HD-2024-{n:04d}", name=f"Nhà máy sản xuất bao bì và linh kiện nhựa số {n} tại khu công nghiệp "
                "Đại An mở rộng, xã Thái Tân", kind="private", status="implementing", investor=enterprise_b,
                agency_id=template.project.agency_id, search_key=f"hd-2024-{n:04d}")
        for n in range(1, 298)
    )  # fmt: skip
    ReviewItem.objects.bulk_create(
        ReviewItem(round=review, project=project, findings=template.findings, days_behind=100 + n,
                   milestone=template.milestone, first_due=template.first_due, current_due=template.current_due,
                   proposal=template.proposal, rank=template.rank, proposal_text=template.proposal_text,
                   legal_ground=template.legal_ground, confirmed=True)
        for n, project in enumerate(projects)
    )  # fmt: skip
    progress: list[tuple[int, str, dict]] = []
    made = brief.make_brief(review, "vi", progress=lambda p, m=None, **a: progress.append((p, m, a)))
    assert made.projects == 300
    pages = _text(made.pdf)
    annex_start = next(i for i, text in enumerate(pages) if "PHỤ LỤC" in text)
    assert 1 <= annex_start <= 3  # the summary: one to three pages
    annex_pages = len(pages) - annex_start
    assert 300 / annex_pages >= 25 and len(pages) <= 3 + math.ceil(300 / 25)
    assert all("STT" in text and "Tiến độ đăng ký" in text for text in pages[annex_start:])  # the header repeats
    assert not any(text.rstrip().endswith(("Tổng hợp theo quy tắc vi phạm", "Số liệu chính")) for text in pages)
    steps = [message for _p, message, _a in progress]
    assert steps[:2] == [brief.READING, brief.SUMMARY] and steps[-2:] == [brief.RENDERING, brief.WRITING]
    annex = [args for _p, message, args in progress if message == brief.ANNEX]
    assert annex[-1] == {"row": 300, "rows": 300} and len(annex) >= 2
    assert [p for p, _m, _a in progress] == sorted(p for p, _m, _a in progress)


def test_the_job_records_its_steps_and_result_and_the_page_serves_the_file(review, specialist, login, monkeypatch):
    written: list[tuple[int, str, dict]] = []
    flush = Report.flush

    def record(report):
        written.append((report.percent, report.message, dict(report.args)))
        flush(report)

    monkeypatch.setattr(Report, "flush", record)
    with on(date(2026, 6, 5)):
        response = login(specialist).get(reverse("reviews:pdf", args=[review.pk]))
    steps = [message for _p, message, _a in written]
    assert steps[:2] == [brief.READING, brief.SUMMARY] and brief.ANNEX in steps
    assert steps[-3:] == [brief.RENDERING, brief.WRITING, jobs.BRIEF_MADE]
    assert next(a for _p, m, a in written if m == brief.ANNEX) == {"row": "3", "rows": "3"}
    assert [p for p, _m, _a in written] == sorted(p for p, _m, _a in written) and written[-1][0] == 100
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "bao-cao-ra-soat-" in response["Content-Disposition"]
    job = Job.objects.get(kind="reviews.brief")
    assert job.status == Job.Status.DONE and job.message == jobs.BRIEF_MADE
    assert job.result == {"pages": int(job.message_args["pages"]), "projects": 3, "draft": False, "language": "vi"}
    with translation.override("vi"):
        assert job.message_text == f"{job.result['pages']} trang; 3 dự án trong phụ lục."
    text = "\n".join(_text(response.content))
    assert "chưa kiểm chứng" not in text and "cần đối chiếu" not in text and "HD-2023-0005" in text


def test_who_may_produce_the_official_brief_and_the_draft(review, specialist, leader, officer_x, investor_a, login):
    url = reverse("reviews:pdf", args=[review.pk])
    with on(date(2026, 6, 5)):
        for outsider in (officer_x, investor_a):
            client = login(outsider)
            assert client.get(url).status_code == 404 and client.get(url + "?draft=1").status_code == 404
        client = login(leader)
        assert client.get(url + "?draft=1").status_code == 403
        detail = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
        assert "?draft=1" not in detail
        client = login(specialist)
        assert "?draft=1" in client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
        draft = client.get(url + "?draft=1")
    assert draft.status_code == 200 and "du-thao-bao-cao-ra-soat-" in draft["Content-Disposition"]
    assert "Căn cứ cần kiểm tra trước khi trình" in "\n".join(_text(draft.content))


def test_cli_brief_in_the_background_with_progress_and_json(review, specialist, leader, tmp_path):
    target = tmp_path / "brief.pdf"
    with pytest.raises(CommandError, match="Không có quyền xuất bản dự thảo"):
        call_command("reviews", "export", str(review.pk), "--pdf", str(target), "--draft", "--as", "leader")
    with pytest.raises(CommandError, match="--wait chỉ dùng cùng --background"):
        call_command("reviews", "export", str(review.pk), "--pdf", str(target), "--wait", "--as", "leader")
    out, err = io.StringIO(), io.StringIO()
    call_command("reviews", "export", str(review.pk), "--pdf", str(target), "--draft", "--background", "--wait",
                 "--json", "--as", "specialist", stdout=out, stderr=err)  # fmt: skip
    data = json.loads(out.getvalue())
    assert data["status"] == "done" and data["result"]["draft"] is True and data["result"]["projects"] == 3
    assert target.read_bytes().startswith(b"%PDF") and "xong 100%" in err.getvalue()
    out = io.StringIO()
    call_command("reviews", "export", str(review.pk), "--pdf", str(target), "--json", "--as", "leader", stdout=out)
    data = json.loads(out.getvalue())
    assert data["draft"] is False and data["projects"] == 3 and data["pages"] >= 2
