from datetime import date, timedelta

from django import forms
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiendo.agencies.models import Agency
from tiendo.audit.versions import VersionedForm
from tiendo.core import access, fragments
from tiendo.core.fields import (
    DayField,
    KeepCurrentChoiceField,
    KeepCurrentMultipleChoiceField,
    KeepsCurrentValues,
    keeping_formfield,
    marked_label,
)
from tiendo.core.widgets import QuickSelect
from tiendo.domain.access import task_scope
from tiendo.domain.tasks import TaskStatus
from tiendo.domain.text import search_key
from tiendo.projects.models import Project

from .models import STATUS_CHOICES, Directive, ExtensionRequest, Task

OPEN_FIRST = Case(When(completed_on__isnull=True, then=Value(0)), default=Value(1))
TASK_SORTS = {
    # what still needs doing comes first, nearest deadline first; dateless and done work after it
    "deadline": (OPEN_FIRST, F("deadline").asc(nulls_last=True), "pk"),
    "-deadline": (F("deadline").desc(nulls_last=True), "-pk"),
    "-assigned": ("-assigned_on", "-pk"),
    "agency": ("lead_agency__name", F("deadline").asc(nulls_last=True), "pk"),
}
DIRECTIVE_CHOICES = 300  # the newest; older ones are reached from their own page or by search
LABEL_FIELDS = ("pk", "kind", "number", "issued_on", "title")  # what DirectiveChoiceField's label reads


def offer_recent_directives(field: forms.ModelChoiceField, directives, selected=None) -> None:
    """Render only the newest directives (plus the one asked for) while still accepting any of them."""
    directives = directives.only(*LABEL_FIELDS)  # not the full texts
    recent = list(directives.order_by("-issued_on", "-pk")[:DIRECTIVE_CHOICES])
    if selected and str(selected).isdecimal() and all(d.pk != int(selected) for d in recent):
        recent += list(directives.filter(pk=int(selected)))
    field.widget.choices = [("", field.empty_label)] + [(d.pk, field.label_from_instance(d)) for d in recent]


def local_agencies():
    """Today's agencies of the province this tiendo serves (every province's when no installation is set)."""
    from tiendo.projects.forms import _local_units_and_agencies

    return _local_units_and_agencies()[1]


def current_agencies():
    """Agencies a task can be given to: today's, of this province (a merged agency's work is its successor's)."""
    return local_agencies()


class DirectiveChoiceField(forms.ModelChoiceField):
    """A directive named by its number (or type), date and title, cut to fit a filter list."""

    def label_from_instance(self, obj):
        text = f"{obj.number or obj.get_kind_display()} ({obj.issued_on:%d/%m/%Y}) {obj.title}"
        return text if len(text) <= 90 else text[:89] + "…"


