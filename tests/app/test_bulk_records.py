"""audit.bulk_records: records written by insert_rows land as the ORM would write them (values, keys, history
rows), a bad value fails as the ORM fails; and the demo's generating worker hands its items over in order."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from tiendo.audit.bulk_records import add_records, add_rows, insert_values, reserve_keys
from tiendo.audit.models import acted_by
from tiendo.demo.worker import WorkerError, made_in_a_worker
from tiendo.projects.models import Milestone, ProgressReport, Zone

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_keys_follow_the_ones_the_database_gave(commune, admin_user):
    first = Zone.objects.create(code="KCN-A", name="KCN A", kind="kcn", commune=commune)
    zones = [Zone(code=f"KCN-{n}", name=f"KCN {n}", kind="kcn", commune=commune) for n in (1, 2, 3)]
    acted_by(zones[1], admin_user, "Nhập từ hệ thống cũ")
    add_records(Zone, zones, actor=None)
    assert [z.pk for z in zones] == [first.pk + 1, first.pk + 2, first.pk + 3]
    assert reserve_keys(Zone, 2) == [first.pk + 4, first.pk + 5]  # reserved, not written: still past them
    rows = Zone.history.filter(code__in=["KCN-1", "KCN-2", "KCN-3"]).order_by("history_id")
    assert [(r.id, r.history_type, r.history_user_id, r.history_change_reason) for r in rows] == [
        (zones[0].pk, "+", None, None),
        (zones[1].pk, "+", admin_user.pk, "Nhập từ hệ thống cũ"),
        (zones[2].pk, "+", None, None),
    ]


def test_rows_take_the_defaults_a_new_record_holds_and_are_checked(project_x, admin_user):
    [key] = add_rows(Milestone, ["project_id", "kind", "first_due"], [(project_x.pk, "operation", date(2027, 3, 31))])
    milestone = Milestone.objects.get(pk=key)
    assert (milestone.version, milestone.note, milestone.done) == (1, "", None)
    assert Milestone.history.get(id=key).history_type == "+"
    with pytest.raises(ValueError, match="every row needs 3 values"):
        add_rows(Milestone, ["project_id", "kind", "first_due"], [(project_x.pk, "operation")])
    with pytest.raises(ValueError, match="no column"):
        add_rows(Milestone, ["project_id", "colour"], [(project_x.pk, "red")])
    with pytest.raises(ValidationError):
        add_rows(Milestone, ["project_id", "kind", "first_due"], [(project_x.pk, "operation", "31/03/2027")])


def test_values_land_as_the_orm_writes_them(project_x, officer_x):
    submitted = datetime(2025, 4, 8, 9, 30, tzinfo=HCM)
    by_orm = ProgressReport.objects.create(
        project=project_x,
        period_end=date(2025, 3, 31),
        physical_progress=Decimal("12.50"),
        submitted_by=officer_x,
        submitted_at=submitted,
    )
    fields = ("project_id", "period_end", "physical_progress", "disbursed_to_date", "submitted_by_id", "submitted_at")
    row = (project_x.pk, date(2025, 3, 31), Decimal("12.50"), 0, officer_x.pk, submitted)
    assert insert_values(ProgressReport, fields, iter([row])) == 1
    ours = ProgressReport.objects.exclude(pk=by_orm.pk).get(project=project_x, period_end=date(2025, 3, 31))
    assert [getattr(ours, name) for name in fields] == [getattr(by_orm, name) for name in fields]
    with pytest.raises(ValidationError):
        insert_values(ProgressReport, fields, [(project_x.pk, date(2025, 6, 30), "x", 0, None, submitted)])


def test_the_worker_hands_items_over_in_order_and_its_errors_here():
    assert list(made_in_a_worker(lambda: iter(range(5)))) == [0, 1, 2, 3, 4]

    def failing():
        yield 1
        raise KeyError("no such province")

    made = made_in_a_worker(failing)
    assert next(made) == 1
    with pytest.raises(WorkerError, match="no such province"):
        next(made)
