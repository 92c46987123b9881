"""An investor's enquiry from the public portal: it lands in the agency's queue with its working-day deadline, the
acknowledgement goes out in the enquirer's language, and robots, floods and oversized posts are turned away."""

import time
from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tiendo.directives import reminders
from tiendo.petitions.models import Petition, StateChange
from tiendo.portal import enquiries
from tiendo.portal.forms_enquiry import served_token
from tiendo.portal.models import Enquiry

from .opportunities_world import build

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(7 * 60))


@pytest.fixture
def world(settings, tmp_path, province, commune, agency_x, agency_y):
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return build(province, commune, agency_x, agency_y)


def _form(**changes):
    data = {
        "name": "Tanaka Hiroshi",
        "company": "Hoshino Electronics",
        "country": "JP",
        "email": "tanaka@hoshino.example.jp",
        "phone": "+81 3 1234 5678",
        "message": "We would like to know when the land can be handed over and the rent per m2.",
        "language": "en",
        "consent": "on",
        "website": "",
        "served": served_token(time.time() - 30),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _post(client, data, code="CN-01", language="en", **extra):
    prefix = "" if language == "vi" else f"/{language}"
    return client.post(f"{prefix}/opportunities/{code}/enquiry/", data, **extra)


@time_machine.travel(MONDAY, tick=False)
def test_an_enquiry_lands_in_the_agencys_queue_with_its_deadline(client, world, agency_x, officer_x, officer_y):
    response = _post(client, _form())
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.number == "KN-2026-0001"
    assert (petition.channel, petition.topic, petition.state) == ("public_portal", "investment_enquiry", "assigned")
    assert petition.agency == agency_x and petition.received_on == date(2026, 3, 2)
    assert petition.due_on == date(2026, 3, 16)  # 10 working days after Monday 2 March
    assert "CN-01" in petition.title and "Nhà máy linh kiện điện tử Đại An" in petition.title
    assert petition.text == _form()["message"]
    assert petition.petitioner_name == "Tanaka Hiroshi (Hoshino Electronics, Nhật Bản)"
    assert "tanaka@hoshino.example.jp" in petition.petitioner_contact and "Anh" in petition.petitioner_contact
    assert [c.to_state for c in StateChange.objects.filter(petition=petition)] == ["received", "classified", "assigned"]
    assert StateChange.objects.filter(petition=petition).first().reason == "Tiếp nhận qua Cổng thông tin điện tử"
    enquiry = Enquiry.objects.get()
    assert enquiry.petition == petition and enquiry.language == "en" and enquiry.country == "JP"
    assert enquiry.address_hash != "127.0.0.1" and len(enquiry.address_hash) == 64
    # the thank-you page: the number and the date
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "KN-2026-0001" in page.content.decode() and "16/03/2026" in page.content.decode()
    # the agency's officer has it in the queue; the other agency's officer does not see it at all
    client.force_login(officer_x)
    assert "KN-2026-0001" in client.get(reverse("petitions:queue") + "?tab=all").content.decode()
    assert client.get(reverse("petitions:detail", kwargs={"pk": petition.pk})).status_code == 200
    client.force_login(officer_y)
    assert "KN-2026-0001" not in client.get(reverse("petitions:queue") + "?tab=all").content.decode()
    assert client.get(reverse("petitions:detail", kwargs={"pk": petition.pk})).status_code == 404


@time_machine.travel(MONDAY, tick=False)
@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("en", "Your enquiry KN-2026-0001 about CN-01 was received", ["Department of Planning and Investment"]),
        ("zh-hans", "KN-2026-0001", ["计划投资厅", "大安电子元件厂"]),
        ("vi", "KN-2026-0001", ["Sở Kế hoạch và Đầu tư tỉnh Hải Dương", "Nhà máy linh kiện điện tử Đại An"]),
    ],
)
def test_the_acknowledgement_is_in_the_enquirers_language(
    client, world, django_capture_on_commit_callbacks, language, subject, words
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, _form(language=language), language="en").status_code == 302
    [message] = mail.outbox
    assert message.to == ["tanaka@hoshino.example.jp"]
    assert subject in message.subject
    assert "16/03/2026" in message.body and "KN-2026-0001" in message.body
    for word in words:
        assert word in message.body, word
    assert Enquiry.objects.get().acknowledged_at is not None


def test_a_mail_server_failure_keeps_the_enquiry(client, world, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.app.portal.test_enquiries.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, _form()).status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.acknowledged_at is None and enquiry.petition.state == "assigned"


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def test_the_form_page_is_never_cached_and_carries_a_token(client, world):
    response = client.get("/en/opportunities/CN-01/enquiry/")
    assert response.status_code == 200
    assert "X-Portal-Cache" not in response.headers
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    body = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in body and 'name="served"' in body
    assert '<option value="en" selected>' in body  # the page's language by default
    assert 'class="portal-trap" aria-hidden="true"' in body and 'tabindex="-1"' in body
    assert "730 days" in body  # what is kept and for how long


def test_a_post_without_the_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    assert _post(client, _form()).status_code == 403
    assert not Petition.objects.exists()


@pytest.mark.parametrize("trap", ["honeypot", "too fast"])
def test_robots_are_thanked_and_nothing_is_kept(client, world, trap, django_capture_on_commit_callbacks):
    caught = {"website": "http://spam.example"} if trap == "honeypot" else {"served": served_token(time.time() - 1)}
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, _form(**caught))
    assert response.status_code == 302 and "/enquiry/sent/" in response["Location"]
    assert not Petition.objects.exists() and not Enquiry.objects.exists() and not mail.outbox
    assert "Your enquiry was received." in client.get(response["Location"]).content.decode()


