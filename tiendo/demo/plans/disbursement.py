"""How each project of an annual plan disburses, month by month: S-curves, slow and stuck projects, capital
extended into the next year (PI-11, PI-12). A mixin of `story.Story`, which decides the plans."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from .allocation import Made
from .decisions import HD_COMMITTEE, HD_COUNCIL, HP_COMMITTEE
from .registry import _mil

# monthly weights: January .. December of the plan year, January after; then February .. December after
NORMAL = (1, 2, 4, 5, 6, 9, 6, 7, 9, 9, 11, 21, 10)
SLOW = (0.2, 1, 1, 2, 3, 5, 4, 5, 8, 9, 13, 30, 19)
SETTLEMENT = (5, 10, 20, 20, 15, 10, 6, 5, 3, 2, 2, 1, 1)
TAIL = (6, 5, 5, 5, 5, 5, 5, 5, 6, 6, 8)


@dataclass
class Fate:
    """How a project disburses its capital of one year: the share it pays by the deadline and when."""

    rate: float
    weights: list[float]
    extended: bool = False  # extended until 31/12 of the next year (PI-12)
    cumulative: list[float] = field(default_factory=list)  # running total of the weights, 25 values


class Disbursing:
    """The disbursement side of `story.Story`: what each line of an annual plan pays, month by month."""

    rng: random.Random
    today: date
    lines: dict[tuple[int, int, str], list[tuple[int, int]]]  # (year, pk, source) -> [(month, amount)]
    fates: dict[tuple[int, int], Fate]

    def settle(self, year: int, made: Made) -> None:
        """How each project of a new annual plan disburses: its rate, the shape of its curve, an extension."""
        rng = self.rng
        for want in made.wants:
            p = want.project
            draw = rng.random()
            zero = 0.3 if p.stuck else 0.02
            slow = 0.3 if p.late else 0.06
            if want.tier == "completed_unfunded":
                fate = Fate(rng.uniform(0.95, 1.0), list(SETTLEMENT))
            elif draw < zero:
                fate = Fate(0.0, list(NORMAL))
            elif draw < zero + slow:
                fate = Fate(rng.uniform(0.3, 0.75), list(SLOW), year <= 2025 and rng.random() < 0.3)
            else:
                fate = Fate(rng.uniform(0.9, 1.0), list(NORMAL))
            fate.weights = [w * rng.uniform(0.6, 1.4) for w in fate.weights] + list(TAIL)
            self.fates[(year, p.pk)] = fate
            for source, amount in want.got.items():
                if amount:
                    self.lines[(year, p.pk, source)] = [(0, amount)]

    def replan(self, year: int, made: Made, month: int) -> None:
        """From `month` on, each line of the plan disburses towards its new amount."""
        listed = set()
        for want in made.wants:
            key = (year, want.project.pk)
            if key not in self.fates:
                self.fates[key] = Fate(self.rng.uniform(0.85, 1.0), list(NORMAL) + list(TAIL))
            for source, amount in want.got.items():
                listed.add((want.project.pk, source))
                changes = self.lines.setdefault((year, want.project.pk, source), [])
                if (changes[-1][1] if changes else 0) != amount:
                    changes.append((month, amount))
        for (y, pk, source), changes in self.lines.items():
            if y == year and (pk, source) not in listed and changes[-1][1]:
                changes.append((month, 0))

    def cumulative(self, year: int, pk: int, source: str) -> list[float]:
        """Disbursed to the end of each month: 0 = January of the plan year .. 23 = December of the next."""
        fate = self.fates[(year, pk)]
        if not fate.cumulative:
            fate.cumulative = [0.0]
            for w in fate.weights:
                fate.cumulative.append(fate.cumulative[-1] + w)
        weights = fate.cumulative
        changes = self.lines[(year, pk, source)]
        values: list[float] = []
        done = target = 0.0
        since, until, amount = 0, 23 if fate.extended else 12, 0
        index = 0
        for month in range(24):
            while index < len(changes) and changes[index][0] == month:
                new = changes[index][1]
                done = values[-1] if values else 0.0
                target = min(max(done, fate.rate * new), max(done, new))
                if month >= 9 and new > amount:  # added after 30/09: until 31/12 of the next year
                    until = 23
                since, amount = month, new
                index += 1
            if month > until:
                values.append(values[-1])
                continue
            span = weights[until + 1] - weights[since]
            values.append(done + (target - done) * ((weights[month + 1] - weights[since]) / span if span else 1.0))
        return values

    def paid(self, year: int, pk: int, source: str, month: int) -> int:
        """Disbursed from January of the plan year to the end of the month before `month` (0 = January)."""
        if month <= 0 or (year, pk, source) not in self.lines:
            return 0
        return _mil(self.cumulative(year, pk, source)[min(month, 24) - 1])

    def extension(self, year: int) -> tuple[date, str] | None:
        """The decision extending a year's capital until 31/12 of the next year, made in January (PI-12)."""
        day = date(year + 1, 1, 12 + year % 7)
        if year > 2025 or day > self.today:
            return None
        if year < 2024:  # Law 39/2019: the provincial People's Council extended local capital
            return date(year + 1, 12, 31), f"Nghị quyết {3 + year % 5:02d}/NQ-HĐND ngày {day:%d/%m/%Y} của {HD_COUNCIL}"
        committee = HD_COMMITTEE if year < 2025 else HP_COMMITTEE
        number = f"{95 + year % 40}/QĐ-UBND"
        return date(year + 1, 12, 31), f"Quyết định {number} ngày {day:%d/%m/%Y} của Chủ tịch {committee}"
