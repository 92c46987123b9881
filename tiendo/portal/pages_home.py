"""The portal's home page and its site maps: /sitemap.xml for search engines (every page in every language with
its alternates) and a readable one for people."""

from django.conf import settings
from django.shortcuts import render
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from . import sitemap
from .edition import public_page


@require_GET
@public_page
def home(request):
    from .urls_public import home_blocks

    return render(request, "portal/home.html", {"section": "home", "blocks": home_blocks(request)})


def home_in_vietnamese(request):
    """The site's root for a visitor who has not signed in: the portal's home in Vietnamese (tiendo.overview)."""
    with translation.override(settings.LANGUAGE_CODE):
        return home(request)


@require_GET
@public_page
def sitemap_page(request):
    language = translation.get_language()
    links = [(sitemap.url_in(language, name, kwargs), label) for name, kwargs, label in sitemap.pages()]
    return render(request, "portal/sitemap.html", {"section": "sitemap", "links": links, "title": _("Site map")})


@require_GET
@public_page
def sitemap_xml(request):
    return render(
        request,
        "portal/sitemap.xml",
        {"entries": sitemap.entries(), "base": settings.TIENDO_BASE_URL},
        content_type="application/xml; charset=utf-8",
    )


def _pages():
    yield "portal:home", {}, gettext_lazy("Home")
    yield "portal:sitemap_page", {}, gettext_lazy("Site map")


sitemap.add(_pages)

urlpatterns = [
    path("", home, name="home"),
    path("site-map/", sitemap_page, name="sitemap_page"),
]
