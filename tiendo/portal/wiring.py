"""What the portal listens to: a change of any record a public page shows moves the edition (tiendo.portal.edition);
each page module adds its pages to the sitemap; the nightly run (`tiendo remind`) erases the contact details of
investors' enquiries kept long enough (tiendo.portal.enquiries)."""

from importlib import import_module

from tiendo.directives import reminders

from . import edition, enquiries
from .models import CommuneShape, Opportunity, OpportunityDocument, ProcedureStep, Translation

# modules of tiendo.portal whose `watched()` returns the other apps' models their public pages show
WATCHERS: tuple[str, ...] = (
    "investment",
    "opendata_wiring",
)


def register() -> None:
    edition.watch(Opportunity, Translation, ProcedureStep, OpportunityDocument, CommuneShape)
    if not any(name == "enquiries" for name, _hook in reminders.AFTER_RUN):
        reminders.AFTER_RUN.append(("enquiries", enquiries.nightly))  # erase contact details kept long enough
    for name in WATCHERS:
        edition.watch(*import_module(f"tiendo.portal.{name}").watched())
