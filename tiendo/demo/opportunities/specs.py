"""The shape of one demo opportunity as data (no Django): its Vietnamese texts with their English and Chinese
translations, its place, size, form, steps, state and how far its translations went."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Text:
    """A text in Vietnamese with its translations ("" where nobody translated it)."""

    vi: str
    en: str = ""
    zh: str = ""


# How far each language went: reviewed, a draft not yet reviewed, missing, or "stale" (reviewed, then the
# Vietnamese summary was edited, so its translation is a draft again by its fingerprint)
REVIEWED, DRAFT, MISSING, STALE = "reviewed", "draft", "missing", "stale"


@dataclass(frozen=True)
class Spec:
    code: str
    listing: str  # key of procedure.LISTINGS
    sector: str  # demo sector code (tiendo/demo/projects/vocabulary.py SECTORS)
    commune: str  # today's commune (HP-<district>-<nn>, tiendo/demo/catalogue/places.py)
    zone: str  # key of HD_ZONES, or ""
    point: tuple[str, str]  # latitude, longitude: approximate, within the commune
    area_ha: str
    capital_ty: int  # indicative capital, tỷ đồng
    form: str  # Opportunity.SelectionForm value
    land: str  # Opportunity.LandStatus value
    steps: tuple[str, ...]  # keys of procedure.STEPS, in order
    title: Text
    summary: Text
    planning: Text
    holder: Text
    incentives: Text
    state: str = "published"  # draft / published / closed
    published: date | None = None
    en: str = REVIEWED
    zh: str = MISSING
    closed: date | None = None
    closed_trade: str = ""  # the trade of the demo enterprise selected (people.DOMESTIC_TRADES)
    closed_reason: str = ""  # "{investor}" stands for its name
    summary_before: Text | None = None  # STALE: the summary as first written, translated and reviewed
    edited_on: date | None = None  # STALE: when the Vietnamese summary was edited
