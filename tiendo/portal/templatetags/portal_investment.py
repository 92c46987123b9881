"""A name shown in the visitor's language, or in Vietnamese marked lang="vi" where no translation exists."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def named(name) -> str:
    """tiendo.portal.investment.Named as HTML: the text, in a <span lang="vi"> when Vietnamese stands in."""
    if name is None or str(name) == "":
        return "—"
    lang = getattr(name, "lang", "")
    return format_html('<span lang="{}">{}</span>', lang, name) if lang else format_html("{}", name)
