"""Who may see and change what: one table of rules that the views, the API and the commands all ask."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    LEADER = "leader"
    SPECIALIST = "specialist"
    OFFICER = "officer"
    INVESTOR = "investor"
    ADMIN = "admin"
    # a visitor who has not signed in: the public pages only
    PUBLIC = "public"


READ_ALL = frozenset({Role.LEADER, Role.SPECIALIST, Role.ADMIN})
EDIT_ALL = frozenset({Role.SPECIALIST, Role.ADMIN})


@dataclass(frozen=True)
class Actor:
    role: Role
    # the officer's agency and every agency merged into it: their past work is the agency's work
    agency_ids: frozenset[int] = field(default_factory=frozenset)
    enterprise_id: int | None = None


PUBLIC_ACTOR = Actor(Role.PUBLIC)


class Scope(StrEnum):
    """Which records of a kind an actor sees: all, those of its agencies, those of its enterprise, or none."""

    ALL = "all"
    AGENCY = "agency"
    ENTERPRISE = "enterprise"
    NONE = "none"
    # the public visitor: only what the province publishes (tiendo.portal.public says which records and fields)
    PUBLISHED = "published"


def signed_in(actor: Actor) -> bool:
    return actor.role != Role.PUBLIC


def directory_scope(actor: Actor) -> Scope:
    """Agencies, administrative units, sectors and capital sources: the directory every signed-in user reads."""
    return Scope.ALL if signed_in(actor) else Scope.NONE


def project_scope(actor: Actor) -> Scope:
    """Projects and what hangs from them (milestones, reports, documents): staff all, officers their agency's
    (and its predecessors'), investors their enterprise's."""
    if actor.role in READ_ALL:
        return Scope.ALL
    if actor.role == Role.OFFICER and actor.agency_ids:
        return Scope.AGENCY
    if actor.role == Role.INVESTOR and actor.enterprise_id:
        return Scope.ENTERPRISE
    return Scope.NONE


def enterprise_scope(actor: Actor) -> Scope:
    if actor.role in READ_ALL:
        return Scope.ALL
    if actor.role == Role.INVESTOR and actor.enterprise_id:
        return Scope.ENTERPRISE
    return Scope.NONE


def task_scope(actor: Actor) -> Scope:
    """Directives and tasks: staff all; an officer the tasks its agency leads or cooperates on, and their
    directives; investors none (a directive speaks about other enterprises' projects)."""
    if actor.role in READ_ALL:
        return Scope.ALL
    if actor.role == Role.OFFICER and actor.agency_ids:
        return Scope.AGENCY
    return Scope.NONE


def plan_scope(actor: Actor) -> Scope:
    """Plans, versions and budgets: staff and officers; their lines, items and disbursement: staff all, an
    officer those of the projects its agency owns."""
    if actor.role in READ_ALL:
        return Scope.ALL
    if actor.role == Role.OFFICER and actor.agency_ids:
        return Scope.AGENCY
    return Scope.NONE


def review_scope(actor: Actor) -> Scope:
    """Review rounds and items, and the engine's findings with their proposed handling: the province's staff
    (they name sanctions). An officer sees the findings of its agency's projects, never the rounds."""
    return Scope.ALL if actor.role in READ_ALL else Scope.NONE


def finding_scope(actor: Actor) -> Scope:
    if actor.role in READ_ALL:
        return Scope.ALL
    if actor.role == Role.OFFICER and actor.agency_ids:
        return Scope.AGENCY
    return Scope.NONE


def decision_scope(actor: Actor) -> Scope:
    """Decisions already taken (a decided item of a concluded round): staff all, an investor those about its
    own projects. Officers follow the decisions through the tasks they are given."""
    if actor.role in READ_ALL:
        return Scope.ALL
    if actor.role == Role.INVESTOR and actor.enterprise_id:
        return Scope.ENTERPRISE
    return Scope.NONE


def can_report_on_project(actor: Actor, agency_id: int | None, investor_id: int | None) -> bool:
    """Investors report on their own projects, officers on their agency's, specialists on any."""
    if actor.role in EDIT_ALL:
        return True
    if actor.role == Role.INVESTOR:
        return investor_id is not None and investor_id == actor.enterprise_id
    if actor.role == Role.OFFICER:
        return agency_id is not None and agency_id in actor.agency_ids
    return False


def can_manage_projects(actor: Actor) -> bool:
    """The registry (projects, milestones, extensions, imports, scans): the department's specialists."""
    return actor.role in EDIT_ALL


def sees_everything(actor: Actor) -> bool:
    """The province's staff: pages may skip per-record filters (and share caches) for them."""
    return actor.role in READ_ALL


def can_read_directives(actor: Actor) -> bool:
    """The directives menu and pages: staff and officers; investors have none to read."""
    return task_scope(actor) != Scope.NONE


def works_for_agency(actor: Actor) -> bool:
    """An officer's task pages are its agency's list rather than the province's board."""
    return actor.role == Role.OFFICER


def sees_proposed_handling(actor: Actor) -> bool:
    """The engine's findings and proposed handling on a project's page: not for the investor it would sanction."""
    return finding_scope(actor) != Scope.NONE


def can_manage_users(actor: Actor) -> bool:
    return actor.role == Role.ADMIN


def can_read_agency_records(actor: Actor, agency_id: int) -> bool:
    """Staff lists, contacts and history of an agency: its own officers and the province's staff."""
    return actor.role in READ_ALL or (actor.role == Role.OFFICER and agency_id in actor.agency_ids)


def can_edit_agency_profile(actor: Actor, agency_id: int) -> bool:
    return actor.role in EDIT_ALL or (actor.role == Role.OFFICER and agency_id in actor.agency_ids)


def can_reorganise(actor: Actor) -> bool:
    """Merging agencies moves every open record: only an administrator does it."""
    return actor.role == Role.ADMIN


def can_list_enterprises(actor: Actor) -> bool:
    return actor.role in READ_ALL


def can_read_enterprise(actor: Actor, enterprise_id: int) -> bool:
    return actor.role in READ_ALL or (actor.role == Role.INVESTOR and actor.enterprise_id == enterprise_id)


def can_edit_enterprise(actor: Actor, enterprise_id: int) -> bool:
    return actor.role in EDIT_ALL or (actor.role == Role.INVESTOR and actor.enterprise_id == enterprise_id)


def can_manage_enterprises(actor: Actor) -> bool:
    """Create, edit in full, delete and restore enterprises (an investor edits only its own contact details)."""
    return actor.role in EDIT_ALL


def can_manage_tasks(actor: Actor) -> bool:
    """Record directives, assign and edit tasks, turn a meeting text into tasks: the department's specialists."""
    return actor.role in EDIT_ALL


def can_report_on_task(actor: Actor, lead_agency_id: int) -> bool:
    """Progress and extension requests come from the lead agency's officers (or a specialist on their behalf)."""
    return actor.role in EDIT_ALL or (actor.role == Role.OFFICER and lead_agency_id in actor.agency_ids)


def can_decide_extension(actor: Actor) -> bool:
    """A new deadline is granted or refused by a specialist or a leader, never by the agency that asks."""
    return actor.role in {Role.LEADER, Role.SPECIALIST, Role.ADMIN}


def can_decide_review(actor: Actor) -> bool:
    """The handling of a project behind schedule is the leaders' call; specialists prepare it, never decide it."""
    return actor.role in {Role.LEADER, Role.ADMIN}


def can_read_plans(actor: Actor) -> bool:
    """Plans and disbursement: the province's staff see all; an officer sees the lines of its agency's projects."""
    return plan_scope(actor) != Scope.NONE


def can_manage_plans(actor: Actor) -> bool:
    """Drafts, allocations, edits, imports of disbursement and recording the deciding resolution: specialists."""
    return actor.role in EDIT_ALL


def can_view_reviews(actor: Actor) -> bool:
    return review_scope(actor) == Scope.ALL


def can_prepare_reviews(actor: Actor) -> bool:
    """Opening a round, editing and confirming proposals, submitting: the department's specialists."""
    return actor.role in EDIT_ALL


def target_scope(actor: Actor) -> Scope:
    """Targets, scenarios, actuals and the publications behind them: the province's staff and every agency's
    officers see them all (a department answers for its sector but reads the province's path); investors and
    the public only what is published (tiendo.targets.access narrows to it)."""
    if actor.role in READ_ALL or (actor.role == Role.OFFICER and actor.agency_ids):
        return Scope.ALL
    return Scope.NONE


def can_read_targets(actor: Actor) -> bool:
    """The targets pages: staff and officers. Investors and the public read the published figures on the portal."""
    return target_scope(actor) == Scope.ALL


def can_manage_targets(actor: Actor) -> bool:
    """Targets, the catalogue, scenario versions, imports of releases: the department's specialists and the
    leaders who set the province's path."""
    return actor.role in {Role.LEADER, Role.SPECIALIST, Role.ADMIN}


def can_report_indicator(actor: Actor, agency_id: int | None) -> bool:
    """A figure of an indicator: those who manage targets, or an officer of the agency responsible for it."""
    if can_manage_targets(actor):
        return True
    return actor.role == Role.OFFICER and agency_id is not None and agency_id in actor.agency_ids


def can_send_target_alerts(actor: Actor) -> bool:
    """Turning an alert into a task for the responsible agency: a specialist or a leader confirms it."""
    return actor.role in {Role.LEADER, Role.SPECIALIST, Role.ADMIN}


def petition_scope(actor: Actor) -> Scope:
    """Enterprises' petitions: staff all; an officer those its agency answers for or is concerned by; an investor
    its enterprise's own."""
    if actor.role in READ_ALL:
        return Scope.ALL
    if actor.role == Role.OFFICER and actor.agency_ids:
        return Scope.AGENCY
    if actor.role == Role.INVESTOR and actor.enterprise_id:
        return Scope.ENTERPRISE
    return Scope.NONE


def can_read_petitions(actor: Actor) -> bool:
    return petition_scope(actor) != Scope.NONE


def can_read_petition_reports(actor: Actor) -> bool:
    """The per-agency table and the six-monthly report: staff for every agency, an officer for its own."""
    return petition_scope(actor) in {Scope.ALL, Scope.AGENCY}


def can_manage_petitions(actor: Actor) -> bool:
    """Classify, route, merge, reject, redirect, escalate, keep dialogue conferences: the department's
    specialists (who run the province's petition desk)."""
    return actor.role in EDIT_ALL


def can_receive_petitions(actor: Actor) -> bool:
    """Record a petition that came by letter, hotline, the national system or a conference: staff and officers
    (an agency receives letters too); an investor submits its own."""
    return (
        actor.role in {Role.SPECIALIST, Role.ADMIN, Role.OFFICER, Role.INVESTOR}
        and (actor.role != Role.INVESTOR or actor.enterprise_id is not None)
        and (actor.role != Role.OFFICER or bool(actor.agency_ids))
    )


def can_handle_petition(actor: Actor, agency_id: int | None) -> bool:
    """Work on and answer a petition: the responsible agency's officers, or a specialist."""
    if actor.role in EDIT_ALL:
        return True
    return actor.role == Role.OFFICER and agency_id is not None and agency_id in actor.agency_ids


def can_rate_petition(actor: Actor, enterprise_id: int | None) -> bool:
    """Rate an answer, reopen it once, withdraw the petition, add the information asked for: its petitioner."""
    return actor.role == Role.INVESTOR and enterprise_id is not None and enterprise_id == actor.enterprise_id


def can_read_conferences(actor: Actor) -> bool:
    """Dialogue conferences and their commitments: the province's staff and the agencies' officers."""
    return actor.role in READ_ALL or (actor.role == Role.OFFICER and bool(actor.agency_ids))


def can_manage_calendar(actor: Actor) -> bool:
    """The declared days off and make-up working days every deadline counts on: an administrator."""
    return actor.role == Role.ADMIN


def receives_extension_requests(actor: Actor) -> bool:
    """Extension requests and the daily digest of overdue tasks go to the department's specialists."""
    return actor.role == Role.SPECIALIST


def sees_every_job(actor: Actor) -> bool:
    """Background jobs are their starters' own; an administrator sees all of them to help and to clean up."""
    return actor.role == Role.ADMIN


def sees_published_only(actor: Actor) -> bool:
    """A visitor who has not signed in reads the portal: published records, and of them the public fields only."""
    return actor.role == Role.PUBLIC


def can_manage_opportunities(actor: Actor) -> bool:
    """The list of projects open for investment, its procedure steps and documents: the department's specialists."""
    return actor.role in EDIT_ALL


def can_translate_opportunities(actor: Actor) -> bool:
    """Write and review the English and Chinese of the portal's texts: the department's specialists, who publish
    them (an outside translator's text is entered and reviewed by them)."""
    return actor.role in EDIT_ALL


def can_read_open_data(actor: Actor) -> bool:
    """The open-data publication's report (validation, CoST IDS coverage per project): the province's staff."""
    return actor.role in READ_ALL


def can_send_enquiry(actor: Actor) -> bool:
    """Anyone may ask about an opportunity, signed in or not: an investor's first contact is often anonymous."""
    return True


def is_investor(actor: Actor) -> bool:
    """Investors' pages speak of their enterprise: its projects, what they must do."""
    return actor.role == Role.INVESTOR


# Named capabilities: what surfaces ask ("may this user manage plans?") instead of reading the role.
CAPABILITIES: dict[str, Callable[[Actor], bool]] = {
    "signed_in": signed_in,
    "see_everything": sees_everything,
    "manage_projects": can_manage_projects,
    "import_projects": can_manage_projects,
    "scan": can_manage_projects,
    "list_enterprises": can_list_enterprises,
    "manage_enterprises": can_manage_enterprises,
    "reorganise": can_reorganise,
    "manage_users": can_manage_users,
    "read_directives": can_read_directives,
    "manage_tasks": can_manage_tasks,
    "decide_extensions": can_decide_extension,
    "works_for_agency": works_for_agency,
    "view_reviews": can_view_reviews,
    "prepare_reviews": can_prepare_reviews,
    "decide_reviews": can_decide_review,
    "see_proposed_handling": sees_proposed_handling,
    "read_plans": can_read_plans,
    "manage_plans": can_manage_plans,
    "is_investor": is_investor,
    "read_targets": can_read_targets,
    "manage_targets": can_manage_targets,
    "send_target_alerts": can_send_target_alerts,
    "read_petitions": can_read_petitions,
    "manage_petitions": can_manage_petitions,
    "read_petition_reports": can_read_petition_reports,
    "receive_petitions": can_receive_petitions,
    "read_conferences": can_read_conferences,
    "manage_calendar": can_manage_calendar,
    "see_every_job": sees_every_job,
    "sees_published_only": sees_published_only,
    "manage_opportunities": can_manage_opportunities,
    "translate_opportunities": can_translate_opportunities,
    "read_open_data": can_read_open_data,
    "send_enquiry": can_send_enquiry,
    "receives_extension_requests": receives_extension_requests,
}


def can(actor: Actor, capability: str) -> bool:
    """A named capability; an unknown name is a programming error, not a silent "no"."""
    return CAPABILITIES[capability](actor)


def roles_with(capability: str) -> frozenset[Role]:
    """The roles that have a capability (one that depends on the role alone): whom to notify, e.g."""
    return frozenset(role for role in Role if CAPABILITIES[capability](Actor(role)))
