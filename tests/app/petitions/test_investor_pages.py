"""The enterprise's own petitions: it submits with attachments, sees only its own, replies to a request (the
deadline moves), rates, reopens once, withdraws; bad input and stale versions are refused with the entries kept;
the pages in Vietnamese, English and Chinese; the enterprise page lists only the petitions the viewer may see."""

import unicodedata
from datetime import date

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from test_i18n import VIETNAMESE, visible_text

from tiendo.accounts.models import User
from tiendo.domain.access import Role
from tiendo.petitions import services
from tiendo.petitions.models import Kind, Petition, State, Topic
from tiendo.petitions.panels import enterprise_panel

pytestmark = pytest.mark.django_db
TET = date(2026, 2, 10)


def _pdf(name="ban-ve.pdf", size=64):
    return SimpleUploadedFile(name, b"%PDF-1.4 " + b"x" * (size - 9), content_type="application/pdf")


def _form(project=None, **extra):
    data = {
        "title": "Chậm cấp giấy phép xây dựng nhà xưởng",
        "text": "Hồ sơ nộp từ tháng 12 nhưng chưa được giải quyết.",
        "topic": Topic.CONSTRUCTION_PERMIT,
        "publish_consent": "on",
    }
    if project is not None:
        data["projects"] = [project.pk]
    return data | extra


def _receive(investor, **extra):
    petition = Petition(title="Thủ tục điều chỉnh dự án", text="Đề nghị hướng dẫn thủ tục.", topic=Topic.TAX, **extra)
    return services.receive(petition, actor=investor)


def _in_progress(petition, specialist, officer, agency):
    petition = services.classify(
        petition, actor=specialist, kind=Kind.WITHIN_COMPETENCE, topic=Topic.TAX, agency=agency
    )
    petition = services.assign(petition, actor=specialist)
    return services.start_work(petition, actor=officer)


def _answered(petition, specialist, officer, agency):
    petition = _in_progress(petition, specialist, officer, agency)
    return services.answer(petition, actor=officer, text="Đã hướng dẫn.", legal_basis="Luật Đầu tư 2020, Điều 41")


@pytest.fixture
def investor_b(enterprise_b):
    user = User(username="investor_b", role=Role.INVESTOR.value, full_name="Investor B", enterprise=enterprise_b)
    user.set_password("a-long-test-password")
    user.save()
    return user


