"""Growth figures on the scenario pages: fractions as percentages ("9,85 %"), percentage points signed ("+0,45"),
billion đồng with one decimal, in the page's language (Vietnamese decimal comma, a point for English and Chinese)."""

from decimal import Decimal

from django import template

from tiendo.core.templatetags.tiendo import number

register = template.Library()


def _decimal(value: float) -> Decimal:
    return Decimal(repr(round(float(value), 10)))


@register.filter
def pct(fraction, places: int = 2) -> str:
    """A growth rate kept as a fraction: 0.0985 → "9,85 %"; "—" when there is none."""
    if fraction is None or fraction == "":
        return "—"
    return f"{number(_decimal(float(fraction) * 100), places)} %"


@register.filter
def pct_of(percent, places: int = 2) -> str:
    """A value already in percent: 9.85 → "9,85 %"."""
    if percent is None or percent == "":
        return "—"
    return f"{number(_decimal(percent), places)} %"


@register.filter
def pts(value, places: int = 2) -> str:
    """Percentage points with their sign: "+0,45", "−1,2", "0"."""
    if value is None or value == "":
        return "—"
    rounded = round(float(value), int(places))
    text = number(_decimal(abs(rounded)), places)
    if rounded > 0:
        return f"+{text}"
    return f"−{text}" if rounded < 0 else text


@register.filter
def billions(value, places: int = 1) -> str:
    if value is None or value == "":
        return "—"
    return number(_decimal(value), places)


@register.filter
def gap_class(points) -> str:
    """The colour of a gap: behind the scenario or the target in red, ahead in green."""
    if points is None:
        return ""
    return "ahead" if points >= 0.005 else "behind" if points <= -0.005 else ""
