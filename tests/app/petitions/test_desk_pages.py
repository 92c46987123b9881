"""The desk's and the agencies' pages: the queue and its tabs around Tết, the intake form, a petition's page and
each of its actions for each role, bad input and stale saves kept on the page, choice lists through the access
layer."""

from datetime import date
from itertools import count

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tiendo.petitions import services, views_desk, views_petition
from tiendo.petitions.models import Attachment, Kind, Petition, State, Topic

pytestmark = pytest.mark.django_db
_numbers = count(1)


def _petition(enterprise, *, agency=None, state=State.RECEIVED, due_on=None, received_on=date(2026, 2, 2), **extra):
    """A petition as the records hold it (the services' moves are tested in test_flow)."""
    extra.setdefault("title", "Chậm cấp giấy phép xây dựng nhà xưởng")
    extra.setdefault("text", "Hồ sơ nộp đã lâu chưa được giải quyết.")
    return Petition.objects.create(
        number=f"KN-T-{next(_numbers):04d}",
        channel="letter",
        received_on=received_on,
        enterprise=enterprise,
        agency=agency,
        state=state,
        due_on=due_on,
        **extra,
    )


def _received(specialist, enterprise, **extra):
    petition = Petition(
        channel="letter",
        enterprise=enterprise,
        title=extra.pop("title", "Chậm cấp giấy phép xây dựng"),
        text="Đề nghị Sở Xây dựng xem xét.",
        topic=Topic.CONSTRUCTION_PERMIT,
        **extra,
    )
    return services.receive(petition, actor=specialist)


@pytest.fixture
def fake_reverse(monkeypatch):
    """The investor's pages are another part's: the redirect is checked against a stand-in URL."""
    monkeypatch.setattr(views_desk, "reverse", lambda name, args=(): f"/stand-in/{name}/{'/'.join(map(str, args))}")


# home and the queue ------------------------------------------------------------------------------------------------


def test_home_sends_each_role_to_its_page(login, specialist, officer_x, leader, investor_a, fake_reverse, client):
    assert login(specialist).get("/petitions/")["Location"] == reverse("petitions:queue")
    assert login(leader).get("/petitions/")["Location"] == reverse("petitions:queue")
    assert login(officer_x).get("/petitions/")["Location"] == reverse("petitions:queue")
    assert login(investor_a).get("/petitions/")["Location"] == "/stand-in/petitions:mine/"
    assert login(investor_a).get("/petitions/queue/")["Location"] == "/stand-in/petitions:mine/"
    client.logout()
    assert "/login/" in client.get("/petitions/")["Location"]
    assert "/login/" in client.get("/petitions/queue/")["Location"]


def test_without_the_investor_pages_the_investor_gets_a_404_not_an_error(login, investor_a):
    assert login(investor_a).get("/petitions/").status_code in (302, 404)


@time_machine.travel(date(2026, 2, 13), tick=False)
def test_the_tabs_count_in_working_days_around_tet(login, specialist, enterprise_a, agency_x):
    """Friday 13/02/2026, Tết from 16 to 20/02: the answers due on Tuesday 24/02 are due within two working days
    (23/02, 24/02), those due on 25/02 are not; what was due on 12/02 is late, a paused one never is."""
    new = _petition(enterprise_a, due_on=date(2026, 3, 3))
    soon = _petition(enterprise_a, agency=agency_x, state=State.IN_PROGRESS, due_on=date(2026, 2, 24))
    later = _petition(enterprise_a, agency=agency_x, state=State.ASSIGNED, due_on=date(2026, 2, 25))
    late = _petition(enterprise_a, agency=agency_x, state=State.IN_PROGRESS, due_on=date(2026, 2, 12))
    paused = _petition(enterprise_a, agency=agency_x, state=State.WAITING_ENTERPRISE, due_on=date(2026, 2, 10))
    other = _petition(enterprise_a, agency=agency_x, state=State.WAITING_AGENCY, due_on=date(2026, 2, 26))
    _petition(enterprise_a, agency=agency_x, state=State.ANSWERED, due_on=date(2026, 2, 1))
    client = login(specialist)
    response = client.get("/petitions/queue/")
    counts = {t["key"]: t["count"] for t in response.context["tabs"]}
    assert counts == {"new": 1, "due_soon": 1, "overdue": 1, "waiting": 2, "all": 7}

    def shown(tab):
        return [p.pk for p in client.get("/petitions/queue/", {"tab": tab}).context["rows"]]

    assert shown("new") == [new.pk]
    assert shown("due_soon") == [soon.pk]
    assert shown("overdue") == [late.pk]
    assert set(shown("waiting")) == {paused.pk, other.pk}
    assert later.pk in shown("all")
    body = client.get("/petitions/queue/", {"tab": "overdue"}).content.decode()
    assert "1 ngày làm việc quá hạn" in body or "quá hạn 1 ngày làm việc" in body
    soon_row = client.get("/petitions/queue/", {"tab": "due_soon"}).context["rows"][0]
    assert soon_row.deadline_class == "warn" and "2" in soon_row.deadline_words


