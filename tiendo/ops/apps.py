from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the installation: serve, backup and restore, and the data check across every record app."""

    name = "tiendo.ops"
    verbose_name = _("Operations")
