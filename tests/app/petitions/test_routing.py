"""The agency suggested on receipt from the live agencies (named in the text, the project's, the topic's), its
reason said in each language, the complaint check, and the duplicates a user may see."""

from datetime import date

import pytest
import time_machine
from django.utils import translation

from tiendo.accounts.models import User
from tiendo.agencies.models import Agency
from tiendo.domain.access import Role
from tiendo.petitions import duplicates, routing, services
from tiendo.petitions.models import Petition, State, Topic

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture
def land(people_committee):
    return Agency.objects.create(
        code="HD-SNNMT",
        name="Sở Nông nghiệp và Môi trường tỉnh Hải Dương",
        kind="department",
        parent=people_committee,
        name_en="Department of Agriculture and Environment",
        name_zh="农业与环境厅",
        valid_from=date(2025, 3, 1),
    )


@pytest.fixture
def old_land(people_committee):
    """Merged away in 2025: never suggested for a petition received after."""
    return Agency.objects.create(
        code="HD-STNMT",
        name="Sở Tài nguyên và Môi trường tỉnh Hải Dương",
        kind="department",
        parent=people_committee,
        valid_to=date(2025, 2, 28),
    )


@pytest.fixture
def board(people_committee):
    return Agency.objects.create(
        code="HD-BQLKCN",
        name="Ban quản lý các khu công nghiệp tỉnh Hải Dương",
        kind="board",
        parent=people_committee,
        name_en="Industrial Zones Authority",
        name_zh="工业区管理委员会",
    )


@pytest.fixture
def party(people_committee):
    return Agency.objects.create(code="HD-TU", name="Tỉnh ủy Hải Dương - Ban Kinh tế", kind="party_committee")


@pytest.fixture
def zone_project(enterprise_a, agency_y, commune):
    from tiendo.projects.models import Project, Zone

    zone = Zone.objects.create(code="KCN-DA", name="Khu công nghiệp Đại An", kind="kcn")
    return Project.objects.create(
        code="HD-2023-0009",
        name="Nhà máy dệt may Đại An",
        kind="fdi",
        status="implementing",
        investor=enterprise_a,
        agency=agency_y,
        commune=commune,
        zone=zone,
        total_investment=500_000_000_000,
    )


def _receive(actor, text, topic=Topic.OTHER, projects=(), concerned=(), title="Kiến nghị của doanh nghiệp", **extra):
    petition = Petition(title=title, text=text, topic=topic, channel="letter", **extra)
    return services.receive(petition, actor=actor, projects=projects, concerned=concerned)


@time_machine.travel(TODAY, tick=False)
def test_an_agency_named_in_the_text_is_suggested_on_receipt(specialist, enterprise_a, agency_x, land, board):
    petition = _receive(specialist, "Đề nghị Sở NN&MT sớm trình giao đất lô CN5.", Topic.TAX, enterprise=enterprise_a)
    petition.refresh_from_db()
    assert petition.suggested_agency == land
    assert routing.decode(petition.suggestion_reason)["code"] == "named"
    with translation.override("vi"):
        assert routing.reason_text(petition) == "Kiến nghị nêu tên Sở Nông nghiệp và Môi trường tỉnh Hải Dương."
    with translation.override("en"):
        assert routing.reason_text(petition) == "The petition names Department of Agriculture and Environment."
    with translation.override("zh-hans"):
        assert "农业与环境厅" in routing.reason_text(petition)


@time_machine.travel(TODAY, tick=False)
def test_the_topic_picks_the_land_department_of_the_day(specialist, enterprise_a, land, old_land, party):
    petition = _receive(specialist, "Chưa được giao đất dù đã nộp đủ hồ sơ.", Topic.LAND, enterprise=enterprise_a)
    assert petition.suggested_agency == land  # the merged-away department is not proposed
    with translation.override("en"):
        assert routing.reason_text(petition) == (
            "The topic “Land” is in the field of Department of Agriculture and Environment."
        )


@time_machine.travel(TODAY, tick=False)
def test_a_tax_petition_goes_to_the_tax_office_not_the_finance_department(specialist, enterprise_a, people_committee):
    """The Department of Finance (created first: it would win a tie) is only the fallback for tax."""
    Agency.objects.create(code="HD-STC", name="Sở Tài chính tỉnh Hải Dương", kind="department", parent=people_committee)
    tax = Agency.objects.create(code="HP-THUE", name="Thuế thành phố Hải Phòng", kind="central")
    text = "Hồ sơ hoàn thuế giá trị gia tăng hàng xuất khẩu chưa được giải quyết."
    petition = _receive(specialist, text, Topic.TAX, enterprise=enterprise_a)
    assert petition.suggested_agency == tax
    assert routing.decode(petition.suggestion_reason)["code"] == "topic"


@time_machine.travel(TODAY, tick=False)
def test_a_construction_permit_in_an_industrial_zone_goes_to_the_board(investor_a, zone_project, board, agency_y):
    petition = _receive(
        investor_a, "Hồ sơ cấp phép xây dựng nhà xưởng chưa có kết quả.", Topic.CONSTRUCTION_PERMIT, [zone_project]
    )
    # the project's own agency (weight 3) outweighs the topic's kind (the board, first in a zone: 2); the board
    # is the runner-up
    assert petition.suggested_agency == agency_y
    assert routing.decode(petition.suggestion_reason)["code"] == "project"
    runner = routing.suggest_for(petition)
    assert board.pk in {r.agency_id for r in runner.runners_up}


