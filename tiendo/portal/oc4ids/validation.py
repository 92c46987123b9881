"""A project package checked as the standard's Data Review Tool would check it, offline: the JSON Schema (draft 4,
the two local schema files in a `referencing` registry, date-times and URIs checked), the codelists, and
lib-cove-oc4ids' additional and conformance checks (tiendo.domain.portal.oc4ids_checks). The report keeps each
finding's path and English message; the pages print a summary of its kind in the reader's language."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from tiendo.domain.portal import oc4ids_checks as checks

from . import standard

# the findings a report keeps of each kind (the counts are always whole): a broken mapping repeats one problem in
# every project, and a page of the first ones says as much as all of them
KEPT_PER_KIND = 50

# what each kind of finding means, for the department's page
SUMMARIES = {
    "schema-required": _("A field the standard requires is missing."),
    "schema-type": _("A value is of the wrong type (text, number, list or object)."),
    "schema-enum": _("A value is not one of the codes the standard allows."),
    "schema-format": _("A date or a web address is not written the way the standard asks."),
    "schema-minLength": _("A text is empty."),
    "schema-minItems": _("A list is empty."),
    "schema-minProperties": _("An object is empty."),
    "schema-uniqueItems": _("A list repeats the same item."),
    "schema-pattern": _("A value does not have the form the standard asks."),
    "missing-values": _("An empty value is published: an unknown field must be left out."),
    "missing-currency": _("An amount is published without its currency."),
    "missing-org-refs": _("An organisation is named that is not among the project's parties."),
    "invalid-project-ids": _("A project id lacks the registered oc4ids- prefix."),
    "duplicate-project-ids": _("Two projects have the same id."),
    "codelist": _("A code is not in the standard's closed codelist."),
    "codelist-open": _("A code is not in the standard's codelist (allowed: the codelist is open)."),
}
OTHER_SUMMARY = _("The data does not follow the standard's schema.")


def summary(code: str) -> str:
    return str(SUMMARIES.get(code, OTHER_SUMMARY))


@dataclass
class Report:
    """What validation found: errors (the package does not conform) and warnings (it conforms; worth a look)."""

    errors: int = 0
    warnings: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    items: list[dict[str, str]] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.errors == 0

    def as_dict(self) -> dict:
        return {"errors": self.errors, "warnings": self.warnings, "counts": self.counts, "items": self.items}

    @classmethod
    def from_dict(cls, data: dict) -> Report:
        return cls(
            errors=int(data.get("errors", 0)),
            warnings=int(data.get("warnings", 0)),
            counts=dict(data.get("counts", {})),
            items=list(data.get("items", [])),
        )

    def grouped(self) -> list[dict]:
        """Per kind: its severity, how many, the summary in the reader's language, and the first findings."""
        groups: dict[str, dict] = {}
        for item in self.items:
            group = groups.setdefault(
                item["code"],
                {"code": item["code"], "severity": item["severity"], "summary": summary(item["code"]), "items": []},
            )
            group["items"].append(item)
        for code, group in groups.items():
            group["count"] = self.counts.get(code, len(group["items"]))
        return sorted(groups.values(), key=lambda g: (g["severity"] != checks.ERROR, g["code"]))


def _pointer(path) -> str:
    return "".join(f"/{part}" for part in path)


def _message(error) -> str:
    if error.validator == "enum":
        return f"{error.instance!r} is not one of the codes the schema allows."
    return error.message if len(error.message) <= 300 else f"{error.message[:297]}..."


def schema_findings(package: dict) -> list[checks.Finding]:
    return [
        checks.Finding(checks.ERROR, f"schema-{error.validator}", _pointer(error.absolute_path), _message(error))
        for error in standard.validator().iter_errors(package)
    ]


def validate(package: dict) -> Report:
    findings = [
        *schema_findings(package),
        *checks.codelist_checks(package, standard.codelist_fields(), standard.codelists()),
        *checks.additional_checks(package),
    ]
    report = Report()
    counts: Counter[str] = Counter()
    for finding in findings:
        counts[finding.code] += 1
        if finding.severity == checks.ERROR:
            report.errors += 1
        else:
            report.warnings += 1
        if counts[finding.code] <= KEPT_PER_KIND:
            report.items.append(finding.as_dict())
    report.counts = dict(counts)
    return report
