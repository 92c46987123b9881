"""The national demo's own paths (the 33 other provinces: their communes, agencies, zones, projects, reports and
tasks) on the hidden "national-test" scale, so a break in them fails here and not ten minutes into a national run;
and the progress the demo tells, phase by phase."""

import pytest
from django.core.management import call_command

from tiendo.agencies.models import AdminUnit, Agency
from tiendo.demo import catalogue, generate
from tiendo.demo.phases import Phases
from tiendo.directives.models import Task
from tiendo.projects.models import ProgressReport, Project, Zone

pytestmark = pytest.mark.django_db
OTHERS = [code for code, *_rest in catalogue.PROVINCES if code != "HP"]
PHASES = [
    "places",
    "agencies",
    "enterprises",
    "users",
    "sectors_and_zones",
    "projects",
    "reports",
    "directives",
    "reorganisations",
    "shapes",
    "plans",
    "disbursement",
    "targets",
    "petitions",
    "opportunities",
    "scan",
    "reviews",
]


@pytest.fixture(scope="module")
def nation(django_db_setup, django_db_blocker):
    """The nation with a few communes and projects per province, loaded once for the module and removed after."""
    told: list[str] = []
    with django_db_blocker.unblock():
        counts = generate.load("national-test", seed=7, progress=told.append)
    yield counts, told
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def test_the_national_scale_is_hidden_from_the_command_and_the_real_one_is_offered():
    assert generate.SCALES["national-test"].hidden and not generate.SCALES["national"].hidden
    spec = generate.SCALES["national"]
    assert (spec.projects, spec.home_projects) == (200_000, 5_000)


def test_every_other_province_has_its_communes_agencies_and_a_zone(nation):
    for code in OTHERS:
        province = AdminUnit.objects.get(code=f"P{code}", level="province")
        communes = AdminUnit.objects.filter(parent=province, level="commune")
        assert communes.count() == 6
        assert Agency.objects.filter(code__startswith=f"P{code}-UB-").count() == 6
        zone = Zone.objects.get(code=f"P{code}-KCN-01")
        assert zone.commune.parent == province and zone.name_en.endswith("Industrial Park")


def test_every_other_province_has_its_share_of_projects_with_their_records(nation):
    counts, _told = nation
    home = Project.objects.filter(code__regex=r"^H[DP]-").count()
    assert home == 300 and counts["projects"] == Project.objects.count() == 300 + 3 * len(OTHERS)
    for code in OTHERS:
        projects = Project.objects.filter(commune__parent__code=f"P{code}")
        assert projects.count() == 3
        assert all(p.code.startswith(f"{code}-") for p in projects)
    others = Project.objects.exclude(code__regex=r"^H[DP]-")
    assert Project.history.filter(id__in=others.values("pk"), history_type="+").count() == others.count()
    assert ProgressReport.objects.filter(project__in=others).exists()
    assert counts["progress_reports"] == ProgressReport.objects.count()


def test_other_provinces_have_tasks_within_the_cap(nation):
    counts, _told = nation
    theirs = Task.objects.filter(lead_agency__code__startswith="P")
    from tiendo.petitions.models import Conference
    from tiendo.reviews.models import ReviewRound

    # the conferences' own and the review's follow-ups are not the directives phase's
    written = Task.objects.exclude(directive__in=Conference.objects.values("conclusion")).exclude(
        directive__in=ReviewRound.objects.values("conclusion")
    )
    assert theirs.exists() and counts["tasks"] == written.count() <= 400
    assert {code for code in OTHERS if theirs.filter(lead_agency__code__startswith=f"P{code}-").exists()}


def test_each_phase_is_told_with_its_time_and_the_json_has_them(nation):
    counts, told = nation
    assert set(counts["phases"]) == set(PHASES)
    assert all(seconds >= 0 for seconds in counts["phases"].values())
    for start in ("Đơn vị hành chính: ", "Cơ quan, đơn vị: ", "Doanh nghiệp: 400 (", "Tài khoản người dùng: "):
        assert any(line.startswith(start) and line.endswith(" giây)") for line in told), start
    assert any(line.startswith("Dự án đầu tư: 399; mốc tiến độ: ") for line in told)
    assert any(line.startswith("Báo cáo tiến độ: ") and line.endswith(" giây)") for line in told)
    assert any(line.startswith("Giải ngân: ") for line in told)
    assert any(line.startswith("Chỉ tiêu kinh tế - xã hội: ") for line in told)
    assert any(line.startswith("Phản ánh, kiến nghị của doanh nghiệp: ") for line in told)
    assert any(line.startswith("Dự án kêu gọi đầu tư: 24 (") for line in told)


def test_phases_set_aside_the_time_of_work_told_as_its_own():
    now = [0.0]
    told: list[str] = []
    phases = Phases(told.append, clock=lambda: now[0])
    now[0] = 2.0
    phases.done("places", "Đơn vị hành chính: 3")
    now[0] = 12.0
    phases.set_aside("reports", 4.5)  # of the ten seconds since, 4.5 went to the reports
    phases.done("projects", "Dự án đầu tư: 10")
    phases.tell("reports", "Báo cáo tiến độ: 40")
    assert told == ["Đơn vị hành chính: 3 (2,0 giây)", "Dự án đầu tư: 10 (5,5 giây)", "Báo cáo tiến độ: 40 (4,5 giây)"]
    assert phases.rounded() == {"places": 2.0, "reports": 4.5, "projects": 5.5}
    assert phases.since_start() == 12.0
