"""Importing a statistics office's release from its workbook: read every sheet, check every row, then record the
publication and its figures through `services.record_publication` (one transaction), or nothing at all.

A dry run stops before the write and says what would be recorded and, for each figure, the figure in force it
would revise ("thay thế số liệu 9,20 % của báo cáo 12/BC-TK ngày 06/04/2026"). Errors name the sheet, the row and
the column as the user sees them; the messages are Vietnamese, as in the other imports.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tiendo.core import access
from tiendo.core.sheet_reading import (
    FileRejected,
    bind_header,
    choice_reader,
    find_header_row,
    missing_columns,
    read_sheets,
    text_reader,
)
from tiendo.domain import release_cells as cells
from tiendo.domain.tabular import CellError, is_blank, parse_date, parse_text
from tiendo.domain.text import search_key

from . import services
from .models import Component, EconomicSector, GrowthFigure, Indicator, IndicatorValue, Publication
from .release_sheets import (
    COMPONENT_LABELS,
    GROWTH_COLUMNS,
    GROWTH_SHEET,
    HEADER_SEARCH_ROWS,
    RELEASE_COLUMNS,
    RELEASE_SHEET,
    SOURCE_LABELS,
    STATUS_LABELS,
    UNIT_LABELS,
    VALUE_COLUMNS,
    VALUES_SHEET,
    Column,
    column_finder,
    sheet_name,
)

__all__ = ["FileRejected", "ReleaseImport", "import_release", "provenance", "publication_data"]

QUARTER_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass
class ReleaseImport:
    dry_run: bool = False
    refused: bool = False
    publication: dict[str, Any] | None = None
    publication_id: int | None = None
    growth: list[dict[str, Any]] = field(default_factory=list)
    values: list[dict[str, Any]] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def revised(self) -> int:
        return sum(1 for row in self.growth + self.values if row["replaces"] is not None)

    def as_dict(self, error_limit: int | None = None) -> dict[str, Any]:
        errors = self.errors if error_limit is None else self.errors[:error_limit]
        return {
            "dry_run": self.dry_run,
            "refused": self.refused,
            "publication": self.publication,
            "publication_id": self.publication_id,
            "growth": self.growth,
            "values": self.values,
            "revised": self.revised,
            "error_count": len(self.errors),
            "errors": [e.as_dict() for e in errors],
            "warnings": [w.as_dict() for w in self.warnings],
            "seconds": round(self.seconds, 3),
        }


def provenance(publication: Publication) -> str:
    """How a release is named in a sentence: "báo cáo 12/BC-TK ngày 06/04/2026"."""
    day = publication.published_on.strftime("%d/%m/%Y")
    if publication.number:
        return f"báo cáo {publication.number} ngày {day}"
    return f"báo cáo của {publication.issuer} ngày {day}"


def publication_data(publication: Publication) -> dict[str, Any]:
    return {
        "id": publication.pk,
        "source": publication.source,
        "status": publication.status,
        "number": publication.number,
        "published_on": publication.published_on.isoformat(),
        "issuer": publication.issuer,
        "title": publication.title,
        "link": publication.link,
    }


# Reading rows ----------------------------------------------------------------------------------------------------


class Row:
    """One data row of a sheet: its cells by field, and where each column is, so an error names it."""

    def __init__(self, sheet: str, number: int, raw: dict[str, Any], where: dict[str, tuple[str, str]], errors):
        self.sheet, self.number, self.raw, self.where, self._errors = sheet, number, raw, where, errors
        self.failed = False

    def error(self, name: str, message: str) -> None:
        letter, header = self.where.get(name, ("", ""))
        self._errors.append(CellError(self.sheet, self.number, letter, header, message))
        self.failed = True

    def read(self, name: str, reader, *, required: bool = False):
        cell = self.raw.get(name)
        if is_blank(cell):
            if required:
                self.error(name, "Thiếu giá trị.")
            return None
        try:
            return reader(cell)
        except ValueError as error:
            self.error(name, str(error))
            return None


def _rows(sheet: str, table: list[list[Any]] | None, columns: tuple[Column, ...], errors) -> list[Row]:
    """The sheet's data rows (blank rows skipped) below its header, read by the columns it names."""
    if not table or all(is_blank(c) for line in table for c in line):
        return []
    find = column_finder(columns)
    header_index = find_header_row(table, lambda title: find(title.key) is not None, HEADER_SEARCH_ROWS)
    if header_index is None:
        names = ", ".join(c.header for c in columns if c.required)
        errors.append(CellError(sheet, 1, "", "", f"Không tìm thấy dòng tiêu đề (cần các cột: {names})."))
        return []
    sheet_errors: list[CellError] = []
    bound, present = bind_header(sheet, header_index + 1, table[header_index], find, sheet_errors)
    missing_columns(sheet, header_index + 1, columns, present, sheet_errors)
    errors.extend(sheet_errors)
    if sheet_errors:
        return []
    where = {b.column.field: (b.letter, b.title.text) for b in bound}
    rows = []
    for index in range(header_index + 1, len(table)):
        line = table[index]
        raw = {b.column.field: line[b.index] if b.index < len(line) else None for b in bound}
        if all(is_blank(value) for value in raw.values()):
            continue
        rows.append(Row(sheet, index + 1, raw, where, errors))
    return rows


