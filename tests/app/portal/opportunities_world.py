"""Opportunities for the public pages' and the enquiries' tests: two published (one fully described, with reviewed
and draft translations, steps and a document; one whose sector has no English name), a draft and a closed one."""

from datetime import date

from django.core.files.base import ContentFile

from tiendo.agencies.models import AdminUnit
from tiendo.domain.portal.translation import fingerprint
from tiendo.portal.models import Opportunity, OpportunityDocument, ProcedureStep, Translation
from tiendo.projects.models import Sector, Zone

TY = 1_000_000_000
SUMMARY = "Sản xuất linh kiện điện tử cho ngành ô tô và điện thoại, quy mô 2.000 lao động."


def _opportunity(**fields):
    defaults = {
        "origin": "provincial_plan",
        "origin_document": "Quyết định số 1639/QĐ-TTg ngày 19/12/2023",
        "origin_date": date(2023, 12, 19),
        "selection_form": "investor_bidding",
        "land_status": "cleared",
        "contact_name": "Phòng Xúc tiến đầu tư",
        "contact_phone": "0220 3852 111",
        "contact_email": "xuctien@example.vn",
        "state": Opportunity.State.PUBLISHED,
    }
    return Opportunity.objects.create(**{**defaults, **fields})


def build(province, commune, agency_x, agency_y):
    industry = Sector.objects.create(code="CN", name="Công nghiệp chế biến", name_en="Manufacturing", name_zh="制造业")
    logistics = Sector.objects.create(code="LOG", name="Kho vận")  # no English or Chinese name
    other_commune = AdminUnit.objects.create(
        code="HD-X2", name="Cẩm Phúc", unit_type="xã", level="commune", parent=province, name_en="Cam Phuc Commune"
    )
    zone = Zone.objects.create(
        code="KCN-DA", name="KCN Đại An", name_en="Dai An Industrial Park", name_zh="大安工业园", kind="kcn"
    )
    plant = _opportunity(
        code="CN-01",
        title="Nhà máy linh kiện điện tử Đại An",
        summary=SUMMARY,
        sector=industry,
        commune=commune,
        zone=zone,
        area_ha=45.5,
        capital=1_200 * TY,
        planning_status="Phù hợp quy hoạch phân khu tỷ lệ 1/2000 KCN Đại An",
        land_holder="Công ty phát triển hạ tầng KCN Đại An",
        incentives="Miễn thuế thu nhập doanh nghiệp 4 năm, giảm 50% trong 9 năm tiếp theo.",
        agency=agency_x,
        published_on=date(2026, 1, 15),
    )
    depot = _opportunity(
        code="LOG-02",
        title="Trung tâm kho vận Cẩm Phúc",
        summary="Kho vận và trung chuyển hàng hóa.",
        sector=logistics,
        commune=other_commune,
        area_ha=8,
        capital=150 * TY,
        selection_form="land_auction",
        land_status="not_cleared",
        agency=agency_y,
        published_on=date(2026, 3, 1),
    )
    draft = _opportunity(
        code="CN-DRAFT", title="DRAFT-OPPORTUNITY sân golf", sector=industry, commune=commune, area_ha=60,
        capital=3_000 * TY, agency=agency_x, state=Opportunity.State.DRAFT,
    )  # fmt: skip
    closed = _opportunity(
        code="CN-CLOSED", title="CLOSED-OPPORTUNITY khu dân cư", sector=industry, commune=commune, area_ha=3,
        capital=50 * TY, agency=agency_x, state=Opportunity.State.CLOSED, published_on=date(2025, 5, 1),
    )  # fmt: skip
    for opportunity, title_en in ((plant, "Dai An electronic components plant"), (draft, "DRAFT-TITLE-EN")):
        Translation.objects.create(
            opportunity=opportunity, field="title", language="en", text=title_en, reviewed=True,
            made_from=fingerprint(opportunity.title),
        )  # fmt: skip
    Translation.objects.create(
        opportunity=plant, field="title", language="zh", text="大安电子元件厂", reviewed=True,
        made_from=fingerprint(plant.title),
    )  # fmt: skip
    Translation.objects.create(
        opportunity=plant, field="summary", language="en", text="UNREVIEWED-SUMMARY-EN", reviewed=False,
        made_from=fingerprint(plant.summary),
    )  # fmt: skip
    for order, (step, agency, days, basis) in enumerate(
        (
            ("policy_approval", agency_x, 17, "Điều 33 Luật Đầu tư 2020"),
            ("land_allocation", agency_y, 20, "Điều 227 Luật Đất đai 2024"),
        ),
        start=1,
    ):
        ProcedureStep.objects.create(
            opportunity=plant, order=order, step=step, agency=agency, working_days=days, legal_basis=basis,
            calendar_days=step == "policy_approval",  # "17 ngày": the law counts calendar days
        )  # fmt: skip
    ProcedureStep.objects.create(
        opportunity=depot,
        order=1,
        step="investor_selection",
        agency=agency_y,
        working_days=45,
        legal_basis="Luật Đấu giá",
    )
    site_plan = OpportunityDocument.objects.create(
        opportunity=plant, kind="site_plan", title="Sơ đồ vị trí", file=ContentFile(b"SITE-PLAN-PDF", name="so-do.pdf")
    )
    draft_plan = OpportunityDocument.objects.create(
        opportunity=draft, kind="site_plan", title="Bản vẽ nháp", file=ContentFile(b"DRAFT-PLAN", name="nhap.pdf")
    )
    return {
        "plant": plant, "depot": depot, "draft": draft, "closed": closed, "zone": zone, "industry": industry,
        "logistics": logistics, "other_commune": other_commune, "site_plan": site_plan, "draft_plan": draft_plan,
    }  # fmt: skip
