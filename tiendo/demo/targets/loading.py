"""The targets phase of the demo: the catalogue, the terms and targets, the releases in date order, the scenario
versions and the projects indicators depend on, written through tiendo.targets.services as the specialist
(scenarios adopted by the leader). Nothing dated after today is written."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from tiendo.accounts.models import User
from tiendo.agencies.models import Agency
from tiendo.demo.projects.vocabulary import VN_TZ
from tiendo.projects.models import Milestone, Project
from tiendo.targets import alert_services, alerting, services
from tiendo.targets.models import (
    Component,
    EconomicSector,
    Indicator,
    Publication,
    Scenario,
    Target,
    Term,
)

from .catalogue import INDICATORS, SECTORS, TARGETS, TERMS
from .figures import RELEASES, REPORTS, SCENARIOS
from .sources import SOURCES
from .story import scenario_cells, story

# who answers for each GRDP component's shortfalls (the alerts' tasks go to them)
COMPONENT_AGENCIES = {
    Component.AGRICULTURE: "SNNMT",
    Component.INDUSTRY_CONSTRUCTION: "SCT",
    Component.SERVICES: "SCT",
    Component.PRODUCT_TAXES: "STC",
}


def _agency(agencies: dict[str, Agency], key: str) -> Agency:
    return agencies[f"HP-{key}"]


def _link(source: str) -> str:
    return SOURCES[source].url if source else ""


@contextmanager
def _one_check_at_the_end() -> Iterator[None]:
    """The releases of six years are recorded at once: the alerts' check that follows each publication
    (services.AFTER_PUBLICATION) is held back, and the phase runs it once, for the latest year with a scenario."""
    hooks = list(services.AFTER_PUBLICATION)
    services.AFTER_PUBLICATION.clear()
    try:
        yield
    finally:
        services.AFTER_PUBLICATION.extend(hooks)


def load(today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    with _one_check_at_the_end():
        return _load(today)


# the catalogue was set up when the first term's targets began to be followed
CATALOGUE_DAY = date(2021, 1, 4)


def _at(day: date, hour: int = 9) -> datetime:
    """A history row dated on the day the document decided it, not when the demo ran."""
    return datetime.combine(day, time(hour), tzinfo=VN_TZ)


def _load(today: date) -> dict[str, int]:
    specialist = User.objects.get(username="chuyenvien")
    leader = User.objects.get(username="lanhdao")
    agencies = {a.code: a for a in Agency.objects.filter(code__startswith="HP-", valid_to__isnull=True)}

    indicators: dict[str, Indicator] = {}
    for position, spec in enumerate(INDICATORS, start=1):
        indicators[spec.code] = services.save_indicator(
            Indicator(
                code=spec.code,
                name=spec.name,
                name_en=spec.name_en,
                name_zh=spec.name_zh,
                unit=spec.unit,
                direction=spec.direction,
                accumulates=spec.accumulates,
                responsible_agency=_agency(agencies, spec.agency),
                description=spec.description,
                position=position,
            ),
            actor=specialist,
            at=_at(CATALOGUE_DAY),
        )
    for position, (code, component, name, name_en, name_zh, agency) in enumerate(SECTORS, start=1):
        services.save_sector(
            EconomicSector(
                code=code,
                component=component,
                name=name,
                name_en=name_en,
                name_zh=name_zh,
                responsible_agency=_agency(agencies, agency),
                position=position,
            ),
            actor=specialist,
            at=_at(CATALOGUE_DAY),
        )
    for component, key in COMPONENT_AGENCIES.items():
        alert_services.save_component_agency(component, _agency(agencies, key), actor=specialist)
    terms = {
        spec.first_year: services.save_term(
            Term(first_year=spec.first_year, last_year=spec.last_year, document=spec.document),
            actor=specialist,
            at=_at(CATALOGUE_DAY if spec.first_year < CATALOGUE_DAY.year + 1 else date(spec.first_year - 1, 12, 15)),
        )
        for spec in TERMS
    }
    targets = _targets(indicators, terms, specialist, today)
    publications, figures, values = _publications(indicators, specialist, today)
    scenarios = _scenarios(specialist, leader, today)
    links = _links(indicators, specialist, today)
    latest = Scenario.objects.order_by("-year").values_list("year", flat=True).first()
    alerts = alerting.check_alerts(latest, actor=specialist) if latest else []
    return {
        "indicators": len(indicators),
        "economic_sectors": len(SECTORS),
        "targets": targets,
        "publications": publications,
        "growth_figures": figures,
        "indicator_values": values,
        "scenarios": scenarios,
        "indicator_projects": links,
        "alerts": len(alerts),
    }


def _targets(indicators, terms, actor, today: date) -> int:
    count = 0
    for spec in TARGETS:
        if spec.decided_on and spec.decided_on > today:
            continue
        target = services.save_target(
            Target(
                indicator=indicators[spec.indicator],
                kind=spec.kind,
                term=terms[spec.term],
                year=spec.year,
                low=Decimal(spec.low),
                high=Decimal(spec.high) if spec.high else None,
                document=spec.document,
                decided_on=spec.decided_on,
                note=spec.note,
            ),
            actor=actor,
            at=_at(max(spec.decided_on or CATALOGUE_DAY, CATALOGUE_DAY)),
        )
        count += 1
        for revision in spec.revisions:
            if revision.decided_on > today:
                break
            target.low = Decimal(revision.low)
            target.high = Decimal(revision.high) if revision.high else None
            target.document = revision.document
            target.decided_on = revision.decided_on
            target = services.save_target(
                target, actor=actor, reason=revision.reason, at=_at(max(revision.decided_on, CATALOGUE_DAY))
            )
    return count


def _publications(indicators, actor, today: date) -> tuple[int, int, int]:
    """Every release and report in date order, so each figure replaces the one in force before it."""
    plot = story()
    grdp = indicators[Indicator.GRDP_GROWTH]
    items: list[tuple[date, int, Publication, list, list]] = []
    for order, release in enumerate(RELEASES):
        growth = [
            services.NewGrowth(f.year, f.quarter, f.component, f.growth, level=f.level) for f in plot.figures(release)
        ]
        values = [
            services.NewValue(grdp, year, months, plot.cumulative(release, year, months))
            for year, months in release.months
        ]
        publication = Publication(
            source=Publication.Source.STATISTICS,
            status=release.status,
            published_on=release.published_on,
            issuer=release.issuer,
            title=release.title,
            link=_link(release.source),
        )
        items.append((release.published_on, order, publication, growth, values))
    for order, report in enumerate(REPORTS, start=len(RELEASES)):
        values = [
            services.NewValue(indicators[code], year, months, Decimal(value), note=note)
            for code, year, months, value, note in report.values
        ]
        publication = Publication(
            source=report.kind,
            status=report.status,
            published_on=report.published_on,
            issuer=report.issuer,
            title=report.title,
            link=_link(report.source),
        )
        items.append((report.published_on, order, publication, [], values))
    counts = [0, 0, 0]
    for day, _order, publication, growth, values in sorted(items, key=lambda item: item[:2]):
        if day > today:
            continue
        services.record_publication(publication, actor=actor, growth=growth, values=values, at=_at(day, 15))
        counts[0] += 1
        counts[1] += len(growth)
        counts[2] += len(values)
    return counts[0], counts[1], counts[2]


def _scenarios(specialist, leader, today: date) -> int:
    made: dict[str, Scenario] = {}
    for spec in SCENARIOS:
        if spec.adopted_on > today:
            continue
        cells = [services.Cell(c, q, base, growth) for c, q, base, growth in scenario_cells(spec)]
        # a revision names the version it revises (services.revise_scenario would first copy its cells, which
        # the revision's own replace at once)
        scenario = Scenario(
            year=spec.year,
            name=spec.name,
            target_growth=Decimal(str(spec.target)),
            document=spec.document,
            note=spec.note,
            based_on=made[spec.revises] if spec.revises else None,
            created_by=specialist,
        )
        drafted = _at(spec.adopted_on - timedelta(days=7))
        scenario = services.save_scenario(scenario, cells, actor=specialist, at=drafted)
        made[spec.name] = services.adopt_scenario(
            scenario, actor=leader, adopted_on=spec.adopted_on, at=_at(spec.adopted_on, 16)
        )
    return len(made)


def _links(indicators, actor, today: date) -> int:
    """Projects of the registry the 2026 figures depend on, found by what they are (the registry is seeded, so
    codes differ between seeds): the largest FDI electronics or manufacturing plant due to operate this year for
    exports, the largest FDI project licensed this year for FDI attracted, and the two largest public works due
    this year for the construction the GRDP scenario assumes and for disbursement."""
    year = today.year
    chosen: list[tuple[str, Project, str]] = []
    operating = Milestone.objects.filter(kind="operation", current_due__year=year).values("project_id")
    plant = _largest(Project.objects.filter(kind="fdi", sector__code__in=["DT", "CB"], pk__in=operating))
    if plant:
        chosen.append(
            ("export_turnover", plant, f"Dự kiến đi vào hoạt động trong năm {year}, bổ sung kim ngạch xuất khẩu.")
        )
    licensed = _largest(
        Project.objects.filter(kind="fdi", certificate_date__year=year).exclude(pk=getattr(plant, "pk", None))
    )
    if licensed:
        chosen.append(("fdi_attracted", licensed, f"Cấp mới trong năm {year}: vốn đăng ký tính vào vốn FDI thu hút."))
    due = Milestone.objects.filter(Q(kind="completion") | Q(kind="operation"), current_due__year=year).values(
        "project_id"
    )
    works = Project.objects.filter(kind="public", status="implementing", pk__in=due).order_by(
        "-total_investment", "code"
    )
    works = list(works[:2])
    if works:
        chosen.append(("grdp_growth", works[0], "Khối lượng xây dựng trong kịch bản khu vực công nghiệp - xây dựng."))
    if len(works) > 1:
        chosen.append(
            ("public_disbursement", works[1], f"Kế hoạch vốn năm {year} lớn; giải ngân theo tiến độ thi công.")
        )
    for code, project, note in chosen:
        alert_services.link_project(indicators[code], project, year, actor=actor, note=note)
    return len(chosen)


def _largest(projects):
    return projects.order_by("-total_investment", "code").first()
