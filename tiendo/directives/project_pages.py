"""What directives adds to the project page (registered in tiendo.projects.hooks, as projects may not import
directives): the tasks about the project that the user may see, with their status today."""

from tiendo.projects import hooks

from .access import tasks_for_user


def register() -> None:
    hooks.add_detail_section("directives", detail_section)


def detail_section(user, project, today) -> dict:
    tasks = (
        tasks_for_user(user)
        .filter(project=project)
        .with_status(today)
        .select_related("lead_agency", "directive")
        .order_by("deadline", "pk")
    )
    return {"tasks": tasks}
