from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tiendo.audit.history import history_entries
from tiendo.core import access as core_access
from tiendo.enterprises.access import enterprises_for_user, get_enterprise_for_user

from . import hooks
from .forms import EnterpriseFilterForm, EnterpriseForm, InvestorContactForm
from .models import Enterprise
from .services import delete_enterprise, restore_enterprise, save_enterprise


@require_GET
def enterprise_list(request):
    if not core_access.can(request.user, "list_enterprises"):
        if request.user.enterprise_id:
            return redirect("enterprises:detail", pk=request.user.enterprise_id)
        raise PermissionDenied
    form = EnterpriseFilterForm(request.GET or None)
    enterprises = enterprises_for_user(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["deleted"]:
            enterprises = core_access.visible(request.user, Enterprise).deleted()
        enterprises = enterprises.search(data["q"])
        if data["origin"] == "domestic":
            enterprises = enterprises.filter(country="VN")
        elif data["origin"] == "foreign":
            enterprises = enterprises.exclude(country="VN")
    enterprises = enterprises.annotate(user_count=Count("users")).order_by("name")
    page = Paginator(enterprises, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_edit": core_access.can(request.user, "manage_enterprises")}
    template = "enterprises/enterprise_list.html#rows" if request.htmx else "enterprises/enterprise_list.html"
    return render(request, template, context)


@require_GET
def enterprise_detail(request, pk):
    enterprise = core_access.get_or_404(request.user, Enterprise, pk=pk)
    context = {
        "enterprise": enterprise,
        "can_edit": core_access.can_change(request.user, enterprise) and not enterprise.is_deleted,
        "can_delete": core_access.can(request.user, "manage_enterprises"),
        "users": enterprise.users.filter(is_active=True),
        "entries": history_entries(enterprise),
        # what the apps above add (their own panels, the viewer's records only): tiendo.enterprises.hooks
        "panels": hooks.panels_for(request.user, enterprise),
    }
    return render(request, "enterprises/enterprise_detail.html", context)


@require_http_methods(["GET", "POST"])
def enterprise_create(request):
    if not core_access.can(request.user, "manage_enterprises"):
        raise PermissionDenied
    form = EnterpriseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        enterprise = save_enterprise(form.save(commit=False), actor=request.user)
        messages.success(request, _("The enterprise was created."))
        return redirect("enterprises:detail", pk=enterprise.pk)
    return render(request, "enterprises/enterprise_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def enterprise_edit(request, pk):
    enterprise = get_enterprise_for_user(request.user, pk, edit=True)
    form_class = EnterpriseForm if core_access.can(request.user, "manage_enterprises") else InvestorContactForm
    form = form_class(request.POST or None, instance=enterprise)
    if request.method == "POST" and form.is_valid():
        if form.save_with(save_enterprise, actor=request.user) is not None:
            messages.success(request, _("The enterprise's details were saved."))
            return redirect("enterprises:detail", pk=enterprise.pk)
    return render(request, "enterprises/enterprise_form.html", {"form": form, "enterprise": enterprise})


@require_POST
def enterprise_delete(request, pk):
    if not core_access.can(request.user, "manage_enterprises"):
        raise PermissionDenied
    enterprise = get_enterprise_for_user(request.user, pk)
    try:
        delete_enterprise(enterprise, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The enterprise was deleted. It can be restored from the list of deleted enterprises.")
        )
    return redirect("enterprises:detail", pk=enterprise.pk)


@require_POST
def enterprise_restore(request, pk):
    if not core_access.can(request.user, "manage_enterprises"):
        raise PermissionDenied
    enterprise = get_enterprise_for_user(request.user, pk, include_deleted=True)
    restore_enterprise(enterprise, actor=request.user)
    messages.success(request, _("The enterprise was restored."))
    return redirect("enterprises:detail", pk=enterprise.pk)
