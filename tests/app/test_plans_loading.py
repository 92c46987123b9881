"""The plans services' bulk variants (plans/loading.py): a plan recorded as it was decided keeps its dates, the
version it was based on is superseded the same moment, and bulk rows get "created" history rows by the actor."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tiendo.plans import services
from tiendo.plans.models import Plan, PlanItem, PlanLine, PlanVersion, Source, SourceBudget

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=HCM)


def test_a_plan_is_recorded_as_it_was_decided(specialist, project_x):
    set_up = at(date(2021, 7, 1))
    [parent] = services.add_sources(
        [Source(code="NSDP", name="Ngân sách địa phương", level="local", order=1)], actor=specialist, at=set_up
    )
    [leaf] = services.add_sources(
        [Source(code="NSDP_CD", name="Vốn cân đối", parent=parent, level="local", order=2)],
        actor=specialist,
        at=set_up,
    )
    plan = services.record_plan(
        Plan(kind="annual", first_year=2022, last_year=2022, title="Kế hoạch năm 2022"), actor=specialist, at=set_up
    )
    assert Plan.objects.get(pk=plan.pk).created_at == set_up
    first = services.record_version(
        PlanVersion(plan=plan, number=0, purpose="initial", title="Giao", decision_date=date(2021, 12, 10)),
        actor=specialist,
        decided_at=at(date(2021, 12, 10), 16),
        drafted_at=at(date(2021, 11, 20)),
    )
    second = services.record_version(
        PlanVersion(plan=plan, number=1, purpose="adjustment", based_on=first, title="Điều chỉnh"),
        actor=specialist,
        decided_at=at(date(2022, 7, 12), 16),
        drafted_at=at(date(2022, 6, 22)),
        superseding="Thay thế bởi 25/NQ-HĐND",
    )
    first.refresh_from_db()
    assert (first.state, second.state) == (PlanVersion.State.SUPERSEDED, PlanVersion.State.APPROVED)
    assert second.approved_by == specialist and second.approved_at == at(date(2022, 7, 12), 16)
    assert PlanVersion.objects.get(pk=second.pk).created_at == at(date(2022, 6, 22))
    superseded = first.history.latest("history_id")
    assert superseded.history_change_reason == "Thay thế bởi 25/NQ-HĐND"
    assert superseded.history_user == specialist and superseded.history_date == at(date(2022, 7, 12), 16)

    decided = {second.pk: at(date(2022, 7, 12), 16)}
    assert services.add_budgets([(second.pk, leaf.pk, 10_000_000_000, "")], actor=specialist, decided_at=decided)
    item_ids = services.add_items(
        [(second.pk, project_x.pk, "new", 8_000_000_000, 0, ["NSDP_CD"], 0, False, None, None, "", "", "", {})],
        actor=specialist,
        decided_at=decided,
    )
    line = (second.pk, item_ids[(second.pk, project_x.pk)], leaf.pk, 8_000_000_000, False)
    assert services.add_lines([line], actor=specialist, decided_at=decided) == 1
    for model in (SourceBudget, PlanItem, PlanLine):
        [row] = model.history.filter(version_id=second.pk)
        assert (row.history_type, row.history_user_id, row.history_date) == ("+", specialist.pk, decided[second.pk])
    assert PlanItem.objects.get(version=second).eligible_sources == ["NSDP_CD"]
