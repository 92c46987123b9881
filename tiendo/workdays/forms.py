"""The calendar page's forms: a day declared (kind, name, deciding document, note) and a day removed with a reason
and the version it was read at (a stale removal is refused)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tiendo.audit.versions import VersionField
from tiendo.core.fields import DayField

from .models import DeclaredDay


class DeclaredDayForm(forms.Form):
    day = DayField(label=_("Day"))
    kind = forms.ChoiceField(label=_("Kind"), choices=DeclaredDay.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    document = forms.CharField(label=_("Deciding document"), max_length=300)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_day(self):
        day = self.cleaned_data["day"]
        if DeclaredDay.objects.filter(day=day).exists():
            raise forms.ValidationError(_("This day is already in the calendar: remove it first."))
        return day


class RemoveDayForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)
    version = VersionField()
