"""The demo's public-investment plans: the 2021-2025 plan and its two adjustments, annual plans 2021-2026,
monthly disbursement; figures that keep the rules (with a few breaches to show), history, and a seed."""

import re
from collections import defaultdict
from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.db.models import DateField, DateTimeField, Max, Min, Sum
from django.utils import timezone

from tiendo.demo import generate
from tiendo.demo import plans as demo_plans
from tiendo.demo.plans import writing
from tiendo.plans.models import (
    Disbursement,
    Plan,
    PlanItem,
    PlanLine,
    PlanVersion,
    ProjectFunding,
    Source,
    SourceBudget,
)
from tiendo.projects.models import LegalDocument, Project

pytestmark = pytest.mark.django_db
SEED = 7
LEAVES = {"NSTW_TN", "NSTW_ODA", "NSTW_MTQG", "NSDP_CD", "NSDP_TSDD", "NSDP_XS", "NSDP_VAY"}
PERIOD = {"A": 6, "B": 4, "C": 3}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The province demo, loaded once for the module and removed afterwards."""
    with django_db_blocker.unblock():
        counts = generate.load("province", seed=SEED, progress=lambda _m: None)
    yield counts
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def _versions(kind: str, first: int) -> list[PlanVersion]:
    return list(PlanVersion.objects.filter(plan__kind=kind, plan__first_year=first).order_by("number"))


def _amounts(version: PlanVersion) -> dict[tuple[int, str], int]:
    return {
        (project, source): amount
        for project, source, amount in version.lines.values_list("item__project_id", "source__code", "amount")
    }


def test_json_counts_name_every_plan_record(demo):
    assert demo["plans"] == Plan.objects.count() == 8
    assert demo["plan_versions"] == PlanVersion.objects.count() == 13
    assert demo["source_budgets"] == SourceBudget.objects.count()
    assert demo["plan_items"] == PlanItem.objects.count() > 5_000
    assert demo["plan_lines"] == PlanLine.objects.count() > demo["plan_items"]
    assert demo["disbursements"] == Disbursement.objects.count() > 30_000
    assert demo["project_funding"] == ProjectFunding.objects.count()


def test_capital_sources_are_a_tree_whose_leaves_carry_capital(demo):
    sources = {s.code: s for s in Source.objects.select_related("parent")}
    assert set(sources) == LEAVES | {"NSTW", "NSDP"}
    assert {code for code, s in sources.items() if s.parent is None} == {"NSTW", "NSDP"}
    assert all(sources[code].parent.code == code.split("_")[0] for code in LEAVES)
    assert all(s.name and s.name_en and s.name_zh for s in sources.values())
    assert sources["NSTW_ODA"].foreign and sources["NSDP"].level == "local"
    assert set(SourceBudget.objects.values_list("source__code", flat=True)) <= LEAVES
    assert set(PlanLine.objects.values_list("source__code", flat=True)) <= LEAVES


def test_medium_term_2021_2025_was_adjusted_twice_when_land_revenue_fell_short(demo):
    versions = _versions("medium_term", 2021)
    assert [v.number for v in versions] == [0, 1, 2]
    assert [v.state for v in versions] == ["superseded", "superseded", "approved"]
    assert [v.based_on_id for v in versions] == [None, versions[0].pk, versions[1].pk]
    assert [v.decision_date.year for v in versions] == [2021, 2023, 2024]
    assert versions[0].decision_number == "09/NQ-HĐND"
    assert all(v.decision_body == "provincial_council" and "Hải Dương" in v.note for v in versions)
    assert versions[0].plan.current_version() == versions[2]
    land = dict(SourceBudget.objects.filter(source__code="NSDP_TSDD").values_list("version_id", "available"))
    assert land[versions[2].pk] < 0.9 * land[versions[1].pk]
    total = versions[2].budgets.aggregate(s=Sum("available"))["s"]
    assert 40_000 * demo_plans.TY < total < 150_000 * demo_plans.TY
    # the adjustments start from the plan before them: most projects stay, new ones come in
    first, second = (
        set(versions[0].items.values_list("project_id", flat=True)),
        set(versions[1].items.values_list("project_id", flat=True)),
    )
    assert len(first & second) > 0.9 * len(first) and len(second) > len(first)
    tiers = set(versions[2].items.values_list("tier", flat=True))
    assert {"completed_unfunded", "oda", "national_programme", "transitional_finishing", "new"} <= tiers


def test_hai_phong_approved_its_2026_2030_plan_after_the_merger(demo):
    (version,) = _versions("medium_term", 2026)
    assert version.state == "approved" and version.decision_date == date(2025, 12, 10)
    assert "Hải Phòng" in version.note and "Hải Phòng" in version.plan.title
    assert version.items.filter(tier="completed_unfunded").exists()
    assert version.items.filter(transitional_into_next=True).exists()


def test_annual_plans_2021_to_2026_are_approved_within_their_medium_term_plan(demo):
    today = timezone.localdate()
    for year in range(2021, 2027):
        plan = Plan.objects.get(kind="annual", first_year=year)
        assert plan.medium_term.first_year == (2021 if year <= 2025 else 2026)
        versions = _versions("annual", year)
        assert [v.state for v in versions] == ["superseded"] * (len(versions) - 1) + ["approved"]
        assert all(v.decision_date <= today and v.decision_number for v in versions)
        assert versions[0].decision_date.year == year - 1  # the council decides it in December
        assert plan.target_path and plan.current_version().items.count() > 100
    cut = _versions("annual", 2024)
    assert len(cut) == 2 and cut[1].decision_date == date(2024, 7, 12)
    land = dict(SourceBudget.objects.filter(source__code="NSDP_TSDD").values_list("version_id", "available"))
    assert land[cut[1].pk] < land[cut[0].pk]
    transfer = _versions("annual", 2025)[1]
    assert transfer.purpose == "transfer" and transfer.decision_body == "provincial_committee"
    assert PlanLine.objects.filter(version=transfer, manual=True).exists()
    before, after = _versions("annual", 2025)
    totals = [
        dict(v.lines.values("source__code").annotate(s=Sum("amount")).values_list("source__code", "s"))
        for v in (before, after)
    ]
    assert totals[0] == totals[1]  # a transfer moves capital between projects, the totals stay


def test_capital_added_after_september_and_extended_capital_run_to_the_next_year_end(demo):
    late = PlanItem.objects.filter(
        capital_added_on__isnull=False, version__state="approved", version__plan__kind="annual"
    )
    assert late.filter(capital_added_on__month__gte=10).exists()
    extended = PlanItem.objects.filter(extended_until__isnull=False).select_related("version__plan")
    assert extended.exists()
    for item in extended:
        assert item.extended_until <= date(item.version.plan.first_year + 1, 12, 31)
        assert item.extension_decision
    # PI-11: without either, nothing is disbursed after 31 January of the next year
    open_until = defaultdict(lambda: None)
    for plan_id, project_id, added, until in PlanItem.objects.filter(
        version__state="approved", version__plan__kind="annual"
    ).values_list("version__plan_id", "project_id", "capital_added_on", "extended_until"):
        open_until[(plan_id, project_id)] = added or until
    rows = Disbursement.objects.values("plan_id", "plan__first_year", "project_id").annotate(last=Max("month"))
    for row in rows:
        if open_until[(row["plan_id"], row["project_id"])] is None:
            assert row["last"] <= date(row["plan__first_year"] + 1, 1, 1), row


def test_every_annual_plan_has_monthly_disbursement_up_to_today(demo):
    today = timezone.localdate()
    for plan in Plan.objects.filter(kind="annual"):
        span = plan.disbursements.aggregate(first=Min("month"), last=Max("month"))
        assert span["first"] >= date(plan.first_year, 1, 1) and span["last"] <= date(plan.first_year + 1, 12, 1)
        assert span["last"] <= today
    assert not Disbursement.objects.exclude(month__day=1).exists()
    assert not Disbursement.objects.filter(amount__lte=0).exists()
    # the latest month is the last one whose Treasury report is out by today: never the month running
    latest = Disbursement.objects.aggregate(last=Max("month"))["last"]
    assert latest == date(*writing.last_reported_month(today), 1) < today.replace(day=1)
    assert writing.report_day(latest) <= today
    # never more than the line in force
    lines = defaultdict(int)
    for plan_id, project_id, source_id, amount in PlanLine.objects.filter(
        version__state="approved", version__plan__kind="annual"
    ).values_list("version__plan_id", "item__project_id", "source_id", "amount"):
        lines[(plan_id, project_id, source_id)] = amount
    paid = Disbursement.objects.values_list("plan_id", "project_id", "source_id").annotate(s=Sum("amount"))
    for plan_id, project_id, source_id, total in paid:
        assert total <= lines[(plan_id, project_id, source_id)], (plan_id, project_id, source_id)


def test_disbursement_follows_an_s_curve_with_slow_and_stalled_projects(demo):
    for year in range(2021, 2026):
        plan = Plan.objects.get(kind="annual", first_year=year)
        allocated = plan.current_version().lines.aggregate(s=Sum("amount"))["s"]
        by_month = dict(plan.disbursements.values("month").annotate(s=Sum("amount")).values_list("month", "s"))
        to_june = sum(a for m, a in by_month.items() if m <= date(year, 6, 1))
        rush = by_month.get(date(year, 12, 1), 0) + by_month.get(date(year + 1, 1, 1), 0)
        paid = sum(by_month.values())
        # a slow start (nationally 22–33 % of the year's plan paid by 30/06 in 2021–2025), a rush in December-January
        # (more than a fifth of the year's plan in those two months, where an even pace would pay a sixth)
        assert to_june < 0.35 * allocated and 0.2 * allocated < rush, (year, to_june, rush, allocated)
        assert 0.7 * allocated < paid <= allocated
        per_project = defaultdict(int)
        for project_id, amount in plan.disbursements.values_list("project_id", "amount"):
            per_project[project_id] += amount
        given = dict(
            plan.current_version()
            .lines.values("item__project_id")
            .annotate(s=Sum("amount"))
            .values_list("item__project_id", "s")
        )
        rates = [per_project.get(project, 0) / amount for project, amount in given.items() if amount]
        zero = sum(1 for r in rates if r == 0) / len(rates)
        slow = sum(1 for r in rates if 0 < r < 0.8) / len(rates)
        assert 0.005 <= zero <= 0.12 and 0.08 <= slow <= 0.35, (year, zero, slow)


def test_no_line_exceeds_its_source_or_its_project_s_need(demo):
    for version in PlanVersion.objects.all():
        budgets = dict(version.budgets.values_list("source_id", "available"))
        spent = version.lines.values("source_id").annotate(s=Sum("amount"))
        for row in spent:
            assert row["s"] <= budgets[row["source_id"]], (version, row)
    assert not PlanLine.objects.filter(amount__lte=0).exists()
    for item in PlanItem.objects.annotate(given=Sum("lines__amount")).values("need", "floor", "given"):
        assert (item["given"] or 0) <= item["need"] and item["floor"] <= item["need"]
    for eligible, source in PlanLine.objects.values_list("item__eligible_sources", "source__code")[:5_000]:
        assert source in eligible


def test_annual_plans_keep_the_medium_term_remainder_and_allocation_period_but_for_a_few(demo):
    medium = _amounts(_versions("medium_term", 2021)[-1])
    annual = {year: _amounts(_versions("annual", year)[-1]) for year in range(2021, 2026)}
    funding = {
        f.project_id: f for f in ProjectFunding.objects.filter(first_allocation_year__isnull=False).select_related()
    }
    groups = dict(Project.objects.filter(kind="public").values_list("pk", "group"))
    over = past = lines = 0
    for year in range(2022, 2026):
        for key, amount in annual[year].items():
            lines += 1
            others = sum(annual[y].get(key, 0) for y in range(2021, 2026) if y != year)
            over += amount > medium.get(key, 0) - others
    assert 0 < over < 0.03 * lines
    items = PlanItem.objects.filter(version__state="approved", version__plan__kind="annual").exclude(
        tier__in=["preparation", "completed_unfunded"]
    )
    count = 0
    for project_id, year in items.values_list("project_id", "version__plan__first_year"):
        f = funding.get(project_id)
        count += 1
        if f and (f.handed_over_year is None or f.handed_over_year > year):
            limit = PERIOD.get(groups[project_id], 6)
            past += year > f.first_allocation_year + limit - 1 + f.allocation_extension_years
    assert 0 < past < 0.02 * count


def test_every_public_project_has_its_funding_facts(demo):
    public = Project.objects.filter(kind="public")
    assert ProjectFunding.objects.count() == public.count()
    decisions = dict(
        LegalDocument.objects.filter(kind="other", summary=demo_plans.INVESTMENT_DECISION).values_list(
            "project_id", "number"
        )
    )
    funding = list(ProjectFunding.objects.select_related("project"))
    with_decision = [f for f in funding if f.has_investment_decision]
    assert all(decisions[f.project_id] == f.investment_decision_number for f in with_decision)
    assert len(with_decision) > 0.9 * len(funding)
    assert all(f.project.status == "preparing" for f in funding if not f.has_investment_decision)
    assert all(f.handed_over_year for f in funding if f.project.status == "completed")
    assert all(f.start_year <= f.finish_year for f in funding)
    assert any(f.allocation_extension_years for f in funding)
    assert all(
        f.first_allocation_year <= f.handed_over_year for f in funding if f.handed_over_year and f.first_allocation_year
    )


def test_plan_records_have_their_history_as_it_happened(demo):
    for model in (Source, Plan, PlanVersion, SourceBudget, PlanItem, PlanLine, Disbursement, ProjectFunding):
        created = model.history.filter(history_type="+").values("id").distinct().count()
        assert created == model.objects.count(), model
    first = _versions("medium_term", 2021)[0]
    rows = list(first.history.order_by("history_date").values_list("state", "history_date", "history_user__username"))
    assert [state for state, *_ in rows] == ["approved", "superseded"]
    assert rows[0][1].date() == date(2021, 8, 20) and rows[0][2] == "chuyenvien"
    assert Disbursement.history.aggregate(first=Min("history_date"))["first"].year == 2021


def test_plans_are_the_same_for_the_same_seed(demo):
    first, again = demo_plans.preview(SEED), demo_plans.preview(SEED)

    def facts(story):
        return {
            (key, made.decision.number, want.project.pk, source): amount
            for key, versions in story.made.items()
            for made in versions
            for want in made.wants
            for source, amount in want.got.items()
            if amount
        }

    assert facts(first) == facts(again)
    assert first.lines == again.lines
    stored = {
        (f"{'MT' if kind == 'medium_term' else 'Y'}{str(year)[-2:] if kind == 'medium_term' else year}", n, p, s): a
        for kind, year, n, p, s, a in PlanLine.objects.values_list(
            "version__plan__kind",
            "version__plan__first_year",
            "version__number",
            "item__project_id",
            "source__code",
            "amount",
        )
    }
    assert stored == facts(first)


def _after(model, day: date) -> list[tuple[str, int]]:
    """The date and time fields of `model` (and of its history) holding a value after `day`, with their counts;
    deadlines (what is due, not what happened) are left out."""
    end = timezone.make_aware(datetime.combine(day, datetime.max.time()))
    found = []
    for m in (model, getattr(model, "history", None) and model.history.model):
        if not m:
            continue
        for f in m._meta.concrete_fields:
            if isinstance(f, DateField) and f.name not in FUTURE_FIELDS:
                limit = end if isinstance(f, DateTimeField) else day
                count = m._default_manager.filter(**{f"{f.name}__gt": limit}).count()
                if count:
                    found.append((f"{m.__name__}.{f.name}", count))
    return found


# what is due, not what happened: a deadline may well be after the demo's day
FUTURE_FIELDS = {"extended_until", "deadline", "original_deadline", "old_deadline", "requested_deadline"}


def test_no_plan_fact_is_dated_after_the_demo_s_day(demo):
    """Every date of the plans part (versions, decisions, budgets, items, lines, disbursement, funding, and their
    history) is on or before the day the demo was built."""
    today = timezone.localdate()
    for model in (Source, Plan, PlanVersion, SourceBudget, PlanItem, PlanLine, Disbursement, ProjectFunding):
        assert _after(model, today) == [], model.__name__
    # and the month that has not ended has no Treasury figure, nor has the month whose report is not out
    assert not Disbursement.objects.filter(month__gte=today.replace(day=1)).exists()
    stamps = Disbursement.history.values_list("month", "history_date")
    assert all(stamp.date() == writing.report_day(month) <= today for month, stamp in stamps.iterator())


def test_a_30_percent_land_revenue_cut_raises_no_central_budget_source(demo):
    """The 2021–2025 plan as the README adjusts it: land-use revenue 30 % lower, the allocation run. The capital
    the approved version left unallocated stays so: no central-budget source (nor any other) gets more than the
    approved version gave from it, unless the draft releases its reserve, and no project's central-budget line moves."""
    from tiendo.accounts.models import User
    from tiendo.plans import services

    clerk = User.objects.get(username="chuyenvien")
    plan = Plan.objects.get(kind="medium_term", first_year=2021)
    approved = plan.current_version()
    draft = services.start_draft(plan, actor=clerk)
    try:
        services.cut_budget(draft, actor=clerk, source="NSDP_TSDD", percent=30, reason="Ước thu giảm")
        run = services.run_allocation(draft, actor=clerk)
        before = dict(approved.lines.values("source__code").annotate(s=Sum("amount")).values_list("source__code", "s"))
        after = dict(draft.lines.values("source__code").annotate(s=Sum("amount")).values_list("source__code", "s"))
        assert all(after.get(code, 0) <= amount for code, amount in before.items()), (before, after)
        assert after["NSDP_TSDD"] < before["NSDP_TSDD"]
        assert run.summary["reserve_kept"] and run.summary["reserve_released"] == {}
        assert sum(run.summary["reserve_kept"].get(code, 0) for code in ("NSTW_TN", "NSTW_ODA", "NSTW_MTQG")) > 0
        # nor any central-budget line of a project: central capital stays where the central government put it
        central = {"source__level": "central"}
        old = dict(
            ((p, s), a) for p, s, a in approved.lines.filter(**central).values_list("item__project", "source", "amount")
        )
        new = dict(
            ((p, s), a) for p, s, a in draft.lines.filter(**central).values_list("item__project", "source", "amount")
        )
        assert new == old and run.summary["central_kept"] == ["NSTW_MTQG", "NSTW_ODA", "NSTW_TN"]
        # who must decide the adjustment is named as the city's body today, not "Hội đồng nhân dân tỉnh"
        from django.utils import translation

        from tiendo.plans.facts import checks

        with translation.override("vi"):
            _breaches, decider = checks(draft)
        assert decider is not None and "thành phố" in decider.label and "tỉnh" not in decider.label, decider
    finally:
        services.discard_draft(draft, actor=clerk)


