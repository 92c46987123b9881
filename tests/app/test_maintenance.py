"""ANALYZE after bulk changes: the demo, an import that wrote many rows (once committed), `tiendo analyze`."""

import pytest
from django.core.management import call_command
from django.db import connection
from test_disbursement_import import HEADER
from test_disbursement_import import run as run_disbursement
from test_disbursement_support import plan_2024, public_projects, sources
from test_import_export import base_sheets, run, setup

from tiendo.core import maintenance

FIXTURES = (plan_2024, public_projects, sources, run, setup)  # the import tests' own, used here by name


@pytest.fixture
def analyzed(monkeypatch):
    """The tables each ANALYZE was asked for (None: all of them), instead of running it."""
    calls = []
    monkeypatch.setattr(maintenance, "analyze", lambda tables=None, **kw: calls.append(tables))
    return calls


def test_analyze_runs_on_this_database(db):
    maintenance.analyze(["projects_project"])
    maintenance.analyze()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            assert cursor.fetchone()[0] == 1


def test_the_analyze_command(db, analyzed, capsys):
    call_command("analyze")
    call_command("analyze", "projects_project", "projects_milestone")
    assert analyzed == [None, ["projects_project", "projects_milestone"]]


def test_analyze_waits_for_the_commit_and_skips_small_changes(db, analyzed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert maintenance.analyze_after_commit(maintenance.ANALYZE_AFTER_ROWS - 1) is False
        assert maintenance.analyze_after_commit(maintenance.ANALYZE_AFTER_ROWS) is True
        assert analyzed == []  # not before the commit
    assert len(callbacks) == 1 and analyzed == [None]


def test_a_large_project_import_analyzes_after_its_commit(
    run, analyzed, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(maintenance, "ANALYZE_AFTER_ROWS", 6)  # the workbook's 2 projects, 2 milestones, 2 reports
    with django_capture_on_commit_callbacks(execute=True):
        result = run(base_sheets())
    assert result.errors == [] and analyzed == [None]


def test_a_small_or_refused_project_import_does_not_analyze(
    run, analyzed, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(maintenance, "ANALYZE_AFTER_ROWS", 7)
    with django_capture_on_commit_callbacks(execute=True):
        run(base_sheets())
        run(base_sheets(), dry_run=True)
    assert analyzed == []


def test_a_large_treasury_import_analyzes_after_its_commit(
    plan_2024, specialist, analyzed, monkeypatch, django_capture_on_commit_callbacks
):
    def rows(month):
        return [HEADER, [1, "HD-2021-0001", "NSDP_CD", month, "1.500"], [2, "HD-DTC-0002", "NSDP_CD", month, "2"]]

    monkeypatch.setattr(maintenance, "ANALYZE_AFTER_ROWS", 3)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_disbursement(plan_2024, rows("01/2024"), specialist).created == 2  # below the threshold
    assert analyzed == []
    monkeypatch.setattr(maintenance, "ANALYZE_AFTER_ROWS", 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_disbursement(plan_2024, rows("02/2024"), specialist, dry_run=True).created == 2  # writes nothing
        assert analyzed == []
        assert run_disbursement(plan_2024, rows("03/2024"), specialist).created == 2
    assert analyzed == [None]


def test_the_demo_analyzes_once_loaded(analyzed, monkeypatch, django_capture_on_commit_callbacks, db):
    from tiendo.demo import generate

    with django_capture_on_commit_callbacks(execute=True):
        generate.load("test", seed=7, progress=lambda message: None)
    assert analyzed == [None]
