"""Review rounds (rà soát): open, edit and confirm, submit, decide with follow-up tasks, Excel and PDF, the CLI."""

import io
import json
import re
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from tiendo.directives.models import Directive, Notification, Task
from tiendo.projects.models import Milestone, Project
from tiendo.reviews import services
from tiendo.reviews.models import ReviewItem, ReviewRound

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
AS_OF = date(2024, 3, 1)
TITLE = "Rà soát dự án chậm tiến độ quý I/2024"


def on(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, 0, tzinfo=HCM), tick=False)


@pytest.fixture
def late_business(project_a):
    """FDI, policy approved 01/03/2021; construction start first due 31/12/2021, extended to 15/03/2023, not done:
    352 days late on 01/03/2024, and needing more than 24 months past the first schedule (INV-02)."""
    Project.objects.filter(pk=project_a.pk).update(policy_decision_date=date(2021, 3, 1))
    Milestone.objects.create(
        project=project_a, kind="construction_start", first_due=date(2021, 12, 31), current_due=date(2023, 3, 15)
    )
    return Project.objects.get(pk=project_a.pk)


@pytest.fixture
def late_public(project_x):
    """Public: construction start first due 15/03/2022, extended to 15/03/2023, not done (LATE, PI-17)."""
    Milestone.objects.create(
        project=project_x, kind="construction_start", first_due=date(2022, 3, 15), current_due=date(2023, 3, 15)
    )
    return project_x


@pytest.fixture
def on_time(enterprise_b, agency_x, commune):
    project = Project.objects.create(
        code="HD-2020-0003",
        name="Khu dân cư Thái Tân",
        kind="private",
        status="implementing",
        investor=enterprise_b,
        agency=agency_x,
        commune=commune,
    )
    Milestone.objects.create(
        project=project, kind="construction_start", first_due=date(2023, 6, 30), current_due=date(2023, 6, 30),
        done=date(2023, 6, 1),
    )  # fmt: skip
    return project


@pytest.fixture
def review(installation, late_business, late_public, on_time, specialist):
    with on(date(2024, 3, 5)):
        return services.open_round(actor=specialist, title=TITLE, as_of=AS_OF)


def says(response, pattern: str) -> bool:
    """The message in English (the msgid) or Vietnamese (once translated), as the CLI tests match them."""
    return re.search(pattern, response.content.decode()) is not None


def item_of(review, project) -> ReviewItem:
    return ReviewItem.objects.get(round=review, project=project)


def submitted(review, specialist, *projects) -> ReviewRound:
    for project in projects:
        services.edit_item(item_of(review, project), actor=specialist, confirmed=True)
    return services.submit_round(review, actor=specialist)


# Opening ---------------------------------------------------------------------------------------------------------


def test_opening_lists_each_late_project_with_its_gravest_proposal_and_legal_ground(review, late_business, specialist):
    assert review.state == ReviewRound.State.OPEN and review.projects == 3
    assert set(review.items.values_list("project__code", flat=True)) == {"HD-2022-0002", "HD-2021-0001"}
    item = item_of(review, late_business)
    rules = {f["rule"] for f in item.findings}
    assert {"LATE", "INV-02"} <= rules
    assert item.proposal == "deny_extension"  # the gravest of remind, fines, deny extension
    assert item.days_behind == 352
    assert (item.milestone, item.first_due, item.current_due) == ("construction_start", date(2021, 12, 31),
                                                                  date(2023, 3, 15))  # fmt: skip
    assert "Luật Đầu tư 2020, Điều 41 khoản 4" in item.legal_ground.split("; ")
    assert len(item.legal_ground.split("; ")) == len({f["citation"] for f in item.findings})
    assert item.proposal_text.startswith("Đề nghị không cho phép giãn tiến độ (vượt 24 tháng) đối với dự án Nhà máy")
    assert item.proposal_text.endswith("theo Luật Đầu tư 2020, Điều 41 khoản 4.")
    assert item.history.get().history_user == specialist


def test_public_project_is_proposed_for_reappraisal_and_scope_keeps_to_business(review, late_public, specialist):
    assert item_of(review, late_public).proposal == "reappraise"
    business = services.open_round(actor=specialist, title="Doanh nghiệp", as_of=AS_OF, scope="business")
    assert list(business.items.values_list("project__code", flat=True)) == ["HD-2022-0002"]
    assert business.projects == 2


