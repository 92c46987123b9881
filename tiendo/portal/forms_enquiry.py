"""The investor's enquiry form, with its protections that need no outside service: a honeypot field people never
see and robots fill, and a signed time of serving that refuses a form sent back faster than a person can type.
Either answers as if the enquiry were accepted and keeps nothing, so a robot learns nothing."""

from __future__ import annotations

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from tiendo.domain.text import clean

from . import countries

MESSAGE_MAX = 4000
# the whole form as sent, URL-encoded: 4,000 Chinese characters are 36,000 bytes once encoded
BODY_MAX_BYTES = 64 * 1024
# a person reads the notice and types a message: a form back within this many seconds was filled by a robot
FASTEST_SECONDS = 3
# a form served longer ago than this is refused with a fresh one (its signed time is stale)
OLDEST_SECONDS = 24 * 3600
_SALT = "tiendo.portal.enquiry-served"
_PHONE = re.compile(r"[0-9+() .\-]{6,30}")


def served_token(at: float | None = None) -> str:
    """The signed moment the form was served (the tests sign an earlier one)."""
    return signing.dumps(at if at is not None else time.time(), salt=_SALT)


def served_at(token: str) -> float | None:
    """The moment a form was served, or None for a forged one or one served more than OLDEST_SECONDS ago."""
    try:
        value = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, TypeError):
        return None
    if not isinstance(value, int | float) or time.time() - value > OLDEST_SECONDS:
        return None
    return float(value)


class EnquiryForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=100)
    company = forms.CharField(label=_("Company or organisation"), max_length=120, required=False)
    country = forms.ChoiceField(label=_("Country"), choices=countries.COUNTRIES)
    email = forms.EmailField(label=_("E-mail"), max_length=120, help_text=_("We send the acknowledgement here."))
    phone = forms.CharField(label=_("Phone (optional)"), max_length=30, required=False)
    message = forms.CharField(
        label=_("Your question"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MESSAGE_MAX}),
        help_text=_("At most 4,000 characters."),
    )
    language = forms.ChoiceField(label=_("Answer me in"), choices=settings.LANGUAGES)
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my details are kept to answer this enquiry."),
        error_messages={"required": _("Tick the box to agree, or we cannot keep your enquiry.")},
    )
    # the honeypot: hidden from people (CSS, aria-hidden, out of the tab order); a robot fills every field
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    served = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_name(self) -> str:
        return clean(self.cleaned_data["name"]).strip()

    def clean_company(self) -> str:
        return clean(self.cleaned_data["company"]).strip()

    def clean_message(self) -> str:
        message = clean(self.cleaned_data["message"]).strip()
        if not message:
            raise forms.ValidationError(_("Write your question."))
        return message

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not _PHONE.fullmatch(phone):
            raise forms.ValidationError(_("Write the phone number with digits, spaces and + ( ) - only."))
        return phone

    def clean_served(self) -> float | None:
        return served_at(self.cleaned_data["served"])

    def clean(self):
        data = super().clean()
        if self.is_robot:
            return data
        if data.get("served") is None:
            raise forms.ValidationError(_("This form is more than a day old. Please send it again."))
        return data

    @property
    def is_robot(self) -> bool:
        """The honeypot was filled, or the form came back faster than a person can fill it."""
        data = getattr(self, "cleaned_data", {})
        if self.data.get("website"):
            return True
        served = data.get("served")
        return served is not None and time.time() - served < FASTEST_SECONDS
