"""What the portal listens to: a change of any record a public page shows moves the edition (tiendo.portal.edition);
each page module adds its pages to the sitemap."""

from importlib import import_module

from . import edition
from .models import CommuneShape, Opportunity, OpportunityDocument, ProcedureStep, Translation

# modules of tiendo.portal whose `watched()` returns the other apps' models their public pages show
WATCHERS: tuple[str, ...] = ("opendata_wiring",)


def register() -> None:
    edition.watch(Opportunity, Translation, ProcedureStep, OpportunityDocument, CommuneShape)
    for name in WATCHERS:
        edition.watch(*import_module(f"tiendo.portal.{name}").watched())
