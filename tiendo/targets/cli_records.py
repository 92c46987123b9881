"""`tiendo targets list | show | import | template | record`: the indicators, their targets and published values
from the command line, through the same access layer and services as the pages and the API.

`import` is the page's import (tiendo.targets.release_import); a refused file exits with status 2 and its errors,
in Vietnamese, on standard error. `record` is the page's hand entry. Reads are the `--as` user's (the default
actor as other commands)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.http import Http404
from django.utils import timezone

from tiendo.core import access
from tiendo.core.commands import parse_day, unreadable
from tiendo.domain import release_cells as cells

from . import records_read
from .models import Component, Indicator, Publication
from .release_import import FileRejected, import_release
from .release_sheets import COMPONENT_LABELS, blank_template

REFUSED = 2  # the exit status of a refused file or entry, as the contract's refusals
ERRORS_SHOWN = 50


def add_arguments(sub) -> None:
    listing = sub.add_parser("list", help="the indicators with the year's target and latest value in force")
    listing.add_argument("--year", type=int, default=None, help="default: this year")
    listing.set_defaults(handler=do_list)
    showing = sub.add_parser("show", help="one indicator: targets with revisions, values with sources")
    showing.add_argument("code")
    showing.add_argument("--year", type=int, default=None, help="default: this year")
    showing.set_defaults(handler=do_show)
    importing = sub.add_parser("import", help="a statistics office release (.xlsx, the template's sheets)")
    importing.add_argument("file")
    importing.add_argument("--dry-run", action="store_true", help="check only and show what would be revised")
    importing.set_defaults(handler=do_import)
    template = sub.add_parser("template", help="write the blank import template (.xlsx)")
    template.add_argument("out")
    template.set_defaults(handler=do_template)
    record = sub.add_parser("record", help="record figures by hand: a quarter's 4 components or one value")
    record.add_argument("--issuer", required=True, help="who published the figures")
    record.add_argument("--number", default="", help="the document's number (required unless --by-hand)")
    record.add_argument("--date", required=True, help="the document's date (dd/mm/yyyy)")
    record.add_argument("--title", default="", help="its title; with --by-hand, the source named")
    record.add_argument("--official", action="store_true", help="official figures (default: preliminary)")
    record.add_argument("--by-hand", action="store_true", help="no document: name the source in --title")
    record.add_argument("--department", action="store_true", help="a department's report, not the statistics office")
    record.add_argument("--year", type=int, required=True)
    record.add_argument("--quarter", type=int, help="GRDP: the quarter, with --growth for each component")
    record.add_argument(
        "--growth", nargs=4, metavar="PCT", help="GRDP: the 4 components' growth in %% (KV1 KV2 KV3 thuế)"
    )
    record.add_argument("--indicator", help="an indicator's code, with --months and --value")
    record.add_argument("--months", type=int, help="months of the year the value covers (1..12)")
    record.add_argument("--value", help="the value in the indicator's unit")
    record.set_defaults(handler=do_record)
    for parser in (listing, showing, importing, template, record):
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument("--as", dest="actor", default=None, help="the user who reads or records")


def _year(options) -> int:
    year = options.get("year") or timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise CommandError(f"Năm {year} ngoài khoảng 2000–2100.")
    return year


def _target_text(target) -> str:
    if target is None:
        return "—"
    low = cells.format_plain(Decimal(str(target["low"])))
    high = f"–{cells.format_plain(Decimal(str(target['high'])))}" if target["high"] is not None else ""
    return f"{low}{high}"


def _component(row) -> str:
    """A figure's component by its Vietnamese name, and its sector's code where it is a sector's."""
    name = COMPONENT_LABELS[Component(row["component"])][0]
    return f"{name}, ngành {row['sector']}" if row["sector"] else name


def do_list(command, options) -> None:
    user = command.actor(options)
    year = _year(options)
    rows = records_read.indicator_list(user, year)
    lines = [f"Chỉ tiêu năm {year}:"]
    for row in rows:
        latest = row["latest"]
        value = f"{latest['value_text']} ({latest['months']} tháng)" if latest else "chưa có số liệu"
        lines.append(f"  {row['code']}: {row['name']} — mục tiêu {_target_text(row['target'])}; thực hiện {value}")
    command.emit(options, {"year": year, "indicators": rows}, "\n".join(lines))


def do_show(command, options) -> None:
    user = command.actor(options)
    year = _year(options)
    try:
        indicator = access.get_or_404(user, Indicator, code=options["code"].strip())
    except Http404:
        raise CommandError(f"Không tìm thấy chỉ tiêu '{options['code']}' (hoặc không có quyền).") from None
    data = records_read.indicator_detail(user, indicator, year)
    lines = [
        f"{indicator.code}: {indicator.name} — năm {year}" + (f", nhiệm kỳ {data['term']}" if data["term"] else "")
    ]
    for target in data["targets"]:
        label = {"term": "Mục tiêu nhiệm kỳ", "term_year": "Kế hoạch nhiệm kỳ cho năm", "year": "Mục tiêu năm"}
        lines.append(f"  {label[target['kind']]}: {_target_text(target)} ({target['document']})")
        for revision in target["revisions"][1:]:
            lines.append(f"    điều chỉnh {revision['at'][:10]}: {revision['reason']}")
    for value in data["values"]:
        state = "đang dùng" if value["in_force"] else "đã được thay thế"
        source = records_read.provenance_text(value["publication"])
        line = f"  {value['months']} tháng: {value['value_text']} — {source} ({state})"
        if value["replaces"]:
            line += f"; {value['replaces']['sentence']}"
        lines.append(line)
    for figure in data.get("growth", []):
        if figure["in_force"]:
            where = _component(figure)
            line = f"  Quý {figure['quarter']} {where}: {figure['growth_text']}"
            lines.append(line + (f"; {figure['replaces']['sentence']}" if figure["replaces"] else ""))
    command.emit(options, data, "\n".join(lines))


