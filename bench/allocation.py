"""Time the capital allocation (`tiendo plan allocate`) against the bare HiGHS solve of the same model.

    python bench/allocation.py [--n 10000] [--seed 1] [--repeat 3] [--plan annual|medium_term] [--supply 1.0]
                               [--save FILE.json] [--profile]

A seeded random plan: N projects over 6 sources (central budget, central ODA, local balanced budget, land-use
revenue, lottery, local borrowing), each project eligible for 1 to 3 of them, tiers in realistic shares (about a
sixth new projects), some committed floors, some projects that may not be funded (PI-04, PI-06), and about 70% of
the need covered. It prints the model's size, the whole allocation (JSON input -> model -> solve -> whole đồng ->
explanations -> JSON output), the bare solve it is measured against (a fresh HiGHS model built from the same
arrays, then every stage the allocation solves: its changes and `run()`; `reference`), their ratio, and checks the
result: no source over-spent, no need exceeded, new projects all or nothing, floors.
"""

import argparse
import cProfile
import gc
import json
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from highspy import HighsLinearObjective, HighsSolution  # noqa: E402
from highspy._core import _Highs  # noqa: E402

import tiendo.domain.allocation.model as allocation_model  # noqa: E402
from tiendo.domain.allocation import PRIORITY, allocate, build_model, priority_law, solve_model  # noqa: E402
from tiendo.domain.allocation_json import input_from_json, result_to_json  # noqa: E402

SOURCES = [
    ("NSTW_TN", "Ngân sách trung ương vốn trong nước", 0.70),
    ("NSTW_ODA", "Vốn nước ngoài (ODA, vay ưu đãi)", 0.85),
    ("NSDP_CD", "Ngân sách địa phương cân đối", 0.65),
    ("NSDP_TSDD", "Thu tiền sử dụng đất", 0.70),
    ("NSDP_XS", "Thu xổ số kiến thiết", 0.75),
    ("NSDP_VAY", "Bội chi ngân sách địa phương", 0.60),
]
# share of projects per tier (Law 58/2024 Art. 54(4) order)
TIERS = [
    ("special_or_emergency", 0.01),
    ("national_programme", 0.03),
    ("advance_repayment", 0.02),
    ("completed_unfunded", 0.08),
    ("oda", 0.05),
    ("ppp_state", 0.01),
    ("transitional_finishing", 0.20),
    ("transitional_on_schedule", 0.26),
    ("preparation", 0.06),
    ("debt_before_2015", 0.02),
    ("other_support", 0.02),
    ("policy_bank", 0.01),
    ("new", 0.23 - 0.06),
]


