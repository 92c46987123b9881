"""The OC4IDS project package: every public-investment project (tiendo.domain.portal.oc4ids) with who publishes
them, when, under which licence and publication policy."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tiendo.agencies.models import Installation
from tiendo.domain.portal import oc4ids
from tiendo.domain.portal.oc4ids_facts import Wording

from . import collect, standard

JSON_PATH = "/open-data/oc4ids.json"
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def wording() -> Wording:
    """The package's sentences in the records' language (their English is the domain's defaults)."""
    with translation.override(settings.LANGUAGE_CODE):
        return Wording(
            language=settings.LANGUAGE_CODE,
            country=_("Viet Nam"),
            physical_progress=_("Physical progress"),
            financial_progress=_("Financial progress"),
            percent=_("percent"),
            capital_sources=_("Capital by source, as approved"),
            moved=_("First due %(first)s, moved to %(current)s."),
            moved_by=_("Due date moved from %(old)s to %(new)s by %(document)s of %(day)s (%(reason)s)."),
            done_late=_("Done on %(done)s, %(days)s days after the due date in force."),
            on_time=_("Done on %(done)s, by the first due date, unchanged."),
            final_value=_(
                "Capital disbursed up to the last progress report (%(day)s); the settled final accounts are not kept."
            ),
            land_title=_("Land and settlement impact"),
            land_area=_("Land to clear: %(area)s m²."),
            land_households=_("Households affected: %(households)s."),
            forecast_completion=_("Works complete by the completion due date in force."),
            thousands="." if settings.LANGUAGE_CODE == "vi" else ",",
        )


def prefix() -> str:
    return settings.TIENDO_OC4IDS_PREFIX


def sector_table() -> dict[str, tuple[str, ...]]:
    """The mapping of tiendo's sectors to the projectSector codelist, with the installation's own additions."""
    return {**oc4ids.SECTORS, **getattr(settings, "TIENDO_OC4IDS_SECTORS", {})}


def projects(today: date | None = None) -> list[dict]:
    today = today or timezone.localdate()
    words, table, chosen = wording(), sector_table(), prefix()
    return [
        oc4ids.project(facts, prefix=chosen, today=today, wording=words, sector_table=table)
        for facts in collect.facts()
    ]


def publisher() -> dict:
    """The installation's operating agency (the header's name), else its province, else the site's name."""
    names = Installation.names()
    name = names["agency"].get("vi") or names["province"].get("vi") or settings.TIENDO_SITE_NAME or "tiendo"
    return {"name": name, "uri": f"{settings.TIENDO_BASE_URL}/"}


def policy_url() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return f"{settings.TIENDO_BASE_URL}{reverse('portal:opendata')}"


def package(projects: list[dict], published: datetime) -> dict:
    return {
        "uri": f"{settings.TIENDO_BASE_URL}{JSON_PATH}",
        "publishedDate": timezone.localtime(published).isoformat(timespec="seconds"),
        "publisher": publisher(),
        "license": getattr(settings, "TIENDO_OPEN_DATA_LICENSE", "") or DEFAULT_LICENSE,
        "publicationPolicy": policy_url(),
        "version": standard.VERSION,
        "projects": projects,
    }


def dumps(value) -> bytes:
    """Compact UTF-8 JSON (Vietnamese as letters, not escapes): the file is large."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Built:
    package: dict
    data: bytes
    content_sha256: str  # of all but its date: an unchanged package keeps the last publication (and its date)


def build(*, today: date | None = None, published: datetime | None = None) -> Built:
    built = package(projects(today), published or timezone.now())
    return Built(built, dumps(built), digest(dumps({**built, "publishedDate": None})))
