"""Background jobs as tiendo sees them: who started what, how far it got, what came out, and why it stopped.

The queue itself is django-tasks' database backend (django_tasks_db.DBTaskResult); it knows a task's status but not
its progress, its user, its file or a worker that died, so each task carries the id of one Job row here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    FINISHED = (Status.DONE, Status.FAILED)

    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("subject"), max_length=255, blank=True)  # data, e.g. a file name or a round title
    params = models.JSONField(default=dict, blank=True)
    dedupe_key = models.CharField(max_length=200, blank=True, db_index=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(max_length=255, blank=True)  # an English msgid, translated when shown
    message_args = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    result_file = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)  # for the administrator: the exception, or why the job was given up
    task_id = models.CharField(max_length=64, blank=True)
    worker = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="jobs_status_heartbeat")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.subject}".strip()

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def message_text(self) -> str:
        """The message in the active language (stored as its English source so that every reader gets their own)."""
        if not self.message:
            return ""
        text = gettext(self.message)
        try:
            return text % self.message_args if self.message_args else text
        except (KeyError, TypeError, ValueError):
            return text


class JobWorker(models.Model):
    """One running `tiendo worker` process: its heartbeat says it is alive, its host and pid let a successor on
    the same machine see at once that it died."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("job worker")
        verbose_name_plural = _("job workers")

    def __str__(self) -> str:
        return f"{self.host}:{self.pid}"
