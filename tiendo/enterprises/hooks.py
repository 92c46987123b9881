"""What apps above enterprises add to an enterprise's page, without enterprises importing them.

The petitions app lists the enterprise's petitions there (issue 16, point 9); it sits above enterprises in the
layering, so it registers its panel here from its AppConfig.ready() and the page asks `panels_for`. Each panel
renders its own HTML, the records the viewer may see only, and "" when it has nothing to show."""

from collections.abc import Callable
from typing import Any

# (user, enterprise) -> the panel's HTML (a safe string), "" when it has nothing to show
Panel = Callable[[Any, Any], str]

_panels: dict[str, Panel] = {}


def add_panel(name: str, panel: Panel) -> None:
    _panels[name] = panel


def panels_for(user, enterprise) -> list[str]:
    """The registered panels' HTML for the enterprise's page, in registration order, the empty ones left out."""
    return [html for html in (panel(user, enterprise) for panel in _panels.values()) if html]
