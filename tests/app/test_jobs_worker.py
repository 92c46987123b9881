"""A real worker process, killed mid-import: nothing is written, and the job is given up once a worker is back.

The worker and the test share one database, so this runs on a temporary installation of its own (a file SQLite
database under TIENDO_DATA_DIR, or a scratch PostgreSQL database beside the test one), driven by `tiendo` commands
in subprocesses exactly as on a server. TIENDO_TEST_PAUSE_JOB stops the import inside its write transaction, after
the projects' rows are inserted, and says so with a marker file: the test then sends SIGKILL.
"""

import io
import json
import os
import signal
import subprocess
import sys
import time

import dj_database_url
import pytest

from tests.app.test_import_export import base_sheets, write_book

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

HEARTBEAT, LOST_AFTER = 0.5, 3  # seconds: the bound the test checks is the worker's own start plus LOST_AFTER

SETUP = """
from datetime import date
from tiendo.accounts.models import User
from tiendo.agencies.models import AdminUnit, Agency
from tiendo.enterprises.models import Enterprise
from tiendo.projects.models import Sector

province = AdminUnit.objects.create(code="HD", name="Hải Dương", unit_type="tỉnh", level="province")
AdminUnit.objects.create(code="HD-X1", name="Thái Tân", unit_type="xã", level="commune", parent=province)
committee = Agency.objects.create(code="HD-UBND", name="Ủy ban nhân dân tỉnh", kind="peoples_committee",
                                  admin_unit=province)
agency = Agency.objects.create(code="HD-SKHDT", name="Sở Kế hoạch và Đầu tư", kind="department", parent=committee,
                               admin_unit=province, valid_from=date(2008, 1, 1))
Enterprise.objects.create(name="Công ty TNHH Hoshino Việt Nam", tax_code="0800000001", country="JP")
Sector.objects.create(code="CN", name="Công nghiệp chế biến")
User.objects.create(username="specialist", role="specialist", agency=agency, full_name="Chuyên viên")
print("[]")
"""

ENQUEUE = """
from django.core.files import File
from tiendo.accounts.models import User
from tiendo.projects.models import ImportJob
from tiendo.projects.jobs import start_import

user = User.objects.get(username="specialist")
ids = []
for name in NAMES:
    with open(BOOK, "rb") as handle:
        upload = ImportJob.objects.create(uploaded_by=user, file=File(handle, name=name), original_name=name)
    start_import(upload)
    ids.append([upload.pk, upload.job_id])
print(json.dumps(ids))
"""

STATE = """
from tiendo.enterprises.models import Enterprise
from tiendo.jobs.models import Job
from tiendo.projects.models import ImportJob, Milestone, ProgressReport, Project
print(json.dumps({
    "projects": Project.objects.count() + Project.history.count(),
    "milestones": Milestone.objects.count() + ProgressReport.objects.count(),
    "enterprises": Enterprise.objects.count(),
    "jobs": {j.pk: [j.status, j.message, j.progress] for j in Job.objects.all()},
    "imports": {i.pk: i.status for i in ImportJob.objects.all()},
}))
"""


@pytest.fixture(scope="module")
def installation(tmp_path_factory):
    """Environment variables of a fresh, migrated installation on the database the suite runs on."""
    folder = tmp_path_factory.mktemp("worker-installation")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIENDO_")}
    env |= {
        "TIENDO_DATA_DIR": str(folder),
        "TIENDO_SECRET_KEY": "worker-test",
        "TIENDO_JOB_HEARTBEAT_SECONDS": str(HEARTBEAT),
        "TIENDO_JOB_LOST_AFTER_SECONDS": str(LOST_AFTER),
        "DJANGO_SETTINGS_MODULE": "tiendo.settings",
    }
    url = os.environ.get("DATABASE_URL", "")
    scratch = None
    if url.startswith("postgres"):
        import psycopg

        config = dj_database_url.parse(url)
        scratch = f"test_{config['NAME']}_worker"
        admin = psycopg.connect(url, autocommit=True)
        admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{scratch}"')
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + scratch
    else:
        env["DATABASE_URL"] = f"sqlite:///{folder / 'tiendo.sqlite3'}"
    tiendo(env, "migrate", "-v0")
    shell(env, SETUP)
    yield env
    if scratch:
        admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        admin.close()


def tiendo(env, *args, check=True) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tiendo.cli", *args], env=env, capture_output=True, text=True, timeout=180
    )
    if check:
        assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def shell(env, code: str, **names) -> dict | list:
    preface = "import json\n" + "".join(f"{k} = {v!r}\n" for k, v in names.items())
    return json.loads(tiendo(env, "shell", "-c", preface + code).strip().splitlines()[-1])


def start_worker(env, **extra) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tiendo.cli", "worker", "--interval", "0.2"],
        env=env | extra,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s: {what}")


