from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewConfig(AppConfig):
    """The home page and the header: a surface that reads every record app, which none of them may import."""

    name = "tiendo.overview"
    verbose_name = _("Overview")

    def ready(self) -> None:
        from tiendo.agencies.models import AdminUnit, Agency, Reorganisation
        from tiendo.core import fragments
        from tiendo.enterprises.models import Enterprise
        from tiendo.projects.models import Milestone, Project

        # the overview's cached blocks are dated by these tables (tiendo.core.fragments)
        def history(*models):
            return [model.history.model._meta.db_table for model in models]

        fragments.register("organisation", *history(Agency, AdminUnit), (Reorganisation._meta.db_table, "id"))
        fragments.register("projects", *history(Project, Milestone))
        fragments.register("enterprises", *history(Enterprise))
