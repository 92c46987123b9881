"""Seeded directives and tasks for the demo: the two real meetings of the seeds and a few hundred generated
conclusion notices, directives, letters and plans, whose tasks stand as they would today.

Decisions:
- **Agencies of their time.** A task goes to the agency that existed on the directive's date (Sở Kế hoạch và Đầu
  tư until 28/02/2025, a district People's Committee until 30/06/2025, a ward or commune of Hải Phòng from
  01/07/2025). Tasks are written before generate.py runs the 2025 reorganisations, as they stood when they were
  given; `Timeline.advance(day)` applies what happened before each merger (progress reports, extensions,
  completion), so the merge service moves exactly the tasks still open on its effective date and work finished
  earlier stays with the agency that did it. District committees ended without a successor: their open tasks go
  to the commune or ward of the task's project, else to the first ward or commune of the old district.
- **History as the services write it.** Written through the directives services' bulk variants
  (`tiendo/directives/loading.py`), each task has a "created" row by the specialist who entered it, then one
  row per change (progress report, approved extension, completion) by the officer, specialist or leader who made
  it, with the reason the services give. Rows are dated when the demo loads, like the rest of the demo (the merge
  rows too), so their order is the order of events; progress updates and extension requests carry their own dates.
- **Statuses are facts, not labels.** A task gets an assigned date, a deadline (or none, or "thường xuyên"), maybe
  an extension and maybe a completion date, from a seeded model in which land, site clearance and three districts
  with heavy site clearance run late far more often; today (`timezone.localdate()`) decides what is done, overdue
  or still running. The demo officers (canbo.xaydung, canbo.phuong) get one task of every status for sure, from
  their working sessions with a leader.
- **Scale.** About 350 directives and 1,600 tasks for the province. A real province gives some 10,000 tasks a
  term, so the nation's 34 would be ~500,000: too many for a demo, the national scale stops at 60,000 tasks.

Modules: `vocabulary` (constants, sizes, the shapes of topics), `topics_investment` and `topics_projects` (the
meeting topics, data) gathered by `topics` with the generator's words, `model` (plans before writing),
`generator` with its mixins `texts`, `progress` and `sessions`, `timeline` (writing, around the reorganisations),
`loading` (the entry point, `load`).
"""

from .generator import Generator
from .loading import home_context, load
from .model import Context, DirectivePlan, Event, Extension, TaskPlan
from .timeline import Timeline
from .topics import TOPIC_KEYS, TOPICS
from .vocabulary import DISTRICT_HANDOVER, SIZES, Job, Size, Topic

__all__ = [
    "DISTRICT_HANDOVER",
    "SIZES",
    "TOPICS",
    "TOPIC_KEYS",
    "Context",
    "DirectivePlan",
    "Event",
    "Extension",
    "Generator",
    "Job",
    "Size",
    "TaskPlan",
    "Timeline",
    "Topic",
    "home_context",
    "load",
]
