"""The department's portal pages: their sub-navigation (opportunities, translations, the public portal)."""

from django import template
from django.utils.translation import pgettext_lazy

from tiendo.portal import desk

register = template.Library()


@register.inclusion_tag("portal/desk/_nav.html")
def desk_nav(section: str) -> dict:
    return {"section": section, "portal_url": desk.public_portal()}


@register.filter
def status_class(status) -> str:
    """The badge of a translation status: reviewed ok, draft warn, missing bad."""
    return {"reviewed": "ok", "draft": "warn", "missing": "bad"}.get(str(status), "")


STATUS_LABELS = {
    "missing": pgettext_lazy("translation status", "Missing"),
    "draft": pgettext_lazy("translation status", "Draft"),
    "reviewed": pgettext_lazy("translation status", "Reviewed"),
}


@register.filter
def status_label(status) -> str:
    return str(STATUS_LABELS.get(str(status), status))
