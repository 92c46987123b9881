"""Seeded public-investment plans for the demo province: capital sources, the 2021–2025 and 2026–2030 medium-term
plans, the annual plans 2021–2026 with their adjustments, and what the State Treasury reported disbursed each month.

The figures are generated, not solved: `tiendo/domain/allocation/` is the real allocator; here a short
allocation by the order of priority (PI-05) gives every version consistent figures, fast.

Decisions:
- **The registry decides the size.** Each public project's need in a period is what its schedule (investment
  decision, construction start, completion: done or due) spends in those years, plus what earlier plans left
  unpaid. The capital available per source is a share of the candidates' needs (medium-term about 65–95%, annual
  80–95%), so the plans fund the projects the registry shows being built, and shortages fall on the lowest tiers
  and on new projects. The demo registry holds more public works than a real province of its size, so its plans
  are larger too (about 85,000 billion đồng for 2021–2025 with seed 2025).
- **Story.** The 2021 annual plan (12/2020) comes before the medium-term plan; the medium-term plan is approved in
  08/2021 with a reserve, adjusted in 07/2023 (central recovery capital, projects decided since) and in 07/2024
  when land-use revenue fell short (seed 000: "kế hoạch điều chỉnh đầu tư công trung hạn 2021-2025, kế hoạch điều
  chỉnh năm 2024"), with the 2024 annual plan cut the same day. Central capital is added to the 2023 plan in
  10/2023 (disbursable until 31/12/2024, PI-11) and capital is transferred between projects of the 2025 plan in
  10/2025 by Hải Phòng's People's Committee. Hải Phòng's council approves the 2026–2030 and 2026 plans in 12/2025.
- **Order of events.** Versions are made in date order, so each adjustment keeps what was already spent: an
  annual line is never cut below what the Treasury had paid, a medium-term line never below the annual plans
  already given. Versions decided after today are not made.
- **Rules mostly kept.** Lines never exceed a source's capital or a project's need; annual lines stay within the
  medium-term remainder and a project's allocation period (group A 6, B 4, C 3 years, PI-06) except for a few
  projects per plan, so the checks have something to show.
- **Disbursement.** Monthly amounts per project and source follow an S-curve (slow first quarter, a rush in
  December and January): about 15–20% of projects are slow and 3–5% pay nothing in a year. A project is paid
  about every other month, when it claims completed work. Capital added after 30/09 and extended capital keep
  disbursing until 31/12 of the next year. Months after today are not reported.
- **Writing.** Plans and versions are saved one by one with their history as it happened (approved, then
  superseded); budgets, items, lines, disbursement and funding facts go in with executemany, and their "created"
  history rows are copied by INSERT ... SELECT, dated on the deciding day or the Treasury report's day.
- **Scale.** Only the demo province: a plan has no province, so at national scale the other provinces' public
  projects get no plans.
"""

from __future__ import annotations

import random
from calendar import monthrange
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial

from django.db import connection
from django.db.models import DateField, DateTimeField, JSONField, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from tiendo.accounts.models import User
from tiendo.domain.money import format_vnd
from tiendo.plans.models import (
    TIER_LABELS,
    Disbursement,
    Plan,
    PlanItem,
    PlanLine,
    PlanVersion,
    ProjectFunding,
    Source,
    SourceBudget,
)
from tiendo.projects.models import CapitalSource, LegalDocument, Milestone, Project

from .projects import TRIEU, TY, VN_TZ, _n

BATCH = 5000
INVESTMENT_DECISION = "Quyết định phê duyệt dự án đầu tư xây dựng."

# (code, parent, level, foreign, order, Vietnamese, English, Chinese): the leaves carry capital
SOURCES = [
    ("NSTW", None, "central", False, 10, "Vốn ngân sách trung ương", "Central budget", "中央预算资金"),
    (
        "NSTW_TN",
        "NSTW",
        "central",
        False,
        11,
        "Ngân sách trung ương – vốn trong nước",
        "Central budget – domestic capital",
        "中央预算—国内资金",
    ),
    (
        "NSTW_ODA",
        "NSTW",
        "central",
        True,
        12,
        "Ngân sách trung ương – vốn nước ngoài (ODA, vay ưu đãi)",
        "Central budget – foreign capital (ODA, concessional loans)",
        "中央预算—外国资金（官方发展援助、优惠贷款）",
    ),
    (
        "NSTW_MTQG",
        "NSTW",
        "central",
        False,
        13,
        "Ngân sách trung ương – các chương trình mục tiêu quốc gia",
        "Central budget – national target programmes",
        "中央预算—国家目标计划",
    ),
    ("NSDP", None, "local", False, 20, "Vốn ngân sách địa phương", "Local budget", "地方预算资金"),
    (
        "NSDP_CD",
        "NSDP",
        "local",
        False,
        21,
        "Vốn cân đối ngân sách địa phương theo tiêu chí",
        "Local budget balanced by criteria",
        "按标准分配的地方平衡预算资金",
    ),
    ("NSDP_TSDD", "NSDP", "local", False, 22, "Thu tiền sử dụng đất", "Land-use fee revenue", "土地使用费收入"),
    ("NSDP_XS", "NSDP", "local", False, 23, "Thu xổ số kiến thiết", "Lottery revenue", "彩票收入"),
    (
        "NSDP_VAY",
        "NSDP",
        "local",
        True,
        24,
        "Bội chi ngân sách địa phương (vốn vay lại)",
        "Local budget deficit (on-lent loans)",
        "地方预算赤字（转贷资金）",
    ),
]
LEAVES = [code for code, parent, *_ in SOURCES if parent]
ORDER = {code: order for code, _p, _l, _f, order, *_ in SOURCES}
TIER_LETTER = dict(zip(TIER_LABELS, "a b c d đ e g h i k l m n".split(), strict=True))
TIER_RANK = {tier: rank for rank, tier in enumerate(TIER_LABELS)}
PERIOD_YEARS = {"A": 6, "B": 4, "C": 3, "national": 6}  # PI-06: the longest allocation period of each group

HD_COUNCIL = "Hội đồng nhân dân tỉnh Hải Dương"
HP_COUNCIL = "Hội đồng nhân dân thành phố Hải Phòng"
HD_COMMITTEE = "Ủy ban nhân dân tỉnh Hải Dương"
HP_COMMITTEE = "Ủy ban nhân dân thành phố Hải Phòng"
COUNCIL = PlanVersion.Body.PROVINCIAL_COUNCIL
COMMITTEE = PlanVersion.Body.PROVINCIAL_COMMITTEE
# the province's disbursement target (cumulative percent of the annual plan), in the plan year and January after
TARGET_PATH = [["03-31", 15], ["06-30", 40], ["09-30", 65], ["12-31", 90], ["01-31", 95]]


