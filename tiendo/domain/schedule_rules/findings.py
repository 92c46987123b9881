"""What the engine answers: the rules a project breaks as of a day (`evaluate`), each a `Finding`.

A finding names its rule, the citation of the law version in force (the evaluation day, or the day of the fact for
rules dated by it), the handling proposed and what follows if it does not cure, and the facts it used; `to_json`
writes it as `tiendo rules check --json` prints it (docs/contracts/rules-check.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from tiendo.domain.languages import Text
from tiendo.domain.messages import Message
from tiendo.domain.projects import MilestoneKind
from tiendo.domain.schedule_rules.context import Ctx, FactValue, Hit
from tiendo.domain.schedule_rules.facts import ProjectFacts
from tiendo.domain.schedule_rules.laws import TO_VERIFY
from tiendo.domain.schedule_rules.registry import RULES_BY_KEY, RULES_BY_KIND
from tiendo.domain.schedule_rules.rule import FACT, Rule
from tiendo.domain.schedule_rules.vocabulary import Confidence, ProposalCode
from tiendo.domain.severity import Severity


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule a project breaks as of a day, with the handling the law prescribes and the facts it used."""

    project: str
    rule: str  # the rule id of docs/legal/ (docs/legal/investment.md INV-12...), or LATE
    key: str  # the registry entry (one id may have several: INV-12c, INV-12d...)
    severity: Severity
    citation: str
    proposal: ProposalCode
    explanation: str  # one Vietnamese sentence with the dates used (the message in Vietnamese)
    facts: Mapping[str, FactValue]
    verify: bool  # the rule is tagged [U] or the governing law's text is missing
    confidence: Confidence
    days_behind: int | None = None
    months_behind: int | None = None
    months_remaining: int | None = None  # of the legal maximum (24-month cap, land extension, allocation period)
    milestone: MilestoneKind | None = None
    unchecked: tuple[str, ...] = ()  # unknown facts that could excuse the project
    then: tuple[ProposalCode, ...] = ()  # what follows if the proposal does not cure it
    message: Message | None = None  # the explanation's code and parameters, to render in any language

    def reasoning(self, language: str) -> str:
        """The explanation in `language` (vi, en, zh)."""
        return self.message.render(language) if self.message is not None else self.explanation

    @property
    def title(self) -> Text:
        return RULES_BY_KEY[self.key].title

    def to_json(self) -> dict[str, object]:
        """The finding as `tiendo rules check --json` prints it: the contract's fields first."""
        return {
            "project": self.project,
            "rule": self.rule,
            "citation": self.citation,
            "days_behind": self.days_behind,
            "proposal": self.proposal.value,
            "explanation": self.explanation,
            "verify": self.verify,
            "severity": self.severity.value,
            "months_behind": self.months_behind,
            "months_remaining": self.months_remaining,
            "milestone": self.milestone.value if self.milestone else None,
            "confidence": self.confidence.value,
            "title": {"vi": self.title.vi, "en": self.title.en, "zh": self.title.zh},
            "facts": {name: _json_value(value) for name, value in self.facts.items()},
            "unchecked": list(self.unchecked),
            "then": [code.value for code in self.then],
        }


def _json_value(value: FactValue) -> str | int | bool | None:
    return value.isoformat() if isinstance(value, date) else value


def rule_for(finding: Finding) -> Rule:
    return RULES_BY_KEY[finding.key]


def evaluate(project: ProjectFacts, as_of: date) -> list[Finding]:
    """Every rule `project` breaks as of `as_of`, in registry order (empty when the project is in order)."""
    ctx = Ctx(project, as_of)
    findings: list[Finding] = []
    for rule in RULES_BY_KIND[project.kind]:
        for hit in rule.condition(ctx):
            findings.append(_finding(rule, hit, ctx))
    return findings


def evaluate_all(projects: Iterable[ProjectFacts], as_of: date) -> list[Finding]:
    """The findings of many projects, project by project in the order given."""
    findings: list[Finding] = []
    for project in projects:
        findings.extend(evaluate(project, as_of))
    return findings


def _finding(rule: Rule, hit: Hit, ctx: Ctx) -> Finding:
    c = rule.cite_on(hit.fact_date if rule.dated_by is FACT and hit.fact_date is not None else ctx.as_of)
    citation = c.citation
    if hit.extra_citation:
        head, sep, tail = citation.partition(" (")
        citation = head + hit.extra_citation + (sep + tail if sep else "")
        if hit.verify and not c.verify:
            citation += f" — {TO_VERIFY}"
    return Finding(
        project=ctx.p.code,
        rule=c.rule,
        key=rule.key,
        severity=hit.severity or rule.severity,
        citation=citation,
        proposal=hit.proposal or rule.proposal,
        explanation=hit.message.vi,
        facts=hit.facts,
        verify=c.verify or hit.verify,
        confidence=c.confidence,
        days_behind=hit.days_behind,
        months_behind=hit.months_behind,
        months_remaining=hit.months_remaining,
        milestone=hit.milestone,
        unchecked=hit.unchecked,
        then=hit.then,
        message=hit.message,
    )
