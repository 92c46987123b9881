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
  disbursing until 31/12 of the next year. A month is reported once its Treasury report is out (the 12th of the
  next month), so the demo holds no figure dated after its day.
- **Writing.** Through the plans services' bulk variants (`tiendo/plans/loading.py`): plans and versions are
  saved one by one with their history as it happened (approved, then superseded); budgets, items, lines,
  disbursement and funding facts go in with executemany, and their "created" history rows are copied by
  INSERT ... SELECT, dated on the deciding day or the Treasury report's day.
- **Scale.** Only the demo province: a plan has no province, so at national scale the other provinces' public
  projects get no plans.

Modules: `decisions` (what was decided when), `registry` (the public projects read from the database),
`allocation` (the short allocation by priority), `story` (the versions in date order) with `disbursement` (the
monthly S-curves), `writing` (through the plans services).
"""

from ..projects.vocabulary import TRIEU, TY
from .allocation import Made, Want
from .decisions import DECISIONS, INVESTMENT_DECISION, SOURCES, Decision
from .registry import Public, read_projects
from .story import Story
from .writing import load, preview, write

__all__ = [
    "DECISIONS",
    "INVESTMENT_DECISION",
    "SOURCES",
    "TRIEU",
    "TY",
    "Decision",
    "Made",
    "Public",
    "Story",
    "Want",
    "load",
    "preview",
    "read_projects",
    "write",
]