def test_only_specialists_open_rounds_and_a_title_is_needed(installation, late_business, leader, specialist):
    with pytest.raises(PermissionDenied):
        services.open_round(actor=leader, title=TITLE, as_of=AS_OF)
    with pytest.raises(ValidationError):
        services.open_round(actor=specialist, title="  ", as_of=AS_OF)
    assert not ReviewRound.objects.exists()


# The specialist's work and the leaders' decisions, through the pages ------------------------------------------


def test_round_end_to_end_on_the_pages(
    installation, late_business, late_public, on_time, specialist, leader, officer_y, agency_x, agency_y, login
):
    with on(date(2024, 3, 5)):
        client = login(specialist)
        response = client.post(reverse("reviews:open"), {"title": TITLE, "as_of": "01/03/2024", "scope": "all"})
        review = ReviewRound.objects.get()
        assert response.status_code == 302 and response.url == reverse("reviews:detail", args=[review.pk])
        page = client.get(response.url).content.decode()
        assert "HD-2022-0002" in page and "HD-2021-0001" in page and "HD-2020-0003" not in page

        # the specialist rewords the public project's proposal (htmx swaps the row) and confirms the business one
        public = item_of(review, late_public)
        row = client.post(
            reverse("reviews:item_edit", args=[public.pk]),
            {"prefix": "i1", "i1-proposal": "review_responsibility", "i1-proposal_text": public.proposal_text,
             "i1-note": "Chủ đầu tư chậm giải phóng mặt bằng"},
            HTTP_HX_REQUEST="true",
        )  # fmt: skip
        assert row.status_code == 200 and f'id="item-{public.pk}"' in row.content.decode()
        public.refresh_from_db()
        assert public.proposal == "review_responsibility" and not public.confirmed
        assert public.proposal_text.startswith("Đề nghị kiểm điểm trách nhiệm đối với dự án Đường trục")
        assert public.note == "Chủ đầu tư chậm giải phóng mặt bằng"
        business = item_of(review, late_business)
        client.post(
            reverse("reviews:item_edit", args=[business.pk]),
            {"proposal": business.proposal, "proposal_text": business.proposal_text, "confirmed": "on"},
        )
        business.refresh_from_db()
        assert business.confirmed and business.history.first().history_user == specialist

        filtered = client.get(reverse("reviews:detail", args=[review.pk]), {"confirmed": "yes", "q": "hoshino"})
        assert "HD-2022-0002" in filtered.content.decode() and "HD-2021-0001" not in filtered.content.decode()

        assert client.post(reverse("reviews:submit", args=[review.pk])).status_code == 302
        review.refresh_from_db()
        assert review.state == ReviewRound.State.SUBMITTED and review.submitted_by == specialist

        # the leader opens the item: one follow-up task is proposed, led by the operating agency, in 30 days
        client = login(leader)
        page = client.get(reverse("reviews:item", args=[business.pk])).content.decode()
        assert "Thông báo không chấp thuận giãn tiến độ dự án Nhà máy linh kiện điện tử Hoshino" in page
        assert 'value="04/04/2024"' in page and f'<option value="{agency_x.code}" selected' in page
        response = client.post(
            reverse("reviews:item_decide", args=[business.pk]),
            {
                "decision": "agreed", "decision_text": "",
                "task-TOTAL_FORMS": "2", "task-INITIAL_FORMS": "0",
                "task-0-agency": agency_y.code, "task-0-title": "Trình UBND tỉnh quyết định chấm dứt dự án",
                "task-0-deadline": "30/06/2024",
                "task-1-agency": "", "task-1-title": "", "task-1-deadline": "",
            },
        )  # fmt: skip
        assert response.status_code == 302

    business.refresh_from_db()
    assert business.decision == "agreed" and business.decided_by == leader
    assert business.decision_text == business.proposal_text
    review.refresh_from_db()
    assert review.state == ReviewRound.State.CLOSED  # the unconfirmed item was never before the leaders
    conclusion = review.conclusion
    assert conclusion.kind == Directive.Kind.CONCLUSION
    assert conclusion.title == f"Kết luận về kết quả rà soát: {TITLE}"
    assert conclusion.issuer == "Ủy ban nhân dân tỉnh Hải Dương" and conclusion.issued_on == date(2024, 3, 5)
    assert "HD-2022-0002" in conclusion.text
    task = Task.objects.get()
    assert (task.directive, task.project, task.lead_agency) == (conclusion, late_business, agency_y)
    assert task.deadline == date(2024, 6, 30) and task.created_by == leader
    assert task.history.get().history_user == leader
    assert Notification.objects.filter(user=officer_y, task=task, kind=Notification.Kind.ASSIGNED).exists()

    project_page = login(leader).get(reverse("projects:detail", args=[late_business.code])).content.decode()
    assert 'id="reviews"' in project_page and "Trình UBND tỉnh quyết định chấm dứt dự án" in project_page
    officer_page = login(officer_y).get(reverse("projects:detail", args=[late_business.code]))
    assert officer_page.status_code == 200 and 'id="reviews"' not in officer_page.content.decode()


