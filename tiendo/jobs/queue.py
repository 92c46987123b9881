"""The one way apps run long work: declare a kind, start a job, report progress; a worker that died is noticed.

An app declares what a kind of job does in its own `jobs.py` (found at start-up):

    @job_kind("projects.import", _("Project workbook import"), on_failed=mark_import_failed)
    def run_import(job, report):
        report(40, _("Checking row %(row)s"), row=120)
        report.save_file("du-an.xlsx", data)

and a view or a command calls `start_job("projects.import", actor=user, subject=name, params={...})`. The job goes
through django-tasks (database backend: the `tiendo worker` process runs it; with TIENDO_JOBS_IMMEDIATE, as in
the tests, it runs at once in the caller). Progress lives in memory while the job runs and the worker's heartbeat
thread writes it out with the heartbeat, on its own connection, so it is visible even while the job holds a
transaction open (on PostgreSQL; SQLite lets nobody write then, and the progress catches up after the commit).
"""

import logging
import os
import signal
import socket
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tasks import task

from .models import Job, JobWorker

logger = logging.getLogger(__name__)

UNEXPECTED = gettext_noop(
    "The job stopped because of an unexpected error. Nothing was written. Please tell the administrator."
)
LOST = gettext_noop(
    "The server stopped while this job was running, so it was given up. Nothing was written. Start it again."
)
WAITING = gettext_noop("Waiting for the job worker.")
STARTED = gettext_noop("Started.")
FINISHED = gettext_noop("Finished.")


class JobRefused(Exception):
    """The work cannot be done for a reason the user can fix: the job fails with this message, not an error."""

    def __init__(self, message: str, **args):
        super().__init__(message)
        self.message, self.args_ = message, args


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    run: Callable
    on_failed: Callable | None = None


KINDS: dict[str, Kind] = {}


def job_kind(name: str, label, *, on_failed: Callable | None = None):
    """Declare what a kind of job does: `run(job, report)`; `on_failed(job)` tidies the app's own records."""

    def register(function):
        KINDS[name] = Kind(name, label, function, on_failed)
        return function

    return register


def kind_label(name: str) -> str:
    kind = KINDS.get(name)
    return str(kind.label) if kind else name


# -- running ---------------------------------------------------------------------------------------------------

_worker_id = ""  # set by `tiendo worker`; empty while jobs run inline (TIENDO_JOBS_IMMEDIATE)
_running: dict[int, "Report"] = {}
_running_lock = threading.Lock()


class Report:
    """What a running job tells the page: `report(percent, message, **args)`, a result file, a summary."""

    def __init__(self, job: Job):
        self.job = job
        self.percent = 0
        self.message = STARTED
        self.args: dict = {}
        self._written = 0.0

    def __call__(self, percent: int, message: str | None = None, **args) -> None:
        self.percent = max(0, min(int(percent), 100))
        if message is not None:
            self.message, self.args = str(message), args
        _test_pause(self.job.kind, self.percent)
        # Write now when nothing else would: inline jobs, and a worker's job outside a transaction (at most once a
        # second); inside one, the heartbeat thread writes it on its own connection.
        inline = not _worker_id
        if inline or (not connection.in_atomic_block and time.monotonic() - self._written >= 1):
            self._written = time.monotonic()
            self.flush()

    def flush(self) -> None:
        Job.objects.filter(pk=self.job.pk, status=Job.Status.RUNNING).update(
            progress=self.percent, message=self.message, message_args=self.args, heartbeat_at=timezone.now()
        )

    def save_file(self, name: str, content: bytes) -> None:
        self.job.result_file.save(name, ContentFile(content), save=False)
        self.job.result_name = name

    def set_result(self, result: dict) -> None:
        self.job.result = result


def _test_pause(kind: str, percent: int) -> None:
    """Only for the worker-kill test: TIENDO_TEST_PAUSE_JOB="kind:percent:marker-file" stops the job here for good,
    after writing the marker, so the test can kill the worker at a known point (mid-transaction)."""
    spec = os.environ.get("TIENDO_TEST_PAUSE_JOB")
    if not spec:
        return
    name, at, marker = spec.split(":", 2)
    if name == kind and percent >= int(at):
        with open(marker, "w") as handle:
            handle.write(str(os.getpid()))
        while True:
            time.sleep(60)


@task()
def run_job(job_id: int) -> None:
    execute(job_id)


