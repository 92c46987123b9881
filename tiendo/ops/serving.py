"""How `tiendo serve` runs gunicorn: the number of worker processes and the command line, kept apart from the
command so that they are checked without starting a server."""

import hashlib
import os
import sys
from pathlib import Path

MAX_WORKERS = 64


def cores() -> int:
    """The cores this process may use (a container's or a `taskset`'s limit, not the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def resolve_workers(value: str, *, available: int | None = None) -> int:
    """`auto` = one worker per core, at least 2 (so one slow request never holds up everyone). Not gunicorn's usual
    2 × cores + 1, which assumes requests that mostly wait: tiendo's pages are mostly Python (template rendering
    60-66 % of a list or board request, the database 10-13 %) and PostgreSQL runs on the same cores, so more
    processes than cores only take turns, and every request in the turn is slower. On the 2-core test machine, 3
    rounds interleaved, 2 workers gave p95 8-9 times the raw SQL where 3 and 5 gave 14-20 (bench/README.md "Pages").
    Where the queries are slow (the national demo), more workers keep more queries running: measure with
    bench/pages.py and set a number. Or a whole number from 1 to MAX_WORKERS."""
    text = str(value).strip().lower()
    if text == "auto":
        return min(MAX_WORKERS, max(2, available or cores()))
    try:
        workers = int(text)
    except ValueError:
        raise ValueError(f"--workers: a number from 1 to {MAX_WORKERS}, or auto; not {value!r}") from None
    if not 1 <= workers <= MAX_WORKERS:
        raise ValueError(f"--workers: a number from 1 to {MAX_WORKERS}, or auto; not {value!r}")
    return workers


def bind_address(host: str, port: int) -> str:
    """host:port as gunicorn reads it; an IPv6 address in brackets."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"{host}:{port}"


def gunicorn_command(*, host: str, port: int, workers: int, timeout: int = 120, access_log: bool = False) -> list[str]:
    """gunicorn with sync worker processes (each renders one request at a time on its own core: no GIL shared by
    the requests) on tiendo's WSGI application. The application is imported by each worker, not by the master
    (no --preload): nothing opened before the fork, such as a database connection, is shared by two processes.
    A worker is replaced after about 1,000 requests so that a slow leak cannot grow; one stuck for `timeout`
    seconds is killed and replaced (a long export runs as a background job, not in a request)."""
    command = [sys.executable, "-m", "gunicorn", "tiendo.wsgi:application"]
    command += ["--bind", bind_address(host, port), "--workers", str(workers), "--worker-class", "sync"]
    command += ["--timeout", str(timeout), "--graceful-timeout", "30", "--keep-alive", "5"]
    command += ["--max-requests", "1000", "--max-requests-jitter", "100", "--name", "tiendo"]
    command += ["--no-control-socket"]  # gunicornc's socket in $HOME: two servers of one user would share it
    if Path("/dev/shm").is_dir():  # the workers' heartbeat files on memory, not on a disk that may stall
        command += ["--worker-tmp-dir", "/dev/shm"]
    if access_log:
        command += ["--access-logfile", "-"]
    return command


def static_sources_digest() -> str:
    """A fingerprint of the static files the apps provide (path, size, modification time) and of the storage."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    entries = []
    for finder in finders.get_finders():
        for path, storage in finder.list(None):
            stat = os.stat(storage.path(path))
            prefix = getattr(storage, "prefix", None) or ""
            entries.append(f"{prefix}/{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    digest = hashlib.sha256(repr(settings.STORAGES["staticfiles"]).encode())
    for entry in sorted(entries):
        digest.update(entry.encode() + b"\n")
    return digest.hexdigest()


def collect_static() -> bool:
    """`collectstatic` unless what was collected last is still current: hashing and compressing the ~1,000 files
    (the admin's, the API docs') takes 30 s of CPU, which a restart should not pay. True when it ran."""
    from django.conf import settings
    from django.core.management import call_command

    root = Path(settings.STATIC_ROOT)
    mark, digest = root / ".tiendo-collected", static_sources_digest()
    if (root / "staticfiles.json").exists() and mark.exists() and mark.read_text() == digest:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    mark.write_text(digest)
    return True
