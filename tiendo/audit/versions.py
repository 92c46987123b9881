"""Optimistic locking: every edit carries the version of the record it was read at; a stale edit changes nothing
and says who changed what since (from the kept history), so the user can re-apply their change.

The version moves in the database with one conditional UPDATE inside the service's transaction: on PostgreSQL the
row lock makes a second writer wait and then find the version moved; on SQLite the IMMEDIATE transactions run one
at a time. Either way exactly one of two edits read at the same version wins."""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .history import HIDDEN_FIELDS, MESSAGE_SUFFIX


def version_field() -> models.PositiveIntegerField:
    return models.PositiveIntegerField(  # db_default: bulk INSERTs that name their columns (demo, imports) get 1
        _("version"),
        default=1,
        db_default=1,
        editable=False,
        help_text=_("Goes up by one with every change (optimistic locking)."),
    )


class StaleVersion(ValidationError):
    """The record changed after the editor read it: `changes` says how, `current` is the version to re-apply on."""

    def __init__(self, record, read_version: int, current: int, changes: list):
        self.record, self.read_version, self.current, self.changes = record, read_version, current, changes
        super().__init__(stale_message(changes), code="stale")


def stale_message(changes: list) -> str:
    head = gettext(
        "Someone changed this record after you opened it, so your changes were not saved. "
        "Your entries are kept below: check them against these changes and save again."
    )
    lines = [
        gettext("%(who)s on %(when)s changed: %(fields)s.")
        % {
            "who": change.who,
            "when": timezone.localtime(change.when).strftime("%d/%m/%Y %H:%M"),
            "fields": ", ".join(change.fields) or gettext("(no field shown)"),
        }
        for change in changes
    ]
    return " ".join([head, *lines])


def locking_field(model_or_record) -> str:
    """The version column: `version`, or `row_version` where `version` already names something else."""
    return getattr(model_or_record, "locking_field", "version")


def is_versioned(model_or_record) -> bool:
    """Whether the model has a version column (PlanItem's `version`, a plan version, is no such thing)."""
    name = locking_field(model_or_record)
    return any(f.name == name and not f.is_relation for f in model_or_record._meta.concrete_fields)


def version_of(record) -> int:
    return getattr(record, locking_field(record))


def with_versions_moved(objects: list, model, fields) -> list[str]:
    """For bulk updates: move each object's version up by one in memory; the fields to write, the version among
    them when the model has one (the caller holds the rows in its transaction)."""
    name = locking_field(model)
    if not is_versioned(model):
        return list(fields)
    for obj in objects:
        setattr(obj, name, getattr(obj, name) + 1)
    return [*fields, name] if name not in fields else list(fields)


def claim_version(record: models.Model, expected: int | None) -> None:
    """Move the record's version up by one in the database, refusing with StaleVersion if it is no longer
    `expected` (None: the caller read no version, e.g. a bulk import; the version still moves). Call it inside the
    service's transaction, before any write; a new record starts at 1."""
    name = locking_field(record)
    if record.pk is None or not is_versioned(record):
        return
    rows = type(record)._base_manager.filter(pk=record.pk)
    if expected is None:
        rows.update(**{name: F(name) + 1})
    elif not rows.filter(**{name: expected}).update(**{name: F(name) + 1}):
        current = rows.values_list(name, flat=True).first()
        if current is None:
            raise ValidationError(gettext("This record no longer exists."), code="gone")
        raise StaleVersion(record, expected, current, changes_since(record, expected))
    setattr(record, name, rows.values_list(name, flat=True).get())


def check_versions(records: dict, expected: dict | None) -> None:
    """For edits of several rows at once (a plan's lines, its budgets): {key: record or None} against the
    {key: version or 0 (no row then)} the editor read; raise StaleVersion naming the first row that moved."""
    if expected is None:
        return
    for key, version in expected.items():
        record = records.get(key)
        if record is None and version:
            raise ValidationError(gettext("This record no longer exists."), code="gone")
        if record is not None and version_of(record) != version:
            raise StaleVersion(record, version, version_of(record), changes_since(record, version or 0))


class VersionField(forms.IntegerField):
    """The version an edit form was read at, carried in a hidden input."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)


class VersionedForm:
    """ModelForm mixin: a hidden `version` field with the instance's version; `expected_version` for the service."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = VersionField()
        if getattr(self.instance, "pk", None):
            self.initial.setdefault("version", version_of(self.instance))

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")

    def save_with(self, service, **options):
        """The form's record saved by `service` at the version the user read: the record, or None when it had
        changed since (the form then says how, keeps the entries and carries the current version)."""
        try:
            return service(self.save(commit=False), expected_version=self.expected_version, **options)
        except StaleVersion as stale:
            self.refuse_stale(stale)
            return None

    def refuse_stale(self, error: StaleVersion) -> None:
        """Keep the user's entries, show what changed, and offer the current version for a deliberate re-save."""
        self.add_error(None, error.messages[0])
        if self.is_bound:
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = error.current


@dataclass
class ChangeSince:
    when: datetime
    who: str
    fields: list[str]


def changes_since(obj: models.Model, version: int) -> list[ChangeSince]:
    """What changed after `version` (oldest first): who, when, and the names of the fields changed."""
    model, name = type(obj), locking_field(obj)
    history = obj.history.select_related("history_user").order_by("history_date", "history_id")
    previous = history.filter(**{f"{name}__lte": version}).last()
    changes = []
    for row in history.filter(**{f"{name}__gt": version}):
        fields = []
        if previous is not None:
            for change in row.diff_against(previous).changes:
                if change.field not in HIDDEN_FIELDS and not change.field.endswith(MESSAGE_SUFFIX):
                    fields.append(str(model._meta.get_field(change.field).verbose_name))
        who = str(row.history_user) if row.history_user else str(_("system"))
        changes.append(ChangeSince(row.history_date, who, fields))
        previous = row
    return changes