def test_the_queue_filters_and_searches_without_diacritics(login, specialist, enterprise_a, enterprise_b, agency_y):
    wanted = _petition(enterprise_a, topic=Topic.LAND, title="Vướng mắc giải phóng mặt bằng KCN Đại An")
    _petition(enterprise_b, topic=Topic.TAX, title="Hoàn thuế giá trị gia tăng", agency=agency_y)
    client = login(specialist)
    assert [
        p.pk for p in client.get("/petitions/queue/", {"tab": "all", "q": "giai phong mat bang"}).context["rows"]
    ] == [wanted.pk]
    assert [p.pk for p in client.get("/petitions/queue/", {"tab": "all", "topic": "land"}).context["rows"]] == [
        wanted.pk
    ]
    assert client.get("/petitions/queue/", {"tab": "all", "agency": agency_y.code}).context["tabs"][-1]["count"] == 1
    assert client.get("/petitions/queue/", {"tab": "all", "year": 2025}).context["tabs"][-1]["count"] == 0
    # the filters stay on the tabs' links
    tabs = client.get("/petitions/queue/", {"topic": "land"}).context["tabs"]
    assert all("topic=land" in t["url"] for t in tabs)


def test_an_officer_s_queue_is_its_agency_s(login, officer_x, enterprise_a, enterprise_b, agency_x, agency_y):
    own = _petition(enterprise_a, agency=agency_x, title="KN-OWN bảo hiểm xã hội")
    concerned = _petition(enterprise_b, agency=agency_y, title="KN-CONCERNED cấp nước")
    concerned.concerned_agencies.add(agency_x)
    _petition(enterprise_b, agency=agency_y, title="KN-OTHER hải quan")
    body = login(officer_x).get("/petitions/queue/", {"tab": "all"}).content.decode()
    assert "KN-OWN" in body and "KN-CONCERNED" in body and "KN-OTHER" not in body
    assert own.pk in [p.pk for p in login(officer_x).get("/petitions/queue/", {"tab": "new"}).context["rows"]]


def test_the_menu_has_petitions_next_to_targets(login, specialist):
    page = login(specialist).get("/petitions/queue/").content.decode()
    assert '<a href="/petitions/" class="active">' in page
    assert page.index('href="/targets/') < page.index('href="/petitions/"')


# intake ------------------------------------------------------------------------------------------------------------


def _intake(**extra):
    data = {
        "channel": "letter",
        "channel_reference": "Công văn 12/HS-2026",
        "received_on": "10/02/2026",
        "petitioner_name": "",
        "topic": "land",
        "title": "Đề nghị gia hạn tiến độ sử dụng đất",
        "text": "Doanh nghiệp đề nghị gia hạn do vướng giải phóng mặt bằng.",
    }
    data.update(extra)
    return data


