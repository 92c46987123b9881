"""A dialogue conference: its questions (raised on the day or received before), the answers given on the spot,
its conclusion read by the directives' engine and accepted as tracked commitments, the follow-up page's statuses
as time passes, the command line, permissions and bad input."""

import json
import re
import unicodedata
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from tiendo.agencies.models import Agency
from tiendo.audit.versions import StaleVersion
from tiendo.directives.models import Directive, Task
from tiendo.petitions import services as petition_services
from tiendo.petitions import services_conferences as services
from tiendo.petitions.models import Conference, Petition, State, Topic

from .conference_text import CONCLUSION, WRITTEN

pytestmark = pytest.mark.django_db

HELD = date(2026, 5, 15)
DEPARTMENTS = [
    ("HD-SXD", "Sở Xây dựng tỉnh Hải Dương"),
    ("HD-SNNMT", "Sở Nông nghiệp và Môi trường tỉnh Hải Dương"),
    ("HD-BQLKCN", "Ban Quản lý các khu công nghiệp tỉnh Hải Dương"),
    ("HD-SNV", "Sở Nội vụ tỉnh Hải Dương"),
    ("HD-SCT", "Sở Công Thương tỉnh Hải Dương"),
]


@pytest.fixture
def departments(people_committee, agency_x, agency_y, installation):
    for code, name in DEPARTMENTS:
        Agency.objects.create(
            code=code, name=name, kind="department", parent=people_committee, admin_unit=people_committee.admin_unit
        )
    return {agency.code: agency for agency in Agency.objects.all()}


@pytest.fixture
def conference(specialist):
    with time_machine.travel(date(2026, 5, 16), tick=False):
        return services.save_conference(
            Conference(
                title="Hội nghị đối thoại doanh nghiệp năm 2026",
                held_on=HELD,
                place="Trung tâm Hội nghị tỉnh",
                chair="Chủ tịch UBND tỉnh",
                participants="Lãnh đạo UBND tỉnh\nCác sở, ngành\nHiệp hội Doanh nghiệp tỉnh",
            ),
            actor=specialist,
        )


def _accepted(proposals, departments) -> list[dict]:
    """What a person accepts on the review page when every proposal is right."""
    return [
        {"title": t.action, "assignee_text": t.assignee, "lead_agencies": [departments[t.agency]],
         "cooperating_text": ", ".join(t.cooperating), "deadline": t.deadline, "deadline_text": t.deadline_text or "",
         "standing": t.standing, "sentence": t.sentence}
        for t in proposals
    ]  # fmt: skip


def _conclude(conference, specialist, departments):
    with time_machine.travel(date(2026, 5, 20), tick=False):
        conference = services.set_conclusion(
            conference,
            actor=specialist,
            number="112/TB-UBND",
            issued_on=date(2026, 5, 20),
            issuer="Ủy ban nhân dân tỉnh",
            signer="Chủ tịch UBND tỉnh",
            text=CONCLUSION,
        )
        proposals = services.propose_commitments(conference).tasks
        tasks = services.accept_commitments(conference, _accepted(proposals, departments), actor=specialist)
    return conference, proposals, tasks


def test_the_conclusion_becomes_tracked_commitments(conference, specialist, departments):
    conference, proposals, tasks = _conclude(conference, specialist, departments)
    directive = conference.conclusion
    assert directive.kind == Directive.Kind.CONCLUSION and directive.number == "112/TB-UBND"
    # the engine reads every commitment written, with its department and deadline ("trong tháng 9/2026": its end)
    found = sorted((t.agency, t.deadline.isoformat()) for t in proposals)
    assert found == sorted(WRITTEN)
    assert len(tasks) == len(WRITTEN) == 6
    assert sorted((t.lead_agency.code, t.deadline.isoformat()) for t in tasks) == sorted(WRITTEN)
    assert all(t.directive_id == directive.pk for t in tasks)
    finance = next(t for t in tasks if t.lead_agency.code == "HD-STC")
    assert finance.deadline_text == "trước ngày 30/6/2026" and "Kế hoạch và Đầu tư" in finance.cooperating_text
    # tracked like any task: on the board with a status
    assert Task.objects.filter(directive=directive).in_status("in_progress", date(2026, 6, 1)).count() == 6


