"""The public map's geometry: schematic cells cover the province without overlap and each holds its own commune's
point; the projection fits the viewBox; GeoJSON files are read or refused feature by feature."""

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tiendo.domain.portal import geometry as g

BOX = ((0.0, 0.0), (10.0, 0.0), (10.0, 6.0), (0.0, 6.0))
L_SHAPE = ((0.0, 0.0), (8.0, 0.0), (8.0, 3.0), (3.0, 3.0), (3.0, 8.0), (0.0, 8.0))


def spread(points, least=0.05):
    """Points no two of which are closer than `least` (a real province's communes are kilometres apart)."""
    return all(math.dist(p, q) >= least for i, p in enumerate(points) for q in points[:i])


inside_box = st.tuples(st.floats(0.01, 9.99), st.floats(0.01, 5.99))
box_points = st.lists(inside_box, min_size=1, max_size=25).filter(spread)


@settings(max_examples=60, deadline=None)
@given(points=box_points)
def test_cells_cover_the_outline_without_overlap(points):
    cells = g.voronoi_cells(points, BOX)
    assert len(cells) == len(points)
    assert sum(abs(g.area(cell)) for cell in cells) == pytest.approx(g.area(BOX), rel=1e-9)
    for point, cell in zip(points, cells, strict=True):
        assert g.contains(cell, point)


@settings(max_examples=40, deadline=None)
@given(points=box_points, probes=st.lists(inside_box, min_size=5, max_size=20))
def test_each_place_belongs_to_the_cell_of_the_nearest_point_only(points, probes):
    cells = g.voronoi_cells(points, BOX)
    for probe in probes:
        distances = sorted((math.dist(probe, p), i) for i, p in enumerate(points))
        assume(len(distances) == 1 or distances[1][0] - distances[0][0] > 1e-6)
        holders = [i for i, cell in enumerate(cells) if g.contains(cell, probe)]
        assert holders == [distances[0][1]]


@settings(max_examples=40, deadline=None)
@given(points=st.lists(st.tuples(st.floats(0.2, 7.8), st.floats(0.2, 7.8)), min_size=1, max_size=15).filter(spread))
def test_a_concave_outline_is_shared_out_whole(points):
    cells = g.voronoi_cells(points, L_SHAPE)
    assert sum(abs(g.area(cell)) for cell in cells) == pytest.approx(g.area(L_SHAPE), rel=1e-9)


@settings(max_examples=40, deadline=None)
@given(
    points=st.lists(st.tuples(st.floats(106.1, 106.6), st.floats(20.7, 21.2)), min_size=2, max_size=30).filter(
        lambda ps: spread(ps, 0.005)
    )
)
def test_schematic_cells_are_cut_by_distance_on_the_ground(points):
    outline = g.padded_hull(points, 0.03)
    cells = g.schematic_cells(points, outline)
    assert sum(abs(g.area(cell)) for cell in cells) == pytest.approx(abs(g.area(outline)), rel=1e-9)
    latitudes = [lat for _, lat in [*points, *outline]]
    scale = math.cos(math.radians((min(latitudes) + max(latitudes)) / 2))
    for index, (point, cell) in enumerate(zip(points, cells, strict=True)):
        assert g.contains(cell, point)
        # a corner of the cell is no nearer on the ground to another commune's point than to its own
        for lon, lat in cell:
            own = math.dist((lon * scale, lat), (point[0] * scale, point[1]))
            others = [math.dist((lon * scale, lat), (q[0] * scale, q[1])) for q in points[:index] + points[index + 1 :]]
            assert own <= min(others) + 1e-4


