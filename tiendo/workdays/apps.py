from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "tiendo.workdays"
    verbose_name = _("Working-day calendar")

    def ready(self) -> None:
        from . import access

        access.register()  # who sees and changes the declared days (tiendo.core.access)
