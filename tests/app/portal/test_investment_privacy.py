"""What the public-investment pages never show: private or deleted projects, draft plans, the engine's findings and
rule ids, the specialist's proposals and notes, the decision's free text, officers' names, e-mails and phones —
while the handling the leaders decided does appear. Decided once, in tiendo.portal.public."""

from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone, translation

from tiendo.agencies.models import Agency
from tiendo.core import access
from tiendo.directives.models import Directive
from tiendo.plans.models import Plan, PlanItem, PlanLine, PlanVersion, Source
from tiendo.projects.models import Project
from tiendo.reviews.models import ReviewItem, ReviewRound

from .investment_world import HIDDEN, B
from .test_investment_pages import get, text, url, world  # noqa: F401 (the world fixture)

pytestmark = pytest.mark.django_db
LANGUAGES = ("vi", "en", "zh-hans")


def public_addresses() -> list[str]:
    addresses = ["/sitemap.xml"]
    for language in LANGUAGES:
        with translation.override(language):
            addresses += [
                reverse("portal:home"),
                reverse("portal:sitemap_page"),
                reverse("portal:investment_list"),
                reverse("portal:investment_list") + "?sort=rate&status=implementing",
                reverse("portal:investment_detail", kwargs={"code": "HD-PUB-1"}),
                reverse("portal:investment_detail", kwargs={"code": "HD-PUB-2"}),
            ]
    return addresses


def test_no_public_page_shows_an_internal_text(client, world):  # noqa: F811
    decided = 0
    for address in public_addresses():
        page = text(client, address)
        shown = [marker for marker in HIDDEN if marker in page]
        assert not shown, f"{address} shows {shown}"
        decided += "15/TB-UBND" in page
    assert decided == 3  # the decided handling, on the project's page in each language


def test_a_signed_in_officer_reads_the_same_public_pages(client, world):  # noqa: F811
    client.force_login(world["officer"])
    for address in public_addresses():
        if address == "/":
            continue  # the site's root is the internal overview for a signed-in user
        page = text(client, address)
        assert not [marker for marker in HIDDEN if marker in page], address


def test_the_draft_adjustment_is_not_shown(client, world):  # noqa: F811
    for language in LANGUAGES:
        with translation.override(language):
            pages = [text(client, reverse("portal:investment_detail", kwargs={"code": "HD-PUB-1"}))]
            pages.append(text(client, reverse("portal:investment_list")))
        for page in pages:
            assert "99 tỷ" not in page and "99 billion" not in page and "990 亿" not in page
            assert "139 tỷ" not in page and "139 billion" not in page  # nor the approved and the draft added up


def test_a_year_with_only_a_draft_plan_shows_the_last_decided_one(client, world):  # noqa: F811
    plan = Plan.objects.create(kind="annual", first_year=2026, last_year=2026, title="MXI-PLAN-TITLE 2026")
    draft = PlanVersion.objects.create(plan=plan, number=0, purpose="initial", title="MXI-DRAFT-VERSION 2026")
    item = PlanItem.objects.create(version=draft, project=world["road"], tier="new", need=77 * B)
    PlanLine.objects.create(version=draft, item=item, source=Source.objects.get(code="NSDP"), amount=77 * B)
    with time_machine.travel(date(2026, 2, 1), tick=False):
        page = client.get(url("investment_list")).content.decode()
    assert "Kế hoạch đầu tư công năm 2025" in page and "năm 2026" not in page
    assert "77 tỷ" not in page and "MXI-DRAFT-VERSION" not in page


def test_the_public_visitor_reads_only_decided_plans_and_handlings(world):  # noqa: F811
    public = AnonymousUser()
    assert set(access.visible(public, PlanVersion).values_list("state", flat=True)) == {"approved"}
    assert [line.amount for line in access.visible(public, PlanLine)] == [40 * B]
    handlings = access.visible(public, ReviewItem)
    assert [(i.project.code, i.decision) for i in handlings] == [("HD-PUB-1", "agreed")]
    assert list(access.visible(public, ReviewRound).values_list("state", flat=True)) == ["closed"]
    # a decision about a private project stays its investor's and the staff's
    closed = ReviewRound.objects.get(state="closed")
    private = ReviewItem.objects.create(
        round=closed, project=Project.objects.get(code="HD-PRIV-1"), proposal="remind", proposal_text="x",
        legal_ground="x", confirmed=True, decision="agreed", decided_at=timezone.now(),
    )  # fmt: skip
    assert private not in access.visible(public, ReviewItem)


def test_the_published_fields_leave_out_the_internal_ones():
    never = {
        ReviewItem: {"findings", "proposal_text", "legal_ground", "note", "decision_text", "decided_by", "days_behind"},
        ReviewRound: {"title", "note", "opened_by", "submitted_by"},
        PlanVersion: {"title", "note", "allocation", "created_by", "approved_by"},
        PlanItem: {"explanation", "explanation_message", "note", "need", "floor"},
        Plan: {"title"},
    }
    for model, fields in never.items():
        assert not fields & set(access.published_fields(model)), model.__name__
    # an agency is named with its office's public contact (the open data's publicAuthority), never its head
    assert "head" not in access.published_fields(Agency)
    assert not {"signer", "text", "title", "created_by"} & set(access.published_fields(Directive))
