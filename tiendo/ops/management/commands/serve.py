import ctypes
import signal
import subprocess
import sys
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from tiendo.ops.serving import collect_static, gunicorn_command, resolve_workers


class WorkerProcess:
    """`tiendo worker` beside the web server: its own process (a job that crashes or is killed cannot take the web
    server down with it), started again if it dies, stopped with the server."""

    def __init__(self, out):
        self.out = out
        self.process: subprocess.Popen | None = None
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._keep_running, name="tiendo-worker-watch", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _keep_running(self) -> None:
        while not self.stopping.is_set():
            self.process = subprocess.Popen([sys.executable, "-m", "tiendo.cli", "worker", "--with-parent"])
            code = self.process.wait()
            if self.stopping.wait(3):
                return
            self.out.write(f"tiendo worker dừng (mã {code}); khởi động lại.")

    def stop(self) -> None:
        self.stopping.set()
        if self.process and self.process.poll() is None:
            self.process.terminate()  # a running job is given up by the next worker (it writes nothing)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def _die_with_parent():
    """Linux: a function for the child, between fork and exec, asking the kernel to send it SIGTERM when `tiendo
    serve` dies outright (SIGKILL), so that no orphaned gunicorn keeps the port; elsewhere None. Looked up here,
    in the parent: the child runs only the call."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return lambda: prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Command(BaseCommand):
    help = (
        "Serve tiendo: with waitress in one process (threads; also runs on Windows), or with --workers N|auto with "
        "gunicorn's worker processes (Linux, production). Migrates and collects the static files first, and "
        "starts a job worker beside the server. Example: tiendo serve --port 8000; tiendo serve --workers auto."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1; 0.0.0.0: every interface)"
        )
        parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
        parser.add_argument("--threads", type=int, default=8, help="waitress threads (without --workers)")
        parser.add_argument(
            "--workers",
            help="gunicorn worker processes: a number, or auto (one per core, at least 2); without it, waitress serves",
        )
        parser.add_argument("--timeout", type=int, default=120, help="gunicorn: seconds before a stuck worker dies")
        parser.add_argument("--access-log", action="store_true", help="gunicorn: log every request to stdout")
        parser.add_argument(
            "--no-worker", action="store_true", help="do not start a job worker (one runs as its own service)"
        )

    def handle(self, *args, host, port, threads, workers, timeout, access_log, no_worker, **options):
        command = None
        if workers is not None:
            if sys.platform == "win32":
                raise CommandError("--workers needs gunicorn, which does not run on Windows: use --threads")
            try:
                count = resolve_workers(workers)
            except ValueError as error:
                raise CommandError(str(error)) from None
            command = gunicorn_command(host=host, port=port, workers=count, timeout=timeout, access_log=access_log)
        # Once, before any worker process exists: the schema, then the static files with their hashed names
        # (tiendo.core.storage), which browsers keep for a year.
        call_command("migrate", interactive=False, verbosity=0)
        if collect_static():
            self.stdout.write("tiendo: static files collected (hashed names, compressed).")
        connections.close_all()  # nothing of this process's database connection goes into a child
        kind = f"gunicorn, {count} worker processes" if command else f"waitress, {threads} threads"
        self.stdout.write(f"tiendo: http://{host}:{port}/  ({kind}; Ctrl+C để dừng / to stop)")
        if settings.DEBUG:
            self.stdout.write("TIENDO_DEBUG is on: do not use this in production.")
        # gunicorn's master is this process's child (gunicorn reaps every child of its own, so the job worker
        # cannot be its child), started before the job worker's watching thread: a fork beside no other thread.
        server = subprocess.Popen(command, preexec_fn=_die_with_parent()) if command else None
        worker = None
        if not no_worker and not settings.TIENDO_JOBS_IMMEDIATE:
            worker = WorkerProcess(self.stdout)  # one job worker, this process's child, whatever serves the pages
            worker.start()
        # `kill PID` (SIGTERM) should stop the worker too, as Ctrl+C does: let the `finally` below run.
        signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
        try:
            if server:
                self._gunicorn(server)
            else:
                from waitress import serve

                from tiendo.wsgi import application

                serve(application, host=host, port=port, threads=threads, ident="tiendo")
        finally:
            if worker:
                worker.stop()

    def _gunicorn(self, server: subprocess.Popen) -> None:
        """Wait for gunicorn; SIGHUP is passed on (gunicorn then replaces its workers: new code, no request lost),
        and when this process is told to stop, gunicorn is, letting the requests under way finish."""
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, lambda *args: server.send_signal(signal.SIGHUP))
        try:
            code = server.wait()
        finally:
            if server.poll() is None:
                server.terminate()  # --graceful-timeout: 30 s
                try:
                    server.wait(timeout=40)
                except subprocess.TimeoutExpired:
                    server.kill()
        if code:
            raise CommandError(f"gunicorn stopped with code {code}")