@dataclass(frozen=True)
class Decision:
    """One approved version: which plan ("MT21", "MT26", "Y2024"), its number, and the deciding document."""

    plan: str
    number: int
    day: date
    document: str
    body: str
    issuer: str
    title: str
    note: str = ""
    purpose: str = PlanVersion.Purpose.INITIAL


DECISIONS = [
    Decision(
        "Y2021", 0, date(2020, 12, 11), "112/NQ-HĐND", COUNCIL, HD_COUNCIL, "Kế hoạch đầu tư công năm 2021 được giao"
    ),
    Decision(
        "MT21",
        0,
        date(2021, 8, 20),
        "09/NQ-HĐND",
        COUNCIL,
        HD_COUNCIL,
        "Kế hoạch đầu tư công trung hạn giai đoạn 2021-2025 được giao",
        "Giữ lại dự phòng chưa phân bổ để bố trí cho các dự án được quyết định chủ trương đầu tư sau.",
    ),
    Decision(
        "Y2022", 0, date(2021, 12, 10), "26/NQ-HĐND", COUNCIL, HD_COUNCIL, "Kế hoạch đầu tư công năm 2022 được giao"
    ),
    Decision(
        "Y2023", 0, date(2022, 12, 9), "41/NQ-HĐND", COUNCIL, HD_COUNCIL, "Kế hoạch đầu tư công năm 2023 được giao"
    ),
    Decision(
        "MT21",
        1,
        date(2023, 7, 14),
        "15/NQ-HĐND",
        COUNCIL,
        HD_COUNCIL,
        "Điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2021-2025 (lần 1)",
        "Bổ sung vốn ngân sách trung ương của Chương trình phục hồi và phát triển kinh tế - xã hội; phân bổ dự phòng "
        "cho các dự án đã được quyết định chủ trương đầu tư.",
        PlanVersion.Purpose.ADJUSTMENT,
    ),
    Decision(
        "Y2023",
        1,
        date(2023, 10, 16),
        "52/NQ-HĐND",
        COUNCIL,
        HD_COUNCIL,
        "Giao bổ sung kế hoạch vốn ngân sách trung ương năm 2023",
        "Vốn bổ sung sau ngày 30/9 được giải ngân đến hết ngày 31/12/2024.",
        PlanVersion.Purpose.ADJUSTMENT,
    ),
    Decision(
        "Y2024", 0, date(2023, 12, 8), "61/NQ-HĐND", COUNCIL, HD_COUNCIL, "Kế hoạch đầu tư công năm 2024 được giao"
    ),
    Decision(
        "MT21",
        2,
        date(2024, 7, 12),
        "24/NQ-HĐND",
        COUNCIL,
        HD_COUNCIL,
        "Điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2021-2025 (lần 2)",
        "Trên cơ sở ước tính số thu ngân sách, giảm nguồn thu tiền sử dụng đất do thị trường bất động sản trầm lắng; "
        "ưu tiên dự án hoàn thành, chuyển tiếp, đối ứng ODA; giãn, hoãn dự án khởi công mới chưa đủ điều kiện.",
        PlanVersion.Purpose.ADJUSTMENT,
    ),
    Decision(
        "Y2024",
        1,
        date(2024, 7, 12),
        "25/NQ-HĐND",
        COUNCIL,
        HD_COUNCIL,
        "Điều chỉnh kế hoạch đầu tư công năm 2024",
        "Cắt giảm vốn thu tiền sử dụng đất theo ước thu; không thấp hơn số đã giải ngân đến 30/6/2024.",
        PlanVersion.Purpose.ADJUSTMENT,
    ),
    Decision(
        "Y2025", 0, date(2024, 12, 10), "47/NQ-HĐND", COUNCIL, HD_COUNCIL, "Kế hoạch đầu tư công năm 2025 được giao"
    ),
    Decision(
        "Y2025",
        1,
        date(2025, 10, 20),
        "3412/QĐ-UBND",
        COMMITTEE,
        HP_COMMITTEE,
        "Điều chuyển kế hoạch vốn năm 2025 giữa các dự án",
        "Điều chuyển vốn của các dự án không có khả năng giải ngân sang các dự án có khối lượng hoàn thành, cần bổ "
        "sung vốn (địa bàn tỉnh Hải Dương cũ).",
        PlanVersion.Purpose.TRANSFER,
    ),
    Decision(
        "MT26",
        0,
        date(2025, 12, 10),
        "98/NQ-HĐND",
        COUNCIL,
        HP_COUNCIL,
        "Kế hoạch đầu tư công trung hạn giai đoạn 2026-2030 được giao",
        "Dữ liệu mẫu: gồm các dự án trên địa bàn tỉnh Hải Dương cũ.",
    ),
    Decision(
        "Y2026", 0, date(2025, 12, 10), "99/NQ-HĐND", COUNCIL, HP_COUNCIL, "Kế hoạch đầu tư công năm 2026 được giao"
    ),
]
PLAN_TITLES = {  # medium-term plans first: the annual plans point to them
    "MT21": ("medium_term", 2021, 2025, "Kế hoạch đầu tư công trung hạn giai đoạn 2021-2025 tỉnh Hải Dương"),
    "MT26": ("medium_term", 2026, 2030, "Kế hoạch đầu tư công trung hạn giai đoạn 2026-2030 thành phố Hải Phòng"),
    **{
        f"Y{year}": ("annual", year, year, f"Kế hoạch đầu tư công năm {year} tỉnh Hải Dương")
        for year in range(2021, 2026)
    },
    "Y2026": ("annual", 2026, 2026, "Kế hoạch đầu tư công năm 2026 thành phố Hải Phòng"),
}
# The share of the candidates' needs each version has, per source (the rest of the need is the shortage).
MT_COVER = {
    "MT21": {"NSTW_TN": 0.85, "NSTW_ODA": 0.95, "NSTW_MTQG": 0.95, "NSDP_CD": 0.8, "NSDP_TSDD": 0.8, "NSDP_XS": 0.9},
    "MT21-1": {"NSTW_TN": 0.88, "NSTW_ODA": 0.95, "NSTW_MTQG": 0.95, "NSDP_CD": 0.85, "NSDP_TSDD": 0.88},
    "MT26": {"NSTW_TN": 0.7, "NSTW_ODA": 0.9, "NSTW_MTQG": 0.9, "NSDP_CD": 0.7, "NSDP_TSDD": 0.65, "NSDP_XS": 0.9},
}
MT_RESERVE = {0: 0.08, 1: 0.03, 2: 0.0}  # kept unallocated by each version of 2021-2025
MT21_CHANGE = {
    1: {"NSTW_TN": 1.14, "NSTW_ODA": 1.0, "NSTW_MTQG": 1.05, "NSDP_CD": 1.04, "NSDP_TSDD": 1.06, "NSDP_XS": 1.02},
    2: {"NSTW_TN": 1.0, "NSTW_ODA": 0.97, "NSTW_MTQG": 1.0, "NSDP_CD": 1.03, "NSDP_TSDD": 0.84, "NSDP_XS": 1.0},
}
ANNUAL_COVER = {2021: 0.93, 2022: 0.92, 2023: 0.9, 2024: 0.9, 2025: 0.95, 2026: 0.8}
LAND_CUT_2024 = 0.7  # the 2024 land-use revenue estimate in July, against the plan of December 2023


