"""The dialogue conferences' forms (the pages and `tiendo petitions conference-*` read the same): the heading, a
question raised on the day, a petition linked as a question, the answer given on the spot, the conclusion.
Choices (enterprises, petitions) come through the access layer."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tiendo.audit.versions import VersionedForm, VersionField
from tiendo.core import access
from tiendo.core.fields import DayField, KeepCurrentChoiceField
from tiendo.directives import extracting
from tiendo.enterprises.models import Enterprise

from .models import Conference, Petition, Topic


class ConferenceForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Conference
        fields = ["title", "held_on", "place", "chair", "participants"]
        field_classes = {"held_on": DayField}
        widgets = {"participants": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"participants": _("One per line: leaders, agencies, enterprises and associations.")}


class QuestionForm(forms.Form):
    enterprise = KeepCurrentChoiceField(label=_("Enterprise"), queryset=Enterprise.objects.none(), required=False)
    petitioner_name = forms.CharField(
        label=_("…or the petitioner's name"),
        required=False,
        max_length=200,
        help_text=_("An enterprise not in the registry, an association or a person."),
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices, initial=Topic.OTHER)
    title = forms.CharField(label=_("Question"), max_length=300)
    text = forms.CharField(label=_("What was raised"), widget=forms.Textarea(attrs={"rows": 4}))
    spot_answer = forms.CharField(
        label=_("Answer given on the spot"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = access.visible(user, Enterprise).order_by("name")

    def clean(self):
        data = super().clean()
        if not data.get("enterprise") and not (data.get("petitioner_name") or "").strip():
            self.add_error("petitioner_name", _("Choose the enterprise or write the petitioner's name."))
        return data


class LinkQuestionForm(forms.Form):
    petition = KeepCurrentChoiceField(
        label=_("Petition number"),
        queryset=Petition.objects.none(),
        to_field_name="number",
        widget=forms.TextInput(attrs={"placeholder": _("e.g. KN-2026-0042")}),
        error_messages={"invalid_choice": _("No petition you can see has this number.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["petition"].queryset = access.visible(user, Petition)


class SpotAnswerForm(forms.Form):
    spot_answer = forms.CharField(label=_("Answer given on the spot"), widget=forms.Textarea(attrs={"rows": 3}))
    version = VersionField()


class ConclusionForm(forms.Form):
    number = forms.CharField(label=_("Number"), required=False, max_length=80, help_text=_("E.g. 45/TB-UBND."))
    issued_on = DayField(label=_("Date"))
    issuer = forms.CharField(label=_("Issuing body"), max_length=255, initial="Ủy ban nhân dân tỉnh")
    signer = forms.CharField(label=_("Signer"), required=False, max_length=255)
    title = forms.CharField(label=_("Title"), required=False, max_length=500)
    text = forms.CharField(label=_("Text of the conclusion"), required=False, widget=forms.Textarea(attrs={"rows": 14}))
    document = forms.FileField(label=_("…or a file (.txt, .docx, .pdf)"), required=False)
    version = VersionField()

    def clean(self):
        data = super().clean()
        upload = data.get("document")
        if upload:
            try:
                data["text"] = extracting.read_document(upload.name, upload.read())
            except ValidationError as error:
                self.add_error("document", error)
                return data
            data["source"] = upload.name
        if not (data.get("text") or "").strip() and not self.errors:
            self.add_error("text", _("Paste the text of the conclusion or choose a file."))
        return data
