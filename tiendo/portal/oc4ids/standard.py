"""The OC4IDS 0.9.5 standard as shipped inside tiendo (tiendo/portal/data/oc4ids-0.9.5, with its NOTICE): the two
schemas in a `referencing` registry under their own ids, so that the package schema's reference to the project
schema resolves with no network, and the codelists' codes."""

from __future__ import annotations

import csv
import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft4Validator, FormatChecker, validators
from jsonschema._keywords import enum as checked_enum
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tiendo.domain.portal import oc4ids_checks

STANDARD = Path(__file__).resolve().parent.parent / "data" / "oc4ids-0.9.5"
VERSION = "0.9"  # the package's `version`: major.minor
PACKAGE_SCHEMA = STANDARD / "project-package-schema.json"
PROJECT_SCHEMA = STANDARD / "project-schema.json"

_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


@cache
def schema(path: Path = PROJECT_SCHEMA) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def codelists() -> dict[str, frozenset[str]]:
    """Each codelist file's codes, by file name ("projectStatus.csv")."""
    lists = {}
    for path in sorted((STANDARD / "codelists").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            lists[path.name] = frozenset(row["Code"] for row in csv.DictReader(handle))
    return lists


@cache
def codelist_fields() -> dict[tuple[str, ...], tuple[str, bool]]:
    """Where the project schema names a codelist (tiendo.domain.portal.oc4ids_checks.codelist_fields)."""
    return oc4ids_checks.codelist_fields(schema(PROJECT_SCHEMA))


def _date_time(value) -> bool:
    """RFC 3339, as the schema's `date-time` means (jsonschema checks it only with an extra package installed)."""
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return False
    return True


def _uri(value) -> bool:
    """An absolute URI: a scheme, and a host for the web's schemes."""
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    if not parts.scheme or any(char.isspace() for char in value):
        return False
    return bool(parts.netloc) if parts.scheme in ("http", "https") else True


def format_checker() -> FormatChecker:
    checker = FormatChecker()
    checker.checks("date-time")(_date_time)
    checker.checks("uri")(_uri)
    return checker


_ENUM_CODES: dict[int, frozenset[str]] = {}


def _enum(validator, enums, instance, schema):
    """Draft 4's enum, a code looked up in a set: the currency list has 300 codes and every amount checks it."""
    if isinstance(instance, str):
        codes = _ENUM_CODES.get(id(enums))
        if codes is None:
            codes = _ENUM_CODES[id(enums)] = frozenset(code for code in enums if isinstance(code, str))
        if instance in codes:
            return
    yield from checked_enum(validator, enums, instance, schema)


Validator = validators.extend(Draft4Validator, {"enum": _enum})


@cache
def validator():
    """The package schema's validator (draft 4); both schemas are resources of the registry under their `id`, so
    the package's reference to the project schema resolves with no network."""
    resources = []
    for path in (PACKAGE_SCHEMA, PROJECT_SCHEMA):
        contents = schema(path)
        resources.append((contents["id"], Resource.from_contents(contents, default_specification=DRAFT4)))
    registry = Registry().with_resources(resources)
    return Validator(schema(PACKAGE_SCHEMA), registry=registry, format_checker=format_checker())