# -----------------------------------------------------------------------------------------------------------------
# The public projects as the registry states them
# -----------------------------------------------------------------------------------------------------------------
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
        programme = local_owner and central > 0 and total <= 30 * TY and rng.random() < 0.45
        shares: dict[str, float] = {}
        if central:
            shares["NSTW_MTQG" if programme else "NSTW_TN"] = central
        if oda:
            shares["NSTW_ODA"] = oda * 0.85
            shares["NSDP_VAY"] = oda * 0.15
        if local:
            lottery = local * rng.uniform(0.2, 0.5) if sector in ("GD", "YT") and rng.random() < 0.4 else 0.0
            land = (local - lottery) * (rng.uniform(0.6, 0.95) if local_owner else rng.uniform(0.4, 0.8))
            for source, share in (("NSDP_XS", lottery), ("NSDP_TSDD", land), ("NSDP_CD", local - lottery - land)):
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


# -----------------------------------------------------------------------------------------------------------------
# Allocation by the order of priority (figures for the demo; the real allocator is tiendo/domain/allocation/)
# -----------------------------------------------------------------------------------------------------------------
@dataclass
class Want:
    """A project in a version being made: its tier, need and floor per source, and what it got."""

    project: Public
    tier: str
    need: dict[str, int]  # source -> the most this version may give
    floor: dict[str, int] = field(default_factory=dict)  # source -> already committed
    whole: bool = False  # a new project: all of its need or nothing beyond its floor (Art. 54(5))
    got: dict[str, int] = field(default_factory=dict)
    note: str = ""
    added_on: date | None = None
    manual: bool = False

    def copy(self) -> Want:
        return Want(self.project, self.tier, dict(self.need), dict(self.floor), self.whole, dict(self.got))


def allocate(wants: list[Want], available: dict[str, int]) -> None:
    """Floors first, then tier by tier: within a tier a shortage of a source is shared in proportion to need, and a
    new project gets all of its need or nothing more."""
    left = dict(available)
    for want in wants:
        for source, need in want.need.items():
            want.got[source] = floor = min(want.floor.get(source, 0), need)
            left[source] = left.get(source, 0) - floor
    by_tier: dict[str, list[Want]] = defaultdict(list)
    for want in wants:
        by_tier[want.tier].append(want)
    for tier in TIER_LABELS:
        members = by_tier.get(tier, [])
        demand: dict[str, int] = defaultdict(int)
        for want in members:
            if not want.whole:
                for source, need in want.need.items():
                    demand[source] += need - want.got[source]
        ratio = {s: min(1.0, max(0, left.get(s, 0)) / d) if d > 0 else 0.0 for s, d in demand.items()}
        for want in members:
            if not want.whole:
                for source, need in want.need.items():
                    extra = _mil((need - want.got[source]) * ratio[source])
                    want.got[source] += extra
                    left[source] -= extra
        for want in members:
            if want.whole:
                gap = {s: need - want.got[s] for s, need in want.need.items()}
                if all(gap[s] <= left.get(s, 0) for s in gap):
                    for source, amount in gap.items():
                        want.got[source] += amount
                        left[source] -= amount


def needs_by_source(wants: list[Want], floors: bool = False) -> dict[str, int]:
    total: dict[str, int] = defaultdict(int)
    for want in wants:
        for source, amount in (want.floor if floors else want.need).items():
            total[source] += amount
    return total


def budget_for(wants: list[Want], cover: dict[str, float] | float, reserve: float = 0.0) -> dict[str, int]:
    """Capital per source: a share of the candidates' needs (plus a reserve), in whole billions, never below what
    is already committed."""
    need, floor = needs_by_source(wants), needs_by_source(wants, floors=True)
    budget = {}
    for source in LEAVES:
        if need.get(source):
            share = cover if isinstance(cover, float) else cover.get(source, 0.9)
            budget[source] = _billions_up(max(need[source] * share / (1 - reserve), floor.get(source, 0)))
    return budget


def _split(amount: int, shares: dict[str, float]) -> dict[str, int]:
    parts = {s: _mil(amount * share) for s, share in shares.items()}
    if parts:
        biggest = max(parts, key=parts.__getitem__)
        parts[biggest] += _mil(amount) - sum(parts.values())
    return {s: v for s, v in parts.items() if v > 0}


# -----------------------------------------------------------------------------------------------------------------
# The versions, in the order they were decided
# -----------------------------------------------------------------------------------------------------------------
@dataclass
class Made:
    """A version as generated, before it is written."""

    decision: Decision
    wants: list[Want]
    budget: dict[str, int]
    budget_notes: dict[str, str] = field(default_factory=dict)
    _amounts: dict[int, dict[str, int]] | None = None

    def amounts(self) -> dict[int, dict[str, int]]:
        """Project -> source -> amount (computed once: a version is not changed after it is made)."""
        if self._amounts is None:
            self._amounts = {
                w.project.pk: {s: a for s, a in w.got.items() if a > 0} for w in self.wants if any(w.got.values())
            }
        return self._amounts

    def unallocated(self) -> dict[str, int]:
        given = needs_by_source([Want(w.project, w.tier, w.got) for w in self.wants])
        return {s: amount - given.get(s, 0) for s, amount in self.budget.items()}


# monthly weights: January .. December of the plan year, January after; then February .. December after
NORMAL = (1, 2, 4, 5, 6, 9, 6, 7, 9, 9, 11, 21, 10)
SLOW = (0.2, 1, 1, 2, 3, 5, 4, 5, 8, 9, 13, 30, 19)
SETTLEMENT = (5, 10, 20, 20, 15, 10, 6, 5, 3, 2, 2, 1, 1)
TAIL = (6, 5, 5, 5, 5, 5, 5, 5, 6, 6, 8)


@dataclass
class Fate:
    """How a project disburses its capital of one year: the share it pays by the deadline and when."""

    rate: float
    weights: list[float]
    extended: bool = False  # extended until 31/12 of the next year (PI-12)
    cumulative: list[float] = field(default_factory=list)  # running total of the weights, 25 values


