from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "tiendo.directives"
    verbose_name = _("Directives and tasks")

    def ready(self) -> None:
        from . import access

        access.register()  # who sees and changes this app's records (tiendo.core.access)

        from . import project_pages

        project_pages.register()  # its sections of the project pages (tiendo.projects.hooks)

        from django.db.models import Q

        from tiendo.agencies.open_work import register_open_work

        from .models import Task

        # An unfinished task follows its lead agency into a merger; finished ones stay with the agency that did them.
        register_open_work(
            Task,
            "lead_agency",
            Q(completed_on__isnull=True, deleted_at__isnull=True),
            label="directives.Task.lead_agency",
            title=_("unfinished tasks"),
        )

        from tiendo.agencies.models import AdminUnit, Agency, Installation
        from tiendo.core import fragments

        from .models import Directive

        # the cached summary, lights and overview blocks of tasks are dated by these tables' history
        dated_by = [m.history.model._meta.db_table for m in (Task, Directive, Agency, AdminUnit, Installation)]
        fragments.register("tasks", *dated_by, (Task.cooperating_agencies.through._meta.db_table, "id"))
