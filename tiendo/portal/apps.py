from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "tiendo.portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from . import access, opendata_wiring, public, wiring

        access.register()  # staff's view of the portal's records (tiendo.core.access)
        public.register()  # the public visitor's view: which records, which fields
        wiring.register()  # the records whose change makes the cached public pages stale; the sitemap's pages
        opendata_wiring.register()  # the nightly `tiendo remind` regenerates the open data (OC4IDS)
