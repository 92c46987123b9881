from datetime import timedelta

from django.core.management.base import CommandError
from django.utils import timezone, translation

from tiendo.core.commands import DataCommand
from tiendo.jobs import queue
from tiendo.jobs.models import Job


def job_data(job: Job) -> dict:
    """A job for --json and for the text lines (Vietnamese messages, local times)."""
    with translation.override("vi"):
        return {
            "id": job.pk,
            "kind": job.kind,
            "title": queue.kind_label(job.kind),
            "subject": job.subject,
            "status": job.status,
            "progress": job.progress,
            "message": job.message_text,
            "started_by": job.started_by.username if job.started_by else None,
            "created_at": timezone.localtime(job.created_at),
            "started_at": timezone.localtime(job.started_at) if job.started_at else None,
            "finished_at": timezone.localtime(job.finished_at) if job.finished_at else None,
            "result": job.result,
            "file": job.result_file.path if job.result_file else None,
            "error": job.error,
        }


STATUS_VI = {"queued": "đang chờ", "running": "đang chạy", "done": "xong", "failed": "thất bại"}


def job_line(data: dict) -> str:
    """One line of a job's `job_data`."""
    subject = f" — {data['subject']}" if data["subject"] else ""
    return (
        f"#{data['id']} {data['title']}{subject}: {STATUS_VI[data['status']]} {data['progress']}%"
        f"{'; ' + data['message'] if data['message'] else ''}"
    )


class Command(DataCommand):
    help = "List background jobs, show one (its progress, message, result file), or prune old finished ones."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "show", "prune"])
        parser.add_argument("id", nargs="?", type=int)
        parser.add_argument("--status", choices=[s.value for s in Job.Status])
        parser.add_argument("--limit", type=int, default=50)
        parser.add_argument("--days", type=int, default=90, help="prune: finished jobs older than this many days")
        self.add_json_argument(parser)

    def handle(self, *args, action, id=None, status=None, limit=50, days=90, **options):
        if action == "prune":
            if days < 1:
                raise CommandError("--days phải từ 1 trở lên.")
            jobs, files = queue.prune_jobs(timezone.now() - timedelta(days=days))
            data = {"jobs": jobs, "files": files}
            self.emit(options, data, f"Đã xóa {jobs} công việc đã kết thúc quá {days} ngày và {files} tệp của chúng.")
            return
        if action == "show":
            if id is None:
                raise CommandError("Cần số hiệu công việc: tiendo jobs show ID.")
            job = Job.objects.select_related("started_by").filter(pk=id).first()
            if job is None:
                raise CommandError(f"Không tìm thấy công việc #{id}.")
            job = queue.refresh_job(job)
            data = job_data(job)
            lines = [job_line(data)]
            if data["file"]:
                lines.append(f"  Tệp kết quả: {data['file']}")
            if job.error and job.status == Job.Status.FAILED:
                lines.append(f"  Chi tiết: {job.error.strip().splitlines()[-1]}")
            self.emit(options, data, "\n".join(lines))
            return
        queue.give_up_lost_jobs()
        jobs = Job.objects.select_related("started_by")
        if status:
            jobs = jobs.filter(status=status)
        rows = [job_data(j) for j in jobs[: max(limit, 1)]]
        self.emit(options, rows, "\n".join(job_line(row) for row in rows) or "Chưa có công việc nào.")