def test_the_hull_around_points_keeps_its_margin():
    points = [(106.3, 20.9), (106.5, 21.1), (106.2, 21.0)]
    hull = g.padded_hull(points, 0.03)
    assert g.area(hull) > 0  # anticlockwise
    for lon, lat in points:
        for d_lon, d_lat in ((0.028 / math.cos(math.radians(21)), 0), (0, 0.028), (0, -0.028)):
            assert g.contains(hull, (lon + d_lon, lat + d_lat)) or g.contains(hull, (lon - d_lon, lat))
    single = g.padded_hull([(106.3, 20.9)], 0.01)
    assert g.contains(single, (106.3, 20.9)) and len(single) == 16
    with pytest.raises(ValueError):
        g.padded_hull([], 0.01)


def test_two_communes_at_one_point_are_refused():
    with pytest.raises(ValueError, match="same place"):
        g.voronoi_cells([(1.0, 1.0), (1.0, 1.0)], BOX)


def test_a_point_outside_the_outline_gets_no_cell():
    cells = g.voronoi_cells([(2.0, 2.0), (30.0, 2.0)], BOX)
    assert cells[0] and cells[1] == ()
    assert g.area(cells[0]) == pytest.approx(g.area(BOX))


def test_inner_point_falls_inside_a_crescent():
    u_shape = ((0.0, 0.0), (6.0, 0.0), (6.0, 6.0), (5.0, 6.0), (5.0, 1.0), (1.0, 1.0), (1.0, 6.0), (0.0, 6.0))
    assert not g.contains(u_shape, g.centroid(u_shape))
    assert g.contains(u_shape, g.inner_point(u_shape))
    assert g.inner_point(BOX) == pytest.approx((5.0, 3.0))


def test_the_projection_fits_the_view_box_north_up():
    positions = [(106.1, 20.7), (106.6, 21.2)]
    projection = g.fit(positions, width=500, padding=10)
    west_north = projection((106.1, 21.2))
    east_south = projection((106.6, 20.7))
    assert west_north == pytest.approx((10, 10))
    assert east_south[0] == pytest.approx(490) and east_south[1] == pytest.approx(projection.height - 10, abs=0.06)
    # a degree of longitude is drawn shorter than one of latitude, by the cosine of the latitude
    assert (east_south[0] - 10) / (east_south[1] - 10) == pytest.approx(math.cos(math.radians(20.95)), rel=1e-6)
    assert projection.view_box == f"0 0 500 {projection.height:g}"
    one = g.fit([(106.3, 20.9)], width=100, padding=5)
    assert one((106.3, 20.9)) == pytest.approx((50, one.height / 2), abs=0.06)
    with pytest.raises(ValueError):
        g.fit([])


def test_svg_path_draws_the_projected_ring():
    projection = g.fit([(0.0, 0.0), (1.0, 1.0)], width=102, padding=1)
    path = g.svg_path(((0.0, 0.0), (1.0, 0.0), (1.0, 1.0)), projection)
    assert path == "M1.0,101.0L101.0,101.0L101.0,1.0Z"
    assert g.svg_path(((0.0, 0.0), (1.0, 1.0)), projection) == ""


def test_stored_rings_are_closed_and_opened_back():
    stored = g.closed(((106.1234567, 20.5), (106.2, 20.5), (106.2, 20.6)))
    assert stored[0] == stored[-1] == [106.123457, 20.5]
    assert g.opened(stored) == ((106.123457, 20.5), (106.2, 20.5), (106.2, 20.6))


def feature(code, geometry, key="ma_xa"):
    return {"type": "Feature", "properties": {key: code, "ten": "x"}, "geometry": geometry}


