"""The desk's forms: the queue's filters and the intake of a petition that came by letter, hotline, the national
system or e-mail. Every choice list (agencies, enterprises, projects) comes through the access layer."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiendo.agencies.models import Agency
from tiendo.core import access
from tiendo.core.fields import DayField
from tiendo.core.widgets import QuickSelect
from tiendo.directives.forms import AgencyCodeField, current_agencies
from tiendo.enterprises.models import Enterprise
from tiendo.projects.models import Project

from .models import Channel, Petition, State, Topic

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES = 10
# the channels an officer records by hand (an investor submits through its account, a conference its own page)
DESK_CHANNELS = (Channel.LETTER, Channel.HOTLINE, Channel.NATIONAL_SYSTEM, Channel.EMAIL)
TABS = ("new", "due_soon", "overdue", "waiting", "all")


def agency_field(user, *, label, required=True, keep=(), empty_label=None) -> AgencyCodeField:
    """Today's agencies of the province that the user may see (the directory), plus those to keep."""
    field = AgencyCodeField(label=label, required=required, widget=QuickSelect, empty_label=empty_label or "---------")
    field.keep([pk for pk in keep if pk])
    field.queryset = current_agencies() & access.visible(user, Agency)
    return field


class QueueFilterForm(forms.Form):
    """The queue's filters (the tab is a separate parameter: the counts on the tabs follow these filters)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("number, title, text")}),
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False, choices=[], widget=QuickSelect)
    state = forms.ChoiceField(label=_("State"), required=False, choices=[], widget=QuickSelect)
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=[], widget=QuickSelect)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All topics")), *Topic.choices]
        self.fields["state"].choices = [("", _("All states")), *State.choices]
        self.fields["channel"].choices = [("", _("All channels")), *Channel.choices]
        self.fields["agency"] = agency_field(user, label=_("Agency"), required=False, empty_label=_("All agencies"))
        self.order_fields(["q", "topic", "agency", "state", "channel", "year"])

    def apply(self, petitions):
        if not self.is_valid():
            return petitions
        data = self.cleaned_data
        if data.get("q"):
            petitions = petitions.search(data["q"])
        for name in ("topic", "state", "channel"):
            if data.get(name):
                petitions = petitions.filter(**{name: data[name]})
        if data.get("agency"):
            petitions = petitions.filter(agency=data["agency"])
        if data.get("year"):
            petitions = petitions.filter(received_on__year=data["year"])
        return petitions


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input, each within the size limit."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Attach at most %(count)d files.") % {"count": MAX_FILES})
        cleaned = [super(MultipleFileField, self).clean(one, initial) for one in files]
        for upload in cleaned:
            if upload and upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError(_("The file is larger than 20 MB."))
        return [upload for upload in cleaned if upload]


class IntakeForm(forms.ModelForm):
    """A petition recorded by the desk or an agency from a letter, a call, the national system or an e-mail."""

    enterprise = forms.ModelChoiceField(
        label=_("Enterprise"), queryset=Enterprise.objects.none(), required=False, widget=QuickSelect
    )
    project_codes = forms.CharField(
        label=_("Projects"),
        required=False,
        help_text=_("Project codes, separated by commas."),
        widget=forms.TextInput(attrs={"placeholder": _("e.g. DA-000123")}),
    )
    received_on = DayField(label=_("Received on"))
    files = MultipleFileField(label=_("Attachments"), help_text=_("Several files may be chosen; 20 MB each at most."))

    class Meta:
        model = Petition
        fields = [
            "channel",
            "channel_reference",
            "received_on",
            "enterprise",
            "petitioner_name",
            "petitioner_contact",
            "topic",
            "title",
            "text",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 8}), "channel": QuickSelect, "topic": QuickSelect}

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("received_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["channel"].choices = [(c.value, c.label) for c in DESK_CHANNELS]
        self.fields["enterprise"].queryset = access.visible(user, Enterprise).alive().order_by("name")
        self.fields["concerned"] = forms.ModelMultipleChoiceField(
            label=_("Agencies concerned"),
            queryset=current_agencies() & access.visible(user, Agency),
            required=False,
            to_field_name="code",
            widget=forms.SelectMultiple(attrs={"size": 6}),
        )
        self.fields["concerned"].label_from_instance = lambda agency: agency.name
        self.order_fields([*self.Meta.fields[:6], "project_codes", "topic", "title", "text", "concerned", "files"])

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The day of receipt cannot be in the future."))
        return day

    def clean_project_codes(self):
        codes = [code for code in re.split(r"[\s,;]+", self.cleaned_data.get("project_codes") or "") if code]
        projects = list(access.visible(self.user, Project).filter(code__in=codes))
        unknown = sorted(set(codes) - {p.code for p in projects})
        if unknown:
            raise forms.ValidationError(_("No project has this code: %(codes)s.") % {"codes": ", ".join(unknown)})
        self.projects = projects
        return codes

    def clean(self):
        data = super().clean()
        if not data.get("enterprise") and not (data.get("petitioner_name") or "").strip():
            self.add_error("petitioner_name", _("Choose the enterprise or write the petitioner's name."))
        return data
