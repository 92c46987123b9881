"""Score task extraction against hand-made gold tasks: precision and recall of (assignee, deadline) pairs.

    python bench/extraction.py [--seeds DIR] [--json]

DIR holds NNN_*.txt articles and gold/NNN_*.json expected tasks (default: ../shared/seeds next to the repository).
Each article is extracted twice: with the gold document date, and with the date guessed from the text. A predicted
task matches a gold one, one to one, when the assignees are the same body (equal search keys, or the predicted
name resolves to the gold one as a known body would: "UBND tỉnh" = "Ủy ban nhân dân tỉnh") and the deadlines
are the same date (both undated counts as equal).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tiendo.domain.deadlines import document_date  # noqa: E402
from tiendo.domain.extraction import Extraction, KnownBody, extract, match_known  # noqa: E402
from tiendo.domain.text import search_key  # noqa: E402

REPEAT = 5


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    explicit_gold: int = 0
    explicit_matched: int = 0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        self.explicit_gold += other.explicit_gold
        self.explicit_matched += other.explicit_matched

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def explicit_recall(self) -> float:
        return self.explicit_matched / self.explicit_gold if self.explicit_gold else 1.0

    def as_dict(self) -> dict[str, object]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "explicit_recall": round(self.explicit_recall, 3),
        }


def _same_body(predicted: str, gold: str) -> bool:
    if search_key(predicted) == search_key(gold):
        return True
    return match_known(predicted, [KnownBody(search_key(gold), (gold,))]) == search_key(gold)


def score(extraction: Extraction, gold_tasks: list[dict[str, object]]) -> Score:
    result = Score(gold=len(gold_tasks), predicted=len(extraction.tasks))
    unused = list(extraction.tasks)
    for expected in gold_tasks:
        explicit = not expected.get("implicit", False)
        result.explicit_gold += explicit
        deadline = expected.get("deadline")
        for task in unused:
            due = task.deadline.isoformat() if task.deadline else None
            if due == deadline and _same_body(task.assignee, str(expected["assignee"])):
                unused.remove(task)
                result.matched += 1
                result.explicit_matched += explicit
                break
    return result


def timed(text: str, reference: date | None) -> tuple[Extraction, float]:
    """The extraction and its median time in ms, after a warm-up run (underthesea loads its model once)."""
    extraction = extract(text, reference)
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        extract(text, reference)
        times.append((time.perf_counter() - started) * 1000)
    return extraction, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
    parser.add_argument("--seeds", type=Path, default=default)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args()
    if not args.seeds.is_dir():
        parser.error(f"no seeds folder at {args.seeds}")

    started = time.perf_counter()
    # Load underthesea's tagger outside the timings: the second sentence has no subject, so it is tagged.
    extract("Yêu cầu Sở Tài chính rà soát, báo cáo trước ngày 30/6. Đồng thời lựa chọn nhà thầu.")
    warm_up_ms = (time.perf_counter() - started) * 1000

    seeds = []
    totals = {"with_gold_date": Score(), "with_guessed_date": Score()}
    for path in sorted(args.seeds.glob("*.txt")):
        gold_path = args.seeds / "gold" / f"{path.stem}.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        gold_date = date.fromisoformat(gold["document_date"]) if gold.get("document_date") else None
        guessed = document_date(text)
        with_gold, ms = timed(text, gold_date)
        with_guess = extract(text)
        scores = {
            "with_gold_date": score(with_gold, gold["tasks"]),
            "with_guessed_date": score(with_guess, gold["tasks"]),
        }
        for run, value in scores.items():
            totals[run].add(value)
        seeds.append(
            {
                "seed": path.name,
                "chars": len(text),
                "gold_date": gold_date.isoformat() if gold_date else None,
                "guessed_date": guessed.isoformat() if guessed else None,
                "date_guess_correct": guessed == gold_date,
                "ms": round(ms, 1),
                **{run: value.as_dict() for run, value in scores.items()},
            }
        )

    report = {
        "seeds": seeds,
        "overall": {run: value.as_dict() for run, value in totals.items()},
        "date_guesses_correct": sum(bool(seed["date_guess_correct"]) for seed in seeds),
        "mean_ms": round(statistics.mean(float(str(seed["ms"])) for seed in seeds), 1) if seeds else None,
        "warm_up_ms": round(warm_up_ms),
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    header = (
        f"{'seed':<28}{'date':<6}{'run':<19}{'gold':>5}{'pred':>5}{'match':>6}{'P':>7}{'R':>7}{'R expl':>8}{'ms':>7}"
    )
    print(header)
    print("-" * len(header))
    for seed in seeds:
        for run in totals:
            row = seed[run]
            assert isinstance(row, dict)
            print(
                f"{seed['seed'] if run == 'with_gold_date' else '':<28}"
                f"{('ok' if seed['date_guess_correct'] else 'WRONG') if run == 'with_gold_date' else '':<6}{run:<19}"
                f"{row['gold']:>5}{row['predicted']:>5}{row['matched']:>6}{row['precision']:>7.3f}{row['recall']:>7.3f}"
                f"{row['explicit_recall']:>8.3f}{seed['ms'] if run == 'with_gold_date' else '':>7}"
            )
        if not seed["date_guess_correct"]:
            print(f"{'':<28}guessed {seed['guessed_date']}, gold {seed['gold_date']}")
    print("-" * len(header))
    for run, value in totals.items():
        row = value.as_dict()
        print(
            f"{'overall (micro)':<34}{run:<19}{row['gold']:>5}{row['predicted']:>5}{row['matched']:>6}"
            f"{row['precision']:>7.3f}{row['recall']:>7.3f}{row['explicit_recall']:>8.3f}"
        )
    print(
        f"\ndocument dates guessed right: {report['date_guesses_correct']}/{len(seeds)}; "
        f"extraction {report['mean_ms']} ms per document "
        f"(median of {REPEAT}, after a {report['warm_up_ms']} ms warm-up)"
    )


if __name__ == "__main__":
    main()
