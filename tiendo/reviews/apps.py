from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "tiendo.reviews"
    verbose_name = _("Behind-schedule reviews")

    def ready(self) -> None:
        from . import access

        access.register()  # who sees and changes this app's records (tiendo.core.access)

        from . import project_pages

        project_pages.register()  # its sections of the project pages (tiendo.projects.hooks)
