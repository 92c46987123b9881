"""The portal's template helpers: the same page in every language (the switch and the hreflang alternates), the
`lang` attribute of a language, a text shown in the visitor's language or with Vietnamese standing in, and the map
of the province's communes with a page's points."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

register = template.Library()

HTML_LANG = {"vi": "vi", "en": "en", "zh-hans": "zh-Hans"}


@register.filter
def html_lang(code: str) -> str:
    """BCP 47 for <html lang> and hreflang: "zh-hans" is written "zh-Hans"."""
    return HTML_LANG.get(code, code)


@register.simple_tag(takes_context=True)
def portal_languages(context) -> list[dict[str, str | bool]]:
    """This page in each language: code, BCP 47 tag, the language's own name, the URL, and whether it is this one."""
    request = context["request"]
    current = translation.get_language()
    query = request.GET.urlencode()
    match = getattr(request, "resolver_match", None)
    # the site's root is tiendo.overview's, serving the portal's home to a visitor who has not signed in: its
    # other languages are the portal home's, which translate_url cannot find from the root's own pattern
    at_root = match is not None and "portal" not in match.namespaces
    result = []
    for code, name in settings.LANGUAGES:
        if at_root:
            with translation.override(code):
                url = reverse("portal:home")
        else:
            url = translate_url(request.path, code)
        result.append(
            {
                "code": code,
                "tag": html_lang(code),
                "name": name,
                "url": f"{url}?{query}" if query else url,
                "current": code == current,
            }
        )
    return result


@register.simple_tag(takes_context=True)
def absolute(context, path: str) -> str:
    """An address as search engines and other sites need it: the configured base URL and the path."""
    return f"{settings.TIENDO_BASE_URL}{path}"


@register.inclusion_tag("portal/_map.html")
def commune_map(points) -> dict:
    """`{% commune_map points %}`: the communes as inline SVG with the points (tiendo.portal.map), a legend and
    the list of the points under it."""
    from tiendo.portal import map as portal_map

    return {"drawing": portal_map.draw(points), "points": points}
