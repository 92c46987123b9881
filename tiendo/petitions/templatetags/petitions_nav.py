"""`{% petitions_nav active %}`: the section's navigation, from the NAV entries of the page modules, each shown to
those with its capability."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext

from tiendo.core import access

from ..urls import nav_entries

register = template.Library()


@register.inclusion_tag("petitions/_nav.html", takes_context=True)
def petitions_nav(context, active: str = ""):
    user = context["request"].user
    links = [
        {
            "key": key,
            "label": gettext(label),
            "url": reverse(name if ":" in name else f"petitions:{name}"),
            "active": key == active,
        }
        for key, label, name, capability in nav_entries()
        if access.can(user, capability)
    ]
    return {"links": links}
