"""The bulk variants of the projects, directives, agencies, enterprises and accounts services (their loading.py):
rows written with history rows naming the actor (or each record's own author), and a failure midway writing
nothing."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from tiendo.accounts import loading as account_loading
from tiendo.accounts.models import User
from tiendo.agencies import loading as agency_loading
from tiendo.agencies.models import AdminUnit, Agency, Installation
from tiendo.directives import loading as directive_loading
from tiendo.directives.models import Directive, ExtensionRequest, Notification, ProgressUpdate, Task
from tiendo.domain.text import search_key
from tiendo.enterprises import loading as enterprise_loading
from tiendo.enterprises.models import Enterprise
from tiendo.projects import loading as project_loading
from tiendo.projects.models import (
    CapitalSource,
    LegalDocument,
    Milestone,
    ProgressReport,
    Project,
    ScheduleAdjustment,
    Sector,
    Zone,
)

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOT_A_DAY = "not a day"  # fails when its row is written: what comes before it must go too
UNWRITABLE = (ValidationError, ValueError)  # a bad date or number; a key that is no number


@pytest.fixture
def one_at_a_time(monkeypatch):
    """Batches of one row, so a bad second record fails after the first was written."""
    for module in (project_loading, directive_loading, agency_loading, enterprise_loading, account_loading):
        monkeypatch.setattr(module, "BATCH", 1)
    monkeypatch.setattr(directive_loading, "UPDATE_BATCH", 1)


def authors(model, **filters) -> list[tuple[str, int | None, str | None]]:
    rows = model.history.filter(**filters).order_by("history_id")
    return [(row.history_type, row.history_user_id, row.history_change_reason) for row in rows]


# --- projects -----------------------------------------------------------------------------------------------------


def test_sectors_are_added():
    [sector] = project_loading.add_sectors([Sector(code="GT", name="Giao thông")])
    assert Sector.objects.get(pk=sector.pk).name == "Giao thông"


def test_zones_are_added_with_history_by_the_actor(admin_user, commune, one_at_a_time):
    zones = [Zone(code=f"KCN-{n}", name=f"KCN {n}", kind="kcn", commune=commune) for n in (1, 2)]
    project_loading.add_zones(zones, actor=admin_user)
    assert authors(Zone) == [("+", admin_user.pk, None)] * 2
    bad = [Zone(code="KCN-3", name="KCN 3", kind="kcn"), Zone(code="KCN-4", name="KCN 4", kind="kcn", area_ha="x")]
    with pytest.raises(UNWRITABLE):
        project_loading.add_zones(bad, actor=admin_user)
    assert Zone.objects.count() == 2 and Zone.history.count() == 2


def _project(code: str, agency, commune, **extra) -> Project:
    name = f"Dự án {code}"
    return Project(
        code=code,
        name=name,
        kind="public",
        group="C",
        status="implementing",
        agency=agency,
        commune=commune,
        total_investment=1_000_000_000,
        search_key=Project.make_search_key(code, name),
        **extra,
    )


def test_projects_are_added_with_history_by_the_actor(admin_user, agency_x, commune, one_at_a_time):
    created = project_loading.add_projects([_project("P-1", agency_x, commune)], actor=admin_user)
    assert created[0].pk and authors(Project) == [("+", admin_user.pk, None)]
    bad = [_project("P-2", agency_x, commune), _project("P-3", agency_x, commune, policy_decision_date=NOT_A_DAY)]
    with pytest.raises(UNWRITABLE):
        project_loading.add_projects(bad, actor=admin_user)
    assert list(Project.objects.values_list("code", flat=True)) == ["P-1"] and Project.history.count() == 1


def test_milestones_are_added_with_history_by_the_actor(admin_user, project_x, one_at_a_time):
    def milestone(kind, due) -> Milestone:
        return Milestone(project=project_x, kind=kind, first_due=due, current_due=date(2026, 1, 1))

    before = Milestone.objects.count()
    [added] = project_loading.add_milestones([milestone("operation", date(2026, 1, 1))], actor=admin_user)
    assert authors(Milestone, id=added.pk) == [("+", admin_user.pk, None)]
    bad = [milestone("land_handover", date(2022, 1, 1)), milestone("construction_start", NOT_A_DAY)]
    with pytest.raises(UNWRITABLE):
        project_loading.add_milestones(bad, actor=admin_user)
    assert Milestone.objects.count() == before + 1
    assert not Milestone.history.filter(kind="land_handover").exists()


def test_schedule_adjustments_are_added_with_history_by_the_actor(admin_user, project_x, one_at_a_time):
    milestone = project_x.milestones.get(kind="completion")

    def adjustment(decided_on) -> ScheduleAdjustment:
        return ScheduleAdjustment(
            milestone=milestone,
            document_number="12/QĐ-UBND",
            decided_on=decided_on,
            old_due=date(2023, 12, 31),
            new_due=date(2024, 12, 31),
        )

    project_loading.add_schedule_adjustments([adjustment(date(2023, 11, 1))], actor=admin_user)
    assert authors(ScheduleAdjustment) == [("+", admin_user.pk, None)]
    with pytest.raises(UNWRITABLE):
        project_loading.add_schedule_adjustments(
            [adjustment(date(2023, 11, 2)), adjustment(NOT_A_DAY)], actor=admin_user
        )
    assert ScheduleAdjustment.objects.count() == 1 and ScheduleAdjustment.history.count() == 1


def test_capital_sources_are_added_with_history_by_the_actor(admin_user, project_x, one_at_a_time):
    project_loading.add_capital_sources([CapitalSource(project=project_x, source="local", amount=5)], actor=admin_user)
    assert authors(CapitalSource) == [("+", admin_user.pk, None)]
    bad = [CapitalSource(project=project_x, source="central", amount=5), CapitalSource(project=project_x, amount="x")]
    with pytest.raises(UNWRITABLE):
        project_loading.add_capital_sources(bad, actor=admin_user)
    assert CapitalSource.objects.count() == 1 and CapitalSource.history.count() == 1


def test_legal_documents_are_added_with_history_by_the_actor(admin_user, project_x, one_at_a_time):
    def document(day) -> LegalDocument:
        return LegalDocument(project=project_x, kind="policy", number="15/NQ-HĐND", date=day)

    project_loading.add_legal_documents([document(date(2021, 3, 1))], actor=admin_user)
    assert authors(LegalDocument) == [("+", admin_user.pk, None)]
    with pytest.raises(UNWRITABLE):
        project_loading.add_legal_documents([document(date(2021, 3, 2)), document(NOT_A_DAY)], actor=admin_user)
    assert LegalDocument.objects.count() == 1 and LegalDocument.history.count() == 1


def test_progress_reports_are_added_from_a_stream(project_x, officer_x, one_at_a_time):
    def report(day) -> ProgressReport:
        return ProgressReport(
            project=project_x,
            period_end=day,
            physical_progress=10,
            submitted_by=officer_x,
            submitted_at=datetime(2025, 1, 5, 9, tzinfo=HCM),
        )

    before = ProgressReport.objects.count()
    written = project_loading.add_progress_reports(report(date(2024, q * 3, 28)) for q in (1, 2, 3))
    assert written == 3 and ProgressReport.objects.count() == before + 3
    with pytest.raises(UNWRITABLE):
        project_loading.add_progress_reports(iter([report(date(2024, 12, 31)), report(NOT_A_DAY)]))
    assert ProgressReport.objects.count() == before + 3


def test_projects_are_handed_over_with_history_by_the_actor(admin_user, project_x, agency_x, agency_y):
    version = project_x.version
    moved = project_loading.hand_over(
        [(Project.objects.get(pk=project_x.pk), agency_y.pk, "NQ 1669")], actor=admin_user
    )
    project_x.refresh_from_db()
    assert moved == 1 and project_x.agency == agency_y and project_x.version == version
    latest = project_x.history.latest("history_id")
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == ("~", admin_user, "NQ 1669")


def test_a_handover_failing_midway_moves_no_project(admin_user, project_x, agency_x, agency_y, commune, monkeypatch):
    monkeypatch.setattr(project_loading, "BATCH", 1)
    [other] = project_loading.add_projects([_project("P-9", agency_x, commune)], actor=admin_user)
    rows = Project.history.count()
    moves = [(Project.objects.get(pk=project_x.pk), agency_y.pk, "NQ"), (Project.objects.get(pk=other.pk), "x", "NQ")]
    with pytest.raises(UNWRITABLE):
        project_loading.hand_over(moves, actor=admin_user)
    assert set(Project.objects.values_list("agency", flat=True)) == {agency_x.pk}
    assert Project.history.count() == rows


# --- directives ---------------------------------------------------------------------------------------------------


def _directive(number: str, author, issued_on=date(2024, 3, 5)) -> Directive:
    return Directive(
        kind=Directive.Kind.CONCLUSION,
        number=number,
        issued_on=issued_on,
        issuer="UBND tỉnh",
        title=f"Kết luận {number}",
        created_by=author,
    )


def test_directives_are_added_with_history_by_their_authors(specialist, leader, one_at_a_time):
    added = directive_loading.add_directives([_directive("1/TB", specialist), _directive("2/TB", leader)])
    assert authors(Directive) == [("+", specialist.pk, None), ("+", leader.pk, None)]
    assert Directive.objects.get(pk=added[0].pk).search_key == search_key("1/TB Kết luận 1/TB UBND tỉnh")
    with pytest.raises(UNWRITABLE):
        directive_loading.add_directives([_directive("3/TB", leader), _directive("4/TB", leader, NOT_A_DAY)])
    assert Directive.objects.count() == 2 and Directive.history.count() == 2


def _task(directive, agency, author, deadline=date(2024, 6, 30)) -> Task:
    return Task(
        directive=directive,
        title="Rà soát",
        assignee_text="Sở KH&ĐT",
        lead_agency=agency,
        deadline=deadline,
        original_deadline=deadline if deadline != NOT_A_DAY else None,
        assigned_on=directive.issued_on,
        created_by=author,
    )


def test_tasks_are_added_with_history_by_their_authors(
    directive, agency_x, agency_y, specialist, leader, one_at_a_time
):
    given = [(_task(directive, agency_x, specialist), "Giao tại 45/TB", [agency_y.pk])]
    given.append((_task(directive, agency_y, leader), "Giao tại 45/TB", []))
    first, _second = directive_loading.add_tasks(given)
    assert authors(Task) == [("+", specialist.pk, "Giao tại 45/TB"), ("+", leader.pk, "Giao tại 45/TB")]
    assert list(first.cooperating_agencies.all()) == [agency_y]
    bad = [
        (_task(directive, agency_x, leader), "", [agency_y.pk]),
        (_task(directive, agency_x, leader, NOT_A_DAY), "", []),
    ]
    with pytest.raises(UNWRITABLE):
        directive_loading.add_tasks(bad)
    assert Task.objects.count() == 2 and Task.history.count() == 2
    assert Task.cooperating_agencies.through.objects.count() == 1


def test_tasks_are_updated_with_history_by_each_change_author(task_x, task_y, officer_x, officer_y, one_at_a_time):
    task_x.progress, task_y.progress = 40, 60
    written = directive_loading.update_tasks(
        [(task_x, officer_x.pk, "Báo cáo 1"), (task_y, officer_y.pk, "Báo cáo 2")], ["progress"]
    )
    assert written == 2
    assert authors(Task, id=task_x.pk)[-1] == ("~", officer_x.pk, "Báo cáo 1")
    assert authors(Task, id=task_y.pk)[-1] == ("~", officer_y.pk, "Báo cáo 2")
    rows = Task.history.count()
    task_x.deadline, task_y.deadline = date(2024, 9, 30), NOT_A_DAY
    with pytest.raises(UNWRITABLE):
        directive_loading.update_tasks(
            [(task_x, officer_x.pk, "Gia hạn"), (task_y, officer_y.pk, "Gia hạn")], ["deadline"]
        )
    assert Task.objects.get(pk=task_x.pk).deadline == date(2024, 6, 30) and Task.history.count() == rows


def test_progress_updates_are_added_with_history_by_their_authors(task_x, officer_x, officer_y, one_at_a_time):
    def update(author, day=date(2024, 4, 1)) -> ProgressUpdate:
        return ProgressUpdate(task=task_x, reported_on=day, text="Đang làm", percent=30, author=author)

    directive_loading.add_progress_updates([update(officer_x), update(officer_y)])
    assert authors(ProgressUpdate) == [("+", officer_x.pk, None), ("+", officer_y.pk, None)]
    with pytest.raises(UNWRITABLE):
        directive_loading.add_progress_updates([update(officer_x), update(officer_x, NOT_A_DAY)])
    assert ProgressUpdate.objects.count() == 2 and ProgressUpdate.history.count() == 2


def test_extension_requests_are_added_as_made_and_decided(task_x, officer_x, specialist, one_at_a_time):
    def request(deadline=date(2024, 9, 30)) -> ExtensionRequest:
        return ExtensionRequest(
            task=task_x,
            old_deadline=date(2024, 6, 30),
            requested_deadline=deadline,
            reason="Chờ ý kiến",
            requested_by=officer_x,
        )

    asked = datetime(2024, 6, 20, 9, tzinfo=HCM)
    decided = directive_loading.Decision(
        ExtensionRequest.State.APPROVED, specialist.pk, datetime(2024, 6, 25, 15, tzinfo=HCM), "Đồng ý"
    )
    written = directive_loading.add_extension_requests([(request(), asked, decided), (request(), asked, None)])
    assert written == 2
    first, second = ExtensionRequest.objects.order_by("pk")
    assert (first.requested_at, first.state, first.decided_by, first.decision_note) == (
        asked,
        "approved",
        specialist,
        "Đồng ý",
    )
    assert (second.requested_at, second.state) == (asked, "pending")
    assert authors(ExtensionRequest, id=first.pk) == [("+", officer_x.pk, None), ("~", specialist.pk, "Đồng ý")]
    assert authors(ExtensionRequest, id=second.pk) == [("+", officer_x.pk, None)]
    with pytest.raises(UNWRITABLE):
        directive_loading.add_extension_requests([(request(), asked, None), (request(NOT_A_DAY), asked, None)])
    assert ExtensionRequest.objects.count() == 2 and ExtensionRequest.history.count() == 3


def test_tasks_are_handed_over_with_history_by_the_actor(task_x, task_y, agency_x, agency_y, admin_user, one_at_a_time):
    version = task_x.version
    moved = directive_loading.hand_over([(Task.objects.get(pk=task_x.pk), agency_y.pk, "NQ 1669")], actor=admin_user)
    task_x.refresh_from_db()
    assert moved == 1 and task_x.lead_agency == agency_y and task_x.version == version
    assert authors(Task, id=task_x.pk)[-1] == ("~", admin_user.pk, "NQ 1669")
    rows = Task.history.count()
    moves = [(Task.objects.get(pk=task_x.pk), agency_x.pk, "NQ"), (Task.objects.get(pk=task_y.pk), "x", "NQ")]
    with pytest.raises(UNWRITABLE):
        directive_loading.hand_over(moves, actor=admin_user)
    assert Task.objects.get(pk=task_x.pk).lead_agency == agency_y and Task.history.count() == rows


def test_notifications_are_added_once(task_x, officer_x, one_at_a_time):
    def note(day=date(2024, 4, 1)) -> Notification:
        return Notification(user=officer_x, task=task_x, kind=Notification.Kind.ASSIGNED, day=day, message="Việc mới")

    directive_loading.add_notifications([note(), note()])
    assert Notification.objects.count() == 1
    with pytest.raises(UNWRITABLE):
        directive_loading.add_notifications([note(date(2024, 4, 2)), note(NOT_A_DAY)])
    assert Notification.objects.count() == 1


# --- agencies -----------------------------------------------------------------------------------------------------


def test_record_keepers_are_named_with_history_by_the_actor(agency_x, agency_y, people_committee, admin_user):
    named = agency_loading.name_record_keepers(
        [(Agency.objects.get(pk=agency_x.pk), agency_y.pk, "NQ 1669")], actor=admin_user
    )
    agency_x.refresh_from_db()
    assert named == 1 and agency_x.successor == agency_y
    latest = agency_x.history.latest("history_id")
    assert (latest.history_user, latest.history_change_reason) == (admin_user, "NQ 1669")
    rows = Agency.history.count()
    keepers = [
        (Agency.objects.get(pk=agency_y.pk), people_committee.pk, "NQ"),
        (Agency.objects.get(pk=people_committee.pk), "x", "NQ"),
    ]
    with pytest.raises(UNWRITABLE):
        agency_loading.name_record_keepers(keepers, actor=admin_user)
    assert Agency.objects.get(pk=agency_y.pk).successor is None and Agency.history.count() == rows


def test_admin_units_are_added_parents_first_with_history_by_the_actor(province, admin_user, one_at_a_time):
    hp = AdminUnit(code="HP", name="Hải Phòng", unit_type="thành phố", level="province", search_key="hai phong")
    ward = AdminUnit(code="HP-01", name="Lê Chân", unit_type="phường", level="commune", search_key="le chan")
    ward.parent = hp  # listed before its parent: written after it
    agency_loading.add_admin_units([ward, hp], formed_from=[(hp, province)], actor=admin_user)
    assert AdminUnit.objects.get(code="HP-01").parent == AdminUnit.objects.get(code="HP")
    assert list(AdminUnit.objects.get(code="HP").formed_from.all()) == [province]
    assert authors(AdminUnit, code__startswith="HP") == [("+", admin_user.pk, None)] * 2
    assert AdminUnit.history.get(code="HP-01").parent_id == hp.pk
    rows = (AdminUnit.objects.count(), AdminUnit.history.count(), AdminUnit.formed_from.through.objects.count())
    qn = AdminUnit(code="QN", name="Quảng Ninh", unit_type="tỉnh", level="province")
    bad = AdminUnit(code="QN-01", name="Hạ Long", unit_type="phường", level="commune", parent=qn, valid_from=NOT_A_DAY)
    with pytest.raises(UNWRITABLE):
        agency_loading.add_admin_units([qn, bad], formed_from=[(qn, province)], actor=admin_user)
    assert (AdminUnit.objects.count(), AdminUnit.history.count(), AdminUnit.formed_from.through.objects.count()) == rows


def test_agencies_are_added_parents_first_with_history_by_the_actor(people_committee, admin_user, one_at_a_time):
    department = Agency(code="HD-SXD", name="Sở Xây dựng", kind="department", parent=people_committee)
    office = Agency(code="HD-SXD-VP", name="Văn phòng Sở Xây dựng", kind="department", parent=department)
    agency_loading.add_agencies([office, department], actor=admin_user)
    assert Agency.objects.get(code="HD-SXD-VP").parent == Agency.objects.get(code="HD-SXD")
    assert Agency.objects.get(code="HD-SXD").parent == people_committee
    assert authors(Agency, code__startswith="HD-SXD") == [("+", admin_user.pk, None)] * 2
    rows = (Agency.objects.count(), Agency.history.count())
    bank = Agency(code="HD-NH", name="Ngân hàng", kind="department")
    bad = Agency(code="HD-NH-1", name="Chi nhánh", kind="department", parent=bank, valid_to=NOT_A_DAY)
    with pytest.raises(UNWRITABLE):
        agency_loading.add_agencies([bank, bad], actor=admin_user)
    assert (Agency.objects.count(), Agency.history.count()) == rows


def test_the_installation_is_set_up_with_history_by_the_actor(province, agency_x, admin_user):
    installation = agency_loading.set_up_installation(province, agency_x, actor=admin_user)
    assert Installation.current() == installation and installation.owner_agency == agency_x
    assert authors(Installation) == [("+", admin_user.pk, None)]
    with pytest.raises(UNWRITABLE):
        agency_loading.set_up_installation(AdminUnit(code="QN"), agency_x, actor=admin_user)
    assert Installation.objects.count() == 1 and Installation.history.count() == 1


# --- enterprises --------------------------------------------------------------------------------------------------


def test_enterprises_are_added_with_history_by_the_actor(admin_user, one_at_a_time):
    enterprises = [Enterprise(name=f"Công ty {n}", tax_code=f"080000000{n}", search_key=f"cong ty {n}") for n in (1, 2)]
    enterprise_loading.add_enterprises(enterprises, actor=admin_user)
    assert sorted(Enterprise.objects.values_list("tax_code", "version")) == [("0800000001", 1), ("0800000002", 1)]
    assert authors(Enterprise) == [("+", admin_user.pk, None)] * 2
    bad = [Enterprise(name="Công ty 3", tax_code="0800000003"), Enterprise(name="Công ty 4", deleted_at=NOT_A_DAY)]
    with pytest.raises(UNWRITABLE):
        enterprise_loading.add_enterprises(bad, actor=admin_user)
    assert Enterprise.objects.count() == 2 and Enterprise.history.count() == 2


# --- accounts -----------------------------------------------------------------------------------------------------


def test_users_are_added_with_one_password_and_history_by_the_actor(agency_x, admin_user, one_at_a_time):
    users = [User(username=f"cb{n}", full_name=f"Cán bộ {n}", role="officer", agency=agency_x) for n in (1, 2)]
    account_loading.add_users(users, password="mat-khau-ban-dau", actor=admin_user)
    for user in User.objects.filter(username__startswith="cb"):
        assert user.check_password("mat-khau-ban-dau") and user.agency == agency_x
    assert authors(User, username__startswith="cb") == [("+", admin_user.pk, None)] * 2
    rows = (User.objects.count(), User.history.count())
    bad = [User(username="cb3", role="officer", agency=agency_x), User(username="cb4", date_joined=NOT_A_DAY)]
    with pytest.raises(UNWRITABLE):
        account_loading.add_users(bad, password="mat-khau-ban-dau", actor=admin_user)
    assert (User.objects.count(), User.history.count()) == rows
