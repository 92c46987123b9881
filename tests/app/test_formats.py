from decimal import Decimal

import pytest
from django.utils import translation

from tiendo.core.templatetags.tiendo import number, vnd


@pytest.mark.parametrize(
    ("language", "amount", "expected"),
    [
        ("vi", 1_150_000_000_000, "1.150 tỷ đồng"),
        ("en", 1_150_000_000_000, "1,150 billion VND"),
        ("zh-hans", 1_150_000_000_000, "11,500 亿越南盾"),
        ("zh-hans", 2_500_000, "250 万越南盾"),
        ("vi", 17_250_000_000, "17,3 tỷ đồng"),
        ("en", 17_250_000_000, "17.3 billion VND"),
        ("en", 250_000_000, "250 million VND"),
        ("vi", None, "—"),
    ],
)
def test_vnd_in_each_language(language, amount, expected):
    with translation.override(language):
        assert vnd(amount) == expected


def test_number_in_each_language():
    with translation.override("vi"):
        assert number(Decimal("52000.5"), 1) == "52.000,5"
    with translation.override("en"):
        assert number(Decimal("52000.5"), 1) == "52,000.5"
