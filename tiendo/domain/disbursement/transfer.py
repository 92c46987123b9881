"""Transfer candidates (điều chuyển vốn) as plain data: the capital slow projects release per source and the
receivers with their tier, need and eligible sources, which the app hands to the allocation module so that a
transfer follows the plan's order of priority."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tiendo.domain.disbursement.pace import Pace, PaceResult
from tiendo.domain.money import TRIEU, format_vnd
from tiendo.domain.plan_checks import Tier

# ---------------------------------------------------------------------------------------------------------------
# Transfer candidates (điều chuyển vốn)


@dataclass(frozen=True, slots=True)
class SourceAllocation:
    source: str
    allocated: int
    disbursed: int | None = None  # None: the project's disbursement is shared among such sources by allocation


@dataclass(frozen=True, slots=True)
class TransferProject:
    code: str
    tier: Tier
    allocations: tuple[SourceAllocation, ...]
    pace: PaceResult  # `classify` of the same project
    remaining_need: int = 0  # how much more capital it could still use this year, beyond its allocation
    eligible_sources: tuple[str, ...] | None = None  # None: the sources it is already funded from


@dataclass(frozen=True, slots=True)
class TransferRules:
    unit: int = TRIEU  # released capital is rounded down to this unit (1 million đồng)
    donors: frozenset[Pace] = frozenset({Pace.SLOW, Pace.STALLED})

    def __post_init__(self) -> None:
        if self.unit <= 0:
            raise ValueError("Đơn vị làm tròn phải lớn hơn 0")


@dataclass(frozen=True, slots=True)
class Donor:
    project: str
    source: str
    allocated: int
    disbursed: int  # given, or the project's disbursement shared by allocation
    released: int  # <= allocated - disbursed, a multiple of the unit


@dataclass(frozen=True, slots=True)
class Receiver:
    project: str
    tier: Tier
    need: int  # what it may receive: remaining need capped by its pace capacity, rounded down to the unit
    remaining_need: int
    capacity: int  # what its pace would disburse beyond its allocation by the deadline
    eligible_sources: tuple[str, ...]  # its sources that have capital released


@dataclass(frozen=True, slots=True)
class TransferCandidates:
    released: Mapping[str, int]  # source -> capital released (only sources with some)
    donors: tuple[Donor, ...]
    receivers: tuple[Receiver, ...]

    @property
    def total_released(self) -> int:
        return sum(self.released.values())

    def allocation_request(self, plan_year: int) -> dict[str, object]:
        """The parts of the `tiendo plan allocate` input (docs/contracts/plan-allocate.md) this module knows.

        The app completes each project with its group and eligibility facts before calling the allocation module.
        """
        return {
            "plan": {"kind": "annual", "year": plan_year},
            "sources": [{"code": code, "available": amount} for code, amount in self.released.items()],
            "projects": [
                {
                    "code": r.project,
                    "tier": r.tier.value,
                    "need": r.need,
                    "floor": 0,
                    "eligible_sources": list(r.eligible_sources),
                }
                for r in self.receivers
            ],
        }


def transfer_candidates(
    projects: Sequence[TransferProject], rules: TransferRules = TransferRules()
) -> TransferCandidates:
    """The capital slow and stalled projects could release, per source, and the projects on pace that could use it.

    A donor releases what it will not disburse at its pace (allocated - projected), never touching what it has
    already disbursed, shared among its sources by what each still holds and rounded down to the unit. A receiver
    disburses at least on the target path, still needs capital, and could disburse more by the deadline at its pace.
    """
    donors: list[Donor] = []
    released: dict[str, int] = {}
    for p in projects:
        if p.pace.pace not in rules.donors:
            continue
        for source, allocated, disbursed, amount in _release(p, rules.unit):
            donors.append(Donor(p.code, source, allocated, disbursed, amount))
            if amount:
                released[source] = released.get(source, 0) + amount
    donor_codes = {d.project for d in donors}
    receivers: list[Receiver] = []
    for p in projects:
        if p.code in donor_codes or not p.pace.on_target or p.remaining_need <= 0 or p.pace.pace is Pace.NO_CAPITAL:
            continue
        capacity = max(0, p.pace.projection - p.pace.allocated)
        need = min(p.remaining_need, capacity) // rules.unit * rules.unit
        if need <= 0:
            continue
        own = p.eligible_sources if p.eligible_sources is not None else tuple(a.source for a in p.allocations)
        eligible = tuple(dict.fromkeys(s for s in own if released.get(s, 0) > 0))
        receivers.append(Receiver(p.code, p.tier, need, p.remaining_need, capacity, eligible))
    tiers = list(Tier)
    receivers.sort(key=lambda r: (tiers.index(r.tier), r.project))
    donors.sort(key=lambda d: (d.project, d.source))
    return TransferCandidates(dict(sorted(released.items())), tuple(donors), tuple(receivers))


def _release(p: TransferProject, unit: int) -> list[tuple[str, int, int, int]]:
    """(source, allocated, disbursed, released) for each source of a donor."""
    allocated_total = sum(a.allocated for a in p.allocations)
    if allocated_total != p.pace.allocated:
        raise ValueError(
            f"Dự án {p.code}: vốn giao theo nguồn ({format_vnd(allocated_total)}) khác vốn giao đã đánh giá "
            f"({format_vnd(p.pace.allocated)})"
        )
    if any(a.allocated < 0 or (a.disbursed is not None and a.disbursed < 0) for a in p.allocations):
        raise ValueError(f"Dự án {p.code}: vốn giao và giải ngân theo nguồn không được âm")
    disbursed = _share_disbursement(p)
    holding = [max(0, a.allocated - d) for a, d in zip(p.allocations, disbursed, strict=True)]
    held = sum(holding)
    releasable = min(p.pace.undisbursable, held)
    rows = []
    for a, d, h in zip(p.allocations, disbursed, holding, strict=True):
        amount = releasable * h // held // unit * unit if held else 0
        rows.append((a.source, a.allocated, d, amount))
    return rows


def _share_disbursement(p: TransferProject) -> list[int]:
    """Each source's disbursement: as given, else the rest of the project's shared by allocation (capped)."""
    known = sum(a.disbursed for a in p.allocations if a.disbursed is not None)
    unknown = [a for a in p.allocations if a.disbursed is None]
    rest = max(0, p.pace.disbursed - known)
    weight = sum(a.allocated for a in unknown)
    shares: list[int] = []
    for a in p.allocations:
        if a.disbursed is not None:
            shares.append(a.disbursed)
        else:
            shares.append(min(a.allocated, -(-rest * a.allocated // weight)) if weight else 0)
    return shares
