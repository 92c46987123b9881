from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "tiendo.targets"
    verbose_name = _("Socio-economic targets")

    def ready(self) -> None:
        from . import access, alerting, hooks, links

        access.register()  # who sees and changes this app's records (tiendo.core.access)
        alerting.register()  # the alerts' check after each publication (services.AFTER_PUBLICATION)
        # linked projects and disbursement beside an indicator (tiendo.targets.hooks)
        hooks.add_indicator_panel("links", links.indicator_panel)
