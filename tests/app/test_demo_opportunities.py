"""The demo's projects open for investment: every published one can be acted on (steps, contact, size, capital, an
agency of today, a commune of the province), the selection form fits the trade, capital per hectare is plausible for
the trade, every state and every translation status is there, the foreign-oriented ones read in Chinese, and nothing
is dated after today. docs/legal/opportunities.md says where the durations come from."""

import random
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from tiendo.core import access
from tiendo.demo import generate
from tiendo.demo.opportunities import loading
from tiendo.demo.opportunities.procedure import STEPS
from tiendo.demo.opportunities.specs import REVIEWED, Text
from tiendo.demo.projects.vocabulary import TY
from tiendo.domain.portal.translation import Status
from tiendo.enterprises.models import Enterprise
from tiendo.portal import services
from tiendo.portal.models import TRANSLATED_FIELDS, Opportunity, ProcedureStep

pytestmark = pytest.mark.django_db

# Indicative capital per hectare, tỷ đồng, that a project of each trade plausibly needs (land, works, equipment)
PER_HA = {
    "KCN": (12, 80),  # industrial zone or cluster infrastructure, site clearance included
    "BDS": (25, 150),  # urban areas and housing land
    "TM": (30, 400),  # commercial centres, markets
    "LOG": (15, 80),  # logistics centres, cold stores
    "DT": (50, 400),  # electronics plants
    "CB": (30, 200),  # factories, ready-built workshops
    "YT": (100, 500),  # hospitals
    "GD": (20, 150),  # schools
    "DL": (5, 60),  # eco-tourism resorts
    "NN": (1, 30),  # high-tech farms
    "NL": (8, 25),  # rooftop solar, per hectare of roof
    "MT": (50, 400),  # waste-to-energy and water plants
}
FOREIGN_ORIENTED = {"DT", "CB", "LOG"}  # electronics, supporting industry, logistics


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The small demo province, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        counts = generate.load("test", seed=7, progress=lambda _m: None)
        yield counts
        transaction.set_rollback(True)


def opportunities(**filters):
    return Opportunity.objects.filter(**filters).select_related("agency", "commune__parent", "sector", "zone")


def test_the_phase_writes_24_opportunities_in_every_state(demo):
    counts = demo["opportunities"]
    assert counts["opportunities"] == Opportunity.objects.count() == 24
    assert "opportunities" in demo["phases"]
    states = Counter(Opportunity.objects.values_list("state", flat=True))
    assert states == {"published": 19, "draft": 3, "closed": 2}
    assert counts["steps"] == ProcedureStep.objects.count() > 24


def test_every_published_opportunity_can_be_acted_on(demo):
    published = list(opportunities(state=Opportunity.State.PUBLISHED).prefetch_related("steps__agency"))
    assert len(published) == 19
    for opportunity in published:
        assert not services.missing_for_publication(opportunity), opportunity.code
        assert opportunity.area_ha > 0 and opportunity.capital > 0
        assert opportunity.contact_name and opportunity.contact_phone and "@" in opportunity.contact_email
        assert opportunity.agency.valid_to is None, opportunity.code  # an agency of today answers
        in_zone = opportunity.zone_id and opportunity.zone.kind == "kcn"
        assert opportunity.agency.code == ("HP-BQLKKT" if in_zone else "HP-STC"), opportunity.code
        assert opportunity.commune.level == "commune" and opportunity.commune.valid_to is None
        assert opportunity.commune.parent.code == "HP"  # a commune of the province (Hải Phòng since 2025)
        if opportunity.zone_id:
            assert opportunity.zone.commune_id == opportunity.commune_id
        steps = list(opportunity.steps.all())
        assert steps and all(step.agency.valid_to is None for step in steps), opportunity.code
        assert [step.order for step in steps] == list(range(1, len(steps) + 1))
        assert date(2025, 7, 1) <= opportunity.published_on <= timezone.localdate()
        assert opportunity.origin_date <= opportunity.published_on


def test_the_selection_form_fits_the_trade(demo):
    forms = dict(Opportunity.objects.values_list("code", "selection_form"))
    by_sector = Counter(Opportunity.objects.values_list("sector__code", "selection_form"))
    auctioned = {sector for (sector, form) in by_sector if form == "land_auction"}
    assert auctioned <= {"TM", "BDS"}  # land with a levy: never a hospital, a school or a plant
    assert not Opportunity.objects.filter(sector__code__in=["YT", "GD"], selection_form="land_auction").exists()
    assert set(forms.values()) == {"land_auction", "investor_bidding", "ppp", "investor_proposal"}
    # the PPP is in a PPP sector above its floor (200 bn đồng for water, OPP-06)
    for ppp in Opportunity.objects.filter(selection_form="ppp"):
        assert ppp.sector.code == "MT" and ppp.capital >= 200 * TY
    # the industrial zones' projects are the investor's proposal (approval of the investor, OPP-07)
    assert set(Opportunity.objects.filter(zone__kind="kcn").values_list("selection_form", flat=True)) == {
        "investor_proposal"
    }


