"""One public-investment project as an OC4IDS 0.9.5 project (Open Contracting for Infrastructure Data Standard),
from the facts tiendo keeps about it: its owner and funders, place, capital by source, decisions, milestones,
progress reports and monthly disbursement. The choices are explained field by field in docs/open-data.md.

The caller (tiendo.portal.oc4ids) reads the facts through the public visitor's view and passes the package's
sentences already translated (`Wording`); nothing here reads a database or the web. Plain Python: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tiendo.domain.projects import MilestoneKind, ProjectStatus
from tiendo.domain.text import search_key

from .oc4ids_facts import DocumentKind, MilestoneFact, Organisation, Place, ProjectFacts, Wording

JSON = dict[str, Any]

CURRENCY = "VND"  # every amount tiendo keeps is in đồng
# Viet Nam keeps one offset all year (no daylight saving): a day is published as its midnight there
VIETNAM_OFFSET = "+07:00"
# lib-cove-oc4ids' conformance check (invalid-project-ids): "oc4ids-", a six-character prefix, then the local id
PROJECT_ID = re.compile(r"^oc4ids-[a-z0-9]{6}.+$")
PREFIX = re.compile(r"^[a-z0-9]{6}$")
# No scheme of the standard's locationGazetteers codelist (NUTS, ISO2, GEONAMES, OSM nodes/ways/relations, WDPA)
# holds Viet Nam's communes: their codes in the official list of administrative units (Danh mục và mã số các đơn
# vị hành chính Việt Nam) are published under this scheme name, documented in docs/open-data.md (the codelist is
# open, so the validator warns and does not fail).
GAZETTEER_SCHEME = "VN-DVHC"
UNIT_PERCENT = "P1"  # UN/CEFACT Recommendation 20: percent

# tiendo's sectors (the catalogue `tiendo setup` and the demo share, tiendo.ops.setting_up.SECTORS) -> the
# projectSector codelist. Irrigation and dykes is the management of water, a natural resource; tourism is in
# culture, sports and recreation; water supply, drainage and the environment is water and waste; processing
# industries, trade and industrial zones are the economy. The codelist has no code for urban development (the
# infrastructure of new residential areas and of land put up for auction): tiendo publishes `urbanDevelopment`
# for it, an extension the open codelist allows (the validator warns).
SECTORS: dict[str, tuple[str, ...]] = {
    "GT": ("transport",),
    "TL": ("naturalResources",),
    "YT": ("health",),
    "GD": ("education",),
    "VH": ("cultureSportsAndRecreation",),
    "DL": ("cultureSportsAndRecreation",),
    "MT": ("waterAndWaste",),
    "NL": ("energy",),
    "LOG": ("transport",),
    "NN": ("economy",),
    "TM": ("economy",),
    "CB": ("economy",),
    "DT": ("economy",),
    "DM": ("economy",),
    "VL": ("economy",),
    "KCN": ("economy",),
    "BDS": ("urbanDevelopment",),
}


# documentType codelist: both the investment policy decision (total investment and capital structure set in
# principle) and the investment decision (the project approved with its budget) approve the budget; CoST IDS's
# "project approval decision" is a budgetApproval document
DOCUMENT_TYPES: dict[str, str] = {
    DocumentKind.POLICY: "budgetApproval",
    DocumentKind.INVESTMENT: "budgetApproval",
    DocumentKind.ADJUSTMENT: "budgetAmendmentApproval",
    DocumentKind.LAND: "landAndSettlementImpact",
}

# milestoneType and milestoneCode codelists, by tiendo's milestone kind
MILESTONE_TYPES: dict[str, tuple[str, str]] = {
    MilestoneKind.CAPITAL_CONTRIBUTION: ("financing", ""),
    MilestoneKind.SITE_CLEARANCE: ("delivery", ""),
    MilestoneKind.LAND_HANDOVER: ("delivery", ""),
    MilestoneKind.CONSTRUCTION_START: ("delivery", "commencement"),
    MilestoneKind.OPERATION: ("delivery", "commissioning"),
    MilestoneKind.COMPLETION: ("delivery", "completion"),
}

# Words of a project's name that say what the works do to an existing asset (projectType codelist); a name
# that says none of them builds something new ("construction", the default).
_EXPANSION = ("mo rong",)
_REHABILITATION = ("cai tao", "nang cap", "sua chua", "tu bo", "ton tao", "kien co hoa", "nao vet", "phuc hoi")
_REPLACEMENT = ("thay the",)


# The rules ---------------------------------------------------------------------------------------------------------


def project_id(prefix: str, code: str) -> str:
    """`oc4ids-<prefix>-<code>`: the prefix registered with the OC4IDS registry (six lowercase letters or digits)."""
    if not PREFIX.match(prefix):
        raise ValueError(f"OC4IDS prefix must be six lowercase letters or digits: {prefix!r}")
    return f"oc4ids-{prefix}-{code}"


def project_status(facts: ProjectFacts) -> str:
    """The projectStatus code, from the project's status and what its decisions and milestones say happened:
    cancelled if terminated; completion once the works are complete or in operation; implementation once the
    investment decision is taken (Law on Public Investment: the implementation phase follows it, and OC4IDS's
    implementation starts with procurement) or the works started, and while running or suspended; preparation
    once the investment policy is decided; identification before."""
    done = {m.kind for m in facts.milestones if m.done is not None}
    status = facts.status
    if status == ProjectStatus.TERMINATED:
        return "cancelled"
    if status in (ProjectStatus.COMPLETED, ProjectStatus.OPERATING) or done & {
        MilestoneKind.COMPLETION,
        MilestoneKind.OPERATION,
    }:
        return "completion"
    if (
        status in (ProjectStatus.IMPLEMENTING, ProjectStatus.SUSPENDED)
        or facts.decision_date is not None
        or MilestoneKind.CONSTRUCTION_START in done
    ):
        return "implementation"
    return "preparation" if facts.policy_date is not None else "identification"


def project_type(title: str) -> str:
    """The projectType code from the words of the project's name ("Cải tạo, nâng cấp…" is a rehabilitation,
    "…mở rộng…" an expansion); construction of a new asset otherwise."""
    key = f" {search_key(title).replace(',', ' ')} "
    for words, code in ((_EXPANSION, "expansion"), (_REHABILITATION, "rehabilitation"), (_REPLACEMENT, "replacement")):
        if any(f" {word} " in key for word in words):
            return code
    return "construction"


def sectors(code: str, table: Mapping[str, Sequence[str]] = SECTORS) -> list[str]:
    return list(table.get(code, ()))


def stamp(day: date) -> str:
    """A date as OC4IDS's date-time: its midnight in Viet Nam."""
    return f"{day.isoformat()}T00:00:00{VIETNAM_OFFSET}"


