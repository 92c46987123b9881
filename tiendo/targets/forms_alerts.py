"""The alerts' forms (the page and `tiendo targets send-alert/dismiss-alert` read the same): sending one as a task,
dismissing it, the agency of each GRDP component, a project an indicator depends on. Agency and project choices
come through the access layer and keep a record's current value even when it has ended since."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiendo.agencies.models import Agency
from tiendo.audit.versions import VersionField
from tiendo.core import access
from tiendo.core.fields import DayField, KeepCurrentChoiceField
from tiendo.directives.forms import AgencyCodeField, current_agencies
from tiendo.domain import growth_alerts as rules
from tiendo.projects.models import Project

from .models import Component, ComponentAgency


def agency_choices(user, keep=()) -> AgencyCodeField:
    """Today's agencies the user may see, plus those to keep (an alert's agency merged since)."""
    field = AgencyCodeField(label=_("Lead agency"))
    field.keep([pk for pk in keep if pk])
    field.queryset = current_agencies() & access.visible(user, Agency)
    return field


def default_deadline():
    days = int(getattr(settings, "TIENDO_TARGETS_ALERT_WORKING_DAYS", rules.DEFAULT_WORKING_DAYS))
    return rules.deadline_after(timezone.localdate(), days)


class SendAlertForm(forms.Form):
    text = forms.CharField(label=_("Task text"), widget=forms.Textarea(attrs={"rows": 6}))
    deadline = DayField(label=_("Deadline"))
    version = VersionField()

    def __init__(self, *args, user, alert, **kwargs):
        kwargs.setdefault("initial", {"text": alert.text, "deadline": default_deadline(), "version": alert.version})
        if alert.agency is not None:
            kwargs["initial"].setdefault("agency", alert.agency.code)
        super().__init__(*args, **kwargs)
        self.fields["agency"] = agency_choices(user, keep=[alert.agency_id])
        self.order_fields(["text", "deadline", "agency", "version"])


class DismissAlertForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    version = VersionField()


class ComponentAgenciesForm(forms.Form):
    """One agency per GRDP component; left empty, its sectors' agency answers."""

    def __init__(self, *args, user, **kwargs):
        rows = {row.component: row for row in ComponentAgency.objects.select_related("agency")}
        kwargs.setdefault("initial", {c: row.agency.code for c, row in rows.items()})
        super().__init__(*args, **kwargs)
        self.rows = rows
        for value, label in Component.choices:
            field = agency_choices(user, keep=[rows[value].agency_id] if value in rows else [])
            field.label = label
            field.required = False
            self.fields[value] = field


class LinkProjectForm(forms.Form):
    project = KeepCurrentChoiceField(
        label=_("Project code"),
        queryset=Project.objects.none(),
        to_field_name="code",
        widget=forms.TextInput(attrs={"placeholder": _("e.g. DA-000123")}),
        error_messages={"invalid_choice": _("No project has this code.")},
    )
    note = forms.CharField(label=_("What the target expects of it"), required=False, max_length=500)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = access.visible(user, Project)
