"""The approved version's unallocated capital (its reserve) in an adjustment: a run never hands it out unless the
draft's budget releases it, explicitly, at most all of it, with the history and the comparison saying so."""

import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.app.test_plans import BN, amounts, annual, given, june_2025, medium_term, projects, sources  # noqa: F401
from tiendo.domain.allocation.reserve import run_capital, unallocated_reserve
from tiendo.plans import facts, services
from tiendo.plans.models import PlanItem, PlanLine, SourceBudget

pytestmark = pytest.mark.django_db


def _by_source(version) -> dict[str, int]:
    totals: dict[str, int] = {}
    for (_project, source), amount in amounts(version).items():
        totals[source] = totals.get(source, 0) + amount
    return totals


@pytest.fixture
def draft(annual, specialist):  # noqa: F811 (the fixture of test_plans)
    """A draft of the 2025 plan whose P4 needs 40 bn: balanced capital has 20 bn the approved version left
    unallocated (60 bn, 40 given), which would fund it."""
    draft = services.start_draft(annual, actor=specialist)
    PlanItem.objects.filter(version=draft, project__code="HD-DTC-04").update(need=40 * BN)
    return draft


def test_the_reserve_is_what_was_left_unallocated_within_the_new_estimate():
    assert unallocated_reserve(60, 60, 40) == 20
    assert unallocated_reserve(80, 60, 40) == 20  # capital added above the approved estimate is new, for the run
    assert unallocated_reserve(50, 60, 40) == 10  # a cut takes the reserve first
    assert unallocated_reserve(30, 60, 40) == 0
    assert unallocated_reserve(60, None, 0) == 0  # a source the approved version did not have
    assert run_capital(60, 20, 0) == 40 and run_capital(60, 20, 5) == 45 and run_capital(60, 20, 99) == 60
    assert run_capital(80, 20, 0) == 60


def test_a_cut_never_makes_a_source_grow_the_reserve_stays_unallocated(annual, draft, specialist):  # noqa: F811
    approved = annual.current_version()
    services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(30), reason="Ước thu giảm")
    run = services.run_allocation(draft, actor=specialist)
    before, after = _by_source(approved), _by_source(draft)
    assert all(after.get(code, 0) <= amount for code, amount in before.items()), (before, after)
    assert after["NSDP_CD"] == 40 * BN  # P4 shares it with P2 of its tier, P3 (new) loses: nothing more
    assert run.summary["reserve_kept"] == {"NSDP_CD": 20 * BN} and run.summary["reserve_released"] == {}
    assert run.summary["unallocated"]["NSDP_CD"] == 20 * BN
    result = facts.comparison(draft, approved)
    assert result.reserve_released == {} and result.totals["after"] <= result.totals["before"]
    out = io.StringIO()
    call_command("plan", "compare", str(draft.pk), "--as", specialist.username, stdout=out)
    assert "Dự phòng chưa phân bổ của phiên bản được duyệt: giữ nguyên, không phân bổ." in out.getvalue()


def test_capital_added_above_the_approved_estimate_goes_to_the_run_but_not_the_reserve(draft, specialist):
    services.set_budgets(draft, actor=specialist, amounts={"NSDP_CD": 80 * BN}, reason="Bổ sung vốn cân đối")
    run = services.run_allocation(draft, actor=specialist)
    assert given(draft, "HD-DTC-04") == 40 * BN
    assert run.summary["reserve_kept"] == {"NSDP_CD": 20 * BN}
    assert _by_source(draft)["NSDP_CD"] == 60 * BN


def test_releasing_the_reserve_lets_the_run_allocate_it_and_the_comparison_says_so(
    annual,  # noqa: F811
    draft,
    specialist,
    login,
):
    services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(30), reason="Ước thu giảm")
    out = io.StringIO()
    call_command(
        "plan", "budget", str(draft.pk), "--source", "NSDP_CD", "--release-reserve", "15 tỷ", "--reason",
        "Tờ trình 12/TTr-SKHĐT", "--json", "--as", specialist.username, stdout=out,
    )  # fmt: skip
    assert json.loads(out.getvalue())["reserve_released"] == 15 * BN
    budget = SourceBudget.objects.get(version=draft, source__code="NSDP_CD")
    reason = budget.history.latest().history_change_reason
    assert reason.startswith("Giải phóng dự phòng chưa phân bổ nguồn NSDP_CD: 0 → 15.000 triệu đồng")
    assert "12/TTr-SKHĐT" in reason and budget.history.latest().history_user == specialist
    run = services.run_allocation(draft, actor=specialist)
    assert _by_source(draft)["NSDP_CD"] == 55 * BN
    assert run.summary["reserve_released"] == {"NSDP_CD": 15 * BN}
    assert run.summary["reserve_kept"] == {"NSDP_CD": 5 * BN}
    assert facts.comparison(draft, annual.current_version()).reserve_released == {"NSDP_CD": 15 * BN}
    out = io.StringIO()
    call_command("plan", "compare", str(draft.pk), "--as", specialist.username, stdout=out)
    assert "Dự phòng chưa phân bổ được giải phóng: NSDP_CD 15 tỷ đồng." in out.getvalue()
    page = login(specialist).get(reverse("plans:compare", args=[draft.pk]), HTTP_ACCEPT_LANGUAGE="vi")
    assert "dự phòng chưa phân bổ được giải phóng" in page.content.decode().lower()
    # all of it, then none again
    call_command("plan", "budget", str(draft.pk), "--source", "NSDP_CD", "--release-reserve", "all", "--as",
                 specialist.username, stdout=io.StringIO())  # fmt: skip
    assert SourceBudget.objects.get(version=draft, source__code="NSDP_CD").reserve_released == 20 * BN
    services.release_reserve(draft, actor=specialist, source="NSDP_CD", amount=0)
    assert SourceBudget.objects.get(version=draft, source__code="NSDP_CD").reserve_released == 0


