from datetime import date

import pytest

from tiendo.domain.projects import MilestoneFacts, MilestoneKind, days_behind, is_late, months_added

DUE = date(2024, 3, 15)


@pytest.mark.parametrize(
    ("today", "done", "late", "behind"),
    [
        (date(2024, 3, 14), None, False, 0),
        (date(2024, 3, 15), None, False, 0),
        (date(2024, 3, 16), None, True, 1),
        (date(2025, 3, 15), None, True, 365),
        (date(2025, 3, 15), date(2024, 4, 14), False, 30),
        (date(2025, 3, 15), date(2024, 3, 1), False, 0),
    ],
)
def test_lateness_at_the_boundaries(today, done, late, behind):
    milestone = MilestoneFacts(MilestoneKind.COMPLETION, date(2023, 3, 15), DUE, done)
    assert is_late(milestone, today) is late
    assert days_behind(milestone, today) == behind


def test_no_due_date_is_never_late():
    milestone = MilestoneFacts(MilestoneKind.OPERATION, None, None)
    assert not is_late(milestone, date(2030, 1, 1)) and days_behind(milestone, date(2030, 1, 1)) == 0


@pytest.mark.parametrize(
    ("first", "current", "months"),
    [
        (date(2024, 1, 31), date(2024, 1, 31), 0),
        (date(2024, 1, 31), date(2024, 2, 29), 1),
        (date(2024, 8, 31), date(2025, 2, 28), 6),
        (date(2024, 1, 30), date(2024, 2, 29), 1),
        (date(2024, 1, 31), date(2024, 2, 28), 0),
        (date(2024, 1, 31), date(2024, 3, 31), 2),
        (date(2023, 6, 30), date(2025, 6, 30), 24),
        (date(2023, 6, 30), date(2025, 6, 29), 23),
        (date(2024, 6, 30), date(2024, 1, 1), 0),
        (None, date(2024, 1, 1), 0),
    ],
)
def test_months_added(first, current, months):
    assert months_added(first, current) == months
