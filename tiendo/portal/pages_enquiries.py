"""An investor asks about a published opportunity: the form (never cached — it carries the visitor's CSRF token),
then a thank-you page with the enquiry's number (post, redirect, get: a reload sends nothing twice).

Robots are answered as people are — the same redirect to the thank-you page — but nothing is kept; an address over
its hourly allowance gets 429, a body too big 413, both with a page in the visitor's language."""

from __future__ import annotations

from datetime import date

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from tiendo.core import access

from . import enquiries, shown
from .forms_enquiry import BODY_MAX_BYTES, MESSAGE_MAX, EnquiryForm, served_at, served_token
from .models import Opportunity

_RECEIPT_SALT = "tiendo.portal.enquiry-receipt"
_RECEIPT_DAYS = 7


def _opportunity(code: str) -> Opportunity:
    return access.get_or_404(
        shown.PUBLIC, Opportunity, code=code, queryset=Opportunity.objects.select_related("agency")
    )


def _context(opportunity: Opportunity, **more) -> dict:
    title = shown.Translations([opportunity], shown.language()).text(opportunity, "title")
    agency = shown.named(opportunity.agency, opportunity.agency.name, shown.language())
    return {
        "section": "opportunities",
        "opportunity": opportunity,
        "title": title,
        "agency": agency,
        "stands_in": title.stands_in or agency.stands_in,
        "keep_days": settings.TIENDO_PORTAL_ENQUIRY_KEEP_DAYS,
        "per_hour": settings.TIENDO_PORTAL_ENQUIRIES_PER_HOUR,
        "message_max": MESSAGE_MAX,
        **more,
    }


def _refused(request, opportunity: Opportunity, status: int):
    response = render(request, "portal/opportunities/enquiry_refused.html", _context(opportunity, status=status))
    response.status_code = status
    if status == 429:
        response.headers["Retry-After"] = "3600"
    return response


def _receipt_url(opportunity: Opportunity, number: str = "", due_on: date | None = None) -> str:
    receipt = signing.dumps({"n": number, "d": due_on.isoformat() if due_on else ""}, salt=_RECEIPT_SALT)
    return f"{reverse('portal:enquiry_sent', kwargs={'code': opportunity.code})}?{urlencode({'r': receipt})}"


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
@csrf_exempt  # only so that a body too big is refused before anything reads it: _enquiry checks the CSRF token
def enquiry(request, code):
    opportunity = _opportunity(code)
    if request.method == "POST" and _content_length(request) > BODY_MAX_BYTES:
        return _refused(request, opportunity, 413)
    return _enquiry(request, opportunity)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return BODY_MAX_BYTES + 1


@csrf_protect
def _enquiry(request, opportunity: Opportunity):
    if request.method == "GET":
        form = EnquiryForm(initial={"language": translation.get_language()})
        context = _context(opportunity, form=form, served=served_token())
        return render(request, "portal/opportunities/enquiry.html", context)
    hashed = enquiries.address_hash(get_client_ip_address(request))
    if enquiries.over_limit(hashed):
        return _refused(request, opportunity, 429)
    form = EnquiryForm(request.POST)
    valid = form.is_valid()
    if form.is_robot:
        return redirect(_receipt_url(opportunity))
    if valid:
        data = form.cleaned_data
        enquirer = enquiries.Enquirer(
            name=data["name"],
            company=data["company"],
            country=data["country"],
            email=data["email"],
            phone=data["phone"],
            language=data["language"],
        )
        try:
            sent = enquiries.send(opportunity, enquirer, data["message"], address=get_client_ip_address(request))
        except enquiries.TooManyEnquiries:
            return _refused(request, opportunity, 429)
        return redirect(_receipt_url(opportunity, sent.petition.number, sent.petition.due_on))
    token = request.POST.get("served", "")
    served = token if served_at(token) is not None else served_token()
    return render(request, "portal/opportunities/enquiry.html", _context(opportunity, form=form, served=served))


@login_not_required
@never_cache
@require_GET
def enquiry_sent(request, code):
    """The thank-you page: the number and the deadline travel signed in the address (nothing to look up)."""
    opportunity = _opportunity(code)
    try:
        receipt = signing.loads(request.GET.get("r", ""), salt=_RECEIPT_SALT, max_age=_RECEIPT_DAYS * 86400)
        due_on = date.fromisoformat(receipt["d"]) if receipt.get("d") else None
    except (signing.BadSignature, TypeError, KeyError, ValueError, AttributeError):
        return redirect("portal:opportunity", code=opportunity.code)
    context = _context(opportunity, number=receipt.get("n", ""), due_on=due_on)
    return render(request, "portal/opportunities/enquiry_sent.html", context)


urlpatterns = [
    path("opportunities/<str:code>/enquiry/", enquiry, name="enquiry"),
    path("opportunities/<str:code>/enquiry/sent/", enquiry_sent, name="enquiry_sent"),
]
