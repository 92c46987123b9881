"""Which rules of Vietnamese law a project behind schedule breaks, and the handling the law prescribes.

The rule set, its citations and its confidence tags come from ../shared/LEGAL_RULES.md; each rule is one entry
of `RULES` below (id, citation per law version, the law's dates, confidence, condition, proposal, titles in
Vietnamese, English and Chinese), so a lawyer can read the list and a new decree is a few lines of data.

Reading a project:
- Facts arrive as frozen dataclasses (`ProjectFacts`), as of a day the caller gives (never "today" inside).
- A fact nobody gave is `UNKNOWN`, never "no". `None` is an answer: a date that has not happened (a milestone
  not done, land not yet in use, no policy approval). A rule whose trigger needs an unknown fact stays silent
  (`Rule.needs`); a fact that could only excuse the project (force majeure, State delay, the reasons of
  extensions, sanctions already decided) does not silence the rule but is named in `Finding.unchecked`.
- Periods count as the Civil Code 2015 (Art. 147-148) counts them: a period of n months from an event starts the
  next day and ends on the same day n months later (the month's last day if it has none, so 29/02/2024 + 12
  months ends on 28/02/2025); the breach exists from the day after. A due date is met on the day itself.
- Days behind leave out the delay the State documented (Law on Investment Art. 44(3), INV-05).

Law versions: a finding cites the law in force on the day it judges. The Law on Investment's rules (INV-*) are
judged on the evaluation day (INV-00): from 01/03/2026 Law 143/2025 applies, whose text tiendo does not have, so
they cite the 2020 article and ask to verify it. Land and public-investment rules are judged on the day of the
fact (the day land became unused for 12 months, the first year over the allocation period).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum, StrEnum
from functools import lru_cache
from typing import Final, TypeAlias

from tiendo.domain.money import format_vnd
from tiendo.domain.projects import (
    ExtensionReason,
    MilestoneFacts,
    MilestoneKind,
    ProjectGroup,
    ProjectKind,
    months_added,
)

__all__ = [
    "RULES",
    "UNKNOWN",
    "AnnualCapital",
    "Confidence",
    "Deposit",
    "Extension",
    "Finding",
    "Land",
    "Law",
    "Milestone",
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
    "evaluate",
    "evaluate_all",
    "propose",
    "rule_for",
]


# ---------------------------------------------------------------------------------------------------------------
# Vocabularies


class Unknown(Enum):
    """The answer nobody gave (a JSON key left out): never read as "no"."""

    UNKNOWN = "unknown"

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = Unknown.UNKNOWN


@dataclass(frozen=True, slots=True)
class Text:
    """One text in tiendo's three languages; Vietnamese is the one documents cite."""

    vi: str
    en: str
    zh: str

    def get(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en if language.startswith("en") else self.vi


class ReportKind(StrEnum):
    QUARTERLY = "quarterly"  # investment activity, Decree 31 Art. 102 (INV-16)
    ANNUAL = "annual"
    SUPERVISION_HALF_YEAR = "supervision_half_year"  # investment supervision, Decree 29 (SUP-02, SUP-03)
    SUPERVISION_ANNUAL = "supervision_annual"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @property
    def label(self) -> Text:
        return SEVERITY_LABELS[self]


_SEVERITY_RANK: Final = {severity: rank for rank, severity in enumerate(Severity)}
SEVERITY_LABELS: Final = {
    Severity.LOW: Text("thấp", "low", "低"),
    Severity.MEDIUM: Text("trung bình", "medium", "中"),
    Severity.HIGH: Text("cao", "high", "高"),
    Severity.CRITICAL: Text("nghiêm trọng", "critical", "严重"),
}


class Confidence(StrEnum):
    """LEGAL_RULES.md's tags: [V] article read, [S] secondary source, [U] uncertain (findings ask to verify)."""

    VERIFIED = "V"
    SECONDARY = "S"
    PARTLY_UNCERTAIN = "S/U"
    UNCERTAIN = "U"

    @property
    def to_verify(self) -> bool:
        return self in (Confidence.PARTLY_UNCERTAIN, Confidence.UNCERTAIN)


class ProposalCode(StrEnum):
    """The handlings tiendo proposes, mildest first: `propose` ranks by this order."""

    REMIND = "remind"
    REQUIRE_REPORT = "require_report"
    FINE_REPORTING = "fine_reporting"
    FINE_PROCEDURE = "fine_procedure"
    FINE_DEPOSIT = "fine_deposit"
    ALLOW_EXTENSION = "allow_extension"
    DENY_EXTENSION = "deny_extension"
    EXTEND_LAND_USE = "extend_land_use_24m_with_payment"
    EXTEND_ALLOCATION_PERIOD = "extend_allocation_period"
    CANCEL_UNDISBURSED = "cancel_undisbursed"
    REAPPRAISE = "reappraise"
    REVIEW_RESPONSIBILITY = "review_responsibility"
    STOP_PUBLIC_ALLOCATION = "stop_public_allocation"
    FORFEIT_DEPOSIT = "forfeit_deposit"
    SUSPEND = "suspend"
    RECOVER_LAND = "recover_land"
    TERMINATE = "terminate"

    @property
    def rank(self) -> int:
        return _PROPOSAL_RANK[self]

    @property
    def label(self) -> Text:
        return PROPOSAL_LABELS[self]


_PROPOSAL_RANK: Final = {code: rank for rank, code in enumerate(ProposalCode)}
P = ProposalCode
PROPOSAL_LABELS: Final = {
    P.REMIND: Text("Nhắc nhở, đôn đốc", "Remind and urge", "提醒督促"),
    P.REQUIRE_REPORT: Text("Yêu cầu báo cáo", "Require a report", "要求报告"),
    P.FINE_REPORTING: Text(
        "Xử phạt vi phạm về chế độ báo cáo", "Fine for failing to report", "对违反报告制度的行为处以罚款"
    ),
    P.FINE_PROCEDURE: Text(
        "Xử phạt không thực hiện thủ tục điều chỉnh dự án",
        "Fine for not completing the adjustment procedure",
        "对未办理项目调整手续处以罚款",
    ),
    P.FINE_DEPOSIT: Text("Xử phạt vi phạm về ký quỹ", "Fine for not posting the deposit", "对未缴纳保证金处以罚款"),
    P.ALLOW_EXTENSION: Text(
        "Cho phép điều chỉnh (giãn) tiến độ trong giới hạn luật định",
        "Allow a schedule extension within the legal limit",
        "允许在法定期限内调整（延长）进度",
    ),
    P.DENY_EXTENSION: Text(
        "Không cho phép giãn tiến độ (vượt 24 tháng)",
        "Deny a further extension (beyond 24 months)",
        "不允许延长进度（超过24个月）",
    ),
    P.EXTEND_LAND_USE: Text(
        "Gia hạn sử dụng đất một lần không quá 24 tháng, nộp tiền cho thời gian gia hạn",
        "Extend land use once by at most 24 months, with payment",
        "准予一次延长用地不超过24个月并缴纳相应款项",
    ),
    P.EXTEND_ALLOCATION_PERIOD: Text(
        "Gia hạn thời gian bố trí vốn", "Extend the capital-allocation period", "延长资金安排期限"
    ),
    P.CANCEL_UNDISBURSED: Text(
        "Hủy bỏ, điều chuyển vốn chưa giải ngân hết khi hết thời hạn",
        "Cancel or reallocate capital not disbursed in time",
        "取消或调剂逾期未拨付的资金",
    ),
    P.REAPPRAISE: Text("Thẩm định lại, điều chỉnh dự án", "Re-appraise and adjust the project", "重新评审并调整项目"),
    P.REVIEW_RESPONSIBILITY: Text("Kiểm điểm trách nhiệm", "Review responsibility", "追究责任"),
    P.STOP_PUBLIC_ALLOCATION: Text(
        "Dừng bố trí vốn đầu tư công", "Stop allocating public capital", "停止安排公共投资资金"
    ),
    P.FORFEIT_DEPOSIT: Text(
        "Nộp tiền ký quỹ vào ngân sách nhà nước", "Forfeit the deposit to the State budget", "保证金上缴国家预算"
    ),
    P.SUSPEND: Text("Ngừng hoạt động dự án", "Suspend the project", "暂停项目"),
    P.RECOVER_LAND: Text("Thu hồi đất không bồi thường", "Recover the land without compensation", "无偿收回土地"),
    P.TERMINATE: Text("Chấm dứt hoạt động dự án", "Terminate the project", "终止项目"),
}

MILESTONE_VI: Final = {
    MilestoneKind.CAPITAL_CONTRIBUTION: "góp vốn",
    MilestoneKind.SITE_CLEARANCE: "giải phóng mặt bằng",
    MilestoneKind.LAND_HANDOVER: "nhận bàn giao đất",
    MilestoneKind.CONSTRUCTION_START: "khởi công xây dựng",
    MilestoneKind.OPERATION: "đưa dự án vào hoạt động",
    MilestoneKind.COMPLETION: "hoàn thành dự án",
}

# Art. 41(4)(a)-(e) of the Law on Investment 2020: schedule changes for these reasons fall outside the 24-month cap.
CAP_EXCEPTIONS: Final = frozenset(
    {
        ExtensionReason.FORCE_MAJEURE,
        ExtensionReason.STATE_LAND_DELAY,
        ExtensionReason.STATE_REQUEST,
        ExtensionReason.PLANNING_CHANGE,
        ExtensionReason.OBJECTIVE_CHANGE,
        ExtensionReason.CAPITAL_INCREASE,
    }
)


# ---------------------------------------------------------------------------------------------------------------
# A project's facts

DateFact: TypeAlias = date | None | Unknown


@dataclass(frozen=True)
class Milestone(MilestoneFacts):
    """A milestone from a file that may not say whether it is done: its dates still count, its lateness does not."""

    done_known: bool = True


@dataclass(frozen=True, slots=True)
class Extension:
    """One schedule extension granted (its months are already in the milestones' current due dates)."""

    decided: date | Unknown = UNKNOWN
    months: int | Unknown = UNKNOWN
    reason: ExtensionReason | Unknown = UNKNOWN


@dataclass(frozen=True, slots=True)
class Land:
    handed_over: DateFact = UNKNOWN  # on the ground (trên thực địa); None: not yet
    in_use_since: DateFact = UNKNOWN  # None: not in use
    extension_until: DateFact = UNKNOWN  # the land-use extension of Art. 81(8); None: none granted
    force_majeure: bool | Unknown = UNKNOWN


@dataclass(frozen=True, slots=True)
class Deposit:
    required: bool | Unknown = UNKNOWN
    paid: bool | Unknown = UNKNOWN


@dataclass(frozen=True, slots=True)
class Sanction:
    """An administrative sanction already decided, by the rule id it applied (SANC-01, SANC-02, SANC-03...)."""

    decided: date
    rule: str


@dataclass(frozen=True, slots=True)
class Report:
    kind: ReportKind
    period: str  # "2024-Q1" (quarterly), "2024" (annual, supervision_annual), "2024-H1" (supervision_half_year)
    submitted: DateFact = UNKNOWN  # None: not submitted


@dataclass(frozen=True, slots=True)
class AnnualCapital:
    """A public project's capital in one year's plan (PI-11)."""

    year: int
    planned: int | Unknown = UNKNOWN  # VND
    disbursed: int | Unknown = UNKNOWN  # VND
    added_after_september: bool | Unknown = UNKNOWN  # added after 30/09: disbursable until 31/12 of the next year
    extended_until: DateFact = UNKNOWN  # PI-12 extension; None: none granted


@dataclass(frozen=True, slots=True)
class ProjectFacts:
    """Everything the rules read about one project (../shared/contracts/rules-check.md)."""

    code: str
    kind: ProjectKind | Unknown = UNKNOWN
    group: ProjectGroup | None | Unknown = UNKNOWN
    policy_approval_date: DateFact = UNKNOWN  # None: no policy approval (a certificate-only project, INV-03)
    certificate_date: DateFact = UNKNOWN  # None: no investment registration certificate
    milestones: tuple[MilestoneFacts, ...] | Unknown = UNKNOWN
    extensions: tuple[Extension, ...] | Unknown = UNKNOWN
    state_delay_days: int | Unknown = UNKNOWN  # documented delay caused by the State (INV-05)
    land: Land = Land()
    deposit: Deposit = Deposit()
    sanctions: tuple[Sanction, ...] | Unknown = UNKNOWN
    stopped_since: DateFact = UNKNOWN  # None: not stopped
    investor_reachable: bool | Unknown = UNKNOWN
    reports: tuple[Report, ...] | Unknown = UNKNOWN
    # the kinds `reports` lists completely (a period missing from it was not submitted); other kinds are unknown
    report_kinds: frozenset[ReportKind] = frozenset(ReportKind)
    reporting_since: DateFact = UNKNOWN  # None: no periodic report owed
    first_allocation_year: int | None | Unknown = UNKNOWN  # public: None = no capital allocated yet
    handed_over_year: int | None | Unknown = UNKNOWN  # public: None = not yet handed over
    allocation_extension_years: int | Unknown = UNKNOWN  # public: extensions of the allocation period granted
    total_investment: int | Unknown = UNKNOWN  # VND; public group A: 10,000-30,000 bn may extend by 2 years
    annual_capital: tuple[AnnualCapital, ...] | Unknown = UNKNOWN


# ---------------------------------------------------------------------------------------------------------------
# Laws and citations


@dataclass(frozen=True, slots=True)
class Law:
    name: str  # as citations write it: "Luật Đầu tư 2020"
    number: str
    start: date
    end: date | None = None  # last day in force
    text_known: bool = True  # False: tiendo has not read this version; its findings ask to verify


INVESTMENT_2020 = Law("Luật Đầu tư 2020", "61/2020/QH14", date(2021, 1, 1), date(2026, 2, 28))
INVESTMENT_2025 = Law("Luật Đầu tư 2025", "143/2025/QH15", date(2026, 3, 1), text_known=False)
DECREE_31 = Law("Nghị định 31/2021/NĐ-CP", "31/2021/NĐ-CP", date(2021, 3, 26), date(2026, 2, 28))
DECREE_UNDER_2025 = Law(
    "Nghị định hướng dẫn Luật Đầu tư 2025", "96/2026/NĐ-CP (chưa kiểm chứng)", date(2026, 3, 1), text_known=False
)
LAND_2013 = Law("Luật Đất đai 2013", "45/2013/QH13", date(2014, 7, 1), date(2024, 7, 31))
LAND_2024 = Law("Luật Đất đai 2024", "31/2024/QH15", date(2024, 8, 1))
PUBLIC_2019 = Law("Luật Đầu tư công 2019", "39/2019/QH14", date(2020, 1, 1), date(2024, 12, 31))
PUBLIC_2024 = Law("Luật Đầu tư công 2024", "58/2024/QH15", date(2025, 1, 1), date(2025, 6, 30))
PUBLIC_2024_AMENDED = Law(
    "Luật Đầu tư công 2024 (sửa đổi bởi Luật 90/2025/QH15)", "58/2024/QH15", date(2025, 7, 1), text_known=False
)
DECREE_122 = Law("Nghị định 122/2021/NĐ-CP", "122/2021/NĐ-CP", date(2022, 1, 1))
DECREE_29 = Law("Nghị định 29/2021/NĐ-CP", "29/2021/NĐ-CP", date(2021, 3, 26))
SCHEDULE = Law("", "", date.min)  # the project's own approved schedule, not a law

TO_VERIFY: Final = "căn cứ cần kiểm tra lại"


@dataclass(frozen=True, slots=True)
class Cite:
    """The rule id and article one law version gives; built by `cite` so the text is made once."""

    rule: str
    law: Law
    article: str
    confidence: Confidence
    citation: str
    verify: bool


def cite(rule: str, law: Law, article: str, confidence: Confidence, read_as: Law | None = None) -> Cite:
    """A citation; `read_as` cites that older law's article while `law`'s own text is missing (INV-00)."""
    if read_as is not None:
        text = f"{read_as.name}, {article} (cần đối chiếu {law.name} {law.number})"
    elif not law.text_known:
        text = f"{law.name}, {article} (cần đối chiếu văn bản sửa đổi)"
    else:
        text = f"{law.name}, {article}" if law.name else article
    verify = confidence.to_verify or not law.text_known
    if confidence.to_verify:
        text += f" — {TO_VERIFY}"
    return Cite(rule, law, article, confidence, text, verify)


def investment_law(rule: str, article: str, confidence: Confidence, decree: bool = False) -> tuple[Cite, ...]:
    """INV-00: a Law on Investment 2020 article (or Decree 31's), to verify against Law 143/2025 from 01/03/2026."""
    before, after = (DECREE_31, DECREE_UNDER_2025) if decree else (INVESTMENT_2020, INVESTMENT_2025)
    return (cite(rule, before, article, confidence), cite(rule, after, article, confidence, read_as=before))


def public_investment_law(rule: str, article_2019: str, c2019: Confidence, article_2024: str) -> tuple[Cite, ...]:
    """The Law on Public Investment 2019, then 58/2024 from 01/01/2025, amended by Law 90/2025 from 01/07/2025."""
    return (
        cite(rule, PUBLIC_2019, article_2019, c2019),
        cite(rule, PUBLIC_2024, article_2024, Confidence.VERIFIED),
        cite(rule, PUBLIC_2024_AMENDED, article_2024, Confidence.VERIFIED),
    )


# ---------------------------------------------------------------------------------------------------------------
# Findings and proposals

FactValue: TypeAlias = date | int | str | bool | None


class Dating(Enum):
    """Which day picks the law version: the evaluation day (INV-00) or the day of the fact judged."""

    AS_OF = "as_of"
    FACT = "fact"


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule a project breaks as of a day, with the handling the law prescribes and the facts it used."""

    project: str
    rule: str  # the id in LEGAL_RULES.md, or LATE
    key: str  # the registry entry (one id may have several: INV-12c, INV-12d...)
    severity: Severity
    citation: str
    proposal: ProposalCode
    explanation: str  # one Vietnamese sentence with the dates used
    facts: Mapping[str, FactValue]
    verify: bool  # the rule is tagged [U] or the governing law's text is missing
    confidence: Confidence
    days_behind: int | None = None
    months_behind: int | None = None
    months_remaining: int | None = None  # of the legal maximum (24-month cap, land extension, allocation period)
    milestone: MilestoneKind | None = None
    unchecked: tuple[str, ...] = ()  # unknown facts that could excuse the project
    then: tuple[ProposalCode, ...] = ()  # what follows if the proposal does not cure it

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


# ---------------------------------------------------------------------------------------------------------------
# Dates


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or that month's last day (Civil Code Art. 148): 29/02/2024 + 12 -> 28/02/2025."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, start.day if start.day <= last else last)


def _d(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# ---------------------------------------------------------------------------------------------------------------
# The conditions. Each reads one project as of a day and returns its hits; `RULES` wraps them with the law.


@dataclass(slots=True)
class Hit:
    """What a condition found; the rule adds the citation, and the hit may override the rule's defaults."""

    explanation: str
    facts: dict[str, FactValue]
    fact_date: date | None = None  # picks the law version of a rule dated by its fact
    proposal: ProposalCode | None = None
    severity: Severity | None = None
    days_behind: int | None = None
    months_behind: int | None = None
    months_remaining: int | None = None
    milestone: MilestoneKind | None = None
    unchecked: tuple[str, ...] = ()
    then: tuple[ProposalCode, ...] = ()
    verify: bool = False
    extra_citation: str = ""


_NONE: Final[tuple[Hit, ...]] = ()


class Ctx:
    """One project as of one day, with the figures several rules share computed once."""

    __slots__ = ("p", "as_of", "_delay", "_exempt", "_reports", "_caps", "_owed")

    def __init__(self, project: ProjectFacts, as_of: date) -> None:
        self.p = project
        self.as_of = as_of
        self._delay: tuple[int, tuple[str, ...]] | None = None
        self._exempt: tuple[int, tuple[str, ...]] | None = None
        self._reports: dict[tuple[ReportKind, str], DateFact] | None = None
        self._caps: list[tuple[MilestoneFacts, _Cap]] | None = None
        self._owed: list[_Owed] | None = None

    def has(self, day: DateFact) -> bool:
        """The event happened on or before the evaluation day."""
        return isinstance(day, date) and day <= self.as_of

    def not_yet(self, day: DateFact) -> bool:
        """Known not to have happened by the evaluation day (None, or a later date)."""
        return day is None or (isinstance(day, date) and day > self.as_of)

    def is_open(self, milestone: MilestoneFacts) -> bool:
        if isinstance(milestone, Milestone) and not milestone.done_known:
            return False
        return self.not_yet(milestone.done)

    def delay(self) -> tuple[int, tuple[str, ...]]:
        """Days the State documented as its own delay (INV-05), and whether that figure is unknown."""
        if self._delay is None:
            days = self.p.state_delay_days
            self._delay = (0, ("state_delay_days",)) if days is UNKNOWN else (days, ())
        return self._delay

    def exempt(self) -> tuple[int, tuple[str, ...]]:
        """Months of extensions granted for an Art. 41(4) exception: they do not count toward the 24-month cap."""
        if self._exempt is None:
            extensions = self.p.extensions
            if extensions is UNKNOWN:
                self._exempt = (0, ("extensions",))
            else:
                months, unknown = 0, False
                for extension in extensions:
                    decided = extension.decided
                    if isinstance(decided, date) and decided > self.as_of:
                        continue
                    if extension.reason is UNKNOWN:
                        unknown = True
                    elif extension.reason in CAP_EXCEPTIONS:
                        if extension.months is UNKNOWN:
                            unknown = True
                        else:
                            months += extension.months
                self._exempt = (months, ("extensions",) if unknown else ())
        return self._exempt

    def sanctioned_since(self, rules: frozenset[str] | None) -> tuple[date | None, tuple[str, ...]]:
        """The latest sanction decided under these rules (any rule: None), and whether sanctions are unknown."""
        sanctions = self.p.sanctions
        if sanctions is UNKNOWN:
            return None, ("sanctions",)
        latest: date | None = None
        for sanction in sanctions:
            if sanction.decided <= self.as_of and (rules is None or sanction.rule in rules):
                if latest is None or sanction.decided > latest:
                    latest = sanction.decided
        return latest, ()

    def report_index(self) -> dict[tuple[ReportKind, str], DateFact]:
        """(kind, period) -> when submitted (the earliest), None if never, UNKNOWN if the file did not say."""
        if self._reports is None:
            index: dict[tuple[ReportKind, str], DateFact] = {}
            reports = self.p.reports
            assert reports is not UNKNOWN
            for report in reports:
                key = (report.kind, report.period)
                known = index.get(key)
                day = report.submitted
                if key not in index or (isinstance(day, date) and (not isinstance(known, date) or day < known)):
                    index[key] = day
            self._reports = index
        return self._reports


def _late(ctx: Ctx) -> Sequence[Hit]:
    """A milestone past its current due date, less the delay the State documented (INV-05)."""
    milestones = ctx.p.milestones
    if milestones is UNKNOWN:
        return _NONE
    as_of = ctx.as_of
    delay, unchecked = ctx.delay()
    hits: list[Hit] = []
    for m in milestones:
        due = m.current_due
        if due is None or not ctx.is_open(m):
            continue
        days = (as_of - due).days - delay
        if days <= 0:
            continue
        first = m.first_due
        if first is not None and due > first:
            schedule = f"hạn ban đầu {_d(first)}, đã lùi {months_added(first, due)} tháng đến {_d(due)}"
        else:
            schedule = f"hạn {_d(due)}"
        text = f"Mốc {MILESTONE_VI[m.kind]} {schedule}, chưa hoàn thành đến {_d(as_of)}: chậm {days} ngày"
        if delay:
            text += f" (đã trừ {delay} ngày Nhà nước chậm bàn giao đất)"
        hits.append(
            Hit(
                text + ".",
                {"milestone": m.kind.value, "first_due": first, "current_due": due, "state_delay_days": delay},
                severity=Severity.LOW if days <= 90 else Severity.MEDIUM if days <= 365 else Severity.HIGH,
                days_behind=days,
                months_behind=months_added(due + timedelta(days=delay), as_of),
                milestone=m.kind,
                unchecked=unchecked,
            )
        )
    return hits


@dataclass(slots=True)
class _Cap:
    """Where an open milestone stands against Art. 41(3)(d) (12 months) and 41(4) (24 months)."""

    late_days: int  # > 0: past its current due date
    needed: date  # the schedule the project needs now: today if late, else its current due date
    pushed: int  # months the schedule has moved from the first approval, State delay left out
    limit12: date
    limit24: date  # the latest due date allowed
    exempt: int
    remaining: int  # months the current due date may still move
    unchecked: tuple[str, ...]
    before_2021: bool  # approved before 01/01/2021: Decree 31 Art. 117(4) (INV-04)


def _caps(ctx: Ctx) -> list[tuple[MilestoneFacts, _Cap]]:
    """Every open milestone's standing against the cap, computed once per evaluation (INV-01, INV-02, INV-08)."""
    if ctx._caps is None:
        caps: list[tuple[MilestoneFacts, _Cap]] = []
        if ctx.p.milestones is not UNKNOWN and ctx.has(ctx.p.policy_approval_date):
            for m in ctx.p.milestones:
                cap = _cap(ctx, m)
                if cap is not None:
                    caps.append((m, cap))
        ctx._caps = caps
    return ctx._caps


def _cap(ctx: Ctx, m: MilestoneFacts) -> _Cap | None:
    approval = ctx.p.policy_approval_date
    first, due = m.first_due, m.current_due
    if not ctx.has(approval) or first is None or due is None or not ctx.is_open(m):
        return None  # INV-03: no cap without a policy approval
    assert isinstance(approval, date)
    delay, delay_unknown = ctx.delay()
    exempt, exempt_unknown = ctx.exempt()
    late_days = (ctx.as_of - due).days - delay
    needed = ctx.as_of if late_days > 0 else due
    shift = timedelta(days=delay)
    limit24 = add_months(first, 24 + exempt) + shift
    return _Cap(
        late_days=late_days,
        needed=needed,
        pushed=months_added(first, needed - shift),
        limit12=add_months(first, 12) + shift,
        limit24=limit24,
        exempt=exempt,
        remaining=months_added(due, limit24) if due <= limit24 else 0,
        unchecked=delay_unknown + exempt_unknown,
        before_2021=approval < date(2021, 1, 1),
    )


def _cap_facts(m: MilestoneFacts, cap: _Cap, ctx: Ctx) -> dict[str, FactValue]:
    return {
        "milestone": m.kind.value,
        "policy_approval_date": ctx.p.policy_approval_date if isinstance(ctx.p.policy_approval_date, date) else None,
        "first_due": m.first_due,
        "current_due": m.current_due,
        "months_pushed": cap.pushed,
        "latest_allowed_due": cap.limit24,
        "exempt_months": cap.exempt,
        "state_delay_days": ctx.delay()[0],
    }


_BEFORE_2021 = "; Nghị định 31/2021/NĐ-CP, Điều 117 khoản 4 (dự án chấp thuận trước 01/01/2021)"


def _needs_policy_adjustment(ctx: Ctx) -> Sequence[Hit]:
    """Art. 41(3)(d): late, and the schedule it needs is more than 12 months past the first approval."""
    hits: list[Hit] = []
    for m, cap in _caps(ctx):
        if cap.late_days <= 0 or not cap.limit12 < cap.needed <= cap.limit24:
            continue
        assert m.first_due is not None and m.current_due is not None
        hits.append(
            Hit(
                f"Mốc {MILESTONE_VI[m.kind]} hạn theo chủ trương lần đầu {_d(m.first_due)}, hạn hiện hành "
                f"{_d(m.current_due)}, chưa hoàn thành đến {_d(ctx.as_of)}: tiến độ lùi {cap.pushed} tháng, quá 12 "
                f"tháng nên phải điều chỉnh chủ trương đầu tư; còn được lùi tối đa {cap.remaining} tháng "
                f"(đến {_d(cap.limit24)}).",
                _cap_facts(m, cap, ctx),
                days_behind=cap.late_days,
                months_behind=cap.pushed,
                months_remaining=cap.remaining,
                milestone=m.kind,
                unchecked=cap.unchecked,
                verify=cap.before_2021,
                extra_citation=_BEFORE_2021 if cap.before_2021 else "",
            )
        )
    return hits


def _beyond_cap(ctx: Ctx) -> Sequence[Hit]:
    """Art. 41(4): the schedule (granted or needed) is more than 24 months past the first approval, no exception."""
    hits: list[Hit] = []
    for m, cap in _caps(ctx):
        if cap.needed <= cap.limit24:
            continue
        assert m.first_due is not None and m.current_due is not None
        if cap.late_days > 0:
            state = f"hạn hiện hành {_d(m.current_due)}, chưa hoàn thành đến {_d(ctx.as_of)}"
        else:
            state = f"đã được lùi đến {_d(m.current_due)}"
        exempt = f", đã trừ {cap.exempt} tháng gia hạn thuộc trường hợp loại trừ" if cap.exempt else ""
        hits.append(
            Hit(
                f"Mốc {MILESTONE_VI[m.kind]} hạn theo chủ trương lần đầu {_d(m.first_due)}, {state}: tiến độ lùi "
                f"{cap.pushed} tháng, vượt giới hạn 24 tháng (hạn muộn nhất {_d(cap.limit24)}{exempt}): không được "
                f"giãn tiến độ thêm, trừ trường hợp Điều 41 khoản 4 điểm a–e.",
                _cap_facts(m, cap, ctx),
                days_behind=cap.late_days if cap.late_days > 0 else None,
                months_behind=cap.pushed,
                months_remaining=0,
                milestone=m.kind,
                unchecked=cap.unchecked,
                verify=cap.before_2021,
                extra_citation=_BEFORE_2021 if cap.before_2021 else "",
            )
        )
    return hits


_OPERATION_KINDS: Final = (MilestoneKind.OPERATION, MilestoneKind.COMPLETION)


def _operation_milestone(milestones: tuple[MilestoneFacts, ...]) -> MilestoneFacts | None:
    """The milestone that puts the project into use: operation, else completion."""
    for kind in _OPERATION_KINDS:
        for m in milestones:
            if m.kind is kind:
                return m
    return None


def _deposit_forfeited(ctx: Ctx) -> Sequence[Hit]:
    """Decree 31 Art. 26: late into operation with no permitted adjustment left -> the deposit goes to the budget."""
    deposit, milestones = ctx.p.deposit, ctx.p.milestones
    if deposit.required is not True or deposit.paid is not True or milestones is UNKNOWN:
        return _NONE
    m = _operation_milestone(milestones)
    cap = next((cap for milestone, cap in _caps(ctx) if milestone is m), None)
    if m is None or cap is None or cap.late_days <= 0 or cap.needed <= cap.limit24:
        return _NONE
    assert m.current_due is not None
    return (
        Hit(
            f"Mốc {MILESTONE_VI[m.kind]} hạn {_d(m.current_due)} chưa hoàn thành đến {_d(ctx.as_of)} và không còn được "
            f"điều chỉnh tiến độ (vượt 24 tháng so với chủ trương lần đầu, hạn muộn nhất {_d(cap.limit24)}): tiền ký "
            f"quỹ đã nộp bị nộp vào ngân sách nhà nước.",
            {**_cap_facts(m, cap, ctx), "deposit_required": True, "deposit_paid": True},
            days_behind=cap.late_days,
            months_behind=cap.pushed,
            months_remaining=0,
            milestone=m.kind,
            unchecked=cap.unchecked,
        ),
    )


def _months_after(start: date, months: int, as_of: date) -> bool:
    """A period of `months` from `start` has run out by `as_of` (Civil Code Art. 147-148)."""
    return as_of > add_months(start, months)


def _stopped_too_long(ctx: Ctx) -> Sequence[Hit]:
    """Art. 47(1) and the 12-month limit on a stop [S]: stopped over 12 months, the investor can still be reached."""
    since = ctx.p.stopped_since
    if not ctx.has(since) or ctx.p.investor_reachable is False:
        return _NONE
    assert isinstance(since, date)
    if not _months_after(since, 12, ctx.as_of):
        return _NONE
    months = months_added(since, ctx.as_of)
    return (
        Hit(
            f"Dự án ngừng hoạt động từ {_d(since)}, đến {_d(ctx.as_of)} đã {months} tháng, quá thời hạn ngừng 12 "
            f"tháng: yêu cầu nhà đầu tư báo cáo, tiếp tục thực hiện hoặc chấm dứt dự án.",
            {"stopped_since": since, "investor_reachable": _json_bool(ctx.p.investor_reachable)},
            days_behind=(ctx.as_of - add_months(since, 12)).days,
            months_behind=months,
        ),
    )


def _json_bool(value: bool | Unknown) -> bool | None:
    return None if value is UNKNOWN else value


def _sanctioned_and_continuing(ctx: Ctx) -> Sequence[Hit]:
    """Art. 47(2)(đ): already sanctioned for not following the approval or certificate, and still in breach."""
    p, as_of = ctx.p, ctx.as_of
    if p.sanctions is UNKNOWN or ctx.has(p.stopped_since):
        return _NONE
    delay, delay_unknown = ctx.delay()
    breaches: list[str] = []
    facts: dict[str, FactValue] = {}
    since, _ = ctx.sanctioned_since(_SCHEDULE_SANCTIONS)
    days: int | None = None
    if since is not None and p.milestones is not UNKNOWN:
        for m in p.milestones:
            due = m.current_due
            if due is None or not ctx.is_open(m) or (since - due).days <= delay:
                continue  # not yet late when sanctioned
            breaches.append(f"mốc {MILESTONE_VI[m.kind]} (hạn {_d(due)}) vẫn chưa hoàn thành")
            days = max(days or 0, (as_of - due).days - delay)
            facts.setdefault("sanctioned_on", since)
            facts.setdefault("milestone", m.kind.value)
    deposit_since, _ = ctx.sanctioned_since(_DEPOSIT_SANCTIONS)
    if deposit_since is not None and p.deposit.required is True and p.deposit.paid is False:
        breaches.append("vẫn chưa ký quỹ")
        facts["deposit_sanctioned_on"] = deposit_since
    if not breaches:
        return _NONE
    first = min(day for day in (since, deposit_since) if day is not None)
    return (
        Hit(
            f"Nhà đầu tư đã bị xử phạt ngày {_d(first)} nhưng đến {_d(as_of)} tiếp tục vi phạm: "
            f"{'; '.join(breaches)}: ngừng hoạt động dự án theo Điều 47 khoản 2 điểm đ.",
            facts,
            days_behind=days,
            unchecked=delay_unknown + (("stopped_since",) if p.stopped_since is UNKNOWN else ()),
        ),
    )


_SCHEDULE_SANCTIONS: Final = frozenset({"SANC-02", "SANC-05", "LATE", "INV-01", "INV-02"})
_DEPOSIT_SANCTIONS: Final = frozenset({"SANC-03"})


def _stopped_and_unreachable(ctx: Ctx) -> Sequence[Hit]:
    """Art. 48(2)(c): stopped, 12 months have passed, and the investor cannot be contacted."""
    since = ctx.p.stopped_since
    if not ctx.has(since) or ctx.p.investor_reachable is not False:
        return _NONE
    assert isinstance(since, date)
    if not _months_after(since, 12, ctx.as_of):
        return _NONE
    return (
        Hit(
            f"Dự án ngừng hoạt động từ {_d(since)}, đã quá 12 tháng đến {_d(ctx.as_of)} và không liên lạc được với nhà "
            f"đầu tư: chấm dứt hoạt động dự án.",
            {"stopped_since": since, "investor_reachable": False},
            days_behind=(ctx.as_of - add_months(since, 12)).days,
            months_behind=months_added(since, ctx.as_of),
        ),
    )


@dataclass(slots=True)
class _LandBreach:
    stage: int  # 1: breach, no extension yet; 2: extension over, still unused; 0: inside the extension
    trigger: str
    since: date  # the first day of the breach (or of the recovery stage)
    months: int
    days: int
    extension_until: date | None
    unchecked: tuple[str, ...]
    facts: dict[str, FactValue]


def _land_breach(ctx: Ctx) -> _LandBreach | None:
    """Land Law 2024 Art. 81(8) / 2013 Art. 64(1)(i): land unused 12 months, or its use 24 months behind."""
    p, as_of = ctx.p, ctx.as_of
    land = p.land
    handed = land.handed_over
    if not ctx.has(handed) or land.in_use_since is UNKNOWN or land.force_majeure is True:
        return None  # Art. 81(9): no recovery for force majeure
    assert isinstance(handed, date)
    unused = ctx.not_yet(land.in_use_since)
    trigger, since, months, days = "", date.max, 0, 0
    if unused and _months_after(handed, 12, as_of):
        end = add_months(handed, 12)
        trigger, since = "unused_12_months", end + timedelta(days=1)
        months, days = months_added(handed, as_of), (as_of - end).days
    m = _operation_milestone(p.milestones) if p.milestones is not UNKNOWN else None
    if m is not None and m.current_due is not None and ctx.is_open(m):
        start = max(m.current_due, handed)
        end = add_months(start, 24)
        if as_of > end and end + timedelta(days=1) < since:
            trigger, since = "use_24_months_behind", end + timedelta(days=1)
            months, days = months_added(start, as_of), (as_of - end).days
    if not trigger:
        return None
    unchecked = ("land.force_majeure",) if land.force_majeure is UNKNOWN else ()
    until = land.extension_until
    facts: dict[str, FactValue] = {
        "handed_over": handed,
        "in_use_since": land.in_use_since if isinstance(land.in_use_since, date) else None,
        "trigger": trigger,
        "breach_from": since,
        "extension_until": until if isinstance(until, date) else None,
    }
    if until is UNKNOWN:
        return _LandBreach(1, trigger, since, months, days, None, (*unchecked, "land.extension_until"), facts)
    if until is None:
        return _LandBreach(1, trigger, since, months, days, None, unchecked, facts)
    if until >= as_of:
        return _LandBreach(0, trigger, since, months, days, until, unchecked, facts)
    recovery = until + timedelta(days=1)
    return _LandBreach(2, trigger, recovery, months, (as_of - until).days, until, unchecked, facts)


def _land_unused(ctx: Ctx) -> Sequence[Hit]:
    """LAND-01 / LAND-03: one extension of at most 24 months with payment, then recovery without compensation."""
    breach = _land_breach(ctx)
    if breach is None:
        return _NONE
    handed = breach.facts["handed_over"]
    assert isinstance(handed, date)
    if breach.trigger == "unused_12_months":
        what = (
            f"Đất nhận bàn giao trên thực địa ngày {_d(handed)}, chưa đưa vào sử dụng đến {_d(ctx.as_of)} "
            f"({breach.months} tháng)"
        )
    else:
        what = (
            f"Đất nhận bàn giao ngày {_d(handed)}, tiến độ sử dụng đất chậm {breach.months} tháng so với dự án "
            f"đến {_d(ctx.as_of)}"
        )
    if breach.stage == 1:
        return (
            Hit(
                f"{what}, vi phạm từ {_d(breach.since)}: được gia hạn một lần không quá 24 tháng và phải nộp tiền "
                f"tương ứng, hết hạn mà chưa sử dụng thì Nhà nước thu hồi đất không bồi thường.",
                breach.facts,
                fact_date=breach.since,
                days_behind=breach.days,
                months_behind=breach.months,
                months_remaining=24,
                unchecked=breach.unchecked,
                then=(P.RECOVER_LAND,),
            ),
        )
    assert breach.extension_until is not None
    if breach.stage == 0:
        return (
            Hit(
                f"{what}, đang trong thời gian gia hạn sử dụng đất đến {_d(breach.extension_until)}: đôn đốc đưa "
                f"đất vào sử dụng trước khi hết hạn.",
                breach.facts,
                fact_date=breach.since,
                proposal=P.REMIND,
                severity=Severity.LOW,
                months_behind=breach.months,
                months_remaining=months_added(ctx.as_of, breach.extension_until),
                unchecked=breach.unchecked,
                then=(P.RECOVER_LAND,),
            ),
        )
    return (
        Hit(
            f"{what}, đã hết thời gian gia hạn sử dụng đất ngày {_d(breach.extension_until)}: Nhà nước thu hồi đất "
            f"không bồi thường về đất và tài sản gắn liền với đất.",
            breach.facts,
            fact_date=breach.since,
            proposal=P.RECOVER_LAND,
            severity=Severity.CRITICAL,
            days_behind=breach.days,
            months_behind=breach.months,
            unchecked=breach.unchecked,
            then=(P.TERMINATE,),
        ),
    )


def _land_recovered(ctx: Ctx) -> Sequence[Hit]:
    """Art. 48(2)(d) with Decree 31 Art. 57-60 (INV-13): after the land-recovery decision, terminate the project."""
    breach = _land_breach(ctx)
    if breach is None or breach.stage != 2:
        return _NONE
    assert breach.extension_until is not None
    return (
        Hit(
            f"Đất dự án hết thời gian gia hạn sử dụng ngày {_d(breach.extension_until)} mà vẫn chưa sử dụng đến "
            f"{_d(ctx.as_of)}: sau khi có quyết định thu hồi đất, chấm dứt hoạt động dự án.",
            breach.facts,
            days_behind=breach.days,
            months_behind=breach.months,
            unchecked=breach.unchecked,
        ),
    )


def _deposit_due(ctx: Ctx) -> date | None:
    """The deposit is owed and unpaid although the land was handed over (it is due before the land decision)."""
    deposit, handed = ctx.p.deposit, ctx.p.land.handed_over
    if deposit.required is True and deposit.paid is False and ctx.has(handed):
        assert isinstance(handed, date)
        return handed
    return None


def _deposit_unpaid_fine(ctx: Ctx) -> Sequence[Hit]:
    """Decree 122 Art. 19(1)(a): no deposit or guarantee when required (not yet sanctioned for it)."""
    handed = _deposit_due(ctx)
    if handed is None:
        return _NONE
    sanctioned, unchecked = ctx.sanctioned_since(_DEPOSIT_SANCTIONS)
    if sanctioned is not None:
        return _NONE  # sanctioned and still unpaid: INV-10
    return (
        Hit(
            f"Dự án phải ký quỹ nhưng đến {_d(ctx.as_of)} chưa ký quỹ, dù đất đã bàn giao ngày {_d(handed)}: "
            f"phạt 50–70 triệu đồng (tổ chức) và buộc ký quỹ.",
            {"deposit_required": True, "deposit_paid": False, "handed_over": handed},
            days_behind=(ctx.as_of - handed).days,
            unchecked=unchecked,
        ),
    )


def _deposit_unpaid_terminate(ctx: Ctx) -> Sequence[Hit]:
    """Art. 48(2)(đ): the investor did not post the deposit or guarantee when required."""
    handed = _deposit_due(ctx)
    if handed is None:
        return _NONE
    return (
        Hit(
            f"Nhà đầu tư không ký quỹ theo quy định (đất đã bàn giao ngày {_d(handed)}, chưa ký quỹ đến "
            f"{_d(ctx.as_of)}): căn cứ chấm dứt hoạt động dự án.",
            {"deposit_required": True, "deposit_paid": False, "handed_over": handed},
            days_behind=(ctx.as_of - handed).days,
        ),
    )


def _procedure_not_done(ctx: Ctx) -> Sequence[Hit]:
    """Decree 122 Art. 17(2): late against the certificate and the adjustment procedure not done (not yet fined)."""
    p = ctx.p
    if p.milestones is UNKNOWN or ctx.has(p.stopped_since):
        return _NONE  # a stopped project is on the stop track (INV-09, INV-12), as for INV-10
    certificate, approval = p.certificate_date, p.policy_approval_date
    if ctx.has(certificate):
        clause, verify = "", False
    elif ctx.not_yet(certificate) and ctx.has(approval):
        clause, verify = "c", True  # no certificate: the policy adjustment, Art. 17(2)(c) [U]
    else:
        return _NONE
    delay, delay_unknown = ctx.delay()
    sanctioned, sanctions_unknown = ctx.sanctioned_since(_PROCEDURE_SANCTIONS)
    worst: tuple[int, MilestoneFacts] | None = None
    for m in p.milestones:
        due = m.current_due
        if due is None or not ctx.is_open(m):
            continue
        if sanctioned is not None and (sanctioned - due).days > delay:
            continue  # already late when fined for it: INV-10 takes over
        days = (ctx.as_of - due).days - delay
        if days > 0 and (worst is None or days > worst[0]):
            worst = (days, m)
    if worst is None:
        return _NONE
    days, m = worst
    assert m.current_due is not None
    return (
        Hit(
            f"Mốc {MILESTONE_VI[m.kind]} chậm {days} ngày so với hạn {_d(m.current_due)} mà chưa được điều chỉnh tiến "
            f"độ đến {_d(ctx.as_of)}: phạt 70–100 triệu đồng (tổ chức) và buộc thực hiện thủ tục điều chỉnh.",
            {"milestone": m.kind.value, "current_due": m.current_due, "certificate_date": _date_or_none(certificate)},
            days_behind=days,
            milestone=m.kind,
            unchecked=delay_unknown + sanctions_unknown + (("stopped_since",) if p.stopped_since is UNKNOWN else ()),
            verify=verify,
            extra_citation=" điểm c" if clause else " điểm b",
        ),
    )


_PROCEDURE_SANCTIONS: Final = frozenset({"SANC-02"})


def _date_or_none(value: DateFact) -> date | None:
    return value if isinstance(value, date) else None


# Report calendars: (period, period end, last day on time). "Before the 10th" is read as by the 9th; "by 10 July"
# as on 10 July. One line each to change if the official text reads otherwise.
def _quarterly(year: int) -> tuple[tuple[str, date, date], ...]:
    """Decree 31 Art. 102(2): before the 10th of the quarter's next month (INV-16)."""
    return tuple(
        (f"{year}-Q{q}", _last_day(year, 3 * q), date(year + 1, 1, 9) if q == 4 else date(year, 3 * q + 1, 9))
        for q in (1, 2, 3, 4)
    )


def _annual(year: int) -> tuple[tuple[str, date, date], ...]:
    """Decree 31 Art. 102(2): before 31 March of the next year (INV-16)."""
    return ((str(year), date(year, 12, 31), date(year + 1, 3, 30)),)


def _supervision_half_year(year: int) -> tuple[tuple[str, date, date], ...]:
    """Decree 29 (SUP-02, and SUP-03 until verified): the 6-month report by 10 July."""
    return ((f"{year}-H1", date(year, 6, 30), date(year, 7, 10)),)


def _supervision_annual(year: int) -> tuple[tuple[str, date, date], ...]:
    """Decree 29 (SUP-02, SUP-03): the annual report by 10 February of the next year."""
    return ((str(year), date(year, 12, 31), date(year + 1, 2, 10)),)


REPORT_CALENDAR: Final[dict[ReportKind, Callable[[int], tuple[tuple[str, date, date], ...]]]] = {
    ReportKind.QUARTERLY: _quarterly,
    ReportKind.ANNUAL: _annual,
    ReportKind.SUPERVISION_HALF_YEAR: _supervision_half_year,
    ReportKind.SUPERVISION_ANNUAL: _supervision_annual,
}
REPORT_VI: Final = {
    ReportKind.QUARTERLY: "báo cáo quý",
    ReportKind.ANNUAL: "báo cáo năm",
    ReportKind.SUPERVISION_HALF_YEAR: "báo cáo giám sát 6 tháng",
    ReportKind.SUPERVISION_ANNUAL: "báo cáo giám sát năm",
}


@lru_cache(maxsize=8192)
def _periods(kind: ReportKind, year: int) -> tuple[tuple[str, date, date], ...]:
    return REPORT_CALENDAR[kind](year)


@dataclass(slots=True)
class _Owed:
    kind: ReportKind
    period: str
    deadline: date  # last day on time
    submitted: date | None  # None: not submitted as of the day; else submitted late


def _owed_reports(ctx: Ctx, kinds: tuple[ReportKind, ...]) -> list[_Owed]:
    """Reports of these kinds whose deadline has passed, for periods ending on or after `reporting_since`."""
    if ctx._owed is None:
        ctx._owed = _all_owed(ctx)
    return [item for item in ctx._owed if item.kind in kinds]


def _all_owed(ctx: Ctx) -> list[_Owed]:
    """Every report owed so far that is missing or was late (the national scan runs this 200,000 times)."""
    since = ctx.p.reporting_since
    if ctx.p.reports is UNKNOWN or not isinstance(since, date) or since > ctx.as_of:
        return []
    as_of = ctx.as_of
    index = ctx.report_index()
    kinds = ctx.p.report_kinds
    owed: list[_Owed] = []
    for year in range(since.year, as_of.year + 1):
        for key, end, deadline in _calendar(year):
            if end < since or deadline >= as_of or key[0] not in kinds:
                continue
            submitted = index.get(key)
            if submitted is UNKNOWN:
                continue
            if submitted is None or submitted > as_of:
                owed.append(_Owed(key[0], key[1], deadline, None))
            elif submitted > deadline:
                owed.append(_Owed(key[0], key[1], deadline, submitted))
    return owed


@lru_cache(maxsize=512)
def _calendar(year: int) -> tuple[tuple[tuple[ReportKind, str], date, date], ...]:
    """One year's reports of every kind: ((kind, period), period end, last day on time)."""
    return tuple(
        ((kind, period), end, deadline) for kind in ReportKind for period, end, deadline in _periods(kind, year)
    )


def _list_periods(items: Sequence[_Owed]) -> str:
    names = [f"{REPORT_VI[item.kind]} {item.period}" for item in items[:3]]
    return ", ".join(names) + (f" và {len(items) - 3} báo cáo khác" if len(items) > 3 else "")


def _missing_reports(kinds: tuple[ReportKind, ...]) -> Callable[[Ctx], Sequence[Hit]]:
    """Reports of these kinds past their deadline and never submitted: require them."""

    def condition(ctx: Ctx) -> Sequence[Hit]:
        missing = [item for item in _owed_reports(ctx, kinds) if item.submitted is None]
        if not missing:
            return _NONE
        oldest = min(item.deadline for item in missing)
        return (
            Hit(
                f"Đến {_d(ctx.as_of)} chưa nộp {len(missing)} báo cáo ({_list_periods(missing)}); báo cáo sớm nhất "
                f"hạn {_d(oldest)}: yêu cầu nộp báo cáo.",
                {
                    "reporting_since": _date_or_none(ctx.p.reporting_since),
                    "missing": len(missing),
                    "oldest_deadline": oldest,
                },
                days_behind=(ctx.as_of - oldest).days,
            ),
        )

    condition.__doc__ = f"Missing {', '.join(kinds)} reports."
    return condition


def _reporting_fine(kinds: tuple[ReportKind, ...], band: str) -> Callable[[Ctx], Sequence[Hit]]:
    """Decree 122: reports missing, or late within the 1-year limitation (SANC-00), and not yet fined."""

    def condition(ctx: Ctx) -> Sequence[Hit]:
        owed = _owed_reports(ctx, kinds)
        if not owed:
            return _NONE
        sanctioned, unchecked = ctx.sanctioned_since(_REPORT_SANCTIONS)
        limit = add_months(ctx.as_of, -12)
        missing, late = [], []
        for item in owed:
            if sanctioned is not None and item.deadline < sanctioned:
                continue  # covered by the sanction already decided
            if item.submitted is None:
                missing.append(item)
            elif item.submitted > item.deadline and item.submitted >= limit:
                late.append(item)
        if not missing and not late:
            return _NONE
        parts = []
        if missing:
            parts.append(f"chưa nộp {len(missing)} báo cáo ({_list_periods(missing)})")
        if late:
            parts.append(f"nộp muộn {len(late)} báo cáo ({_list_periods(late)})")
        oldest = min(item.deadline for item in missing + late)
        return (
            Hit(
                f"Đến {_d(ctx.as_of)} {'; '.join(parts)}, báo cáo sớm nhất hạn {_d(oldest)}: phạt {band} (tổ chức) "
                f"và buộc báo cáo.",
                {"missing": len(missing), "late": len(late), "oldest_deadline": oldest, "fine": band},
                days_behind=(ctx.as_of - oldest).days,
                unchecked=unchecked,
            ),
        )

    return condition


_REPORT_SANCTIONS: Final = frozenset({"SANC-01"})
_INVESTMENT_REPORTS: Final = (ReportKind.QUARTERLY, ReportKind.ANNUAL)
_SUPERVISION_REPORTS: Final = (ReportKind.SUPERVISION_HALF_YEAR, ReportKind.SUPERVISION_ANNUAL)


ALLOCATION_YEARS: Final = {ProjectGroup.A: 6, ProjectGroup.B: 4, ProjectGroup.C: 3}
_LARGE_GROUP_A: Final = (10_000 * 1_000_000_000, 30_000 * 1_000_000_000)


def _allocation_overrun(ctx: Ctx) -> Sequence[Hit]:
    """Public Investment Law 2024 Art. 57 (2019: Art. 52(2)): capital allocated beyond 6/4/3 years (A/B/C)."""
    p, as_of = ctx.p, ctx.as_of
    group, first, handed = p.group, p.first_allocation_year, p.handed_over_year
    if not isinstance(group, ProjectGroup) or group not in ALLOCATION_YEARS or not isinstance(first, int):
        return _NONE  # national projects: the National Assembly sets the period
    if handed is UNKNOWN or (isinstance(handed, int) and handed <= as_of.year) or first > as_of.year:
        return _NONE
    unchecked: tuple[str, ...] = ()
    granted = p.allocation_extension_years
    if granted is UNKNOWN:
        granted, unchecked = 0, ("allocation_extension_years",)
    limit = ALLOCATION_YEARS[group]
    last_year = first + limit - 1 + granted
    over = as_of.year - last_year
    if over <= 0:
        return _NONE
    breach = date(last_year + 1, 1, 1)
    facts: dict[str, FactValue] = {
        "group": group.value,
        "first_allocation_year": first,
        "limit_years": limit,
        "extension_years": granted,
        "last_allowed_year": last_year,
    }
    period = f"Dự án nhóm {group.value} bố trí vốn từ năm {first}, thời gian tối đa {limit} năm"
    if granted:
        period += f" (đã gia hạn {granted} năm)"
    period += f", đến hết năm {last_year}; chưa hoàn thành bàn giao đến {_d(as_of)}"
    days = (as_of - date(last_year, 12, 31)).days
    if breach < PUBLIC_2024.start:
        return (
            Hit(
                f"{period}: mọi trường hợp kéo dài do HĐND cùng cấp (vốn địa phương) hoặc Thủ tướng Chính phủ (vốn "
                f"ngân sách trung ương) quyết định; chưa được quyết định thì không bố trí vốn tiếp.",
                facts,
                fact_date=breach,
                days_behind=days,
                months_behind=over * 12,
                unchecked=unchecked,
                then=(P.STOP_PUBLIC_ALLOCATION,),
            ),
        )
    most = 1
    if group is ProjectGroup.A:
        total = p.total_investment
        if total is UNKNOWN:
            unchecked += ("total_investment",)
        elif _LARGE_GROUP_A[0] <= total < _LARGE_GROUP_A[1]:
            most = 2
    left = most - granted
    facts["administrative_extension_years"] = most
    if over <= left:
        return (
            Hit(
                f"{period}: Chủ tịch UBND (vốn địa phương) hoặc cấp quyết định chủ trương (vốn ngân sách trung ương) "
                f"được gia hạn không quá {most} năm; còn {left} năm.",
                facts,
                fact_date=breach,
                days_behind=days,
                months_behind=over * 12,
                months_remaining=left * 12,
                unchecked=unchecked,
                then=(P.STOP_PUBLIC_ALLOCATION,),
            ),
        )
    return (
        Hit(
            f"{period}, đã hết {most} năm gia hạn hành chính: kiểm điểm trách nhiệm, rồi HĐND cùng cấp (vốn địa "
            f"phương) hoặc Thủ tướng Chính phủ (vốn ngân sách trung ương) quyết định; chưa quyết định thì dừng bố trí "
            f"vốn.",
            facts,
            fact_date=breach,
            proposal=P.REVIEW_RESPONSIBILITY,
            severity=Severity.CRITICAL,
            days_behind=days,
            months_behind=over * 12,
            months_remaining=0,
            unchecked=unchecked,
            then=(P.REAPPRAISE, P.STOP_PUBLIC_ALLOCATION),
        ),
    )


def _undisbursed(ctx: Ctx) -> Sequence[Hit]:
    """Public Investment Law 2024 Art. 72(1): a year's capital is disbursable until 31/01 of the next year."""
    capital = ctx.p.annual_capital
    if capital is UNKNOWN:
        return _NONE
    hits: list[Hit] = []
    for year_plan in capital:
        planned, disbursed = year_plan.planned, year_plan.disbursed
        if planned is UNKNOWN or disbursed is UNKNOWN or disbursed >= planned:
            continue
        year = year_plan.year
        unchecked: tuple[str, ...] = ()
        latest = date(year + 1, 12, 31)  # Art. 72(1)-(4): never later than 31/12 of the next year
        if year_plan.added_after_september is True:
            deadline, why = latest, "vốn bổ sung sau 30/9"
        else:
            deadline, why = date(year + 1, 1, 31), ""
            if year_plan.added_after_september is UNKNOWN:
                unchecked += ("annual_capital.added_after_september",)
        until = year_plan.extended_until
        if until is UNKNOWN:
            unchecked += ("annual_capital.extended_until",)
        elif isinstance(until, date) and until > deadline:
            deadline, why = min(until, latest), f"đã được kéo dài đến {_d(min(until, latest))}"
        if ctx.as_of <= deadline:
            continue
        rest = planned - disbursed
        hits.append(
            Hit(
                f"Vốn kế hoạch năm {year}: giao {format_vnd(planned)}, giải ngân {format_vnd(disbursed)}; hết thời hạn "
                f"giải ngân {_d(deadline)}{' (' + why + ')' if why else ''}: {format_vnd(rest)} chưa giải ngân bị hủy "
                f"bỏ, điều chuyển.",
                {"year": year, "planned": planned, "disbursed": disbursed, "deadline": deadline},
                fact_date=deadline + timedelta(days=1),
                days_behind=(ctx.as_of - deadline).days,
                unchecked=unchecked,
            )
        )
    return hits


def _public_adjustment(ctx: Ctx) -> Sequence[Hit]:
    """Public Investment Law 2024 Art. 37, 46: a public project past its approved schedule is adjusted after
    appraisal by whoever decided it."""
    milestones = ctx.p.milestones
    if milestones is UNKNOWN:
        return _NONE
    worst: tuple[int, MilestoneFacts] | None = None
    for m in milestones:
        due = m.current_due
        if due is not None and ctx.is_open(m) and due < ctx.as_of:
            days = (ctx.as_of - due).days
            if worst is None or days > worst[0]:
                worst = (days, m)
    if worst is None:
        return _NONE
    days, m = worst
    assert m.current_due is not None
    return (
        Hit(
            f"Dự án đầu tư công có mốc {MILESTONE_VI[m.kind]} quá hạn {_d(m.current_due)} ({days} ngày đến "
            f"{_d(ctx.as_of)}): điều chỉnh thời gian thực hiện dự án phải được thẩm định và cấp quyết định đầu tư "
            f"quyết định.",
            {"milestone": m.kind.value, "current_due": m.current_due},
            fact_date=m.current_due + timedelta(days=1),
            days_behind=days,
            milestone=m.kind,
        ),
    )


# ---------------------------------------------------------------------------------------------------------------
# The registry


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of LEGAL_RULES.md: what it checks, under which law, and what it proposes."""

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


V, S, SU, U = Confidence.VERIFIED, Confidence.SECONDARY, Confidence.PARTLY_UNCERTAIN, Confidence.UNCERTAIN
BUSINESS: Final[frozenset[ProjectKind | Unknown]] = frozenset({ProjectKind.PRIVATE, ProjectKind.FDI})
PUBLIC: Final[frozenset[ProjectKind | Unknown]] = frozenset({ProjectKind.PUBLIC})
ANY: Final[frozenset[ProjectKind | Unknown]] = frozenset({*ProjectKind, UNKNOWN})
AS_OF, FACT = Dating.AS_OF, Dating.FACT

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "LATE",
        Text("Mốc tiến độ quá hạn", "Milestone past its due date", "进度节点逾期"),
        "an open milestone past its current due date, less documented State delay (INV-05)",
        ANY,
        (cite("LATE", SCHEDULE, "Tiến độ thực hiện dự án đã được chấp thuận, đăng ký hoặc phê duyệt", V),),
        AS_OF,
        P.REMIND,
        Severity.MEDIUM,
        ("milestones", "milestones.done"),
        _late,
    ),
    Rule(
        "INV-01",
        Text(
            "Giãn tiến độ quá 12 tháng phải điều chỉnh chủ trương đầu tư",
            "Schedule pushed over 12 months needs a policy adjustment",
            "进度延后超过12个月须调整投资主张",
        ),
        "a late milestone needing more than 12 (and at most 24) months past the first approval",
        BUSINESS,
        investment_law("INV-01", "Điều 41 khoản 3 điểm d", S),
        AS_OF,
        P.ALLOW_EXTENSION,
        Severity.MEDIUM,
        ("kind", "policy_approval_date", "milestones", "milestones.done"),
        _needs_policy_adjustment,
    ),
    Rule(
        "INV-02",
        Text(
            "Không được giãn tiến độ quá 24 tháng",
            "No schedule extension beyond 24 months",
            "进度延长不得超过24个月",
        ),
        "an open milestone whose schedule (granted or needed) is over 24 months past the first approval",
        BUSINESS,
        investment_law("INV-02", "Điều 41 khoản 4", V),
        AS_OF,
        P.DENY_EXTENSION,
        Severity.HIGH,
        ("kind", "policy_approval_date", "milestones", "milestones.done"),
        _beyond_cap,
    ),
    Rule(
        "INV-08",
        Text(
            "Tiền ký quỹ nộp ngân sách khi chậm tiến độ không được điều chỉnh",
            "Deposit forfeited when late without a permitted adjustment",
            "进度延误且不得调整时保证金上缴",
        ),
        "operation late and beyond the 24-month cap, with a deposit paid",
        BUSINESS,
        investment_law("INV-08", "Điều 26 khoản 9–10", SU, decree=True),
        AS_OF,
        P.FORFEIT_DEPOSIT,
        Severity.HIGH,
        ("kind", "policy_approval_date", "milestones", "milestones.done", "deposit.required", "deposit.paid"),
        _deposit_forfeited,
    ),
    Rule(
        "INV-09",
        Text(
            "Dự án ngừng hoạt động quá 12 tháng",
            "Project stopped for more than 12 months",
            "项目停止活动超过12个月",
        ),
        "stopped for more than 12 months, investor not known to be unreachable",
        BUSINESS,
        investment_law("INV-09", "Điều 47 khoản 1; Nghị định 31/2021/NĐ-CP Điều 56", S),
        AS_OF,
        P.REQUIRE_REPORT,
        Severity.MEDIUM,
        ("kind", "stopped_since"),
        _stopped_too_long,
    ),
    Rule(
        "INV-10",
        Text(
            "Đã bị xử phạt mà tiếp tục vi phạm: ngừng hoạt động dự án",
            "Sanctioned and still in breach: stop the project",
            "已受处罚仍继续违规：停止项目",
        ),
        "a sanction decided and the breach (a late milestone, the deposit) still continuing",
        BUSINESS,
        investment_law("INV-10", "Điều 47 khoản 2 điểm đ", V),
        AS_OF,
        P.SUSPEND,
        Severity.HIGH,
        ("kind", "sanctions"),
        _sanctioned_and_continuing,
    ),
    Rule(
        "INV-12c",
        Text(
            "Ngừng hoạt động quá 12 tháng, không liên lạc được nhà đầu tư",
            "Stopped over 12 months and the investor unreachable",
            "停止超过12个月且无法联系投资者",
        ),
        "stopped for more than 12 months and the investor cannot be contacted",
        BUSINESS,
        investment_law("INV-12", "Điều 48 khoản 2 điểm c", V),
        AS_OF,
        P.TERMINATE,
        Severity.CRITICAL,
        ("kind", "stopped_since", "investor_reachable"),
        _stopped_and_unreachable,
    ),
    Rule(
        "INV-12d",
        Text(
            "Đất bị thu hồi do chậm đưa vào sử dụng: chấm dứt dự án",
            "Land recovered for non-use: terminate the project",
            "土地因未使用被收回：终止项目",
        ),
        "the land-use extension over and the land still unused (after the recovery decision, INV-13)",
        BUSINESS,
        investment_law("INV-12", "Điều 48 khoản 2 điểm d; Nghị định 31/2021/NĐ-CP Điều 57", V),
        AS_OF,
        P.TERMINATE,
        Severity.CRITICAL,
        ("kind", "land.handed_over", "land.in_use_since", "land.extension_until"),
        _land_recovered,
    ),
    Rule(
        "INV-12đ",
        Text(
            "Không ký quỹ theo quy định: căn cứ chấm dứt dự án",
            "No deposit posted: ground to terminate",
            "未缴纳保证金：终止项目的依据",
        ),
        "a deposit required and unpaid after the land was handed over",
        BUSINESS,
        investment_law("INV-12", "Điều 48 khoản 2 điểm đ", V),
        AS_OF,
        P.TERMINATE,
        Severity.CRITICAL,
        ("kind", "deposit.required", "deposit.paid", "land.handed_over"),
        _deposit_unpaid_terminate,
    ),
    Rule(
        "INV-16",
        Text(
            "Báo cáo tình hình thực hiện dự án (quý, năm)",
            "Quarterly and annual investment reports",
            "项目实施情况季度、年度报告",
        ),
        "quarterly (before the 10th of the next quarter) and annual (before 31 March) reports not submitted",
        BUSINESS,
        investment_law("INV-16", "Điều 102", S, decree=True),
        AS_OF,
        P.REQUIRE_REPORT,
        Severity.LOW,
        ("kind", "reports", "reporting_since"),
        _missing_reports(_INVESTMENT_REPORTS),
    ),
    Rule(
        "LAND-01",
        Text(
            "Đất dự án không sử dụng 12 tháng hoặc chậm tiến độ sử dụng 24 tháng",
            "Project land unused for 12 months or its use 24 months behind",
            "项目用地连续12个月未使用或使用进度滞后24个月",
        ),
        "land unused 12 consecutive months since handover, or its use 24 months behind; extension, then recovery",
        BUSINESS,
        (
            cite("LAND-03", LAND_2013, "Điều 64 khoản 1 điểm i", SU),
            cite("LAND-01", LAND_2024, "Điều 81 khoản 8", V),
        ),
        FACT,
        P.EXTEND_LAND_USE,
        Severity.HIGH,
        ("kind", "land.handed_over", "land.in_use_since"),
        _land_unused,
    ),
    Rule(
        "SANC-01",
        Text(
            "Vi phạm chế độ báo cáo hoạt động đầu tư",
            "Investment reports missing or late",
            "违反投资活动报告制度",
        ),
        "investment reports missing, or late within the 1-year limitation, not yet fined",
        BUSINESS,
        (cite("SANC-01", DECREE_122, "Điều 15 khoản 2 điểm a", S),),
        AS_OF,
        P.FINE_REPORTING,
        Severity.MEDIUM,
        ("kind", "reports", "reporting_since"),
        _reporting_fine(_INVESTMENT_REPORTS, "30–50 triệu đồng"),
    ),
    Rule(
        "SANC-01-supervision",
        Text(
            "Vi phạm chế độ báo cáo giám sát, đánh giá đầu tư",
            "Supervision reports missing or late",
            "违反投资监督评估报告制度",
        ),
        "supervision reports missing, or late within the 1-year limitation, not yet fined",
        BUSINESS,
        (cite("SANC-01", DECREE_122, "Điều 15 khoản 1", S),),
        AS_OF,
        P.FINE_REPORTING,
        Severity.MEDIUM,
        ("kind", "reports", "reporting_since"),
        _reporting_fine(_SUPERVISION_REPORTS, "20–30 triệu đồng"),
    ),
    Rule(
        "SANC-01-public",
        Text(
            "Chủ đầu tư vi phạm chế độ báo cáo giám sát",
            "Public owner's supervision reports missing or late",
            "公共投资业主违反监督报告制度",
        ),
        "a public owner's supervision reports missing or late (Art. 10, conflicting sources)",
        PUBLIC,
        (cite("SANC-01", DECREE_122, "Điều 10", U),),
        AS_OF,
        P.FINE_REPORTING,
        Severity.MEDIUM,
        ("kind", "reports", "reporting_since"),
        _reporting_fine(_SUPERVISION_REPORTS, "20–50 triệu đồng"),
    ),
    Rule(
        "SANC-02",
        Text(
            "Không thực hiện thủ tục điều chỉnh khi chậm tiến độ",
            "Late without the adjustment procedure",
            "进度延误未办理调整手续",
        ),
        "a milestone late against the certificate, not yet fined for it",
        BUSINESS,
        (cite("SANC-02", DECREE_122, "Điều 17 khoản 2", S),),
        AS_OF,
        P.FINE_PROCEDURE,
        Severity.MEDIUM,
        ("kind", "milestones", "milestones.done", "certificate_date"),
        _procedure_not_done,
    ),
    Rule(
        "SANC-03",
        Text("Không ký quỹ khi phải ký quỹ", "No deposit when one is required", "应缴未缴保证金"),
        "a deposit required and unpaid after the land was handed over, not yet fined",
        BUSINESS,
        (cite("SANC-03", DECREE_122, "Điều 19 khoản 1 điểm a", V),),
        AS_OF,
        P.FINE_DEPOSIT,
        Severity.MEDIUM,
        ("kind", "deposit.required", "deposit.paid", "land.handed_over"),
        _deposit_unpaid_fine,
    ),
    Rule(
        "PI-06",
        Text(
            "Quá thời gian bố trí vốn thực hiện dự án",
            "Capital-allocation period exceeded",
            "超过项目资金安排期限",
        ),
        "a public project not handed over after 6/4/3 years (group A/B/C) of capital allocation",
        PUBLIC,
        public_investment_law("PI-06", "Điều 52 khoản 2", S, "Điều 57"),
        FACT,
        P.EXTEND_ALLOCATION_PERIOD,
        Severity.HIGH,
        ("kind", "group", "first_allocation_year", "handed_over_year"),
        _allocation_overrun,
    ),
    Rule(
        "PI-11",
        Text(
            "Hết thời hạn giải ngân vốn kế hoạch hằng năm",
            "Annual capital past its disbursement deadline",
            "年度计划资金超过拨付期限",
        ),
        "a year's capital not fully disbursed by 31/01 of the next year (31/12 if added after 30/09 or extended)",
        PUBLIC,
        public_investment_law("PI-11", "Điều 68", U, "Điều 72 khoản 1"),
        FACT,
        P.CANCEL_UNDISBURSED,
        Severity.MEDIUM,
        ("kind", "annual_capital"),
        _undisbursed,
    ),
    Rule(
        "PI-17",
        Text(
            "Dự án đầu tư công chậm tiến độ phải thẩm định, điều chỉnh",
            "Late public project to be re-appraised and adjusted",
            "逾期公共投资项目须重新评审调整",
        ),
        "a public project with a milestone past its due date",
        PUBLIC,
        public_investment_law("PI-17", "Điều 34, Điều 43", U, "Điều 37, Điều 46"),
        FACT,
        P.REAPPRAISE,
        Severity.MEDIUM,
        ("kind", "milestones", "milestones.done"),
        _public_adjustment,
    ),
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
        P.REQUIRE_REPORT,
        Severity.LOW,
        ("kind", "reports", "reporting_since"),
        _missing_reports(_SUPERVISION_REPORTS),
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
        P.REQUIRE_REPORT,
        Severity.LOW,
        ("kind", "reports", "reporting_since"),
        _missing_reports(_SUPERVISION_REPORTS),
    ),
)

RULES_BY_KEY: Final = {rule.key: rule for rule in RULES}
assert len(RULES_BY_KEY) == len(RULES), "rule keys are unique"
_BY_KIND: Final = {kind: tuple(rule for rule in RULES if kind in rule.kinds) for kind in (*ProjectKind, UNKNOWN)}


def rule_for(finding: Finding) -> Rule:
    return RULES_BY_KEY[finding.key]


# ---------------------------------------------------------------------------------------------------------------
# Evaluation


def evaluate(project: ProjectFacts, as_of: date) -> list[Finding]:
    """Every rule `project` breaks as of `as_of`, in registry order (empty when the project is in order)."""
    ctx = Ctx(project, as_of)
    findings: list[Finding] = []
    for rule in _BY_KIND[project.kind]:
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
        explanation=hit.explanation,
        facts=hit.facts,
        verify=c.verify or hit.verify,
        confidence=c.confidence,
        days_behind=hit.days_behind,
        months_behind=hit.months_behind,
        months_remaining=hit.months_remaining,
        milestone=hit.milestone,
        unchecked=hit.unchecked,
        then=hit.then,
    )


def propose(findings: Sequence[Finding]) -> list[Proposal]:
    """One project's handlings, mildest first (section 8 of LEGAL_RULES.md): each with the rules that lead to it."""
    if len({f.project for f in findings}) > 1:
        raise ValueError("propose() takes the findings of one project")
    gathered: dict[ProposalCode, _Gathered] = {}
    for f in findings:
        for code, follow_up in ((f.proposal, False), *((code, True) for code in f.then)):
            entry = gathered.setdefault(code, _Gathered())
            entry.add(f, follow_up)
    return [gathered[code].proposal(code) for code in sorted(gathered, key=_PROPOSAL_RANK.__getitem__)]


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


@dataclass(frozen=True, slots=True)
class OwedReport:
    """A periodic report past its deadline and not submitted: what the investor must still send."""

    kind: ReportKind
    period: str
    deadline: date  # last day on time


def missing_reports(project: ProjectFacts, as_of: date) -> list[OwedReport]:
    """The reports a project owed by `as_of` and has not submitted, oldest deadline first (no proposal, no rule)."""
    owed = _all_owed(Ctx(project, as_of))
    return sorted(
        (OwedReport(item.kind, item.period, item.deadline) for item in owed if item.submitted is None),
        key=lambda report: (report.deadline, report.period),
    )