def test_confirm_all_of_one_handling(review, late_business, late_public, specialist, login):
    response = login(specialist).post(reverse("reviews:confirm_all", args=[review.pk]), {"proposal": "reappraise"})
    assert response.status_code == 302
    assert item_of(review, late_public).confirmed and not item_of(review, late_business).confirmed


def test_changing_the_handling_rewrites_the_sentence_and_an_empty_one_is_refused(review, late_business, specialist):
    item = item_of(review, late_business)
    item = services.edit_item(item, actor=specialist, proposal="terminate")
    assert item.proposal == "terminate" and item.rank > 0
    assert item.proposal_text == "Đề nghị chấm dứt hoạt động dự án Nhà máy linh kiện điện tử Hoshino."
    with pytest.raises(ValidationError):
        services.edit_item(item, actor=specialist, proposal_text="   ")
    with pytest.raises(ValidationError):
        services.edit_item(item, actor=specialist, proposal="no_such_handling")


def test_proposals_are_frozen_once_submitted(review, late_business, specialist, login):
    submitted(review, specialist, late_business)
    item = item_of(review, late_business)
    with pytest.raises(ValidationError):
        services.edit_item(item, actor=specialist, note="trễ")
    response = login(specialist).post(
        reverse("reviews:item_edit", args=[item.pk]),
        {"proposal": "remind", "proposal_text": "x", "note": "y"},
        HTTP_HX_REQUEST="true",
    )
    assert says(response, "(?i)submitted to the leaders|đã trình")
    item.refresh_from_db()
    assert item.proposal == "deny_extension" and item.note == ""


def test_submitting_needs_a_confirmed_proposal(review, specialist):
    with pytest.raises(ValidationError):
        services.submit_round(review, actor=specialist)
    review.refresh_from_db()
    assert review.state == ReviewRound.State.OPEN


# Bad decisions ---------------------------------------------------------------------------------------------------


def _decision(agency_code="HD-STC", deadline="30/06/2024", decision="agreed", text=""):
    return {
        "decision": decision, "decision_text": text, "task-TOTAL_FORMS": "1", "task-INITIAL_FORMS": "0",
        "task-0-agency": agency_code, "task-0-title": "Trình quyết định", "task-0-deadline": deadline,
    }  # fmt: skip


def test_a_decision_on_an_open_round_is_refused_and_nothing_is_saved(review, late_business, leader, agency_y, login):
    with on(date(2024, 3, 5)):
        response = login(leader).post(reverse("reviews:item_decide", args=[item_of(review, late_business).pk]),
                                      _decision())  # fmt: skip
    assert response.status_code == 400
    assert says(response, "(?i)not been submitted to the leaders yet|chưa được trình")
    assert item_of(review, late_business).decision == ""
    assert not Task.objects.exists() and not Directive.objects.exists()


@pytest.mark.parametrize(
    ("deadline", "message"),
    [
        ("01/03/2024", "(?i)already past|đã qua"),
        ("31/02/2024", "(?i)valid date|ngày hợp lệ"),
        ("", "(?i)give the deadline|thời hạn"),
    ],
)
def test_a_follow_up_task_with_a_past_or_bad_date_is_refused(
    review, late_business, specialist, leader, agency_y, login, deadline, message
):
    submitted(review, specialist, late_business)
    item = item_of(review, late_business)
    with on(date(2024, 3, 5)):
        response = login(leader).post(reverse("reviews:item_decide", args=[item.pk]), _decision(deadline=deadline))
    assert response.status_code == 400 and says(response, message)
    item.refresh_from_db()
    assert item.decision == "" and not Task.objects.exists() and not Directive.objects.exists()


def test_another_measure_needs_its_text_and_unconfirmed_items_are_not_decided(
    review, late_business, late_public, specialist, leader, agency_y
):
    submitted(review, specialist, late_business)
    with on(date(2024, 3, 5)):
        with pytest.raises(ValidationError):
            services.decide_item(item_of(review, late_business), actor=leader, decision="other", text=" ")
        with pytest.raises(ValidationError):
            services.decide_item(item_of(review, late_public), actor=leader, decision="agreed")
        past = services.FollowUp(agency_y, "Trình quyết định", date(2024, 3, 4))
        with pytest.raises(ValidationError, match="already past|đã qua"):
            services.decide_item(item_of(review, late_business), actor=leader, decision="agreed", follow_ups=[past])
    assert not Task.objects.exists() and item_of(review, late_business).decision == ""


