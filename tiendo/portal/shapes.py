"""The communes' shapes the public map draws, written only here: surveyed outlines loaded from a GeoJSON file
(matched to the communes by official code, all or nothing), and schematic cells sketched from the communes'
points for the communes no file covers. A commune's point is the mean of its projects' coordinates, else a place
around its former district's centre; an installation with no coordinates at all gets no sketch (the map then
draws only what was loaded)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Q
from django.utils import timezone

from tiendo.agencies.models import AdminUnit, Installation
from tiendo.audit.models import acted_by
from tiendo.core import access
from tiendo.domain import organisation
from tiendo.domain.portal import geometry
from tiendo.projects.models import Project

from .models import CommuneShape

SPREAD = 0.02  # degrees of latitude (≈ 2 km): communes with no project of their own, around their district's centre
MARGIN = 0.03  # degrees: the sketched province reaches this far beyond its outermost communes
APART = 0.002  # degrees: two communes' points closer than this are moved apart before the cells are cut


def province_communes(today: date | None = None):
    """The installation province's communes and wards of the day (under the province, or under one of its
    districts before the 2025 reorganisation)."""
    installation = Installation.current()
    if installation is None:
        return AdminUnit.objects.none()
    province = installation.province
    return (
        AdminUnit.objects.valid_on(today or timezone.localdate())
        .filter(level=organisation.UnitLevel.COMMUNE)
        .filter(Q(parent=province) | Q(parent__parent=province))
    )


def _require_change(actor) -> None:
    if not access.can_change(actor, CommuneShape()):
        raise PermissionDenied


def _save(unit: AdminUnit, point: geometry.Position, ring: geometry.Ring, source: str, actor, reason: str) -> bool:
    """Write one shape; False when it is already so (a sketch run again writes no history)."""
    outline = geometry.closed(ring)
    latitude, longitude = Decimal(f"{point[1]:.6f}"), Decimal(f"{point[0]:.6f}")
    shape = CommuneShape.objects.filter(unit=unit).first() or CommuneShape(unit=unit)
    if shape.pk is not None and (shape.source, shape.outline, shape.latitude, shape.longitude) == (
        source,
        outline,
        latitude,
        longitude,
    ):
        return False
    shape.source, shape.outline, shape.latitude, shape.longitude = source, outline, latitude, longitude
    acted_by(shape, actor, reason).save()
    return True


def _unit_for(code: str, units: Mapping[str, AdminUnit]) -> AdminUnit | None:
    """The commune of an official code; a file that dropped its leading zeros ("4" for "00004") still matches."""
    return units.get(code) or (units.get(code.zfill(5)) if code.isdigit() else None)


@dataclass
class Loaded:
    loaded: list[str] = field(default_factory=list)  # the communes' codes
    replaced_schematic: int = 0
    parts_dropped: int = 0  # islands beside a commune's largest part (the map draws one outline a commune)
    without_survey: list[str] = field(default_factory=list)  # the province's communes the file did not cover

    def as_dict(self) -> dict[str, object]:
        return {
            "loaded": len(self.loaded),
            "codes": self.loaded,
            "replaced_schematic": self.replaced_schematic,
            "parts_dropped": self.parts_dropped,
            "without_survey": self.without_survey,
        }


@transaction.atomic
def load(reading: geometry.Reading, *, actor, source_name: str = "") -> Loaded:
    """Surveyed outlines for the province's communes, from a read GeoJSON file: every feature must be a commune of
    the province, or nothing is written and each wrong feature is named (ValidationError, one sentence each)."""
    _require_change(actor)
    units = {unit.code: unit for unit in province_communes()}
    errors = list(reading.errors)
    matched: list[tuple[geometry.Feature, AdminUnit]] = []
    seen: dict[int, int] = {}
    for feature in reading.features:
        unit = _unit_for(feature.code, units)
        where = f"Đối tượng thứ {feature.number} (mã {feature.code})"
        if unit is None:
            errors.append(f"{where}: không phải mã của xã, phường nào của {_province_name()}.")
        elif unit.pk in seen:
            errors.append(f"{where}: cùng đơn vị {unit} với đối tượng thứ {seen[unit.pk]}.")
        else:
            seen[unit.pk] = feature.number
            matched.append((feature, unit))
    if errors:
        raise ValidationError(errors)
    result = Loaded()
    schematic = set(
        CommuneShape.objects.filter(
            unit__in=[u for _f, u in matched], source=CommuneShape.Source.SCHEMATIC
        ).values_list("unit_id", flat=True)
    )
    reason = f"Nạp ranh giới từ {source_name}" if source_name else "Nạp ranh giới xã, phường"
    for feature, unit in matched:
        outline = feature.outline
        _save(unit, geometry.inner_point(outline), outline, CommuneShape.Source.SURVEYED, actor, reason)
        result.loaded.append(unit.code)
        result.parts_dropped += len(feature.parts) - 1
        result.replaced_schematic += unit.pk in schematic
    result.without_survey = sorted(set(units) - set(result.loaded))
    return result


def _province_name() -> str:
    installation = Installation.current()
    return str(installation.province) if installation else "tỉnh"


@dataclass
class Sketched:
    sketched: list[str] = field(default_factory=list)  # the communes' codes
    changed: int = 0
    from_projects: int = 0  # communes placed at the mean of their projects
    around_district: int = 0  # communes placed around their former district's centre
    surveyed: int = 0  # communes with a surveyed outline (kept; their points part the cells too)
    unplaced: list[str] = field(default_factory=list)  # communes with no point at all (no shape)
    reason: str = ""  # why nothing was sketched

    def as_dict(self) -> dict[str, object]:
        return {
            "sketched": len(self.sketched),
            "changed": self.changed,
            "from_projects": self.from_projects,
            "around_district": self.around_district,
            "surveyed": self.surveyed,
            "unplaced": self.unplaced,
            "reason": self.reason,
        }


def _former_district(unit: AdminUnit) -> AdminUnit | None:
    """The district a commune belonged to (before 2025, its parent; after, the one it was formed from)."""
    if unit.parent is not None and unit.parent.level == organisation.UnitLevel.DISTRICT:
        return unit.parent
    districts = [u for u in unit.formed_from.all() if u.level == organisation.UnitLevel.DISTRICT]
    return min(districts, key=lambda u: u.code) if districts else None


def _mean(points: Sequence[geometry.Position]) -> geometry.Position:
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def _around(centre: geometry.Position, count: int) -> list[geometry.Position]:
    """`count` places on a small circle around a centre (the centre itself for one), a degree of longitude being
    shorter than one of latitude."""
    if count == 1:
        return [centre]
    shrink = math.cos(math.radians(centre[1]))
    return [
        (
            centre[0] + SPREAD * math.cos(2 * math.pi * k / count) / shrink,
            centre[1] + SPREAD * math.sin(2 * math.pi * k / count),
        )
        for k in range(count)
    ]


def _apart(point: geometry.Position, taken: Sequence[geometry.Position]) -> geometry.Position:
    """The point, moved north step by step while another commune's point is too close to part them."""
    lon, lat = point
    while any(abs(lon - x) < APART and abs(lat - y) < APART for x, y in taken):
        lat += APART
    return (lon, lat)