def generate(n: int, seed: int, kind: str = "annual", supply: float = 1.0) -> dict:
    """A plan of n projects whose needs exceed the sources by about 30% (`supply` scales every source)."""
    rng = random.Random(seed)
    tiers, weights = zip(*TIERS, strict=True)
    codes = [code for code, _, _ in SOURCES]
    domestic = [code for code in codes if code != "NSTW_ODA"]
    projects, demand = [], dict.fromkeys(codes, 0.0)
    year = 2025
    for i in range(n):
        tier = rng.choices(tiers, weights)[0]
        need = int(rng.lognormvariate(23.5, 1.2)) // 1_000_000 * 1_000_000 + 1_000_000  # median ≈ 16 tỷ
        group = "C" if need < 30 * 10**9 else "B" if need < 500 * 10**9 else "A"
        if rng.random() < 0.005:
            group = "national"
        if tier == "oda":
            eligible = ["NSTW_ODA", "NSDP_CD"]
        else:
            eligible = rng.sample(domestic, rng.choice((1, 1, 2, 2, 3)))
        for code in eligible:
            demand[code] += need / len(eligible)
        transitional = tier not in ("new", "preparation")
        first = year - rng.randint(0, {"A": 5, "B": 3, "C": 2, "national": 8}[group]) if transitional else None
        if first is not None and rng.random() < 0.02:
            first -= 3  # past its allocation period
        floor = 0
        if tier not in ("new",) and rng.random() < 0.05:
            floor = need * rng.randint(2, 6) // 10 // 1_000_000 * 1_000_000
        projects.append(
            {
                "code": f"DTC-{i + 1:06d}",
                "group": group,
                "tier": tier,
                "need": need,
                "floor": floor,
                "eligible_sources": eligible,
                "has_investment_decision": tier == "preparation" or rng.random() > 0.01,
                "in_medium_term_plan": rng.random() > 0.01,
                "first_allocation_year": first,
                "handed_over_year": year - 1 if tier in ("completed_unfunded", "debt_before_2015") else None,
                "allocation_extension_years": 1 if first is not None and rng.random() < 0.1 else 0,
            }
        )
    sources = [
        {"code": code, "name": name, "available": int(demand[code] * share * supply) // 1_000_000 * 1_000_000}
        for code, name, share in SOURCES
    ]
    plan = {"kind": "annual", "year": year, "period": "2021-2025"}
    if kind == "medium_term":
        plan = {"kind": "medium_term", "year": None, "period": "2026-2030"}
    return {"plan": plan, "sources": sources, "projects": projects}


def whole(data: dict) -> dict:
    """What `tiendo plan allocate --json` does after reading the file: parse, allocate, write."""
    given = input_from_json(data)
    return result_to_json(allocate(given.plan, given.sources, given.projects))


# What the allocation asks of HiGHS, recorded once and replayed on a fresh instance: the reference. Queries
# (status, info, the solution between stages) are left out of the replay; the last solution is read once.
_QUERIES = frozenset({"getModelStatus", "getInfo", "getSolution", "modelStatusToString"})


class _Recorder:
    """Stands for the HiGHS instance `build_model` makes: forwards every call, and keeps a copy of its arguments
    (arrays and lists copied, objectives and solutions as their fields) in the order they were made."""

    calls: list[tuple[str, tuple]] = []

    def __init__(self) -> None:
        self._highs = _Highs()
        _Recorder.calls = []

    def __getattr__(self, name: str):
        method = getattr(self._highs, name)

        def call(*args):
            if name not in _QUERIES:
                _Recorder.calls.append((name, tuple(_kept(arg) for arg in args)))
            return method(*args)

        return call


def _kept(arg):
    if isinstance(arg, np.ndarray):
        return arg.copy()
    if isinstance(arg, list):
        return list(arg)
    if isinstance(arg, HighsLinearObjective):
        fields = ("weight", "offset", "coefficients", "abs_tolerance", "rel_tolerance", "priority")
        return ("objective", {field: _kept(getattr(arg, field)) for field in fields})
    if isinstance(arg, HighsSolution):
        return ("solution", np.asarray(arg.col_value, dtype=np.float64).copy())
    return arg


def record(data: dict):
    """The HiGHS calls of one whole allocation of `data`, and its model (solved)."""
    given = input_from_json(data)
    real = allocation_model._Highs
    allocation_model._Highs = _Recorder
    try:
        model = build_model(given.plan, given.sources, given.projects)
        solve_model(model)
    finally:
        allocation_model._Highs = real
    return _Recorder.calls, model


def reference(calls: list[tuple[str, tuple]]) -> tuple[float, float, np.ndarray]:
    """The bare solve: a fresh HiGHS instance, the model passed from the recorded arrays, and each stage's changes
    and `run()` as the allocation made them. Returns its seconds, those inside `run()`, and the last solution."""
    started = time.perf_counter()
    highs, inside = _Highs(), 0.0
    for name, args in calls:
        if args and type(args[0]) is tuple:  # an objective or a solution, built from its fields
            kind, value = args[0]
            if kind == "objective":
                built = HighsLinearObjective()
                for field, field_value in value.items():
                    setattr(built, field, field_value)
            else:
                built = HighsSolution()
                built.col_value = value
            args = (built,)
        if name == "run":
            before = time.perf_counter()
            highs.run()
            inside += time.perf_counter() - before
        else:
            getattr(highs, name)(*args)
    solution = np.asarray(highs.getSolution().col_value, dtype=np.float64)
    return time.perf_counter() - started, inside, solution


def check(data: dict, out: dict) -> list[str]:
    """Every limit, and the order of priority: a short project's sources are empty and held by no lower level."""
    problems = []
    given = input_from_json(data)
    table = PRIORITY[priority_law(given.plan)]
    rank = {p.code: table[p.tier] for p in given.projects}
    lowest = dict.fromkeys(s["code"] for s in data["sources"])
    for item in out["allocations"]:
        held = lowest[item["source"]]
        lowest[item["source"]] = max(rank[item["project"]], -1 if held is None else held)
    available = {s["code"]: s["available"] for s in data["sources"]}
    needs = {p["code"]: p for p in data["projects"]}
    spent = dict.fromkeys(available, 0)
    by_project = dict.fromkeys(needs, 0)
    for item in out["allocations"]:
        spent[item["source"]] += item["amount"]
        by_project[item["project"]] += item["amount"]
        if item["source"] not in needs[item["project"]]["eligible_sources"] or item["amount"] <= 0:
            problems.append(f"{item}: source not eligible or amount not positive")
    for code, amount in spent.items():
        if amount > available[code] or available[code] - amount != out["unallocated"][code]:
            problems.append(f"{code}: spent {amount} of {available[code]}")
    for row in out["projects"]:
        project = needs[row["project"]]
        got = row["allocated"]
        if got != by_project[row["project"]] or got > project["need"] or row["shortfall"] != project["need"] - got:
            problems.append(f"{row['project']}: allocated {got}, need {project['need']}")
        if project["tier"] == "new" and got not in (0, project["need"]):
            problems.append(f"{row['project']}: new project partly funded")
        if 0 < got < project["floor"]:
            problems.append(f"{row['project']}: below its floor")
        short = got < project["need"] and row["reason"] == "short"
        for code in project["eligible_sources"] if short else ():
            if out["unallocated"][code] or (lowest[code] is not None and lowest[code] > rank[row["project"]]):
                problems.append(f"{row['project']}: short while {code} is left or held by a lower level")
    return problems


def _seconds(times: list[float]) -> str:
    return ", ".join(f"{t:.3f}" for t in times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="projects (default 10,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing (in turn); min and median are shown")
    parser.add_argument("--plan", choices=("annual", "medium_term"), default="annual")
    parser.add_argument("--supply", type=float, default=1.0, help="scale every source (1.3: the new projects compete)")
    parser.add_argument("--save", help="write the generated input to this JSON file")
    parser.add_argument("--profile", action="store_true", help="after the timings, cProfile one whole allocation")
    args = parser.parse_args()

    data = generate(args.n, args.seed, args.plan, args.supply)
    if args.save:
        Path(args.save).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    given = input_from_json(data)
    model = build_model(given.plan, given.sources, given.projects)
    units = len(model.unit_kind)
    print(
        f"{args.n:,} projects x {len(given.sources)} sources: {model.num_cols:,} columns, {model.num_rows:,} rows, "
        f"{units:,} units ({model.unit_kind.count(2):,} new, {model.unit_kind.count(1):,} floored), "
        f"{model.num_objectives} objectives, {len(model.violations):,} projects not fundable"
    )

    calls, solved = record(data)
    runs = sum(1 for name, _ in calls if name == "run")
    whole_times, reference_times, run_times, whole_cpu, reference_cpu, out = [], [], [], [], [], {}
    for _ in range(args.repeat):  # in turn, so that both see the same load
        started, cpu = time.perf_counter(), time.process_time()
        out = whole(data)
        whole_times.append(time.perf_counter() - started)
        whole_cpu.append(time.process_time() - cpu)
        gc.collect()
        cpu = time.process_time()
        seconds, inside, replayed = reference(calls)
        reference_cpu.append(time.process_time() - cpu)
        reference_times.append(seconds)
        run_times.append(inside)
        gc.collect()
    if not np.array_equal(replayed, solved.solution):
        sys.exit("the reference's solution is not the allocation's: it did not solve the same model")

    need = sum(p["need"] for p in data["projects"])
    got = sum(p["allocated"] for p in out["projects"])
    for label, times in (
        ("whole allocate (JSON in -> JSON out)", whole_times),
        (f"reference: HiGHS model from the arrays + {runs} run()", reference_times),
        ("  of which inside Highs.run()", run_times),
        ("processor time, whole (every thread)", whole_cpu),
        ("processor time, reference (every thread)", reference_cpu),
    ):
        median = statistics.median(times)
        print(f"{label:<50} min {min(times):6.3f} s  median {median:6.3f} s  (runs: {_seconds(times)})")
    print(f"HiGHS stages: {'; '.join(solved.stages)}")
    for label, mine, theirs in (("", whole_times, reference_times), (" (processor time)", whole_cpu, reference_cpu)):
        ratio_min = min(mine) / min(theirs)
        ratio_median = statistics.median(mine) / statistics.median(theirs)
        overhead = statistics.median(mine) - statistics.median(theirs)
        print(
            f"ratio whole / reference{label}: min {ratio_min:.2f}  median {ratio_median:.2f}   "
            f"overhead {1000 * overhead:.0f} ms"
        )
    print(
        f"allocated {got / 1e9:,.0f} of {need / 1e9:,.0f} tỷ đồng needed; "
        f"{sum(1 for p in out['projects'] if p['reason'] == 'full'):,} projects in full, "
        f"{len(out['violations']):,} violations"
    )
    problems = check(data, out)
    print("check: OK" if not problems else f"check: {len(problems)} problems, e.g. {problems[:3]}")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(whole, data)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
