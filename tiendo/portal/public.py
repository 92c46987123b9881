"""What the public visitor sees, decided in one place: for each kind of record a visitor who has not signed in
may read, which records and which of their fields. Pages, the open data and the sitemap read through
`access.visible(anonymous, Model)` and print only `access.published_fields(Model)`; the sitemap test fails if an
internal field (rule ids, proposals, review items, officers' contacts, drafts) reaches a public page."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from tiendo.agencies.models import AdminUnit, Agency
from tiendo.core import access
from tiendo.directives.models import Directive
from tiendo.domain.projects import ProjectKind
from tiendo.plans.models import Disbursement, Plan, PlanItem, PlanLine, PlanVersion, ProjectFunding, Source
from tiendo.projects.models import CapitalSource, LegalDocument, Milestone, ProgressReport, Project, Sector, Zone
from tiendo.reviews.models import ReviewItem, ReviewRound

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
FUNDING_FIELDS = ("project", "investment_decision_number", "investment_decision_date", "start_year", "finish_year")

# The plans, as decided: an annual plan's versions approved (in force, or superseded by a later adjustment) by the
# People's Council or Committee, their capital per public project and source, and what the State Treasury reports
# disbursed. Never a draft version, an allocation run, a plan item's explanation or a hand change's note.
PLAN_FIELDS = ("kind", "first_year", "last_year", "medium_term", "target_path")
PLAN_VERSION_FIELDS = ("plan", "number", "purpose", "state", "decision_number", "decision_date", "decision_body")
# capital_added_on and extended_until move the legal deadline the S-curve draws (Law 58/2024 Art. 72)
PLAN_ITEM_FIELDS = ("version", "project", "capital_added_on", "extended_until")
PLAN_LINE_FIELDS = ("version", "item", "source", "amount")
DISBURSEMENT_FIELDS = ("plan", "project", "source", "month", "amount")

# The handling of a late public project, once the leaders decided it in a concluded review round: the decision
# and when. Never an undecided item, the engine's findings or rule ids, the specialist's proposal text, legal
# ground or note, nor the decision's free text (a leader's conclusion may name officers and give them tasks).
# `proposal` is read only where the decision agreed with it: it is then the measure decided (a code, whose
# label the pure rules give in three languages).
REVIEW_ITEM_FIELDS = ("round", "project", "decision", "decided_at", "proposal")
REVIEW_ROUND_FIELDS = ("as_of", "state", "conclusion")
CONCLUSION_FIELDS = ("kind", "number", "issued_on", "issuer")  # the notice's reference, never its signer or text

# The directories public pages name records by: public authorities (names only, never their heads or officers),
# administrative units (today's communes and the older ones records still point to), sectors, zones, sources.
AGENCY_FIELDS = ("code", "name", "name_en", "name_zh", "short_name", "kind", "admin_unit", "valid_from", "valid_to")
ADMIN_UNIT_FIELDS = ("code", "name", "name_en", "name_zh", "unit_type", "level", "parent", "valid_from", "valid_to")
SECTOR_FIELDS = ("code", "name", "name_en", "name_zh")
ZONE_FIELDS = ("code", "name", "name_en", "name_zh", "kind", "commune")
SOURCE_FIELDS = ("code", "name", "name_en", "name_zh", "parent", "level", "order")


# The visitor every public page, the map and the open data read as, whoever is signed in: a public page is cached
# once for all, so a specialist's draft must never reach it.
VISITOR = AnonymousUser()


def public_projects():
    return Project.objects.alive().filter(kind=ProjectKind.PUBLIC.value)


def _of_public_projects(model):
    return lambda: model.objects.filter(project__in=public_projects().values("pk"))


DECIDED_VERSIONS = (PlanVersion.State.APPROVED, PlanVersion.State.SUPERSEDED)


def decided_versions():
    return PlanVersion.objects.filter(state__in=DECIDED_VERSIONS, plan__kind=Plan.Kind.ANNUAL)


def decided_plans():
    """Annual plans the People's Council or Committee decided: a draft-only plan is not public yet."""
    return Plan.objects.filter(pk__in=decided_versions().values("plan_id"))


def decided_handlings():
    """Decided items of concluded review rounds about public projects."""
    return (
        ReviewItem.objects.filter(round__state=ReviewRound.State.CLOSED, project__in=_public_pks())
        .exclude(decision="")
        .exclude(decided_at__isnull=True)
    )


def _public_pks():
    return public_projects().values("pk")


def _register_plans() -> None:
    access.register_published(Plan, records=decided_plans, fields=PLAN_FIELDS)
    access.register_published(PlanVersion, records=decided_versions, fields=PLAN_VERSION_FIELDS)
    access.register_published(
        PlanItem,
        records=lambda: PlanItem.objects.filter(version__in=decided_versions(), project__in=_public_pks()),
        fields=PLAN_ITEM_FIELDS,
    )
    access.register_published(
        PlanLine,
        records=lambda: PlanLine.objects.filter(version__in=decided_versions(), item__project__in=_public_pks()),
        fields=PLAN_LINE_FIELDS,
    )
    access.register_published(
        Disbursement,
        records=lambda: Disbursement.objects.filter(plan__in=decided_plans(), project__in=_public_pks()),
        fields=DISBURSEMENT_FIELDS,
    )
    access.register_published(ProjectFunding, records=_of_public_projects(ProjectFunding), fields=FUNDING_FIELDS)


def _register_handlings() -> None:
    access.register_published(ReviewItem, records=decided_handlings, fields=REVIEW_ITEM_FIELDS)
    access.register_published(
        ReviewRound,
        records=lambda: ReviewRound.objects.filter(pk__in=decided_handlings().values("round_id")),
        fields=REVIEW_ROUND_FIELDS,
    )
    access.register_published(
        Directive,
        records=lambda: Directive.objects.alive().filter(
            kind=Directive.Kind.CONCLUSION,
            pk__in=ReviewRound.objects.filter(pk__in=decided_handlings().values("round_id")).values("conclusion_id"),
        ),
        fields=CONCLUSION_FIELDS,
    )


def _register_directories() -> None:
    for model, fields in (
        (Agency, AGENCY_FIELDS),
        (AdminUnit, ADMIN_UNIT_FIELDS),
        (Sector, SECTOR_FIELDS),
        (Zone, ZONE_FIELDS),
        (Source, SOURCE_FIELDS),
    ):
        access.register_published(model, records=model.objects.all, fields=fields)


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
    _register_plans()
    _register_handlings()
    _register_directories()
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
        fields=("opportunity", "order", "step", "agency", "working_days", "calendar_days", "legal_basis"),
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
    register_open_data()


# --- Open data (OC4IDS, tiendo.portal.oc4ids) -------------------------------------------------------------------
# What the open-data package reads beyond what the pages read: an agency's public office contact (address, phone,
# e-mail of the office — never its head's name nor an officer's), a source's flag for foreign capital, the
# decided extensions of a public project's milestones (the handling of a late project, once decided), and the
# site-clearance figures (land and households affected: CoST IDS's land and settlement impact).
MILESTONE_FIELDS += ("clearance_area_m2", "households")
AGENCY_FIELDS += ("address", "phone", "email")
SOURCE_FIELDS += ("foreign",)
ADJUSTMENT_FIELDS = ("milestone", "document_number", "decided_on", "old_due", "new_due", "reason")


def register_open_data() -> None:
    from tiendo.projects.models import ScheduleAdjustment

    access.register_published(
        ScheduleAdjustment,
        records=lambda: ScheduleAdjustment.objects.filter(milestone__project__in=public_projects().values("pk")),
        fields=ADJUSTMENT_FIELDS,
    )
