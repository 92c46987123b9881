"""The demo's investment projects: a realistic province (mix, lateness, extensions), kept history, seeded."""

import re
from collections import defaultdict
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count, Exists, F, Max, OuterRef
from django.utils import timezone

from tiendo.accounts.models import User
from tiendo.demo import generate
from tiendo.demo import projects as demo_projects
from tiendo.projects.access import projects_for_user
from tiendo.projects.models import (
    CapitalSource,
    LegalDocument,
    Milestone,
    ProgressReport,
    Project,
    ScheduleAdjustment,
    Sector,
    Zone,
)

pytestmark = pytest.mark.django_db
SEED = 7


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The province demo, loaded once for the module (about 15 seconds) and removed afterwards."""
    with django_db_blocker.unblock():
        counts = generate.load("province", seed=SEED, progress=lambda _m: None)
    yield counts
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def _months(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _late_exists():
    today = timezone.localdate()
    return Exists(Milestone.objects.filter(project=OuterRef("pk"), done__isnull=True, current_due__lt=today))


def test_province_has_about_5000_projects_of_all_three_kinds(demo):
    assert demo["projects"] == Project.objects.count() == 5_000
    assert demo["milestones"] == Milestone.objects.count()
    assert demo["progress_reports"] == ProgressReport.objects.count()
    shares = {row["kind"]: row["n"] / 5_000 for row in Project.objects.values("kind").annotate(n=Count("pk"))}
    assert 0.25 <= shares["public"] <= 0.35
    assert 0.45 <= shares["private"] <= 0.55
    assert 0.15 <= shares["fdi"] <= 0.25
    assert {"preparing", "implementing", "operating", "completed", "suspended", "terminated"} == set(
        Project.objects.values_list("status", flat=True)
    )
    assert Sector.objects.count() >= 15
    assert Zone.objects.filter(kind="kcn").count() >= 12 and Zone.objects.filter(kind="ccn").exists()
    assert not Zone.objects.filter(commune__isnull=True).exists()


def test_a_realistic_share_of_running_projects_is_late(demo):
    running = Project.objects.running()
    late = running.filter(_late_exists()).count()
    assert 0.20 <= late / running.count() <= 0.45
    # foreign investors are the fastest, public works the slowest
    share = {
        kind: running.filter(kind=kind, pk__in=running.filter(_late_exists())).count()
        / running.filter(kind=kind).count()
        for kind in ("public", "private", "fdi")
    }
    assert share["fdi"] < share["private"] < share["public"]


def test_some_projects_were_extended_and_the_milestone_keeps_the_last_new_date(demo):
    extended = Project.objects.filter(milestones__adjustments__isnull=False).distinct().count()
    assert 0.10 <= extended / 5_000 <= 0.20
    adjusted = Milestone.objects.filter(adjustments__isnull=False).distinct()
    assert adjusted.exists()
    for milestone in adjusted.prefetch_related("adjustments"):
        steps = list(milestone.adjustments.all())
        assert steps[0].old_due == milestone.first_due
        assert steps[-1].new_due == milestone.current_due
        assert all(a.old_due == b.new_due for a, b in zip(steps[1:], steps, strict=False))
        # schedules run to the end of a month: 31/08 + 6 months is 28/02
        assert all(6 <= _months(s.old_due, s.new_due) <= 24 for s in steps)
    assert not Milestone.objects.filter(adjustments__isnull=True).exclude(current_due=F("first_due")).exists()
    # every adjustment has its decision among the project's legal documents
    numbers = set(LegalDocument.objects.filter(kind="adjustment").values_list("project_id", "number"))
    for project_id, number in ScheduleAdjustment.objects.values_list("milestone__project_id", "document_number"):
        assert (project_id, number) in numbers


def test_every_record_has_its_first_history_row(demo):
    for model in (Project, Milestone, ScheduleAdjustment, CapitalSource, LegalDocument, Zone):
        created = model.history.filter(history_type="+").values("id").distinct().count()
        assert created == model._default_manager.count(), model


def test_the_demo_investor_follows_two_to_four_foreign_projects(demo):
    investor = User.objects.get(username="nhadautu")
    own = projects_for_user(investor)
    assert 2 <= own.count() <= 4
    assert set(own.values_list("kind", flat=True)) == {"fdi"}
    assert set(own.values_list("investor_id", flat=True)) == {investor.enterprise_id}


def test_public_projects_have_a_group_and_owner_private_ones_an_investor(demo):
    public = Project.objects.filter(kind="public")
    assert not public.filter(group="").exists()
    assert not public.filter(agency__isnull=True).exists()
    assert not public.filter(investor__isnull=False).exists()
    assert set(public.values_list("group", flat=True)) >= {"B", "C"}
    private = Project.objects.exclude(kind="public")
    assert not private.filter(investor__isnull=True).exists()
    assert not private.exclude(group="").exists()
    assert not Project.objects.filter(kind="private").exclude(investor__country="VN").exists()
    assert not Project.objects.filter(kind="fdi", investor__country="VN").exists()
    assert not Project.objects.filter(kind="fdi", name_en="").exists()
    # capital sources add up to the total investment
    sums = dict(
        CapitalSource.objects.values("project").annotate(s=Max("project__total_investment")).values_list("project", "s")
    )
    totals = defaultdict(int)
    for project_id, amount in CapitalSource.objects.values_list("project_id", "amount"):
        totals[project_id] += amount
    assert totals == sums and len(totals) == 5_000


def test_running_projects_of_hai_duong_agencies_moved_to_hai_phong(demo):
    running = Project.objects.running()
    assert running.filter(agency__code__startswith="HP-").count() == running.count()
    # finished projects keep the agency of their time
    assert Project.objects.filter(status="completed", agency__code__startswith="HD-").exists()
    moved = Project.history.filter(history_type="~", history_change_reason__contains="Sáp nhập").values("id")
    assert moved.distinct().count() > 1_000
    handed = Project.history.filter(history_change_reason__contains="1669/NQ-UBTVQH15")
    assert handed.exists()
    officer = User.objects.get(username="canbo.phuong")
    assert projects_for_user(officer).exists()
    assert projects_for_user(User.objects.get(username="canbo.xaydung")).exists()
    # every project lies in a commune of today
    assert not Project.objects.exclude(commune__valid_from=date(2025, 7, 1)).exists()


def test_progress_only_rises_and_stays_within_the_investment(demo):
    rows = ProgressReport.objects.order_by("project_id", "period_end").values_list(
        "project_id", "period_end", "physical_progress", "disbursed_to_date", "project__total_investment"
    )
    previous = {}
    last_quarter = demo_projects.quarter_end(demo_projects.quarter_index(timezone.localdate()) - 1)
    for project_id, period_end, progress, disbursed, total in rows:
        assert period_end == demo_projects.month_end(period_end) and period_end.month % 3 == 0
        assert period_end <= last_quarter
        assert 0 <= progress <= 100 and 0 <= disbursed <= total
        if project_id in previous:
            before_end, before_progress, before_disbursed = previous[project_id]
            assert period_end > before_end
            assert progress >= before_progress and disbursed >= before_disbursed, project_id
        previous[project_id] = (period_end, progress, disbursed)
    assert 8 <= len(rows) / 5_000 <= 12
    assert ProgressReport.objects.exclude(problems="").count() > 1_000
    assert ProgressReport.objects.filter(jobs__gt=0, revenue__gt=0, taxes_paid__gt=0).exists()


def test_status_agrees_with_the_milestones(demo):
    done = Milestone.objects.filter(project=OuterRef("pk"), done__isnull=False)
    operating = Project.objects.filter(status="operating")
    assert operating.count() == operating.filter(Exists(done.filter(kind="operation"))).count()
    completed = Project.objects.filter(status="completed")
    assert completed.count() == completed.filter(Exists(done.filter(kind__in=["completion", "operation"]))).count()
    preparing = Project.objects.filter(status="preparing")
    assert not preparing.filter(Exists(done.filter(kind="construction_start"))).exists()
    today = timezone.localdate()
    assert not Milestone.objects.filter(done__gt=today).exists()
    clearing = Milestone.objects.filter(kind="site_clearance")
    assert clearing.count() > 1_000
    for area, cleared, households, moved, planned, paid, finished in clearing.values_list(
        "clearance_area_m2",
        "cleared_area_m2",
        "households",
        "households_cleared",
        "compensation_planned",
        "compensation_paid",
        "done",
    ):
        assert 0 <= cleared <= area and 0 <= moved <= households and 0 <= paid <= planned
        assert finished is None or (cleared == area and moved == households)


def test_codes_and_legal_basis_look_like_the_province_s(demo):
    pattern = re.compile(r"^H[DP]-20(1[6-9]|2[0-5])-\d{4}$")
    codes = list(Project.objects.values_list("code", flat=True))
    assert all(pattern.match(code) for code in codes)
    assert not Project.objects.filter(code__startswith="HP-", policy_decision_date__lt=date(2025, 7, 1)).exists()
    fdi = Project.objects.filter(kind="fdi")
    assert not fdi.filter(certificate_number="").exists()
    assert all(re.fullmatch(r"\d{10}", n) for n in fdi.values_list("certificate_number", flat=True))
    assert Project.objects.filter(policy_decision_number__endswith="/QĐ-UBND").exists()
    assert Project.objects.filter(policy_decision_number__endswith="/NQ-HĐND").exists()
    assert (
        LegalDocument.objects.filter(kind="adjustment").exists() and LegalDocument.objects.filter(kind="land").exists()
    )
    deposits = Project.objects.exclude(deposit_status="not_required")
    assert deposits.exists() and not deposits.filter(kind="public").exists()
    assert not deposits.filter(deposit_amount=0).exists()


def test_generation_is_deterministic_for_a_seed(demo):
    first = demo_projects.preview(SEED, 200)
    again = demo_projects.preview(SEED, 200)
    other = demo_projects.preview(SEED + 1, 200)

    def facts(plans):
        return [
            (
                p.project.code,
                p.project.name,
                p.project.total_investment,
                p.project.kind,
                p.project.status,
                [(m.kind, m.first_due, m.current_due, m.done) for m in p.milestones],
            )
            for p in plans
        ]

    assert facts(first) == facts(again)
    assert facts(first) != facts(other)
    stored = {
        p.code: p
        for p in Project.objects.filter(code__in=[p.project.code for p in first]).prefetch_related("milestones")
    }
    for plan in first:
        project = stored[plan.project.code]
        assert (project.name, project.total_investment, project.kind, project.status) == (
            plan.project.name,
            plan.project.total_investment,
            plan.project.kind,
            plan.project.status,
        )
        assert sorted((m.kind, m.first_due, m.current_due, m.done) for m in project.milestones.all()) == sorted(
            (m.kind.value, m.first_due, m.current_due, m.done) for m in plan.milestones
        )


@pytest.mark.parametrize(
    ("billions", "band", "decided", "group"),
    [
        (50, 4, date(2024, 6, 1), "B"),  # Law 39/2019: group B from 45 bn in band 4
        (50, 4, date(2025, 6, 1), "C"),  # Law 58/2024: from 90 bn
        (700, 4, date(2024, 6, 1), "A"),
        (700, 4, date(2025, 6, 1), "B"),
        (4_600, 1, date(2025, 6, 1), "A"),
        (31_000, 1, date(2025, 6, 1), "national"),
    ],
)
def test_project_group_follows_the_law_of_the_decision_date(billions, band, decided, group):
    assert demo_projects.project_group(billions * demo_projects.TY, band, decided) == group


def test_deposit_is_progressive():
    ty = demo_projects.TY
    assert demo_projects.deposit_for(100 * ty) == 3 * ty
    assert demo_projects.deposit_for(1_000 * ty) == 9 * ty + 14 * ty
    assert demo_projects.deposit_for(2_000 * ty) == 9 * ty + 14 * ty + 10 * ty


def test_the_public_map_draws_each_commune_around_its_own_projects(demo):
    """The shapes phase sketches every commune of today's province, each around the place its projects gather."""
    from tiendo.agencies.models import AdminUnit
    from tiendo.domain.portal import geometry
    from tiendo.portal.models import CommuneShape

    shapes = {s.unit_id: geometry.opened(s.outline) for s in CommuneShape.objects.filter(source="schematic")}
    communes = AdminUnit.objects.filter(code__startswith="HP-", level="commune")
    assert demo["commune_shapes"] == len(shapes) == communes.count() == 64
    rows = Project.objects.filter(commune__in=communes, latitude__isnull=False)
    located = rows.values_list("longitude", "latitude", "commune_id")
    inside = sum(geometry.contains(shapes[commune], (float(lon), float(lat))) for lon, lat, commune in located)
    assert inside / len(located) > 0.95
