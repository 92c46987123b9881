from django.contrib import admin, messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from .forms import MergeForm
from .models import AdminUnit, Agency, Installation, Reorganisation
from .reorganisation import ReorganisationError, merge_agencies


@admin.action(description=gettext_lazy("Merge the selected agencies into a successor"))
def merge_selected(modeladmin, request, queryset):
    """Step one lists the agencies; step two (the same POST plus the form) runs the merge."""
    sources = list(queryset.order_by("name"))
    form = MergeForm(
        request.POST if "apply" in request.POST else None,
        target_queryset=Agency.objects.filter(valid_to__isnull=True).exclude(pk__in=[s.pk for s in sources]),
    )
    if "apply" in request.POST and form.is_valid():
        data = form.cleaned_data
        try:
            result = merge_agencies(
                sources, data["target"], data["effective"], data["decision"], actor=request.user, note=data["note"]
            )
        except ReorganisationError as error:
            modeladmin.message_user(request, str(error), messages.ERROR)
        else:
            moved = sum(result.moved.values())
            modeladmin.message_user(
                request,
                _("%(n)d agencies merged into %(target)s; %(moved)d open records moved.")
                % {"n": len(sources), "target": result.target_agency.name, "moved": moved},
                messages.SUCCESS,
            )
            return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Merge agencies"),
        "sources": sources,
        "form": form,
        "opts": modeladmin.model._meta,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return render(request, "admin/agencies/merge.html", context)


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "parent", "valid_from", "valid_to", "successor"]
    list_filter = ["kind", "valid_to"]
    search_fields = ["name", "code", "short_name", "search_key"]
    autocomplete_fields = ["parent", "successor", "admin_unit"]
    actions = [merge_selected]

    def has_delete_permission(self, request, obj=None):
        return False  # agencies end (valid_to) or merge; their records must keep pointing at them


@admin.register(AdminUnit)
class AdminUnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit_type", "level", "parent", "valid_from", "valid_to", "successor"]
    list_filter = ["level"]
    search_fields = ["name", "code", "search_key"]
    autocomplete_fields = ["parent", "successor"]
    filter_horizontal = ["formed_from"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Reorganisation)
class ReorganisationAdmin(admin.ModelAdmin):
    list_display = ["effective", "decision", "subject", "target_agency", "target_unit", "performed_by"]
    readonly_fields = [f.name for f in Reorganisation._meta.fields] + ["source_agencies", "source_units"]

    def has_add_permission(self, request):
        return False  # reorganisations are made by the merge action or command, which move the open work

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Installation)
class InstallationAdmin(SimpleHistoryAdmin):
    list_display = ["province", "owner_agency"]
    autocomplete_fields = ["province", "owner_agency"]
