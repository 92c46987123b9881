"""Figures entered by hand (the page's form and `tiendo targets record`): a quarter's growth of the four GRDP
components, or one indicator value, always with where they come from. A document is named by its issuer, number
and date; figures without a document ("entered by hand") name their source in the title. Recorded through
`services.record_publication`, so a figure revises the one in force and keeps it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.domain.release_cells import period_started

from . import services
from .models import Component, Indicator, Publication


def check_provenance(publication: Publication, *, today: date | None = None) -> None:
    """Issuer and date always; a number for a document, the source named for figures entered by hand."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if not publication.issuer.strip():
        errors["issuer"] = [_("Name who published the figures.")]
    if publication.source == Publication.Source.MANUAL:
        if not publication.title.strip():
            errors["title"] = [
                _("Figures entered by hand need their source named (e.g. the office's e-mail of 03/04).")
            ]
    elif not publication.number.strip():
        errors["number"] = [_("Give the document's number, or choose “Entered by hand” and name the source.")]
    if publication.published_on is None:
        errors["published_on"] = [_("Give the date.")]
    elif publication.published_on > today:
        errors["published_on"] = [_("The date is after today.")]
    if errors:
        raise ValidationError(errors)


def _started(publication: Publication, year: int, first_month: int) -> None:
    if not period_started(year, first_month, publication.published_on):
        raise ValidationError(_("The period had not begun on the publication's date."))


def record_quarter(
    publication: Publication,
    year: int,
    quarter: int,
    growth: dict[str, Decimal],
    *,
    actor,
    levels: dict[str, Decimal | None] | None = None,
) -> Publication:
    """The four components' growth of one quarter (fractions), and their levels where given."""
    check_provenance(publication)
    if quarter not in (1, 2, 3, 4):
        raise ValidationError(_("The quarter must be 1 to 4."))
    if set(growth) != set(Component.values):
        raise ValidationError(_("Give the growth of the four components."))
    _started(publication, year, 3 * quarter - 2)
    levels = levels or {}
    items = [services.NewGrowth(year, quarter, c, growth[c], level=levels.get(c)) for c in Component.values]
    return services.record_publication(publication, actor=actor, growth=items)


def record_value(
    publication: Publication, indicator: Indicator, year: int, months: int, value: Decimal, *, actor, note: str = ""
) -> Publication:
    """One indicator's value over the year's first `months` months."""
    check_provenance(publication)
    if not 1 <= months <= 12:
        raise ValidationError(_("The months covered must be 1 to 12."))
    _started(publication, year, months)
    item = services.NewValue(indicator, year, months, value, note)
    return services.record_publication(publication, actor=actor, values=[item])
