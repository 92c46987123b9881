"""What tiendo already knows, shown beside an indicator (issue 15, point 6): for GRDP, the year's public-investment
disbursement (plans app) against what the construction component assumes by then; for any indicator, the projects
it depends on with their behind-schedule findings (reviews app).

`panel(indicator, year, user)` is the panel's context (template targets/links_panel.html), None for who may not
read targets. Every figure goes through the access layer: the province's disbursement only for those who see
every plan line, the projects and findings only as far as the user may see them."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import translation

from tiendo.core import access
from tiendo.domain import access as role_table
from tiendo.domain import growth_alerts as rules
from tiendo.plans.charts import month_end
from tiendo.plans.dashboards import annual_plan
from tiendo.plans.disbursement import last_report, plan_curve, scope_for
from tiendo.projects.models import Project
from tiendo.reviews.models import Finding, ScanRun

from .models import Indicator, IndicatorProject


def assumed_levels() -> tuple[float, ...]:
    """The disbursement (percent of the year's plan, cumulative) the construction component assumes by the end
    of each quarter: TIENDO_TARGETS_ASSUMED_DISBURSEMENT, e.g. "25,50,75,95"."""
    value = getattr(settings, "TIENDO_TARGETS_ASSUMED_DISBURSEMENT", rules.DEFAULT_ASSUMED_DISBURSEMENT)
    if isinstance(value, str):
        value = [part for part in value.replace(";", ",").split(",") if part.strip()]
    levels = tuple(float(v) for v in value)
    return levels if len(levels) == 4 else rules.DEFAULT_ASSUMED_DISBURSEMENT


@dataclass(frozen=True)
class DisbursementLink:
    year: int
    allocated: int  # đồng, the plan version in force
    disbursed: int  # đồng, to the latest Treasury report
    rate: Decimal | None  # percent of the plan
    last_report: date | None  # the month of the latest Treasury report
    assumed: Decimal | None  # percent the scenario assumes by the end of that month
    quarter_levels: tuple[Decimal, ...]  # percent assumed by the end of each quarter

    @property
    def gap(self) -> Decimal | None:
        """Percentage points above (+) or below (−) the level assumed."""
        return None if self.rate is None or self.assumed is None else self.rate - self.assumed

    @property
    def behind(self) -> bool:
        return self.gap is not None and self.gap < 0


def disbursement(year: int, user) -> DisbursementLink | None:
    """The year's disbursement of the whole province against the assumed level; None for who does not see every
    plan line (an officer sees its agency's part only, which says nothing of the construction component) or when
    the year has no annual plan."""
    if access.scope(user, role_table.plan_scope) != role_table.Scope.ALL:
        return None
    plan = annual_plan(year)
    if plan is None:
        return None
    reported = last_report(plan)
    as_of = month_end(min(reported, date(year, 12, 1))) if reported else date(year, 1, 1)
    curve = plan_curve(plan, scope_for(user), as_of)
    levels = assumed_levels()
    assumed = None
    if reported is not None:
        month = 12 if reported.year > year else reported.month
        assumed = Decimal(str(round(rules.assumed_disbursement(month, levels), 2)))
    return DisbursementLink(
        year=year,
        allocated=curve.allocated,
        disbursed=curve.disbursed if reported else 0,
        rate=curve.rate if reported else None,
        last_report=reported,
        assumed=assumed,
        quarter_levels=tuple(Decimal(str(level)) for level in levels),
    )


def projects(indicator: Indicator, year: int, user) -> list[dict]:
    """The projects the indicator depends on that the user may see, each with its findings in the latest scan
    (those the user may see)."""
    links = (
        access.visible(user, IndicatorProject)
        .filter(indicator=indicator, year=year, project__in=access.visible(user, Project))
        .select_related("project", "project__investor")
        .order_by("project__code")
    )
    links = list(links)
    run = ScanRun.latest()
    found: dict[int, list] = {}
    if run is not None and links:
        findings = access.visible(user, Finding).filter(run=run, project_id__in=[link.project_id for link in links])
        language = translation.get_language() or "vi"
        for finding in findings.order_by("project_id", "rule"):
            finding.text = finding.reasoning(language)
            found.setdefault(finding.project_id, []).append(finding)
    return [{"link": link, "project": link.project, "findings": found.get(link.project_id, [])} for link in links]


def panel(indicator: Indicator, year: int, user) -> dict | None:
    """The panel's context: disbursement (GRDP only), linked projects, and whether the user may change links."""
    if not access.can(user, "read_targets"):
        return None
    return {
        "indicator": indicator,
        "year": year,
        "disbursement": disbursement(year, user) if indicator.code == Indicator.GRDP_GROWTH else None,
        "projects": projects(indicator, year, user),
        "can_link": access.can(user, "manage_targets"),
        "scan": ScanRun.latest(),
    }
