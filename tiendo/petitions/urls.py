"""/petitions/…: each page module of PARTS brings its own urlpatterns and, optionally, NAV entries for the
section's navigation ((label, url name, capability) tuples), under one namespace."""

from importlib import import_module

app_name = "petitions"

PARTS: tuple[str, ...] = (
    "urls_desk",
    "urls_investor",
    "urls_reports",
    "urls_conferences",
    "urls_calendar",
)  # modules of tiendo.petitions

urlpatterns = [pattern for name in PARTS for pattern in import_module(f"tiendo.petitions.{name}").urlpatterns]


def nav_entries() -> list[tuple[str, str, str, str]]:
    """(key, label, url name, capability) of each section page, in PARTS order."""
    return [entry for name in PARTS for entry in getattr(import_module(f"tiendo.petitions.{name}"), "NAV", ())]
