"""What a command that starts a background job prints: the job's number, or with --wait its progress and end."""

from django.core.management.base import CommandError

from . import queue
from .management.commands.jobs import job_data, job_line
from .models import Job


def add_background_arguments(parser) -> None:
    parser.add_argument("--background", action="store_true", help="queue it as a background job for the worker")
    parser.add_argument("--wait", action="store_true", help="with --background: wait for the job and show progress")


def wants_background(options) -> bool:
    """--background asked for; --wait without it is refused (there is nothing to wait for)."""
    if options["wait"] and not options["background"]:
        raise CommandError("--wait chỉ dùng cùng --background.")
    return options["background"]


def follow(command, options, job: Job) -> Job:
    """Print the queued job (--json: its record); with --wait, its progress on stderr until it ends."""
    if options.get("wait"):
        job = queue.wait_for(job, echo=lambda j: command.stderr.write(f"  {job_line(job_data(j))}"))
    data = job_data(job)
    if job.status == Job.Status.FAILED:
        raise CommandError(job_line(data))
    text = job_line(data)
    if not job.finished:
        text += f"\nXem tiến độ: tiendo jobs show {job.pk}"
    command.emit(options, data, text)
    return job
