"""The scenario's forms: the version's header and its grid of cells (base in billion đồng and planned growth in %, both
typed the Vietnamese way, "28.000,5" and "9,5"), the adoption and the summary paragraph."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tiendo.audit.versions import VersionedForm
from tiendo.core.fields import DayField

from . import services
from .models import Component, EconomicSector, Scenario, Summary

HUNDRED = Decimal(100)
_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")  # "28.000" or "1.234.567": dots group thousands


def parse_number(text: str) -> Decimal:
    """A number as Vietnamese users type it: "28.000,5", "28000,5", "28 000", "9,5"; a dot is a decimal point only
    when it does not group thousands ("9.5"), or when it follows a comma ("28,000.5"). ValueError otherwise."""
    text = text.strip().replace("\u00a0", "").replace(" ", "").replace("−", "-")
    if "," in text and "." in text and text.rindex(".") > text.rindex(","):
        text = text.replace(",", "")  # "28,000.5", as English and Chinese readers write it
    elif "," in text:
        text = text.replace(".", "").replace(",", ".", 1)
    elif _GROUPED.match(text):
        text = text.replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def _show(value: Decimal | None, places: int) -> str:
    """The Vietnamese way, as the grid is typed: "28.000,5" (thousands grouped, no trailing zeros)."""
    if value is None:
        return ""
    text = f"{value:,.{places}f}".replace(",", " ")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",").replace(" ", ".")


class BaseField(forms.CharField):
    """The previous year's GRDP of a quarter, billion đồng at comparable prices, not negative."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 9, "class": "cell"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return _show(value, 3) if isinstance(value, Decimal) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            amount = parse_number(value)
        except ValueError:
            raise forms.ValidationError(_("Enter a number in billion VND, e.g. 28.000,5."), code="invalid") from None
        if amount < 0:
            message = pgettext_lazy("scenario", "The previous year's GRDP cannot be negative.")
            raise forms.ValidationError(message, code="min_value")
        if amount >= Decimal("1e15"):
            raise forms.ValidationError(_("Enter a number in billion VND, e.g. 28.000,5."), code="invalid")
        return amount.quantize(Decimal("0.001"))


class PercentField(forms.CharField):
    """A growth rate typed in percent ("9,5" is 9.5 %), kept as a fraction; not below −100 %."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 6, "class": "cell"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return _show(value * HUNDRED, 4) if isinstance(value, Decimal) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            percent = parse_number(value.removesuffix("%"))
        except ValueError:
            raise forms.ValidationError(_("Enter a growth in percent, e.g. 9,5."), code="invalid") from None
        if percent < -100:
            message = pgettext_lazy("scenario", "A growth rate cannot be below −100 %.")
            raise forms.ValidationError(message, code="min_value")
        if percent > 100_000:
            raise forms.ValidationError(_("Enter a growth in percent, e.g. 9,5."), code="invalid")
        return (percent / HUNDRED).quantize(Decimal("0.000001"))


class GridRow:
    """One line of the grid: a component (required) or a level-1 sector under it (optional)."""

    def __init__(self, form, key: str, label: str, component: str, sector: EconomicSector | None):
        self.key, self.label, self.component, self.sector = key, label, component, sector
        self.quarters = [(form[f"base_{key}_{q}"], form[f"growth_{key}_{q}"]) for q in (1, 2, 3, 4)]

    @property
    def errors(self) -> list[str]:
        return [str(e) for base, rate in self.quarters for e in (*base.errors, *rate.errors)]


class ScenarioForm(VersionedForm, forms.ModelForm):
    """A draft's header and its cells: 4 quarters × (base, growth) for each component, and for the sectors under a
    component where the province has them (a sector line is used when filled, and then rolls up into its component)."""

    target_growth = PercentField(label=_("Growth target of the year, in percent"))

    class Meta:
        model = Scenario
        fields = ["year", "name", "target_growth", "document", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        labels = {"year": _("Year"), "document": pgettext_lazy("scenario", "Document")}

    def __init__(self, *args, cells=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["year"]
        else:
            self.fields["year"].widget.attrs["inputmode"] = "numeric"
        cells = cells or {}
        self.sectors = list(EconomicSector.objects.order_by("component", "position", "code"))
        self.rows_spec = []
        for component in Component:
            self.rows_spec.append((component.value, str(component.label), component.value, None))
            for sector in self.sectors:
                if sector.component == component.value:
                    self.rows_spec.append((f"s{sector.pk}", sector.name, component.value, sector))
        for key, label, component, sector in self.rows_spec:
            for q in (1, 2, 3, 4):
                stored = cells.get((component, sector.pk if sector else None, q))
                base, rate = f"base_{key}_{q}", f"growth_{key}_{q}"
                self.fields[base] = BaseField(label=_("Q%(quarter)s base") % {"quarter": q}, required=False)
                self.fields[rate] = PercentField(label=_("Q%(quarter)s growth") % {"quarter": q}, required=False)
                for name in (base, rate):
                    self.fields[name].widget.attrs["aria-label"] = f"{label} · {self.fields[name].label}"
                if stored is not None:
                    self.initial.setdefault(base, stored[0])
                    self.initial.setdefault(rate, stored[1])

    @property
    def grid(self) -> list[GridRow]:
        return [GridRow(self, *spec) for spec in self.rows_spec]

    def clean(self):
        data = super().clean()
        self.cells: list[services.Cell] = []
        for key, label, component, sector in self.rows_spec:
            values = [(data.get(f"base_{key}_{q}"), data.get(f"growth_{key}_{q}")) for q in (1, 2, 3, 4)]
            names = [f"base_{key}_{q}" for q in (1, 2, 3, 4)] + [f"growth_{key}_{q}" for q in (1, 2, 3, 4)]
            if any(name in self.errors for name in names):
                continue
            given = [v for pair in values for v in pair if v is not None]
            if sector is not None and not given:
                continue  # a sector line left empty is not used
            if len(given) != 8:
                self.add_error(
                    None,
                    _("%(line)s: fill the base and the growth of all four quarters%(optional)s.")
                    % {"line": label, "optional": _(" (or leave the sector's line empty)") if sector else ""},
                )
                continue
            for q, (base, rate) in enumerate(values, start=1):
                self.cells.append(services.Cell(component, q, base, rate, sector))
        return data


class AdoptForm(forms.Form):
    adopted_on = DayField(label=pgettext_lazy("scenario", "Adopted on"))
    document = forms.CharField(label=pgettext_lazy("scenario", "Document"), max_length=500, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class ReviseForm(forms.Form):
    name = forms.CharField(label=_("Name of the revision"), max_length=200)


class SummaryForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Summary
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 7, "lang": "vi"})}
        labels = {"text": _("Paragraph for the monthly report (Vietnamese)")}

    drafted_text = forms.CharField(widget=forms.HiddenInput, required=False)
