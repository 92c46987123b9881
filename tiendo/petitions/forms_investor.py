"""The enterprise's forms: submitting a petition with its attachments, replying to a request for information,
rating the answer, reopening it, withdrawing; and the translator's form. Every form about an existing petition
carries the version it was read at, so a stale action is refused with the entries kept."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tiendo.agencies.models import Agency
from tiendo.audit.versions import VersionField
from tiendo.core import access
from tiendo.core.widgets import QuickSelectMultiple
from tiendo.projects.models import Project

from .models import Rating, Topic

# what an enterprise may attach: office documents, scans and photos, archives of them
ALLOWED_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".jpg", ".jpeg", ".png", ".zip")


def max_file_bytes() -> int:
    return getattr(settings, "TIENDO_PETITIONS_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)


def max_files() -> int:
    return getattr(settings, "TIENDO_PETITIONS_ATTACHMENT_MAX_FILES", 10)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files at once, each checked for its type and size, with an error that names the file."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]
        if len(uploads) > max_files():
            raise forms.ValidationError(_("Attach at most %(count)s files.") % {"count": max_files()})
        errors = []
        for upload in uploads:
            name = getattr(upload, "name", "")
            if Path(name).suffix.lower() not in ALLOWED_EXTENSIONS:
                errors.append(
                    _("“%(name)s” is not a file type that can be attached (PDF, Word, Excel, JPG, PNG or ZIP).")
                    % {"name": name}
                )
            elif upload.size > max_file_bytes():
                errors.append(
                    _("“%(name)s” is larger than %(size)s.") % {"name": name, "size": filesizeformat(max_file_bytes())}
                )
            elif upload.size == 0:
                errors.append(_("“%(name)s” is empty.") % {"name": name})
        if errors:
            raise forms.ValidationError(errors)
        return [super(AttachmentsField, self).clean(upload, initial) for upload in uploads]


def attachments_help() -> str:
    return gettext("Up to %(count)s files of at most %(size)s each: PDF, Word, Excel, images (JPG, PNG) or ZIP.") % {
        "count": max_files(),
        "size": filesizeformat(max_file_bytes()),
    }


class WithAttachments:
    """A form with an `attachments` field: its help says today's limits, in the page's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = attachments_help()


class ProjectChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.display_name}"


class AgencyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class SubmitForm(WithAttachments, forms.Form):
    projects = ProjectChoiceField(
        label=_("Projects concerned"),
        queryset=Project.objects.none(),
        required=False,
        widget=QuickSelectMultiple(attrs={"size": 4}),
        help_text=_("Only your enterprise's projects are listed; leave empty if the petition is about none."),
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=[("", "---------"), *Topic.choices])
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(
        label=_("Difficulty or proposal"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What happened, since when, which procedure or decision it concerns, what you propose."),
    )
    concerned_agencies = AgencyChoiceField(
        label=_("Agencies concerned"),
        queryset=Agency.objects.none(),
        required=False,
        widget=QuickSelectMultiple(attrs={"size": 6}),
        help_text=_("Optional: the agencies the difficulty concerns, if you know them."),
    )
    attachments = AttachmentsField(label=_("Attachments"))
    publish_consent = forms.BooleanField(
        label=_("I agree that the answer may be published, without personal data"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = access.visible(user, Project).order_by("code")
        self.fields["concerned_agencies"].queryset = (
            access.visible(user, Agency).valid_on(timezone.localdate()).order_by("name")
        )

    def clean_title(self):
        return self.cleaned_data["title"].strip()


class ReplyForm(WithAttachments, forms.Form):
    reply = forms.CharField(label=_("Information asked for"), widget=forms.Textarea(attrs={"rows": 5}))
    attachments = AttachmentsField(label=_("Attachments"))
    version = VersionField()


class RateForm(forms.Form):
    rating = forms.ChoiceField(label=_("Your rating"), choices=Rating.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the answer does not satisfy you."),
    )
    version = VersionField()

    def clean(self):
        data = super().clean()
        if data.get("rating") == Rating.NOT_SATISFIED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the answer does not satisfy you."))
        return data


class ReasonForm(forms.Form):
    """Reopen or withdraw: the reason is required."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    version = VersionField()


class TranslationForm(forms.Form):
    text_en = forms.CharField(label=_("Petition in English"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    text_zh = forms.CharField(label=_("Petition in Chinese"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    answer_en = forms.CharField(label=_("Answer in English"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    answer_zh = forms.CharField(label=_("Answer in Chinese"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    version = VersionField()
