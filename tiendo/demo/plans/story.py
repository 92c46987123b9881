"""The plans of the demo province, made version by version in the order they were decided: medium-term plans
and their adjustments, annual plans, central capital added, capital transferred between projects."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date

from tiendo.plans.models import PlanVersion

from ..projects.vocabulary import TRIEU, TY
from .allocation import Made, Want, _split, allocate, budget_for, needs_by_source
from .decisions import ANNUAL_COVER, DECISIONS, LAND_CUT_2024, LEAVES, MT21_CHANGE, MT_COVER, MT_RESERVE, Decision
from .disbursement import Disbursing, Fate
from .registry import Public, _billions_up, _maybe_extend, _mil


class Story(Disbursing):
    """The plans of the demo province, made version by version in the order they were decided."""

    def __init__(self, projects: list[Public], rng: random.Random, today: date):
        self.projects = projects
        self.by_pk = {p.pk: p for p in projects}
        self.rng = rng
        self.today = today
        self.made: dict[str, list[Made]] = defaultdict(list)
        self.lines: dict[tuple[int, int, str], list[tuple[int, int]]] = {}  # (year, pk, source) -> [(month, amount)]
        self.fates: dict[tuple[int, int], Fate] = {}
        self.verdicts: dict[tuple[int, str], bool] = {}  # (project, medium-term plan) -> funded past its period

    def run(self) -> Story:
        for decision in DECISIONS:
            if decision.day > self.today:
                continue
            if decision.plan.startswith("MT"):
                made = self.medium_term(decision)
            else:
                made = self.annual(decision, int(decision.plan[1:]))
                self.record(int(decision.plan[1:]), made)
            self.made[decision.plan].append(made)
        return self

    def record(self, year: int, made: Made) -> None:
        for p in self.projects:
            p.annual.pop(year, None)
        for pk, by_source in made.amounts().items():
            self.by_pk[pk].annual[year] = by_source

    # -- tiers --------------------------------------------------------------------------------------------------
    def medium_tier(self, p: Public, first: int, last: int) -> str:
        if p.handed and p.handed.year < first:
            return "completed_unfunded"
        if p.programme:
            return "national_programme"
        if "NSTW_ODA" in p.shares:
            return "oda"
        if p.funded_before(first) > 0:  # funded by the previous period's plans
            return "transitional_finishing" if p.finish.year <= last else "transitional_on_schedule"
        return "new"

    def annual_tier(self, p: Public, year: int, day: date) -> str:
        if p.handed and p.handed.year < year:
            return "completed_unfunded"
        if p.approved is None or p.approved > day:
            return "preparation"
        if p.programme:
            return "national_programme"
        if "NSTW_ODA" in p.shares:
            return "oda"
        if p.first_year is None and year < p.works_from:
            return "preparation"
        if p.first_year is not None and p.first_year < year:
            return "transitional_finishing" if p.finish.year <= year else "transitional_on_schedule"
        return "new"

    # -- medium-term --------------------------------------------------------------------------------------------
    def medium_term(self, decision: Decision) -> Made:
        first = 2021 if decision.plan == "MT21" else 2026
        last = first + 4
        previous = self.made[decision.plan][-1] if self.made[decision.plan] else None
        prior = previous.amounts() if previous and decision.number == 1 else {}
        wants = []
        for p in self.projects:
            if p.decided > decision.day:
                continue
            funded = p.funded_before(first)
            # what the annual plans of the period already gave is kept; an adjustment with a cut keeps what was paid
            committed = self.committed(p, first, decision.day, paid_only=decision.number == 2)
            done = (
                p.handed and p.handed.year < first and (first == 2021 and not p.debt_2021 or funded >= p.total * 0.97)
            )
            if done and not committed:
                continue
            if done:
                need = 0
            elif first == 2021 and p.debt_2021:
                need = p.debt_2021
            else:
                before = sum(v for y, v in p.profile.items() if y < first)
                within = sum(v for y, v in p.profile.items() if first <= y <= last)
                debt = max(0, before - funded) * (1.0 if first == 2021 else 0.6)
                need = int(min(p.total - funded, within + debt))
            if need < 100 * TRIEU and not committed:
                continue
            if not done and not committed and not self.may_continue(p, decision.plan, first):
                continue
            tier = self.medium_tier(p, first, last)
            want = Want(p, tier, _split(need, p.shares))
            keep = prior.get(p.pk, {})  # the first adjustment only adds
            for source in set(committed) | set(keep):
                want.floor[source] = max(committed.get(source, 0), keep.get(source, 0))
                want.need[source] = max(want.need.get(source, 0), want.floor[source])
            want.whole = tier == "new" and not any(want.floor.values())  # one already started is not new any more
            wants.append(want)
        reserve = MT_RESERVE.get(decision.number, 0.0) if first == 2021 else 0.03
        if previous is None:
            budget = budget_for(wants, MT_COVER[decision.plan], reserve)
        else:
            change = MT21_CHANGE[decision.number]
            floors = needs_by_source(wants, floors=True)
            grown = budget_for(wants, MT_COVER["MT21-1"], reserve) if decision.number == 1 else {}
            budget = {}
            for source in LEAVES:
                amount = max(previous.budget.get(source, 0) * change.get(source, 1.0), grown.get(source, 0))
                if source == "NSDP_TSDD" and decision.number == 2:
                    amount = max(amount, floors.get(source, 0) * 1.02)
                if amount or floors.get(source):
                    budget[source] = _billions_up(max(amount, floors.get(source, 0)))
        allocate(wants, {s: _mil(a * (1 - reserve)) for s, a in budget.items()})
        made = Made(decision, wants, budget)
        if decision.plan == "MT21" and decision.number == 2:
            made.budget_notes["NSDP_TSDD"] = "Ước thu tiền sử dụng đất giảm so với kế hoạch đã giao."
        if decision.plan == "MT21" and decision.number == 1:
            made.budget_notes["NSTW_TN"] = "Gồm vốn Chương trình phục hồi và phát triển kinh tế - xã hội."
        if reserve:
            for source in budget:
                made.budget_notes.setdefault(source, f"Gồm dự phòng {reserve:.0%} chưa phân bổ.")
        return made

    def may_continue(self, p: Public, plan: str, first: int) -> bool:
        """A project past its allocation period before the plan's first year (PI-06) goes on only if its period is
        extended (most of them, up to two years), or for a few that break the rule; decided once per plan."""
        ends = p.period_ends()
        if ends is None or ends >= first or p.handed:
            return True
        if (p.pk, plan) not in self.verdicts:
            if first - ends <= 2 and self.rng.random() < 0.7:
                p.extension += first - ends
                self.verdicts[(p.pk, plan)] = True
            else:
                self.verdicts[(p.pk, plan)] = self.rng.random() < 0.1
        return self.verdicts[(p.pk, plan)]

    def committed(self, p: Public, first: int, day: date, paid_only: bool = False) -> dict[str, int]:
        """What the annual plans of the period gave the project up to the year of `day` (of that year only what was
        paid when `paid_only`: the annual plan is cut the same day)."""
        total: dict[str, int] = defaultdict(int)
        for year, by_source in p.annual.items():
            if first <= year < day.year or (year == day.year and not paid_only):
                for source, amount in by_source.items():
                    total[source] += amount
        if paid_only and first <= day.year and day.year in p.annual:
            for source in p.annual[day.year]:
                total[source] += self.paid(day.year, p.pk, source, day.month - 1)
        return dict(total)

    def medium_in_force(self, year: int, day: date) -> Made | None:
        versions = [m for m in self.made["MT21" if year <= 2025 else "MT26"] if m.decision.day <= day]
        return versions[-1] if versions else None

    def remainder(self, p: Public, year: int, medium: Made) -> dict[str, int]:
        """What the medium-term plan has left for the project from `year` on, per source."""
        amount = dict(medium.amounts().get(p.pk, {}))
        first = 2021 if year <= 2025 else 2026
        for y, by_source in p.annual.items():
            if first <= y < year:
                for source, value in by_source.items():
                    if source in amount:
                        amount[source] -= value
        return {s: v for s, v in amount.items() if v > 0}

    # -- annual -------------------------------------------------------------------------------------------------
    def annual(self, decision: Decision, year: int) -> Made:
        if decision.number == 0:
            made = self.annual_plan(decision, year)
            self.settle(year, made)
            self.first_funding(year, made)
            return made
        if decision.purpose == PlanVersion.Purpose.TRANSFER:
            made = self.transfer(decision, year)
        elif decision.plan == "Y2023":
            made = self.add_central(decision, year)
        else:
            made = self.annual_plan(decision, year, cut=True)
        self.replan(year, made, decision.day.month - 1)
        return made

    def annual_plan(self, decision: Decision, year: int, cut: bool = False) -> Made:
        rng = self.rng
        medium = self.medium_in_force(year, decision.day)
        in_medium = medium.amounts() if medium else {}
        last = 2025 if year <= 2025 else 2030
        wants = []
        kept_past = 0
        for p in self.projects:
            if p.decided > decision.day:
                continue
            tier = self.annual_tier(p, year, decision.day)
            if medium is None:  # the first year of the period, before its medium-term plan (PI-03)
                if p.handed and p.handed.year < year - 1:
                    continue
                cost = p.debt_2021 if p.debt_2021 else p.profile.get(year, 0)
                rest = _split(min(cost, p.total - p.funded_before(year)), p.shares)
                share = 1.0
            else:
                if p.pk not in in_medium:
                    continue
                rest = self.remainder(p, year, medium)
                planned = sum(p.profile.get(y, 0) for y in range(year, last + 1))
                if tier == "completed_unfunded":  # the debt of a finished project, paid off over two years or so
                    share = 1.0 if sum(rest.values()) <= 20 * TY or year == last else rng.uniform(0.4, 0.7)
                elif not planned or p.finish.year <= year:
                    share = 1.0
                elif year == last:  # the last year of the period: what the medium-term plan has left, nearly all
                    share = rng.uniform(0.85, 1.0)
                else:
                    share = min(1.0, p.profile.get(year, 0) / planned * rng.uniform(1.0, 1.25))
            if tier == "preparation":
                cost = _mil(p.total * rng.uniform(0.01, 0.03))
                local = {s: v for s, v in rest.items() if s in ("NSDP_CD", "NSDP_TSDD")} or rest
                need = _split(min(cost, sum(local.values())), {s: v / sum(local.values()) for s, v in local.items()})
            else:
                need = {s: _mil(v * share) for s, v in rest.items()}
                if medium is not None and rng.random() < 0.012:  # a few ask above the medium-term remainder
                    need = {s: _mil(v * 1.2) + 2 * TY for s, v in need.items()}
            need = {s: v for s, v in need.items() if v > 0}
            if sum(need.values()) < 50 * TRIEU:
                continue
            ends = p.period_ends()
            past = tier not in ("preparation", "completed_unfunded") and ends is not None and year > ends
            if past:  # past the allocation period (PI-06): left out, but for a few
                if kept_past >= 3 or rng.random() > 0.1:
                    continue
                kept_past += 1
            wants.append(Want(p, tier, need, whole=tier == "new"))
        if not cut:
            budget = budget_for(wants, ANNUAL_COVER[year])
            allocate(wants, budget)
            return Made(decision, wants, budget)
        # the mid-year adjustment: less land-use revenue; no line below what the Treasury has paid
        made0 = self.made[decision.plan][-1]
        month = decision.day.month - 1
        listed = {w.project.pk for w in wants}
        for want in wants:
            for source in set(want.need) | set(made0.amounts().get(want.project.pk, {})):
                want.floor[source] = self.paid(year, want.project.pk, source, month)
                want.need[source] = max(want.need.get(source, 0), want.floor[source])
        for pk, by_source in made0.amounts().items():
            if pk not in listed:
                paid = {s: self.paid(year, pk, s, month) for s in by_source}
                if any(paid.values()):
                    p = self.by_pk[pk]
                    wants.append(Want(p, self.annual_tier(p, year, decision.day), dict(paid), dict(paid)))
        for want in wants:
            want.whole = want.whole and not any(want.floor.values())
        floors = needs_by_source(wants, floors=True)
        wanted = budget_for(wants, ANNUAL_COVER[year])
        budget = dict(made0.budget)
        budget["NSDP_TSDD"] = _billions_up(budget.get("NSDP_TSDD", 0) * LAND_CUT_2024)
        for source in set(budget) | set(floors):
            amount = min(budget.get(source, 0), wanted.get(source, 0))
            budget[source] = max(amount, _billions_up(floors.get(source, 0)))
        allocate(wants, budget)
        made = Made(decision, wants, budget)
        made.budget_notes["NSDP_TSDD"] = f"Giảm theo ước thu tiền sử dụng đất năm {year}."
        for want in wants:
            before = made0.amounts().get(want.project.pk, {})
            if any(want.got.get(s, 0) > before.get(s, 0) for s in want.got):
                want.added_on = decision.day
        return made

    def first_funding(self, year: int, made: Made) -> None:
        """The first annual plan that funds implementation starts the allocation period (PI-06)."""
        for want in made.wants:
            p = want.project
            implementing = want.tier not in ("preparation", "completed_unfunded")
            if p.first_year is None and implementing and any(want.got.values()):
                p.first_year = year
                _maybe_extend(p, self.rng)

    def add_central(self, decision: Decision, year: int) -> Made:
        """Central capital added to projects that disburse well (after 30/09: disbursable a year longer, PI-11)."""
        made0 = self.made[decision.plan][-1]
        medium = self.medium_in_force(year, decision.day)
        wants = [w.copy() for w in made0.wants]
        added = 0
        for want in wants:
            amount = want.got.get("NSTW_TN", 0)
            if not amount or medium is None or self.fates[(year, want.project.pk)].rate < 0.9:
                continue
            if self.rng.random() > 0.25:
                continue
            room = self.remainder(want.project, year, medium).get("NSTW_TN", 0) - amount
            extra = _mil(min(room, amount * self.rng.uniform(0.15, 0.4)))
            if extra >= TY:
                want.need["NSTW_TN"] = want.got["NSTW_TN"] = amount + extra
                want.added_on = decision.day
                added += extra
        budget = dict(made0.budget)
        budget["NSTW_TN"] = budget.get("NSTW_TN", 0) + _billions_up(added)
        note = "Bổ sung vốn ngân sách trung ương theo quyết định của Thủ tướng Chính phủ."
        return Made(decision, wants, budget, {"NSTW_TN": note})

    def transfer(self, decision: Decision, year: int) -> Made:
        """Capital moved from projects that cannot disburse to projects of the same owner that can absorb it: each
        owner's capital per source stays the same, so the People's Committee may decide it (Art. 71(8)(b))."""
        made0 = self.made[decision.plan][-1]
        medium = self.medium_in_force(year, decision.day)
        month = decision.day.month - 1
        wants = [w.copy() for w in made0.wants]
        spare: dict[tuple[int | None, str], list[tuple[Want, int]]] = defaultdict(list)  # what donors can give
        room: dict[tuple[int | None, str], list[tuple[Want, int]]] = defaultdict(list)  # what receivers can take
        for want in wants:
            p, rate = want.project, self.fates[(year, want.project.pk)].rate
            rest = self.remainder(p, year, medium) if medium and rate >= 0.93 else {}
            for source, amount in want.got.items():
                if rate < 0.6:
                    keep = max(self.paid(year, p.pk, source, month), _mil(amount * rate))
                    if amount - keep >= 100 * TRIEU:
                        spare[(p.agency, source)].append((want, amount - keep))
                elif rest:
                    extra = _mil(min(rest.get(source, 0) - amount, amount * 0.5))
                    if extra >= TY // 2:
                        room[(p.agency, source)].append((want, extra))
        for key, givers in spare.items():
            takers = room.get(key, [])
            self.rng.shuffle(takers)
            moved = min(sum(a for _w, a in givers), sum(a for _w, a in takers))
            source = key[1]
            for members, sign in ((givers, -1), (takers, 1)):
                left = moved
                for want, amount in members:
                    step = min(amount, left)
                    if step <= 0:
                        break
                    left -= step
                    want.got[source] += sign * step
                    want.need[source] = max(want.need[source], want.got[source])
                    want.manual = True
                    if sign < 0:
                        want.floor[source] = self.paid(year, want.project.pk, source, month)
                        want.note = f"Điều chuyển giảm: không có khả năng giải ngân hết kế hoạch vốn năm {year}."
                    else:
                        want.added_on = decision.day
                        want.note = "Điều chuyển tăng: dự án có khối lượng hoàn thành, cần bổ sung vốn."
        return Made(decision, wants, dict(made0.budget))
