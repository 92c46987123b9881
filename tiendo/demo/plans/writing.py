"""The generated plans written through the plans services' bulk variants (`tiendo/plans/loading.py`): sources,
plans and versions as they were decided, their budgets, items and lines, the monthly disbursement and the funding
facts of the public projects, each history row dated the day it happened and attributed to the province's clerk."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from tiendo.accounts.models import User
from tiendo.domain.allocation import Tier
from tiendo.domain.allocation.messages import TIER_NAMES
from tiendo.domain.languages import Text
from tiendo.domain.messages import Message, Money
from tiendo.domain.money import format_vnd
from tiendo.plans import services
from tiendo.plans.models import Plan, PlanVersion, Source

from ..phases import Phases
from ..projects.loading import _n
from ..projects.vocabulary import TRIEU, VN_TZ
from .allocation import Want
from .decisions import ORDER, PLAN_TITLES, SOURCES, TARGET_PATH, TIER_LETTER, TIER_VI
from .registry import Public, read_projects
from .story import Story

REPORT_DAY = 12  # the Treasury's monthly report is imported on the 12th of the next month


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=VN_TZ)


def explain(want: Want, day: date) -> str:
    """Why the project got what it got, in a sentence a People's Council member reads."""
    need, got, floor = sum(want.need.values()), sum(want.got.values()), sum(want.floor.values())
    law = "Luật Đầu tư công 2019" if day < date(2025, 1, 1) else "Luật Đầu tư công 2024"
    text = f"Thứ tự ưu tiên ({TIER_LETTER[want.tier]}): {TIER_VI[want.tier]}. Nhu cầu {format_vnd(need)}, bố trí "
    text += f"{format_vnd(got)}"
    if got >= need:
        text += ": đủ nhu cầu."
    elif want.whole and got <= floor:
        text += f": dự án khởi công mới chỉ được bố trí khi đủ vốn hoàn thành theo tiến độ ({law}), nguồn không còn đủ."
    else:
        short = [s for s, n in want.need.items() if want.got.get(s, 0) < n]
        text += (
            f": thiếu {format_vnd(need - got)} do nguồn {', '.join(short)} không đủ cho các dự án cùng thứ tự ưu tiên."
        )
    if floor:
        text += f" Giữ {format_vnd(floor)} đã giao hoặc đã giải ngân."
    return text


def explain_message(want: Want, day: date) -> Message:
    """`explain` as a message, to read in any language (its Vietnamese is `explain`'s sentence)."""
    need, got, floor = sum(want.need.values()), sum(want.got.values()), sum(want.floor.values())
    law = "Luật Đầu tư công 2019" if day < date(2025, 1, 1) else "Luật Đầu tư công 2024"
    name = TIER_NAMES[Tier(want.tier)]
    tier = Text(TIER_VI[want.tier], name.en[0].lower() + name.en[1:], name.zh)
    head = Message(
        "al.demo.head", {"letter": TIER_LETTER[want.tier], "tier": tier, "need": Money(need), "got": Money(got)}
    )
    if got >= need:
        said = Message("al.demo.full", {"head": head})
    elif want.whole and got <= floor:
        said = Message("al.demo.whole", {"head": head, "law": law})
    else:
        short = tuple(s for s, n in want.need.items() if want.got.get(s, 0) < n)
        said = Message("al.demo.short", {"head": head, "short": Money(need - got), "sources": short})
    return Message("al.demo.floor", {"text": said, "floor": Money(floor)}) if floor else said


def create_sources(clerk: User | None) -> dict[str, Source]:
    """The capital-source tree, parents first (kept if it is already there)."""
    found = {s.code: s for s in Source.objects.all()}
    for with_parent in (False, True):
        rows = [
            Source(
                code=code,
                name=vi,
                name_en=en,
                name_zh=zh,
                parent=found.get(parent) if parent else None,
                level=level,
                foreign=foreign,
                order=order,
            )
            for code, parent, level, foreign, order, vi, en, zh in SOURCES
            if code not in found and bool(parent) == with_parent
        ]
        services.add_sources(rows, actor=clerk, at=_at(date(2020, 11, 2)))
        found = {s.code: s for s in Source.objects.all()}
    return found


