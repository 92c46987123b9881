"""The targets in the JSON API, read only: indicators with the year's target and latest value, one indicator with its
targets' revisions and its values with their sources, the year's scenarios (staff and officers: the access layer
gives an investor or a visitor none), and the actuals with what each replaced.

The shapes are `tiendo targets list/show --json`'s (tiendo.targets.records_read builds both)."""

from datetime import date

from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from tiendo.core import access
from tiendo.core.api_input import Code, Integer

from . import records_read
from .models import Indicator, Scenario

router = Router(tags=["targets"])


class YearFilter(Schema):
    year: Integer(ge=2000, le=2100, description="default: this year") | None = None


def _year(filters: YearFilter) -> int:
    return filters.year or timezone.localdate().year


class PublicationOut(Schema):
    id: int
    source: str = Field(description="statistics, department or manual; investors and visitors see statistics only")
    status: str = Field(description="preliminary or official")
    number: str
    published_on: date
    issuer: str
    title: str
    link: str


class ReplacedOut(Schema):
    id: int
    value: str = Field(description="the replaced figure as written, e.g. 9,20 %")
    publication: PublicationOut
    sentence: str = Field(description="e.g. thay thế số liệu 9,20 % của báo cáo 12/BC-TK ngày 06/04/2026")


class RevisionOut(Schema):
    at: str
    by: str | None
    reason: str
    low: float | None
    high: float | None
    document: str


class TargetOut(Schema):
    kind: str = Field(description="term, term_year or year")
    term: str | None
    year: int | None
    low: float
    high: float | None
    document: str
    decided_on: date | None
    note: str


class TargetWithRevisionsOut(TargetOut):
    revisions: list[RevisionOut]


class ValueOut(Schema):
    id: int
    indicator: str
    year: int
    months: int = Field(description="the year's first months the value covers")
    value: float
    value_text: str
    note: str
    in_force: bool
    publication: PublicationOut
    replaces: ReplacedOut | None


class GrowthOut(Schema):
    id: int
    year: int
    quarter: int
    component: str
    sector: str | None
    growth: float = Field(description="a fraction: 0.0985 is 9.85 %")
    growth_text: str
    level: float | None = Field(description="GRDP at comparable prices, billion đồng")
    in_force: bool
    publication: PublicationOut
    replaces: ReplacedOut | None


class IndicatorOut(Schema):
    code: str
    name: str
    name_en: str
    name_zh: str
    unit: str
    direction: str
    accumulates: bool
    responsible_agency: str | None
    active: bool
    year: int


class IndicatorRowOut(IndicatorOut):
    target: TargetOut | None
    latest: ValueOut | None


class IndicatorDetailOut(IndicatorOut):
    term: str | None
    targets: list[TargetWithRevisionsOut]
    values: list[ValueOut]
    growth: list[GrowthOut] = Field(default=[], description="GRDP growth only: the year's component figures")


class CellOut(Schema):
    component: str
    sector: str | None
    quarter: int
    base: float = Field(description="the previous year's GRDP at comparable prices, billion đồng")
    growth: float = Field(description="planned growth, a fraction")


class ScenarioOut(Schema):
    id: int
    year: int
    name: str
    status: str
    target_growth: float
    adopted_on: date | None
    document: str
    based_on: int | None
    cells: list[CellOut]


class ActualsOut(Schema):
    year: int
    growth: list[GrowthOut]
    values: list[ValueOut]


@router.get("/targets/indicators", response=list[IndicatorRowOut])
def list_indicators(request, filters: Query[YearFilter]):
    """The indicators the user sees, with the year's target and the latest value in force of the year."""
    return records_read.indicator_list(request.user, _year(filters))


@router.get("/targets/indicators/{code}", response=IndicatorDetailOut)
def get_indicator(request, code: Code, filters: Query[YearFilter]):
    """One indicator: the term's and the year's targets with revisions, the year's values with their sources."""
    indicator = access.get_or_404(request.user, Indicator, code=code)
    return records_read.indicator_detail(request.user, indicator, _year(filters))


@router.get("/targets/scenarios", response=list[ScenarioOut])
def list_scenarios(request, filters: Query[YearFilter]):
    """The year's scenario versions with their cells: the province's staff and officers (none for others)."""
    scenarios = access.visible(request.user, Scenario).filter(year=_year(filters)).order_by("-adopted_on", "-pk")
    return [records_read.scenario_data(s) for s in scenarios]


@router.get("/targets/actuals", response=ActualsOut)
def actuals(request, filters: Query[YearFilter]):
    """The year's published figures: GRDP growth by quarter and component, indicator values; each with its
    publication and what it replaced."""
    year = _year(filters)
    return {
        "year": year,
        "growth": records_read.actual_growth(request.user, year),
        "values": records_read.actual_values(request.user, year),
    }
