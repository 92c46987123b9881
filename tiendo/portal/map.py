"""The public map, drawn on the server as inline SVG: the installation province's communes from their stored
shapes (no tiles, no script) and a point for each record a page shows. A page makes its points from its own
(filtered) records with `opportunity_points` and `project_points`, and renders `{% commune_map points %}`; the
points link to the records' public pages and are listed under the map for those who do not see it.

What is drawn is the public visitor's view whoever asks: public pages are cached once for every visitor."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import Model, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tiendo.agencies.models import AdminUnit, localised_name
from tiendo.core import access
from tiendo.domain.portal import geometry
from tiendo.domain.portal import translation as rules
from tiendo.projects.models import Project

from .models import CommuneShape, Opportunity, Translation
from .public import VISITOR as PUBLIC
from .shapes import province_communes

OPPORTUNITY, PROJECT = "opportunity", "project"
KINDS = {OPPORTUNITY: _("Investment opportunity"), PROJECT: _("Public-investment project")}
# The public page of each kind of point: its URL name, given the record's code as `code`. A section not installed
# leaves its points without a link (they are still drawn and listed).
PAGES = {OPPORTUNITY: "portal:opportunity", PROJECT: "portal:investment_detail"}

WIDTH = 800  # the viewBox's width; the SVG scales to the page
LABEL_SIZE = 11  # a commune's name, in viewBox units
LETTER = 0.56  # a letter's mean width, in font sizes


@dataclass(frozen=True)
class Point:
    """A record on the map: what it is, its name in the page's language (`lang` says the language the name is
    in when it is not the page's: Vietnamese standing in), its public page, where it is."""

    kind: str
    code: str
    name: str
    lang: str
    url: str
    place: str
    longitude: float | None
    latitude: float | None
    at_commune: bool = False  # no coordinates of its own: drawn at its commune's point
    kind_label: str = ""  # "Investment opportunity", in the page's language


def page_url(kind: str, code: str) -> str:
    return _url_maker(kind)(code)


_MARK = "0CODE0"


def _url_maker(kind: str):
    """The public page's address of a record of this kind, made without resolving each of a thousand codes."""
    try:
        pattern = reverse(PAGES[kind], kwargs={"code": _MARK})
    except NoReverseMatch:
        return lambda code: ""
    return lambda code: pattern.replace(_MARK, quote(code, safe="!$&'()*+,;=~:@"))


def _places(rows: Sequence[dict]) -> tuple[dict[int, str], dict[int, tuple[float, float]]]:
    """The records' communes: their names in the page's language, and their points on the map."""
    units = {row["commune_id"] for row in rows if row["commune_id"]}
    names = {unit.pk: unit.display_name for unit in AdminUnit.objects.filter(pk__in=units)}
    shapes = access.visible(PUBLIC, CommuneShape).filter(unit__in=units).values("unit_id", "longitude", "latitude")
    return names, {s["unit_id"]: (float(s["longitude"]), float(s["latitude"])) for s in shapes}


def _point(kind, row, name, lang, url, names, shape_points) -> Point:
    commune = row["commune_id"]
    if row["longitude"] is not None and row["latitude"] is not None:
        lon, lat, at_commune = float(row["longitude"]), float(row["latitude"]), False
    elif commune in shape_points:
        (lon, lat), at_commune = shape_points[commune], True
    else:
        lon, lat, at_commune = None, None, False
    label = str(KINDS[kind])
    return Point(kind, row["code"], name, lang, url, names.get(commune, ""), lon, lat, at_commune, label)


def _keys(records: Iterable[Model]):
    """The records' keys: a subquery for a queryset (a page's filtered list), else the list of them."""
    return records.values("pk") if isinstance(records, QuerySet) else [r.pk for r in records]


def opportunity_points(records: Iterable[Opportunity]) -> list[Point]:
    """The points of published opportunities (a draft among `records` is left out): each titled with its reviewed
    translation, or the Vietnamese standing in."""
    rows = list(
        access.visible(PUBLIC, Opportunity)
        .filter(pk__in=_keys(records))
        .order_by("code")
        .values("pk", "code", "title", "commune_id", "longitude", "latitude")
    )
    language = rules.portal_language(translation.get_language() or "vi")
    titles = {}
    if language != "vi":
        found = access.visible(PUBLIC, Translation).filter(
            opportunity__in=[row["pk"] for row in rows], field="title", language=language
        )
        titles = {t.opportunity_id: t for t in found}
    names, shape_points = _places(rows)
    url = _url_maker(OPPORTUNITY)
    points = []
    for row in rows:
        done = titles.get(row["pk"])
        status = rules.status(row["title"], done.text, done.reviewed, done.made_from) if done else None
        shown = rules.shown(row["title"], done.text if done else "", status or rules.Status.MISSING, language)
        lang = "vi" if shown.stands_in else ""
        points.append(_point(OPPORTUNITY, row, shown.text, lang, url(row["code"]), names, shape_points))
    return points


