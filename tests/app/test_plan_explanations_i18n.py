"""A plan item's explanation in the reader's language: a run stores each item's message beside its Vietnamese text;
the pages render the message, an older row without one shows its stored text, a new draft copies the message."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st
from test_disbursement_support import *  # noqa: F403 (the 2024 plan the run allocates)
from test_disbursement_support import B
from test_i18n import VIETNAMESE

from tiendo.demo.plans.allocation import Want
from tiendo.demo.plans.writing import explain, explain_message
from tiendo.domain.allocation import Tier
from tiendo.domain.messages import Message
from tiendo.plans import services
from tiendo.plans.models import Disbursement, PlanItem, PlanLine, Source
from tiendo.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_draft(plan_2024, specialist):
    draft = services.start_draft(plan_2024, actor=specialist)
    services.run_allocation(draft, actor=specialist)
    return draft


def _page(client, user, url, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_run_stores_each_items_message_whose_vietnamese_is_its_text(run_draft):
    items = list(run_draft.items.all())
    assert items
    for item in items:
        assert Message.from_json(item.explanation_message).vi == item.explanation
        assert item.history.first().explanation_message == item.explanation_message  # the history copies it


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Transitional projects finishing in the plan period", "Need"]),
        ("zh-hans", ["在计划期内完工的结转项目", "需求"]),
    ],
)
def test_the_item_page_shows_the_explanation_in_the_readers_language(client, run_draft, specialist, language, words):
    item = run_draft.items.get(project__code="HD-2021-0001")
    page = _page(client, specialist, reverse("plans:item", args=[item.pk]), language)
    expected = Message.from_json(item.explanation_message).render(language)
    assert not VIETNAMESE.search(expected.split("—")[0])
    assert expected in page.replace("&#x27;", "'")
    assert all(word in page for word in words)
    assert item.explanation not in page
    version_page = _page(client, specialist, reverse("plans:version", args=[run_draft.pk]), language)
    assert words[0] in version_page and item.explanation[:40] not in version_page


def test_a_vietnamese_page_shows_the_same_text_as_before(client, run_draft, specialist):
    item = run_draft.items.get(project__code="HD-2021-0001")
    page = _page(client, specialist, reverse("plans:item", args=[item.pk]), "vi")
    assert item.explanation in page


def test_an_older_row_without_a_message_shows_its_stored_text(client, run_draft, specialist):
    item = run_draft.items.get(project__code="HD-DTC-0002")
    type(item).objects.filter(pk=item.pk).update(explanation="Giải thích cũ của dòng này.", explanation_message={})
    page = _page(client, specialist, reverse("plans:item", args=[item.pk]), "en")
    assert "Giải thích cũ của dòng này." in page


def test_a_message_whose_code_is_gone_falls_back_to_the_text(client, run_draft, specialist):
    item = run_draft.items.get(project__code="HD-DTC-0002")
    type(item).objects.filter(pk=item.pk).update(explanation_message={"code": "al.gone", "params": {}})
    page = _page(client, specialist, reverse("plans:item", args=[item.pk]), "zh-hans")
    assert item.explanation in page


def test_a_new_draft_copies_the_messages(run_draft, plan_2024, specialist):
    in_force = plan_2024.current_version()
    for item in in_force.items.all():  # as if the version in force had been allocated by a run
        twin = run_draft.items.get(project_id=item.project_id)
        type(item).objects.filter(pk=item.pk).update(explanation_message=twin.explanation_message)
    before = {i.project_id: i.explanation_message for i in in_force.items.all()}
    assert all(before.values())
    copied = services.start_draft(plan_2024, actor=specialist)
    assert {i.project_id: i.explanation_message for i in copied.items.all()} == before


def test_an_investor_cannot_read_another_agencys_item(client, run_draft, investor_a):
    client.force_login(investor_a)
    items = run_draft.items.all()
    statuses = {client.get(reverse("plans:item", args=[item.pk])).status_code for item in items}
    assert statuses <= {200, 302, 403, 404} and statuses != {200}


@pytest.fixture
def disbursed(plan_2024):
    """Through September (as test_disbursement_pages): the road 75 %, the school 80 %, the cultural house nothing."""
    rows = [
        ("HD-2021-0001", "NSDP_CD", date(2024, 8, 1), 30 * B),
        ("HD-2021-0001", "NSDP_TSDD", date(2024, 9, 1), 15 * B),
        ("HD-DTC-0002", "NSDP_CD", date(2024, 9, 1), 24 * B),
    ]
    for code, source, month, amount in rows:
        project, source = Project.objects.get(code=code), Source.objects.get(code=source)
        Disbursement.objects.create(plan=plan_2024, project=project, source=source, month=month, amount=amount)
    return plan_2024


def _transfer(disbursed, client, specialist):
    version = disbursed.current_version()
    PlanLine.objects.filter(version=version, item__project__code="HD-DTC-0003").update(amount=6 * B)
    PlanItem.objects.filter(version=version, project__code="HD-2021-0001").update(need=70 * B)
    client.force_login(specialist)
    response = client.post(
        f"/plans/{disbursed.pk}/disbursement/transfer/", {"as_of": "30/09/2024", "behind": "20", "stalled": "3"}
    )
    assert response.status_code == 302
    return disbursed.versions.get(purpose="transfer"), response["Location"]


@pytest.mark.parametrize(("language", "word"), [("en", "Transfer cut of"), ("zh-hans", "调减")])
def test_a_transfer_explains_donors_and_receivers_in_the_readers_language(
    client, disbursed, specialist, language, word
):
    draft, summary_url = _transfer(disbursed, client, specialist)
    donor = draft.items.get(project__code="HD-DTC-0003")
    receiver = draft.items.get(project__code="HD-2021-0001")
    for item in (donor, receiver):
        assert Message.from_json(item.explanation_message).vi == item.explanation  # the Vietnamese as before
    assert donor.explanation.startswith("Điều chuyển giảm")
    page = _page(client, specialist, reverse("plans:item", args=[donor.pk]), language)
    assert word in page and donor.explanation not in page
    summary = _page(client, specialist, summary_url, language)
    stored = draft.allocation["transfer"]
    for receiver_row in stored["receivers"]:
        assert Message.from_json(receiver_row["message"]).vi == receiver_row["explanation"]
        assert receiver_row["explanation"] not in summary
    for donor_row in stored["donors"]:
        assert [Message.from_json(m).vi for m in donor_row["messages"]] == donor_row["reasons"]
        assert all(reason not in summary for reason in donor_row["reasons"])
    vietnamese = _page(client, specialist, summary_url, "vi")
    assert all(r["explanation"] in vietnamese.replace("&#x27;", "'") for r in stored["receivers"])


def test_a_transfer_stored_before_shows_its_vietnamese_reasons(client, disbursed, specialist):
    draft, summary_url = _transfer(disbursed, client, specialist)
    stored = draft.allocation
    for row in stored["transfer"]["donors"] + stored["transfer"]["receivers"]:
        row.pop("messages", None), row.pop("message", None)
    type(draft).objects.filter(pk=draft.pk).update(allocation=stored)
    summary = _page(client, specialist, summary_url, "en")
    assert all(" ".join(d["reasons"]) in summary for d in stored["transfer"]["donors"] if d["reasons"])


@examples(max_examples=100, deadline=None)
@given(
    st.sampled_from(list(Tier)),
    st.dictionaries(st.sampled_from(["NSTW", "NSDP_CD", "NSDP_TSDD"]), st.integers(0, 10**12), min_size=1),
    st.data(),
)
def test_the_demos_explanations_are_its_sentences_in_every_language(tier, need, data):
    got = {source: data.draw(st.integers(0, amount)) for source, amount in need.items()}
    floor = {source: data.draw(st.integers(0, amount)) for source, amount in got.items()}
    want = Want(None, tier.value, need, floor, whole=data.draw(st.booleans()), got=got)
    for day in (date(2024, 12, 10), date(2025, 12, 10)):
        message = explain_message(want, day)
        assert message.vi == explain(want, day)
        for language in ("en", "zh-hans"):
            assert not VIETNAMESE.search(message.render(language).replace("(đ)", "").replace("Luật Đầu tư công", "")), (
                message.render(language)
            )
