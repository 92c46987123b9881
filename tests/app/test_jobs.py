"""Background jobs in one process: what a job records, who sees it, and how a job whose worker died is given up.

The tests run jobs at once (conftest: the immediate backend); a few switch to the database queue to see a job wait.
The real worker process, killed mid-import, is in test_jobs_worker.py.
"""

import io
import json
import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.app.test_import_export import base_sheets, write_book
from tiendo.jobs import queue
from tiendo.jobs.models import Job, JobWorker
from tiendo.jobs.views import file_through_job
from tiendo.projects.models import ImportJob

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})


@queue.job_kind("tests.echo", "Echo")
def _echo(job, report):
    report(50, "Half way (%(n)s)", n=job.params.get("n", 0))
    if job.params.get("fail") == "refuse":
        raise queue.JobRefused("Nothing to do for %(n)s.", n=job.params.get("n", 0))
    if job.params.get("fail") == "crash":
        raise ZeroDivisionError("boom")
    report.save_file("echo.txt", b"hello")
    report.set_result({"n": job.params.get("n", 0)})


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def running_job(user, *, worker: JobWorker | None, beat_ago: float = 0, kind="tests.echo") -> Job:
    beat = timezone.now() - timedelta(seconds=beat_ago)
    return Job.objects.create(
        kind=kind,
        started_by=user,
        status=Job.Status.RUNNING,
        worker=worker.pk if worker else "",
        started_at=beat,
        heartbeat_at=beat,
        progress=40,
        message="%(done)s of %(total)s steps",
        message_args={"done": 4, "total": 10},
    )


def worker_row(pid: int, *, host: str | None = None, beat_ago: float = 0) -> JobWorker:
    return JobWorker.objects.create(
        worker_id=f"w-{pid}-{host}",
        host=host or socket.gethostname(),
        pid=pid,
        heartbeat_at=timezone.now() - timedelta(seconds=beat_ago),
    )


# What a job records ---------------------------------------------------------------------------------------------


def test_a_job_runs_and_records_its_result_file_and_who_started_it(specialist, login):
    job = queue.start_job("tests.echo", actor=specialist, subject="thử", params={"n": 3})
    assert (job.status, job.progress, job.result, job.result_name) == ("done", 100, {"n": 3}, "echo.txt")
    assert job.started_by == specialist and job.finished_at and job.task_id
    client = login(specialist)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "hx-trigger" not in page and reverse("jobs:file", args=[job.pk]) in page and "Half way (3)" in page
    assert b"".join(client.get(reverse("jobs:file", args=[job.pk])).streaming_content) == b"hello"


def test_a_refused_job_fails_with_its_message_and_a_crash_with_a_vietnamese_one(specialist, login):
    refused = queue.start_job("tests.echo", actor=specialist, params={"n": 7, "fail": "refuse"})
    assert refused.status == "failed" and refused.message_text == "Nothing to do for 7." and not refused.error
    crashed = queue.start_job("tests.echo", actor=specialist, params={"fail": "crash"})
    assert crashed.status == "failed" and "ZeroDivisionError" in crashed.error and not crashed.result_file
    page = login(specialist).get(reverse("jobs:detail", args=[crashed.pk])).content.decode()
    assert "Không có gì được ghi" in page and "hx-trigger" not in page
    assert login(specialist).get(reverse("jobs:file", args=[crashed.pk])).status_code == 404