def test_questions_raised_on_the_day_and_received_before(conference, specialist, investor_a, enterprise_a):
    with time_machine.travel(date(2026, 5, 16), tick=False):
        raised = services.add_question(
            conference,
            actor=specialist,
            title="Cấp điện cho nhà xưởng mở rộng",
            text="Doanh nghiệp đề nghị sớm đấu nối trạm biến áp 110 kV.",
            enterprise=enterprise_a,
            topic=Topic.POWER_WATER,
            spot_answer="Giao Công ty Điện lực làm việc với doanh nghiệp trong tuần.",
        )
        assert raised.channel == "conference" and raised.raised_on_the_day and raised.conference == conference
        assert raised.received_on == HELD and raised.number.startswith("KN-2026-") and raised.due_on
        assert raised.state == State.RECEIVED  # the spot answer does not close it
        by_name = services.add_question(
            conference, actor=specialist, title="Thủ tục PCCC", text="Hồ sơ PCCC chậm.", petitioner_name="Hiệp hội DN"
        )
        assert by_name.enterprise is None and by_name.petitioner_name == "Hiệp hội DN"
    with time_machine.travel(date(2026, 5, 2), tick=False):
        before = petition_services.receive(
            Petition(title="Chậm giao đất", text="Đã nộp hồ sơ từ tháng 3.", channel="investor_portal"),
            actor=investor_a,
        )
    with time_machine.travel(date(2026, 5, 16), tick=False):
        linked = services.link_question(conference, before, actor=specialist)
        assert linked.conference == conference and not linked.raised_on_the_day
        assert linked.received_on == date(2026, 5, 2)  # keeps its number and deadline
        with pytest.raises(ValidationError):
            services.link_question(conference, linked, actor=specialist)
        answered = services.record_spot_answer(linked, actor=specialist, answer="Sở sẽ trả lời trước 30/5.")
        assert answered.spot_answer == "Sở sẽ trả lời trước 30/5." and answered.state == State.RECEIVED
        with pytest.raises(StaleVersion):
            services.record_spot_answer(linked, actor=specialist, answer="Khác", expected_version=1)
    assert set(conference.questions.values_list("pk", flat=True)) == {raised.pk, by_name.pk, before.pk}
    assert answered.history.first().history_change_reason


def test_bad_input_is_refused_in_vietnamese(conference, specialist, enterprise_a, settings):
    settings.LANGUAGE_CODE = "vi"
    with pytest.raises(ValidationError) as refused:
        services.save_conference(Conference(title=" ", held_on=HELD, chair=""), actor=specialist)
    assert set(refused.value.message_dict) == {"title", "chair"}
    with time_machine.travel(date(2026, 5, 16), tick=False):
        with pytest.raises(ValidationError):  # neither an enterprise nor a name
            services.add_question(conference, actor=specialist, title="Hỏi", text="Nội dung")
        with pytest.raises(ValidationError):
            services.add_question(conference, actor=specialist, title="", text="", enterprise=enterprise_a)
        with pytest.raises(ValidationError) as refused:
            services.set_conclusion(
                conference, actor=specialist, number="1/TB", issued_on=date(2026, 5, 1), issuer="", text=" "
            )
        assert set(refused.value.message_dict) == {"issued_on", "issuer", "text"}
    with time_machine.travel(date(2026, 5, 10), tick=False):  # not held yet
        with pytest.raises(ValidationError):
            services.add_question(conference, actor=specialist, title="Hỏi", text="Nội dung", enterprise=enterprise_a)
    with pytest.raises(ValidationError):
        services.propose_commitments(conference)
    assert Petition.objects.count() == 0 and Directive.objects.count() == 0


def test_permissions_of_the_services(conference, officer_x, investor_a, leader, enterprise_a):
    for actor in (officer_x, investor_a, leader):
        with pytest.raises(PermissionDenied):
            services.save_conference(conference, actor=actor)
        with pytest.raises(PermissionDenied):
            services.add_question(conference, actor=actor, title="Hỏi", text="Nội dung", enterprise=enterprise_a)
        with pytest.raises(PermissionDenied):
            services.set_conclusion(
                conference, actor=actor, number="1", issued_on=HELD, issuer="UBND tỉnh", text=CONCLUSION
            )


def _status_counts(html: str) -> dict[str, int]:
    return {
        status: int(re.search(rf'id="count-{status}"><div class="value">(\d+)', html).group(1))
        for status in ("overdue", "in_progress", "done_late", "done_on_time")
    }


