"""The department's side of the portal in the tests: a sector, a draft opportunity complete enough to publish but
for its procedure step, and a helper that adds one."""

from datetime import date

import pytest

from tiendo.portal.models import Opportunity, ProcedureStep
from tiendo.projects.models import Sector

__all__ = ["draft", "published", "sector"]  # the fixtures a test module takes with `from .desk_world import *`

FIELDS = {
    "origin": "province_decision",
    "origin_document": "Quyết định 1234/QĐ-UBND ngày 12/5/2024 của UBND tỉnh",
    "origin_date": date(2024, 5, 12),
    "title": "Khu đô thị sinh thái ven sông Thái Bình",
    "summary": "Xây dựng khu đô thị sinh thái gồm nhà ở thấp tầng, công viên và dịch vụ thương mại.",
    "planning_status": "Đã có quy hoạch phân khu tỷ lệ 1/2000.",
    "land_holder": "Ủy ban nhân dân xã Thái Tân quản lý",
    "incentives": "Miễn tiền thuê đất 11 năm theo Nghị định 31/2021/NĐ-CP.",
    "selection_form": "investor_bidding",
    "land_status": "partly_cleared",
    "area_ha": 45,
    "capital": 1_500_000_000_000,
    "contact_name": "Phòng Xúc tiến đầu tư",
    "contact_phone": "0220 3852 111",
}


@pytest.fixture
def sector(db):
    return Sector.objects.create(code="DT", name="Đô thị", name_en="Urban development")


@pytest.fixture
def draft(sector, commune, agency_x, installation):
    """A draft in the province's commune, answered by agency X; it lacks only a procedure step to be published."""
    return Opportunity.objects.create(code="HD-KG-001", sector=sector, commune=commune, agency=agency_x, **FIELDS)


def add_step(opportunity, agency, order=1, step="policy_approval", days=35):
    return ProcedureStep.objects.create(
        opportunity=opportunity, order=order, step=step, agency=agency, working_days=days,
        legal_basis="Luật Đầu tư 2020, Điều 32",
    )  # fmt: skip


@pytest.fixture
def published(draft, agency_x):
    add_step(draft, agency_x)
    draft.state = Opportunity.State.PUBLISHED
    draft.published_on = date(2025, 1, 6)
    draft.save()
    return draft
