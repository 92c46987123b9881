from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "tiendo.agencies"
    verbose_name = _("Agencies")

    def ready(self) -> None:
        from . import access

        access.register()  # who sees and changes this app's records (tiendo.core.access)

        from django.db.models import Q
        from django.utils.translation import gettext_lazy as _

        from .models import AdminUnit, Agency, Installation
        from .open_work import register_open_work

        # Units and agencies still in force follow their parent; ended ones stay where they were.
        still_in_force = Q(valid_to__isnull=True)
        register_open_work(
            Agency, "parent", still_in_force, label="agencies.Agency.parent", title=_("subordinate units in force")
        )
        register_open_work(
            Agency, "admin_unit", still_in_force, label="agencies.Agency.admin_unit", title=_("agencies of the unit")
        )
        register_open_work(
            AdminUnit, "parent", still_in_force, label="agencies.AdminUnit.parent", title=_("units in force")
        )
        register_open_work(
            Installation, "owner_agency", label="agencies.Installation.owner_agency", title=_("operating agency")
        )
        register_open_work(
            Installation, "province", label="agencies.Installation.province", title=_("installation province")
        )
