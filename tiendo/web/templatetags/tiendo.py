"""Template filters for the formats users expect: VND amounts, Vietnamese numbers."""

from django import template
from django.utils.translation import get_language

from tiendo.domain import money

register = template.Library()


@register.filter
def vnd(amount, unit: str = "auto") -> str:
    """Integer VND as "1.234,5 tỷ đồng"."""
    if amount is None or amount == "":
        return "—"
    return money.format_vnd(int(amount), unit)


@register.filter
def number(value, decimals: int = 0) -> str:
    if value is None or value == "":
        return "—"
    text = money.format_number(value, int(decimals))
    if (get_language() or "vi").startswith("vi"):
        return text
    return text.replace(".", "\0").replace(",", ".").replace("\0", ",")
