"""Template filters for the formats users expect: VND amounts and numbers in the page's language."""

from django import template
from django.utils.translation import get_language

from tiendo.domain import money
from tiendo.domain.allocation import messages as _allocation_messages  # noqa: F401 (registers the explanations)
from tiendo.domain.messages import render_stored

register = template.Library()


def _language() -> str:
    return (get_language() or "vi")[:2]


def _swap_separators(text: str) -> str:
    """Vietnamese "1.234,5" becomes "1,234.5" for English and Chinese readers."""
    return text.replace(".", "\0").replace(",", ".").replace("\0", ",")


@register.filter
def vnd(amount, unit: str = "auto") -> str:
    """Integer VND as "1.234,5 tỷ đồng" (Vietnamese), "1,234.5 billion VND", "12,345 亿越南盾" (Chinese)."""
    if amount is None or amount == "":
        return "—"
    return money.format_vnd_in(int(amount), get_language() or "vi", unit)


@register.filter
def number(value, decimals: int = 0) -> str:
    if value is None or value == "":
        return "—"
    text = money.format_number(value, int(decimals))
    return text if _language() == "vi" else _swap_separators(text)


@register.filter
def in_language(text) -> str:
    """A text the pure rules carry in three languages (vi, en, zh), in the page's language."""
    return text.get(get_language() or "vi") if hasattr(text, "get") else str(text)


@register.filter
def reasoning(finding) -> str:
    """An engine's finding in the page's language: a live finding, a stored one, or a review item's snapshot."""
    language = get_language() or "vi"
    if hasattr(finding, "reasoning"):
        return finding.reasoning(language)
    if isinstance(finding, dict):
        return render_stored(finding.get("message"), str(finding.get("explanation", "")), language)
    return str(finding)


@register.filter
def explained(item) -> str:
    """A plan item's explanation in the page's language: its stored message, or its Vietnamese text (older rows)."""
    return render_stored(item.explanation_message, item.explanation, get_language() or "vi")


@register.filter
def reasons(result) -> str:
    """A disbursement pace's reasons in the page's language, the most serious first."""
    return " ".join(result.reasons_in(get_language() or "vi"))


@register.filter
def deadline_error(deadline) -> str:
    """Why an extension asked goes beyond the law, in the page's language ("" when it does not)."""
    return deadline.error_in(get_language() or "vi") or ""
