from django.contrib import admin
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from .models import CapitalSource, ImportJob, LegalDocument, Milestone, Project, ScheduleAdjustment, Sector, Zone
from .services import restore_project


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["kind", "first_due", "current_due", "done"]


class CapitalSourceInline(admin.TabularInline):
    model = CapitalSource
    extra = 0


class LegalDocumentInline(admin.TabularInline):
    model = LegalDocument
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "status", "investor", "agency", "deleted_at"]
    list_filter = ["kind", "status", "group"]
    search_fields = ["code", "search_key"]
    autocomplete_fields = ["investor", "agency", "commune"]
    inlines = [MilestoneInline, CapitalSourceInline, LegalDocumentInline]
    actions = ["restore_selected"]

    def get_queryset(self, request):
        return Project.objects.all()  # deleted projects too, so that an administrator can restore them

    def has_delete_permission(self, request, obj=None):
        return False  # projects are deleted softly from their page and restored here

    @admin.action(description=gettext_lazy("Restore the selected deleted projects"))
    def restore_selected(self, request, queryset):
        for project in queryset.filter(deleted_at__isnull=False):
            restore_project(project, actor=request.user)


@admin.register(ScheduleAdjustment)
class ScheduleAdjustmentAdmin(SimpleHistoryAdmin):
    list_display = ["milestone", "document_number", "decided_on", "old_due", "new_due", "reason"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en"]
    search_fields = ["name", "code"]


@admin.register(Zone)
class ZoneAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "commune"]
    search_fields = ["name", "code"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["created_at", "original_name", "uploaded_by", "status", "processed_rows", "total_rows"]
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def has_add_permission(self, request):
        return False
