"""`tiendo portal shapes load/sketch/list`: surveyed outlines loaded all or nothing with each wrong feature named
in Vietnamese, schematic cells sketched from the communes' points, and who may do either."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tiendo.agencies.models import AdminUnit
from tiendo.domain.portal import geometry
from tiendo.portal.models import CommuneShape

from .map_support import *  # noqa: F403  (fixtures)
from .map_support import make_project

pytestmark = pytest.mark.django_db


def square(lon, lat, size=0.02):
    east, north = round(lon + size, 6), round(lat + size, 6)
    return [[lon, lat], [east, lat], [east, north], [lon, north], [lon, lat]]


def feature(code, ring, key="ma_xa"):
    return {"type": "Feature", "properties": {key: code}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def write(tmp_path, *features, name="xa.geojson"):
    target = tmp_path / name
    target.write_text(json.dumps({"type": "FeatureCollection", "features": list(features)}), encoding="utf-8")
    return str(target)


def run(capsys, *args):
    call_command("portal", "shapes", *args, "--json")
    return json.loads(capsys.readouterr().out)


def refused(*args) -> str:
    with pytest.raises(CommandError) as error:
        call_command("portal", "shapes", *args)
    assert error.value.returncode == 2
    return str(error.value)


def test_a_geojson_file_gives_the_communes_their_surveyed_outlines(communes, admin_user, tmp_path, capsys):
    path = write(tmp_path, feature("10501", square(106.30, 20.90)), feature(412, square(106.40, 20.90)))
    loaded = run(capsys, "load", path, "--property", "ma_xa")
    assert loaded["loaded"] == 2 and loaded["codes"] == ["10501", "00412"]  # 412 is 00412 without its zeros
    assert loaded["without_survey"] == ["10502"]
    shape = CommuneShape.objects.get(unit__code="10501")
    assert shape.source == "surveyed" and shape.outline == square(106.30, 20.90)
    assert geometry.contains(geometry.opened(shape.outline), (float(shape.longitude), float(shape.latitude)))
    assert shape.history.get().history_change_reason == "Nạp ranh giới từ xa.geojson"
    rows = {row["code"]: row for row in run(capsys, "list")}
    assert rows["10501"]["source"] == "surveyed" and rows["10501"]["vertices"] == 4
    assert rows["10502"] == {"code": "10502", "name": "xã Hợp Tiến", "source": "", "latitude": None,
                             "longitude": None, "vertices": 0}  # fmt: skip
    call_command("portal", "shapes", "load", path, "--property", "ma_xa")
    assert "Đã nạp ranh giới của 2 xã, phường từ xa.geojson." in capsys.readouterr().out


def test_a_file_with_any_wrong_feature_changes_nothing_and_names_each(communes, admin_user, tmp_path, province):
    other = AdminUnit.objects.create(code="99901", name="Khác", unit_type="xã", level="commune")
    CommuneShape.objects.create(
        unit=communes[0], latitude=20.91, longitude=106.31, outline=square(106.3, 20.9), source="surveyed"
    )
    path = write(
        tmp_path,
        feature("10502", square(106.30, 20.95)),  # right, but the file is refused as a whole
        feature("77777", square(106.40, 20.90)),
        feature(other.code, square(106.50, 20.90)),
        feature("10501", [[106.3, 20.9], [106.4, 20.9], [106.4, 21.0], [106.3, 21.0]]),
        {"type": "Feature", "properties": {"ten": "x"}, "geometry": None},
        feature("412", square(106.6, 20.9)),
        feature("00412", square(106.7, 20.9)),
    )
    message = refused("load", path, "--property", "ma_xa")
    assert message.splitlines() == [
        "Đối tượng thứ 4 (mã 10501): vòng tọa độ không khép kín (điểm cuối phải trùng điểm đầu).",
        'Đối tượng thứ 5: không có mã đơn vị hành chính ở thuộc tính "ma_xa".',
        "Đối tượng thứ 2 (mã 77777): không phải mã của xã, phường nào của tỉnh Hải Dương.",
        "Đối tượng thứ 3 (mã 99901): không phải mã của xã, phường nào của tỉnh Hải Dương.",
        "Đối tượng thứ 7 (mã 00412): cùng đơn vị xã An Lạc với đối tượng thứ 6.",
    ]
    assert CommuneShape.objects.count() == 1 and CommuneShape.objects.get().outline == square(106.3, 20.9)


def test_files_that_are_not_geojson_are_refused(communes, admin_user, tmp_path):
    assert "không phải một GeoJSON FeatureCollection" in refused(
        "load", write_raw(tmp_path, b"[1, 2]"), "--property", "x"
    )
    with pytest.raises(CommandError) as error:
        call_command("portal", "shapes", "load", write_raw(tmp_path, b'{"a": "H\xe0i"}'), "--property", "x")
    assert "không phải văn bản UTF-8" in str(error.value)
    assert "Không tìm thấy tệp" in refused_any("load", str(tmp_path / "none.geojson"), "--property", "x")
    assert not CommuneShape.objects.exists()


def write_raw(tmp_path, data: bytes):
    target = tmp_path / "raw.geojson"
    target.write_bytes(data)
    return str(target)


def refused_any(*args) -> str:
    with pytest.raises(CommandError) as error:
        call_command("portal", "shapes", *args)
    return str(error.value)


def test_only_an_administrator_changes_the_shapes(communes, admin_user, officer_x, specialist, tmp_path, capsys):
    path = write(tmp_path, feature("10501", square(106.30, 20.90)))
    for user in ("officer_x", "specialist"):
        assert refused("load", path, "--property", "ma_xa", "--as", user) == (
            f"Không có quyền nạp ranh giới xã, phường: {user}."
        )
        assert refused("sketch", "--as", user) == f"Không có quyền vẽ sơ đồ xã, phường: {user}."
    assert not CommuneShape.objects.exists()
    assert len(run(capsys, "list", "--as", "officer_x")) == 3  # reading is the directory's, every signed-in user's


def test_the_sketch_places_communes_by_their_projects_and_their_former_district(communes, admin_user, agency_x, capsys):
    thai_tan, hop_tien, an_lac = communes
    make_project("P-1", "Đường xã", thai_tan, agency_x, at=(106.30, 20.90))
    make_project("P-2", "Trường học", thai_tan, agency_x, at=(106.32, 20.92))
    make_project("P-3", "Nhà máy", thai_tan, agency_x, kind="private", at=(106.31, 20.91))
    sketched = run(capsys, "sketch")
    # Hợp Tiến has no project: it goes to its former district's centre (the mean of its communes' points);
    # An Lạc has neither projects nor a district: it cannot be placed
    assert sketched == {"sketched": 2, "changed": 2, "from_projects": 1, "around_district": 1, "surveyed": 0,
                        "unplaced": ["00412"], "reason": ""}  # fmt: skip
    shapes = {s.unit_id: s for s in CommuneShape.objects.all()}
    assert set(shapes) == {thai_tan.pk, hop_tien.pk} and {s.source for s in shapes.values()} == {"schematic"}
    assert (float(shapes[thai_tan.pk].longitude), float(shapes[thai_tan.pk].latitude)) == (106.31, 20.91)
    # the two points were apart by the rule, and each cell holds its own point
    assert shapes[hop_tien.pk].latitude != shapes[thai_tan.pk].latitude
    for shape in shapes.values():
        assert geometry.contains(geometry.opened(shape.outline), (float(shape.longitude), float(shape.latitude)))
    # run again: nothing changes, no new history
    assert run(capsys, "sketch")["changed"] == 0
    assert CommuneShape.history.count() == 2


def test_the_sketch_keeps_surveyed_outlines_and_shares_out_the_rest(communes, admin_user, agency_x, capsys):
    thai_tan, hop_tien, an_lac = communes
    CommuneShape.objects.create(
        unit=an_lac, latitude=20.95, longitude=106.45, outline=square(106.44, 20.94), source="surveyed"
    )
    make_project("P-1", "Đường xã", thai_tan, agency_x, at=(106.30, 20.90))
    make_project("P-2", "Trạm bơm", hop_tien, agency_x, at=(106.36, 20.93))
    sketched = run(capsys, "sketch")
    assert (sketched["sketched"], sketched["surveyed"], sketched["unplaced"]) == (2, 1, [])
    assert CommuneShape.objects.get(unit=an_lac).outline == square(106.44, 20.94)  # untouched
    cells = [geometry.opened(s.outline) for s in CommuneShape.objects.filter(source="schematic")]
    hull = geometry.padded_hull(
        [(106.30, 20.90), (106.36, 20.93), (106.45, 20.95), *geometry.opened(square(106.44, 20.94))], 0.03
    )
    assert sum(abs(geometry.area(c)) for c in cells) < abs(geometry.area(hull))  # the surveyed one's part is left


def test_the_district_centres_given_place_communes_without_projects(communes, admin_user):
    from tiendo.portal import shapes

    result = shapes.sketch(actor=admin_user, centres={"HD-NS": (21.0, 106.33)})
    assert (result.around_district, result.unplaced) == (2, ["00412"])
    points = sorted((float(s.longitude), float(s.latitude)) for s in CommuneShape.objects.all())
    assert all(abs(lat - 21.0) <= 0.021 for _lon, lat in points)


def test_without_any_coordinate_the_sketch_says_so_and_draws_nothing(communes, admin_user, capsys):
    call_command("portal", "shapes", "sketch")
    assert capsys.readouterr().out.startswith("Chưa có tọa độ nào để vẽ sơ đồ")
    assert run(capsys, "sketch")["sketched"] == 0
    assert not CommuneShape.objects.exists()
