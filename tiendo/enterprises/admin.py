from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from .models import Enterprise
from .services import delete_enterprise


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "tax_code", "country", "deleted_at"]
    list_filter = ["country"]
    search_fields = ["name", "tax_code", "search_key"]

    # Deleting here is the service's: hidden (restorable, with its history), refused while projects or an
    # investor's login depend on it. Django's own check (the PROTECT foreign keys) lists them first.
    def delete_model(self, request, obj):
        try:
            delete_enterprise(obj, actor=request.user, reason="admin")
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)

    def delete_queryset(self, request, queryset):
        for enterprise in queryset:
            self.delete_model(request, enterprise)