class Story:
    """The plans of the demo province, made version by version in the order they were decided."""

    def __init__(self, projects: list[Public], rng: random.Random, today: date):
        self.projects = projects
        self.by_pk = {p.pk: p for p in projects}
        self.rng = rng
        self.today = today
        self.made: dict[str, list[Made]] = defaultdict(list)
        self.lines: dict[tuple[int, int, str], list[tuple[int, int]]] = {}  # (year, pk, source) -> [(month, amount)]
        self.fates: dict[tuple[int, int], Fate] = {}
        self.verdicts: dict[tuple[int, str], bool] = {}  # (project, medium-term plan) -> funded past its period

    def run(self) -> Story:
        for decision in DECISIONS:
            if decision.day > self.today:
                continue
            if decision.plan.startswith("MT"):
                made = self.medium_term(decision)
            else:
                made = self.annual(decision, int(decision.plan[1:]))
                self.record(int(decision.plan[1:]), made)
            self.made[decision.plan].append(made)
        return self

    def record(self, year: int, made: Made) -> None:
        for p in self.projects:
            p.annual.pop(year, None)
        for pk, by_source in made.amounts().items():
            self.by_pk[pk].annual[year] = by_source

    # -- tiers --------------------------------------------------------------------------------------------------
    def medium_tier(self, p: Public, first: int, last: int) -> str:
        if p.handed and p.handed.year < first:
            return "completed_unfunded"
        if p.programme:
            return "national_programme"
        if "NSTW_ODA" in p.shares:
            return "oda"
        if p.funded_before(first) > 0:  # funded by the previous period's plans
            return "transitional_finishing" if p.finish.year <= last else "transitional_on_schedule"
        return "new"

    def annual_tier(self, p: Public, year: int, day: date) -> str:
        if p.handed and p.handed.year < year:
            return "completed_unfunded"
        if p.approved is None or p.approved > day:
            return "preparation"
        if p.programme:
            return "national_programme"
        if "NSTW_ODA" in p.shares:
            return "oda"
        if p.first_year is None and year < p.works_from:
            return "preparation"
        if p.first_year is not None and p.first_year < year:
            return "transitional_finishing" if p.finish.year <= year else "transitional_on_schedule"
        return "new"

    # -- medium-term --------------------------------------------------------------------------------------------
    def medium_term(self, decision: Decision) -> Made:
        first = 2021 if decision.plan == "MT21" else 2026
        last = first + 4
        previous = self.made[decision.plan][-1] if self.made[decision.plan] else None
        prior = previous.amounts() if previous and decision.number == 1 else {}
        wants = []
        for p in self.projects:
            if p.decided > decision.day:
                continue
            funded = p.funded_before(first)
            # what the annual plans of the period already gave is kept; an adjustment with a cut keeps what was paid
            committed = self.committed(p, first, decision.day, paid_only=decision.number == 2)
            done = (
                p.handed and p.handed.year < first and (first == 2021 and not p.debt_2021 or funded >= p.total * 0.97)
            )
            if done and not committed:
                continue
            if done:
                need = 0
            elif first == 2021 and p.debt_2021:
                need = p.debt_2021
            else:
                before = sum(v for y, v in p.profile.items() if y < first)
                within = sum(v for y, v in p.profile.items() if first <= y <= last)
                debt = max(0, before - funded) * (1.0 if first == 2021 else 0.6)
                need = int(min(p.total - funded, within + debt))
            if need < 100 * TRIEU and not committed:
                continue
            if not done and not committed and not self.may_continue(p, decision.plan, first):
                continue
            tier = self.medium_tier(p, first, last)
            want = Want(p, tier, _split(need, p.shares))
            keep = prior.get(p.pk, {})  # the first adjustment only adds
            for source in set(committed) | set(keep):
                want.floor[source] = max(committed.get(source, 0), keep.get(source, 0))
                want.need[source] = max(want.need.get(source, 0), want.floor[source])
            want.whole = tier == "new" and not any(want.floor.values())  # one already started is not new any more
            wants.append(want)
        reserve = MT_RESERVE.get(decision.number, 0.0) if first == 2021 else 0.03
        if previous is None:
            budget = budget_for(wants, MT_COVER[decision.plan], reserve)
        else:
            change = MT21_CHANGE[decision.number]
            floors = needs_by_source(wants, floors=True)
            grown = budget_for(wants, MT_COVER["MT21-1"], reserve) if decision.number == 1 else {}
            budget = {}
            for source in LEAVES:
                amount = max(previous.budget.get(source, 0) * change.get(source, 1.0), grown.get(source, 0))
                if source == "NSDP_TSDD" and decision.number == 2:
                    amount = max(amount, floors.get(source, 0) * 1.02)
                if amount or floors.get(source):
                    budget[source] = _billions_up(max(amount, floors.get(source, 0)))
        allocate(wants, {s: _mil(a * (1 - reserve)) for s, a in budget.items()})
        made = Made(decision, wants, budget)
        if decision.plan == "MT21" and decision.number == 2:
            made.budget_notes["NSDP_TSDD"] = "Ước thu tiền sử dụng đất giảm so với kế hoạch đã giao."
        if decision.plan == "MT21" and decision.number == 1:
            made.budget_notes["NSTW_TN"] = "Gồm vốn Chương trình phục hồi và phát triển kinh tế - xã hội."
        if reserve:
            for source in budget:
                made.budget_notes.setdefault(source, f"Gồm dự phòng {reserve:.0%} chưa phân bổ.")
        return made

    def may_continue(self, p: Public, plan: str, first: int) -> bool:
        """A project past its allocation period before the plan's first year (PI-06) goes on only if its period is
        extended (most of them, up to two years), or for a few that break the rule; decided once per plan."""
        ends = p.period_ends()
        if ends is None or ends >= first or p.handed:
            return True
        if (p.pk, plan) not in self.verdicts:
            if first - ends <= 2 and self.rng.random() < 0.7:
                p.extension += first - ends
                self.verdicts[(p.pk, plan)] = True
            else:
                self.verdicts[(p.pk, plan)] = self.rng.random() < 0.1
        return self.verdicts[(p.pk, plan)]

    def committed(self, p: Public, first: int, day: date, paid_only: bool = False) -> dict[str, int]:
        """What the annual plans of the period gave the project up to the year of `day` (of that year only what was
        paid when `paid_only`: the annual plan is cut the same day)."""
        total: dict[str, int] = defaultdict(int)
        for year, by_source in p.annual.items():
            if first <= year < day.year or (year == day.year and not paid_only):
                for source, amount in by_source.items():
                    total[source] += amount
        if paid_only and first <= day.year and day.year in p.annual:
            for source in p.annual[day.year]:
                total[source] += self.paid(day.year, p.pk, source, day.month - 1)
        return dict(total)

    def medium_in_force(self, year: int, day: date) -> Made | None:
        versions = [m for m in self.made["MT21" if year <= 2025 else "MT26"] if m.decision.day <= day]
        return versions[-1] if versions else None

    def remainder(self, p: Public, year: int, medium: Made) -> dict[str, int]:
        """What the medium-term plan has left for the project from `year` on, per source."""
        amount = dict(medium.amounts().get(p.pk, {}))
        first = 2021 if year <= 2025 else 2026
        for y, by_source in p.annual.items():
            if first <= y < year:
                for source, value in by_source.items():
                    if source in amount:
                        amount[source] -= value
        return {s: v for s, v in amount.items() if v > 0}

    # -- annual -------------------------------------------------------------------------------------------------
    def annual(self, decision: Decision, year: int) -> Made:
        if decision.number == 0:
            made = self.annual_plan(decision, year)
            self.settle(year, made)
            self.first_funding(year, made)
            return made
        if decision.purpose == PlanVersion.Purpose.TRANSFER:
            made = self.transfer(decision, year)
        elif decision.plan == "Y2023":
            made = self.add_central(decision, year)
        else:
            made = self.annual_plan(decision, year, cut=True)
        self.replan(year, made, decision.day.month - 1)
        return made

    def annual_plan(self, decision: Decision, year: int, cut: bool = False) -> Made:
        rng = self.rng
        medium = self.medium_in_force(year, decision.day)
        in_medium = medium.amounts() if medium else {}
        last = 2025 if year <= 2025 else 2030
        wants = []
        kept_past = 0
        for p in self.projects:
            if p.decided > decision.day:
                continue
            tier = self.annual_tier(p, year, decision.day)
            if medium is None:  # the first year of the period, before its medium-term plan (PI-03)
                if p.handed and p.handed.year < year - 1:
                    continue
                cost = p.debt_2021 if p.debt_2021 else p.profile.get(year, 0)
                rest = _split(min(cost, p.total - p.funded_before(year)), p.shares)
                share = 1.0
            else:
                if p.pk not in in_medium:
                    continue
                rest = self.remainder(p, year, medium)
                planned = sum(p.profile.get(y, 0) for y in range(year, last + 1))
                if tier == "completed_unfunded":  # the debt of a finished project, paid off over two years or so
                    share = 1.0 if sum(rest.values()) <= 20 * TY or year == last else rng.uniform(0.4, 0.7)
                elif not planned or p.finish.year <= year:
                    share = 1.0
                elif year == last:  # the last year of the period: what the medium-term plan has left, nearly all
                    share = rng.uniform(0.85, 1.0)
                else:
                    share = min(1.0, p.profile.get(year, 0) / planned * rng.uniform(1.0, 1.25))
            if tier == "preparation":
                cost = _mil(p.total * rng.uniform(0.01, 0.03))
                local = {s: v for s, v in rest.items() if s in ("NSDP_CD", "NSDP_TSDD")} or rest
                need = _split(min(cost, sum(local.values())), {s: v / sum(local.values()) for s, v in local.items()})
            else:
                need = {s: _mil(v * share) for s, v in rest.items()}
                if medium is not None and rng.random() < 0.012:  # a few ask above the medium-term remainder
                    need = {s: _mil(v * 1.2) + 2 * TY for s, v in need.items()}
            need = {s: v for s, v in need.items() if v > 0}
            if sum(need.values()) < 50 * TRIEU:
                continue
            ends = p.period_ends()
            past = tier not in ("preparation", "completed_unfunded") and ends is not None and year > ends
            if past:  # past the allocation period (PI-06): left out, but for a few
                if kept_past >= 3 or rng.random() > 0.1:
                    continue
                kept_past += 1
            wants.append(Want(p, tier, need, whole=tier == "new"))
        if not cut:
            budget = budget_for(wants, ANNUAL_COVER[year])
            allocate(wants, budget)
            return Made(decision, wants, budget)
        # the mid-year adjustment: less land-use revenue; no line below what the Treasury has paid
        made0 = self.made[decision.plan][-1]
        month = decision.day.month - 1
        listed = {w.project.pk for w in wants}
        for want in wants:
            for source in set(want.need) | set(made0.amounts().get(want.project.pk, {})):
                want.floor[source] = self.paid(year, want.project.pk, source, month)
                want.need[source] = max(want.need.get(source, 0), want.floor[source])
        for pk, by_source in made0.amounts().items():
            if pk not in listed:
                paid = {s: self.paid(year, pk, s, month) for s in by_source}
                if any(paid.values()):
                    p = self.by_pk[pk]
                    wants.append(Want(p, self.annual_tier(p, year, decision.day), dict(paid), dict(paid)))
        for want in wants:
            want.whole = want.whole and not any(want.floor.values())
        floors = needs_by_source(wants, floors=True)
        wanted = budget_for(wants, ANNUAL_COVER[year])
        budget = dict(made0.budget)
        budget["NSDP_TSDD"] = _billions_up(budget.get("NSDP_TSDD", 0) * LAND_CUT_2024)
        for source in set(budget) | set(floors):
            amount = min(budget.get(source, 0), wanted.get(source, 0))
            budget[source] = max(amount, _billions_up(floors.get(source, 0)))
        allocate(wants, budget)
        made = Made(decision, wants, budget)
        made.budget_notes["NSDP_TSDD"] = f"Giảm theo ước thu tiền sử dụng đất năm {year}."
        for want in wants:
            before = made0.amounts().get(want.project.pk, {})
            if any(want.got.get(s, 0) > before.get(s, 0) for s in want.got):
                want.added_on = decision.day
        return made

    def first_funding(self, year: int, made: Made) -> None:
        """The first annual plan that funds implementation starts the allocation period (PI-06)."""
        for want in made.wants:
            p = want.project
            implementing = want.tier not in ("preparation", "completed_unfunded")
            if p.first_year is None and implementing and any(want.got.values()):
                p.first_year = year
                _maybe_extend(p, self.rng)

    def add_central(self, decision: Decision, year: int) -> Made:
        """Central capital added to projects that disburse well (after 30/09: disbursable a year longer, PI-11)."""
        made0 = self.made[decision.plan][-1]
        medium = self.medium_in_force(year, decision.day)
        wants = [w.copy() for w in made0.wants]
        added = 0
        for want in wants:
            amount = want.got.get("NSTW_TN", 0)
            if not amount or medium is None or self.fates[(year, want.project.pk)].rate < 0.9:
                continue
            if self.rng.random() > 0.25:
                continue
            room = self.remainder(want.project, year, medium).get("NSTW_TN", 0) - amount
            extra = _mil(min(room, amount * self.rng.uniform(0.15, 0.4)))
            if extra >= TY:
                want.need["NSTW_TN"] = want.got["NSTW_TN"] = amount + extra
                want.added_on = decision.day
                added += extra
        budget = dict(made0.budget)
        budget["NSTW_TN"] = budget.get("NSTW_TN", 0) + _billions_up(added)
        note = "Bổ sung vốn ngân sách trung ương theo quyết định của Thủ tướng Chính phủ."
        return Made(decision, wants, budget, {"NSTW_TN": note})

    def transfer(self, decision: Decision, year: int) -> Made:
        """Capital moved from projects that cannot disburse to projects of the same owner that can absorb it: each
        owner's capital per source stays the same, so the People's Committee may decide it (Art. 71(8)(b))."""
        made0 = self.made[decision.plan][-1]
        medium = self.medium_in_force(year, decision.day)
        month = decision.day.month - 1
        wants = [w.copy() for w in made0.wants]
        spare: dict[tuple[int | None, str], list[tuple[Want, int]]] = defaultdict(list)  # what donors can give
        room: dict[tuple[int | None, str], list[tuple[Want, int]]] = defaultdict(list)  # what receivers can take
        for want in wants:
            p, rate = want.project, self.fates[(year, want.project.pk)].rate
            rest = self.remainder(p, year, medium) if medium and rate >= 0.93 else {}
            for source, amount in want.got.items():
                if rate < 0.6:
                    keep = max(self.paid(year, p.pk, source, month), _mil(amount * rate))
                    if amount - keep >= 100 * TRIEU:
                        spare[(p.agency, source)].append((want, amount - keep))
                elif rest:
                    extra = _mil(min(rest.get(source, 0) - amount, amount * 0.5))
                    if extra >= TY // 2:
                        room[(p.agency, source)].append((want, extra))
        for key, givers in spare.items():
            takers = room.get(key, [])
            self.rng.shuffle(takers)
            moved = min(sum(a for _w, a in givers), sum(a for _w, a in takers))
            source = key[1]
            for members, sign in ((givers, -1), (takers, 1)):
                left = moved
                for want, amount in members:
                    step = min(amount, left)
                    if step <= 0:
                        break
                    left -= step
                    want.got[source] += sign * step
                    want.need[source] = max(want.need[source], want.got[source])
                    want.manual = True
                    if sign < 0:
                        want.floor[source] = self.paid(year, want.project.pk, source, month)
                        want.note = f"Điều chuyển giảm: không có khả năng giải ngân hết kế hoạch vốn năm {year}."
                    else:
                        want.added_on = decision.day
                        want.note = "Điều chuyển tăng: dự án có khối lượng hoàn thành, cần bổ sung vốn."
        return Made(decision, wants, dict(made0.budget))

    # -- disbursement -------------------------------------------------------------------------------------------
    def settle(self, year: int, made: Made) -> None:
        """How each project of a new annual plan disburses: its rate, the shape of its curve, an extension."""
        rng = self.rng
        for want in made.wants:
            p = want.project
            draw = rng.random()
            zero = 0.3 if p.stuck else 0.02
            slow = 0.3 if p.late else 0.06
            if want.tier == "completed_unfunded":
                fate = Fate(rng.uniform(0.95, 1.0), list(SETTLEMENT))
            elif draw < zero:
                fate = Fate(0.0, list(NORMAL))
            elif draw < zero + slow:
                fate = Fate(rng.uniform(0.3, 0.75), list(SLOW), year <= 2025 and rng.random() < 0.3)
            else:
                fate = Fate(rng.uniform(0.9, 1.0), list(NORMAL))
            fate.weights = [w * rng.uniform(0.6, 1.4) for w in fate.weights] + list(TAIL)
            self.fates[(year, p.pk)] = fate
            for source, amount in want.got.items():
                if amount:
                    self.lines[(year, p.pk, source)] = [(0, amount)]

    def replan(self, year: int, made: Made, month: int) -> None:
        """From `month` on, each line of the plan disburses towards its new amount."""
        listed = set()
        for want in made.wants:
            key = (year, want.project.pk)
            if key not in self.fates:
                self.fates[key] = Fate(self.rng.uniform(0.85, 1.0), list(NORMAL) + list(TAIL))
            for source, amount in want.got.items():
                listed.add((want.project.pk, source))
                changes = self.lines.setdefault((year, want.project.pk, source), [])
                if (changes[-1][1] if changes else 0) != amount:
                    changes.append((month, amount))
        for (y, pk, source), changes in self.lines.items():
            if y == year and (pk, source) not in listed and changes[-1][1]:
                changes.append((month, 0))

    def cumulative(self, year: int, pk: int, source: str) -> list[float]:
        """Disbursed to the end of each month: 0 = January of the plan year .. 23 = December of the next."""
        fate = self.fates[(year, pk)]
        if not fate.cumulative:
            fate.cumulative = [0.0]
            for w in fate.weights:
                fate.cumulative.append(fate.cumulative[-1] + w)
        weights = fate.cumulative
        changes = self.lines[(year, pk, source)]
        values: list[float] = []
        done = target = 0.0
        since, until, amount = 0, 23 if fate.extended else 12, 0
        index = 0
        for month in range(24):
            while index < len(changes) and changes[index][0] == month:
                new = changes[index][1]
                done = values[-1] if values else 0.0
                target = min(max(done, fate.rate * new), max(done, new))
                if month >= 9 and new > amount:  # added after 30/09: until 31/12 of the next year
                    until = 23
                since, amount = month, new
                index += 1
            if month > until:
                values.append(values[-1])
                continue
            span = weights[until + 1] - weights[since]
            values.append(done + (target - done) * ((weights[month + 1] - weights[since]) / span if span else 1.0))
        return values

    def paid(self, year: int, pk: int, source: str, month: int) -> int:
        """Disbursed from January of the plan year to the end of the month before `month` (0 = January)."""
        if month <= 0 or (year, pk, source) not in self.lines:
            return 0
        return _mil(self.cumulative(year, pk, source)[min(month, 24) - 1])

    def extension(self, year: int) -> tuple[date, str] | None:
        """The decision extending a year's capital until 31/12 of the next year, made in January (PI-12)."""
        day = date(year + 1, 1, 12 + year % 7)
        if year > 2025 or day > self.today:
            return None
        if year < 2024:  # Law 39/2019: the provincial People's Council extended local capital
            return date(year + 1, 12, 31), f"Nghị quyết {3 + year % 5:02d}/NQ-HĐND ngày {day:%d/%m/%Y} của {HD_COUNCIL}"
        committee = HD_COMMITTEE if year < 2025 else HP_COMMITTEE
        number = f"{95 + year % 40}/QĐ-UBND"
        return date(year + 1, 12, 31), f"Quyết định {number} ngày {day:%d/%m/%Y} của Chủ tịch {committee}"


