"""The words of a public-investment plan: its kinds, levels, deciding bodies, budgets, sources, kinds of change.

Shared by the facts, the checks, the comparison of versions and the authority to adjust (PI-09).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from tiendo.domain.languages import Text


class PlanKind(StrEnum):
    ANNUAL = "annual"  # kế hoạch đầu tư công hằng năm
    MEDIUM_TERM = "medium_term"  # kế hoạch đầu tư công trung hạn (5 năm)


class GovernmentLevel(StrEnum):
    """The level whose plan it is: its People's Council decides it, its People's Committee carries it out."""

    PROVINCE = "province"
    COMMUNE = "commune"


class DecidingBody(StrEnum):
    """Who decided a plan version, as recorded on it."""

    PROVINCIAL_COUNCIL = "provincial_council"  # HĐND tỉnh
    PROVINCIAL_COMMITTEE = "provincial_committee"  # UBND tỉnh
    PROVINCIAL_CHAIRMAN = "provincial_chairman"  # Chủ tịch UBND tỉnh
    COMMUNE_COUNCIL = "commune_council"  # HĐND xã
    COMMUNE_COMMITTEE = "commune_committee"  # UBND xã
    PRIME_MINISTER = "prime_minister"  # central-budget capital of the province's medium-term plan (Art. 71(3))
    NONE = "none"  # not decided yet

    @property
    def label(self) -> Text:
        return BODY_LABELS[self]

    @property
    def rank(self) -> int:
        """How high the body stands when several must decide: the highest is the one the UI names."""
        return _BODY_RANK[self]


BODY_LABELS: Final = {
    DecidingBody.PROVINCIAL_COUNCIL: Text("Hội đồng nhân dân tỉnh", "Provincial People's Council", "省人民议会"),
    DecidingBody.PROVINCIAL_COMMITTEE: Text("Ủy ban nhân dân tỉnh", "Provincial People's Committee", "省人民委员会"),
    DecidingBody.PROVINCIAL_CHAIRMAN: Text(
        "Chủ tịch Ủy ban nhân dân tỉnh", "Chairman of the Provincial People's Committee", "省人民委员会主席"
    ),
    DecidingBody.COMMUNE_COUNCIL: Text("Hội đồng nhân dân xã", "Commune People's Council", "乡人民议会"),
    DecidingBody.COMMUNE_COMMITTEE: Text("Ủy ban nhân dân xã", "Commune People's Committee", "乡人民委员会"),
    DecidingBody.PRIME_MINISTER: Text("Thủ tướng Chính phủ", "Prime Minister", "政府总理"),
    DecidingBody.NONE: Text("chưa có cấp quyết định", "not decided yet", "尚未决定"),
}
_BODY_RANK: Final = {
    DecidingBody.NONE: 0,
    DecidingBody.PROVINCIAL_CHAIRMAN: 1,
    DecidingBody.COMMUNE_COMMITTEE: 1,
    DecidingBody.PROVINCIAL_COMMITTEE: 1,
    DecidingBody.COMMUNE_COUNCIL: 2,
    DecidingBody.PROVINCIAL_COUNCIL: 2,
    DecidingBody.PRIME_MINISTER: 3,
}


class BudgetLevel(StrEnum):
    CENTRAL = "central"  # ngân sách trung ương (bổ sung có mục tiêu cho địa phương)
    LOCAL = "local"  # ngân sách địa phương
    FOREIGN = "foreign"  # vốn nước ngoài (ODA, vay ưu đãi)

    @property
    def label(self) -> Text:
        return BUDGET_LABELS[self]


BUDGET_LABELS: Final = {
    BudgetLevel.CENTRAL: Text("vốn ngân sách trung ương", "central budget", "中央预算资金"),
    BudgetLevel.LOCAL: Text("vốn ngân sách địa phương", "local budget", "地方预算资金"),
    BudgetLevel.FOREIGN: Text("vốn nước ngoài (ODA, vay ưu đãi)", "foreign capital (ODA, concessional loans)", "外资"),
}


class SourceKind(StrEnum):
    GENERAL = "general"  # vốn cân đối ngân sách (theo tiêu chí, định mức)
    LAND_USE = "land_use"  # thu tiền sử dụng đất
    LOTTERY = "lottery"  # xổ số kiến thiết
    BORROWING = "borrowing"  # bội chi, vay của ngân sách địa phương
    TARGETED = "targeted"  # bổ sung có mục tiêu từ ngân sách cấp trên
    NATIONAL_PROGRAMME = "national_programme"  # chương trình mục tiêu quốc gia
    ODA = "oda"
    LEGAL_REVENUE = "legal_revenue"  # nguồn thu hợp pháp của cơ quan, đơn vị dành để đầu tư
    OTHER = "other"


class ChangeKind(StrEnum):
    INCREASE = "increase"
    CUT = "cut"
    NEW = "new"
    REMOVED = "removed"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> Text:
        return CHANGE_LABELS[self]


CHANGE_LABELS: Final = {
    ChangeKind.INCREASE: Text("tăng", "increase", "增加"),
    ChangeKind.CUT: Text("giảm", "cut", "削减"),
    ChangeKind.NEW: Text("bổ sung mới", "new", "新增"),
    ChangeKind.REMOVED: Text("đưa ra khỏi kế hoạch", "removed", "移除"),
    ChangeKind.UNCHANGED: Text("không đổi", "unchanged", "不变"),
}


class AdjustmentCase(StrEnum):
    """What an adjustment changes, from the widest (Art. 71(7)) to the narrowest (Art. 71(8)(b))."""

    TOTAL_CHANGED = "total_changed"  # a source's total (so the plan's) changes
    BETWEEN_UNITS = "between_units"  # capital moves between owner units within the totals
    WITHIN_UNIT = "within_unit"  # capital moves only between projects of one owner unit
