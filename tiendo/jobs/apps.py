from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "tiendo.jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import access

        access.register()  # who sees this app's records (tiendo.core.access)
        autodiscover_modules("jobs")  # each app's jobs.py declares its kinds of job
