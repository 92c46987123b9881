from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "tiendo.agencies"
    verbose_name = _("Agencies")

    def ready(self) -> None:
        from django.db.models import Q

        from .models import AdminUnit, Agency, Installation
        from .reorganisation import register_open_work

        # Units and agencies still in force follow their parent; ended ones stay where they were.
        still_in_force = Q(valid_to__isnull=True)
        register_open_work(Agency, "parent", still_in_force, label="agencies.Agency.parent")
        register_open_work(Agency, "admin_unit", still_in_force, label="agencies.Agency.admin_unit")
        register_open_work(AdminUnit, "parent", still_in_force, label="agencies.AdminUnit.parent")
        register_open_work(Installation, "owner_agency", label="agencies.Installation.owner_agency")
        register_open_work(Installation, "province", label="agencies.Installation.province")
