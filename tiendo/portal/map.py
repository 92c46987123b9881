"""The public map, drawn on the server as inline SVG: the installation province's communes from their stored
shapes (no tiles, no script) and a point for each record a page shows. A page makes its points from its own
(filtered) records with `opportunity_points` and `project_points`, and renders `{% commune_map points %}`; the
points link to the records' public pages and are listed under the map for those who do not see it.

What is drawn is the public visitor's view whoever asks: public pages are cached once for every visitor."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tiendo.agencies.models import localised_name
from tiendo.core import access
from tiendo.domain.portal import geometry
from tiendo.domain.portal import translation as rules
from tiendo.projects.models import Project

from .models import CommuneShape, Opportunity, Translation
from .shapes import province_communes

PUBLIC = AnonymousUser()

OPPORTUNITY, PROJECT = "opportunity", "project"
KINDS = {OPPORTUNITY: _("Investment opportunity"), PROJECT: _("Public-investment project")}
# The public page of each kind of point: its URL name, given the record's code as `code`. A section not installed
# leaves its points without a link (they are still drawn and listed).
PAGES = {OPPORTUNITY: "portal:opportunity", PROJECT: "portal:investment_project"}

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

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])


def page_url(kind: str, code: str) -> str:
    try:
        return reverse(PAGES[kind], kwargs={"code": code})
    except NoReverseMatch:
        return ""


def _where(record, shape_points: dict[int, tuple[float, float]]) -> tuple[float | None, float | None, bool]:
    if record.longitude is not None and record.latitude is not None:
        return float(record.longitude), float(record.latitude), False
    if record.commune_id in shape_points:
        lon, lat = shape_points[record.commune_id]
        return lon, lat, True
    return None, None, False


def _commune_points(units: Iterable[int]) -> dict[int, tuple[float, float]]:
    shapes = access.visible(PUBLIC, CommuneShape).filter(unit__in=set(units))
    return {s.unit_id: (float(s.longitude), float(s.latitude)) for s in shapes}


def opportunity_points(records: Iterable[Opportunity]) -> list[Point]:
    """The points of published opportunities (a draft among `records` is left out): each titled with its reviewed
    translation, or the Vietnamese standing in."""
    published = access.visible(PUBLIC, Opportunity)
    wanted = [r.pk for r in records]
    found = list(published.filter(pk__in=wanted).select_related("commune").order_by("code"))
    language = rules.portal_language(translation.get_language() or "vi")
    titles = {}
    if language != "vi":
        rows = access.visible(PUBLIC, Translation).filter(opportunity__in=found, field="title", language=language)
        titles = {row.opportunity_id: row for row in rows}
    shape_points = _commune_points(r.commune_id for r in found)
    points = []
    for record in found:
        row = titles.get(record.pk)
        status = rules.status(record.title, row.text, row.reviewed, row.made_from) if row else rules.Status.MISSING
        shown = rules.shown(record.title, row.text if row else "", status, language)
        lon, lat, at_commune = _where(record, shape_points)
        points.append(
            Point(
                OPPORTUNITY,
                record.code,
                shown.text,
                "vi" if shown.stands_in else "",
                page_url(OPPORTUNITY, record.code),
                record.commune.display_name,
                lon,
                lat,
                at_commune,
            )
        )
    return points


def project_points(records: Iterable[Project]) -> list[Point]:
    """The points of public-investment projects (only those the public sees: a private one is left out)."""
    wanted = [r.pk for r in records]
    found = list(access.visible(PUBLIC, Project).filter(pk__in=wanted).select_related("commune").order_by("code"))
    shape_points = _commune_points(r.commune_id for r in found if r.commune_id)
    language = (translation.get_language() or "vi")[:2]
    points = []
    for record in found:
        own = {"en": record.name_en, "zh": record.name_zh}.get(language, "")
        lon, lat, at_commune = _where(record, shape_points)
        points.append(
            Point(
                PROJECT,
                record.code,
                record.display_name,
                "vi" if language != "vi" and not own else "",
                page_url(PROJECT, record.code),
                record.commune.display_name if record.commune else "",
                lon,
                lat,
                at_commune,
            )
        )
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
    point: Point
    x: float
    y: float

    @property
    def corner(self) -> tuple[float, float]:
        """The top left corner of a project's square (its centre is the point)."""
        return (self.x - 6, self.y - 6)


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
        drawn_points.append(DrawnPoint(point, round(x, 1), round(y, 1)))
    present = {p.kind for p in points}
    return Drawing(
        view_box=projection.view_box,
        communes=tuple(communes),
        points=tuple(drawn_points),
        listed=tuple(points),
        kinds=tuple((kind, str(label)) for kind, label in KINDS.items() if kind in present),
        schematic=any(c.schematic for c in communes),
    )
