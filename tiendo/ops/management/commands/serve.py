import signal
import subprocess
import sys
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class WorkerProcess:
    """`tiendo worker` beside waitress: its own process (a job that crashes or is killed cannot take the web server
    down with it), started again if it dies, stopped with the server."""

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


class Command(BaseCommand):
    help = "Serve tiendo with waitress (a production WSGI server that also runs on Windows intranets)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--no-worker", action="store_true", help="do not start a job worker (one runs as its own service)"
        )

    def handle(self, *args, host, port, threads, no_worker, **options):
        from waitress import serve

        from tiendo.wsgi import application

        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"tiendo: http://{host}:{port}/  (Ctrl+C để dừng / to stop)")
        if settings.DEBUG:
            self.stdout.write("TIENDO_DEBUG is on: do not use this in production.")
        worker = None
        if not no_worker and not settings.TIENDO_JOBS_IMMEDIATE:
            worker = WorkerProcess(self.stdout)
            worker.start()
            # `kill PID` (SIGTERM) should stop the worker too, as Ctrl+C does: let the `finally` below run.
            signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
        try:
            serve(application, host=host, port=port, threads=threads, ident="tiendo")
        finally:
            if worker:
                worker.stop()
