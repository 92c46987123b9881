"""Amounts in the plan tables: million VND without decimals, as the People's Council's appendices print them."""

from decimal import Decimal

from django import template

from tiendo.core.templatetags.tiendo import number
from tiendo.domain.money import TRIEU

register = template.Library()


@register.filter
def million(amount) -> str:
    """1_234_567_890 -> "1.235" (Vietnamese) or "1,235"; empty or None -> "—"."""
    if amount is None or amount == "":
        return "—"
    return number(Decimal(int(amount)) / TRIEU, 0)


@register.filter
def signed_million(amount) -> str:
    """A change: "+1.235", "−300", "0"."""
    if amount is None or amount == "":
        return "—"
    text = million(abs(int(amount)))
    return f"+{text}" if amount > 0 else f"−{text}" if amount < 0 else text


@register.filter
def deciding_body(version) -> str:
    """Who decided the version, in a city's words for a centrally-run city (plans.bodies)."""
    from tiendo.plans.bodies import body_name

    return body_name(version)
