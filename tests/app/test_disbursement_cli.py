"""`tiendo plan import-disbursement / disbursement / slow / transfer`: the pages' services and refusals."""

import json
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from test_disbursement_support import *  # noqa: F403
from test_disbursement_support import B

from tiendo.plans.models import Disbursement, PlanItem, PlanLine


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(date(2024, 10, 10), tick=False):
        yield


def plan_command(*args) -> dict:
    out = StringIO()
    call_command("plan", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "kbnn-09.csv"
    path.write_text(
        "Mã dự án;Nguồn vốn;Tháng;Lũy kế (tỷ đồng)\n"
        "HD-2021-0001;NSDP_CD;08/2024;30\n"
        "HD-2021-0001;NSDP_TSDD;09/2024;15\n"
        "HD-DTC-0002;NSDP_CD;09/2024;24\n",
        encoding="utf-8",
    )
    return path


def test_import_then_show_the_disbursement(plan_2024, specialist, admin_user, report):
    dry = plan_command(
        "import-disbursement", str(plan_2024.pk), str(report), "--dry-run", "--json", "--as", "specialist"
    )
    assert dry["dry_run"] and dry["created"] == 3 and not Disbursement.objects.exists()
    done = plan_command("import-disbursement", str(plan_2024.pk), str(report), "--json", "--as", "specialist")
    assert (done["created"], done["from_cumulative"], done["months"]) == (3, 3, ["08/2024", "09/2024"])
    shown = plan_command("disbursement", str(plan_2024.pk), "--as-of", "30/09/2024", "--json", "--as", "specialist")
    assert (shown["allocated"], shown["disbursed"], shown["rate"]) == (100 * B, 69 * B, 69.0)
    assert shown["deadlines"][0]["day"] == "2025-01-31" and shown["deadlines"][0]["rule"] == "PI-11"
    assert [s["source"] for s in shown["sources"]] == ["NSDP_CD", "NSDP_TSDD"]
    september = next(m for m in shown["months"] if m["month"] == "09/2024")
    assert september["cumulative"] == 69 * B and september["target"] == 70.0
    project = plan_command(
        "disbursement", str(plan_2024.pk), "--project", "HD-DTC-0002", "--as-of", "30/09/2024", "--json"
    )
    assert (project["allocated"], project["disbursed"]) == (30 * B, 24 * B)


def test_a_refused_file_exits_with_the_vietnamese_errors(plan_2024, specialist, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Mã dự án;Nguồn vốn;Tháng;Giải ngân trong tháng\nHD-X;NSDP_CD;09/2024;5\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Tệp bị từ chối, không ghi gì: 1 lỗi.\nbad.csv, dòng 2, cột A"):
        call_command(
            "plan", "import-disbursement", str(plan_2024.pk), str(path), "--as", "specialist", stdout=StringIO()
        )


@pytest.mark.parametrize("role", ["leader", "officer_x"])
def test_only_specialists_import_and_transfer(plan_2024, report, role, request):
    user = request.getfixturevalue(role)
    with pytest.raises(CommandError, match="Không có quyền nhập số liệu giải ngân"):
        call_command("plan", "import-disbursement", str(plan_2024.pk), str(report), "--as", user.username)
    with pytest.raises(CommandError, match="Không có quyền đề xuất điều chuyển vốn"):
        call_command("plan", "transfer", str(plan_2024.pk), "--as", user.username)
    assert not Disbursement.objects.exists() and plan_2024.versions.count() == 1


def test_an_investor_is_told_the_plan_is_not_found(plan_2024, investor_a):
    with pytest.raises(CommandError, match=f"Không tìm thấy kế hoạch #{plan_2024.pk}"):
        call_command("plan", "disbursement", str(plan_2024.pk), "--as", investor_a.username)


def test_slow_with_thresholds_then_transfer(plan_2024, specialist, admin_user, report):
    plan_command("import-disbursement", str(plan_2024.pk), str(report), "--json", "--as", "specialist")
    slow = plan_command("slow", str(plan_2024.pk), "--as-of", "30/09/2024", "--json", "--as", "specialist")
    assert [p["project"] for p in slow["projects"]] == ["HD-DTC-0003"]
    assert slow["projects"][0]["pace"] == "stalled" and slow["thresholds"]["behind_points"] == 20.0
    strict = plan_command("slow", str(plan_2024.pk), "--as-of", "30/09/2024", "--behind", "0,5", "--json")
    assert strict["thresholds"]["behind_points"] == 0.5
    version = plan_2024.current_version()
    PlanLine.objects.filter(version=version, item__project__code="HD-DTC-0003").update(amount=6 * B)
    PlanItem.objects.filter(version=version, project__code="HD-2021-0001").update(need=70 * B)
    moved = plan_command("transfer", str(plan_2024.pk), "--as-of", "30/09/2024", "--json", "--as", "specialist")
    assert moved["released"] == {"NSDP_TSDD": 6 * B} and moved["total_placed"] > 0
    draft = plan_2024.versions.get(pk=moved["version"])
    assert draft.purpose == "transfer" and draft.state == "draft" and draft.created_by == specialist


def test_a_medium_term_plan_has_no_disbursement_here(plan_2024, admin_user):
    with pytest.raises(CommandError, match="kế hoạch trung hạn"):
        call_command("plan", "slow", str(plan_2024.medium_term_id))
