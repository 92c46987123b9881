"""The demo's targets: a story whose figures hold together (the quarters make the published years, nothing after
the demo's day, revisions keep what they replaced, each scenario stands on the previous year), sources for the
real figures, and an agency for every indicator."""

import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone

from tiendo.demo import generate
from tiendo.demo.targets import catalogue, figures, series, sources
from tiendo.demo.targets.story import FIRST_MERGED_YEAR, scenario_cells, story
from tiendo.targets import selectors
from tiendo.targets.models import (
    Alert,
    Component,
    EconomicSector,
    GrowthFigure,
    Indicator,
    IndicatorProject,
    IndicatorValue,
    Publication,
    Scenario,
    Target,
)

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[2] / "README.md"
POINT = 0.01  # the releases print growth to 0.01 percentage point


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The small demo province, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        counts = generate.load("test", seed=7, progress=lambda _m: None)
        yield counts
        transaction.set_rollback(True)


def _in_force(year: int) -> dict[tuple[str, int], GrowthFigure]:
    return selectors.figures_in_force(year)


def _levels(year: int) -> dict[tuple[str, int], Decimal]:
    return {key: figure.level for key, figure in _in_force(year).items()}


def test_counts_name_what_the_phase_wrote(demo):
    counts = demo["targets"]
    assert counts["indicators"] == Indicator.objects.count() == len(catalogue.INDICATORS)
    assert counts["publications"] == Publication.objects.count()
    assert counts["growth_figures"] == GrowthFigure.objects.count()
    assert counts["indicator_values"] == IndicatorValue.objects.count()
    assert counts["scenarios"] == Scenario.objects.count() == 4
    assert 2 <= counts["indicator_projects"] == IndicatorProject.objects.count() <= 4
    assert "targets" in demo["phases"]


def test_each_full_year_s_growth_is_the_arithmetic_of_its_quarters(demo):
    grdp = Indicator.objects.get(code=Indicator.GRDP_GROWTH)
    checked = []
    for year in range(2021, 2027):
        figures = _in_force(year)
        if selectors.published_quarters(figures) < 4:
            continue
        base = story().base(year)
        rates = {c: [figures[(c, q)].growth for q in series.QUARTERS] for c in Component.values}
        annual = IndicatorValue.objects.get(indicator=grdp, year=year, months=12, replaced_by__isnull=True)
        assert abs(series.cumulative(base, rates, 4) * 100 - float(annual.value)) <= POINT, year
        checked.append(year)
    assert checked == [2021, 2022, 2023, 2024, 2025]


