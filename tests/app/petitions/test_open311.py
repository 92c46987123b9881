"""The Open311-like public read: an anonymous visitor sees only the published petitions, and no personal data."""

import pytest
import time_machine

from .surfaces_world import TODAY, build

pytestmark = pytest.mark.django_db

BASE = "/api/open311/v2"


@pytest.fixture
def world(specialist, investor_a, agency_x, agency_y, enterprise_a, enterprise_b, officer_x):
    officer_x.full_name = "Lê Văn Cán Bộ"
    officer_x.save()
    enterprise_a.representative = "Phạm Minh Đức"
    enterprise_a.save()
    with time_machine.travel(TODAY, tick=False):
        yield build(specialist, investor_a, agency_x, agency_y, enterprise_a, enterprise_b)


def test_only_published_petitions_and_no_personal_data(world, client, agency_x, enterprise_a):
    response = client.get(f"{BASE}/requests.json")
    assert response.status_code == 200
    items = response.json()
    assert [item["service_request_id"] for item in items] == [world["p1"].number]
    item = items[0]
    assert item["status"] == "closed" and item["service_code"] == "construction_permit"
    assert item["agency_responsible"] == agency_x.name
    assert item["expected_datetime"].startswith("2026-03-03") and item["requested_datetime"].startswith("2026-02-10")
    assert "Sở đã giải quyết" in item["status_notes"] and item["media_url"] is None
    body = response.content.decode()
    for personal in ("Trần Văn Bình", "0912", "345 678", enterprise_a.name, enterprise_a.tax_code, "Nội dung kiến nghị",
                     "Luật Xây dựng", "Công văn 12/SXD"):  # fmt: skip
        assert personal not in body, personal
    assert item["description"] == "Chậm cấp phép xây dựng nhà xưởng của ông […]"


def test_one_request_and_the_unpublished_are_not_found(world, client):
    one = client.get(f"{BASE}/requests/{world['p1'].number}.json")
    assert one.status_code == 200 and one.json()[0]["service_request_id"] == world["p1"].number
    for key in ("p2", "p3", "p4"):
        assert client.get(f"{BASE}/requests/{world[key].number}.json").status_code == 404


def test_filters(world, client):
    def ids(**query):
        return [item["service_request_id"] for item in client.get(f"{BASE}/requests.json", query).json()]

    assert ids(status="closed") == [world["p1"].number] and ids(status="open") == []
    assert ids(service_code="land") == [] and ids(service_code="construction_permit") == [world["p1"].number]
    assert ids(start_date="2026-02-10T00:00:00Z") == [world["p1"].number] and ids(start_date="2026-02-11") == []
    assert ids(end_date="10/02/2026") == [world["p1"].number]
    bad = client.get(f"{BASE}/requests.json", {"start_date": "yesterday"})
    assert bad.status_code == 400 and "start_date" in bad.json()["description"]
    assert client.get(f"{BASE}/requests.json", {"status": "lost"}).status_code == 400


def test_services_are_the_topics(client, db):
    services = client.get(f"{BASE}/services.json").json()
    assert {"land", "tax", "construction_permit"} <= {s["service_code"] for s in services}


def test_a_signed_in_investor_sees_the_same_public_view(world, login, investor_a):
    items = login(investor_a).get(f"{BASE}/requests.json").json()
    assert [item["service_request_id"] for item in items] == [world["p1"].number]
