"""The gatekeepers for projects: every page, API endpoint and command fetches projects through these."""

from django.http import Http404

from tiendo.domain import access

from .models import Project


def projects_for_user(user):
    return Project.objects.alive().for_actor(user.actor)


def get_project_for_user(user, code: str, *, report: bool = False, edit: bool = False) -> Project:
    """A project the user may see (report=True: may report on; edit=True: may change); else the same 404."""
    try:
        project = (
            projects_for_user(user).select_related("sector", "commune", "zone", "investor", "agency").get(code=code)
        )
    except Project.DoesNotExist:
        raise Http404 from None
    actor = user.actor
    if edit and actor.role not in access.EDIT_ALL:
        raise Http404
    if report and not can_report_on(actor, project):
        raise Http404
    return project


def can_report_on(actor, project: Project) -> bool:
    """Investors report on their own projects, officers on their agency's, specialists on any."""
    if actor.role in access.EDIT_ALL:
        return True
    if actor.role == access.Role.INVESTOR:
        return project.investor_id is not None and project.investor_id == actor.enterprise_id
    if actor.role == access.Role.OFFICER:
        return project.agency_id in actor.agency_ids
    return False
