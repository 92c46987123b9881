"""A petition about a project appears on the project page and on the project's review item, only to those who
may see the petition (the access layer): staff, the responsible agency's officers, the petitioner."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from tiendo.accounts.models import Role, User
from tiendo.petitions import project_pages, services
from tiendo.petitions.models import Kind, Petition, Topic
from tiendo.reviews.models import ReviewItem, ReviewRound

TITLE = "Đề nghị hỗ trợ đấu nối điện 110 kV cho nhà máy"


@pytest.fixture
def petition(specialist, agency_x, enterprise_a, project_a):
    """Enterprise A's petition about its project A (followed by agency Y), answered for by agency X."""
    with time_machine.travel(date(2026, 3, 2), tick=False):
        petition = Petition(
            title=TITLE,
            text="Nhà máy cần đấu nối điện trước quý III.",
            topic=Topic.POWER_WATER,
            channel="letter",
            enterprise=enterprise_a,
        )
        petition = services.receive(petition, actor=specialist, projects=[project_a])
        return services.classify(
            petition, actor=specialist, kind=Kind.WITHIN_COMPETENCE, topic=Topic.POWER_WATER, agency=agency_x
        )


@pytest.fixture
def investor_b(enterprise_b):
    return User.objects.create_user("investor_b", password="x", role=Role.INVESTOR, enterprise=enterprise_b)


def test_the_project_page_lists_the_petition_to_who_may_see_it(
    petition, project_a, login, leader, specialist, officer_x, officer_y, investor_a, investor_b, admin_user
):
    url = reverse("projects:detail", args=[project_a.code])
    for user in (leader, specialist, admin_user, investor_a):
        body = login(user).get(url).content.decode()
        assert petition.number in body and TITLE in body, user.username
        assert "Enterprises' petitions about this project" in body or "Kiến nghị của doanh nghiệp" in body
    # officer Y follows the project but its agency neither answers for the petition nor is concerned by it
    page = login(officer_y).get(url)
    assert page.status_code == 200 and petition.number not in page.content.decode()
    assert login(investor_b).get(url).status_code == 404
    # officer X answers for the petition but does not see project A: the page is not theirs
    assert login(officer_x).get(url).status_code == 404
    assert [p.number for p in project_pages.petitions_about(officer_x, project_a)] == [petition.number]


def test_a_project_without_petitions_has_no_panel(project_x, login, leader):
    body = login(leader).get(reverse("projects:detail", args=[project_x.code])).content.decode()
    assert 'id="petitions"' not in body


def test_the_review_item_lists_its_projects_petitions(petition, project_a, project_x, specialist, leader, login):
    review = ReviewRound.objects.create(
        title="Rà soát dự án chậm tiến độ", as_of=date(2026, 3, 1), opened_by=specialist
    )
    item = ReviewItem.objects.create(
        round=review, project=project_a, proposal="remind", proposal_text="Nhắc nhở", legal_ground="Luật Đầu tư"
    )
    other = ReviewItem.objects.create(
        round=review, project=project_x, proposal="remind", proposal_text="Nhắc nhở", legal_ground="Luật Đầu tư"
    )
    for user in (specialist, leader):
        body = login(user).get(reverse("reviews:item", args=[item.pk])).content.decode()
        assert petition.number in body and TITLE in body
        body = login(user).get(reverse("reviews:item", args=[other.pk])).content.decode()
        assert petition.number not in body and 'id="petitions"' not in body


def test_the_panel_shows_only_visible_petitions(petition, project_a, officer_y, investor_b, agency_y, specialist):
    assert project_pages.petitions_about(officer_y, project_a) == []
    assert project_pages.petitions_about(investor_b, project_a) == []
    petition.concerned_agencies.add(agency_y)  # agency Y is concerned: its officers see the petition
    assert [p.number for p in project_pages.petitions_about(officer_y, project_a)] == [petition.number]
