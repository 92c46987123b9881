"""`tiendo targets list | show | import | template | record`: the import page's service and the access layer from
the command line; --json shapes; refusals exit with status 2 in Vietnamese."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from targets_release_support import *  # noqa: F403
from targets_release_support import QUARTER_1, record_first, release

from tiendo.targets import services
from tiendo.targets.models import GrowthFigure, IndicatorValue, Publication, Target

pytestmark = pytest.mark.django_db

INDICATOR_KEYS = {"code", "name", "name_en", "name_zh", "unit", "direction", "accumulates", "responsible_agency",
                  "active", "year"}  # fmt: skip
PUBLICATION_KEYS = {"id", "source", "status", "number", "published_on", "issuer", "title", "link"}


def run(capsys, *args):
    capsys.readouterr()
    call_command("targets", *args, "--json")
    return json.loads(capsys.readouterr().out)


def refused(*args):
    with pytest.raises(CommandError) as caught:
        call_command("targets", *args)
    assert caught.value.returncode == 2
    return str(caught.value)


@pytest.fixture
def book(tmp_path):
    def write(name="release.xlsx", **parts):
        path = tmp_path / name
        path.write_bytes(release(**parts).getvalue())
        return str(path)

    return write


@pytest.fixture
def revenue_year(specialist, revenue, grdp):
    services.save_target(
        Target(indicator=revenue, year=2026, low=Decimal("5000"), high=Decimal("5200"), document="NQ 20/NQ-HĐND"),
        actor=specialist,
    )
    return revenue


def test_import_dry_run_then_import(capsys, book, specialist, grdp, revenue):
    record_first(specialist)
    path = book(growth=[[2026, 1, "KV3", "", "9,5", ""]], fields=None)
    # the same number and date as the recorded release: refused, with the place and exit status 2
    message = refused("import", path, "--as", "specialist")
    assert "Tệp bị từ chối, không ghi gì: 1 lỗi." in message and "Báo cáo, dòng 2, cột A" in message
    from targets_release_support import FIRST

    path = book(fields=FIRST | {"Số hiệu": "45/BC-TK"}, growth=[[2026, 1, "KV3", "", "9,5", ""]])
    data = run(capsys, "import", path, "--dry-run", "--as", "specialist")
    assert data["dry_run"] and not data["refused"] and data["publication_id"] is None and data["revised"] == 1
    assert set(data["publication"]) == PUBLICATION_KEYS
    (row,) = data["growth"]
    assert row["replaces"]["sentence"] == "thay thế số liệu 9,20 % của báo cáo 12/BC-TK ngày 06/04/2026"
    assert Publication.objects.count() == 1
    assert set(data) == {"dry_run", "refused", "publication", "publication_id", "growth", "values", "revised",
                         "error_count", "errors", "warnings", "seconds"}  # fmt: skip
    assert set(row) == {"sheet", "row", "year", "quarter", "component", "sector", "sector_name", "growth",
                        "growth_text", "level", "replaces", "changed"}  # fmt: skip
    assert set(row["replaces"]) == {"id", "value", "publication", "sentence"}
    data = run(capsys, "import", path, "--as", "specialist")
    assert data["publication_id"] == Publication.objects.get(number="45/BC-TK").pk
    assert GrowthFigure.objects.count() == 5


def test_import_refusals_exit_with_status_2(book, officer_y, specialist, investor_a, grdp, revenue):
    message = refused("import", book(growth=[[2026, 1, "KV3", "", "1e400", ""]]), "--as", "specialist")
    assert "GRDP, dòng 2, cột E (Tăng trưởng (%)): Số quá lớn" in message
    message = refused("import", book(values=[["budget_revenue", "", 2026, 3, 5, ""]]), "--as", "officer_y")
    assert "Không có quyền ghi số liệu chỉ tiêu 'budget_revenue'" in message
    assert "Không có quyền nhập" in refused("import", book(growth=QUARTER_1), "--as", "investor_a")
    assert "Không tìm thấy tệp" in refused("import", "/nonexistent.xlsx", "--as", "specialist")
    assert not Publication.objects.exists()


def test_list_and_show_json_shapes(capsys, specialist, revenue_year, grdp, investor_a):
    values = [services.NewValue(revenue_year, 2026, 3, Decimal("1300"))]
    first = services.record_publication(
        Publication(number="1/BC", published_on=date(2026, 4, 3), issuer="Sở Tài chính", source="department"),
        actor=specialist,
        values=values,
    )
    values = [services.NewValue(revenue_year, 2026, 3, Decimal("1350"))]
    services.record_publication(
        Publication(number="12/BC-TK", published_on=date(2026, 4, 6), issuer="Thống kê"),
        actor=specialist,
        values=values,
    )
    data = run(capsys, "list", "--year", "2026", "--as", "specialist")
    assert data["year"] == 2026
    rows = {row["code"]: row for row in data["indicators"]}
    assert set(rows["budget_revenue"]) == INDICATOR_KEYS | {"target", "latest"}
    assert rows["budget_revenue"]["target"]["low"] == 5000 and rows["budget_revenue"]["target"]["high"] == 5200
    assert rows["budget_revenue"]["latest"]["value"] == 1350 and rows["grdp_growth"]["latest"] is None
    detail = run(capsys, "show", "budget_revenue", "--year", "2026", "--as", "specialist")
    assert set(detail) == INDICATOR_KEYS | {"term", "targets", "values"}
    assert set(detail["values"][0]) == {"id", "indicator", "year", "months", "value", "value_text", "note",
                                        "in_force", "publication", "replaces"}  # fmt: skip
    assert set(detail["targets"][0]) == {"kind", "term", "year", "low", "high", "document", "decided_on", "note",
                                         "revisions"}  # fmt: skip
    assert [v["value"] for v in detail["values"]] == [1300, 1350]
    assert [v["in_force"] for v in detail["values"]] == [False, True]
    assert detail["values"][1]["replaces"]["publication"]["id"] == first.pk
    assert detail["targets"][0]["revisions"][0]["by"] == "specialist"
    # an investor reads the statistics office's figure, not the department's report it replaced
    detail = run(capsys, "show", "budget_revenue", "--year", "2026", "--as", "investor_a")
    assert [v["value"] for v in detail["values"]] == [1350] and detail["values"][0]["replaces"] is None
    assert "Không tìm thấy chỉ tiêu 'nope'" in _refused_any("show", "nope", "--as", "specialist")


def _refused_any(*args):
    with pytest.raises(CommandError) as caught:
        call_command("targets", *args)
    return str(caught.value)


def test_show_grdp_lists_the_quarter_figures(capsys, specialist, grdp):
    record_first(specialist)
    data = run(capsys, "show", "grdp_growth", "--year", "2026", "--as", "specialist")
    assert [g["growth_text"] for g in data["growth"]] == ["3,10 %", "15,50 %", "9,20 %", "8,50 %"]


def test_template_and_hand_entry(capsys, tmp_path, specialist, officer_x, officer_y, grdp, revenue):
    out = tmp_path / "mau.xlsx"
    data = run(capsys, "template", str(out), "--as", "specialist")
    assert data == {"file": str(out)} and out.read_bytes()[:2] == b"PK"
    quarter = ["record", "--issuer", "Thống kê", "--number", "12/BC-TK", "--date", "06/04/2026", "--year", "2026"]
    data = run(capsys, *quarter, "--quarter", "1", "--growth", "3,1", "15,5", "9,2", "8,5", "--as", "specialist")
    assert [g["growth"] for g in data["growth"]] == [0.031, 0.155, 0.092, 0.085]
    assert "Không có quyền ghi" in refused(
        *quarter, "--quarter", "1", "--growth", "1", "1", "1", "1", "--as", "officer_x"
    )
    value = ["record", "--issuer", "Sở Tài chính", "--by-hand", "--date", "03/04/2026", "--year", "2026"]
    message = refused(*value, "--indicator", "budget_revenue", "--months", "3", "--value", "5300", "--as", "officer_x")
    assert "nguồn" in message  # by hand, the source must be named
    value += ["--title", "Thư điện tử của Sở ngày 03/04/2026", "--indicator", "budget_revenue", "--months", "3"]
    data = run(capsys, *value, "--value", "5.300", "--as", "officer_x")
    assert data["values"][0]["value"] == 5300 and data["publication"]["source"] == "manual"
    assert "Không có quyền ghi" in refused(*value, "--value", "1", "--as", "officer_y")
    assert "chưa bắt đầu" in refused(*value[:-2], "--months", "6", "--value", "1", "--as", "officer_x")
    assert IndicatorValue.objects.count() == 1
