"""One project as of one day (`Ctx`), and what a rule's condition returns (`Hit`).

The conditions of every law family read the project through `Ctx`, which computes once the figures several rules
share (the State's delay, the exempt extensions, the sanctions, the reports submitted); the shapes those shared
computations keep (`Cap`, `Owed`) live here so that the families need not import one another for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final, TypeAlias

from tiendo.domain.messages import Message
from tiendo.domain.projects import MilestoneFacts, MilestoneKind
from tiendo.domain.schedule_rules.facts import DateFact, Milestone, ProjectFacts
from tiendo.domain.schedule_rules.vocabulary import CAP_EXCEPTIONS, UNKNOWN, ProposalCode, ReportKind, Unknown
from tiendo.domain.severity import Severity

FactValue: TypeAlias = date | int | str | bool | None


@dataclass(slots=True)
class Hit:
    """What a condition found; the rule adds the citation, and the hit may override the rule's defaults."""

    message: Message  # the reasoning, rendered in the reader's language (Vietnamese in the CLI)
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


NO_HITS: Final[tuple[Hit, ...]] = ()


class Ctx:
    """One project as of one day, with the figures several rules share computed once."""

    __slots__ = ("p", "as_of", "_delay", "_exempt", "_reports", "caps", "owed")

    def __init__(self, project: ProjectFacts, as_of: date) -> None:
        self.p = project
        self.as_of = as_of
        self._delay: tuple[int, tuple[str, ...]] | None = None
        self._exempt: tuple[int, tuple[str, ...]] | None = None
        self._reports: dict[tuple[ReportKind, str], DateFact] | None = None
        # filled on first use by the investment rules (the 24-month cap) and the reports module (reports owed)
        self.caps: list[tuple[MilestoneFacts, Cap]] | None = None
        self.owed: list[Owed] | None = None

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


@dataclass(slots=True)
class Cap:
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


@dataclass(slots=True)
class Owed:
    kind: ReportKind
    period: str
    deadline: date  # last day on time
    submitted: date | None  # None: not submitted as of the day; else submitted late


_OPERATION_KINDS: Final = (MilestoneKind.OPERATION, MilestoneKind.COMPLETION)


def operation_milestone(milestones: tuple[MilestoneFacts, ...]) -> MilestoneFacts | None:
    """The milestone that puts the project into use: operation, else completion."""
    for kind in _OPERATION_KINDS:
        for m in milestones:
            if m.kind is kind:
                return m
    return None


def json_bool(value: bool | Unknown) -> bool | None:
    return None if value is UNKNOWN else value


def date_or_none(value: DateFact) -> date | None:
    return value if isinstance(value, date) else None


def deposit_due(ctx: Ctx) -> date | None:
    """The deposit is owed and unpaid although the land was handed over (it is due before the land decision)."""
    deposit, handed = ctx.p.deposit, ctx.p.land.handed_over
    if deposit.required is True and deposit.paid is False and ctx.has(handed):
        assert isinstance(handed, date)
        return handed
    return None
