"""Where escalation and links hook into the apps below petitions (called from PetitionsConfig.ready): the nightly
reminders run the ladder, an answered petition closes its leaders' task, overdue petitions count in the traffic
lights (and date their cached blocks), the project page and the review item list the project's petitions."""

from tiendo.core import fragments
from tiendo.directives import reminders, reports

from . import escalation, project_pages, services
from .lights import OVERDUE_PETITIONS
from .models import Petition


def register() -> None:
    if not any(name == "petitions" for name, _hook in reminders.AFTER_RUN):
        reminders.AFTER_RUN.append(("petitions", escalation.nightly))
    if escalation.after_move not in services.AFTER_MOVE:
        services.AFTER_MOVE.append(escalation.after_move)
    if OVERDUE_PETITIONS not in reports.EXTRA_COUNTS:
        reports.EXTRA_COUNTS.append(OVERDUE_PETITIONS)
    # the summary's cached blocks are rebuilt when a petition changes
    fragments.register("tasks", Petition.history.model._meta.db_table)
    project_pages.register()
