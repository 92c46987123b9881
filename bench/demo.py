"""Time the demo load, phase by phase, with the CPU it took and the machine's load.

    python bench/demo.py                          # the province (5,000 projects) into a fresh SQLite database
    python bench/demo.py --scale national         # 34 provinces, 200,000 projects, ~2 million reports
    DATABASE_URL=postgres://... python bench/demo.py --scale national   # an empty PostgreSQL database

It runs `tiendo demo --json` in a temporary data folder (SQLite) or on the given empty database, then prints each
phase's seconds, the total, the CPU seconds of the command and of its generating worker (user + system: what the
load costs, whatever else the machine runs) and the load average before and after. On a shared machine the wall
time follows the load; the CPU seconds do not.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="province", choices=["province", "national"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tiendo-bench-demo-") as folder:
        env = {**os.environ, "TIENDO_DATA_DIR": os.environ.get("TIENDO_DATA_DIR", folder)}
        tiendo = [sys.executable, "-m", "tiendo.cli"]
        subprocess.run([*tiendo, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        before = os.getloadavg()
        started = time.perf_counter()
        done = subprocess.run(
            [*tiendo, "demo", "--scale", args.scale, "--json"], env=env, cwd=ROOT, check=True, capture_output=True
        )
        wall = time.perf_counter() - started
        after = os.getloadavg()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    counts = json.loads(done.stdout)
    print(f"demo --scale {args.scale}: {counts['projects']:,} projects, {counts['progress_reports']:,} reports")
    for phase, seconds in counts["phases"].items():
        print(f"  {phase:<18} {seconds:8.1f} s")
    print(f"  {'total':<18} {counts['seconds']:8.1f} s (command {wall:.1f} s)")
    print(f"  CPU: {usage.ru_utime:.1f} s user + {usage.ru_stime:.1f} s system (with migrate)")
    print(f"  load average: {before[0]:.1f} before, {after[0]:.1f} after")


if __name__ == "__main__":
    main()
