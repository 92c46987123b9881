"""/open-data/oc4ids.json, .csv and .xlsx: the latest valid publication of the open data (tiendo.portal.oc4ids),
the same in every language, for anyone; a stale one asks for a new one and is served meanwhile. A client that has
the file already (its ETag, the sha256 of the package) gets 304."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from .oc4ids import publishing

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _file(request, kind: str):
    publication = publishing.served()
    if publication is None:
        raise Http404("No open-data publication yet.")
    etag = f'"{publication.sha256}{"" if kind == "json" else f"-{kind}"}"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        if kind == "json":  # streamed: the demo's is 20 MB
            response = FileResponse(publication.package.open("rb"), content_type=CONTENT_TYPES[kind])
            response["Content-Disposition"] = 'inline; filename="oc4ids.json"'
        else:
            response = HttpResponse(publishing.flattened(publication, kind), content_type=CONTENT_TYPES[kind])
            response["Content-Disposition"] = f'attachment; filename="oc4ids.{kind}"'
        response["Last-Modified"] = http_date(publication.generated_at.timestamp())
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=settings.TIENDO_PORTAL_BROWSER_SECONDS)
    return response


@login_not_required
@require_GET
def oc4ids_json(request):
    return _file(request, "json")


@login_not_required
@require_GET
def oc4ids_csv(request):
    return _file(request, "csv")


@login_not_required
@require_GET
def oc4ids_xlsx(request):
    return _file(request, "xlsx")


urlpatterns = [
    path("oc4ids.json", oc4ids_json, name="oc4ids_json"),
    path("oc4ids.csv", oc4ids_csv, name="oc4ids_csv"),
    path("oc4ids.xlsx", oc4ids_xlsx, name="oc4ids_xlsx"),
]
