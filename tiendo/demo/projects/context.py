"""The province being generated: its places, agencies, officers and investors, read once from the database, and
the plan of one project before it is written."""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate

from tiendo.accounts.models import User
from tiendo.agencies.models import AdminUnit, Agency
from tiendo.domain.projects import MilestoneKind as MK
from tiendo.enterprises.models import Enterprise
from tiendo.projects.models import (
    Project,
    Zone,
)

from .. import catalogue
from ..people import foreign_trade_of, trade_of
from .vocabulary import DISTRICT_WEIGHTS, HD_ZONES


@dataclass
class Place:
    pk: int
    code: str
    name: str
    unit_type: str
    district: str  # "huyện Thanh Miện", or the province for other provinces
    district_en: str
    district_code: str  # HD district key, "" elsewhere
    centre: tuple[float, float] | None


@dataclass
class Context:
    prefix_before: str  # project code prefix before 01/07/2025 ("HD"), and after ("HP")
    prefix_after: str
    agency_prefix: str  # "HD" for the demo province (its agencies move to HP), "PHN" elsewhere
    places: list[Place]
    place_weights: list[float]
    zones: list[tuple[int, str, str, str, str, str, int]]  # (pk, key, kind, vi, en, zh, place index)
    zone_cum: list[float]
    agencies: dict[str, int]
    agency_names: dict[str, str]
    domestic: list[tuple[int, str]]  # (pk, brand)
    domestic_cum: list[float]
    foreign: list[tuple[int, str, str]]  # (pk, brand, country)
    foreign_cum: list[float]
    officers: dict[int, int]
    investor_enterprise: tuple[int, str, str] | None = None
    investor_user: int | None = None
    home: bool = True  # the demo province itself (real zones, boards, district committees)
    domestic_trades: list[str] = field(default_factory=list)  # the trade of each of `domestic` (people.trade_of)
    foreign_trades: list[str] = field(default_factory=list)  # the trade of each of `foreign`


@dataclass
class MilestonePlan:
    kind: MK
    first_due: date
    current_due: date
    done: date | None = None
    adjustments: list[tuple[str, date, date, date, str]] = field(default_factory=list)
    clearance: tuple | None = None  # (area, cleared, households, households cleared, planned, paid)


@dataclass
class Plan:
    project: Project
    milestones: list[MilestonePlan]
    sources: list[tuple[str, int]]
    documents: list[tuple[str, str, date, str, str]]
    behaviour: int  # 0 on time, 1 slow, 2 stalled
    start: date
    works_start: date | None
    works_end: date | None  # done or projected; None when stalled
    stall: date | None
    ended: date | None  # completion of a public project, or termination
    jobs: int = 0
    revenue: int = 0  # a year at full operation
    reporter: int | None = None


def _cumulative(weights) -> list[float]:
    return list(accumulate(weights))


def _pick(rng: random.Random, items, cum):
    return items[bisect_left(cum, rng.random() * cum[-1])]


def _brand_domestic(name: str) -> str:
    from ..people import DOMESTIC_WORDS

    bare = name.rstrip("0123456789 ")
    for word in DOMESTIC_WORDS:
        if bare.endswith(word):
            return word
    return bare.split()[-1]


def _brand_foreign(name_en: str) -> str:
    """ "Kotobuki" of "Kotobuki Electronics Vietnam Co., Ltd." (the trade word is not part of the brand)."""
    name = name_en.split(" Vietnam")[0] if " Vietnam" in name_en else name_en.split()[0]
    trade = foreign_trade_of(name_en)
    return name.removesuffix(f" {trade}") if trade else name


def _enterprises(rng: random.Random) -> tuple[list, list, list, list, tuple | None, list[str], list[str]]:
    """Domestic and foreign investors with a skewed weight each: a few groups hold many projects."""
    rows = list(Enterprise.objects.order_by("pk").values_list("pk", "name", "name_en", "country"))
    demo_investor = User.objects.filter(username="nhadautu").values_list("enterprise_id", flat=True).first()
    investor = next(
        ((pk, _brand_foreign(en), c) for pk, _n, en, c in rows if c != "VN" and pk == demo_investor),
        next(((pk, _brand_foreign(en), c) for pk, _n, en, c in rows if c != "VN"), None),
    )
    domestic = [(pk, _brand_domestic(name)) for pk, name, _en, c in rows if c == "VN"]
    trades = [trade_of(name) for _pk, name, _en, c in rows if c == "VN"]
    foreign_trades = [foreign_trade_of(en) for pk, _n, en, c in rows if c != "VN" and pk != (investor or (0,))[0]]
    foreign = [(pk, _brand_foreign(en), c) for pk, _n, en, c in rows if c != "VN" and pk != (investor or (0,))[0]]
    domestic_w = _cumulative(min(rng.paretovariate(1.3), 40) for _ in domestic)
    foreign_w = _cumulative(min(rng.paretovariate(1.5), 30) for _ in foreign)
    return domestic, domestic_w, foreign, foreign_w, investor, trades, foreign_trades


