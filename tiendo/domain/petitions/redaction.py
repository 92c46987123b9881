"""Personal data out of a text before it is published: e-mail addresses, phone numbers, identity-card and
passport numbers, and the names the caller knows (the petitioner, the officer)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tiendo.domain.text import normalize

MASK = "[…]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Vietnamese phone numbers: 0xx… or +84…, with spaces, dots or hyphens between groups
_PHONE = re.compile(r"(?<![\w/])(?:\+84|0084|0)(?:[\s.\-]?\d){8,10}(?![\w/])")
# citizen identity (12 digits), old identity card (9 digits), passport (a letter and 7 or 8 digits)
_IDENTITY = re.compile(r"(?<![\w/-])(?<!\d[.,])(?:\d{12}|\d{9}|[A-Z]\d{7,8})(?![\w/-]|[.,]\d)")


def redact(text: str, names: Iterable[str] = ()) -> str:
    """The text with personal data masked. Names shorter than two words are left (a given name alone is too often
    an ordinary word)."""
    result = normalize(text or "")
    result = _EMAIL.sub(MASK, result)
    result = _PHONE.sub(MASK, result)
    result = _IDENTITY.sub(MASK, result)
    for name in sorted({normalize(n).strip() for n in names if n}, key=len, reverse=True):
        if len(name.split()) < 2:
            continue
        result = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", MASK, result, flags=re.IGNORECASE)
    return result
