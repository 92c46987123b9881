from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "tiendo.targets"
    verbose_name = _("Socio-economic targets")

    def ready(self) -> None:
        from . import access, alerting

        access.register()  # who sees and changes this app's records (tiendo.core.access)
        alerting.register()  # the alerts' check after each publication (services.AFTER_PUBLICATION)
