"""The department's forms for its investment opportunities: the list's filters, the opportunity itself (its
Vietnamese texts and facts), closing it, its procedure steps, its documents and one translation. Every choice list
comes through the access layer; an edit keeps an agency or commune that has ended since; every form about an
existing record carries the version it was read at."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tiendo.agencies.models import AdminUnit, Agency, Installation
from tiendo.audit.versions import VersionedForm, VersionField
from tiendo.core import access
from tiendo.core.fields import DayField, DecimalCommaField, KeepsCurrentValues, VndField, keeping_formfield
from tiendo.core.widgets import QuickSelect
from tiendo.domain.text import search_key
from tiendo.projects.filter_fields import local_units_and_agencies
from tiendo.projects.models import Sector, Zone

from .models import Opportunity, OpportunityDocument, ProcedureStep

# the relations an opportunity names by their codes, in its form as on the command line (`opportunities save`)
BY_CODE = ("sector", "commune", "zone", "agency")
# what an investor may download: office documents, scans and maps, archives of them
ALLOWED_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".jpg", ".jpeg", ".png", ".zip")


DECIMAL = forms.TextInput(attrs={"inputmode": "decimal"})


def max_document_bytes() -> int:
    return settings.TIENDO_PORTAL_DOCUMENT_MAX_BYTES


def _local_communes_and_agencies():
    installation = Installation.current()
    return local_units_and_agencies(installation.province_id if installation else None, timezone.localdate())


class CodeChoiceField(forms.ModelChoiceField):
    """A filter's choice named by its code, so a filtered list's address reads like the command line."""

    def __init__(self, **kwargs):
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("widget", QuickSelect)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class OpportunityFilterForm(forms.Form):
    """The list's filters; the sectors and communes offered are those of the opportunities the user sees."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("code, title, description")}),
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All states")), *Opportunity.State.choices],
        widget=QuickSelect,
    )
    sector = CodeChoiceField(label=_("Sector"), queryset=Sector.objects.none(), empty_label=_("All sectors"))
    commune = CodeChoiceField(label=_("Commune"), queryset=AdminUnit.objects.none(), empty_label=_("All communes"))
    selection_form = forms.ChoiceField(
        label=_("Investor selection"),
        required=False,
        choices=[("", _("All forms")), *Opportunity.SelectionForm.choices],
        widget=QuickSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        listed = access.visible(user, Opportunity)
        self.fields["sector"].queryset = access.visible(user, Sector).filter(opportunities__in=listed).distinct()
        self.fields["commune"].queryset = (
            access.visible(user, AdminUnit).filter(opportunities__in=listed).distinct().order_by("name")
        )

    def apply(self, opportunities, *, with_state: bool = True):
        """Filter (the state too unless `with_state` is False: the state tabs count over the other filters)."""
        if not self.is_valid():
            return opportunities
        data = self.cleaned_data
        if key := search_key(data["q"]):
            opportunities = opportunities.filter(search_key__contains=key)
        for name in ("sector", "commune", "selection_form", *(("state",) if with_state else ())):
            if data[name]:
                opportunities = opportunities.filter(**{name: data[name]})
        return opportunities


def _relations_by_code(model_field, **kwargs):
    if model_field.name in BY_CODE:
        kwargs["to_field_name"] = "code"
    return keeping_formfield(model_field, **kwargs)


class OpportunityForm(VersionedForm, KeepsCurrentValues, forms.ModelForm):
    """The opportunity in Vietnamese: where it comes from, what and where it is, how the investor is chosen, the
    land, the incentives, who answers. `tiendo portal opportunities save` fills the same form."""

    origin_date = DayField(label=_("Listing document date"), required=False)
    # typed as text: a number input would not show "45,00", the Vietnamese way a form writes it back
    area_ha = DecimalCommaField(
        label=_("Area (ha)"), required=False, min_value=0, max_digits=10, decimal_places=2, widget=DECIMAL
    )
    capital = VndField(label=_("Indicative capital"), required=False)
    latitude = DecimalCommaField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, max_digits=9, decimal_places=6, widget=DECIMAL
    )
    longitude = DecimalCommaField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180, max_digits=9, decimal_places=6,
        widget=DECIMAL,
    )  # fmt: skip

    class Meta:
        model = Opportunity
        fields = [
            "code", "origin", "origin_document", "origin_date", "title", "summary", "sector", "commune", "zone",
            "latitude", "longitude", "area_ha", "capital", "selection_form", "planning_status", "land_status",
            "land_holder", "incentives", "agency", "contact_name", "contact_phone", "contact_email",
        ]  # fmt: skip
        formfield_callback = _relations_by_code
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6, "lang": "vi"}),
            "planning_status": forms.Textarea(attrs={"rows": 3, "lang": "vi"}),
            "incentives": forms.Textarea(attrs={"rows": 4, "lang": "vi"}),
            "title": forms.TextInput(attrs={"lang": "vi"}),
            "land_holder": forms.TextInput(attrs={"lang": "vi"}),
            **{name: QuickSelect for name in (*BY_CODE, "origin", "selection_form", "land_status")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        communes, agencies = _local_communes_and_agencies()
        self.fields["sector"].queryset = access.visible(user, Sector)
        self.fields["commune"].queryset = communes & access.visible(user, AdminUnit)
        self.fields["zone"].queryset = access.visible(user, Zone)
        self.fields["agency"].queryset = agencies & access.visible(user, Agency)
        if self.instance.pk:
            self.fields["code"].disabled = True  # commands and the public page's address find it by its code

    def clean_code(self):
        code = self.cleaned_data["code"]
        return code if self.instance.pk else code.strip().upper()

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both the latitude and the longitude, or neither."))
        return data


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is closed"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. the investor selected and the decision, or the decision withdrawing it."),
    )
    version = VersionField()