def test_follow_up_statuses_as_time_passes(conference, specialist, departments, enterprise_a, login):
    conference, _, tasks = _conclude(conference, specialist, departments)
    by_agency = {task.lead_agency.code: task for task in tasks}
    with time_machine.travel(date(2026, 5, 16), tick=False):
        question = services.add_question(
            conference, actor=specialist, title="Cấp điện", text="Đề nghị đấu nối sớm.", enterprise=enterprise_a
        )
    due = question.due_on
    # the finance department finished on time, construction late; the question not answered yet
    Task.objects.filter(pk=by_agency["HD-STC"].pk).update(completed_on=date(2026, 6, 25), progress=100)
    Task.objects.filter(pk=by_agency["HD-SXD"].pk).update(completed_on=date(2026, 7, 20), progress=100)
    client = login(specialist)
    url = reverse("petitions:conference_followup", args=[conference.pk])
    with time_machine.travel(date(2026, 6, 1), tick=False):
        # 01/06: finance not yet done (in progress), the question past its 10 working days
        assert due < date(2026, 6, 1)
        counts = _status_counts(client.get(url).content.decode())
        assert counts == {"overdue": 1, "in_progress": 6, "done_late": 0, "done_on_time": 0}
    with time_machine.travel(date(2026, 8, 1), tick=False):
        html = client.get(url).content.decode()
        # finance on time, construction late; the question still overdue; the rest within their deadlines
        assert _status_counts(html) == {"overdue": 1, "in_progress": 4, "done_late": 1, "done_on_time": 1}
        assert "112/TB-UBND" in html and question.number in html
    petition = Petition.objects.get(pk=question.pk)
    with time_machine.travel(date(2026, 8, 3), tick=False):
        petition = petition_services.classify(
            petition, actor=specialist, kind="within_competence", topic="power_water", agency=departments["HD-SCT"]
        )
        petition = petition_services.assign(petition, actor=specialist)
        petition_services.answer(petition, actor=specialist, text="Đã đấu nối.", legal_basis="Luật Điện lực 2024")
    with time_machine.travel(date(2026, 12, 1), tick=False):
        # everything else past its deadline; the question answered late
        counts = _status_counts(client.get(url).content.decode())
        assert counts == {"overdue": 4, "in_progress": 0, "done_late": 2, "done_on_time": 1}


def test_pages_for_each_role(conference, specialist, officer_x, officer_y, investor_a, leader, login, client):
    urls = [
        reverse("petitions:conferences") + "?year=2026",
        reverse("petitions:conference", args=[conference.pk]),
        reverse("petitions:conference_followup", args=[conference.pk]),
    ]
    edits = [
        reverse("petitions:conference_create"),
        reverse("petitions:conference_edit", args=[conference.pk]),
        reverse("petitions:conference_conclusion", args=[conference.pk]),
    ]
    for user in (specialist, leader, officer_x, officer_y):
        login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (user, url)
            assert "Hội nghị đối thoại doanh nghiệp năm 2026" in response.content.decode()
    login(officer_x)  # reads, cannot edit: no form, no edit link
    page = client.get(urls[1]).content.decode()
    assert reverse("petitions:conference_edit", args=[conference.pk]) not in page and 'name="q-title"' not in page
    for url in edits:
        assert client.get(url).status_code == 403
    post = client.post(
        reverse("petitions:conference_question_add", args=[conference.pk]),
        {"q-petitioner_name": "X", "q-title": "Hỏi", "q-text": "Nội dung", "q-topic": "other"},
    )
    assert post.status_code == 403
    login(investor_a)  # nothing: refused, or not found (a conference it may not see)
    for url in urls + edits:
        assert client.get(url).status_code in (403, 404)
    client.logout()
    for url in urls:
        assert client.get(url)["Location"].startswith(reverse("login"))


