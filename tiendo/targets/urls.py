"""/targets/…: each page module of PARTS brings its own urlpatterns (the targets, the scenario, the alerts,
the imports), under one namespace."""

from importlib import import_module

app_name = "targets"

PARTS: tuple[str, ...] = ("urls_alerts",)  # modules of tiendo.targets, e.g. "urls_indicators"

urlpatterns = [pattern for name in PARTS for pattern in import_module(f"tiendo.targets.{name}").urlpatterns]
