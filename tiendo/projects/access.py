"""Who sees and changes projects and what hangs from them, registered in the access layer; the few helpers
below are thin wrappers over it kept for the many callers that fetch a project by its code."""

from django.http import Http404

from tiendo.core import access
from tiendo.domain import access as role_table

from .models import CapitalSource, Document, ImportJob, LegalDocument, Milestone, ProgressReport, Project, Sector, Zone


def _projects(actor):
    return access.scoped(
        Project.objects.alive(), actor, role_table.project_scope, agency="agency_id", enterprise="investor_id"
    )


def _of_projects(model):
    return lambda actor, user: model.objects.filter(project__in=_projects(actor).values("pk"))


def _manages(actor, obj) -> bool:
    return role_table.can_manage_projects(actor)


def _reports_on(actor, project) -> bool:
    return role_table.can_report_on_project(actor, project.agency_id, project.investor_id)


def register() -> None:
    access.register(Project, visible=lambda actor, user: _projects(actor), can_change=_manages)
    for model in (Milestone, CapitalSource, LegalDocument):
        access.register(model, visible=_of_projects(model), can_change=_manages)
    # a progress report is kept as submitted: nobody changes it, a new one corrects it
    access.register(ProgressReport, visible=_of_projects(ProgressReport))
    access.register(
        Document, visible=_of_projects(Document), can_change=lambda actor, doc: _reports_on(actor, doc.project)
    )
    access.register(
        ImportJob,
        visible=lambda actor, user: (
            ImportJob.objects.all() if role_table.can_manage_projects(actor) else ImportJob.objects.none()
        ),
        can_change=_manages,
    )
    for model in (Sector, Zone):
        access.register(
            model,
            visible=lambda actor, user, model=model: access.scoped(
                model.objects.all(), actor, role_table.directory_scope
            ),
        )
    # progress reports and documents come from the project's investor, its agency's officers or a specialist
    access.register_check("report_on", _reports_on)


def projects_for_user(user):
    return access.visible(user, Project)


def get_project_for_user(user, code: str, *, report: bool = False, edit: bool = False) -> Project:
    """A project the user may see (report=True: may report on; edit=True: may change); else the same 404."""
    project = access.get_or_404(
        user,
        Project,
        queryset=Project.objects.select_related("sector", "commune", "zone", "investor", "agency"),
        code=code,
    )
    if edit and not access.can_change(user, project):
        raise Http404
    if report and not access.can(user, "report_on", project):
        raise Http404
    return project
