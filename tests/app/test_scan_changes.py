"""`tiendo scan --changed` re-evaluates exactly the changed and due projects and stores a full scan's findings; the
bulk path stores exactly what the engine finds (both on SQLite and PostgreSQL)."""

import json
from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from tiendo.domain import schedule_rules
from tiendo.projects.models import Milestone, ProgressReport, Project, ScheduleAdjustment
from tiendo.reviews import scan as scan_module
from tiendo.reviews.models import Finding, QuietProject, ScanRun
from tiendo.reviews.scan import iter_facts, scan

pytestmark = pytest.mark.django_db

DAY = date(2024, 3, 1)
FIELDS = ("project_id", "rule", "severity", "citation", "days_behind", "proposal", "explanation", "verify")


def stored(run: ScanRun) -> list[tuple]:
    rows = Finding.objects.filter(run=run).values_list(*FIELDS, "facts")
    return sorted((*row[:-1], json.dumps(row[-1], sort_keys=True)) for row in rows)


def quiet_project(base, code: str, due: date) -> Project:
    """A running project with one open milestone due on `due` and nothing else the rules could hold against it."""
    project = Project.objects.create(
        code=code, name=code, kind="public", group="C", status="implementing", agency=base.agency, commune=base.commune
    )
    Milestone.objects.create(project=project, kind="completion", first_due=due, current_due=due)
    return project


@pytest.fixture
def registry(project_x, project_a):
    """project_x and project_a (FDI, reporting) as they come; one late public project and three quiet ones."""
    projects = {
        "x": project_x,
        "late": quiet_project(project_x, "L-LATE", DAY - timedelta(days=30)),
        "fdi": project_a,
        "soon": quiet_project(project_x, "Q-SOON", DAY + timedelta(days=5)),
        "later": quiet_project(project_x, "Q-LATER", DAY + timedelta(days=200)),
        "moved": quiet_project(project_x, "Q-MOVED", DAY + timedelta(days=300)),
    }
    settle()
    return projects


def settle() -> None:
    """Date every change so far two hours back: older than the slack a --changed scan allows in-flight writes."""
    past = datetime.now(UTC) - timedelta(hours=2)
    for model in (Project, Milestone, ScheduleAdjustment):
        model.history.model.objects.update(history_date=past)
    ProgressReport.objects.update(submitted_at=past)


@pytest.fixture
def evaluated(monkeypatch):
    """The ids of the projects the next scans read and evaluate."""
    seen: list[int] = []
    real = scan_module.iter_facts

    def recording(projects=None, skip=frozenset()):
        for pk, facts in real(projects, skip):
            seen.append(pk)
            yield pk, facts

    monkeypatch.setattr(scan_module, "iter_facts", recording)
    return seen


def test_changed_scan_evaluates_exactly_the_changed_and_due_projects(registry, admin_user, evaluated):
    base = scan(DAY, actor=admin_user)
    assert not base.changed_only and base.evaluated == base.projects
    quiet = dict(QuietProject.objects.values_list("project_id", "until"))
    assert set(quiet) >= {registry["soon"].pk, registry["later"].pk, registry["moved"].pk}
    assert registry["late"].pk not in quiet  # findings: due every day
    assert quiet[registry["soon"].pk] <= DAY + timedelta(days=6)

    moved = Milestone.objects.get(project=registry["moved"])
    moved.current_due = DAY - timedelta(days=10)  # through save(): kept in the history, so it is seen
    moved.save()
    ProgressReport.objects.create(
        project=registry["fdi"], period_end=date(2023, 12, 31), physical_progress=10, submitted_at=datetime.now(UTC)
    )
    evaluated.clear()
    night = scan(DAY + timedelta(days=3), actor=admin_user, changed=True)
    running = set(Project.objects.alive().filter(status__in=scan_module.RUNNING).values_list("pk", flat=True))
    due = {pk for pk, until in quiet.items() if until is not None and until <= DAY + timedelta(days=3)}
    expected = (running - set(quiet)) | due | {registry["moved"].pk, registry["fdi"].pk}
    assert night.changed_only and sorted(evaluated) == sorted(expected)
    assert registry["soon"].pk not in evaluated and registry["later"].pk not in evaluated
    assert night.projects == len(running) and night.evaluated == len(expected)
    full = scan(DAY + timedelta(days=3), actor=admin_user)
    assert stored(night) == stored(full) and night.findings == full.findings
    assert Finding.objects.filter(run=night, project=registry["moved"], rule="LATE").exists()


