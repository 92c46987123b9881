"""The registry written out: the three data sheets (re-importable as they are), the CSV of projects, the blank
template, and the workbook of rejected rows an import gives back.

The data sheets are written from the column table, column for column, with the first spelling of each code and
dates and amounts as typed cells, so that exporting and importing again changes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tiendo.agencies.models import AdminUnit, Agency
from tiendo.domain.tabular import CellError, excel_serial, read_header
from tiendo.enterprises.models import Enterprise

from ..models import Milestone, ProgressReport, Project, Sector, Zone
from .columns import (
    ERROR_HEADER,
    KIND_WIDTHS,
    MILESTONE_FIELDS,
    MILESTONE_KINDS,
    MILESTONE_SHEET,
    PROJECT_SHEET,
    PROJECT_VALUES,
    PROJECTS,
    REF_FIELDS,
    REPORT_FIELDS,
    REPORT_SHEET_SPEC,
    Sheet,
)
from .layout import Formats, guide_sheet, report_sheet
from .reading import Parsed

Progress = Callable[[int, int], None]


# The name written beside each code people do not read (HP-TK-02, KCN, HP-STC). The import binds columns by their
# header and skips those it does not know (tiendo.core.sheet_reading.bind_header), so it reads the codes back and
# ignores these names: exporting and importing again still changes nothing.
NAME_BESIDE = {
    "sector": "Tên ngành, lĩnh vực",
    "commune": "Tên xã, phường",
    "zone": "Tên khu, cụm công nghiệp",
    "agency": "Tên cơ quan phụ trách",
}
NAME_WIDTH = 36


def sheet_headers(sheet: Sheet) -> list[tuple[str, int]]:
    """(title, width) of the sheet's columns as written, the projects sheet with its names beside the codes."""
    headers = []
    for column in sheet.columns:
        headers.append((column.title, KIND_WIDTHS[column.kind] if column.field != "code" else 16))
        if sheet is PROJECT_SHEET and column.field in NAME_BESIDE:
            headers.append((NAME_BESIDE[column.field], NAME_WIDTH))
    return headers


def _data_sheet(book, formats: Formats, sheet: Sheet, rows: Iterable[list[Any]], extra: list[str] = ()) -> int:
    """One of the three data sheets: the header row, then typed cells (dates as dates, amounts as numbers)."""
    ws = book.add_worksheet(sheet.name)
    columns = sheet_headers(sheet)
    headers = [title for title, _width in columns] + list(extra)
    ws.write_row(0, 0, headers, formats.bold)
    ws.freeze_panes(1, 0)
    for index, (_title, width) in enumerate(columns):
        ws.set_column(index, index, width)
    for index in range(len(columns), len(headers)):
        ws.set_column(index, index, 60)
    return _write_rows(ws, formats, rows, 1)


def _write_rows(ws, formats: Formats, rows: Iterable[list[Any]], first: int) -> int:
    write_number, write_string, date_format = ws.write_number, ws.write_string, formats.date
    count = 0
    for number, row in enumerate(rows, start=first):
        count += 1
        for col, value in enumerate(row):
            if value is None or value == "":
                continue
            cls = value.__class__
            if cls is str:
                write_string(number, col, value)
            elif cls is int or cls is float:
                write_number(number, col, value)
            elif cls is Decimal:
                write_number(number, col, float(value))
            elif cls is date:
                write_number(number, col, excel_serial(value), date_format)
            elif cls is datetime:
                write_number(number, col, excel_serial(value.date()), date_format)
            elif cls is bool:
                write_string(number, col, "Có" if value else "Không")
            else:
                write_string(number, col, str(value))
    return count


class _Names:
    """Codes and labels the export writes: the same spellings the import reads back."""

    def __init__(self):
        self.sector = dict(Sector.objects.values_list("pk", "code"))
        self.zone = dict(Zone.objects.values_list("pk", "code"))
        self.commune = dict(AdminUnit.objects.values_list("pk", "code"))
        self.agency = dict(Agency.objects.values_list("pk", "code"))
        self.full_names = {
            "sector": dict(Sector.objects.values_list("pk", "name")),
            "zone": dict(Zone.objects.values_list("pk", "name")),
            "commune": {
                pk: f"{unit_type} {name}".strip()
                for pk, unit_type, name in AdminUnit.objects.values_list("pk", "unit_type", "name")
            },
            "agency": dict(Agency.objects.values_list("pk", "name")),
        }
        self.enterprise = {
            pk: (tax, name) for pk, tax, name in Enterprise.objects.values_list("pk", "tax_code", "name")
        }
        self.labels = {
            c.field: {code: labels[0] for code, labels in c.choices.items()} for c in PROJECT_SHEET.columns if c.choices
        }


