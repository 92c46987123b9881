"""The open data (OC4IDS 0.9.5) built from realistic records: it validates with zero errors against the standard's
own files in ../shared (and the copy shipped in tiendo equals them), holds only the public projects and their
published fields, and is served anonymously as JSON, CSV and Excel from the latest valid publication
(test_opendata_changes: made anew when a record changes)."""

import csv
import io
import json
import zipfile
from datetime import date

import pytest
from django.urls import reverse
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tests.shared_data import shared_dir
from tiendo.directives import reminders
from tiendo.portal.models import Publication
from tiendo.portal.oc4ids import package, publishing, standard, validation
from tiendo.projects.models import Project

from .opendata_support import SECRETS, make_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(settings, installation, province, people_committee, agency_x, commune, enterprise_a):
    settings.TIENDO_OPEN_DATA_REFRESH_SECONDS = 0
    settings.TIENDO_BASE_URL = "https://dautu.haiduong.gov.vn"
    return make_records(province, people_committee, agency_x, commune, enterprise_a)


def _by_code(built: dict) -> dict[str, dict]:
    return {p["identifiers"][0]["id"]: p for p in built["projects"]}


def test_the_shipped_standard_is_the_standard():
    shared = shared_dir("standards", "oc4ids-0.9.5")
    names = ["project-package-schema.json", "project-schema.json", "LICENSE"]
    names += [f"codelists/{path.name}" for path in sorted((shared / "codelists").glob("*.csv"))]
    assert len(names) == 39
    for name in names:
        assert (standard.STANDARD / name).read_bytes() == (shared / name).read_bytes(), name
    assert "Apache License" in (standard.STANDARD / "NOTICE").read_text()


def test_the_package_validates_with_zero_errors(records):
    built = package.build(today=date(2025, 6, 15)).package
    report = validation.validate(built)
    assert report.errors == 0, report.items
    # open codelists: a commune's official code is published under a scheme the list does not have (a warning)
    assert report.counts == {"codelist-open": 1}
    assert report.items[0]["path"].endswith("/locations/0/gazetteer/scheme")
    # and by the standard's own files, read here from ../shared, with a validator made from them alone
    shared = shared_dir("standards", "oc4ids-0.9.5")
    schemas = [
        json.loads((shared / name).read_text()) for name in ("project-package-schema.json", "project-schema.json")
    ]
    registry = Registry().with_resources(
        [(s["id"], Resource.from_contents(s, default_specification=DRAFT4)) for s in schemas]
    )
    errors = list(
        Draft4Validator(schemas[0], registry=registry, format_checker=standard.format_checker()).iter_errors(built)
    )
    assert errors == []


def test_the_package_holds_the_public_projects_and_their_published_fields_only(records):
    built = package.build().package
    text = package.dumps(built).decode()
    assert sorted(_by_code(built)) == ["HD-2019-0002", "HD-2020-0003", "HD-2021-0001", "HD-2025-0004"]
    for secret in SECRETS:
        assert secret not in text, secret
    assert "0220 3852 111" in text  # the agency's own phone, its public contact
    assert built["uri"] == "https://dautu.haiduong.gov.vn/open-data/oc4ids.json"
    assert built["publicationPolicy"] == "https://dautu.haiduong.gov.vn/open-data/"
    assert built["publisher"]["name"] == "Sở Kế hoạch và Đầu tư tỉnh Hải Dương"
    assert built["version"] == "0.9" and built["license"] == package.DEFAULT_LICENSE


def test_the_records_as_oc4ids(records):
    projects = _by_code(package.build(today=date(2025, 6, 15)).package)
    road, school = projects["HD-2021-0001"], projects["HD-2019-0002"]
    assert road["id"] == "oc4ids-tiendo-HD-2021-0001" and road["language"] == "vi"
    assert road["status"] == "implementation" and road["type"] == "rehabilitation" and road["sector"] == ["transport"]
    assert road["description"].startswith("Dự án đầu tư công (Nhóm B); lĩnh vực: Giao thông; địa điểm: xã Thái Tân")
    assert road["budget"]["approvalDate"] == "2021-09-10T00:00:00+07:00"
    funders = {
        line["id"]: line["sourceParty"]["name"] for line in road["budget"]["budgetBreakdowns"][0]["budgetBreakdown"]
    }
    assert funders == {
        "central_budget": "Bộ Tài chính (ngân sách trung ương)",
        "local_budget": "Ủy ban nhân dân tỉnh Hải Dương",  # the province's People's Committee
    }
    assert [t["id"] for t in road["transactions"]] == ["2024-01-NSDP", "2024-01-NSTW", "2024-02-NSDP"]
    assert road["transactions"][0]["payee"]["id"] == "HD-SKHDT"
    documents = {d["title"]: d.get("documentType") for d in road["documents"]}
    assert documents["Quyết định đầu tư số 2200/QĐ-UBND"] == "budgetApproval"  # the "other" document that is it
    assert documents["Quyết định chủ trương đầu tư số 15/NQ-HĐND"] == "budgetApproval"
    land = [d for d in road["documents"] if d["id"] == "land-and-settlement"][0]
    assert land["description"] == "Diện tích cần giải phóng mặt bằng: 41.759 m². Số hộ bị ảnh hưởng: 113."
    assert "gazetteer" not in road["locations"][0]  # "HD-X1" is no official code
    completion = [m for m in road["milestones"] if m["id"] == "completion"][0]
    assert completion["description"] == "Thời hạn ban đầu 31/12/2023, đã điều chỉnh đến 31/12/2026."
    assert school["status"] == "completion"
    assert school["locations"][0]["gazetteer"] == {"scheme": "VN-DVHC", "identifiers": ["10507"]}
    assert school["completion"]["finalValue"] == {"amount": 39_500_000_000, "currency": "VND"}
    assert school["transactions"][0]["payer"] == {"id": "oda-lender", "name": "Nhà tài trợ vốn ODA"}
    assert {p["id"]: p["roles"] for p in school["parties"]}["HD-UBND"] == ["publicAuthority", "funder", "payee"]
    assert projects["HD-2020-0003"]["status"] == "cancelled"
    assert projects["HD-2025-0004"]["status"] == "identification"


