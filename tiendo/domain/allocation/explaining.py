"""The Vietnamese explanations of what each project got and why (the reasons' texts), and the amounts as they are
written in them (`_vnd`, the fast path of `money.format_vnd`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Final

from tiendo.domain.allocation.eligibility import _law_name, tier_citation, tier_citation_message
from tiendo.domain.allocation.messages import TIER_NAMES
from tiendo.domain.allocation.model import AllocationModel
from tiendo.domain.allocation.records import Reason
from tiendo.domain.allocation.tiers import POINTS_2024, PRIORITY, TIER_LABELS, PriorityLaw, Tier
from tiendo.domain.languages import Text
from tiendo.domain.messages import Message, Money, Number, Param
from tiendo.domain.money import TRIEU as _TRIEU
from tiendo.domain.money import TY as _TY

_WRITTEN: Final[dict[int, str]] = {}  # tenths of a tỷ -> as `_vnd` writes them: needs repeat, amounts cluster


def _vnd(amount: int) -> str:
    """`money.format_vnd(amount)` for an amount ≥ 0, without its general machinery (10,000 times per plan):
    tỷ or triệu to one decimal rounded half up, a zero decimal dropped, "." between thousands."""
    if amount >= _TY:
        tenths = (amount + _TY // 20) // (_TY // 10)  # rounded half up
        text = _WRITTEN.get(tenths)
        if text is None:
            if len(_WRITTEN) >= 1 << 16:
                _WRITTEN.clear()
            whole, tenth = divmod(tenths, 10)
            text = _WRITTEN[tenths] = f"{whole:,}".replace(",", ".") + (f",{tenth} tỷ đồng" if tenth else " tỷ đồng")
        return text
    if amount >= _TRIEU:
        tenths, rest = divmod(amount * 10, _TRIEU)
        unit = " triệu đồng"
    else:
        return f"{amount:,} đồng".replace(",", ".")
    if 2 * rest >= _TRIEU:
        tenths += 1
    whole, tenth = divmod(tenths, 10)
    return f"{whole:,}".replace(",", ".") + (f",{tenth}{unit}" if tenth else unit)


def _percent(part: int, whole: int) -> str:
    tenths = (part * 1000 + whole // 2) // whole
    return f"{tenths // 10},{tenths % 10}%"


class _Explainer:
    """Vietnamese explanations; what projects of one level and one set of sources share is written once."""

    def __init__(
        self,
        model: AllocationModel,
        amounts: list[dict[int, int]],
        leftover: list[int],
        used: list[list[int]],
        level_of_rank: Mapping[int, int],
    ) -> None:
        self.model = model
        self.amounts = amounts
        self.leftover = leftover
        self.used = used
        self.level_of_rank = level_of_rank
        law = _law_name(model.text)
        self.heads = {
            tier: f"{TIER_LABELS[tier]} — thứ tự ưu tiên {tier_citation(tier, model.law, model.text)}. Nhu cầu "
            for tier in Tier
        }
        self.new_rule = (
            f"khoản 5 Điều 54 {law}"
            if model.law is PriorityLaw.LAW_2024
            else f"Điều 51 {law}; tiendo áp dụng như khoản 5 Điều 54 Luật 58/2024"
        )
        self.tiers_by_level: dict[int, list[Tier]] = {}
        for tier in Tier:
            self.tiers_by_level.setdefault(level_of_rank[PRIORITY[model.law][tier]], []).append(tier)
        self.sources: dict[tuple[int, int], tuple[str, bool, str, str]] = {}
        self.shift = len(model.sources)
        self.why_of: dict[int, str] = {}  # by level, `same` and sources as one number: `_why`
        self.taken_by_level: dict[int, bool] = {}  # by level and sources as one number: `_shares_level`

    def every(self, got: Sequence[int], level_need: list[int]) -> tuple[list[Reason], list[str]]:
        """Each project's reason and text, in one loop with everything it reads bound once: a project given its
        need is said from its tier's words and its amount (written once per tenth of a tỷ); for the others, why
        the sources fell short is written once per level, sources and sharing (and asked once per unit). A
        project of no unit that may be funded (none of its sources has capital) adds its need to `level_need`."""
        model, heads, rule = self.model, self.heads, self.new_rule
        written, half, tenth = _WRITTEN, _TY // 20, _TY // 10  # `_vnd`'s common case, its call saved
        violations, rank, masks, unit_of = model.violations, model.rank, model.mask, model.unit_of
        level_of_rank, why_of, shift, new = self.level_of_rank, self.why_of, self.shift, Tier.NEW
        why_of_unit: dict[int, tuple[bool, str]] = {}  # by unit: whether it shares its level's sources, and why
        full, short, violation, below = Reason.FULL, Reason.SHORT, Reason.VIOLATION, Reason.BELOW_FLOOR
        not_funded = Reason.NEW_NOT_FUNDED
        reasons: list[Reason] = []
        texts: list[str] = []
        reason, text = reasons.append, texts.append
        for p, (project, amount) in enumerate(zip(model.projects, got, strict=True)):
            need = project.need
            money = (need >= _TY and written.get((need + half) // tenth)) or _vnd(need)
            if amount == need and p not in violations:
                reason(full)
                text(f"{heads[project.tier]}{money}, bố trí đủ.")
                continue
            head = heads[project.tier]
            if p in violations:
                explained = " ".join(v.explanation for v in violations[p])
                reason(violation)
                text(f"{head}{money}, không bố trí vốn: {explained[0].lower()}{explained[1:]}")
                continue
            u = unit_of[p]
            known = why_of_unit.get(u) if u >= 0 else None  # the same for every project of a unit
            if known is None:
                level, mask = level_of_rank[rank[p]], masks[p]
                if u < 0:
                    level_need[level - 1] += need
                same = self._shares_level(p, level, mask)
                key = (level << 1 | same) << shift | mask
                why = why_of.get(key)
                if why is None:
                    why = why_of[key] = self._why(level, mask, same)
                known = (same, why)
                if u >= 0:
                    why_of_unit[u] = known
            same, why = known
            if project.tier is new:
                reason(not_funded)
                text(
                    f"{head}{money}, không bố trí: dự án khởi công mới chỉ được bố trí khi đủ vốn hoàn thành theo "
                    f"tiến độ ({rule}); {why}."
                )
            elif amount == 0 and project.floor > 0:
                reason(below)
                text(
                    f"{head}{money}, không bố trí: không đủ vốn để giữ mức đã cam kết {_vnd(project.floor)} (dự án "
                    f"chỉ nhận vốn khi đạt mức này); {why}."
                )
            else:
                shared = "; phần thiếu được chia theo tỷ lệ nhu cầu giữa các dự án cùng thứ tự ưu tiên" if same else ""
                done = f"bố trí {_vnd(amount)} ({_percent(amount, need)})" if amount else "không bố trí"
                reason(short)
                text(f"{head}{money}, {done}: {why}{shared}.")
        return reasons, texts

    def _why(self, level: int, mask: int, same: bool) -> str:
        """ "nguồn X, Y đã hết, đã bố trí cho thứ tự ưu tiên cao hơn (điểm a, d) và các dự án cùng thứ tự ưu tiên;
        nguồn Z chỉ còn 3 tỷ đồng"; `same`: other projects of the level took some of the sources."""
        empty, never, higher, left = self._sources(level, mask)
        parts = []
        if empty:
            takers = [higher] if higher else []
            if same:
                takers.append("các dự án cùng thứ tự ưu tiên")
            if takers:
                parts.append(f"nguồn {empty} đã hết, đã bố trí cho " + " và ".join(takers))
            else:
                parts.append(f"nguồn {empty} " + ("không có vốn" if never else "đã hết"))
        if left:
            parts.append(left)
        return "; ".join(parts)

    def _sources(self, level: int, mask: int) -> tuple[str, bool, str, str]:
        """What projects of a level with these sources share: the empty sources, whether none of them ever had
        anything, the higher levels that took them, and what the other sources still hold (written once)."""
        known = self.sources.get((level, mask))
        if known is not None:
            return known
        model, used = self.model, self.used
        bits = _bits(mask)
        empty = [s for s in bits if self.leftover[s] == 0]
        left = [s for s in bits if self.leftover[s] > 0]
        higher = [lvl for lvl in range(1, level) if any(used[lvl - 1][s] for s in empty)]
        known = self.sources[level, mask] = (
            ", ".join(model.sources[s].code for s in empty),
            all(model.sources[s].available == 0 for s in empty),
            f"thứ tự ưu tiên cao hơn ({self._levels(higher)})" if higher else "",
            f"nguồn {', '.join(model.sources[s].code for s in left)} chỉ còn "
            + _vnd(sum(self.leftover[s] for s in left))
            if left
            else "",
        )
        return known

    def _levels(self, levels: Iterable[int]) -> str:
        if self.model.law is PriorityLaw.LAW_2024:
            return "điểm " + ", ".join(POINTS_2024[t] for lvl in levels for t in self.tiers_by_level[lvl])
        return "mức " + ", ".join(str(lvl) for lvl in levels)

    def _shares_level(self, p: int, level: int, mask: int) -> bool:
        """Whether other projects of the same level took capital from the sources this one could use (for a
        project that got nothing, the same for every such project of the level and sources: asked once)."""
        model = self.model
        u = model.unit_of[p]
        if u >= 0 and len(model.unit_members[u]) > 1:
            return True
        own, level_used = self.amounts[u] if u >= 0 else {}, self.used[level - 1]
        if own:
            return any(level_used[s] > own.get(s, 0) for s in _bits(mask))
        key = level << self.shift | mask
        known = self.taken_by_level.get(key)
        if known is None:
            known = self.taken_by_level[key] = any(level_used[s] > 0 for s in _bits(mask))
        return known

    def messages(self, got: Sequence[int]) -> tuple[Message, ...]:
        """Each project's explanation as a message (its Vietnamese is `every`'s text): asked only by callers that
        store or show it in another language, so that `every` keeps its fast path."""
        model, law = self.model, _law_name(self.model.text)
        rule: Param = (
            f"khoản 5 Điều 54 {law}"
            if model.law is PriorityLaw.LAW_2024
            else Message("al.new_rule.2019", {"article": f"Điều 51 {law}"})
        )
        cited = {tier: tier_citation_message(tier, model.law, model.text) for tier in Tier}
        why_of: dict[tuple[int, int, bool], Param] = {}
        why_of_unit: dict[int, tuple[bool, Param]] = {}
        out: list[Message] = []
        for p, (project, amount) in enumerate(zip(model.projects, got, strict=True)):
            need = project.need
            head = Message(
                "al.head", {"tier": TIER_NAMES[project.tier], "citation": cited[project.tier], "need": Money(need)}
            )
            if amount == need and p not in model.violations:
                out.append(Message("al.full", {"head": head}))
                continue
            if p in model.violations:
                said = [v.message for v in model.violations[p]]
                assert all(m is not None for m in said)
                first = said[0]
                assert first is not None
                chained: Param = Message(f"{first.code}.lower", first.params)
                for m in said[1:]:
                    chained = Message("al.then", {"first": chained, "rest": m})
                out.append(Message("al.violation", {"head": head, "why": chained}))
                continue
            u = model.unit_of[p]
            known = why_of_unit.get(u) if u >= 0 else None
            if known is None:
                level, mask = self.level_of_rank[model.rank[p]], model.mask[p]
                same = self._shares_level(p, level, mask)
                why = why_of.get((level, mask, same))
                if why is None:
                    why = why_of[level, mask, same] = self._why_message(level, mask, same)
                known = (same, why)
                if u >= 0:
                    why_of_unit[u] = known
            same, why = known
            if project.tier is Tier.NEW:
                out.append(Message("al.new_not_funded", {"head": head, "rule": rule, "why": why}))
            elif amount == 0 and project.floor > 0:
                out.append(Message("al.below_floor", {"head": head, "floor": Money(project.floor), "why": why}))
            else:
                tenths = (amount * 1000 + need // 2) // need if amount else 0
                done = (
                    Message("al.done.some", {"amount": Money(amount), "percent": Number(Decimal(tenths).scaleb(-1), 1)})
                    if amount
                    else Message("al.done.none", {})
                )
                shared = Message("al.shared", {}) if same else None
                out.append(Message("al.short", {"head": head, "done": done, "why": why, "shared": shared}))
        return tuple(out)

    def _why_message(self, level: int, mask: int, same: bool) -> Param:
        """`_why` as a message: which sources are empty and who took them, what the others still hold."""
        model, used = self.model, self.used
        bits = _bits(mask)
        empty = tuple(model.sources[s].code for s in bits if self.leftover[s] == 0)
        left = [s for s in bits if self.leftover[s] > 0]
        higher = [lvl for lvl in range(1, level) if any(used[lvl - 1][s] for s in bits if self.leftover[s] == 0)]
        said: Param = None
        if empty:
            taker: Param = None
            if higher:
                if model.law is PriorityLaw.LAW_2024:
                    letters = (POINTS_2024[t] for lvl in higher for t in self.tiers_by_level[lvl])
                    points = tuple(Text(x, f"({x})", f"({x})") for x in letters)  # (a), (đ) as the tiers' names
                    taker = Message("al.higher.points", {"points": points})
                else:
                    taker = Message("al.higher.levels", {"levels": tuple(higher)})
            if taker is not None and same:
                takers: Param = Message("al.takers.both", {"higher": taker})
            elif same:
                takers = Message("al.takers.same", {})
            else:
                takers = taker
            if takers is not None:
                said = Message("al.why.taken", {"sources": empty, "takers": takers})
            else:
                never = all(model.sources[s].available == 0 for s in bits if self.leftover[s] == 0)
                said = Message("al.why.never" if never else "al.why.spent", {"sources": empty})
        if left:
            codes = tuple(model.sources[s].code for s in left)
            rest = Message("al.why.left", {"sources": codes, "amount": Money(sum(self.leftover[s] for s in left))})
            said = Message("al.why.both", {"empty": said, "left": rest}) if said is not None else rest
        return said


def _bits(mask: int) -> list[int]:
    out, s = [], 0
    while mask >> s:
        if mask >> s & 1:
            out.append(s)
        s += 1
    return out
