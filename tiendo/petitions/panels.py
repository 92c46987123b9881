"""The petitions an enterprise's page lists (registered in tiendo.enterprises.hooks, as enterprises may not import
petitions) and the line on an investor's home: only the petitions the viewer may see (the access layer)."""

from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from tiendo.core import access
from tiendo.domain.petitions.states import OPEN

from .models import Petition

SHOWN = 20


def _link(user, petition: Petition) -> str:
    """The petitioner's page for the investor; the desk's page for those who handle petitions, when it exists."""
    if access.can(user, "act_as_petitioner", petition):
        return reverse("petitions:my_petition", args=[petition.pk])
    try:
        return reverse("petitions:detail", args=[petition.pk])
    except NoReverseMatch:
        return ""


def enterprise_panel(user, enterprise) -> str:
    """The enterprise's petitions the viewer may see, newest first; "" for a viewer who reads no petitions."""
    if not access.can(user, "read_petitions"):
        return ""
    petitions = access.visible(user, Petition).filter(enterprise=enterprise).order_by("-received_on", "-pk")
    rows = [{"petition": p, "url": _link(user, p)} for p in petitions.select_related("agency")[:SHOWN]]
    is_petitioner = access.can(user, "is_investor") and user.enterprise_id == enterprise.pk
    context = {
        "rows": rows,
        "count": petitions.count(),
        "open_count": petitions.open().count(),
        "is_petitioner": is_petitioner,
        "open_states": frozenset(state.value for state in OPEN),
    }
    return render_to_string("petitions/enterprise_panel.html", context)


def open_petitions(user) -> int:
    """How many of the user's visible petitions still wait for an answer (the investor's home line)."""
    return access.visible(user, Petition).open().count()
