"""What tiendo proposes from one project's findings: each handling once, with every rule that leads to it.

Mildest first, as docs/legal/behind-schedule.md derives the handling; a handling reached only as a finding's next
step (`then`) is a follow-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tiendo.domain.languages import Text
from tiendo.domain.schedule_rules.findings import Finding
from tiendo.domain.schedule_rules.vocabulary import ProposalCode


@dataclass(frozen=True, slots=True)
class Proposal:
    """One handling for a project, with every finding that leads to it; `propose` ranks them mildest first."""

    code: ProposalCode
    rules: tuple[str, ...]
    citations: tuple[str, ...]
    months_remaining: int | None
    verify: bool
    follow_up: bool  # only a next step of another proposal (a finding's `then`), no finding of its own

    @property
    def label(self) -> Text:
        return self.code.label

    def to_json(self) -> dict[str, object]:
        return {
            "proposal": self.code.value,
            "label": {"vi": self.label.vi, "en": self.label.en, "zh": self.label.zh},
            "rules": list(self.rules),
            "citations": list(self.citations),
            "months_remaining": self.months_remaining,
            "verify": self.verify,
            "follow_up": self.follow_up,
        }


def propose(findings: Sequence[Finding]) -> list[Proposal]:
    """One project's handlings, mildest first (docs/legal/behind-schedule.md): each with the rules that lead to it."""
    if len({f.project for f in findings}) > 1:
        raise ValueError("propose() takes the findings of one project")
    gathered: dict[ProposalCode, _Gathered] = {}
    for f in findings:
        for code, follow_up in ((f.proposal, False), *((code, True) for code in f.then)):
            entry = gathered.setdefault(code, _Gathered())
            entry.add(f, follow_up)
    return [gathered[code].proposal(code) for code in sorted(gathered, key=lambda code: code.rank)]


@dataclass(slots=True)
class _Gathered:
    rules: dict[str, None] = field(default_factory=dict)
    citations: dict[str, None] = field(default_factory=dict)
    remaining: int | None = None
    verify: bool = False
    direct: bool = False

    def add(self, finding: Finding, follow_up: bool) -> None:
        self.rules[finding.rule] = None
        self.citations[finding.citation] = None
        self.verify = self.verify or finding.verify
        if not follow_up:
            self.direct = True
            if finding.months_remaining is not None:
                now = finding.months_remaining
                self.remaining = now if self.remaining is None else min(self.remaining, now)

    def proposal(self, code: ProposalCode) -> Proposal:
        return Proposal(code, tuple(self.rules), tuple(self.citations), self.remaining, self.verify, not self.direct)
