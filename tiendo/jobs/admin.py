from django.contrib import admin

from .models import Job, JobWorker


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "subject", "status", "progress", "started_by", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    readonly_fields = [f.name for f in Job._meta.fields]


@admin.register(JobWorker)
class JobWorkerAdmin(admin.ModelAdmin):
    list_display = ["worker_id", "host", "pid", "started_at", "heartbeat_at", "stopped_at"]
    readonly_fields = [f.name for f in JobWorker._meta.fields]