def write(story: Story, sources: dict[str, Source], clerk: User | None) -> tuple[dict[str, int], dict[str, Plan]]:
    """Plans and versions one by one (a handful, each with its history as it happened); budgets, items and lines in
    bulk. Returns the counts and the plans by key."""
    source_pk = {code: s.pk for code, s in sources.items()}
    plans: dict[str, Plan] = {}
    for key, (kind, first, last, title) in PLAN_TITLES.items():
        versions = story.made.get(key)
        if not versions:
            continue
        medium = None if kind == "medium_term" else plans.get("MT21" if first <= 2025 else "MT26")
        plan = Plan(
            kind=kind,
            first_year=first,
            last_year=last,
            title=title,
            medium_term=medium,
            target_path=TARGET_PATH if kind == "annual" else [],
        )
        plans[key] = services.record_plan(plan, actor=clerk, at=_at(versions[0].decision.day - timedelta(days=30)))
    budgets: list[tuple] = []
    items: list[tuple] = []
    wanted: list[Want] = []
    stamps: dict[int, datetime] = {}  # version pk -> when it was approved
    made_versions = []
    for key, plan in plans.items():
        previous = None
        versions = story.made[key]
        for index, made in enumerate(versions):
            d = made.decision
            decided = _at(d.day, 16)
            version = PlanVersion(
                plan=plan,
                number=d.number,
                purpose=d.purpose,
                based_on=previous,
                title=d.title,
                decision_number=d.document,
                decision_date=d.day,
                decision_body=d.body,
                note=f"{d.issuer}. {d.note}".strip(),
                allocation={"generated_by": "demo", "unallocated": made.unallocated()},
            )
            services.record_version(
                version,
                actor=clerk,
                decided_at=decided,
                drafted_at=_at(d.day - timedelta(days=20)),
                superseding=f"Thay thế bởi {d.document} ngày {d.day:%d/%m/%Y} của {d.issuer}",
            )
            made_versions.append((version, made))
            stamps[version.pk] = decided
            previous = version
            for source, amount in made.budget.items():
                budgets.append((version.pk, source_pk[source], amount, made.budget_notes.get(source, "")))
            last_version = index == len(versions) - 1
            extension = story.extension(plan.first_year) if plan.kind == "annual" and last_version else None
            first = 2021 if plan.first_year <= 2025 else 2026
            for want in made.wants:
                if not any(want.got.values()) and not any(want.floor.values()):
                    continue
                p = want.project
                fate = story.fates.get((plan.first_year, p.pk))
                extended = extension if extension and fate and fate.extended and any(want.got.values()) else None
                items.append(
                    (
                        version.pk,
                        p.pk,
                        want.tier,
                        sum(want.need.values()),
                        sum(want.floor.values()),
                        p.eligible_sources(want.need),
                        p.funded_before(first if plan.kind == "medium_term" else plan.first_year),
                        p.finish.year > first + 4,
                        want.added_on,
                        extended[0] if extended else None,
                        extended[1] if extended else "",
                        explain(want, d.day),
                        want.note,
                        explain_message(want, d.day).to_json(),
                    )
                )
                wanted.append(want)
    services.add_budgets(budgets, actor=clerk, decided_at=stamps)
    item_ids = services.add_items(items, actor=clerk, decided_at=stamps)
    lines = []
    for item, want in zip(items, wanted, strict=True):
        item_id = item_ids[item[:2]]
        for source, amount in sorted(want.got.items(), key=lambda pair: ORDER[pair[0]]):
            if amount > 0:
                lines.append((item[0], item_id, source_pk[source], amount, want.manual))
    services.add_lines(lines, actor=clerk, decided_at=stamps)
    return {
        "plans": len(plans),
        "plan_versions": len(made_versions),
        "source_budgets": len(budgets),
        "plan_items": len(items),
        "plan_lines": len(lines),
    }, plans


