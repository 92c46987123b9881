"""The targets app's writes: revisions keep what they replaced, stale edits are refused, roles are kept apart."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tiendo.audit.versions import StaleVersion
from tiendo.core import access
from tiendo.targets import services
from tiendo.targets.models import Component, GrowthFigure, Indicator, Publication, Scenario, Target


@pytest.fixture
def grdp(db, agency_x):
    return Indicator.objects.create(code=Indicator.GRDP_GROWTH, name="Tốc độ tăng trưởng GRDP", unit="percent")


@pytest.fixture
def revenue(db, agency_x):
    return Indicator.objects.create(
        code="budget_revenue", name="Thu ngân sách", unit="billion_vnd", accumulates=True, responsible_agency=agency_x
    )


def _release(number: str, day: date, status=Publication.Status.PRELIMINARY) -> Publication:
    return Publication(number=number, published_on=day, issuer="Thống kê tỉnh", status=status)


def _quarter(quarter: int, growth: str) -> list[services.NewGrowth]:
    return [services.NewGrowth(2026, quarter, c, Decimal(growth)) for c in Component.values]


def test_a_later_release_of_a_quarter_replaces_the_figure_and_keeps_it(specialist, grdp):
    first = services.record_publication(
        _release("1/BC", date(2026, 4, 6)), actor=specialist, growth=_quarter(1, "0.10")
    )
    services.record_publication(
        _release("5/BC", date(2026, 7, 6), Publication.Status.OFFICIAL), actor=specialist, growth=_quarter(1, "0.095")
    )
    figure = services.current_growth(2026, 1, Component.SERVICES, None)
    assert figure.growth == Decimal("0.095")
    assert figure.replaces.publication == first
    assert figure.replaces.growth == Decimal("0.10")
    assert GrowthFigure.objects.count() == 8


def test_a_release_with_a_bad_figure_writes_nothing(specialist, grdp):
    figures = [*_quarter(1, "0.1"), services.NewGrowth(2026, 5, Component.SERVICES, Decimal("0.1"))]
    with pytest.raises(ValidationError):
        services.record_publication(_release("1/BC", date(2026, 4, 6)), actor=specialist, growth=figures)
    assert not Publication.objects.exists() and not GrowthFigure.objects.exists()


def test_an_officer_reports_only_its_own_indicators(officer_x, officer_y, revenue, grdp):
    value = services.NewValue(revenue, 2026, 3, Decimal("5300"))
    services.record_publication(_release("", date(2026, 4, 3)), actor=officer_x, values=[value])
    with pytest.raises(PermissionDenied):
        services.record_publication(_release("", date(2026, 4, 3)), actor=officer_y, values=[value])
    with pytest.raises(PermissionDenied):
        services.record_publication(_release("1/BC", date(2026, 4, 6)), actor=officer_x, growth=_quarter(1, "0.1"))


def test_a_stale_target_revision_is_refused(specialist, leader, grdp):
    target = services.save_target(
        Target(indicator=grdp, year=2026, low=Decimal("13"), high=Decimal("13.5"), document="NQ 01/NQ-CP"),
        actor=specialist,
    )
    read = target.version
    mine, theirs = Target.objects.get(pk=target.pk), Target.objects.get(pk=target.pk)
    theirs.low = Decimal("12")
    services.save_target(theirs, actor=leader, reason="HĐND điều chỉnh", expected_version=read)
    mine.low = Decimal("14")
    with pytest.raises(StaleVersion):
        services.save_target(mine, actor=specialist, reason="sửa", expected_version=read)
    assert Target.objects.get(pk=target.pk).low == Decimal("12")
    assert [h.history_change_reason for h in target.history.all()][0] == "HĐND điều chỉnh"


def test_a_revision_needs_a_reason_and_the_public_sees_no_scenario(specialist, investor_a, grdp):
    target = services.save_target(Target(indicator=grdp, year=2026, low=Decimal("13"), document="NQ"), actor=specialist)
    with pytest.raises(ValidationError):
        services.save_target(target, actor=specialist, expected_version=target.version)
    cells = [services.Cell(c, q, Decimal("100"), Decimal("0.1")) for c in Component.values for q in (1, 2, 3, 4)]
    scenario = services.save_scenario(
        Scenario(year=2026, name="Tháng 2", target_growth=Decimal("0.13")), cells, actor=specialist
    )
    services.adopt_scenario(scenario, actor=specialist, adopted_on=date(2026, 2, 10))
    with pytest.raises(ValidationError):
        services.save_scenario(scenario, cells, actor=specialist)
    revision = services.revise_scenario(scenario, actor=specialist, name="Điều chỉnh tháng 7")
    assert revision.cells.count() == 16 and revision.based_on == scenario
    assert not access.visible(investor_a, Scenario).exists()
    assert not access.visible(None, Scenario).exists()
    assert access.visible(None, Target).count() == 1
