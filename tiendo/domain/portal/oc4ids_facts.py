"""The facts tiendo keeps about one public-investment project, as tiendo.domain.portal.oc4ids maps them to OC4IDS:
small frozen dataclasses the caller fills from the records the public may read. Plain Python: no Django."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class DocumentKind(StrEnum):
    """The decisions behind a project, as tiendo records them (projects.LegalDocument.Kind and the plans'
    investment decision)."""

    POLICY = "policy"  # quyết định chủ trương đầu tư
    INVESTMENT = "investment"  # quyết định đầu tư (phê duyệt dự án)
    ADJUSTMENT = "adjustment"  # quyết định điều chỉnh
    LAND = "land"  # giao đất, cho thuê đất
    OTHER = "other"


@dataclass(frozen=True)
class Wording:
    """The sentences the package writes, in its language: the caller passes them translated (these English
    defaults are the message ids)."""

    language: str = "en"
    country: str = "Viet Nam"
    physical_progress: str = "Physical progress"
    financial_progress: str = "Financial progress"
    percent: str = "percent"
    capital_sources: str = "Capital by source, as approved"
    moved: str = "First due %(first)s, moved to %(current)s."
    moved_by: str = "Due date moved from %(old)s to %(new)s by %(document)s of %(day)s (%(reason)s)."
    done_late: str = "Done on %(done)s, %(days)s days after the due date in force."
    on_time: str = "Done on %(done)s, by the first due date, unchanged."
    final_value: str = (
        "Capital disbursed up to the last progress report (%(day)s); the settled final accounts are not kept."
    )
    land_title: str = "Land and settlement impact"
    land_area: str = "Land to clear: %(area)s m²."
    land_households: str = "Households affected: %(households)s."
    forecast_completion: str = "Works complete by the completion due date in force."
    thousands: str = ","


@dataclass(frozen=True)
class Organisation:
    """An organisation named in the project: the owner (its public contact, never an officer's) or a funder."""

    id: str
    name: str
    street_address: str = ""
    region: str = ""
    telephone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Place:
    commune: str = ""  # "xã Thái Tân"
    official_code: str = ""  # the commune's code in the official list ("11311"); "" when tiendo has none
    province: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Funding:
    """The approved capital from one source (projects.CapitalSource) and who provides it."""

    source: str  # CapitalSourceKind value
    title: str
    amount: int
    funder: Organisation | None = None


@dataclass(frozen=True)
class Extension:
    """A decided change of a milestone's due date (projects.ScheduleAdjustment)."""

    decided_on: date
    document: str
    old_due: date
    new_due: date
    reason: str


@dataclass(frozen=True)
class MilestoneFact:
    kind: str  # MilestoneKind value
    title: str
    first_due: date | None = None
    current_due: date | None = None
    done: date | None = None
    extensions: tuple[Extension, ...] = ()


@dataclass(frozen=True)
class Progress:
    """One progress report: physical progress in percent and capital disbursed since the start, at period_end."""

    period_end: date
    physical: Decimal | float
    disbursed_to_date: int


@dataclass(frozen=True)
class Payment:
    """Capital disbursed in one month from one source (plans.Disbursement), and who pays it."""

    month: date
    source: str
    amount: int
    payer: Organisation | None = None


@dataclass(frozen=True)
class DocumentFact:
    kind: str  # DocumentKind value
    title: str
    day: date
    issuer: str = ""


@dataclass(frozen=True)
class ProjectFacts:
    code: str
    title: str
    status: str  # ProjectStatus value
    description: str = ""
    sector: str = ""  # tiendo's sector code
    place: Place | None = None
    owner: Organisation | None = None
    total_investment: int = 0
    policy_date: date | None = None
    decision_date: date | None = None  # the investment decision
    start_year: int | None = None
    finish_year: int | None = None
    fundings: tuple[Funding, ...] = ()
    milestones: tuple[MilestoneFact, ...] = ()
    progress: tuple[Progress, ...] = ()
    payments: tuple[Payment, ...] = ()
    documents: tuple[DocumentFact, ...] = ()
    land_area_m2: float | None = None
    households: int | None = None
    identifier_scheme: str = "tiendo"
