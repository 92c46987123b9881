"""Turn django-simple-history rows into sentences a user can read on the record's page."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tiendo.domain.messages import render_stored

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
HIDDEN_FIELDS = {"search_key", "password", "last_login", "version", "row_version"}
# A text kept with its message (`explanation` with `explanation_message`): the change shows the text in the reader's
# language, the message itself is not shown.
MESSAGE_SUFFIX = "_message"


BLANK = "—"


@dataclass
class Change:
    field: str
    old: str
    new: str

    @property
    def first_set(self) -> bool:
        """A value given where there was none: shown as set ("submitted by: Trần Thị Mai"), not as "— → …"."""
        return self.old == BLANK and self.new != BLANK


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _display(record: models.Model, model: type[models.Model], name: str) -> str:
    model_field = model._meta.get_field(name)
    value = getattr(record, model_field.attname)
    if value is None or value == "":
        return BLANK
    if isinstance(value, str) and hasattr(record, name + MESSAGE_SUFFIX):
        return render_stored(getattr(record, name + MESSAGE_SUFFIX), value, get_language() or "vi")
    if model_field.is_relation:
        related = getattr(record, name, None)
        return str(related) if related is not None else f"#{value}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y %H:%M") if isinstance(value, datetime) else value.strftime("%d/%m/%Y")
    return str(value)


def history_entries(obj: models.Model, limit: int = 50) -> list[HistoryEntry]:
    """Newest first; each change names the field with its old and new values."""
    model = type(obj)
    rows = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, row in enumerate(rows[:limit]):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        changes = []
        if row.history_type == "~" and previous is not None:
            delta = row.diff_against(previous)
            for change in delta.changes:
                if change.field in HIDDEN_FIELDS or change.field.endswith(MESSAGE_SUFFIX):
                    continue
                changes.append(
                    Change(
                        str(model._meta.get_field(change.field).verbose_name),
                        _display(previous, model, change.field),
                        _display(row, model, change.field),
                    )
                )
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=str(row.history_user) if row.history_user else str(_("system")),
                action=str(ACTIONS.get(row.history_type, row.history_type)),
                reason=row.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
