"""Public investment, openly: what the portal shows of the province's public-investment projects — their place,
owner, capital by source, the year's decided plan and what the State Treasury reports disbursed, milestones, progress
and, once the leaders decided it, the handling of a late project.

Every record is read as the public visitor reads it (tiendo.portal.public decides which records and which fields):
a public page is cached and served to every visitor alike, so it never reads with the signed-in user's eyes. The
S-curves are the department's own (tiendo.plans.disbursement over a Scope narrowed to the public's records, drawn by
tiendo.plans.charts); only the names are picked in the visitor's language here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tiendo.agencies.models import AdminUnit, Agency, Installation
from tiendo.core import access
from tiendo.directives.models import Directive
from tiendo.domain.projects import is_late
from tiendo.domain.schedule_rules import ProposalCode
from tiendo.plans import disbursement
from tiendo.plans.charts import SCurve
from tiendo.plans.disbursement import Curve, Scope
from tiendo.plans.models import Disbursement, Plan, PlanItem, PlanLine, PlanVersion, ProjectFunding, Source
from tiendo.plans.views_disbursement import curve_chart
from tiendo.projects import charts as project_charts
from tiendo.projects.filter_fields import local_units_and_agencies
from tiendo.projects.models import CapitalSource, Milestone, ProgressReport, Project, Sector, Zone
from tiendo.reviews.models import ReviewItem, ReviewRound

from .public import VISITOR as PUBLIC


def watched() -> tuple:
    """The other apps' records these pages show: a change to one makes the cached pages stale."""
    return (
        Project, Milestone, CapitalSource, ProgressReport, ProjectFunding, Plan, PlanVersion,
        PlanItem, PlanLine, Disbursement, Source, Sector, Zone, AdminUnit, Agency, ReviewRound, ReviewItem, Directive,
    )  # fmt: skip


def records(model):
    """The published records of a kind, only their published fields loaded."""
    return access.visible(PUBLIC, model).only(*access.published_fields(model))


def rows(model, *names):
    """The published records of a kind as dicts of the published fields asked for (others refused)."""
    allowed = set(access.published_fields(model)) | {"pk", "id"}
    refused = [name for name in names if name.removesuffix("_id") not in allowed]
    if refused:
        raise ValueError(f"{model.__name__}: not published: {refused}")
    return access.visible(PUBLIC, model).values(*names)


@dataclass(frozen=True)
class Named:
    """A name in the visitor's language, or the Vietnamese standing in (lang="vi" on the page)."""

    text: str
    lang: str = ""

    def __str__(self) -> str:
        return self.text


def named(vietnamese: str, english: str = "", chinese: str = "") -> Named:
    language = (get_language() or "vi").lower()
    if language.startswith("en") and english:
        return Named(english)
    if language.startswith("zh") and chinese:
        return Named(chinese)
    return Named(vietnamese, "" if language.startswith("vi") else "vi")


def _names(model, ids, vietnamese=lambda r: r["name"]) -> dict[int, Named]:
    extra = ("unit_type",) if model is AdminUnit else ()
    found = rows(model, "pk", "name", "name_en", "name_zh", *extra).filter(pk__in=[i for i in ids if i])
    return {r["pk"]: named(vietnamese(r), r["name_en"], r["name_zh"]) for r in found}


def unit_names(ids) -> dict[int, Named]:
    return _names(AdminUnit, ids, lambda r: f"{r['unit_type']} {r['name']}".strip())


# The year's plan --------------------------------------------------------------------------------------------------


@dataclass
class YearPlan:
    """The annual plan in force for the year shown: its decided version and the province's S-curve."""

    plan: Plan
    version: PlanVersion
    curve: Curve
    chart: SCurve

    @property
    def year(self) -> int:
        return self.plan.first_year


def _scope(**narrower) -> Scope:
    return Scope(viewer=PUBLIC, **narrower)


def plan_in_force(today: date) -> tuple[Plan, PlanVersion] | None:
    """This year's annual plan and its version in force, or the latest decided year before it; None if none."""
    version = (
        records(PlanVersion)
        .filter(state=PlanVersion.State.APPROVED, plan__kind=Plan.Kind.ANNUAL, plan__first_year__lte=today.year)
        .order_by("-plan__first_year", "-number")
        .first()
    )
    if version is None:
        return None
    return records(Plan).get(pk=version.plan_id), version


def year_plan(today: date | None = None) -> YearPlan | None:
    """The year's plan in force with the province's S-curve against its target path."""
    today = today or timezone.localdate()
    found = plan_in_force(today)
    if found is None:
        return None
    plan, version = found
    curve = disbursement.plan_curve(plan, _scope(), today, version=version)
    return YearPlan(plan, version, curve, curve_chart(curve, today=today))


