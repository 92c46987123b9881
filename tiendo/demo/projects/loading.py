"""Writing the generated projects through the projects services' bulk variants (`tiendo/projects/loading.py`):
sectors and zones, then projects with their milestones, adjustments, capital sources, legal documents and reports
in chunks, each record with its "created" history row (naming nobody: the system's own load); and the handover of
the districts' running projects after 30/06/2025."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from django.utils import timezone

from tiendo.agencies.models import AdminUnit, Agency
from tiendo.domain.organisation import chinese_name
from tiendo.projects import loading as project_loading
from tiendo.projects.models import (
    RUNNING,
    CapitalSource,
    LegalDocument,
    Milestone,
    Project,
    ScheduleAdjustment,
    Sector,
    Zone,
)

from .. import catalogue
from ..phases import Phases, seconds_text
from ..worker import made_in_a_worker
from .context import Plan, _enterprises, home_context, other_context
from .generator import Generator
from .vocabulary import CHUNK, DISTRICT_HANDOVER, HD_ZONES, SECTORS, TWO_TIER, ZONE_WORDS


def create_sectors_and_zones(national: bool) -> dict[str, int]:
    """The sectors, Hải Dương's zones and clusters, and (national) three generated zones per other province."""
    project_loading.add_sectors([Sector(code=c, name=vi, name_en=en, name_zh=zh) for c, vi, en, zh, _b in SECTORS])
    units = dict(AdminUnit.objects.filter(level="commune").values_list("code", "pk"))
    zones = []
    for key, kind, name, ascii_name, zh, commune, ha in HD_ZONES:
        word, word_en, word_zh = ZONE_WORDS[kind]
        zones.append(
            Zone(
                code=f"HD-{kind.upper()}-{key}",
                name=f"{word} {name}",
                name_en=f"{ascii_name} {word_en}",
                name_zh=f"{zh}{word_zh}" if zh else chinese_name(name, word_zh),
                kind=kind,
                commune_id=units[commune],
                area_ha=Decimal(ha),
            )
        )
    if national:
        for code, *_rest in catalogue.PROVINCES:
            if code == "HP":
                continue
            communes = list(AdminUnit.objects.filter(parent__code=f"P{code}", level="commune").order_by("code"))
            for index, unit in enumerate(communes[5:40:12], start=1):
                ascii_name = catalogue.ascii_name(unit.name)
                zones.append(
                    Zone(
                        code=f"P{code}-KCN-{index:02d}",
                        name=f"KCN {unit.name}",
                        name_en=f"{ascii_name} Industrial Park",
                        name_zh=chinese_name(unit.name, "工业区"),
                        kind="kcn",
                        commune_id=unit.pk,
                        area_ha=Decimal(150 + 50 * index),
                    )
                )
    project_loading.add_zones(zones, actor=None)
    return dict(Sector.objects.values_list("code", "pk"))


