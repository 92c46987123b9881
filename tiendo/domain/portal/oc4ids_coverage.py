"""Which elements of the CoST Infrastructure Data Standard (CoST IDS) one OC4IDS project discloses: the 7 of
identification, the 7 of preparation and the 6 of completion, each looked for where the standard's mapping
(open-contracting/infrastructure, mapping/project-level-*.csv) puts it. The department reads per project what to
complete. Plain Python: no Django."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

JSON = dict[str, Any]


class Stage(StrEnum):
    IDENTIFICATION = "identification"
    PREPARATION = "preparation"
    COMPLETION = "completion"


class Element(StrEnum):
    # identification
    OWNER = "owner"  # a party with the publicAuthority role
    SECTOR = "sector"
    SUBSECTOR = "subsector"  # additionalClassifications
    NAME = "name"  # title
    LOCATION = "location"
    PURPOSE = "purpose"
    DESCRIPTION = "description"
    # preparation
    SCOPE = "scope"  # a projectScope document
    ENVIRONMENT = "environment"  # an environmentalImpact document
    LAND = "land"  # a landAndSettlementImpact document
    CONTACT = "contact"  # the public authority's address or contact point
    FUNDING = "funding"  # a party with the funder role
    BUDGET = "budget"  # budget.amount
    BUDGET_APPROVAL = "budget_approval"  # budget.approvalDate
    # completion
    STATUS = "status"
    COMPLETION_COST = "completion_cost"  # completion.finalValue
    COMPLETION_DATE = "completion_date"  # completion.endDate
    COMPLETION_SCOPE = "completion_scope"  # completion.finalScope(Details)
    CHANGE_REASONS = "change_reasons"  # completion.*Details
    AUDIT_REPORTS = "audit_reports"  # financialAuditReport / technicalAuditReport documents


STAGES: dict[Stage, tuple[Element, ...]] = {
    Stage.IDENTIFICATION: (
        Element.OWNER,
        Element.SECTOR,
        Element.SUBSECTOR,
        Element.NAME,
        Element.LOCATION,
        Element.PURPOSE,
        Element.DESCRIPTION,
    ),
    Stage.PREPARATION: (
        Element.SCOPE,
        Element.ENVIRONMENT,
        Element.LAND,
        Element.CONTACT,
        Element.FUNDING,
        Element.BUDGET,
        Element.BUDGET_APPROVAL,
    ),
    Stage.COMPLETION: (
        Element.STATUS,
        Element.COMPLETION_COST,
        Element.COMPLETION_DATE,
        Element.COMPLETION_SCOPE,
        Element.CHANGE_REASONS,
        Element.AUDIT_REPORTS,
    ),
}

# Elements tiendo keeps no record for yet: the department cannot complete them in tiendo (docs/open-data.md,
# "What is left"); the coverage page says so rather than asking for them.
NOT_KEPT: frozenset[Element] = frozenset(
    {
        Element.SUBSECTOR,
        Element.PURPOSE,
        Element.SCOPE,
        Element.ENVIRONMENT,
        Element.COMPLETION_SCOPE,
        Element.AUDIT_REPORTS,
    }
)

# the completion elements are due once the project reaches these statuses
COMPLETION_DUE = frozenset({"completion", "cancelled"})


@dataclass(frozen=True)
class Coverage:
    present: frozenset[Element]
    completion_due: bool  # the project is complete (or cancelled): the completion elements apply

    def count(self, stage: Stage) -> int:
        return sum(1 for element in STAGES[stage] if element in self.present)

    def missing(self, stage: Stage) -> tuple[Element, ...]:
        return tuple(element for element in STAGES[stage] if element not in self.present)

    def to_complete(self) -> tuple[Element, ...]:
        """What the department can add in tiendo: missing, kept by tiendo, and due at the project's stage."""
        stages = [Stage.IDENTIFICATION, Stage.PREPARATION] + ([Stage.COMPLETION] if self.completion_due else [])
        return tuple(element for stage in stages for element in self.missing(stage) if element not in NOT_KEPT)


def _documents(project: JSON) -> set[str]:
    return {document.get("documentType", "") for document in project.get("documents", [])}


def _roles(project: JSON) -> set[str]:
    return {duty for party in project.get("parties", []) for duty in party.get("roles", [])}


def _authority(project: JSON) -> JSON:
    reference = project.get("publicAuthority", {}).get("id")
    for party in project.get("parties", []):
        if party.get("id") == reference or (reference is None and "publicAuthority" in party.get("roles", [])):
            return dict(party)
    return {}


def coverage(project: JSON) -> Coverage:
    """The CoST IDS elements the project discloses."""
    documents, roles, authority = _documents(project), _roles(project), _authority(project)
    budget, completion = project.get("budget", {}), project.get("completion", {})
    found = {
        Element.OWNER: "publicAuthority" in roles and bool(project.get("publicAuthority")),
        Element.SECTOR: bool(project.get("sector")),
        Element.SUBSECTOR: bool(project.get("additionalClassifications")),
        Element.NAME: bool(project.get("title")),
        Element.LOCATION: bool(project.get("locations")),
        Element.PURPOSE: bool(project.get("purpose")),
        Element.DESCRIPTION: bool(project.get("description")),
        Element.SCOPE: "projectScope" in documents,
        Element.ENVIRONMENT: "environmentalImpact" in documents,
        Element.LAND: "landAndSettlementImpact" in documents,
        Element.CONTACT: bool(authority.get("address") or authority.get("contactPoint")),
        Element.FUNDING: "funder" in roles,
        Element.BUDGET: bool(budget.get("amount")),
        Element.BUDGET_APPROVAL: bool(budget.get("approvalDate")),
        Element.STATUS: bool(project.get("status")),
        Element.COMPLETION_COST: bool(completion.get("finalValue")),
        Element.COMPLETION_DATE: bool(completion.get("endDate")),
        Element.COMPLETION_SCOPE: bool(completion.get("finalScope") or completion.get("finalScopeDetails")),
        # tiendo's finalValueDetails says where the figure comes from, not why it changed: not counted
        Element.CHANGE_REASONS: bool(completion.get("endDateDetails") or completion.get("finalScopeDetails")),
        Element.AUDIT_REPORTS: bool(documents & {"financialAuditReport", "technicalAuditReport"}),
    }
    return Coverage(
        present=frozenset(element for element, there in found.items() if there),
        completion_due=project.get("status") in COMPLETION_DUE,
    )