def capital_and_paid(year: YearPlan | None) -> tuple[dict[int, int], dict[int, int]]:
    """{project: capital in the version in force}, {project: disbursed so far}: two grouped queries."""
    if year is None:
        return {}, {}
    scope = _scope()
    capital = dict(
        scope.lines(year.version)
        .order_by()
        .values("item__project_id")
        .annotate(total=Sum("amount"))
        .values_list("item__project_id", "total")
    )
    paid = dict(
        scope.disbursements(year.plan)
        .filter(month__lte=year.curve.as_of.replace(day=1))
        .order_by()
        .values("project_id")
        .annotate(total=Sum("amount"))
        .values_list("project_id", "total")
    )
    return capital, paid


def status_counts() -> list[tuple[str, int]]:
    """(status in words, number of public projects), in the order of the statuses."""
    counts = dict(rows(Project, "status").order_by().annotate(n=Count("pk")).values_list("status", "n"))
    return [(label, counts[value]) for value, label in Project._meta.get_field("status").choices if counts.get(value)]


# The list ---------------------------------------------------------------------------------------------------------


@dataclass
class ProjectRow:
    code: str
    name: Named
    status: str
    status_label: str
    group_label: str
    place: Named | None
    owner: Named | None
    total_investment: int
    capital: int | None  # in this year's plan; None: not in it
    paid: int

    @property
    def rate(self) -> Decimal | None:
        return disbursement.share(self.paid, self.capital) if self.capital else None


SORTS = ("code", "name", "investment", "rate")


def filtered_projects(*, q="", sector=None, commune=None, status="", group=""):
    projects = access.visible(PUBLIC, Project)
    if q.strip():
        key = Project.make_search_key("", q)
        projects = projects.filter(Q(search_key__contains=key) | Q(code__icontains=q.strip()))
    if sector:
        projects = projects.filter(sector_id=sector)
    if commune:
        projects = projects.filter(commune_id=commune)
    if status:
        projects = projects.filter(status=status)
    if group:
        projects = projects.filter(group=group)
    return projects


def project_rows(projects, year: YearPlan | None, sort: str = "code") -> list[ProjectRow]:
    """The projects with their places, owners, capital this year and disbursement, sorted."""
    fields = ("pk", "code", "name", "name_en", "name_zh", "status", "group", "commune_id", "agency_id")
    found = list(projects.values(*fields, "total_investment"))
    capital, paid = capital_and_paid(year)
    places = unit_names({p["commune_id"] for p in found})
    owners = _names(Agency, {p["agency_id"] for p in found})
    statuses = dict(Project._meta.get_field("status").choices)
    groups = dict(Project._meta.get_field("group").choices)
    result = [
        ProjectRow(
            code=p["code"],
            name=named(p["name"], p["name_en"], p["name_zh"]),
            status=p["status"],
            status_label=str(statuses.get(p["status"], p["status"])),
            group_label=str(groups.get(p["group"], "")),
            place=places.get(p["commune_id"]),
            owner=owners.get(p["agency_id"]),
            total_investment=p["total_investment"],
            capital=capital.get(p["pk"]),
            paid=paid.get(p["pk"], 0),
        )
        for p in found
    ]
    if sort == "name":
        result.sort(key=lambda r: (r.name.text.casefold(), r.code))
    elif sort == "investment":
        result.sort(key=lambda r: (-r.total_investment, r.code))
    elif sort == "rate":  # the least disbursed first; projects outside this year's plan last
        result.sort(key=lambda r: (r.rate is None, r.rate if r.rate is not None else 0, r.code))
    else:
        result.sort(key=lambda r: r.code)
    return result


def sector_choices() -> list[tuple[str, str]]:
    used = access.visible(PUBLIC, Project).exclude(sector=None).values("sector_id")
    names = _names(Sector, rows(Sector, "pk").filter(pk__in=used).values_list("pk", flat=True))
    return sorted(((str(pk), str(name)) for pk, name in names.items()), key=lambda c: c[1].casefold())


