"""The public map's geometry, offline: no tiles and no boundary data on the machine, so a commune is drawn from the
outline loaded for it (a surveyed GeoJSON file) or, failing that, as the schematic cell of its point (the part of
the province nearer to it than to any other commune's point: a Voronoi cell, cut out of the province's outline by
one half-plane per neighbour). Positions are (longitude, latitude); a province is small enough for a flat map
with the longitude scaled by the cosine of its latitude. Plain Python: no Django."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Position = tuple[float, float]  # (x, y): (longitude, latitude), or a projected point
Ring = tuple[Position, ...]  # a polygon's outline, open: the first position is not repeated at the end

# Two communes' points closer than this (in degrees) are one point: no line can part them.
SAME_POINT = 1e-7


def area(ring: Sequence[Position]) -> float:
    """Signed area (shoelace): positive when the ring turns anticlockwise."""
    total = 0.0
    for index, (x1, y1) in enumerate(ring):
        x2, y2 = ring[(index + 1) % len(ring)]
        total += x1 * y2 - x2 * y1
    return total / 2


def centroid(ring: Sequence[Position]) -> Position:
    """The centre of mass of the polygon (the mean of its corners when it has no area)."""
    twice = 2 * area(ring)
    if abs(twice) < 1e-18:
        return (sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring))
    cx = cy = 0.0
    for index, (x1, y1) in enumerate(ring):
        x2, y2 = ring[(index + 1) % len(ring)]
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return (cx / (3 * twice), cy / (3 * twice))


def contains(ring: Sequence[Position], point: Position) -> bool:
    """Whether the point is inside the polygon (even-odd rule; a point on the edge may go either way)."""
    x, y = point
    inside = False
    for index, (x1, y1) in enumerate(ring):
        x2, y2 = ring[index - 1]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def inner_point(ring: Sequence[Position]) -> Position:
    """A point inside the polygon to stand for it: its centroid when that falls inside (any convex shape), else the
    middle of the widest stretch of the horizontal line through the centroid (a crescent, an L)."""
    centre = centroid(ring)
    if contains(ring, centre):
        return centre
    y = centre[1]
    crossings = sorted(
        x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        for index, (x1, y1) in enumerate(ring)
        for x2, y2 in [ring[index - 1]]
        if (y1 > y) != (y2 > y)
    )
    stretches = list(zip(crossings[0::2], crossings[1::2], strict=False))
    if not stretches:
        return centre
    left, right = max(stretches, key=lambda pair: pair[1] - pair[0])
    return ((left + right) / 2, y)


def convex_hull(points: Iterable[Position]) -> Ring:
    """The smallest convex polygon around the points, anticlockwise (Andrew's monotone chain)."""
    unique = sorted(set(points))
    if len(unique) < 3:
        return tuple(unique)

    def cross(o: Position, a: Position, b: Position) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Position] = []
    for point in unique:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], point) <= 0:
            lower.pop()
        lower.append(point)
    upper: list[Position] = []
    for point in reversed(unique):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], point) <= 0:
            upper.pop()
        upper.append(point)
    return tuple(lower[:-1] + upper[:-1])


def clip(ring: Sequence[Position], a: float, b: float, c: float) -> Ring:
    """The part of the polygon where a·x + b·y ≤ c (one step of Sutherland–Hodgman). A concave polygon cut in two
    comes back as one ring joined along the cutting line: its area stays right."""
    kept: list[Position] = []
    for index, current in enumerate(ring):
        previous = ring[index - 1]
        current_side = a * current[0] + b * current[1] - c
        previous_side = a * previous[0] + b * previous[1] - c
        if (current_side <= 0) != (previous_side <= 0):
            t = previous_side / (previous_side - current_side)
            kept.append((previous[0] + t * (current[0] - previous[0]), previous[1] + t * (current[1] - previous[1])))
        if current_side <= 0:
            kept.append(current)
    return tuple(kept)


def voronoi_cells(points: Sequence[Position], outline: Sequence[Position]) -> list[Ring]:
    """For each point, the part of the outline nearer to it than to any other point (empty for a point whose
    part is outside the outline). O(n²) half-plane cuts: a province has a few hundred communes at most."""
    for index, point in enumerate(points):
        for other in points[:index]:
            if abs(point[0] - other[0]) < SAME_POINT and abs(point[1] - other[1]) < SAME_POINT:
                raise ValueError(f"two points at the same place: {point}")
    cells = []
    for index, (px, py) in enumerate(points):
        cell: Ring = tuple(outline)
        for other_index, (qx, qy) in enumerate(points):
            if other_index == index or not cell:
                continue
            # nearer to p than to q:  2(q − p)·z ≤ |q|² − |p|²
            cell = clip(cell, 2 * (qx - px), 2 * (qy - py), qx * qx + qy * qy - px * px - py * py)
        cells.append(cell if len(cell) >= 3 else ())
    return cells


