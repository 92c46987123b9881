from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tiendo.agencies.access import get_agency_for_user
from tiendo.audit.history import history_entries
from tiendo.core import access as core_access
from tiendo.domain import organisation

from .forms import AgencyFilterForm, AgencyProfileForm, UnitFilterForm
from .models import AdminUnit, Agency, Reorganisation
from .reorganisation import moves_of
from .services import save_agency_profile

PAGE_SIZE = 50


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@require_GET
def agency_list(request):
    """The directory: who exists today (or on any date), searchable without diacritics."""
    form = AgencyFilterForm(request.GET or None)
    agencies = core_access.visible(request.user, Agency).select_related("parent", "successor", "admin_unit")
    status = "current"
    if form.is_valid():
        data = form.cleaned_data
        agencies = agencies.search(data["q"])
        if data["kind"]:
            agencies = agencies.filter(kind=data["kind"])
        status = data["status"] or "current"
        if data["on"]:
            agencies = agencies.valid_on(data["on"])
            status = "on"
    today = timezone.localdate()
    if status == "current":
        agencies = agencies.valid_on(today)
    elif status == "ended":
        agencies = agencies.filter(valid_to__lt=today)
    context = {"form": form, "page": _page(request, agencies.order_by("kind", "name")), "today": today}
    template = "agencies/agency_list.html#rows" if request.htmx else "agencies/agency_list.html"
    return render(request, template, context)


@require_GET
def agency_detail(request, code):
    agencies = Agency.objects.select_related("parent", "successor", "admin_unit")
    agency = core_access.get_or_404(request.user, Agency, queryset=agencies, code=code)
    can_read = core_access.can(request.user, "read_agency_records", agency)
    today = timezone.localdate()
    context = {
        "agency": agency,
        "today": today,
        "can_read": can_read,
        "can_edit": core_access.can_change(request.user, agency),
        "children": agency.children.valid_on(today).order_by("name"),
        "predecessors": agency.predecessors.order_by("-valid_to", "name"),
        "reorganisations": Reorganisation.objects.filter(source_agencies=agency)
        | Reorganisation.objects.filter(target_agency=agency),
    }
    if can_read:
        context["staff"] = agency.staff.filter(is_active=True).order_by("full_name")
        context["entries"] = history_entries(agency)
    return render(request, "agencies/agency_detail.html", context)


@require_http_methods(["GET", "POST"])
def agency_edit(request, code):
    agency = get_agency_for_user(request.user, code, edit=True)
    form = AgencyProfileForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        if (saved := form.save_with(save_agency_profile, actor=request.user)) is not None:
            messages.success(request, _("The agency's details were saved."))
            return redirect("agencies:detail", code=saved.code)
    return render(request, "agencies/agency_edit.html", {"agency": agency, "form": form})


@require_GET
def agency_tree(request):
    """The organisation chart on a date: who stood under whom, before or after a reorganisation."""
    form = AgencyFilterForm(request.GET or None)
    day = timezone.localdate()
    if form.is_valid() and form.cleaned_data["on"]:
        day = form.cleaned_data["on"]
    agencies = list(
        core_access.visible(request.user, Agency)
        .valid_on(day)
        .only("code", "name", "name_en", "name_zh", "kind", "parent_id")
    )
    present = {agency.pk for agency in agencies}
    # parents as they stood on that day, before the reorganisations that came after it
    parents = organisation.pointers_on(
        {agency.pk: agency.parent_id for agency in agencies}, moves_of("agencies.Agency.parent", day), day
    )
    children: dict[int | None, list[Agency]] = {}
    for agency in sorted(agencies, key=lambda a: (a.kind != Agency.Kind.PEOPLES_COMMITTEE, a.name)):
        parent = parents[agency.pk] if parents[agency.pk] in present else None
        children.setdefault(parent, []).append(agency)

    rows: list[tuple[Agency, int]] = []  # pre-order with depth: one flat loop renders fast at national scale
    stack = [(agency, 0) for agency in reversed(children.get(None, []))]
    while stack:
        agency, depth = stack.pop()
        rows.append((agency, depth))
        stack += [(child, depth + 1) for child in reversed(children.get(agency.pk, []))]
    context = {"form": form, "day": day, "rows": rows, "list_url": reverse("agencies:list")}
    return render(request, "agencies/agency_tree.html", context)


@require_GET
def unit_list(request):
    form = UnitFilterForm(request.GET or None)
    units = core_access.visible(request.user, AdminUnit).select_related("parent", "successor")
    today = timezone.localdate()
    on = today
    if form.is_valid():
        data = form.cleaned_data
        units = units.search(data["q"])
        if data["level"]:
            units = units.filter(level=data["level"])
        on = data["on"] or today
    units = units.valid_on(on).prefetch_related("formed_from")
    context = {"form": form, "page": _page(request, units.order_by("level", "name")), "on": on}
    template = "agencies/unit_list.html#rows" if request.htmx else "agencies/unit_list.html"
    return render(request, template, context)


@require_GET
def reorganisation_list(request):
    reorganisations = core_access.visible(request.user, Reorganisation).select_related(
        "target_agency", "target_unit", "performed_by"
    )
    reorganisations = reorganisations.prefetch_related("source_agencies", "source_units")
    return render(request, "agencies/reorganisation_list.html", {"page": _page(request, reorganisations)})
