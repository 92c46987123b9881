"""`tiendo opendata`: the package written to a file (validated first on request, and refused when invalid, with
one Vietnamese sentence and exit status 2), a publication recorded, the CoST IDS coverage for the staff."""

import json

import pytest
from django.core.management import CommandError, call_command

from tiendo.portal.models import Publication

from .opendata_support import make_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(installation, province, people_committee, agency_x, commune, enterprise_a):
    return make_records(province, people_committee, agency_x, commune, enterprise_a)


def _run(capsys, *args) -> str:
    call_command("opendata", *args)
    return capsys.readouterr().out


def test_the_package_to_a_file_with_its_validation(records, tmp_path, capsys):
    target = tmp_path / "oc4ids.json"
    summary = json.loads(_run(capsys, "oc4ids", str(target), "--validate", "--json"))
    assert summary == {
        "file": str(target),
        "projects": 4,
        "size": target.stat().st_size,
        "errors": 0,
        "warnings": 1,
        "written": True,
    }
    package = json.loads(target.read_text(encoding="utf-8"))
    assert package["version"] == "0.9" and len(package["projects"]) == 4
    raw = target.read_text(encoding="utf-8")
    assert "Cải tạo" in raw and "\\u" not in raw  # Vietnamese letters as letters, not \u escapes
    text = _run(capsys, "oc4ids", str(tmp_path / "again.json"))
    assert text.startswith("Đã ghi 4 dự án") and Publication.objects.count() == 0  # writing a file publishes nothing


def test_an_invalid_package_is_not_written(records, tmp_path, settings, capsys):
    settings.TIENDO_OPEN_DATA_LICENSE = "not a link"
    target = tmp_path / "oc4ids.json"
    with pytest.raises(CommandError) as refused:
        call_command("opendata", "oc4ids", str(target), "--validate", "--json")
    assert refused.value.returncode == 2
    assert str(refused.value).startswith("Gói dữ liệu OC4IDS có 1 lỗi kiểm tra nên không ghi ra tệp")
    assert not target.exists()
    report = json.loads(capsys.readouterr().out)
    assert report["written"] is False and report["report"][0]["path"] == "/license"


def test_nothing_public_is_refused(db, installation, tmp_path):
    with pytest.raises(CommandError, match="Chưa có dự án đầu tư công nào được công khai"):
        call_command("opendata", "oc4ids", str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match="Chưa có dự án đầu tư công nào được công khai"):
        call_command("opendata", "publish")


def test_a_file_in_a_missing_folder_is_refused(records, tmp_path):
    with pytest.raises(CommandError, match="Không có thư mục"):
        call_command("opendata", "oc4ids", str(tmp_path / "nowhere" / "x.json"))


def test_publish_records_a_publication(records, capsys):
    result = json.loads(_run(capsys, "publish", "--json"))
    publication = Publication.objects.get()
    assert result["publication"] == publication.pk and result["created"] is True
    assert result["projects"] == 4 and result["errors"] == 0 and result["served"] is True
    assert publication.package.storage.exists(publication.package.name) and publication.size > 10_000
    again = _run(capsys, "publish")
    assert again.startswith("Không có dự án nào thay đổi, giữ bản công bố") and Publication.objects.count() == 1


def test_coverage_for_the_staff(records, capsys, specialist, officer_x):
    with pytest.raises(CommandError, match="Chưa có bản công bố"):
        call_command("opendata", "coverage", "--as", specialist.username)
    call_command("opendata", "publish")
    capsys.readouterr()
    result = json.loads(_run(capsys, "coverage", "--json", "--as", specialist.username))
    rows = {row["code"]: row for row in result["projects"]}
    assert rows["HD-2021-0001"]["identification"] == 5 and rows["HD-2021-0001"]["completion"] is None
    assert rows["HD-2019-0002"]["completion"] == 4  # status, cost, date, reasons (on time)
    assert "budget_approval" in rows["HD-2019-0002"]["missing"]  # no investment decision recorded
    assert result["totals"]["identification"]["possible"] == 4 * 7
    assert "Độ phủ CoST IDS" in _run(capsys, "coverage", "--as", specialist.username)
    with pytest.raises(CommandError, match="Không có quyền xem báo cáo dữ liệu mở: officer_x"):
        call_command("opendata", "coverage", "--as", officer_x.username)
