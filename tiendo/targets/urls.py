"""/targets/…: each page module of PARTS brings its own urlpatterns (the targets, the scenario, the alerts,
the imports), under one namespace."""

from importlib import import_module

app_name = "targets"

PARTS: tuple[str, ...] = (
    "urls_alerts",
    "urls_indicators",
    "urls_records",
    "urls_scenarios",
)  # modules of tiendo.targets

urlpatterns = [pattern for name in PARTS for pattern in import_module(f"tiendo.targets.{name}").urlpatterns]