@time_machine.travel(date(2026, 2, 13), tick=False)
def test_the_desk_records_a_letter_with_its_attachments(
    login, specialist, enterprise_a, project_x, agency_y, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    files = [SimpleUploadedFile("thu.pdf", b"%PDF-1 a"), SimpleUploadedFile("ban-ve.png", b"png")]
    data = _intake(enterprise=enterprise_a.pk, project_codes=project_x.code, concerned=[agency_y.code], files=files)
    response = login(specialist).post("/petitions/new/", data)
    petition = Petition.objects.get()
    assert response["Location"] == reverse("petitions:detail", args=[petition.pk])
    assert petition.channel == "letter" and petition.channel_reference == "Công văn 12/HS-2026"
    assert petition.received_on == date(2026, 2, 10) and petition.enterprise == enterprise_a
    assert list(petition.projects.all()) == [project_x] and list(petition.concerned_agencies.all()) == [agency_y]
    assert sorted(a.title for a in petition.attachments.all()) == ["ban-ve.png", "thu.pdf"]
    assert petition.due_on is not None and petition.state == State.RECEIVED


@time_machine.travel(date(2026, 2, 13), tick=False)
def test_bad_intake_says_why_in_vietnamese_and_keeps_the_entries(login, specialist, settings):
    settings.LANGUAGE_CODE = "vi"
    client = login(specialist)
    response = client.post("/petitions/new/", _intake(received_on="20/02/2026", petitioner_name="Ông Lê Văn Cường"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ngày tiếp nhận không được sau ngày hôm nay" in body
    assert "Đề nghị gia hạn tiến độ sử dụng đất" in body and "Ông Lê Văn Cường" in body
    response = client.post("/petitions/new/", _intake(project_codes="KHONG-CO"))
    assert response.status_code == 400 and "KHONG-CO" in response.content.decode()
    assert "petitioner_name" in response.context["form"].errors  # neither the enterprise nor a name
    big = SimpleUploadedFile("lon.pdf", b"x" * (20 * 1024 * 1024 + 1))
    response = client.post("/petitions/new/", _intake(petitioner_name="Bà Hoa", files=[big]))
    assert response.status_code == 400 and "files" in response.context["form"].errors
    assert not Petition.objects.exists()


@time_machine.travel(date(2026, 2, 13), tick=False)
def test_an_officer_records_a_call_its_agency_then_follows(login, officer_x, agency_x, enterprise_a, project_a):
    client = login(officer_x)
    form = client.get("/petitions/new/").context["form"]
    assert list(form.fields["enterprise"].queryset) == []  # officers see no enterprise registry
    # project A is agency Y's: not the officer's to name
    response = client.post(
        "/petitions/new/", _intake(channel="hotline", petitioner_name="Ông An", project_codes=project_a.code)
    )
    assert response.status_code == 400
    response = client.post("/petitions/new/", _intake(channel="hotline", petitioner_name="Ông An"))
    petition = Petition.objects.get()
    assert list(petition.concerned_agencies.all()) == [agency_x]
    assert response["Location"] == reverse("petitions:detail", args=[petition.pk])


def test_who_may_record_a_petition(login, leader, investor_a, fake_reverse, client):
    assert login(leader).get("/petitions/new/").status_code == 403
    assert login(investor_a).get("/petitions/new/")["Location"] == "/stand-in/petitions:mine/"
    client.logout()
    assert "/login/" in client.get("/petitions/new/")["Location"]


def test_the_intake_offers_only_visible_enterprises(login, specialist, enterprise_a, enterprise_b):
    form = login(specialist).get("/petitions/new/").context["form"]
    assert set(form.fields["enterprise"].queryset) == {enterprise_a, enterprise_b}
    assert [value for value, _label in form.fields["channel"].choices] == [
        "letter",
        "hotline",
        "national_system",
        "email",
    ]


# the petition's page -----------------------------------------------------------------------------------------------


def _forms(response):
    return [f["name"] for f in response.context["forms"]]


@time_machine.travel(date(2026, 2, 13), tick=False)
def test_the_page_for_each_role(
    login,
    specialist,
    leader,
    officer_x,
    officer_y,
    investor_a,
    admin_user,
    enterprise_a,
    agency_x,
    fake_reverse,
    client,
):
    petition = _petition(enterprise_a, agency=agency_x, state=State.ASSIGNED, due_on=date(2026, 2, 24))
    url = reverse("petitions:detail", args=[petition.pk])
    assert set(_forms(login(specialist).get(url))) >= {"assign", "start", "answer", "withdraw", "classify"}
    assert _forms(login(leader).get(url)) == []  # reads, acts on nothing
    assert set(_forms(login(officer_x).get(url))) == {"start", "answer"}
    assert login(officer_y).get(url).status_code == 404
    assert login(investor_a).get(url)["Location"] == f"/stand-in/petitions:my_petition/{petition.pk}"
    assert login(admin_user).get(url).status_code == 200
    client.logout()
    assert "/login/" in client.get(url)["Location"]
    body = login(officer_x).get(url).content.decode()
    assert "24/02/2026" in body and petition.title in body


@time_machine.travel(date(2026, 2, 13), tick=False)
def test_from_classification_to_closing_on_the_page(
    login, specialist, officer_x, enterprise_a, agency_x, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    petition = _received(specialist, enterprise_a)

    def post(user, action, **data):
        data.setdefault("version", Petition.objects.get(pk=petition.pk).version)
        response = login(user).post(reverse(f"petitions:act_{action}", args=[petition.pk]), data)
        assert response.status_code == 302, (action, response.context and response.context["forms"])
        return Petition.objects.get(pk=petition.pk)

    assert (
        post(specialist, "classify", kind="within_competence", topic="construction_permit", agency=agency_x.code).state
        == State.CLASSIFIED
    )
    assert post(specialist, "assign", agency=agency_x.code, officer=officer_x.pk).officer == officer_x
    assert post(officer_x, "start").state == State.IN_PROGRESS
    assert post(officer_x, "ask", request="Bổ sung bản vẽ mặt bằng.").state == State.WAITING_ENTERPRISE
    scan = SimpleUploadedFile("ban-ve.pdf", b"%PDF")
    assert post(officer_x, "reply", reply="Đã nhận bản vẽ.", files=[scan]).state == State.IN_PROGRESS
    assert post(officer_x, "wait", agency=agency_x.code, reason="Xin ý kiến").state == State.WAITING_AGENCY
    assert post(officer_x, "start").state == State.IN_PROGRESS
    answered = post(
        officer_x,
        "answer",
        text="Đã cấp phép.",
        legal_basis="Luật Xây dựng 2014",
        document="CV 1/SXD",
        publish_consent="on",
    )
    assert answered.state == State.ANSWERED and answered.publish_consent
    assert post(specialist, "publish").state == State.PUBLISHED
    closed = post(specialist, "close", reason="Hoàn tất")
    assert closed.state == State.CLOSED
    page = login(specialist).get(reverse("petitions:detail", args=[petition.pk]))
    moves = [c.to_state for c in page.context["changes"]]
    assert moves[0] == "received" and moves[-1] == "closed" and len(moves) == 11
    assert "ban-ve.pdf" in page.content.decode()


@time_machine.travel(date(2026, 2, 13), tick=False)
def test_the_actions_refuse_who_may_not(
    login, specialist, officer_x, officer_y, leader, investor_a, client, enterprise_a, agency_x
):
    petition = _petition(enterprise_a, agency=agency_x, state=State.ASSIGNED, due_on=date(2026, 2, 24))
    classify = reverse("petitions:act_classify", args=[petition.pk])
    start = reverse("petitions:act_start", args=[petition.pk])
    data = {"kind": "within_competence", "topic": "tax", "agency": agency_x.code, "version": petition.version}
    assert login(officer_x).post(classify, data).status_code == 403
    assert login(leader).post(classify, data).status_code == 403
    assert login(officer_y).post(classify, data).status_code == 404
    assert login(officer_y).post(start, {"version": petition.version}).status_code == 404
    assert login(leader).post(start, {"version": petition.version}).status_code == 403
    assert login(specialist).get(start).status_code == 405
    assert login(investor_a).post(start, {"version": petition.version}).status_code == 403  # its own: not its move
    client.logout()
    assert "/login/" in client.post(start, {"version": petition.version})["Location"]
    assert Petition.objects.get(pk=petition.pk).state == State.ASSIGNED


@time_machine.travel(date(2026, 2, 13), tick=False)
def test_a_refused_answer_keeps_the_text(login, officer_x, enterprise_a, agency_x, settings):
    settings.LANGUAGE_CODE = "vi"
    petition = _petition(enterprise_a, agency=agency_x, state=State.IN_PROGRESS, due_on=date(2026, 2, 24))
    response = login(officer_x).post(
        reverse("petitions:act_answer", args=[petition.pk]),
        {"text": "Câu trả lời dài đã soạn kỹ.", "legal_basis": " ", "version": petition.version},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Câu trả lời dài đã soạn kỹ." in body and 'id="action-answer" open' in body
    assert Petition.objects.get(pk=petition.pk).state == State.IN_PROGRESS


@time_machine.travel(date(2026, 2, 13), tick=False)
def test_a_complaint_needs_its_redirect_sentence(login, specialist, enterprise_a, agency_x):
    petition = _petition(enterprise_a)
    url = reverse("petitions:act_classify", args=[petition.pk])
    data = {"kind": "within_competence", "topic": "land", "is_complaint": "on", "version": petition.version}
    response = login(specialist).post(url, data)
    assert response.status_code == 400 and "redirect_note" in response.context["forms"][0]["form"].errors
    data["redirect_note"] = "Đây là khiếu nại: gửi Thanh tra tỉnh theo Luật Khiếu nại."
    assert login(specialist).post(url, data).status_code == 302
    assert Petition.objects.get(pk=petition.pk).state == State.REJECTED


@time_machine.travel(date(2026, 2, 13), tick=False)
def test_a_stale_save_is_refused_and_the_entries_kept(login, specialist, enterprise_a, agency_x, agency_y):
    petition = _petition(enterprise_a)
    read_at = petition.version
    services.classify(petition, actor=specialist, kind=Kind.WITHIN_COMPETENCE, topic="tax", agency=agency_y)
    services.assign(Petition.objects.get(pk=petition.pk), actor=specialist)
    response = login(specialist).post(
        reverse("petitions:act_assign", args=[petition.pk]),
        {"agency": agency_x.code, "reason": "Chuyển cho Sở X xử lý", "version": read_at},
    )
    assert response.status_code == 400
    form = next(f["form"] for f in response.context["forms"] if f["name"] == "assign")
    assert form.non_field_errors() and "Chuyển cho Sở X xử lý" in response.content.decode()
    assert int(form.data["version"]) == Petition.objects.get(pk=petition.pk).version
    assert Petition.objects.get(pk=petition.pk).agency == agency_y


@time_machine.travel(date(2026, 2, 13), tick=False)
def test_the_classify_form_offers_the_suggestion_and_its_reason(login, specialist, enterprise_a, agency_y, monkeypatch):
    petition = _petition(enterprise_a, suggested_agency=agency_y, suggestion_reason="Chủ đề: đất đai")
    url = reverse("petitions:detail", args=[petition.pk])
    response = login(specialist).get(url)
    classify = next(f["form"] for f in response.context["forms"] if f["name"] == "classify")
    assert classify.initial["agency"] == agency_y.code
    monkeypatch.setattr(views_petition, "reason_text", lambda p: "Suggested from the topic (stand-in)")
    assert "Suggested from the topic (stand-in)" in login(specialist).get(url).content.decode()


@time_machine.travel(date(2026, 2, 13), tick=False)
def test_a_complaint_is_proposed_as_such_with_where_to_go(login, specialist, enterprise_a):
    petition = _petition(enterprise_a, text="Công ty khiếu nại quyết định xử phạt vi phạm hành chính của Sở.")
    response = login(specialist).get(reverse("petitions:detail", args=[petition.pk]))
    classify = next(f["form"] for f in response.context["forms"] if f["name"] == "classify")
    assert classify.initial["is_complaint"] is True and "Luật Khiếu nại" in classify.initial["redirect_note"]


@time_machine.travel(date(2026, 2, 13), tick=False)
def test_likely_duplicates_are_offered_and_merged(
    login, specialist, officer_x, enterprise_a, enterprise_b, agency_x, monkeypatch
):
    lead = _petition(enterprise_a, agency=agency_x)
    twin = _petition(enterprise_b, title="Chậm cấp phép xây dựng (lần 2)")
    fake = lambda petition, user: [(twin, 0.91, ["cùng chủ đề"])] if petition.pk == lead.pk else []  # noqa: E731
    monkeypatch.setattr(views_petition, "candidates_for", fake)
    url = reverse("petitions:detail", args=[lead.pk])
    response = login(specialist).get(url)
    assert "merge" in _forms(response) and "91 %" in response.content.decode()
    assert "merge" not in _forms(login(officer_x).get(url))
    merge = reverse("petitions:act_merge", args=[lead.pk])
    assert login(specialist).post(merge, {"duplicates": [999999], "version": lead.version}).status_code == 400
    assert login(specialist).post(merge, {"duplicates": [twin.pk], "version": lead.version}).status_code == 302
    twin.refresh_from_db()
    assert twin.state == State.MERGED and twin.merged_into == lead


def test_attachments_download_through_the_access_layer(
    login, specialist, officer_x, officer_y, enterprise_a, agency_x, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    petition = _petition(enterprise_a, agency=agency_x)
    attachment = Attachment.objects.create(
        petition=petition, title="Đơn", file=SimpleUploadedFile("don.pdf", b"%PDF-x")
    )
    url = reverse("petitions:attachment", args=[petition.pk, attachment.pk])
    response = login(officer_x).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-x"
    assert login(officer_y).get(url).status_code == 404
    other = _petition(enterprise_a)
    assert login(specialist).get(reverse("petitions:attachment", args=[other.pk, attachment.pk])).status_code == 404


@time_machine.travel(date(2026, 2, 24), tick=False)
def test_the_leaders_task_is_linked_and_lateness_skips_tet(login, specialist, leader, enterprise_a, agency_y, task_x):
    petition = _petition(enterprise_a, agency=agency_y, state=State.IN_PROGRESS, due_on=date(2026, 2, 12))
    Petition.objects.filter(pk=petition.pk).update(escalation_task=task_x)
    url = reverse("petitions:detail", args=[petition.pk])
    body = login(specialist).get(url).content.decode()
    assert reverse("directives:task", args=[task_x.pk]) in body
    # late on 13/02, 23/02 and 24/02: the Tết week does not count
    assert "quá hạn 3 ngày làm việc" in login(leader).get(url).content.decode()


def test_the_filters_refresh_the_tabs_and_rows_in_place(login, specialist, enterprise_a):
    _petition(enterprise_a, topic=Topic.LAND)
    response = login(specialist).get("/petitions/queue/", {"topic": "land", "tab": "all"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and 'id="queue-tabs"' in body and "KN-T-" in body


@time_machine.travel(date(2026, 2, 24), tick=False)
def test_the_forwarding_deadline_of_a_petition_outside_competence(login, specialist, enterprise_a, agency_y):
    """Received on Friday 13/02/2026: five working days after the Tết week end on Friday 27/02."""
    petition = _petition(
        enterprise_a, agency=agency_y, state=State.CLASSIFIED, kind=Kind.OUTSIDE_COMPETENCE,
        received_on=date(2026, 2, 13), due_on=date(2026, 3, 6), forwarded_on=date(2026, 2, 23),
    )  # fmt: skip
    response = login(specialist).get(reverse("petitions:detail", args=[petition.pk]))
    assert response.context["deadline"]["forward_due"] == date(2026, 2, 27)
    assert "27/02/2026" in response.content.decode() and "23/02/2026" in response.content.decode()