def test_a_deadline_passing_brings_a_quiet_project_back(registry, admin_user, evaluated):
    scan(DAY, actor=admin_user)
    soon = registry["soon"]
    quiet_days = []
    for days in range(1, 9):
        evaluated.clear()
        run = scan(DAY + timedelta(days=days), actor=admin_user, changed=True)
        if soon.pk not in evaluated:
            quiet_days.append(days)
        full = scan(DAY + timedelta(days=days), actor=admin_user)
        assert stored(run) == stored(full)
        scan(DAY + timedelta(days=days), actor=admin_user, changed=True)  # the next night starts from a --changed run
    assert quiet_days and max(quiet_days) <= 5  # due on day 5: late, and found, from day 6
    assert Finding.objects.filter(run=ScanRun.latest(), project=soon, rule="LATE").exists()


def test_a_project_leaving_or_joining_the_running_ones_is_followed(registry, admin_user):
    scan(DAY, actor=admin_user)
    Project.objects.filter(pk=registry["late"].pk).update(status="completed")  # no history: still right
    Project.objects.filter(pk=registry["later"].pk).update(status="completed")
    night = scan(DAY + timedelta(days=1), actor=admin_user, changed=True)
    assert not Finding.objects.filter(run=night, project=registry["late"]).exists()
    Project.objects.filter(pk=registry["late"].pk).update(status="implementing")
    settle()
    again = scan(DAY + timedelta(days=2), actor=admin_user, changed=True)
    assert stored(again) == stored(scan(DAY + timedelta(days=2), actor=admin_user))
    assert Finding.objects.filter(run=again, project=registry["late"]).exists()


def test_without_a_usable_latest_scan_changed_is_a_full_scan(registry, admin_user):
    first = scan(DAY, actor=admin_user, changed=True)
    assert not first.changed_only and first.evaluated == first.projects
    earlier = scan(DAY - timedelta(days=1), actor=admin_user, changed=True)  # before the latest scan's day
    assert not earlier.changed_only
    ScanRun.objects.filter(pk=earlier.pk).update(marks={**earlier.marks, "rules": "other"})
    assert not scan(DAY, actor=admin_user, changed=True).changed_only  # other rules: horizons not trusted


def test_the_bulk_path_stores_exactly_what_the_engine_finds(registry, admin_user):
    run = scan(DAY, actor=admin_user)
    engine = []
    for pk, facts in iter_facts():
        for f in schedule_rules.evaluate(facts, DAY):
            data = f.to_json()
            engine.append(
                (pk, f.rule, f.severity.value, f.citation[:300], f.days_behind, f.proposal.value)
                + (f.explanation, f.verify, json.dumps(data["facts"], sort_keys=True))
            )
    assert engine and stored(run) == sorted(engine) and run.findings == len(engine)


def test_a_report_counts_on_its_local_day(project_a):
    """Submitted 31/03 at 20:00 UTC is 01/04 in Vietnam: the database turns it into the local day."""
    ProgressReport.objects.create(
        project=project_a,
        period_end=date(2024, 3, 31),
        physical_progress=10,
        submitted_at=datetime(2024, 3, 31, 20, 0, tzinfo=UTC),
    )
    facts = dict(iter_facts(Project.objects.filter(pk=project_a.pk)))[project_a.pk]
    assert [(r.period, r.submitted) for r in facts.reports] == [("2024-Q1", date(2024, 4, 1))]


def test_the_command_runs_changed_and_says_how_many_it_evaluated(registry, specialist):
    call_command("scan", "--as-of", "01/03/2024", "--as", specialist.username, stdout=StringIO())
    out = StringIO()
    call_command("scan", "--as-of", "02/03/2024", "--changed", "--json", "--as", specialist.username, stdout=out)
    data = json.loads(out.getvalue())
    assert data["changed_only"] and 0 < data["evaluated"] < data["projects"]


def test_the_background_scan_passes_changed_on(registry, specialist):
    call_command("scan", "--as-of", "01/03/2024", "--as", specialist.username, stdout=StringIO())
    out = StringIO()
    options = ("--as-of", "02/03/2024", "--changed", "--background", "--wait", "--json", "--as", "specialist")
    call_command("scan", *options, stdout=out)
    assert json.loads(out.getvalue())["status"] == "done"
    assert ScanRun.latest().changed_only and ScanRun.latest().evaluated < ScanRun.latest().projects