def test_the_pages_from_creation_to_commitments(specialist, departments, enterprise_a, login):
    client = login(specialist)
    with time_machine.travel(date(2026, 5, 16), tick=False):
        bad = client.post(reverse("petitions:conference_create"), {"title": "", "held_on": "32/13/2026"})
        assert bad.status_code == 400 and Conference.objects.count() == 0
        response = client.post(
            reverse("petitions:conference_create"),
            {"title": "Đối thoại doanh nghiệp FDI", "held_on": "15/05/2026", "chair": "Chủ tịch UBND tỉnh"},
        )
        conference = Conference.objects.get()
        assert response["Location"] == reverse("petitions:conference", args=[conference.pk])
        detail = reverse("petitions:conference", args=[conference.pk])
        add = reverse("petitions:conference_question_add", args=[conference.pk])
        refused = client.post(add, {"q-title": "Hỏi", "q-text": "Nội dung", "q-topic": "other"})
        assert refused.status_code == 400 and Petition.objects.count() == 0
        client.post(
            add,
            {"q-enterprise": enterprise_a.pk, "q-title": "Đấu nối điện", "q-text": "Đề nghị đấu nối sớm.",
             "q-topic": "power_water", "q-spot_answer": "Điện lực làm việc trong tuần."},
        )  # fmt: skip
        question = Petition.objects.get()
        assert question.spot_answer == "Điện lực làm việc trong tuần." and question.raised_on_the_day
        link = reverse("petitions:conference_question_link", args=[conference.pk])
        assert client.post(link, {"l-petition": "KN-2026-9999"}).status_code == 400
        client.post(
            reverse("petitions:conference_spot_answer", args=[conference.pk, question.pk]),
            {"spot_answer": "Đã giao Điện lực.", "version": question.version},
        )
        assert Petition.objects.get().spot_answer == "Đã giao Điện lực."
    with time_machine.travel(date(2026, 5, 20), tick=False):
        conclusion_url = reverse("petitions:conference_conclusion", args=[conference.pk])
        wrong = client.post(
            conclusion_url,
            {"issued_on": "20/05/2026", "issuer": "UBND tỉnh", "version": conference.version,
             "document": SimpleUploadedFile("kl.xlsx", b"PK\x03\x04")},
        )  # fmt: skip
        assert wrong.status_code == 400 and Directive.objects.count() == 0
        response = client.post(
            conclusion_url,
            {"number": "112/TB-UBND", "issued_on": "20/05/2026", "issuer": "Ủy ban nhân dân tỉnh",
             "version": conference.version,
             "document": SimpleUploadedFile("ket-luan.txt", CONCLUSION.encode("utf-8"))},
        )  # fmt: skip
        conference.refresh_from_db()
        directive = conference.conclusion
        assert directive.kind == "conclusion" and directive.source == "ket-luan.txt"
        extract_url = response["Location"]
        assert extract_url.startswith(reverse("directives:extract_into", args=[directive.pk]))
        assert "next=" in extract_url
        # the directives' review page, opened for the conclusion, returns to the conference after acceptance
        review = client.post(extract_url, {"step": "analyse", "text": directive.text, "document_date": "20/05/2026"})
        assert review.status_code == 200
        forms = review.context["formset"].initial
        assert len(forms) == 6
        data = {"step": "accept", "source_text": review.context["text"], "next": detail}
        data.update({"form-TOTAL_FORMS": len(forms), "form-INITIAL_FORMS": len(forms)})
        for index, proposal in enumerate(forms):
            for key in ("assignee_text", "title", "cooperating_text", "deadline_text", "sentence", "start", "end"):
                data[f"form-{index}-{key}"] = proposal[key] if proposal[key] is not None else ""
            data[f"form-{index}-include"] = "on"
            data[f"form-{index}-lead_agencies"] = proposal["lead_agencies"]
            data[f"form-{index}-deadline"] = proposal["deadline"].strftime("%d/%m/%Y")
        accepted = client.post(extract_url, data)
        assert accepted.status_code == 302 and accepted["Location"] == detail
        assert Task.objects.filter(directive=directive).count() == 6
        page = client.get(detail).content.decode()
        assert "Sở Xây dựng" in page and "15/07/2026" in page
        # a foreign "next" is ignored
        assert client.get(extract_url.split("?")[0] + "?next=https://evil.example/").context["next"] == ""