def do_import(command, options) -> None:
    user = command.actor(options)
    path = Path(options["file"])
    if not path.is_file():
        raise CommandError(f"Không tìm thấy tệp '{path}'.", returncode=REFUSED)
    try:
        result = import_release(path, path.name, actor=user, dry_run=options["dry_run"])
    except FileRejected as error:
        raise unreadable(error.message) from None
    except PermissionDenied:
        raise CommandError(f"Không có quyền nhập số liệu chỉ tiêu: {user.username}.", returncode=REFUSED) from None
    data = result.as_dict()
    if result.refused:
        if options.get("json"):
            command.emit(options, data)
        lines = [str(error) for error in result.errors[:ERRORS_SHOWN]]
        if len(result.errors) > ERRORS_SHOWN:
            lines.append(f"... và {len(result.errors) - ERRORS_SHOWN} lỗi khác.")
        message = f"Tệp bị từ chối, không ghi gì: {len(result.errors)} lỗi.\n" + "\n".join(lines)
        raise CommandError(message, returncode=REFUSED)
    verb = "Kiểm tra (không ghi)" if result.dry_run else "Đã ghi"
    lines = [f"{verb}: {len(result.growth)} số tăng trưởng GRDP, {len(result.values)} số liệu chỉ tiêu; "
             f"{result.revised} số thay thế số đang dùng."]  # fmt: skip
    for row in result.growth:
        where = _component(row)
        line = f"  GRDP quý {row['quarter']}/{row['year']} {where}: {row['growth_text']}"
        lines.append(line + (f" ({row['replaces']['sentence']})" if row["replaces"] else ""))
    for row in result.values:
        line = f"  {row['indicator']} {row['months']} tháng/{row['year']}: {row['value_text']}"
        lines.append(line + (f" ({row['replaces']['sentence']})" if row["replaces"] else ""))
    lines += [f"Lưu ý: {warning}" for warning in result.warnings]
    command.emit(options, data, "\n".join(lines))


def do_template(command, options) -> None:
    user = command.actor(options)
    if not access.can(user, "read_targets"):
        raise CommandError(f"Không có quyền nhập số liệu chỉ tiêu: {user.username}.", returncode=REFUSED)
    path = Path(options["out"])
    with path.open("wb") as handle:
        blank_template(handle)
    command.emit(options, {"file": str(path)}, f"Đã ghi mẫu nhập số liệu: {path}")


def do_record(command, options) -> None:
    """Hand entry: a quarter's four components, or one indicator value, with the publication they come from."""
    from django.utils import translation

    user = command.actor(options)
    with translation.override("vi"):
        _record(user, command, options)


def _record(user, command, options) -> None:
    from . import hand_entry

    source = Publication.Source.MANUAL if options["by_hand"] else Publication.Source.STATISTICS
    if options["department"] and not options["by_hand"]:
        source = Publication.Source.DEPARTMENT
    publication = Publication(
        source=source,
        status=Publication.Status.OFFICIAL if options["official"] else Publication.Status.PRELIMINARY,
        number=options["number"].strip(),
        published_on=parse_day(options["date"]),
        issuer=options["issuer"].strip(),
        title=options["title"].strip(),
    )
    try:
        if options.get("growth"):
            if options.get("quarter") is None:
                raise CommandError("Ghi --quarter cùng --growth.", returncode=REFUSED)
            growth = {}
            for component, text in zip(Component.values, options["growth"], strict=True):
                try:
                    growth[component] = cells.parse_growth_percent(text)
                except ValueError as error:
                    raise CommandError(f"--growth {component}: {error}", returncode=REFUSED) from None
            saved = hand_entry.record_quarter(publication, options["year"], options["quarter"], growth, actor=user)
        elif options.get("indicator"):
            indicator = access.get_or_404(user, Indicator, code=options["indicator"].strip())
            if options.get("months") is None or options.get("value") is None:
                raise CommandError("Ghi --months và --value cùng --indicator.", returncode=REFUSED)
            try:
                value = cells.parse_value(options["value"], indicator.unit)
            except ValueError as error:
                raise CommandError(f"--value: {error}", returncode=REFUSED) from None
            saved = hand_entry.record_value(
                publication, indicator, options["year"], options["months"], value, actor=user
            )
        else:
            raise CommandError("Ghi --quarter và --growth (GRDP) hoặc --indicator, --months, --value.", returncode=2)
    except Http404:
        raise CommandError(f"Không tìm thấy chỉ tiêu '{options['indicator']}'.", returncode=REFUSED) from None
    except PermissionDenied:
        raise CommandError(f"Không có quyền ghi số liệu này: {user.username}.", returncode=REFUSED) from None
    except ValidationError as error:
        raise CommandError("; ".join(error.messages), returncode=REFUSED) from None
    data = {"publication": records_read.publication_data(saved)}
    data |= {"growth": records_read.actual_growth(user, options["year"], None, publication=saved)}
    data |= {"values": records_read.actual_values(user, options["year"], None, publication=saved)}
    text = f"Đã ghi {len(data['growth'])} số tăng trưởng, {len(data['values'])} số liệu chỉ tiêu."
    command.emit(options, data, text)