def square(x, y, size=0.01):
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def test_polygons_and_multipolygons_are_read_with_their_codes():
    reading = g.read_feature_collection(
        collection(
            feature("11311", {"type": "Polygon", "coordinates": [square(106.3, 20.9)]}),
            feature(
                10507,
                {
                    "type": "MultiPolygon",
                    "coordinates": [[square(106.0, 20.0, 0.001)], [square(106.5, 20.5, 0.02), square(106.505, 20.505)]],
                },
            ),
        ),
        "ma_xa",
    )
    assert reading.errors == ()
    first, second = reading.features
    assert (first.number, first.code, len(first.outline)) == (1, "11311", 4)
    assert second.code == "10507" and len(second.parts) == 2
    assert second.outline[0] == (106.5, 20.5)  # the largest part


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], "không phải một GeoJSON FeatureCollection"),
        ({"type": "FeatureCollection", "features": []}, "không có đối tượng nào"),
        ({"type": "Feature"}, "không phải một GeoJSON FeatureCollection"),
    ],
)
def test_a_file_that_is_no_collection_is_refused_whole(data, expected):
    reading = g.read_feature_collection(data, "ma_xa")
    assert reading.features == () and len(reading.errors) == 1 and expected in reading.errors[0]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("text", "Đối tượng thứ 2: không phải một Feature."),
        ({"type": "Feature", "geometry": None}, 'Đối tượng thứ 2: không có "properties".'),
        (feature("", {}), 'không có mã đơn vị hành chính ở thuộc tính "ma_xa"'),
        (feature(True, {}), "không có mã đơn vị hành chính"),
        (feature("2", {}, key="code"), 'không có mã đơn vị hành chính ở thuộc tính "ma_xa"'),
        (feature("2", None), 'Đối tượng thứ 2 (mã 2): không có hình ("geometry").'),
        (feature("2", {"type": "Point", "coordinates": [106, 20]}), 'hình loại "Point" không phải Polygon'),
        (feature("2", {"type": "Polygon", "coordinates": []}), "Polygon không có vòng tọa độ nào."),
        (feature("2", {"type": "MultiPolygon", "coordinates": []}), "MultiPolygon không có tọa độ."),
        (feature("2", {"type": "Polygon", "coordinates": [square(1, 1)[:3]]}), "ít nhất 4 điểm"),
        (feature("2", {"type": "Polygon", "coordinates": [[[1, 1], [2, 1], [2, 2], [1, 2]]]}), "không khép kín"),
        (feature("2", {"type": "Polygon", "coordinates": [[[1, 1], [2, 2], [3, 3], [1, 1]]]}), "không có diện tích"),
        (feature("2", {"type": "Polygon", "coordinates": [[[1, 1], [2, 1], "x", [1, 1]]]}), "điểm thứ 3"),
        (feature("2", {"type": "Polygon", "coordinates": [[[1, 1], [2, True], [2, 2], [1, 1]]]}), "điểm thứ 2"),
        (
            feature("2", {"type": "Polygon", "coordinates": [[[1, 1], [2, math.inf], [2, 2], [1, 1]]]}),
            "điểm thứ 2 của vòng không phải [kinh độ, vĩ độ]",
        ),
        (
            feature("2", {"type": "Polygon", "coordinates": [square(590000, 2300000, 100)]}),
            "ngoài phạm vi kinh độ, vĩ độ (có đúng hệ WGS 84 không?)",
        ),
        (feature("2", {"type": "Polygon", "coordinates": [square(1, 1), [[1, 1]]]}), "lỗ của vùng: một vòng"),
        (feature("1", {"type": "Polygon", "coordinates": [square(3, 3)]}), "Đối tượng thứ 2 (mã 1): trùng mã với đối"),
    ],
)
def test_each_wrong_feature_is_named_with_what_is_wrong(item, expected):
    good = feature("1", {"type": "Polygon", "coordinates": [square(106.3, 20.9)]})
    reading = g.read_feature_collection(collection(good, item, good | {"properties": {"ma_xa": "3"}}), "ma_xa")
    assert [f.code for f in reading.features] == ["1", "3"]
    assert len(reading.errors) == 1 and expected in reading.errors[0], reading.errors


def test_too_many_features_are_refused():
    reading = g.read_feature_collection(collection(*([{}] * (g.MAX_FEATURES + 1))), "ma_xa")
    assert reading.features == () and "quá 10000" in reading.errors[0]