@time_machine.travel(TET, tick=False)
def test_an_investor_submits_with_an_attachment_and_learns_the_number_and_the_date(
    login, investor_a, enterprise_a, project_a, agency_y
):
    client = login(investor_a)
    assert client.get(reverse("petitions:submit")).status_code == 200
    data = _form(project_a, concerned_agencies=[agency_y.pk], attachments=[_pdf(), _pdf("anh.png")])
    response = client.post(reverse("petitions:submit"), data, follow=True)
    petition = Petition.objects.get()
    assert response.redirect_chain[-1][0] == reverse("petitions:my_petition", args=[petition.pk])
    page = response.content.decode()
    assert petition.number == "KN-2026-0001" and "KN-2026-0001" in page
    # 10 working days from Tuesday 10/02/2026, the Tết holiday 16–20/02 not counted
    assert petition.due_on == date(2026, 3, 3)
    assert "dự kiến được trả lời trước ngày 03/03/2026, 10 ngày làm việc" in page
    assert petition.enterprise == enterprise_a and petition.channel == "investor_portal"
    assert list(petition.projects.all()) == [project_a] and list(petition.concerned_agencies.all()) == [agency_y]
    assert petition.publish_consent and petition.attachments.count() == 2
    attachment = petition.attachments.first()
    download = client.get(reverse("petitions:my_attachment", args=[petition.pk, attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    listing = client.get(reverse("petitions:mine")).content.decode()
    assert "KN-2026-0001" in listing and "Đã tiếp nhận" in listing and "03/03/2026" in listing


@time_machine.travel(TET, tick=False)
def test_bad_input_is_refused_with_a_vietnamese_error_and_the_entries_kept(
    login, investor_a, project_a, project_x, settings
):
    settings.TIENDO_PETITIONS_ATTACHMENT_MAX_BYTES = 1000
    client = login(investor_a)
    empty = client.post(reverse("petitions:submit"), _form(text="   "))
    assert empty.status_code == 400 and "Trường này là bắt buộc." in empty.content.decode()
    assert "Chậm cấp giấy phép xây dựng nhà xưởng" in empty.content.decode()  # the title typed is kept
    not_its_own = client.post(reverse("petitions:submit"), _form(project_x))
    assert not_its_own.status_code == 400 and "không phải là một trong các lựa chọn" in not_its_own.content.decode()
    too_large = client.post(reverse("petitions:submit"), _form(project_a, attachments=[_pdf("lon.pdf", 5000)]))
    assert too_large.status_code == 400 and "“lon.pdf” lớn hơn 1000" in too_large.content.decode()
    wrong_type = client.post(reverse("petitions:submit"), _form(attachments=[_pdf("chay.exe")]))
    assert (
        wrong_type.status_code == 400 and "“chay.exe” không phải loại tệp được đính kèm" in wrong_type.content.decode()
    )
    assert not Petition.objects.exists()


def test_an_investor_sees_only_its_own_petitions(login, investor_a, investor_b, specialist, officer_x):
    own, other = _receive(investor_a), _receive(investor_b)
    Petition.objects.filter(pk=other.pk).update(title="Kiến nghị của doanh nghiệp B")
    client = login(investor_a)
    listing = client.get(reverse("petitions:mine")).content.decode()
    assert own.number in listing and other.number not in listing
    assert client.get(reverse("petitions:my_petition", args=[own.pk])).status_code == 200
    for name in ("my_petition", "my_reply", "my_rate", "my_reopen", "my_withdraw"):
        method = client.get if name == "my_petition" else client.post
        assert method(reverse(f"petitions:{name}", args=[other.pk])).status_code == 404, name
    assert client.post(reverse("petitions:my_withdraw", args=[other.pk]), {"withdraw-reason": "x"}).status_code == 404
    assert Petition.objects.get(pk=other.pk).state == State.RECEIVED
    # the staff work from the desk: the enterprise's pages are not theirs
    for user in (specialist, officer_x):
        client = login(user)
        assert client.get(reverse("petitions:my_petition", args=[own.pk])).status_code == 404
        assert client.get(reverse("petitions:submit")).status_code == 404
        assert client.get(reverse("petitions:mine")).status_code in (302, 404)


def test_a_reply_to_a_request_moves_the_deadline_by_the_paused_working_days(
    login, investor_a, specialist, officer_x, agency_x
):
    with time_machine.travel(TET, tick=False):
        petition = _in_progress(_receive(investor_a), specialist, officer_x, agency_x)
    with time_machine.travel(date(2026, 2, 12), tick=False):
        petition = services.ask_enterprise(petition, actor=officer_x, request="Bổ sung bản vẽ tổng mặt bằng.")
    assert petition.due_on == date(2026, 3, 3)
    with time_machine.travel(date(2026, 2, 24), tick=False):
        client = login(investor_a)
        page = client.get(reverse("petitions:my_petition", args=[petition.pk])).content.decode()
        assert "Bổ sung bản vẽ tổng mặt bằng." in page and 'id="reply"' in page
        empty = client.post(reverse("petitions:my_reply", args=[petition.pk]), {"reply": "", "version": 1})
        assert empty.status_code == 400
        data = {"reply": "Đã bổ sung bản vẽ.", "version": petition.version, "attachments": [_pdf("mat-bang.pdf")]}
        response = client.post(reverse("petitions:my_reply", args=[petition.pk]), data)
    assert response.status_code == 302
    petition.refresh_from_db()
    # paused (12/02, 24/02]: 13/02, 23/02, 24/02 are working days; the deadline moves by exactly three
    assert petition.state == State.IN_PROGRESS and petition.due_on == date(2026, 3, 6)
    assert petition.pauses.get().reply == "Đã bổ sung bản vẽ."
    assert petition.attachments.filter(title="mat-bang.pdf").exists()


@time_machine.travel(date(2026, 3, 2), tick=False)
def test_rate_reopen_once_and_withdraw(login, investor_a, specialist, officer_x, agency_x):
    petition = _answered(_receive(investor_a), specialist, officer_x, agency_x)
    client = login(investor_a)
    url = reverse("petitions:my_petition", args=[petition.pk])
    page = client.get(url).content.decode()
    assert 'id="rate"' in page and 'id="reopen"' in page and 'id="withdraw"' not in page
    refused = client.post(
        reverse("petitions:my_rate", args=[petition.pk]), {"rating": "not_satisfied", "version": petition.version}
    )
    assert refused.status_code == 400 and "Nêu lý do chưa hài lòng với nội dung trả lời." in refused.content.decode()
    rated = client.post(
        reverse("petitions:my_rate", args=[petition.pk]),
        {"rating": "not_satisfied", "reason": "Chưa trả lời đúng câu hỏi.", "version": petition.version},
    )
    assert rated.status_code == 302
    petition.refresh_from_db()
    assert petition.state == State.RATED and petition.rating == "not_satisfied"
    reopen = reverse("petitions:my_reopen", args=[petition.pk])
    assert (
        client.post(reopen, {"reopen-reason": "Đề nghị trả lời lại.", "reopen-version": petition.version}).status_code
        == 302
    )
    petition.refresh_from_db()
    assert petition.state == State.IN_PROGRESS and petition.reopen_count == 1
    petition = services.answer(petition, actor=officer_x, text="Trả lời bổ sung.", legal_basis="Luật Đầu tư 2020")
    page = client.get(url).content.decode()
    assert 'id="reopen"' not in page and "Kiến nghị này đã được mở lại một lần." in page
    again = client.post(reopen, {"reopen-reason": "Lần nữa.", "reopen-version": petition.version})
    assert again.status_code == 400 and "Kiến nghị này đã được mở lại một lần." in again.content.decode()
    assert Petition.objects.get(pk=petition.pk).state == State.ANSWERED

    other = _in_progress(_receive(investor_a), specialist, officer_x, agency_x)
    withdraw = reverse("petitions:my_withdraw", args=[other.pk])
    assert client.post(withdraw, {"withdraw-reason": "", "withdraw-version": other.version}).status_code == 400
    done = client.post(withdraw, {"withdraw-reason": "Đã tự giải quyết được.", "withdraw-version": other.version})
    assert done.status_code == 302 and Petition.objects.get(pk=other.pk).state == State.WITHDRAWN


@time_machine.travel(date(2026, 3, 2), tick=False)
def test_a_stale_action_is_refused_and_the_entries_kept(login, investor_a, specialist, officer_x, agency_x):
    petition = _in_progress(_receive(investor_a), specialist, officer_x, agency_x)
    read_at = petition.version
    services.ask_enterprise(petition, actor=officer_x, request="Bổ sung hợp đồng thuê đất.")
    response = login(investor_a).post(
        reverse("petitions:my_withdraw", args=[petition.pk]),
        {"withdraw-reason": "Lý do rút kiến nghị của tôi", "withdraw-version": read_at},
    )
    page = response.content.decode()
    assert response.status_code == 400 and "đã được người khác thay đổi" in page
    assert "Lý do rút kiến nghị của tôi" in page
    assert Petition.objects.get(pk=petition.pk).state == State.WAITING_ENTERPRISE


def _translated_petition(investor_a, specialist, officer_x, agency_x):
    petition = _answered(_receive(investor_a), specialist, officer_x, agency_x)
    Petition.objects.filter(pk=petition.pk).update(
        text_en="Please explain the procedure.", answer_en="The procedure was explained."
    )
    return petition


def _no_vietnamese_but_data(page: str, petition) -> list[str]:
    text = unicodedata.normalize("NFC", visible_text(page))
    for data in sorted(
        {petition.title, petition.text, petition.answer, petition.legal_basis, petition.agency.name, "Tiếng Việt",
         petition.enterprise.name, petition.agency.short_name, petition.number}, key=len, reverse=True
    ):  # fmt: skip
        text = text.replace(data, "") if data else text
    return [word for word in text.split() if VIETNAMESE.search(word)]


@time_machine.travel(date(2026, 3, 2), tick=False)
@pytest.mark.parametrize(
    ("language", "state", "translated", "note"),
    [
        ("en", "Answered", "The procedure was explained.", "No translation into your language"),
        ("zh-hans", "已答复", None, "尚无"),
    ],
)
def test_the_pages_in_english_and_chinese(
    login, investor_a, specialist, officer_x, agency_x, installation, language, state, translated, note
):
    petition = _translated_petition(investor_a, specialist, officer_x, agency_x)
    client = login(investor_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in (
        reverse("petitions:my_petition", args=[petition.pk]),
        reverse("petitions:mine"),
        reverse("petitions:submit"),
        reverse("enterprises:detail", args=[petition.enterprise_id]),
        reverse("home"),
    ):
        page = client.get(url).content.decode()
        assert not _no_vietnamese_but_data(page, petition), (url, _no_vietnamese_but_data(page, petition))
        if "/mine/" in url and "new" not in url:
            assert state in page
    page = client.get(reverse("petitions:my_petition", args=[petition.pk])).content.decode()
    assert "Đã hướng dẫn." in page  # the answer as written
    if translated:
        assert translated in page and "Please explain the procedure." in page
    else:
        assert note in page  # no Chinese translation given: said so


@time_machine.travel(date(2026, 3, 2), tick=False)
def test_the_vietnamese_page_has_no_english(login, investor_a, specialist, officer_x, agency_x):
    petition = _translated_petition(investor_a, specialist, officer_x, agency_x)
    page = login(investor_a).get(reverse("petitions:my_petition", args=[petition.pk])).content.decode()
    assert "Đã trả lời" in page and "Đánh giá câu trả lời" in page
    for english in ("Answered", "Your petition", "Rate the answer", "Reopen", "Please explain the procedure."):
        assert english not in page
    client = login(investor_a)
    listing = client.get(reverse("petitions:mine")).content.decode()
    assert "Đã trả lời" in listing and "Dự kiến trả lời trước" in listing
    form = client.get(reverse("petitions:submit")).content.decode()
    assert "Tệp đính kèm" in form and "Thuế, phí" in form and "Giấy phép xây dựng" in form
    for english in ("Answered", "Answer expected by", "Attachments", "Tax and fees", "working days", "Send the"):
        assert english not in listing and english not in form


@time_machine.travel(date(2026, 3, 2), tick=False)
def test_the_translator_enters_the_translations(login, investor_a, specialist, officer_x, agency_x):
    petition = _answered(_receive(investor_a), specialist, officer_x, agency_x)
    url = reverse("petitions:translate", args=[petition.pk])
    for user in (investor_a, officer_x):
        assert login(user).get(url).status_code == 403
    client = login(specialist)
    assert client.get(url).status_code == 200
    data = {"text_en": "Please explain.", "text_zh": "请说明。", "answer_en": "", "answer_zh": "已说明。"}
    assert client.post(url, data | {"version": petition.version}).status_code == 302
    petition.refresh_from_db()
    assert (petition.text_en, petition.text_zh, petition.answer_zh) == ("Please explain.", "请说明。", "已说明。")
    assert petition.history.first().history_user == specialist
    stale = client.post(url, data | {"text_en": "Changed.", "version": petition.version - 1})
    assert stale.status_code == 400 and "Changed." in stale.content.decode()
    assert Petition.objects.get(pk=petition.pk).text_en == "Please explain."
    client = login(investor_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = client.get(reverse("petitions:my_petition", args=[petition.pk])).content.decode()
    assert "请说明。" in page and "已说明。" in page


def test_the_enterprise_page_lists_only_the_petitions_the_viewer_may_see(
    login, investor_a, enterprise_a, enterprise_b, agency_x, agency_y, officer_y, specialist
):
    answered_by_y = Petition.objects.create(
        number="KN-2026-0101", channel="letter", received_on=date(2026, 3, 2), enterprise=enterprise_a,
        agency=agency_y, title="Kiến nghị do cơ quan Y trả lời", text="Nội dung.",
    )  # fmt: skip
    answered_by_x = Petition.objects.create(
        number="KN-2026-0102", channel="letter", received_on=date(2026, 3, 2), enterprise=enterprise_a,
        agency=agency_x, title="Kiến nghị do cơ quan X trả lời", text="Nội dung.",
    )  # fmt: skip
    of_b = Petition.objects.create(
        number="KN-2026-0103", channel="letter", received_on=date(2026, 3, 2), enterprise=enterprise_b,
        agency=agency_x, title="Kiến nghị của doanh nghiệp B", text="Nội dung.",
    )  # fmt: skip
    url = reverse("enterprises:detail", args=[enterprise_a.pk])
    for user in (investor_a, specialist):
        page = login(user).get(url).content.decode()
        assert 'id="petitions"' in page
        assert answered_by_y.number in page and answered_by_x.number in page and of_b.number not in page
    page = login(investor_a).get(url).content.decode()
    assert reverse("petitions:my_petition", args=[answered_by_x.pk]) in page
    assert login(investor_a).get(reverse("enterprises:detail", args=[enterprise_b.pk])).status_code == 404
    # an officer reads no enterprise page today; were it to, the panel would hold only its agency's petitions
    html = enterprise_panel(officer_y, enterprise_a)
    assert answered_by_y.number in html and answered_by_x.number not in html
    assert enterprise_panel(AnonymousUser(), enterprise_a) == ""


def test_the_investor_s_home_says_how_many_petitions_wait(login, investor_a):
    _receive(investor_a)
    page = login(investor_a).get(reverse("home")).content.decode()
    assert "1 kiến nghị của bạn đang chờ trả lời." in page and reverse("petitions:mine") in page