# -----------------------------------------------------------------------------------------------------------------
# Writing
# -----------------------------------------------------------------------------------------------------------------
TIER_VI = {
    "special_or_emergency": "dự án đặc biệt, dự án khẩn cấp",
    "national_programme": "chương trình mục tiêu quốc gia",
    "advance_repayment": "hoàn trả vốn ứng trước",
    "completed_unfunded": "dự án đã hoàn thành, bàn giao đưa vào sử dụng nhưng chưa bố trí đủ vốn",
    "oda": "dự án sử dụng vốn ODA, vay ưu đãi và vốn đối ứng",
    "ppp_state": "vốn nhà nước tham gia dự án PPP",
    "transitional_finishing": "dự án chuyển tiếp hoàn thành trong kỳ",
    "transitional_on_schedule": "dự án chuyển tiếp thực hiện theo tiến độ",
    "preparation": "nhiệm vụ quy hoạch, chuẩn bị đầu tư",
    "debt_before_2015": "nợ đọng xây dựng cơ bản phát sinh trước ngày 01/01/2015",
    "other_support": "cấp bù lãi suất, vốn điều lệ, hỗ trợ khác",
    "policy_bank": "ủy thác qua Ngân hàng Chính sách xã hội",
    "new": "dự án khởi công mới",
}


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=VN_TZ)


