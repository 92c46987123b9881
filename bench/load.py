"""Load: N clients, each signed in as one demo user, walk the main pages of their role against `tiendo serve`.

    DATABASE_URL=postgres://… python bench/load.py           # starts `tiendo serve` on 127.0.0.1, 8 clients, 120 s
    python bench/load.py --clients 4 --seconds 30
    python bench/load.py --url http://127.0.0.1:8000               # a server already running (loopback only)

Prints per page the number of requests, errors (a status other than the page's expected 200, or a broken
connection) and the 50th and 95th percentiles of the response time, then the totals; exits 1 on any error.
Loopback only, bounded in time, stops by itself (and stops the server it started). Standard library only.
"""

import argparse
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

PASSWORD = "tiendo-demo-2025"
USERS = ["admin", "lanhdao", "chuyenvien", "canbo.xaydung", "canbo.phuong", "nhadautu"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}

# role of each demo user -> the pages of its navigation (base.html); "{…}" pages are found on the listed page
STAFF = ["/", "/projects/", "{project}", "/directives/", "{directive}", "/tasks/", "{task}", "/plans/", "{plan}"]
STAFF += ["{version}"]
STAFF += ["/plans/dashboard/", "/agencies/", "/notifications/"]
PAGES = {
    "admin": [*STAFF, "/reviews/", "/enterprises/"],
    "lanhdao": [*STAFF, "/reviews/", "/enterprises/", "/tasks/summary/"],
    "chuyenvien": [*STAFF, "/reviews/", "/enterprises/", "/tasks/lights/"],
    "canbo.xaydung": [p for p in STAFF if p != "/tasks/"] + ["/tasks/mine/"],
    "canbo.phuong": [p for p in STAFF if p != "/tasks/"] + ["/tasks/mine/"],
    "nhadautu": ["/", "/projects/", "{project}", "/agencies/", "/notifications/", "{enterprise}"],
}
FOUND = {  # placeholder -> (page to look on, link pattern)
    "{project}": ("/projects/", r'href="(/projects/[A-Z0-9][^"/]*/)"'),
    "{directive}": ("/directives/", r'href="(/directives/\d+/)"'),
    "{task}": ("/tasks/", r'href="(/tasks/\d+/)"'),
    "{plan}": ("/plans/", r'href="(/plans/\d+/)"'),
    "{version}": ("{plan}", r'href="(/plans/versions/\d+/)"'),
    "{enterprise}": ("/", r'href="(/enterprises/\d+/)"'),
}
LABELS = {"{project}": "/projects/<code>/", "{directive}": "/directives/<id>/", "{task}": "/tasks/<id>/"}
LABELS |= {"{plan}": "/plans/<id>/", "{version}": "/plans/versions/<id>/", "{enterprise}": "/enterprises/<id>/"}


class Client:
    """One browser: a keep-alive connection, its cookies, a CSRF token."""

    def __init__(self, host: str, port: int):
        self.host, self.port, self.cookies = host, port, {}
        self.conn = None

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str, dict]:
        data = urllib.parse.urlencode(body).encode() if body is not None else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Connection": "keep-alive"}
        if data is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):  # a keep-alive connection the server closed is reopened once
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (OSError, http.client.HTTPException):
                self.close()
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text, dict(response.getheaders())

    def login(self, username: str) -> None:
        status, text, _ = self.request("GET", "/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        if status != 200 or token is None:
            raise RuntimeError(f"/login/ answered {status} without a form")
        form = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": PASSWORD, "next": "/"}
        status, text, headers = self.request("POST", "/login/", form)
        if status != 302:
            raise RuntimeError(f"{username}: login answered {status} (locked out, or the demo is not loaded?)")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def pages_for(client: Client, username: str) -> list[tuple[str, str]]:
    """(label, path) of the user's pages; a placeholder becomes the first such link of its listing page."""
    pages, found = [], {}
    for page in PAGES[username]:
        if page in FOUND:
            listing, pattern = FOUND[page]
            listing = found.get(listing, listing)
            _, text, _ = client.request("GET", listing)
            match = re.search(pattern, text)
            if match is None:
                print(f"  {username}: no {LABELS[page]} link on {listing}; skipped", file=sys.stderr)
                continue
            found[page] = match.group(1)
            pages.append((LABELS[page], match.group(1)))
        else:
            pages.append((page, page))
    return pages


def run_client(number: int, host: str, port: int, deadline: float, results, lock) -> None:
    username = USERS[number % len(USERS)]
    client = Client(host, port)
    try:
        client.login(username)
        pages = pages_for(client, username)
    except (OSError, http.client.HTTPException, RuntimeError) as error:
        with lock:
            results[("login", username)].append((None, f"{type(error).__name__}: {error}"))
        return
    i = number  # clients of the same role start on different pages
    while time.monotonic() < deadline:
        label, path = pages[i % len(pages)]
        i += 1
        seconds, error = timed_get(client, path)
        with lock:
            results[(label, username)].append((seconds, error))
    client.close()


def timed_get(client, path: str) -> tuple[float | None, str | None]:
    """One GET of a page: (seconds, None) when it answered 200, else (None, what went wrong)."""
    started = time.perf_counter()
    try:
        status, _, _ = client.request("GET", path)
        error = None if status == 200 else f"status {status} on {path}"
    except (OSError, http.client.HTTPException) as exc:
        error = f"{type(exc).__name__} on {path}"
    elapsed = time.perf_counter() - started
    return (elapsed if error is None else None), error


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))] if ordered else 0.0


