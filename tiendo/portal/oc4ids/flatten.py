"""The package flattened for spreadsheets: a CSV of one row per project with its main fields, and an Excel workbook
with that sheet and one sheet per repeated part (budget breakdown, milestones, metrics, transactions, parties),
each row keyed by the project's id. Columns are named by their OC4IDS path.

Written here rather than with flattentool, the standard's converter: it is a heavy dependency (lxml, openpyxl,
schema handling) for what is a fixed shape tiendo itself produces, and it reads the schema from the web unless
told otherwise; xlsxwriter is already tiendo's."""

from __future__ import annotations

import csv
import io

from tiendo.core.spreadsheets import report_book

PROJECT_COLUMNS = (
    "id", "title", "status", "type", "sector", "publicAuthority/name", "locations/0/address/locality",
    "locations/0/address/region", "locations/0/gazetteer/identifiers", "locations/0/geometry/coordinates/longitude",
    "locations/0/geometry/coordinates/latitude", "budget/amount/amount", "budget/amount/currency",
    "budget/approvalDate", "period/startDate", "period/endDate", "implementationPeriod/startDate",
    "implementationPeriod/endDate", "metrics/physicalProgress/latest/measure", "metrics/physicalProgress/latest/date",
    "metrics/financialProgress/latest/measure", "metrics/financialProgress/latest/value/amount",
    "transactions/total/amount", "completion/endDate", "completion/finalValue/amount", "description",
)  # fmt: skip


def _latest(project: dict, metric: str) -> dict:
    for entry in project.get("metrics", []):
        if entry.get("id") == metric and entry.get("observations"):
            return entry["observations"][-1]
    return {}


def project_row(project: dict) -> list:
    location = (project.get("locations") or [{}])[0]
    coordinates = location.get("geometry", {}).get("coordinates", [None, None])
    budget, physical = project.get("budget", {}), _latest(project, "physicalProgress")
    financial = _latest(project, "financialProgress")
    paid = [t["value"]["amount"] for t in project.get("transactions", []) if "value" in t]
    return [
        project.get("id"),
        project.get("title"),
        project.get("status"),
        project.get("type"),
        ";".join(project.get("sector", [])),
        project.get("publicAuthority", {}).get("name"),
        location.get("address", {}).get("locality"),
        location.get("address", {}).get("region"),
        ";".join(location.get("gazetteer", {}).get("identifiers", [])),
        coordinates[0],
        coordinates[1],
        budget.get("amount", {}).get("amount"),
        budget.get("amount", {}).get("currency"),
        budget.get("approvalDate"),
        project.get("period", {}).get("startDate"),
        project.get("period", {}).get("endDate"),
        project.get("implementationPeriod", {}).get("startDate"),
        project.get("implementationPeriod", {}).get("endDate"),
        physical.get("measure"),
        physical.get("period", {}).get("endDate"),
        financial.get("measure"),
        financial.get("value", {}).get("amount"),
        sum(paid) if paid else None,
        project.get("completion", {}).get("endDate"),
        project.get("completion", {}).get("finalValue", {}).get("amount"),
        project.get("description"),
    ]


def to_csv(package: dict) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(PROJECT_COLUMNS)
    for project in package.get("projects", []):
        writer.writerow(["" if value is None else value for value in project_row(project)])
    return out.getvalue().encode("utf-8")


def _breakdown_rows(project: dict):
    for breakdowns in project.get("budget", {}).get("budgetBreakdowns", []):
        for line in breakdowns.get("budgetBreakdown", []):
            party = line.get("sourceParty", {})
            amount = line.get("amount", {})
            yield [project["id"], breakdowns.get("id"), line.get("id"), line.get("description"), amount.get("amount"),
                   amount.get("currency"), party.get("id"), party.get("name"), line.get("approvalDate")]  # fmt: skip


def _milestone_rows(project: dict):
    for m in project.get("milestones", []):
        yield [project["id"], m.get("id"), m.get("title"), m.get("type"), m.get("code"), m.get("dueDate"),
               m.get("dateMet"), m.get("status"), m.get("description")]  # fmt: skip


def _metric_rows(project: dict):
    for kind in ("metrics", "forecasts"):
        for metric in project.get(kind, []):
            for o in metric.get("observations", []):
                value = o.get("value", {})
                yield [project["id"], kind, metric.get("id"), o.get("id"), o.get("period", {}).get("endDate"),
                       o.get("measure"), o.get("unit", {}).get("id"), value.get("amount"), value.get("currency"),
                       o.get("notes")]  # fmt: skip


def _transaction_rows(project: dict):
    for t in project.get("transactions", []):
        value, payer, payee = t.get("value", {}), t.get("payer", {}), t.get("payee", {})
        yield [project["id"], t.get("id"), t.get("date"), value.get("amount"), value.get("currency"), payer.get("id"),
               payer.get("name"), payee.get("id"), payee.get("name")]  # fmt: skip


def _party_rows(project: dict):
    for party in project.get("parties", []):
        address, contact = party.get("address", {}), party.get("contactPoint", {})
        yield [project["id"], party.get("id"), party.get("name"), ";".join(party.get("roles", [])),
               address.get("streetAddress"), address.get("region"), address.get("countryName"),
               contact.get("telephone"), contact.get("email")]  # fmt: skip


SHEETS = (
    ("budget breakdown", ("project/id", "budgetBreakdowns/id", "budgetBreakdown/id", "description", "amount/amount",
                          "amount/currency", "sourceParty/id", "sourceParty/name", "approvalDate"), _breakdown_rows),
    ("milestones", ("project/id", "id", "title", "type", "code", "dueDate", "dateMet", "status", "description"),
     _milestone_rows),
    ("metrics", ("project/id", "metrics or forecasts", "metric/id", "observation/id", "period/endDate", "measure",
                 "unit/id", "value/amount", "value/currency", "notes"), _metric_rows),
    ("transactions", ("project/id", "id", "date", "value/amount", "value/currency", "payer/id", "payer/name",
                      "payee/id", "payee/name"), _transaction_rows),
    ("parties", ("project/id", "id", "name", "roles", "address/streetAddress", "address/region",
                 "address/countryName", "contactPoint/telephone", "contactPoint/email"), _party_rows),
)  # fmt: skip


def to_xlsx(package: dict) -> bytes:
    target = io.BytesIO()
    styles = report_book(target)
    book = styles.book
    projects = package.get("projects", [])
    sheets = [("projects", PROJECT_COLUMNS, lambda project: [project_row(project)]), *SHEETS]
    for name, columns, rows_of in sheets:
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, columns, styles.head)
        sheet.freeze_panes(1, 0)
        row = 1
        for project in projects:
            for values in rows_of(project):
                for column, value in enumerate(values):
                    if value is not None:
                        sheet.write(row, column, value)
                row += 1
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, len(columns) - 1, 18)
    book.close()
    return target.getvalue()
