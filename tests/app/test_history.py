"""Every change is kept with who, when and what, and shown on the record's page."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tiendo.audit.history import history_entries
from tiendo.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db


def test_profile_edit_is_kept_with_who_and_what(login, officer_x, agency_x):
    client = login(officer_x)
    data = {"name": agency_x.name, "short_name": "Sở KH&ĐT", "phone": "0220 111 222", "email": ""}
    client.post(reverse("agencies:edit", args=[agency_x.code]), data)
    entry = history_entries(agency_x)[0]
    assert entry.who == str(officer_x)
    assert entry.action in {"changed", "đã sửa"}
    assert [(c.old, c.new) for c in entry.changes if c.old == "0220 3852 111"] == [("0220 3852 111", "0220 111 222")]
    page = client.get(reverse("agencies:detail", args=[agency_x.code])).content.decode()
    assert "0220 111 222" in page and "0220 3852 111" in page  # old and new values on the record's page


def test_invalid_edit_shows_an_error_and_keeps_the_record(login, officer_x, agency_x):
    client = login(officer_x)
    response = client.post(reverse("agencies:edit", args=[agency_x.code]), {"name": "", "email": "không-phải-email"})
    assert response.status_code == 200
    assert b"errorlist" in response.content
    agency_x.refresh_from_db()
    assert agency_x.name == "Sở Kế hoạch và Đầu tư tỉnh Hải Dương"
    assert agency_x.history.count() == 1


def test_names_are_normalised_on_save(agency_x):
    agency_x.name = "  Văn phòng  Tỉnh uỷ  "
    agency_x.save()
    assert agency_x.name == "Văn phòng Tỉnh ủy"
    assert agency_x.search_key.startswith("van phong tinh uy")


def test_enterprise_soft_delete_and_restore(login, specialist, enterprise_b):
    client = login(specialist)
    client.post(reverse("enterprises:delete", args=[enterprise_b.pk]))
    assert not Enterprise.objects.alive().filter(pk=enterprise_b.pk).exists()
    assert Enterprise.objects.deleted().filter(pk=enterprise_b.pk).exists()
    listing = client.get(reverse("enterprises:list")).content.decode()
    assert enterprise_b.name not in listing
    deleted = client.get(reverse("enterprises:list") + "?deleted=on").content.decode()
    assert enterprise_b.name in deleted
    client.post(reverse("enterprises:restore", args=[enterprise_b.pk]))
    assert Enterprise.objects.alive().filter(pk=enterprise_b.pk).exists()
    assert [row.history_user for row in enterprise_b.history.all()[:2]] == [specialist, specialist]
    assert enterprise_b.history.count() == 3


def test_enterprise_create_rejects_duplicate_tax_code_in_vietnamese(login, specialist, enterprise_a):
    from django.utils import translation

    client = login(specialist)
    with translation.override("vi"):
        response = client.post(
            reverse("enterprises:create"),
            {"name": "Công ty Trùng Mã", "tax_code": enterprise_a.tax_code, "country": "VN"},
        )
    assert response.status_code == 200
    assert "đã có mã số thuế" in response.content.decode()
    assert Enterprise.objects.count() == 1


def test_cli_change_is_kept_under_the_acting_user(specialist, enterprise_a):
    call_command("enterprises", "update", str(enterprise_a.pk), "--phone", "0220 555 666", "--as", "specialist")
    row = enterprise_a.history.latest()
    assert row.history_user == specialist
    assert row.phone == "0220 555 666"


def test_search_ignores_diacritics(login, specialist, enterprise_a, enterprise_b):
    client = login(specialist)
    page = client.get(reverse("enterprises:list") + "?q=xay+dung+thanh+dong").content.decode()
    assert enterprise_b.name in page
    assert enterprise_a.name not in page
    agencies = client.get(reverse("agencies:list") + "?q=so+ke+hoach").content.decode()
    assert "Sở Kế hoạch và Đầu tư" in agencies
    assert "Sở Tài chính" not in agencies


def test_htmx_search_returns_only_the_rows(login, specialist, agency_x):
    response = login(specialist).get(reverse("agencies:list") + "?q=ke+hoach", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert "Sở Kế hoạch và Đầu tư" in body
