"""The demo's 2024 review of public projects behind schedule: one round, submitted by the specialist, decided by the
leader on its days, closed with its numbered conclusion notice and follow-up tasks, and the public project page
showing the handling decided (never the proposal or the specialist's notes)."""

import random
from datetime import date

import pytest
from django.db import transaction
from django.utils import timezone

from tiendo.demo import generate
from tiendo.demo import reviews as demo_reviews
from tiendo.directives.models import Directive, Task
from tiendo.domain.projects import ProjectKind
from tiendo.reviews.models import ReviewItem, ReviewRound

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The small demo province, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        counts = generate.load("test", seed=7, progress=lambda _m: None)
        yield counts
        transaction.set_rollback(True)


def decided():
    return ReviewItem.objects.exclude(decision="").select_related("project", "round")


def test_one_closed_round_with_a_handful_decided_on_public_projects(demo):
    review = ReviewRound.objects.get()
    assert review.title == demo_reviews.TITLE
    assert review.as_of == date(2024, 6, 30)
    assert review.scope == ReviewRound.Scope.PUBLIC
    assert review.state == ReviewRound.State.CLOSED
    assert review.opened_by.username == "chuyenvien" and review.submitted_by.username == "chuyenvien"
    items = list(decided())
    assert 6 <= len(items) <= 10
    assert demo["reviews"]["decided"] == len(items) and 0 <= demo["phases"]["reviews"] < 5
    assert {item.project.kind for item in items} == {ProjectKind.PUBLIC.value}
    assert {item.decided_by.username for item in items} == {"lanhdao"}
    decisions = [item.decision for item in items]
    assert decisions.count(ReviewItem.Decision.AGREED) >= len(items) - 2
    assert ReviewItem.Decision.OTHER in decisions and ReviewItem.Decision.DEFERRED in decisions
    # the unconfirmed rest stay in the round, out of the leaders' brief
    assert not review.items.filter(confirmed=True, decision="").exists()


def test_dates_follow_the_story_not_the_day_the_demo_ran(demo):
    review = ReviewRound.objects.get()
    assert timezone.localdate(review.submitted_at) == demo_reviews.SUBMITTED
    days = {timezone.localdate(item.decided_at) for item in decided()}
    assert days == set(demo_reviews.DECIDED)
    assert review.as_of < demo_reviews.SUBMITTED < min(days) <= max(days) < timezone.localdate()


def test_the_conclusion_notice_is_numbered_and_tracks_the_follow_ups(demo):
    review = ReviewRound.objects.get()
    notice = review.conclusion
    assert notice.kind == Directive.Kind.CONCLUSION
    assert notice.number == demo_reviews.NOTICE_NUMBER
    assert notice.issued_on == demo_reviews.DECIDED[0]
    tasks = Task.objects.filter(directive=notice)
    followed = decided().exclude(decision=ReviewItem.Decision.DEFERRED)
    assert tasks.count() == followed.count() == demo["reviews"]["follow_ups"]
    assert set(tasks.values_list("project_id", flat=True)) == set(followed.values_list("project_id", flat=True))
    under_way = list(tasks.filter(completed_on=None).select_related("lead_agency"))
    assert len(under_way) <= 1 and all(task.lead_agency.valid_to is None for task in under_way)
    assert all(task.completed_on <= task.deadline for task in tasks.exclude(completed_on=None))
    for item in decided():
        assert f"- {item.project.code} " in notice.text


def test_the_public_page_shows_the_handling_decided_never_the_proposal_or_notes(demo, client):
    for item in decided():
        page = client.get(f"/en/public-investment/{item.project.code}/")
        assert page.status_code == 200
        html = page.content.decode()
        assert "Handling decided" in html
        assert f"{item.decided_at.astimezone(timezone.get_current_timezone()):%d/%m/%Y}" in html
        assert demo_reviews.NOTICE_NUMBER in html
        assert item.proposal_text not in html
        assert item.note and item.note not in html
        if item.decision == ReviewItem.Decision.OTHER:
            assert demo_reviews.OTHER_MEASURE not in html


def test_the_projects_decided_are_the_seeds_draw(demo):
    """Deterministic: the items decided are those the seed draws from the round, whatever day the demo runs."""
    review = ReviewRound.objects.get()
    drawn = demo_reviews.choose(review, random.Random("7-reviews"))
    assert [item.pk for item in drawn] == list(decided().order_by("project__code").values_list("pk", flat=True))
    assert demo["reviews"]["items"] == review.items.count() >= len(drawn)
