"""The projects services' bulk variants: projects and their records loaded thousands at a time (the demo; a
migration from another system), and running projects handed over to another agency in one go.

A user creates and edits a project one at a time through `services`; a load writes tens of thousands, where the
ORM's per-object save would cost more than the database's own work, so rows go in with bulk_create and their
history rows with simple_history's bulk helpers. Each function is one transaction; the caller's keyword-only
`actor` is the author of every history row (None: the system's own load, which names nobody, as the demo's).
Sectors and progress reports keep no history, so their loads take no actor.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .models import CapitalSource, LegalDocument, Milestone, ProgressReport, Project, ScheduleAdjustment, Sector, Zone

BATCH = 5000


@transaction.atomic
def add_sectors(sectors: list[Sector]) -> list[Sector]:
    """New sectors (they keep no history)."""
    return Sector.objects.bulk_create(sectors)


@transaction.atomic
def add_zones(zones: list[Zone], *, actor) -> list[Zone]:
    """New industrial zones and clusters, each with its "created" history row."""
    return bulk_create_with_history(zones, Zone, batch_size=BATCH, default_user=actor)


@transaction.atomic
def add_projects(projects: list[Project], *, actor) -> list[Project]:
    """New projects (their search keys computed by the caller, as `Project.make_search_key` does), each with its
    "created" history row; the returned projects carry their keys."""
    return bulk_create_with_history(projects, Project, batch_size=BATCH, default_user=actor)


@transaction.atomic
def add_milestones(milestones: list[Milestone], *, actor) -> list[Milestone]:
    """New milestones of saved projects, each with its "created" history row; returned with their keys."""
    return bulk_create_with_history(milestones, Milestone, batch_size=BATCH, default_user=actor)


@transaction.atomic
def add_schedule_adjustments(adjustments: list[ScheduleAdjustment], *, actor) -> list[ScheduleAdjustment]:
    """Schedule adjustments of saved milestones as they were decided, each with its "created" history row."""
    return bulk_create_with_history(adjustments, ScheduleAdjustment, batch_size=BATCH, default_user=actor)


@transaction.atomic
def add_capital_sources(sources: list[CapitalSource], *, actor) -> list[CapitalSource]:
    """The capital sources of saved projects, each with its "created" history row."""
    return bulk_create_with_history(sources, CapitalSource, batch_size=BATCH, default_user=actor)


@transaction.atomic
def add_legal_documents(documents: list[LegalDocument], *, actor) -> list[LegalDocument]:
    """The legal documents of saved projects, each with its "created" history row."""
    return bulk_create_with_history(documents, LegalDocument, batch_size=BATCH, default_user=actor)


@transaction.atomic
def add_progress_reports(reports: Iterable[ProgressReport]) -> int:
    """Progress reports of saved projects (they keep no history), taken from `reports` BATCH at a time so a long
    stream is never held whole; returns how many were written."""
    written = 0
    stream = iter(reports)
    while batch := list(islice(stream, BATCH)):
        ProgressReport.objects.bulk_create(batch, batch_size=BATCH)
        written += len(batch)
    return written


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
    if projects:
        bulk_update_with_history(projects, Project, ["agency"], batch_size=BATCH, default_user=actor)
    return len(projects)
