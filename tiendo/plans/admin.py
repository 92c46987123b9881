"""Administrators keep the tree of capital sources and the plans here; versions change only through the services
(pages, `tiendo plan`), so the admin shows them read-only, with their history."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Plan, PlanVersion, Source, SourceBudget


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["tree_name", "code", "level", "foreign", "order", "active"]
    list_filter = ["level", "foreign", "active"]
    search_fields = ["code", "name", "name_en"]
    ordering = ["order", "code"]
    autocomplete_fields = ["parent"]

    @admin.display(description=_("name"))
    def tree_name(self, source: Source) -> str:
        """The name indented by its depth in the tree (the tree is a handful of levels)."""
        depth, parent, seen = 0, source.parent, {source.pk}
        while parent is not None and parent.pk not in seen:
            seen.add(parent.pk)
            depth += 1
            parent = parent.parent
        return f"{'— ' * depth}{source.name}"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent__parent__parent")


class VersionInline(admin.TabularInline):
    model = PlanVersion
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["number", "title", "purpose", "state", "decision_number", "decision_date", "decision_body"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "first_year", "last_year", "medium_term"]
    list_filter = ["kind"]
    search_fields = ["title"]
    inlines = [VersionInline]


class BudgetInline(admin.TabularInline):
    model = SourceBudget
    extra = 0
    can_delete = False
    fields = ["source", "available", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PlanVersion)
class PlanVersionAdmin(SimpleHistoryAdmin):
    """Read-mostly: the decision's text fields and the note can be corrected; the rest changes through the
    services, which keep the lines, the allocation and the states consistent."""

    list_display = ["plan", "number", "title", "purpose", "state", "decision_number", "decision_date"]
    list_filter = ["state", "purpose", "plan__kind"]
    search_fields = ["title", "decision_number", "plan__title"]
    readonly_fields = [
        "plan",
        "number",
        "purpose",
        "state",
        "based_on",
        "decision_date",
        "decision_body",
        "allocation",
        "created_by",
        "created_at",
        "approved_by",
        "approved_at",
    ]
    inlines = [BudgetInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
