"""The steps an investor goes through after a project is offered, with their statutory durations and the agencies of
today that decide them (docs/legal/opportunities.md, OPP-03, OPP-09 to OPP-11), and the documents the lists of
opportunities come from (OPP-08). Data, no Django.

Only steps whose duration the research found are listed: no land allocation, auction, bidding or fire-safety step
(their durations were not found, OPP-12). A law counting calendar days keeps its count, marked as calendar days
(OPP-13)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Step:
    step: str  # ProcedureStep.Step value
    agency: str  # the demo agency's code (today's: valid_to empty)
    working_days: int  # the days as the law counts them: working days, or calendar days when `calendar_days`
    legal_basis: str
    calendar_days: bool = False


def calendar(step: str, agency: str, days: int, legal_basis: str) -> Step:
    """A step whose law counts calendar days ("17 ngày"): kept as the law says, marked as calendar days (OPP-13)."""
    return Step(step, agency, days, legal_basis, calendar_days=True)


POLICY_BASIS = (
    "Luật Đầu tư 143/2025/QH15, Điều 24 (Chủ tịch UBND cấp tỉnh chấp thuận); thời hạn 17 ngày theo Nghị định "
    "31/2021/NĐ-CP, sửa đổi bởi Nghị định 239/2025/NĐ-CP"
)

STEPS = {
    # OPP-03: 17 days since Decree 239/2025 [V]; whether the decree under Law 143/2025 keeps them is unknown [I]
    "POLICY": calendar("policy_approval", "HP-UBND", 17, POLICY_BASIS),
    # OPP-09: Law 61/2020 Art. 38(1)(a), 5 working days after the policy approval [V]; the IRC outside the zones
    # is the Department of Finance's since the 2025 reorganisation (ORG-02)
    "IRC_AFTER_POLICY": Step(
        "registration_certificate",
        "HP-STC",
        5,
        "Luật Đầu tư 61/2020/QH14, Điều 38 khoản 1 điểm a: 05 ngày làm việc kể từ khi có văn bản chấp thuận chủ "
        "trương đầu tư (nhà đầu tư nước ngoài)",
    ),
    # OPP-09: in a zone the zones' board issues the IRC (Art. 39(1)); 10 days since Decree 239/2025 [V]
    "IRC_IN_ZONE": calendar(
        "registration_certificate",
        "HP-BQLKKT",
        10,
        "Luật Đầu tư, Điều 37, 39; Nghị định 31/2021/NĐ-CP sửa đổi bởi Nghị định 239/2025/NĐ-CP: 10 ngày kể từ ngày "
        "nhận hồ sơ hợp lệ (nhà đầu tư nước ngoài)",
    ),
    # OPP-10: 3 working days [V]
    "ENTERPRISE": Step(
        "enterprise_registration",
        "HP-STC",
        3,
        "Luật Doanh nghiệp 59/2020/QH14, Điều 26: 03 ngày làm việc kể từ ngày nhận hồ sơ hợp lệ",
    ),
    # OPP-11: 45 days (group I) or 30 days (group II) from the valid dossier [V]
    "EIA_GROUP_I": calendar(
        "environment",
        "HP-SNNMT",
        45,
        "Luật Bảo vệ môi trường 72/2020/QH14, Điều 34 khoản 6 điểm a: không quá 45 ngày (dự án nhóm I)",
    ),
    "EIA_GROUP_II": calendar(
        "environment",
        "HP-SNNMT",
        30,
        "Luật Bảo vệ môi trường 72/2020/QH14, Điều 34 khoản 6 điểm b: không quá 30 ngày (dự án nhóm II)",
    ),
    # OPP-11: up to 7 days under the Law on Construction 2025 from 01/07/2026 [S]; only for small works (larger ones
    # are exempt once a specialised agency appraised their feasibility study)
    "PERMIT": calendar(
        "construction_permit",
        "HP-SXD",
        7,
        "Luật Xây dựng 2025 (hiệu lực từ 01/07/2026): cấp giấy phép xây dựng trực tuyến, tối đa 7 ngày",
    ),
}


@dataclass(frozen=True)
class Listing:
    origin: str  # Opportunity.Origin value
    document: str
    day: date


LISTINGS = {
    # real: the provincial plan (docs/legal/opportunities.md OPP-08 [V]); which projects it lists is not claimed
    # beyond what each opportunity's planning text says (INVENTED where a zone's or a plot's planning is stated)
    "plan": Listing(
        "provincial_plan",
        "Quyết định 1639/QĐ-TTg ngày 19/12/2023 của Thủ tướng Chính phủ phê duyệt Quy hoạch tỉnh Hải Dương thời kỳ "
        "2021–2030, tầm nhìn đến năm 2050",
        date(2023, 12, 19),
    ),
    # real: the Power Development Plan VIII (OPP-08 [V]), which favours rooftop solar for self-consumption
    "pdp8": Listing(
        "sector_plan",
        "Quyết định 500/QĐ-TTg ngày 15/05/2023 của Thủ tướng Chính phủ phê duyệt Quy hoạch phát triển điện lực quốc "
        "gia thời kỳ 2021–2030, tầm nhìn đến năm 2050",
        date(2023, 5, 15),
    ),
    # INVENTED: the number and date of each People's Committee decision on the list
    "hd2024": Listing(
        "province_decision",
        "Quyết định 186/QĐ-UBND ngày 22/01/2024 của UBND tỉnh Hải Dương ban hành Danh mục dự án kêu gọi đầu tư "
        "giai đoạn 2024–2025",
        date(2024, 1, 22),
    ),
    "hp2025": Listing(
        "province_decision",
        "Quyết định 2968/QĐ-UBND ngày 26/09/2025 của UBND thành phố Hải Phòng ban hành Danh mục dự án kêu gọi đầu "
        "tư trên địa bàn các xã, phường thuộc tỉnh Hải Dương (cũ)",
        date(2025, 9, 26),
    ),
    "hp2026": Listing(
        "province_decision",
        "Quyết định 1154/QĐ-UBND ngày 16/04/2026 của UBND thành phố Hải Phòng ban hành Danh mục dự án kêu gọi đầu "
        "tư năm 2026",
        date(2026, 4, 16),
    ),
}

# The desks that answer investors (INVENTED names of real agencies' offices; phone and e-mail are the demo
# agency's own office contacts, never a person's)
DESKS = {
    "HP-STC": "Bộ phận Xúc tiến đầu tư, Sở Tài chính thành phố Hải Phòng",
    "HP-BQLKKT": "Phòng Xúc tiến đầu tư, Ban Quản lý Khu kinh tế Hải Phòng",
}
