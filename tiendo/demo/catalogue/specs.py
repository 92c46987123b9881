"""The shapes the catalogue is written in (units, agencies, mergers) and the two reorganisation dates; plain
Python, no Django."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tiendo.domain.organisation import AgencyKind, UnitLevel

DEPARTMENT_REFORM = date(
    2025, 3, 1
)  # NĐ 45/2025/NĐ-CP; NQ 176/2025/QH15 for ministries (docs/legal/reorganisation.md ORG-01, ORG-02)
TWO_TIER = date(2025, 7, 1)  # NQ 202/2025/QH15, NQ 1669/NQ-UBTVQH15 (docs/legal/reorganisation.md, ORG-03, ORG-04)


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    unit_type: str
    level: UnitLevel
    parent: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    formed_from: tuple[str, ...] = ()
    name_en: str = ""
    name_zh: str = ""


@dataclass(frozen=True)
class AgencySpec:
    code: str
    name: str
    kind: AgencyKind
    short_name: str = ""
    name_en: str = ""
    name_zh: str = ""
    parent: str | None = None
    unit: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None  # for agencies that end without a successor (district committees)


@dataclass(frozen=True)
class MergeSpec:
    effective: date
    decision: str
    sources: tuple[str, ...]
    target: str
    subject: str = "agency"  # or "unit"


@dataclass
class Catalogue:
    units: list[UnitSpec] = field(default_factory=list)
    agencies: list[AgencySpec] = field(default_factory=list)
    merges: list[MergeSpec] = field(default_factory=list)
    home_province: str = ""
    home_agency: str = ""