def _project_cells(values: dict[str, Any], names: _Names) -> list[Any]:
    investor = names.enterprise.get(values["investor_id"], ("", "")) if values["investor_id"] else ("", "")
    cells = []
    for column in PROJECT_SHEET.columns:
        f = column.field
        if f == "investor_tax_code":
            cells.append(investor[0])
        elif f == "investor_name":
            cells.append(investor[1])
        elif f in REF_FIELDS:
            pk = values[f + "_id"]
            cells.append(getattr(names, f).get(pk, "") if pk else "")
            if f in NAME_BESIDE:
                cells.append(names.full_names[f].get(pk, "") if pk else "")
        elif column.choices:
            cells.append(names.labels[f].get(values[f], values[f]) if values[f] else "")
        else:
            cells.append(values[f])
    return cells


def export_tables(
    projects,
) -> tuple[Iterator[list[Any]], Callable[[], Iterator[list[Any]]], Callable[[], Iterator[list[Any]]]]:
    """Rows of the three data sheets for a queryset of projects, in the column order of the spec."""
    names = _Names()
    projects = projects.order_by("code")

    def project_rows():
        for values in projects.values(*PROJECT_VALUES).iterator(chunk_size=5000):
            yield _project_cells(values, names)

    def milestone_rows():
        milestones = Milestone.objects.filter(project__in=projects.values("pk")).order_by("project__code", "kind")
        kind_labels = {code: labels[0] for code, labels in MILESTONE_KINDS.items()}
        for values in milestones.values("project__code", "kind", *MILESTONE_FIELDS).iterator(chunk_size=5000):
            yield [values["project__code"], kind_labels[values["kind"]], *(values[f] for f in MILESTONE_FIELDS)]

    def report_rows():
        """The latest report of each period: reports are superseded, not edited."""
        reports = ProgressReport.objects.filter(project__in=projects.values("pk")).order_by(
            "project__code", "period_end", "pk"
        )
        previous = None
        for values in reports.values("project__code", "period_end", *REPORT_FIELDS).iterator(chunk_size=5000):
            row = [values["project__code"], values["period_end"], *(values[f] for f in REPORT_FIELDS)]
            if previous is not None and previous[:2] != row[:2]:
                yield previous
            previous = row
        if previous is not None:
            yield previous

    return project_rows(), milestone_rows, report_rows


def export_workbook(projects, target, *, report: bool = True, progress: Progress | None = None) -> dict[str, int]:
    """Write the three data sheets (re-importable as they are), the printable report and the guide."""
    import xlsxwriter

    book = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "in_memory": False,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    formats = Formats(book)
    project_rows, milestone_rows, report_rows = export_tables(projects)
    counts = {}
    counts["projects"] = _data_sheet(book, formats, PROJECT_SHEET, project_rows)
    if progress:
        progress(1, 4)
    counts["milestones"] = _data_sheet(book, formats, MILESTONE_SHEET, milestone_rows())
    if progress:
        progress(2, 4)
    counts["reports"] = _data_sheet(book, formats, REPORT_SHEET_SPEC, report_rows())
    if progress:
        progress(3, 4)
    if report:
        report_sheet(book, projects)
    guide_sheet(book, formats)
    book.close()
    if progress:
        progress(4, 4)
    return counts


def export_csv(projects, target) -> int:
    """The projects sheet as CSV (UTF-8 with a byte-order mark for Excel), guarded against formula injection."""
    project_rows, _, _ = export_tables(projects)
    writer = csv.writer(target)
    target.write("\ufeff")
    writer.writerow([title for title, _width in sheet_headers(PROJECT_SHEET)])
    count = 0
    for row in project_rows:
        writer.writerow([_csv_cell(v) for v in row])
        count += 1
    return count


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value[:1] in ("=", "+", "-", "@") else value
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def blank_template(target) -> None:
    """The workbook with headers only, plus the guide: what a province fills in and uploads."""
    export_workbook(Project.objects.none(), target, report=False)


def rejected_workbook(parsed: Iterable[Parsed], sheet_errors: list[CellError]) -> bytes:
    """The rows that were not written, as they were uploaded, with an extra 'Lỗi' column saying why."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    formats = Formats(book)
    for p in parsed:
        bad = [row for row in p.rows if row.errors]
        header_problems = [e for e in sheet_errors if e.sheet == p.sheet.name]
        if header_problems:
            bad = p.rows
        if not bad:
            continue
        ws = book.add_worksheet(p.sheet.name)
        header = [read_header(h).text for h in p.header]
        ws.write_row(0, 0, header + [ERROR_HEADER], formats.bold)
        ws.freeze_panes(1, 0)
        ws.set_column(len(header), len(header), 80)
        width = len(header)
        cells_rows = []
        for row in bad:
            messages = "; ".join(
                f"{e.column + ': ' if e.column else ''}{e.message}" for e in header_problems + row.errors
            )
            cells_rows.append([*row.cells[:width], *[""] * (width - len(row.cells)), messages])
        _write_rows(ws, formats, cells_rows, 1)
    if not book.worksheets():
        book.add_worksheet(PROJECTS)
    book.close()
    return buffer.getvalue()