def explain(want: Want, day: date) -> str:
    """Why the project got what it got, in a sentence a People's Council member reads."""
    need, got, floor = sum(want.need.values()), sum(want.got.values()), sum(want.floor.values())
    law = "Luật Đầu tư công 2019" if day < date(2025, 1, 1) else "Luật Đầu tư công 2024"
    text = f"Thứ tự ưu tiên ({TIER_LETTER[want.tier]}): {TIER_VI[want.tier]}. Nhu cầu {format_vnd(need)}, bố trí "
    text += f"{format_vnd(got)}"
    if got >= need:
        text += ": đủ nhu cầu."
    elif want.whole and got <= floor:
        text += f": dự án khởi công mới chỉ được bố trí khi đủ vốn hoàn thành theo tiến độ ({law}), nguồn không còn đủ."
    else:
        short = [s for s, n in want.need.items() if want.got.get(s, 0) < n]
        text += (
            f": thiếu {format_vnd(need - got)} do nguồn {', '.join(short)} không đủ cho các dự án cùng thứ tự ưu tiên."
        )
    if floor:
        text += f" Giữ {format_vnd(floor)} đã giao hoặc đã giải ngân."
    return text


def create_sources(clerk: User | None) -> dict[str, Source]:
    """The capital-source tree, parents first (kept if it is already there)."""
    found = {s.code: s for s in Source.objects.all()}
    for with_parent in (False, True):
        rows = [
            Source(
                code=code,
                name=vi,
                name_en=en,
                name_zh=zh,
                parent=found.get(parent) if parent else None,
                level=level,
                foreign=foreign,
                order=order,
            )
            for code, parent, level, foreign, order, vi, en, zh in SOURCES
            if code not in found and bool(parent) == with_parent
        ]
        for row in rows:
            row._history_date = _at(date(2020, 11, 2))
        bulk_create_with_history(rows, Source, default_user=clerk)
        found = {s.code: s for s in Source.objects.all()}
    return found


