"""Pages under load: N signed-in clients against the real server, beside each page's own SQL replayed raw.

    DATABASE_URL=postgres://… TIENDO_DATA_DIR=… python bench/pages.py      # gunicorn (`tiendo serve --workers auto`)
    python bench/pages.py --server waitress --threads 8                    # `tiendo serve` as a laptop runs it
    python bench/pages.py --clients 8 --seconds 30 --runs 3 --json out.json
    python bench/pages.py --url http://127.0.0.1:8000                      # a server already running (loopback only)
    python bench/pages.py --only /projects/ --only /tasks/                 # pages whose label starts so
    python bench/pages.py --page /agencies/ --page '/plans/versions/13/'   # more pages (label = the path)

Per run, for every page of a fixed list (the project list unfiltered, `?overdue=on`, kind + status, a search, a
sort and a deep page; a project page; the task board; the plans dashboard; the overview; the task summary):
1. the page's SQL is captured in-process (Django's test client and `CaptureQueriesContext`, as the same user,
   second request: warm), and the in-process time of that one request is kept ("alone");
2. "raw": N processes, each with its own psycopg (or sqlite3) connection, replay those statements, every page's
   whole list of statements (reads only: a session write or a savepoint is skipped) fetching every row, round the
   pages for --seconds (after one unmeasured round); p50/p95 of a page's whole list;
3. "http": N processes, each one client that signs in through the login form (CSRF token, the demo password),
   requests every page --warmup times unmeasured (each gunicorn worker compiles its templates and fills its caches
   once: without it a 20-second run of 5 workers measures mostly their warm-up), then requests the pages round and
   round on a keep-alive connection for --seconds; p50/p95 of each response.
It prints per page p50/p95 over HTTP, raw p50/p95, the ratio p95 / raw p95, the number of statements and the
alone time; with --runs 3, the min and the median of each over the runs, and the load average before and after.
The server is started on 127.0.0.1 with a free port and stopped at the end; `--url` uses a running one (then the
server's kind is whatever that is). Any error (a status but 200, a broken connection) is counted and makes the
script exit 1. Needs the database the server uses (DATABASE_URL, TIENDO_DATA_DIR), with the demo users.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiendo.settings")

from load import LOOPBACK, Client, answers_health, free_port, percentile, timed_get  # noqa: E402  (bench/load.py: the same login and client)

READ = re.compile(r"^\s*(\(?\s*SELECT|WITH|EXPLAIN|VALUES)\b", re.IGNORECASE)


def page_list(username: str) -> list[tuple[str, str]]:
    """(label, path): the issue's pages, with a project in the middle of the codes and a deep page of the list."""
    from tiendo.projects.models import Project
    from tiendo.projects.views import PAGE_SIZE

    total = Project.objects.count()
    middle = Project.objects.order_by("code").values_list("code", flat=True)[total // 2] if total else "none"
    deep = max(1, total // PAGE_SIZE // 2)
    return [
        ("/projects/", "/projects/"),
        ("/projects/?overdue=on", "/projects/?overdue=on"),
        ("/projects/?kind&status", "/projects/?kind=fdi&status=implementing"),
        ("/projects/?q=", "/projects/?q=nha+may"),
        ("/projects/?sort=", "/projects/?sort=-investment"),
        ("/projects/?page=deep", f"/projects/?page={deep}"),
        ("/projects/<code>/", f"/projects/{middle}/"),
        ("/tasks/", "/tasks/"),
        ("/plans/dashboard/", "/plans/dashboard/"),
        ("/", "/"),
        ("/tasks/summary/", "/tasks/summary/"),
    ]


def capture(username: str, pages: list[tuple[str, str]]) -> dict[str, dict]:
    """Each page's SQL as the server runs it for this user (second request: warm caches), and its time alone."""
    from django.db import connection
    from django.test import Client as TestClient
    from django.test.utils import CaptureQueriesContext

    from tiendo.accounts.models import User

    client = TestClient(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(username=username))
    captured = {}
    for label, path in pages:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code} in-process as {username}")
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            client.get(path)
            alone = time.perf_counter() - started
        statements = [q["sql"] for q in queries.captured_queries if q["sql"] and READ.match(q["sql"])]
        skipped = len(queries.captured_queries) - len(statements)
        captured[label] = {"path": path, "sql": statements, "skipped": skipped, "alone": alone}
    connection.close()
    return captured


def raw_connection():
    """A connection of the server's own database, outside Django (psycopg in autocommit, or sqlite3)."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        import sqlite3

        return sqlite3.connect(str(db["NAME"]), isolation_level=None)
    import psycopg

    return psycopg.connect(
        dbname=db["NAME"],
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        autocommit=True,
        options="-c TimeZone=UTC",
    )


def replay_client(number: int, sql: dict[str, list[str]], barrier, deadline_after: float, count: int, queue) -> None:
    """One raw connection: every page's statements in turn, each fetched whole; (label, seconds or None, error)."""
    results = []
    try:
        conn = raw_connection()
        labels = list(sql)
        cursor = conn.cursor()
        for label in labels:  # one unmeasured round: the database's caches, as the server's warm-up fills them
            for statement in sql[label]:
                cursor.execute(statement)
                if cursor.description is not None:
                    cursor.fetchall()
        cursor.close()
        barrier.wait(timeout=120)
        deadline = time.monotonic() + deadline_after
        i = number
        while (count and i - number < count * len(labels)) or (not count and time.monotonic() < deadline):
            label = labels[i % len(labels)]
            i += 1
            started = time.perf_counter()
            try:
                cursor = conn.cursor()
                for statement in sql[label]:
                    cursor.execute(statement)
                    if cursor.description is not None:
                        cursor.fetchall()
                cursor.close()
                results.append((label, time.perf_counter() - started, None))
            except Exception as error:  # noqa: BLE001 - reported as the page's error
                results.append((label, None, f"{type(error).__name__}: {str(error)[:200]}"))
        conn.close()
    except Exception as error:  # noqa: BLE001
        results.append(("connect", None, f"{type(error).__name__}: {error}"))
    queue.put(results)


def http_client(
    number: int, host, port, username, pages, warmup: int, barrier, deadline_after: float, count: int, queue
) -> None:
    """One browser (bench/load.py's Client): signs in through the form, then requests the pages round and round."""
    results = []
    client = Client(host, port)
    try:
        client.login(username)
        for _ in range(warmup):  # every worker process compiles its templates and fills its caches once
            for _label, path in pages:
                client.request("GET", path)
    except (OSError, http.client.HTTPException, RuntimeError) as error:
        results.append(("login", None, f"{type(error).__name__}: {error}"))
    try:
        barrier.wait(timeout=120)
    except Exception:  # noqa: BLE001 - another client failed: measure with the rest
        pass
    if not results:
        deadline = time.monotonic() + deadline_after
        i = number
        while (count and i - number < count * len(pages)) or (not count and time.monotonic() < deadline):
            label, path = pages[i % len(pages)]
            i += 1
            seconds, error = timed_get(client, path)
            results.append((label, seconds, error))
    client.close()
    queue.put(results)


def in_parallel(target, clients: int, head: tuple, tail: tuple) -> list[tuple[str, float | None, str | None]]:
    """`clients` processes target(n, *head, barrier, *tail, queue), forked with no Django connection open and
    started together by the barrier; their (label, seconds or None, error) rows."""
    context = multiprocessing.get_context("fork")
    queue, barrier = context.Queue(), context.Barrier(clients)
    processes = [
        context.Process(target=target, args=(n, *head, barrier, *tail, queue), daemon=True) for n in range(clients)
    ]
    for process in processes:
        process.start()
    results = []
    for _ in processes:
        results += queue.get()
    for process in processes:
        process.join()
    return results


def summarise(rows) -> dict[str, dict]:
    by_label: dict[str, dict] = {}
    for label, seconds, error in rows:
        entry = by_label.setdefault(label, {"times": [], "errors": []})
        if error is None:
            entry["times"].append(seconds)
        else:
            entry["errors"].append(error)
    out = {}
    for label, entry in by_label.items():
        times = entry["times"]
        out[label] = {
            "n": len(times),
            "errors": len(entry["errors"]),
            "first_error": entry["errors"][0] if entry["errors"] else None,
            "p50": percentile(times, 0.5) * 1000,
            "p95": percentile(times, 0.95) * 1000,
        }
    return out


def start_server(port: int, server: str, workers: str, threads: int) -> subprocess.Popen:
    tiendo = Path(sys.executable).with_name("tiendo")
    command = [str(tiendo)] if tiendo.exists() else [sys.executable, "-m", "tiendo.cli"]
    mode = ["--threads", str(threads)] if server == "waitress" else ["--workers", workers]
    if server == "gunicorn":
        helptext = subprocess.run([*command, "serve", "--help"], capture_output=True, text=True).stdout
        if "--workers" not in helptext:
            raise SystemExit("this `tiendo serve` has no --workers (production mode): use --server waitress")
    log = tempfile.NamedTemporaryFile("w+", prefix="tiendo-serve-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", str(port), *mode],
        stdout=log,
        stderr=subprocess.STDOUT,  # waitress's "Task queue depth" lines would drown the table
        start_new_session=True,
    )
    process.log = log.name  # type: ignore[attr-defined]
    if answers_health(
        process, port, 240, lambda: f"tiendo serve stopped before answering:\n{Path(log.name).read_text()[-3000:]}"
    ):
        return process
    stop_server(process)
    raise SystemExit("tiendo serve did not answer /healthz within 120 s")


