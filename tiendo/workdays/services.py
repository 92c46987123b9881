"""Writes to the calendar: one transaction, keyword-only `actor`, history kept, stale edits refused."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version
from tiendo.core import access
from tiendo.domain.text import clean

from .models import DeclaredDay


@transaction.atomic
def save_declared_day(
    record: DeclaredDay, *, actor, reason: str = "", expected_version: int | None = None
) -> DeclaredDay:
    """A day off or a make-up working day, with its document. A make-up working day is a weekend day; an extra
    day off is a weekday (a weekend is already off)."""
    if not access.can(actor, "manage_calendar"):
        raise PermissionDenied
    claim_version(record, expected_version)
    record.name = clean(record.name or "").strip()
    record.document = clean(record.document or "").strip()
    if record.day is not None:
        weekend = record.day.weekday() >= 5
        if record.kind == DeclaredDay.Kind.WORKING_DAY and not weekend:
            raise ValidationError({"day": _("A make-up working day is a Saturday or a Sunday.")})
        if record.kind == DeclaredDay.Kind.DAY_OFF and weekend:
            raise ValidationError({"day": _("A Saturday or a Sunday is already a day off.")})
    if record.pk is None:
        record.created_by = actor
    record.full_clean()
    acted_by(record, actor, reason).save()
    return record


@transaction.atomic
def delete_declared_day(record: DeclaredDay, *, actor, reason: str) -> None:
    if not access.can(actor, "manage_calendar"):
        raise PermissionDenied
    reason = clean(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the day is removed.")})
    claim_version(record, None)
    acted_by(record, actor, reason).delete()
