from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "tiendo.petitions"
    verbose_name = _("Enterprises' petitions")

    def ready(self) -> None:
        from . import access

        access.register()  # who sees and changes this app's records (tiendo.core.access)

        from . import escalation_wiring

        escalation_wiring.register()  # the nightly ladder, the lights, the project and review item panels