def insert(
    model, columns: tuple[str, ...], rows: list[tuple], user_id: int | None, stamps: dict, group: str | None = None
) -> None:
    """INSERT rows (values in `columns` order) with executemany, then copy them into their "created" history rows
    with INSERT ... SELECT, one group of rows at a time: `stamps` maps each value of the `group` column to its
    history date (group None: one date for all). The ORM's per-object work would cost more than the database's own
    (as in projects/workbook.py)."""
    if not rows:
        return
    ops, quote = connection.ops, connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in columns]
    at = columns.index(group) if group else None
    groups: dict = defaultdict(list)
    for row in rows:
        groups[row[at] if at is not None else None].append(row)
    for index, f in enumerate(fields):
        if isinstance(f, JSONField):
            convert = partial(f.get_db_prep_save, connection=connection)
        elif isinstance(f, DateField) and not isinstance(f, DateTimeField):
            convert = ops.adapt_datefield_value
        else:
            continue
        for key, members in groups.items():
            groups[key] = [(*row[:index], convert(row[index]), *row[index + 1 :]) for row in members]
    table, history = quote(model._meta.db_table), quote(model.history.model._meta.db_table)
    names = ", ".join(quote(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"
    copy = (
        f"INSERT INTO {history} (id, {names}, history_date, history_type, history_user_id) "
        f"SELECT id, {names}, %s, '+', %s FROM {table} WHERE id > %s"
    )
    with connection.cursor() as cursor:
        for key in sorted(groups, key=lambda k: (k is None, k)):
            members = groups[key]
            cursor.execute(f"SELECT MAX(id) FROM {table}")
            before = cursor.fetchone()[0] or 0
            for start in range(0, len(members), BATCH):
                cursor.executemany(sql, members[start : start + BATCH])
            cursor.execute(copy, [ops.adapt_datetimefield_value(stamps[key]), user_id, before])


def write(story: Story, sources: dict[str, Source], clerk: User | None) -> dict[str, int]:
    """Plans and versions through the ORM (a handful, each with its history as it happened); budgets, items, lines
    and disbursement in bulk."""
    clerk_id = clerk.pk if clerk else None
    source_pk = {code: s.pk for code, s in sources.items()}
    plans: dict[str, Plan] = {}
    for key, (kind, first, last, title) in PLAN_TITLES.items():
        versions = story.made.get(key)
        if not versions:
            continue
        medium = None if kind == "medium_term" else plans.get("MT21" if first <= 2025 else "MT26")
        plan = Plan(
            kind=kind,
            first_year=first,
            last_year=last,
            title=title,
            medium_term=medium,
            target_path=TARGET_PATH if kind == "annual" else [],
        )
        plan._history_date = _at(versions[0].decision.day - timedelta(days=30))
        plan._history_user = clerk
        plan.save()
        plans[key] = plan
    budgets: list[tuple] = []
    items: list[tuple] = []
    wanted: list[Want] = []
    stamps: dict[int, datetime] = {}  # version pk -> when it was approved
    made_versions = []
    for key, plan in plans.items():
        previous = None
        versions = story.made[key]
        for index, made in enumerate(versions):
            d = made.decision
            decided = _at(d.day, 16)
            version = PlanVersion(
                plan=plan,
                number=d.number,
                purpose=d.purpose,
                state=PlanVersion.State.APPROVED,
                based_on=previous,
                title=d.title,
                decision_number=d.document,
                decision_date=d.day,
                decision_body=d.body,
                note=f"{d.issuer}. {d.note}".strip(),
                allocation={"generated_by": "demo", "unallocated": made.unallocated()},
                created_by=clerk,
                approved_by=clerk,
                approved_at=decided,
            )
            version._history_date = decided
            version._history_user = clerk
            version.save()
            if previous is not None:
                previous.state = PlanVersion.State.SUPERSEDED
                previous._history_date = decided
                previous._history_user = clerk
                previous._change_reason = f"Thay thế bởi {d.document} ngày {d.day:%d/%m/%Y} của {d.issuer}"
                previous.save(update_fields=["state"])
            made_versions.append((version, made))
            stamps[version.pk] = decided
            previous = version
            for source, amount in made.budget.items():
                budgets.append((version.pk, source_pk[source], amount, made.budget_notes.get(source, "")))
            last_version = index == len(versions) - 1
            extension = story.extension(plan.first_year) if plan.kind == "annual" and last_version else None
            first = 2021 if plan.first_year <= 2025 else 2026
            for want in made.wants:
                if not any(want.got.values()) and not any(want.floor.values()):
                    continue
                p = want.project
                fate = story.fates.get((plan.first_year, p.pk))
                extended = extension if extension and fate and fate.extended and any(want.got.values()) else None
                items.append(
                    (
                        version.pk,
                        p.pk,
                        want.tier,
                        sum(want.need.values()),
                        sum(want.floor.values()),
                        p.eligible_sources(want.need),
                        p.funded_before(first if plan.kind == "medium_term" else plan.first_year),
                        p.finish.year > first + 4,
                        want.added_on,
                        extended[0] if extended else None,
                        extended[1] if extended else "",
                        explain(want, d.day),
                        want.note,
                    )
                )
                wanted.append(want)
    for version, made in made_versions:
        day = made.decision.day
        PlanVersion.objects.filter(pk=version.pk).update(created_at=_at(day - timedelta(days=20)))
        if made.decision.number == 0:
            Plan.objects.filter(pk=version.plan_id).update(created_at=_at(day - timedelta(days=30)))
    insert(SourceBudget, ("version_id", "source_id", "available", "note"), budgets, clerk_id, stamps, "version_id")
    columns = (
        "version_id",
        "project_id",
        "tier",
        "need",
        "floor",
        "eligible_sources",
        "capital_before",
        "transitional_into_next",
        "capital_added_on",
        "extended_until",
        "extension_decision",
        "explanation",
        "note",
    )
    insert(PlanItem, columns, items, clerk_id, stamps, "version_id")
    item_ids = {
        (version_id, project_id): pk
        for version_id, project_id, pk in PlanItem.objects.filter(version__in=list(stamps)).values_list(
            "version_id", "project_id", "pk"
        )
    }
    lines = []
    for item, want in zip(items, wanted, strict=True):
        item_id = item_ids[item[:2]]
        for source, amount in sorted(want.got.items(), key=lambda pair: ORDER[pair[0]]):
            if amount > 0:
                lines.append((item[0], item_id, source_pk[source], amount, want.manual))
    insert(PlanLine, ("version_id", "item_id", "source_id", "amount", "manual"), lines, clerk_id, stamps, "version_id")
    return {
        "plans": len(plans),
        "plan_versions": len(made_versions),
        "source_budgets": len(budgets),
        "plan_items": len(items),
        "plan_lines": len(lines),
        "disbursements": write_disbursements(story, plans, source_pk, clerk_id),
        "project_funding": write_funding(story, clerk_id),
    }


def write_disbursements(story: Story, plans: dict[str, Plan], source_pk: dict[str, int], clerk_id) -> int:
    """What the Treasury reported paid each month, per project and source; months after today are not known.

    A project is paid when it claims completed work, not every month: about every other month, always in December
    and January and when its capital runs out. The history date is the day the month's report was imported."""
    today = story.today
    rng = story.rng
    rows: list[tuple] = []
    months = [(y, m) for y in range(2021, today.year + 2) for m in range(1, 13)]
    first_days = {key: date(key[0], key[1], 1) for key in months}
    files = {key: f"KBNN_giai-ngan_{key[0]}-{key[1]:02d}.xlsx" for key in months}
    this_month = (today.year, today.month)
    so_far = today.day / monthrange(today.year, today.month)[1]
    for (year, pk, source), _changes in sorted(story.lines.items()):
        plan = plans.get(f"Y{year}")
        if plan is None:
            continue
        values = story.cumulative(year, pk, source)
        source_id = source_pk[source]
        before = 0
        for index, value in enumerate(values):
            key = (year + index // 12, index % 12 + 1)
            if key > this_month:
                break
            if key == this_month:  # the month so far
                previous = values[index - 1] if index else 0.0
                value = previous + (value - previous) * so_far
            stops = index == 23 or values[index + 1] - value < TRIEU
            if not (stops or index in (11, 12) or rng.random() < 0.5):
                continue
            total = int(value) // TRIEU * TRIEU
            if total > before:
                rows.append((plan.pk, pk, source_id, first_days[key], total - before, files[key]))
                before = total
    stamps = {}
    for key in {row[3] for row in rows}:
        reported = date(key.year + key.month // 12, key.month % 12 + 1, 12)
        stamps[key] = _at(min(reported, today), 8)
    columns = ("plan_id", "project_id", "source_id", "month", "amount", "imported_from")
    insert(Disbursement, columns, rows, clerk_id, stamps, "month")
    return len(rows)


def _first_year(p: Public) -> int | None:
    """A project handed over before any plan here funded its works was funded from its schedule's first year."""
    if p.handed and (p.first_year is None or p.first_year > p.handed.year):
        return min(p.works_from, p.handed.year)
    return p.first_year


def write_funding(story: Story, clerk_id) -> int:
    rows = [
        (
            p.pk,
            p.decision_number,
            p.approved,
            (p.approved or p.decided).year,
            p.finish_due.year,
            _first_year(p),
            p.handed.year if p.handed else None,
            p.extension,
        )
        for p in story.projects
    ]
    columns = (
        "project_id",
        "investment_decision_number",
        "investment_decision_date",
        "start_year",
        "finish_year",
        "first_allocation_year",
        "handed_over_year",
        "allocation_extension_years",
    )
    insert(ProjectFunding, columns, rows, clerk_id, {None: timezone.now()})
    return len(rows)


def load(seed: int, *, today: date | None = None, progress: Callable[[str], None] = print) -> dict[str, int]:
    """The capital sources, the demo province's plans with their versions, items and lines, the monthly
    disbursement, and the funding facts of its public projects."""
    today = today or timezone.localdate()
    clerk = User.objects.filter(username="chuyenvien").first()
    sources = create_sources(clerk)
    story = preview(seed, today)
    counts = write(story, sources, clerk)
    progress(
        f"Kế hoạch đầu tư công: {counts['plans']} kế hoạch, {counts['plan_versions']} phiên bản, "
        f"{_n(counts['plan_lines'])} dòng vốn; giải ngân: {_n(counts['disbursements'])} dòng"
    )
    return counts


def preview(seed: int, today: date | None = None) -> Story:
    """The plans `load` makes from the registry in the database, without writing anything (for the tests)."""
    today = today or timezone.localdate()
    rng = random.Random(f"{seed}-plans")
    return Story(read_projects(rng, today), rng, today).run()
