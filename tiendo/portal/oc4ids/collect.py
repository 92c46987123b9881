"""The facts of each public-investment project, read ONLY through the public visitor's view: the records
`access.visible(anonymous, Model)` returns and, of each, only `access.published_fields(Model)` (tiendo.portal.public
decides both). One query per kind of record, whatever the number of projects; the labels and sentences are
written in the package's language (Vietnamese, the records' own)."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from tiendo.agencies.models import AdminUnit, Agency, Installation
from tiendo.core import access
from tiendo.domain.organisation import AgencyKind, UnitLevel
from tiendo.domain.portal.oc4ids_facts import (
    DocumentFact,
    DocumentKind,
    Extension,
    Funding,
    MilestoneFact,
    Organisation,
    Payment,
    Place,
    Progress,
    ProjectFacts,
)
from tiendo.domain.projects import CapitalSourceKind, MilestoneKind
from tiendo.plans.models import Disbursement, ProjectFunding, Source
from tiendo.portal.public import VISITOR as PUBLIC
from tiendo.projects.models import (
    GROUP_LABELS,
    MILESTONE_LABELS,
    REASON_LABELS,
    SOURCE_LABELS,
    CapitalSource,
    LegalDocument,
    Milestone,
    ProgressReport,
    Project,
    ScheduleAdjustment,
    Sector,
)

OFFICIAL_COMMUNE_CODE = re.compile(r"^\d{5}$")  # the official list's communes, wards and special zones
CENTRAL_FUNDER = "central-budget"
ODA_FUNDER = "oda-lender"


def rows(model, **lookup) -> list[dict]:
    """The published fields of the records the public may see (and the primary key, to join them)."""
    return list(access.visible(PUBLIC, model).filter(**lookup).values("pk", *access.published_fields(model)))


def _by(records: list[dict], key: str) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for record in records:
        grouped[record[key]].append(record)
    return grouped


def _unit_name(unit: dict) -> str:
    return f"{unit['unit_type']} {unit['name']}".strip()


class Directory:
    """The sectors, units, agencies and capital sources the projects name, and the funders' organisations."""

    def __init__(self) -> None:
        self.sectors = {r["pk"]: r for r in rows(Sector)}
        self.units = {r["pk"]: r for r in rows(AdminUnit)}
        self.agencies = {r["pk"]: r for r in rows(Agency)}
        self.sources = {r["pk"]: r for r in rows(Source)}
        installation = Installation.current()
        self.province = self.units.get(installation.province_id) if installation else None
        self.region = _unit_name(self.province) if self.province else ""
        province_pk = self.province["pk"] if self.province else None
        committee = next(
            (
                agency
                for agency in self.agencies.values()
                if agency["kind"] == AgencyKind.PEOPLES_COMMITTEE and agency["admin_unit"] == province_pk
            ),
            None,
        )
        self.local_funder = (
            self.organisation(committee)
            if committee
            else Organisation("local-budget", _("Provincial People's Committee (local budget)"))
        )
        self.central_funder = Organisation(CENTRAL_FUNDER, _("Ministry of Finance (central budget)"))
        self.oda_funder = Organisation(ODA_FUNDER, _("ODA lender"))

    def organisation(self, agency: dict) -> Organisation:
        """An agency as a party: its public address and contact, never its head's or an officer's."""
        return Organisation(
            id=agency["code"],
            name=agency["name"],
            street_address=agency["address"],
            region=self.region,
            telephone=agency["phone"],
            email=agency["email"],
        )

    def province_of(self, unit: dict | None) -> dict | None:
        seen = 0
        while unit is not None and unit["level"] != UnitLevel.PROVINCE and seen < 4:
            unit, seen = self.units.get(unit["parent"]), seen + 1
        return unit

    def place(self, project: dict) -> Place | None:
        commune = self.units.get(project["commune"])
        province = self.province_of(commune) if commune else self.province
        latitude, longitude = project["latitude"], project["longitude"]
        if commune is None and (latitude is None or longitude is None):
            return None
        official = commune["code"] if commune and OFFICIAL_COMMUNE_CODE.match(commune["code"]) else ""
        return Place(
            commune=_unit_name(commune) if commune else "",
            official_code=official if commune and commune["level"] == UnitLevel.COMMUNE else "",
            province=_unit_name(province) if province else "",
            latitude=float(latitude) if latitude is not None else None,
            longitude=float(longitude) if longitude is not None else None,
        )

    def funder_of_kind(self, kind: str) -> Organisation | None:
        """Who provides a project's approved capital of this kind: the central budget (the Ministry of Finance),
        the local budget (the province's People's Committee), ODA (its lender); equity, loans and other sources
        name no public funder."""
        return {
            CapitalSourceKind.CENTRAL_BUDGET: self.central_funder,
            CapitalSourceKind.LOCAL_BUDGET: self.local_funder,
            CapitalSourceKind.ODA: self.oda_funder,
        }.get(CapitalSourceKind(kind))

    def payer(self, source_pk: int) -> Organisation | None:
        """Who pays a disbursement from this capital source of the plans: foreign capital (ODA, concessional
        loans, on-lent or not) its lender, else the budget of its level."""
        source = self.sources.get(source_pk)
        if source is None:
            return None
        if source["foreign"]:
            return self.oda_funder
        return {Source.Level.CENTRAL: self.central_funder, Source.Level.LOCAL: self.local_funder}.get(source["level"])


