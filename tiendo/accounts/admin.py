from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "full_name", "role", "agency", "enterprise", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name", "email"]
    autocomplete_fields = ["agency", "enterprise"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("tiendo"), {"fields": ["full_name", "position", "phone", "role", "agency", "is_agency_head", "enterprise"]}),
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        (_("tiendo"), {"fields": ["full_name", "role", "agency", "enterprise"]}),
    ]

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: the history keeps pointing at the person who acted
