"""The public pages' cache: a page is kept per (edition, language, path) and served to every visitor until a
record it shows changes. A save or delete of a watched model moves the edition up once per transaction, after
it commits, so every web process sees the change on its next request (one indexed read a request); a page also
expires after TIENDO_PORTAL_CACHE_SECONDS in case a bulk write (which sends no signal) changed what it shows."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, signals
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control


def current() -> int:
    """The edition now: read on every public request, so by a plain cursor (the ORM's building of this one query
    cost 0.9 ms, a quarter of a cached page's whole time; the read itself 0.03 ms)."""
    from .models import Edition

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {connection.ops.quote_name(Edition._meta.db_table)} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def bump() -> None:
    """Move the edition up now (a command that rebuilt what pages show calls it; watched saves do it themselves)."""
    from .models import Edition

    if not Edition.objects.filter(pk=1).update(number=F("number") + 1):
        Edition.objects.get_or_create(pk=1, defaults={"number": 1})


class _PendingBump:
    """The edition's move waiting for a transaction to commit; a later change in the same transaction takes its
    place (this one is then cancelled), so the edition moves once, after the last change."""

    def __init__(self) -> None:
        self.waiting = True

    def __call__(self) -> None:
        if self.waiting:
            self.waiting = False
            bump()


def changed(**kwargs) -> None:
    """A watched record changed: move the edition once, when the transaction commits.

    Each change cancels the move an earlier change left waiting and leaves its own, the latest: one UPDATE at the
    commit however many records changed, without searching the callbacks. A rolled-back transaction drops its
    callbacks, and with them nothing that a later change relies on (a flag kept beside the transaction stayed set
    after a rollback and silenced every later change in the thread); a change whose earlier move was registered
    outside the block that commits (a test's fixtures, then `captureOnCommitCallbacks`) still moves the edition."""
    if kwargs.get("raw"):
        return  # fixtures and loaddata
    using = kwargs.get("using")
    connection = transaction.get_connection(using)
    earlier = getattr(connection, "_portal_pending_bump", None)
    if earlier is not None:
        earlier.waiting = False
    pending = connection._portal_pending_bump = _PendingBump()
    transaction.on_commit(pending, using=using)


def watch(*models) -> None:
    """The public pages show these records: any save or delete of one makes the cached pages stale."""
    for model in models:
        uid = f"portal-edition-{model._meta.label}"
        signals.post_save.connect(changed, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        signals.post_delete.connect(changed, sender=model, dispatch_uid=f"{uid}-delete", weak=False)


def public_page(view):
    """A page of the portal: no login, the same for every visitor, kept in the cache by edition and language.
    Only GET and HEAD answers of 200 are kept; the header X-Portal-Cache says hit or miss (the tests read it)."""

    @login_not_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = f"portal:{current()}:{translation.get_language()}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response.headers["X-Portal-Cache"] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            if response.status_code == 200 and not response.streaming:
                cache.set(
                    key, (response.content, response.headers["Content-Type"]), settings.TIENDO_PORTAL_CACHE_SECONDS
                )
            response.headers["X-Portal-Cache"] = "miss"
        patch_cache_control(response, public=True, max_age=settings.TIENDO_PORTAL_BROWSER_SECONDS)
        response.headers["Content-Language"] = translation.get_language()
        return response

    return wrapper