# The release -----------------------------------------------------------------------------------------------------


_status = choice_reader(STATUS_LABELS)
_source = choice_reader(SOURCE_LABELS)
_component = choice_reader({str(k): v for k, v in COMPONENT_LABELS.items()})


def _text(model_field: str, model=Publication):
    return text_reader(model._meta.get_field(model_field).max_length, name=True)


def _release(rows: list[Row], today: date, errors: list[CellError]) -> Publication | None:
    if not rows:
        errors.append(
            CellError(
                RELEASE_SHEET,
                0,
                "",
                "",
                f"Trang “{RELEASE_SHEET}” trống hoặc thiếu: ghi văn bản "
                "(số hiệu, ngày ban hành, cơ quan ban hành, tình trạng số liệu) trên một dòng.",
            )
        )
        return None
    for extra in rows[1:]:
        extra.error(
            "number",
            f"Mỗi tệp là một văn bản: trang “{RELEASE_SHEET}” chỉ có một dòng (đã có ở dòng {rows[0].number}).",
        )
    row = rows[0]
    publication = Publication(
        number=row.read("number", _text("number"), required=True) or "",
        published_on=row.read("published_on", parse_date, required=True),
        issuer=row.read("issuer", _text("issuer"), required=True) or "",
        title=row.read("title", _text("title")) or "",
        status=row.read("status", _status, required=True) or Publication.Status.PRELIMINARY,
        source=row.read("source", _source) or Publication.Source.STATISTICS,
        link=row.read("link", _text("link")) or "",
    )
    if publication.published_on and publication.published_on > today:
        row.error("published_on", f"Ngày ban hành {publication.published_on:%d/%m/%Y} sau hôm nay ({today:%d/%m/%Y}).")
    if publication.published_on and publication.published_on.year < 2000:
        row.error("published_on", "Ngày ban hành trước năm 2000.")
    if row.failed:
        return None
    earlier = Publication.objects.filter(
        source=publication.source, published_on=publication.published_on, number__iexact=publication.number
    ).filter(issuer__iexact=publication.issuer)
    if first := earlier.first():
        row.error(
            "number",
            f"Văn bản {publication.number} ngày {publication.published_on:%d/%m/%Y} của "
            f"{publication.issuer} đã được nhập ngày {timezone.localtime(first.recorded_at):%d/%m/%Y}.",
        )
        return None
    return publication


# GRDP figures ----------------------------------------------------------------------------------------------------


@dataclass
class _Growth:
    row: Row
    item: services.NewGrowth


def _sector_reader():
    sectors = list(EconomicSector.objects.all())
    by_key = {search_key(s.code): s for s in sectors} | {search_key(s.name): s for s in sectors}

    def read(cell):
        sector = by_key.get(search_key(parse_text(cell)))
        if sector is None:
            raise ValueError(f"Không có ngành cấp 1 mã '{parse_text(cell)}' (xem trang Danh mục của mẫu).")
        return sector

    return read


