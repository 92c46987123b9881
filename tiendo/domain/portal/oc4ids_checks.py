"""The checks an OC4IDS project package passes beyond its JSON Schema, as the standard's Data Review Tool runs them
(lib-cove-oc4ids: additional_checks.py, conformance_checks.py), reimplemented here because that library fetches
the schema from the web: an amount without its currency, an empty string, object or array, an organisation
reference with no party of that id, a project id without the `oc4ids-xxxxxx-` prefix (and two projects with one
id); and the codes of the standard's codelists (a closed codelist's unknown code is an error, an open one's a
warning). Plain Python: no Django."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .oc4ids import PROJECT_ID

JSON = dict[str, Any]
ERROR, WARNING = "error", "warning"

# the keys whose object refers to a party by id: every OrganizationReference of the 0.9.5 project schema
ORGANISATION_REFERENCES = frozenset(
    {"publicAuthority", "sourceParty", "payer", "payee", "procuringEntity", "administrativeEntity", "tenderers",
     "suppliers", "financingParty", "organization"}
)  # fmt: skip


@dataclass(frozen=True)
class Finding:
    severity: str  # ERROR or WARNING
    code: str  # what kind of problem: "missing-currency", "schema-required", "codelist"...
    path: str  # JSON pointer into the package, "/projects/3/budget/amount"
    message: str  # English, as precise as the check can say

    def as_dict(self) -> dict[str, str]:
        return {"severity": self.severity, "code": self.code, "path": self.path, "message": self.message}


def _nodes(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Every value with its path as a tuple (a pointer is written only for a finding: the package is large)."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nodes(item, (*path, index))


def pointer(path: tuple[str | int, ...]) -> str:
    return "".join(f"/{part}" for part in path)


def _is_empty(value: Any) -> bool:
    return (isinstance(value, str) and not value.strip()) or (isinstance(value, dict | list) and not value)


def _reference_key(path: tuple[str | int, ...]) -> str:
    """The key an organisation reference sits under: its own, or its array's for an item (tenderers/0)."""
    if not path:
        return ""
    last = path[-1]
    if isinstance(last, int):
        return str(path[-2]) if len(path) > 1 else ""
    return last


def invalid_project_ids(package: JSON) -> list[Finding]:
    findings, seen = [], set()
    for index, project in enumerate(package.get("projects", [])):
        identifier = project.get("id") if isinstance(project, dict) else None
        if not isinstance(identifier, str) or not identifier:
            continue  # the schema says it is missing
        path = f"/projects/{index}/id"
        if not PROJECT_ID.match(identifier):
            findings.append(
                Finding(ERROR, "invalid-project-ids", path, f"Project id {identifier!r} lacks the oc4ids- prefix.")
            )
        if identifier in seen:
            findings.append(Finding(ERROR, "duplicate-project-ids", path, f"Project id {identifier!r} is repeated."))
        seen.add(identifier)
    return findings


def additional_checks(package: JSON) -> list[Finding]:
    """All of them in one pass over the package (the demo's is 20 MB), in the order of the functions above."""
    empty, currency, references = [], [], []
    parties: set[Any] = set()
    for path, value in _nodes(package):
        if len(path) == 2 and path[0] == "projects" and isinstance(value, dict):
            parties = {party.get("id") for party in value.get("parties", []) if isinstance(party, dict)}
        if _is_empty(value):
            empty.append(
                Finding(
                    ERROR,
                    "missing-values",
                    pointer(path),
                    "Empty value: leave the field out rather than give it empty.",
                )
            )
        if not isinstance(value, dict):
            continue
        if isinstance(value.get("amount"), int | float) and not value.get("currency"):
            currency.append(Finding(ERROR, "missing-currency", pointer(path), "An amount without its currency."))
        if "id" in value and len(path) > 2 and _reference_key(path) in ORGANISATION_REFERENCES:
            if value["id"] not in parties:
                references.append(
                    Finding(
                        ERROR,
                        "missing-org-refs",
                        pointer((*path, "id")),
                        f"Organisation reference {value['id']!r} has no entry of that id in parties.",
                    )
                )
    return [*empty, *currency, *references, *invalid_project_ids(package)]


# Codelists ---------------------------------------------------------------------------------------------------------

Pattern = tuple[str, ...]  # property names, "[]" for an item of an array


def codelist_fields(schema: JSON) -> dict[Pattern, tuple[str, bool]]:
    """Where the project schema names a codelist: the field's pattern -> (codelist file, open). For an array of
    codes the pattern ends with "[]" (each item is a code)."""
    found: dict[Pattern, tuple[str, bool]] = {}
    definitions = schema.get("definitions", {})

    def visit(node: JSON, pattern: Pattern, refs: tuple[str, ...]) -> None:
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/definitions/"):
            name = reference.removeprefix("#/definitions/")
            if name not in refs and name in definitions:
                visit(definitions[name], pattern, (*refs, name))
            return
        if "codelist" in node:
            types = node.get("type", [])
            is_array = types == "array" or (isinstance(types, list) and "array" in types)
            found[(*pattern, "[]") if is_array else pattern] = (node["codelist"], bool(node.get("openCodelist")))
        for key, child in node.get("properties", {}).items():
            visit(child, (*pattern, key), refs)
        items = node.get("items")
        if isinstance(items, dict):
            visit(items, (*pattern, "[]"), refs)

    visit(schema, (), ())
    return found


def codelist_checks(
    package: JSON, fields: Mapping[Pattern, tuple[str, bool]], codelists: Mapping[str, frozenset[str]]
) -> list[Finding]:
    """Each code of each project against its codelist."""
    findings = []

    def visit(value: Any, pattern: Pattern, path: str) -> None:
        if pattern in fields and isinstance(value, str):
            name, is_open = fields[pattern]
            codes = codelists.get(name)
            if codes is not None and value not in codes:
                findings.append(
                    Finding(
                        WARNING if is_open else ERROR,
                        "codelist-open" if is_open else "codelist",
                        path,
                        f"{value!r} is not in the {'open' if is_open else 'closed'} codelist {name}.",
                    )
                )
        if isinstance(value, dict):
            for key, item in value.items():
                visit(item, (*pattern, key), f"{path}/{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*pattern, "[]"), f"{path}/{index}")

    for index, project in enumerate(package.get("projects", [])):
        visit(project, (), f"/projects/{index}")
    return findings
