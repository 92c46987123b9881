"""The one way enterprises change, shared by the pages, the API and the commands."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version
from tiendo.domain.money import format_number

from .models import Enterprise


@transaction.atomic
def save_enterprise(
    enterprise: Enterprise, *, actor, reason: str = "", expected_version: int | None = None
) -> Enterprise:
    claim_version(enterprise, expected_version)
    acted_by(enterprise, actor, reason)
    enterprise.full_clean()
    enterprise.save()
    return enterprise


SHOWN_DEPENDENTS = 5


def dependents(enterprise: Enterprise) -> tuple[list[str], list[str]]:
    """The codes of the projects it invests in and the logins acting for it (through the reverse relations:
    projects and accounts sit above this app)."""
    projects = list(enterprise.projects.filter(deleted_at__isnull=True).order_by("code").values_list("code", flat=True))
    logins = list(enterprise.users.filter(is_active=True).order_by("username").values_list("username", flat=True))
    return projects, logins


def _listed(values: list[str]) -> str:
    shown = ", ".join(values[:SHOWN_DEPENDENTS])
    return shown + (", …" if len(values) > SHOWN_DEPENDENTS else "")


@transaction.atomic
def delete_enterprise(enterprise: Enterprise, *, actor, reason: str = "") -> None:
    """Hide the enterprise; it can be restored from the list of deleted enterprises. Refused while projects or an
    investor's login depend on it: the investor would lose its own enterprise's page (404) and the projects
    their investor."""
    projects, logins = dependents(enterprise)
    if projects or logins:
        parts = []
        if projects:
            parts.append(
                _("%(n)s projects (%(codes)s)") % {"n": format_number(len(projects)), "codes": _listed(projects)}
            )
        if logins:
            parts.append(
                _("%(n)s investor logins (%(names)s)") % {"n": format_number(len(logins)), "names": _listed(logins)}
            )
        raise ValidationError(
            _(
                "The enterprise %(name)s cannot be deleted: %(dependents)s depend on it. Give the projects another "
                "investor and deactivate the logins first."
            )
            % {"name": enterprise.name, "dependents": "; ".join(parts)}
        )
    enterprise.soft_delete(actor, reason)


@transaction.atomic
def restore_enterprise(enterprise: Enterprise, *, actor, reason: str = "") -> None:
    enterprise.restore(actor, reason)
