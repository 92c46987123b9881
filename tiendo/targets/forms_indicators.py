"""The catalogue's, the terms' and the targets' forms: numbers typed the Vietnamese way, an agency that has since
ended kept on an unchanged save, the version read carried for the stale-edit check."""

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tiendo.agencies.models import Agency
from tiendo.audit.versions import VersionedForm
from tiendo.core import access
from tiendo.core.fields import DayField, DecimalCommaField, KeepCurrentChoiceField, KeepsCurrentValues
from tiendo.directives.forms import local_agencies
from tiendo.domain import tabular

from .models import VALUE_DIGITS, Indicator, Target, Term
from .standing import unit_name

# one dot and three digits, no comma: "20.000" is twenty thousand to a Vietnamese reader, twenty to others
AMBIGUOUS = re.compile(r"[+-]?[0-9]{1,3}\.[0-9]{3}")


class IndicatorForm(VersionedForm, KeepsCurrentValues, forms.ModelForm):
    responsible_agency = KeepCurrentChoiceField(
        label=_("Responsible agency"), required=False, queryset=Agency.objects.none()
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "name_en",
            "name_zh",
            "unit",
            "direction",
            "accumulates",
            "responsible_agency",
            "description",
            "position",
            "active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_agency"].queryset = local_agencies() & access.visible(user, Agency)
        self.fields["unit"].choices = [("", "---------")] + [(unit, unit_name(unit)) for unit in Indicator.Unit.values]
        if self.instance.pk:
            # the code names the indicator in links and commands: it stays what it was
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("The code names the indicator in links and commands; it cannot change.")
        else:
            self.fields["code"].help_text = _("Lower-case letters, digits and underscores, e.g. budget_revenue.")


class TermForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Term
        fields = ["first_year", "last_year", "document"]

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("The last year comes before the first."))
        return data


class TargetValueField(DecimalCommaField):
    """A target as typed the Vietnamese way ("13,5", "21.000,5", "1.234.567") and shown as stored without trailing
    zeros, in a text box (a number box would refuse the decimal comma and show nothing). "20.000" could be twenty
    thousand or twenty: it is refused, saying how to write either."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**VALUE_DIGITS, **kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip() not in self.empty_values:
            text = value.strip().replace(" ", "").replace("\u00a0", "")
            if AMBIGUOUS.fullmatch(text):
                raise forms.ValidationError(
                    _("“%(value)s” is ambiguous: write 20000 or 20.000,0 for twenty thousand, 20 for twenty."),
                    code="ambiguous",
                    params={"value": text},
                )
            try:
                return tabular.parse_decimal(text, VALUE_DIGITS["decimal_places"])
            except ValueError:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            value = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
        return super().prepare_value(value)


class TargetForm(VersionedForm, forms.ModelForm):
    """A new target of an indicator (the indicator comes from the page), or its revision: a revision names the
    document that revises it and says why."""

    low = TargetValueField(label=_("Target (or lower end of the range)"))
    high = TargetValueField(
        label=_("Upper end of the range"), required=False, help_text=_("Only for a range, e.g. 13,5 for 13–13,5 %.")
    )
    decided_on = DayField(label=_("Decided on"), required=False)

    class Meta:
        model = Target
        fields = ["kind", "term", "year", "low", "high", "document", "decided_on", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, revising: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.revising = revising
        self.fields["kind"].label = _("Kind of target")
        self.fields["term"].required = False
        self.fields["term"].help_text = _("A term target and a term plan's year need their term.")
        if revising:
            self.fields["document"].label = _("Revising document")
            self.fields["document"].help_text = _("The resolution or decision that revises the target.")
            self.initial["document"] = ""
            self.fields["reason"] = forms.CharField(
                label=_("Reason for the revision"),
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": _("Say why the target is revised.")},
            )
            for name in ("kind", "term", "year"):  # a revision changes the value, not what it is the target of
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        kind, term, year = data.get("kind"), data.get("term"), data.get("year")
        low, high = data.get("low"), data.get("high")
        if low is not None and high is not None and high < low:
            self.add_error("high", _("The upper end of the range is below the target."))
        if kind == Target.Kind.TERM:
            if term is None:
                self.add_error("term", _("Choose the term."))
            if year is not None:
                self.add_error("year", _("A term target has no year."))
        elif kind:
            if year is None:
                self.add_error("year", _("Give the year."))
            elif term is None and kind == Target.Kind.TERM_YEAR:
                self.add_error("term", _("Choose the term."))
            elif term is not None and not term.covers(year):
                self.add_error(
                    "year",
                    _("The year %(year)s is outside the term %(term)s.") % {"year": year, "term": term},
                )
            elif term is None:
                data["term"] = self.instance.term = Term.objects.filter(
                    first_year__lte=year, last_year__gte=year
                ).first()
        if not self.errors and not self.revising and kind:
            self._refuse_a_second(kind, term, year)
        return data

    def _refuse_a_second(self, kind, term, year) -> None:
        others = Target.objects.filter(indicator_id=self.instance.indicator_id, kind=kind)
        others = others.filter(term=term) if kind == Target.Kind.TERM else others.filter(year=year)
        if others.exclude(pk=self.instance.pk).exists():
            self.add_error(None, _("This indicator already has this target: revise it instead."))

    def _post_clean(self):
        """The model's own checks only for a form without errors (a year refused above is not "missing" there)."""
        if not self.errors:
            super()._post_clean()

    @property
    def reason(self) -> str:
        return self.cleaned_data.get("reason", "")
