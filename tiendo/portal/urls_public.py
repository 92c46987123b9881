"""The public pages, in Vietnamese at / and in English and Chinese under /en/ and /zh-hans/ (tiendo.urls puts this
under i18n_patterns). Each page module of PARTS brings its urlpatterns, may offer a block for the home page
(`home_block(request)` → (template, context) or None) and adds its pages to the sitemap."""

from importlib import import_module

app_name = "portal"

PARTS: tuple[str, ...] = (  # modules of tiendo.portal
    "pages_home",
    "pages_opportunities",
    "pages_enquiries",
    "pages_investment",
    "pages_map",
    "pages_opendata",
)

urlpatterns = [pattern for name in PARTS for pattern in import_module(f"tiendo.portal.{name}").urlpatterns]


def home_blocks(request) -> list[tuple[str, dict]]:
    blocks = []
    for name in PARTS:
        block = getattr(import_module(f"tiendo.portal.{name}"), "home_block", None)
        if block is not None and (found := block(request)) is not None:
            blocks.append(found)
    return blocks