def test_a_crashing_import_is_marked_failed_and_writes_nothing(specialist, login, monkeypatch, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tiendo.projects import jobs as project_jobs

    def crash(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(project_jobs, "import_workbook", crash)
    client = login(specialist)
    client.post(reverse("projects:import"), {"file": SimpleUploadedFile("a.xlsx", b"x")})
    upload = ImportJob.objects.get()
    assert upload.status == "failed" and upload.job.status == "failed" and "disk full" in upload.job.error
    page = client.get(reverse("projects:import_status", args=[upload.pk])).content.decode()
    assert "hx-trigger" not in page and "Không có gì được ghi" in page


# Who sees a job ---------------------------------------------------------------------------------------------------


def test_only_the_starter_and_an_administrator_see_a_job_and_its_file(specialist, leader, admin_user, login):
    job = queue.start_job("tests.echo", actor=specialist)
    other = login(leader)
    assert other.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert other.get(reverse("jobs:file", args=[job.pk])).status_code == 404
    assert f'href="{reverse("jobs:detail", args=[job.pk])}"' not in other.get(reverse("jobs:list")).content.decode()
    admin = login(admin_user)
    assert admin.get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    assert f'href="{reverse("jobs:detail", args=[job.pk])}"' in admin.get(reverse("jobs:list")).content.decode()
    anonymous = Client().get(reverse("jobs:detail", args=[job.pk]))
    assert anonymous.status_code == 302 and "/login/" in anonymous.url
    assert login(specialist).get(reverse("jobs:detail", args=[job.pk + 100])).status_code == 404


# Waiting, polling, and a worker that died --------------------------------------------------------------------------


@DATABASE_QUEUE
def test_a_waiting_job_polls_and_says_when_no_worker_runs(specialist, login):
    job = queue.start_job("tests.echo", actor=specialist)
    assert job.status == "queued" and DBTaskResult.objects.get(pk=job.task_id).status == "READY"
    assert queue.start_job("tests.echo", actor=specialist, dedupe_key="k").pk != job.pk
    again = queue.start_job("tests.echo", actor=specialist, dedupe_key="k")
    assert again.pk == queue.start_job("tests.echo", actor=specialist, dedupe_key="k").pk  # one per thing
    client = login(specialist)
    html = client.get(reverse("jobs:detail", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in html and "Không có bộ xử lý công việc nào đang chạy" in html
    worker_row(os.getpid())
    html = client.get(reverse("jobs:detail", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in html and "Không có bộ xử lý" not in html
    queue.execute(job.pk)  # what the worker does
    html = client.get(reverse("jobs:detail", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in html and "echo.txt" in html


def test_a_running_job_of_a_live_worker_shows_its_progress_and_keeps_polling(specialist, login):
    job = running_job(specialist, worker=worker_row(1), beat_ago=1)  # pid 1 is always alive
    html = login(specialist).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in html and '<progress max="100" value="40">' in html and "4 trên 10" in html
    assert Job.objects.get(pk=job.pk).status == "running"


def test_a_job_whose_worker_died_is_failed_on_the_next_look_and_the_page_stops_polling(specialist, login):
    job = running_job(specialist, worker=worker_row(dead_pid()), beat_ago=1)
    html = login(specialist).get(reverse("jobs:detail", args=[job.pk]), headers={"HX-Request": "true"})
    html = html.content.decode()
    assert "hx-trigger" not in html and "Máy chủ đã dừng khi công việc này đang chạy" in html
    job.refresh_from_db()
    assert job.status == "failed" and job.finished_at and "stopped" in job.error


def test_an_import_whose_worker_died_says_so_and_stops_polling(specialist, login):
    job = running_job(specialist, worker=worker_row(dead_pid()), kind="projects.import")
    upload = ImportJob.objects.create(uploaded_by=specialist, file="imports/x.xlsx", original_name="x.xlsx",
                                      status="running", job=job)  # fmt: skip
    page = login(specialist).get(reverse("projects:import_status", args=[upload.pk]), headers={"HX-Request": "true"})
    html = page.content.decode()
    assert "hx-trigger" not in html and "Máy chủ đã dừng khi công việc này đang chạy" in html
    assert ImportJob.objects.get(pk=upload.pk).status == "failed"


@pytest.mark.parametrize(
    ("where", "pid", "beat_ago", "gone"),
    [
        ("here", "dead", 1, True),  # the process is gone: at once, whatever the heartbeat says
        ("here", "alive", 300, False),  # alive, its heartbeat held up by a long SQLite write
        ("here", "alive", 1000, True),  # silent ten times too long: a recycled pid
        ("elsewhere", "alive", 10, False),  # another machine: its heartbeat decides
        ("elsewhere", "alive", 60, True),
    ],
)
def test_when_a_worker_counts_as_gone(specialist, where, pid, beat_ago, gone, settings):
    settings.TIENDO_JOB_LOST_AFTER_SECONDS = 45
    worker = worker_row(dead_pid() if pid == "dead" else 1, host=None if where == "here" else "other-host",
                        beat_ago=beat_ago)  # fmt: skip
    job = running_job(specialist, worker=worker, beat_ago=beat_ago)
    assert queue.worker_gone(job, worker, timezone.now()) is gone


def test_a_worker_starting_gives_up_the_jobs_of_dead_workers_and_their_queue_rows(specialist, monkeypatch):
    monkeypatch.setattr(queue, "_worker_id", "")
    task = DBTaskResult.objects.create(args_kwargs={"args": [], "kwargs": {}}, task_path="tiendo.jobs.queue.run_job",
                                       backend_name="default", run_after=timezone.now(), status="RUNNING")  # fmt: skip
    dead = running_job(specialist, worker=worker_row(dead_pid()))
    Job.objects.filter(pk=dead.pk).update(task_id=str(task.pk))
    stopped = worker_row(os.getpid() + 1_000_000, host="elsewhere", beat_ago=5)
    JobWorker.objects.filter(pk=stopped.pk).update(stopped_at=timezone.now())
    on_stopped = running_job(specialist, worker=stopped)
    alive = running_job(specialist, worker=worker_row(1))  # pid 1 is always there
    try:
        queue.become_worker("new-worker")
        assert Job.objects.get(pk=dead.pk).status == "failed" and Job.objects.get(pk=on_stopped.pk).status == "failed"
        assert Job.objects.get(pk=alive.pk).status == "running"
        assert DBTaskResult.objects.get(pk=task.pk).status == "FAILED"
        assert JobWorker.objects.get(pk="new-worker").pid == os.getpid()
    finally:
        queue._worker_id = ""


def test_a_workers_heartbeat_writes_its_jobs_progress(specialist, monkeypatch):
    monkeypatch.setattr(queue, "_worker_id", "beating")
    worker = JobWorker.objects.create(worker_id="beating", host="h", pid=1, heartbeat_at=timezone.now())
    job = running_job(specialist, worker=worker, beat_ago=30)
    report = queue.Report(job)
    report.percent, report.message, report.args = 70, "%(count)s projects evaluated.", {"count": 5}
    monkeypatch.setitem(queue._running, job.pk, report)
    queue.Heartbeat("beating").beat()
    job.refresh_from_db()
    assert (job.progress, job.message_text) == (70, "5 dự án đã được đánh giá.")
    assert job.heartbeat_at > timezone.now() - timedelta(seconds=5)


# Command line ---------------------------------------------------------------------------------------------------


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_jobs_list_and_show_in_vietnamese_and_json(specialist):
    done = queue.start_job("tests.echo", actor=specialist, subject="thử", params={"n": 2})
    failed = queue.start_job("tests.echo", actor=specialist, params={"fail": "crash"})
    shown = json.loads(run("jobs", "show", str(done.pk), "--json"))
    assert shown["status"] == "done" and shown["file"].endswith("echo.txt") and shown["started_by"] == "specialist"
    assert "xong 100%" in run("jobs", "show", str(done.pk))
    assert "thất bại" in run("jobs", "show", str(failed.pk))
    listed = json.loads(run("jobs", "list", "--json", "--status", "failed"))
    assert [j["id"] for j in listed] == [failed.pk]
    with pytest.raises(CommandError, match="Không tìm thấy công việc"):
        run("jobs", "show", "999999")


def test_the_worker_command_refuses_to_run_without_the_database_queue():
    with pytest.raises(CommandError, match="không cần bộ xử lý"):
        run("worker")


# Jobs the apps start -----------------------------------------------------------------------------------------------


def test_a_scan_from_the_page_is_a_job_and_officers_may_not_start_one(specialist, officer_x, login):
    response = login(specialist).post(reverse("reviews:scan"))
    job = Job.objects.get(kind="reviews.scan")
    assert response.url == reverse("jobs:detail", args=[job.pk]) and job.status == "done" and "run" in job.result
    assert login(officer_x).post(reverse("reviews:scan")).status_code == 403
    assert "Quét ngay mọi dự án" in login(specialist).get(reverse("reviews:list")).content.decode()


def test_scan_in_the_background_from_the_command_line(specialist):
    data = json.loads(run("scan", "--background", "--wait", "--json", "--as", "specialist"))
    assert data["status"] == "done" and data["kind"] == "reviews.scan" and data["result"]["projects"] == 0
    with pytest.raises(CommandError, match="--wait"):
        run("scan", "--wait", "--as", "specialist")


@DATABASE_QUEUE
def test_scan_in_the_background_only_queues_it(specialist):
    text = run("scan", "--background", "--as", "specialist")
    job = Job.objects.get(kind="reviews.scan")
    assert job.status == "queued" and f"tiendo jobs show {job.pk}" in text


@DATABASE_QUEUE
def test_a_brief_pdf_waits_for_the_worker_then_serves_every_reader(specialist, leader, login, agency_x):
    from tiendo.reviews.models import ReviewRound

    review = ReviewRound.objects.create(title="Rà soát", as_of=timezone.localdate(), opened_by=specialist)
    client = login(specialist)
    first = client.get(reverse("reviews:pdf", args=[review.pk]))
    job = Job.objects.get(kind="reviews.brief")
    assert first.url == reverse("jobs:detail", args=[job.pk]) and job.status == "queued"
    client.get(reverse("reviews:pdf", args=[review.pk]))
    assert Job.objects.filter(kind="reviews.brief").count() == 1  # asking again does not queue another
    queue.execute(job.pk)
    assert Job.objects.get(pk=job.pk).status == "done"
    again = login(leader).get(reverse("reviews:pdf", args=[review.pk]))
    assert again.status_code == 200 and again.content.startswith(b"%PDF")


@pytest.fixture
def importer(specialist, agency_x, commune, enterprise_a):
    """What the workbook of test_import_export refers to."""
    from tiendo.projects.models import Sector

    Sector.objects.create(code="CN", name="Công nghiệp chế biến")
    return specialist


def test_import_in_the_background_from_the_command_line(tmp_path, importer):
    from tiendo.projects.models import Project

    path = write_book(tmp_path / "cli.xlsx", base_sheets())
    data = json.loads(run("import", "projects", path, "--background", "--wait", "--json", "--as", "specialist"))
    assert data["status"] == "done" and data["kind"] == "projects.import" and data["result"]["created"] == 2
    assert Project.objects.count() == 2 and ImportJob.objects.get().status == "done"
    with pytest.raises(CommandError, match="--wait"):
        run("import", "projects", path, "--wait", "--as", "specialist")


@DATABASE_QUEUE
def test_import_in_the_background_without_waiting_only_queues_it(tmp_path, importer):
    path = write_book(tmp_path / "cli.xlsx", base_sheets())
    text = run("import", "projects", path, "--background", "--as", "specialist")
    job = Job.objects.get()
    assert job.status == "queued" and f"tiendo jobs show {job.pk}" in text and "đang chờ" in text


def test_prune_deletes_old_finished_jobs_and_their_files_only(specialist):
    old = queue.start_job("tests.echo", actor=specialist)
    recent = queue.start_job("tests.echo", actor=specialist)
    waiting = Job.objects.create(kind="tests.echo", started_by=specialist)
    long_ago = timezone.now() - timedelta(days=100)
    Job.objects.filter(pk__in=[old.pk, waiting.pk]).update(finished_at=long_ago, created_at=long_ago)
    path = old.result_file.path
    data = json.loads(run("jobs", "prune", "--days", "90", "--json"))
    assert data == {"jobs": 1, "files": 1} and not os.path.exists(path)
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    with pytest.raises(CommandError, match="--days"):
        run("jobs", "prune", "--days", "0")


@DATABASE_QUEUE
def test_a_waiting_job_whose_task_the_queue_could_not_run_is_failed_not_polled_for_ever(specialist, login):
    job = queue.start_job("tests.echo", actor=specialist)
    DBTaskResult.objects.filter(pk=job.task_id).update(status="FAILED", traceback="ImportError: no module")
    html = login(specialist).get(reverse("jobs:list")).content.decode()
    job.refresh_from_db()
    assert job.status == "failed" and "ImportError" in job.error and "Không thành công" in html


def _download(request, **options):
    defaults = {"subject": "echo", "params": {"n": 3}, "dedupe_key": "echo:3", "back": "/plans/", "stream": False}
    return file_through_job(request, "tests.echo", **(defaults | options))


def test_a_download_through_a_job_serves_its_file_and_reuses_a_done_one_only_when_asked(specialist, rf):
    request = rf.get("/")
    request.user = specialist
    first = _download(request, reuse_done=False)
    assert first.content == b"hello" and Job.objects.filter(kind="tests.echo").count() == 1
    assert _download(request, reuse_done=True).content == b"hello"  # the file of the job already done
    assert Job.objects.filter(kind="tests.echo").count() == 1
    _download(request, reuse_done=False)  # a fresh one (e.g. a workbook: fast, its data of the moment)
    assert Job.objects.filter(kind="tests.echo").count() == 2
    assert Job.objects.filter(kind="tests.echo").order_by("pk").first().params == {"n": 3, "back": "/plans/"}


def test_a_download_refused_at_once_says_why_on_the_page_it_came_from(specialist, rf):
    request = rf.get("/")
    request.user = specialist
    request.session = {}
    request._messages = FallbackStorage(request)
    refused = _download(request, params={"n": 4, "fail": "refuse"}, dedupe_key="echo:4", reuse_done=True)
    assert refused.status_code == 302 and refused["Location"] == "/plans/"
    assert [str(m) for m in get_messages(request)] == ["Nothing to do for 4."]
