"""Small things from the first hour: `--done` implies 100 %, an enterprise others depend on is not deleted, an
extension beyond the 24-month cap of the Law on Investment is warned about (refused where the law refuses it)."""

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from test_directives_cli import june, on, refused, run  # noqa: F401

from tiendo.directives.models import ProgressUpdate
from tiendo.domain.projects import extension_cap
from tiendo.enterprises.models import Enterprise
from tiendo.enterprises.services import delete_enterprise
from tiendo.projects.models import Milestone, Project
from tiendo.projects.services import adjust_schedule

pytestmark = pytest.mark.django_db


# tiendo tasks progress --done --------------------------------------------------------------------------------------


def test_done_without_a_percentage_closes_the_task_at_100(june, capsys, officer_x, task_x):  # noqa: F811
    result = run(capsys, "tasks", "progress", str(task_x.pk), "--text", "Đã trình UBND tỉnh", "--done",
                 "--as", "officer_x")  # fmt: skip
    assert result["task"]["progress"] == 100 and result["update"]["completed"] is True
    assert ProgressUpdate.objects.get().percent == 100


def test_without_done_the_percentage_is_still_required(june, officer_x, task_x):  # noqa: F811
    refused("--percent", "tasks", "progress", str(task_x.pk), "--text", "x", "--as", "officer_x")
    assert not ProgressUpdate.objects.exists()


# Deleting an enterprise --------------------------------------------------------------------------------------------


def test_an_enterprise_with_projects_and_an_investor_login_is_not_deleted(project_a, investor_a, specialist):
    enterprise = project_a.investor
    with pytest.raises(ValidationError) as error:
        delete_enterprise(enterprise, actor=specialist)
    message = " ".join(error.value.messages)
    assert "HD-2022-0002" in message and "investor_a" in message
    enterprise.refresh_from_db()
    assert enterprise.deleted_at is None


def test_the_page_refuses_in_vietnamese_and_the_investor_keeps_its_page(project_a, investor_a, specialist, login):
    enterprise = project_a.investor
    response = login(specialist).post(reverse("enterprises:delete", args=[enterprise.pk]), follow=True)
    page = response.content.decode()
    assert "Không thể xóa" in page and "HD-2022-0002" in page
    assert login(investor_a).get(reverse("enterprises:detail", args=[enterprise.pk])).status_code == 200


def test_the_command_refuses_naming_what_depends_on_it(project_a, investor_a, specialist):
    refused("HD-2022-0002", "enterprises", "delete", str(project_a.investor_id), "--as", "specialist")
    assert Enterprise.objects.get(pk=project_a.investor_id).deleted_at is None


def test_the_admin_cannot_delete_it_either(project_a, investor_a, admin_user, client):
    client.force_login(admin_user)
    url = reverse("admin:enterprises_enterprise_delete", args=[project_a.investor_id])
    client.post(url, {"post": "yes"})
    assert Enterprise.objects.filter(pk=project_a.investor_id, deleted_at__isnull=True).exists()


def test_an_enterprise_nobody_depends_on_is_deleted(enterprise_b, specialist):
    delete_enterprise(enterprise_b, actor=specialist)
    enterprise_b.refresh_from_db()
    assert enterprise_b.deleted_at is not None


# The 24-month cap of Art. 41(4) ------------------------------------------------------------------------------------

APPROVED = date(2022, 4, 12)


def _cap(**overrides):
    values = {"kind": "fdi", "policy_approval": APPROVED, "first_due": date(2023, 6, 30), "old_due": date(2024, 6, 30),
              "new_due": date(2025, 9, 30), "decided_on": date(2024, 6, 1), "reason": "other"}  # fmt: skip
    return extension_cap(**(values | overrides))


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"new_due": date(2025, 6, 30)}, None),  # exactly 24 months: within the cap
        ({"new_due": date(2025, 7, 31)}, "refused"),  # 25 months, no exception
        ({"reason": "force_majeure"}, "warned"),  # an exception's months do not count
        ({"policy_approval": None}, None),  # INV-03: no policy approval, no cap
        ({"kind": "public"}, None),  # public investment: the Law on Public Investment decides
        ({"policy_approval": date(2019, 5, 1)}, "warned"),  # INV-04: before the 2020 law
    ],
)
def test_the_cap_is_checked_as_the_law_says(overrides, expected):
    cap = _cap(**overrides)
    if expected is None:
        assert cap is None
    else:
        assert cap.refused is (expected == "refused")


def test_earlier_exception_months_do_not_count():
    cap = _cap(earlier_exempt_months=6)
    assert cap.total_months == 27 and cap.counted_months == 21 and not cap.refused


@pytest.fixture
def fdi_milestone(project_a):
    Project.objects.filter(pk=project_a.pk).update(policy_decision_date=APPROVED)
    return Milestone.objects.create(project=project_a, kind="construction_start", first_due=date(2023, 6, 30),
                                    current_due=date(2024, 6, 30))  # fmt: skip


def test_an_extension_over_the_cap_for_an_exception_is_recorded_with_its_warning(fdi_milestone, specialist):
    adjustment = adjust_schedule(
        fdi_milestone, actor=specialist, document_number="12/QĐ-UBND", decided_on=date(2024, 6, 1),
        new_due=date(2025, 9, 30), reason="planning_change",
    )  # fmt: skip
    assert "27" in adjustment.cap_warning and "41" in adjustment.cap_warning
    assert adjustment.history.first().history_change_reason == adjustment.cap_warning


def test_an_extension_over_the_cap_without_exception_is_refused(fdi_milestone, specialist):
    with pytest.raises(ValidationError):
        adjust_schedule(fdi_milestone, actor=specialist, document_number="12/QĐ-UBND", decided_on=date(2024, 6, 1),
                        new_due=date(2025, 9, 30), reason="other")  # fmt: skip
    fdi_milestone.refresh_from_db()
    assert fdi_milestone.current_due == date(2024, 6, 30)


def test_the_command_prints_the_warning_and_the_page_shows_it(fdi_milestone, specialist, capsys, login):
    from django.core.management import call_command

    call_command("projects", "extend", "HD-2022-0002", "--milestone", "construction_start", "--new-due",
                 "30/09/2025", "--document", "12/QĐ-UBND", "--decided-on", "01/06/2024", "--reason",
                 "planning_change", "--json", "--as", "specialist")  # fmt: skip
    out = capsys.readouterr()
    assert json.loads(out.out)["warning"] and "Cảnh báo" in out.err
    url = reverse("projects:milestone_adjust", args=["HD-2022-0002", fdi_milestone.pk])
    data = {"document_number": "13/QĐ-UBND", "decided_on": "2024-07-01", "new_due": "2025-12-31",
            "reason": "state_request"}  # fmt: skip
    response = login(specialist).post(url, data, follow=True)
    assert "Luật Đầu tư" in response.content.decode()
