"""The public portal under load: N anonymous clients fetch every page /sitemap.xml lists (and the open-data files)
from a running `tiendo serve`, cold (the cache's edition moving under them) and warm, beside raw references.

    TIENDO_DATA_DIR=/tmp/demo tiendo demo && TIENDO_DATA_DIR=/tmp/demo tiendo serve --port 8123 &
    TIENDO_DATA_DIR=/tmp/demo python bench/portal.py --base http://127.0.0.1:8123 --clients 8 --seconds 20
    TIENDO_DATA_DIR=/tmp/demo python bench/portal.py --json portal.json      # starts `tiendo serve` itself

The script runs Django beside the server on the same database (TIENDO_DATA_DIR or DATABASE_URL as the server's):
it moves the portal's edition (tiendo.portal.edition.bump, what a watched save does) and names each page's kind by
its URL name. Per run:
1. cold: for --seconds, the clients request the pages round and round while the edition moves every --bump-every
   seconds: each page is built again after each move. A response is counted as cold when the server says it was
   built (X-Portal-Cache: miss);
2. warm-up: each client requests every page once, unmeasured (each server process fills its own cache);
3. warm: for --seconds, the same rounds without a move: served from the cache.
The references, requested by the same clients in the same rounds: /healthz (a Django view and one SELECT, no
template) and the portal's stylesheet (a static file, WhiteNoise). Per kind: p50, p95 and max in ms, warm and cold,
and warm p95 / healthz p95. At most --per-kind pages of each kind (a detail page is one page a record), --max
requests per client and phase; loopback only; any error (a status but 200, a broken connection) makes it exit 1.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import platform
import re
import signal
import sys
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiendo.settings")

from load import LOOPBACK, Client, free_port, percentile, start_server  # noqa: E402  (bench/load.py)

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
REFERENCES = ("healthz (raw)", "static file (raw)")
TARGET_MS = 100  # issue 17: p95 under 100 ms at 8 clients on the demo


def kind_of(path: str) -> str:
    """The URL name of a public page ("portal:opportunity_detail"), in any language."""
    from django.urls import resolve
    from django.utils import translation

    language = translation.get_language_from_path(path.split("?")[0]) or "vi"
    with translation.override(language):
        name = resolve(path.split("?")[0]).view_name
    return "portal:home" if name == "home" else name  # the root serves the portal's home to a visitor


def page_list(client: Client, per_kind: int) -> list[tuple[str, str]]:
    """(kind, path): the sitemap's pages (at most per_kind of each), the sitemap, the open-data files that answer,
    and the references."""
    status, text, _ = client.request("GET", "/sitemap.xml")
    if status != 200:
        raise SystemExit(f"/sitemap.xml answered {status}")
    seen: dict[str, int] = defaultdict(int)
    pages = [("sitemap.xml", "/sitemap.xml")]
    for loc in ET.fromstring(text.encode()).iterfind(f"{{{SITEMAP}}}url/{{{SITEMAP}}}loc"):
        parts = urllib.parse.urlsplit(loc.text.strip())
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        kind = kind_of(path)
        seen[kind] += 1
        if seen[kind] <= per_kind:
            pages.append((kind, path))
    for path in open_data_paths():
        status, _, _ = client.request("GET", path)
        if status == 200:
            pages.append((kind_of(path), path))
        else:
            print(f"  {path} answered {status}: not measured", file=sys.stderr)
    _, home, _ = client.request("GET", "/")
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', home)
    if stylesheet is None:
        raise SystemExit("the portal's home links no stylesheet")
    return [*pages, ("healthz (raw)", "/healthz"), ("static file (raw)", stylesheet.group(1))]


def open_data_paths() -> list[str]:
    from django.urls import get_resolver, reverse

    if "opendata" not in get_resolver().namespace_dict:
        return []
    _prefix, resolver = get_resolver().namespace_dict["opendata"]
    return [reverse(f"opendata:{p.name}") for p in resolver.url_patterns if p.name and "<" not in str(p.pattern)]


def timed(client: Client, path: str) -> tuple[float | None, str, str | None]:
    """(seconds, X-Portal-Cache, None) for a 200, else (None, "", what went wrong)."""
    started = time.perf_counter()
    try:
        status, _, headers = client.request("GET", path)
    except (OSError, http.client.HTTPException) as exc:
        return None, "", f"{type(exc).__name__} on {path}"
    elapsed = time.perf_counter() - started
    if status != 200:
        return None, "", f"status {status} on {path}"
    return elapsed, headers.get("X-Portal-Cache", ""), None


def client_process(number, host, port, pages, phase, seconds, max_requests, barrier, queue) -> None:
    """One anonymous visitor on a keep-alive connection: (kind, seconds, cache, error) of each request."""
    client, rows = Client(host, port), []
    try:
        barrier.wait(timeout=120)
    except threading.BrokenBarrierError:
        pass
    if phase == "warm-up":
        for kind, path in pages:
            rows.append((kind, *timed(client, path)))
    else:
        deadline, i = time.monotonic() + seconds, number * 7  # clients start at different pages
        while time.monotonic() < deadline and len(rows) < max_requests:
            kind, path = pages[i % len(pages)]
            i += 1
            rows.append((kind, *timed(client, path)))
    client.close()
    queue.put(rows)


def run_phase(args, host, port, pages, phase: str) -> list[tuple]:
    """The clients as forked processes (no Django connection open), started together; in the cold phase this
    process moves the edition every --bump-every seconds while they run."""
    from django.db import connections

    from tiendo.portal import edition

    connections.close_all()
    context = multiprocessing.get_context("fork")
    queue, barrier = context.Queue(), context.Barrier(args.clients)
    processes = [
        context.Process(
            target=client_process,
            args=(n, host, port, pages, phase, args.seconds, args.max, barrier, queue),
            daemon=True,
        )
        for n in range(args.clients)
    ]
    for process in processes:
        process.start()
    stop = threading.Event()

    def bumper():
        while not stop.wait(args.bump_every):
            edition.bump()
        connections.close_all()

    thread = threading.Thread(target=bumper, daemon=True) if phase == "cold" else None
    if thread is not None:
        edition.bump()
        thread.start()
    rows = []
    try:
        for _ in processes:
            rows += queue.get(timeout=args.seconds + 300)
    finally:
        stop.set()
        if thread is not None:
            thread.join(timeout=30)
        for process in processes:
            process.join(timeout=30)
    return rows


def stats(times: list[float]) -> dict:
    if not times:
        return {"n": 0, "p50": None, "p95": None, "max": None}
    return {
        "n": len(times),
        "p50": percentile(times, 0.5) * 1000,
        "p95": percentile(times, 0.95) * 1000,
        "max": max(times) * 1000,
    }


def summarise(pages, cold_rows, warm_rows) -> tuple[dict, list[str]]:
    """Per kind: warm (every response of the warm phase, its share of cache hits) and cold (the responses the
    server built in the cold phase; for the references, all of them); the errors."""
    kinds = list(dict.fromkeys(kind for kind, _ in pages))
    urls = defaultdict(int)
    for kind, _ in pages:
        urls[kind] += 1
    summary, errors = {}, []
    for phase_rows in (cold_rows, warm_rows):
        errors += [error for *_, error in phase_rows if error]
    for kind in kinds:
        warm = [(s, c) for k, s, c, e in warm_rows if k == kind and e is None]
        reference = kind in REFERENCES
        cold = [s for k, s, c, e in cold_rows if k == kind and e is None and (reference or c == "miss")]
        summary[kind] = {
            "pages": urls[kind],
            "warm": stats([s for s, _ in warm]) | {"hits": sum(c == "hit" for _, c in warm)},
            "cold": stats(cold),
        }
    every = [s for k, s, c, e in warm_rows if e is None and k not in REFERENCES]
    summary["every page"] = {"pages": sum(urls[k] for k in kinds if k not in REFERENCES), "warm": stats(every)}
    summary["every page"]["cold"] = stats(
        [s for k, s, c, e in cold_rows if e is None and k not in REFERENCES and c == "miss"]
    )
    return summary, errors


def table(summary: dict) -> list[str]:
    def ms(value):
        return "-" if value is None else f"{value:,.0f}" if value >= 10 else f"{value:.1f}"

    reference = summary["healthz (raw)"]["warm"]["p95"]
    head = f"{'kind':<34} {'pages':>5} | {'warm n':>7} {'p50':>6} {'p95':>6} {'max':>6} {'hit %':>5} {'p95/raw':>7} |"
    lines = [head + f" {'cold n':>6} {'p50':>6} {'p95':>6} {'max':>6}"]
    for kind, entry in summary.items():
        warm, cold = entry["warm"], entry["cold"]
        hits = f"{100 * warm['hits'] / warm['n']:.0f}" if warm["n"] and "hits" in entry["warm"] else ""
        hits = "" if kind in REFERENCES else hits
        ratio = f"{warm['p95'] / reference:.1f}" if warm["p95"] and reference else "-"
        lines.append(
            f"{kind:<34} {entry['pages']:>5} | {warm['n']:>7} {ms(warm['p50']):>6} {ms(warm['p95']):>6} "
            f"{ms(warm['max']):>6} {hits:>5} {ratio:>7} | {cold['n']:>6} {ms(cold['p50']):>6} {ms(cold['p95']):>6} "
            f"{ms(cold['max']):>6}"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="a tiendo serving on loopback (http://127.0.0.1:8123); default: start one")
    parser.add_argument("--clients", type=int, default=8, help="concurrent anonymous clients (8)")
    parser.add_argument("--seconds", type=float, default=20, help="length of the cold and of the warm phase (20)")
    parser.add_argument("--max", type=int, default=50_000, help="at most so many requests per client and phase")
    parser.add_argument("--per-kind", type=int, default=20, help="at most so many pages of each kind (20)")
    parser.add_argument("--bump-every", type=float, default=1.0, help="cold phase: seconds between edition moves")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON ('-': stdout)")
    args = parser.parse_args()
    if not (1 <= args.clients <= 64 and 1 <= args.seconds <= 600 and 1 <= args.per_kind <= 1000):
        parser.error("--clients 1..64, --seconds 1..600, --per-kind 1..1000")
    if not (0.1 <= args.bump_every <= args.seconds and 1 <= args.max <= 1_000_000):
        parser.error("--bump-every 0.1..--seconds, --max 1..1,000,000")

    import django

    django.setup()
    from django.conf import settings
    from django.db import connections

    from tiendo.portal import edition

    server = None
    if args.base:
        parsed = urllib.parse.urlsplit(args.base)
        if parsed.hostname not in LOOPBACK or parsed.scheme != "http":
            parser.error("--base must be http:// on 127.0.0.1, localhost or ::1")
        host, port, kind = parsed.hostname, parsed.port or 80, f"running server {args.base}"
    else:
        host, port, kind = "127.0.0.1", free_port(), "tiendo serve (waitress, 8 threads), started here"
        connections.close_all()
        server = start_server(port, 8)
    try:
        probe = Client(host, port)
        pages = page_list(probe, args.per_kind)
        edition.bump()
        _, _, headers = probe.request("GET", "/sitemap.xml")
        if headers.get("X-Portal-Cache") != "miss":
            raise SystemExit(
                "the edition this script moved is not the server's: run it with the server's TIENDO_DATA_DIR "
                "(or DATABASE_URL)"
            )
        probe.close()
        load_before = os.getloadavg()
        cold = run_phase(args, host, port, pages, "cold")
        run_phase(args, host, port, pages, "warm-up")
        warm = run_phase(args, host, port, pages, "warm")
        load_after = os.getloadavg()
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    summary, errors = summarise(pages, cold, warm)
    database = settings.DATABASES["default"]
    header = (
        f"{kind}; {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}; {args.clients} anonymous clients, "
        f"{args.seconds:.0f} s cold (edition moved every {args.bump_every:g} s) and {args.seconds:.0f} s warm; "
        f"{os.cpu_count()} cores ({platform.machine()}), load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after"
    )
    print(header)
    print("\n".join(table(summary)))
    warm_p95 = summary["every page"]["warm"]["p95"]
    verdict = "met" if warm_p95 is not None and warm_p95 < TARGET_MS else "NOT met"
    print(f"warm p95 over every page: {warm_p95 or 0:.0f} ms (target under {TARGET_MS} ms: {verdict})")
    for message in sorted(set(errors))[:20]:
        print(f"  error: {message}", file=sys.stderr)
    if args.json:
        document = {"run": header, "pages": pages, "summary": summary, "errors": len(errors)}
        text = json.dumps(document, indent=1, ensure_ascii=False)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