def report_day(month: date) -> date:
    """The day the Treasury's report of `month` is imported: the 12th of the month after it."""
    return date(month.year + month.month // 12, month.month % 12 + 1, REPORT_DAY)


def last_reported_month(today: date) -> tuple[int, int]:
    """The latest month whose report is out by `today`: a month not ended, or whose report is not out yet, is not
    known (no figure dated after the demo's day)."""
    month = date(today.year, today.month, 1)
    while report_day(month) > today:
        month = (month - timedelta(days=1)).replace(day=1)
    return month.year, month.month


def write_disbursements(story: Story, plans: dict[str, Plan], source_pk: dict[str, int], clerk: User | None) -> int:
    """What the Treasury reported paid each month, per project and source: only the months whose report is out by
    today (`last_reported_month`).

    A project is paid when it claims completed work, not every month: about every other month, always in December
    and January and when its capital runs out. The history date is the day the month's report was imported."""
    today = story.today
    rng = story.rng
    rows: list[tuple] = []
    months = [(y, m) for y in range(2021, today.year + 2) for m in range(1, 13)]
    first_days = {key: date(key[0], key[1], 1) for key in months}
    files = {key: f"KBNN_giai-ngan_{key[0]}-{key[1]:02d}.xlsx" for key in months}
    last = last_reported_month(today)
    for (year, pk, source), _changes in sorted(story.lines.items()):
        plan = plans.get(f"Y{year}")
        if plan is None:
            continue
        values = story.cumulative(year, pk, source)
        source_id = source_pk[source]
        before = 0
        for index, value in enumerate(values):
            key = (year + index // 12, index % 12 + 1)
            if key > last:
                break
            stops = index == 23 or values[index + 1] - value < TRIEU
            if not (stops or index in (11, 12) or rng.random() < 0.5):
                continue
            total = int(value) // TRIEU * TRIEU
            if total > before:
                rows.append((plan.pk, pk, source_id, first_days[key], total - before, files[key]))
                before = total
    stamps = {}
    for key in {row[3] for row in rows}:
        stamps[key] = _at(report_day(key), 8)
    return services.add_disbursements(rows, actor=clerk, reported_at=stamps)


def _first_year(p: Public) -> int | None:
    """A project handed over before any plan here funded its works was funded from its schedule's first year."""
    if p.handed and (p.first_year is None or p.first_year > p.handed.year):
        return min(p.works_from, p.handed.year)
    return p.first_year


def write_funding(story: Story, clerk: User | None) -> int:
    rows = [
        (
            p.pk,
            p.decision_number,
            p.approved,
            (p.approved or p.decided).year,
            p.finish_due.year,
            _first_year(p),
            p.handed.year if p.handed else None,
            p.extension,
        )
        for p in story.projects
    ]
    return services.add_funding(rows, actor=clerk, at=timezone.now())


def load(seed: int, *, today: date | None = None, phases: Phases) -> dict[str, int]:
    """The capital sources, the demo province's plans with their versions, items and lines, the monthly
    disbursement, and the funding facts of its public projects (two phases: plans, then disbursement)."""
    today = today or timezone.localdate()
    clerk = User.objects.filter(username="chuyenvien").first()
    sources = create_sources(clerk)
    story = preview(seed, today)
    counts, plans = write(story, sources, clerk)
    phases.done(
        "plans",
        f"Kế hoạch đầu tư công: {counts['plans']} kế hoạch, {counts['plan_versions']} phiên bản, "
        f"{_n(counts['plan_lines'])} dòng vốn",
    )
    source_pk = {code: s.pk for code, s in sources.items()}
    counts["disbursements"] = write_disbursements(story, plans, source_pk, clerk)
    counts["project_funding"] = write_funding(story, clerk)
    phases.done("disbursement", f"Giải ngân: {_n(counts['disbursements'])} dòng")
    return counts


def preview(seed: int, today: date | None = None) -> Story:
    """The plans `load` makes from the registry in the database, without writing anything (for the tests)."""
    today = today or timezone.localdate()
    rng = random.Random(f"{seed}-plans")
    return Story(read_projects(rng, today), rng, today).run()
