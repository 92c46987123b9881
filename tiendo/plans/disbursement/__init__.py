"""Disbursement of an annual plan: the State Treasury's monthly reports imported, S-curves, slow projects and the
draft capital transfer.

One module per thing it does:
- treasury_columns: the report's columns and months; treasury_reading: a file read into rows;
  treasury_import: the checks and the write (the import service); treasury_template: the blank template;
- scope: the part of a plan a page shows, narrowed by the access layer;
- curves: S-curves of a plan, a source, a project, and the projects' list;
- slow: each project's pace and the slow list; transfer: the draft capital transfer (a service).

The names below are the ones the rest of tiendo uses; import them from here.
"""

from tiendo.core.sheet_reading import EXTENSIONS, FileRejected

from .curves import (
    Curve,
    MonthRow,
    ProjectRow,
    item_deadline,
    last_report,
    month_totals,
    plan_curve,
    project_rows,
    share,
    source_curves,
    target_path,
)
from .scope import Scope, scope_for
from .slow import (
    PROJECTIONS,
    SLOW_PACES,
    ProjectPace,
    default_thresholds,
    paces,
    project_status,
    slow_projects,
    slow_workbook,
)
from .transfer import TransferProposal, propose_transfer
from .treasury_columns import (
    COLUMNS,
    DATA_SHEET,
    GUIDE_SHEET,
    HEADER_SEARCH_ROWS,
    SOURCES_SHEET,
    Column,
    parse_month,
    plan_months,
)
from .treasury_import import DisbursementImport, import_disbursement
from .treasury_template import blank_template

__all__ = [
    "COLUMNS",
    "DATA_SHEET",
    "EXTENSIONS",
    "GUIDE_SHEET",
    "HEADER_SEARCH_ROWS",
    "PROJECTIONS",
    "SLOW_PACES",
    "SOURCES_SHEET",
    "Column",
    "Curve",
    "DisbursementImport",
    "FileRejected",
    "MonthRow",
    "ProjectPace",
    "ProjectRow",
    "Scope",
    "TransferProposal",
    "blank_template",
    "default_thresholds",
    "import_disbursement",
    "item_deadline",
    "last_report",
    "month_totals",
    "paces",
    "parse_month",
    "plan_curve",
    "plan_months",
    "project_rows",
    "project_status",
    "propose_transfer",
    "scope_for",
    "share",
    "slow_projects",
    "slow_workbook",
    "source_curves",
    "target_path",
]
