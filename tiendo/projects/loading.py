"""The projects services' bulk variants: projects and their records loaded thousands at a time (the demo; a
migration from another system), and running projects handed over to another agency in one go.

A user creates and edits a project one at a time through `services`; a load writes tens of thousands (millions of
reports for the national demo), where even bulk_create's per-object work costs several times the database's own,
so rows and their "created" history rows go in through `audit.bulk_records` (COPY on PostgreSQL). Each function is
one transaction; the caller's keyword-only `actor` is the author of every history row (None: the system's own
load, which names nobody, as the demo's). Sectors and progress reports keep no history, so their loads take no
actor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction

from tiendo.audit.bulk_records import add_history, add_records, add_rows, insert_values, update_records

from .models import CapitalSource, LegalDocument, Milestone, ProgressReport, Project, ScheduleAdjustment, Sector, Zone

BATCH = 5000
REPORT_FIELDS = (  # the values of add_progress_report_rows, in this order
    "project_id",
    "period_end",
    "physical_progress",
    "disbursed_to_date",
    "jobs",
    "revenue",
    "taxes_paid",
    "problems",
    "submitted_by_id",
    "submitted_at",
)


@transaction.atomic
def add_sectors(sectors: list[Sector]) -> list[Sector]:
    """New sectors (they keep no history)."""
    return Sector.objects.bulk_create(sectors)


@transaction.atomic
def add_zones(zones: list[Zone], *, actor) -> list[Zone]:
    """New industrial zones and clusters, each with its "created" history row."""
    return add_records(Zone, zones, actor=actor, batch=BATCH)


@transaction.atomic
def add_projects(projects: list[Project], *, actor) -> list[Project]:
    """New projects (their search keys computed by the caller, as `Project.make_search_key` does), each with its
    "created" history row; the returned projects carry their keys."""
    return add_records(Project, projects, actor=actor, batch=BATCH)


@transaction.atomic
def add_milestones(milestones: list[Milestone], *, actor) -> list[Milestone]:
    """New milestones of saved projects, each with its "created" history row; returned with their keys."""
    return add_records(Milestone, milestones, actor=actor, batch=BATCH)


@transaction.atomic
def add_schedule_adjustments(adjustments: list[ScheduleAdjustment], *, actor) -> list[ScheduleAdjustment]:
    """Schedule adjustments of saved milestones as they were decided, each with its "created" history row."""
    return add_records(ScheduleAdjustment, adjustments, actor=actor, batch=BATCH)


@transaction.atomic
def add_capital_sources(sources: list[CapitalSource], *, actor) -> list[CapitalSource]:
    """The capital sources of saved projects, each with its "created" history row."""
    return add_records(CapitalSource, sources, actor=actor, batch=BATCH)


@transaction.atomic
def add_legal_documents(documents: list[LegalDocument], *, actor) -> list[LegalDocument]:
    """The legal documents of saved projects, each with its "created" history row."""
    return add_records(LegalDocument, documents, actor=actor, batch=BATCH)


MILESTONE_FIELDS = (
    "project_id",
    "kind",
    "first_due",
    "current_due",
    "done",
    "clearance_area_m2",
    "cleared_area_m2",
    "households",
    "households_cleared",
    "compensation_planned",
    "compensation_paid",
    "note",
)
ADJUSTMENT_FIELDS = ("milestone_id", "document_number", "decided_on", "old_due", "new_due", "reason")
SOURCE_FIELDS = ("project_id", "source", "amount")
DOCUMENT_FIELDS = ("project_id", "kind", "number", "date", "issuer", "summary")


@transaction.atomic
def add_record_rows(model, fields: Sequence[str], rows: Iterable[Sequence], *, actor) -> list[int]:
    """New milestones, schedule adjustments, capital sources or legal documents given as values in `fields` order
    (MILESTONE_FIELDS, ADJUSTMENT_FIELDS, SOURCE_FIELDS, DOCUMENT_FIELDS: a load that makes a million skips building
    a model for each), checked and written with their "created" history rows as the add_* functions above do.
    Returns their keys, in order."""
    if (model, tuple(fields)) not in _ROW_MODELS:
        raise ValueError(f"no row loading of {model.__name__} by {', '.join(fields)}")
    return add_rows(model, fields, rows, actor=actor, batch=BATCH)


_ROW_MODELS = {
    (Milestone, MILESTONE_FIELDS),
    (ScheduleAdjustment, ADJUSTMENT_FIELDS),
    (CapitalSource, SOURCE_FIELDS),
    (LegalDocument, DOCUMENT_FIELDS),
}


@transaction.atomic
def add_progress_reports(reports: Iterable[ProgressReport]) -> int:
    """Progress reports of saved projects (they keep no history), taken from `reports` BATCH at a time so a long
    stream is never held whole; returns how many were written."""
    rows = ([getattr(report, name) for name in REPORT_FIELDS] for report in reports)
    return insert_values(ProgressReport, REPORT_FIELDS, rows, batch=BATCH)


@transaction.atomic
def add_progress_report_rows(rows: Iterable[Sequence]) -> int:
    """Progress reports given as values in REPORT_FIELDS order (a load that makes millions skips building a model
    for each), checked and written as add_progress_reports does; returns how many."""
    return insert_values(ProgressReport, REPORT_FIELDS, rows, batch=BATCH)


@transaction.atomic
def hand_over(moves: list[tuple[Project, int, str]], *, actor) -> int:
    """Projects handed to another agency: each move is (the project as read, the receiving agency's key, why). Only
    the agency column is written, so the row version stays as it was (`agencies.reorganisation`'s merges move it;
    a load keeps the rows the demo always wrote); each project gets a history row by `actor` with the reason.
    Returns how many moved."""
    projects = []
    for project, agency_id, reason in moves:
        project._change_reason = reason
        project.agency_id = agency_id
        projects.append(project)
    update_records(Project, projects, ["agency"], batch=BATCH)
    add_history(Project, projects, history_type="~", actor=actor, batch=BATCH)
    return len(projects)
