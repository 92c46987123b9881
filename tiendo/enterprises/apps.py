from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "tiendo.enterprises"
    verbose_name = _("Enterprises")

    def ready(self) -> None:
        from . import access

        access.register()  # who sees and changes this app's records (tiendo.core.access)
