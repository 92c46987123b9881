"""Roles and agency isolation, through the pages and through the API."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client, agency_x):
    response = client.get(reverse("agencies:detail", args=[agency_x.code]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_healthz_answers_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_api_refuses_anonymous_with_401(client, agency_x):
    assert client.get("/api/agencies").status_code == 401
    assert client.get(f"/api/agencies/{agency_x.code}/staff").status_code == 401


def test_api_docs_need_login(client):
    response = client.get("/api/docs")
    assert response.status_code == 302


def test_officer_sees_own_agency_staff_and_history(login, officer_x, agency_x):
    response = login(officer_x).get(reverse("agencies:detail", args=[agency_x.code]))
    assert response.status_code == 200
    assert b"officer_x" in response.content.lower()
    assert agency_x.phone.encode() in response.content
    assert b'id="history"' in response.content


def test_officer_cannot_see_other_agency_staff_contacts_or_history(login, officer_x, officer_y, agency_y):
    response = login(officer_x).get(reverse("agencies:detail", args=[agency_y.code]))
    assert response.status_code == 200  # the directory entry itself is open to staff
    assert b"officer_y" not in response.content.lower()
    assert agency_y.phone.encode() not in response.content
    assert b'id="history"' not in response.content


def test_officer_cannot_edit_other_agency(login, officer_x, agency_y):
    client = login(officer_x)
    url = reverse("agencies:edit", args=[agency_y.code])
    assert client.get(url).status_code == 403
    response = client.post(url, {"name": "Tên đã bị sửa", "phone": "000"})
    assert response.status_code == 403
    agency_y.refresh_from_db()
    assert agency_y.name == "Sở Tài chính tỉnh Hải Dương"
    assert agency_y.history.count() == 1


def test_officer_can_edit_own_agency(login, officer_x, agency_x):
    url = reverse("agencies:edit", args=[agency_x.code])
    data = {
        "name": agency_x.name,
        "short_name": "Sở KH&ĐT",
        "phone": "0220 999 999",
        "email": "skhdt@example.vn",
    }
    response = login(officer_x).post(url, data)
    assert response.status_code == 302
    agency_x.refresh_from_db()
    assert agency_x.phone == "0220 999 999"


def test_leader_reads_everything_but_cannot_edit(login, leader, agency_y, officer_y):
    client = login(leader)
    response = client.get(reverse("agencies:detail", args=[agency_y.code]))
    assert b"officer_y" in response.content.lower()
    assert client.get(reverse("agencies:edit", args=[agency_y.code])).status_code == 403


def test_api_officer_cannot_read_other_agency_staff(login, officer_x, officer_y, agency_x, agency_y):
    client = login(officer_x)
    assert client.get(f"/api/agencies/{agency_y.code}/staff").status_code == 403
    own = client.get(f"/api/agencies/{agency_x.code}/staff")
    assert own.status_code == 200
    assert [row["username"] for row in own.json()] == ["officer_x"]


def test_api_agency_detail_hides_contacts_from_other_agencies(login, officer_x, agency_x, agency_y):
    client = login(officer_x)
    other = client.get(f"/api/agencies/{agency_y.code}").json()
    assert other["contacts"] is None
    own = client.get(f"/api/agencies/{agency_x.code}").json()
    assert own["contacts"]["phone"] == agency_x.phone


def test_investor_sees_only_own_enterprise(login, investor_a, enterprise_a, enterprise_b):
    client = login(investor_a)
    assert client.get(reverse("enterprises:detail", args=[enterprise_a.pk])).status_code == 200
    assert client.get(reverse("enterprises:detail", args=[enterprise_b.pk])).status_code == 404
    assert client.get(reverse("enterprises:edit", args=[enterprise_b.pk])).status_code == 404
    response = client.get(reverse("enterprises:list"))
    assert response.status_code == 302  # an investor's list is their own enterprise


def test_investor_cannot_change_another_enterprise(login, investor_a, enterprise_b):
    client = login(investor_a)
    response = client.post(reverse("enterprises:edit", args=[enterprise_b.pk]), {"address": "bị sửa"})
    assert response.status_code == 404
    enterprise_b.refresh_from_db()
    assert enterprise_b.address == ""


def test_investor_edits_own_contacts_but_not_name_or_tax_code(login, investor_a, enterprise_a):
    client = login(investor_a)
    data = {
        "address": "KCN Đại An, Hải Dương",
        "representative": "Hoshino Taro",
        "phone": "0912345678",
        "email": "info@hoshino.example",
        "name": "Tên khác",
        "tax_code": "0899999999",
    }
    response = client.post(reverse("enterprises:edit", args=[enterprise_a.pk]), data)
    assert response.status_code == 302
    enterprise_a.refresh_from_db()
    assert enterprise_a.address == "KCN Đại An, Hải Dương"
    assert enterprise_a.name == "Công ty TNHH Hoshino Việt Nam"
    assert enterprise_a.tax_code == "0800000001"


def test_api_investor_isolation(login, investor_a, enterprise_a, enterprise_b):
    client = login(investor_a)
    listing = client.get("/api/enterprises").json()
    assert [row["id"] for row in listing["items"]] == [enterprise_a.pk]
    assert client.get(f"/api/enterprises/{enterprise_b.pk}").status_code == 404
    response = client.patch(f"/api/enterprises/{enterprise_b.pk}", {"address": "x"}, content_type="application/json")
    assert response.status_code == 404
    response = client.patch(f"/api/enterprises/{enterprise_a.pk}", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    response = client.patch(
        f"/api/enterprises/{enterprise_a.pk}", {"phone": "0220 1234"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["phone"] == "0220 1234"


def test_api_rejects_bad_input_with_vietnamese_message(login, specialist, enterprise_a):
    response = login(specialist).patch(
        f"/api/enterprises/{enterprise_a.pk}", {"tax_code": "12"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Dữ liệu không hợp lệ."
    enterprise_a.refresh_from_db()
    assert enterprise_a.tax_code == "0800000001"


def test_officer_cannot_list_enterprises(login, officer_x, enterprise_a):
    client = login(officer_x)
    assert client.get(reverse("enterprises:list")).status_code == 403
    assert client.get("/api/enterprises").json()["items"] == []


def test_only_specialists_delete_enterprises(login, officer_x, investor_a, enterprise_a):
    for user in (officer_x, investor_a):
        response = login(user).post(reverse("enterprises:delete", args=[enterprise_a.pk]))
        assert response.status_code == 403
    enterprise_a.refresh_from_db()
    assert enterprise_a.deleted_at is None


def test_api_write_needs_csrf_token(agency_x, officer_x, enterprise_a, specialist):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(specialist)
    response = client.patch(f"/api/enterprises/{enterprise_a.pk}", {"phone": "1"}, content_type="application/json")
    assert response.status_code == 403


def test_security_headers(login, specialist):
    response = login(specialist).get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_openapi_schema_lists_the_endpoints(login, specialist):
    schema = login(specialist).get("/api/openapi.json").json()
    assert {"/api/agencies", "/api/enterprises", "/api/projects", "/api/projects/{code}"} <= set(schema["paths"])
