"""The department's pages under /portal/: who may open them, the list (search without diacritics, filters, counts,
translation completeness), the form (create, edit, bad input, a stale save, an ended agency kept), publishing
refused with its reasons, closing with a reason, the procedure steps, and the internal nav's entry."""

from datetime import date

import pytest
from django.urls import reverse

from tiendo.agencies.models import Agency
from tiendo.portal import services
from tiendo.portal.models import Opportunity, Translation

from .desk_world import *  # noqa: F403 (the fixtures)
from .desk_world import FIELDS, add_step

pytestmark = pytest.mark.django_db


def _form_data(opportunity, **changes) -> dict:
    """What the edit form posts for the opportunity as it stands, with `changes` over it."""
    data = {
        "code": opportunity.code, "origin": opportunity.origin, "origin_document": opportunity.origin_document,
        "origin_date": "12/05/2024", "title": opportunity.title, "summary": opportunity.summary,
        "sector": opportunity.sector.code, "commune": opportunity.commune.code, "zone": "",
        "latitude": "", "longitude": "", "area_ha": "45", "capital": "1.500.000.000.000",
        "selection_form": opportunity.selection_form, "planning_status": opportunity.planning_status,
        "land_status": opportunity.land_status, "land_holder": opportunity.land_holder,
        "incentives": opportunity.incentives, "agency": opportunity.agency.code, "contact_name": "",
        "contact_phone": opportunity.contact_phone, "contact_email": "", "version": opportunity.version,
    }  # fmt: skip
    return data | changes


# who may open what -------------------------------------------------------------------------------------------------


def test_specialists_keep_the_pages_leaders_read_them(login, specialist, leader, draft, agency_x):
    step = add_step(draft, agency_x)
    pages = [
        reverse("portal_desk:opportunities"),
        reverse("portal_desk:opportunity", args=[draft.code]),
        reverse("portal_desk:translations"),
        reverse("portal_desk:translate", args=[draft.code, "title", "en"]),
    ]
    edits = [
        reverse("portal_desk:opportunity_create"),
        reverse("portal_desk:opportunity_edit", args=[draft.code]),
        reverse("portal_desk:opportunity_close", args=[draft.code]),
        reverse("portal_desk:step_create", args=[draft.code]),
        reverse("portal_desk:step_edit", args=[draft.code, step.pk]),
    ]
    client = login(specialist)
    for url in pages + edits:
        assert client.get(url).status_code == 200, url
    client = login(leader)
    for url in pages:
        assert client.get(url).status_code == 200, url
    for url in edits:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("portal_desk:opportunity_publish", args=[draft.code])).status_code == 403
    assert reverse("portal_desk:opportunity_edit", args=[draft.code]) not in client.get(pages[1]).content.decode()


