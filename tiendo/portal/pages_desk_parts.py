"""/portal/opportunities/<code>/steps/… and …/documents/…: an opportunity's procedure steps (the agency deciding
each, its statutory duration in working days and legal basis, their order) and the documents an investor
downloads. Files are read through the access layer, like a petition's attachments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tiendo.core import access

from . import desk, services
from .forms_desk import DocumentForm, StepForm
from .models import OpportunityDocument, ProcedureStep
from .pages_desk import detail_context, require_manager, require_reader


@require_http_methods(["GET", "POST"])
def step_edit(request, code, pk=None):
    require_manager(request.user)
    opportunity = desk.opportunity_or_404(request.user, code)
    if pk is None:
        step = ProcedureStep(opportunity=opportunity, order=opportunity.steps.count() + 1)
    else:
        step = access.get_for_change_or_404(request.user, ProcedureStep, pk=pk, opportunity=opportunity)
    form = StepForm(request.POST or None, instance=step, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_step(form.save(commit=False), actor=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The procedure step was saved."))
            return redirect("portal_desk:opportunity", code=opportunity.code)
    context = {
        "form": form,
        "opportunity": opportunity,
        "heading": _("Edit the procedure step") if pk else _("New procedure step"),
        "section": "opportunities",
    }
    return render(request, "portal/desk/step_form.html", context, status=400 if form.errors else 200)


@require_POST
def step_remove(request, code, pk):
    require_manager(request.user)
    opportunity = desk.opportunity_or_404(request.user, code)
    step = access.get_for_change_or_404(request.user, ProcedureStep, pk=pk, opportunity=opportunity)
    try:
        services.remove_step(step, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The procedure step was removed."))
    return redirect("portal_desk:opportunity", code=opportunity.code)


@require_POST
def document_upload(request, code):
    require_manager(request.user)
    opportunity = desk.opportunity_or_404(request.user, code)
    form = DocumentForm(request.POST, request.FILES, instance=OpportunityDocument(opportunity=opportunity))
    if form.is_valid():
        try:
            services.add_document(form.save(commit=False), actor=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The document was added."))
            return redirect("portal_desk:opportunity", code=opportunity.code)
    context = detail_context(request, opportunity, document_form=form)
    return render(request, "portal/desk/opportunity_detail.html", context, status=400)


@require_GET
def document(request, code, pk):
    """A document's file, to whoever sees the opportunity inside tiendo (the public page serves the public's)."""
    require_reader(request.user)
    opportunity = desk.opportunity_or_404(request.user, code)
    record = access.get_or_404(request.user, OpportunityDocument, pk=pk, opportunity=opportunity)
    if not record.file:
        raise Http404
    try:
        handle = record.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=record.file.name.rsplit("/", 1)[-1])


@require_POST
def document_remove(request, code, pk):
    require_manager(request.user)
    opportunity = desk.opportunity_or_404(request.user, code)
    record = access.get_for_change_or_404(request.user, OpportunityDocument, pk=pk, opportunity=opportunity)
    services.remove_document(record, actor=request.user)
    messages.success(request, _("The document was removed."))
    return redirect("portal_desk:opportunity", code=opportunity.code)


urlpatterns = [
    path("opportunities/<str:code>/steps/new/", step_edit, name="step_create"),
    path("opportunities/<str:code>/steps/<int:pk>/", step_edit, name="step_edit"),
    path("opportunities/<str:code>/steps/<int:pk>/remove/", step_remove, name="step_remove"),
    path("opportunities/<str:code>/documents/", document_upload, name="document_upload"),
    path("opportunities/<str:code>/documents/<int:pk>/", document, name="document"),
    path("opportunities/<str:code>/documents/<int:pk>/remove/", document_remove, name="document_remove"),
]
