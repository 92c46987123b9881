"""The registry of "open work": records that follow their agency or unit when it merges (a task not done, an
active user, a project still running). Each app declares its own from its AppConfig.ready(); the merge service
and the reorganisation's page read it."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class OpenWork:
    model: type[models.Model]
    field: str
    open_filter: Q
    label: str
    title: str  # shown to users, e.g. "active staff" (a lazy translation)

    @property
    def points_to(self) -> type[models.Model]:
        return self.model._meta.get_field(self.field).related_model


_REGISTRY: list[OpenWork] = []


def register_open_work(
    model: type[models.Model], field: str, open_filter: Q | None = None, *, label: str, title: str
) -> None:
    """Declare that `model.field` records matching `open_filter` follow their agency (or unit) when it merges."""
    if not any(entry.label == label for entry in _REGISTRY):
        _REGISTRY.append(OpenWork(model, field, open_filter or Q(), label, title))


def moved_titles(moved: dict[str, int]) -> list[tuple[str, int]]:
    """A reorganisation's counts with the names users read, in registry order."""
    titles = {entry.label: str(entry.title) for entry in _REGISTRY}
    return [(titles.get(label, label), count) for label, count in moved.items() if count]


def registered_open_work() -> tuple[OpenWork, ...]:
    return tuple(_REGISTRY)