class StepForm(KeepsCurrentValues, forms.ModelForm):
    """One procedure step: the agencies offered are today's (the province's and the central ones), plus the one
    the step names if it has ended since."""

    class Meta:
        model = ProcedureStep
        fields = ["order", "step", "agency", "working_days", "calendar_days", "legal_basis"]
        formfield_callback = keeping_formfield
        widgets = {"step": QuickSelect, "agency": QuickSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["agency"].queryset = Agency.objects.valid_on(today).order_by("kind", "name") & access.visible(
            user, Agency
        )


class DocumentFileField(forms.FileField):
    """One file, checked for its type and size like a petition's attachments, with an error that names it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        name = getattr(data, "name", "")
        if data and Path(name).suffix.lower() not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(
                _("“%(name)s” is not a file type that can be attached (PDF, Word, Excel, JPG, PNG or ZIP).")
                % {"name": name}
            )
        if data and data.size > max_document_bytes():
            raise forms.ValidationError(
                _("“%(name)s” is larger than %(size)s.") % {"name": name, "size": filesizeformat(max_document_bytes())}
            )
        if data and data.size == 0:
            raise forms.ValidationError(_("“%(name)s” is empty.") % {"name": name})
        return super().clean(data, initial)


class DocumentForm(forms.ModelForm):
    file = DocumentFileField(label=_("File"))

    class Meta:
        model = OpportunityDocument
        fields = ["kind", "title", "file"]
        labels = {"kind": _("Kind of document")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "At most %(size)s: PDF, Word, Excel, images (JPG, PNG) or ZIP. Investors download it from the public page."
        ) % {"size": filesizeformat(max_document_bytes())}


class TranslationForm(forms.Form):
    """One text in one language; `action` says whether it is saved as a draft or reviewed at once."""

    DRAFT, REVIEWED, REVIEW = "draft", "reviewed", "review"

    text = forms.CharField(label=_("Translation"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    version = VersionField()
    action = forms.ChoiceField(choices=[(DRAFT, DRAFT), (REVIEWED, REVIEWED), (REVIEW, REVIEW)])

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["lang"] = "zh-Hans" if language == "zh" else language

    def clean(self):
        data = super().clean()
        if data.get("action") in (self.DRAFT, self.REVIEWED) and not (data.get("text") or "").strip():
            self.add_error("text", _("Write the translation, or leave the text untranslated."))
        return data