def project_points(records: Iterable[Project]) -> list[Point]:
    """The points of public-investment projects (only those the public sees: a private one is left out), each
    named in the page's language where the project has a name in it."""
    rows = list(
        access.visible(PUBLIC, Project)
        .filter(pk__in=_keys(records))
        .order_by("code")
        .values("code", "name", "name_en", "name_zh", "commune_id", "longitude", "latitude")
    )
    language = (translation.get_language() or "vi")[:2]
    names, shape_points = _places(rows)
    url = _url_maker(PROJECT)
    points = []
    for row in rows:
        own = {"en": row["name_en"], "zh": row["name_zh"]}.get(language, "")
        lang = "vi" if language != "vi" and not own else ""
        points.append(_point(PROJECT, row, own or row["name"], lang, url(row["code"]), names, shape_points))
    return points


@dataclass(frozen=True)
class DrawnCommune:
    title: str
    path: str
    schematic: bool
    label: str  # its name written inside, or "" where it does not fit
    x: float
    y: float


@dataclass(frozen=True)
class DrawnPoint:
    """A point's place in the viewBox, written out once (a map may hold a thousand points)."""

    point: Point
    x: str
    y: str
    corner_x: str  # the top left corner of a project's square (its centre is the point, its side 10)
    corner_y: str


@dataclass(frozen=True)
class Drawing:
    view_box: str
    communes: tuple[DrawnCommune, ...]
    points: tuple[DrawnPoint, ...]  # the points with a place, drawn
    listed: tuple[Point, ...]  # every point, for the list under the map
    kinds: tuple[tuple[str, str], ...]  # (kind, label) of the kinds shown, for the legend
    schematic: bool  # some outline is a sketch, not a survey


def _fits(label: str, centre: geometry.Position, ring: Sequence[geometry.Position]) -> bool:
    """Whether the name, written centred on `centre`, stays inside the drawn commune."""
    half_width, half_height = len(label) * LABEL_SIZE * LETTER / 2, LABEL_SIZE * 0.7
    x, y = centre
    corners = [(x - half_width, y - half_height), (x + half_width, y - half_height)]
    corners += [(x - half_width, y + half_height * 0.6), (x + half_width, y + half_height * 0.6)]
    return all(geometry.contains(ring, corner) for corner in corners)


def draw(points: Sequence[Point]) -> Drawing | None:
    """The province's communes and the points, projected to one viewBox; None when there is nothing to draw."""
    shapes = list(
        access.visible(PUBLIC, CommuneShape)
        .filter(unit__in=province_communes().values("pk"))
        .select_related("unit")
        .order_by("unit__code")
    )
    rings = [geometry.opened(shape.outline) for shape in shapes]
    placed = [p for p in points if p.longitude is not None and p.latitude is not None]
    positions = [pos for ring in rings for pos in ring] + [(p.longitude, p.latitude) for p in placed]
    if not positions:
        return None
    projection = geometry.fit(positions, width=WIDTH)
    communes = []
    for shape, ring in zip(shapes, rings, strict=True):
        if len(ring) < 3:
            continue
        drawn = [projection(position) for position in ring]
        centre = geometry.inner_point(drawn)
        label = localised_name(shape.unit, shape.unit.name)
        communes.append(
            DrawnCommune(
                title=shape.unit.display_name,
                path=geometry.svg_path(ring, projection),
                schematic=shape.source == CommuneShape.Source.SCHEMATIC,
                label=label if _fits(label, centre, drawn) else "",
                x=round(centre[0], 1),
                y=round(centre[1] + LABEL_SIZE * 0.35, 1),
            )
        )
    drawn_points = []
    for point in placed:
        x, y = projection((float(point.longitude or 0), float(point.latitude or 0)))
        drawn_points.append(DrawnPoint(point, f"{x:.1f}", f"{y:.1f}", f"{x - 5:.1f}", f"{y - 5:.1f}"))
    present = {p.kind for p in points}
    return Drawing(
        view_box=projection.view_box,
        communes=tuple(communes),
        points=tuple(drawn_points),
        listed=tuple(points),
        kinds=tuple((kind, str(label)) for kind, label in KINDS.items() if kind in present),
        schematic=any(c.schematic for c in communes),
    )