def _project_means(actor, units: Sequence[AdminUnit]) -> dict[int, geometry.Position]:
    rows = (
        access.visible(actor, Project)
        .filter(commune__in=[u.pk for u in units], latitude__isnull=False, longitude__isnull=False)
        .order_by()
        .values("commune_id")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
    )
    return {row["commune_id"]: (float(row["lon"]), float(row["lat"])) for row in rows}


@transaction.atomic
def sketch(*, actor, centres: Mapping[str, tuple[float, float]] | None = None, today: date | None = None) -> Sketched:
    """Schematic cells for the province's communes that have no surveyed outline. `centres` gives the (latitude,
    longitude) of former districts by code (the demo knows its districts'); a district not given is centred on the
    mean of its communes' project points."""
    _require_change(actor)
    units = list(province_communes(today).select_related("parent").prefetch_related("formed_from").order_by("code"))
    result = Sketched()
    if not units:
        result.reason = "Chưa có xã, phường nào của tỉnh cài đặt."
        return result
    surveyed = {
        shape.unit_id: shape
        for shape in CommuneShape.objects.filter(unit__in=units, source=CommuneShape.Source.SURVEYED)
    }
    means = _project_means(actor, units)
    points: dict[int, geometry.Position] = {}
    for unit in units:
        if unit.pk in surveyed:
            shape = surveyed[unit.pk]
            points[unit.pk] = (float(shape.longitude), float(shape.latitude))
        elif unit.pk in means:
            points[unit.pk] = means[unit.pk]
    result.surveyed = len(surveyed)
    result.from_projects = sum(1 for unit in units if unit.pk in means and unit.pk not in surveyed)

    # the communes with no point of their own, around their former district's centre
    district_of = {unit.pk: _former_district(unit) for unit in units}
    waiting: dict[int, list[AdminUnit]] = defaultdict(list)
    districts: dict[int, AdminUnit] = {}
    for unit in units:
        district = district_of[unit.pk]
        if unit.pk in points:
            continue
        if district is None:
            result.unplaced.append(unit.code)
            continue
        districts[district.pk] = district
        waiting[district.pk].append(unit)
    for district_pk, waiting_units in waiting.items():
        district = districts[district_pk]
        centre = _district_centre(district, centres or {}, units, district_of, points)
        if centre is None:
            result.unplaced += [unit.code for unit in waiting_units]
            continue
        for unit, place in zip(waiting_units, _around(centre, len(waiting_units)), strict=True):
            points[unit.pk] = _apart(place, list(points.values()))
            result.around_district += 1
    if not points:
        result.reason = (
            "Chưa có tọa độ nào để vẽ sơ đồ: chưa dự án nào của tỉnh có tọa độ và chưa nạp ranh giới xã, phường "
            "(tiendo portal shapes load TỆP.geojson --property THUỘC_TÍNH_MÃ). Không vẽ gì."
        )
        result.unplaced = []
        return result

    placed = [unit for unit in units if unit.pk in points]
    sites = [points[unit.pk] for unit in placed]
    around = sites + [p for shape in surveyed.values() for p in geometry.opened(shape.outline)]
    cells = geometry.schematic_cells(sites, geometry.padded_hull(around, MARGIN))
    for unit, site, cell in zip(placed, sites, cells, strict=True):
        if unit.pk in surveyed or not cell:
            continue
        result.changed += _save(unit, site, cell, CommuneShape.Source.SCHEMATIC, actor, "Vẽ sơ đồ xã, phường")
        result.sketched.append(unit.code)
    result.unplaced.sort()
    return result


def _district_centre(district, centres, units, district_of, points) -> geometry.Position | None:
    given = centres.get(district.code)
    if given is not None:
        return (float(given[1]), float(given[0]))
    own = [points[u.pk] for u in units if u.pk in points and district_of[u.pk] == district]
    return _mean(own) if own else None


def listing(actor, today: date | None = None) -> list[dict[str, object]]:
    """The province's communes with the shape the map draws for each (source "" when none)."""
    shapes = {shape.unit_id: shape for shape in access.visible(actor, CommuneShape)}
    rows = []
    for unit in province_communes(today).order_by("code"):
        shape = shapes.get(unit.pk)
        rows.append(
            {
                "code": unit.code,
                "name": f"{unit.unit_type} {unit.name}",
                "source": shape.source if shape else "",
                "latitude": float(shape.latitude) if shape else None,
                "longitude": float(shape.longitude) if shape else None,
                "vertices": max(len(shape.outline) - 1, 0) if shape else 0,
            }
        )
    return rows
