"""Users carry one role and, for officers and investors, the agency or enterprise they act for."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiendo.audit.models import kept_history
from tiendo.domain.access import Actor, Role

ROLE_CHOICES = [
    (Role.LEADER.value, _("Leader")),
    (Role.SPECIALIST.value, _("Specialist")),
    (Role.OFFICER.value, _("Agency officer")),
    (Role.INVESTOR.value, _("Investor")),
    (Role.ADMIN.value, _("Administrator")),
]


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=ROLE_CHOICES, default=Role.OFFICER.value)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    is_agency_head = models.BooleanField(
        _("heads the agency"), default=False, help_text=_("Heads the agency: receives overdue petitions.")
    )

    history = kept_history(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean(self) -> None:
        super().clean()
        if self.role == Role.OFFICER and not self.agency_id:
            raise ValidationError({"agency": _("An agency officer must belong to an agency.")})
        if self.role == Role.INVESTOR and not self.enterprise_id:
            raise ValidationError({"enterprise": _("An investor account must belong to an enterprise.")})

    def save(self, *args, **kwargs):
        # Administrators use the Django admin; nobody else does.
        self.is_staff = self.role == Role.ADMIN or self.is_superuser
        super().save(*args, **kwargs)

    @property
    def role_table_actor(self) -> Actor:
        """The user as the role table (tiendo.domain.access) sees them: role, agency lineage, enterprise. Ask
        `tiendo.core.access.actor_of(user)` rather than this: it also answers for an anonymous visitor."""
        cached = getattr(self, "_actor", None)
        if cached is None:
            agency_ids = frozenset(self.agency.lineage_ids()) if self.agency_id else frozenset()
            cached = self._actor = Actor(Role(self.role), agency_ids, self.enterprise_id)
        return cached
