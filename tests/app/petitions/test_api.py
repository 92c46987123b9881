"""Petitions in the JSON API: the list and the detail through the access layer, the moves through the services,
refusals as 400/403/404/409 with a Vietnamese sentence."""

from datetime import date

import pytest
import time_machine

from .surfaces_world import TODAY, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(specialist, investor_a, agency_x, agency_y, enterprise_a, enterprise_b):
    with time_machine.travel(TODAY, tick=False):
        yield build(specialist, investor_a, agency_x, agency_y, enterprise_a, enterprise_b)


def numbers(response):
    assert response.status_code == 200, response.content
    return {item["number"] for item in response.json()["items"]}


def test_each_role_lists_its_own(world, login, specialist, officer_x, officer_y, investor_a):
    every = {p.number for p in world.values()}
    assert numbers(login(specialist).get("/api/petitions")) == every
    assert numbers(login(officer_x).get("/api/petitions")) == {world[k].number for k in ("p1", "p2", "p3", "p5")}
    assert numbers(login(officer_y).get("/api/petitions")) == {world["p3"].number}
    assert numbers(login(investor_a).get("/api/petitions")) == {world[k].number for k in ("p1", "p2", "p5")}


def test_filters_and_pages(world, login, specialist):
    client = login(specialist)
    assert numbers(client.get("/api/petitions", {"overdue": "true"})) == {world["p3"].number}
    assert numbers(client.get("/api/petitions", {"agency": "HD-SKHDT", "year": 2026})) == {
        world["p1"].number, world["p2"].number,
    }  # fmt: skip
    page = client.get("/api/petitions", {"limit": 2, "offset": 1}).json()
    assert page["count"] == 5 and len(page["items"]) == 2
    refused = client.get("/api/petitions", {"agency": "KHONG-CO"})
    assert refused.status_code == 400 and refused.json()["detail"] == "Không có cơ quan mã 'KHONG-CO'."
    assert client.get("/api/petitions", {"topic": "weather"}).status_code == 400


def test_detail_and_not_found(world, login, specialist, officer_y):
    data = login(specialist).get(f"/api/petitions/{world['p1'].pk}").json()
    assert data["state"] == "rated" and data["legal_basis"] == "Luật Xây dựng 2014"
    assert data["changes"][0]["to_state"] == "received"
    missing = login(officer_y).get(f"/api/petitions/{world['p1'].pk}")
    assert missing.status_code == 404 and "Không tìm thấy" in missing.json()["detail"]


@time_machine.travel(date(2026, 2, 10), tick=False)
def test_a_petition_through_the_api(login, specialist, officer_x, officer_y, agency_x, enterprise_a):
    client = login(specialist)
    created = client.post(
        "/api/petitions",
        {"title": "Chậm cấp điện", "text": "Nhà máy chưa được đấu nối.", "enterprise": enterprise_a.tax_code,
         "topic": "power_water", "received_on": "09/02/2026", "channel": "hotline", "channel_reference": "HL-12"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    pk, data = created.json()["id"], created.json()
    assert data["due_on"] == "2026-03-02" and data["channel_reference"] == "HL-12"
    bad = client.post(f"/api/petitions/{pk}/classify", {"kind": "urgent"}, content_type="application/json")
    assert bad.status_code == 400 and "Loại không hợp lệ" in bad.json()["detail"]
    moved = client.post(
        f"/api/petitions/{pk}/classify", {"kind": "within_competence", "agency": agency_x.code},
        content_type="application/json",
    )  # fmt: skip
    assert moved.status_code == 200 and moved.json()["state"] == "classified"
    stale = client.post(f"/api/petitions/{pk}/assign", {"version": 1}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["version"] == moved.json()["version"]
    assert client.post(f"/api/petitions/{pk}/assign", {}, content_type="application/json").status_code == 200
    # an officer of another agency does not even see it; the responsible agency's answers
    other = login(officer_y).post(
        f"/api/petitions/{pk}/answer", {"text": "x", "legal_basis": "y"}, content_type="application/json"
    )
    assert other.status_code == 404
    officer = login(officer_x)
    assert officer.post(f"/api/petitions/{pk}/close", {}, content_type="application/json").status_code == 403
    answered = officer.post(
        f"/api/petitions/{pk}/answer", {"text": "Đã đấu nối.", "legal_basis": "Luật Điện lực"},
        content_type="application/json",
    )  # fmt: skip
    assert answered.status_code == 200 and answered.json()["state"] == "answered"
    no_basis = officer.post(f"/api/petitions/{pk}/answer", {"text": "x", "legal_basis": ""},
                            content_type="application/json")  # fmt: skip
    assert no_basis.status_code == 422
    closed = login(specialist).post(f"/api/petitions/{pk}/close", {"reason": "Xong"}, content_type="application/json")
    assert closed.status_code == 200 and closed.json()["state"] == "closed"


def test_bad_input_changes_nothing(login, specialist, investor_a):
    client = login(specialist)
    future = client.post("/api/petitions", {"title": "A", "text": "B", "petitioner_name": "Ông A",
                                            "received_on": "01/01/2099"}, content_type="application/json")  # fmt: skip
    assert future.status_code == 400
    bad_day = client.post("/api/petitions", {"title": "A", "text": "B", "received_on": "31/02/2026"},
                          content_type="application/json")  # fmt: skip
    assert bad_day.status_code == 422
    unknown = client.post("/api/petitions", {"title": "A", "text": "B", "enterprise": "9999999999"},
                          content_type="application/json")  # fmt: skip
    assert unknown.status_code == 400 and "9999999999" in unknown.json()["detail"]
    assert client.get("/api/petitions").json()["count"] == 0


def test_anonymous_gets_401(client):
    assert client.get("/api/petitions").status_code == 401