MERGER = date(2025, 7, 1)  # Hải Dương joins Hải Phòng, a centrally-run city
# a province's bodies named as the province's ("UBND tỉnh", "Tỉnh ủy", "toàn tỉnh"); "tỉnh Hải Dương" stays legitimate
# as a former place name ("trên địa bàn tỉnh Hải Dương cũ", a decision of "UBND tỉnh Hải Dương" in 2023), as does a
# road's class ("đường tỉnh 391")
PROVINCE_WORDING = re.compile(
    r"\b(UBND|HĐND|Ủy ban nhân dân|Hội đồng nhân dân|Chủ tịch UBND|Văn phòng UBND) tỉnh\b(?! Hải Dương)"
    r"|\bTỉnh ủy\b(?! Hải Dương)|\b(của|toàn|trên địa bàn) tỉnh\b(?! Hải Dương)"
)


def test_plan_decisions_after_the_merger_name_the_city_s_bodies(demo):
    from django.utils import translation

    from tiendo.plans import exports
    from tiendo.plans.bodies import body_name

    after = list(PlanVersion.objects.filter(decision_date__gte=MERGER))
    before = list(PlanVersion.objects.filter(decision_date__lt=MERGER))
    assert after and before
    with translation.override("vi"):
        for version in after:
            name = body_name(version)
            assert "thành phố" in name and "tỉnh" not in name, (version.decision_date, name)
            assert exports.title_lines(version)[1].endswith(f"của {name})")
            for text in (version.title, version.note, version.plan.title if version.number else ""):
                assert not PROVINCE_WORDING.search(text), text
        for version in before:
            assert body_name(version).endswith(" tỉnh"), version.decision_date
    with translation.override("en"):
        assert body_name(after[-1]).startswith("City People's")
    items = PlanItem.objects.filter(version__decision_date__gte=MERGER)
    for explanation, note, extension in items.values_list("explanation", "note", "extension_decision").iterator():
        for text in (explanation, note, extension):
            assert not PROVINCE_WORDING.search(text), text
    extended = items.exclude(extension_decision="").values_list("extension_decision", flat=True)
    assert all("thành phố Hải Phòng" in text for text in extended)
