"""Who sees background jobs, registered in the access layer: their starter, and an administrator."""

from tiendo.core import access
from tiendo.domain import access as role_table

from .models import Job


def register() -> None:
    access.register(Job, visible=_visible)  # nobody changes a job by hand: no can_change


def _visible(actor, user):
    jobs = Job.objects.all()
    if role_table.sees_every_job(actor):
        return jobs
    if not role_table.signed_in(actor):
        return jobs.none()
    return jobs.filter(started_by=user)
