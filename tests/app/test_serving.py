"""`tiendo serve`: waitress for a laptop, gunicorn's worker processes with --workers; one job worker either way;
static files under hashed names with a year's immutable caching; pages never cached by a shared cache."""

import re
import signal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

import tiendo
from tiendo.ops import serving
from tiendo.ops.management.commands import serve


@pytest.mark.parametrize(
    ("value", "cores", "expected"), [("auto", 2, 2), ("auto", 1, 2), ("auto", 8, 8), ("AUTO", 80, 64)]
)
def test_auto_workers_are_one_per_core_and_at_least_two(value, cores, expected):
    assert serving.resolve_workers(value, available=cores) == expected


def test_a_number_of_workers_is_taken_as_given():
    assert serving.resolve_workers("3") == 3
    assert serving.resolve_workers(" 1 ") == 1


@pytest.mark.parametrize("value", ["0", "-2", "65", "two", "", "2.5"])
def test_a_bad_number_of_workers_says_what_is_allowed(value):
    with pytest.raises(ValueError, match="a number from 1 to 64, or auto"):
        serving.resolve_workers(value)


def test_the_gunicorn_command_runs_sync_workers_on_the_wsgi_application():
    command = serving.gunicorn_command(host="0.0.0.0", port=8080, workers=5, timeout=90)
    assert command[1:4] == ["-m", "gunicorn", "tiendo.wsgi:application"]
    text = " ".join(command)
    for option in ["--bind 0.0.0.0:8080", "--workers 5", "--worker-class sync", "--timeout 90", "--max-requests"]:
        assert option in text
    assert "--preload" not in command  # each worker imports the app itself: nothing opened before the fork is shared
    assert "--access-logfile" not in command
    assert "--access-logfile" in serving.gunicorn_command(host="h", port=1, workers=1, access_log=True)


def test_an_ipv6_address_is_bound_in_brackets():
    assert serving.bind_address("::1", 8000) == "[::1]:8000"
    assert serving.bind_address("[::1]", 8000) == "[::1]:8000"
    assert serving.bind_address("127.0.0.1", 8000) == "127.0.0.1:8000"


class FakeServer:
    """gunicorn's master as `tiendo serve` starts it: records the command, exits with `code`."""

    started: list = []

    def __init__(self, command, **kwargs):
        self.command, self.signals = command, []
        FakeServer.started.append(self)

    def wait(self, timeout=None):
        return self.code

    def poll(self):
        return self.code

    def send_signal(self, sig):
        self.signals.append(sig)


class FakeWorker:
    started = 0

    def __init__(self, out):
        pass

    def start(self):
        FakeWorker.started += 1

    def stop(self):
        FakeWorker.started -= 1


@pytest.fixture
def served(monkeypatch, settings, db):
    """`tiendo serve` without a server: what it would start, and what it did first, in order."""
    settings.TIENDO_JOBS_IMMEDIATE = False
    steps = []
    FakeServer.started, FakeServer.code, FakeWorker.started = [], 0, 0
    monkeypatch.setattr(serve.subprocess, "Popen", FakeServer)
    monkeypatch.setattr(serve, "WorkerProcess", FakeWorker)
    monkeypatch.setattr(serve, "collect_static", lambda: steps.append("collectstatic"))
    real_call_command = serve.call_command
    monkeypatch.setattr(
        serve, "call_command", lambda name, *a, **k: steps.append(name) or real_call_command(name, *a, **k)
    )
    monkeypatch.setattr(serve.signal, "signal", lambda sig, handler: steps.append(sig))
    return steps


def test_workers_auto_starts_gunicorn_once_after_migrating_with_one_job_worker(served, monkeypatch):
    monkeypatch.setattr(serving, "cores", lambda: 2)
    call_command("serve", "--workers", "auto", "--port", "8123", "--host", "0.0.0.0")
    [server] = FakeServer.started
    assert server.command == serving.gunicorn_command(host="0.0.0.0", port=8123, workers=2)
    assert served[:2] == ["migrate", "collectstatic"]  # before the server (and its workers) start
    assert signal.SIGTERM in served and signal.SIGHUP in served
    assert FakeWorker.started == 0  # started once, stopped with the server


def test_no_worker_starts_no_job_worker(served, monkeypatch):
    started = []
    monkeypatch.setattr(FakeWorker, "start", lambda self: started.append(self))
    call_command("serve", "--workers", "2", "--no-worker")
    assert started == [] and len(FakeServer.started) == 1


def test_a_bad_workers_value_is_refused_before_anything_runs(served):
    with pytest.raises(CommandError, match="--workers: a number from 1 to 64, or auto; not 'many'"):
        call_command("serve", "--workers", "many")
    assert served == [] and FakeServer.started == []


def test_gunicorn_that_stops_with_an_error_makes_serve_fail(served):
    FakeServer.code = 3
    with pytest.raises(CommandError, match="gunicorn stopped with code 3"):
        call_command("serve", "--workers", "1")
    assert FakeWorker.started == 0


def test_without_workers_waitress_serves_in_this_process(served, monkeypatch):
    import waitress

    calls = []
    monkeypatch.setattr(waitress, "serve", lambda app, **options: calls.append(options))
    call_command("serve", "--threads", "4", "--port", "8124")
    assert calls == [{"host": "127.0.0.1", "port": 8124, "threads": 4, "ident": "tiendo"}]
    assert FakeServer.started == [] and served[:2] == ["migrate", "collectstatic"]


@pytest.fixture
def collected(settings, tmp_path):
    """collectstatic of tiendo's own files (not the admin's thousand: the same storage, a second instead of 30)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATICFILES_DIRS = [Path(tiendo.__file__).parent / "core" / "static"]
    assert serving.collect_static() is True
    return settings.STATIC_ROOT


def test_collectstatic_runs_again_only_when_a_source_changed(collected, settings, tmp_path):
    assert serving.collect_static() is False
    extra = tmp_path / "extra"
    (extra / "tiendo").mkdir(parents=True)
    (extra / "tiendo" / "new.css").write_text("body { color: black }")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, extra]
    assert serving.collect_static() is True
    assert any(collected.glob("tiendo/new.*.css"))


def test_pages_link_hashed_static_files_served_with_a_year_of_immutable_caching(collected, login, specialist):
    page = login(specialist).get("/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-cache"  # someone's own page: no shared cache keeps it
    css = re.search(r'href="(/static/tiendo/tiendo\.[0-9a-f]{12}\.css)"', page.content.decode())
    assert css, "the stylesheet is linked under its hashed name"
    static = Client().get(css.group(1))  # a new client: WhiteNoise reads the collected folder when it starts
    assert static.status_code == 200
    assert static["Cache-Control"] == "max-age=315360000, public, immutable"
    plain = Client().get("/static/tiendo/tiendo.css")
    assert plain.status_code == 200 and "immutable" not in plain["Cache-Control"]


def test_without_collectstatic_pages_link_the_plain_names(settings, tmp_path, login, specialist):
    settings.STATIC_ROOT = tmp_path / "empty"
    settings.STATIC_ROOT.mkdir()
    page = login(specialist).get("/")
    assert page.status_code == 200
    assert 'href="/static/tiendo/tiendo.css"' in page.content.decode()
