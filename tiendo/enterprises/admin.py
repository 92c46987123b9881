from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Enterprise


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "tax_code", "country", "deleted_at"]
    list_filter = ["country"]
    search_fields = ["name", "tax_code", "search_key"]
