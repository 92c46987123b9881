"""Score task extraction against hand-made gold tasks: precision and recall of (assignee, deadline) pairs.

    python bench/extraction.py [--seeds DIR] [--dev DIR] [--json]

Two sets, each scored per document and overall:
- the seeds (`--seeds`, default ../shared/seeds next to the repository): NNN_*.txt articles and gold/NNN_*.json
  ({"document_date", "tasks": [{"assignee", "deadline" (ISO or null), "implicit"}]});
- the development set (`--dev`, default ../shared/extraction-dev; its README.md): texts/NNN.txt (line 1 `SOURCE:`,
  line 2 `DATE:` ISO or unknown, then the text) and gold/NNN.json (a list of tasks: "assignee", "deadline_iso",
  optionally "lenient_deadline_iso" and "optional": true). `--dev ''` leaves it out.
Each text is extracted twice: with the gold document date, and with the date guessed from the text. A predicted
task matches a gold one, one to one, when the assignees are the same body (equal search keys, or the predicted
name resolves to the gold one as a known body would: "UBND tỉnh" = "Ủy ban nhân dân tỉnh") and the deadlines
are the same date (both undated counts as equal; the development set's `lenient_deadline_iso` is a second
acceptable date). An optional gold task counts neither way: it is not in the gold count, and a predicted task that
matches it (after the required ones are matched) is not in the predicted count.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class GoldTask:
    assignee: str
    deadlines: tuple[str | None, ...]  # the acceptable due dates, ISO (None: undated)
    explicit: bool = True  # the assignee is written in the task's own sentence (the seeds' `implicit`)
    optional: bool = False  # counts neither way (the development set's `optional`)


@dataclass
class Document:
    name: str
    text: str
    gold_date: date | None
    tasks: list[GoldTask] = field(default_factory=list)


def seed_documents(folder: Path) -> list[Document]:
    """The seeds: NNN_*.txt and gold/NNN_*.json with the document date and the tasks."""
    documents = []
    for path in sorted(folder.glob("*.txt")):
        gold_path = folder / "gold" / f"{path.stem}.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        tasks = [
            GoldTask(str(task["assignee"]), (task.get("deadline"),), explicit=not task.get("implicit", False))
            for task in gold["tasks"]
        ]
        day = date.fromisoformat(gold["document_date"]) if gold.get("document_date") else None
        documents.append(Document(path.name, path.read_text(encoding="utf-8"), day, tasks))
    return documents


def dev_documents(folder: Path) -> list[Document]:
    """The development set: texts/NNN.txt (`SOURCE:` and `DATE:` lines, then the text) and gold/NNN.json."""
    documents = []
    for path in sorted((folder / "texts").glob("*.txt")):
        gold_path = folder / "gold" / f"{path.stem}.json"
        if not gold_path.exists():
            continue
        source, dated, text = path.read_text(encoding="utf-8").split("\n", 2)
        if not source.startswith("SOURCE:") or not dated.startswith("DATE:"):
            raise SystemExit(f"{path}: the first two lines should be SOURCE: and DATE:")
        written = dated.removeprefix("DATE:").strip()
        day = date.fromisoformat(written) if written and written != "unknown" else None
        tasks = []
        for task in json.loads(gold_path.read_text(encoding="utf-8")):
            deadlines = (task.get("deadline_iso"),)
            if task.get("lenient_deadline_iso"):
                deadlines += (task["lenient_deadline_iso"],)
            tasks.append(GoldTask(str(task["assignee"]), deadlines, optional=bool(task.get("optional", False))))
        documents.append(Document(path.name, text.lstrip("\n"), day, tasks))
    return documents


def score(extraction: Extraction, gold_tasks: list[GoldTask]) -> Score:
    """Required gold tasks matched first, in order, each to the first unused predicted task that fits; then the
    optional ones, whose matches leave the predicted count."""
    required = [task for task in gold_tasks if not task.optional]
    result = Score(gold=len(required), predicted=len(extraction.tasks))
    unused = list(extraction.tasks)
    for expected in [*required, *(task for task in gold_tasks if task.optional)]:
        result.explicit_gold += expected.explicit and not expected.optional
        for task in unused:
            due = task.deadline.isoformat() if task.deadline else None
            if due in expected.deadlines and _same_body(task.assignee, expected.assignee):
                unused.remove(task)
                if expected.optional:
                    result.predicted -= 1
                else:
                    result.matched += 1
                    result.explicit_matched += expected.explicit
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


RUNS = ("with_gold_date", "with_guessed_date")


def measure(documents: list[Document]) -> dict[str, object]:
    """Each document scored with both dates and timed; the micro averages; the median time per document."""
    rows = []
    totals = {run: Score() for run in RUNS}
    for document in documents:
        guessed = document_date(document.text)
        with_gold, ms = timed(document.text, document.gold_date)
        with_guess = extract(document.text)
        scores = {RUNS[0]: score(with_gold, document.tasks), RUNS[1]: score(with_guess, document.tasks)}
        for run, value in scores.items():
            totals[run].add(value)
        rows.append(
            {
                "document": document.name,
                "chars": len(document.text),
                "gold_date": document.gold_date.isoformat() if document.gold_date else None,
                "guessed_date": guessed.isoformat() if guessed else None,
                # None: the gold date is unknown, so the guess cannot be judged
                "date_guess_correct": guessed == document.gold_date if document.gold_date else None,
                "ms": round(ms, 1),
                **{run: value.as_dict() for run, value in scores.items()},
            }
        )
    times = [float(str(row["ms"])) for row in rows]
    return {
        "documents": rows,
        "overall": {run: value.as_dict() for run, value in totals.items()},
        "date_guesses_correct": sum(row["date_guess_correct"] is True for row in rows),
        "date_guesses_judged": sum(row["date_guess_correct"] is not None for row in rows),
        "median_ms": round(statistics.median(times), 1) if times else None,
        "mean_ms": round(statistics.mean(times), 1) if times else None,
    }


def print_table(name: str, report: dict[str, object]) -> None:
    header = (
        f"{'document':<28}{'date':<6}{'run':<19}{'gold':>5}{'pred':>5}{'match':>6}{'P':>7}{'R':>7}{'R expl':>8}"
        f"{'ms':>7}"
    )
    print(f"\n{name}\n{header}\n{'-' * len(header)}")
    rows = report["documents"]
    assert isinstance(rows, list)
    for row in rows:
        judged = {True: "ok", False: "WRONG", None: "-"}[row["date_guess_correct"]]
        for run in RUNS:
            first = run == RUNS[0]
            value = row[run]
            print(
                f"{row['document'] if first else '':<28}{judged if first else '':<6}{run:<19}"
                f"{value['gold']:>5}{value['predicted']:>5}{value['matched']:>6}{value['precision']:>7.3f}"
                f"{value['recall']:>7.3f}{value['explicit_recall']:>8.3f}{row['ms'] if first else '':>7}"
            )
        if row["date_guess_correct"] is False:
            print(f"{'':<28}guessed {row['guessed_date']}, gold {row['gold_date']}")
    print("-" * len(header))
    overall = report["overall"]
    assert isinstance(overall, dict)
    for run, value in overall.items():
        print(
            f"{'overall (micro)':<34}{run:<19}{value['gold']:>5}{value['predicted']:>5}{value['matched']:>6}"
            f"{value['precision']:>7.3f}{value['recall']:>7.3f}{value['explicit_recall']:>8.3f}"
        )
    print(
        f"document dates guessed right: {report['date_guesses_correct']}/{report['date_guesses_judged']} "
        f"(of those with a known date); extraction {report['median_ms']} ms per document "
        f"(median over documents of each one's median of {REPEAT}; mean {report['mean_ms']} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    parser.add_argument("--seeds", type=Path, default=shared / "seeds")
    parser.add_argument("--dev", default=str(shared / "extraction-dev"), help="the development set ('' to skip)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = parser.parse_args()
    if not args.seeds.is_dir():
        parser.error(f"no seeds folder at {args.seeds}")
    sets = {"seeds": seed_documents(args.seeds)}
    if args.dev:
        if not Path(args.dev, "texts").is_dir():
            parser.error(f"no development set (texts/) at {args.dev}")
        sets["extraction-dev"] = dev_documents(Path(args.dev))

    started = time.perf_counter()
    # Load underthesea's tagger outside the timings: the second sentence has no subject, so it is tagged.
    extract("Yêu cầu Sở Tài chính rà soát, báo cáo trước ngày 30/6. Đồng thời lựa chọn nhà thầu.")
    warm_up_ms = (time.perf_counter() - started) * 1000

    reports = {name: measure(documents) for name, documents in sets.items()}
    if args.json:
        print(json.dumps({"sets": reports, "warm_up_ms": round(warm_up_ms)}, ensure_ascii=False, indent=2))
        return
    for name, report in reports.items():
        print_table(name, report)
    print(f"\nwarm-up (underthesea's tagger loading): {round(warm_up_ms)} ms")


if __name__ == "__main__":
    main()
