"""What the public visitor sees, decided in one place: for each kind of record a visitor who has not signed in
may read, which records and which of their fields. Pages, the open data and the sitemap read through
`access.visible(anonymous, Model)` and print only `access.published_fields(Model)`; the sitemap test fails if an
internal field (rule ids, proposals, review items, officers' contacts, drafts) reaches a public page."""

from __future__ import annotations

from tiendo.core import access
from tiendo.domain.projects import ProjectKind
from tiendo.projects.models import CapitalSource, LegalDocument, Milestone, ProgressReport, Project

from .models import CommuneShape, Opportunity, OpportunityDocument, ProcedureStep, Translation

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


# The province's public-investment projects: what the Law on Public Investment asks to be made public (name,
# owner, place, capital and its sources, the plan and its progress). Never the investor's private projects.
PROJECT_FIELDS = (
    "code", "name", "name_en", "name_zh", "kind", "status", "group", "sector", "commune", "zone", "latitude",
    "longitude", "agency", "total_investment", "policy_decision_number", "policy_decision_date",
)  # fmt: skip
MILESTONE_FIELDS = ("project", "kind", "first_due", "current_due", "done")
CAPITAL_FIELDS = ("project", "source", "amount")
LEGAL_DOCUMENT_FIELDS = ("project", "kind", "number", "date", "issuer")
PROGRESS_FIELDS = ("project", "period_end", "physical_progress", "disbursed_to_date")


def public_projects():
    return Project.objects.alive().filter(kind=ProjectKind.PUBLIC.value)


def _of_public_projects(model):
    return lambda: model.objects.filter(project__in=public_projects().values("pk"))


def published_opportunities():
    return Opportunity.objects.filter(state=Opportunity.State.PUBLISHED)


def register() -> None:
    access.register_published(Project, records=public_projects, fields=PROJECT_FIELDS)
    for model, fields in (
        (Milestone, MILESTONE_FIELDS),
        (CapitalSource, CAPITAL_FIELDS),
        (LegalDocument, LEGAL_DOCUMENT_FIELDS),
        (ProgressReport, PROGRESS_FIELDS),
    ):
        access.register_published(model, records=_of_public_projects(model), fields=fields)
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
    # the map's communes: outlines are geography, public whether surveyed or sketched
    access.register_published(
        CommuneShape,
        records=lambda: CommuneShape.objects.all(),
        fields=("unit", "latitude", "longitude", "outline", "source"),
    )
    access.register_published(
        OpportunityDocument,
        records=lambda: OpportunityDocument.objects.filter(opportunity__in=published_opportunities()),
        fields=("opportunity", "kind", "title", "file"),
    )