def _cli(*args) -> dict:
    out = StringIO()
    call_command("petitions", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_command_line(specialist, officer_x, departments, enterprise_a, tmp_path):
    with time_machine.travel(date(2026, 5, 20), tick=False):
        created = _cli(
            "conference-create", "--title", "Đối thoại 2026", "--date", "15/05/2026", "--chair", "Chủ tịch",
            "--participants", "Sở Tài chính; Hiệp hội DN", "--as", "specialist",
        )  # fmt: skip
        pk = str(created["id"])
        assert created["participants"] == ["Sở Tài chính", "Hiệp hội DN"]
        question = _cli(
            "conference-question", pk, "--title", "Đấu nối điện", "--text", "Đề nghị đấu nối sớm.",
            "--enterprise", enterprise_a.tax_code, "--spot-answer", "Đã giao Điện lực.", "--as", "specialist",
        )  # fmt: skip
        assert question["raised_on_the_day"] and question["spot_answer"] == "Đã giao Điện lực."
        source = tmp_path / "kl.txt"
        source.write_text(CONCLUSION, encoding="utf-8")
        result = _cli(
            "conference-conclusion", pk, "--file", str(source), "--date", "20/05/2026", "--number", "112/TB-UBND",
            "--accept", "--as", "specialist",
        )  # fmt: skip
        assert len(result["proposed"]) == 6 and len(result["accepted"]) == 6
        shown = _cli("conference-show", pk, "--as", "specialist")
        assert shown["counts"]["in_progress"] == 7 and shown["conclusion"]["number"] == "112/TB-UBND"
        assert {c["lead_agency"] for c in shown["commitments"]} == {code for code, _ in WRITTEN}
        # an officer reads the conference, and of its commitments and questions those of its agency (none here)
        mine = _cli("conference-show", pk, "--as", "officer_x")
        assert mine["title"] == "Đối thoại 2026" and mine["commitments"] == [] and mine["questions"] == []
        assert [c["title"] for c in _cli("conferences", "--year", "2026", "--as", "officer_x")["conferences"]] == [
            "Đối thoại 2026"
        ]
        with pytest.raises(CommandError, match="Không có quyền"):
            _cli("conference-create", "--title", "X", "--date", "15/05/2026", "--chair", "Y", "--as", "officer_x")
        with pytest.raises(CommandError, match="Không tìm thấy"):
            _cli("conference-show", "9999", "--as", "specialist")
        with pytest.raises(CommandError, match="Ngày không hợp lệ"):
            _cli("conference-create", "--title", "X", "--date", "31/02/2026", "--chair", "Y", "--as", "specialist")
        with pytest.raises(CommandError, match="doanh nghiệp"):
            _cli("conference-question", pk, "--title", "Hỏi", "--text", "Nội dung", "--as", "specialist")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_pages_speak_the_page_language(language, specialist, login, settings):
    """Every label, heading and message of the conference pages is translated (the data here has no Vietnamese)."""
    from tests.app.test_i18n import VIETNAMESE, visible_text

    with time_machine.travel(date(2026, 5, 16), tick=False):
        conference = services.save_conference(
            Conference(title="FDI dialogue 2026", held_on=HELD, chair="Chairman", participants="DPI\nDOF"),
            actor=specialist,
        )
        services.add_question(conference, actor=specialist, title="Power", text="Grid", petitioner_name="ABC Ltd")
        client = login(specialist)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for url in (
            reverse("petitions:conferences"),
            reverse("petitions:conference", args=[conference.pk]),
            reverse("petitions:conference_followup", args=[conference.pk]),
            reverse("petitions:conference_edit", args=[conference.pk]),
            reverse("petitions:conference_create"),
            reverse("petitions:conference_conclusion", args=[conference.pk]),
        ):
            text = unicodedata.normalize("NFC", visible_text(client.get(url).content.decode()))
            text = text.replace(unicodedata.normalize("NFC", "Tiếng Việt"), "")  # the language switcher
            leaks = [text[max(0, m.start() - 30) : m.end() + 30] for m in VIETNAMESE.finditer(text)]
            assert not leaks, (url, leaks)


def test_stale_edits_are_refused_and_the_conclusion_is_corrected_in_place(conference, specialist, departments):
    read_at = conference.version
    conference.place = "Nhà khách tỉnh"
    services.save_conference(conference, actor=specialist, expected_version=read_at)
    with pytest.raises(StaleVersion):
        services.save_conference(conference, actor=specialist, expected_version=read_at)
    conference, _, _ = _conclude(conference, specialist, departments)
    first = conference.conclusion_id
    with time_machine.travel(date(2026, 5, 21), tick=False):
        corrected = services.set_conclusion(
            conference, actor=specialist, number="113/TB-UBND", issued_on=date(2026, 5, 20),
            issuer="Ủy ban nhân dân tỉnh", text=CONCLUSION, expected_version=conference.version,
        )  # fmt: skip
        with pytest.raises(StaleVersion):
            services.set_conclusion(
                conference, actor=specialist, number="114/TB-UBND", issued_on=date(2026, 5, 20),
                issuer="Ủy ban nhân dân tỉnh", text=CONCLUSION, expected_version=read_at,
            )  # fmt: skip
    assert corrected.conclusion_id == first and Directive.objects.get(pk=first).number == "113/TB-UBND"
    assert Directive.objects.count() == 1 and Task.objects.filter(directive_id=first).count() == 6
