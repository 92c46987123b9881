"""Merging agencies moves what is open to the successor and leaves the past where it was."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tiendo.accounts.models import User
from tiendo.agencies.models import AdminUnit, Agency, Reorganisation
from tiendo.agencies.reorganisation import ReorganisationError, merge_agencies, merge_units

pytestmark = pytest.mark.django_db
REFORM = date(2025, 3, 1)
DECISION = "Nghị định 45/2025/NĐ-CP"


@pytest.fixture
def old_unit(agency_x):
    """A unit of the merged department still in force, and one that had already ended."""
    live = Agency.objects.create(code="HD-SKHDT-P1", name="Phòng Đầu tư", kind="other", parent=agency_x)
    ended = Agency.objects.create(
        code="HD-SKHDT-P0",
        name="Phòng Đăng ký kinh doanh cũ",
        kind="other",
        parent=agency_x,
        valid_to=date(2022, 12, 31),
    )
    return live, ended


def test_merge_ends_source_the_day_before_and_names_successor(agency_x, agency_y, admin_user):
    merge_agencies([agency_x], agency_y, REFORM, DECISION, actor=admin_user)
    agency_x.refresh_from_db()
    assert agency_x.valid_to == date(2025, 2, 28)
    assert agency_x.successor == agency_y
    assert agency_x.is_valid_on(date(2025, 2, 28))
    assert not agency_x.is_valid_on(REFORM)


def test_merge_moves_active_staff_and_units_in_force(agency_x, agency_y, officer_x, specialist, admin_user, old_unit):
    live, ended = old_unit
    gone = User.objects.create(username="retired", role="officer", agency=agency_x, is_active=False)
    result = merge_agencies([agency_x], agency_y, REFORM, DECISION, actor=admin_user)
    officer_x.refresh_from_db()
    specialist.refresh_from_db()
    gone.refresh_from_db()
    live.refresh_from_db()
    ended.refresh_from_db()
    assert officer_x.agency == agency_y
    assert specialist.agency == agency_y
    assert gone.agency == agency_x  # closed record: stays with the agency of its time
    assert live.parent == agency_y
    assert ended.parent == agency_x
    assert result.moved["accounts.User.agency"] == 2
    assert result.moved["agencies.Agency.parent"] == 1


def test_merge_moves_the_installation_operator(installation, agency_x, agency_y, admin_user):
    merge_agencies([agency_x], agency_y, REFORM, DECISION, actor=admin_user)
    installation.refresh_from_db()
    assert installation.owner_agency == agency_y


def test_merge_keeps_history_with_actor_and_decision(agency_x, agency_y, officer_x, admin_user):
    merge_agencies([agency_x], agency_y, REFORM, DECISION, actor=admin_user)
    last = agency_x.history.latest()
    assert last.history_user == admin_user
    assert DECISION in last.history_change_reason
    moved = officer_x.history.latest()
    assert moved.agency_id == agency_y.pk
    assert moved.history_user == admin_user
    assert officer_x.history.earliest().agency_id == agency_x.pk


def test_merge_records_the_reorganisation(agency_x, agency_y, admin_user):
    merge_agencies([agency_x], agency_y, REFORM, DECISION, actor=admin_user, note="ORG-02")
    record = Reorganisation.objects.get()
    assert record.target == agency_y
    assert list(record.sources.all()) == [agency_x]
    assert record.performed_by == admin_user


def test_successor_officers_see_predecessor_records(agency_x, agency_y, officer_y, admin_user, login):
    merge_agencies([agency_x], agency_y, REFORM, DECISION, actor=admin_user)
    officer_y.refresh_from_db()
    response = login(officer_y).get(reverse("agencies:detail", args=[agency_x.code]))
    assert b'id="history"' in response.content


def test_reports_of_past_periods_keep_the_agency_of_then(agency_x, agency_y, admin_user):
    merge_agencies([agency_x], agency_y, REFORM, DECISION, actor=admin_user)
    year_2024 = set(Agency.objects.during(date(2024, 1, 1), date(2024, 12, 31)).values_list("code", flat=True))
    year_2026 = set(Agency.objects.during(date(2026, 1, 1), date(2026, 12, 31)).values_list("code", flat=True))
    assert "HD-SKHDT" in year_2024
    assert "HD-SKHDT" not in year_2026
    assert agency_y.lineage_ids() == {agency_x.pk, agency_y.pk}


@pytest.mark.parametrize(
    ("effective", "decision", "message"),
    [
        (REFORM, "  ", "văn bản"),
        (date(2007, 1, 1), DECISION, "HD-SKHDT"),  # the source only starts in 2008
    ],
)
def test_merge_refuses_bad_requests_and_changes_nothing(
    agency_x, agency_y, officer_x, admin_user, effective, decision, message
):
    from django.utils import translation

    with translation.override("vi"), pytest.raises(ReorganisationError) as error:
        merge_agencies([agency_x], agency_y, effective, decision, actor=admin_user)
    assert message in str(error.value)
    agency_x.refresh_from_db()
    officer_x.refresh_from_db()
    assert agency_x.valid_to is None and agency_x.successor is None
    assert officer_x.agency == agency_x
    assert not Reorganisation.objects.exists()


def test_merge_refuses_an_agency_already_merged(agency_x, agency_y, people_committee, admin_user):
    merge_agencies([agency_x], agency_y, REFORM, DECISION, actor=admin_user)
    with pytest.raises(ReorganisationError):
        merge_agencies([agency_x], people_committee, date(2025, 7, 1), DECISION, actor=admin_user)
    with pytest.raises(ReorganisationError):
        merge_agencies([people_committee], agency_x, date(2025, 7, 1), DECISION, actor=admin_user)


def test_province_merge_moves_units_and_installation(installation, province, admin_user):
    city = AdminUnit.objects.create(code="HP", name="Hải Phòng", unit_type="thành phố", level="province")
    district = AdminUnit.objects.create(
        code="HD-NS", name="Nam Sách", unit_type="huyện", level="district", parent=province, valid_to=date(2025, 6, 30)
    )
    commune = AdminUnit.objects.create(code="HD-X", name="Thái Tân", unit_type="xã", level="commune", parent=province)
    merge_units([province], city, date(2025, 7, 1), "Nghị quyết 202/2025/QH15", actor=admin_user)
    installation.refresh_from_db()
    district.refresh_from_db()
    commune.refresh_from_db()
    assert installation.province == city
    assert commune.parent == city
    assert district.parent == province  # the abolished district stays in the old province, for old records


def test_merge_command_json(agency_x, agency_y, officer_x, admin_user, capsys):
    call_command(
        "agencies", "merge", "HD-SKHDT", "--into", "HD-STC", "--date", "01/03/2025", "--decision", DECISION, "--json"
    )
    out = capsys.readouterr().out
    assert '"accounts.User.agency": 1' in out
    officer_x.refresh_from_db()
    assert officer_x.agency == agency_y


def test_merge_command_refuses_non_admin(agency_x, agency_y, specialist):
    with pytest.raises(CommandError, match="quyền"):
        call_command(
            "agencies",
            "merge",
            "HD-SKHDT",
            "--into",
            "HD-STC",
            "--date",
            "2025-03-01",
            "--decision",
            DECISION,
            "--as",
            "specialist",
        )
    agency_x.refresh_from_db()
    assert agency_x.successor is None


def test_merge_command_rejects_a_bad_date(agency_x, agency_y, admin_user):
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command(
            "agencies", "merge", "HD-SKHDT", "--into", "HD-STC", "--date", "31/02/2025", "--decision", DECISION
        )


def test_admin_action_merges(client, admin_user, agency_x, agency_y, officer_x):
    client.force_login(admin_user)
    url = reverse("admin:agencies_agency_changelist")
    first = client.post(url, {"action": "merge_selected", "_selected_action": [agency_x.pk]})
    assert first.status_code == 200
    assert "Merge" in first.content.decode() or "Sáp nhập" in first.content.decode()
    done = client.post(
        url,
        {
            "action": "merge_selected",
            "_selected_action": [agency_x.pk],
            "apply": "1",
            "target": agency_y.pk,
            "effective": "01/03/2025",
            "decision": DECISION,
        },
    )
    assert done.status_code == 302
    officer_x.refresh_from_db()
    assert officer_x.agency == agency_y
    assert Reorganisation.objects.get().performed_by == admin_user


def test_non_admins_cannot_reach_the_admin(client, specialist):
    client.force_login(specialist)
    response = client.get(reverse("admin:agencies_agency_changelist"))
    assert response.status_code == 302


def test_organisation_chart_before_and_after_a_merge(login, specialist, agency_x, agency_y, admin_user, old_unit):
    merge_agencies([agency_x], agency_y, REFORM, DECISION, actor=admin_user)
    client = login(specialist)
    before = client.get(reverse("agencies:tree") + "?on=28/02/2025").content.decode()
    after = client.get(reverse("agencies:tree") + "?on=01/03/2025").content.decode()
    assert "Sở Kế hoạch và Đầu tư" in before and "Sở Kế hoạch và Đầu tư" not in after
    # the unit still in force now stands under the successor
    assert after.index("Phòng Đầu tư") > after.index("Sở Tài chính tỉnh Hải Dương")


def test_organisation_chart_rejects_a_bad_date(login, specialist, agency_x):
    from django.utils import translation

    with translation.override("vi"):
        response = login(specialist).get(reverse("agencies:tree") + "?on=32/13/2025")
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_organisation_chart_of_a_past_date_shows_the_parents_of_then(
    login, specialist, agency_x, agency_y, admin_user, old_unit
):
    live, _ended = old_unit
    merge_agencies([agency_x], agency_y, REFORM, DECISION, actor=admin_user)
    response = login(specialist).get(reverse("agencies:tree") + "?on=28/02/2025")
    rows = [(agency.code, depth) for agency, depth in response.context["rows"]]
    position = rows.index((live.code, 2))
    assert rows[position - 1] == (agency_x.code, 1)  # directly under the agency it stood under then
    record = Reorganisation.objects.get()
    assert record.moves["agencies.Agency.parent"] == [[live.pk, agency_x.pk]]