def test_capital_per_hectare_is_plausible_for_the_trade(demo):
    for opportunity in opportunities():
        low, high = PER_HA[opportunity.sector.code]
        per_ha = Decimal(opportunity.capital) / TY / opportunity.area_ha
        assert low <= per_ha <= high, (opportunity.code, opportunity.sector.code, per_ha)


def test_steps_carry_the_durations_of_the_legal_reference(demo):
    # each duration as the law counts it: calendar days for "17 ngày", working days for "03 ngày làm việc" (OPP-13)
    policy = ProcedureStep.objects.filter(step="policy_approval")
    assert set(policy.values_list("working_days", "calendar_days", "agency__code")) == {(17, True, "HP-UBND")}
    assert all("17 ngày" in basis for basis in policy.values_list("legal_basis", flat=True))
    registration = ProcedureStep.objects.filter(step="enterprise_registration")
    assert set(registration.values_list("working_days", "calendar_days", "agency__code")) == {(3, False, "HP-STC")}
    environment = ProcedureStep.objects.filter(step="environment")
    assert set(environment.values_list("working_days", "calendar_days")) == {(30, True), (45, True)}
    # no step whose duration the research did not find (OPP-12)
    assert not ProcedureStep.objects.filter(step__in=["land_allocation", "investor_selection", "fire_safety"]).exists()
    # a foreign investor's certificate in a zone comes from the zones' board, outside from the Department of Finance
    for step in ProcedureStep.objects.filter(step="registration_certificate").select_related("opportunity"):
        assert step.agency.code == ("HP-BQLKKT" if step.opportunity.zone_id else "HP-STC")


def test_every_translation_status_is_there(demo):
    seen = {"en": Counter(), "zh": Counter()}
    for opportunity in opportunities().prefetch_related("translations"):
        for (_field, language), status in services.translation_statuses(opportunity).items():
            seen[language][status] += 1
    assert set(seen["en"]) == set(seen["zh"]) == {Status.MISSING, Status.DRAFT, Status.REVIEWED}
    assert seen["en"][Status.REVIEWED] > seen["en"][Status.DRAFT] + seen["en"][Status.MISSING]


def test_an_edit_after_review_sent_the_english_summary_back_to_draft(demo):
    edited = Opportunity.objects.get(code="KGDT-HD-09")
    statuses = services.translation_statuses(edited)
    assert statuses[("summary", "en")] == Status.DRAFT
    assert all(statuses[(field, "en")] == Status.REVIEWED for field in TRANSLATED_FIELDS if field != "summary")
    summary = edited.translations.get(field="summary", language="en")
    assert summary.reviewed  # it was reviewed, then the Vietnamese changed under it
    assert edited.history.filter(summary=edited.summary).earliest("history_date").history_date.date() > (
        summary.reviewed_at.date()
    )


def test_the_foreign_oriented_opportunities_read_in_chinese(demo):
    foreign = opportunities(sector__code__in=FOREIGN_ORIENTED, state=Opportunity.State.PUBLISHED)
    assert foreign.count() >= 3
    for opportunity in foreign:
        statuses = services.translation_statuses(opportunity)
        assert all(statuses[(field, "zh")] == Status.REVIEWED for field in TRANSLATED_FIELDS), opportunity.code


def test_closed_ones_say_which_investor_was_selected(demo):
    closed = list(opportunities(state=Opportunity.State.CLOSED))
    assert len(closed) == 2
    names = set(Enterprise.objects.values_list("name", flat=True))
    for opportunity in closed:
        reason = opportunity.history.latest("history_date").history_change_reason
        assert reason.startswith("Đã lựa chọn được nhà đầu tư")
        assert any(name in reason for name in names), reason
        assert opportunity.history.filter(state="published").exists()


def test_the_public_sees_the_published_ones_only(demo):
    public = set(access.visible(AnonymousUser(), Opportunity).values_list("code", flat=True))
    assert public == set(Opportunity.objects.filter(state="published").values_list("code", flat=True))


def test_nothing_is_dated_after_today_and_history_is_dated_on_its_day(demo):
    today = timezone.localdate()
    for opportunity in Opportunity.objects.prefetch_related("translations"):
        days = [row.history_date.date() for row in opportunity.history.all()]
        assert max(days) <= today
        if opportunity.published_on:
            assert min(days) < opportunity.published_on  # drafted before it was published
        for translation in opportunity.translations.all():
            assert translation.translated_at.date() <= today
            if translation.reviewed_at:
                assert translation.translated_at <= translation.reviewed_at


def test_the_same_seed_plans_the_same_days():
    today = date(2026, 12, 7)
    first = [loading.plan_days(spec, random.Random(7), today) for spec in loading.SPECS]
    again = [loading.plan_days(spec, random.Random(7), today) for spec in loading.SPECS]
    assert first == again


def test_a_translation_the_spec_does_not_have_is_refused():
    spec = loading.SPECS[0]
    broken = type(spec)(**{**spec.__dict__, "title": Text(vi=spec.title.vi, en=""), "en": REVIEWED})
    with pytest.raises(ValueError, match="title has no en text"):
        loading._texts(broken, "en")


def test_every_step_key_and_code_is_known():
    codes = [spec.code for spec in loading.SPECS]
    assert len(codes) == len(set(codes)) == 24
    assert all(key in STEPS for spec in loading.SPECS for key in spec.steps)
