"""Time the schedule-rule scan against merely reading the same rows.

    TIENDO_DATA_DIR=/tmp/national tiendo demo --scale national
    TIENDO_DATA_DIR=/tmp/national python bench/scan.py [--limit N]

Three passes over every running project: (1) read the rows (projects, milestones, adjustments, reports) as
tuples, (2) read them and build the engine's facts, (3) read, build and evaluate every rule. It prints projects per
second for each and the ratio of (3) to (1): the goal is a scan costing no more than twice the read.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiendo.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="stop after this many projects (0: all)")
    parser.add_argument("--as-of", default="", help="yyyy-mm-dd (default today)")
    args = parser.parse_args()

    import django

    django.setup()
    from datetime import date

    from django.utils import timezone

    from tiendo.domain import schedule_rules
    from tiendo.reviews import scan

    as_of = date.fromisoformat(args.as_of) if args.as_of else timezone.localdate()
    original_build = scan.build_facts

    def passes():
        yield "read rows", (lambda *row: None), False
        yield "read + build facts", original_build, False
        yield "read + build + evaluate", original_build, True

    timings = {}
    for name, builder, evaluate in passes():
        scan.build_facts = builder
        count = findings = 0
        started = time.perf_counter()
        for _pk, facts in scan.iter_facts():
            count += 1
            if evaluate:
                findings += len(schedule_rules.evaluate(facts, as_of))
            if args.limit and count >= args.limit:
                break
        seconds = time.perf_counter() - started
        timings[name] = seconds
        print(
            f"{name:<26} {count:>8,} projects {seconds:8.2f} s {count / seconds:>10,.0f} projects/s"
            + (f"   {findings:,} findings" if evaluate else "")
        )
    scan.build_facts = original_build
    ratio = timings["read + build + evaluate"] / timings["read rows"]
    print(f"scan / read = {ratio:.2f}")


if __name__ == "__main__":
    main()
