from django import forms
from django.utils.translation import gettext_lazy as _

from tiendo.audit.versions import VersionedForm

from .models import Enterprise


class EnterpriseForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = ["name", "name_en", "tax_code", "country", "address", "representative", "phone", "email"]

    def clean_country(self):
        country = self.cleaned_data["country"].strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise forms.ValidationError(_("Give the two-letter country code, e.g. VN, JP, KR, CN."))
        return country

    def clean_tax_code(self):
        tax_code = self.cleaned_data["tax_code"].strip()
        if tax_code and Enterprise.objects.exclude(pk=self.instance.pk).filter(tax_code=tax_code).exists():
            raise forms.ValidationError(_("Another enterprise already has this tax code."))
        return tax_code


class InvestorContactForm(EnterpriseForm):
    """An investor keeps their contacts current; the name and tax code follow the registration papers."""

    class Meta(EnterpriseForm.Meta):
        fields = ["address", "representative", "phone", "email"]


class EnterpriseFilterForm(forms.Form):
    ORIGIN_CHOICES = [("", _("All")), ("domestic", _("Domestic")), ("foreign", _("Foreign"))]

    q = forms.CharField(label=_("Search"), required=False)
    origin = forms.ChoiceField(label=_("Origin"), required=False, choices=ORIGIN_CHOICES)
    deleted = forms.BooleanField(label=_("Show deleted"), required=False)
