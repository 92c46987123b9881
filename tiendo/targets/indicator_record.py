"""An indicator's record as its page shows it: each target with its revisions (who, when, why, old → new), each
value in force with its source and the figures it replaced, and the years' values against their targets for the
chart."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from tiendo.core import access

from . import standing
from .models import Indicator, IndicatorValue, Publication, Target, Term


def range_text(indicator: Indicator, low, high) -> str:
    if low is None:
        return "—"
    text = standing.plain(low)
    if high is not None and high != low:
        text = f"{text}–{standing.plain(high)}"
    return standing.with_unit(indicator, text)


@dataclass
class Revision:
    when: datetime
    who: str
    reason: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (what, old, new)
    created: bool = False


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def revisions(target: Target) -> list[Revision]:
    """The target's history, newest first: its creation and each change of value, document, date or note."""
    rows = list(target.history.select_related("history_user").order_by("history_date", "history_id"))
    found = []
    previous = None
    for row in rows:
        who = str(row.history_user) if row.history_user else _("system")
        entry = Revision(row.history_date, who, row.history_change_reason or "", created=previous is None)
        if previous is not None:
            old = range_text(target.indicator, previous.low, previous.high)
            new = range_text(target.indicator, row.low, row.high)
            for label, before, after in (
                (_("Target"), old, new),
                (_("Deciding document"), previous.document or "—", row.document or "—"),
                (_("Decided on"), _day(previous.decided_on), _day(row.decided_on)),
                (_("Note"), previous.note or "—", row.note or "—"),
            ):
                if before != after:
                    entry.changes.append((label, before, after))
        if entry.created or entry.changes:
            found.append(entry)
        previous = row
    return list(reversed(found))


@dataclass
class TargetLine:
    target: Target
    shown: str
    revisions: list[Revision]


def targets_of(indicator: Indicator, user) -> dict[str, list[TargetLine]]:
    """The indicator's targets by kind (term, term plan by year, year), each with its revisions."""
    targets = access.visible(user, Target).filter(indicator=indicator).select_related("term", "indicator")
    found: dict[str, list[TargetLine]] = {kind: [] for kind in Target.Kind.values}
    for target in targets.order_by("-term__first_year", "year", "pk"):
        found[target.kind].append(TargetLine(target, standing.target_text(target), revisions(target)))
    return found


def source_text(publication: Publication) -> str:
    """ "Số 12/BC-TK, 06/04/2026, Thống kê tỉnh — preliminary"."""
    parts = [publication.number] if publication.number else []
    parts += [publication.published_on.strftime("%d/%m/%Y"), publication.issuer]
    return f"{', '.join(parts)} — {publication.get_status_display()}"


@dataclass
class ValueLine:
    value: IndicatorValue
    shown: str
    period: str
    source: str
    source_kind: str
    replaced: list[tuple[str, str]]  # (value, source) of each figure it replaced, latest first


def values_of(indicator: Indicator, user) -> list[ValueLine]:
    """The values in force by year and period, each with its source and the chain of figures it replaced."""
    values = access.visible(user, IndicatorValue).filter(indicator=indicator).select_related("publication")
    by_pk = {v.pk: v for v in values}
    lines = []
    for value in sorted(by_pk.values(), key=lambda v: (-v.year, -v.months, v.pk)):
        if any(other.replaces_id == value.pk for other in by_pk.values()):
            continue  # replaced: shown under the figure that replaced it
        replaced, older = [], by_pk.get(value.replaces_id)
        while older is not None:
            replaced.append((standing.value_text(indicator, older.value), source_text(older.publication)))
            older = by_pk.get(older.replaces_id)
        lines.append(
            ValueLine(
                value,
                standing.value_text(indicator, value.value),
                standing.months_text(value.months),
                source_text(value.publication),
                value.publication.get_source_display(),
                replaced,
            )
        )
    return lines


@dataclass
class YearPoint:
    year: int
    low: float | None
    high: float | None
    value: float | None
    months: int
    estimated: bool = False  # GRDP: the scenario's estimate of the year, not a published value


def years_of(indicator: Indicator, user, terms: list[Term]) -> list[YearPoint]:
    """Each year of the terms (and any other year with a target or a value): its target and latest value."""
    targets = {t.year: t for t in access.visible(user, Target).filter(indicator=indicator, kind=Target.Kind.YEAR)}
    values = access.visible(user, IndicatorValue).filter(indicator=indicator, replaced_by__isnull=True)
    latest: dict[int, IndicatorValue] = {}
    for value in values.order_by("months", "pk"):
        latest[value.year] = value
    years = set(targets) | set(latest)
    for term in terms:
        years |= set(range(term.first_year, term.last_year + 1))
    points = []
    for year in sorted(years):
        target, value = targets.get(year), latest.get(year)
        point = YearPoint(
            year,
            None if target is None else float(target.low),
            None if target is None or target.high is None else float(target.high),
            None if value is None else float(value.value),
            0 if value is None else value.months,
        )
        if value is None and indicator.code == Indicator.GRDP_GROWTH:
            grdp = standing.grdp_standing(year, user)
            if grdp.result is not None and grdp.result.elapsed_quarters:
                if grdp.result.elapsed_quarters < 4 and grdp.estimate is not None:
                    point.value, point.months, point.estimated = grdp.estimate, 12, True
                else:
                    point.value, point.months = grdp.ytd, grdp.months
        points.append(point)
    return points
