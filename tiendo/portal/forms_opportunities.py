"""The public list's filters: a plain GET form (it works without JavaScript; its address can be shared and is
cached like any page). The choices are those the published opportunities use, named in the visitor's language."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiendo.agencies.models import AdminUnit
from tiendo.domain import money
from tiendo.domain.portal import bands
from tiendo.projects.models import Sector, Zone

from .models import Opportunity
from .shown import named


def _area_label(band: bands.Band) -> str:
    if band.low is None:
        return _("Under %(high)s ha") % {"high": band.high}
    if band.high is None:
        return _("%(low)s ha or more") % {"low": band.low}
    return _("%(low)s–%(high)s ha") % {"low": band.low, "high": band.high}


def _capital_label(band: bands.Band, lang: str) -> str:
    def amount(value: int) -> str:
        return money.format_vnd_in(value, lang, "tỷ", decimals=0)

    if band.low is None:
        return _("Under %(high)s") % {"high": amount(band.high or 0)}
    if band.high is None:
        return _("%(low)s or more") % {"low": amount(band.low)}
    return _("%(low)s to %(high)s") % {"low": amount(band.low), "high": amount(band.high)}


class OpportunityFilterForm(forms.Form):
    sector = forms.ChoiceField(label=gettext_lazy("Sector"), required=False)
    place = forms.ChoiceField(label=gettext_lazy("Place"), required=False)
    selection = forms.ChoiceField(label=gettext_lazy("Investor selection"), required=False)
    area = forms.ChoiceField(label=gettext_lazy("Area"), required=False)
    capital = forms.ChoiceField(label=gettext_lazy("Indicative capital"), required=False)

    def __init__(self, data, *, opportunities, lang: str):
        super().__init__(data)
        anything = [("", _("Any"))]
        sectors = Sector.objects.filter(opportunities__in=opportunities).distinct()
        self.fields["sector"].choices = anything + sorted(
            ((s.code, named(s, s.name, lang).text) for s in sectors), key=lambda choice: choice[1]
        )
        communes = AdminUnit.objects.filter(opportunities__in=opportunities).distinct()
        zones = Zone.objects.filter(opportunities__in=opportunities).distinct()
        self.fields["place"].choices = anything + [
            (
                _("Communes and wards"),
                sorted(((f"commune-{c.code}", named(c, f"{c.unit_type} {c.name}", lang).text) for c in communes),
                       key=lambda choice: choice[1]),
            ),
            (
                _("Industrial zones and clusters"),
                sorted(((f"zone-{z.code}", named(z, z.name, lang).text) for z in zones), key=lambda choice: choice[1]),
            ),
        ]  # fmt: skip
        self.fields["selection"].choices = anything + list(Opportunity.SelectionForm.choices)
        self.fields["area"].choices = anything + [(b.key, _area_label(b)) for b in bands.AREA_BANDS_HA]
        self.fields["capital"].choices = anything + [(b.key, _capital_label(b, lang)) for b in bands.CAPITAL_BANDS]

    def apply(self, opportunities):
        """The opportunities the valid filters keep (an invalid value is reported on the form and not applied)."""
        self.is_valid()
        chosen = getattr(self, "cleaned_data", {})
        if code := chosen.get("sector"):
            opportunities = opportunities.filter(sector__code=code)
        kind, _dash, code = (chosen.get("place") or "").partition("-")
        if kind == "commune":
            opportunities = opportunities.filter(commune__code=code)
        elif kind == "zone":
            opportunities = opportunities.filter(zone__code=code)
        if selection := chosen.get("selection"):
            opportunities = opportunities.filter(selection_form=selection)
        if area := bands.band(bands.AREA_BANDS_HA, chosen.get("area") or ""):
            opportunities = _within(opportunities, "area_ha", area)
        if capital := bands.band(bands.CAPITAL_BANDS, chosen.get("capital") or ""):
            opportunities = _within(opportunities, "capital", capital)
        return opportunities

    @property
    def filtered(self) -> bool:
        return any(getattr(self, "cleaned_data", {}).get(name) for name in self.fields)


def _within(opportunities, name: str, band: bands.Band):
    if band.low is not None:
        opportunities = opportunities.filter(**{f"{name}__gte": band.low})
    if band.high is not None:
        opportunities = opportunities.filter(**{f"{name}__lt": band.high})
    return opportunities.filter(**{f"{name}__isnull": False})
