"""Kept for the demo until merge: old call shapes of services whose acting user became keyword-only.

Issue 12 made every write service take the acting user as a keyword-only `actor`. The demo and the disbursement
module (rewritten on other branches at the same time) still pass it by position; `legacy_positional` lets those
calls through unchanged until the branches are merged, after which this module and its uses are deleted.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


def legacy_positional(kept: int, *names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Positional arguments after the first `kept` are passed on as the keywords `names`, in order."""

    def decorate(service: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(service)
        def call(*args: Any, **kwargs: Any) -> Any:
            extra = args[kept:]
            if len(extra) > len(names):
                raise TypeError(f"{service.__name__}() takes at most {kept + len(names)} positional arguments")
            kwargs.update(zip(names, extra, strict=False))
            return service(*args[:kept], **kwargs)

        return call

    return decorate