def test_a_form_older_than_a_day_is_sent_again(client, world):
    response = _post(client, _form(served=served_token(time.time() - 2 * 86400)))
    assert response.status_code == 200
    assert "This form is more than a day old" in response.content.decode()
    assert not Petition.objects.exists()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"message": "x" * 4001}, "Ensure this value has at most 4000 characters"),
        ({"message": "   "}, "This field is required."),
        ({"email": "not-an-address"}, "Enter a valid email address."),
        ({"email": None}, "This field is required."),
        ({"consent": None}, "Tick the box to agree"),
        ({"phone": "call me maybe"}, "Write the phone number with digits"),
        ({"country": "XX"}, "Select a valid choice"),
        ({"name": "n" * 101}, "Ensure this value has at most 100 characters"),
    ],
)
def test_bad_input_is_said_and_nothing_is_kept(client, world, changes, error):
    response = _post(client, _form(**changes))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Petition.objects.exists() and not Enquiry.objects.exists()


def test_a_body_too_big_is_refused_before_it_is_read(client, world):
    response = _post(client, _form(message="x" * 70_000))
    assert response.status_code == 413
    assert "too long" in response.content.decode()
    assert not Petition.objects.exists()


def test_an_address_over_its_hourly_allowance_gets_429(client, world, settings):
    settings.TIENDO_PORTAL_ENQUIRIES_PER_HOUR = 2
    start = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(7 * 60))
    with time_machine.travel(start, tick=False):
        assert _post(client, _form(served=served_token(time.time() - 30))).status_code == 302
        assert _post(client, _form(served=served_token(time.time() - 30))).status_code == 302
        refused = _post(client, _form(served=served_token(time.time() - 30)), language="zh-hans")
        assert refused.status_code == 429 and refused["Retry-After"] == "3600"
        assert "过去一小时内从您的网络地址提交的咨询过多（最多2条）" in refused.content.decode()
        # another address is not held back
        other = _post(client, _form(served=served_token(time.time() - 30)), REMOTE_ADDR="10.0.0.9")
        assert other.status_code == 302
    assert Enquiry.objects.count() == 3
    with time_machine.travel(datetime(2026, 3, 2, 10, 1, tzinfo=start.tzinfo), tick=False):
        assert _post(client, _form(served=served_token(time.time() - 30))).status_code == 302


def test_the_limit_counts_a_hash_never_the_address(world):
    hashed = enquiries.address_hash("203.0.113.7")
    assert hashed == enquiries.address_hash("203.0.113.7") != enquiries.address_hash("203.0.113.8")
    assert "203.0.113.7" not in hashed


def test_enquiries_only_for_published_opportunities(client, world):
    for code in ("CN-DRAFT", "CN-CLOSED"):
        assert client.get(f"/en/opportunities/{code}/enquiry/").status_code == 404
        assert _post(client, _form(), code=code).status_code == 404
    assert not Petition.objects.exists()


def test_a_forged_receipt_leads_back_to_the_project(client, world):
    response = client.get("/en/opportunities/CN-01/enquiry/sent/?r=forged")
    assert response.status_code == 302 and response["Location"] == "/en/opportunities/CN-01/"


def test_contact_details_are_erased_after_the_keeping_period(client, world, settings):
    settings.TIENDO_PORTAL_ENQUIRY_KEEP_DAYS = 30
    with time_machine.travel(MONDAY, tick=False):
        message = "Please call Tanaka Hiroshi on +84 912 345 678 or tanaka@hoshino.example.jp about the land."
        assert _post(client, _form(message=message)).status_code == 302
    assert enquiries.forget_expired(date(2026, 3, 30)) == 0  # not yet
    assert enquiries.forget_expired(date(2026, 4, 2)) == 1
    enquiry = Enquiry.objects.get()
    assert (enquiry.name, enquiry.email, enquiry.phone) == ("", "", "") and enquiry.forgotten_at
    petition = enquiry.petition
    petition.refresh_from_db()
    assert petition.petitioner_name == petition.petitioner_contact == ""
    assert "Tanaka" not in petition.text and "tanaka@" not in petition.text and "912" not in petition.text
    assert "about the land" in petition.text
    for kept in Petition.history.filter(id=petition.pk):
        assert "Tanaka" not in kept.petitioner_name + kept.text and not kept.petitioner_contact
    assert enquiries.forget_expired(date(2026, 4, 3)) == 0  # once
    assert ("enquiries", enquiries.nightly) in reminders.AFTER_RUN  # the nightly `tiendo remind` runs it


def test_the_petitions_service_refuses_an_incomplete_enquiry(world, agency_x):
    from django.core.exceptions import ValidationError

    from tiendo.petitions.services import receive_from_public

    complete = {"title": "Hỏi về dự án", "text": "Nội dung", "petitioner_name": "A B", "petitioner_contact": "a@b.vn"}
    for missing in complete:
        with pytest.raises(ValidationError):
            receive_from_public(Petition(**{**complete, missing: "  "}), agency=agency_x)
    with pytest.raises(ValidationError):
        receive_from_public(Petition(**complete), agency=None)
    assert not Petition.objects.exists()
    petition = receive_from_public(Petition(**complete, channel="letter", topic="tax"), agency=agency_x)
    assert (petition.channel, petition.topic, petition.agency) == ("public_portal", "investment_enquiry", agency_x)