COMMUNE_RING = 0.03  # degrees of latitude: a former district's communes around its centre (the public map)


def commune_centre(district: tuple[float, float], index: int, siblings: int) -> tuple[float, float]:
    """Where the `index`-th of a former district's communes lies: the first at the district's centre when there
    are five or more, the others on a ring around it, so each commune's projects gather in a place of its own."""
    lat, lon = district
    ring = siblings - 1 if siblings >= 5 else siblings
    if siblings == 1 or (siblings >= 5 and index == 0):
        return (lat, lon)
    step = index - 1 if siblings >= 5 else index
    angle = 2 * math.pi * step / ring
    return (lat + COMMUNE_RING * math.sin(angle), lon + COMMUNE_RING * math.cos(angle) / math.cos(math.radians(lat)))


def home_context(enterprises) -> Context:
    """Hải Dương: its communes of today (by old district), its real zones, its agencies and investors."""
    units = {u.code: u for u in AdminUnit.objects.filter(code__startswith="HP-", level="commune")}
    districts = {
        code: (unit_type, name, name_en) for code, unit_type, name, name_en, *_ in catalogue.HAI_DUONG_DISTRICTS
    }
    places, weights = [], []
    for code in sorted(units):
        unit = units[code]
        district_code = code.split("-")[1]
        unit_type, name, name_en = districts[district_code]
        weight, lat, lon = DISTRICT_WEIGHTS[district_code]
        siblings = sum(1 for c in units if c.split("-")[1] == district_code)
        lat, lon = commune_centre((lat, lon), int(code.split("-")[2]) - 1, siblings)
        places.append(
            Place(
                unit.pk,
                code,
                unit.name,
                unit.unit_type,
                f"{unit_type} {name}",
                name_en,
                district_code,
                (lat, lon),
            )
        )
        weights.append(weight / siblings)
    index = {p.code: i for i, p in enumerate(places)}
    zones = [
        (z.pk, z.code.split("-")[-1], z.kind, z.name, z.name_en, z.name_zh, index[z.commune.code])
        for z in Zone.objects.filter(code__startswith="HD-").select_related("commune").order_by("code")
    ]
    area = {key: ha for key, _k, _n, _a, _z, _c, ha in HD_ZONES}
    return Context(
        "HD",
        "HP",
        "HD",
        places,
        _cumulative(weights),
        zones,
        _cumulative(area[z[1]] for z in zones),
        *_agencies(),
        *enterprises[:4],
        _officers(),
        enterprises[4],
        _investor_user(),
        True,
        enterprises[5],
        enterprises[6],
    )


def other_context(code: str, enterprises) -> Context:
    """Another province of the nation (national scale): its generated communes and zones."""
    prefix = f"P{code}"
    province = AdminUnit.objects.get(code=prefix)
    text = f"{province.unit_type} {province.name}"
    places = [
        Place(u.pk, u.code, u.name, u.unit_type, text, province.name_en, "", None)
        for u in AdminUnit.objects.filter(parent=province, level="commune").order_by("code")
    ]
    index = {p.code: i for i, p in enumerate(places)}
    zones = [
        (z.pk, z.code.split("-")[-1], z.kind, z.name, z.name_en, z.name_zh, index[z.commune.code])
        for z in Zone.objects.filter(code__startswith=f"{prefix}-").select_related("commune").order_by("code")
    ]
    return Context(
        code,
        code,
        prefix,
        places,
        _cumulative([1.0] * len(places)),
        zones,
        _cumulative([1.0] * len(zones)),
        *_agencies(),
        *enterprises[:4],
        _officers(),
        None,
        None,
        False,
        enterprises[5],
        enterprises[6],
    )


def _agencies() -> tuple[dict[str, int], dict[str, str]]:
    rows = Agency.objects.values_list("code", "pk", "name")
    return {c: pk for c, pk, _n in rows}, {c: n for c, _pk, n in rows}


def _officers() -> dict[int, int]:
    found: dict[int, int] = {}
    for agency_id, pk in User.objects.filter(role="officer").order_by("pk").values_list("agency_id", "pk"):
        found.setdefault(agency_id, pk)
    return found


def _investor_user() -> int | None:
    return User.objects.filter(username="nhadautu").values_list("pk", flat=True).first()
