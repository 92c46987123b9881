from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared toolkit: access registry, command base, form fields, spreadsheets, middleware, template tags."""

    name = "tiendo.core"
    verbose_name = _("Core")
