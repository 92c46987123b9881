"""How grave a schedule finding or a plan breach is: one vocabulary for both engines, with its labels.

Two scales share it, each ordered mildest first, and a value belongs to one of them only:

- a schedule finding (`tiendo.domain.schedule_rules`): low, medium, high, critical, how far the handling the law
  prescribes goes;
- a plan breach (`tiendo.domain.plan_checks`): info (what the approver needs to know), warning (allowed only with a
  further decision, or to review), error (the version may not be approved as it is).

The values are those `tiendo rules check`, `tiendo plan check`, the pages and the database already write. `rank`
is a value's place in its own scale (mildest 0), so the gravest of either scale sorts last; a finding's and a
breach's severities are never compared with each other.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from tiendo.domain.languages import Text

__all__ = ["BREACH_SCALE", "FINDING_SCALE", "SEVERITY_LABELS", "Severity"]


class Severity(StrEnum):
    # a schedule finding's scale
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"
    # a plan breach's scale
    INFO = "info"  # what the approver needs to know (who must decide)
    WARNING = "warning"  # allowed only with a further decision, or to review
    ERROR = "error"  # the version may not be approved as it is

    @property
    def rank(self) -> int:
        """The place in its own scale, mildest 0."""
        return _RANK[self]

    @property
    def label(self) -> Text:
        return SEVERITY_LABELS[self]


FINDING_SCALE: Final = (Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)
BREACH_SCALE: Final = (Severity.INFO, Severity.WARNING, Severity.ERROR)
_RANK: Final = {severity: rank for scale in (FINDING_SCALE, BREACH_SCALE) for rank, severity in enumerate(scale)}
SEVERITY_LABELS: Final = {
    Severity.LOW: Text("thấp", "low", "低"),
    Severity.MEDIUM: Text("trung bình", "medium", "中"),
    Severity.HIGH: Text("cao", "high", "高"),
    Severity.CRITICAL: Text("nghiêm trọng", "critical", "严重"),
    Severity.INFO: Text("lưu ý", "note", "提示"),
    Severity.WARNING: Text("cảnh báo", "warning", "警告"),
    Severity.ERROR: Text("lỗi", "error", "错误"),
}
