"""One province's projects: numbers of decisions and certificates, agencies of the time, names from the
templates, and the batch the loader writes (the zones' developers and the demo investor's projects first)."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from tiendo.domain.projects import ProjectKind
from tiendo.projects.models import (
    Project,
)

from ..people import trade_fits
from .context import Context, Place, Plan, _cumulative, _pick
from .measures import _vnd, project_group
from .reports import Reports
from .schedule import Schedules
from .templates import FDI, PRIVATE, PUBLIC, T, _choose
from .vocabulary import (
    _DEPARTMENT_OF,
    BANDS,
    BEHAVIOUR,
    DYKES,
    FOREIGN_DEVELOPED,
    HD_ZONES,
    KIND_SHARE,
    PERSONS,
    REFORM,
    REFORM_TARGET,
    RELICS,
    RIVERS,
    ROADS_DT,
    ROADS_QL,
    SECTOR_SHARE,
    SMALL_RIVERS,
    TRIEU,
    TWO_TIER,
    TY,
    URBAN,
    USD_RATE,
    VILLAGES,
    YEAR_WEIGHTS,
    ZONE_FULL,
)

# Works of a village before 2025 ("Xây dựng Trạm Y tế thôn Ngọc Lặc, huyện Tứ Kỳ"); others name the district.
VILLAGE_WORKS = ("Xây dựng Trạm Y tế", "Nhà văn hóa", "Chợ trung tâm", "Cửa hàng xăng dầu")


class Generator(Schedules, Reports):
    """One province's projects, drawn from its seeded stream."""

    def __init__(self, ctx: Context, rng: random.Random, today: date, sectors: dict[str, int], certificates=None):
        self.ctx = ctx
        self.rng = rng
        self.today = today
        self.sectors = sectors
        self.serials: dict[tuple[str, int], int] = {}
        self.certificates: set[str] = set() if certificates is None else certificates  # unique in the nation
        self.years = list(YEAR_WEIGHTS)
        self.year_cum = _cumulative(YEAR_WEIGHTS.values())
        self.kinds = [k for k, _w in KIND_SHARE]
        self.kind_cum = _cumulative(w for _k, w in KIND_SHARE)
        self.sector_pick = {kind: (list(share), _cumulative(share.values())) for kind, share in SECTOR_SHARE.items()}
        self.fitting: dict[tuple[str, str, str], tuple[list, list[float]]] = {}

    def domestic_investor(self, sector: str, template_vi: str) -> tuple[int, str]:
        """A domestic investor whose trade fits the project (its sector, and for manufacturing what it makes),
        drawn with the investors' weights (a few groups hold many projects)."""
        ctx = self.ctx
        return self._fitting("VN", ctx.domestic, ctx.domestic_trades, ctx.domestic_cum, sector, template_vi)

    def foreign_investor(self, sector: str) -> tuple[int, str, str]:
        """A foreign investor whose trade fits the project's sector, drawn with the investors' weights."""
        ctx = self.ctx
        return self._fitting("FDI", ctx.foreign, ctx.foreign_trades, ctx.foreign_cum, sector, "")

    def _fitting(self, pool: str, items: list, trades: list[str], cum: list[float], sector: str, name: str):
        key = (pool, sector, name if sector == "CB" else "")
        if key not in self.fitting:
            weights = [b - a for a, b in zip([0.0, *cum], cum, strict=False)]
            chosen = [(i, w) for i, t, w in zip(items, trades, weights, strict=True) if trade_fits(t, sector, name)]
            chosen = chosen or list(zip(items, weights, strict=True))
            self.fitting[key] = ([i for i, _w in chosen], _cumulative(w for _i, w in chosen))
        fitting, fitting_cum = self.fitting[key]
        return _pick(self.rng, fitting, fitting_cum)

    # -- codes, numbers, agencies -------------------------------------------------------------------------------
    def code(self, decided: date) -> str:
        prefix = self.ctx.prefix_after if decided >= TWO_TIER else self.ctx.prefix_before
        key = (prefix, decided.year)
        self.serials[key] = self.serials.get(key, 0) + 1
        return f"{prefix}-{decided.year}-{self.serials[key]:04d}"

    def agency(self, key: str, day: date) -> str:
        """The agency code `key` (a department key, BQLDA, BQLKCN, UBND...) as it stood on `day`."""
        prefix = self.ctx.agency_prefix
        if self.ctx.home:
            if day >= REFORM:
                key = REFORM_TARGET.get(key, key)
            if day >= TWO_TIER:
                prefix = "HP"
                key = {"BQLKCN": "BQLKKT"}.get(key, key)
        else:
            key = REFORM_TARGET.get(key, key)
            key = {"BQLDA": "SXD", "BQLKCN": "STC", "SKHDT": "STC"}.get(key, key)
        return f"{prefix}-{key}"

    def decision_number(self, day: date, suffix: str, per_day: int = 11) -> str:
        number = (day.timetuple().tm_yday - 1) * per_day + self.rng.randint(1, per_day)
        return f"{number}/{suffix}"

    def resolution_number(self, day: date) -> str:
        return f"{max(1, day.timetuple().tm_yday // 12 + self.rng.randint(0, 3))}/NQ-HĐND"

    def certificate_number(self) -> str:
        while True:
            number = str(self.rng.randrange(1_000_000_000, 9_999_999_999))
            if number not in self.certificates:
                self.certificates.add(number)
                return number

    def decided_on(self) -> date:
        year = _pick(self.rng, self.years, self.year_cum)
        day = date(year, 1, 1) + timedelta(days=self.rng.randrange(365))
        return min(day, self.today - timedelta(days=60))

    def place_text(self, place: Place, decided: date, village: str = "") -> str:
        """ "xã Tứ Kỳ" from 01/07/2025; before, the district of the time ("thôn Ngọc Lặc, huyện Tứ Kỳ" with a
        village): the communes of today did not exist yet, and the catalogue does not hold those they replaced."""
        if decided >= TWO_TIER or not self.ctx.home:
            return f"{place.unit_type} {place.name}"
        return f"thôn {village}, {place.district}" if village else place.district

    def text(self, template: str, place: Place, decided: date, brand: str = "") -> str:
        rng = self.rng
        modern = decided >= TWO_TIER or not self.ctx.home
        village = rng.choice(VILLAGES)
        named = place.name if modern else village  # what a commune's school, market or estate is named after
        values = {
            "place": self.place_text(place, decided, village if template.startswith(VILLAGE_WORKS) else ""),
            "place_name": named,
            "district": place.district if not modern else f"{place.unit_type} {place.name}",
            "brand": brand,
            "village": f"thôn {village}",
            "village_name": rng.choice(VILLAGES),
            "person": rng.choice(PERSONS),
            "river": rng.choice(RIVERS),
            "small_river": rng.choice(SMALL_RIVERS),
            "dyke": rng.choice(DYKES),
            "relic": rng.choice(RELICS) if self.ctx.home else f"{place.unit_type} {place.name}",
            "dt": rng.choice(ROADS_DT),
            "ql": rng.choice(ROADS_QL),
            "urban": rng.choice(URBAN).format(n=named),
        }
        return template.format(**values)

    # -- the project --------------------------------------------------------------------------------------------
    def project(
        self,
        kind: ProjectKind | None = None,
        *,
        investor=None,
        behaviour: int | None = None,
        decided: date | None = None,
        sector: str | None = None,
        zone_index: int | None = None,
    ) -> Plan:
        rng = self.rng
        ctx = self.ctx
        kind = kind or _pick(rng, self.kinds, self.kind_cum)
        sectors, cum = self.sector_pick[kind]
        sector = sector or _pick(rng, sectors, cum)
        template = _choose(
            rng, {ProjectKind.PUBLIC: PUBLIC, ProjectKind.PRIVATE: PRIVATE, ProjectKind.FDI: FDI}[kind][sector]
        )
        decided = decided or self.decided_on()
        if behaviour is None:
            behaviour = _pick(rng, (0, 1, 2), _cumulative(BEHAVIOUR[kind]))
            if sector in ("BDS", "KCN", "DL") and behaviour == 0 and rng.random() < 0.3:
                behaviour = 1  # land-hungry projects are the slow ones (site clearance)

        # where
        zone = None
        if kind != ProjectKind.PUBLIC and ctx.zones and template.where != "out":
            share = (
                {"zone": 0.92, "any": 0.55}[template.where]
                if kind == ProjectKind.FDI
                else ({"zone": 0.8, "any": 0.4}[template.where])
            )
            if zone_index is not None or rng.random() < share:
                zone = ctx.zones[zone_index] if zone_index is not None else _pick(rng, ctx.zones, ctx.zone_cum)
        place = ctx.places[zone[6]] if zone else _pick(rng, ctx.places, ctx.place_weights)

        # who
        agency_key = None
        if kind == ProjectKind.PUBLIC:
            investor_pk, brand, country = None, "", "VN"
            owner = template.where
            if owner == "local" and (decided >= TWO_TIER or ctx.home):
                agency_key = self._local_owner(place, decided)
            elif owner == "board":
                agency_key = self.agency("BQLDA", decided)
            else:
                agency_key = self.agency(_DEPARTMENT_OF[sector], decided)
        else:
            if investor is not None:
                investor_pk, brand, country = investor
            elif kind == ProjectKind.FDI:
                investor_pk, brand, country = self.foreign_investor(sector)
            else:
                (investor_pk, brand), country = self.domestic_investor(sector, template.vi), "VN"
            agency_key = self.agency("BQLKCN" if zone else "SKHDT", decided)

        # how much
        band = template.band or BANDS[sector]
        if kind == ProjectKind.FDI:
            usd = math.exp(rng.uniform(math.log(template.low), math.log(template.high)))
            total = _vnd(usd * TRIEU * USD_RATE[decided.year])
        else:
            total = _vnd(math.exp(rng.uniform(math.log(template.low), math.log(template.high))) * TY)
        land = None
        if template.land and not (kind != ProjectKind.PUBLIC and rng.random() < 0.08):
            land = rng.randint(*template.land) // 10 * 10
        group = project_group(total, band, decided) if kind == ProjectKind.PUBLIC else ""

        name = self.text(template.vi, place, decided, brand)
        name_en = name_zh = ""
        if kind == ProjectKind.FDI:
            name_en = template.en.format(brand=brand)
            name_zh = template.zh.format(brand=brand)
        if kind != ProjectKind.PUBLIC and "{place" not in template.vi and "{urban" not in template.vi:
            if zone:
                name += f" tại {zone[3]}"
                name_en += f" in {zone[4]}" if name_en else ""
                name_zh = f"{zone[5]}{name_zh}" if name_zh and zone[5] else name_zh
            else:
                name += f" tại {self.place_text(place, decided)}"
                name_en += f", {place.district_en}" if name_en else ""
        if kind != ProjectKind.PUBLIC and rng.random() < 0.12:
            name, name_en = name + " (giai đoạn 2)", name_en + " (phase 2)" if name_en else ""
            name_zh = name_zh + "（二期）" if name_zh else ""
        return self._schedule(
            kind=kind,
            sector=sector,
            template=template,
            behaviour=behaviour,
            decided=decided,
            place=place,
            zone=zone,
            agency_key=agency_key,
            investor_pk=investor_pk,
            country=country,
            total=total,
            land=land,
            group=group,
            name=name,
            name_en=name_en,
            name_zh=name_zh,
        )

    def reporter(self, project: Project, investor_pk: int | None) -> int | None:
        """Who submits the reports: an officer of a public project's owner; the demo investor for its projects."""
        if project.kind == ProjectKind.PUBLIC.value:
            return self.ctx.officers.get(project.agency_id)
        mine = self.ctx.investor_enterprise and investor_pk == self.ctx.investor_enterprise[0]
        return self.ctx.investor_user if mine else None

    def _local_owner(self, place: Place, decided: date) -> str:
        if decided >= TWO_TIER:
            head, rest = place.code.split("-", 1)
            return f"{head}-UB-{rest}"
        return f"HD-UB-{place.district_code}"

    def batch(self, size: int, first: bool) -> list[Plan]:
        """`size` projects; the first batch of the demo province starts with its zones' developers and the demo
        investor's own projects, so that the investor login always has 2–4 projects to show."""
        plans: list[Plan] = []
        ctx = self.ctx
        if first and ctx.home:
            investor = ctx.investor_enterprise
            if investor:
                for behaviour, day in ((0, date(2018, 5, 14)), (1, date(2023, 3, 22)), (0, date(2025, 9, 8))):
                    plans.append(
                        self.project(ProjectKind.FDI, investor=investor, behaviour=behaviour, decided=day, sector="DT")
                    )
            for index, (_pk, key, *_r) in enumerate(ctx.zones):
                if len(plans) >= size:
                    break
                developer = None
                if key in FOREIGN_DEVELOPED:
                    # a developer of the group's country if one develops zones, else another foreign developer
                    developers = [
                        f for f, t in zip(ctx.foreign, ctx.foreign_trades, strict=True) if trade_fits(t, "KCN")
                    ]
                    developer = next((f for f in developers if f[2] == FOREIGN_DEVELOPED[key]), None) or next(
                        iter(developers), None
                    )
                plans.append(self._zone_developer(index, developer))
        while len(plans) < size:
            plans.append(self.project())
        return plans[:size]

    def _zone_developer(self, index: int, developer) -> Plan:
        """The infrastructure developer of a zone: a private (or foreign) project decided by the Prime Minister."""
        rng = self.rng
        _pk, key, kind, name, name_en, name_zh, place_index = self.ctx.zones[index]
        place = self.ctx.places[place_index]
        decided = date(rng.randint(2016, 2022), rng.randint(1, 12), rng.randint(1, 28))
        if developer is None:
            (investor_pk, _brand), country = self.domestic_investor("KCN", ""), "VN"
        else:
            investor_pk, _brand, country = developer
        ha = dict((k, h) for k, *_r, h in HD_ZONES)[key]
        total = _vnd(ha * rng.uniform(8, 18) * TY)
        full = ZONE_FULL[kind]
        template = T(f"Đầu tư xây dựng và kinh doanh kết cấu hạ tầng {full} {name.split(' ', 1)[1]}", 0, 0, None, "out")
        behaviour = _pick(rng, (0, 1, 2), _cumulative((45, 45, 10)))
        plan = self._schedule(
            kind=ProjectKind.FDI if developer else ProjectKind.PRIVATE,
            sector="KCN",
            template=template,
            behaviour=behaviour,
            decided=decided,
            place=place,
            zone=None,
            agency_key=self.agency("SKHDT", decided),
            investor_pk=investor_pk,
            country=country,
            total=total,
            land=ha * 10_000,
            group="",
            name=template.vi,
            name_en=f"{name_en} infrastructure development" if developer else "",
            name_zh=f"{name_zh}基础设施开发项目" if developer else "",
        )
        plan.project.zone_id = self.ctx.zones[index][0]
        if kind == "kcn":  # industrial parks need the Prime Minister's policy decision (Law on Investment Art. 31)
            number = f"{rng.randint(100, 1999)}/QĐ-TTg"
            plan.project.policy_decision_number = number
            plan.documents = [
                ("policy", number, d[2], "Thủ tướng Chính phủ", d[4]) if d[0] == "policy" else d for d in plan.documents
            ]
        return plan
