"""One severity vocabulary for schedule findings and plan breaches: the values written out never change."""

from tiendo.domain import plan_checks, schedule_rules
from tiendo.domain.severity import BREACH_SCALE, FINDING_SCALE, Severity


def test_each_scale_keeps_its_written_values_mildest_first() -> None:
    assert [s.value for s in FINDING_SCALE] == ["low", "medium", "high", "critical"]
    assert [s.value for s in BREACH_SCALE] == ["info", "warning", "error"]
    assert set(FINDING_SCALE) | set(BREACH_SCALE) == set(Severity)
    assert [s.rank for s in FINDING_SCALE] == [0, 1, 2, 3]
    assert [s.rank for s in BREACH_SCALE] == [0, 1, 2]


def test_the_labels_are_those_the_pages_and_the_command_line_show() -> None:
    assert [s.label.vi for s in FINDING_SCALE] == ["thấp", "trung bình", "cao", "nghiêm trọng"]
    assert [(s.label.vi, s.label.en) for s in BREACH_SCALE] == [
        ("lưu ý", "note"),
        ("cảnh báo", "warning"),
        ("lỗi", "error"),
    ]


def test_both_engines_use_the_one_enum() -> None:
    assert schedule_rules.Severity is Severity
    assert plan_checks.Severity is Severity
    assert {rule.severity for rule in schedule_rules.RULES} <= set(FINDING_SCALE)
