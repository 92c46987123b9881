"""Which rules of Vietnamese law a project behind schedule breaks, and the handling the law prescribes.

The rule set, its citations and its confidence tags are those of docs/legal/ (one page per law family, the index
and effective-date matrix in docs/legal/README.md); each rule is one `Rule` entry in its family's module, gathered
in `RULES` (id, citation per law version, the law's dates, confidence, condition, proposal, titles in Vietnamese,
English and Chinese), so a lawyer can read the list and a new decree is a few lines of data.

The package, bottom to top: `vocabulary` (unknown answers, report kinds, confidence, proposals), `facts` (what the
rules read), `laws` (law versions and citations), `dates` (periods as the Civil Code counts them), `context` (one
project as of one day, and a condition's hit), `rule` (what a rule is), `reports` (report calendars and what is
owed), one module per law family (`late`, `investment`, `land`, `sanctions`, `public_investment`, `supervision`),
`registry` (every rule in order), `findings` (`evaluate`) and `proposals` (`propose`). Everything public is
importable from here.

Reading a project:
- Facts arrive as frozen dataclasses (`ProjectFacts`), as of a day the caller gives (never "today" inside).
- A fact nobody gave is `UNKNOWN`, never "no". `None` is an answer: a date that has not happened (a milestone
  not done, land not yet in use, no policy approval). A rule whose trigger needs an unknown fact stays silent
  (`Rule.needs`); a fact that could only excuse the project (force majeure, State delay, the reasons of
  extensions, sanctions already decided) does not silence the rule but is named in `Finding.unchecked`.
- Periods count as the Civil Code 2015 (Art. 147-148) counts them: a period of n months from an event starts the
  next day and ends on the same day n months later (the month's last day if it has none, so 29/02/2024 + 12
  months ends on 28/02/2025); the breach exists from the day after. A due date is met on the day itself.
- Days behind leave out the delay the State documented (Law on Investment Art. 44(3), docs/legal/investment.md
  INV-05).

Law versions: a finding cites the law in force on the day it judges. The Law on Investment's rules (INV-*) are
judged on the evaluation day (docs/legal/investment.md INV-00): from 01/03/2026 Law 143/2025 applies, whose text
tiendo does not have, so they cite the 2020 article and ask to verify it. Land and public-investment rules are
judged on the day of the fact (the day land became unused for 12 months, the first year over the allocation
period).
"""

from tiendo.domain.languages import Text
from tiendo.domain.schedule_rules.context import Ctx, FactValue, Hit
from tiendo.domain.schedule_rules.dates import add_months
from tiendo.domain.schedule_rules.facts import (
    AnnualCapital,
    DateFact,
    Deposit,
    Extension,
    Land,
    Milestone,
    ProjectFacts,
    Report,
    Sanction,
)
from tiendo.domain.schedule_rules.findings import Finding, evaluate, evaluate_all, rule_for
from tiendo.domain.schedule_rules.laws import (
    DECREE_29,
    DECREE_31,
    DECREE_122,
    DECREE_UNDER_2025,
    INVESTMENT_2020,
    INVESTMENT_2025,
    LAND_2013,
    LAND_2024,
    PUBLIC_2019,
    PUBLIC_2024,
    PUBLIC_2024_AMENDED,
    SCHEDULE,
    TO_VERIFY,
    Cite,
    Law,
    cite,
    investment_law,
    public_investment_law,
)
from tiendo.domain.schedule_rules.proposals import Proposal, propose
from tiendo.domain.schedule_rules.public_investment import ALLOCATION_YEARS, LARGE_GROUP_A
from tiendo.domain.schedule_rules.registry import RULES, RULES_BY_KEY
from tiendo.domain.schedule_rules.reports import (
    REPORT_CALENDAR,
    REPORT_VI,
    OwedReport,
    missing_reports,
    reporting_start,
)
from tiendo.domain.schedule_rules.rule import ANY, BUSINESS, PUBLIC, Dating, Rule
from tiendo.domain.schedule_rules.vocabulary import (
    CAP_EXCEPTIONS,
    MILESTONE_VI,
    PROPOSAL_LABELS,
    UNKNOWN,
    Confidence,
    ProposalCode,
    ReportKind,
    Unknown,
)
from tiendo.domain.severity import SEVERITY_LABELS, Severity

__all__ = [
    "ALLOCATION_YEARS",
    "ANY",
    "BUSINESS",
    "CAP_EXCEPTIONS",
    "DECREE_29",
    "DECREE_31",
    "DECREE_122",
    "DECREE_UNDER_2025",
    "INVESTMENT_2020",
    "INVESTMENT_2025",
    "LAND_2013",
    "LAND_2024",
    "LARGE_GROUP_A",
    "MILESTONE_VI",
    "PROPOSAL_LABELS",
    "PUBLIC",
    "PUBLIC_2019",
    "PUBLIC_2024",
    "PUBLIC_2024_AMENDED",
    "REPORT_CALENDAR",
    "REPORT_VI",
    "RULES",
    "RULES_BY_KEY",
    "SCHEDULE",
    "SEVERITY_LABELS",
    "TO_VERIFY",
    "UNKNOWN",
    "AnnualCapital",
    "Cite",
    "Confidence",
    "Ctx",
    "DateFact",
    "Dating",
    "Deposit",
    "Extension",
    "FactValue",
    "Finding",
    "Hit",
    "Land",
    "Law",
    "Milestone",
    "OwedReport",
    "ProjectFacts",
    "Proposal",
    "ProposalCode",
    "Report",
    "ReportKind",
    "Rule",
    "Sanction",
    "Severity",
    "Text",
    "Unknown",
    "add_months",
    "cite",
    "evaluate",
    "evaluate_all",
    "investment_law",
    "missing_reports",
    "reporting_start",
    "propose",
    "public_investment_law",
    "rule_for",
]
