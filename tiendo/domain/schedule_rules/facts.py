"""What the rules read about one project: frozen dataclasses, with `UNKNOWN` for a fact nobody gave.

The shapes follow the `tiendo rules check` input (docs/contracts/rules-check.md, docs/rules-check.schema.json);
`tiendo.domain.schedule_json` reads them from JSON and `tiendo.reviews.scan` from the registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeAlias

from tiendo.domain.projects import ExtensionReason, MilestoneFacts, ProjectGroup, ProjectKind
from tiendo.domain.schedule_rules.vocabulary import UNKNOWN, ReportKind, Unknown

DateFact: TypeAlias = date | None | Unknown


@dataclass(frozen=True)
class Milestone(MilestoneFacts):
    """A milestone from a file that may not say whether it is done: its dates still count, its lateness does not."""

    done_known: bool = True


@dataclass(frozen=True, slots=True)
class Extension:
    """One schedule extension granted (its months are already in the milestones' current due dates)."""

    decided: date | Unknown = UNKNOWN
    months: int | Unknown = UNKNOWN
    reason: ExtensionReason | Unknown = UNKNOWN


@dataclass(frozen=True, slots=True)
class Land:
    handed_over: DateFact = UNKNOWN  # on the ground (trên thực địa); None: not yet
    in_use_since: DateFact = UNKNOWN  # None: not in use
    extension_until: DateFact = UNKNOWN  # the land-use extension of Art. 81(8); None: none granted
    force_majeure: bool | Unknown = UNKNOWN


@dataclass(frozen=True, slots=True)
class Deposit:
    required: bool | Unknown = UNKNOWN
    paid: bool | Unknown = UNKNOWN


@dataclass(frozen=True, slots=True)
class Sanction:
    """An administrative sanction already decided, by the rule id it applied (SANC-01, SANC-02, SANC-03...)."""

    decided: date
    rule: str


@dataclass(frozen=True, slots=True)
class Report:
    kind: ReportKind
    period: str  # "2024-Q1" (quarterly), "2024" (annual, supervision_annual), "2024-H1" (supervision_half_year)
    submitted: DateFact = UNKNOWN  # None: not submitted


@dataclass(frozen=True, slots=True)
class AnnualCapital:
    """A public project's capital in one year's plan (PI-11)."""

    year: int
    planned: int | Unknown = UNKNOWN  # VND
    disbursed: int | Unknown = UNKNOWN  # VND
    added_after_september: bool | Unknown = UNKNOWN  # added after 30/09: disbursable until 31/12 of the next year
    extended_until: DateFact = UNKNOWN  # PI-12 extension; None: none granted


@dataclass(frozen=True, slots=True)
class ProjectFacts:
    """Everything the rules read about one project (docs/contracts/rules-check.md)."""

    code: str
    kind: ProjectKind | Unknown = UNKNOWN
    group: ProjectGroup | None | Unknown = UNKNOWN
    policy_approval_date: DateFact = UNKNOWN  # None: no policy approval (a certificate-only project, INV-03)
    certificate_date: DateFact = UNKNOWN  # None: no investment registration certificate
    milestones: tuple[MilestoneFacts, ...] | Unknown = UNKNOWN
    extensions: tuple[Extension, ...] | Unknown = UNKNOWN
    state_delay_days: int | Unknown = UNKNOWN  # documented delay caused by the State (INV-05)
    land: Land = Land()
    deposit: Deposit = Deposit()
    sanctions: tuple[Sanction, ...] | Unknown = UNKNOWN
    stopped_since: DateFact = UNKNOWN  # None: not stopped
    investor_reachable: bool | Unknown = UNKNOWN
    reports: tuple[Report, ...] | Unknown = UNKNOWN
    # the kinds `reports` lists completely (a period missing from it was not submitted); other kinds are unknown
    report_kinds: frozenset[ReportKind] = frozenset(ReportKind)
    reporting_since: DateFact = UNKNOWN  # None: no periodic report owed
    first_allocation_year: int | None | Unknown = UNKNOWN  # public: None = no capital allocated yet
    handed_over_year: int | None | Unknown = UNKNOWN  # public: None = not yet handed over
    allocation_extension_years: int | Unknown = UNKNOWN  # public: extensions of the allocation period granted
    total_investment: int | Unknown = UNKNOWN  # VND; public group A: 10,000-30,000 bn may extend by 2 years
    annual_capital: tuple[AnnualCapital, ...] | Unknown = UNKNOWN
