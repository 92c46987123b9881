"""Who sees background jobs, registered in the access layer: their starter, and an administrator."""

from tiendo.core import access
from tiendo.domain import access as rules

from .models import Job


def register() -> None:
    access.register(Job, visible=_visible)  # nobody changes a job by hand: no can_change


def _visible(actor, user):
    jobs = Job.objects.all()
    if rules.sees_every_job(actor):
        return jobs
    if not rules.signed_in(actor):
        return jobs.none()
    return jobs.filter(started_by=user)