@time_machine.travel(TODAY, tick=False)
def test_the_board_is_suggested_when_it_follows_the_zone_project(investor_a, zone_project, board):
    zone_project.agency = board
    zone_project.save()
    petition = _receive(investor_a, "Chậm cấp phép xây dựng.", Topic.CONSTRUCTION_PERMIT, [zone_project])
    assert petition.suggested_agency == board
    with translation.override("vi"):
        assert routing.reason_text(petition) == (
            "Ban quản lý các khu công nghiệp tỉnh Hải Dương phụ trách dự án của kiến nghị."
        )


@time_machine.travel(TODAY, tick=False)
def test_an_agency_marked_concerned_is_suggested(officer_x, agency_x, agency_y):
    petition = _receive(officer_x, "Vướng mắc thủ tục.", Topic.OTHER, concerned=[agency_y], petitioner_name="Ông A")
    assert petition.suggested_agency == agency_y
    assert list(petition.concerned_agencies.all()) == [agency_y]


@time_machine.travel(TODAY, tick=False)
def test_nothing_to_go_on_leaves_the_suggestion_empty(specialist, enterprise_a, party):
    petition = _receive(specialist, "Xin cảm ơn quý cơ quan.", Topic.OTHER, enterprise=enterprise_a)
    assert petition.suggested_agency is None and petition.suggestion_reason == ""
    assert routing.reason_text(petition) == ""


def test_a_reason_written_by_hand_is_shown_as_written():
    assert routing.reason_text(Petition(suggestion_reason="Theo chỉ đạo của lãnh đạo")) == "Theo chỉ đạo của lãnh đạo"
    assert routing.decode("[1, 2]") is None and routing.decode("{}") is None


def test_the_complaint_check_proposes_the_redirect_sentence():
    found = routing.complaint_of(Petition(title="Đơn khiếu nại", text="Khiếu nại quyết định xử phạt số 12/QĐ-XPHC."))
    assert found.kind == "complaint" and "Luật Khiếu nại năm 2011" in found.redirect
    assert not routing.complaint_of(Petition(title="Kiến nghị", text="Đề nghị hướng dẫn thủ tục."))


# ---- duplicates through the access layer ----

SAME = "Chậm bàn giao mặt bằng lô CN5 khu công nghiệp Đại An mở rộng, doanh nghiệp chưa thể khởi công nhà xưởng."


@pytest.fixture
def group(specialist, enterprise_a, enterprise_b, agency_x, agency_y):
    """Three petitions on the same difficulty (two of enterprise A, one of B) and one on tax."""
    with time_machine.travel(TODAY, tick=False):
        first = _receive(specialist, SAME, Topic.SITE_CLEARANCE, enterprise=enterprise_a)
        again = _receive(specialist, SAME, Topic.SITE_CLEARANCE, enterprise=enterprise_a)
        reworded = SAME.replace("doanh nghiệp", "công ty")
        other = _receive(specialist, reworded, Topic.SITE_CLEARANCE, enterprise=enterprise_b)
        tax = _receive(specialist, "Đề nghị hoàn thuế giá trị gia tăng.", Topic.TAX, enterprise=enterprise_a)
    Petition.objects.filter(pk__in=[first.pk, again.pk]).update(agency=agency_x)
    Petition.objects.filter(pk=other.pk).update(agency=agency_y)
    return first, again, other, tax


def test_the_specialist_sees_every_likely_duplicate_with_reasons(group, specialist):
    first, again, other, tax = group
    found = duplicates.candidates_for(first, specialist)
    assert [p for p, _, _ in found] == [again, other]
    petition, score, reasons = found[0]
    assert score == 0.9  # the same words, enterprise and topic; no project shared
    with translation.override("vi"):
        _, _, reasons = duplicates.candidates_for(first, specialist)[0]
    assert "cùng doanh nghiệp" in reasons and "100% nội dung giống nhau" in reasons
    # the tax petition shares only the enterprise (0.2): below the default threshold, above a lower one
    assert tax not in [p for p, _, _ in found]
    assert tax in [p for p, _, _ in duplicates.candidates_for(first, specialist, threshold=0.15)]


def test_merged_or_withdrawn_petitions_are_no_candidates(group, specialist):
    first, again, other, _ = group
    Petition.objects.filter(pk=again.pk).update(state=State.MERGED, merged_into=first)
    assert [p for p, _, _ in duplicates.candidates_for(first, specialist)] == [other]


def test_an_officer_sees_only_its_agencys_duplicates(group, officer_x, officer_y):
    first, again, other, _ = group
    assert [p for p, _, _ in duplicates.candidates_for(first, officer_x)] == [again]
    assert duplicates.candidates_for(first, officer_y) == []  # may not see the petition itself


def test_an_investor_sees_only_its_own(group, investor_a, enterprise_b):
    first, again, other, _ = group
    assert [p for p, _, _ in duplicates.candidates_for(first, investor_a)] == [again]
    investor_b = User(username="investor_b", role=Role.INVESTOR.value, enterprise=enterprise_b)
    investor_b.save()
    assert duplicates.candidates_for(first, investor_b) == []
    assert duplicates.candidates_for(other, investor_b) == []  # its own, but no duplicate it may see


def test_leader_admin_and_anonymous(group, leader, admin_user):
    from django.contrib.auth.models import AnonymousUser

    first, again, other, _ = group
    assert [p for p, _, _ in duplicates.candidates_for(first, admin_user)] == [again, other]
    assert [p for p, _, _ in duplicates.candidates_for(first, leader)] == [again, other]
    assert duplicates.candidates_for(first, AnonymousUser()) == []