def commune_choices(today: date | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Today's communes and wards (since 01/07/2025), then the older units projects still point to."""
    today = today or timezone.localdate()
    installation = Installation.current()
    current, _agencies = local_units_and_agencies(installation.province_id if installation else None, today)
    current_ids = set(current.values_list("pk", flat=True)) & set(rows(AdminUnit, "pk").values_list("pk", flat=True))
    used = set(access.visible(PUBLIC, Project).exclude(commune=None).values_list("commune_id", flat=True))
    names = unit_names(current_ids | used)

    def options(ids):
        return sorted(((str(pk), str(names[pk])) for pk in ids if pk in names), key=lambda c: c[1].casefold())

    groups = [(_("Communes and wards since 01/07/2025"), options(current_ids))]
    if older := used - current_ids:
        groups.append((_("Earlier units projects still refer to"), options(older)))
    return groups


# A project's page -------------------------------------------------------------------------------------------------


@dataclass
class Handling:
    """A decision of the leaders on a late project, as the public reads it."""

    decided_on: date
    measure: str
    facts_as_of: date | None
    notice_number: str = ""
    notice_date: date | None = None


@dataclass
class ProjectYear:
    plan: Plan
    version: PlanVersion
    curve: Curve
    chart: SCurve
    by_source: list[tuple[Source, Curve]]


@dataclass
class ProjectPage:
    project: Project
    name: Named
    owner: Named | None
    sector: Named | None
    place: Named | None
    zone: Named | None
    funding: ProjectFunding | None
    sources: list[tuple[str, int]]
    milestones: list[Milestone]
    late: list[Milestone]
    timeline: object
    reports: list[ProgressReport]
    progress_chart: object
    this_year: ProjectYear | None
    handlings: list[Handling] = field(default_factory=list)


def _measure(decision: str, proposal: str) -> str:
    """The handling decided, in the visitor's language: an agreed proposal is the measure decided."""
    if decision == ReviewItem.Decision.AGREED:
        try:
            return ProposalCode(proposal).label.get(get_language() or "vi")
        except ValueError:
            return _("The measure proposed by the review")
    if decision == ReviewItem.Decision.DEFERRED:
        return _("Deferred to a later review")
    return _("Another measure, set out in the leaders' conclusion")


def handlings(project: Project) -> list[Handling]:
    items = list(
        rows(ReviewItem, "round_id", "decision", "decided_at", "proposal")
        .filter(project=project)
        .order_by("-decided_at")
    )
    rounds = {r["pk"]: r for r in rows(ReviewRound, "pk", "as_of", "conclusion_id").filter(
        pk__in=[i["round_id"] for i in items]
    )}  # fmt: skip
    notices = {
        d["pk"]: d
        for d in rows(Directive, "pk", "number", "issued_on").filter(
            pk__in=[r["conclusion_id"] for r in rounds.values() if r["conclusion_id"]]
        )
    }
    found = []
    for item in items:
        review = rounds.get(item["round_id"], {})
        notice = notices.get(review.get("conclusion_id"), {})
        found.append(
            Handling(
                decided_on=timezone.localdate(item["decided_at"]),
                measure=_measure(item["decision"], item["proposal"]),
                facts_as_of=review.get("as_of"),
                notice_number=notice.get("number", ""),
                notice_date=notice.get("issued_on") if notice.get("number") else None,
            )
        )
    return found


def _project_year(project: Project, today: date) -> ProjectYear | None:
    found = plan_in_force(today)
    if found is None:
        return None
    plan, version = found
    scope = _scope(project_id=project.pk)
    if not scope.items(version).exists() and not scope.disbursements(plan).exists():
        return None
    curve = disbursement.plan_curve(plan, scope, today, version=version)
    by_source = disbursement.source_curves(plan, scope, today, version)
    series = [(_("All sources"), curve.points())] + [(s.display_name, c.points()) for s, c in by_source]
    chart = curve_chart(curve, series if len(by_source) > 1 else None, today=today)
    return ProjectYear(plan, version, curve, chart, by_source)


def project_page(code: str, today: date | None = None) -> ProjectPage | None:
    """Everything a project's public page shows, or None for a code that is not a published project."""
    today = today or timezone.localdate()
    project = records(Project).filter(code=code).first()
    if project is None:
        return None
    names = {
        "owner": _names(Agency, [project.agency_id]).get(project.agency_id),
        "sector": _names(Sector, [project.sector_id]).get(project.sector_id),
        "place": unit_names([project.commune_id]).get(project.commune_id),
        "zone": _names(Zone, [project.zone_id]).get(project.zone_id),
    }
    milestones = list(records(Milestone).filter(project=project).order_by("first_due", "pk"))
    reports = list(records(ProgressReport).filter(project=project).order_by("period_end", "pk"))
    source_labels = dict(CapitalSource._meta.get_field("source").choices)
    sources = [
        (str(source_labels.get(s.source, s.source)), s.amount)
        for s in records(CapitalSource).filter(project=project).order_by("-amount", "source")
    ]
    return ProjectPage(
        project=project,
        name=named(project.name, project.name_en, project.name_zh),
        **names,
        funding=records(ProjectFunding).filter(project=project).first(),
        sources=sources,
        milestones=milestones,
        late=[m for m in milestones if is_late(m.facts, today)],
        timeline=project_charts.timeline(milestones, today),
        reports=list(reversed(reports)),
        progress_chart=project_charts.progress_series(reports, project.total_investment),
        this_year=_project_year(project, today),
        handlings=handlings(project),
    )


def published_codes() -> list[tuple[str, str, str, str]]:
    """(code, name, name_en, name_zh) of every published project, for the sitemap."""
    return list(rows(Project, "code", "name", "name_en", "name_zh").order_by("code").values_list(
        "code", "name", "name_en", "name_zh"
    ))  # fmt: skip
