"""/sitemap.xml: every public page in every language, with its alternates. Each page module adds a function that
yields (url name, kwargs, label) for each of its pages (label: what the readable site map shows); the sitemap test
fetches every one of them anonymously."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import translation

_sources: list[Callable[[], Iterable[tuple[str, dict, str]]]] = []


def add(source: Callable[[], Iterable[tuple[str, dict, str]]]) -> None:
    if source not in _sources:
        _sources.append(source)


def pages() -> list[tuple[str, dict, str]]:
    return [page for source in _sources for page in source()]


def url_in(language: str, name: str, kwargs: dict) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def entries() -> list[dict[str, str]]:
    """[{language: path}] for every public page: one entry a page, each with its path in every language."""
    languages = [code for code, _label in settings.LANGUAGES]
    return [{language: url_in(language, name, kwargs) for language in languages} for name, kwargs, _label in pages()]
