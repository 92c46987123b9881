"""Who sees review rounds, items and the engine's findings, registered in the access layer.

Rounds and items name proposed sanctions: the province's staff only. The engine's findings on a project: staff, and
the officers of the agency in charge. An investor sees the decisions already taken about its own projects (a
decided item of a concluded round) through `decisions`, never the proposals, the items in progress or the notes.
"""

from tiendo.core import access
from tiendo.domain import access as role_table
from tiendo.projects.models import Project

from .models import Finding, ReviewItem, ReviewRound, ScanRun


def _staff_only(model):
    return lambda actor, user: access.scoped(model.objects.all(), actor, role_table.review_scope)


def register() -> None:
    access.register(
        ReviewRound, visible=_staff_only(ReviewRound), can_change=lambda actor, r: role_table.can_prepare_reviews(actor)
    )
    access.register(
        ReviewItem, visible=_staff_only(ReviewItem), can_change=lambda actor, i: role_table.can_prepare_reviews(actor)
    )
    access.register(ScanRun, visible=_staff_only(ScanRun))
    access.register(
        Finding,
        visible=lambda actor, user: access.scoped(
            Finding.objects.all(), actor, role_table.finding_scope, agency="project__agency_id"
        ),
    )


def decisions(user, project: Project):
    """The decisions already taken about a project that the user may read: decided items of concluded rounds."""
    items = ReviewItem.objects.filter(project=project, round__state=ReviewRound.State.CLOSED).exclude(decision="")
    return access.scoped(
        items, access.actor_of(user), role_table.decision_scope, enterprise="project__investor_id"
    ).select_related("round")


def decisions_for_user(user):
    """Every decision already taken that the user may read (an investor: those about its own projects)."""
    items = ReviewItem.objects.filter(round__state=ReviewRound.State.CLOSED).exclude(decision="")
    return access.scoped(items, access.actor_of(user), role_table.decision_scope, enterprise="project__investor_id")
