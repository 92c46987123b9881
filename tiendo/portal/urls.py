"""/portal/…: the department's side of the portal (signed in): each page module of PARTS brings its urlpatterns
under the namespace `portal_desk`."""

from importlib import import_module

app_name = "portal_desk"

PARTS: tuple[str, ...] = (  # modules of tiendo.portal
    "pages_desk",
    "pages_desk_parts",
    "pages_translations",
    "desk_opendata",
)

urlpatterns = [pattern for name in PARTS for pattern in import_module(f"tiendo.portal.{name}").urlpatterns]
