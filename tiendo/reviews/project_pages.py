"""What reviews adds to the project pages (registered in tiendo.projects.hooks, as projects may not import
reviews): the engine's findings and proposals, the reports a project owes, its review items and the decisions
taken; on the list, the badges of the latest scan's findings and the "behind schedule" filter."""

from tiendo.core import access
from tiendo.projects import hooks

from .access import decisions
from .models import Finding, ScanRun
from .scan import evaluate_project, owed_reports, project_facts
from .scan_state import scan_notice
from .selectors import items_for_project

LAND_UNUSED_RULES = ("LAND-01", "LAND-03")


def register() -> None:
    hooks.add_detail_section("reviews", detail_section)
    hooks.add_behind_schedule("reviews", rules_by_project, behind_schedule_ids)
    hooks.add_scan_notice("reviews", scan_notice)


def detail_section(user, project, today) -> dict:
    findings = None
    facts = project_facts(project)  # read once for both sections
    if access.can(user, "see_proposed_handling"):
        # the engine's proposals and the rounds in progress are the authority's deliberation, not the investor's
        found, proposals = evaluate_project(project, today, facts=facts)
        findings = {"findings": found, "proposals": proposals}
    return {
        "schedule": findings,
        # the periodic reports the project owes and has not sent, with their deadlines: what the investor must do
        "owed_reports": owed_reports(project, today, facts=facts),
        "review_items": items_for_project(user, project),
        "decisions": decisions(user, project) if not access.can(user, "view_reviews") else [],
    }


def rules_by_project(user, project_ids: list[int]) -> dict[int, list[str]]:
    """Each listed project's findings in the latest scan (those the user may see), in one query."""
    run = ScanRun.latest()
    found: dict[int, list[str]] = {}
    if run is None or not project_ids:
        return found
    rows = access.visible(user, Finding).filter(run=run, project_id__in=project_ids).values_list("project_id", "rule")
    for project_id, rule in rows:
        found.setdefault(project_id, []).append(rule)
    return found


def behind_schedule_ids(user, which: str):
    """Projects with findings of the latest scan (none before the first scan) that the user may see."""
    run = ScanRun.latest()
    findings = access.visible(user, Finding).filter(run=run) if run else Finding.objects.none()
    if which == "terminate":
        findings = findings.filter(proposal="terminate")
    elif which == "land":
        findings = findings.filter(rule__in=LAND_UNUSED_RULES)
    elif which == "verify":
        findings = findings.filter(verify=True)
    return findings.values("project_id")
