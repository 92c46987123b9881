"""The story the demo province tells after `tiendo demo` (issue 14): the scan has run, a minority of running
projects is behind for reasons spread over land, capital, procedure and reporting, reports are owed only since
reporting began, names are those of their time, investors' trades fit their projects, capital sources fit a
project's size, and nothing is dated after today. Loads the real demo once for the module (about 20 seconds)."""

from collections import Counter, defaultdict
from datetime import date, datetime, time

import pytest
from django.core.management import call_command
from django.db.models import Count, Max
from django.utils import timezone

from tiendo.agencies.models import AdminUnit
from tiendo.demo import generate
from tiendo.demo.people import foreign_trade_of, trade_fits, trade_of
from tiendo.demo.projects.schedule import PROGRAMME_WORKS, SMALL_PRIVATE, SMALL_PUBLIC
from tiendo.projects.models import (
    CapitalSource,
    LegalDocument,
    Milestone,
    ProgressReport,
    Project,
    ScheduleAdjustment,
)
from tiendo.reviews.models import Finding, ScanRun
from tiendo.reviews.scan import owed_reports

pytestmark = pytest.mark.django_db
TWO_TIER = date(2025, 7, 1)
REPORTING = ("INV-16", "SANC-01")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        counts = generate.load("province", seed=2025, progress=lambda _m: None)
    yield counts
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def _reason(rule: str, facts: dict) -> str:
    """What a finding is about: land, capital, reporting, procedure, or the works themselves."""
    milestone = facts.get("milestone")
    if rule.startswith("LAND-") or milestone in ("site_clearance", "land_handover"):
        return "land"
    if rule in ("INV-12", "SANC-03") or milestone == "capital_contribution":
        return "capital"
    if rule in REPORTING:
        return "reporting"
    if rule in ("SANC-02", "INV-01", "INV-02", "INV-08", "PI-17"):
        return "procedure"
    return "works"


def test_the_demo_ends_with_the_scan_so_findings_are_there_from_the_start(demo):
    run = ScanRun.objects.get()
    assert demo["scan"] == {"run": run.pk, "as_of": run.as_of.isoformat(), "projects": run.projects,
                            "findings": run.findings}  # fmt: skip
    assert run.as_of == timezone.localdate() and run.started_by.username == "chuyenvien"
    assert run.projects == Project.objects.running().count() and run.findings == Finding.objects.count() > 0
    assert demo["phases"]["scan"] >= 0


def test_a_minority_of_running_projects_is_behind_for_spread_reasons(demo):
    running = Project.objects.running().count()
    behind = Finding.objects.values("project_id").distinct().count()
    assert 0.15 <= behind / running <= 0.30
    reasons: dict[str, set[int]] = defaultdict(set)
    for pk, rule, facts in Finding.objects.values_list("project_id", "rule", "facts"):
        reasons[_reason(rule, facts)].add(pk)
    shares = {reason: len(pks) / behind for reason, pks in reasons.items()}
    assert {"land", "capital", "procedure", "reporting"} <= set(shares)
    assert sum(share >= 0.05 for share in shares.values()) >= 3
    assert shares["reporting"] < 0.3  # reports missing are a minority of the reasons, not the story
    fines = Finding.objects.filter(proposal="fine_reporting").values("project_id").distinct().count()
    assert fines < 0.05 * running


def test_reports_are_owed_only_since_reporting_began_and_against_the_reports_kept(demo):
    """An operating project that reported every quarter since its first report owes nothing (HD-2016-0001 was
    said to owe 28 reports, 3,803 days late); no finding counts a report from before the registry kept them."""
    first_kept = ProgressReport.objects.order_by("period_end").values_list("period_end", flat=True).first()
    for facts in Finding.objects.filter(rule__in=REPORTING).values_list("facts", flat=True):
        assert date.fromisoformat(facts["oldest_deadline"]) > first_kept
    diligent = (
        Project.objects.filter(status="operating", certificate_date__lt=date(2020, 1, 1))
        .annotate(reports=Count("progress_reports"))
        .filter(reports__gte=12)
        .order_by("pk")[:40]
    )
    checked = 0
    for project in diligent:
        ends = list(project.progress_reports.values_list("period_end", "submitted_at"))
        on_time = all((sent.date() - end).days <= 9 for end, sent in ends)
        if on_time and len(ends) == project.reports:
            assert owed_reports(project) == [], project.code
            assert not Finding.objects.filter(project=project, rule__in=REPORTING).exists()
            checked += 1
    assert checked >= 10