def execute(job_id: int) -> None:
    """Claim a queued job and run it; a job already given up (or run) is left alone."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=now, heartbeat_at=now, worker=_worker_id, message=STARTED
    )
    if not claimed:
        return
    job = Job.objects.select_related("started_by").get(pk=job_id)
    kind = KINDS.get(job.kind)
    report = Report(job)
    with _running_lock:
        _running[job.pk] = report
    try:
        if kind is None:
            raise LookupError(f"unknown job kind {job.kind!r}")
        kind.run(job, report)
    except JobRefused as refusal:
        _finish(job, Job.Status.FAILED, refusal.message, refusal.args_, report.percent)
        _after_failure(kind, job)
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _finish(job, Job.Status.FAILED, UNEXPECTED, {}, report.percent, error=traceback.format_exc())
        _after_failure(kind, job)
    else:
        message, args = (report.message, report.args) if report.message != STARTED else (FINISHED, {})
        _finish(job, Job.Status.DONE, message, args, 100)
    finally:
        with _running_lock:
            _running.pop(job.pk, None)


def _finish(job: Job, status: str, message: str, args: dict, percent: int, *, error: str = "") -> None:
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        status=status,
        progress=percent,
        message=str(message),
        message_args=args,
        result=job.result,
        result_file=job.result_file.name or "",
        result_name=job.result_name,
        error=error,
        heartbeat_at=now,
        finished_at=now,
    )


def _after_failure(kind: Kind | None, job: Job) -> None:
    if kind and kind.on_failed:
        try:
            kind.on_failed(job)
        except Exception:
            logger.exception("Tidying after job %s failed", job.pk)


# -- starting and waiting --------------------------------------------------------------------------------------


def start_job(kind: str, *, actor, subject: str = "", params: dict | None = None, dedupe_key: str = "") -> Job:
    """Queue a job (or, with a dedupe key, return the same user's job for the same thing still under way)."""
    if kind not in KINDS:
        raise LookupError(f"unknown job kind {kind!r}")
    if dedupe_key:
        for job in Job.objects.filter(kind=kind, dedupe_key=dedupe_key, started_by=actor).exclude(
            status__in=Job.FINISHED
        ):
            if not refresh_job(job).finished:
                return job
    job = Job.objects.create(
        kind=kind,
        subject=subject[:255],
        params=params or {},
        dedupe_key=dedupe_key,
        started_by=actor,
        message=WAITING,
    )
    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def done_job(kind: str, dedupe_key: str) -> Job | None:
    """The newest finished job that made this same thing (a PDF of an unchanged version): its file serves anyone
    who may see the thing, so a large PDF is made once per version, in whatever process asks."""
    job = Job.objects.filter(kind=kind, dedupe_key=dedupe_key, status=Job.Status.DONE).exclude(result_file="").first()
    return job if job is not None and job.result_file.storage.exists(job.result_file.name) else None


def wait_for(job: Job, *, every: float = 1.0, echo: Callable[[Job], None] | None = None) -> Job:
    """Poll until the job is done or failed (a command's --wait); a job whose worker died ends here too."""
    last = None
    while True:
        job = refresh_job(Job.objects.get(pk=job.pk))
        if echo and (job.status, job.progress) != last:
            last = (job.status, job.progress)
            echo(job)
        if job.finished:
            return job
        time.sleep(every)


def _uuid(value: str) -> uuid.UUID | None:
    """The database queue's ids are UUIDs; a job run at once has another kind of id."""
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def prune_jobs(before: datetime) -> tuple[int, int]:
    """Delete the jobs finished before a moment, their files (results, uploads kept for the worker) and their
    queue rows; a job still waiting or running is never touched. Returns (jobs, files) deleted."""
    from django.core.files.storage import default_storage
    from django_tasks_db.models import DBTaskResult

    old = list(Job.objects.filter(status__in=Job.FINISHED, finished_at__lt=before))
    files = 0
    for job in old:
        for name in (job.result_file.name, job.params.get("file") if isinstance(job.params, dict) else None):
            if name and default_storage.exists(name):
                default_storage.delete(name)
                files += 1
    DBTaskResult.objects.filter(pk__in=[_uuid(job.task_id) for job in old if _uuid(job.task_id)]).delete()
    Job.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old), files


# -- workers and their heartbeats ------------------------------------------------------------------------------


def lost_after() -> timedelta:
    return timedelta(seconds=settings.TIENDO_JOB_LOST_AFTER_SECONDS)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def worker_gone(job: Job, worker: JobWorker | None, now: datetime) -> bool:
    """Has the process running this job died? On the same machine its pid answers at once (a heartbeat may lag
    while SQLite is held by a long write); elsewhere, and on Windows, its heartbeat is too old."""
    beat = job.heartbeat_at or job.started_at or job.created_at
    if worker is not None and worker.stopped_at is not None:
        return True
    if worker is not None and worker.host == socket.gethostname() and os.name == "posix":
        if worker.pid == os.getpid() and worker.worker_id != _worker_id:
            return True  # a new process got the dead one's pid (containers start at the same pid)
        if not _pid_alive(worker.pid):
            return True
        return beat < now - 10 * lost_after()  # alive but silent for so long: a recycled pid
    return beat < now - lost_after()


