"""What an extraction gives back (the proposed tasks), what the caller may give it (the bodies its database knows),
and the `tiendo extract --json` shape of the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class KnownBody:
    """An agency the database knows, under every name a text may use for it (former names included)."""

    key: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProposedTask:
    """One assignee's share of one assignment; `start`/`end` locate its sentence in the normalised text."""

    assignee: str
    cooperating: tuple[str, ...]
    action: str
    deadline_text: str | None
    deadline: date | None
    standing: bool
    sentence: str
    start: int
    end: int
    agency: str | None
    implicit: bool


@dataclass(frozen=True, slots=True)
class Extraction:
    document_date: date | None
    tasks: tuple[ProposedTask, ...]


def to_json(extraction: Extraction) -> dict[str, object]:
    """The `tiendo extract --json` shape: ISO dates, and "agency" only where a known body matched."""
    tasks: list[dict[str, object]] = []
    for task in extraction.tasks:
        item: dict[str, object] = {
            "assignee": task.assignee,
            "cooperating": list(task.cooperating),
            "action": task.action,
            "deadline_text": task.deadline_text,
            "deadline": task.deadline.isoformat() if task.deadline else None,
            "sentence": task.sentence,
            "standing": task.standing,
            "implicit": task.implicit,
        }
        if task.agency is not None:
            item["agency"] = task.agency
        tasks.append(item)
    return {
        "document_date": extraction.document_date.isoformat() if extraction.document_date else None,
        "tasks": tasks,
    }