def money(amount: int) -> JSON:
    return {"amount": amount, "currency": CURRENCY}


def month_end(month: date) -> date:
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def _day(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _grouped(value: float, separator: str) -> str:
    return f"{round(value):,}".replace(",", separator)


# The mapping -------------------------------------------------------------------------------------------------------


@dataclass
class _Parties:
    """The project's parties by id, each with its roles, in the order first named."""

    entries: dict[str, JSON] = field(default_factory=dict)

    def name(self, organisation: Organisation, duty: str, wording: Wording) -> JSON:
        """The reference to a party, which takes on this duty (partyRole code) in the project."""
        entry = self.entries.get(organisation.id)
        if entry is None:
            entry = self.entries[organisation.id] = _party(organisation, wording)
        if duty not in entry["roles"]:
            entry["roles"].append(duty)
        return {"id": organisation.id, "name": organisation.name}


def _party(organisation: Organisation, wording: Wording) -> JSON:
    party: JSON = {"id": organisation.id, "name": organisation.name, "roles": []}
    if organisation.street_address:  # the province alone is no postal address (CoST IDS "contact details")
        party["address"] = {
            "streetAddress": organisation.street_address,
            "region": organisation.region,
            "countryName": wording.country,
        }
    party["contactPoint"] = {"telephone": organisation.telephone, "email": organisation.email}
    return party


def project(
    facts: ProjectFacts,
    *,
    prefix: str,
    today: date,
    wording: Wording | None = None,
    sector_table: Mapping[str, Sequence[str]] = SECTORS,
) -> JSON:
    """The OC4IDS project: only what is known, never an empty value (lib-cove-oc4ids' missing-values), every
    amount with its currency, every organisation it names in `parties`."""
    wording = wording or Wording()
    parties = _Parties()
    status = project_status(facts)
    result: JSON = {
        "id": project_id(prefix, facts.code),
        "language": wording.language,
        "identifiers": [{"id": facts.code, "scheme": facts.identifier_scheme}],
        "title": facts.title,
        "description": facts.description,
        "status": status,
        "type": project_type(facts.title),
        "sector": sectors(facts.sector, sector_table),
    }
    if facts.owner is not None:
        result["publicAuthority"] = parties.name(facts.owner, "publicAuthority", wording)
    result["locations"] = _locations(facts.place, wording)
    result["budget"] = _budget(facts, parties, wording)
    result.update(_periods(facts))
    result["milestones"] = _milestones(facts, today, wording)
    result["forecasts"] = _forecasts(facts, wording)
    result["metrics"] = _metrics(facts, wording)
    result["transactions"] = _transactions(facts, parties, wording)
    if status == "completion":
        result["completion"] = _completion(facts, wording)
    result["documents"] = _documents(facts, wording)
    result["parties"] = list(parties.entries.values())
    kept: JSON = pruned(result)
    return kept


def _locations(place: Place | None, wording: Wording) -> list[JSON]:
    if place is None:
        return []
    location: JSON = {"id": "1", "description": ", ".join(part for part in (place.commune, place.province) if part)}
    if place.latitude is not None and place.longitude is not None:
        location["geometry"] = {"type": "Point", "coordinates": [float(place.longitude), float(place.latitude)]}
    if place.official_code:
        location["gazetteer"] = {"scheme": GAZETTEER_SCHEME, "identifiers": [place.official_code]}
    if place.commune or place.province:
        location["address"] = {"locality": place.commune, "region": place.province, "countryName": wording.country}
    return [location] if len(pruned(location)) > 1 else []


def _budget(facts: ProjectFacts, parties: _Parties, wording: Wording) -> JSON:
    budget: JSON = {}
    if facts.total_investment > 0:
        budget["amount"] = money(facts.total_investment)
    if facts.decision_date is not None:
        budget["approvalDate"] = stamp(facts.decision_date)
    lines = []
    for funding in facts.fundings:
        if funding.amount <= 0:
            continue
        line: JSON = {"id": funding.source, "description": funding.title, "amount": money(funding.amount)}
        if funding.funder is not None:
            line["sourceParty"] = parties.name(funding.funder, "funder", wording)
        lines.append(line)
    if lines:
        breakdown: JSON = {"id": "capital-sources", "description": wording.capital_sources, "budgetBreakdown": lines}
        if facts.decision_date is not None:
            for line in lines:
                line["approvalDate"] = stamp(facts.decision_date)
        budget["budgetBreakdowns"] = [breakdown]
    return budget


def _milestone(facts: ProjectFacts, kind: str) -> MilestoneFact | None:
    return next((m for m in facts.milestones if m.kind == kind), None)


def _periods(facts: ProjectFacts) -> JSON:
    """The project's approved years and the stages' periods as far as the decisions and milestones date them."""
    periods: JSON = {}
    if facts.start_year and facts.finish_year and facts.finish_year >= facts.start_year:
        periods["period"] = {
            "startDate": stamp(date(facts.start_year, 1, 1)),
            "endDate": stamp(date(facts.finish_year, 12, 31)),
        }
    if facts.policy_date is not None:
        periods["identificationPeriod"] = {"endDate": stamp(facts.policy_date)}
        preparation = {"startDate": stamp(facts.policy_date)}
        if facts.decision_date is not None and facts.decision_date >= facts.policy_date:
            preparation["endDate"] = stamp(facts.decision_date)
        periods["preparationPeriod"] = preparation
    completion = _milestone(facts, MilestoneKind.COMPLETION)
    start = facts.decision_date
    if start is None and (works := _milestone(facts, MilestoneKind.CONSTRUCTION_START)) and works.done:
        start = works.done
    implementation: JSON = {}
    if start is not None:
        implementation["startDate"] = stamp(start)
    if completion is not None and (end := completion.done or completion.current_due) is not None:
        if start is None or end >= start:
            implementation["endDate"] = stamp(end)
    if implementation:
        periods["implementationPeriod"] = implementation
    if completion is not None and completion.done is not None:
        periods["completionPeriod"] = {"startDate": stamp(completion.done)}
    return periods


def _milestone_status(milestone: MilestoneFact, today: date) -> str:
    if milestone.done is not None:
        return "met"
    if milestone.current_due is not None and milestone.current_due < today:
        return "notMet"
    return "scheduled"


def _milestones(facts: ProjectFacts, today: date, wording: Wording) -> list[JSON]:
    result = []
    for document in facts.documents:
        if document.kind in (DocumentKind.POLICY, DocumentKind.INVESTMENT):
            result.append(
                {
                    "id": f"{document.kind}-decision",
                    "title": document.title,
                    "type": "approval",
                    "code": "projectApproval",
                    "dateMet": stamp(document.day),
                    "status": "met",
                }
            )
    for milestone in facts.milestones:
        kind, code = MILESTONE_TYPES.get(milestone.kind, ("", ""))
        entry: JSON = {"id": milestone.kind, "title": milestone.title, "type": kind, "code": code}
        if milestone.current_due is not None:
            entry["dueDate"] = stamp(milestone.current_due)
        if milestone.done is not None:
            entry["dateMet"] = stamp(milestone.done)
        entry["status"] = _milestone_status(milestone, today)
        if milestone.first_due and milestone.current_due and milestone.first_due != milestone.current_due:
            entry["description"] = wording.moved % {
                "first": _day(milestone.first_due),
                "current": _day(milestone.current_due),
            }
        result.append(entry)
    # two decisions of one kind (a corrected number) keep their own ids
    seen: dict[str, int] = {}
    for entry in result:
        count = seen[entry["id"]] = seen.get(entry["id"], 0) + 1
        if count > 1:
            entry["id"] = f"{entry['id']}-{count}"
    return result


def _unit(wording: Wording) -> JSON:
    return {"name": wording.percent, "scheme": "UNCEFACT", "id": UNIT_PERCENT}


def _metrics(facts: ProjectFacts, wording: Wording) -> list[JSON]:
    reports = sorted({report.period_end: report for report in facts.progress}.values(), key=lambda r: r.period_end)
    if not reports:
        return []
    physical = [
        {
            "id": report.period_end.isoformat(),
            "period": {"endDate": stamp(report.period_end)},
            "measure": round(float(report.physical), 2),
            "unit": _unit(wording),
        }
        for report in reports
    ]
    metrics = [{"id": "physicalProgress", "title": wording.physical_progress, "observations": physical}]
    if facts.total_investment > 0:
        financial = [
            {
                "id": report.period_end.isoformat(),
                "period": {"endDate": stamp(report.period_end)},
                "value": money(report.disbursed_to_date),
                "measure": round(100 * report.disbursed_to_date / facts.total_investment, 2),
                "unit": _unit(wording),
            }
            for report in reports
        ]
        metrics.append({"id": "financialProgress", "title": wording.financial_progress, "observations": financial})
    return metrics


def _forecasts(facts: ProjectFacts, wording: Wording) -> list[JSON]:
    """The plan the records give: the works complete (100 %) by the completion due date in force."""
    completion = _milestone(facts, MilestoneKind.COMPLETION)
    if completion is None or completion.done is not None or completion.current_due is None:
        return []
    observation = {
        "id": "completion",
        "period": {"endDate": stamp(completion.current_due)},
        "measure": 100,
        "unit": _unit(wording),
        "notes": wording.forecast_completion,
    }
    return [{"id": "physicalProgress", "title": wording.physical_progress, "observations": [observation]}]


def _transactions(facts: ProjectFacts, parties: _Parties, wording: Wording) -> list[JSON]:
    result = []
    seen: dict[str, int] = {}
    for payment in sorted(facts.payments, key=lambda p: (p.month, p.source)):
        if payment.amount <= 0:
            continue
        key = f"{payment.month:%Y-%m}-{payment.source}"
        count = seen[key] = seen.get(key, 0) + 1  # the same month and source under two plans (a carried-over year)
        entry: JSON = {
            "id": key if count == 1 else f"{key}-{count}",
            "date": stamp(month_end(payment.month)),
            "value": money(payment.amount),
        }
        if payment.payer is not None:
            entry["payer"] = parties.name(payment.payer, "payer", wording)
        if facts.owner is not None:
            entry["payee"] = parties.name(facts.owner, "payee", wording)
        result.append(entry)
    return result


def _completion(facts: ProjectFacts, wording: Wording) -> JSON:
    completion: JSON = {}
    milestone = _milestone(facts, MilestoneKind.COMPLETION) or _milestone(facts, MilestoneKind.OPERATION)
    if milestone is not None and milestone.done is not None:
        completion["endDate"] = stamp(milestone.done)
        completion["endDateDetails"] = " ".join(_changes(milestone, wording))
    reports = sorted(facts.progress, key=lambda r: r.period_end)
    if reports and reports[-1].disbursed_to_date > 0:
        last = reports[-1]
        completion["finalValue"] = money(last.disbursed_to_date)
        completion["finalValueDetails"] = wording.final_value % {"day": _day(last.period_end)}
    return completion


def _changes(milestone: MilestoneFact, wording: Wording) -> list[str]:
    """Why the completion date is what it is: each decided extension, else the due date moved; and a late finish."""
    lines = [
        wording.moved_by
        % {
            "old": _day(e.old_due),
            "new": _day(e.new_due),
            "document": e.document,
            "day": _day(e.decided_on),
            "reason": e.reason,
        }
        for e in sorted(milestone.extensions, key=lambda e: e.decided_on)
    ]
    if not lines and milestone.first_due and milestone.current_due and milestone.first_due != milestone.current_due:
        lines.append(wording.moved % {"first": _day(milestone.first_due), "current": _day(milestone.current_due)})
    if milestone.done and milestone.current_due and milestone.done > milestone.current_due:
        days = (milestone.done - milestone.current_due).days
        lines.append(wording.done_late % {"done": _day(milestone.done), "days": days})
    if not lines and milestone.done and (milestone.first_due is None or milestone.done <= milestone.first_due):
        lines.append(wording.on_time % {"done": _day(milestone.done)})
    return lines


def _documents(facts: ProjectFacts, wording: Wording) -> list[JSON]:
    result = []
    for number, document in enumerate(sorted(facts.documents, key=lambda d: (d.day, d.kind)), start=1):
        result.append(
            {
                "id": f"{document.kind}-{number}",
                "documentType": DOCUMENT_TYPES.get(document.kind, ""),
                "title": document.title,
                "description": document.issuer,
                "datePublished": stamp(document.day),
            }
        )
    land = []
    if facts.land_area_m2:
        land.append(wording.land_area % {"area": _grouped(facts.land_area_m2, wording.thousands)})
    if facts.households:
        land.append(wording.land_households % {"households": facts.households})
    if land:
        result.append(
            {
                "id": "land-and-settlement",
                "documentType": "landAndSettlementImpact",
                "title": wording.land_title,
                "description": " ".join(land),
            }
        )
    return result


def pruned(value: Any) -> Any:
    """The value without empty strings, objects and arrays (nor None), at any depth: OC4IDS wants an unknown
    field left out rather than given empty. (Types compared exactly: the package has a million values.)"""
    kind = type(value)
    if kind is dict:
        kept = {}
        for key, item in value.items():
            item = pruned(item)
            if item or _kept(item):
                kept[key] = item
        return kept
    if kind is list:
        return [item for item in map(pruned, value) if item or _kept(item)]
    if kind is str:
        return value.strip()
    return value


def _kept(value: Any) -> bool:
    """A value that is falsy and still a value: 0, 0.0, False."""
    return value is not None and type(value) not in (str, dict, list)
