"""The days the Government moves each year: extra days off around Tết or National Day and the Saturdays made
working days in exchange, each with its deciding document. The statutory holidays themselves come from the
`holidays` library (tiendo.domain.workdays); an administrator keeps these."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiendo.audit.models import kept_history
from tiendo.audit.versions import version_field


class DeclaredDay(models.Model):
    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Make-up working day")

    day = models.DateField(_("day"), unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, help_text=_("E.g. Nghỉ Tết Nguyên đán (hoán đổi)."))
    document = models.CharField(
        _("deciding document"),
        max_length=300,
        help_text=_("The notice or decision that declares it, e.g. Thông báo 6150/TB-BLĐTBXH."),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = version_field()

    history = kept_history()

    class Meta:
        verbose_name = _("declared day")
        verbose_name_plural = _("declared days")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"