def _growth(rows: list[Row], day: date | None, actor, errors: list[CellError]) -> list[_Growth]:
    if rows and not access.can(actor, "manage_targets"):
        errors.append(
            CellError(
                GROWTH_SHEET,
                rows[0].number,
                "",
                "",
                "Không có quyền ghi số liệu GRDP: chỉ chuyên viên, lãnh đạo quản lý chỉ tiêu được ghi.",
            )
        )
        return []
    sector_of = _sector_reader()
    found: list[_Growth] = []
    seen: dict[tuple, int] = {}
    for row in rows:
        year = row.read("year", cells.parse_year, required=True)
        quarter = row.read("quarter", cells.parse_quarter, required=True)
        component = row.read("component", _component, required=True)
        sector = row.read("sector", sector_of)
        growth = row.read("growth", cells.parse_growth_percent, required=True)
        level = row.read("level", cells.parse_level)
        if row.failed:
            continue
        if sector is not None and sector.component != component:
            row.error(
                "sector",
                f"Ngành {sector.code} không thuộc khu vực {COMPONENT_LABELS[Component(component)][0]} "
                f"mà thuộc {COMPONENT_LABELS[Component(sector.component)][0]}.",
            )
            continue
        if day is not None and not cells.period_started(year, 3 * quarter - 2, day):
            row.error("quarter", f"Quý {QUARTER_NAMES[quarter]}/{year} chưa bắt đầu vào ngày ban hành {day:%d/%m/%Y}.")
            continue
        key = (year, quarter, component, sector.pk if sector else None)
        if key in seen:
            row.error("quarter", f"Quý, khu vực và ngành này lặp lại (đã có ở dòng {seen[key]}).")
            continue
        seen[key] = row.number
        found.append(_Growth(row, services.NewGrowth(year, quarter, component, growth, sector, level)))
    return found


def _partial_quarters(found: list[_Growth], warnings: list[CellError]) -> None:
    """A quarter counts as published once all four components have a figure: say when the file gives fewer."""
    by_quarter: dict[tuple[int, int], dict[str, Row]] = defaultdict(dict)
    for g in found:
        if g.item.sector is None:
            by_quarter[g.item.year, g.item.quarter][g.item.component] = g.row
    for (year, quarter), given in sorted(by_quarter.items()):
        missing = [COMPONENT_LABELS[Component(c)][0] for c in Component.values if c not in given]
        if missing:
            first = min(row.number for row in given.values())
            warnings.append(
                CellError(
                    GROWTH_SHEET,
                    first,
                    "",
                    "",
                    f"Quý {QUARTER_NAMES[quarter]}/{year}: tệp chỉ có "
                    f"{len(given)}/4 khu vực (thiếu {', '.join(missing)}); quý chỉ được tính là đã "
                    "công bố khi đủ 4 khu vực.",
                )
            )


# Other indicators ------------------------------------------------------------------------------------------------


@dataclass
class _Value:
    row: Row
    item: services.NewValue


def _values(rows: list[Row], day: date | None, actor) -> list[_Value]:
    indicators = {search_key(i.code): i for i in access.visible(actor, Indicator).select_related("responsible_agency")}
    note = text_reader(IndicatorValue._meta.get_field("note").max_length, name=False)
    found: list[_Value] = []
    seen: dict[tuple, int] = {}
    for row in rows:
        code = row.read("indicator", parse_text, required=True)
        indicator = indicators.get(search_key(code)) if code else None
        if code and indicator is None:
            row.error("indicator", f"Không có chỉ tiêu mã '{code}' (xem trang Danh mục của mẫu).")
        elif indicator is not None and not indicator.active:
            row.error("indicator", f"Chỉ tiêu '{indicator.code}' đã ngừng theo dõi.")
        elif indicator is not None and not access.can(actor, "report_indicator", indicator):
            agency = indicator.responsible_agency.name if indicator.responsible_agency else "Sở quản lý chỉ tiêu"
            row.error(
                "indicator",
                f"Không có quyền ghi số liệu chỉ tiêu '{indicator.code}': chỉ {agency} hoặc "
                "người quản lý chỉ tiêu được ghi.",
            )
        year = row.read("year", cells.parse_year, required=True)
        months = row.read("months", cells.parse_months, required=True)
        unit = indicator.unit if indicator is not None else ""
        value = row.read("value", lambda cell, unit=unit: cells.parse_value(cell, unit), required=True)
        text = row.read("note", note) or ""
        if row.failed or indicator is None:
            continue
        if day is not None and not cells.period_started(year, months, day):
            row.error(
                "months", f"Kỳ {months} tháng năm {year} chưa đến tháng {months} vào ngày ban hành {day:%d/%m/%Y}."
            )
            continue
        key = (indicator.pk, year, months)
        if key in seen:
            row.error("indicator", f"Chỉ tiêu, năm và số tháng này lặp lại (đã có ở dòng {seen[key]}).")
            continue
        seen[key] = row.number
        found.append(_Value(row, services.NewValue(indicator, year, months, value, text)))
    return found


# The preview -----------------------------------------------------------------------------------------------------


def _replaced(figure, text: str) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {
        "id": figure.pk,
        "value": text,
        "publication": publication_data(figure.publication),
        "sentence": f"thay thế số liệu {text} của {provenance(figure.publication)}",
    }