def test_officers_investors_and_visitors_are_kept_out(login, client, officer_x, investor_a, draft):
    detail = reverse("portal_desk:opportunity", args=[draft.code])
    for user in (officer_x, investor_a):
        client = login(user)
        assert client.get(reverse("portal_desk:opportunities")).status_code == 403
        assert client.get(reverse("portal_desk:translations")).status_code == 403
        assert client.get(detail).status_code == 403
        assert client.post(reverse("portal_desk:opportunity_publish", args=[draft.code])).status_code == 403
    client.logout()
    response = client.get(reverse("portal_desk:opportunities"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    draft.refresh_from_db()
    assert draft.state == Opportunity.State.DRAFT


def test_the_main_nav_offers_the_portal_to_whoever_keeps_it(login, specialist, leader, officer_x, installation):
    url = reverse("portal_desk:opportunities")
    assert f'href="{url}"' in login(specialist).get(reverse("directives:list")).content.decode()
    for user in (leader, officer_x):
        assert f'href="{url}"' not in login(user).get(reverse("projects:list")).content.decode()


# the list ----------------------------------------------------------------------------------------------------------


def test_the_list_searches_without_diacritics_filters_and_counts(login, specialist, draft, published, sector,
                                                                 commune, agency_x):  # fmt: skip
    other = Opportunity.objects.create(
        **(FIELDS | {"title": "Cụm công nghiệp Hưng Đạo", "selection_form": "land_auction"}),
        code="HD-KG-002", sector=sector, commune=commune, agency=agency_x,
    )  # fmt: skip
    client = login(specialist)
    url = reverse("portal_desk:opportunities")
    page = client.get(url, {"q": "cum cong nghiep hung dao"}).content.decode()
    assert other.code in page and published.code not in page
    page = client.get(url, {"selection_form": "land_auction"}).content.decode()
    assert other.code in page and published.code not in page
    page = client.get(url, {"state": "published", "commune": commune.code, "sector": sector.code}).content.decode()
    assert published.code in page and other.code not in page
    assert "Tất cả (2)" in page and "Dự thảo (1)" in page  # the tabs count under the other filters
    # htmx asks for the rows alone
    rows = client.get(url, {"state": "draft"}, headers={"HX-Request": "true"}).content.decode()
    assert other.code in rows and "<html" not in rows


def test_each_row_says_how_far_each_language_has_come(login, specialist, published):
    for field in ("title", "summary", "planning_status", "land_holder"):
        services.translate(published, field, "en", f"English {field}", actor=specialist, reviewed=True)
    services.translate(published, "incentives", "en", "Land rent exempted", actor=specialist)
    services.translate(published, "title", "zh", "泰平河畔生态城", actor=specialist, reviewed=True)
    page = login(specialist).get(reverse("portal_desk:opportunities")).content.decode()
    assert "EN: đã hiệu đính 4/5" in page and "ZH: đã hiệu đính 1/5" in page


# the form ----------------------------------------------------------------------------------------------------------


def test_a_specialist_creates_and_edits_an_opportunity(login, specialist, sector, commune, agency_x, installation):
    client = login(specialist)
    data = _form_data(Opportunity(code="hd-kg-009", sector=sector, commune=commune, agency=agency_x, **FIELDS))
    data["area_ha"], data["capital"] = "12,5", "850 tỷ"
    response = client.post(reverse("portal_desk:opportunity_create"), data | {"version": ""})
    assert response.status_code == 302
    created = Opportunity.objects.get(code="HD-KG-009")
    assert created.state == "draft" and created.capital == 850_000_000_000 and str(created.area_ha) == "12.50"
    assert created.history.first().history_user == specialist
    renamed = _form_data(created, title="Khu đô thị sinh thái ven sông Thái Bình (giai đoạn 1)")
    response = client.post(reverse("portal_desk:opportunity_edit", args=[created.code]), renamed)
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.title.endswith("(giai đoạn 1)") and created.version == 2
    page = client.get(reverse("portal_desk:opportunity", args=[created.code])).content.decode()
    assert "(giai đoạn 1)" in page and "Lịch sử" in page and str(specialist) in page


def test_bad_input_is_answered_in_vietnamese_with_the_entries_kept(login, specialist, draft):
    client = login(specialist)
    data = _form_data(draft, title="", capital="nhiều tiền", latitude="20,94", area_ha="-3")
    response = client.post(reverse("portal_desk:opportunity_edit", args=[draft.code]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Trường này là bắt buộc." in page  # the title
    assert "Hãy nhập số tiền bằng đồng" in page  # the capital
    assert "Nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai." in page
    assert 'value="nhiều tiền"' in page and 'value="20,94"' in page
    draft.refresh_from_db()
    assert draft.version == 1


def test_a_stale_save_is_refused_and_the_entries_kept(login, specialist, admin_user, draft):
    client = login(specialist)
    read = _form_data(draft, title="Tên mới của người chậm chân")
    draft.contact_name = "Ông Nguyễn Văn A"
    services.save_opportunity(draft, actor=admin_user, expected_version=1)
    response = client.post(reverse("portal_desk:opportunity_edit", args=[draft.code]), read)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Bản ghi này đã được người khác thay đổi" in page and "Tên mới của người chậm chân" in page
    draft.refresh_from_db()
    assert draft.title == FIELDS["title"] and draft.contact_name == "Ông Nguyễn Văn A"


def test_an_agency_that_has_ended_stays_selected_on_edit(login, specialist, draft, people_committee):
    ended = Agency.objects.create(
        code="HD-BQL-CU", name="Ban Quản lý cũ", kind="department", parent=people_committee,
        admin_unit=people_committee.admin_unit, valid_to=date(2024, 12, 31),
    )  # fmt: skip
    Opportunity.objects.filter(pk=draft.pk).update(agency=ended)
    draft.refresh_from_db()
    client = login(specialist)
    url = reverse("portal_desk:opportunity_edit", args=[draft.code])
    page = client.get(url).content.decode()
    assert f'<option value="{ended.code}" selected>' in page and "hết hiệu lực 31/12/2024" in page
    assert client.post(url, _form_data(draft)).status_code == 302
    draft.refresh_from_db()
    assert draft.agency == ended
    assert 'value="45,00"' in page  # the area as the form writes it back, in a text input a browser shows
    # a new opportunity is not offered it
    assert ended.code not in client.get(reverse("portal_desk:opportunity_create")).content.decode()


# publication and closing -------------------------------------------------------------------------------------------


def test_publishing_is_refused_with_what_is_missing_then_done(login, specialist, draft, agency_x):
    client = login(specialist)
    url = reverse("portal_desk:opportunity_publish", args=[draft.code])
    page = client.post(url, {"version": draft.version}, follow=True).content.decode()
    assert "Chưa thể công bố" in page and "Hãy liệt kê ít nhất một bước thủ tục" in page
    assert Opportunity.objects.get(pk=draft.pk).state == "draft"
    client.get(reverse("portal_desk:step_create", args=[draft.code]))
    response = client.post(reverse("portal_desk:step_create", args=[draft.code]), {
        "order": 1, "step": "policy_approval", "agency": agency_x.pk, "working_days": 35,
        "legal_basis": "Luật Đầu tư 2020, Điều 32",
    })  # fmt: skip
    assert response.status_code == 302
    stale = client.post(url, {"version": 0}, follow=True).content.decode()
    assert "Bản ghi này đã được người khác thay đổi" in stale
    draft.refresh_from_db()
    client.post(url, {"version": draft.version})
    draft.refresh_from_db()
    assert draft.state == "published" and draft.published_on is not None


def test_closing_needs_a_reason(login, specialist, published):
    client = login(specialist)
    url = reverse("portal_desk:opportunity_close", args=[published.code])
    response = client.post(url, {"reason": " ", "version": published.version})
    assert response.status_code == 400 and "Trường này là bắt buộc." in response.content.decode()
    reason = "Đã lựa chọn nhà đầu tư theo Quyết định 88/QĐ-UBND"
    assert client.post(url, {"reason": reason, "version": published.version}).status_code == 302
    published.refresh_from_db()
    assert published.state == "closed"
    page = client.get(reverse("portal_desk:opportunity", args=[published.code])).content.decode()
    assert reason in page  # the history says why


# steps -------------------------------------------------------------------------------------------------------------


def test_steps_are_edited_removed_and_kept_in_the_history(login, specialist, published, agency_x, agency_y):
    client = login(specialist)
    step = published.steps.get()
    url = reverse("portal_desk:step_edit", args=[published.code, step.pk])
    bad = client.post(url, {"order": 1, "step": "policy_approval", "agency": agency_y.pk, "working_days": 0,
                            "legal_basis": "Luật Đầu tư"})  # fmt: skip
    assert bad.status_code == 400 and "lớn hơn hoặc bằng với 1" in bad.content.decode()
    client.post(url, {"order": 1, "step": "policy_approval", "agency": agency_y.pk, "working_days": 45,
                      "legal_basis": "Luật Đầu tư"})  # fmt: skip
    step.refresh_from_db()
    assert step.working_days == 45 and step.agency == agency_y
    remove = reverse("portal_desk:step_remove", args=[published.code, step.pk])
    page = client.post(remove, follow=True).content.decode()
    assert "ít nhất một bước thủ tục" in page and published.steps.count() == 1  # a published one keeps one
    second = add_step(published, agency_x, order=2, step="land_allocation", days=30)
    client.post(reverse("portal_desk:step_remove", args=[published.code, second.pk]))
    assert published.steps.count() == 1
    page = client.get(reverse("portal_desk:opportunity", args=[published.code])).content.decode()
    assert "bước thủ tục 2. Giao đất" in page  # the removed step's rows stay in the history
    # a step of another opportunity is not reached through this one
    other = Opportunity.objects.create(**(FIELDS | {"code": "HD-KG-777"}), sector=published.sector,
                                       commune=published.commune, agency=agency_x)  # fmt: skip
    foreign = add_step(other, agency_x)
    assert client.get(reverse("portal_desk:step_edit", args=[published.code, foreign.pk])).status_code == 404


def test_the_translation_table_links_to_the_translators_page(login, specialist, published):
    Translation.objects.create(opportunity=published, field="title", language="en", text="Eco town")
    page = login(specialist).get(reverse("portal_desk:opportunity", args=[published.code])).content.decode()
    assert reverse("portal_desk:translate", args=[published.code, "title", "en"]) in page
    assert "Bản nháp" in page and "Chưa dịch" in page
