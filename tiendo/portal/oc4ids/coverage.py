"""The CoST IDS coverage of every project of a publication (tiendo.domain.portal.oc4ids_coverage), in words for the
department's page and its Excel export: per project, x/7 identification, x/7 preparation, x/6 completion (once
complete), what the department can add in tiendo and what tiendo does not keep yet; and the totals."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiendo.core.spreadsheets import report_book
from tiendo.domain.portal.oc4ids_coverage import NOT_KEPT, STAGES, Coverage, Element, Stage, coverage

from ..models import Publication

ELEMENT_LABELS = {
    Element.OWNER: gettext_lazy("project owner"),
    Element.SECTOR: gettext_lazy("sector"),
    Element.SUBSECTOR: gettext_lazy("subsector"),
    Element.NAME: gettext_lazy("project name"),
    Element.LOCATION: gettext_lazy("location"),
    Element.PURPOSE: gettext_lazy("purpose"),
    Element.DESCRIPTION: gettext_lazy("project description"),
    Element.SCOPE: gettext_lazy("project scope"),
    Element.ENVIRONMENT: gettext_lazy("environmental impact"),
    Element.LAND: gettext_lazy("land and settlement impact"),
    Element.CONTACT: gettext_lazy("owner's contact details"),
    Element.FUNDING: gettext_lazy("funding sources"),
    Element.BUDGET: gettext_lazy("project budget"),
    Element.BUDGET_APPROVAL: gettext_lazy("budget approval date"),
    Element.STATUS: gettext_lazy("current status"),
    Element.COMPLETION_COST: gettext_lazy("completion cost"),
    Element.COMPLETION_DATE: gettext_lazy("completion date"),
    Element.COMPLETION_SCOPE: gettext_lazy("scope at completion"),
    Element.CHANGE_REASONS: gettext_lazy("reasons for changes"),
    Element.AUDIT_REPORTS: gettext_lazy("audit and evaluation reports"),
}
STAGE_LABELS = {
    Stage.IDENTIFICATION: gettext_lazy("Identification"),
    Stage.PREPARATION: gettext_lazy("Preparation"),
    Stage.COMPLETION: gettext_lazy("Completion"),
}

# the projectStatus codes in words
STATUS_LABELS = {
    "identification": gettext_lazy("Identification"),
    "preparation": gettext_lazy("Preparation"),
    "implementation": gettext_lazy("Implementation"),
    "completion": gettext_lazy("Completion"),
    "cancelled": gettext_lazy("Cancelled"),
}


def words(elements) -> str:
    return ", ".join(str(ELEMENT_LABELS[element]) for element in elements)


@dataclass
class Row:
    id: str
    code: str
    title: str
    status: str
    coverage: Coverage

    def count(self, stage: str) -> int:
        return self.coverage.count(Stage(stage))

    @property
    def identification(self) -> int:
        return self.count(Stage.IDENTIFICATION)

    @property
    def preparation(self) -> int:
        return self.count(Stage.PREPARATION)

    @property
    def completion(self) -> int:
        return self.count(Stage.COMPLETION)

    @property
    def to_complete(self) -> str:
        return words(self.coverage.to_complete())

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))


@dataclass
class Table:
    rows: list[Row]
    elements: list[tuple[str, str, int, int, bool]] = field(default_factory=list)  # stage, label, present, of, kept
    totals: dict[str, tuple[int, int]] = field(default_factory=dict)  # stage -> (elements present, possible)

    @property
    def not_kept(self) -> str:
        return words(sorted(NOT_KEPT, key=list(Element).index))


def _projects(publication: Publication) -> list[dict]:
    """The publication's projects, read once per process (the file is large; a publication never changes)."""
    key = f"portal:opendata:coverage:{publication.sha256}"
    found = cache.get(key)
    if found is None:
        with publication.package.open("rb") as handle:
            package = json.loads(handle.read())
        found = [
            (p["id"], p.get("identifiers", [{}])[0].get("id", p["id"]), p.get("title", ""), p.get("status", ""),
             coverage(p))
            for p in package.get("projects", [])
        ]  # fmt: skip
        cache.set(key, found, 3600)
    return found


def table(publication: Publication) -> Table:
    rows = [Row(*values) for values in _projects(publication)]
    rows.sort(key=lambda row: (-len(row.coverage.to_complete()), row.code))
    result = Table(rows)
    for stage, elements in STAGES.items():
        due = [row for row in rows if stage != Stage.COMPLETION or row.coverage.completion_due]
        present = sum(row.coverage.count(stage) for row in due)
        result.totals[stage] = (present, len(elements) * len(due))
        for element in elements:
            there = sum(1 for row in due if element in row.coverage.present)
            result.elements.append((str(STAGE_LABELS[stage]), str(ELEMENT_LABELS[element]), there, len(due),
                                    element not in NOT_KEPT))  # fmt: skip
    return result


def workbook(publication: Publication) -> bytes:
    """The coverage table in Excel, for the department to hand out."""
    built = table(publication)
    target = io.BytesIO()
    styles = report_book(target)
    sheet = styles.book.add_worksheet(_("Coverage")[:31])
    sheet.write(0, 0, _("CoST IDS coverage of the open data (OC4IDS)"), styles.title)
    sheet.write(1, 0, _("Elements tiendo does not keep yet: %(elements)s.") % {"elements": built.not_kept}, styles.note)
    head = [_("Project code"), _("Project"), _("Status"), _("Identification (of 7)"), _("Preparation (of 7)"),
            _("Completion (of 6)"), _("To complete")]  # fmt: skip
    sheet.write_row(3, 0, head, styles.head)
    for number, row in enumerate(built.rows, start=4):
        sheet.write(number, 0, row.code, styles.text)
        sheet.write(number, 1, row.title, styles.text)
        sheet.write(number, 2, row.status_label, styles.text)
        sheet.write(number, 3, row.count(Stage.IDENTIFICATION), styles.count)
        sheet.write(number, 4, row.count(Stage.PREPARATION), styles.count)
        if row.coverage.completion_due:
            sheet.write(number, 5, row.count(Stage.COMPLETION), styles.count)
        else:
            sheet.write(number, 5, "—", styles.text)
        sheet.write(number, 6, row.to_complete, styles.text)
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 5, 14)
    sheet.set_column(6, 6, 60)
    sheet.freeze_panes(4, 0)
    styles.book.close()
    return target.getvalue()