def refresh_job(job: Job) -> Job:
    """The job as it is, having given it up first if its worker died (pages and commands call this)."""
    if job.status != Job.Status.RUNNING:
        return job
    worker = JobWorker.objects.filter(pk=job.worker).first() if job.worker else None
    if worker_gone(job, worker, timezone.now()):
        give_up([job])
        job.refresh_from_db()
    return job


def give_up_lost_jobs() -> list[int]:
    """Mark failed every running job whose worker died (at a worker's start, then with each heartbeat)."""
    now = timezone.now()
    running = Job.objects.filter(status=Job.Status.RUNNING)
    if _worker_id:
        running = running.exclude(worker=_worker_id)  # this process's own jobs are alive
    running = list(running)
    workers = {w.pk: w for w in JobWorker.objects.filter(pk__in={j.worker for j in running})}
    lost = [job for job in running if worker_gone(job, workers.get(job.worker), now)]
    return give_up(lost) + _give_up_unstarted()


def _give_up_unstarted() -> list[int]:
    """A waiting job whose queue row already ended never started (its task could not even be loaded): say so."""
    from django_tasks_db.models import DBTaskResult

    waiting = {_uuid(job.task_id): job for job in Job.objects.filter(status=Job.Status.QUEUED).exclude(task_id="")}
    waiting.pop(None, None)
    if not waiting:
        return []
    ended = DBTaskResult.objects.filter(pk__in=list(waiting), status__in=["FAILED", "SUCCESSFUL"])
    failed = []
    for task_id, traceback_text in ended.values_list("pk", "traceback"):
        job = waiting[task_id]
        changed = Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
            status=Job.Status.FAILED,
            message=UNEXPECTED,
            error=traceback_text or "the queue ended the task before the job started",
            finished_at=timezone.now(),
        )
        if changed:
            failed.append(job.pk)
            _after_failure(KINDS.get(job.kind), job)
    return failed


def give_up(jobs: list[Job]) -> list[int]:
    from django_tasks_db.models import DBTaskResult

    failed = []
    now = timezone.now()
    for job in jobs:
        changed = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, heartbeat_at=job.heartbeat_at).update(
            status=Job.Status.FAILED,
            message=LOST,
            message_args={},
            error=f"worker {job.worker or '(inline)'} stopped; last heartbeat {job.heartbeat_at:%Y-%m-%d %H:%M:%S}",
            finished_at=now,
        )
        if not changed:
            continue
        failed.append(job.pk)
        logger.warning("Job %s (%s) given up: its worker %s stopped", job.pk, job.kind, job.worker)
        if _uuid(job.task_id):
            DBTaskResult.objects.filter(pk=_uuid(job.task_id), status="RUNNING").update(
                status="FAILED", finished_at=now
            )
        _after_failure(KINDS.get(job.kind), job)
    return failed


def workers_alive() -> bool:
    """Is any worker beating? (A waiting job's page says so when none is.)"""
    return JobWorker.objects.filter(stopped_at=None, heartbeat_at__gte=timezone.now() - lost_after()).exists()


def become_worker(worker_id: str) -> JobWorker:
    """Register this process as a worker and give up the jobs of workers that died before it started."""
    global _worker_id
    _worker_id = worker_id
    worker = JobWorker.objects.create(
        worker_id=worker_id, host=socket.gethostname(), pid=os.getpid(), heartbeat_at=timezone.now()
    )
    give_up_lost_jobs()
    return worker


def stop_worker(worker_id: str) -> None:
    JobWorker.objects.filter(pk=worker_id).update(stopped_at=timezone.now())


class Heartbeat(threading.Thread):
    """Every few seconds: this worker is alive, its jobs are alive and this far on, and the dead are given up."""

    def __init__(self, worker_id: str, *, parent: int | None = None):
        super().__init__(name="tiendo-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.parent = parent  # `tiendo serve`'s worker ends with it, even when it was killed outright
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(settings.TIENDO_JOB_HEARTBEAT_SECONDS):
            if self.parent and os.getppid() != self.parent:
                logger.warning("The server that started this worker has stopped: stopping too.")
                os.kill(os.getpid(), signal.SIGTERM)  # a graceful stop: the running job may finish
                return
            try:
                self.beat()
            except DatabaseError as error:  # SQLite held by a long write: the next beat catches up
                logger.info("Heartbeat skipped: %s", error)
            finally:
                connection.close()

    def beat(self) -> None:
        now = timezone.now()
        JobWorker.objects.filter(pk=self.worker_id).update(heartbeat_at=now)
        with _running_lock:
            reports = list(_running.values())
        for report in reports:
            report.flush()
        give_up_lost_jobs()

    def stop(self) -> None:
        self.stopping.set()