def test_releasing_more_than_the_reserve_is_refused_in_vietnamese(draft, specialist, login):
    with pytest.raises(CommandError, match=r"tối đa 20 tỷ đồng dự phòng chưa phân bổ"):
        call_command("plan", "budget", str(draft.pk), "--source", "NSDP_CD", "--release-reserve", "25 tỷ",
                     "--as", specialist.username)  # fmt: skip
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("plan", "budget", str(draft.pk), "--source", "NSDP_CD", "--release-reserve", "-5",
                     "--as", specialist.username)  # fmt: skip
    with pytest.raises(ValidationError):
        services.release_reserve(draft, actor=specialist, source="NSDP_TSDD", amount=1)  # all of it was allocated
    client = login(specialist)
    page = client.get(reverse("plans:budgets", args=[draft.pk]), HTTP_ACCEPT_LANGUAGE="vi")
    assert page.status_code == 200 and 'name="s-NSDP_CD-release"' in page.content.decode()
    response = client.post(reverse("plans:budgets", args=[draft.pk]), {"s-NSDP_CD-release": "25.000.000.000"},
                           HTTP_ACCEPT_LANGUAGE="vi")  # fmt: skip
    assert response.status_code == 400 and "tối đa 20 tỷ đồng" in response.content.decode()
    assert SourceBudget.objects.get(version=draft, source__code="NSDP_CD").reserve_released == 0
    response = client.post(reverse("plans:budgets", args=[draft.pk]), {"s-NSDP_CD-release": "20.000.000.000"})
    assert response.status_code == 302
    assert SourceBudget.objects.get(version=draft, source__code="NSDP_CD").reserve_released == 20 * BN


def test_only_the_specialist_releases_the_reserve(draft, leader, officer_x):
    for user in (leader, officer_x):
        with pytest.raises(PermissionDenied):
            services.release_reserve(draft, actor=user, source="NSDP_CD", amount=BN)
    with pytest.raises(CommandError):
        call_command("plan", "budget", str(draft.pk), "--source", "NSDP_CD", "--release-reserve", "1 tỷ",
                     "--as", leader.username)  # fmt: skip
    assert SourceBudget.objects.get(version=draft, source__code="NSDP_CD").reserve_released == 0


@pytest.fixture
def with_central(annual, sources):  # noqa: F811
    """The approved 2025 plan also has 30 bn of central capital (NSTW), 10 bn of it given to the new project P3
    (need 40 bn), 20 bn left unallocated; P1, first in priority, may use it too."""
    approved = annual.current_version()
    SourceBudget.objects.create(version=approved, source=sources["central"], available=30 * BN)
    PlanItem.objects.filter(version=approved, project__code="HD-DTC-01").update(eligible_sources=["NSDP_TSDD", "NSTW"])
    p3 = PlanItem.objects.get(version=approved, project__code="HD-DTC-03")
    p3.need, p3.eligible_sources = 40 * BN, ["NSDP_TSDD", "NSDP_CD", "NSTW"]
    p3.save()
    PlanLine.objects.create(version=approved, item=p3, source=sources["central"], amount=10 * BN)
    return approved


def _central(version) -> dict[str, int]:
    return {project: amount for (project, source), amount in amounts(version).items() if source == "NSTW"}


def test_a_local_cut_moves_no_central_capital_between_projects(annual, with_central, specialist):  # noqa: F811
    """Land-use revenue 30 % lower: P1 (first in priority) loses land revenue but does not take P3's central
    capital: central lines are assigned by the central government and stay as approved while the draft leaves
    the central estimate as it was."""
    draft = services.start_draft(annual, actor=specialist)
    services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(30), reason="Ước thu giảm")
    run = services.run_allocation(draft, actor=specialist)
    assert _central(draft) == _central(with_central) == {"HD-DTC-03": 10 * BN}
    assert run.summary["central_kept"] == ["NSTW"] and run.summary["reserve_kept"]["NSTW"] == 20 * BN
    p3 = draft.items.get(project__code="HD-DTC-03")
    assert "Vốn ngân sách trung ương không thay đổi, giữ như phiên bản được duyệt: NSTW 10 tỷ đồng." in p3.explanation
    before, after = amounts(with_central), amounts(draft)
    assert all(after.get(key, 0) <= amount for key, amount in before.items() if key[1] == "NSTW")
    # the draft changes the central estimate (here: releases its reserve): central capital follows the priorities
    services.release_reserve(draft, actor=specialist, source="NSTW", amount=None)
    run = services.run_allocation(draft, actor=specialist)
    assert run.summary["central_kept"] == [] and run.summary["reserve_released"] == {"NSTW": 20 * BN}
    assert _central(draft).get("HD-DTC-01", 0) > 0
    assert sum(_central(draft).values()) <= 30 * BN
