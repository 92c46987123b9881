"""What the public visitor sees, decided in one place: for each kind of record a visitor who has not signed in
may read, which records and which of their fields. Pages, the open data and the sitemap read through
`access.visible(anonymous, Model)` and print only `access.published_fields(Model)`; the sitemap test fails if an
internal field (rule ids, proposals, review items, officers' contacts, drafts) reaches a public page."""

from __future__ import annotations

from tiendo.core import access
from tiendo.domain.projects import ProjectKind
from tiendo.projects.models import CapitalSource, LegalDocument, Milestone, ProgressReport, Project

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
    access.register_published(
        OpportunityDocument,
        records=lambda: OpportunityDocument.objects.filter(opportunity__in=published_opportunities()),
        fields=("opportunity", "kind", "title", "file"),
    )
    register_open_data()


# --- Open data (OC4IDS, tiendo.portal.oc4ids) -------------------------------------------------------------------
# What the open-data package reads beyond the records above: the directories' entries it names (sectors,
# administrative units, agencies with their public contact only — never the head's name nor an officer's —,
# capital sources), the
# plans' facts of each public project (investment decision, approved years) and its monthly disbursement, the
# decided extensions of its milestones (the handling of a late project, once decided), and the site-clearance
# figures (land and households affected: CoST IDS's land and settlement impact).
MILESTONE_FIELDS += ("clearance_area_m2", "households")
SECTOR_FIELDS = ("code", "name", "name_en", "name_zh")
UNIT_FIELDS = ("code", "name", "name_en", "name_zh", "unit_type", "level", "parent")
AGENCY_FIELDS = ("code", "name", "name_en", "name_zh", "short_name", "kind", "admin_unit", "address", "phone", "email")
SOURCE_FIELDS = ("code", "name", "name_en", "name_zh", "level", "foreign")
FUNDING_FIELDS = ("project", "investment_decision_number", "investment_decision_date", "start_year", "finish_year")
DISBURSEMENT_FIELDS = ("project", "source", "month", "amount")
ADJUSTMENT_FIELDS = ("milestone", "document_number", "decided_on", "old_due", "new_due", "reason")


def _named_agencies():
    """The agencies the open data names: each public project's owner, the province's People's Committee (the local
    budget's funder) and the installation's operating agency (the publisher, its contact)."""
    from django.db.models import Q

    from tiendo.agencies.models import Agency, Installation
    from tiendo.domain.organisation import AgencyKind

    provinces = Installation.objects.values("province")
    return Agency.objects.filter(
        Q(pk__in=public_projects().values("agency"))
        | Q(kind=AgencyKind.PEOPLES_COMMITTEE, admin_unit__in=provinces)
        | Q(pk__in=Installation.objects.values("owner_agency"))
    )


def _named_units():
    """The public projects' communes, the units above them, and the installation's province."""
    from django.db.models import Q

    from tiendo.agencies.models import AdminUnit, Installation

    communes = public_projects().values("commune")
    return AdminUnit.objects.filter(
        Q(pk__in=communes)
        | Q(pk__in=AdminUnit.objects.filter(pk__in=communes).values("parent"))
        | Q(pk__in=AdminUnit.objects.filter(children__pk__in=communes).values("parent"))
        | Q(pk__in=Installation.objects.values("province"))
    )


def register_open_data() -> None:
    from tiendo.agencies.models import AdminUnit, Agency
    from tiendo.plans.models import Disbursement, ProjectFunding, Source
    from tiendo.projects.models import ScheduleAdjustment, Sector

    access.register_published(Agency, records=_named_agencies, fields=AGENCY_FIELDS)
    access.register_published(AdminUnit, records=_named_units, fields=UNIT_FIELDS)
    access.register_published(
        Sector, records=lambda: Sector.objects.filter(pk__in=public_projects().values("sector")), fields=SECTOR_FIELDS
    )
    access.register_published(
        Source,
        records=lambda: Source.objects.filter(pk__in=_of_public_projects(Disbursement)().values("source")),
        fields=SOURCE_FIELDS,
    )
    for model, fields in ((ProjectFunding, FUNDING_FIELDS), (Disbursement, DISBURSEMENT_FIELDS)):
        access.register_published(model, records=_of_public_projects(model), fields=fields)
    access.register_published(
        ScheduleAdjustment,
        records=lambda: ScheduleAdjustment.objects.filter(milestone__project__in=public_projects().values("pk")),
        fields=ADJUSTMENT_FIELDS,
    )