def growth_preview(g: services.NewGrowth, replaced: GrowthFigure | None, row: Row | None = None) -> dict[str, Any]:
    return {
        "sheet": GROWTH_SHEET if row else "",
        "row": row.number if row else 0,
        "year": g.year,
        "quarter": g.quarter,
        "component": g.component,
        "sector": g.sector.code if g.sector else None,
        "sector_name": g.sector.name if g.sector else "",
        "growth": float(g.growth),
        "growth_text": cells.format_percent(g.growth),
        "level": float(g.level) if g.level is not None else None,
        "replaces": _replaced(replaced, cells.format_percent(replaced.growth) if replaced else ""),
        "changed": replaced is None or replaced.growth != g.growth,
    }


def value_text(value, unit: str) -> str:
    label = UNIT_LABELS.get(unit, "")
    return cells.format_plain(value) + (f" {label}" if label else "")


def value_preview(v: services.NewValue, replaced: IndicatorValue | None, row: Row | None = None) -> dict[str, Any]:
    unit = v.indicator.unit
    return {
        "sheet": VALUES_SHEET if row else "",
        "row": row.number if row else 0,
        "indicator": v.indicator.code,
        "indicator_name": v.indicator.name,
        "unit": unit,
        "year": v.year,
        "months": v.months,
        "value": float(v.value),
        "value_text": value_text(v.value, unit),
        "note": v.note,
        "replaces": _replaced(replaced, value_text(replaced.value, unit) if replaced else ""),
        "changed": replaced is None or replaced.value != v.value,
    }


# The import ------------------------------------------------------------------------------------------------------


def import_release(file, filename: str, *, actor, dry_run: bool = False, today: date | None = None) -> ReleaseImport:
    """Check the whole workbook, then (unless a dry run) record it in one transaction; any error writes nothing.

    Raises FileRejected when the file cannot be read at all, PermissionDenied for a user who may not read targets.
    """
    started = time.perf_counter()
    if not access.can(actor, "read_targets"):
        raise PermissionDenied
    if Path(filename).suffix.lower() == ".csv":
        raise FileRejected("Tệp CSV chỉ có một trang: dùng mẫu .xlsx (các trang Báo cáo, GRDP, Chỉ tiêu).")
    tables = read_sheets(file, filename, csv_sheet=VALUES_SHEET, name_of=sheet_name)
    result = ReleaseImport(dry_run=dry_run)
    today = today or timezone.localdate()
    errors = result.errors
    release_rows = _rows(RELEASE_SHEET, tables.get(RELEASE_SHEET), RELEASE_COLUMNS, errors)
    growth_rows = _rows(GROWTH_SHEET, tables.get(GROWTH_SHEET), GROWTH_COLUMNS, errors)
    value_rows = _rows(VALUES_SHEET, tables.get(VALUES_SHEET), VALUE_COLUMNS, errors)
    publication = _release(release_rows, today, errors)
    day = publication.published_on if publication is not None else None
    if not growth_rows and not value_rows and not any(e.sheet in (GROWTH_SHEET, VALUES_SHEET) for e in errors):
        errors.append(
            CellError(
                GROWTH_SHEET,
                0,
                "",
                "",
                f"Tệp không có số liệu: trang “{GROWTH_SHEET}” và trang “{VALUES_SHEET}” đều trống.",
            )
        )
    growth = _growth(growth_rows, day, actor, errors)
    values = _values(value_rows, day, actor)
    _partial_quarters(growth, result.warnings)
    errors.sort(key=lambda e: ([RELEASE_SHEET, GROWTH_SHEET, VALUES_SHEET].index(e.sheet), e.row, e.column))
    if publication is not None:
        result.publication = publication_data(publication)
    result.growth = [
        growth_preview(
            g.item, services.current_growth(g.item.year, g.item.quarter, g.item.component, g.item.sector), g.row
        )
        for g in growth
    ]
    result.values = [
        value_preview(v.item, services.current_value(v.item.indicator, v.item.year, v.item.months), v.row)
        for v in values
    ]
    result.refused = bool(errors) or publication is None
    if not result.refused and not dry_run:
        try:
            services.record_publication(
                publication, actor=actor, growth=[g.item for g in growth], values=[v.item for v in values]
            )
        except (ValidationError, PermissionDenied) as error:
            message = "; ".join(error.messages) if isinstance(error, ValidationError) else "Không có quyền ghi."
            errors.append(CellError(RELEASE_SHEET, 0, "", "", message))
            result.refused = True
        else:
            result.publication_id = publication.pk
            result.publication = publication_data(publication)
    result.seconds = time.perf_counter() - started
    return result
