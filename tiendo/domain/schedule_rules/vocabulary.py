"""The words the schedule rules speak: unknown answers, report kinds, confidence tags, the handlings proposed.

Every other module of the package uses them; the severity of a finding is the domain-wide vocabulary of
`tiendo.domain.severity`, the three-language `Text` that of `tiendo.domain.languages`.
"""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import Final

from tiendo.domain.languages import Text
from tiendo.domain.projects import CAP_EXCEPTION_REASONS, MilestoneKind


class Unknown(Enum):
    """The answer nobody gave (a JSON key left out): never read as "no"."""

    UNKNOWN = "unknown"

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = Unknown.UNKNOWN


class ReportKind(StrEnum):
    QUARTERLY = "quarterly"  # investment activity, Decree 31 Art. 102 (INV-16)
    ANNUAL = "annual"
    SUPERVISION_HALF_YEAR = "supervision_half_year"  # investment supervision, Decree 29 (SUP-02, SUP-03)
    SUPERVISION_ANNUAL = "supervision_annual"


class Confidence(StrEnum):
    """docs/legal/README.md's confidence tags: [V] article read, [S] secondary source, [U] uncertain (to verify)."""

    VERIFIED = "V"
    SECONDARY = "S"
    PARTLY_UNCERTAIN = "S/U"
    UNCERTAIN = "U"

    @property
    def to_verify(self) -> bool:
        return self in (Confidence.PARTLY_UNCERTAIN, Confidence.UNCERTAIN)


class ProposalCode(StrEnum):
    """The handlings tiendo proposes, mildest first: `propose` ranks by this order."""

    REMIND = "remind"
    REQUIRE_REPORT = "require_report"
    FINE_REPORTING = "fine_reporting"
    FINE_PROCEDURE = "fine_procedure"
    FINE_DEPOSIT = "fine_deposit"
    ALLOW_EXTENSION = "allow_extension"
    DENY_EXTENSION = "deny_extension"
    EXTEND_LAND_USE = "extend_land_use_24m_with_payment"
    EXTEND_ALLOCATION_PERIOD = "extend_allocation_period"
    CANCEL_UNDISBURSED = "cancel_undisbursed"
    REAPPRAISE = "reappraise"
    REVIEW_RESPONSIBILITY = "review_responsibility"
    STOP_PUBLIC_ALLOCATION = "stop_public_allocation"
    FORFEIT_DEPOSIT = "forfeit_deposit"
    SUSPEND = "suspend"
    RECOVER_LAND = "recover_land"
    TERMINATE = "terminate"

    @property
    def rank(self) -> int:
        return _PROPOSAL_RANK[self]

    @property
    def label(self) -> Text:
        return PROPOSAL_LABELS[self]


_PROPOSAL_RANK: Final = {code: rank for rank, code in enumerate(ProposalCode)}
PROPOSAL_LABELS: Final = {
    ProposalCode.REMIND: Text("Nhắc nhở, đôn đốc", "Remind and urge", "提醒督促"),
    ProposalCode.REQUIRE_REPORT: Text("Yêu cầu báo cáo", "Require a report", "要求报告"),
    ProposalCode.FINE_REPORTING: Text(
        "Xử phạt vi phạm về chế độ báo cáo", "Fine for failing to report", "对违反报告制度的行为处以罚款"
    ),
    ProposalCode.FINE_PROCEDURE: Text(
        "Xử phạt không thực hiện thủ tục điều chỉnh dự án",
        "Fine for not completing the adjustment procedure",
        "对未办理项目调整手续处以罚款",
    ),
    ProposalCode.FINE_DEPOSIT: Text(
        "Xử phạt vi phạm về ký quỹ", "Fine for not posting the deposit", "对未缴纳保证金处以罚款"
    ),
    ProposalCode.ALLOW_EXTENSION: Text(
        "Cho phép điều chỉnh (giãn) tiến độ trong giới hạn luật định",
        "Allow a schedule extension within the legal limit",
        "允许在法定期限内调整（延长）进度",
    ),
    ProposalCode.DENY_EXTENSION: Text(
        "Không cho phép giãn tiến độ (vượt 24 tháng)",
        "Deny a further extension (beyond 24 months)",
        "不允许延长进度（超过24个月）",
    ),
    ProposalCode.EXTEND_LAND_USE: Text(
        "Gia hạn sử dụng đất một lần không quá 24 tháng, nộp tiền cho thời gian gia hạn",
        "Extend land use once by at most 24 months, with payment",
        "准予一次延长用地不超过24个月并缴纳相应款项",
    ),
    ProposalCode.EXTEND_ALLOCATION_PERIOD: Text(
        "Gia hạn thời gian bố trí vốn", "Extend the capital-allocation period", "延长资金安排期限"
    ),
    ProposalCode.CANCEL_UNDISBURSED: Text(
        "Hủy bỏ, điều chuyển vốn chưa giải ngân hết khi hết thời hạn",
        "Cancel or reallocate capital not disbursed in time",
        "取消或调剂逾期未拨付的资金",
    ),
    ProposalCode.REAPPRAISE: Text(
        "Thẩm định lại, điều chỉnh dự án", "Re-appraise and adjust the project", "重新评审并调整项目"
    ),
    ProposalCode.REVIEW_RESPONSIBILITY: Text("Kiểm điểm trách nhiệm", "Review responsibility", "追究责任"),
    ProposalCode.STOP_PUBLIC_ALLOCATION: Text(
        "Dừng bố trí vốn đầu tư công", "Stop allocating public capital", "停止安排公共投资资金"
    ),
    ProposalCode.FORFEIT_DEPOSIT: Text(
        "Nộp tiền ký quỹ vào ngân sách nhà nước", "Forfeit the deposit to the State budget", "保证金上缴国家预算"
    ),
    ProposalCode.SUSPEND: Text("Ngừng hoạt động dự án", "Suspend the project", "暂停项目"),
    ProposalCode.RECOVER_LAND: Text(
        "Thu hồi đất không bồi thường", "Recover the land without compensation", "无偿收回土地"
    ),
    ProposalCode.TERMINATE: Text("Chấm dứt hoạt động dự án", "Terminate the project", "终止项目"),
}

MILESTONE_VI: Final = {
    MilestoneKind.CAPITAL_CONTRIBUTION: "góp vốn",
    MilestoneKind.SITE_CLEARANCE: "giải phóng mặt bằng",
    MilestoneKind.LAND_HANDOVER: "nhận bàn giao đất",
    MilestoneKind.CONSTRUCTION_START: "khởi công xây dựng",
    MilestoneKind.OPERATION: "đưa dự án vào hoạt động",
    MilestoneKind.COMPLETION: "hoàn thành dự án",
}

# Art. 41(4)(a)-(e) of the Law on Investment 2020: schedule changes for these reasons fall outside the 24-month cap.
CAP_EXCEPTIONS: Final = CAP_EXCEPTION_REASONS  # one list: the extension form warns by it, the scan judges by it
