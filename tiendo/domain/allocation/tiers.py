"""The vocabulary of an allocation and the law's order of priority: plan kinds, tiers, the two laws' tables.

Everything else in the package speaks in these words; they hold no logic, only the tables the law gives
(Law 58/2024 Art. 54(4), Law 39/2019 Art. 51) and the Vietnamese names of the tiers.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class PlanKind(StrEnum):
    ANNUAL = "annual"  # kế hoạch đầu tư công hằng năm
    MEDIUM_TERM = "medium_term"  # kế hoạch đầu tư công trung hạn (5 năm)


class Tier(StrEnum):
    """What the capital is for, in the order of Law 58/2024 Art. 54(4) (2025 text), first to last."""

    SPECIAL_OR_EMERGENCY = "special_or_emergency"  # (a)
    NATIONAL_PROGRAMME = "national_programme"  # (b)
    ADVANCE_REPAYMENT = "advance_repayment"  # (c)
    COMPLETED_UNFUNDED = "completed_unfunded"  # (d)
    ODA = "oda"  # (đ)
    PPP_STATE = "ppp_state"  # (e)
    TRANSITIONAL_FINISHING = "transitional_finishing"  # (g)
    TRANSITIONAL_ON_SCHEDULE = "transitional_on_schedule"  # (h)
    PREPARATION = "preparation"  # (i)
    DEBT_BEFORE_2015 = "debt_before_2015"  # (k)
    OTHER_SUPPORT = "other_support"  # (l)
    POLICY_BANK = "policy_bank"  # (m)
    NEW = "new"  # (n)


class PriorityLaw(StrEnum):
    """Which text orders the tiers: the plan's decision date picks it (`priority_law`)."""

    LAW_2019 = "39/2019/QH14"
    LAW_2024 = "58/2024/QH15"


T = Tier
POINTS_2024: Final = dict(zip(Tier, ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n"), strict=True))
PRIORITY_2024: Final = {tier: rank for rank, tier in enumerate(Tier)}
# Law 39/2019 Art. 51 (docs/legal/public-investment.md PI-05, legacy order) names: completed but not fully
# funded, ODA counterpart capital, the State's share in PPP, transitional projects on schedule, projects finishing
# in the period, and new projects only after the basic-construction debts. It does not name emergency and special
# projects, national programmes and important projects: tiendo puts them first, as one level. Nor advance
# repayments, preparation, other support and policy-bank entrustment: tiendo puts them together, as one level,
# before the debts.
PRIORITY_2019: Final = {
    T.SPECIAL_OR_EMERGENCY: 0,  # not named in 2019
    T.NATIONAL_PROGRAMME: 0,  # not named in 2019
    T.COMPLETED_UNFUNDED: 1,
    T.ODA: 2,
    T.PPP_STATE: 3,
    T.TRANSITIONAL_ON_SCHEDULE: 4,
    T.TRANSITIONAL_FINISHING: 5,
    T.ADVANCE_REPAYMENT: 6,  # not named in 2019
    T.PREPARATION: 6,  # not named in 2019
    T.OTHER_SUPPORT: 6,  # not named in 2019
    T.POLICY_BANK: 6,  # not named in 2019
    T.DEBT_BEFORE_2015: 7,
    T.NEW: 8,
}
NAMED_2019: Final = frozenset(
    {
        T.COMPLETED_UNFUNDED,
        T.ODA,
        T.PPP_STATE,
        T.TRANSITIONAL_ON_SCHEDULE,
        T.TRANSITIONAL_FINISHING,
        T.DEBT_BEFORE_2015,
        T.NEW,
    }
)
PRIORITY: Final = {PriorityLaw.LAW_2019: PRIORITY_2019, PriorityLaw.LAW_2024: PRIORITY_2024}

TIER_LABELS: Final = {
    T.SPECIAL_OR_EMERGENCY: "Dự án đầu tư công đặc biệt, khẩn cấp",
    T.NATIONAL_PROGRAMME: "Chương trình mục tiêu quốc gia, dự án quan trọng quốc gia",
    T.ADVANCE_REPAYMENT: "Hoàn trả vốn ứng trước",
    T.COMPLETED_UNFUNDED: "Dự án đã hoàn thành, bàn giao đưa vào sử dụng nhưng chưa bố trí đủ vốn",
    T.ODA: "Chương trình, dự án ODA và vốn vay ưu đãi nước ngoài, kể cả vốn đối ứng",
    T.PPP_STATE: "Vốn nhà nước tham gia dự án PPP, chi trả hợp đồng BT",
    T.TRANSITIONAL_FINISHING: "Dự án chuyển tiếp hoàn thành trong kỳ kế hoạch",
    T.TRANSITIONAL_ON_SCHEDULE: "Dự án chuyển tiếp thực hiện theo tiến độ được phê duyệt",
    T.PREPARATION: "Nhiệm vụ quy hoạch, chuẩn bị đầu tư",
    T.DEBT_BEFORE_2015: "Nợ đọng xây dựng cơ bản phát sinh trước ngày 01/01/2015",
    T.OTHER_SUPPORT: "Cấp bù lãi suất, phí quản lý, vốn điều lệ, hỗ trợ khác theo quyết định của Chính phủ, Thủ tướng",
    T.POLICY_BANK: "Vốn ngân sách địa phương ủy thác qua Ngân hàng Chính sách xã hội",
    T.NEW: "Dự án khởi công mới",
}