def stop_server(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    print(f"server log: {process.log}", file=sys.stderr)


def one_run(args, host, port, pages) -> dict:
    from django.db import connections

    captured = capture(args.user, pages)
    connections.close_all()
    sql = {label: entry["sql"] for label, entry in captured.items()}
    length = (args.seconds, args.requests)
    raw = summarise(in_parallel(replay_client, args.clients, (sql,), length))
    served = summarise(in_parallel(http_client, args.clients, (host, port, args.user, pages, args.warmup), length))
    run = {}
    for label, _path in pages:
        h, r = served.get(label, {}), raw.get(label, {})
        run[label] = {
            "requests": h.get("n", 0),
            "errors": h.get("errors", 0) + r.get("errors", 0),
            "first_error": h.get("first_error") or r.get("first_error"),
            "p50": h.get("p50", 0.0),
            "p95": h.get("p95", 0.0),
            "raw_p50": r.get("p50", 0.0),
            "raw_p95": r.get("p95", 0.0),
            "ratio": h["p95"] / r["p95"] if h.get("n") and r.get("p95") else None,
            "statements": len(captured[label]["sql"]),
            "alone": captured[label]["alone"] * 1000,
        }
    run["login"] = {"errors": served.get("login", {}).get("errors", 0) + raw.get("connect", {}).get("errors", 0)}
    return run


def table(runs: list[dict], pages) -> tuple[list[str], dict]:
    keys = ["p50", "p95", "raw_p50", "raw_p95", "ratio", "alone"]
    summary, lines = {}, []
    head = f"{'page':<24} {'req':>5} {'err':>4} {'p50 ms':>13} {'p95 ms':>13} {'raw p50':>13} {'raw p95':>13}"
    lines.append(head + f" {'p95/raw':>11} {'sql':>4} {'alone ms':>13}")
    if len(runs) > 1:
        lines.append(f"{'':<24} {'':>5} {'':>4}" + "  (min / median of the runs)")
    for label, _path in pages:
        entry = {"requests": sum(r[label]["requests"] for r in runs), "errors": sum(r[label]["errors"] for r in runs)}
        cells = []
        for key in keys:
            values = [r[label][key] for r in runs if r[label][key] is not None]
            low, mid = (min(values), statistics.median(values)) if values else (0.0, 0.0)
            entry[key] = {"min": low, "median": mid}
            fmt = "{:.1f}" if key == "ratio" else "{:,.0f}"
            if not values or (key in ("p50", "p95") and not entry["requests"]):
                cells.append("-")  # no request of this page finished in time
                continue
            cells.append(fmt.format(low) + (" / " + fmt.format(mid) if len(runs) > 1 else ""))
        entry["statements"] = runs[-1][label]["statements"]
        summary[label] = entry
        widths = [13, 13, 13, 13, 11, 13]
        text = " ".join(f"{c:>{w}}" for c, w in zip(cells[:5], widths[:5], strict=True))
        lines.append(
            f"{label:<24} {entry['requests']:>5} {entry['errors']:>4} {text} {entry['statements']:>4} {cells[5]:>13}"
        )
    return lines, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients, and raw connections (8)")
    parser.add_argument("--seconds", type=float, default=30, help="per phase (raw, then HTTP) and run (30)")
    parser.add_argument("--requests", type=int, default=0, help="instead of --seconds: rounds of the pages per client")
    parser.add_argument("--runs", type=int, default=1, help="runs; with 3, the min and median of each figure")
    parser.add_argument("--url", help="a tiendo already serving on loopback; default: start `tiendo serve`")
    parser.add_argument("--server", choices=["gunicorn", "waitress"], default="gunicorn")
    parser.add_argument("--workers", default="auto", help="gunicorn workers of the server started (auto)")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads of the server started (8)")
    parser.add_argument(
        "--warmup", type=int, default=2, help="unmeasured rounds of the pages per client first (2): warm workers"
    )
    parser.add_argument("--user", default="chuyenvien", help="the demo user every client signs in as")
    parser.add_argument("--only", action="append", default=[], help="only the pages whose label starts so")
    parser.add_argument("--page", action="append", default=[], help="one more page (a path)")
    parser.add_argument("--json", metavar="FILE", help="also write the runs and the summary as JSON ('-': stdout)")
    args = parser.parse_args()
    if not 1 <= args.clients <= 64 or not 1 <= args.seconds <= 3600 or not 1 <= args.runs <= 10:
        parser.error("--clients 1..64, --seconds 1..3600, --runs 1..10")

    import django

    django.setup()
    from django.conf import settings

    pages = page_list(args.user) + [(path, path) for path in args.page]
    if args.only:
        pages = [(label, path) for label, path in pages if any(label.startswith(o) for o in args.only)]
    database = settings.DATABASES["default"]
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    from tiendo.projects.models import Project

    scale = f"{Project.objects.count():,} projects"
    server = None
    if args.url:
        parsed = urllib.parse.urlsplit(args.url)
        if parsed.hostname not in LOOPBACK or parsed.scheme != "http":
            parser.error("--url must be http:// on 127.0.0.1, localhost or ::1")
        host, port, kind = parsed.hostname, parsed.port or 80, f"running server {args.url}"
    else:
        host, port = "127.0.0.1", free_port()
        kind = (
            f"waitress, {args.threads} threads" if args.server == "waitress" else f"gunicorn --workers {args.workers}"
        )
    from django.db import connections

    connections.close_all()
    if not args.url:
        server = start_server(port, args.server, args.workers, args.threads)
    load_before = os.getloadavg()
    runs = []
    try:
        for number in range(args.runs):
            runs.append(one_run(args, host, port, pages))
            print(f"run {number + 1}/{args.runs} done, load average {os.getloadavg()[0]:.2f}", file=sys.stderr)
    finally:
        if server is not None:
            stop_server(server)
    load_after = os.getloadavg()
    lines, summary = table(runs, pages)
    length = f"{args.requests} rounds" if args.requests else f"{args.seconds:.0f} s"
    print(
        f"{scale}, {engine} {database['NAME']}, {kind}; {args.clients} clients as {args.user}, {length} per phase, "
        f"{args.runs} run(s); {os.cpu_count()} cores ({platform.machine()}), load average "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after"
    )
    print("\n".join(lines))
    errors = sum(s["errors"] for s in summary.values()) + sum(r["login"]["errors"] for r in runs)
    for run in runs:
        for label, entry in run.items():
            if entry.get("first_error"):
                print(f"  {label}: {entry['first_error']}", file=sys.stderr)
    if args.json:
        document = {
            "scale": scale,
            "database": f"{engine} {database['NAME']}",
            "server": kind,
            "clients": args.clients,
            "user": args.user,
            "length": length,
            "cores": os.cpu_count(),
            "load_average": {"before": load_before, "after": load_after},
            "pages": dict(pages),
            "runs": runs,
            "summary": summary,
        }
        text = json.dumps(document, indent=1, ensure_ascii=False)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text)
    if errors:
        print(f"{errors} errors", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
