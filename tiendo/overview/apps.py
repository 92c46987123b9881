from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewConfig(AppConfig):
    """The home page and the header: a surface that reads every record app, which none of them may import."""

    name = "tiendo.overview"
    verbose_name = _("Overview")