def test_projects_before_the_2025_reorganisation_name_no_commune_of_today(demo):
    today_only = [
        f"{unit_type} {name}"
        for unit_type, name in AdminUnit.objects.filter(valid_from__gte=TWO_TIER, level="commune").values_list(
            "unit_type", "name"
        )
    ]
    assert today_only
    old = Project.objects.filter(code__startswith="HD-").values_list("code", "name")
    mixed = [(code, name) for code, name in old if any(f"{commune}," in name or name.endswith(commune)
                                                       for commune in today_only)]  # fmt: skip
    assert mixed == []
    assert Project.objects.filter(code__startswith="HP-", name__regex=r"(xã|phường) ").exists()


def test_investors_trades_fit_their_projects_sectors(demo):
    """Each enterprise's name carries its trade; its projects are of the sectors that trade invests in (no
    garment company growing vegetables, no real-estate group running a pig farm)."""
    projects = Project.objects.exclude(kind="public").values_list(
        "investor__name", "investor__name_en", "investor__country", "sector__code", "name"
    )
    misfits = [
        (investor, sector, name)
        for investor, investor_en, country, sector, name in projects
        if not trade_fits(trade_of(investor) if country == "VN" else foreign_trade_of(investor_en), sector, name)
    ]
    assert len(projects) > 3000 and misfits == []
    garment = Project.objects.filter(investor__name__contains=" May mặc ").values_list("sector__code", flat=True)
    assert set(garment) <= {"DM"}
    pig_farms = Project.objects.filter(name__contains="chăn nuôi lợn").values_list("investor__name", flat=True)
    assert not [name for name in pig_farms if "Bất động sản" in name or "May mặc" in name]


def test_capital_sources_fit_a_project_s_size_and_kind(demo):
    counts = dict(Project.objects.annotate(n=Count("capital_sources")).values_list("pk", "n"))
    programme = set(  # a commune's works co-funded by a national target programme: central + local budget
        CapitalSource.objects.filter(
            project__kind="public",
            source="central_budget",
            project__total_investment__lte=PROGRAMME_WORKS[1],
            project__agency__code__contains="-UB-",
        ).values_list("project", flat=True)
    )
    assert programme  # new rural areas: some communes' roads and schools
    for pk, kind, total in Project.objects.values_list("pk", "kind", "total_investment"):
        small = total < (SMALL_PUBLIC if kind == "public" else SMALL_PRIVATE) and pk not in programme
        assert counts[pk] == 1 if small else 1 <= counts[pk] <= 2, pk
    small_public = CapitalSource.objects.filter(
        project__kind="public", project__total_investment__lt=SMALL_PUBLIC
    ).exclude(project__in=programme)
    assert set(small_public.values_list("source", flat=True)) == {"local_budget"}
    private = CapitalSource.objects.exclude(project__kind="public").values_list("source", flat=True).distinct()
    assert set(private) == {"equity", "loan"}
    central = CapitalSource.objects.filter(source="central_budget").values_list("project__group", flat=True)
    assert central and Counter(central)["C"] < len(central)  # the central budget goes mostly to large works


def test_no_fact_of_the_project_side_is_dated_after_today(demo):
    today = timezone.localdate()
    start_of_today = timezone.make_aware(datetime.combine(today, time.min))
    assert Milestone.objects.aggregate(m=Max("done"))["m"] <= today
    assert ScheduleAdjustment.objects.aggregate(m=Max("decided_on"))["m"] <= today
    assert LegalDocument.objects.aggregate(m=Max("date"))["m"] <= today
    assert ProgressReport.objects.aggregate(m=Max("period_end"))["m"] < today
    assert ProgressReport.objects.aggregate(m=Max("submitted_at"))["m"] < start_of_today <= timezone.now()
    for field in ("policy_decision_date", "certificate_date", "land_decision_date", "land_handover_date"):
        assert Project.objects.aggregate(m=Max(field))["m"] <= today, field
