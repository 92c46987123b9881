"""The project list's filter choices (sectors, communes, zones, agencies), shared by every visitor who sees the same
records, and a select widget that writes its options in Python.

Every list request used to read the four directories again (four queries, and on PostgreSQL a server-side cursor
each), build a model instance per option and render each of the 200-odd options through a template: that was half
of the list's time. The choices are now kept for a minute in the cache, keyed by the SQL of what the user may see
(so a scope that sees other records gets other choices) and the language; a change to a directory forgets them.
"""

import hashlib
import uuid

from django import forms
from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import get_language

from tiendo.agencies.models import AdminUnit, Agency, Installation
from tiendo.core import access

from .models import Sector, Zone

CHOICES_SECONDS = 60
GENERATION_KEY = "tiendo:project-filter-choices:generation"
DIRECTORIES = (Sector, Zone, AdminUnit, Agency, Installation)


def forget_choices(**kwargs) -> None:
    """A directory changed: the next list reads the choices again (other processes within a minute)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def connect_signals() -> None:
    for model in DIRECTORIES:
        post_save.connect(forget_choices, sender=model, dispatch_uid=f"project-filter-choices-save-{model.__name__}")
        post_delete.connect(
            forget_choices, sender=model, dispatch_uid=f"project-filter-choices-delete-{model.__name__}"
        )


def local_units_and_agencies(province_id: int | None, today):
    """Communes and agencies of the province this tiendo serves (all of them when none is set)."""
    communes = AdminUnit.objects.valid_on(today).filter(level=AdminUnit.Level.COMMUNE)
    agencies = Agency.objects.valid_on(today).exclude(kind=Agency.Kind.CENTRAL)
    if province_id is not None:
        communes = communes.filter(parent_id=province_id)
        agencies = agencies.filter(Q(admin_unit_id=province_id) | Q(admin_unit__in=communes.values("pk")))
    return communes.order_by("name"), agencies.order_by("kind", "name")


def _sql_key(querysets) -> str:
    digest = hashlib.sha1()
    for queryset in querysets:
        sql, params = queryset.query.sql_with_params()
        digest.update(f"{queryset.model._meta.label}\0{sql}\0{params!r}\0".encode())
    return digest.hexdigest()


def filter_querysets(user, fields: dict[str, forms.Field]) -> None:
    """Give the sector, commune, zone and agency fields their querysets (for validating a choice) and their
    choices (for showing them), read at most once a minute per scope and language."""
    today = timezone.localdate()
    visible = {model: access.visible(user, model) for model in (AdminUnit, Agency, Sector, Zone)}
    generation = cache.get(GENERATION_KEY) or ""
    key = (
        f"tiendo:project-filter-choices:{generation}:{get_language()}:{today.isoformat()}:{_sql_key(visible.values())}"
    )
    shared = cache.get(key)
    if shared is None:
        installation = Installation.current()
        shared = {"province_id": installation.province_id if installation else None}
    communes, agencies = local_units_and_agencies(shared["province_id"], today)
    querysets = {
        "commune": communes & visible[AdminUnit],
        "agency": agencies & visible[Agency],
        "sector": visible[Sector],
        "zone": visible[Zone],
    }
    fresh = "choices" not in shared
    if fresh:
        shared["choices"] = {}
    for name, queryset in querysets.items():
        field = fields[name]
        if fresh:
            shared["choices"][name] = [(str(obj.pk), str(field.label_from_instance(obj))) for obj in queryset]
        field.shared_choices = shared["choices"][name]
        field.queryset = queryset  # after shared_choices: setting it hands the widget the (lazy) choices
    if fresh:
        cache.set(key, shared, CHOICES_SECONDS)


class SharedChoiceIterator(ModelChoiceIterator):
    """The field's choices from the shared list rather than a query (the queryset still validates a choice)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        shared = getattr(self.field, "shared_choices", None)
        if shared is None:  # not given by filter_querysets: read them as Django does
            for obj in self.queryset:
                yield self.choice(obj)
        else:
            yield from shared

    def __len__(self):
        return sum(1 for _ in self)

    def __bool__(self):
        return any(True for _ in self)


class SharedModelChoiceField(forms.ModelChoiceField):
    iterator = SharedChoiceIterator
