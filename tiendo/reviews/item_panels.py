"""What apps above reviews add to a review item's page, without reviews importing them (the same pattern as
tiendo.projects.hooks): a review item concerns a project, and the petitions its enterprise raised about that
project belong beside the proposal put to the leaders. With nothing registered the page has no such panel."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.template.loader import render_to_string

# (user, item, today) -> (the panel's template, its context), or None to show nothing
Panel = Callable[[Any, Any, date], tuple[str, dict[str, Any]] | None]

_panels: dict[str, Panel] = {}


def add_panel(name: str, panel: Panel) -> None:
    _panels[name] = panel


def panels(user, item, today: date, request=None) -> list[str]:
    """Each registered panel that has something to show for this item, rendered, in registration order."""
    found = []
    for panel in _panels.values():
        shown = panel(user, item, today)
        if shown:
            template, context = shown
            found.append(render_to_string(template, context, request=request))
    return found
