"""/portal/opportunities/…: the department's side of the investment opportunities — the list with its filters and
each row's translation completeness, the form (create and edit), and the opportunity's page with its state,
publication, closing, steps, documents, translations and history. Specialists keep them; leaders read them."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tiendo.audit.versions import StaleVersion
from tiendo.core import access

from . import desk, services
from .forms_desk import CloseForm, DocumentForm, OpportunityFilterForm, OpportunityForm
from .models import TRANSLATED_FIELDS, Opportunity

PAGE_SIZE = 50


def require_reader(user) -> None:
    """The pages under /portal/ are the department's: specialists keep the opportunities, leaders read them."""
    if not access.can(user, "read_opportunities"):
        raise PermissionDenied


def require_manager(user) -> None:
    if not access.can(user, "manage_opportunities"):
        raise PermissionDenied


def posted_version(request) -> int | None:
    """The version the page was read at (a hidden input); None when the post carries none."""
    value = request.POST.get("version", "")
    return int(value) if value.isdecimal() else None


def save_form(form, service, **options):
    """The form's record through its service; a stale edit or a refusal of the service (a published opportunity
    left without what publication needs) becomes the form's error, the entries kept."""
    try:
        return form.save_with(service, **options)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None


def _state_tabs(request, form, base) -> list[dict]:
    """All / draft / published / closed, each with its count under the other filters and its address."""
    counts = dict(base.values_list("state").annotate(n=Count("pk")).order_by())
    current = form.cleaned_data.get("state", "") if form.is_valid() else ""
    others = {k: v for k, v in request.GET.items() if k not in ("state", "page") and v}
    tabs = []
    for value, label in [("", _("All")), *Opportunity.State.choices]:
        query = urlencode(others | ({"state": value} if value else {}))
        count = sum(counts.values()) if not value else counts.get(value, 0)
        tabs.append({"label": label, "count": count, "url": f"?{query}", "active": value == current})
    return tabs


@require_GET
def opportunity_list(request):
    require_reader(request.user)
    form = OpportunityFilterForm(request.GET or None, user=request.user)
    base = form.apply(desk.opportunities_for(request.user), with_state=False)
    rows = form.apply(base).prefetch_related("translations").order_by("code")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for opportunity in page:
        opportunity.completeness = desk.completeness(opportunity)
    context = {
        "form": form,
        "page": page,
        "tabs": _state_tabs(request, form, base),
        "can_manage": access.can(request.user, "manage_opportunities"),
        "portal_url": desk.public_portal(),
        "section": "opportunities",
    }
    template = "portal/desk/opportunities.html#rows" if request.htmx else "portal/desk/opportunities.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def opportunity_edit(request, code=None):
    require_manager(request.user)
    opportunity = desk.opportunity_or_404(request.user, code) if code else Opportunity()
    form = OpportunityForm(request.POST or None, instance=opportunity, user=request.user)
    if request.method == "POST" and form.is_valid():
        if (saved := save_form(form, services.save_opportunity, actor=request.user)) is not None:
            messages.success(request, _("The opportunity %(code)s was saved.") % {"code": saved.code})
            return redirect("portal_desk:opportunity", code=saved.code)
    context = {
        "form": form,
        "opportunity": opportunity if code else None,
        "heading": _("Edit the opportunity") if code else _("New investment opportunity"),
        "section": "opportunities",
    }
    return render(request, "portal/desk/opportunity_form.html", context, status=400 if form.errors else 200)


def _texts_by_field(opportunity) -> list[dict]:
    """The translation table: one row per text that has Vietnamese, a cell per language."""
    texts = desk.texts_of(opportunity)
    return [
        {"label": desk.field_label(field), "cells": [t for t in texts if t.field == field]}
        for field in TRANSLATED_FIELDS
        if any(t.field == field for t in texts)
    ]


def detail_context(request, opportunity, **extra) -> dict:
    can_manage = access.can(request.user, "manage_opportunities")
    return {
        "opportunity": opportunity,
        "steps": list(opportunity.steps.select_related("agency")),
        "documents": list(opportunity.documents.all()),
        "texts": _texts_by_field(opportunity),
        "completeness": desk.completeness(opportunity),
        "missing": services.missing_for_publication(opportunity) if opportunity.state == "draft" else [],
        "entries": desk.history(opportunity),
        "can_manage": can_manage,
        "can_translate": access.can(request.user, "translate_opportunities"),
        "close_form": extra.pop("close_form", None) or CloseForm(initial={"version": opportunity.version}),
        "document_form": extra.pop("document_form", None) or (DocumentForm() if can_manage else None),
        "public_url": desk.public_page(opportunity),
        "portal_url": desk.public_portal(),
        "section": "opportunities",
        **extra,
    }


@require_GET
def opportunity_detail(request, code):
    require_reader(request.user)
    opportunity = desk.opportunity_or_404(request.user, code)
    return render(request, "portal/desk/opportunity_detail.html", detail_context(request, opportunity))


@require_POST
def opportunity_publish(request, code):
    require_manager(request.user)
    opportunity = desk.opportunity_or_404(request.user, code)
    try:
        services.publish(opportunity, actor=request.user, expected_version=posted_version(request))
    except StaleVersion as stale:
        messages.error(request, stale.messages[0])
    except ValidationError as error:
        messages.error(request, " ".join([_("The opportunity cannot be published yet:"), *error.messages]))
    else:
        messages.success(request, _("The opportunity %(code)s is open to investors.") % {"code": opportunity.code})
    return redirect("portal_desk:opportunity", code=opportunity.code)


@require_http_methods(["GET", "POST"])
def opportunity_close(request, code):
    require_manager(request.user)
    opportunity = desk.opportunity_or_404(request.user, code)
    form = CloseForm(request.POST or None, initial={"version": opportunity.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.close(
                opportunity,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersion as stale:
            form.add_error(None, stale.messages[0])
            form.data = form.data.copy()
            form.data["version"] = stale.current
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The opportunity %(code)s was closed.") % {"code": opportunity.code})
            return redirect("portal_desk:opportunity", code=opportunity.code)
    context = {"opportunity": opportunity, "form": form, "section": "opportunities"}
    return render(request, "portal/desk/opportunity_close.html", context, status=400 if form.errors else 200)


urlpatterns = [
    path("opportunities/", opportunity_list, name="opportunities"),
    path("opportunities/new/", opportunity_edit, name="opportunity_create"),
    path("opportunities/<str:code>/", opportunity_detail, name="opportunity"),
    path("opportunities/<str:code>/edit/", opportunity_edit, name="opportunity_edit"),
    path("opportunities/<str:code>/publish/", opportunity_publish, name="opportunity_publish"),
    path("opportunities/<str:code>/close/", opportunity_close, name="opportunity_close"),
]
