"""What apps above projects add to the project pages, without projects importing them.

The project page shows the project's review items and the rule engine's findings (from reviews) and its tasks
(from directives); the project list badges and filters projects found behind schedule. Those apps sit above
projects in the layering (docs/decisions/0007-layers.md), so they register here from their AppConfig.ready() and
the project views ask the registry. With nothing registered the page simply has no such section."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import Q

# (user, project, today) -> the template context this section adds
DetailSection = Callable[[Any, Any, date], dict[str, Any]]
# (user, project ids) -> for each project, the rule ids of its findings in the latest scan
BehindSchedule = Callable[[Any, list[int]], dict[int, list[str]]]
# (user, which) -> a query of the ids of projects found behind schedule of that kind ("any", "terminate", "land",
# "verify"), kept a subquery so the filter does not read thousands of ids into Python
BehindScheduleFilter = Callable[[Any, str], Any]

# (user, back) -> the note shown above the "behind schedule" filter's rows when its findings cannot be trusted
# (no scan yet, or the registry changed since), "" when they can
ScanNotice = Callable[[Any, str], str]

_detail_sections: dict[str, DetailSection] = {}
_scan_notices: dict[str, ScanNotice] = {}
_behind_schedule: dict[str, BehindSchedule] = {}
_behind_schedule_filter: dict[str, BehindScheduleFilter] = {}


def add_detail_section(name: str, section: DetailSection) -> None:
    _detail_sections[name] = section


def add_behind_schedule(name: str, rules_by_project: BehindSchedule, project_ids: BehindScheduleFilter) -> None:
    _behind_schedule[name] = rules_by_project
    _behind_schedule_filter[name] = project_ids


def add_scan_notice(name: str, notice: ScanNotice) -> None:
    _scan_notices[name] = notice


def scan_notice(user, back: str) -> str:
    """What the registered apps say about the freshness of the findings behind the "behind schedule" filter."""
    return "".join(notice(user, back) for notice in _scan_notices.values())


def detail_context(user, project, today: date) -> dict[str, Any]:
    """Every registered section's context for the project page."""
    context: dict[str, Any] = {}
    for section in _detail_sections.values():
        context |= section(user, project, today)
    return context


def behind_schedule_rules(user, project_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for rules_by_project in _behind_schedule.values():
        for project_id, rule_ids in rules_by_project(user, project_ids).items():
            found.setdefault(project_id, []).extend(rule_ids)
    return found


def behind_schedule_filter(user, which: str) -> Q:
    """A filter on projects found behind schedule; none match when no app judges schedules."""
    condition = Q(pk__in=[])
    for project_ids in _behind_schedule_filter.values():
        condition |= Q(pk__in=project_ids(user, which))
    return condition
