"""The forms of the petition page's actions (desk and agency). Each carries the version the page was read at, so a
stale save is refused with what changed and the entries kept; the agencies and officers offered come through the
access layer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tiendo.audit.versions import VersionField
from tiendo.core import access
from tiendo.core.widgets import QuickSelect

from .forms_desk import MultipleFileField, agency_field
from .models import Kind, Petition, Topic
from .routing import complaint_of


class VersionedActionForm(forms.Form):
    version = VersionField()

    def __init__(self, *args, user, petition: Petition, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", petition.version)
        super().__init__(*args, **kwargs)
        self.user, self.petition = user, petition


def _text(label, rows=3, required=True):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


class ClassifyForm(VersionedActionForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, widget=QuickSelect)
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices, widget=QuickSelect)
    is_complaint = forms.BooleanField(label=_("A complaint or denunciation (its own procedure)"), required=False)
    redirect_note = _text(_("Where the petitioner should go instead"), 2, required=False)
    reason = _text(_("Note"), 2, required=False)

    def __init__(self, *args, user, petition, **kwargs):
        agency = petition.agency or petition.suggested_agency
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("kind", petition.kind or Kind.WITHIN_COMPETENCE)
        initial.setdefault("topic", petition.topic)
        # a text that reads as a complaint or a denunciation: proposed as such, with the sentence saying where to go
        complaint = complaint_of(petition) if not petition.redirect_note else None
        initial.setdefault("is_complaint", petition.is_complaint or bool(complaint))
        initial.setdefault("redirect_note", petition.redirect_note or (complaint.redirect if complaint else ""))
        if agency is not None:
            initial.setdefault("agency", agency.code)
        super().__init__(*args, user=user, petition=petition, **kwargs)
        self.fields["agency"] = agency_field(
            user,
            label=_("Responsible agency"),
            required=False,
            keep=[petition.agency_id, petition.suggested_agency_id],
        )
        self.order_fields(["kind", "topic", "agency", "is_complaint", "redirect_note", "reason", "version"])


class AssignForm(VersionedActionForm):
    reason = _text(_("Note"), 2, required=False)

    def __init__(self, *args, user, petition, **kwargs):
        initial = kwargs.setdefault("initial", {})
        if petition.agency is not None:
            initial.setdefault("agency", petition.agency.code)
        if petition.officer_id:
            initial.setdefault("officer", petition.officer_id)
        super().__init__(*args, user=user, petition=petition, **kwargs)
        self.fields["agency"] = agency_field(user, label=_("Responsible agency"), keep=[petition.agency_id])
        officers = access.users_with("works_for_agency").filter(agency__in=self.fields["agency"].queryset)
        self.fields["officer"] = forms.ModelChoiceField(
            label=_("Officer in charge"),
            queryset=officers.select_related("agency").order_by("agency__name", "full_name"),
            required=False,
            widget=QuickSelect,
        )
        self.fields["officer"].label_from_instance = lambda user: f"{user.full_name or user.username} · {user.agency}"
        self.order_fields(["agency", "officer", "reason", "version"])

    def clean(self):
        data = super().clean()
        agency, officer = data.get("agency"), data.get("officer")
        if agency is not None and officer is not None and officer.agency_id != agency.pk:
            self.add_error("officer", _("The officer must work for the responsible agency."))
        return data


class NoteForm(VersionedActionForm):
    """Start the work, or close: an optional note."""

    reason = _text(_("Note"), 2, required=False)


class ReasonForm(VersionedActionForm):
    """Withdraw: the reason is required."""

    reason = _text(_("Reason"), 2)


class AskForm(VersionedActionForm):
    request = _text(_("Information asked of the enterprise"))


class ReplyForm(VersionedActionForm):
    reply = _text(_("The enterprise's reply"))
    files = MultipleFileField(label=_("Attachments"))


class WaitForm(VersionedActionForm):
    reason = _text(_("What is asked of the agency"))

    def __init__(self, *args, user, petition, **kwargs):
        super().__init__(*args, user=user, petition=petition, **kwargs)
        self.fields["agency"] = agency_field(user, label=_("Agency asked"))
        self.order_fields(["agency", "reason", "version"])


class AnswerForm(VersionedActionForm):
    text = _text(_("Answer"), 6)
    legal_basis = _text(_("Legal basis"), 2)
    document = forms.CharField(label=_("Answering document"), required=False, max_length=200)
    publish_consent = forms.BooleanField(label=_("The petitioner agrees to publication"), required=False)

    def __init__(self, *args, user, petition, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("text", petition.answer)
        initial.setdefault("legal_basis", petition.legal_basis)
        initial.setdefault("document", petition.answer_document)
        initial.setdefault("publish_consent", petition.publish_consent)
        super().__init__(*args, user=user, petition=petition, **kwargs)


class PublishForm(VersionedActionForm):
    required_by_law = forms.BooleanField(label=_("Publication is required by law"), required=False)


class MergeForm(VersionedActionForm):
    """The likely duplicates to merge into this petition (those the user sees, among the candidates)."""

    duplicates = forms.MultipleChoiceField(
        label=_("Duplicates to merge into this petition"), widget=forms.CheckboxSelectMultiple
    )
    reason = _text(_("Note"), 2, required=False)

    def __init__(self, *args, user, petition, candidates=(), **kwargs):
        super().__init__(*args, user=user, petition=petition, **kwargs)
        self.candidates = {c.pk: c for c in candidates}
        self.fields["duplicates"].choices = [(c.pk, f"{c.number} · {c.title}") for c in candidates]

    def clean_duplicates(self):
        wanted = {int(pk) for pk in self.cleaned_data["duplicates"]}
        visible = access.visible(self.user, Petition).filter(pk__in=wanted).exclude(pk=self.petition.pk)
        return list(visible)
