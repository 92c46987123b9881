"""Petitions on the project page (tiendo.projects.hooks) and on a review item's page (tiendo.reviews.item_panels):
the petitions raised about the project that the user may see, with their state and answer deadline."""

from tiendo.core import access
from tiendo.projects import hooks
from tiendo.reviews import item_panels

from .links import petition_path
from .models import Petition

TEMPLATE = "petitions/_project_petitions.html"


def register() -> None:
    hooks.add_detail_section("petitions", detail_section)
    item_panels.add_panel("petitions", review_item_panel)


def petitions_about(user, project) -> list[Petition]:
    if not access.can(user, "read_petitions"):
        return []
    petitions = (
        access.visible(user, Petition)
        .filter(projects=project)
        .select_related("agency")
        .order_by("-received_on", "-pk")
        .distinct()
    )
    found = list(petitions[:50])
    for petition in found:
        petition.link = petition_path(petition)
    return found


def detail_section(user, project, today) -> dict:
    return {"project_petitions": petitions_about(user, project)}


def review_item_panel(user, item, today) -> tuple[str, dict] | None:
    petitions = petitions_about(user, item.project)
    return (TEMPLATE, {"petitions": petitions}) if petitions else None
