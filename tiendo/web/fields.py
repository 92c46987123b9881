"""Form fields for numbers as Vietnamese users type them: "1.234.567", "1,5 tỷ", "42,5"."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from tiendo.domain import money


class VndField(forms.CharField):
    """An amount in đồng: Vietnamese separators and a unit word ("triệu", "tỷ") are understood."""

    default_error_messages = {"invalid": _("Enter an amount in VND, e.g. 1.500.000.000.")}

    def __init__(self, *, min_value: int | None = 0, **kwargs):
        self.min_value = min_value
        kwargs.setdefault("help_text", _("In VND: dots group thousands (1.500.000.000), a comma marks decimals."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return money.format_number(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            amount = money.parse_vnd(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if self.min_value is not None and amount < self.min_value:
            raise forms.ValidationError(_("The amount cannot be negative."), code="min_value")
        return amount


class DecimalCommaField(forms.DecimalField):
    """A decimal number with "," or "." as the decimal mark."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "")
            if value.count(",") == 1 and "." not in value:
                value = value.replace(",", ".")
        try:
            return super().to_python(value)
        except (InvalidOperation, forms.ValidationError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        return str(value).replace(".", ",") if isinstance(value, Decimal) else value


class DayField(forms.DateField):
    """A day typed as dd/mm/yyyy (tiendo/formats accept it, and ISO, in every language) and shown the same way."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
        )
        super().__init__(**kwargs)
