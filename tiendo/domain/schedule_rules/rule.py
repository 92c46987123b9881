"""What one rule of the registry is: its id, titles, citations per law version, default handling and condition.

The law-family modules (`late`, `investment`, `land`, `sanctions`, `public_investment`, `supervision`) each hold
their conditions and their `Rule` entries; `registry` puts them in one list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Final

from tiendo.domain.languages import Text
from tiendo.domain.projects import ProjectKind
from tiendo.domain.schedule_rules.context import Ctx, Hit
from tiendo.domain.schedule_rules.laws import Cite
from tiendo.domain.schedule_rules.vocabulary import UNKNOWN, Confidence, ProposalCode, Unknown
from tiendo.domain.severity import Severity


class Dating(Enum):
    """Which day picks the law version: the evaluation day (INV-00) or the day of the fact judged."""

    AS_OF = "as_of"
    FACT = "fact"


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of docs/legal/ (one page per family): what it checks, under which law, and what it proposes."""

    key: str
    title: Text
    checks: str  # one English line for the documentation
    kinds: frozenset[ProjectKind | Unknown]
    cites: tuple[Cite, ...]  # one per law version, oldest first
    dated_by: Dating
    proposal: ProposalCode
    severity: Severity
    needs: tuple[str, ...]  # facts that must be known for the rule to fire
    condition: Callable[[Ctx], Sequence[Hit]]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.rule for c in self.cites))

    def cite_on(self, day: date) -> Cite:
        """The citation of the law version in force on `day` (the nearest one outside their span)."""
        for c in self.cites:
            if c.law.start <= day and (c.law.end is None or day <= c.law.end):
                return c
        return self.cites[0] if day < self.cites[0].law.start else self.cites[-1]


# The registry's shorthands: docs/legal/'s confidence tags, the project kinds a rule judges, which day dates it.
V, S, SU, U = Confidence.VERIFIED, Confidence.SECONDARY, Confidence.PARTLY_UNCERTAIN, Confidence.UNCERTAIN
BUSINESS: Final[frozenset[ProjectKind | Unknown]] = frozenset({ProjectKind.PRIVATE, ProjectKind.FDI})
PUBLIC: Final[frozenset[ProjectKind | Unknown]] = frozenset({ProjectKind.PUBLIC})
ANY: Final[frozenset[ProjectKind | Unknown]] = frozenset({*ProjectKind, UNKNOWN})
AS_OF, FACT = Dating.AS_OF, Dating.FACT
