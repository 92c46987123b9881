"""The public-investment pages' cache, on real commits: a milestone marked done makes the cached project page stale,
and a change rolled back does not silence the next one."""

import pytest
from django.db import transaction

from tiendo.portal import edition
from tiendo.projects.models import Milestone
from tiendo.projects.services import save_milestone

from .investment_world import TODAY
from .test_investment_pages import ON_TODAY, get, url, world  # noqa: F401 (the world fixture)

pytestmark = pytest.mark.django_db(transaction=True)
LATE = '<span class="badge bad">quá hạn</span>'


def test_a_milestone_marked_done_drops_the_cached_page(client, world, specialist):  # noqa: F811
    address = url("investment_detail", code="HD-PUB-1")
    assert get(client, address)["X-Portal-Cache"] == "miss"
    assert get(client, address)["X-Portal-Cache"] == "hit"
    assert LATE in get(client, address).content.decode().split('id="milestones"')[1]
    milestone = Milestone.objects.get(pk=world["late"].pk)
    milestone.done = TODAY
    with ON_TODAY:
        save_milestone(milestone, actor=specialist, expected_version=milestone.version)
    response = get(client, address)
    assert response["X-Portal-Cache"] == "miss"
    milestones = response.content.decode().split('id="milestones"')[1].split("</section>")[0]
    assert "15/06/2025" in milestones and LATE not in milestones
    assert get(client, address)["X-Portal-Cache"] == "hit"


def test_a_change_rolled_back_does_not_silence_the_next(world, specialist):  # noqa: F811
    before = edition.current()
    milestone = Milestone.objects.get(pk=world["late"].pk)
    with pytest.raises(RuntimeError), transaction.atomic():
        milestone.done = TODAY
        save_milestone(milestone, actor=specialist)
        raise RuntimeError("the service failed after the save")
    assert edition.current() == before  # nothing was committed
    milestone = Milestone.objects.get(pk=world["late"].pk)
    milestone.done = TODAY
    save_milestone(milestone, actor=specialist)
    assert edition.current() == before + 1
    with transaction.atomic():  # several watched saves in one transaction move the edition once
        for kind in ("land_handover", "construction_start"):
            Milestone.objects.create(project=world["road"], kind=kind, first_due=TODAY)
    assert edition.current() == before + 2