def _description(project: dict, directory: Directory, place: Place | None, funding: dict) -> str:
    """A concise description from the records (tiendo keeps none in words): group, sector, place, owner, years."""
    parts = [
        _("Public-investment project (%(group)s)") % {"group": GROUP_LABELS[project["group"]]}
        if project["group"]
        else _("Public-investment project")
    ]
    if sector := directory.sectors.get(project["sector"]):
        parts.append(_("sector: %(sector)s") % {"sector": sector["name"]})
    if place and (where := ", ".join(p for p in (place.commune, place.province) if p)):
        parts.append(_("location: %(place)s") % {"place": where})
    if owner := directory.agencies.get(project["agency"]):
        parts.append(_("project owner: %(owner)s") % {"owner": owner["name"]})
    if funding.get("start_year") and funding.get("finish_year"):
        parts.append(
            _("implemented %(start)s–%(finish)s") % {"start": funding["start_year"], "finish": funding["finish_year"]}
        )
    return "; ".join(parts) + "."


def _title(kind_label: str, number: str) -> str:
    return _("%(kind)s No. %(number)s") % {"kind": kind_label, "number": number} if number else kind_label


def _documents(project: dict, legal: list[dict], funding: dict) -> tuple[DocumentFact, ...]:
    """The decisions: the recorded legal documents (an "other" one numbered as the plans' investment decision is
    that decision), and the investment decision itself when no document records it."""
    decision_number = funding.get("investment_decision_number") or ""
    labels = dict(LegalDocument.Kind.choices)
    facts, found_decision = [], False
    for document in legal:
        kind = document["kind"]
        if kind == LegalDocument.Kind.CERTIFICATE:
            continue  # a private project's; never a public one's
        if kind == LegalDocument.Kind.OTHER and decision_number and document["number"] == decision_number:
            kind, label, found_decision = DocumentKind.INVESTMENT, _("Investment decision"), True
        else:
            label = str(labels[kind])
        facts.append(DocumentFact(kind, _title(label, document["number"]), document["date"], document["issuer"]))
    if funding.get("investment_decision_date") and not found_decision:
        facts.append(
            DocumentFact(
                DocumentKind.INVESTMENT,
                _title(_("Investment decision"), decision_number),
                funding["investment_decision_date"],
            )
        )
    if project["policy_decision_date"] and not any(f.kind == DocumentKind.POLICY for f in facts):
        label = str(labels[LegalDocument.Kind.POLICY])
        facts.append(
            DocumentFact(
                DocumentKind.POLICY,
                _title(label, project["policy_decision_number"]),
                project["policy_decision_date"],
            )
        )
    return tuple(facts)


