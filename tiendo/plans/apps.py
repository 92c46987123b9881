from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "tiendo.plans"
    verbose_name = _("Public-investment plans")

    def ready(self) -> None:
        from . import access

        access.register()  # who sees and changes this app's records (tiendo.core.access)
