"""The gatekeepers for directives and tasks: every page, API endpoint and command fetches them through these."""

from django.http import Http404

from .models import Directive, Task


def directives_for_user(user):
    return Directive.objects.alive().for_actor(user.actor)


def tasks_for_user(user):
    return Task.objects.alive().for_actor(user.actor)


def get_directive_for_user(user, pk) -> Directive:
    try:
        return directives_for_user(user).get(pk=pk)
    except (Directive.DoesNotExist, ValueError):
        raise Http404 from None


def get_task_for_user(user, pk) -> Task:
    """A task the user may see; the same 404 whether it does not exist or belongs to another agency."""
    try:
        return tasks_for_user(user).select_related("directive", "lead_agency", "project").get(pk=pk)
    except (Task.DoesNotExist, ValueError):
        raise Http404 from None