# Permissions -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["officer_x", "investor_a"])
def test_officers_and_investors_see_nothing_of_reviews(review, late_business, persona, request, login):
    client = login(request.getfixturevalue(persona))
    item = item_of(review, late_business)
    assert client.get(reverse("reviews:list")).status_code == 403
    for name, args in (("reviews:detail", [review.pk]), ("reviews:xlsx", [review.pk]), ("reviews:pdf", [review.pk]),
                       ("reviews:item", [item.pk])):  # fmt: skip
        assert client.get(reverse(name, args=args)).status_code == 404, name
    assert client.post(reverse("reviews:open"), {"title": "x", "scope": "all"}).status_code == 403
    assert client.post(reverse("reviews:item_decide", args=[item.pk]), _decision()).status_code == 404
    assert "/reviews/" not in client.get(reverse("home")).content.decode()


def test_specialists_cannot_decide_and_leaders_cannot_edit(review, late_business, specialist, leader, login):
    submitted(review, specialist, late_business)
    item = item_of(review, late_business)
    with on(date(2024, 3, 5)):
        assert login(specialist).post(reverse("reviews:item_decide", args=[item.pk]), _decision()).status_code == 403
        with pytest.raises(PermissionDenied):
            services.decide_item(item, actor=specialist, decision="agreed")
        client = login(leader)
        assert client.post(reverse("reviews:item_edit", args=[item.pk]), {"proposal": "remind"}).status_code == 403
        assert client.post(reverse("reviews:confirm_all", args=[review.pk])).status_code == 403
        assert client.post(reverse("reviews:submit", args=[review.pk])).status_code == 403
        assert client.get(reverse("reviews:open")).status_code == 403
        assert "/reviews/" in client.get(reverse("home")).content.decode()
    assert item_of(review, late_business).decision == ""


# Exports ---------------------------------------------------------------------------------------------------------


