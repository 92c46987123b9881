"""What apps above reviews add to a review item's page, without reviews importing them (the same pattern as
tiendo.projects.hooks): a review item concerns a project, and the petitions its enterprise raised about that
project belong beside the proposal put to the leaders. With nothing registered the page has no such panel."""

from collections.abc import Callable
from datetime import date
from typing import Any

# (user, item, today) -> {"template": the panel's template, ...its context}, or None to show nothing
Panel = Callable[[Any, Any, date], dict[str, Any] | None]

_panels: dict[str, Panel] = {}


def add_panel(name: str, panel: Panel) -> None:
    _panels[name] = panel


def panels(user, item, today: date) -> list[dict[str, Any]]:
    """Each registered panel that has something to show for this item, in registration order."""
    found = []
    for panel in _panels.values():
        context = panel(user, item, today)
        if context:
            found.append(context)
    return found
