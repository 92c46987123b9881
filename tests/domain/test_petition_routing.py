"""Routing a petition to its agency, complaints told apart, duplicates found — on sentences an enterprise of a
Hải Dương or Hải Phòng industrial zone might write."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiendo.domain.petitions.duplicates import Candidate, find_duplicates, shingles, text_similarity
from tiendo.domain.petitions.routing import (
    REDIRECT_COMPLAINT,
    REDIRECT_DENUNCIATION,
    AgencyRef,
    Role,
    aliases_of,
    looks_like_complaint,
    roles_of,
    suggest,
)

LAND = AgencyRef.of(1, "Sở Nông nghiệp và Môi trường")
FINANCE = AgencyRef.of(2, "Sở Tài chính")
ZONES = AgencyRef.of(3, "Ban quản lý các khu công nghiệp tỉnh Hải Dương")
TAX = AgencyRef.of(4, "Cục Thuế tỉnh Hải Dương")
POWER = AgencyRef.of(5, "Công ty Điện lực Hải Dương")
BUILD = AgencyRef.of(6, "Sở Xây dựng")
HOME = AgencyRef.of(7, "Sở Nội vụ")
OLD_LAND = AgencyRef.of(8, "Sở Tài nguyên và Môi trường")
PLANNING = AgencyRef.of(9, "Sở Kế hoạch và Đầu tư")
ALL = [LAND, FINANCE, ZONES, TAX, POWER, BUILD, HOME, OLD_LAND, PLANNING]


@pytest.mark.parametrize(
    ("name", "alias"),
    [
        ("Sở Tài nguyên và Môi trường", "so tnmt"),
        ("Sở Kế hoạch và Đầu tư", "so khdt"),
        ("Ban quản lý các khu công nghiệp tỉnh Hải Dương", "bql cac kcn"),
        ("Ban quản lý các khu công nghiệp tỉnh Hải Dương", "bql kcn"),
        ("Cục Thuế tỉnh Hải Dương", "cuc thue"),
        ("Công ty Điện lực Hải Dương", "dien luc"),
        ("Sở Lao động - Thương binh và Xã hội", "so ldtbxh"),
        ("Sở Tài chính thành phố Hải Phòng", "so tai chinh"),
    ],
)
def test_the_usual_abbreviations_are_aliases(name, alias):
    assert alias in aliases_of(name)


def test_no_alias_is_a_bare_type_word():
    for agency in ALL:
        assert not {"so", "ban", "cuc", "cong ty"} & set(agency.aliases)


def test_roles_read_from_names():
    assert roles_of("Sở Nông nghiệp và Môi trường") == {Role.LAND_ENVIRONMENT, Role.AGRICULTURE}
    assert roles_of("Ban quản lý Khu kinh tế Hải Phòng") == {Role.ZONES_BOARD}
    assert Role.TAX in roles_of("Chi cục Thuế khu vực III")
    assert roles_of("Sở Tư pháp") == frozenset()


@pytest.mark.parametrize(
    "text",
    [
        "Đề nghị Sở TN&MT sớm thẩm định hồ sơ giao đất cho dự án.",
        "De nghi So TN & MT som tham dinh ho so giao dat.",  # typed without diacritics, spaces around &
        "Đề nghị STNMT sớm thẩm định hồ sơ.",
    ],
)
def test_an_agency_named_in_the_text_wins(text):
    found = suggest(text, "tax", ALL)
    assert found is not None
    assert found.agency_id == OLD_LAND.id
    assert found.reason.code == "named"
    assert found.reason.param("name") == OLD_LAND.name
    assert TAX.id in {r.agency_id for r in found.runners_up}  # the topic still counts, second


def test_the_topic_decides_when_nothing_is_named():
    found = suggest("Thủ tục hoàn thuế giá trị gia tăng kéo dài quá 3 tháng.", "tax", ALL)
    assert found.agency_id == TAX.id and found.reason.code == "topic"
    assert found.reason.param("topic") == "tax"
    land = suggest("Chưa được giao đất dù đã nộp tiền thuê đất.", "land", ALL)
    assert land.agency_id == LAND.id  # listed first among the two land agencies


def test_a_construction_permit_in_an_industrial_zone_goes_to_the_zones_board():
    text = "Hồ sơ cấp giấy phép xây dựng nhà xưởng nộp từ tháng 3 chưa có kết quả."
    assert suggest(text, "construction_permit", ALL, in_industrial_zone=True).agency_id == ZONES.id
    assert suggest(text, "construction_permit", ALL).agency_id == BUILD.id


def test_the_projects_agency_beats_the_topic_but_not_a_name():
    text = "Dự án chậm điều chỉnh chủ trương đầu tư."
    found = suggest(text, "investment_procedure", ALL, project_agency_ids=[ZONES.id])
    assert found.agency_id == ZONES.id and found.reason.code == "project"
    named = suggest("Đề nghị Sở KH&ĐT hướng dẫn thủ tục.", "investment_procedure", ALL, project_agency_ids=[ZONES.id])
    assert named.agency_id == PLANNING.id


def test_an_agency_marked_concerned_weighs_like_the_projects():
    found = suggest("Vướng mắc thủ tục.", "land", ALL, concerned_agency_ids=[HOME.id])
    assert found.agency_id == HOME.id and found.reason.code == "concerned"


def test_power_and_labour():
    assert suggest("Điện lực cắt điện không báo trước 3 lần trong tháng.", "other", ALL).agency_id == POWER.id
    assert suggest("Thủ tục cấp giấy phép lao động cho chuyên gia nước ngoài.", "labour", ALL).agency_id == HOME.id


def test_before_the_2025_mergers_the_labour_department_answers_labour():
    labour = AgencyRef.of(10, "Sở Lao động - Thương binh và Xã hội")
    text = "Thủ tục cấp giấy phép lao động cho chuyên gia nước ngoài."
    assert suggest(text, "labour", [HOME, labour]).agency_id == labour.id
    assert suggest("Đề nghị Sở LĐ-TB&XH hướng dẫn.", "other", [HOME, labour]).agency_id == labour.id


def test_nothing_to_go_on_gives_no_suggestion():
    assert suggest("Xin cảm ơn.", "other", ALL) is None
    assert suggest("", "not-a-topic", ALL) is None
    assert suggest("Đề nghị Sở TN&MT xem xét.", "land", []) is None


def test_runners_up_are_limited_and_ordered():
    found = suggest("Giao đất và thuế.", "power_water", ALL, runners_up=2)
    assert len(found.runners_up) <= 2
    scores = [found.score, *(r.score for r in found.runners_up)]
    assert scores == sorted(scores, reverse=True)


@given(st.text(max_size=200), st.sampled_from(["land", "tax", "other", "labour", "x"]), st.booleans())
def test_suggest_never_fails_and_picks_a_known_agency(text, topic, zone):
    found = suggest(text, topic, ALL, in_industrial_zone=zone)
    assert found is None or found.agency_id in {a.id for a in ALL}


# ---- complaints and denunciations ----


@pytest.mark.parametrize(
    ("text", "kind", "redirect"),
    [
        ("Công ty làm đơn khiếu nại Quyết định xử phạt số 12/QĐ-XPHC.", "complaint", REDIRECT_COMPLAINT),
        ("Chung toi khieu nai hanh vi cua can bo dia chinh.", "complaint", REDIRECT_COMPLAINT),
        ("Tố cáo cán bộ thuế nhũng nhiễu, đòi tiền doanh nghiệp.", "denunciation", REDIRECT_DENUNCIATION),
        ("Khiếu nại và tố cáo việc thu hồi đất trái luật.", "denunciation", REDIRECT_DENUNCIATION),
    ],
)
def test_complaints_and_denunciations_are_recognised(text, kind, redirect):
    found = looks_like_complaint(text)
    assert found and found.kind == kind and found.redirect == redirect
    assert "Nghị định số 20/2008/NĐ-CP" in found.redirect


@pytest.mark.parametrize(
    "text",
    [
        "Đề nghị hướng dẫn thủ tục điều chỉnh giấy chứng nhận đăng ký đầu tư.",
        "Doanh nghiệp không khiếu nại, chỉ kiến nghị sửa quy định về phí hạ tầng.",
        "Chúng tôi chưa muốn tố cáo, mong Sở xem xét.",
        "",
    ],
)
def test_ordinary_petitions_are_not_complaints(text):
    found = looks_like_complaint(text)
    assert not found and found.redirect == ""


# ---- duplicates ----

BASE = Candidate(
    1,
    date(2026, 3, 2),
    "Chậm bàn giao mặt bằng lô CN5 khu công nghiệp Đại An mở rộng, doanh nghiệp không thể khởi công nhà xưởng.",
    "site_clearance",
    enterprise_id=10,
    project_ids=frozenset({100}),
)


def test_the_same_text_again_is_a_duplicate_with_its_reasons():
    text = BASE.text.replace("Đại An", "Dai An")
    again = Candidate(2, date(2026, 3, 20), text, "site_clearance", 10, frozenset({100}))
    [match] = find_duplicates(BASE, [again])
    assert match.id == 2 and match.score == 1.0
    codes = dict(match.reasons)
    assert codes["similar_text"] == "100" and "same_enterprise" in codes and "same_project" in codes
    assert codes["same_topic"] == "site_clearance"


def test_another_enterprise_with_the_same_difficulty_is_found_by_its_text():
    other = Candidate(
        3,
        date(2026, 4, 1),
        "Chậm bàn giao mặt bằng lô CN5 khu công nghiệp Đại An mở rộng khiến chúng tôi chưa thể khởi công.",
        "site_clearance",
        enterprise_id=11,
    )
    [match] = find_duplicates(BASE, [other])
    assert "same_enterprise" not in dict(match.reasons)
    assert 0.45 <= match.score < 1


def test_unrelated_far_or_same_petitions_are_left_out():
    unrelated = Candidate(4, date(2026, 3, 3), "Đề nghị hoàn thuế giá trị gia tăng hàng xuất khẩu.", "tax", 12)
    too_old = Candidate(5, date(2025, 9, 1), BASE.text, "site_clearance", 10, frozenset({100}))
    itself = Candidate(1, BASE.received_on, BASE.text, BASE.topic, 10)
    assert find_duplicates(BASE, [unrelated, too_old, itself]) == []
    assert [m.id for m in find_duplicates(BASE, [too_old], window_days=365)] == [5]


def test_the_threshold_is_a_parameter_and_results_are_ordered():
    same_firm = Candidate(6, date(2026, 3, 5), "Đề nghị hoàn thuế giá trị gia tăng.", "tax", 10)
    copy = Candidate(7, date(2026, 3, 6), BASE.text, "site_clearance", 10, frozenset({100}))
    assert [m.id for m in find_duplicates(BASE, [same_firm, copy])] == [7]
    low = find_duplicates(BASE, [same_firm, copy], threshold=0.1)
    assert [m.id for m in low] == [7, 6]
    with pytest.raises(ValueError):
        find_duplicates(BASE, [], threshold=1.5)


def test_similarity_of_shingles():
    a = shingles("Chậm bàn giao mặt bằng khu công nghiệp")
    assert text_similarity(a, a) == 1.0
    assert text_similarity(a, shingles("")) == 0.0
    assert shingles("đất") == frozenset({("dat",)})


@given(st.text(max_size=120), st.text(max_size=120))
def test_similarity_is_symmetric_and_bounded(x, y):
    a, b = shingles(x), shingles(y)
    assert text_similarity(a, b) == text_similarity(b, a)
    assert 0.0 <= text_similarity(a, b) <= 1.0


def test_a_tax_question_goes_to_the_tax_office_even_on_a_zone_project():
    """A VAT refund on a project the zone board follows is the tax office's to answer."""
    board = AgencyRef(1, "Ban Quản lý Khu kinh tế Hải Phòng", roles=frozenset({Role.ZONES_BOARD}))
    tax = AgencyRef(2, "Thuế thành phố Hải Phòng", roles=frozenset({Role.TAX}))
    found = suggest(
        "Chậm hoàn thuế giá trị gia tăng hàng xuất khẩu quý trước.",
        "tax",
        [board, tax],
        project_agency_ids=[1],
        in_industrial_zone=True,
    )
    assert found is not None and found.agency_id == 2
