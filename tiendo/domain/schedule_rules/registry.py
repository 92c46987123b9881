"""Every rule in one list, in the order findings are reported: a new decree is a few lines in its family's module.

The order is the family modules' own, one family after another: LATE, the Law on Investment, land, sanctions,
public investment, supervision.
"""

from __future__ import annotations

from typing import Final

from tiendo.domain.projects import ProjectKind
from tiendo.domain.schedule_rules.investment import INVESTMENT_RULES
from tiendo.domain.schedule_rules.land import LAND_RULES
from tiendo.domain.schedule_rules.late import LATE_RULES
from tiendo.domain.schedule_rules.public_investment import PUBLIC_INVESTMENT_RULES
from tiendo.domain.schedule_rules.rule import Rule
from tiendo.domain.schedule_rules.sanctions import SANCTION_RULES
from tiendo.domain.schedule_rules.supervision import SUPERVISION_RULES
from tiendo.domain.schedule_rules.vocabulary import UNKNOWN

RULES: Final[tuple[Rule, ...]] = (
    *LATE_RULES,
    *INVESTMENT_RULES,
    *LAND_RULES,
    *SANCTION_RULES,
    *PUBLIC_INVESTMENT_RULES,
    *SUPERVISION_RULES,
)

RULES_BY_KEY: Final = {rule.key: rule for rule in RULES}
assert len(RULES_BY_KEY) == len(RULES), "rule keys are unique"
RULES_BY_KIND: Final = {kind: tuple(rule for rule in RULES if kind in rule.kinds) for kind in (*ProjectKind, UNKNOWN)}
