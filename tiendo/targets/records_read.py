"""What `tiendo targets list/show`, the read API and the records pages read: indicators with their targets, values
in force with what they replaced, the year's GRDP figures, scenarios; always through the access layer, so an
investor or a visitor reads only the published statistics and never a scenario.

The dicts here are the `--json` shapes and the API's (tiendo/targets/api.py declares the same fields)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from tiendo.core import access

from .models import Component, GrowthFigure, Indicator, IndicatorValue, Publication, Scenario, Target, Term
from .release_import import provenance, publication_data

__all__ = ["provenance", "publication_data"]


def _num(value) -> float | None:
    return float(value) if value is not None else None


def indicator_data(indicator: Indicator) -> dict[str, Any]:
    agency = indicator.responsible_agency
    return {
        "code": indicator.code,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "name_zh": indicator.name_zh,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "accumulates": indicator.accumulates,
        "responsible_agency": agency.code if agency else None,
        "active": indicator.active,
    }


def _revisions(target: Target) -> list[dict[str, Any]]:
    rows = target.history.select_related("history_user").order_by("history_date", "history_id")
    return [
        {
            "at": row.history_date.isoformat(),
            "by": row.history_user.username if row.history_user else None,
            "reason": row.history_change_reason or "",
            "low": _num(row.low),
            "high": _num(row.high),
            "document": row.document,
        }
        for row in rows
    ]


def target_data(target: Target, *, revisions: bool = False) -> dict[str, Any]:
    data = {
        "kind": target.kind,
        "term": str(target.term) if target.term_id else None,
        "year": target.year,
        "low": float(target.low),
        "high": _num(target.high),
        "document": target.document,
        "decided_on": target.decided_on.isoformat() if target.decided_on else None,
        "note": target.note,
    }
    if revisions:
        data["revisions"] = _revisions(target)
    return data


def _year_target(targets: list[Target], year: int) -> Target | None:
    """The year's own target (the People's Council resolution), else the term plan's figure for the year."""
    for kind in (Target.Kind.YEAR, Target.Kind.TERM_YEAR):
        for target in targets:
            if target.kind == kind and target.year == year:
                return target
    return None


def _replaced(record, text: str, visible_publications: set[int]) -> dict[str, Any] | None:
    old = record.replaces
    if old is None or old.publication_id not in visible_publications:
        return None
    return {"id": old.pk, "value": text, "publication": publication_data(old.publication),
            "sentence": f"thay thế số liệu {text} của {provenance(old.publication)}"}  # fmt: skip


def value_data(value: IndicatorValue, visible_publications: set[int]) -> dict[str, Any]:
    from .release_import import value_text

    old = value.replaces
    unit = value.indicator.unit
    return {
        "id": value.pk,
        "indicator": value.indicator.code,
        "year": value.year,
        "months": value.months,
        "value": float(value.value),
        "value_text": value_text(value.value, unit),
        "note": value.note,
        "in_force": _in_force(value),
        "publication": publication_data(value.publication),
        "replaces": _replaced(value, value_text(old.value, unit) if old else "", visible_publications),
    }


def _in_force(record) -> bool:
    try:
        record.replaced_by  # noqa: B018 - the reverse one-to-one raises when nothing replaced it
    except (IndicatorValue.DoesNotExist, GrowthFigure.DoesNotExist):
        return True
    return False


def growth_data(figure: GrowthFigure, visible_publications: set[int]) -> dict[str, Any]:
    from tiendo.domain.release_cells import format_percent

    old = figure.replaces
    return {
        "id": figure.pk,
        "year": figure.year,
        "quarter": figure.quarter,
        "component": figure.component,
        "sector": figure.sector.code if figure.sector_id else None,
        "growth": float(figure.growth),
        "growth_text": format_percent(figure.growth),
        "level": _num(figure.level),
        "in_force": _in_force(figure),
        "publication": publication_data(figure.publication),
        "replaces": _replaced(figure, format_percent(old.growth) if old else "", visible_publications),
    }


def _publication_ids(user) -> set[int]:
    return set(access.visible(user, Publication).values_list("pk", flat=True))


def _values(user):
    return access.visible(user, IndicatorValue).select_related(
        "indicator", "publication", "replaces__publication", "replaced_by"
    )


