from django.conf import settings
from django.utils.translation import get_language

from tiendo.agencies.models import Installation


def site(request):
    """The header's province and operating agency, in the page's language."""
    names = Installation.names()
    language = (get_language() or "vi")[:2]
    return {
        "site_province": settings.TIENDO_SITE_NAME or names["province"].get(language, ""),
        "site_agency": names["agency"].get(language, ""),
    }
