from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "tiendo.petitions"
    verbose_name = _("Enterprises' petitions")

    def ready(self) -> None:
        from tiendo.enterprises import hooks as enterprise_hooks

        from . import access, escalation_wiring, panels

        access.register()  # who sees and changes this app's records (tiendo.core.access)
        enterprise_hooks.add_panel("petitions", panels.enterprise_panel)  # the enterprise page lists its petitions
        escalation_wiring.register()  # the nightly ladder, the lights, the project and review item panels
