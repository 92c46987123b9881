"""An opportunity's documents on the department's page: the upload's type, size and emptiness limits (the petitions'
approach), the download through the access layer, the removal kept in the history."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tiendo.portal.models import Opportunity, OpportunityDocument

from .desk_world import *  # noqa: F403 (the fixtures)
from .desk_world import FIELDS

pytestmark = pytest.mark.django_db


def _upload(client, opportunity, name, content, **extra):
    data = {"kind": "site_plan", "title": "Sơ đồ vị trí khu đất", "file": SimpleUploadedFile(name, content)}
    return client.post(reverse("portal_desk:document_upload", args=[opportunity.code]), data | extra)


def test_uploads_are_checked_for_type_size_and_emptiness(login, specialist, published, settings):
    settings.TIENDO_PORTAL_DOCUMENT_MAX_BYTES = 1024
    client = login(specialist)
    refused = _upload(client, published, "setup.exe", b"MZ...")
    assert refused.status_code == 400 and "“setup.exe” không phải loại tệp được đính kèm" in refused.content.decode()
    refused = _upload(client, published, "so-do.pdf", b"%PDF" + b"0" * 2000)
    assert refused.status_code == 400 and "“so-do.pdf” lớn hơn 1,0\xa0KB" in refused.content.decode()
    refused = _upload(client, published, "rong.pdf", b"")
    assert refused.status_code == 400
    refused = _upload(client, published, "so-do.pdf", b"%PDF-1.4 map", title="")
    page = refused.content.decode()
    assert refused.status_code == 400 and "Trường này là bắt buộc." in page
    assert "Tối đa 1,0\xa0KB" in page  # the limits are said beside the field
    assert not OpportunityDocument.objects.exists()
    assert _upload(client, published, "so-do.pdf", b"%PDF-1.4 map").status_code == 302
    document = OpportunityDocument.objects.get()
    assert document.uploaded_by == specialist and document.opportunity == published


def test_the_file_is_read_through_the_access_layer(login, specialist, leader, officer_x, published, agency_x):
    _upload(login(specialist), published, "so-do.pdf", b"%PDF-1.4 map")
    document = OpportunityDocument.objects.get()
    url = reverse("portal_desk:document", args=[published.code, document.pk])
    for user in (specialist, leader):
        response = login(user).get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 map"
    assert login(officer_x).get(url).status_code == 403
    other = Opportunity.objects.create(**(FIELDS | {"code": "HD-KG-002"}), sector=published.sector,
                                       commune=published.commune, agency=agency_x)  # fmt: skip
    wrong = reverse("portal_desk:document", args=[other.code, document.pk])
    assert login(specialist).get(wrong).status_code == 404


def test_a_removed_document_stays_in_the_history(login, specialist, leader, published):
    client = login(specialist)
    _upload(client, published, "so-do.pdf", b"%PDF-1.4 map")
    document = OpportunityDocument.objects.get()
    remove = reverse("portal_desk:document_remove", args=[published.code, document.pk])
    assert login(leader).post(remove).status_code == 403
    client = login(specialist)
    assert client.post(remove).status_code == 302
    assert not OpportunityDocument.objects.exists()
    page = client.get(reverse("portal_desk:opportunity", args=[published.code])).content.decode()
    assert "tài liệu “Sơ đồ vị trí khu đất”" in page
