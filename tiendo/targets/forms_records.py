"""The records pages' forms: the release upload, and hand entry of a quarter's GRDP growth or one indicator value,
each with where the figures come from (issuer, number and date; or, entered by hand, the source named)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tiendo.core import access
from tiendo.core.fields import DayField
from tiendo.domain import release_cells as cells

from .hand_entry import check_provenance
from .models import Component, Indicator, Publication


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Statistics release (.xlsx, .xls or .ods, the template's sheets)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")):
            raise forms.ValidationError(_("Only .xlsx, .xls and .ods workbooks can be imported."))
        return upload


class ProvenanceForm(forms.Form):
    """Where the figures come from; `publication()` is the record to write (not saved)."""

    source = forms.ChoiceField(label=_("Source"), choices=Publication.Source.choices)
    status = forms.ChoiceField(label=_("Status"), choices=Publication.Status.choices)
    issuer = forms.CharField(label=_("Issuer"), max_length=255, help_text=_("Who published the figures."))
    number = forms.CharField(
        label=_("Number"), max_length=80, required=False, help_text=_("As written, e.g. 12/BC-TK.")
    )
    published_on = DayField(label=_("Date"))
    title = forms.CharField(
        label=_("Title, or the source named"),
        max_length=500,
        required=False,
        help_text=_("Entered by hand: say where the figures come from."),
    )
    link = forms.CharField(label=_("Link or file"), max_length=500, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def publication(self) -> Publication:
        data = self.cleaned_data
        return Publication(
            source=data["source"],
            status=data["status"],
            issuer=data["issuer"].strip(),
            number=data["number"].strip(),
            published_on=data["published_on"],
            title=data["title"].strip(),
            link=data["link"].strip(),
        )

    def clean(self):
        data = super().clean()
        provenance = ("source", "status", "issuer", "number", "published_on", "title", "link")
        if not any(name in self.errors for name in provenance):
            try:
                check_provenance(self.publication())
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(name, message)
        return data


def _reader(read):
    def clean(value):
        try:
            return read(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    return clean


class GrowthField(forms.CharField):
    """Growth in percent as the office writes it ("9,85"), kept as a fraction."""

    def clean(self, value):
        value = super().clean(value)
        return _reader(cells.parse_growth_percent)(value) if value else None


class LevelField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        return _reader(cells.parse_level)(value) if value else None


class QuarterForm(ProvenanceForm):
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=[(q, q) for q in (1, 2, 3, 4)], coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for component, label in Component.choices:
            self.fields[f"growth_{component}"] = GrowthField(
                label=_("%(component)s: growth (%%)") % {"component": label}, help_text=_("e.g. 9,85")
            )
            self.fields[f"level_{component}"] = LevelField(
                label=_("%(component)s: GRDP at comparable prices (billion VND)") % {"component": label},
                required=False,
            )

    def growth(self) -> dict:
        return {c: self.cleaned_data[f"growth_{c}"] for c in Component.values}

    def levels(self) -> dict:
        return {c: self.cleaned_data.get(f"level_{c}") for c in Component.values}


class ValueForm(ProvenanceForm):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    months = forms.IntegerField(
        label=_("Months covered"), min_value=1, max_value=12, help_text=_("3 is the first quarter, 12 the year.")
    )
    value = forms.CharField(label=_("Value"), help_text=_("In the indicator's unit; a rate in percent."))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    field_order = ["indicator", "year", "months", "value", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = reportable_indicators(user)

    def clean(self):
        data = super().clean()
        indicator, text = data.get("indicator"), data.get("value")
        if indicator is not None and text:
            try:
                data["value"] = cells.parse_value(text, indicator.unit)
            except ValueError as error:
                self.add_error("value", str(error))
        return data


def reportable_indicators(user):
    """The active indicators whose figures the user may record (its agency's, or all for those who manage)."""
    indicators = access.visible(user, Indicator).filter(active=True).select_related("responsible_agency")
    allowed = [i.pk for i in indicators if access.can(user, "report_indicator", i)]
    return Indicator.objects.filter(pk__in=allowed).order_by("position", "code")
