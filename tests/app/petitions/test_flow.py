"""A petition from an investor's submission to a published answer and a rating, with its deadline around Tết;
the permissions of each move; stale edits refused."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tiendo.audit.versions import StaleVersion
from tiendo.petitions import services
from tiendo.petitions.models import Kind, Petition, State, Topic
from tiendo.workdays.models import DeclaredDay


def _submit(investor, project=None, **extra):
    petition = Petition(
        title="Chậm cấp giấy phép xây dựng nhà xưởng",
        text="Hồ sơ nộp từ tháng 12 nhưng chưa được giải quyết. Liên hệ ông Trần Văn Bình 0912 345 678.",
        topic=Topic.CONSTRUCTION_PERMIT,
        channel="investor_portal",
        **extra,
    )
    return services.receive(petition, actor=investor, projects=[project] if project else [])


@time_machine.travel(date(2026, 2, 10), tick=False)
def test_from_submission_to_rating_around_tet(investor_a, specialist, officer_x, agency_x, enterprise_a):
    petition = _submit(investor_a, petitioner_name="")
    assert petition.number == "KN-2026-0001"
    assert petition.enterprise_id == enterprise_a.pk
    assert petition.state == State.RECEIVED
    # 10 working days from Tuesday 10/02/2026: 11, 12, 13, then Tết 16–20/02, then 23, 24, 25, 26, 27/02, 02, 03/03
    assert petition.due_on == date(2026, 3, 3)

    petition = services.classify(
        petition, actor=specialist, kind=Kind.WITHIN_COMPETENCE, topic=Topic.CONSTRUCTION_PERMIT, agency=agency_x
    )
    petition = services.assign(petition, actor=specialist)
    petition = services.start_work(petition, actor=officer_x)
    with time_machine.travel(date(2026, 2, 12), tick=False):
        petition = services.ask_enterprise(petition, actor=officer_x, request="Bổ sung bản vẽ tổng mặt bằng.")
    assert petition.state == State.WAITING_ENTERPRISE
    with time_machine.travel(date(2026, 2, 24), tick=False):
        petition = services.enterprise_replies(petition, actor=investor_a, reply="Đã bổ sung bản vẽ.")
        # paused (12/02, 24/02]: 13/02, 23/02, 24/02 = 3 working days; the deadline moves by exactly that
        assert petition.due_on == date(2026, 3, 6)
        petition = services.answer(
            petition,
            actor=officer_x,
            text="Sở Xây dựng đã cấp phép ngày 24/02/2026. Liên hệ ông Trần Văn Bình 0912 345 678.",
            legal_basis="Luật Xây dựng 2014, Điều 102",
            document="Công văn 321/SXD-QLXD",
            publish_consent=True,
        )
        petition = services.publish(petition, actor=specialist)
        assert petition.state == State.PUBLISHED
        assert "0912" not in petition.published_text and "Trần Văn Bình" in petition.answer
        petition = services.rate(petition, actor=investor_a, rating="satisfied")
    assert petition.state == State.RATED
    moves = list(petition.changes.values_list("to_state", flat=True))
    assert moves == [
        "received",
        "classified",
        "assigned",
        "in_progress",
        "waiting_enterprise",
        "in_progress",
        "answered",
        "published",
        "rated",
    ]


@time_machine.travel(date(2026, 4, 27), tick=False)
def test_declared_days_move_the_deadline(investor_a, admin_user):
    from tiendo.workdays.services import save_declared_day

    plain = _submit(investor_a)
    save_declared_day(
        DeclaredDay(day=date(2026, 4, 29), kind="day_off", name="Nghỉ hoán đổi", document="Thông báo thử"),
        actor=admin_user,
    )
    later = _submit(investor_a)
    assert later.due_on > plain.due_on


@time_machine.travel(date(2026, 3, 2), tick=False)
def test_permissions_and_the_one_reopening(investor_a, specialist, officer_x, officer_y, agency_x, enterprise_b):
    petition = _submit(investor_a)
    with pytest.raises(PermissionDenied):
        services.classify(petition, actor=officer_x, kind=Kind.WITHIN_COMPETENCE, topic="tax", agency=agency_x)
    petition = services.classify(petition, actor=specialist, kind=Kind.WITHIN_COMPETENCE, topic="tax", agency=agency_x)
    petition = services.assign(petition, actor=specialist)
    with pytest.raises(PermissionDenied):
        services.start_work(petition, actor=officer_y)  # another agency's officer
    petition = services.start_work(petition, actor=officer_x)
    with pytest.raises(ValidationError):
        services.answer(petition, actor=officer_x, text="Đã xử lý.", legal_basis="")
    petition = services.answer(petition, actor=officer_x, text="Đã xử lý.", legal_basis="Luật Quản lý thuế 2019")
    with pytest.raises(PermissionDenied):
        services.rate(petition, actor=specialist, rating="satisfied")
    with pytest.raises(ValidationError):
        services.rate(petition, actor=investor_a, rating="not_satisfied", reason="")
    petition = services.rate(petition, actor=investor_a, rating="not_satisfied", reason="Chưa trả lời đúng câu hỏi.")
    petition = services.reopen(petition, actor=investor_a, reason="Đề nghị trả lời lại.")
    assert petition.state == State.IN_PROGRESS and petition.due_on > date(2026, 3, 2)
    petition = services.answer(petition, actor=officer_x, text="Trả lời bổ sung.", legal_basis="Luật Quản lý thuế 2019")
    with pytest.raises(ValidationError):
        services.reopen(petition, actor=investor_a, reason="Lần nữa.")


@time_machine.travel(date(2026, 3, 2), tick=False)
def test_complaint_is_redirected_and_stale_edit_refused(investor_a, specialist, agency_x):
    petition = _submit(investor_a)
    with pytest.raises(ValidationError):
        services.classify(petition, actor=specialist, kind=Kind.WITHIN_COMPETENCE, topic="tax", is_complaint=True)
    petition.refresh_from_db()  # the refused call changed nothing, but moved the version it held in memory
    read_at = petition.version
    services.classify(
        petition,
        actor=specialist,
        kind=Kind.WITHIN_COMPETENCE,
        topic="tax",
        is_complaint=True,
        redirect_note="Đây là khiếu nại: gửi theo Luật Khiếu nại đến Thanh tra tỉnh.",
        expected_version=read_at,
    )
    petition.refresh_from_db()
    assert petition.state == State.REJECTED
    with pytest.raises(StaleVersion):
        services.classify(
            petition, actor=specialist, kind="within_competence", topic="tax", agency=agency_x, expected_version=read_at
        )


@time_machine.travel(date(2026, 3, 2), tick=False)
def test_merged_petitions_get_the_group_answer(investor_a, specialist, officer_x, agency_x):
    lead, duplicate = _submit(investor_a), _submit(investor_a)
    services.merge([duplicate], lead, actor=specialist)
    lead = services.classify(lead, actor=specialist, kind=Kind.WITHIN_COMPETENCE, topic="tax", agency=agency_x)
    lead = services.assign(lead, actor=specialist)
    services.answer(lead, actor=officer_x, text="Trả lời chung.", legal_basis="Luật Quản lý thuế 2019")
    duplicate.refresh_from_db()
    assert duplicate.state == State.MERGED and duplicate.answer == "Trả lời chung."


def test_an_investor_sees_only_its_own(investor_a, enterprise_b, specialist, client):
    from tiendo.core import access

    with time_machine.travel(date(2026, 3, 2), tick=False):
        own = _submit(investor_a)
        other = services.receive(
            Petition(title="Khác", text="Nội dung", channel="letter", enterprise=enterprise_b), actor=specialist
        )
    visible = set(access.visible(investor_a, Petition).values_list("pk", flat=True))
    assert own.pk in visible and other.pk not in visible