class AgencyCodeField(KeepCurrentChoiceField):
    """An agency picked by its code, so filter links and the command line share one spelling."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Agency.objects.all())
        kwargs.setdefault("to_field_name", "code")
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return marked_label(obj, obj.name)


class TaskFilterForm(forms.Form):
    """The task board's filters; `tiendo tasks list` reads the same form."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("what, assignee, expected result")}),
    )
    agency = AgencyCodeField(label=_("Agency"), required=False, empty_label=_("All agencies"), widget=QuickSelect)
    directive = DirectiveChoiceField(
        label=_("Directive"),
        required=False,
        queryset=Directive.objects.alive(),
        empty_label=_("All directives"),
        widget=QuickSelect,
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *STATUS_CHOICES], widget=QuickSelect
    )
    due_soon = forms.BooleanField(label=_("Due within 7 days"), required=False)
    deadline_from = DayField(label=_("Deadline from"), required=False)
    deadline_to = DayField(label=_("Deadline to"), required=False)
    day = DayField(label=_("Status on"), required=False, help_text=_("Judge the status on this day."))
    original = forms.BooleanField(label=_("Judge by the original deadline"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("deadline", _("Nearest deadline")),
            ("-deadline", _("Latest deadline")),
            ("-assigned", _("Newest")),
            ("agency", _("Agency")),
        ],
        widget=QuickSelect,
    )

    def __init__(self, *args, user, due_soon_days: int = 7, **kwargs):
        super().__init__(*args, **kwargs)
        self.due_soon_days = due_soon_days
        self.user = user
        self.agencies = access.visible(user, Agency)
        # only the directives the user may open: the list names them (number, date, title)
        self.directives = access.visible(user, Directive)
        self.fields["agency"].queryset = self.agencies.exclude(kind=Agency.Kind.CENTRAL)
        self.fields["directive"].queryset = self.directives
        self._offer_recent_choices()
        self.fields["due_soon"].label = _("Due within %(days)d days") % {"days": due_soon_days}

    def _offer_recent_choices(self):
        """Any agency or directive is accepted (links carry them), but the lists offer only what fits a screen:
        today's agencies of this province, and the newest directives. A nation's 4,000 agencies and 10,000s of
        directives would make every board page a megabyte of <option>s. The lists are the same for everyone who
        sees the same directives: kept until tasks, directives or agencies change (tiendo.core.fragments)."""
        selected = {name: self.data.get(name) for name in ("agency", "directive")} if self.is_bound else {}

        def build():
            agencies = list(local_agencies() & self.agencies)
            if selected.get("agency") and all(a.code != selected["agency"] for a in agencies):
                agencies += list(self.agencies.filter(code=selected["agency"]))
            offer_recent_directives(self.fields["directive"], self.directives, selected.get("directive"))
            agency_choices = [("", str(_("All agencies")))] + [(a.code, a.name) for a in agencies]
            return agency_choices, [(value, str(label)) for value, label in self.fields["directive"].widget.choices]

        scope = fragments.scope_key(self.user, task_scope)
        parts = ["board-choices", scope, timezone.localdate(), selected.get("agency"), selected.get("directive")]
        agency_choices, directive_choices = fragments.cached("tasks", parts, build)
        self.fields["agency"].widget.choices = agency_choices
        self.fields["directive"].widget.choices = directive_choices

    def clean(self):
        data = super().clean()
        start, end = data.get("deadline_from"), data.get("deadline_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the deadline range is after its end."))
        return data

    @property
    def judged_on(self) -> date:
        data = getattr(self, "cleaned_data", None) or {}
        return data.get("day") or timezone.localdate()

    @property
    def judged_by_original(self) -> bool:
        """Whether `apply` judged the statuses by the original deadline (never for an invalid form)."""
        return bool(self.is_valid() and self.cleaned_data["original"])

    def apply(self, tasks):
        """Filter and sort; an invalid form leaves the list unfiltered (its errors are shown)."""
        if not self.is_valid():
            return tasks.with_status(timezone.localdate()).order_by(*TASK_SORTS["deadline"])
        data = self.cleaned_data
        day = self.judged_on
        tasks = tasks.with_status(day, original=data["original"])
        if key := search_key(data["q"]):
            tasks = tasks.filter(search_key__contains=key)
        if data["agency"]:
            tasks = tasks.filter(lead_agency__in=data["agency"].lineage_ids())
        if data["directive"]:
            tasks = tasks.filter(directive=data["directive"])
        if data["status"]:
            tasks = tasks.filter(status=data["status"])
        if data["due_soon"]:
            tasks = tasks.filter(
                status=TaskStatus.IN_PROGRESS,
                deadline__gte=day,
                deadline__lte=day + timedelta(days=self.due_soon_days),
            )
        if data["deadline_from"]:
            tasks = tasks.filter(deadline__gte=data["deadline_from"])
        if data["deadline_to"]:
            tasks = tasks.filter(deadline__lte=data["deadline_to"])
        return tasks.order_by(*TASK_SORTS.get(data["sort"] or "deadline", TASK_SORTS["deadline"]))


class DirectiveForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Directive
        fields = ["kind", "number", "issued_on", "issuer", "signer", "title", "source", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}


class TaskForm(VersionedForm, KeepsCurrentValues, forms.ModelForm):
    lead_agency = AgencyCodeField(label=_("Lead agency"))
    cooperating_agencies = KeepCurrentMultipleChoiceField(
        label=_("Cooperating agencies"),
        required=False,
        queryset=Agency.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    project = KeepCurrentChoiceField(
        label=_("Project code"),
        required=False,
        queryset=Project.objects.alive(),
        to_field_name="code",
        widget=forms.TextInput(attrs={"placeholder": _("e.g. DA-000123")}),
        error_messages={"invalid_choice": _("No project has this code.")},
    )

    class Meta:
        model = Task
        fields = [
            "directive",
            "title",
            "details",
            "assignee_text",
            "lead_agency",
            "responsible_person",
            "cooperating_agencies",
            "cooperating_text",
            "expected_result_kind",
            "expected_result",
            "deadline",
            "deadline_text",
            "standing",
            "waits_on",
            "priority",
            "project",
        ]
        formfield_callback = keeping_formfield
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "details": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = current_agencies() & access.visible(user, Agency)
        self.fields["lead_agency"].queryset = agencies
        self.fields["cooperating_agencies"].queryset = agencies
        self.fields["directive"].queryset = access.visible(user, Directive)
        self.fields["project"].queryset = access.visible(user, Project)

    def clean(self):
        data = super().clean()
        if data.get("standing") and data.get("deadline"):
            self.add_error("deadline", _("A standing task has no deadline: clear one of the two."))
        lead = data.get("lead_agency")
        if lead and lead in (data.get("cooperating_agencies") or []):
            self.add_error("cooperating_agencies", _("The lead agency cannot also be a cooperating agency."))
        return data


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 3}))
    percent = forms.IntegerField(label=_("Done (%)"), min_value=0, max_value=100, required=False)
    reported_on = DayField(label=_("Reported on"), required=False)
    completed = forms.BooleanField(label=_("The task is done"), required=False)
    attachment = forms.FileField(label=_("Attachment"), required=False)

    def clean(self):
        """A task reported done is 100 % done: the percentage may be left out then, and only then."""
        data = super().clean()
        if data.get("percent") is None and "percent" not in self.errors:
            if data.get("completed"):
                data["percent"] = 100
            else:
                self.add_error("percent", forms.Field.default_error_messages["required"])
        return data

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class ExtensionForm(forms.Form):
    requested_deadline = DayField(label=_("New deadline"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ExtensionRequest.State.APPROVED, _("Approve")), (ExtensionRequest.State.REFUSED, _("Refuse"))],
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 2}))
