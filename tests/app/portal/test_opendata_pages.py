"""The open-data pages: the public one (anyone, three languages, in the sitemap and the nav) describing the
publication, and the department's one (staff only) with the validation report and the CoST IDS coverage."""

import io
import zipfile

import pytest
from django.urls import reverse

from tiendo.portal.oc4ids import publishing

from .opendata_support import make_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(settings, installation, province, people_committee, agency_x, commune, enterprise_a):
    settings.TIENDO_OPEN_DATA_REFRESH_SECONDS = 0
    return make_records(province, people_committee, agency_x, commune, enterprise_a)


def test_the_public_page_describes_the_publication(client, records):
    body = client.get("/open-data/").content.decode()
    assert 'lang="vi"' in body and "Dữ liệu mở: các dự án đầu tư công" in body
    for needed in ('href="/open-data/oc4ids.json"', 'href="/open-data/oc4ids.csv"', 'href="/open-data/oc4ids.xlsx"',
                   "creativecommons.org/licenses/by/4.0/", "phiên bản 0.9.5", "0220 3852 111", "oc4ids-tiendo-",
                   'aria-current="page"'):  # fmt: skip
        assert needed in body, needed
    publication = publishing.latest_valid()
    assert publication is not None and f"<dd>{publication.projects}</dd>" in body
    assert "Hợp lệ theo lược đồ và danh mục mã của chuẩn: không có lỗi." in body
    english = client.get("/en/open-data/").content.decode()
    assert "Open data: public-investment projects" in english and "Department of Planning and Investment" in english
    assert "开放数据" in client.get("/zh-hans/open-data/").content.decode()
    assert "/en/open-data/" in client.get("/sitemap.xml").content.decode()


def test_the_public_page_before_any_publication(client, db, installation):
    body = client.get("/open-data/").content.decode()
    assert "Bản công bố đầu tiên đang được chuẩn bị" in body and "oc4ids.json" not in body


def test_the_department_sees_the_report_and_the_coverage(client, records, specialist):
    client.force_login(specialist)
    body = client.get(reverse("portal_desk:opendata")).content.decode()
    assert "Báo cáo kiểm tra" in body and "Không có lỗi" in body
    assert "Có mã không thuộc danh mục mã của chuẩn" in body  # the warning, summarised in Vietnamese
    assert "/projects/0/locations/0/gazetteer/scheme" in body
    assert 'id="coverage-projects"' in body and "HD-2019-0002" in body
    assert "ngày phê duyệt tổng mức đầu tư" in body  # what the school lacks, in words
    assert "tiendo chưa lưu giữ" in body
    workbook = client.get(reverse("portal_desk:opendata_coverage"))
    assert workbook.status_code == 200
    with zipfile.ZipFile(io.BytesIO(workbook.content)) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "HD-2021-0001" in strings and "Cần bổ sung" in strings


@pytest.mark.parametrize("who", ["officer_x", "investor_a"])
def test_the_report_is_the_staffs(client, records, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("portal_desk:opendata")).status_code == 403
    assert client.get(reverse("portal_desk:opendata_coverage")).status_code == 403


def test_anonymous_is_sent_to_the_login(client, records):
    response = client.get(reverse("portal_desk:opendata"))
    assert response.status_code == 302 and "/login/" in response["Location"]
