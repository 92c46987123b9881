from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "tiendo.plans"
    verbose_name = _("Public-investment plans")

    def ready(self) -> None:
        from . import access

        access.register()  # who sees and changes this app's records (tiendo.core.access)

        from tiendo.agencies.models import AdminUnit, Agency
        from tiendo.core import fragments
        from tiendo.projects.models import Project

        from .models import Disbursement, Plan, PlanItem, PlanLine, PlanVersion, Source

        # the cached dashboard and overview card are dated by these tables' history (tiendo.core.fragments)
        dated_by = (Disbursement, PlanLine, PlanItem, PlanVersion, Plan, Source, Project, Agency, AdminUnit)
        fragments.register("plans", *(m.history.model._meta.db_table for m in dated_by))