def _scale_of(latitudes: Iterable[float]) -> float:
    values = list(latitudes)
    middle = (min(values) + max(values)) / 2 if values else 0.0
    return math.cos(math.radians(middle))


def schematic_cells(points: Sequence[Position], outline: Sequence[Position]) -> list[Ring]:
    """The Voronoi cells of (longitude, latitude) points, measured on the ground: a degree of longitude is
    shorter than one of latitude by the cosine of the latitude, so the cut lines are drawn on scaled longitudes."""
    scale = _scale_of(lat for _, lat in [*points, *outline])
    flat = [(lon * scale, lat) for lon, lat in points]
    cells = voronoi_cells(flat, [(lon * scale, lat) for lon, lat in outline])
    return [tuple((x / scale, y) for x, y in cell) for cell in cells]


def padded_hull(points: Sequence[Position], margin: float) -> Ring:
    """An outline around (longitude, latitude) points with `margin` degrees of latitude to spare on every side
    (the same distance on the ground for the longitude): the province's outline when none is loaded."""
    if not points:
        raise ValueError("no points to draw an outline around")
    scale = _scale_of(lat for _, lat in points)
    corners = [(math.cos(math.pi * k / 8), math.sin(math.pi * k / 8)) for k in range(16)]
    around = [(lon + margin * dx / scale, lat + margin * dy) for lon, lat in points for dx, dy in corners]
    return convex_hull(around)


def closed(ring: Sequence[Position], digits: int = 6) -> list[list[float]]:
    """The ring as stored (CommuneShape.outline, GeoJSON): [[lon, lat], ...] rounded, the first repeated last."""
    stored = [[round(x, digits), round(y, digits)] for x, y in ring]
    return [*stored, stored[0]] if stored else []


def opened(stored: Sequence[Sequence[float]]) -> Ring:
    """A stored ring back as positions, without the repeated last one."""
    ring = tuple((float(pair[0]), float(pair[1])) for pair in stored)
    return ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring


@dataclass(frozen=True)
class Projection:
    """(longitude, latitude) to SVG coordinates in a viewBox `width` wide: x grows east, y grows south."""

    west: float
    north: float
    scale: float  # SVG units per degree of latitude
    shrink: float  # cos(latitude): a degree of longitude on the ground, in degrees of latitude
    width: float
    height: float
    padding: float

    def __call__(self, position: Position) -> Position:
        lon, lat = position
        return (
            self.padding + (lon - self.west) * self.shrink * self.scale,
            self.padding + (self.north - lat) * self.scale,
        )

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


def fit(positions: Iterable[Position], width: float = 800, padding: float = 12) -> Projection:
    """The projection that fits every position into a viewBox `width` wide (its height follows the shape)."""
    found = list(positions)
    if not found:
        raise ValueError("nothing to draw")
    west, east = min(p[0] for p in found), max(p[0] for p in found)
    south, north = min(p[1] for p in found), max(p[1] for p in found)
    shrink = _scale_of([south, north])
    span_x = max((east - west) * shrink, 1e-3)
    span_y = max(north - south, 1e-3)
    scale = (width - 2 * padding) / max(span_x, span_y * 0.5)  # a tall province is not drawn taller than 2:1
    return Projection(
        west=west - (span_x - (east - west) * shrink) / 2 / shrink,
        north=north + (span_y - (north - south)) / 2,
        scale=scale,
        shrink=shrink,
        width=round(span_x * scale + 2 * padding, 1),
        height=round(span_y * scale + 2 * padding, 1),
        padding=padding,
    )


def svg_path(ring: Sequence[Position], projection: Projection) -> str:
    """The `d` attribute of an SVG <path> drawing the polygon (one decimal: a tenth of a unit is invisible)."""
    if len(ring) < 3:
        return ""
    points = [projection(position) for position in ring]
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"


