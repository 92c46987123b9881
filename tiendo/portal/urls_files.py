"""/open-data/… files, the same in every language (outside i18n_patterns): each module of PARTS brings its
urlpatterns under the namespace `opendata`."""

from importlib import import_module

app_name = "opendata"

PARTS: tuple[str, ...] = (  # modules of tiendo.portal
    "files_opendata",
)

urlpatterns = [pattern for name in PARTS for pattern in import_module(f"tiendo.portal.{name}").urlpatterns]