def report(results, seconds: float) -> int:
    by_page = defaultdict(list)
    for (label, _user), rows in results.items():
        by_page[label].extend(rows)
    errors_seen: dict[str, int] = defaultdict(int)
    print(f"{'page':<22} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8}")
    total, total_errors, all_times = 0, 0, []
    for label in sorted(by_page):
        rows = by_page[label]
        times = [t for t, e in rows if e is None]
        errors = [e for _, e in rows if e is not None]
        for e in errors:
            errors_seen[e] += 1
        total, total_errors = total + len(rows), total_errors + len(errors)
        all_times += times
        p50, p95 = percentile(times, 0.5) * 1000, percentile(times, 0.95) * 1000
        print(f"{label:<22} {len(rows):>8} {len(errors):>6} {p50:>8.0f} {p95:>8.0f}")
    p50, p95 = percentile(all_times, 0.5) * 1000, percentile(all_times, 0.95) * 1000
    print(f"{'total':<22} {total:>8} {total_errors:>6} {p50:>8.0f} {p95:>8.0f}   ({total / seconds:.1f} requests/s)")
    for message, count in sorted(errors_seen.items(), key=lambda kv: -kv[1])[:20]:
        print(f"  error x{count}: {message}")
    return 1 if total_errors else 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, threads: int) -> subprocess.Popen:
    tiendo = Path(sys.executable).with_name("tiendo")
    command = [str(tiendo)] if tiendo.exists() else [sys.executable, "-m", "tiendo.cli"]
    server = subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", str(port), "--threads", str(threads)],
        stdout=subprocess.DEVNULL,
        stderr=sys.stderr,
        start_new_session=True,
    )
    if answers_health(server, port, 120, lambda: "tiendo serve stopped before answering (see above)"):
        return server
    server.terminate()
    raise SystemExit("tiendo serve did not answer /healthz within 60 s")


def answers_health(server: subprocess.Popen, port: int, tries: int, stopped) -> bool:
    """Ask /healthz every half second, `tries` times: True once it answers 200; SystemExit(stopped()) if the server
    process ends first (bench/pages.py starts its server the same way)."""
    for _ in range(tries):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return True
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit(stopped())
        time.sleep(0.5)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--url", help="a tiendo already serving on loopback; default: start `tiendo serve`")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads of the server this script starts")
    args = parser.parse_args()
    if not 1 <= args.clients <= 64 or not 1 <= args.seconds <= 3600:
        parser.error("--clients 1..64, --seconds 1..3600")
    server = None
    if args.url:
        parsed = urllib.parse.urlsplit(args.url)
        if parsed.hostname not in LOOPBACK or parsed.scheme != "http":
            parser.error("--url must be http:// on 127.0.0.1, localhost or ::1")
        host, port = parsed.hostname, parsed.port or 80
    else:
        host, port = "127.0.0.1", free_port()
        print(f"starting tiendo serve on http://{host}:{port}/ ({os.environ.get('DATABASE_URL', 'SQLite')})")
        server = start_server(port, args.threads)
    results, lock = defaultdict(list), threading.Lock()
    try:
        started = time.monotonic()
        deadline = started + args.seconds
        threads = [
            threading.Thread(target=run_client, args=(n, host, port, deadline, results, lock), daemon=True)
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 120)
        elapsed = time.monotonic() - started
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
    print(
        f"{args.clients} clients for {args.seconds:.0f} s ({elapsed:.0f} s with logins), users: "
        f"{', '.join(USERS[n % len(USERS)] for n in range(args.clients))}"
    )
    return report(results, elapsed)


if __name__ == "__main__":
    sys.exit(main())