@dataclass(frozen=True)
class Feature:
    """One shape of a GeoJSON file: its position in the file (from 1), the code it carries, its outer rings."""

    number: int
    code: str
    parts: tuple[Ring, ...]

    @property
    def outline(self) -> Ring:
        """The largest part (a commune's islands beside its mainland are dropped: the map keeps one outline)."""
        return max(self.parts, key=lambda ring: abs(area(ring)))


@dataclass(frozen=True)
class Reading:
    features: tuple[Feature, ...]
    errors: tuple[str, ...]  # one Vietnamese sentence each, naming the feature


MAX_FEATURES = 10_000


def read_feature_collection(data: object, code_property: str) -> Reading:
    """The Polygon and MultiPolygon features of a GeoJSON FeatureCollection (RFC 7946) with the code each carries
    in `code_property`, or what is wrong with each feature (all of them, so one correction pass is enough)."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return Reading((), ('Tệp không phải một GeoJSON FeatureCollection (thiếu "type": "FeatureCollection").',))
    raw = data.get("features")
    if not isinstance(raw, list) or not raw:
        return Reading((), ('FeatureCollection không có đối tượng nào ("features" rỗng hoặc không phải danh sách).',))
    if len(raw) > MAX_FEATURES:
        return Reading((), (f"Tệp có {len(raw)} đối tượng, quá {MAX_FEATURES}: hãy chỉ giữ các xã của tỉnh.",))
    features: list[Feature] = []
    errors: list[str] = []
    first_of: dict[str, int] = {}
    for number, item in enumerate(raw, start=1):
        code, problem = _code_of(item, code_property)
        where = f"Đối tượng thứ {number}" + (f" (mã {code})" if code else "")
        if problem:
            errors.append(f"{where}: {problem}")
            continue
        parts, problem = _parts_of(item)
        if problem:
            errors.append(f"{where}: {problem}")
        elif code in first_of:
            errors.append(f"{where}: trùng mã với đối tượng thứ {first_of[code]}.")
        else:
            first_of[code] = number
            features.append(Feature(number, code, parts))
    return Reading(tuple(features), tuple(errors))


def _code_of(item: object, code_property: str) -> tuple[str, str]:
    if not isinstance(item, dict) or item.get("type") != "Feature":
        return "", "không phải một Feature."
    properties = item.get("properties")
    if not isinstance(properties, dict):
        return "", 'không có "properties".'
    value = properties.get(code_property)
    if isinstance(value, bool) or not isinstance(value, str | int) or not str(value).strip():
        return "", f'không có mã đơn vị hành chính ở thuộc tính "{code_property}".'
    return str(value).strip(), ""


def _parts_of(item: dict[str, object]) -> tuple[tuple[Ring, ...], str]:
    geometry = item.get("geometry")
    if not isinstance(geometry, dict):
        return (), 'không có hình ("geometry").'
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            return (), "MultiPolygon không có tọa độ."
        polygons = coordinates
    else:
        return (), f'hình loại "{kind}" không phải Polygon hay MultiPolygon.'
    parts = []
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return (), "Polygon không có vòng tọa độ nào."
        ring, problem = _ring_of(polygon[0])  # the outer ring; holes (lakes, another unit inside) are not drawn
        if problem:
            return (), problem
        for hole in polygon[1:]:
            if (problem := _ring_of(hole)[1]) != "":
                return (), f"lỗ của vùng: {problem}"
        parts.append(ring)
    return tuple(parts), ""


def _ring_of(raw: object) -> tuple[Ring, str]:
    if not isinstance(raw, list) or len(raw) < 4:
        return (), "một vòng tọa độ cần ít nhất 4 điểm (điểm đầu lặp lại ở cuối)."
    ring: list[Position] = []
    for number, position in enumerate(raw, start=1):
        if (
            not isinstance(position, list)
            or len(position) not in (2, 3)
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in position)
            or not all(math.isfinite(v) for v in position)
        ):
            return (), f"điểm thứ {number} của vòng không phải [kinh độ, vĩ độ]."
        lon, lat = float(position[0]), float(position[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return (), f"điểm thứ {number} ({lon}, {lat}) ngoài phạm vi kinh độ, vĩ độ (có đúng hệ WGS 84 không?)."
        ring.append((lon, lat))
    if ring[0] != ring[-1]:
        return (), "vòng tọa độ không khép kín (điểm cuối phải trùng điểm đầu)."
    if abs(area(ring)) < 1e-12:
        return (), "vòng tọa độ không có diện tích."
    return tuple(ring[:-1]), ""