def _figures(user):
    return access.visible(user, GrowthFigure).select_related(
        "publication", "sector", "replaces__publication", "replaced_by"
    )


def indicator_list(user, year: int) -> list[dict[str, Any]]:
    """Every indicator the user sees, with the year's target and the latest value in force of the year."""
    indicators = list(access.visible(user, Indicator).select_related("responsible_agency"))
    targets: dict[int, list[Target]] = {}
    for target in access.visible(user, Target).filter(Q(year=year) | Q(year__isnull=True)).select_related("term"):
        targets.setdefault(target.indicator_id, []).append(target)
    latest: dict[int, IndicatorValue] = {}
    in_force = _values(user).filter(year=year, replaced_by__isnull=True).order_by("indicator_id", "-months", "-pk")
    for value in in_force:
        latest.setdefault(value.indicator_id, value)
    published = _publication_ids(user)
    rows = []
    for indicator in indicators:
        target = _year_target(targets.get(indicator.pk, []), year)
        value = latest.get(indicator.pk)
        rows.append(
            indicator_data(indicator)
            | {
                "year": year,
                "target": target_data(target) if target else None,
                "latest": value_data(value, published) if value else None,
            }
        )
    return rows


def indicator_detail(user, indicator: Indicator, year: int) -> dict[str, Any]:
    """One indicator: the term's targets and the year's with their revisions, every value of the year (in force
    and replaced) with its source, and for GRDP growth the year's component figures."""
    term = Term.objects.filter(first_year__lte=year, last_year__gte=year).first()
    targets = access.visible(user, Target).filter(indicator=indicator).select_related("term")
    targets = targets.filter(Q(year=year) | Q(kind=Target.Kind.TERM, term=term) if term else Q(year=year))
    published = _publication_ids(user)
    values = _values(user).filter(indicator=indicator, year=year).order_by("months", "publication__published_on", "pk")
    data = indicator_data(indicator) | {
        "year": year,
        "term": str(term) if term else None,
        "targets": [target_data(t, revisions=True) for t in targets],
        "values": [value_data(v, published) for v in values],
    }
    if indicator.code == Indicator.GRDP_GROWTH:
        data["growth"] = actual_growth(user, year, published)
    return data


def provenance_text(publication: dict[str, Any]) -> str:
    """A publication's dict named in a sentence, as `provenance` names the record."""
    day = "/".join(reversed(publication["published_on"].split("-")))
    if publication["number"]:
        return f"báo cáo {publication['number']} ngày {day}"
    return f"{publication['issuer']}, {publication['title'] or 'nhập tay'}, ngày {day}"


def actual_growth(
    user, year: int, published: set[int] | None = None, *, publication: Publication | None = None
) -> list[dict[str, Any]]:
    figures = _figures(user).filter(year=year).order_by("quarter", "component", "sector__position", "pk")
    if publication is not None:
        figures = figures.filter(publication=publication)
    published = _publication_ids(user) if published is None else published
    order = {component: index for index, component in enumerate(Component.values)}
    figures = sorted(figures, key=lambda f: (f.quarter, order[f.component], f.sector is not None))  # stable
    return [growth_data(f, published) for f in figures]


def actual_values(
    user, year: int, published: set[int] | None = None, *, publication: Publication | None = None
) -> list[dict[str, Any]]:
    values = _values(user).filter(year=year).order_by("indicator__position", "indicator__code", "months", "pk")
    if publication is not None:
        values = values.filter(publication=publication)
    published = _publication_ids(user) if published is None else published
    return [value_data(v, published) for v in values]


def scenario_data(scenario: Scenario) -> dict[str, Any]:
    return {
        "id": scenario.pk,
        "year": scenario.year,
        "name": scenario.name,
        "status": scenario.status,
        "target_growth": float(scenario.target_growth),
        "adopted_on": scenario.adopted_on.isoformat() if scenario.adopted_on else None,
        "document": scenario.document,
        "based_on": scenario.based_on_id,
        "cells": [
            {
                "component": cell.component,
                "sector": cell.sector.code if cell.sector_id else None,
                "quarter": cell.quarter,
                "base": float(cell.base),
                "growth": float(cell.growth),
            }
            for cell in scenario.cells.select_related("sector").order_by("component", "sector__position", "quarter")
        ],
    }
