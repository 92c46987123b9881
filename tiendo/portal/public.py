"""What the public visitor sees, decided in one place: for each kind of record a visitor who has not signed in
may read, which records and which of their fields. Pages, the open data and the sitemap read through
`access.visible(anonymous, Model)` and print only `access.published_fields(Model)`; the sitemap test fails if an
internal field (rule ids, proposals, review items, officers' contacts, drafts) reaches a public page."""

from __future__ import annotations

from tiendo.core import access

from .models import Opportunity, OpportunityDocument, ProcedureStep, Translation

OPPORTUNITY_FIELDS = (
    "code",
    "origin",
    "origin_document",
    "origin_date",
    "title",
    "summary",
    "sector",
    "commune",
    "zone",
    "latitude",
    "longitude",
    "area_ha",
    "capital",
    "selection_form",
    "planning_status",
    "land_status",
    "land_holder",
    "incentives",
    "agency",
    "contact_name",
    "contact_phone",
    "contact_email",
    "published_on",
)


def published_opportunities():
    return Opportunity.objects.filter(state=Opportunity.State.PUBLISHED)


def register() -> None:
    access.register_published(Opportunity, records=published_opportunities, fields=OPPORTUNITY_FIELDS)
    access.register_published(
        Translation,
        # only reviewed texts are public; whether one is still current is checked against its fingerprint
        records=lambda: Translation.objects.filter(opportunity__in=published_opportunities(), reviewed=True),
        fields=("opportunity", "field", "language", "text", "made_from"),
    )
    access.register_published(
        ProcedureStep,
        records=lambda: ProcedureStep.objects.filter(opportunity__in=published_opportunities()),
        fields=("opportunity", "order", "step", "agency", "working_days", "legal_basis"),
    )
    access.register_published(
        OpportunityDocument,
        records=lambda: OpportunityDocument.objects.filter(opportunity__in=published_opportunities()),
        fields=("opportunity", "kind", "title", "file"),
    )
