"""What every domain record shares: a kept history (django-simple-history) and recoverable deletion."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tiendo.domain.text import search_key


class SearchQuerySet(models.QuerySet):
    """Records with a `search_key` column, searched without diacritics: "so ke hoach" finds "Sở Kế hoạch"."""

    def search(self, text: str):
        key = search_key(text)
        return self.filter(search_key__contains=key) if key else self


class LiveQuerySet(SearchQuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def deleted(self):
        return self.filter(deleted_at__isnull=False)


class SoftDeleteModel(models.Model):
    """Deleting hides a record; restoring brings it back; the history keeps both steps."""

    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, db_index=True)

    objects = LiveQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def soft_delete(self, actor, reason: str = "") -> None:
        self.deleted_at = timezone.now()
        self._save_as(actor, reason, ["deleted_at"])

    def restore(self, actor, reason: str = "") -> None:
        self.deleted_at = None
        self._save_as(actor, reason, ["deleted_at"])

    def _save_as(self, actor, reason: str, fields: list[str]) -> None:
        from .versions import claim_version

        claim_version(self, None)  # an editor who read it before the deletion must not bring it back
        acted_by(self, actor, reason).save(update_fields=fields)


def acted_by(record, actor, reason: str | None = "", *, at=None):
    """The record, marked so that its next save's history row names who changed it and why (None: no reason) and,
    given `at`, is dated then (a record loaded as it was decided long ago)."""
    record._history_user = actor
    record._change_reason = reason
    if at is not None:
        record._history_date = at
    return record


def kept_history(**options) -> HistoricalRecords:
    """History for a domain model; the change reason is text, since it often quotes a whole decision."""
    return HistoricalRecords(history_change_reason_field=models.TextField(null=True), **options)
