"""The project registry as a workbook: one column table read by the import and written by the export.

Three sheets carry the data ("Dự án", "Mốc tiến độ", "Báo cáo tiến độ"); the export adds a printable "Báo cáo"
sheet and a "Hướng dẫn" sheet that the import ignores. Because both directions use the same table, exporting
and importing again changes nothing. The import validates every row of every sheet before it writes, then
writes in one transaction with bulk statements, so a file of a province's whole registry takes seconds.

    columns    the column table, and the model field lists derived from it
    reading    the uploaded file into rows of Python values (with `tiendo.core.sheet_reading`)
    checking   the checks across rows and against the database; the plan of the writes
    writing    the plan written: new rows in bulk (COPY on PostgreSQL), bulk updates with history
    importing  import_workbook: read, check, write
    export     the data sheets, the CSV, the blank template, the rejected rows
    layout     the shared formats, the printable report sheet and the guide
"""

from tiendo.core.sheet_reading import EXTENSIONS, FileRejected, choice_reader

from .checking import ImportResult
from .columns import (
    DEPOSITS,
    ERROR_HEADER,
    GROUPS,
    GUIDE_SHEET,
    KINDS,
    MILESTONE_FIELDS,
    MILESTONE_KINDS,
    MILESTONE_SHEET,
    MILESTONES,
    PROJECT_FIELDS,
    PROJECT_SHEET,
    PROJECTS,
    REPORT_FIELDS,
    REPORT_SHEET,
    REPORT_SHEET_SPEC,
    REPORTS,
    SHEETS,
    STATUSES,
    Column,
    Sheet,
)
from .export import Progress, blank_template, export_csv, export_tables, export_workbook, rejected_workbook
from .importing import import_workbook
from .reading import Lookups, read_tables

__all__ = [
    "DEPOSITS",
    "ERROR_HEADER",
    "EXTENSIONS",
    "GROUPS",
    "GUIDE_SHEET",
    "KINDS",
    "MILESTONES",
    "MILESTONE_FIELDS",
    "MILESTONE_KINDS",
    "MILESTONE_SHEET",
    "PROJECTS",
    "PROJECT_FIELDS",
    "PROJECT_SHEET",
    "REPORTS",
    "REPORT_FIELDS",
    "REPORT_SHEET",
    "REPORT_SHEET_SPEC",
    "SHEETS",
    "STATUSES",
    "Column",
    "FileRejected",
    "ImportResult",
    "Lookups",
    "Progress",
    "Sheet",
    "blank_template",
    "choice_reader",
    "export_csv",
    "export_tables",
    "export_workbook",
    "import_workbook",
    "read_tables",
    "rejected_workbook",
]