def test_excel_lists_every_item_grouped_by_handling(review, late_business, specialist, login):
    services.edit_item(
        item_of(review, late_business), actor=specialist, confirmed=True, note="Đã làm việc với nhà đầu tư"
    )
    response = login(specialist).get(reverse("reviews:xlsx", args=[review.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    rows = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content))).get_sheet_by_index(0)
    rows = rows.to_python()
    header = next(i for i, row in enumerate(rows) if row and row[0] == "STT")
    assert rows[header][:10] == ["STT", "Mã dự án", "Tên dự án", "Nhà đầu tư", "Tiến độ đăng ký", "Số ngày chậm",
                                 "Căn cứ pháp lý", "Đề xuất xử lý", "Ý kiến chuyên viên", "Quyết định"]  # fmt: skip
    body = rows[header + 1 :]
    groups = [row[0] for row in body if row[0] and not isinstance(row[0], float | int)]
    assert groups == ["I. Thẩm định lại, điều chỉnh dự án (1 dự án)",  # the gravest handling first
                      "II. Không cho phép giãn tiến độ (vượt 24 tháng) (1 dự án)"]  # fmt: skip
    business = next(row for row in body if row[1] == "HD-2022-0002")
    assert business[3] == "Công ty TNHH Hoshino Việt Nam"
    assert business[4] == "Khởi công xây dựng: 31/12/2021 → 15/03/2023"
    assert business[5] == 352 and "Điều 41 khoản 4" in business[6]
    assert business[8] == "Đã xác nhận. Đã làm việc với nhà đầu tư"
    assert any(row[1] == "HD-2021-0001" for row in body)


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_pdf_brief_lists_the_confirmed_items_in_the_readers_language(review, late_business, specialist, login):
    services.edit_item(item_of(review, late_business), actor=specialist, confirmed=True)
    client = login(specialist)
    response = client.get(reverse("reviews:pdf", args=[review.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert "RÀ SOÁT" in text and "HD-2022-0002" in text and "ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG" in text
    assert "HD-2021-0001" not in text  # not confirmed: not in the brief
    client.cookies["tiendo_language"] = "zh-hans"
    chinese = client.get(reverse("reviews:pdf", args=[review.pk]))
    assert chinese.content.startswith(b"%PDF") and "-zh.pdf" in chinese["Content-Disposition"]
    assert "HD-2022-0002" in _pdf_text(chinese.content)


def test_missing_pango_gives_a_clear_message_not_a_500(review, specialist, login, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` now fails as without Pango
    response = login(specialist).get(reverse("reviews:pdf", args=[review.pk]), follow=True)
    assert response.status_code == 200
    assert "Máy chủ thiếu thư viện Pango để tạo PDF" in response.content.decode()


# Command line ----------------------------------------------------------------------------------------------------


def run(*args) -> str:
    out = io.StringIO()
    call_command("reviews", *args, stdout=out)
    return out.getvalue()


def test_cli_round_end_to_end(
    installation, late_business, late_public, specialist, leader, officer_x, agency_y, tmp_path
):
    with on(date(2024, 3, 5)):
        opened = json.loads(run("open", "--title", TITLE, "--as-of", "01/03/2024", "--json", "--as", "specialist"))
        assert opened["items"] == 2 and opened["state"] == "open"
        shown = json.loads(run("show", str(opened["id"]), "--proposal", "deny_extension", "--json", "--as", "leader"))
        (item,) = shown["items"]
        assert item["project"] == "HD-2022-0002" and "INV-02" in item["rules"]
        run("confirm", str(opened["id"]), "--item", str(item["id"]), "--note", "Đúng", "--as", "specialist")
        with pytest.raises(CommandError, match="Không có quyền quyết định"):
            run("decide", str(item["id"]), "--decision", "agreed", "--as", "specialist")
        with pytest.raises(CommandError, match="chưa|not been submitted"):
            run("decide", str(item["id"]), "--decision", "agreed", "--as", "leader")
        assert "Đã trình lãnh đạo" in run("submit", str(opened["id"]), "--as", "specialist")
        for task, match in (
            ("HD-STC|thiếu hạn", "--task 1: phải có dạng"),
            ("HD-STC|Trình|01/01/2024", "--task 1: hạn"),
            ("HD-STC|Trình|31/02/2024", "--task 1: Ngày không hợp lệ"),
            ("XX|Trình|01/06/2024", "không có cơ quan mã 'XX'"),
        ):
            with pytest.raises(CommandError, match=match):
                run("decide", str(item["id"]), "--decision", "agreed", "--task", task, "--as", "leader")
        assert not Task.objects.exists()
        decided = json.loads(
            run("decide", str(item["id"]), "--decision", "agreed", "--task", "HD-STC|Trình quyết định|30/06/2024",
                "--suggested-task", "--json", "--as", "leader")
        )  # fmt: skip
    assert decided["decision"] == "agreed" and decided["round_state"] == "closed"
    assert [t["lead_agency"] for t in decided["tasks"]] == ["HD-STC", "HD-SKHDT"]
    assert Task.objects.filter(project=late_business, directive_id=decided["conclusion"]).count() == 2
    workbook, brief = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    assert "2 dự án" in run("export", str(opened["id"]), "--xlsx", str(workbook), "--as", "leader")
    run("export", str(opened["id"]), "--pdf", str(brief), "--as", "leader")
    assert brief.read_bytes().startswith(b"%PDF") and workbook.stat().st_size > 0
    with pytest.raises(CommandError, match="Không tìm thấy đợt rà soát"):
        run("show", str(opened["id"]), "--as", "officer_x")


def test_cli_refuses_an_unknown_handling_and_officers(review, officer_x):
    with pytest.raises(CommandError, match="không có phương án xử lý 'dismiss'"):
        run("show", str(review.pk), "--proposal", "dismiss", "--as", "specialist")
    with pytest.raises(CommandError, match="Không có quyền mở đợt rà soát"):
        run("open", "--title", "x", "--as", "officer_x")
    with pytest.raises(CommandError, match="Không có quyền xem"):
        run("list", "--as", "officer_x")


def test_the_project_page_reads_the_engine_facts_once(late_business, specialist, login, monkeypatch):
    """Its findings and its owed reports come from the same facts: reading them twice cost four queries a page."""
    from tiendo.reviews import facts as facts_module
    from tiendo.reviews import scan as scan_module

    reads = []
    original = facts_module.iter_facts

    def counted(*args, **kwargs):
        reads.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(scan_module, "iter_facts", counted)
    page = login(specialist).get(reverse("projects:detail", args=[late_business.code]))
    assert page.status_code == 200
    assert len(reads) == 1
    assert page.context["schedule"]["findings"]  # the late project's findings are still there
