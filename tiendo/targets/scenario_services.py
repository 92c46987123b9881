"""The scenario pages' writes beyond the foundation's services: a new draft from scratch, the cells of a draft with its
level-1 sectors rolled up into their components, and the monthly summary paragraph. One transaction each, keyword-only
`actor`, history kept, stale edits refused."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version
from tiendo.core import access
from tiendo.domain import growth

from . import services
from .models import Scenario, Summary

BASE_PLACES = Decimal("0.001")  # the cells' billion đồng keep three decimals
GROWTH_PLACES = Decimal("0.000001")  # and growth fractions six (0,0001 %)


def rolled_up(cells: Iterable[services.Cell]) -> list[services.Cell]:
    """The cells as given, with each component that has sector cells replaced by its sectors rolled up by weight
    (tiendo.domain.growth.roll_up): the component's base is the sum of its sectors', its growth their growth weighted
    by base, so that its contribution is the sum of theirs."""
    cells = list(cells)
    detailed = {c.component for c in cells if c.sector is not None}
    out = [c for c in cells if c.sector is not None or c.component not in detailed]
    for component in sorted(detailed):
        members: dict[int, dict[int, tuple[float, float]]] = {}
        for cell in cells:
            if cell.component == component and cell.sector is not None:
                members.setdefault(cell.sector.pk, {})[cell.quarter] = (float(cell.base), float(cell.growth))
        if any(sorted(quarters) != [1, 2, 3, 4] for quarters in members.values()):
            raise ValidationError(_("Each sector needs its four quarters."))
        rows = [[quarters[q] for q in (1, 2, 3, 4)] for quarters in members.values()]
        for quarter, (base, rate) in enumerate(growth.roll_up_quarters(rows), start=1):
            out.append(
                services.Cell(
                    component,
                    quarter,
                    Decimal(repr(base)).quantize(BASE_PLACES),
                    Decimal(repr(rate)).quantize(GROWTH_PLACES),
                )
            )
    return out


@transaction.atomic
def save_draft(
    scenario: Scenario, cells: Iterable[services.Cell], *, actor, reason: str = "", expected_version: int | None = None
) -> Scenario:
    """A draft's header and cells, its sectors rolled up into their components (`rolled_up`); a new draft records who
    made it. Adopted versions are refused by `services.save_scenario`."""
    if scenario.pk is None:
        scenario.created_by = actor
    return services.save_scenario(
        scenario, rolled_up(cells), actor=actor, reason=reason, expected_version=expected_version
    )


@transaction.atomic
def save_summary(summary: Summary, *, actor, expected_version: int | None = None) -> Summary:
    """The monthly report's paragraph as the specialist edited it (the draft it started from is kept beside it)."""
    if not access.can(actor, "manage_targets"):
        raise PermissionDenied
    if not summary.text.strip():
        raise ValidationError({"text": _("Write the paragraph, or re-draft it from the data.")})
    claim_version(summary, expected_version)
    summary.edited_by = actor
    summary.full_clean()
    acted_by(summary, actor).save()
    return summary
