import os
import socket

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.crypto import get_random_string
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker

from tiendo.jobs import queue


class Command(BaseCommand):
    help = "Run background jobs (imports, PDF briefs, exports, scans) from the database queue until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between looks at an empty queue")
        parser.add_argument(
            "--max-tasks", type=int, default=None, help="stop after this many jobs (restart by systemd)"
        )
        parser.add_argument("--with-parent", action="store_true", help="stop when the process that started it ends")

    def handle(self, *args, interval, max_tasks, with_parent, **options):
        if not isinstance(task_backends["default"], DatabaseBackend):
            raise CommandError(
                "Hàng đợi công việc không dùng cơ sở dữ liệu (TIENDO_JOBS_IMMEDIATE đang bật): không cần bộ xử lý."
            )
        worker_id = f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(8)}"
        queue.become_worker(worker_id)
        heartbeat = queue.Heartbeat(worker_id, parent=os.getppid() if with_parent else None)
        heartbeat.start()
        self.stdout.write(
            f"tiendo worker {worker_id}: đang chờ công việc (nhịp {settings.TIENDO_JOB_HEARTBEAT_SECONDS:g} giây)."
        )
        worker = Worker(
            queue_names=["default"],
            interval=interval,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        try:
            worker.run()
        finally:
            heartbeat.stop()
            queue.stop_worker(worker_id)