def _get(client, name, **headers):
    return client.get(reverse(f"opendata:{name}"), headers=headers)


def test_the_files_are_served_to_anyone(client, records):
    response = _get(client, "oc4ids_json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = json.loads(b"".join(response.streaming_content))
    publication = Publication.objects.get()
    assert len(data["projects"]) == publication.projects == 4 and publication.errors == 0
    assert response["ETag"] == f'"{publication.sha256}"'
    assert "public" in response["Cache-Control"]
    assert _get(client, "oc4ids_json", if_none_match=response["ETag"]).status_code == 304

    rows = list(csv.reader(io.StringIO(_get(client, "oc4ids_csv").content.decode("utf-8"))))
    assert rows[0][:3] == ["id", "title", "status"] and len(rows) == 5
    road = [row for row in rows if row[0] == "oc4ids-tiendo-HD-2021-0001"][0]
    assert road[rows[0].index("budget/amount/amount")] == "120000000000"
    assert road[rows[0].index("transactions/total/amount")] == "3500000000"

    workbook = _get(client, "oc4ids_xlsx")
    assert workbook.status_code == 200 and workbook["ETag"] == f'"{publication.sha256}-xlsx"'
    with zipfile.ZipFile(io.BytesIO(workbook.content)) as book:
        sheets = book.read("xl/workbook.xml").decode()
    for sheet in ("projects", "budget breakdown", "milestones", "metrics", "transactions", "parties"):
        assert f'name="{sheet}"' in sheets
    assert Publication.objects.count() == 1  # one generation served all three


def test_nothing_public_nothing_served(client, db, installation):
    assert _get(client, "oc4ids_json").status_code == 404
    assert Publication.objects.count() == 0
    with pytest.raises(publishing.NothingToPublish):
        publishing.publish()


def test_an_invalid_generation_is_reported_but_not_served(client, records, settings):
    good = publishing.publish().publication
    settings.TIENDO_OPEN_DATA_LICENSE = "not a link"
    bad = publishing.publish(force=True).publication
    assert bad.errors == 1 and bad.report["items"][0]["path"] == "/license"
    assert publishing.latest() == bad and publishing.latest_valid() == good
    assert _get(client, "oc4ids_json")["ETag"] == f'"{good.sha256}"'


def test_two_generations_never_run_at_once(records):
    with publishing.locked() as mine:
        assert mine
        with publishing.locked(blocking=False) as other:
            assert other is False
    with publishing.locked(blocking=False) as again:
        assert again


def test_old_publications_are_pruned(records, settings):
    settings.TIENDO_OPEN_DATA_KEEP = 2
    made = []
    for name in ("Một", "Hai", "Ba"):
        Project.objects.filter(code="HD-2025-0004").update(name=f"Trạm y tế {name}")
        made.append(publishing.publish(force=True).publication)
    assert list(Publication.objects.order_by("generated_at", "pk")) == made[1:]
    storage = made[0].package.storage
    assert not storage.exists(made[0].package.name)
    assert not any(storage.exists(name) for name in publishing.derived_names(made[0]))
    assert all(storage.exists(name) for name in publishing.derived_names(made[2]))  # made with the publication


def test_the_nightly_reminders_regenerate_it(records):
    hooks = dict(reminders.AFTER_RUN)
    data, text = hooks["opendata"](date(2025, 6, 15))
    assert data == {"published": True, "projects": 4, "size": Publication.objects.get().size, "errors": 0}
    assert text.startswith("Dữ liệu mở OC4IDS: tạo mới, 4 dự án")
