"""SUP-*: the periodic investment-supervision reports of Decree 29/2021 (docs/legal/supervision.md).

The condition is the one of the reports module (`require_reports`); the fine for these reports is SANC-01's.
"""

from __future__ import annotations

from typing import Final

from tiendo.domain.languages import Text
from tiendo.domain.schedule_rules.laws import DECREE_29, cite
from tiendo.domain.schedule_rules.reports import SUPERVISION_REPORTS, require_reports
from tiendo.domain.schedule_rules.rule import AS_OF, BUSINESS, PUBLIC, Rule, S, U
from tiendo.domain.schedule_rules.vocabulary import ProposalCode
from tiendo.domain.severity import Severity

SUPERVISION_RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "SUP-02",
        Text(
            "Báo cáo giám sát, đánh giá đầu tư định kỳ",
            "Periodic supervision reports",
            "定期投资监督评估报告",
        ),
        "6-month (by 10 July) and annual (by 10 February) supervision reports not submitted",
        BUSINESS,
        (cite("SUP-02", DECREE_29, "Điều 100–101", S),),
        AS_OF,
        ProposalCode.REQUIRE_REPORT,
        Severity.LOW,
        ("kind", "reports", "reporting_since"),
        require_reports(SUPERVISION_REPORTS),
    ),
    Rule(
        "SUP-03",
        Text(
            "Báo cáo giám sát của chủ đầu tư dự án đầu tư công",
            "Public owner's periodic supervision reports",
            "公共投资项目业主的定期监督报告",
        ),
        "a public owner's 6-month and annual supervision reports not submitted (deadlines assumed as SUP-02)",
        PUBLIC,
        (cite("SUP-03", DECREE_29, "Điều 100–101", U),),
        AS_OF,
        ProposalCode.REQUIRE_REPORT,
        Severity.LOW,
        ("kind", "reports", "reporting_since"),
        require_reports(SUPERVISION_REPORTS),
    ),
)
