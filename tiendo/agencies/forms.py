from django import forms
from django.utils.translation import gettext_lazy as _

from tiendo.audit.versions import VersionedForm

from .models import AdminUnit, Agency


class AgencyProfileForm(VersionedForm, forms.ModelForm):
    """What an agency keeps up to date about itself; structure changes go through reorganisations."""

    class Meta:
        model = Agency
        fields = ["name", "name_en", "name_zh", "short_name", "head", "address", "phone", "email"]


class AgencyFilterForm(forms.Form):
    STATUS_CHOICES = [("current", _("In force")), ("ended", _("Merged or ended")), ("all", _("All"))]

    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Agency.Kind.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    on = forms.DateField(label=_("As of date"), required=False)


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *AdminUnit.Level.choices]
    )
    on = forms.DateField(label=_("As of date"), required=False)


class MergeForm(forms.Form):
    """The admin action's second step: into which agency, from when, under which decision."""

    target = forms.ModelChoiceField(label=_("Successor"), queryset=Agency.objects.none())
    effective = forms.DateField(label=_("Effective date"))
    decision = forms.CharField(label=_("Deciding document"), max_length=255)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, target_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = target_queryset if target_queryset is not None else Agency.objects.all()
