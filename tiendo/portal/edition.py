"""The public pages' cache: a page is kept per (edition, language, path) and served to every visitor until a
record it shows changes. A save or delete of a watched model moves the edition up once per transaction, after
it commits, so every web process sees the change on its next request (one indexed read a request); a page also
expires after TIENDO_PORTAL_CACHE_SECONDS in case a bulk write (which sends no signal) changed what it shows."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, signals
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control


def current() -> int:
    from .models import Edition

    number = Edition.objects.filter(pk=1).values_list("number", flat=True).first()
    return number or 0


def bump() -> None:
    """Move the edition up now (a command that rebuilt what pages show calls it; watched saves do it themselves)."""
    from .models import Edition

    if not Edition.objects.filter(pk=1).update(number=F("number") + 1):
        Edition.objects.get_or_create(pk=1, defaults={"number": 1})


def _after_commit() -> None:
    bump()


def changed(**kwargs) -> None:
    """A watched record changed: move the edition once, when the transaction commits. Whether the move is already
    scheduled is read from the transaction's own callbacks, which a rollback clears (a flag of ours would stay set
    after a rollback, and no later change would move the edition)."""
    if kwargs.get("raw"):
        return  # fixtures and loaddata
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(entry[1] is _after_commit for entry in connection.run_on_commit):
        return
    transaction.on_commit(_after_commit)


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
