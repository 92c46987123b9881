"""`tiendo portal shapes load FILE.geojson --property CODE` (the communes' surveyed outlines, all or nothing),
`tiendo portal shapes sketch` (schematic cells for the communes no file covers) and `tiendo portal shapes list`:
what the public map draws, through tiendo.portal.shapes. --as USER (default admin), --json; a refusal is one
Vietnamese line per wrong feature on standard error, exit status 2."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.utils import translation

from tiendo.core.commands import read_json
from tiendo.domain.portal import geometry

from . import shapes

REFUSED = 2
SOURCE_VI = {"surveyed": "ranh giới đo đạc", "schematic": "sơ đồ", "": "chưa có hình"}


def _common(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--as", dest="actor", default=None, help="user name acted as (default: admin)")


def add_arguments(sub) -> None:
    shapes_parser = sub.add_parser("shapes", help="the communes' outlines the public map draws")
    actions = shapes_parser.add_subparsers(dest="shapes_action", required=True)

    load = actions.add_parser("load", help="surveyed outlines from a GeoJSON FeatureCollection (WGS 84)")
    _common(load)
    load.add_argument("file", help="the .geojson file (or - for standard input)")
    load.add_argument(
        "--property", required=True, help="the feature property holding the commune's official code (e.g. ma_xa)"
    )
    load.set_defaults(handler=load_command)

    sketch = actions.add_parser("sketch", help="schematic cells for the communes without a surveyed outline")
    _common(sketch)
    sketch.set_defaults(handler=sketch_command)

    listing = actions.add_parser("list", help="the province's communes and the shape drawn for each")
    _common(listing)
    listing.set_defaults(handler=list_command)


def _run(command, options, action: str, run):
    try:
        user = command.actor(options)
    except CommandError as error:
        raise CommandError(str(error), returncode=REFUSED) from None
    with translation.override("vi"):
        try:
            return run(user)
        except PermissionDenied:
            raise CommandError(f"Không có quyền {action}: {user.username}.", returncode=REFUSED) from None
        except ValidationError as error:
            raise CommandError("\n".join(error.messages), returncode=REFUSED) from None


def load_command(command, options) -> None:
    data = read_json(options["file"])
    reading = geometry.read_feature_collection(data, options["property"])
    name = "dữ liệu vào" if options["file"] == "-" else Path(options["file"]).name
    loaded = _run(
        command, options, "nạp ranh giới xã, phường", lambda user: shapes.load(reading, actor=user, source_name=name)
    )
    lines = [f"Đã nạp ranh giới của {len(loaded.loaded)} xã, phường từ {name}."]
    if loaded.parts_dropped:
        lines.append(f"Bản đồ vẽ phần lớn nhất của mỗi xã: bỏ {loaded.parts_dropped} phần nhỏ (đảo, phần tách rời).")
    if loaded.without_survey:
        lines.append(
            f"Còn {len(loaded.without_survey)} xã, phường chưa có ranh giới: chạy tiendo portal shapes sketch để vẽ "
            "sơ đồ cho các xã này."
        )
    command.emit(options, loaded.as_dict(), "\n".join(lines))


def sketch_command(command, options) -> None:
    sketched = _run(command, options, "vẽ sơ đồ xã, phường", lambda user: shapes.sketch(actor=user))
    if sketched.reason:
        command.emit(options, sketched.as_dict(), sketched.reason)
        return
    lines = [
        f"Đã vẽ sơ đồ {len(sketched.sketched)} xã, phường ({sketched.changed} thay đổi): "
        f"{sketched.from_projects} theo tọa độ dự án, {sketched.around_district} quanh trung tâm huyện cũ; "
        f"{sketched.surveyed} xã giữ ranh giới đo đạc."
    ]
    if sketched.unplaced:
        lines.append(f"Chưa xác định được vị trí (không vẽ): {', '.join(sketched.unplaced)}.")
    command.emit(options, sketched.as_dict(), "\n".join(lines))


def list_command(command, options) -> None:
    rows = _run(command, options, "xem hình xã, phường", lambda user: shapes.listing(user))
    lines = [f"{row['code']}\t{row['name']}\t{SOURCE_VI[str(row['source'])]}" for row in rows]
    command.emit(options, rows, "\n".join(lines) or "Chưa có xã, phường nào của tỉnh cài đặt.")
