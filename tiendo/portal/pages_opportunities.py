"""The public pages of the projects open for investment (danh mục dự án kêu gọi đầu tư): the list with its filters,
each opportunity's page with every public fact, its documents, and a block on the portal's home. Only published
opportunities exist here: a draft, a closed one and an unknown code are the same 404 for every visitor."""

from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from tiendo.core import access

from . import map as portal_map
from . import shown, sitemap
from .edition import public_page
from .forms_opportunities import OpportunityFilterForm
from .models import Opportunity, OpportunityDocument

PAGE_SIZE = 24
NEWEST_ON_HOME = 3


def _opportunities():
    return shown.records(Opportunity).select_related("sector", "commune", "zone")


@require_GET
@public_page
def opportunities(request):
    lang = shown.language()
    published = _opportunities()
    form = OpportunityFilterForm(request.GET or None, opportunities=published, lang=lang)
    found = form.apply(published).order_by("-published_on", "code")
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    cards = shown.cards(page)
    kept = request.GET.copy()
    kept.pop("page", None)
    context = {
        "section": "opportunities",
        "form": form,
        "page": page,
        "cards": cards,
        "count": page.paginator.count,
        "query": kept.urlencode(),
        "stands_in": any(card.stands_in for card in cards),
        "rate_note": shown.rate_note() if lang != "vi" else "",
        # every opportunity the filters found (not only this page's) on the communes' map
        "points": portal_map.opportunity_points(found),
    }
    return render(request, "portal/opportunities/list.html", context)


@require_GET
@public_page
def opportunity(request, code):
    record = access.get_or_404(
        shown.PUBLIC, Opportunity, code=code, queryset=Opportunity.objects.select_related("sector", "commune", "zone")
    )
    facts = shown.page_of(record)
    context = {
        "section": "opportunities",
        "page": facts,
        "stands_in": facts.stands_in,
        "rate_note": shown.rate_note() if shown.language() != "vi" else "",
    }
    return render(request, "portal/opportunities/detail.html", context)


@require_GET
@public_page
def opportunity_document(request, code, pk):
    """A document of a published opportunity (the media folder itself is not public): any other is a 404."""
    document = access.get_or_404(shown.PUBLIC, OpportunityDocument, pk=pk, opportunity__code=code)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


def home_block(request):
    """How many opportunities are open, their total indicative capital, how many in each sector, the newest few."""
    published = _opportunities()
    totals = published.aggregate(count=Count("pk"), capital=Sum("capital"))
    if not totals["count"]:
        return None
    lang = shown.language()
    by_sector = {}
    for opportunity in published.order_by("sector__name"):
        sector = opportunity.sector
        name = shown.named(sector, sector.name, lang)
        by_sector.setdefault(sector.code, [name, 0])[1] += 1
    newest = shown.cards(published.order_by("-published_on", "-pk")[:NEWEST_ON_HOME])
    block = {
        "count": totals["count"],
        "capital": shown.capital_of(totals["capital"], lang) if totals["capital"] else None,
        "by_sector": sorted(by_sector.values(), key=lambda entry: (-entry[1], entry[0].text)),
        "newest": newest,
        "stands_in": any(card.stands_in for card in newest) or any(n.stands_in for n, _count in by_sector.values()),
    }
    return "portal/opportunities/_home.html", block


def _pages():
    yield "portal:opportunities", {}, gettext_lazy("Investment opportunities")
    for card in shown.cards(_opportunities().order_by("code")):
        yield "portal:opportunity", {"code": card.code}, f"{card.code} {card.title.text}"


sitemap.add(_pages)

urlpatterns = [
    path("opportunities/", opportunities, name="opportunities"),
    path("opportunities/<str:code>/", opportunity, name="opportunity"),
    path("opportunities/<str:code>/documents/<int:pk>/", opportunity_document, name="opportunity_document"),
]