def load(
    projects: int,
    reports_per_project: int,
    seed: int,
    *,
    national: bool = False,
    home_projects: int = 5_000,
    phases: Phases,
    today: date | None = None,
) -> dict[str, int]:
    """Create the sectors, zones and `projects` projects (the demo province's share first: all of them, or
    `home_projects` of the nation's) with their records; the reports written with each chunk are timed as a phase
    of their own."""
    today = today or timezone.localdate()
    sectors = create_sectors_and_zones(national)
    zones = Zone.objects.count()
    phases.done("sectors_and_zones", f"Ngành, lĩnh vực: {len(SECTORS)}; khu, cụm công nghiệp: {_n(zones)}")
    progress = phases.progress
    enterprises = _enterprises(random.Random(f"{seed}-investors"))
    provinces = [("HD", min(projects, home_projects) if national else projects)]
    if national:
        others = [code for code, *_r in catalogue.PROVINCES if code != "HP"]
        rest = projects - provinces[0][1]
        provinces += [
            (code, rest // len(others) + (1 if i < rest % len(others) else 0)) for i, code in enumerate(others)
        ]
    window = max(1, round(reports_per_project * 1.35))
    counts = {"projects": 0, "milestones": 0, "schedule_adjustments": 0, "progress_reports": 0}
    # every province's generator, its context read from the database here: the worker never touches it
    generators = [(generator_for(code, seed, today, enterprises, sectors), count) for code, count in provinces]

    def chunks() -> Iterator[tuple[list[Plan], list[list[tuple]]]]:
        """Each chunk of projects with their reports, drawn in the order one process would draw them (the reports
        of a chunk before the next chunk; certificate numbers unique in the nation)."""
        certificates: set[str] = set()
        for generator, count in generators:
            generator.certificates = certificates
            for made in range(0, count, CHUNK):
                plans = generator.batch(min(CHUNK, count - made), made == 0)
                yield plans, [generator.reports(plan, window) for plan in plans]

    for plans, reports in made_in_a_worker(chunks):
        _write(plans, reports, counts, phases)
        progress(f"Dự án đầu tư: {_n(counts['projects'])} / {_n(projects)} ({seconds_text(phases.since_start())})")
    phases.done(
        "projects",
        f"Dự án đầu tư: {_n(counts['projects'])}; mốc tiến độ: {_n(counts['milestones'])}; "
        f"điều chỉnh tiến độ: {_n(counts['schedule_adjustments'])}",
    )
    phases.tell("reports", f"Báo cáo tiến độ: {_n(counts['progress_reports'])}")
    return counts


def generator_for(code: str, seed: int, today: date, enterprises=None, sectors=None, certificates=None) -> Generator:
    """The seeded generator of one province ("HD" for the demo province, else a code of catalogue.PROVINCES)."""
    enterprises = enterprises or _enterprises(random.Random(f"{seed}-investors"))
    sectors = sectors or dict(Sector.objects.values_list("code", "pk"))
    ctx = home_context(enterprises) if code == "HD" else other_context(code, enterprises)
    return Generator(ctx, random.Random(f"{seed}-projects-{code}"), today, sectors, certificates)


def preview(seed: int, count: int, today: date | None = None) -> list[Plan]:
    """The first `count` projects of the demo province exactly as `load` made them, without writing anything."""
    return generator_for("HD", seed, today or timezone.localdate()).batch(min(count, CHUNK), True)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _write(plans: list[Plan], reports: list[list[tuple]], counts: dict[str, int], phases: Phases) -> None:
    """A chunk of projects with their records; the reports (made before the projects had keys) get theirs."""
    project_loading.add_projects([p.project for p in plans], actor=None)
    milestones = [(plan.project.pk, m) for plan in plans for m in plan.milestones]
    keys = project_loading.add_record_rows(
        Milestone, project_loading.MILESTONE_FIELDS, [_milestone(project, m) for project, m in milestones], actor=None
    )
    adjustments = [
        (key, number, day, old, new, reason)
        for key, (_project, m) in zip(keys, milestones, strict=True)
        for number, day, old, new, reason in m.adjustments
    ]
    project_loading.add_record_rows(ScheduleAdjustment, project_loading.ADJUSTMENT_FIELDS, adjustments, actor=None)
    project_loading.add_record_rows(
        CapitalSource,
        project_loading.SOURCE_FIELDS,
        [(p.project.pk, s, a) for p in plans for s, a in p.sources],
        actor=None,
    )
    project_loading.add_record_rows(
        LegalDocument,
        project_loading.DOCUMENT_FIELDS,
        [(p.project.pk, *doc) for p in plans for doc in sorted(p.documents, key=lambda doc: doc[2])],
        actor=None,
    )
    started = time.perf_counter()
    written = project_loading.add_progress_report_rows(
        (plan.project.pk, *report[1:]) for plan, made in zip(plans, reports, strict=True) for report in made
    )
    phases.set_aside("reports", time.perf_counter() - started)
    counts["projects"] += len(plans)
    counts["milestones"] += len(milestones)
    counts["schedule_adjustments"] += len(adjustments)
    counts["progress_reports"] += written


def _milestone(project: int, m) -> tuple:
    """A milestone's values in project_loading.MILESTONE_FIELDS order. No note: the households compensated are in
    their own fields, which the page writes in its language (a Vietnamese note repeated them in English pages)."""
    c = m.clearance or (None,) * 6
    return (project, m.kind.value, m.first_due, m.current_due, m.done, _dec(c[0]), _dec(c[1]), *c[2:], "")


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def hand_over_district_projects(actor=None) -> int:
    """District People's Committees ended on 30/06/2025 without a successor: their running projects go to the
    People's Committee of the commune where each project lies (NQ 1669/NQ-UBTVQH15), with a history row."""
    committees = dict(Agency.objects.filter(code__contains="-UB-", valid_from=TWO_TIER).values_list("code", "pk"))
    moves = []
    for project in Project.objects.filter(status__in=RUNNING, agency__code__startswith="HD-UB-").select_related(
        "commune", "agency"
    ):
        head, rest = project.commune.code.split("-", 1)
        target = committees.get(f"{head}-UB-{rest}")
        if target:
            moves.append((project, target, f"Tiếp nhận dự án của {project.agency.name} theo {DISTRICT_HANDOVER}"))
    return project_loading.hand_over(moves, actor=actor)
