"""What other parts of the targets app add to an indicator's page, without the page importing them.

The panel of linked projects and disbursement beside an indicator (issue 15, point 6) comes from its own module,
which registers here from the app's ready(); the page asks `panel_for` and includes `targets/links_panel.html`
only when a panel answered. With nothing registered the page simply has no such section."""

from collections.abc import Callable
from typing import Any

# (indicator, year, user) -> the template context of the panel, {} when it has nothing to show
Panel = Callable[[Any, int, Any], dict[str, Any]]

_panels: dict[str, Panel] = {}


def add_indicator_panel(name: str, panel: Panel) -> None:
    _panels[name] = panel


def panel_for(indicator, year: int, user) -> dict[str, Any]:
    """Every registered panel's context for the indicator's page, merged; {} when none has anything."""
    context: dict[str, Any] = {}
    for panel in _panels.values():
        context |= panel(indicator, year, user)
    return context
