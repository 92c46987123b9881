"""The public projects as the registry states them: the schedule, capital sources and investment decision each
plan is drawn from, read once from the database."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q

from tiendo.projects.models import CapitalSource, LegalDocument, Milestone, Project

from ..projects.vocabulary import TRIEU, TY
from .decisions import INVESTMENT_DECISION, ORDER, PERIOD_YEARS

# Works up to this size are paid from one local source (a commune's health station does not mix four budgets).
SINGLE_SOURCE_UP_TO = 15 * TY


@dataclass
class Public:
    pk: int
    code: str
    group: str
    status: str
    agency: int | None  # the owner (chủ đầu tư) today
    total: int
    decided: date  # the investment policy decision
    approved: date | None  # the investment decision, None while there is none
    decision_number: str
    start: date  # construction start, done or due
    finish: date  # completion, done or due
    finish_due: date  # completion as approved (with the extensions granted)
    handed: date | None  # completion done
    works_from: int  # the first year that funds implementation, by the schedule
    shares: dict[str, float]  # the project's capital by source
    programme: bool  # a national target programme project
    stuck: bool
    late: bool
    profile: dict[int, int]  # what the schedule spends each year
    before_ratio: float  # the part of the work before 2021 that the 2016-2020 plans paid
    debt_2021: int  # completed in 2019-2020 and this much unpaid: a tier (d) item of 2021-2025
    first_year: int | None = None  # the first annual plan that funded implementation
    extension: int = 0  # years the allocation period was extended
    annual: dict[int, dict[str, int]] = field(default_factory=dict)  # year -> source -> annual amount in force

    def funded_before(self, year: int) -> int:
        """Capital the project had before `year`: the 2016-2020 plans, then the annual plans."""
        if self.debt_2021:
            paid = self.total - self.debt_2021
        else:
            paid = int(sum(v for y, v in self.profile.items() if y < 2021) * self.before_ratio)
        return paid + sum(sum(by.values()) for y, by in self.annual.items() if y < year)

    def period_ends(self) -> int | None:
        """The last year the project may get capital for implementation (PI-06), None before it is first funded."""
        if self.first_year is None:
            return None
        return self.first_year + PERIOD_YEARS.get(self.group, 4) - 1 + self.extension

    def eligible_sources(self, need: dict[str, int]) -> list[str]:
        codes = set(need)
        if self.total <= SINGLE_SOURCE_UP_TO:  # a small work stays with its one source
            return sorted(codes, key=ORDER.__getitem__)
        if codes & {"NSDP_CD", "NSDP_TSDD"}:
            codes |= {"NSDP_CD", "NSDP_TSDD"}
        if "NSTW_ODA" in codes:
            codes.add("NSDP_CD")
        return sorted(codes, key=ORDER.__getitem__)


def _mil(amount: float) -> int:
    """Plans count in millions of đồng."""
    return int(amount) // TRIEU * TRIEU


def _billions_up(amount: float) -> int:
    return -(-int(amount) // TY) * TY


def _spread(amount: float, start: date, end: date, into: dict[int, float]) -> None:
    if end <= start:
        into[start.year] = into.get(start.year, 0.0) + amount
        return
    days = (end - start).days + 1
    for year in range(start.year, end.year + 1):
        low, high = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
        into[year] = into.get(year, 0.0) + amount * ((high - low).days + 1) / days


def read_projects(rng: random.Random, today: date) -> list[Public]:
    """The demo province's public projects, with the schedule and capital sources the plans are drawn from."""
    demo = Q(code__startswith="HD-") | Q(code__startswith="HP-")
    rows = list(
        Project.objects.filter(demo, kind="public")
        .order_by("code")
        .values_list(
            "pk",
            "code",
            "group",
            "status",
            "sector__code",
            "total_investment",
            "policy_decision_date",
            "agency__code",
            "agency_id",
        )
    )
    milestones: dict[int, dict[str, tuple]] = defaultdict(dict)
    for project_id, kind, first_due, current_due, done in Milestone.objects.filter(
        Q(project__code__startswith="HD-") | Q(project__code__startswith="HP-"), project__kind="public"
    ).values_list("project_id", "kind", "first_due", "current_due", "done"):
        milestones[project_id][kind] = (first_due, current_due, done)
    capital: dict[int, dict[str, int]] = defaultdict(dict)
    for project_id, source, amount in CapitalSource.objects.filter(demo_project(), project__kind="public").values_list(
        "project_id", "source", "amount"
    ):
        capital[project_id][source] = amount
    decisions = {
        project_id: (number, day)
        for project_id, number, day in LegalDocument.objects.filter(
            demo_project(), project__kind="public", kind="other", summary=INVESTMENT_DECISION
        ).values_list("project_id", "number", "date")
    }
    projects = []
    for pk, code, group, status, sector, total, decided, agency, agency_id in rows:
        m = milestones[pk]
        if "construction_start" not in m or "completion" not in m or not total or decided is None:
            continue
        start = m["construction_start"][2] or m["construction_start"][1]
        handed = m["completion"][2]
        finish = max(handed or m["completion"][1], start)
        number, approved = decisions.get(pk, ("", None))
        if approved is not None and approved > today:
            number, approved = "", None
        overdue = {kind for kind, (_first, due, done) in m.items() if done is None and due < today}
        stuck = status == "suspended" or ("construction_start" in overdue and "completion" in overdue)
        late = bool(overdue) or (handed is not None and (handed - m["completion"][0]).days > 180)
        local_owner = bool(agency) and "-UB-" in agency
        central = capital[pk].get("central_budget", 0) / total
        oda = capital[pk].get("oda", 0) / total
        local = max(0.0, 1.0 - central - oda)
        programme = local_owner and central > 0  # central capital for a commune's works: a national programme
        shares: dict[str, float] = {}
        if central:
            shares["NSTW_MTQG" if programme else "NSTW_TN"] = central
        if oda:
            shares["NSTW_ODA"] = oda * 0.85
            shares["NSDP_VAY"] = oda * 0.15
        if local:
            lottery = local * rng.uniform(0.2, 0.5) if sector in ("GD", "YT") and rng.random() < 0.4 else 0.0
            land = (local - lottery) * (rng.uniform(0.6, 0.95) if local_owner else rng.uniform(0.4, 0.8))
            split = {"NSDP_XS": lottery, "NSDP_TSDD": land, "NSDP_CD": local - lottery - land}
            if total <= SINGLE_SOURCE_UP_TO:  # a small work is paid from one local source, the largest drawn
                split = {max(split, key=split.__getitem__): local}
            for source, share in split.items():
                if share > 0.005:
                    shares[source] = share
        norm = sum(shares.values())
        shares = {s: v / norm for s, v in shares.items()}
        begin = approved or decided
        spend: dict[int, float] = {}
        advance = total * (0.08 if "site_clearance" in m else 0.04)  # design, compensation before the works
        _spread(advance, begin, max(begin, start), spend)
        _spread(total - advance, start, finish, spend)
        works_from = max(begin.year, (start - timedelta(days=180)).year)
        debt = 0
        if handed is not None and 2019 <= handed.year <= 2020 and rng.random() < 0.45:
            debt = _mil(total * rng.uniform(0.04, 0.15))
        p = Public(
            pk=pk,
            code=code,
            group=group,
            status=status,
            agency=agency_id,
            total=total,
            decided=decided,
            approved=approved,
            decision_number=number,
            start=start,
            finish=finish,
            finish_due=m["completion"][1],
            handed=handed,
            works_from=works_from,
            shares=shares,
            programme=programme,
            stuck=stuck,
            late=late,
            profile={year: _mil(value) for year, value in spend.items()},
            before_ratio=rng.uniform(0.9, 1.0),
            debt_2021=debt,
        )
        if approved and works_from < 2021:  # funded by the 2016-2020 plans
            p.first_year = works_from
            _maybe_extend(p, rng)
        projects.append(p)
    return projects


def demo_project() -> Q:
    return Q(project__code__startswith="HD-") | Q(project__code__startswith="HP-")


def _maybe_extend(p: Public, rng: random.Random) -> None:
    """Most projects that need longer than their group's allocation period get it extended (PI-06)."""
    if p.first_year is not None and p.finish.year - p.first_year + 1 > PERIOD_YEARS.get(p.group, 4):
        if rng.random() < 0.6:
            p.extension = 2 if p.group == "A" and p.total >= 10_000 * TY else 1