def _milestones(milestones: list[dict], extensions: dict[int, list[dict]]) -> tuple[MilestoneFact, ...]:
    return tuple(
        MilestoneFact(
            kind=m["kind"],
            title=str(MILESTONE_LABELS[MilestoneKind(m["kind"])]),
            first_due=m["first_due"],
            current_due=m["current_due"],
            done=m["done"],
            extensions=tuple(
                Extension(
                    e["decided_on"], e["document_number"], e["old_due"], e["new_due"], str(REASON_LABELS[e["reason"]])
                )
                for e in extensions.get(m["pk"], [])
            ),
        )
        for m in sorted(milestones, key=lambda m: (m["first_due"] or date.max, m["pk"]))
    )


def facts() -> list[ProjectFacts]:
    """Every public-investment project's facts, in the records' language, in the order of their codes."""
    with translation.override(settings.LANGUAGE_CODE):
        return _facts()


class _Records:
    """Every kind of record the projects need, one query each, grouped by project (or milestone)."""

    def __init__(self) -> None:
        self.directory = Directory()
        self.milestones = _by(rows(Milestone), "project")
        self.extensions = _by(rows(ScheduleAdjustment), "milestone")
        self.capital = _by(rows(CapitalSource), "project")
        self.legal = _by(sorted(rows(LegalDocument), key=lambda d: (d["date"], d["pk"])), "project")
        self.reports = _by(rows(ProgressReport), "project")
        self.payments = _by(rows(Disbursement), "project")
        self.fundings = {f["project"]: f for f in rows(ProjectFunding)}
        self.scheme = _("project code in tiendo")

    def fundings_of(self, pk: int) -> tuple[Funding, ...]:
        directory = self.directory
        return tuple(
            Funding(
                c["source"],
                str(SOURCE_LABELS[CapitalSourceKind(c["source"])]),
                c["amount"],
                directory.funder_of_kind(c["source"]),
            )
            for c in self.capital[pk]
        )

    def payments_of(self, pk: int) -> tuple[Payment, ...]:
        sources = self.directory.sources
        return tuple(
            Payment(d["month"], sources[d["source"]]["code"], d["amount"], self.directory.payer(d["source"]))
            for d in self.payments[pk]
            if d["source"] in sources
        )

    def facts(self, project: dict) -> ProjectFacts:
        pk, directory = project["pk"], self.directory
        funding = self.fundings.get(pk) or {}
        owner = directory.agencies.get(project["agency"])
        sector = directory.sectors.get(project["sector"])
        place = directory.place(project)
        clearance = next((m for m in self.milestones[pk] if m["kind"] == MilestoneKind.SITE_CLEARANCE), None) or {}
        return ProjectFacts(
            code=project["code"],
            title=project["name"],
            status=project["status"],
            description=_description(project, directory, place, funding),
            sector=sector["code"] if sector else "",
            place=place,
            owner=directory.organisation(owner) if owner else None,
            total_investment=project["total_investment"],
            policy_date=project["policy_decision_date"],
            decision_date=funding.get("investment_decision_date"),
            start_year=funding.get("start_year"),
            finish_year=funding.get("finish_year"),
            fundings=self.fundings_of(pk),
            milestones=_milestones(self.milestones[pk], self.extensions),
            progress=tuple(
                Progress(r["period_end"], Decimal(r["physical_progress"]), r["disbursed_to_date"])
                for r in self.reports[pk]
            ),
            payments=self.payments_of(pk),
            documents=_documents(project, self.legal[pk], funding),
            land_area_m2=float(clearance["clearance_area_m2"]) if clearance.get("clearance_area_m2") else None,
            households=clearance.get("households"),
            identifier_scheme=self.scheme,
        )


def _facts() -> list[ProjectFacts]:
    projects = sorted(rows(Project), key=lambda p: p["code"])
    if not projects:
        return []
    records = _Records()
    return [records.facts(project) for project in projects]
