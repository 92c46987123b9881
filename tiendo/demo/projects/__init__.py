"""Seeded investment projects for the demo: sectors, industrial zones, projects with their schedule and reports.

Everything is fictional except the places: the sectors, Hải Dương's industrial zones and clusters and the
communes are real names; projects, investors, figures, numbers of decisions and dates come from
`random.Random` seeded with the demo seed, one stream per province, so that the same seed gives the same data
(on the same day: statuses, lateness and reports depend on today, `timezone.localdate()`).

Decisions:
- **Location.** Every project points to a commune of today (valid from 01/07/2025), also projects that ended
  before 2025: the commune is where the project lies, which users search by; the district of the time is
  `commune.formed_from`. Names of projects decided before 01/07/2025 use the district of the time.
- **Agencies of their time.** A project is created with the agency that decided or registered it on its
  decision date (Sở Kế hoạch và Đầu tư before 01/03/2025, then Sở Tài chính; a district People's Committee
  before 01/07/2025), so the 2025 reorganisation in generate.py moves the running ones through the merge service.
  District committees end without a successor: `hand_over_district_projects` gives their running projects to
  the commune People's Committee of the project's commune, with a history row naming NQ 1669/NQ-UBTVQH15.
- **History.** Records are written through the projects services' bulk variants (`tiendo/projects/loading.py`)
  with one "created" history row each (the demo imports the registry as it stands today); each schedule
  adjustment is its own record carrying its decision and date.
- **Reports.** Quarterly reports cover the last quarters before today (the online reporting window), from
  the start of implementation to completion or termination, so a province holds about
  `reports_per_project` reports per project.
- **Scale.** Generated and inserted in chunks of CHUNK projects; nothing of a chunk is kept after it is written.
  The chunks are drawn in a forked worker (`demo.worker`) while the loading process writes the previous one, in
  the order one process would draw them; milestones and their kin and the reports go to the loaders as rows.

Modules: `vocabulary` and `templates` (the data), `measures` (dates, money, legal groupings), `context` (the
province read from the database; one project's plan), `generator` with its mixins `schedule` and `reports`,
`loading` (writing the records through `tiendo.projects.loading`).
"""

from .context import Context, MilestonePlan, Place, Plan, home_context, other_context
from .generator import Generator
from .loading import create_sectors_and_zones, generator_for, hand_over_district_projects, load, preview
from .measures import add_months, deposit_for, month_end, project_group, quarter_end, quarter_index
from .templates import FDI, PRIVATE, PUBLIC
from .vocabulary import DISTRICT_HANDOVER, SECTORS, TRIEU, TY, VN_TZ

__all__ = [
    "DISTRICT_HANDOVER",
    "FDI",
    "PRIVATE",
    "PUBLIC",
    "SECTORS",
    "TRIEU",
    "TY",
    "VN_TZ",
    "Context",
    "Generator",
    "MilestonePlan",
    "Place",
    "Plan",
    "add_months",
    "create_sectors_and_zones",
    "deposit_for",
    "generator_for",
    "hand_over_district_projects",
    "home_context",
    "load",
    "month_end",
    "other_context",
    "preview",
    "project_group",
    "quarter_end",
    "quarter_index",
]
