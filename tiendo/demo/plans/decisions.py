"""What was decided when: the capital-source tree, the councils' and committees' decisions in the order
they were taken, and how much of the projects' needs each version covers. Pure data and the names of the bodies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tiendo.plans.models import TIER_LABELS, PlanVersion

INVESTMENT_DECISION = "Quyết định phê duyệt dự án đầu tư xây dựng."

# (code, parent, level, foreign, order, Vietnamese, English, Chinese): the leaves carry capital
SOURCES = [
    ("NSTW", None, "central", False, 10, "Vốn ngân sách trung ương", "Central budget", "中央预算资金"),
    (
        "NSTW_TN",
        "NSTW",
        "central",
        False,
        11,
        "Ngân sách trung ương – vốn trong nước",
        "Central budget – domestic capital",
        "中央预算—国内资金",
    ),
    (
        "NSTW_ODA",
        "NSTW",
        "central",
        True,
        12,
        "Ngân sách trung ương – vốn nước ngoài (ODA, vay ưu đãi)",
        "Central budget – foreign capital (ODA, concessional loans)",
        "中央预算—外国资金（官方发展援助、优惠贷款）",
    ),
    (
        "NSTW_MTQG",
        "NSTW",
        "central",
        False,
        13,
        "Ngân sách trung ương – các chương trình mục tiêu quốc gia",
        "Central budget – national target programmes",
        "中央预算—国家目标计划",
    ),
    ("NSDP", None, "local", False, 20, "Vốn ngân sách địa phương", "Local budget", "地方预算资金"),
    (
        "NSDP_CD",
        "NSDP",
        "local",
        False,
        21,
        "Vốn cân đối ngân sách địa phương theo tiêu chí",
        "Local budget balanced by criteria",
        "按标准分配的地方平衡预算资金",
    ),
    ("NSDP_TSDD", "NSDP", "local", False, 22, "Thu tiền sử dụng đất", "Land-use fee revenue", "土地使用费收入"),
    ("NSDP_XS", "NSDP", "local", False, 23, "Thu xổ số kiến thiết", "Lottery revenue", "彩票收入"),
    (
        "NSDP_VAY",
        "NSDP",
        "local",
        True,
        24,
        "Bội chi ngân sách địa phương (vốn vay lại)",
        "Local budget deficit (on-lent loans)",
        "地方预算赤字（转贷资金）",
    ),
]
LEAVES = [code for code, parent, *_ in SOURCES if parent]
ORDER = {code: order for code, _p, _l, _f, order, *_ in SOURCES}
TIER_LETTER = dict(zip(TIER_LABELS, "a b c d đ e g h i k l m n".split(), strict=True))
TIER_RANK = {tier: rank for rank, tier in enumerate(TIER_LABELS)}
PERIOD_YEARS = {"A": 6, "B": 4, "C": 3, "national": 6}  # PI-06: the longest allocation period of each group

HD_COUNCIL = "Hội đồng nhân dân tỉnh Hải Dương"
HP_COUNCIL = "Hội đồng nhân dân thành phố Hải Phòng"
HD_COMMITTEE = "Ủy ban nhân dân tỉnh Hải Dương"
HP_COMMITTEE = "Ủy ban nhân dân thành phố Hải Phòng"
COUNCIL = PlanVersion.Body.PROVINCIAL_COUNCIL
COMMITTEE = PlanVersion.Body.PROVINCIAL_COMMITTEE
# the province's disbursement target (cumulative percent of the annual plan), in the plan year and January after
TARGET_PATH = [["03-31", 15], ["06-30", 40], ["09-30", 65], ["12-31", 90], ["01-31", 95]]


@dataclass(frozen=True)
class Decision:
    """One approved version: which plan ("MT21", "MT26", "Y2024"), its number, and the deciding document."""

    plan: str
    number: int
    day: date
    document: str
    body: str
    issuer: str
    title: str
    note: str = ""
    purpose: str = PlanVersion.Purpose.INITIAL


DECISIONS = [
    Decision(
        "Y2021", 0, date(2020, 12, 11), "112/NQ-HĐND", COUNCIL, HD_COUNCIL, "Kế hoạch đầu tư công năm 2021 được giao"
    ),
    Decision(
        "MT21",
        0,
        date(2021, 8, 20),
        "09/NQ-HĐND",
        COUNCIL,
        HD_COUNCIL,
        "Kế hoạch đầu tư công trung hạn giai đoạn 2021-2025 được giao",
        "Giữ lại dự phòng chưa phân bổ để bố trí cho các dự án được quyết định chủ trương đầu tư sau.",
    ),
    Decision(
        "Y2022", 0, date(2021, 12, 10), "26/NQ-HĐND", COUNCIL, HD_COUNCIL, "Kế hoạch đầu tư công năm 2022 được giao"
    ),
    Decision(
        "Y2023", 0, date(2022, 12, 9), "41/NQ-HĐND", COUNCIL, HD_COUNCIL, "Kế hoạch đầu tư công năm 2023 được giao"
    ),
    Decision(
        "MT21",
        1,
        date(2023, 7, 14),
        "15/NQ-HĐND",
        COUNCIL,
        HD_COUNCIL,
        "Điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2021-2025 (lần 1)",
        "Bổ sung vốn ngân sách trung ương của Chương trình phục hồi và phát triển kinh tế - xã hội; phân bổ dự phòng "
        "cho các dự án đã được quyết định chủ trương đầu tư.",
        PlanVersion.Purpose.ADJUSTMENT,
    ),
    Decision(
        "Y2023",
        1,
        date(2023, 10, 16),
        "52/NQ-HĐND",
        COUNCIL,
        HD_COUNCIL,
        "Giao bổ sung kế hoạch vốn ngân sách trung ương năm 2023",
        "Vốn bổ sung sau ngày 30/9 được giải ngân đến hết ngày 31/12/2024.",
        PlanVersion.Purpose.ADJUSTMENT,
    ),
    Decision(
        "Y2024", 0, date(2023, 12, 8), "61/NQ-HĐND", COUNCIL, HD_COUNCIL, "Kế hoạch đầu tư công năm 2024 được giao"
    ),
    Decision(
        "MT21",
        2,
        date(2024, 7, 12),
        "24/NQ-HĐND",
        COUNCIL,
        HD_COUNCIL,
        "Điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2021-2025 (lần 2)",
        "Trên cơ sở ước tính số thu ngân sách, giảm nguồn thu tiền sử dụng đất do thị trường bất động sản trầm lắng; "
        "ưu tiên dự án hoàn thành, chuyển tiếp, đối ứng ODA; giãn, hoãn dự án khởi công mới chưa đủ điều kiện.",
        PlanVersion.Purpose.ADJUSTMENT,
    ),
    Decision(
        "Y2024",
        1,
        date(2024, 7, 12),
        "25/NQ-HĐND",
        COUNCIL,
        HD_COUNCIL,
        "Điều chỉnh kế hoạch đầu tư công năm 2024",
        "Cắt giảm vốn thu tiền sử dụng đất theo ước thu; không thấp hơn số đã giải ngân đến 30/6/2024.",
        PlanVersion.Purpose.ADJUSTMENT,
    ),
    Decision(
        "Y2025", 0, date(2024, 12, 10), "47/NQ-HĐND", COUNCIL, HD_COUNCIL, "Kế hoạch đầu tư công năm 2025 được giao"
    ),
    Decision(
        "Y2025",
        1,
        date(2025, 10, 20),
        "3412/QĐ-UBND",
        COMMITTEE,
        HP_COMMITTEE,
        "Điều chuyển kế hoạch vốn năm 2025 giữa các dự án",
        "Điều chuyển vốn của các dự án không có khả năng giải ngân sang các dự án có khối lượng hoàn thành, cần bổ "
        "sung vốn (địa bàn tỉnh Hải Dương cũ).",
        PlanVersion.Purpose.TRANSFER,
    ),
    Decision(
        "MT26",
        0,
        date(2025, 12, 10),
        "98/NQ-HĐND",
        COUNCIL,
        HP_COUNCIL,
        "Kế hoạch đầu tư công trung hạn giai đoạn 2026-2030 được giao",
        "Dữ liệu mẫu: gồm các dự án trên địa bàn tỉnh Hải Dương cũ.",
    ),
    Decision(
        "Y2026", 0, date(2025, 12, 10), "99/NQ-HĐND", COUNCIL, HP_COUNCIL, "Kế hoạch đầu tư công năm 2026 được giao"
    ),
]
PLAN_TITLES = {  # medium-term plans first: the annual plans point to them
    "MT21": ("medium_term", 2021, 2025, "Kế hoạch đầu tư công trung hạn giai đoạn 2021-2025 tỉnh Hải Dương"),
    "MT26": ("medium_term", 2026, 2030, "Kế hoạch đầu tư công trung hạn giai đoạn 2026-2030 thành phố Hải Phòng"),
    **{
        f"Y{year}": ("annual", year, year, f"Kế hoạch đầu tư công năm {year} tỉnh Hải Dương")
        for year in range(2021, 2026)
    },
    "Y2026": ("annual", 2026, 2026, "Kế hoạch đầu tư công năm 2026 thành phố Hải Phòng"),
}
# The share of the candidates' needs each version has, per source (the rest of the need is the shortage).
MT_COVER = {
    "MT21": {"NSTW_TN": 0.85, "NSTW_ODA": 0.95, "NSTW_MTQG": 0.95, "NSDP_CD": 0.8, "NSDP_TSDD": 0.8, "NSDP_XS": 0.9},
    "MT21-1": {"NSTW_TN": 0.88, "NSTW_ODA": 0.95, "NSTW_MTQG": 0.95, "NSDP_CD": 0.85, "NSDP_TSDD": 0.88},
    "MT26": {"NSTW_TN": 0.7, "NSTW_ODA": 0.9, "NSTW_MTQG": 0.9, "NSDP_CD": 0.7, "NSDP_TSDD": 0.65, "NSDP_XS": 0.9},
}
MT_RESERVE = {0: 0.08, 1: 0.03, 2: 0.0}  # kept unallocated by each version of 2021-2025
MT21_CHANGE = {
    1: {"NSTW_TN": 1.14, "NSTW_ODA": 1.0, "NSTW_MTQG": 1.05, "NSDP_CD": 1.04, "NSDP_TSDD": 1.06, "NSDP_XS": 1.02},
    2: {"NSTW_TN": 1.0, "NSTW_ODA": 0.97, "NSTW_MTQG": 1.0, "NSDP_CD": 1.03, "NSDP_TSDD": 0.84, "NSDP_XS": 1.0},
}
ANNUAL_COVER = {2021: 0.93, 2022: 0.92, 2023: 0.9, 2024: 0.9, 2025: 0.95, 2026: 0.8}
LAND_CUT_2024 = 0.7  # the 2024 land-use revenue estimate in July, against the plan of December 2023


TIER_VI = {
    "special_or_emergency": "dự án đặc biệt, dự án khẩn cấp",
    "national_programme": "chương trình mục tiêu quốc gia",
    "advance_repayment": "hoàn trả vốn ứng trước",
    "completed_unfunded": "dự án đã hoàn thành, bàn giao đưa vào sử dụng nhưng chưa bố trí đủ vốn",
    "oda": "dự án sử dụng vốn ODA, vay ưu đãi và vốn đối ứng",
    "ppp_state": "vốn nhà nước tham gia dự án PPP",
    "transitional_finishing": "dự án chuyển tiếp hoàn thành trong kỳ",
    "transitional_on_schedule": "dự án chuyển tiếp thực hiện theo tiến độ",
    "preparation": "nhiệm vụ quy hoạch, chuẩn bị đầu tư",
    "debt_before_2015": "nợ đọng xây dựng cơ bản phát sinh trước ngày 01/01/2015",
    "other_support": "cấp bù lãi suất, vốn điều lệ, hỗ trợ khác",
    "policy_bank": "ủy thác qua Ngân hàng Chính sách xã hội",
    "new": "dự án khởi công mới",
}
