"""Blocks of a page that are the same for every visitor of one scope, cached for a short while.

A block is keyed by what decides its content and by nothing personal: its topic, the visitor's scope as the
access layer states it (everything, which agencies, which enterprise; never the user), the page's language, the
request's own parameters, and the topic's *stamp*: the newest history row of each table the block is made from
(every write goes through a service that keeps history, bulk ones included), read in one indexed query. Any
change in any process therefore makes a new key at once, whatever the cache backend (the default one is per
process); `TTL` only bounds how long an unused copy is kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language

from . import access

TTL = 60  # seconds
_PREFIX = "tiendo:fragment"
_topics: dict[str, list[tuple[str, str]]] = {}


def register(topic: str, *tables: str | tuple[str, str]) -> None:
    """The tables whose newest row dates a topic's data: a history table (`history_id`) or (table, column)."""
    known = _topics.setdefault(topic, [])
    for table in tables:
        pair = (table, "history_id") if isinstance(table, str) else table
        if pair not in known:
            known.append(pair)


def stamp(topic: str) -> str:
    """The newest row of each of the topic's tables, in one query (each an index-only backward scan)."""
    tables = _topics.get(topic)
    if not tables:
        raise KeyError(f"no table registered for the fragment topic {topic!r}")
    quote = connection.ops.quote_name
    columns = ", ".join(f"(SELECT MAX({quote(column)}) FROM {quote(table)})" for table, column in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")  # noqa: S608 - names registered by the apps, quoted
        return ",".join(str(value) for value in cursor.fetchone())


def scope_key(user, rule) -> str:
    """What the access layer lets this user see of records under `rule`: all, some agencies, one enterprise."""
    kind = access.scope(user, rule)
    actor = access.actor_of(user)
    if kind == "agency":
        return "agency:" + ",".join(str(pk) for pk in sorted(actor.agency_ids))
    if kind == "enterprise":
        return f"enterprise:{actor.enterprise_id}"
    return str(kind)


def key(topic: str, parts: Iterable[Any]) -> str:
    text = "|".join(str(part) for part in (get_language() or "", stamp(topic), *parts))
    return f"{_PREFIX}:{topic}:{hashlib.sha256(text.encode()).hexdigest()[:40]}"


def cached(topic: str, parts: Iterable[Any], build: Callable[[], Any], *, ttl: int = TTL) -> Any:
    """The block for these parts, built by `build()` when no copy of the data's current state is cached."""
    name = key(topic, parts)
    value = cache.get(name)
    if value is None:
        value = build()
        cache.set(name, value, ttl)
    return value
