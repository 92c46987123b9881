from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "tiendo.projects"
    verbose_name = _("Investment projects")

    def ready(self) -> None:
        from . import access

        access.register()  # who sees and changes this app's records (tiendo.core.access)

        from .filter_fields import connect_signals

        connect_signals()  # a change to a directory forgets the list's shared filter choices

        from django.db.models import Q

        from tiendo.agencies.open_work import register_open_work

        from .models import Project

        # A project still running follows its agency into a merger; finished and ended ones keep theirs.
        running = Q(status__in=["preparing", "implementing", "operating", "suspended"])
        register_open_work(Project, "agency", running, label="projects.Project.agency", title=_("projects in progress"))
        register_open_work(
            Project, "commune", running, label="projects.Project.commune", title=_("projects located there")
        )
