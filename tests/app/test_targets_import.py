"""The statistics office's release imported from its workbook: the template round trip, dry runs that write
nothing and say what they would revise, every bad input refused at its sheet, row and column, and who may import."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from targets_release_support import *  # noqa: F403
from targets_release_support import FIRST, QUARTER_1, TODAY, filled, record_first, release, template_bytes

from tiendo.targets import services
from tiendo.targets.models import Component, GrowthFigure, IndicatorValue, Publication
from tiendo.targets.release_import import FileRejected, import_release

SECOND = FIRST | {"Số hiệu": "45/BC-TK", "Ngày ban hành": "06/07/2026", "Tình trạng số liệu": "Chính thức"}


def run(book, user, **options):
    return import_release(book, "thong-ke.xlsx", actor=user, today=TODAY, **options)


def test_the_template_filled_in_imports_its_figures(specialist, grdp, revenue, sectors):
    growth = [*QUARTER_1, [2026, "Quý I", "Công nghiệp và xây dựng", "c", "12,4", ""]]
    book = release(growth=growth, values=[["budget_revenue", "Thu ngân sách", 2026, 3, "5.300,5", "ước"]])
    result = run(book, specialist)
    assert not result.refused, result.errors
    publication = Publication.objects.get()
    assert (publication.number, publication.published_on, publication.status, publication.source) == (
        "12/BC-TK", date(2026, 4, 6), Publication.Status.PRELIMINARY, Publication.Source.STATISTICS
    )  # fmt: skip
    assert publication.title == "Tình hình kinh tế - xã hội quý I năm 2026" and publication.recorded_by == specialist
    figures = {(f.component, f.sector_id): f for f in GrowthFigure.objects.all()}
    assert figures[Component.SERVICES, None].growth == Decimal("0.092")
    assert figures[Component.PRODUCT_TAXES, None].growth == Decimal("0.085")
    assert figures[Component.INDUSTRY_CONSTRUCTION, None].level == Decimal("28123.5")
    assert figures[Component.INDUSTRY_CONSTRUCTION, sectors[0].pk].growth == Decimal("0.124")
    value = IndicatorValue.objects.get()
    assert (value.indicator, value.year, value.months, value.value, value.note) == (
        revenue, 2026, 3, Decimal("5300.5"), "ước"
    )  # fmt: skip
    assert result.publication_id == publication.pk and result.revised == 0 and not result.warnings


def test_the_template_has_its_guide_and_codes(grdp, revenue, sectors):
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(template_bytes()))
    assert book.sheet_names == ["Báo cáo", "GRDP", "Chỉ tiêu", "Hướng dẫn", "Danh mục"]
    guide = " ".join(str(c) for line in book.get_sheet_by_name("Hướng dẫn").to_python() for c in line)
    assert "9,85 là tăng 9,85 %" in guide and "không ghi gì" in guide
    codes = [line[0] for line in book.get_sheet_by_name("Danh mục").to_python()]
    assert {"KV1", "KV2", "KV3", "Thuế SP", "C", "F", "grdp_growth", "budget_revenue"} <= set(codes)


def test_a_dry_run_writes_nothing_and_names_what_it_would_revise(specialist, grdp):
    record_first(specialist)
    growth = [[2026, 1, "KV3", "", "9,50", ""], [2026, 2, "KV3", "", "9,7", ""]]
    result = run(release(SECOND, growth), specialist, dry_run=True)
    assert not result.refused and result.dry_run
    assert Publication.objects.count() == 1 and GrowthFigure.objects.count() == 4
    first, second = result.growth
    assert first["replaces"]["sentence"] == "thay thế số liệu 9,20 % của báo cáo 12/BC-TK ngày 06/04/2026"
    assert first["growth_text"] == "9,50 %" and first["changed"] and (first["sheet"], first["row"]) == ("GRDP", 2)
    assert second["replaces"] is None and result.revised == 1
    assert result.warnings and "1/4 khu vực" in result.warnings[0].message


def test_a_second_release_revises_and_keeps_the_first(specialist, grdp):
    first = record_first(specialist)
    result = run(release(SECOND, [[2026, 1, "KV3", "", "9,5", ""]]), specialist)
    assert not result.refused
    in_force = services.current_growth(2026, 1, Component.SERVICES, None)
    assert in_force.growth == Decimal("0.095") and in_force.publication.number == "45/BC-TK"
    assert in_force.replaces.publication == first and in_force.replaces.growth == Decimal("0.092")
    assert services.current_growth(2026, 1, Component.AGRICULTURE, None).publication == first


def test_the_same_release_is_not_imported_twice(specialist, grdp):
    assert not run(release(growth=QUARTER_1), specialist).refused
    again = run(release(growth=QUARTER_1), specialist)
    assert again.refused and "đã được nhập" in again.errors[0].message
    assert (again.errors[0].sheet, again.errors[0].row, again.errors[0].column) == ("Báo cáo", 2, "A")
    assert Publication.objects.count() == 1


def _growth_row(**cells):
    row = dict(zip("year quarter component sector growth level".split(), [2026, 1, "KV3", "", "9,2", ""], strict=True))
    return [list((row | cells).values())]


BAD = {
    "huge": (None, _growth_row(growth="1e400"), None, ("GRDP", 2, "E"), "quá lớn"),
    "below -100 %": (None, _growth_row(growth="-150"), None, ("GRDP", 2, "E"), "từ −100 % đến 1.000 %"),
    "above 1000 %": (None, _growth_row(growth=1200), None, ("GRDP", 2, "E"), "không hợp lý"),
    "text growth": (None, _growth_row(growth="chín"), None, ("GRDP", 2, "E"), "Số không hợp lệ"),
    "unknown component": (None, _growth_row(component="KV9"), None, ("GRDP", 2, "C"), "KV9"),
    "unknown sector": (None, _growth_row(component="KV2", sector="ZZ"), None, ("GRDP", 2, "D"), "ngành cấp 1 mã 'ZZ'"),
    "sector of another component": (None, _growth_row(sector="C"), None, ("GRDP", 2, "D"), "không thuộc khu vực"),
    "year out of range": (None, _growth_row(year=1999), None, ("GRDP", 2, "A"), "Năm 1999"),
    "quarter 5": (None, _growth_row(quarter=5), None, ("GRDP", 2, "B"), "Quý 5"),
    "quarter not begun": (None, _growth_row(quarter="III"), None, ("GRDP", 2, "B"), "chưa bắt đầu"),
    "missing growth": (None, _growth_row(growth=""), None, ("GRDP", 2, "E"), "Thiếu giá trị"),
    "negative level": (None, _growth_row(level=-5), None, ("GRDP", 2, "F"), "không được âm"),
    "duplicate rows": (None, _growth_row() * 2, None, ("GRDP", 3, "B"), "lặp lại (đã có ở dòng 2)"),
    "unknown indicator": (None, None, [["gdp_xyz", "", 2026, 3, 5, ""]], ("Chỉ tiêu", 2, "A"), "'gdp_xyz'"),
    "months 13": (None, None, [["budget_revenue", "", 2026, 13, 5, ""]], ("Chỉ tiêu", 2, "D"), "Số tháng 13"),
    "months not begun": (None, None, [["budget_revenue", "", 2026, 6, 5, ""]], ("Chỉ tiêu", 2, "D"), "chưa đến"),
    "duplicate value": (
        None, None, [["budget_revenue", "", 2026, 3, 5, ""]] * 2, ("Chỉ tiêu", 3, "A"), "lặp lại (đã có ở dòng 2)"
    ),
    "empty data sheets": (None, None, None, ("GRDP", 0, ""), "không có số liệu"),
    "empty release sheet": ({}, _growth_row(), None, ("Báo cáo", 0, ""), "trống hoặc thiếu"),
    "release in the future": (FIRST | {"Ngày ban hành": "21/07/2026"}, _growth_row(), None, ("Báo cáo", 2, "B"), "sau"),
    "no number": (FIRST | {"Số hiệu": ""}, _growth_row(), None, ("Báo cáo", 2, "A"), "Thiếu giá trị"),
    "bad status": (FIRST | {"Tình trạng số liệu": "nháp"}, _growth_row(), None, ("Báo cáo", 2, "E"), "Chọn một"),
    "bad date": (FIRST | {"Ngày ban hành": "31/02/2026"}, _growth_row(), None, ("Báo cáo", 2, "B"), "không tồn tại"),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_input_is_refused_where_it_is_and_nothing_is_written(case, specialist, grdp, revenue, sectors):
    fields, growth, values, where, fragment = BAD[case]
    book = release(fields, growth, values)
    result = run(book, specialist)
    assert result.refused
    located = [(e.sheet, e.row, e.column) for e in result.errors]
    assert where in located, result.errors
    assert any(fragment in e.message for e in result.errors if (e.sheet, e.row, e.column) == where), result.errors
    assert not Publication.objects.exists() and not GrowthFigure.objects.exists()
    assert not IndicatorValue.objects.exists()


def test_a_sheet_without_its_header_or_a_required_column_is_refused(specialist, grdp):
    book = filled({"Báo cáo": [], "GRDP": [["ghi chú tự do"]]}, template=_bare_template())
    result = run(book, specialist)
    assert result.refused and any("tiêu đề" in e.message for e in result.errors if e.sheet == "GRDP")
    book = filled({"GRDP": [["Năm", "Quý", "Khu vực"], [2026, 1, "KV3"]]}, template=_bare_template())
    result = run(book, specialist)
    assert any(e.header == "Tăng trưởng (%)" and "Thiếu cột" in e.message for e in result.errors)


def _bare_template() -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.add_worksheet("Khác")
    book.close()
    return out.getvalue()


def test_files_that_cannot_be_read_are_rejected(specialist):
    with pytest.raises(FileRejected, match="CSV"):
        import_release(io.BytesIO(b"a,b\n"), "x.csv", actor=specialist)
    with pytest.raises(FileRejected, match="tệp hỏng"):
        import_release(io.BytesIO(b"not a workbook"), "x.xlsx", actor=specialist)


def test_officers_record_only_their_agencys_indicators(officer_x, officer_y, investor_a, grdp, revenue):
    values = [["budget_revenue", "", 2026, 3, "5300", ""]]
    refused = run(release(values=values), officer_y)
    assert refused.refused and "Không có quyền ghi số liệu chỉ tiêu 'budget_revenue'" in refused.errors[0].message
    assert (refused.errors[0].sheet, refused.errors[0].row, refused.errors[0].column) == ("Chỉ tiêu", 2, "A")
    growth = run(release(growth=QUARTER_1), officer_x)
    assert growth.refused and "Không có quyền ghi số liệu GRDP" in growth.errors[0].message
    assert not Publication.objects.exists()
    assert not run(release(values=values), officer_x).refused
    assert IndicatorValue.objects.get().publication.recorded_by == officer_x
    with pytest.raises(PermissionDenied):
        run(release(values=values), investor_a)


# The pages ---------------------------------------------------------------------------------------------------------


def _upload(client, book, name="thong-ke.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, book.getvalue())
    return client.post(reverse("targets:records"), {"file": upload})


def test_upload_previews_then_confirm_records_once(login, specialist, grdp):
    record_first(specialist)
    client = login(specialist)
    assert client.get(reverse("targets:records")).status_code == 200
    response = _upload(client, release(SECOND, [[2026, 1, "KV3", "", "9,5", ""]]))
    assert response.status_code == 302
    preview = client.get(response["Location"])
    body = preview.content.decode()
    assert "thay thế số liệu 9,20 % của báo cáo 12/BC-TK ngày 06/04/2026" in body and "06/07/2026" in body
    assert Publication.objects.count() == 1
    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 302 and Publication.objects.count() == 2
    assert "9,50 %" in client.get(confirmed["Location"]).content.decode()
    again = client.post(response["Location"])  # a second click records nothing more
    assert again["Location"] == confirmed["Location"] and Publication.objects.count() == 2
    assert services.current_growth(2026, 1, Component.SERVICES, None).growth == Decimal("0.095")


def test_a_refused_upload_shows_its_errors_and_cannot_be_confirmed(login, specialist, grdp):
    client = login(specialist)
    response = _upload(client, release(growth=[[2026, 1, "KV3", "", "1e400", ""]]))
    body = client.get(response["Location"]).content.decode()
    assert "Số quá lớn" in body and "Tăng trưởng (%)" in body
    assert client.post(response["Location"]).status_code == 403
    response = _upload(client, io.BytesIO(b"rubbish"))
    assert "tệp hỏng" in client.get(response["Location"]).content.decode()
    assert not Publication.objects.exists()


def test_the_pages_by_role(login, client, specialist, officer_x, officer_y, investor_a, grdp, revenue):
    assert client.get(reverse("targets:records")).status_code == 302  # to the login
    officer = login(officer_x)
    assert officer.get(reverse("targets:records_quarter")).status_code == 403
    assert officer.get(reverse("targets:records_value")).status_code == 200
    assert login(officer_y).get(reverse("targets:records_value")).status_code == 403  # nothing it answers for
    investor = login(investor_a)
    for name in ("records", "records_template", "records_quarter", "records_value"):
        assert investor.get(reverse(f"targets:{name}")).status_code == 403
    template = login(specialist).get(reverse("targets:records_template"))
    assert template.status_code == 200 and b"".join(template.streaming_content)[:2] == b"PK"


def test_hand_entry_of_a_quarter_and_a_value(login, specialist, officer_x, grdp, revenue):
    client = login(specialist)
    growth = {"growth_agriculture": "3,1", "growth_industry_construction": "15,5", "growth_services": "9,2",
              "growth_product_taxes": "8,5"}  # fmt: skip
    data = {"source": "statistics", "status": "preliminary", "issuer": "Thống kê", "number": "12/BC-TK",
            "published_on": "06/04/2026", "year": 2026, "quarter": 1, **growth}  # fmt: skip
    assert client.post(reverse("targets:records_quarter"), data).status_code == 302
    assert services.current_growth(2026, 1, Component.SERVICES, None).growth == Decimal("0.092")
    bad = client.post(reverse("targets:records_quarter"), data | {"growth_services": "2000", "number": ""})
    assert bad.status_code == 200 and "không hợp lý" in bad.content.decode()
    assert GrowthFigure.objects.count() == 4
    client = login(officer_x)
    data = {"source": "manual", "status": "preliminary", "issuer": "Sở Tài chính", "published_on": "03/04/2026",
            "year": 2026, "indicator": revenue.pk, "months": 3, "value": "5.300"}  # fmt: skip
    response = client.post(reverse("targets:records_value"), data)
    assert response.status_code == 200 and IndicatorValue.objects.count() == 0  # the source is not named
    data["title"] = "Thư điện tử của Sở ngày 03/04/2026"
    assert client.post(reverse("targets:records_value"), data).status_code == 302
    value = IndicatorValue.objects.get()
    assert value.value == Decimal("5300") and value.publication.source == Publication.Source.MANUAL
