"""What a plan check answers: a `Breach` (rule, severity, citation, amount, one Vietnamese sentence), sorted and
counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from tiendo.domain.languages import Text
from tiendo.domain.messages import Message
from tiendo.domain.plan_checks.citations import PLAN_RULES
from tiendo.domain.schedule_rules import (
    FactValue,
)
from tiendo.domain.severity import BREACH_SCALE, Severity


@dataclass(frozen=True, slots=True)
class Breach:
    """One rule a plan version breaks, with the amount by which it breaks it (đồng; 0 when not a sum)."""

    rule: str  # the id in docs/legal/public-investment.md (PI-04), or OVER_NEED / OVER_SOURCE
    key: str  # the entry of PLAN_RULES (PI-04-decision...)
    severity: Severity  # of the breach scale: error, warning, info
    citation: str
    verify: bool  # the 2019 article is uncertain, or the governing text (Law 90/2025) is unread
    explanation: str  # Vietnamese, with the money written out
    project: str | None = None
    source: str | None = None
    amount: int = 0
    facts: Mapping[str, FactValue] = field(default_factory=dict)
    message: Message | None = None  # the explanation's code and parameters, to render in any language

    def reasoning(self, language: str) -> str:
        """The explanation in `language` (vi, en, zh)."""
        return self.message.render(language) if self.message is not None else self.explanation

    @property
    def title(self) -> Text:
        return PLAN_RULES[self.key].title

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "key": self.key,
            "severity": self.severity.value,
            "project": self.project,
            "source": self.source,
            "amount": self.amount,
            "citation": self.citation,
            "verify": self.verify,
            "explanation": self.explanation,
            "title": {"vi": self.title.vi, "en": self.title.en, "zh": self.title.zh},
            "facts": {
                name: value.isoformat() if isinstance(value, date) else value for name, value in self.facts.items()
            },
        }


def make_breach(
    key: str,
    severity: Severity,
    day: date,
    explanation: str | Message,
    *,
    project: str | None = None,
    source: str | None = None,
    amount: int = 0,
    facts: Mapping[str, FactValue] | None = None,
    article_2024: str | None = None,
    article_2019: str | None = None,
    verify: bool = False,
    citation: str | None = None,
) -> Breach:
    """A breach citing the rule's article in force on `day` (or a citation already made, with its `verify`)."""
    rule = PLAN_RULES[key]
    c = rule.cite_on(day, article_2024, article_2019)
    return Breach(
        rule=c.rule,
        key=key,
        severity=severity,
        citation=c.citation if citation is None else citation,
        verify=verify if citation is not None else c.verify or verify,
        explanation=explanation.vi if isinstance(explanation, Message) else explanation,
        message=explanation if isinstance(explanation, Message) else None,
        project=project,
        source=source,
        amount=amount,
        facts=dict(facts or {}),
    )


def sort_breaches(breaches: Iterable[Breach]) -> list[Breach]:
    """Errors first, then warnings, then notes; within one severity by project (plan-wide first), rule, source."""
    return sorted(breaches, key=lambda b: (-b.severity.rank, b.project or "", b.rule, b.key, b.source or ""))


@dataclass(frozen=True, slots=True)
class BreachSummary:
    total: int
    by_severity: Mapping[Severity, int]
    by_rule: Mapping[str, int]

    @property
    def errors(self) -> int:
        return self.by_severity.get(Severity.ERROR, 0)

    @property
    def warnings(self) -> int:
        return self.by_severity.get(Severity.WARNING, 0)

    @property
    def blocking(self) -> bool:
        """The version may not be approved as it is."""
        return self.errors > 0


def summarise(breaches: Iterable[Breach]) -> BreachSummary:
    """Counts by severity (every severity present, 0 included) and by rule id."""
    by_severity = dict.fromkeys(reversed(BREACH_SCALE), 0)
    by_rule: dict[str, int] = {}
    total = 0
    for b in breaches:
        total += 1
        by_severity[b.severity] += 1
        by_rule[b.rule] = by_rule.get(b.rule, 0) + 1
    return BreachSummary(total, by_severity, dict(sorted(by_rule.items())))