def test_cumulative_figures_are_the_arithmetic_of_their_quarters(demo):
    grdp = Indicator.objects.get(code=Indicator.GRDP_GROWTH)
    for value in IndicatorValue.objects.filter(indicator=grdp, replaced_by__isnull=True):
        figures = _in_force(value.year)
        rates = {c: [figures[(c, q)].growth for q in range(1, value.months // 3 + 1)] for c in Component.values}
        computed = series.cumulative(story().base(value.year), rates, value.months // 3)
        assert abs(computed * 100 - float(value.value)) <= POINT, (value.year, value.months)


def test_published_real_figures_are_kept_as_published(demo):
    grdp = Indicator.objects.get(code=Indicator.GRDP_GROWTH)
    annual = dict(
        IndicatorValue.objects.filter(indicator=grdp, months=12, replaced_by__isnull=True).values_list("year", "value")
    )
    assert annual == {
        2021: Decimal("8.6"),
        2022: Decimal("9.12"),
        2023: Decimal("8.16"),
        2024: Decimal("10.2"),
        2025: Decimal("11.81"),
    }
    cumulative = dict(
        IndicatorValue.objects.filter(indicator=grdp, year=2025, months__lt=12, replaced_by__isnull=True).values_list(
            "months", "value"
        )
    )
    assert cumulative == {6: Decimal("11.2"), 9: Decimal("11.59")}


def test_nothing_is_dated_after_the_demo_s_day_and_2026_q4_has_no_actual(demo):
    today = timezone.localdate()
    assert not Publication.objects.filter(published_on__gt=today).exists()
    assert not Target.objects.filter(decided_on__gt=today).exists()
    assert not Scenario.objects.filter(adopted_on__gt=today).exists()
    assert not GrowthFigure.objects.filter(year=2026, quarter=4).exists()
    assert not IndicatorValue.objects.filter(year=2026, months=12).exists()
    if today.year == 2026 and today.month >= 11:  # the demo's day: the third quarter is out
        assert selectors.published_quarters(_in_force(2026)) == 3


def test_each_scenario_stands_on_the_previous_year_s_levels(demo):
    merged_2024 = story().merged_2024
    hai_duong_2024 = _levels(2024)
    levels_2025 = _levels(2025)
    for scenario in Scenario.objects.all():
        for cell in scenario.cells.filter(sector__isnull=True):
            key = (cell.component, cell.quarter)
            if scenario.year == FIRST_MERGED_YEAR:  # the merged city: Hải Dương's 2024 plus old Hải Phòng's
                old = story().old_hai_phong_2024[cell.component][cell.quarter - 1]
                assert cell.base == hai_duong_2024[key] + old == merged_2024[cell.component][cell.quarter - 1]
            else:
                assert cell.base == levels_2025[key]
    assert {s.year for s in Scenario.objects.all()} == {2025, 2026}


def test_each_year_s_versions_are_the_february_one_and_its_revision(demo):
    for year in (2025, 2026):
        february, revision = Scenario.objects.filter(year=year).order_by("adopted_on")
        assert february.adopted_on.month == 2 and revision.based_on == february
        assert february.status == revision.status == Scenario.Status.ADOPTED
        plan = selectors.scenario_payload(february, {})
        base = sum(sum(row) for row in plan["base"].values())
        grown = sum(
            b * (1 + g) for c in plan["base"] for b, g in zip(plan["base"][c], plan["scenario"][c], strict=True)
        )
        assert abs(grown / base - 1 - float(february.target_growth)) < 0.0005  # each version meets its target


def test_a_revised_quarter_keeps_the_first_estimate(demo):
    revised = GrowthFigure.objects.filter(replaces__isnull=False).select_related("replaces__publication", "publication")
    assert {(f.year, f.quarter) for f in revised} == {(2022, 4), (2026, 2)}
    for figure in revised:
        assert figure.replaces.publication.status == Publication.Status.PRELIMINARY
        assert figure.publication.status == Publication.Status.OFFICIAL
        assert figure.replaces.growth != figure.growth
        assert figure.replaces.publication.published_on < figure.publication.published_on
    grdp = Indicator.objects.get(code=Indicator.GRDP_GROWTH)
    first = IndicatorValue.objects.get(indicator=grdp, year=2022, months=12, replaced_by__isnull=False)
    assert first.value == Decimal("9.00") and first.replaced_by.value == Decimal("9.12")


def test_2026_has_a_quarter_below_the_july_scenario_by_more_than_half_a_point(demo):
    july = Scenario.objects.filter(year=2026).order_by("-adopted_on").first()
    planned = {(c.component, c.quarter): c.growth for c in july.cells.filter(sector__isnull=True)}
    gaps = {key: (planned[key] - f.growth) * 100 for key, f in _in_force(2026).items()}
    assert max(gaps.values()) > Decimal("0.5")
    assert gaps[(Component.INDUSTRY_CONSTRUCTION, 3)] > Decimal("2")


def test_every_indicator_and_sector_has_an_agency_of_today(demo):
    today = timezone.localdate()
    for indicator in Indicator.objects.select_related("responsible_agency"):
        agency = indicator.responsible_agency
        assert agency is not None, indicator.code
        assert (agency.valid_from is None or agency.valid_from <= today) and (
            agency.valid_to is None or today <= agency.valid_to
        ), indicator.code
    for sector in EconomicSector.objects.select_related("responsible_agency"):
        assert sector.responsible_agency.valid_to is None, sector.code
    assert set(EconomicSector.objects.values_list("component", flat=True)) == {
        Component.AGRICULTURE,
        Component.INDUSTRY_CONSTRUCTION,
        Component.SERVICES,
    }


def test_targets_are_revised_with_their_reason(demo):
    target = Target.objects.get(indicator__code=Indicator.GRDP_GROWTH, kind="year", year=2026)
    assert (target.low, target.high) == (Decimal("13"), Decimal("13.5"))
    first, latest = target.history.order_by("history_date", "history_id").first(), target.history.latest()
    assert first.high is None and "01/NQ-CP" in latest.document and latest.history_change_reason
    year_2025 = Target.objects.get(indicator__code=Indicator.GRDP_GROWTH, kind="year", year=2025)
    assert year_2025.low == Decimal("12.35") and "42/NQ-HĐND" in year_2025.document
    term = Target.objects.get(indicator__code=Indicator.GRDP_GROWTH, kind="term", term__first_year=2026)
    assert (term.low, term.high) == (Decimal("13"), Decimal("14")) and term.year is None
    by_year = Target.objects.filter(indicator__code=Indicator.GRDP_GROWTH, kind="term_year")
    assert sorted(by_year.values_list("year", flat=True)) == [2021, 2022, 2023, 2024, 2025, 2026]
    assert all(t.term.covers(t.year) for t in by_year)


def test_linked_projects_fit_what_the_indicator_expects(demo):
    for link in IndicatorProject.objects.select_related("indicator", "project"):
        kind = {"export_turnover": "fdi", "fdi_attracted": "fdi"}.get(link.indicator.code, "public")
        assert link.project.kind == kind, link.indicator.code
        assert link.year == timezone.localdate().year


def test_real_figures_name_a_page_and_the_readme_lists_every_page():
    used = {
        *(t.source for t in catalogue.TARGETS),
        *(r.source for t in catalogue.TARGETS for r in t.revisions),
        *(r.source for r in figures.RELEASES),
        *(r.source for r in figures.REPORTS),
        *(p.source for y in figures.YEARS for p in [*y.quarters.values(), *y.cumulative.values()]),
    } - {sources.INVENTED}
    assert used <= set(sources.SOURCES)
    readme = README.read_text(encoding="utf-8")
    section = readme.split("### Targets: what is real, what is invented", 1)[1].split("\n## ", 1)[0]
    for source in sources.SOURCES.values():
        assert source.url in section, source.url
    assert re.search(r"invented", section, re.IGNORECASE)


def test_the_story_is_the_same_arithmetic_the_scenario_cells_use():
    for spec in figures.SCENARIOS:
        cells = scenario_cells(spec)
        assert len(cells) == 16
        base = defaultdict(list)
        for component, _quarter, value, _growth in cells:
            base[component].append(value)
        assert dict(base) == story().base(spec.year)


def test_the_alert_check_ran_once_for_the_latest_scenario_year(demo):
    year = Scenario.objects.order_by("-year").first().year
    alerts = Alert.objects.filter(year=year).select_related("agency")
    assert demo["targets"]["alerts"] == alerts.count() > 0
    assert not Alert.objects.exclude(year=year).exists()  # the hook after each release was held back
    industry = alerts.get(kind=Alert.Kind.QUARTER_SHORTFALL, quarter=3, component=Component.INDUSTRY_CONSTRUCTION)
    assert industry.agency.code == "HP-SCT" and industry.state == Alert.State.PROPOSED
