"""Investors and project owners: the enterprises whose projects and difficulties tiendo follows."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiendo.audit.models import SoftDeleteModel, kept_history
from tiendo.audit.versions import version_field
from tiendo.domain.text import clean, search_key

tax_code_validator = RegexValidator(
    r"^\d{10}(-\d{3})?$", _("A tax code has 10 digits, or 10 digits, a hyphen and 3 digits for a branch.")
)


class Enterprise(SoftDeleteModel):
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    tax_code = models.CharField(
        _("tax code"),
        max_length=14,
        blank=True,
        validators=[tax_code_validator],
        help_text=_("The enterprise code: 10 digits, or 13 for a branch."),
    )
    country = models.CharField(_("country"), max_length=2, default="VN", help_text=_("ISO 3166 code, e.g. VN, JP, KR."))
    address = models.CharField(_("address"), max_length=255, blank=True)
    representative = models.CharField(_("legal representative"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    search_key = models.CharField(max_length=600, editable=False, db_index=True)
    version = version_field()

    history = kept_history(excluded_fields=["search_key"])

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["tax_code"], condition=~models.Q(tax_code=""), name="enterprise_tax_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_foreign(self) -> bool:
        return self.country != "VN"

    def save(self, *args, **kwargs):
        self.name = clean(self.name)
        self.country = self.country.upper()
        self.search_key = search_key(" ".join(filter(None, [self.name, self.name_en, self.tax_code])))
        super().save(*args, **kwargs)
