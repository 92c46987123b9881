"""Records that outlive their agencies (edit forms keep the current value, templates survive empty references, the
data check) and no lost update (two sessions editing one record: the later stale save changes nothing)."""

import json
from datetime import date

import pytest
from conftest import _user
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from tiendo.agencies.models import Agency
from tiendo.directives.models import Directive, Task
from tiendo.domain.access import Role
from tiendo.enterprises.models import Enterprise
from tiendo.ops.integrity import find_problems
from tiendo.projects.models import Milestone, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged(agency_x, agency_y, people_committee):
    """A department that merged into agency Y on 28/02/2025, the way the demo's Sở Giao thông vận tải did."""
    return Agency.objects.create(
        code="HD-SGTVT",
        name="Sở Giao thông vận tải Hải Dương",
        kind="department",
        parent=people_committee,
        admin_unit=people_committee.admin_unit,
        valid_to=date(2025, 2, 28),
        successor=agency_y,
    )


def form_data(response, **changes) -> dict:
    """What a browser posts when the user presses save on the page: every field as shown, plus `changes`."""
    form = response.context["form"]
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        data[field.html_name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return data | changes


# ---------------------------------------------------------------------------------------------------------------
# Records that outlive their agencies


def test_an_unchanged_save_keeps_a_merged_agency_shown_with_its_end_and_successor(login, specialist, project_x, merged):
    Project.objects.filter(pk=project_x.pk).update(agency=merged)
    client = login(specialist)
    page = client.get(reverse("projects:edit", args=[project_x.code]))
    html = page.content.decode()
    assert "Sở Giao thông vận tải Hải Dương" in html and "28/02/2025" in html and "Sở Tài chính tỉnh Hải Dương" in html
    options = dict(page.context["form"].fields["agency"].choices)
    assert page.context["form"]["agency"].value() == merged.pk
    response = client.post(reverse("projects:edit", args=[project_x.code]), form_data(page))
    assert response.status_code == 302, response.content.decode()[:2000]
    project_x.refresh_from_db()
    assert project_x.agency_id == merged.pk
    assert len(options) > 1


def test_an_ended_agency_is_offered_only_to_the_record_that_holds_it(login, specialist, project_x, merged):
    client = login(specialist)
    page = client.get(reverse("projects:edit", args=[project_x.code]))
    assert merged.pk not in [value.value for value, _label in page.context["form"].fields["agency"].choices if value]
    response = client.post(reverse("projects:edit", args=[project_x.code]), form_data(page, agency=str(merged.pk)))
    assert response.status_code == 200 and "agency" in response.context["form"].errors
    project_x.refresh_from_db()
    assert project_x.agency_id != merged.pk


def test_the_task_form_preselects_an_ended_lead_agency_and_keeps_it(login, specialist, task_x, merged, agency_y):
    Task.objects.filter(pk=task_x.pk).update(lead_agency=merged)
    ended = Agency.objects.create(code="HD-SKHCN", name="Sở Khoa học và Công nghệ Hải Dương", kind="department",
                                  valid_to=date(2025, 2, 28), successor=agency_y)  # fmt: skip
    task_x.cooperating_agencies.set([ended, agency_y])
    client = login(specialist)
    page = client.get(reverse("directives:task_edit", args=[task_x.pk]))
    form = page.context["form"]
    assert form["lead_agency"].value() == "HD-SGTVT"
    assert 'value="HD-SGTVT" selected' in page.content.decode()
    response = client.post(reverse("directives:task_edit", args=[task_x.pk]), form_data(page))
    assert response.status_code == 302, response.context["form"].errors
    task_x.refresh_from_db()
    assert task_x.lead_agency_id == merged.pk
    assert set(task_x.cooperating_agencies.values_list("pk", flat=True)) == {ended.pk, agency_y.pk}


def test_a_deleted_investor_stays_on_its_project(login, specialist, project_a, enterprise_a):
    Enterprise.objects.filter(pk=enterprise_a.pk).update(deleted_at="2025-03-01T00:00:00Z")
    client = login(specialist)
    page = client.get(reverse("projects:edit", args=[project_a.code]))
    response = client.post(reverse("projects:edit", args=[project_a.code]), form_data(page))
    assert response.status_code == 302
    project_a.refresh_from_db()
    assert project_a.investor_id == enterprise_a.pk


def test_pages_render_records_whose_references_are_empty(login, specialist, admin_user, project_x, task_x):
    Project.objects.filter(pk=project_x.pk).update(agency=None, commune=None, investor=None)
    Task.objects.filter(pk=task_x.pk).update(directive=None, project=None)
    investor = _user("lonely", Role.INVESTOR)
    client = login(specialist)
    for url in (
        reverse("projects:detail", args=[project_x.code]),
        reverse("projects:list"),
        reverse("projects:edit", args=[project_x.code]),
        reverse("directives:task", args=[task_x.pk]),
        reverse("directives:board"),
        reverse("directives:task_edit", args=[task_x.pk]),
    ):
        assert client.get(url).status_code == 200, url
    lonely = Client()
    lonely.force_login(investor)
    assert lonely.get(reverse("home")).status_code == 200


def test_the_data_check_passes_clean_data_and_lists_dead_ends(capsys, project_x, task_x, agency_x, merged):
    call_command("check")
    assert "không có tham chiếu" in capsys.readouterr().out

    dissolved = Agency.objects.create(
        code="HD-UB-X", name="UBND huyện X", kind="peoples_committee", valid_to=date(2025, 6, 30)
    )
    Project.objects.filter(pk=project_x.pk).update(agency=dissolved)
    Task.objects.filter(pk=task_x.pk).update(lead_agency=merged)  # merged has a successor: fine
    Project.objects.create(code="HD-X-EMPTY", name="Không có cơ quan", kind="public", group="C")
    with pytest.raises(SystemExit) as exit_:
        call_command("check", "--json")
    assert exit_.value.code == 1
    data = json.loads(capsys.readouterr().out)
    found = {(p["model"], p["record"], p["problem"]) for p in data["problems"]}
    assert found == {("project", project_x.code, "ended"), ("project", "HD-X-EMPTY", "empty")}
    assert data["count"] == 2
    assert {p.record for p in find_problems()} == {project_x.code, "HD-X-EMPTY"}


# ---------------------------------------------------------------------------------------------------------------
# No lost update: two sessions


def two_sessions(user):
    first, second = Client(), Client()
    first.force_login(user)
    second.force_login(user)
    return first, second


def other_user(role=Role.SPECIALIST):
    user = _user("nguyenvana", role)
    user.full_name = "Nguyễn Văn A"
    user.save()
    return user


def race(url, user, first_changes: dict, second_changes: dict):
    """Both open the form; the first saves; the second, read at the same version, saves later."""
    first, second = two_sessions(user)
    other = Client()
    other.force_login(other_user())
    page_first, page_second = other.get(url), second.get(url)
    saved = other.post(url, form_data(page_first, **first_changes))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    stale = second.post(url, form_data(page_second, **second_changes))
    return stale


def assert_refused_with_who_and_what(stale, field_label: str):
    assert stale.status_code == 200
    form = stale.context["form"]
    message = " ".join(form.non_field_errors())
    assert "Nguyễn Văn A" in message and field_label in message, message
    assert stale.content.decode().count(message[:40]) == 1  # shown once, not above the form and again in it
    return form


def test_a_stale_project_save_changes_nothing_and_says_who_changed_what(specialist, project_x):
    url = reverse("projects:edit", args=[project_x.code])
    stale = race(url, specialist, {"name": "Tên do A sửa"}, {"name_en": "Second editor"})
    form = assert_refused_with_who_and_what(stale, "tên dự án")
    assert form["name_en"].value() == "Second editor"  # kept filled to re-apply
    project_x.refresh_from_db()
    assert project_x.name == "Tên do A sửa" and project_x.name_en == "" and project_x.version == 2
    again = Client()
    again.force_login(specialist)
    resubmitted = again.post(url, {k: v for k, v in form_data(stale).items()})
    assert resubmitted.status_code == 302
    project_x.refresh_from_db()
    assert project_x.name_en == "Second editor" and project_x.version == 3


def test_a_stale_milestone_save_is_refused(specialist, project_x):
    milestone = Milestone.objects.filter(project=project_x).first()
    url = reverse("projects:milestone_edit", args=[project_x.code, milestone.pk])
    stale = race(url, specialist, {"note": "A"}, {"note": "B"})
    assert_refused_with_who_and_what(stale, "ghi chú")
    milestone.refresh_from_db()
    assert milestone.note == "A"


def test_a_stale_task_save_is_refused(specialist, task_x):
    url = reverse("directives:task_edit", args=[task_x.pk])
    stale = race(url, specialist, {"title": "Việc do A sửa"}, {"responsible_person": "Trần B"})
    assert_refused_with_who_and_what(stale, "nội dung nhiệm vụ")
    task_x.refresh_from_db()
    assert task_x.title == "Việc do A sửa" and task_x.responsible_person == ""


def test_a_stale_directive_save_is_refused(specialist, directive):
    url = reverse("directives:edit", args=[directive.pk])
    stale = race(url, specialist, {"signer": "A ký"}, {"title": "B sửa tiêu đề"})
    assert_refused_with_who_and_what(stale, "người ký")
    directive.refresh_from_db()
    assert directive.signer == "A ký" and directive.title != "B sửa tiêu đề"


def test_a_stale_enterprise_save_is_refused(specialist, enterprise_b):
    url = reverse("enterprises:edit", args=[enterprise_b.pk])
    stale = race(url, specialist, {"phone": "0220 111"}, {"address": "Số 2"})
    assert_refused_with_who_and_what(stale, "điện thoại")
    enterprise_b.refresh_from_db()
    assert enterprise_b.phone == "0220 111" and enterprise_b.address == ""


def test_a_stale_agency_profile_save_is_refused(admin_user, agency_y):
    url = reverse("agencies:edit", args=[agency_y.code])
    first, second = two_sessions(admin_user)
    other = Client()
    other.force_login(other_user(Role.ADMIN))
    page_first, page_second = other.get(url), second.get(url)
    assert other.post(url, form_data(page_first, head="Giám đốc A")).status_code == 302
    stale = second.post(url, form_data(page_second, address="Số 1"))
    assert_refused_with_who_and_what(stale, "người đứng đầu")
    agency_y.refresh_from_db()
    assert agency_y.head == "Giám đốc A" and agency_y.address == ""


def test_the_api_answers_409_to_a_stale_patch(login, specialist, enterprise_b):
    client = login(specialist)
    url = f"/api/enterprises/{enterprise_b.pk}"
    read = client.get(url).json()
    assert read["version"] == 1
    first = client.patch(url, {"phone": "0220 1", "version": 1}, content_type="application/json")
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = client.patch(url, {"address": "Số 9", "version": 1}, content_type="application/json")
    assert stale.status_code == 409
    body = stale.json()
    assert body["version"] == 2 and "điện thoại" in body["detail"]
    enterprise_b.refresh_from_db()
    assert enterprise_b.address == "" and enterprise_b.version == 2
    bad = client.patch(url, {"address": "Số 9", "version": 0}, content_type="application/json")
    assert bad.status_code in (400, 422)


def test_commands_take_the_expected_version_and_print_it(capsys, specialist, enterprise_b, task_x):
    call_command("enterprises", "update", str(enterprise_b.pk), "--phone", "1", "--json", "--as", "specialist")
    assert json.loads(capsys.readouterr().out)["version"] == 2
    with pytest.raises(CommandError, match="Specialist|thay đổi|changed"):
        call_command("enterprises", "update", str(enterprise_b.pk), "--phone", "2", "--expect-version", "1",
                     "--as", "specialist")  # fmt: skip
    enterprise_b.refresh_from_db()
    assert enterprise_b.phone == "1"
    call_command("tasks", "edit", str(task_x.pk), "--title", "Mới", "--expect-version", "1", "--json",
                 "--as", "specialist")  # fmt: skip
    assert json.loads(capsys.readouterr().out)["version"] == 2
    with pytest.raises(CommandError):
        call_command("tasks", "edit", str(task_x.pk), "--title", "Cũ", "--expect-version", "1", "--as", "specialist")
    task_x.refresh_from_db()
    assert task_x.title == "Mới"


def test_a_save_without_a_version_still_moves_it(specialist, directive):
    from tiendo.directives import services

    directive.title = "Không có phiên bản"
    services.save_directive(directive, actor=specialist)
    assert Directive.objects.get(pk=directive.pk).version == 2


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_version_at_the_same_moment_one_wins(specialist, enterprise_b):
    """Real concurrency: two connections both read version 1 and save together. On PostgreSQL the second
    conditional UPDATE waits for the first's row lock and then finds the version moved; SQLite runs writers one at
    a time (IMMEDIATE transactions), which the two-session tests above already cover."""
    import threading

    from django.db import connection, transaction

    from tiendo.audit.versions import StaleVersion
    from tiendo.enterprises.services import save_enterprise

    if connection.vendor != "postgresql":
        pytest.skip("needs two real connections to one database (PostgreSQL)")
    barrier, results = threading.Barrier(2), {}

    def edit(phone: str) -> None:
        try:
            with transaction.atomic():
                enterprise = Enterprise.objects.get(pk=enterprise_b.pk)
                enterprise.phone = phone
                barrier.wait(timeout=30)  # both have read version 1
                save_enterprise(enterprise, actor=specialist, expected_version=1)
            results[phone] = "saved"
        except StaleVersion:
            results[phone] = "stale"
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(phone,)) for phone in ("0220 1", "0220 2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results.values()) == ["saved", "stale"]
    winner = next(phone for phone, result in results.items() if result == "saved")
    enterprise_b.refresh_from_db()
    assert enterprise_b.phone == winner and enterprise_b.version == 2


def test_agency_and_plan_commands_refuse_a_stale_expected_version(capsys, admin_user, agency_y):
    call_command("agencies", "update", agency_y.code, "--phone", "0220 9", "--expect-version", "1", "--json")
    assert json.loads(capsys.readouterr().out)["version"] == 2
    with pytest.raises(CommandError, match="thay đổi"):
        call_command("agencies", "update", agency_y.code, "--phone", "0220 8", "--expect-version", "1")
    agency_y.refresh_from_db()
    assert agency_y.phone == "0220 9" and agency_y.version == 2
