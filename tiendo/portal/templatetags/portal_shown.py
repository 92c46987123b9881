"""Printing a `Shown` text (tiendo.portal.shown): Vietnamese on a page in another language is marked `lang="vi"`,
so screen readers pronounce it as Vietnamese and the reader knows it was not translated."""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


def _foreign(value) -> bool:
    page = (translation.get_language() or "vi")[:2]
    return value.language[:2] != page


@register.filter
def shown(value) -> str:
    """One line of text, in a `<span lang>` when it is not in the page's language."""
    if not value or not value.text:
        return ""
    if _foreign(value):
        return format_html('<span lang="{}">{}</span>', value.language, value.text)
    return format_html("{}", value.text)


@register.filter
def shown_paragraphs(value) -> str:
    """A longer text as paragraphs, in a `<div lang>` when it is not in the page's language."""
    if not value or not value.text:
        return ""
    paragraphs = linebreaks_filter(value.text, autoescape=True)
    if _foreign(value):
        return format_html('<div lang="{}">{}</div>', value.language, mark_safe(paragraphs))
    return paragraphs
