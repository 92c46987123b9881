"""Each generation of the open data is kept as a Publication (the package file, its size and sha256, what validation
found). The files served are the newest publication without errors. A publication is stale once the portal's
edition (tiendo.portal.edition) moved past the one it was made at: a request then starts a background job that
makes a new one — not the request itself, as the demo's 1,558 projects take a minute or two to validate — while the
stale one is served; `tiendo remind` makes one nightly (a bulk write sends no signal) and `tiendo opendata publish`
on demand. Whoever generates holds a file lock, so two never generate at once; projects unchanged since the latest
publication keep it (and its publishedDate, the date of the last change, as the standard asks)."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from tiendo.jobs.queue import start_job

from .. import edition
from ..models import Publication
from . import flatten, package, validation

logger = logging.getLogger(__name__)

JOB_KIND = "portal.opendata"


class NothingToPublish(Exception):
    """No public-investment project is published: an OC4IDS package needs at least one project."""


@dataclass
class Outcome:
    publication: Publication
    created: bool  # False: the projects had not changed and the latest publication stands


def latest() -> Publication | None:
    """The newest generation, valid or not (its report is the department's page)."""
    return Publication.objects.order_by("-generated_at", "-pk").first()


def latest_valid() -> Publication | None:
    """What the open-data files serve: the newest generation validation found no error in."""
    return Publication.objects.filter(errors=0).order_by("-generated_at", "-pk").first()


def is_stale(publication: Publication | None = None) -> bool:
    publication = publication or latest()
    return publication is None or publication.edition < edition.current()


def lock_path(name: str = "generating") -> Path:
    return Path(settings.MEDIA_ROOT) / "opendata" / f"{name}.lock"


@contextmanager
def locked(name: str = "generating", *, blocking: bool = True) -> Iterator[bool]:
    """A lock across threads and processes (on a file): yields whether it was taken."""
    path = lock_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as handle:
        try:
            _acquire(handle, blocking)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            _release(handle)


if os.name == "nt":  # Windows (waitress): msvcrt locks a byte of the file
    import msvcrt

    def _acquire(handle, blocking: bool) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK if blocking else msvcrt.LK_NBLCK, 1)

    def _release(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _acquire(handle, blocking: bool) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _release(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def publish(*, force: bool = False, today: date | None = None) -> Outcome:
    """Generate, validate and keep a publication, unless the latest is current (`force`: check anyway, as the
    nightly run does after bulk writes). Raises NothingToPublish when no project is public."""
    with locked():
        at_edition = edition.current()
        last = latest()
        if not force and last is not None and last.edition >= at_edition:
            return Outcome(last, False)
        built = package.build(today=today)
        if not built.package["projects"]:
            raise NothingToPublish
        if last is not None and last.report.get("content_sha256") == built.content_sha256:
            Publication.objects.filter(pk=last.pk).update(edition=max(last.edition, at_edition))
            last.refresh_from_db()
            return Outcome(last, False)
        report = validation.validate(built.package)
        now = timezone.now()
        publication = Publication(
            generated_at=now,
            edition=at_edition,
            projects=len(built.package["projects"]),
            size=len(built.data),
            sha256=package.digest(built.data),
            errors=report.errors,
            report={**report.as_dict(), "content_sha256": built.content_sha256},
        )
        publication.package.save(f"oc4ids-{timezone.localtime(now):%Y%m%d-%H%M%S}.json", ContentFile(built.data))
        if publication.errors == 0:  # made here, in the job, rather than by the first request for them
            for kind in FLATTENINGS:
                flattened(publication, kind, built.package)
        prune()
        return Outcome(publication, True)


def prune() -> None:
    """Keep the newest TIENDO_OPEN_DATA_KEEP publications (and always the newest valid one) with their files."""
    keep = set(
        Publication.objects.order_by("-generated_at", "-pk").values_list("pk", flat=True)[
            : settings.TIENDO_OPEN_DATA_KEEP
        ]
    )
    if (valid := latest_valid()) is not None:
        keep.add(valid.pk)
    for old in Publication.objects.exclude(pk__in=keep):
        for name in derived_names(old):
            old.package.storage.delete(name)
        old.package.delete(save=False)
        old.delete()


def derived_names(publication: Publication) -> list[str]:
    """The package's file and its flattenings beside it (oc4ids-….csv, oc4ids-….xlsx)."""
    stem = publication.package.name.rsplit(".", 1)[0]
    return [f"{stem}.csv", f"{stem}.xlsx"]


FLATTENINGS = {"csv": flatten.to_csv, "xlsx": flatten.to_xlsx}


def flattened(publication: Publication, kind: str, built: dict | None = None) -> bytes:
    """The publication's CSV or Excel file, made with the publication and kept beside the package (made again if
    missing; while another process makes it, this one makes its own copy rather than wait)."""
    storage = publication.package.storage
    name = f"{publication.package.name.rsplit('.', 1)[0]}.{kind}"
    with locked("flattening", blocking=False) as mine:
        if storage.exists(name):
            with storage.open(name, "rb") as handle:
                return handle.read()
        if built is None:
            with publication.package.open("rb") as handle:
                built = json.loads(handle.read())
        data = FLATTENINGS[kind](built)
        if mine:
            storage.save(name, ContentFile(data))
        return data


def request_refresh() -> None:
    """A stale publication (or none) starts the background job that makes a new one, at most once per
    TIENDO_OPEN_DATA_REFRESH_SECONDS (the nightly run catches up on anything later)."""
    last = latest()
    if last is not None and not is_stale(last):
        return
    if last is not None:
        age = (timezone.now() - last.generated_at).total_seconds()
        if age < settings.TIENDO_OPEN_DATA_REFRESH_SECONDS:
            return
    try:
        start_job(JOB_KIND, actor=None, subject="OC4IDS", dedupe_key=JOB_KIND)
    except Exception:  # the files still serve the last publication; the job's failure is in the jobs list
        logger.exception("Could not start the open-data job")


def served() -> Publication | None:
    """The publication the open-data files serve, after asking for a fresh one if it is stale."""
    request_refresh()
    return latest_valid()


def _grouped(number: int) -> str:
    """12.345.678, as Vietnamese writes it."""
    return f"{number:,}".replace(",", ".")


def nightly(day: date) -> tuple[dict, str]:
    """The reminders' AFTER_RUN hook (tiendo remind): the package regenerated, whatever changed in bulk."""
    try:
        outcome = publish(force=True, today=day)
    except NothingToPublish:
        return {"published": False, "projects": 0}, "Dữ liệu mở OC4IDS: chưa có dự án đầu tư công nào được công khai."
    except Exception:
        logger.exception("The nightly open-data publication failed")
        return {"published": False, "failed": True}, "Dữ liệu mở OC4IDS: lỗi khi tạo gói dữ liệu (xem nhật ký)."
    p = outcome.publication
    data = {"published": outcome.created, "projects": p.projects, "size": p.size, "errors": p.errors}
    state = "tạo mới" if outcome.created else "không thay đổi"
    return data, f"Dữ liệu mở OC4IDS: {state}, {p.projects} dự án, {_grouped(p.size)} byte, {p.errors} lỗi kiểm tra."
