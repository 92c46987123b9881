"""The translator's page: per language, what is missing or in draft with its counts; the editor of one text with
the Vietnamese beside it; the flow draft → reviewed → Vietnamese edited → draft again; stale saves refused; htmx
swapping the editor; who may write and who may only read."""

import pytest
from django.urls import reverse

from tiendo.portal import services
from tiendo.portal.models import Opportunity, Translation

from .desk_world import *  # noqa: F403 (the fixtures)
from .desk_world import FIELDS

pytestmark = pytest.mark.django_db


def _editor(opportunity, field="title", language="en") -> str:
    return reverse("portal_desk:translate", args=[opportunity.code, field, language])


def test_the_page_lists_per_language_what_is_missing_or_draft(login, specialist, published, commune, agency_x):
    Opportunity.objects.create(
        **(FIELDS | {"code": "HD-KG-CLOSED", "state": "closed"}), sector=published.sector, commune=commune,
        agency=agency_x,
    )  # fmt: skip
    services.translate(published, "title", "en", "Eco town by the Thai Binh river", actor=specialist, reviewed=True)
    services.translate(published, "summary", "en", "An eco town", actor=specialist)
    client = login(specialist)
    url = reverse("portal_desk:translations")
    page = client.get(url).content.decode()
    # five texts with Vietnamese: title reviewed, summary draft, three missing; the closed one is not listed
    assert "Tiếng Anh (4)" in page and "Tiếng Trung (5)" in page
    assert _editor(published, "summary") in page and _editor(published, "incentives") in page
    assert _editor(published, "title") not in page and "HD-KG-CLOSED" not in page
    drafts = client.get(url, {"language": "en", "status": "draft"}).content.decode()
    assert _editor(published, "summary") in drafts and _editor(published, "incentives") not in drafts
    chinese = client.get(url, {"language": "zh"}).content.decode()
    assert _editor(published, "title", "zh") in chinese


def test_draft_then_reviewed_then_the_vietnamese_changes(login, specialist, admin_user, published):
    client = login(specialist)
    url = _editor(published, "summary")
    page = client.get(url).content.decode()
    assert published.summary in page and 'lang="vi"' in page and "Chưa dịch" in page
    response = client.post(url, {"text": "An eco town with low-rise housing.", "version": 0, "action": "draft"})
    assert response.status_code == 302
    translation = Translation.objects.get(opportunity=published, field="summary", language="en")
    assert translation.status() == "draft" and translation.translated_by == specialist
    page = client.get(url).content.decode()
    assert "Bản nháp" in page and "Người dịch: Specialist" in page and 'value="review"' in page
    # another specialist reviews it
    client = login(admin_user)
    assert client.post(url, {"version": translation.version, "action": "review"}).status_code == 302
    translation.refresh_from_db()
    assert translation.status() == "reviewed" and translation.reviewed_by == admin_user
    assert "Người hiệu đính: Admin" in client.get(url).content.decode()
    # the Vietnamese changes: the translation is a draft again and waits on the translator's page
    published.summary = "Xây dựng khu đô thị sinh thái gồm nhà ở thấp tầng và bến du thuyền."
    services.save_opportunity(published, actor=specialist)
    translation.refresh_from_db()
    assert translation.status() == "draft"
    listing = client.get(reverse("portal_desk:translations")).content.decode()
    assert "Nội dung tiếng Việt đã thay đổi sau khi bản dịch được hiệu đính." in listing and url in listing
    response = client.post(url, {"text": "An eco town with low-rise housing and a marina.",
                                 "version": translation.version, "action": "reviewed"})  # fmt: skip
    translation.refresh_from_db()
    assert response.status_code == 302 and translation.status() == "reviewed"
    assert translation.text.endswith("a marina.")


def test_a_stale_save_is_refused_with_the_entries_kept(login, specialist, admin_user, published):
    client = login(specialist)
    url = _editor(published)
    client.get(url)  # read with no translation yet (version 0)
    services.translate(published, "title", "en", "Eco town", actor=admin_user)
    response = client.post(url, {"text": "Thai Binh riverside eco town", "version": 0, "action": "reviewed"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Bản ghi này đã được người khác thay đổi" in page and "Thai Binh riverside eco town" in page
    assert Translation.objects.get(opportunity=published, field="title", language="en").text == "Eco town"
    # marking reviewed a text read at an older version is refused too
    current = Translation.objects.get(opportunity=published, field="title", language="en")
    services.translate(published, "title", "en", "Eco-town", actor=admin_user)
    response = client.post(url, {"version": current.version, "action": "review"})
    assert response.status_code == 400
    current.refresh_from_db()
    assert current.status() == "draft"


def test_bad_requests_are_refused(login, specialist, published):
    client = login(specialist)
    response = client.post(_editor(published), {"text": "  ", "version": 0, "action": "draft"})
    assert response.status_code == 400 and "Hãy viết bản dịch" in response.content.decode()
    response = client.post(_editor(published), {"version": 0, "action": "review"})
    assert response.status_code == 400 and "Chưa có bản dịch để hiệu đính." in response.content.decode()
    assert client.get(_editor(published, "code")).status_code == 404  # not a translated text
    assert client.get(_editor(published, "title", "fr")).status_code == 404
    assert not Translation.objects.exists()


def test_htmx_swaps_the_editor(login, specialist, published):
    client = login(specialist)
    response = client.post(
        _editor(published, "title", "zh"),
        {"text": "泰平河畔生态城", "version": 0, "action": "reviewed"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page and 'id="editor"' in page
    assert "Đã lưu bản dịch." in page and 'lang="zh-Hans"' in page
    assert Translation.objects.get(language="zh").reviewed


def test_leaders_read_translations_without_writing_them(login, leader, specialist, published, officer_x):
    services.translate(published, "title", "en", "Eco town", actor=specialist)
    client = login(leader)
    page = client.get(_editor(published)).content.decode()
    assert "Eco town" in page and 'name="action"' not in page
    assert client.post(_editor(published), {"text": "X", "version": 1, "action": "reviewed"}).status_code == 403
    assert Translation.objects.get().text == "Eco town"
    assert login(officer_x).get(_editor(published)).status_code == 403
