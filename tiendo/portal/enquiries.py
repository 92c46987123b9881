"""An investor's enquiry about a published opportunity: it becomes a petition of the topic "investment enquiry" in
the queue of the agency the opportunity names (tiendo.petitions.services.receive_from_public: numbered, its
working-day deadline counted), the enquirer's details are kept beside it for TIENDO_PORTAL_ENQUIRY_KEEP_DAYS, and
an acknowledgement goes out by e-mail in the enquirer's language with the number and the deadline.

One sender's address may send TIENDO_PORTAL_ENQUIRIES_PER_HOUR an hour, counted from the stored enquiries; the
address is kept only as a salted hash (the same address gives the same hash, which cannot be read back)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from tiendo.petitions.models import Petition
from tiendo.petitions.services import forget_petitioner, receive_from_public

from . import countries, shown
from .models import Enquiry, Opportunity

log = logging.getLogger(__name__)
_ADDRESS_SALT = "tiendo.portal.enquiry-address"


class TooManyEnquiries(Exception):
    """This address sent its hour's enquiries already."""


@dataclass(frozen=True)
class Enquirer:
    name: str
    company: str
    country: str
    email: str
    phone: str
    language: str  # a Django language code: vi, en, zh-hans


def address_hash(address: str | None) -> str:
    return salted_hmac(_ADDRESS_SALT, address or "unknown", algorithm="sha256").hexdigest()


def sent_within_the_hour(hashed: str, *, now: datetime | None = None) -> int:
    since = (now or timezone.now()) - timedelta(hours=1)
    return Enquiry.objects.filter(address_hash=hashed, created_at__gte=since).count()


def over_limit(hashed: str, *, now: datetime | None = None) -> bool:
    return sent_within_the_hour(hashed, now=now) >= settings.TIENDO_PORTAL_ENQUIRIES_PER_HOUR


def _petition(opportunity: Opportunity, enquirer: Enquirer, message: str) -> Petition:
    """The petition as the agency reads it, in Vietnamese: the opportunity in the title, the message as written, and
    who asks with how to answer them."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Investment enquiry about %(code)s %(title)s") % {
            "code": opportunity.code,
            "title": opportunity.title,
        }
        who = ", ".join(filter(None, [enquirer.company, countries.name_of(enquirer.country)]))
        answer_in = translation.get_language_info(enquirer.language)["name_translated"]
        contact = " · ".join(
            filter(None, [enquirer.email, enquirer.phone, _("answer in %(language)s") % {"language": answer_in}])
        )
    return Petition(
        title=Truncator(title).chars(300),
        text=message,
        petitioner_name=Truncator(f"{enquirer.name} ({who})" if who else enquirer.name).chars(200),
        petitioner_contact=Truncator(contact).chars(200),
        channel_reference=opportunity.code,
    )


@transaction.atomic
def send(opportunity: Opportunity, enquirer: Enquirer, message: str, *, address: str | None) -> Enquiry:
    """Keep the enquiry and route it to the opportunity's agency; the acknowledgement leaves once it is stored."""
    if not shown.records(Opportunity).filter(pk=opportunity.pk).exists():
        raise PermissionDenied  # only a published opportunity takes enquiries
    hashed = address_hash(address)
    if over_limit(hashed):
        raise TooManyEnquiries
    petition = receive_from_public(_petition(opportunity, enquirer, message), agency=opportunity.agency)
    enquiry = Enquiry.objects.create(
        opportunity=opportunity,
        petition=petition,
        name=enquirer.name,
        company=enquirer.company,
        country=enquirer.country,
        email=enquirer.email,
        phone=enquirer.phone,
        language=enquirer.language,
        address_hash=hashed,
        created_at=timezone.now(),
    )
    transaction.on_commit(lambda: acknowledge(enquiry.pk))
    return enquiry


def acknowledge(enquiry_pk: int) -> bool:
    """The acknowledgement e-mail in the enquirer's language; a failure is logged (the enquiry is kept and in the
    agency's queue all the same) and the record says whether it went."""
    enquiry = Enquiry.objects.select_related("petition__agency", "opportunity").get(pk=enquiry_pk)
    petition = enquiry.petition
    with translation.override(enquiry.language):
        title = shown.Translations([enquiry.opportunity], shown.language()).text(enquiry.opportunity, "title")
        context = {
            "name": enquiry.name,
            "number": petition.number,
            "due_on": petition.due_on,
            "agency": petition.agency.display_name,
            "code": enquiry.opportunity.code,
            "title": title.text,
            "keep_days": settings.TIENDO_PORTAL_ENQUIRY_KEEP_DAYS,
        }
        subject = " ".join(render_to_string("portal/email/enquiry_subject.txt", context).split())
        body = render_to_string("portal/email/enquiry_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [enquiry.email])
    except Exception:  # the mail server's trouble must not lose the enquiry
        log.exception("the acknowledgement of enquiry %s was not sent", enquiry.pk)
        return False
    Enquiry.objects.filter(pk=enquiry.pk).update(acknowledged_at=timezone.now())
    return True


def forget_expired(day: date) -> int:
    """Erase the contact details of the enquiries sent more than TIENDO_PORTAL_ENQUIRY_KEEP_DAYS before `day`, in
    the enquiry and in its petition (tiendo.petitions.services.forget_petitioner); the question, its answer and the
    counts stay. Returns how many were erased; running it again erases nothing more."""
    cutoff = timezone.make_aware(
        datetime.combine(day - timedelta(days=settings.TIENDO_PORTAL_ENQUIRY_KEEP_DAYS), time())
    )
    expired = Enquiry.objects.filter(created_at__lt=cutoff, forgotten_at__isnull=True).select_related("petition")
    count = 0
    for enquiry in expired:
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            reason = _("The enquirer's contact details were erased after %(days)s days") % {
                "days": settings.TIENDO_PORTAL_ENQUIRY_KEEP_DAYS
            }
            forget_petitioner(
                enquiry.petition, actor=None, reason=reason, names=[enquiry.name, enquiry.company, enquiry.phone]
            )
            Enquiry.objects.filter(pk=enquiry.pk).update(
                name="", company="", email="", phone="", forgotten_at=timezone.now()
            )
        count += 1
    return count


def nightly(day: date) -> tuple[dict, str]:
    """The nightly run's hook (`tiendo remind`, tiendo.directives.reminders.AFTER_RUN)."""
    count = forget_expired(day)
    text = _("Investors' enquiries: the contact details of %(count)s were erased.") % {"count": count}
    return {"enquiries_erased": count}, text if count else ""
