"""`tiendo targets export-scenario / summary / adopt-scenario / revise-scenario`: the scenario pages' actions from the
command line, through the same access layer, table, services and export. Every subcommand takes --as USER (default
admin) and --json; refusals are one Vietnamese sentence."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError

from tiendo.core import access
from tiendo.core.commands import parse_day
from tiendo.domain import growth

from . import scenario_export, scenario_services, scenario_table, services
from .models import Component, EconomicSector, Scenario, Summary


def add_arguments(sub) -> None:
    export = sub.add_parser("export-scenario", help="the scenario table as the Excel sheet sent to the ministry")
    export.add_argument("year", type=int)
    export.add_argument("out", help="the .xlsx file to write")
    export.add_argument("--version", dest="scenario_name", default="", help="the version's name (default: in force)")
    export.set_defaults(handler=export_scenario)

    summary = sub.add_parser("summary", help="the monthly report's paragraph on GRDP growth (saved, else drafted)")
    summary.add_argument("year", type=int)
    summary.add_argument("--version", dest="scenario_name", default="", help="the version's name (default: in force)")
    summary.add_argument("--save", metavar="TEXT", help="save this text as the paragraph of the period")
    summary.add_argument("--redraft", action="store_true", help="save the paragraph drafted from the data")
    summary.add_argument("--expect-version", type=int, help="refuse if the saved paragraph moved from this version")
    summary.set_defaults(handler=summary_command)

    adopt = sub.add_parser("adopt-scenario", help="adopt a draft version (kept as it is from then on)")
    adopt.add_argument("year", type=int)
    adopt.add_argument("--version", dest="scenario_name", required=True, help="the draft's name")
    adopt.add_argument("--on", dest="adopted_on", required=True, help="the day it was adopted, dd/mm/yyyy")
    adopt.add_argument("--document", default="", help="the plan or letter that adopts or sends it")
    adopt.add_argument("--expect-version", type=int)
    adopt.set_defaults(handler=adopt_command)

    revise = sub.add_parser("revise-scenario", help="a new draft with the cells of a version, to change and adopt")
    revise.add_argument("year", type=int)
    revise.add_argument("--version", dest="scenario_name", required=True, help="the version revised")
    revise.add_argument("--name", required=True, help="the revision's name")
    revise.set_defaults(handler=revise_command)

    save = sub.add_parser(
        "save-scenario",
        help="create or change a draft from a JSON file: target_growth, base and scenario as the contract writes them, "
        'and optionally "sectors": {CODE: {"base": [4], "scenario": [4]}} rolled up into their components',
    )
    save.add_argument("year", type=int)
    save.add_argument("file", help="the JSON file")
    save.add_argument("--version", dest="scenario_name", required=True, help="the draft's name (new or existing)")
    save.add_argument("--document", default="")
    save.add_argument("--expect-version", type=int)
    save.set_defaults(handler=save_command)

    for parser in (export, summary, adopt, revise, save):
        parser.add_argument("--as", dest="actor", default=None, help="user name (default: admin)")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _scenario(user, year: int, name: str) -> Scenario:
    if not access.can(user, "read_targets"):
        raise CommandError("Người dùng này không được xem kịch bản tăng trưởng.")
    versions = access.visible(user, Scenario).filter(year=year)
    if name:
        found = versions.filter(name=name).first()
        if found is None:
            raise CommandError(f"Năm {year} không có phiên bản kịch bản tên “{name}”.")
        return found
    current = services.adopted_scenario(year)
    if current is None or not versions.filter(pk=current.pk).exists():
        raise CommandError(f"Năm {year} chưa có kịch bản tăng trưởng nào.")
    return current


def _table(user, scenario: Scenario) -> scenario_table.Table:
    try:
        return scenario_table.build(scenario, user)
    except growth.InvalidScenario as error:
        raise CommandError(str(error)) from None


def _refused(error: Exception) -> CommandError:
    if isinstance(error, PermissionDenied):
        return CommandError("Người dùng này không được sửa kịch bản tăng trưởng (chỉ chuyên viên, lãnh đạo).")
    if isinstance(error, ValidationError):
        return CommandError(" ".join(error.messages))
    return CommandError(str(error))


def export_scenario(command, options) -> None:
    user = command.actor(options)
    scenario = _scenario(user, options["year"], options["scenario_name"])
    table = _table(user, scenario)
    out = Path(options["out"])
    if out.suffix.lower() != ".xlsx":
        raise CommandError("Tệp xuất phải có đuôi .xlsx.")
    with out.open("wb") as target:
        rows = scenario_export.write_workbook(table, target)
    data = {"file": str(out), "year": scenario.year, "version": scenario.name, "rows": rows}
    command.emit(options, data, f"Đã ghi {out} ({scenario.name}, năm {scenario.year}, {rows} dòng).")


def _summary_data(table: scenario_table.Table, saved: Summary | None, drafted: str) -> dict:
    r = table.result
    return {
        "year": table.scenario.year,
        "months": table.months,
        "version": table.scenario.name,
        "text": saved.text if saved else drafted,
        "saved": saved is not None,
        "saved_by": str(saved.edited_by) if saved and saved.edited_by else None,
        "saved_at": saved.edited_at.isoformat() if saved else None,
        "summary_version": saved.version if saved else None,
        "drafted": drafted,
        "figures": growth.result_to_json(r),
    }


def summary_command(command, options) -> None:
    user = command.actor(options)
    scenario = _scenario(user, options["year"], options["scenario_name"])
    table = _table(user, scenario)
    drafted = growth.draft_paragraph(table.result)
    saved = access.visible(user, Summary).filter(year=scenario.year, months=table.months).first()
    text = drafted if options["redraft"] else options.get("save")
    if text is not None:
        summary = saved or Summary(year=scenario.year, months=table.months)
        summary.text, summary.drafted_text = text, drafted
        try:
            saved = scenario_services.save_summary(summary, actor=user, expected_version=options.get("expect_version"))
        except (PermissionDenied, ValidationError) as error:
            raise _refused(error) from None
    data = _summary_data(table, saved, drafted)
    command.emit(options, data, data["text"])


def adopt_command(command, options) -> None:
    user = command.actor(options)
    scenario = _scenario(user, options["year"], options["scenario_name"])
    day = parse_day(options["adopted_on"])
    try:
        services.adopt_scenario(
            scenario,
            actor=user,
            adopted_on=day,
            document=options["document"],
            expected_version=options.get("expect_version"),
        )
    except (PermissionDenied, ValidationError) as error:
        raise _refused(error) from None
    data = {"id": scenario.pk, "year": scenario.year, "version": scenario.name, "adopted_on": day.isoformat()}
    command.emit(options, data, f"Đã thông qua {scenario.name} ({scenario.year}) ngày {day:%d/%m/%Y}.")


def revise_command(command, options) -> None:
    user = command.actor(options)
    scenario = _scenario(user, options["year"], options["scenario_name"])
    name = options["name"].strip()
    if not name or Scenario.objects.filter(year=scenario.year, name=name).exists():
        raise CommandError(f"Năm {scenario.year} đã có phiên bản tên “{name}” (hoặc tên để trống).")
    try:
        revision = services.revise_scenario(scenario, actor=user, name=name)
    except (PermissionDenied, ValidationError) as error:
        raise _refused(error) from None
    data = {"id": revision.pk, "year": revision.year, "version": revision.name, "based_on": scenario.name}
    command.emit(options, data, f"Đã lập dự thảo {revision.name} dựa trên {scenario.name}.")


def _cells_from_json(data: dict) -> list[services.Cell]:
    """The draft's cells from the contract's fields (checked by the domain's reader) and optional sectors."""
    if not isinstance(data, dict):
        raise CommandError('Tệp JSON phải là một đối tượng có "target_growth", "base" và "scenario".')
    if data.get("scenario") is None:
        raise CommandError('Thiếu trường "scenario" (tốc độ tăng kịch bản của 4 quý, mỗi khu vực).')
    try:
        checked = growth.scenario_from_json({k: data.get(k) for k in ("year", "target_growth", "base", "scenario")})
    except growth.InvalidScenario as error:
        raise CommandError(str(error)) from None
    if set(checked.base) != set(Component.values):
        raise CommandError("Kịch bản cần đủ bốn khu vực: " + ", ".join(Component.values) + ".")
    assert checked.scenario is not None
    cells = [
        services.Cell(c, q + 1, Decimal(repr(checked.base[c][q])), Decimal(repr(checked.scenario[c][q])))
        for c in Component.values
        for q in range(4)
    ]
    sectors = data.get("sectors") or {}
    if not isinstance(sectors, dict):
        raise CommandError('Trường "sectors" phải là một đối tượng {mã ngành: {"base": [...], "scenario": [...]}}.')
    for code, rows in sectors.items():
        sector = EconomicSector.objects.filter(code=code).first()
        if sector is None:
            raise CommandError(f'Trường "sectors" có mã ngành "{code}" không có trong danh mục ngành kinh tế.')
        try:
            part = growth.scenario_from_json(
                {
                    "year": 2000,
                    "target_growth": 0,
                    "base": {code: rows.get("base")},
                    "scenario": {code: rows.get("scenario")},
                }
            )
        except (growth.InvalidScenario, AttributeError) as error:
            raise CommandError(f'Ngành "{code}": {error}') from None
        assert part.scenario is not None
        for q in range(4):
            value = services.Cell(
                sector.component,
                q + 1,
                Decimal(repr(part.base[code][q])),
                Decimal(repr(part.scenario[code][q])),
                sector,
            )
            cells.append(value)
    return cells


def save_command(command, options) -> None:
    user = command.actor(options)
    if not access.can(user, "manage_targets"):
        raise _refused(PermissionDenied())
    try:
        data = json.loads(Path(options["file"]).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"Không đọc được tệp JSON: {error}") from None
    data = dict(data, year=options["year"]) if isinstance(data, dict) else data
    cells = _cells_from_json(data)
    name = options["scenario_name"].strip()
    scenario = Scenario.objects.filter(year=options["year"], name=name).first() or Scenario(
        year=options["year"], name=name
    )
    scenario.target_growth = Decimal(repr(float(data["target_growth"]))).quantize(scenario_services.GROWTH_PLACES)
    if options["document"]:
        scenario.document = options["document"]
    created = scenario.pk is None
    try:
        scenario_services.save_draft(
            scenario,
            cells,
            actor=user,
            reason="Lập bằng dòng lệnh" if created else "Sửa bằng dòng lệnh",
            expected_version=options.get("expect_version"),
        )
    except (PermissionDenied, ValidationError) as error:
        raise _refused(error) from None
    data = {"id": scenario.pk, "year": scenario.year, "version": scenario.name, "created": created}
    data["scenario_version"] = scenario.version
    command.emit(options, data, f"Đã lưu dự thảo {scenario.name} ({scenario.year}).")