def test_a_worker_killed_mid_import_writes_nothing_and_its_job_is_given_up(installation, tmp_path):
    env = installation
    book = write_book(tmp_path / "book.xlsx", base_sheets())
    [(first_import, first_job), (second_import, second_job)] = shell(
        env, ENQUEUE, BOOK=book, NAMES=["first.xlsx", "second.xlsx"]
    )

    marker = tmp_path / "paused"
    worker = start_worker(env, TIENDO_TEST_PAUSE_JOB=f"projects.import:60:{marker}")
    try:
        wait_until(marker.exists, 60, "the import reaches its write transaction")
        state = shell(env, STATE)
        assert state["jobs"][str(first_job)][0] == "running" and state["jobs"][str(second_job)][0] == "queued"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()

    # The projects were inserted inside the open transaction: the kill rolled all of it back.
    state = shell(env, STATE)
    assert (state["projects"], state["milestones"], state["enterprises"]) == (0, 0, 1)
    assert state["jobs"][str(first_job)][0] == "running"  # nobody has noticed yet: no worker runs

    restarted = time.monotonic()
    worker = start_worker(env)
    try:
        state = wait_until(
            lambda: (s := shell(env, STATE))["jobs"][str(first_job)][0] == "failed" and s,
            LOST_AFTER + 20,
            "the new worker gives up the dead worker's job",
        )
        assert time.monotonic() - restarted < 60
        assert state["imports"][str(first_import)] == "failed"
        assert state["jobs"][str(first_job)][1].startswith("The server stopped while this job was running")
        # The new worker then runs the job that was waiting: the same workbook, written whole this time.
        state = wait_until(
            lambda: (s := shell(env, STATE))["jobs"][str(second_job)][0] == "done" and s, 60, "the next job runs"
        )
        assert state["imports"][str(second_import)] == "done" and state["projects"] == 4  # 2 projects + history
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)

    shown = json.loads(tiendo(env, "jobs", "show", str(first_job), "--json"))
    assert shown["status"] == "failed" and shown["message"].startswith("Máy chủ đã dừng")
    assert "thất bại" in tiendo(env, "jobs", "list")


def test_a_running_job_is_given_up_by_the_page_or_command_when_its_worker_is_gone(installation, tmp_path):
    """No worker restarts: the next look at the job (page or `tiendo jobs show`) finds its worker dead."""
    env = installation
    sheets = json.loads(json.dumps(base_sheets(), default=str).replace('"DA-0', '"DA-1'))  # new projects
    book = write_book(tmp_path / "other.xlsx", sheets)
    [(_, job)] = shell(env, ENQUEUE, BOOK=book, NAMES=["other.xlsx"])
    marker = tmp_path / "paused"
    worker = start_worker(env, TIENDO_TEST_PAUSE_JOB=f"projects.import:60:{marker}")
    wait_until(marker.exists, 60, "the import reaches its write transaction")
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    shown = json.loads(tiendo(env, "jobs", "show", str(job), "--json"))
    assert shown["status"] == "failed" and "Không có gì được ghi" in shown["message"]
    state = shell(env, STATE)
    assert state["projects"] == 4 and state["jobs"][str(job)][0] == "failed"  # the first test's two, no more


def workers_of(env) -> dict:
    """pid -> has that worker said it stopped"""
    code = "print(json.dumps({w.pid: bool(w.stopped_at) for w in JobWorker.objects.all()}))"
    return shell(env, "from tiendo.jobs.models import JobWorker\n" + code)


def test_serve_keeps_a_worker_beside_the_web_server_and_stops_it_with_the_server(installation, tmp_path, monkeypatch):
    """`tiendo serve` runs `tiendo worker` as a child process: it runs the jobs, comes back if killed, and stops."""
    from tiendo.ops.management.commands.serve import WorkerProcess

    env = installation
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    def workers():
        return workers_of(env)

    sheets = json.loads(json.dumps(base_sheets(), default=str).replace('"DA-0', '"DA-2'))
    book = write_book(tmp_path / "served.xlsx", sheets)
    worker = WorkerProcess(io.StringIO())
    worker.start()
    try:
        first = wait_until(lambda: worker.process, 30, "the worker starts")
        [(_, job)] = shell(env, ENQUEUE, BOOK=book, NAMES=["served.xlsx"])
        wait_until(lambda: shell(env, STATE)["jobs"][str(job)][0] == "done", 60, "the served worker runs the job")
        os.kill(first.pid, signal.SIGKILL)
        wait_until(lambda: worker.process is not first and str(worker.process.pid) in workers(), 30, "a new worker")
    finally:
        worker.stop()
    assert worker.process.poll() is not None
    stopped = workers()
    assert stopped[str(worker.process.pid)] and not stopped[str(first.pid)]  # SIGTERM: a clean stop; SIGKILL: none


def test_the_worker_of_a_server_killed_outright_stops_by_itself(installation):
    """`tiendo serve` killed with SIGKILL cannot stop its worker: the worker (--with-parent) sees it and stops."""
    env = installation
    parent = subprocess.Popen(
        ["/bin/sh", "-c", f"{sys.executable} -m tiendo.cli worker --with-parent & echo $!; wait"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    child = int(parent.stdout.readline())
    wait_until(lambda: str(child) in workers_of(env), 30, "the worker starts")
    parent.kill()
    parent.wait(timeout=10)
    wait_until(lambda: workers_of(env)[str(child)], 30, "the orphaned worker stops cleanly")
