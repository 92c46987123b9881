from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from tiendo.agencies.models import Installation

SITE_CACHE_KEY = "tiendo:site-names"


def _names(record, vietnamese: str) -> dict[str, str]:
    return {"vi": vietnamese, "en": record.name_en or vietnamese, "zh": record.name_zh or vietnamese}


def site(request):
    """The header's province and operating agency, read once a minute rather than on every request."""
    names = cache.get(SITE_CACHE_KEY)
    if names is None:
        installation = Installation.current()
        names = {"province": {}, "agency": {}}
        if installation:
            province = installation.province
            names["province"] = _names(province, f"{province.unit_type} {province.name}")
            if installation.owner_agency:
                names["agency"] = _names(installation.owner_agency, installation.owner_agency.name)
        cache.set(SITE_CACHE_KEY, names, 60)
    language = (get_language() or "vi")[:2]
    return {
        "site_province": settings.TIENDO_SITE_NAME or names["province"].get(language, ""),
        "site_agency": names["agency"].get(language, ""),
    }
